"""Numbers and durations as written: "16 شهراً", "عامين", "about 15 months", "100 ألف".

``parse_amount`` turns a written quantity into a number (durations in months), so that the
diff can tell "two years" and "24 months" agree and "16 months" and "15 months" do not.
``find_durations`` finds "since N months"-style durations in an article's text, for the
ground stage to add the ones the model missed (numbers are where small models slip most).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .dates import find_dates
from .text import normalize

_NUMBER_WORDS = {
    normalize(w): n
    for n, words in {
        1: ("واحد", "واحدة", "one", "один", "одна"),
        2: ("اثنان", "اثنين", "two", "два", "две"),
        3: ("ثلاثة", "ثلاث", "three", "три"),
        4: ("أربعة", "أربع", "four", "четыре"),
        5: ("خمسة", "خمس", "five", "пять"),
        6: ("ستة", "ست", "six", "шесть"),
        7: ("سبعة", "سبع", "seven", "семь"),
        8: ("ثمانية", "ثماني", "eight", "восемь"),
        9: ("تسعة", "تسع", "nine", "девять"),
        10: ("عشرة", "عشر", "ten", "десять"),
        11: ("eleven", "одиннадцать"),
        12: ("twelve", "двенадцать"),
    }.items()
    for w in words
}
_MULTIPLIERS = {normalize(w): m for w, m in (
    ("ألف", 1e3), ("آلاف", 1e3), ("الف", 1e3), ("مليون", 1e6), ("ملايين", 1e6),
    ("thousand", 1e3), ("million", 1e6), ("тысяч", 1e3), ("тысячи", 1e3), ("миллион", 1e6),
)}  # fmt: skip
# Duration units in months; Arabic duals ("شهرين", "عامين") carry the number 2 in the word.
_UNITS: list[tuple[re.Pattern[str], float, bool]] = [
    (re.compile(r"^(?:ال)?(?:شهرين|شهران)$"), 1, True),
    (re.compile(r"^(?:ال)?(?:عامين|عامان|سنتين|سنتان)$"), 12, True),
    (re.compile(r"^(?:ال)?(?:اسبوعين|اسبوعان)$"), 12 / 52, True),
    (re.compile(r"^(?:ال)?(?:يومين|يومان)$"), 12 / 365, True),
    (re.compile(r"^(?:ال)?(?:شهر|شهرا|اشهر|شهور)$|^months?$|^месяц\w*$"), 1, False),
    (re.compile(r"^(?:ال)?(?:عام|عاما|اعوام|سنه|سنوات|سنين)$|^years?$|^год\w*$|^лет$"), 12, False),
    (re.compile(r"^(?:ال)?(?:اسبوع|اسابيع)$|^weeks?$|^недел\w*$"), 12 / 52, False),
    (re.compile(r"^(?:ال)?(?:يوم|يوما|ايام)$|^days?$|^дн\w*$|^день$"), 12 / 365, False),
]
_APPROX = {normalize(w) for w in (
    "نحو", "حوالي", "قرابة", "زهاء", "اكثر", "أكثر", "أقل", "ما", "يقارب", "about", "around",
    "nearly", "almost", "more", "over", "some", "approximately", "около", "почти", "более",
    "свыше", "примерно",
)}  # fmt: skip
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


@dataclass(frozen=True)
class Amount:
    value: float
    months: bool  # a duration, in months
    approx: bool


def parse_amount(*texts: str | None) -> Amount | None:
    """A number (or a duration in months) from a quantity's value and unit, e.g. "16 شهراً",
    "عامين", "about 15 months", "100 ألف"."""
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
            if factor is None and pattern.match(w):
                factor = months
                if dual and number is None:
                    number = 2.0
                elif number is None:
                    number = 1.0 if w.startswith(("شهر", "عام", "سنه", "اسبوع", "يوم")) else None
    if number is None:
        return None
    if factor is not None:
        return Amount(round(number * factor, 2), True, approx)
    return Amount(number, False, approx)


_SINCE_WORDS = r"(?:منذ|مُنذ|since|впервые\s+за|за\s+последние)"
_APPROX_WORDS = (
    r"(?:نحو|حوالي|حوالى|قرابة|زهاء|أكثر\s+من|اكثر\s+من|about|nearly|almost|more\s+than|"
    r"over|около|почти|более)"
)
_UNIT_WORDS = (
    r"(?:شهر\w*|أشهر|اشهر|شهور|عام\w*|أعوام|اعوام|سن\w+|أسبوع\w*|اسبوع\w*|أسابيع|أيام|يوم\w*|"
    r"months?|years?|weeks?|days?|месяц\w*|год\w*|лет|недел\w*|дн\w+|день)"
)
_DURATION = re.compile(
    rf"{_SINCE_WORDS}\s+(?:{_APPROX_WORDS}\s+)?"
    rf"(?:(?P<number>[0-9٠-٩]+)\s+{_UNIT_WORDS}|(?P<dual>شهرين|عامين|سنتين|أسبوعين|اسبوعين|يومين))"
    r"(?!\w)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class FoundDuration:
    phrase: str  # "منذ نحو 16 شهراً" as written
    value: str  # "16 شهراً" as written
    start: int
    end: int
    amount: Amount


def find_durations(text: str) -> list[FoundDuration]:
    """ "since N units" durations in ``text`` with their offsets."""
    found = []
    for m in _DURATION.finditer(text):
        end = m.end()
        while end < len(text) and unicodedata.category(text[end]) == "Mn":
            end += 1  # keep the marks on the last letter: شهراً
        group = "number" if m.group("number") else "dual"
        amount = parse_amount(m.group())
        if amount is not None and amount.months:
            found.append(
                FoundDuration(text[m.start() : end], text[m.start(group) : end], m.start(), end,
                              amount)
            )  # fmt: skip
    return found


def clause_around(text: str, start: int, end: int, reach: int = 90) -> tuple[int, int]:
    """Offsets of the clause that holds [start, end): back to a sentence break, a line break
    or ``reach`` characters (at a word boundary), whichever is nearest."""
    lo = max(0, start - reach)
    for mark in (".", "\n", "،", ":", "!", "?", "؟"):
        cut = text.rfind(mark, lo, start)
        if cut >= 0:
            lo = max(lo, cut + 1)
    if lo > 0 and not text[lo - 1].isspace() and text[lo - 1] not in ".\n،:!?؟":
        space = text.find(" ", lo, start)
        lo = space + 1 if space >= 0 else lo
    while lo < start and text[lo].isspace():
        lo += 1
    return lo, end


_INITIATIVE = re.compile(
    r"(?:بمبادرة|بطلب|بدعوة|مبادرة|at\s+the\s+(?:initiative|request|invitation)\s+of|"
    r"initiated\s+by|requested\s+by|по\s+(?:инициативе|просьбе|приглашению))\s+"
    r"(?:من\s+)?(?P<who>[^،,.\n:؛;()\"“”«»]{2,60})",
    re.IGNORECASE,
)


def find_initiator(text: str) -> tuple[str, int, int] | None:
    """Who initiated, requested or invited the event, when the text says so with a marker
    such as "بمبادرة من", "at the request of" or "по инициативе": (who, start, end)."""
    m = _INITIATIVE.search(text)
    if m is None:
        return None
    words = m.group("who").split()[:4]
    who = " ".join(words)
    start = m.start("who")
    return who, start, start + len(who)


_PREVIOUS = re.compile(
    r"(?:آخر|اخر)\s+(?:اتصال|مكالمة|محادثة|محادثات|مباحثات|لقاء|اجتماع)\w*"
    r"|(?:الاتصال|المكالمة|المحادثة|اللقاء)\s+(?:الأخير|الاخير|الأخيرة|الاخيرة)"
    r"|(?:منذ|مُنذ)(?=\s+\S+\s+\d{4}|\s+\d{1,2}\s+\S+\s+\d{4})"
    r"|\b(?:last|previous)\s+(?:call|contact|conversation|talks?|spoke|met|meeting)\b"
    r"|\bsince\b(?=\s+(?:\w+\s+\d{1,2},?\s+)?\d{4}|\s+\d{1,2}\s+\w+\s+\d{4}|\s+\w+\s+\d{4})"
    r"|(?<!\w)(?:последний|предыдущий)\s+(?:разговор|контакт|звонок|раз)\w*",
    re.IGNORECASE,
)


_BETWEEN = re.compile(r"(?:^|\s)(?:بين|between|между)\s", re.IGNORECASE)
_SINCE = re.compile(r"(?:منذ|مُنذ|since)$", re.IGNORECASE)
_FIRST = re.compile(r"(?:^|\s)(?:[وف]?اول|first|впервые)(?:\s|$)", re.IGNORECASE)


@dataclass(frozen=True)
class FoundPrevious:
    marker: str  # "آخر مكالمة", "منذ", "last call"
    date: str  # as written
    start: int  # the clause, from the marker to the date
    end: int


def find_previous_contact(text: str, reach: int = 120) -> list[FoundPrevious]:
    """Where the text dates the previous contact: "آخر مكالمة بين ... إلى 13 أيار/مايو", "أول
    اتصال ... منذ مارس 2023", "the last call between them was on 15 March": the marker and
    the first date within ``reach`` characters after it, in the same sentence. A "last"
    needs a "between" (the last call between the two, not the last meeting of something
    else); a "since" needs a "first" before it (the first call since ...)."""
    found = []
    for m in _PREVIOUS.finditer(text):
        window = text[m.end() : m.end() + reach]
        stop = re.search(r"[.!?؟\n]", window)
        dates = find_dates(window[: stop.start()] if stop else window)
        if not dates:
            continue
        if _SINCE.match(m.group()):
            ok = _FIRST.search(normalize(text[max(0, m.start() - 80) : m.start()])) is not None
        else:
            ok = _BETWEEN.search(window[: dates[0].start]) is not None
        if ok:
            d = dates[0]
            found.append(FoundPrevious(m.group(), d.written, m.start(), m.end() + d.end))
    return found
