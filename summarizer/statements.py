"""Reported statements found in the text: who said, announced, warned or confirmed what.

A small model lists one or two of an article's statements and misses the rest, so the
ground stage also finds them with the language packs' words, for any kind of news (a
ministry's toll, a court's ruling, a candidate's complaint): every statement credited to a
named source is a claim. Three forms, in the packs' word orders:

- verb first (Arabic; French "« ... », a déclaré X"): the speaker follows the verb, up to
  the pack's ``speaker_stops_re`` (the complementiser, a preposition, a comma) or a time
  word; a subject written before the verb also counts.
- speaker first (English, Russian): the speaker is the noun phrase right before the verb,
  back to the clause start, a comma, a quote or a word that opens a clause (``but``: "and",
  "while", "как", and the ``relatives`` "which", "который" whose noun stands before the
  comma), without the ``asides`` that open it ("On Sunday", "During the call") nor the
  ``fillers`` around it ("also", "has"); "Name, role, said" names the person. A verb
  right after a comma, a dash or "как" has its speaker after it ("..., said the agency",
  "..., — заявил X", "как сообщил X"). What was said follows the verb (after "that" or a
  colon), or comes first: "The toll rose to 300, the ministry said".
- "according to X, ..." (``according_to_re``), or "..., according to X." at the end.

A statement with a pronoun for its speaker ("He added", Arabic "وأضاف أن" with no subject)
is the previous statement's speaker's. A statement inside another (a minister quoted inside
a ministry's announcement) is part of the outer one, unless it opens a new clause after a
comma with a speaker of its own ("..., وقال X إن ...").
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache

from .lang import LanguagePack, packs
from .text import COMMAS, SENTENCE_MARKS, blank_links, normalize, phrases_re, words

MAX_WORDS = 40  # of what was said, from its start
MAX_SPEAKER = 6  # words of a speaker; a longer phrase gives the name it ends with
MAX_SPEAKER_AFTER = 8  # words of a speaker written after its verb (verb first)
NEAR = 80  # characters after a speaker where its complementiser ("that") may stand
_PACKS = packs()

QUOTES = '"“”«»„'
_CLOSING = '"”»’'
_DASHES = "—–"
_STRIP = f" {COMMAS}:{QUOTES}{_DASHES}\n"
_EDGE = f"{QUOTES}{COMMAS}{_DASHES}.:!?()[]-"
_MARKS = "\u0610-\u061a\u064b-\u065f\u0670"  # Arabic short vowels and shadda: أكّد = أكد
_IS_MARK = re.compile(f"[{_MARKS}]").fullmatch
_DAMMA = "\u064f"
_END = rf"(?![\w{_MARKS}])"  # the end of a word, its short vowels included
_MARK = re.compile(f"[{re.escape(SENTENCE_MARKS)}]")
_ABBREVIATIONS = frozenset(
    [normalize(t) for p in _PACKS for t in p.titles if len(t) <= 3]
    # a month cut short with a dot, as Latin script writes it: "Feb. 18" (not "in May.")
    + [
        normalize(m)
        for p in _PACKS
        for m, n in p.months.items()
        if m.isascii()
        and any(len(o) > len(m) and o.startswith(m) and k == n for o, k in p.months.items())
    ]
)
# Where a phrase before a verb starts: a comma (not inside "5,320,000"), a colon, a
# quote, a dash; a speaker written after its verb also ends at a bracket.
_BOUND_CHAR = re.compile(
    rf"(?<!\d)[{re.escape(COMMAS)}]|[{re.escape(COMMAS)}](?!\d)|[:{QUOTES}{_DASHES}]|\s-\s"
)
_SPEAKER_STOP = re.compile(rf"{_BOUND_CHAR.pattern}|[()\[\]]")
# A date written in figures ("2025-09-25", "17/05/2025") is no part of a speaker.
_DATE = re.compile(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}")
# A short name in quotes ("Красный Полумесяц", «Новости»): part of the phrase, not a bound.
_QUOTED_NAME = re.compile(rf"[{QUOTES}]([^{QUOTES},.;:!?\n]{{1,40}})[{QUOTES}]")


def _plain(word: str) -> str:
    """A word without the punctuation around it, in lower case: to look it up in a list."""
    return word.strip(_EDGE).lower()


def _has_upper(word: str) -> bool:
    return any(c.isupper() for c in word)


# --- sentences -------------------------------------------------------------------------


def _ends(text: str, i: int) -> bool:
    """Does the sentence mark at ``i`` end a sentence? Not the dot of "94.65", "U.S.",
    "a.m." or "Mr.", nor a mark in a quote the sentence goes on after (`"Stop!" he said`)."""
    mark = text[i]
    if mark == "\n":
        return True
    after = text[i + 1 : i + 2]
    if mark == ".":
        if after.isdigit() and text[i - 1 : i].isdigit():
            return False
        if after.isascii() and after.isalnum() and not after.isupper():
            return False  # "pic.twitter", "a.m"
        word = text[max(0, i - 12) : i].split()[-1:] or [""]
        if "." in word[0] or (len(word[0]) == 1 and word[0].isalpha()):
            return False
        if normalize(word[0]) in _ABBREVIATIONS:
            return False
    if _in_quote(text, i):
        return False  # "… we will go on.. journalism is not a crime": one quotation
    k = i + 1
    while k < len(text) and text[k] in _CLOSING:
        k += 1
    if k > i + 1:  # a quote closes after the mark: the sentence goes on if a clause follows
        rest = text[k : k + 4].lstrip(" ")[:1]
        if rest and (rest in COMMAS + _DASHES + "-" or (rest.isalpha() and rest.islower())):
            return False
    return True


def _in_quote(text: str, i: int) -> bool:
    """Is ``i`` inside a quotation that opened earlier on its line and closes later on it?"""
    line_start = text.rfind("\n", 0, i) + 1
    line_end = text.find("\n", i)
    before, after = text[line_start:i], text[i + 1 : line_end if line_end >= 0 else None]
    if after.lstrip(".!?…")[:1] in ("»", "”", '"', ""):
        return False  # the quote ends with this mark: "We have won."
    # a curly quote may close with a straight one ("“the ongoing war."): one that follows a
    # word and is followed by a space closes it
    straight_closes = len(re.findall(r'(?<=\S)"(?=\s|$)', before))
    opened = before.count("«") + before.count("“")
    curly = opened > before.count("»") + before.count("”") + straight_closes
    if curly and ("»" in after or "”" in after):
        return True
    return before.count('"') % 2 == 1 and '"' in after


class _Sentences:
    """The sentences of a text, by where they end (``_ends``)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.ends = [m.start() for m in _MARK.finditer(text) if _ends(text, m.start())]

    def bounds(self, pos: int) -> tuple[int, int]:
        """(start, end) of the sentence holding ``pos``: the end mark excluded."""
        i = bisect_left(self.ends, pos)
        start = self.ends[i - 1] + 1 if i else 0
        return start, self.ends[i] if i < len(self.ends) else len(self.text)

    def previous(self, start: int) -> tuple[int, int] | None:
        """The last sentence with words before ``start``."""
        i = bisect_left(self.ends, start) - 1
        while i >= 0:
            lo, hi = (self.ends[i - 1] + 1 if i else 0), self.ends[i]
            if self.text[lo:hi].strip(_STRIP):
                return lo, hi
            i -= 1
        return None

    def following(self, end: int) -> tuple[int, int] | None:
        """The first sentence with words after ``end``."""
        pos = end + 1
        while pos < len(self.text):
            lo, hi = self.bounds(pos)
            if self.text[lo:hi].strip(_STRIP):
                return lo, hi
            pos = hi + 1
        return None


def _clip(text: str, start: int, end: int) -> int:
    """End of at most ``MAX_WORDS`` words from ``start``, at a comma when it has to cut."""
    tokens = words(text[start:end])
    if len(tokens) <= MAX_WORDS:
        return end
    limit = start + tokens[MAX_WORDS - 1][2]
    comma = max(text.rfind(c, start, limit) for c in COMMAS)
    return comma if comma > start + (limit - start) // 2 else limit


def _clip_left(text: str, start: int, end: int) -> int:
    """Start of at most twice ``MAX_WORDS`` words before ``end`` (a sentence that opens
    with what was said and names its speaker last)."""
    tokens = words(text[start:end])
    if len(tokens) <= 2 * MAX_WORDS:
        return start
    return start + tokens[-2 * MAX_WORDS][1]


# --- the packs' words ---------------------------------------------------------------------


def _phrases(items: Sequence[str]) -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(_plain(w) for w in item.split()) for item in items if item.split())


_LETTER = re.compile(r"([\u0621-\u064a])(?![*+?{])")


def _marked(pack: LanguagePack, pattern: str) -> str:
    """A pattern of the pack's that also matches its Arabic words written with short
    vowels or a shadda on their letters: أكد matches أكّد."""
    return _LETTER.sub(rf"\1[{_MARKS}]*", pattern) if pack.script == "Arab" else pattern


def _alternation(items: Sequence[str], pack: LanguagePack) -> str:
    """The pack's words or phrases as written, longest first (``phrases_re``)."""
    return _marked(pack, phrases_re(list(items), raw=True))


def _word_re(items: Sequence[str], pack: LanguagePack) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){_alternation(items, pack)}{_END}", re.IGNORECASE)


def _verb_alternatives(pack: LanguagePack) -> str:
    """The pack's verbs as one alternation, longest first."""
    return _marked(pack, "|".join(sorted(pack.verbs_re, key=len, reverse=True)))


@dataclass(frozen=True)
class _Pack:
    """One pack's patterns and word lists."""

    pack: LanguagePack
    verb: re.Pattern[str]
    that: re.Pattern[str]  # the complementiser, as a word
    bound: re.Pattern[str]  # words that open a clause: but, complementisers, relatives
    asides: frozenset[str]
    dates: frozenset[str]  # weekdays, months, "today": a time, never a speaker
    fillers: frozenset[tuple[str, ...]]
    passive: frozenset[str]
    pronouns: frozenset[str]
    relatives: frozenset[str]
    determiners: frozenset[str]  # the pack's stopwords: "the", "a" after an aside word
    # verb first only
    speaker_end: re.Pattern[str] | None = None
    subject_end: re.Pattern[str] | None = None


def _conjunction(pack: LanguagePack) -> str:
    """An attached conjunction the pack's words may carry (Arabic wa, fa), as a pattern."""
    return f"(?:{'|'.join(map(re.escape, pack.conjunctions))})?" if pack.conjunctions else ""


# What may come right before a verb or an "according to" (the start, a space, punctuation).
_BEFORE = rf"(?:(?<=^)|(?<=[\s{re.escape(SENTENCE_MARKS + ':' + COMMAS)}\"“«(]))"


def _compile(pack: LanguagePack) -> _Pack:
    verbs = _verb_alternatives(pack)
    dates = {
        _plain(w)
        for w in [*(d for day in pack.weekdays for d in day), *pack.months, *pack.relative_days]
    }
    common = dict(
        pack=pack,
        that=_word_re(pack.complementisers, pack),
        bound=_word_re([*pack.but, *pack.complementisers, *pack.relatives], pack),
        asides=frozenset(_plain(w) for w in pack.asides if len(w.split()) == 1),
        dates=frozenset(dates),
        fillers=_phrases(pack.fillers),
        passive=frozenset(_plain(w) for w in pack.passive),
        pronouns=frozenset(_plain(w) for w in pack.pronouns),
        relatives=frozenset(_plain(w) for w in pack.relatives),
        determiners=frozenset(_plain(w) for w in pack.stopwords),
    )
    if not pack.verb_first:
        verb = re.compile(rf"(?<!\w)(?P<verb>{verbs}){_END}", re.IGNORECASE)
        return _Pack(verb=verb, **common)  # type: ignore[arg-type]
    commas = re.escape(pack.commas)
    endings = f"{_marked(pack, pack.verb_endings_re)}?" if pack.verb_endings_re else ""
    verb = re.compile(
        rf"{_BEFORE}{_conjunction(pack)}(?P<verb>(?:{verbs}){endings})(?=[\s{commas}:])",
        re.MULTILINE,
    )
    asides = [*pack.asides, *(w for day in pack.weekdays for w in day)]
    times = [*(w for day in pack.weekdays for w in day), *pack.relative_days]
    # Where a speaker written after the verb ends: the complementiser, a preposition that
    # opens the content, an aside (", in a statement"), a time word, a bracket, a quote.
    speaker_end = re.compile(
        "|".join([
            *(_marked(pack, stop) for stop in pack.speaker_stops_re),
            rf"[{commas}]\s*{_alternation(asides, pack)}\s",
            rf"\s{_alternation(times, pack)}(?=[\s{commas}.:]|$)",
            r"[:\"“«(]",
        ])
    )  # fmt: skip
    subject_end = re.compile(
        rf"[{commas}:]|(?<!\w){_alternation(pack.complementisers + pack.but, pack)}{_END}"
    )
    return _Pack(verb=verb, speaker_end=speaker_end, subject_end=subject_end, **common)  # type: ignore[arg-type]


@cache
def _talk_verbs() -> re.Pattern[str] | None:
    found = [("[وف]?" if p.script == "Arab" else "")  # an attached "and": وبحث
             + f"(?:{_marked(p, '|'.join(p.talk_verbs_re))})"
             for p in _PACKS if p.talk_verbs_re]  # fmt: skip
    return re.compile(rf"(?<!\w)(?:{'|'.join(found)}){_END}", re.IGNORECASE) if found else None


def names_talks(words: str) -> bool:
    """Do ``words`` (what a statement writes before what was said) hold a verb of talks
    (the packs' ``talk_verbs_re``: "X discussed with Y ...", "بحث X مع Y")? Its speaker took
    part in them, not only spoke of them."""
    pattern = _talk_verbs()
    return pattern is not None and pattern.search(words) is not None


@cache
def _all_packs() -> list[_Pack]:
    return [_compile(p) for p in _PACKS if p.verbs_re]


def never_in_a_name(word: str) -> bool:
    """Is ``word`` of a closed class of some pack that no name holds: an aside that opens a
    phrase ("خلال": during), a preposition of another time ("منذ": since), a relative day
    ("اليوم": today), or a verb of saying or discussing ("تحدث", with its endings and its
    conjunction "و")?"""
    plain = _plain(word)
    for p in _all_packs():
        if plain in p.asides or plain in p.pack.other_time or plain in p.pack.relative_days:
            return True
        m = p.verb.match(f"{word} ")
        if m is not None and m.end("verb") == len(word):
            return True
    return False


# --- statements ---------------------------------------------------------------------------


@dataclass(frozen=True)
class FoundStatement:
    speaker: str
    what: str
    start: int  # offsets of the whole clause (speaker, verb and what was said) in the text
    end: int


@dataclass(frozen=True)
class _Found:
    speaker: str  # "" when a pronoun: the previous statement's speaker
    what_start: int
    what_end: int
    start: int
    end: int
    clause: bool = False  # opens a new clause after a comma: "..., وقال X إن ..."

    def what(self, text: str) -> str:
        return text[self.what_start : self.what_end].strip(_STRIP)


_SPEAKER_EDGE = _EDGE.replace("()", "") + " "


def _speaker_text(text: str, start: int, end: int) -> str:
    """The speaker as written, without quote marks ("РИА «Новости»" is "РИА Новости")."""
    bare = "".join(" " if c in QUOTES else c for c in text[start:end])
    return " ".join(bare.split()).strip(_SPEAKER_EDGE)


Token = tuple[str, int, int]


def _tokens(text: str, start: int, end: int) -> list[Token]:
    return [(w, start + a, start + b) for w, a, b in words(text[start:end])]


def _filler_at(tokens: list[Token], p: _Pack, *, end: bool = False) -> int:
    """How many tokens a filler phrase takes at the start (or the end) of ``tokens``."""
    for n in (3, 2, 1):
        part = tokens[-n:] if end else tokens[:n]
        if len(part) == n and tuple(_plain(t[0]) for t in part) in p.fillers:
            return n
    return 0


def _name_run(tokens: list[Token]) -> list[Token]:
    """The name a phrase ends with: its last words with a capital letter, with the short
    particles between them ("Marie el-Drese", "Tamim bin Hamad")."""
    run: list[Token] = []
    for t in reversed(tokens):
        if _has_upper(t[0]) or (run and len(t[0]) <= 3 and t[0].isalpha()):
            run.append(t)
        else:
            break
    while run and not _has_upper(run[-1][0]):
        run.pop()
    return run[::-1]


def _is_name(tokens: list[Token]) -> bool:
    """Are ``tokens`` a name: capitalised words and the short particles between them?"""
    return bool(tokens) and len(_name_run(tokens)) == len(tokens)


def _noun_phrase(text: str, start: int, end: int, p: _Pack) -> tuple[int, int] | None:
    """The speaker in ``text[start:end]``, a phrase right before a verb: without the
    asides that open it ("On Sunday the ministry") nor the fillers around it, up to an
    aside that follows it ("the ministry in Rabat"); a longer phrase than MAX_SPEAKER
    gives the name it ends with, or nothing."""
    tokens = _tokens(text, start, end)
    dates = [i for i, t in enumerate(tokens) if _DATE.fullmatch(t[0].strip(_EDGE))]
    if dates:  # " date 2025-09-25 The court said": the phrase starts after the date
        tokens = tokens[dates[-1] + 1 :]
    changed = True
    while tokens and changed:
        changed = False
        if n := _filler_at(tokens, p):
            tokens, changed = tokens[n:], True
        elif _plain(tokens[0][0]) in p.asides:
            j = 2 if len(tokens) > 1 and _plain(tokens[1][0]) in p.determiners else 1
            j += 1  # the aside's object
            while j < len(tokens) and (
                _plain(tokens[j][0]) in p.dates or tokens[j][0][:1].isdigit()
            ):
                j += 1
            if j < len(tokens):
                tokens, changed = tokens[j:], True
            elif len(tokens) == 2 and _has_upper(tokens[1][0]):
                tokens = tokens[1:]  # "в МЧС сообщили": the body named after "в" said it
            else:
                return None
    for i in range(1, len(tokens)):
        if _plain(tokens[i][0]) in p.asides:
            tokens = tokens[:i]
            break
    while tokens and (n := _filler_at(tokens, p, end=True)):
        tokens = tokens[:-n]
    if not tokens or _plain(tokens[0][0]) in p.relatives:
        return None
    if len(tokens) > MAX_SPEAKER:
        tokens = _name_run(tokens)
        if not tokens or len(tokens) > MAX_SPEAKER:
            return None
    if not any(c.isalpha() for t in tokens for c in t[0]):
        return None
    return tokens[0][1], tokens[-1][2]


def _masked(text: str) -> str:
    """``text`` with each short name in quotes unquoted in place ("РИА «Новости»" ->
    "РИА  Новости "): offsets stay the same."""
    return _QUOTED_NAME.sub(lambda m: f" {m.group(1)} ", text)


def _segments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``text[start:end]`` cut at commas, quotes, dashes, brackets and colons; a short name
    in quotes stays whole."""
    masked = _masked(text[start:end])
    cuts = [(m.start(), m.end()) for m in _BOUND_CHAR.finditer(masked)]
    out, lo = [], 0
    for a, b in cuts:
        out.append((start + lo, start + a))
        lo = b
    out.append((start + lo, end))
    return out


def _after_word(text: str, start: int, end: int, p: _Pack) -> tuple[int, str]:
    """Where a segment's phrase starts: after the last word that opens a clause ("and",
    "while", "как", "which"), and that word ("" if none)."""
    last = None
    for last in p.bound.finditer(text, start, end):  # noqa: B007
        pass
    return (last.end(), _plain(last.group())) if last else (start, "")


def _content(text: str, start: int, end: int, p: _Pack) -> tuple[int, int] | None:
    """What was said when it comes before its speaker: ``text[start:end]`` without the
    quotes, commas, dashes and clause words at its edges; nothing if only an aside or a
    filler is left ("On Sunday,", "Об этом")."""
    tokens = _tokens(text, start, end)
    while tokens and (
        not tokens[-1][0].strip(_EDGE)
        or _plain(tokens[-1][0]) in p.relatives
        or p.bound.fullmatch(_plain(tokens[-1][0]))
    ):
        tokens.pop()
    while tokens and (n := _filler_at(tokens, p)):
        tokens = tokens[n:]
    if not tokens or (_plain(tokens[0][0]) in p.asides and len(tokens) <= 4):
        return None
    lo, hi = tokens[0][1], tokens[-1][2]
    while lo < hi and text[lo] in _STRIP:
        lo += 1
    while hi > lo and text[hi - 1] in _STRIP:
        hi -= 1
    return (lo, hi) if hi > lo else None


def _speaker_after(text: str, start: int, end: int, p: _Pack) -> tuple[int, int, int] | None:
    """A speaker written right after its verb ("..., said the ministry", "сообщает МВД
    страны"): (start, end, where its clause goes on); nothing if the words there are not
    a speaker (a pronoun, an aside, a quote, a clause that says something)."""
    pos = start
    while pos < end and text[pos].isspace():
        pos += 1
    if pos >= end or text[pos] in QUOTES:
        return None
    # quoted names masked (РИА «Новости») from the last mark no quoted name spans
    r = max(text.rfind(c, 0, pos) for c in ",.;:!?\n") + 1
    stop = _SPEAKER_STOP.search(_masked(text[r:end]), pos - r)
    stop_at = r + stop.start() if stop else end
    tokens = _tokens(text, pos, stop_at)
    dated = 0  # "сообщает 13 мая пресс-служба": the day it said it comes first
    while dated < len(tokens) and (tokens[dated][0][:1].isdigit()
                                   or _plain(tokens[dated][0]) in p.dates):  # fmt: skip
        dated += 1
    if 0 < dated < len(tokens) and tokens[0][0][:1].isdigit():
        tokens = tokens[dated:]
    if not tokens:
        return None
    first = _plain(tokens[0][0])
    not_a_speaker = (p.pronouns, p.asides, p.dates, p.relatives)
    if any(first in words_ for words_ in not_a_speaker) or p.that.fullmatch(first):
        return None
    if any(_filler_at(tokens[:n], p) == n for n in (1, 2, 3)):
        return None
    for i, t in enumerate(tokens):
        word = _plain(t[0])
        if p.that.fullmatch(word) or word in p.passive or word in p.pronouns:
            return None  # "said the toll that ...", "the money was paid": a clause
        if i and (word in p.asides or word in p.dates or p.bound.fullmatch(word)):
            tokens = tokens[:i]
            break
    while tokens and (n := _filler_at(tokens, p, end=True)):
        tokens = tokens[:-n]
    if not tokens:
        return None
    if len(tokens) > MAX_SPEAKER:
        tokens = _name_run(tokens)
        if not tokens or len(tokens) > MAX_SPEAKER:
            return None
    rest = text[stop_at:end]
    if stop and re.match(rf"[{re.escape(COMMAS)}]\s*{p.that.pattern}", rest, re.IGNORECASE):
        return None  # "сообщила AP, что ...": the speaker came before
    return tokens[0][1], tokens[-1][2], r + stop.end() if stop else end


def _said_after(text: str, start: int, end: int, p: _Pack) -> int | None:
    """Where what was said starts after a verb: after the complementiser when only an
    aside, a comma or a short object stands before it ("said on Sunday that", "told AP
    that", "claimed, without evidence, that"); after a colon."""
    rest = text[start:end]
    if rest.lstrip().startswith(":"):
        return start + rest.index(":") + 1
    m = p.that.search(text, start, min(end, start + NEAR))
    if m is None:
        return None
    between = text[start : m.start()]
    prefix = _tokens(text, start, m.start())
    if any(c in between for c in f":{QUOTES}"):
        return None  # "said, He added: “... that": what was said is elsewhere
    if (
        not between.strip(_STRIP)
        or (between.lstrip()[:1] in COMMAS and between.rstrip()[-1:] in COMMAS)
        or _plain(prefix[0][0]) in p.asides
        or _plain(prefix[0][0]) in p.dates
        or _filler_at(prefix, p)
        or len(prefix) <= 3
    ):
        return m.end()
    return None


def _only_asides(text: str, start: int, end: int, p: _Pack) -> bool:
    """Nothing is said after the verb: the sentence ends, goes on after a comma, or only
    says when or where ("said today", "said at a press conference")."""
    rest = text[start:end].strip()
    if not rest or rest[0] in COMMAS + _DASHES:
        return True
    tokens = _tokens(text, start, end)
    first = _plain(tokens[0][0])
    return first in p.asides or first in p.dates or bool(_filler_at(tokens, p))


def _after_sentence(
    text: str, sents: _Sentences, what_start: int, end: int
) -> tuple[int, int, int]:
    """(what starts, what ends, the statement ends) for what follows the verb; a colon at
    the end of a line introduces the next line ("He declared:\\n“...”")."""
    rest = text[what_start:end]
    colon = ":" in rest or text[:what_start].rstrip().endswith(":")
    if not rest.strip(_STRIP) and colon and text[end : end + 1] == "\n":
        nxt = sents.following(end)
        if nxt is not None:
            return nxt[0], _clip(text, nxt[0], nxt[1]), nxt[1]
    what_end = _clip(text, what_start, end)
    return what_start, what_end, what_end


def _named_after(
    text: str, sentence: int, np: tuple[int, int], start: int, end: int, p: _Pack
) -> tuple[int, int] | None:
    """The speaker of a sentence with its object first, when a phrase of common nouns
    stands before the verb and a person's name ends the sentence right after it ("Гибель
    президента подтвердил вице-президент Ихсен Мансури"): that phrase after the verb."""
    opens = not text[sentence : np[0]].strip()  # its first word has a capital anyway
    if _has_upper(text[np[0] + opens : np[1]]) or p.that.search(text, start, end):
        return None
    if any(c in text[start:end] for c in COMMAS + QUOTES + ":"):
        return None
    tokens = _tokens(text, start, end)
    if not 2 <= len(tokens) <= MAX_SPEAKER or len(_name_run(tokens)) < 2:
        return None
    return tokens[0][1], tokens[-1][2]


def _speaker_first(text: str, p: _Pack, sents: _Sentences) -> list[_Found]:
    """Speaker first (English, Russian): "The ministry said ...", "..., the ministry said",
    "X, the aid group's head, told ...", and the verb first after a comma or "как"."""
    found = []
    for m in p.verb.finditer(text):
        s0, s1 = sents.bounds(m.start())
        verb_end = m.end()
        verb_start = m.start()
        previous = text[s0:verb_start].split()[-1:]
        if (
            previous
            and _plain(previous[0]) in p.determiners
            and not p.bound.fullmatch(_plain(previous[0]))
        ):
            continue  # "linked to alleged financing", "the reported death": no verb
        if text[verb_start - 1 : verb_start] in '“«„"':  # Austin “stressed ...”: the quote opens
            verb_start -= 1  # what was said, the verb with it
        head = _tokens(text, s0, verb_start)
        cut = len(head)
        while cut and (n := _filler_at(head[:cut], p, end=True)):
            cut -= n
        if cut and _plain(head[cut - 1][0]) in p.passive:
            continue  # "are reported missing", "was announced"
        head_end = head[cut - 1][2] if cut else s0
        if cut < len(head):  # "The ministry, however, said": the commas of the filler go too
            head_end = len(text[:head_end].rstrip(" " + COMMAS))
        segments = _segments(text, s0, head_end)
        last_start, word = _after_word(text, *segments[-1], p)
        np = _noun_phrase(text, last_start, segments[-1][1], p)
        speaker: tuple[int, int] | None = np
        content: tuple[int, int] | None = None  # what was said, when before the speaker
        what: tuple[int, int, int] | None = None
        if np is None:
            # the verb opens its clause: ", сообщает X", ", как сообщил X", "Об этом сообщает X"
            opening = _tokens(text, segments[-1][0], verb_start)
            alone = (len(opening) <= 1 and bool(word)) or _filler_at(opening, p) == len(opening)
            speaker, content, what = _no_subject(text, p, sents, m, segments, word, alone)
            if speaker is None:
                continue
        elif (named := _named_after(text, s0, np, verb_end, s1, p)) is not None:
            speaker, content = named, _content(text, s0, verb_start, p)
            if content is None:
                continue
        else:
            said = _said_after(text, verb_end, s1, p)
            before = segments[-1][0] > s0 and _content(text, s0, segments[-1][0], p)
            quoted = text[s0 : segments[-1][0]].rstrip(" " + COMMAS)[-1:] in QUOTES
            if said is not None:
                what = _after_sentence(text, sents, said, s1)
            elif before and (quoted or _only_asides(text, verb_end, s1, p)):
                content = before
            else:
                what = _after_sentence(text, sents, verb_end, s1)
        if content is not None:
            start = _clip_left(text, content[0], s1)
            what_end = min(content[1], _clip(text, start, content[1]))
            found.append(_Found(_speaker_text(text, *speaker), start, what_end, start, s1))
        elif what is not None:
            found.append(_Found(_speaker_text(text, *speaker), what[0], what[1], speaker[0],
                                what[2]))  # fmt: skip
    return found


def _no_subject(
    text: str,
    p: _Pack,
    sents: _Sentences,
    m: re.Match[str],
    segments: list[tuple[int, int]],
    word: str,
    alone: bool,
) -> tuple[tuple[int, int] | None, tuple[int, int] | None, tuple[int, int, int] | None]:
    """A verb with no noun right before it in its clause: (speaker, what was said before
    it, what was said after it). The speaker follows the verb ("..., said the agency",
    "как сообщил X"); or, after a comma, it is the noun before an aside about it ("Marie
    el-Drese, the aid group's head, told") or before "which" ("Ankara, which said").
    Nothing when the statement names no one, as after "and" ("... and said")."""
    s0, s1 = sents.bounds(m.start())
    none = None, None, None
    if word in p.relatives:  # "Ankara, which said": the noun before the comma
        if len(segments) < 2:
            return none
        np = _noun_phrase(text, *segments[-2], p)
        if np is None:
            return none
        said = _said_after(text, m.end(), s1, p) or m.end()
        comma = _BOUND_CHAR.search(text, said, s1)  # "which said X, said Y": X alone
        what_end = _clip(text, said, comma.start() if comma else s1)
        return np, None, (said, what_end, what_end)
    after = _speaker_after(text, m.end(), s1, p) if alone else None
    aside = None  # "Name, <aside about the name>, verb"
    if not word and len(segments) >= 3 and not text[slice(*segments[-1])].strip():
        about = _tokens(text, *segments[-2])
        if about and not _filler_at(about, p) and _plain(about[0][0]) not in p.pronouns:
            lo, _ = _after_word(text, *segments[-3], p)
            aside = _noun_phrase(text, lo, segments[-3][1], p)
            named = aside is not None and _is_name(_tokens(text, *aside))
            if not named and len(about) <= 4 and _is_name(about):
                # "Gaddafi's son, Saif al-Islam, claimed": the aside is the name
                aside, named = (about[0][1], about[-1][2]), True
            initial = (
                aside is not None
                and len(_tokens(text, *aside)) == 1
                and not (text[s0 : aside[0]].strip(_STRIP))
            )  # one word opening the sentence: its capital says nothing
            if initial and len(about) <= MAX_SPEAKER and len(_name_run(about)) >= 2:
                # "Speaking on Friday, Secretary of State Dana Holm told ...": the name
                aside, named = (about[0][1], about[-1][2]), True
            relative = _plain(about[0][0]) in p.relatives
            if aside is not None and after is not None and not (named or relative):
                aside = None  # "..., 78, has been re-elected, says the agency"
    if aside is not None:
        said = _said_after(text, m.end(), s1, p)
        if said is None and _only_asides(text, m.end(), s1, p):
            before = _content(text, s0, segments[-3][0], p) if segments[-3][0] > s0 else None
            if before is not None:  # "“...,” Name, an adviser, told Rudaw on Saturday."
                return aside, before, None
        return aside, None, _after_sentence(text, sents, said or m.end(), s1)
    if after is None:
        return none
    sp_start, sp_end, goes_on = after
    before = _content(text, s0, m.start(), p)
    if before is not None:  # "The toll rose to 300, said the ministry."
        return (sp_start, sp_end), before, None
    if text[goes_on:s1].strip(_STRIP):  # "Как сообщил X, явка составила ..."
        what_start = goes_on
        return (sp_start, sp_end), None, (what_start, _clip(text, what_start, s1), s1)
    prev = sents.previous(s0)  # "Об этом сообщает X.": what the sentence before says
    if prev is None:
        return none
    return (sp_start, sp_end), (prev[0], prev[1]), None


def _subject_before(
    text: str, verb: int, sentence: int, p: _Pack
) -> tuple[tuple[int, int] | None, bool]:
    """Up to three words before a verb, back to the sentence start, a comma or the
    complementiser, without the fillers around them (Arabic "وكان ... قد"): the subject of
    a subject-first clause; and whether a filler opened it ("وكان X طالب": X is the
    subject, whatever follows the verb)."""
    assert p.subject_end is not None
    lo = sentence
    for m in p.subject_end.finditer(text, sentence, verb):
        lo = m.end()
    tokens = _tokens(text, lo, verb)
    opened = bool(tokens) and len(tokens) <= 4 and bool(_filler_at(tokens, p))
    tokens = tokens[-3:]
    while tokens and (n := _filler_at(tokens, p)):
        tokens = tokens[n:]
    while tokens and (n := _filler_at(tokens, p, end=True)):
        tokens = tokens[:-n]
    return ((tokens[0][1], tokens[-1][2]) if tokens else None), opened


def _passive(verb: str) -> bool:
    """An Arabic past verb with a damma on its first or second letter is passive (قُتل،
    اتُّهم: was killed, was accused); a present one (يُشير) starts with its prefix."""
    letters: list[str] = []  # each letter with the marks written on it
    for c in verb:
        if _IS_MARK(c) and letters:
            letters[-1] += c
        else:
            letters.append(c)
    return bool(letters) and letters[0][0] not in "يت" and any(_DAMMA in x for x in letters[:2])


def _verb_first(text: str, p: _Pack, sents: _Sentences) -> list[_Found]:
    """Verb first (Arabic: "stressed the Pentagon that ..."); a subject written before the
    verb also counts, and with ``quote_first`` the quote may come before the verb ("'...',
    said X", as French writes it). No speaker at all ("وأضاف أن ...") is a pronoun's."""
    assert p.speaker_end is not None
    found = []
    for m in p.verb.finditer(text):
        if _passive(m.group("verb")):
            continue  # "واتُّهم X": X was accused, said nothing
        sentence, end = sents.bounds(m.end())
        previous = text[sentence : m.start()].split()[-1:]
        if previous and _plain(previous[0]) in p.relatives:
            continue  # "X، الذي نفى ...": an aside about X, in the middle of another clause
        after = m.end()
        stop = p.speaker_end.search(text, after, end)
        speaker_end = stop.start() if stop else end
        speaker = text[after:speaker_end].strip(_STRIP)
        name = _QUOTED_NAME.match(text, speaker_end)
        named = name is not None and len(speaker.split()) == 1
        if named and (rest := text[name.end() : end].strip()) and rest[0].isalpha():
            named = p.speaker_end.match(text, name.end()) is not None
        if name is not None and named:
            speaker_end = name.end()  # a newspaper "Politico": the name is in quotes
            speaker = _speaker_text(text, after, speaker_end)
        start = m.start()
        subject, opened = _subject_before(text, m.start(), sentence, p)
        if subject is not None and (opened or not speaker):
            # subject first: "... that the two ministers discussed ...", "وكان X طالب"
            start, speaker = subject[0], text[subject[0] : subject[1]].strip(_STRIP)
            speaker_end = after
        if len(speaker.split()) > MAX_SPEAKER_AFTER:
            continue
        speaker = " ".join(speaker.split()[:MAX_SPEAKER])  # the head of the phrase comes first
        what_start = speaker_end
        window = text[speaker_end : min(end, speaker_end + NEAR)]
        that = p.that.search(window)
        colon = window.find(":")
        if colon >= 0 and (that is None or colon < that.start()):
            what_start = speaker_end + colon + 1
        elif that is not None:
            what_start = speaker_end + that.end()  # past an aside (", in a statement,")
        for word, _, word_end in _tokens(text, what_start, end)[:3]:
            if _plain(word) not in p.dates:
                break
            what_start = word_end  # "أعلنت المحكمة أمس السبت، عن ...": not what was said
        what_end = _clip(text, what_start, end)
        before = text[sentence : m.start()].rstrip(f" {COMMAS}:{_DASHES}")
        if p.pack.quote_first and start == m.start() and before.endswith(('"', "”", "»")):
            # the quote before the verb is what was said
            what_start = sentence + len(before) - len(before.lstrip())
            what_end = what_start + len(before.rstrip())
            start = what_start
        elif (
            not text[what_start:what_end].strip(_STRIP)
            and start == m.start()
            and previous
            and (previous[0][-1] in COMMAS or p.bound.fullmatch(_plain(previous[0])))
        ):
            said = _content(text, sentence, m.start(), p)
            if said is not None:  # "..., كما كتبت صحيفة بوليتيكو.": what comes first
                start, (what_start, what_end) = said[0], said
        # "..., وقال X إن ...": a conjunction and a comma before the verb open a new clause
        clause = start == m.start() < m.start("verb") and text[:start].rstrip()[-1:] in COMMAS
        found.append(_Found(speaker, what_start, what_end, start, _clip(text, start, end),
                            clause=clause and bool(speaker)))  # fmt: skip
    return found


@cache
def _according() -> list[tuple[re.Pattern[str], re.Pattern[str] | None, _Pack | None]]:
    """Each pack's "according to" pattern, with where its source ends (the pack's speaker
    stops) and the pack's words."""
    by_code = {p.pack.code: p for p in _all_packs()}
    out = []
    for pack in _PACKS:
        if not pack.according_to_re:
            continue
        pattern = re.compile(
            rf"{_BEFORE}{_conjunction(pack)}(?:{_marked(pack, '|'.join(pack.according_to_re))})",
            re.MULTILINE | re.IGNORECASE,
        )
        stops = [_marked(pack, s) for s in pack.speaker_stops_re if s != ","]
        stop = re.compile("|".join(stops)) if stops else None
        out.append((pattern, stop, by_code.get(pack.code)))
    return out


_ACCORDING_THEN = re.compile(
    rf"\s*{phrases_re([w for p in _PACKS for w in p.according_then], raw=True)}\s"
)


def _according_to(text: str, sents: _Sentences) -> list[_Found]:
    """ "according to X, ..." (in every pack's words: ``according_to_re``): the source is
    named up to the comma, and what was said follows; or the sentence says it first and
    names its source last ("2,300 have died, according to the ambulance service.")."""
    found = []
    for pattern, stop, p in _according():
        for m in pattern.finditer(text):
            s0, s1 = sents.bounds(m.start())
            source_end = s1
            masked = _masked(text[: s1 + 1])  # a source in quotes: وفقًا لـ"رويترز"
            at = m.end() + len(masked[m.end() : s1]) - len(masked[m.end() : s1].lstrip(QUOTES))
            for end_re in (_SPEAKER_STOP, stop):
                if end_re is not None and (e := end_re.search(masked, at, s1)) is not None:
                    source_end = min(source_end, e.start())
            tokens = _tokens(text, m.end(), source_end)
            if not tokens:
                continue
            if len(tokens) > MAX_SPEAKER_AFTER:
                tokens = _name_run(tokens)
                if not tokens or len(tokens) > MAX_SPEAKER:
                    continue
            speaker = _speaker_text(text, tokens[0][1], tokens[-1][2])
            before = _content(text, s0, m.start(), p) if p is not None else None
            if before is None and p is None and text[s0 : m.start()].strip(_STRIP):
                before = (s0, m.start())
            if before is not None:
                start = _clip_left(text, before[0], s1)
                what_end = min(before[1], _clip(text, start, before[1]))
                found.append(_Found(speaker, start, what_end, start, s1))
                continue
            what_start = source_end
            if text[source_end : source_end + 1] in COMMAS:
                what_start += 1
            if (c := _ACCORDING_THEN.match(text, what_start, s1)) is not None:
                what_start = c.end()
            found.append(_Found(speaker, what_start, _clip(text, what_start, s1), m.start(),
                                _clip(text, m.start(), s1)))  # fmt: skip
    return found


_PRONOUNS = frozenset(_plain(w) for p in _PACKS for w in p.pronouns)


def _resolve(kept: list[_Found], sents: _Sentences, participants: Sequence[str]) -> list[_Found]:
    """A pronoun speaker is the previous statement's, when that one ends in the pronoun's
    sentence or one of the two before it (dropped otherwise); a speaker that is part of a
    participant's name (a surname) is that participant."""
    names = [(frozenset(normalize(n).split()), n) for n in participants if n.strip()]
    out: list[_Found] = []
    for s in kept:
        speaker = s.speaker
        if not speaker or _plain(speaker) in _PRONOUNS:
            reach = sents.bounds(s.start)[0]
            for _ in range(2):
                reach = (sents.previous(reach) or (0, 0))[0]
            if not out or out[-1].end <= reach:
                continue
            speaker = out[-1].speaker
        key = frozenset(normalize(speaker).split())
        speaker = next((n for words_, n in names if key and key < words_), speaker)
        out.append(replace(s, speaker=speaker))
    return out


def find_statements(text: str, participants: Sequence[str] = ()) -> list[FoundStatement]:
    """Statements credited to a source in ``text``, in text order. ``participants`` (the
    event's people, as the model named them) give a speaker named by part of a
    participant's name ("Charfi") that participant's full name."""
    original = text
    text = blank_links(text)  # a page's address says nothing
    sents = _Sentences(text)
    statements = _according_to(text, sents)
    for p in _all_packs():
        if p.pack.verb_first:
            statements += _verb_first(text, p, sents)
        else:
            statements += _speaker_first(text, p, sents)
    kept: list[_Found] = []
    for s in sorted(statements, key=lambda s: (s.start, -s.end)):
        mark = sents.bounds(s.end)[1]
        if not s.what(text) or text[mark : mark + 1] in ("?", "؟"):
            continue  # nothing said, or a question ("What did X say?")
        if s.speaker and not _speaker_typed(s.speaker, text, s.start):
            continue
        if kept and s.start < kept[-1].end:
            if not (s.clause and s.start > kept[-1].start):
                continue
            # a new clause with its own speaker: the outer statement ends at its comma
            cut = max(text.rfind(c, kept[-1].start, s.start) for c in COMMAS)
            outer = kept[-1]
            kept[-1] = replace(outer, end=cut, what_end=min(outer.what_end, cut))
            if not kept[-1].what(text):
                kept.pop()
        kept.append(s)
    return [
        FoundStatement(s.speaker, s.what(original), s.start, s.end)
        for s in _resolve(kept, sents, participants)
    ]


def _speaker_typed(speaker: str, text: str, start: int) -> bool:
    """Can ``speaker`` be one who speaks: it opens with a letter (not a figure, not a
    connecting stroke: "13 мая", "ـ"), it is not two parties joined by "and" (they talked
    together: "Lavrov and Blinken spoke", "لافروف وبلينكن تحدثا"), and its line is not written
    in capitals only (a headline of another story: "FORMER MERCENARY SAYS ...")."""
    first = speaker.lstrip()[:1]
    if not first or not first.isalpha() or unicodedata.category(first) == "Lm":
        return False
    if _JOINED.search(speaker) or _attached_and(speaker, text):
        return False
    lo, hi = text.rfind("\n", 0, start) + 1, text.find("\n", start)
    line = text[lo : hi if hi >= 0 else None]
    cased = [c for c in line if c.isalpha() and c.lower() != c.upper()]
    return not (len(cased) > 20 and all(c.isupper() for c in cased))


# Two capitalised names joined by a pack's "and" written as a word ("Lavrov and Blinken").
_JOINED = re.compile(
    rf"\b[A-ZÀ-ÞА-ЯЁ][\w.-]*\s+(?:{'|'.join(w for p in _PACKS for w in p.and_words if len(w) > 1)})"
    r"\s+[A-ZÀ-ÞА-ЯЁ]"
)


_ATTACHED_AND = tuple(w for p in _PACKS for w in p.and_words if len(w) == 1)


def _attached_and(speaker: str, text: str) -> bool:
    """Does a word of ``speaker`` after its first carry an attached "and" (the packs'
    one-letter ``and_words``: Arabic و) before a word the text also writes alone ("لافروف
    وبلينكن", where "بلينكن" stands alone elsewhere)? "وزارة" is no "and" + "زارة"."""
    rest = speaker.split()[1:]
    return any(w.startswith(_ATTACHED_AND) and len(w) > 3 and re.search(
        rf"(?<!\w){re.escape(w[1:])}(?!\w)", text) for w in rest)  # fmt: skip
