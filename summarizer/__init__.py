"""summarizer: evidence-backed facts from news articles, and where the sources disagree.

>>> from summarizer import extract
>>> summaries = extract(["seeds/"])          # embedded local model, no configuration
>>> summaries[0].event.what, summaries[0].event.grounding.grounded
>>> comparison = compare(summaries)          # events, and where their sources disagree
"""

from .config import ConfigError, Settings
from .diff import compare
from .extract import aextract, extract
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
    "Quantity",
    "Settings",
    "Status",
    "aextract",
    "compare",
    "extract",
]
