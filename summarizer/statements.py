"""Reported statements found in the text: who said, announced, warned or discussed what.

A small model lists one or two of an article's statements and misses the rest, so the
ground stage also finds them with patterns: a reporting or discussion verb, its speaker and
what follows, up to the end of the sentence. Arabic puts the verb first ("أكد البنتاغون أن
..."), English and Russian put the speaker first ("The Pentagon said ...", "Пентагон
заявил ..."). Only statements about the main event are kept: the caller passes the names of
its participants, and a statement must mention one of them or the other party of the event
("نظيره", "counterpart", "коллегой").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .entities import name_key, word_skeleton
from .text import normalize

MAX_WORDS = 40

_AR_VERBS = (
    # verb stems; the feminine (ت) and dual (ا / تا) endings are added below
    "قال", "أكد", "اكد", "أعلن", "اعلن", "أشار", "اشار", "أفاد", "افاد", "أوضح", "اوضح",
    "ذكر", "أضاف", "اضاف", "صرح", "اعتبر", "نفى", "نف", "اتهم", "حذر", "شدد", "دعا", "دع",
    "طالب", "هدد", "بحث", "ناقش", "تناول", "تبادل", "تطرق", "أبلغ", "ابلغ", "أعرب", "اعرب",
)  # fmt: skip
_AR_VERB = re.compile(
    r"(?:(?<=^)|(?<=[\s.،؛:\"“(]))[وف]?(?P<verb>(?:"
    + "|".join(sorted({re.escape(v) for v in _AR_VERBS}, key=len, reverse=True))
    + r")(?:ت|ا|تا)?)(?=\s)",
    re.MULTILINE,
)
# Where an Arabic speaker ends: the complementiser, a preposition that opens the content,
# the other party of the event, or an aside ("، في بيان").
_AR_SPEAKER_END = re.compile(
    r"\s(?:أن|أنّ|إن|إنّ|ان|بأن|بأنّ|إلى|الى|على|من|عن|مع|خلال|في|عبر|لـ|نظير\w*|بشأن)(?=\s)"
    r"|،\s*(?:في|خلال|عبر|يوم|الثلاثاء|الاثنين|الأربعاء|الخميس|الجمعة|السبت|الأحد)\s"
    r"|[:\"“«]"
)
_AR_THAT = re.compile(r"(?:^|\s)(?:بأن|بأنّ|إلى أن|إلى أنّ|أن|أنّ|إن|إنّ)\s")
_EN_VERB = re.compile(
    r"\b(?P<verb>said|says|told|stated|announced|stressed|warned|discussed|urged|accused|"
    r"threatened|denied|added|noted|emphasi[sz]ed|reported|claimed|agreed)\b",
    re.IGNORECASE,
)
_RU_VERB = re.compile(
    r"(?<!\w)(?P<verb>заявил[аои]?|сообщил[аои]?|подчеркнул[аои]?|предупредил[аои]?|"
    r"обсудили|обсудил[аои]?|отметил[аои]?|призвал[аои]?|обвинил[аои]?|пригрозил[аои]?|"
    r"добавил[аои]?|сказал[аои]?|указал[аои]?)(?!\w)",
)
_ACCORDING = re.compile(
    r"(?:(?<=^)|(?<=[\s.،؛:\"“(]))[وف]?(?:وفقا|وفقاً|طبقا|طبقاً)\s*(?:ل|لـ)\s*"
    r"|(?:(?<=^)|(?<=[\s.،؛:\"“(]))[وف]?(?:بحسب|حسب)\s+"
    r"|\b(?:[Aa]ccording to)\s+|(?<!\w)[Пп]о\s+(?:словам|данным|сообщению)\s+",
    re.MULTILINE,
)
_THAT = re.compile(r"^(?:that|что)\s+", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?؟\n]")
_OTHER_PARTY = {
    normalize(w)
    for w in (
        "نظيره", "نظيرها", "نظيريه", "الوزيرين", "الوزيران", "وزيرا", "وزيري", "الجانبين",
        "counterpart", "counterparts", "коллегой", "коллегу", "коллега", "министры",
    )
}  # fmt: skip


@dataclass(frozen=True)
class FoundStatement:
    speaker: str
    what: str
    start: int  # offsets of the whole clause (verb to sentence end) in the text
    end: int


def _sentence_end(text: str, start: int) -> int:
    m = _SENTENCE_END.search(text, start)
    return m.start() if m else len(text)


def _sentence_start(text: str, pos: int) -> int:
    cut = max(text.rfind(mark, 0, pos) for mark in ".!?؟\n")
    return cut + 1


def _clip(text: str, start: int, end: int) -> int:
    """End of at most ``MAX_WORDS`` words from ``start``, at a comma when it has to cut."""
    words = list(re.finditer(r"\S+", text[start:end]))
    if len(words) <= MAX_WORDS:
        return end
    limit = start + words[MAX_WORDS - 1].end()
    comma = max(text.rfind("،", start, limit), text.rfind(",", start, limit))
    return comma if comma > start + (limit - start) // 2 else limit


def _subject_before(text: str, verb: int) -> str:
    """Up to three words before an Arabic verb, back to the sentence start, a comma or the
    complementiser: the subject of a subject-first clause."""
    lo = _sentence_start(text, verb)
    head = re.split(r"[،,:]|\s(?:أن|أنّ|إن|إنّ|بأن|لكن)\s", text[lo:verb])[-1]
    return " ".join(head.split()[-3:])


def _arabic(text: str) -> list[FoundStatement]:
    found = []
    for m in _AR_VERB.finditer(text):
        end = _sentence_end(text, m.end())
        after = m.end()
        stop = _AR_SPEAKER_END.search(text, after, end)
        speaker_end = stop.start() if stop else end
        speaker = text[after:speaker_end].strip(" ،,")
        start = m.start()
        if not speaker:  # subject first: "... أن الوزيرين ناقشا "..." "
            speaker = _subject_before(text, m.start())
            start = text.rfind(speaker, 0, m.start()) if speaker else start
        if not speaker or len(speaker.split()) > 8:
            continue
        what_start = speaker_end
        if (c := _AR_THAT.search(text, speaker_end, min(end, speaker_end + 80))) is not None:
            what_start = c.end()  # past an aside ("، في بيان نشره،") and the "that"
        what = text[what_start : _clip(text, what_start, end)].strip(' ،,:"“”')
        found.append(FoundStatement(speaker, what, start, _clip(text, start, end)))
    return found


def _according_to(text: str) -> list[FoundStatement]:
    """ "وفقا لوزارة الدفاع، فإن ...", "according to the Pentagon, ...", "по словам X, ...":
    the source is named first, up to the comma; the statement follows."""
    found = []
    for m in _ACCORDING.finditer(text):
        end = _sentence_end(text, m.end())
        comma = re.search(r"[،,]", text[m.end() : end])
        if comma is None:
            continue
        speaker = text[m.end() : m.end() + comma.start()].strip()
        what_start = m.end() + comma.end()
        if (c := re.match(r"\s*(?:فإن|فإنّ|فان)\s", text[what_start:end])) is not None:
            what_start += c.end()
        what = text[what_start : _clip(text, what_start, end)].strip(' ،,:"“”')
        if speaker and len(speaker.split()) <= 8:
            found.append(FoundStatement(speaker, what, m.start(), _clip(text, m.start(), end)))
    return found


def _speaker_first(text: str, pattern: re.Pattern[str]) -> list[FoundStatement]:
    found = []
    for m in pattern.finditer(text):
        start = _sentence_start(text, m.start())
        before = text[start : m.start()].strip(" ,")
        words = before.split()
        if not words:
            continue
        speaker = " ".join(words[-6:])
        end = _sentence_end(text, m.end())
        what = _THAT.sub("", text[m.end() : end].strip(' ,:"“”«»'))
        lo = start + len(text[start : m.start()]) - len(text[start : m.start()].lstrip())
        found.append(FoundStatement(speaker, what, lo, _clip(text, lo, end)))
    return found


def find_statements(text: str, participants: list[str]) -> list[FoundStatement]:
    """Statements in ``text`` that mention one of ``participants`` (by surname, in any
    script or spelling) or the event's other party. A statement inside another (a
    quoted minister inside a ministry's announcement) is part of the outer one."""
    surnames = {key[-1] for p in participants if (key := name_key(p)) and len(key[-1]) > 2}
    statements = (
        _arabic(text) + _according_to(text)
        + _speaker_first(text, _EN_VERB) + _speaker_first(text, _RU_VERB)
    )  # fmt: skip
    kept: list[FoundStatement] = []
    for s in sorted(statements, key=lambda s: (s.start, -s.end)):
        if kept and s.start < kept[-1].end:
            continue
        words = normalize(text[s.start : s.end]).split()
        about_event = any(w in _OTHER_PARTY for w in words) or any(
            word_skeleton(w) in surnames or word_skeleton(w[1:]) in surnames for w in words
        )
        if about_event and s.what:
            kept.append(s)
    return kept
