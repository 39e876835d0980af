"""summarizer: evidence-backed facts from news articles, and where the sources disagree.

>>> from summarizer import compare, extract
>>> summaries = extract(["seeds/"])          # embedded local model, no configuration
>>> summaries[0].event.what, summaries[0].event.grounding.grounded
>>> comparison = compare(summaries)          # events, and where their sources disagree

``Pipeline`` takes an injected client or base URL, a store (or none) and settings; every
error the package raises derives from ``SummarizerError``.
"""

from .config import ConfigError, Settings
from .diff import compare
from .errors import SummarizerError
from .llm import EndpointError
from .load import Article, LoadError
from .local_server import LocalModelError
from .models import (
    Alignment,
    ArticleSummary,
    Claim,
    Comparison,
    Disagreement,
    Event,
    EventReport,
    Extraction,
    Grounding,
    Participant,
    Quantity,
    Status,
)
from .pipeline import Pipeline, aextract, extract
from .store import Store

__all__ = [
    "Alignment",
    "Article",
    "ArticleSummary",
    "Claim",
    "Comparison",
    "ConfigError",
    "Disagreement",
    "EndpointError",
    "Event",
    "EventReport",
    "Extraction",
    "Grounding",
    "LoadError",
    "LocalModelError",
    "Participant",
    "Pipeline",
    "Quantity",
    "Settings",
    "Status",
    "Store",
    "SummarizerError",
    "aextract",
    "compare",
    "extract",
]
