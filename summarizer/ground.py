"""Grounding: align each evidence quote to a character span of the original article.

Both texts are normalised (``summarizer.text``). A quote found as a substring is ``exact``.
Otherwise the article window whose words best match the quote's words, in order, is ``fuzzy``
when at least ``FUZZY_THRESHOLD`` of the quote's words are matched; else ``not_found``.
Key values (a name, a number, a date) must also occur in the article: a quote that aligns but
whose value is nowhere in the text is not grounded.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher

from .models import (
    Alignment,
    Claim,
    ClaimFields,
    Event,
    EventFields,
    Extraction,
    Grounding,
    Participant,
    ParticipantFields,
    Quantity,
    QuantityFields,
)
from .text import Normalized, normalize, normalize_with_map

FUZZY_THRESHOLD = 0.75
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class _Word:
    text: str
    start: int  # offsets in the normalised text
    end: int


class ArticleIndex:
    """An article prepared for repeated alignment: normalised text and its words."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.norm: Normalized = normalize_with_map(text)
        self.words = [_Word(m.group(), m.start(), m.end()) for m in _WORD.finditer(self.norm.text)]
        self._tokens = [w.text for w in self.words]

    def contains(self, value: str) -> bool:
        """Does ``value`` occur in the article after normalisation (on word boundaries or inside
        a word, as Arabic attaches prefixes such as و and ال)?"""
        needle = normalize(value)
        return bool(needle) and needle in self.norm.text

    def align(self, quote: str) -> tuple[Alignment, int | None, int | None, float]:
        needle = normalize(quote)
        if not needle:
            return Alignment.NOT_FOUND, None, None, 0.0
        pos = self.norm.text.find(needle)
        if pos >= 0:
            start, end = self.norm.span(pos, pos + len(needle))
            return Alignment.EXACT, start, end, 1.0
        return self._fuzzy(needle.split())

    def _fuzzy(self, qwords: list[str]) -> tuple[Alignment, int | None, int | None, float]:
        n = len(qwords)
        if n < 2 or not self.words:
            return Alignment.NOT_FOUND, None, None, 0.0
        wanted = Counter(qwords)
        best_overlap, best_i = 0, 0
        window = Counter(self._tokens[:n])
        for i in range(len(self._tokens) - n + 1):
            if i:
                window[self._tokens[i - 1]] -= 1
                window[self._tokens[i + n - 1]] += 1
            overlap = sum(min(c, window[w]) for w, c in wanted.items())
            if overlap > best_overlap:
                best_overlap, best_i = overlap, i
        if best_overlap / n < FUZZY_THRESHOLD:
            return Alignment.NOT_FOUND, None, None, round(best_overlap / n, 3)
        # Score the best window (with some slack either side) by words matched in order.
        lo, hi = max(0, best_i - 2), min(len(self.words), best_i + n + 2)
        matcher = SequenceMatcher(None, self._tokens[lo:hi], qwords, autojunk=False)
        blocks = [b for b in matcher.get_matching_blocks() if b.size]
        matched = sum(b.size for b in blocks)
        score = matched / n
        if score < FUZZY_THRESHOLD:
            return Alignment.NOT_FOUND, None, None, round(score, 3)
        first = self.words[lo + blocks[0].a]
        last = self.words[lo + blocks[-1].a + blocks[-1].size - 1]
        start, end = self.norm.span(first.start, last.end)
        return Alignment.FUZZY, start, end, round(score, 3)

    def ground(self, evidence: str, values: list[str | None]) -> Grounding:
        alignment, start, end, score = self.align(evidence)
        found = all(self.contains(v) for v in values if v)
        return Grounding(alignment=alignment, start=start, end=end, score=score, values_found=found)


def ground_extraction(
    text: str, extraction: Extraction
) -> tuple[Event, list[Participant], list[Quantity], list[Claim]]:
    """Attach a ``Grounding`` to every item of ``extraction`` against the article ``text``.

    The key values checked per item: the event's date; a participant's name; a quantity's value;
    a claim's speaker. Free-text fields (what happened, what was claimed) are checked through
    their evidence quote only.
    """
    index = ArticleIndex(text)

    def event(e: EventFields) -> Event:
        return Event(**e.model_dump(), grounding=index.ground(e.evidence, [e.when]))

    def participant(p: ParticipantFields) -> Participant:
        return Participant(**p.model_dump(), grounding=index.ground(p.evidence, [p.name]))

    def quantity(q: QuantityFields) -> Quantity:
        return Quantity(**q.model_dump(), grounding=index.ground(q.evidence, [q.value]))

    def claim(c: ClaimFields) -> Claim:
        return Claim(**c.model_dump(), grounding=index.ground(c.evidence, [c.speaker]))

    return (
        event(extraction.event),
        [participant(p) for p in extraction.participants],
        [quantity(q) for q in extraction.quantities],
        [claim(c) for c in extraction.claims],
    )
