"""Cues in the text about the event's circumstances: who initiated it ("at the request of",
the packs' ``initiative`` words) and when the previous contact was ("the last
call", "the first call since ..."), with the clause that states them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dates import find_dates
from .lang import packs
from .text import CLAUSE_MARKS, COMMAS, normalize, phrases_re, sentence_bounds


def clause_around(text: str, start: int, end: int, reach: int = 90) -> tuple[int, int]:
    """Offsets of the clause that holds [start, end): back to a sentence break, a line break
    or ``reach`` characters (at a word boundary), whichever is nearest."""
    lo = max(0, start - reach, sentence_bounds(text, start, clause=True)[0])
    if lo > 0 and not text[lo - 1].isspace() and text[lo - 1] not in CLAUSE_MARKS:
        space = text.find(" ", lo, start)
        lo = space + 1 if space >= 0 else lo
    while lo < start and text[lo].isspace():
        lo += 1
    return lo, end


_PACKS = packs()
_INITIATIVE = re.compile(
    phrases_re([w for p in _PACKS for w in p.initiative], raw=True)
    + rf"\s+(?P<who>[^{re.escape(COMMAS)}.\n:()\"“”«»]{{2,60}})",
    re.IGNORECASE,
)


def find_initiator(text: str) -> tuple[str, int, int] | None:
    """Who initiated, requested or invited the event, when the text says so with a marker
    such as "at the request of" (the packs' ``initiative``): (who, start, end)."""
    m = _INITIATIVE.search(text)
    if m is None:
        return None
    words = m.group("who").split()[:4]
    who = " ".join(words)
    start = m.start("who")
    return who, start, start + len(who)


# A conjunction may be attached to "since" (Arabic wa-mundhu: "and since").
_ATTACHED = "|".join(
    ["(?<!\\w)"] + [f"(?<=(?<!\\w){re.escape(c)})" for p in _PACKS for c in p.conjunctions]
)
_SINCE_DATE = (
    rf"(?:{_ATTACHED}){phrases_re([w for p in _PACKS for w in p.since], raw=True)}"
    r"(?=\s+(?:\S+\s+\d{1,2},?\s+)?\d{4}|\s+\d{1,2}\s+\S+\s+\d{4}|\s+\S+\s+\d{4})"
)
_PREVIOUS = re.compile(
    "|".join([*(r for p in _PACKS for r in p.previous_re), _SINCE_DATE]), re.IGNORECASE
)
_BETWEEN = re.compile(
    rf"(?:^|\s){phrases_re([w for p in _PACKS for w in p.between], raw=True)}\s", re.IGNORECASE
)
_SINCE = {normalize(w) for p in _PACKS for w in p.since}
_CONJUNCTION = "|".join(re.escape(c) for p in _PACKS for c in p.conjunctions)
_FIRST = re.compile(
    rf"(?:^|\s)(?:{_CONJUNCTION})?{phrases_re([w for p in _PACKS for w in p.first])}(?:\s|$)"
)


@dataclass(frozen=True)
class FoundPrevious:
    marker: str  # "last call", "since", as written
    date: str  # as written
    start: int  # the clause, from the marker to the date
    end: int


def find_previous_contact(text: str, reach: int = 120) -> list[FoundPrevious]:
    """Where the text dates the previous contact: "the last call between them goes back to
    13 May", "the first call ... since March 2023", "the last call between them was on 15 March"
    (in every pack's words: ``previous_re``, ``between``, ``first``, ``since``): the marker and
    the first date within ``reach`` characters after it, in the same sentence. A "last"
    needs a "between" (the last call between the two, not the last meeting of something
    else); a "since" needs a "first" before it (the first call since ...)."""
    found = []
    for m in _PREVIOUS.finditer(text):
        window = text[m.end() : m.end() + reach]
        dates = find_dates(window[: sentence_bounds(window, 0)[1]])
        if not dates:
            continue
        if normalize(m.group()) in _SINCE:
            ok = _FIRST.search(normalize(text[max(0, m.start() - 80) : m.start()])) is not None
        else:
            ok = _BETWEEN.search(window[: dates[0].start]) is not None
        if ok:
            d = dates[0]
            found.append(FoundPrevious(m.group(), d.written, m.start(), m.end() + d.end))
    return found
