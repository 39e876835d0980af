"""Numbers and durations as written: "16 months", "two years", "about 15 months", "100 thousand".

``parse_amount`` turns a written quantity into a number (durations in months), so that the
diff can tell "two years" and "24 months" agree and "16 months" and "15 months" do not.
``find_durations`` finds "since N months"-style durations in an article's text, for the
ground stage to add the ones the model missed (numbers are where small models slip most).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lang import packs
from .text import normalize, normalize_with_map, phrases_re

_PACKS = packs()
_NUMBER_WORDS = {normalize(w): n for p in _PACKS for w, n in p.number_words.items()}
_MULTIPLIERS = {normalize(w): m for p in _PACKS for w, m in p.multipliers.items()}
# Duration units in months; Arabic duals ("two months" in one word) carry the number 2.
_UNITS_RE = sorted((u for p in _PACKS for u in p.units_re), key=lambda u: not u[2])
_UNITS = [(re.compile(rf"(?:{unit})"), months, dual) for unit, months, dual in _UNITS_RE]
_SINGLE_UNITS = tuple(normalize(w) for p in _PACKS for w in p.single_units)
_APPROX_PHRASES = [w for p in _PACKS for w in p.approx]
# "more than", "nearly": the first word of an approximation marks it
_APPROX = {normalize(w).split()[0] for w in _APPROX_PHRASES}
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


@dataclass(frozen=True)
class Amount:
    value: float
    months: bool  # a duration, in months
    approx: bool


def parse_amount(*texts: str | None) -> Amount | None:
    """A number (or a duration in months) from a quantity's value and unit, e.g. "16 months",
    an Arabic dual "two years", "about 15 months", "100 thousand", in any pack's words."""
    words = normalize(" ".join(t for t in texts if t)).split()
    number: float | None = None
    factor: float | None = None
    approx = False
    for w in words:
        if w in _APPROX:
            approx = True
        if number is None and _NUMBER.fullmatch(w):
            number = float(w.replace(",", "."))
        elif number is None and w in _NUMBER_WORDS:
            number = float(_NUMBER_WORDS[w])
        elif w in _MULTIPLIERS and number is not None:
            number *= _MULTIPLIERS[w]
        for pattern, months, dual in _UNITS:
            if factor is None and pattern.fullmatch(w):
                factor = months
                if dual and number is None:
                    number = 2.0
                elif number is None:
                    number = 1.0 if w.startswith(_SINGLE_UNITS) else None
    if number is None:
        return None
    if factor is not None:
        return Amount(round(number * factor, 2), True, approx)
    return Amount(number, False, approx)


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
