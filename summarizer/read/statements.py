"""Statements attributed to named sources, read from the text (``statements_of``)."""

from __future__ import annotations

from ..models import (
    Claim,
)
from ..statements import find_statements
from .found import from_text

MAX_CLAIMS = 12


STATEMENT = "found in the text: a reporting verb and its speaker"


def statements_of(text: str, participants: list[str]) -> list[Claim]:
    """The statements about the event the text reports (``statements.find_statements``), as
    claims quoting their own clause: exact by construction. At most ``MAX_CLAIMS``."""
    return [
        Claim(evidence=text[s.start : s.end], speaker=s.speaker, claim=s.what,
              grounding=from_text(s.start, s.end, STATEMENT))
        for s in find_statements(text, participants)[:MAX_CLAIMS]
    ]  # fmt: skip
