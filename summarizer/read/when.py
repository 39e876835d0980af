"""The event's time: which words of the article date its main event, and what they resolve
to against the article's own date, as an interval with its provenance.

- Which words: the first date, weekday or relative day of the event's sentence, else of the
  story's opening (``story.event_sentence``, ``story.opening_of``), never one that dates
  another event: after "since", "after", "until" (the packs' ``other_time``) or in a
  previous contact ("the last call between them was on 13 May", ``cues``). Page headers,
  captions and datelines are not the story's text. A caller's hint (the model's "when")
  picks among the mentions of one text.
- What they resolve to (``dates.resolve_when``): against the article's own date
  (``anchor_of``: metadata, a page-date line, a ``date`` token, a dateline or the page's
  address) or, for a day and month alone, the one year the story's opening writes.
"""

from __future__ import annotations

import re

from ..cues import find_previous_contact
from ..dates import (
    LEAD,
    OPENING,
    REPORT,
    SENTENCE,
    WEEKDAY_NAMES,
    Anchor,
    ResolvedWhen,
    TimeMention,
    parse_iso_date,
    resolve_when,
    time_mentions,
    weekday_in,
    years_in,
)
from ..lang import packs
from ..models import EventTime, Source
from ..story import STORY_CHARS, event_sentence, lead_sentence, lead_text, opening_of
from ..text import LINKS, SENTENCE_MARKS, normalize, words


def _report_verbs() -> re.Pattern[str]:
    parts = []
    for p in packs():
        if not p.report_verbs_re:
            continue
        conj = f"(?:{'|'.join(map(re.escape, p.conjunctions))})?" if p.conjunctions else ""
        ends = f"(?:{p.verb_endings_re})?" if p.verb_endings_re else ""
        parts.append(f"{conj}(?:{'|'.join(p.report_verbs_re)}){ends}")
    return re.compile(rf"(?<!\w)(?:{'|'.join(parts)})(?!\w)", re.IGNORECASE)


_REPORT = _report_verbs()
REPORT_REACH = 4  # words between a verb of saying and the time that dates its report


_LABEL = re.compile(
    rf"(?<!\w)(?:{'|'.join(re.escape(w) for p in packs() for w in p.date_labels)})(?!\w)",
    re.IGNORECASE,
)


def _reported(text: str, mention: TimeMention) -> bool:
    """Is ``mention`` the time of a report: written within ``REPORT_REACH`` words after a
    verb of saying, in its clause ("the Red Crescent said today", "أعلنت المحكمة أمس",
    "сообщает 13 мая пресс-служба"), or after a page's date label ("posted in Accidents on
    Wednesday, September 18", "updated July 29": the packs' ``date_labels``)?"""
    return after_saying(text, mention.start) or _after(_LABEL, text, mention.start)


def after_saying(text: str, start: int) -> bool:
    """Is ``text[start:]`` written within ``REPORT_REACH`` words after a verb of saying, in
    its clause (what follows says how or when something was said: "told AP by phone")?"""
    return _after(_REPORT, text, start)


def _after(pattern: re.Pattern[str], text: str, start: int) -> bool:
    before = text[max(0, start - 120) : start]
    for m in pattern.finditer(before):
        between = before[m.end() :]
        if len(between.split()) <= REPORT_REACH and not any(c in SENTENCE_MARKS for c in between):
            return True
    return False


_FUTURE = re.compile("|".join(f"(?:{r})" for p in packs() for r in p.future_re))


def to_come(sentence: str) -> bool:
    """Does ``sentence`` report its event as still to come (the packs' ``future_re``: "the
    League will meet in Baghdad", "соберется ..., которые состоятся"), in its own voice (not
    "the ministry said it will cut output": what was said is not when)?"""
    return any(not _REPORT.search(sentence[: m.start()]) for m in _FUTURE.finditer(sentence))


def event_when(
    sentence: str, opening: str, hint: str | None = None
) -> tuple[str | None, str | None]:
    """The words that date the event, and where they were read: the first mention of the
    event's ``sentence`` (the one ``hint`` names, the model's choice, if any), else of the
    story's lead sentence (``story.lead_sentence``), else of its ``opening``, that dates
    neither another event ("since 18 February", the previous
    call's date) nor the report ("the Red Crescent said today": ``_reported``); a report's
    time only when nothing else dates it. An event still to come (``to_come``) is dated by its
    own sentence only: a preview's other sentences date what happens before it ("Abbas
    arrived in Baghdad on Friday"). (None, None) when neither text writes a time."""
    wanted = normalize(hint or "")
    reports: list[str] = []
    preview = bool(sentence) and to_come(sentence)
    for text, where in ((sentence, SENTENCE), (lead_sentence(opening), LEAD), (opening, OPENING)):
        if where != SENTENCE and preview:
            break
        previous = [(p.start, p.end) for p in find_previous_contact(text)]
        found = []
        for m in time_mentions(text):
            if m.other_time or any(s <= m.start < e for s, e in previous):
                continue
            (reports if _reported(text, m) else found).append(m.written)
        if where == SENTENCE and wanted:
            for written in found:
                if wanted in normalize(written) or normalize(written) in wanted:
                    return written, where
        if found:
            return found[0], where
    return (reports[0], REPORT) if reports else (None, None)


def anchor_of(source: Source) -> Anchor | None:
    """The article's own date and where it was read, when its page gives a full date."""
    day = parse_iso_date(source.page_date_iso)
    return Anchor(day, source.page_date_from or "metadata") if day else None


def news_year(lead: str) -> int | None:
    """The year of the article's news when it has no page date: the one year its ``lead``
    writes ("(see Fides 6/9/2024)"), for a date written without one ("7 September")."""
    years = years_in(LINKS.sub(" ", lead))
    return years.pop() if len(years) == 1 else None


def event_time(
    written: str | None, source: Source, read_from: str | None = None
) -> ResolvedWhen | None:
    """``written`` (the words that date the event, read from ``read_from``) resolved against
    the article's own date, else its news's year."""
    return resolve_when(written, anchor_of(source), news_year(source.lead or ""),
                        read_from=read_from)  # fmt: skip


def text_event_time(text: str, anchor: Anchor | None = None) -> ResolvedWhen | None:
    """The event's time from the text alone (no model): the words that date the story's
    first sentence, else its opening, resolved against ``anchor`` or the news's year."""
    lead = text[:STORY_CHARS]
    span = event_sentence(text, lead)
    sentence = text[span[0] : span[1]] if span else ""
    written, read_from = event_when(sentence, opening_of(lead, raw=True))
    return resolve_when(written, anchor, news_year(lead_text(text)), read_from=read_from)


def with_weekday(when: str, *texts: str) -> str:
    """``when`` with the weekday written right before it, where the first of ``texts`` that
    writes ``when`` does: the day of a date ("On Saturday, 9 September", "السبت 9 شتنبر"),
    or the first day of a night ("the night of Sunday 10 to Monday 11 September", "ليلة
    الأحد 10 إلى الاثنين 11 سبتمبر": the event is on either)."""
    resolved = resolve_when(when)
    text = next((t for t in texts if when in t), "")
    at = text.find(when)
    if resolved is None or at < 0 or (resolved.weekday is None and resolved.iso is None):
        return when
    before = text[max(0, at - 32) : at]
    days = [(w, s) for w, s, _ in words(before) if weekday_in(w) is not None]
    if not days:
        return when
    day, start = days[-1]
    between = before[start + len(day) :].strip(" ,،-–—").split()
    joining = [w for w in between if not w.isdigit()]
    if resolved.weekday is None:
        ok = not joining  # a date and its weekday
    else:
        ok = len(joining) == 1 and len(between) <= 2 and weekday_in(when.split()[0]) is not None
    return before[start:] + when if ok else when


def event_time_model(when: str | None, source: Source, read_from: str | None) -> EventTime | None:
    """The event's ``when`` resolved against the article's own date, for the reader."""
    resolved = event_time(when, source, read_from)
    if resolved is None:
        return None
    interval = resolved.interval
    anchor = anchor_of(source)
    if resolved.anchor == "news year":
        against = f"news year {resolved.iso[:4] if resolved.iso else ''}".strip()
    elif resolved.anchor and anchor is not None:
        against = f"{resolved.anchor} {anchor.day.isoformat()}"
    else:
        against = None
    return EventTime(
        written=resolved.written, date=resolved.iso,
        earliest=interval[0] if interval else None, latest=interval[1] if interval else None,
        weekday=WEEKDAY_NAMES[resolved.weekday] if resolved.weekday is not None else None,
        basis=resolved.basis, anchor=against, read_from=read_from,
        provenance=resolved.provenance,
    )  # fmt: skip
