"""Dates as written in news, in the languages of the packs, resolved to calendar values.

Dates are found on normalised text (see ``summarizer.text``) and reported with their span in
the original text, so what was written is always kept beside what it resolved to.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

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
for _phrase, _offset in _RELATIVE.items():
    _RELATIVE_BY_FIRST.setdefault(_phrase[0], []).append((_phrase, _offset))
_LAST_YEAR = re.compile(phrases_re([w for p in _PACKS for w in p.last_year]))

# Longest names first so that a two-word month name wins over a shorter overlap.
_MONTH_RE = "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True))
# The Levantine and the Egyptian month name are often written together: "13 Ayyar Mayu".
_MONTH_GROUP = rf"(?P<month>{_MONTH_RE})(?:\s+(?:{_MONTH_RE}))?"
_SUFFIX = phrases_re([w for p in _PACKS for w in p.day_suffixes])
_DAY = rf"(?P<day>[0-3]?\d)(?:{_SUFFIX})?"
_YEAR_WORD = rf"(?:{phrases_re([w for p in _PACKS for w in p.year_words])}\s+)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
# A date may carry attached particles (the packs' ``date_prefixes``: Arabic "and in 30 ...").
_START = "|".join(
    ["(?<!\\w)"]
    + [f"(?<=(?<!\\w){re.escape(normalize(x))})" for p in _PACKS for x in p.date_prefixes]
)
_START = f"(?:{_START})"
_DATE_PATTERNS = [
    re.compile(rf"{_START}{_DAY}\s+{_MONTH_GROUP}(?:\s+{_YEAR_WORD}{_YEAR})?(?![\w])"),
    re.compile(rf"{_START}{_MONTH_GROUP}\s+{_DAY}(?:\s+{_YEAR})?(?![\w])"),
    re.compile(rf"{_START}{_MONTH_GROUP}\s+{_YEAR_WORD}{_YEAR}(?![\w])"),
    re.compile(rf"{_START}{_YEAR}\s+(?P<month>[01]?\d)\s+(?P<day>[0-3]?\d)(?![\w])"),
]
# An all-digit date is written with one separator throughout: 2023-09-08, 2023/9/8, 2023.09.08.
_NUMERIC = re.compile(r"\d{4}([-/.])\d{1,2}\1\d{1,2}")


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


def find_dates(text: str, norm: Normalized | None = None) -> list[WrittenDate]:
    """All dates in ``text``, in order of appearance, without overlaps (``norm``: the text's
    ``normalize_with_map``, when the caller has it)."""
    norm = norm or normalize_with_map(text)
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
            year = int(m.group("year")) if m.groupdict().get("year") else None
            if not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
                continue
            start, end = norm.span(m.start(), m.end())
            if pattern is _DATE_PATTERNS[-1] and not _NUMERIC.fullmatch(text[start:end]):
                continue  # "2007, 6:04" is a year and a time, not a date
            taken.append((m.start(), m.end()))
            found.append(WrittenDate(text[start:end], start, end, year, month, day))
    return sorted(found, key=lambda d: d.start)


@dataclass(frozen=True)
class ResolvedWhen:
    """A 'when' as written and what it resolves to, with the basis of the resolution."""

    written: str
    weekday: int | None  # Monday = 0
    iso: str | None  # at the precision known: YYYY-MM-DD, YYYY-MM, --MM-DD
    basis: str  # "date", "date+reference", "weekday+reference", "relative+reference",
    #             "weekday", "unresolved"


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


def _relative(words: list[str], i: int) -> tuple[int, int] | None:
    """(days from the reference, words taken) when a relative day starts at ``words[i]``."""
    for phrase, offset in _RELATIVE_BY_FIRST.get(words[i], ()):
        if tuple(words[i : i + len(phrase)]) == phrase:
            return offset, len(phrase)
    return None


def resolve_when(
    written: str | None, reference: date | None = None, year: int | None = None
) -> ResolvedWhen | None:
    """Resolve an event's 'when' against the article's own date (``reference``), if any.

    An explicit date wins; a date without a year takes the reference's year (the year before
    when that would put it after the reference), or without a reference the ``year`` of the
    article's news, if known. A weekday or "yesterday" needs the reference: the latest such
    day on or before it. Without a reference a weekday stays a weekday.
    """
    if not written or not written.strip():
        return None
    weekday = weekday_in(written)
    dates = find_dates(written)
    tokens = normalize(written).split()
    if dates:
        d = dates[0]
        if d.year is None and reference is not None:
            year = reference.year
            later = (d.month, d.day or 1) > (reference.month, reference.day)
            if later or _LAST_YEAR.search(" ".join(tokens)):
                year -= 1
            d = WrittenDate(d.written, d.start, d.end, year, d.month, d.day)
            basis = "date+reference"
        elif d.year is None and year is not None:
            d = WrittenDate(d.written, d.start, d.end, year, d.month, d.day)
            basis = "date+year"
        else:
            basis = "date"
        full = parse_iso_date(d.iso)
        if weekday is None and full is not None:
            weekday = full.weekday()
        return ResolvedWhen(written, weekday, d.iso, basis)
    found = next((r for i in range(len(tokens)) if (r := _relative(tokens, i))), None)
    offset = found[0] if found else None
    if reference is not None and weekday is not None:
        back = (reference.weekday() - weekday) % 7
        day = reference - timedelta(days=back)
        return ResolvedWhen(written, weekday, day.isoformat(), "weekday+reference")
    if reference is not None and offset is not None:
        day = reference + timedelta(days=offset)
        return ResolvedWhen(written, day.weekday(), day.isoformat(), "relative+reference")
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


def first_when(text: str) -> str | None:
    """The first date, weekday or relative day ("today", "yesterday") written in ``text``,
    as written; a weekday with the date written right after it or before it is one."""
    norm = normalize_with_map(text)
    spans: list[tuple[int, int]] = [(d.start, d.end) for d in find_dates(text, norm)[:1]]
    tokens = words(norm.text)
    names = [w for w, _, _ in tokens]
    for i, (word, start, end) in enumerate(tokens):
        relative = _relative(names, i)
        if relative or word in WEEKDAYS or bare(word) in WEEKDAYS:
            last = tokens[i + relative[1] - 1][2] if relative else end
            if relative:  # "today, Thursday", "أمس السبت": the weekday written with it counts
                after = tokens[i + relative[1] : i + relative[1] + 2]
                day = [e for w, _, e in after if w in WEEKDAYS or bare(w) in WEEKDAYS]
                last = day[0] if day else last
            spans.append(norm.span(start, last))
            break
    if not spans:
        return None
    (start, end), *rest = sorted(spans)
    if rest and not text[end : rest[0][0]].strip(" ,،-–—"):
        end = max(end, rest[0][1])  # a weekday and its date: "Saturday, 9 March"
    return text[start:end]


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
