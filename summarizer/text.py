"""Text normalisation for matching, with a map back to the original characters.

Matching happens on normalised text; display always uses the original text and offsets.
Combining marks and invisible characters are dropped, letters are case-folded, each language
pack's letter folds and digit sets apply (Arabic: alef forms become bare alef, ta marbuta
becomes ha, Arabic-Indic digits become ASCII digits; Russian: yo becomes ye; see ``lang``).
Punctuation and symbols become spaces and runs of white space collapse to one space.

Also here, for every module: the one word and sentence splitter (``words``,
``sentence_bounds``), ``stem`` (attached particles stripped) and the packs' ``stopwords``;
``phrases_re`` turns a pack's word lists into patterns.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from .lang import packs

_PACKS = packs()
_CHAR_MAP: dict[str, str] = {}
for _pack in _PACKS:
    _CHAR_MAP.update(_pack.char_folds)
    for _digits in _pack.digits:
        _CHAR_MAP.update({d: str(i) for i, d in enumerate(_digits)})
# Invisible characters (joiners, direction marks, BOM, soft hyphen) and the packs' own.
_DROP = {"\u200c", "\u200d", "\u200e", "\u200f", "\ufeff", "\u00ad"}
_MARKS = frozenset("".join(p.dropped for p in _PACKS))


def _is_diacritic(ch: str) -> bool:
    return ch in _MARKS or unicodedata.category(ch) == "Mn"


@cache
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


_SPACES = re.compile(" +")
# Links anywhere in a text (embedded posts, "read more"), percent-encoded paths too: their
# letters and digits are not words, names or numbers of the story.
LINKS = re.compile(r"\S*(?:https?://|www\.|pic\.twitter|%[0-9A-Fa-f]{2})\S*")


def blank_links(text: str) -> str:
    """``text`` with each link (``LINKS``) blanked by as many spaces: a page's address is no
    text, and every offset stays where it was."""
    return LINKS.sub(lambda m: " " * len(m.group()), text)


# News agencies and photo credits (the packs' ``credits_re``): they pass news on.
AGENCIES = re.compile(
    rf"(?<!\w)(?:{'|'.join(r for p in packs() for r in p.credits_re)})(?!\w)", re.IGNORECASE
)


@lru_cache(maxsize=65536)
def normalize(text: str) -> str:
    """Normalised form of ``text`` for matching (see the module docstring): the text of
    ``normalize_with_map``, without building the map."""
    return _SPACES.sub(" ", "".join(map(_fold_char, text))).strip(" ")


_CLITICS = re.compile(
    "^(?:" + "|".join(f"(?:{p.clitics_re})" for p in _PACKS if p.clitics_re) + r")(?=\w{2})"
)


def stem(word: str) -> str:
    """A normalised word without the particles attached to its front (the packs'
    ``clitics_re``: Arabic wa fa bi ka li + al; French l' d' qu'), for word-by-word matching:
    Arabic "for the tension" = "the tension", French "l'accord" = "accord"."""
    return _CLITICS.sub("", word)


_CONJUNCTIONS = tuple(c for p in _PACKS for c in p.conjunctions)


def bare(word: str) -> str:
    """A normalised word without an attached conjunction (the packs' ``conjunctions``:
    Arabic "and the Russian" -> "the Russian")."""
    if len(word) > 3 and word.startswith(_CONJUNCTIONS):
        return word[1:]
    return word


@cache
def stopwords() -> frozenset[str]:
    """Normalised function words of every language pack (for content-word matching)."""
    return frozenset(normalize(w) for p in _PACKS for w in p.stopwords)


# Punctuation of every pack: what ends a sentence, a clause, a part of a clause.
SENTENCE_MARKS = "".join(dict.fromkeys("".join(p.sentence_marks for p in _PACKS))) + "\n"
CLAUSE_MARKS = SENTENCE_MARKS + "".join(dict.fromkeys("".join(p.clause_marks for p in _PACKS)))
COMMAS = "".join(dict.fromkeys("".join(p.commas for p in _PACKS)))


def sentence_bounds(
    text: str, pos: int, end: int | None = None, *, clause: bool = False
) -> tuple[int, int]:
    """(start, end) of the sentence that holds [pos, end): after the last sentence mark (or
    line break) before ``pos``, up to the first at or after ``end`` (default ``pos``),
    that mark excluded. With ``clause``, clause marks (a colon, the Arabic comma) cut too."""
    marks = CLAUSE_MARKS if clause else SENTENCE_MARKS
    stop = pos if end is None else end
    start = max(_mark_before(text, mark, pos) for mark in marks) + 1
    ends = [i for i in (_mark_after(text, mark, stop) for mark in marks) if i >= 0]
    return start, min(ends, default=len(text))


def _decimal(text: str, i: int) -> bool:
    """Is the point at ``i`` a decimal point ("2.16") rather than a full stop?"""
    return 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit()


def _mark_before(text: str, mark: str, pos: int) -> int:
    i = text.rfind(mark, 0, pos)
    while i > 0 and mark == "." and _decimal(text, i):
        i = text.rfind(mark, 0, i)
    return i


def _mark_after(text: str, mark: str, pos: int) -> int:
    i = text.find(mark, pos)
    while i >= 0 and mark == "." and _decimal(text, i):
        i = text.find(mark, i + 1)
    return i


# A sentence's end: a sentence mark that is no decimal point ("2.16").
SENTENCE_END = re.compile(rf"(?!(?<=\d)\.(?=\d))[{re.escape(SENTENCE_MARKS)}]")


_WORD = re.compile(r"\S+")


def words(text: str) -> list[tuple[str, int, int]]:
    """The words of ``text`` (runs of non-space characters) with their offsets."""
    return [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]


def phrases_re(phrases: tuple[str, ...] | list[str], *, raw: bool = False) -> str:
    """An alternation that matches any of ``phrases`` (longest first): normalised, or as
    written (``raw``: any run of white space between words, either apostrophe)."""
    forms = {p if raw else normalize(p) for p in phrases}
    escaped = [
        r"\s+".join(re.escape(w).replace("'", "['’]") for w in f.split())
        for f in sorted(forms, key=len, reverse=True)
        if f
    ]
    return "(?:" + "|".join(escaped) + ")" if escaped else "(?!)"


def content_words(text: str) -> list[str]:
    """Normalised content words and numbers, particles stripped, stopwords out."""
    stop = stopwords()
    out = []
    for w in normalize(text).split():
        if w in stop:
            continue
        s = stem(w)
        if len(s) > 2 or s.isdigit():
            out.append(s)
    return out
