"""Text normalisation for matching, with a map back to the original characters.

Matching happens on normalised text; display always uses the original text and offsets.
Arabic: diacritics and tatweel are dropped, alef forms become bare alef, alef maqsura and
hamza-on-ya become ya, ta marbuta becomes ha, hamza-on-waw becomes waw, Arabic-Indic digits
become ASCII digits. Latin and Cyrillic are case-folded (and Cyrillic ё becomes е).
Punctuation and symbols become spaces and runs of white space collapse to one space.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_CHAR_MAP: dict[str, str] = {
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ٲ": "ا",
    "ٳ": "ا",
    "ى": "ي",
    "ئ": "ي",
    "ی": "ي",
    "ې": "ي",
    "ة": "ه",
    "ۀ": "ه",
    "ہ": "ه",
    "ە": "ه",
    "ؤ": "و",
    "ک": "ك",
    "گ": "ك",
    "ё": "е",
}
for _i, _d in enumerate("٠١٢٣٤٥٦٧٨٩"):
    _CHAR_MAP[_d] = str(_i)
for _i, _d in enumerate("۰۱۲۳۴۵۶۷۸۹"):
    _CHAR_MAP[_d] = str(_i)

_DROP = {"\u0640", "\u200c", "\u200d", "\u200e", "\u200f", "\u061c", "\ufeff", "\u00ad"}


def _is_diacritic(ch: str) -> bool:
    o = ord(ch)
    return (
        0x064B <= o <= 0x065F
        or o == 0x0670
        or 0x06D6 <= o <= 0x06ED
        or 0x0610 <= o <= 0x061A
        or unicodedata.category(ch) == "Mn"
    )


def _fold_char(ch: str) -> str:
    """Fold one original character to zero or more normalised characters ('' drops it)."""
    if ch in _DROP or _is_diacritic(ch):
        return ""
    mapped = _CHAR_MAP.get(ch)
    if mapped is not None:
        return mapped
    cat = unicodedata.category(ch)
    if cat[0] in "PSZC":
        return " "
    out = unicodedata.normalize("NFKC", ch).casefold()
    return "".join(_CHAR_MAP.get(c, c) for c in out if not _is_diacritic(c))


@dataclass(frozen=True)
class Normalized:
    """Normalised text plus, for each normalised character, the index of its original character."""

    text: str
    origin: tuple[int, ...]
    ends: tuple[int, ...]
    source_length: int

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of the normalised text back to the original text. The end
        takes in marks that follow the last character (a vowel mark, tatweel)."""
        if end <= start:
            raise ValueError("empty span")
        return self.origin[start], self.ends[end - 1]


def normalize_with_map(text: str) -> Normalized:
    out: list[str] = []
    origin: list[int] = []
    ends: list[int] = []
    pending_space = False
    for i, ch in enumerate(text):
        folded = _fold_char(ch)
        if not folded:
            if out and not pending_space and ends[-1] == i:
                ends[-1] = i + 1  # a dropped mark belongs to the character before it
            continue
        for c in folded:
            if c == " ":
                pending_space = bool(out)
                continue
            if pending_space:
                out.append(" ")
                origin.append(i)
                ends.append(i)
                pending_space = False
            out.append(c)
            origin.append(i)
            ends.append(i + 1)
    return Normalized("".join(out), tuple(origin), tuple(ends), len(text))


@lru_cache(maxsize=65536)
def normalize(text: str) -> str:
    """Normalised form of ``text`` for matching (see the module docstring)."""
    return normalize_with_map(text).text


def detect_language(text: str) -> str:
    """Dominant script as a language code: 'ar', 'ru', 'en', or 'und'."""
    counts = {"ar": 0, "ru": 0, "en": 0}
    for ch in text[:5000]:
        o = ord(ch)
        if 0x0600 <= o <= 0x06FF or 0x0750 <= o <= 0x077F or 0xFB50 <= o <= 0xFEFF:
            counts["ar"] += 1
        elif 0x0400 <= o <= 0x04FF:
            counts["ru"] += 1
        elif ch.isascii() and ch.isalpha():
            counts["en"] += 1
    lang, n = max(counts.items(), key=lambda kv: kv[1])
    return lang if n else "und"
