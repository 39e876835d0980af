"""Cues in the text about the event's circumstances: who initiated it ("at the request of",
"hosted by", the packs' ``initiative`` words) and when the previous event of its kind was
("the last meeting between them", "the first summit since 2012"), with the clause that states
them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dates import find_dates
from .entities import is_role
from .lang import packs
from .text import CLAUSE_MARKS, COMMAS, normalize, phrases_re, sentence_bounds, stopwords


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
    rf"(?P<marker>{phrases_re([w for p in _PACKS for w in p.initiative], raw=True)})"
    + rf"(?=\s+(?P<who>[^{re.escape(COMMAS)}.\n:()\"“”«»]{{2,60}}))",  # no overlap lost
    re.IGNORECASE,
)


def _agent(marker: str, who: str) -> bool:
    """Can ``who`` be the agent a marker introduces? After a preposition ("at the request of",
    "hosted by", "à la demande de") anything can; after a noun or a verb (Russian "по
    инициативе", "организовала") the words that follow may be its object ("организовала
    обмен"): they must then start with a name (a capital, or a script without case) or a role,
    nationality or place word ("по инициативе американской стороны")."""
    last = normalize(marker).split()[-1:]
    if not last or last[0] in stopwords():
        return True
    first = who.split()[0]
    letter = next((c for c in first if c.isalpha()), "")
    return not letter.islower() or is_role(normalize(first))


_INITIATIVE_BEFORE = re.compile(
    "|".join(f"(?:{r})" for p in _PACKS for r in p.initiative_before) or "(?!)", re.IGNORECASE
)
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_CLAUSE_OPENERS = frozenset(
    normalize(w) for p in _PACKS for w in (*p.complementisers, *p.but, *p.relatives, *p.pronouns)
)


def find_initiator(text: str) -> tuple[str, int, int] | None:
    """Who initiated, requested, invited, organised, hosted or claimed the event, when the
    text says so with a marker such as "at the request of", "hosted by", "بناء على طلب",
    "по инициативе" (the packs' ``initiative``), or with a verb of initiating after its
    agent ("Austin initiated the call", "a US-initiated call": ``initiative_before``): (who,
    start, end), the first the text writes."""
    found = []
    for m in _INITIATIVE.finditer(text):
        if _agent(m.group("marker"), m.group("who")):
            who = " ".join(m.group("who").split()[:4])
            found.append((who, m.start("who"), m.start("who") + len(who)))
            break
    after = found[0][1] if found else len(text)
    for m in _INITIATIVE_BEFORE.finditer(text, 0, after):
        if m.end() > after - 2:
            break  # its agent follows it ("разговор инициировала российская сторона")
        if (agent := _agent_before(text, m.start())) is not None:
            found.append((text[agent[0] : agent[1]], *agent))
            break
    return min(found, key=lambda f: f[1]) if found else None


def _agent_before(text: str, end: int) -> tuple[int, int] | None:
    """The agent written right before a verb at ``end`` (up to four words of its clause): in
    a cased script the capitalised and role words back to the first other one ("said
    Austin", "that the Pentagon chief"); in any script not past a complementiser, a word that
    opens a clause or a pronoun ("he initiated" names no one), nor a function word it starts
    with."""
    lo = sentence_bounds(text, end, clause=True)[0]
    words = list(_WORD.finditer(text, max(lo, end - 80), end))
    kept: list[re.Match[str]] = []
    for w in reversed(words[-4:]):
        if text[w.end() : kept[0].start() if kept else end].strip(" -"):
            break  # a comma or a mark between: another part of the clause
        raw, norm = w.group(), normalize(w.group())
        cased = raw[0].lower() != raw[0].upper()
        if norm in _CLAUSE_OPENERS or (cased and raw[0].islower() and not is_role(norm)
                                       and norm not in stopwords()):  # fmt: skip
            break
        kept.insert(0, w)
    while kept and normalize(kept[0].group()) in stopwords():
        kept.pop(0)
    return (kept[0].start(), kept[-1].end()) if kept else None


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
# A year written alone ("the first summit since 2012"), not part of a date or a number.
_YEAR = re.compile(r"(?<![\d/.,:-])(?:1[89]|20)\d\d(?![\d/.,:-]|\s*%)")
# Words of time that follow "last" in a date, not an event: "last week", "الشهر الأخير".
_TIME_WORDS = frozenset(
    normalize(w)
    for p in _PACKS
    for w in (*p.months, *(d for day in p.weekdays for d in day), *p.relative_days,
              *p.single_units)
)  # fmt: skip
_TIME_UNITS = re.compile("|".join(f"(?:{u})" for p in _PACKS for u, _, _ in p.units_re) or "(?!)")


def names_previous(text: str) -> bool:
    """Does ``text`` name a previous contact or a previous event of the kind ("their last
    call", "the previous meeting", "since May 2023"), not a word of time ("last week")?"""
    return any(not _time_word(m.group()) for m in _PREVIOUS.finditer(text))


def _time_word(marker: str) -> bool:
    """Is the noun of a "last ..." marker a word of time ("last week", "последние месяцы")?"""
    return any(w in _TIME_WORDS or _TIME_UNITS.fullmatch(w) for w in normalize(marker).split())


@dataclass(frozen=True)
class FoundPrevious:
    marker: str  # "last call", "since", as written
    date: str  # as written
    start: int  # the clause, from the marker to the date
    end: int


def _first_date(window: str) -> tuple[str, int] | None:
    """The first date written in ``window`` (a year alone counts): (as written, its end)."""
    dates = find_dates(window)
    year = _YEAR.search(window)
    if dates and (year is None or dates[0].start <= year.start()):
        return dates[0].written, dates[0].end
    if year is not None:
        return year.group(), year.end()
    return None


def find_previous_contact(text: str, reach: int = 120) -> list[FoundPrevious]:
    """Where the text dates the previous event of the same kind: "the last call between them
    goes back to 13 May", "the first summit ... since 2012", "the last meeting between them was
    on 15 March" (in every pack's words: ``previous_re``, ``between``, ``first``, ``since``):
    the marker and the first date (or year) within ``reach`` characters after it, in the same
    sentence. A "last <noun>" needs a "between" (or "with") before the date (the last meeting
    between the two, not the last meeting of something else), and its noun must not be a word
    of time ("last week"); a "since" needs a "first" before it (the first visit since ...)."""
    found = []
    for m in _PREVIOUS.finditer(text):
        window = text[m.end() : m.end() + reach]
        date = _first_date(window[: sentence_bounds(window, 0)[1]])
        if date is None:
            continue
        written, end = date
        if normalize(m.group()) in _SINCE:
            before = normalize(text[max(0, m.start() - 80) : m.end()])
            ok = _FIRST.search(before) is not None
        else:
            ok = not _time_word(m.group())
            ok = ok and _BETWEEN.search(window[: end - len(written)]) is not None
        if ok:
            found.append(FoundPrevious(m.group(), written, m.start(), m.end() + end))
    return found
