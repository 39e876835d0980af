"""Dates as written in news, in the languages of the packs, resolved to calendar values.

Dates are found on normalised text (see ``summarizer.text``) and reported with their span in
the original text, so what was written is always kept beside what it resolved to.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from urllib.parse import urlsplit

from .lang import packs
from .text import Normalized, bare, normalize, normalize_with_map, phrases_re, words

_PACKS = packs()
_MONTHS: dict[str, int] = {normalize(n): m for p in _PACKS for n, m in p.months.items()}
# Display names, Monday first (English, as the reports are written in English).
WEEKDAY_NAMES = tuple(calendar.day_name)
WEEKDAYS: dict[str, int] = {
    normalize(name): n for p in _PACKS for n, names in enumerate(p.weekdays) for name in names
}
_RELATIVE: dict[tuple[str, ...], int] = {
    tuple(normalize(w).split()): n for p in _PACKS for w, n in p.relative_days.items()
}
# The same phrases by their first word, so that each word is looked up once.
_RELATIVE_BY_FIRST: dict[str, list[tuple[tuple[str, ...], int]]] = {}
for _phrase, _offset in sorted(_RELATIVE.items(), key=lambda kv: -len(kv[0])):  # longest first
    _RELATIVE_BY_FIRST.setdefault(_phrase[0], []).append((_phrase, _offset))
_LAST_YEAR = re.compile(phrases_re([w for p in _PACKS for w in p.last_year]))
_PAST_DAYS = frozenset(normalize(w) for p in _PACKS for w in p.past_days)
_NEXT_DAYS = frozenset(normalize(w) for p in _PACKS for w in p.next_days)

# Longest names first so that a two-word month name wins over a shorter overlap.
_MONTH_RE = "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True))
# The Levantine and the Egyptian month name are often written together: "13 Ayyar Mayu".
_MONTH_WORD = phrases_re([w for p in _PACKS for w in p.month_words])
_MONTH_GROUP = rf"(?:(?:{_MONTH_WORD})\s+)?(?P<month>{_MONTH_RE})(?:\s+(?:{_MONTH_RE}))?"
_SUFFIX = phrases_re([w for p in _PACKS for w in p.day_suffixes])
_DAY = rf"(?P<day>[0-3]?\d)(?:\s?(?:{_SUFFIX}))?"  # "5-го": normalised text writes "5 го"
_YEAR_WORD = rf"(?:{phrases_re([w for p in _PACKS for w in p.year_words])}\s+)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
# A date may carry attached particles (the packs' ``date_prefixes``: Arabic "and in 30 ...").
_START = "|".join(
    ["(?<!\\w)"]
    + [f"(?<=(?<!\\w){re.escape(normalize(x))})" for p in _PACKS for x in p.date_prefixes]
)
_START = f"(?:{_START})"
# Between the two days of a range: a dash, or a pack's link word ("5 to 7", "5 و7", "с 5 по 7").
_LINK_WORDS = phrases_re([w for p in _PACKS for w in p.day_range_links])
_RANGE_LINK = rf"(?:\s+(?:{_LINK_WORDS})\s*|\s+)"  # normalised text writes a dash as a space
_DASH = re.compile(r"^\s*[-–—]\s*$")
_DAY2 = rf"(?P<day2>[0-3]?\d)(?:\s?(?:{_SUFFIX}))?"
_ORDINAL_DAYS = {normalize(w): n for p in _PACKS for w, n in p.ordinal_days.items()}
_DAY_OF = phrases_re([w for p in _PACKS for w in p.day_of])
_ORDINAL = phrases_re(list(_ORDINAL_DAYS))
_DATE_PATTERNS = [
    # a range of days is dated by its first: "5-7 March 2025", "March 5-7, 2025", "du 5 au 7 mars"
    re.compile(
        rf"{_START}{_DAY}{_RANGE_LINK}{_DAY2}\s+{_MONTH_GROUP}"
        rf"(?:\s*{_YEAR_WORD}{_YEAR})?(?![\w])"
    ),
    re.compile(rf"{_START}{_MONTH_GROUP}\s+{_DAY}{_RANGE_LINK}{_DAY2}(?:,?\s+{_YEAR})?(?![\w])"),
    # the day as an ordinal or with "of": "الخامس من مارس 2025", "the 5th of March 2025"
    re.compile(
        rf"{_START}(?:(?P<ordinal>{_ORDINAL})|{_DAY})\s+(?:{_DAY_OF})\s+{_MONTH_GROUP}"
        rf"(?:\s*{_YEAR_WORD}{_YEAR})?(?![\w])"
    ),
    # a year may be glued to the month's name by a missing space ("7 سبتمبر2024")
    re.compile(rf"{_START}{_DAY}\s+{_MONTH_GROUP}(?:\s*{_YEAR_WORD}{_YEAR})?(?![\w])"),
    re.compile(rf"{_START}{_MONTH_GROUP}\s+{_DAY}(?:\s+{_YEAR})?(?![\w])"),
    re.compile(rf"{_START}{_MONTH_GROUP}\s+{_YEAR_WORD}{_YEAR}(?![\w])"),
    # a month of the year before ("в середине марта прошлого года", "March last year")
    re.compile(rf"{_START}{_MONTH_GROUP}\s+{_LAST_YEAR.pattern}(?![\w])"),
    re.compile(rf"{_START}{_YEAR}\s+(?P<month>[01]?\d)\s+(?P<day>[0-3]?\d)(?![\w])"),
    re.compile(rf"{_START}(?P<day>[0-3]?\d)\s+(?P<month>[01]?\d)\s+{_YEAR}(?![\w])"),
]
# An all-digit date is written with one separator throughout: 2023-09-08, 2023/9/8, 2023.09.08;
# day first, 08.09.2023 (the point: day, month, year), or 21/10/2022 when the day cannot be a
# month (the slash and the dash are also written month first).
_NUMERIC = re.compile(r"\d{4}([-/.])\d{1,2}\1\d{1,2}")
_NUMERIC_DAY_FIRST = re.compile(r"(\d{1,2})([-/.])\d{1,2}\2\d{4}")


@dataclass(frozen=True)
class WrittenDate:
    """A date found in text: where it was written and what it says (parts may be unknown)."""

    written: str
    start: int
    end: int
    year: int | None
    month: int
    day: int | None

    @property
    def iso(self) -> str:
        """ISO form at the precision written: YYYY-MM-DD, YYYY-MM, or --MM-DD without a year."""
        if self.year is None:
            return f"--{self.month:02d}-{self.day:02d}" if self.day else f"--{self.month:02d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


SHORT_TEXT = 200  # the dates of a value, a line or a 'when' are kept, by its text


def find_dates(text: str, norm: Normalized | None = None) -> list[WrittenDate]:
    """All dates in ``text``, in order of appearance, without overlaps (``norm``: the text's
    ``normalize_with_map``, when the caller has it)."""
    if norm is None and len(text) <= SHORT_TEXT:
        return list(_short_dates(text))
    return _find_dates(text, norm or normalize_with_map(text))


@lru_cache(maxsize=65536)
def _short_dates(text: str) -> tuple[WrittenDate, ...]:
    return tuple(_find_dates(text, normalize_with_map(text)))


def _find_dates(text: str, norm: Normalized) -> list[WrittenDate]:
    found: list[WrittenDate] = []
    taken: list[tuple[int, int]] = []
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(norm.text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            month = _MONTHS.get(m.group("month"))
            if month is None:
                month = int(m.group("month"))
            day = int(m.group("day")) if "day" in m.groupdict() and m.group("day") else None
            if m.groupdict().get("ordinal"):
                day = _ORDINAL_DAYS[m.group("ordinal")]
            year = int(m.group("year")) if m.groupdict().get("year") else None
            if not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
                continue
            if m.groupdict().get("day2"):
                if not (day or 0) < int(m.group("day2")) <= 31:
                    continue  # not a range of days: "1-0 March" is no date
                lo = norm.span(m.start("day"), m.end("day"))[1]
                hi = norm.span(m.start("day2"), m.end("day2"))[0]
                if not (_DASH.match(text[lo:hi]) or normalize(text[lo:hi]).split()):
                    continue  # two numbers with only a space between them: no range
            start, end = norm.span(m.start(), m.end())
            if pattern is _DATE_PATTERNS[-2] and not _NUMERIC.fullmatch(text[start:end]):
                continue  # "2007, 6:04" is a year and a time, not a date
            if pattern is _DATE_PATTERNS[-1]:
                written = _NUMERIC_DAY_FIRST.fullmatch(text[start:end])
                if not written or (written.group(2) != "." and (day or 0) <= 12):
                    continue  # "6 10 2024" in words, or 6/10/2024: which is the month?
            taken.append((m.start(), m.end()))
            found.append(WrittenDate(text[start:end], start, end, year, month, day))
    return sorted(found, key=lambda d: d.start)


ANCHORS = ("metadata", "page date", "date token", "dateline", "url")
# The page's address is not the text: a page filed under one date may carry later news. Its
# date bounds the event to a window of days around it; it never states the event's day.
ADDRESS = "url"
ADDRESS_DAYS = 7
# Anchors that may not be the article's own date (``ResolvedWhen.firm``).
SOFT_ANCHORS = frozenset({"page date", "news year"})


@dataclass(frozen=True)
class Anchor:
    """The article's own date (the day it was published), and where it was read: the
    caller's metadata (a feed, a record, an HTML page), a page-date line, a ``date`` token
    that opens the text, a dateline, or the page's address (one of ``ANCHORS``)."""

    day: date
    kind: str = "metadata"


@dataclass(frozen=True)
class ResolvedWhen:
    """A 'when' as written and what it resolves to, with the basis of the resolution and
    what anchored it (``anchor``: an ``Anchor.kind``, or "news year")."""

    written: str
    weekday: int | None  # Monday = 0
    iso: str | None  # at the precision known: YYYY-MM-DD, YYYY-MM, --MM-DD
    basis: str  # "date", "date+reference", "date+year", "weekday+reference",
    #             "relative+reference", "weekday", "unresolved"
    anchor: str | None = None
    read_from: str | None = None  # where the words were read: event sentence, opening...
    # the days the event can be on when the words and the page's printed date do not say:
    # around the date the page's address writes (``ADDRESS_DAYS``)
    window: tuple[date, date] | None = None

    @property
    def interval(self) -> tuple[date, date] | None:
        """The first and the last day the event can be on, when the year is known: one day
        for a full date, a month for a month and year, the ``window`` the page's address
        allows; None otherwise (a weekday alone, a day and month without a year: no anchor
        gives no interval, never a guess)."""
        if not self.iso or self.iso.startswith("--"):
            return self.window
        parts = [int(p) for p in self.iso.split("-")]
        if len(parts) == 3:
            day = date(*parts)
            return day, day
        year, month = parts
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])

    @property
    def firm(self) -> ResolvedWhen:
        """What holds whatever its anchor is worth. A page-date line may be the day the page
        was fetched (a site's header prints today's date) and a year the lead writes may be
        another event's: what they resolved dates nothing by itself, and only the weekday
        and the day and month written stay."""
        if self.anchor not in SOFT_ANCHORS or self.iso is None:
            return self
        weekday = weekday_in(self.written)
        if self.basis in ("date+reference", "date+year"):
            return replace(self, weekday=weekday, iso="--" + self.iso[5:], basis="date",
                           anchor=None)  # fmt: skip
        basis = "weekday" if weekday is not None else "unresolved"
        return replace(self, weekday=weekday, iso=None, basis=basis, anchor=None)

    @property
    def provenance(self) -> str:
        """How the event's day was settled, in words: what was written and what anchored it."""
        how = _PROVENANCE.get(self.basis, self.basis)
        if self.anchor == ADDRESS:
            return f"{how}, within {ADDRESS_DAYS} days of the date the page's address writes"
        return f"{how} ({self.anchor})" if self.anchor else how


_PROVENANCE = {
    "date": "a date written with its year",
    "date+reference": "a day and month, in the year of the article's date",
    "date+year": "a day and month, in the one year the story's opening writes",
    "weekday+reference": "a weekday, the last one on or before the article's date",
    "relative+reference": "a relative day, counted from the article's date",
    "weekday": "a weekday, with no date to anchor it",
    "unresolved": "no date, weekday or relative day",
}


def weekday_in(text: str) -> int | None:
    """The first weekday named in ``text`` (Monday = 0), also with an attached conjunction."""
    for word in normalize(text).split():
        for candidate in (word, bare(word)):
            if candidate in WEEKDAYS:
                return WEEKDAYS[candidate]
    return None


@lru_cache(maxsize=65536)
def weekdays_in(text: str) -> frozenset[int]:
    """Every weekday named in ``text``: a night is written with two ("the night of Sunday
    to Monday")."""
    return frozenset(WEEKDAYS[c] for word in normalize(text).split() for c in (word, bare(word))
                     if c in WEEKDAYS)  # fmt: skip


def days_of(when: ResolvedWhen | None) -> frozenset[int]:
    """The weekdays a resolved "when" covers: its own and every one it names (a night: two)."""
    if when is None:
        return frozenset()
    own = frozenset() if when.weekday is None else frozenset({when.weekday})
    return weekdays_in(when.written) | own


def gap_days(a: ResolvedWhen | None, b: ResolvedWhen | None) -> int | None:
    """The fewest days between two events' times: 0 when they can be the same day, None when
    nothing tells. Intervals when both years are known; else days and months (a year apart
    or not: the nearest); else weekdays (a night counts both its days)."""
    if a is None or b is None:
        return None
    ia, ib = a.interval, b.interval
    if ia and ib:
        return max(0, (ia[0] - ib[1]).days, (ib[0] - ia[1]).days)
    da, db = _month_day(a.iso), _month_day(b.iso)
    if da and db:
        return _days_between(da, db)
    for interval, md in ((ia, db), (ib, da)):  # a span of days against a day and month
        if interval and md and (interval[1] - interval[0]).days < 300:
            if any(_month_day(day.isoformat()) == md for day in _days(interval)):
                return 0
            return min(_days_between(md, (d.month, d.day)) for d in interval)
    wa, wb = days_of(a), days_of(b)
    if wa and wb:
        return min(min((x - y) % 7, (y - x) % 7) for x in wa for y in wb)
    return None


# Where the words that date an event were read (``ResolvedWhen.read_from``): the sentence that
# reports it, the story's lead sentence, its opening further on, the story further on, or a
# report's clause ("the ministry said on Friday") when nothing else dates it.
SENTENCE, LEAD, OPENING, STORY, REPORT = (
    "event sentence", "lead sentence", "opening", "story", "report"
)  # fmt: skip
# Read further on in a story, a time may date something else than the event.
WEAK_READS = frozenset({OPENING, STORY})


def read_where_reported(when: ResolvedWhen | None) -> bool:
    """Was ``when`` read where the event is reported (its sentence, the lead sentence, the
    report's clause), or given by the caller without saying where?"""
    return when is not None and when.read_from not in WEAK_READS


# Two events whose times cannot come within this many days of each other are two events.
# One day: the same event is dated by its local day and by the day the news reached another
# time zone, and a report the next day may date it by its own day.
SLACK_DAYS = 1


# A time read further on in a story may date one of its sides (an arrival the day before, a
# report days later): such a time keeps two events apart only when they are further apart
# than a story's days (calibrated: 7, 30 and 90 days give the same groups on the dev,
# calls and validation sets; the fast path on ECB+ prefers more, on the calls set less).
WEAK_SLACK_DAYS = 30


def times_apart(a: ResolvedWhen | None, b: ResolvedWhen | None) -> bool:
    """Can two events' times not be one event's: more than ``SLACK_DAYS`` apart on what holds
    whatever the articles' dates are worth (``ResolvedWhen.firm``), or ``WEAK_SLACK_DAYS``
    when either was read further on in its story, other than a date written as a date in
    its opening (a weekday or "yesterday" there may date a side: an arrival, a report)?"""
    gap = gap_days(a.firm if a else None, b.firm if b else None)
    strong = all(read_where_reported(w) or _dated_opening(w) for w in (a, b))
    return gap is not None and gap > (SLACK_DAYS if strong else WEAK_SLACK_DAYS)


def _dated_opening(when: ResolvedWhen | None) -> bool:
    """Was ``when`` written as a date (a day and month, not a weekday or "yesterday") in the
    story's opening?"""
    return when is not None and when.read_from == OPENING and when.basis.startswith("date")


def _days_between(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Days between two days of the year (month, day), whatever the years: the nearest."""
    gap = abs((date(2001, *a) - date(2001, *b)).days)
    return min(gap, 365 - gap)


def _days(interval: tuple[date, date]) -> list[date]:
    return [interval[0] + timedelta(days=k) for k in range((interval[1] - interval[0]).days + 1)]


def _month_day(iso: str | None) -> tuple[int, int] | None:
    """(month, day) of an ISO date of any precision that writes both."""
    if not iso:
        return None
    parts = iso.lstrip("-").split("-")
    if iso.startswith("--") and len(parts) == 2:
        return int(parts[0]), int(parts[1])
    if len(parts) == 3:
        return int(parts[1]), int(parts[2])
    return None


def _relative(words: list[str], i: int) -> tuple[int, int] | None:
    """(days from the reference, words taken) when a relative day starts at ``words[i]``."""
    for phrase, offset in _RELATIVE_BY_FIRST.get(words[i], ()):
        if tuple(words[i : i + len(phrase)]) == phrase:
            return offset, len(phrase)
    return None


def _nearest_year(month: int, day: int | None, reference: date) -> int:
    """The year that puts a day and month nearest the reference day (30 December against
    2 January is the year before; 26 June against 25 June the same year)."""

    def distance(year: int) -> int:
        try:
            return abs((date(year, month, day or 15) - reference).days)
        except ValueError:  # 29 February of a year that has none
            return 10**6

    return min((reference.year - 1, reference.year, reference.year + 1), key=distance)


def resolve_when(
    written: str | None,
    reference: date | Anchor | None = None,
    year: int | None = None,
    *,
    read_from: str | None = None,
) -> ResolvedWhen | None:
    """Resolve an event's 'when' against the article's own date (``reference``), if any.

    An explicit date wins; a date without a year takes the year that puts it nearest the
    reference ("last year": the year before it), or without a reference the ``year`` of the
    article's news, if known. A weekday or "yesterday" needs the reference: the latest such
    day on or before it. Without a reference a weekday stays a weekday. ``read_from`` (where
    the words were read) is kept on the result.
    """
    found = _resolve(written, reference, year)
    if found is not None and isinstance(reference, Anchor) and reference.kind == ADDRESS:
        found = _within_address(found, reference.day)
    return replace(found, read_from=read_from) if found and read_from else found


def _within_address(found: ResolvedWhen, address: date) -> ResolvedWhen:
    """A resolution against the page address's date (``address``) as what the words alone
    say, with the window of days that date allows: the day itself for a day and month (its
    year is the one that puts it nearest), ``ADDRESS_DAYS`` either side of the address's
    date for a weekday or a relative day."""
    day = parse_iso_date(found.iso)
    if found.anchor != ADDRESS or day is None:
        return found
    if found.basis == "date+reference":
        return replace(found, iso=f"--{found.iso[5:]}" if found.iso else None, basis="date",
                       window=(day, day))  # fmt: skip
    span = timedelta(days=ADDRESS_DAYS)
    weekday = weekday_in(found.written)
    basis = "weekday" if weekday is not None else "unresolved"
    window = (address - span, address + span)
    return replace(found, weekday=weekday, iso=None, basis=basis, window=window)


def _resolve(
    written: str | None, reference: date | Anchor | None, year: int | None
) -> ResolvedWhen | None:
    if not written or not written.strip():
        return None
    anchor = reference if isinstance(reference, Anchor) else None
    day_of = anchor.day if anchor else reference
    kind = anchor.kind if anchor else None
    assert day_of is None or isinstance(day_of, date)
    weekday = weekday_in(written)
    dates = find_dates(written)
    tokens = normalize(written).split()
    if dates:
        d = dates[0]
        source = None
        if d.year is None and day_of is not None:
            if _LAST_YEAR.search(" ".join(tokens)):
                year = day_of.year - 1
            else:
                year = _nearest_year(d.month, d.day, day_of)
            d = WrittenDate(d.written, d.start, d.end, year, d.month, d.day)
            basis, source = "date+reference", kind
        elif d.year is None and year is not None:
            d = WrittenDate(d.written, d.start, d.end, year, d.month, d.day)
            basis, source = "date+year", "news year"
        else:
            basis = "date"
        full = parse_iso_date(d.iso)
        if weekday is None and full is not None:
            weekday = full.weekday()
        return ResolvedWhen(written, weekday, d.iso, basis, source)
    found = next((r for i in range(len(tokens)) if (r := _relative(tokens, i))), None)
    offset = found[0] if found else None
    if day_of is not None and weekday is not None:
        back = (day_of.weekday() - weekday) % 7
        if _NEXT_DAYS.intersection(tokens):  # "next Sunday", "الأحد المقبل": the one to come
            back = -((weekday - day_of.weekday()) % 7 or 7)
        elif back == 0 and _PAST_DAYS.intersection(tokens):
            back = 7  # "last Friday" written on a Friday: the week before
        day = day_of - timedelta(days=back)
        return ResolvedWhen(written, weekday, day.isoformat(), "weekday+reference", kind)
    if day_of is not None and offset is not None:
        day = day_of + timedelta(days=offset)
        return ResolvedWhen(written, day.weekday(), day.isoformat(), "relative+reference", kind)
    if weekday is not None:
        return ResolvedWhen(written, weekday, None, "weekday")
    return ResolvedWhen(written, None, None, "unresolved")


_YEARS = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def years_in(text: str) -> set[int]:
    """The years (1900-2099) ``text`` writes as numbers of their own."""
    return {int(m.group()) for m in _YEARS.finditer(text)}


def parse_iso_date(value: str | None) -> date | None:
    """A full YYYY-MM-DD date, or None for anything less precise."""
    try:
        return date.fromisoformat(value) if value and len(value) == 10 else None
    except ValueError:
        return None


@dataclass(frozen=True)
class TimeMention:
    """A date, weekday or relative day written in a text (those written side by side are
    one: "أمس الجمعة (13 أيار 2022)", "Saturday, 9 September"), with its span."""

    written: str
    start: int
    end: int
    other_time: bool  # a preposition before it puts it at another time: "since 18 February"


_JOINS = " ,،-–—()"  # what may stand between the parts of one mention
_OTHER_TIME = frozenset(normalize(w) for p in _PACKS for w in p.other_time)


def time_mentions(text: str) -> list[TimeMention]:
    """Every date, weekday and relative day ``text`` writes, in order; parts written side by
    side with nothing but spaces, commas, dashes or brackets between them are one mention.
    A mention right after one of the packs' ``other_time`` prepositions ("since", "after",
    "منذ", "после") is marked: it dates another event than the one being reported."""
    norm = normalize_with_map(text)
    spans = [(d.start, d.end) for d in find_dates(text, norm)]
    tokens = words(norm.text)
    names = [w for w, _, _ in tokens]
    i = 0
    while i < len(tokens):
        relative = _relative(names, i)
        word, start, end = tokens[i]
        taken = relative[1] if relative else 1
        if relative or word in WEEKDAYS or bare(word) in WEEKDAYS:
            lo, hi = start, tokens[i + taken - 1][2]
            if not relative:  # "last Friday", "الجمعة الماضية", "в прошлую пятницу"
                if i > 0 and names[i - 1] in _PAST_DAYS | _NEXT_DAYS:
                    lo = tokens[i - 1][1]
                if i + 1 < len(tokens) and names[i + 1] in _PAST_DAYS | _NEXT_DAYS:
                    hi, taken = tokens[i + 1][2], taken + 1
            span = norm.span(lo, hi)
            if not any(s < span[1] and span[0] < e for s, e in spans):
                spans.append(span)
        i += taken
    runs: list[list[int]] = []
    for start, end in sorted(spans):
        if runs and not text[runs[-1][1] : start].strip(_JOINS):
            runs[-1][1] = max(runs[-1][1], end)
        else:
            runs.append([start, end])
    out = []
    for start, end in runs:
        if text[end : end + 1] == ")" and "(" in text[start:end]:
            end += 1  # "الجمعة (13 أيار 2022)": the bracket closes the mention
        before = normalize(text[max(0, start - 40) : start]).split()[-1:]
        other = bool(before) and (before[0] in _OTHER_TIME or bare(before[0]) in _OTHER_TIME)
        out.append(TimeMention(text[start:end].strip(_JOINS.replace("(", "").replace(")", "")),
                               start, end, other))  # fmt: skip
    return out


def first_when(text: str) -> str | None:
    """The first date, weekday or relative day ("today", "yesterday") written in ``text``,
    as written; a weekday with the date written right after it or before it is one."""
    found = time_mentions(text)
    return found[0].written if found else None


def same_date(a: str | None, b: str | None) -> bool | None:
    """Do two ISO dates of any precision (YYYY-MM-DD, YYYY-MM, --MM-DD, --MM) agree on the
    parts both state? None when they share no part to compare."""
    if not a or not b:
        return None
    pa, pb = _iso_parts(a), _iso_parts(b)
    shared = [k for k in ("year", "month", "day") if pa.get(k) and pb.get(k)]
    if "month" not in shared:
        return None
    return all(pa[k] == pb[k] for k in shared)


def _iso_parts(value: str) -> dict[str, int]:
    if value.startswith("--"):
        month, _, day = value[2:].partition("-")
        return {"month": int(month), **({"day": int(day)} if day else {})}
    parts = [int(p) for p in value.split("-")]
    return dict(zip(("year", "month", "day"), parts, strict=False))


_URL_DATES = (
    # /2024/06/26/, 2023-09-14, 2024_06_26: year, month and day with one separator
    re.compile(r"(?<![\d])((?:19|20)\d\d)([/_-])(\d{1,2})\2(\d{1,2})(?!\d)"),
    # /2022/may/13/: a month's name between the year and the day
    re.compile(r"(?<![\d])((?:19|20)\d\d)(/)([^\W\d_]{3,9})/(\d{1,2})(?!\d)"),
)
_URL_DIGITS = re.compile(r"(?<!\d)\d{8}(?!\d)")


def date_in_url(url: str | None) -> tuple[str, date] | None:
    """The publication day a page's address writes in its path ("/2024/06/26/...",
    "/2022/may/13/...", "...-17052025-..."), as written and as a date: year, month and day,
    or eight digits that read as one date only (YYYYMMDD or DDMMYYYY). None when the path
    writes no full date."""
    if not url:
        return None
    path = urlsplit(url.strip()).path
    for pattern in _URL_DATES:
        for m in pattern.finditer(path):
            month = m.group(3)
            number = int(month) if month.isdigit() else _MONTHS.get(normalize(month))
            if number and (day := _valid(int(m.group(1)), number, int(m.group(4)))):
                return m.group(), day
    for m in _URL_DIGITS.finditer(path):
        s = m.group()
        readings = {_valid(int(s[:4]), int(s[4:6]), int(s[6:])),
                    _valid(int(s[4:]), int(s[2:4]), int(s[:2]))} - {None}  # fmt: skip
        if len(readings) == 1:
            return s, readings.pop()
    return None


def _valid(year: int, month: int, day: int) -> date | None:
    if not 1990 <= year <= 2099:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None
