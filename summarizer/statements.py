"""Reported statements found in the text: who said, announced, warned or discussed what.

A small model lists one or two of an article's statements and misses the rest, so the
ground stage also finds them with the language packs' words: a reporting or discussion verb,
its speaker and what follows, up to the end of the sentence, in the pack's word order (verb
first or speaker first), and "according to X, ...". Only statements about the main event
are kept: the caller passes the names of its participants, and a statement must mention one
of them or the other party of the event (the packs' ``other_party`` words).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .entities import name_key, word_skeleton
from .lang import LanguagePack, packs
from .text import CLAUSE_MARKS, COMMAS, normalize, phrases_re, sentence_bounds, words

MAX_WORDS = 40
_PACKS = packs()


def _conjunction(pack: LanguagePack) -> str:
    """An attached conjunction the pack's words may carry (Arabic wa, fa), as a pattern."""
    return f"(?:{'|'.join(map(re.escape, pack.conjunctions))})?" if pack.conjunctions else ""


# What may come right before a verb or an "according to" (the start, a space, punctuation).
_BEFORE = rf"(?:(?<=^)|(?<=[\s{re.escape(CLAUSE_MARKS + COMMAS)}\"“(]))"
_OTHER_PARTY = {normalize(w) for p in _PACKS for w in p.other_party}
_ACCORDING = re.compile(
    "|".join(
        rf"{_BEFORE}{_conjunction(p)}(?:{'|'.join(p.according_to_re)})"
        for p in _PACKS
        if p.according_to_re
    ),
    re.MULTILINE | re.IGNORECASE,
)
_ACCORDING_THEN = re.compile(
    rf"\s*{phrases_re([w for p in _PACKS for w in p.according_then], raw=True)}\s"
)
_THAT = re.compile(
    rf"^{phrases_re([w for p in _PACKS for w in p.complementisers], raw=True)}\s+", re.IGNORECASE
)


@dataclass(frozen=True)
class _Patterns:
    """One pack's patterns for its word order."""

    verb: re.Pattern[str]
    speaker_end: re.Pattern[str] | None = None  # verb first: where the speaker ends
    that: re.Pattern[str] | None = None  # verb first: the complementiser after the speaker
    subject_end: re.Pattern[str] | None = None  # verb first: where a subject before starts


def _patterns(pack: LanguagePack) -> _Patterns:
    verbs = "|".join(sorted(pack.verbs_re, key=len, reverse=True))
    endings = f"{pack.verb_endings_re}?" if pack.verb_endings_re else ""
    if not pack.verb_first:
        return _Patterns(re.compile(rf"(?<!\w)(?P<verb>{verbs})(?!\w)", re.IGNORECASE))
    verb = re.compile(
        rf"{_BEFORE}{_conjunction(pack)}(?P<verb>(?:{verbs}){endings})(?=\s)", re.MULTILINE
    )
    asides = [*pack.asides, *(w for day in pack.weekdays for w in day)]
    commas = re.escape(pack.commas)
    # Where a speaker written after the verb ends: the complementiser, a preposition that
    # opens the content, the other party of the event, an aside (", in a statement"), a quote.
    speaker_end = re.compile(
        "|".join([
            *pack.speaker_stops_re,
            rf"[{commas}]\s*{phrases_re(asides, raw=True)}\s",
            r"[:\"“«]",
        ])
    )  # fmt: skip
    that = re.compile(rf"(?:^|\s){phrases_re(pack.complementisers, raw=True)}\s")
    subject_end = re.compile(
        rf"[{commas}:]|\s{phrases_re(pack.complementisers + pack.but, raw=True)}\s"
    )
    return _Patterns(verb, speaker_end, that, subject_end)


@dataclass(frozen=True)
class FoundStatement:
    speaker: str
    what: str
    start: int  # offsets of the whole clause (verb to sentence end) in the text
    end: int


def _clip(text: str, start: int, end: int) -> int:
    """End of at most ``MAX_WORDS`` words from ``start``, at a comma when it has to cut."""
    tokens = words(text[start:end])
    if len(tokens) <= MAX_WORDS:
        return end
    limit = start + tokens[MAX_WORDS - 1][2]
    comma = max(text.rfind(c, start, limit) for c in COMMAS)
    return comma if comma > start + (limit - start) // 2 else limit


_STRIP = f' {COMMAS}:"“”'


def _subject_before(text: str, verb: int, subject_end: re.Pattern[str]) -> str:
    """Up to three words before a verb, back to the sentence start, a comma or the
    complementiser: the subject of a subject-first clause."""
    lo = sentence_bounds(text, verb)[0]
    head = subject_end.split(text[lo:verb])[-1]
    return " ".join(head.split()[-3:])


def _verb_first(text: str, pack: LanguagePack, patterns: _Patterns) -> list[FoundStatement]:
    """Verb first (Arabic: "stressed the Pentagon that ..."); a subject written before the
    verb also counts, and with ``quote_first`` the quote may come before the verb ("'...',
    said X", as French writes it)."""
    assert patterns.speaker_end and patterns.that and patterns.subject_end
    found = []
    for m in patterns.verb.finditer(text):
        sentence, end = sentence_bounds(text, m.end())
        after = m.end()
        stop = patterns.speaker_end.search(text, after, end)
        speaker_end = stop.start() if stop else end
        speaker = text[after:speaker_end].strip(_STRIP)
        start = m.start()
        if not speaker:  # subject first: "... that the two ministers discussed ..."
            speaker = _subject_before(text, m.start(), patterns.subject_end)
            start = text.rfind(speaker, 0, m.start()) if speaker else start
        if not speaker or len(speaker.split()) > 8:
            continue
        what_start = speaker_end
        if (c := patterns.that.search(text, speaker_end, min(end, speaker_end + 80))) is not None:
            what_start = c.end()  # past an aside (", in a statement it published,") and the "that"
        what = text[what_start : _clip(text, what_start, end)].strip(_STRIP)
        before = text[sentence : m.start()].rstrip(_STRIP.replace('"', ""))
        if pack.quote_first and start == m.start() and before.endswith(('"', "”", "»")):
            what = before.strip(_STRIP + "«»")  # the quote before the verb is what was said
            start = sentence + len(before) - len(before.lstrip())
        found.append(FoundStatement(speaker, what, start, _clip(text, start, end)))
    return found


def _according_to(text: str) -> list[FoundStatement]:
    """ "according to the Pentagon, ..." (in every pack's words: ``according_to_re``):
    the source is named first, up to the comma; the statement follows."""
    found = []
    for m in _ACCORDING.finditer(text):
        end = sentence_bounds(text, m.end())[1]
        comma = re.search(f"[{re.escape(COMMAS)}]", text[m.end() : end])
        if comma is None:
            continue
        speaker = text[m.end() : m.end() + comma.start()].strip()
        what_start = m.end() + comma.end()
        if (c := _ACCORDING_THEN.match(text[what_start:end])) is not None:
            what_start += c.end()
        what = text[what_start : _clip(text, what_start, end)].strip(_STRIP)
        if speaker and len(speaker.split()) <= 8:
            found.append(FoundStatement(speaker, what, m.start(), _clip(text, m.start(), end)))
    return found


def _speaker_first(text: str, pattern: re.Pattern[str]) -> list[FoundStatement]:
    """Speaker first (English, Russian): "The Pentagon said ..."."""
    found = []
    for m in pattern.finditer(text):
        start, end = sentence_bounds(text, m.start(), m.end())
        before = text[start : m.start()].strip(" ,")
        if not before:
            continue
        speaker = " ".join(before.split()[-6:])
        what = _THAT.sub("", text[m.end() : end].strip(' ,:"“”«»'))
        lo = start + len(text[start : m.start()]) - len(text[start : m.start()].lstrip())
        found.append(FoundStatement(speaker, what, lo, _clip(text, lo, end)))
    return found


@cache
def _all_patterns() -> list[tuple[LanguagePack, _Patterns]]:
    return [(p, _patterns(p)) for p in _PACKS if p.verbs_re]


def find_statements(text: str, participants: list[str]) -> list[FoundStatement]:
    """Statements in ``text`` that mention one of ``participants`` (by surname, in any
    script or spelling) or the event's other party. A statement inside another (a
    quoted minister inside a ministry's announcement) is part of the outer one."""
    surnames = {key[-1] for p in participants if (key := name_key(p)) and len(key[-1]) > 2}
    statements = _according_to(text)
    for pack, patterns in _all_patterns():
        if pack.verb_first:
            statements += _verb_first(text, pack, patterns)
        else:
            statements += _speaker_first(text, patterns.verb)
    kept: list[FoundStatement] = []
    for s in sorted(statements, key=lambda s: (s.start, -s.end)):
        if kept and s.start < kept[-1].end:
            continue
        tokens = normalize(text[s.start : s.end]).split()
        about_event = any(w in _OTHER_PARTY for w in tokens) or any(
            word_skeleton(w) in surnames or word_skeleton(w[1:]) in surnames for w in tokens
        )
        if about_event and s.what:
            kept.append(s)
    return kept
