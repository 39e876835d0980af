"""Numbers as written, parsed into intervals: "at least 296", "11 300", "٢٠٥٩", "5.6 million",
"نحو 150", "قتيلان" (two dead), "less than 10 minutes", "94.65%", "€100,000".

``find_numbers`` finds every number an article writes (digits of any digit set, number words,
Arabic duals that carry a count), with the words that bound it ("at least" [3, ∞), "more than"
(150, ∞), "less than" [0, 10), "up to", "about": rounded at its last non-zero digit, at most
±10%) and its unit (percent, a currency, a
duration in months, else a count), and skips what is not a quantity: dates, years, clock
times, numbers glued to letters ("A320", "COVID-19"). A number written without a bound stands
for the interval its precision allows ("48%" is [47.5, 48.5], "5.6 million" is [5.55, 5.65]
million), so two sources agree when their intervals meet: "48%" and "48.03%" do, "24" and
"26" do not. ``parse_amount`` reads one value as written (a model's answer, a gold value).
``find_durations`` finds "since N months"-style durations. Every word comes from the packs.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from .lang import packs
from .text import bare, normalize, normalize_with_map, phrases_re, stem

if TYPE_CHECKING:
    from .models import Quantity

_PACKS = packs()
_NUMBER_WORDS = {normalize(w): n for p in _PACKS for w, n in p.number_words.items()}
_MULTIPLIERS = {normalize(w): m for p in _PACKS for w, m in p.multipliers.items()}
_GLUED_MULTIPLIERS = {normalize(w): m for p in _PACKS for w, m in p.glued_multipliers.items()}
# Duration units in months; Arabic duals ("two months" in one word) carry the number 2.
_UNITS_RE = sorted((u for p in _PACKS for u in p.units_re), key=lambda u: not u[2])
_UNITS = [(re.compile(rf"(?:{unit})"), months, dual) for unit, months, dual in _UNITS_RE]
DURATION_SCALES = frozenset(months for _, months, _ in _UNITS_RE)  # months per unit
_SINGLE_UNITS = tuple(normalize(w) for p in _PACKS for w in p.single_units)
_INDEFINITES = frozenset(normalize(w) for p in _PACKS for w in p.indefinites)
_SINGLE_MULTIPLIERS = frozenset(normalize(w) for p in _PACKS for w in p.single_multipliers)
_HALVES = frozenset(normalize(w) for p in _PACKS for w in p.halves)
_AND_A_HALF = {tuple(normalize(w).split()) for p in _PACKS for w in p.and_a_half}
_ONE_AND_A_HALF = frozenset(normalize(w) for p in _PACKS for w in p.one_and_a_half)
_ARTICLES = tuple(normalize(p.article) for p in _PACKS if p.article)
_APPROX_PHRASES = [w for p in _PACKS for w in p.approx]
_BOUNDS = {tuple(normalize(w).split()): kind for p in _PACKS for w, kind in p.bounds.items()}
_BOUNDS_AFTER = {
    tuple(normalize(w).split()): kind for p in _PACKS for w, kind in p.bounds_after.items()
}
_PERCENT = {tuple(normalize(w).split()) or (w,) for p in _PACKS for w in p.percent}
_CURRENCIES = {normalize(w) or w: code for p in _PACKS for w, code in p.currencies.items()}
_PERSONS = frozenset(normalize(w) for p in _PACKS for w in p.persons)
# Units of measurement: code -> (what it measures, the unit's size in that measure's base unit).
UNITS = {
    "km": ("length", 1000.0), "m": ("length", 1.0), "mi": ("length", 1609.344),
    "t": ("mass", 1000.0), "kt": ("mass", 1e6), "kg": ("mass", 1.0),
    "bbl": ("oil", 1.0), "bbl/d": ("oil/day", 1.0),
}  # fmt: skip
_PER_DAY = {tuple(normalize(w).split()) for p in _PACKS for w in p.per_day}
_MEASURE_UNITS = {normalize(w) or w: UNITS[code] for p in _PACKS
                  for w, code in p.measure_units.items()}  # fmt: skip
_CONJUNCTIONS = {c for p in _PACKS for c in p.conjunctions}
_PREFIXES = {normalize(c) for p in _PACKS for c in (*p.date_prefixes, *p.conjunctions)}
_LONGEST = max([len(k) for k in (*_BOUNDS, *_BOUNDS_AFTER, *_PERCENT, *_AND_A_HALF)] or [1])
_COUNTED = {normalize(w): kind for p in _PACKS for w, kind in p.counted.items()}
_COUNTED_LONGEST = max(map(len, _COUNTED), default=0)
ABOUT = 0.1  # at most: "about 100" is 90..110

# A number in digits of any digit set: thousands grouped by a comma, an Arabic separator or a
# (non-breaking) space before exactly three digits ("11 300", "2,059"), then decimals; or a
# plain number with a decimal point or comma ("94.65", "84,30").
_TOKEN = re.compile(
    r"(?P<num>(?<![\d.,٫٬])\d{1,3}(?:(?:[,٬]|[ \u00a0\u202f](?=\d{3}(?!\d)))\d{3})+"
    r"(?:[.٫]\d+)?(?![\d])|(?<![\d.,٫٬])\d+(?:[.,٫]\d+)?(?![\d]))"
    r"|(?P<word>[^\W\d_]+)"
    r"|(?P<sym>[%٪€$£])"
)
_GROUPS = re.compile(r"[,٬ \u00a0\u202f](?=\d{3}(?!\d))")


@dataclass(frozen=True)
class Interval:
    """The values a written number allows; ``high`` None is unbounded."""

    low: float
    high: float | None
    low_open: bool = False
    high_open: bool = False

    def meets(self, other: Interval) -> bool:
        """Can both hold at once (do the intervals share a value)?"""
        return _below(self, other) and _below(other, self)

    def contains(self, x: float) -> bool:
        above = x > self.low if self.low_open else x >= self.low - 1e-9
        if self.high is None:
            return above
        return above and (x < self.high if self.high_open else x <= self.high + 1e-9)

    def __str__(self) -> str:
        high = "∞" if self.high is None else _num(self.high)
        close = ")" if self.high_open or self.high is None else "]"
        return f"{'(' if self.low_open else '['}{_num(self.low)}, {high}{close}"


def _below(a: Interval, b: Interval) -> bool:
    """Does ``a`` start before ``b`` ends?"""
    if b.high is None:
        return True
    if a.low_open or b.high_open:
        return a.low < b.high - 1e-9
    return a.low <= b.high + 1e-9


def _num(x: float) -> str:
    return f"{x:.10g}"


@dataclass(frozen=True)
class Amount:
    """A number as written, in its measure's unit (durations in months)."""

    value: float
    months: bool  # a duration, in months
    approx: bool  # written with a bound ("about", "at least", "more than")
    interval: Interval | None = None
    measure: str = "count"  # "count", "percent", "duration", "money:<ISO code>", "score"
    # (two numbers: "4-2"), "moment" (a unit's number: "minute 23") or "unit:<what it
    # measures>" (length in metres, mass in kilograms, oil in barrels: ``UNITS``)
    bound: str | None = None  # the bound's kind: min, above, below, max, about


@dataclass(frozen=True)
class Mention:
    """A number in a text: ``start``:``end`` spans its bound, the number and its unit."""

    start: int
    end: int
    number_start: int
    number_end: int
    amount: Amount


@dataclass(frozen=True)
class _Token:
    kind: str  # num, word, sym
    raw: str
    norm: str
    start: int
    end: int


def _tokens(text: str) -> list[_Token]:
    out = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "word"
        raw = m.group()
        out.append(_Token(kind, raw, raw if kind != "word" else normalize(raw), *m.span()))
    return out


def _digits(raw: str) -> tuple[float, float]:
    """(value, half a unit of its last digit) of a number written in digits."""
    ascii_ = "".join(str(int(c)) if c.isdigit() else c for c in raw)
    ascii_ = _GROUPS.sub("", ascii_).replace("٫", ".").replace(",", ".")
    decimals = len(ascii_.partition(".")[2])
    return float(ascii_), 0.5 * 10.0**-decimals


def _duals() -> frozenset[str]:
    """Arabic duals that carry a count of two: قتيلان, قتيلين, ضحيتان (normalised)."""
    out = set()
    for p in _PACKS:
        for noun in p.count_nouns:
            n = normalize(noun)
            base = n[:-1] + "ت" if n.endswith("ه") else n
            for ending in ("ان", "ين"):
                out |= {base + ending, "ال" + base + ending}
    return frozenset(out)


_DUALS = _duals()


def _number_word(word: str) -> int | None:
    """The number a word spells, also with an attached conjunction (Arabic wa-thalatha)."""
    if word in _NUMBER_WORDS:
        return _NUMBER_WORDS[word]
    if word[:1] in _CONJUNCTIONS and word[1:] in _NUMBER_WORDS:
        return _NUMBER_WORDS[word[1:]]
    return None


_AND_WORDS = frozenset(normalize(w) for p in _PACKS for w in p.and_words)
_HUNDRED = 100


def _spelled(tokens: list[_Token], i: int) -> tuple[float, int]:
    """A number spelled in words from ``tokens[i]`` (a number word), by the grammar of
    numerals: tens and units add up ("twenty-five", "сто двадцать"; units first with "and"
    and in a teen: "تسعة وأربعين", "أربعة عشر"), a hundred multiplies what stands before
    it ("ثلاث مئة", "one hundred and twenty"), a conjunction or "and" joins the parts. (the
    value, the index of its last word); the larger multipliers (thousand, million) are read
    after it, as for digits."""
    value = float(_number_word(tokens[i].norm) or 0)
    last = i
    k = i + 1
    while k < len(tokens):
        tok = tokens[k]
        if tok.kind == "word" and tok.norm in _AND_WORDS and k + 1 < len(tokens):
            k += 1  # "one hundred and twenty", "сто и два"
            tok = tokens[k]
        if tok.kind != "word":
            break
        n = _number_word(tok.norm)
        factor = _MULTIPLIERS.get(tok.norm)
        if n == _HUNDRED or factor == _HUNDRED:
            if not 0 < value < 10:
                break
            value *= _HUNDRED  # "ثلاث مئة", "three hundred"
        elif n is not None and n < value and value % 10 == 0 and (value % _HUNDRED == 0 or n < 10):
            value += n  # tens, then units: "сто двадцать", "twenty-five"
        elif (
            n is not None
            and value < 10
            and n % 10 == 0
            and 10 <= n < _HUNDRED
            and (n == 10 or tok.norm not in _NUMBER_WORDS)
        ):
            value += n  # units, then "and" tens or a teen (Arabic): "تسعة وأربعين", "أربعة عشر"
        else:
            break
        last, k = k, k + 1
    return value, last


@lru_cache(maxsize=65536)
def _unit_of(word: str) -> tuple[float, bool] | None:
    """(months per unit, the word is a dual) of a duration unit word."""
    for pattern, months, dual in _UNITS:
        if pattern.fullmatch(word):
            return months, dual
    return None


def _phrase(tokens: list[_Token], start: int, stop: int) -> tuple[str, ...]:
    return tuple(t.norm for t in tokens[start:stop])


def _match_before(tokens: list[_Token], i: int, table: dict[tuple[str, ...], str]) -> tuple[
    str, int] | None:  # fmt: skip
    """(kind, index of the first token) of the longest phrase of ``table`` right before
    token ``i``."""
    for n in range(min(_LONGEST, i), 0, -1):
        kind = table.get(_phrase(tokens, i - n, i))
        if kind is not None:
            return kind, i - n
    return None


def _match_after(tokens: list[_Token], i: int, phrases: dict[tuple[str, ...], str] | set[
    tuple[str, ...]]) -> tuple[str, int] | None:  # fmt: skip
    """(kind, index after the last token) of the longest phrase starting at token ``i``."""
    for n in range(min(_LONGEST, len(tokens) - i), 0, -1):
        key = _phrase(tokens, i, i + n)
        if key in phrases:
            return (phrases[key] if isinstance(phrases, dict) else "", i + n)
    return None


_ORDINAL_ENDING = re.compile(r"-[^\W\d_]{1,3}(?![\w-])")
# Two small whole numbers joined by a dash ("4-2", "1–1"): a score, or a range ("10-15
# people") when what follows says what is counted or measured.
_PAIR = re.compile(r"\s?[-–]\s?(\d{1,2})(?![\d.,:/]|\s?[-–]\s?\d)")
PAIR_SCALE = 100.0  # a score's value: the higher number, then the lower in hundredths


def _pair(text: str, tokens: list[_Token], i: int) -> bool:
    """Is number token ``i`` the first of two small whole numbers joined by a dash?"""
    tok = tokens[i]
    if not (tok.raw.isdigit() and len(tok.raw) <= 2) or i + 1 >= len(tokens):
        return False
    if tok.start and text[tok.start - 1] in "-–":
        return False  # the last of a longer run: "1-2-3", a date "2024-06-26"
    m = _PAIR.match(text, tok.end)
    return m is not None and tokens[i + 1].kind == "num" and tokens[i + 1].start == m.start(1)


_RANGE_LINKS = {(normalize(a), normalize(b)) for p in _PACKS for a, b in p.range_links}


def _spelled_range(tokens: list[_Token], i: int, value: float) -> tuple[int, int] | None:
    """(the token that opens it, the index of its top) of a range written in words from
    number token ``i`` ("between 10 and 15", "من 10 إلى 15", "от 10 до 15": the packs'
    ``range_links``), the top a higher number in digits."""
    if i + 2 >= len(tokens) or tokens[i + 2].kind != "num":
        return None
    link, before = tokens[i + 1].norm, tokens[i - 1].norm if i else ""
    top, _ = _digits(tokens[i + 2].raw)
    if top <= value:
        return None
    return (i - 1, i + 2) if (before, link) in _RANGE_LINKS else None


def _says_what(tokens: list[_Token], j: int) -> bool:
    """Does token ``j`` say what a number counts or measures: a multiplier, a percent, a
    currency, a unit, a word for people, or a counted kind ("10-15 thousand", "3-4 days")?"""
    if j >= len(tokens):
        return False
    t = tokens[j]
    return (
        t.norm in _MULTIPLIERS or t.norm in _CURRENCIES or t.norm in _PERSONS
        or t.norm in _MEASURE_UNITS
        or t.raw in "%٪" or _match_after(tokens, j, _PERCENT) is not None
        or _unit_of(t.norm) is not None or counted(t.raw) is not None
    )  # fmt: skip


def _multiplier_after(tokens: list[_Token], i: int) -> int | None:
    """The index of the multiplier at ``tokens[i]``, or after an indefinite article there
    ("half a million"), else None."""
    if i < len(tokens) and tokens[i].norm in _INDEFINITES:
        i += 1
    return i if i < len(tokens) and tokens[i].norm in _MULTIPLIERS else None


def _glued_multiplies(text: str, tok: _Token, end: int) -> bool:
    """Does a letter of the packs' ``glued_multipliers`` written onto ``tok`` (up to ``end``)
    multiply it: a currency sign before the number ("£1.5m") or a unit or a currency after
    the letter ("1.16m bpd", "2m euros")?"""
    before = text[max(0, tok.start - 1) : tok.start]
    if before and before in _CURRENCIES:
        return True
    following = re.match(r"\s+([^\W\d_]+)", text[end:])
    word = normalize(following.group(1)) if following else ""
    return word in _MEASURE_UNITS or word in _CURRENCIES


def _glued(text: str, tok: _Token) -> bool:
    """A number glued to letters ("A320", "COVID-19", "1st"), part of a clock time
    ("07:00") or of a longer code: not a quantity. An Arabic particle before it is fine."""
    before = text[tok.start - 1] if tok.start else " "
    after = text[tok.end] if tok.end < len(text) else " "
    if after.isalpha():
        letters = re.match(r"[^\W\d_]+", text[tok.end :])
        glued = normalize(letters.group()) if letters else ""
        if glued in _GLUED_MULTIPLIERS:
            return not _glued_multiplies(text, tok, tok.end + len(glued))
        if glued not in _MULTIPLIERS and glued not in _MEASURE_UNITS:
            return True  # not "$1.5bn", "10km": a multiplier or a unit written onto it
    if after == ":" and text[tok.end + 1 : tok.end + 2].isdigit():
        return True
    if "/" in (before, after) or "/" in text[tok.end : tok.end + 2]:
        return True  # part of a written date or a fraction: 6/9/2024, 6/ 9
    if before == ":" and text[tok.start - 2 : tok.start - 1].isdigit():
        return True
    if before == "-" and tok.start >= 2 and text[tok.start - 2].isalnum():
        return True
    if _ORDINAL_ENDING.match(text, tok.end):
        return True  # an ordinal: "23-й", "5-го" (a case ending after a hyphen)
    if before.isalpha():
        word = re.search(r"[^\W\d_]+$", text[max(0, tok.start - 4) : tok.start])
        prefix = normalize(word.group()) if word else ""
        return not (prefix in _PREFIXES or prefix in _ARTICLES)  # "و15", "الـ23": the 23rd
    return False


_ORDINAL_SUFFIXES = frozenset(normalize(w) for p in _PACKS for w in p.day_suffixes)


def _ordinal_unit(text: str, tokens: list[_Token], i: int) -> int | None:
    """Is number token ``i`` an ordinal (a suffix written onto it, the packs' ``day_suffixes``:
    "23rd"; or a case ending after a hyphen: "23-й") before a unit of time ("minute",
    "минуте")? The index after the unit, else None: "the 23rd minute" is a moment."""
    if i + 2 >= len(tokens) or tokens[i].kind != "num" or not tokens[i].raw.isdigit():
        return None
    suffix, unit = tokens[i + 1], tokens[i + 2]
    between = text[tokens[i].end : suffix.start]
    glued = not between and suffix.norm in _ORDINAL_SUFFIXES
    hyphen = between == "-" and len(suffix.raw) <= 3
    if suffix.kind != "word" or not (glued or hyphen) or unit.kind != "word":
        return None
    found = _unit_of(unit.norm)
    return i + 3 if found is not None and not found[1] else None


def _scan(text: str, lone_units: bool = False) -> list[Mention]:
    tokens = _tokens(text)
    found: list[Mention] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        value: float | None = None
        precision = 0.0
        months: float | None = None
        unit_token = False
        spelled_to = i  # the last word of a number spelled in words
        alone = False  # a multiplier written alone: "مليون شخص"
        bottom: float | None = None  # a range's first number ("10" of "10-15 people")
        opens = i  # the token that opens a range ("between", or its first number)
        if tok.kind == "num":
            if (after_unit := _ordinal_unit(text, tokens, i)) is not None:
                value = _digits(tok.raw)[0]  # "the 23rd minute", "на 23-й минуте": a moment
                found.append(Mention(tok.start, tokens[after_unit - 1].end, tok.start, tok.end,
                                     Amount(value, False, False, Interval(value, value),
                                            "moment")))  # fmt: skip
                i = after_unit
                continue
            if _glued(text, tok):
                i += 1
                continue
            value, precision = _digits(tok.raw)
            if _pair(text, tokens, i):
                other, _ = _digits(tokens[i + 1].raw)
                if not _says_what(tokens, i + 2):  # a score: "4-2", "1-1"
                    score = max(value, other) + min(value, other) / PAIR_SCALE
                    found.append(Mention(tok.start, tokens[i + 1].end, tok.start,
                                         tokens[i + 1].end, Amount(score, False, False,
                                         Interval(score, score), "score")))  # fmt: skip
                    i += 2
                    continue
                if other > value:  # a range: read from its top, which carries the unit
                    bottom, opens, i = value, i, i + 1
                    tok = tokens[i]
                    value, precision = other, 0.0
            elif (spelled := _spelled_range(tokens, i, value)) is not None:
                bottom, (opens, i) = value, spelled  # "between 10 and 15", "от 10 до 15"
                tok = tokens[i]
                value, precision = _digits(tok.raw)
        elif tok.kind == "word" and _number_word(tok.norm) is not None:
            value, spelled_to = _spelled(tokens, i)
        elif tok.kind == "word" and tok.norm in _DUALS:
            value, unit_token = 2.0, True
        elif (
            tok.kind == "word" and tok.norm in _INDEFINITES and i + 1 < len(tokens)
            and (unit := _unit_of(tokens[i + 1].norm)) is not None and not unit[1]
        ):  # fmt: skip
            value = 1.0  # "within a month": the unit follows as for a number
        elif (
            tok.kind == "word" and i + 1 < len(tokens) and tokens[i + 1].norm in _MULTIPLIERS
            and tok.norm in _INDEFINITES
        ):  # fmt: skip
            value = 1.0  # "a million people", "a dozen": the multiplier follows as for a number
        elif (
            tok.kind == "word" and (tok.norm in _ONE_AND_A_HALF or tok.norm in _HALVES)
            and (k := _multiplier_after(tokens, i + 1)) is not None
        ):  # fmt: skip
            value = 1.5 if tok.norm in _ONE_AND_A_HALF else 0.5  # "полтора миллиона", "نصف مليون"
            spelled_to = k - 1  # "half a million": the multiplier after the article
        elif (
            tok.kind == "word" and tok.norm in _SINGLE_MULTIPLIERS
            and not (i > 0 and tokens[i - 1].kind == "num")
            and (i + 1 >= len(tokens) or tokens[i + 1].kind != "word"
                 or not tokens[i + 1].norm.startswith(_ARTICLES))
        ):  # fmt: skip
            value, alone = 1.0, True  # "مليون شخص": one million, the multiplier read below
            # as after a number (not "ألف الحكومة": the verb "formed", its object definite)
        elif (
            tok.kind == "word" and (unit := _unit_of(tok.norm)) is not None
            and (unit[1] or (lone_units and tok.norm.startswith(_SINGLE_UNITS)))
        ):  # fmt: skip
            value, months, unit_token = (2.0 if unit[1] else 1.0), unit[0], True
        if value is None:
            i += 1
            continue
        first, j = (opens if bottom is not None else i), i if alone else max(spelled_to, i) + 1
        has_multiplier = False
        if (half := _match_after(tokens, j, _AND_A_HALF)) is not None:
            value, j = value + 0.5, half[1]  # "two and a half years", "два с половиной года"
        # "5.6 million", "100 ألف"; Arabic "5 ملايين و329 ألفا و253"
        while (
            j < len(tokens)
            and not unit_token
            and (
                tokens[j].norm in _MULTIPLIERS
                or (tokens[j].norm in _GLUED_MULTIPLIERS and tokens[j].start == tokens[j - 1].end)
            )
        ):  # "5.6 million", "£1.5m" (a glued letter: ``_glued`` has checked what is around it)
            factor = _MULTIPLIERS.get(tokens[j].norm) or _GLUED_MULTIPLIERS[tokens[j].norm]
            value, precision = value * factor, precision * factor
            has_multiplier = True
            j += 1
            if (
                j < len(tokens)
                and bare(tokens[j].norm) in _HALVES
                and bare(tokens[j].norm) != tokens[j].norm
            ):
                value, j = value + factor / 2, j + 1  # "مليون ونصف": a million and a half
            while (
                j + 1 < len(tokens)
                and tokens[j].raw in _CONJUNCTIONS
                and tokens[j + 1].kind == "num"
                and tokens[j].end == tokens[j + 1].start
            ):
                part, _ = _digits(tokens[j + 1].raw)
                k, scale = j + 2, 1.0
                if k < len(tokens) and tokens[k].norm in _MULTIPLIERS:
                    scale, k = _MULTIPLIERS[tokens[k].norm], k + 1
                if part * scale >= factor:
                    break
                value, precision, j, factor = value + part * scale, 0.5 * scale, k, scale
        last = j
        # unit: percent, currency, duration
        measure = "count"
        currency_before = i > 0 and tokens[i - 1].norm in _CURRENCIES
        if currency_before:
            measure, first = f"money:{_CURRENCIES[tokens[i - 1].norm]}", i - 1
        elif i > 0 and tokens[i - 1].kind == "sym" and tokens[i - 1].raw in "%٪":
            measure, first = "percent", i - 1
        if months is None and measure == "count" and j < len(tokens):
            if (pct := _match_after(tokens, j, _PERCENT)) is not None:
                measure, last = "percent", pct[1]
            elif tokens[j].norm in _CURRENCIES:
                measure, last = f"money:{_CURRENCIES[tokens[j].norm]}", j + 1
            elif (unit_of := _MEASURE_UNITS.get(tokens[j].norm)) is not None:
                measure, last = f"unit:{unit_of[0]}", j + 1  # "12 km": in metres
                value, precision = value * unit_of[1], precision * unit_of[1]
                if (rate := _match_after(tokens, last, _PER_DAY)) is not None:
                    measure, last = f"{measure}/day", rate[1]  # a rate: "barrels a day"
            elif (unit := _unit_of(tokens[j].norm)) is not None and not unit[1]:
                months, last = unit[0], j + 1
        if months is not None:
            measure = "duration"
        if (
            measure in ("count", "duration") and not has_multiplier and tok.raw.isdigit()
            and 1800 <= value <= 2100
            and not (j < len(tokens) and tokens[j].norm in _PERSONS)  # "1832 people"
        ):  # fmt: skip
            i = j
            continue  # a year
        before = i - 1
        if before > 0 and tokens[before].norm in _ARTICLES:
            before -= 1  # "الدقيقة الـ23": the article written onto the number
        if (
            measure == "count" and bottom is None and first == i and before >= 0
            and (unit := _unit_of(tokens[before].norm)) is not None and not unit[1]
        ):  # fmt: skip
            measure = "moment"  # a unit right before a number names a moment: "minute 23",
            # "الدقيقة 23", "day 5": a place on a clock or a calendar, not an amount
        # the bound: before the number (or its currency sign), or after it
        bound = None
        if (before := _match_before(tokens, first, _BOUNDS)) is not None:
            bound, first = before
        else:  # right after the number, or after the one word it counts ("14 dead at least")
            for gap in (0, 1):
                if (after := _match_after(tokens, last + gap, _BOUNDS_AFTER)) is not None:
                    bound, last = after
                    break
        if measure != "percent" and not has_multiplier and value.is_integer():
            precision = 0.0  # a whole number written in full is exact: "150" is not 150.4
        scale = months or 1.0
        top = _digits(tok.raw)[0] if bottom is not None else 0.0
        value, precision = value * scale, precision * scale
        interval = _interval(value, precision, bound, scale)
        if bottom is not None and top:
            low = bottom * value / top  # "10-15 thousand": the bottom in the top's unit
            value, interval = (low + value) / 2, Interval(low, value)
        amount = Amount(
            round(value, 6), months is not None, bound is not None, interval, measure, bound
        )
        found.append(Mention(tokens[first].start, tokens[last - 1].end, tok.start,
                             tokens[max(j - 1, i)].end, amount))  # fmt: skip
        i = last
    return found


def _interval(value: float, precision: float, bound: str | None, scale: float = 1.0) -> Interval:
    """The interval of ``value`` (in its measure's unit, ``scale`` times the written unit)."""
    if bound == "min":
        return Interval(value, None)
    if bound == "above":
        return Interval(value, None, low_open=True)
    if bound == "below":
        return Interval(0.0, value, high_open=True)
    if bound == "max":
        return Interval(0.0, value)
    spread = precision
    if bound == "about":
        spread = max(precision, min(value * ABOUT, _rounding(value / scale) * scale / 2))
    return Interval(max(0.0, value - spread), value + spread)


def _rounding(value: float) -> float:
    """The unit of a round number's last non-zero digit: an approximate figure is rounded
    there ("about 16" to the unit, "about 150" to tens, "about 90,000" to ten thousands)."""
    if value <= 0:
        return 1.0
    unit = 10.0 ** math.floor(math.log10(value))
    while unit > 1e-9 and not math.isclose(value / unit, round(value / unit), abs_tol=1e-6):
        unit /= 10
    return unit


_AGE_BEFORE = re.compile(
    rf"(?:{'|'.join(r for p in _PACKS for r in p.age_before_re)})\s*$", re.IGNORECASE
)
_AGE_AFTER = re.compile(rf"(?:{'|'.join(r for p in _PACKS for r in p.age_after_re)})",
                        re.IGNORECASE)  # fmt: skip


def is_age(evidence: str, value: str) -> bool:
    """Is ``value``, where ``evidence`` writes it, someone's age ("the 32-year-old champion",
    "aged 51", "البالغ من العمر 51 عاما", "32-летний")? By the packs' ``age_before_re`` and
    ``age_after_re``."""
    for m in re.finditer(rf"(?<!\w){re.escape(value)}(?!\w)", evidence):
        before, after = evidence[: m.start()], evidence[m.end() :]
        if _AGE_BEFORE.search(before[-40:]) or _AGE_AFTER.match(after):
            return True
    return False


@lru_cache(maxsize=65536)
def counted(word: str) -> str | None:
    """What a number next to ``word`` counts ("dead", "injured", "votes"...), by the packs'
    ``counted`` word starts; None when the word says nothing of it."""
    norm = normalize(word)
    for form in dict.fromkeys((norm, stem(norm), bare(norm))):
        for n in range(min(len(form), _COUNTED_LONGEST), 0, -1):  # the longest start first
            if (kind := _COUNTED.get(form[:n])) is not None:
                return kind
    return None


def find_numbers(text: str, *, skip: list[tuple[int, int]] | None = None) -> list[Mention]:
    """Every quantity ``text`` writes, in order; ``skip``: spans that are not quantities
    (the dates ``dates.find_dates`` found), whose numbers are left out."""
    spans = skip or []
    return [
        m for m in _scan(text)
        if not any(s < m.number_end and m.number_start < e for s, e in spans)
    ]  # fmt: skip


def parse_amount(*texts: str | None) -> Amount | None:
    """The first number of a quantity written as one value ("16 months", an Arabic dual "two
    years", "about 15 months", "100 thousand", "at least 2,300") in any pack's words; a unit
    word alone counts one ("a month")."""
    found = _scan(" ".join(t for t in texts if t), lone_units=True)
    return found[0].amount if found else None


@lru_cache(maxsize=65536)
def amount_of(value: str, evidence: str | None = None) -> Amount | None:
    """The amount of a value as written, read where its ``evidence`` writes it when it does
    (so that the unit and the bound written around it count: "94.7" in "94.7 percent of the
    votes" is a percentage), else from the value alone."""
    alone = parse_amount(value)
    at = evidence.find(value) if evidence and value else -1
    if at >= 0:
        for m in _scan(evidence):
            # the mention that writes the value; a count is not read as a duration ("70" in
            # "aged 70 years" stays 70)
            if (
                m.number_start < at + len(value)
                and at < m.number_end
                and not (
                    alone is not None
                    and alone.measure == "count"
                    and m.amount.measure == "duration"
                )
            ):
                return m.amount
    return alone


# A lower bound in a report stands for a figure near it: a source that writes "more than
# 2,800 dead" when it could write 11,300 reports a different toll. "at least X" and "more
# than X" are compared as at most X * (1 + BOUND_SPAN).
BOUND_SPAN = 0.5


def _as_reported(i: Interval) -> Interval:
    if i.high is not None or i.low <= 0:
        return i
    return Interval(i.low, i.low * (1 + BOUND_SPAN), i.low_open, False)


def same_number(a: Amount, b: Amount) -> bool:
    """Can two amounts of one measure both be what their sources report: their intervals
    meet, an open lower bound read as a figure near it (``BOUND_SPAN``)?"""
    if a.interval is None or b.interval is None:
        return math.isclose(a.value, b.value)
    return _as_reported(a.interval).meets(_as_reported(b.interval))


SINCE_RE = phrases_re([w for p in _PACKS for w in p.since])
_DURATION = re.compile(
    rf"(?<!\w){SINCE_RE}\s+(?:{phrases_re(_APPROX_PHRASES)}\s+)?"
    rf"(?:(?P<number>\d+)\s+(?:{'|'.join(u for u, _, dual in _UNITS_RE if not dual)})"
    rf"|(?P<dual>{'|'.join(u for u, _, dual in _UNITS_RE if dual)}))"
    r"(?!\w)"
)


@dataclass(frozen=True)
class FoundDuration:
    phrase: str  # "since about 16 months" as written
    value: str  # "16 months" as written
    start: int
    end: int
    amount: Amount


def find_durations(text: str) -> list[FoundDuration]:
    """ "since N units" durations in ``text`` with their offsets (found in the normalised
    text; the span keeps the marks on the last letter, such as an Arabic tanwin)."""
    norm = normalize_with_map(text)
    found = []
    for m in _DURATION.finditer(norm.text):
        group = "number" if m.group("number") else "dual"
        amount = parse_amount(m.group())
        if amount is not None and amount.months:
            start, end = norm.span(m.start(), m.end())
            value = norm.span(m.start(group), m.end())[0]
            found.append(FoundDuration(text[start:end], text[value:end], start, end, amount))
    return found


_ACCORDING = re.compile(
    "|".join(rf"(?<!\w)(?:{'|'.join(p.according_to_re)})" for p in _PACKS if p.according_to_re),
    re.IGNORECASE,
)
_SOURCE_END = re.compile(r"[,،;:.!?؟\"“”«»()\n]|\s(?:that|that's|و?(?:أن|إن)|что)\s")
SOURCE_WORDS = 8


def credited_source(sentence: str) -> str | None:
    """Who ``sentence`` credits for what it reports ("according to the health ministry"),
    as written: the words after the packs' ``according_to_re``, to the clause's end."""
    m = _ACCORDING.search(sentence)
    if m is None:
        return None
    rest = sentence[m.end() :]
    cut = _SOURCE_END.search(rest)
    source = rest[: cut.start() if cut else len(rest)].strip()
    words = source.split()
    return " ".join(words[:SOURCE_WORDS]) or None


def quantity_amount(q: Quantity) -> Amount | None:
    """A quantity's number as the ground stage read it (its measure and interval), else as
    its value and evidence write it (a summary made elsewhere)."""
    if q.interval is None or q.measure is None:
        return amount_of(q.value, q.evidence)
    b = q.interval
    interval = Interval(b.low, b.high, b.low_open, b.high_open)
    return Amount(b.point, q.measure == "duration", False, interval, q.measure)
