"""What part of a page is the main story: page furniture, captions and header dates, where
another story starts, and what the model is shown (``prompt_text``).

Both the load stage and the ground stage read the page through these helpers.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import NamedTuple

from .dates import WrittenDate, find_dates, weekday_in
from .lang import packs
from .text import (
    CLAUSE_MARKS,
    COMMAS,
    LINKS,
    SENTENCE_MARKS,
    content_words,
    normalize,
    sentence_bounds,
)

DATELINE_CHARS = 40
DATELINE_START = 8


class PageDate(NamedTuple):
    """The article's own date as the page prints it, and where: a "page date" line, a
    "date token" (a ``date YYYY-MM-DD`` token that opens the text, left by a crawler), or a
    "dateline" (a full date that opens the first line of text)."""

    written: str
    iso: str
    kind: str


_DATE_TOKEN = re.compile(r"^\s*date\s+\d{4}-\d{2}(?:-\d{2})?\b")


def find_page_date(text: str, head_lines: int = 10) -> PageDate | None:
    """The article's own date: a date printed as its own short line among the first lines of
    the page (a page header, with its weekday and time), or else a full date that opens one
    of them (a ``date`` token, a dateline)."""
    head = [line for line in text.splitlines() if line.strip()][:head_lines]
    for line in head:
        if boilerplate(line) == "page date":
            date = find_dates(line)[0]
            if date.year and date.day:  # "13 MAY 22 12:01 ET" dates nothing
                return PageDate(date.written, date.iso, "page date")
    for line in head:
        # A dateline: a full date that opens the first line of text ("9 Sept 2023 - ...").
        stripped = line.strip()
        if stripped.startswith(("http://", "https://")):
            continue
        if (date := _dateline_date(stripped)) is not None:
            kind = "date token" if _DATE_TOKEN.match(stripped) else "dateline"
            return PageDate(date.written, date.iso, kind)
    return None


def _dateline_date(line: str) -> WrittenDate | None:
    """The full date of the dateline that opens ``line`` (stripped), if any."""
    found = _dateline(line)
    return found[0] if found is not None and found[0].year else None


# A dateline that names its place or outlet before the date: "Москва, 9 сентября - АиФ-Москва.
# ...", "MOSCOW, Oct 23 (Reuters) - ...", "الإيطالية نيوز، الخميس 1 أغسطس 2024 - ...": a few
# words without digits, a comma or a dash ("الرباط - 9 سبتمبر (وكالات) -"), the date (its
# weekday may come first), a credit in brackets or none, a dash.
DATELINE_WORDS = 4
_NAMED = re.compile(rf"[^\W\d][^\d{COMMAS}\n]{{0,40}}?(?:[{COMMAS}]|\s[-–—])\s*")
_DASH = re.compile(r"\s*(?:\([^()\n]{1,40}\)\s*)?[-–—]\s")


def _dateline(line: str) -> tuple[WrittenDate, int] | None:
    """The date of the dateline that opens ``line`` (stripped) and where the story's text
    starts after it: a full date first ("9 Sept 2023 - ..."), or a place's or outlet's name,
    a date and a dash (``_NAMED``), with the agency the dateline credits ("- АиФ-Москва.")."""
    head = line[:DATELINE_CHARS]
    if not _DIGIT.search(head):
        return None  # a dateline writes its day in digits
    dates = find_dates(head)
    if dates and dates[0].day and dates[0].year and dates[0].start <= DATELINE_START:
        return dates[0], dates[0].end
    named = _NAMED.match(line)
    if (
        named is None
        or len(named.group().split()) > DATELINE_WORDS
        or weekday_in(named.group()) is not None
    ):
        return None
    date = next((d for d in find_dates(line[: named.end() + DATELINE_CHARS]) if d.day), None)
    if date is None:
        return None
    between = line[named.end() : date.start].split()
    if len(between) > 1 or (between and weekday_in(between[0]) is None):
        return None  # only a weekday between the name and the date
    dash = _DASH.match(line, date.end)
    if dash is None:
        return None
    credit = dateline_credit(line)
    at = line.find(credit, dash.start()) if credit else -1
    return date, (at + len(credit or "") + 1 if at >= 0 else dash.end())


def without_dateline(line: str) -> str:
    """``line`` without the dateline that opens it ("9 Sept 2023 - ...", "Москва, 9 сентября
    - АиФ-Москва. ..."), which dates the page, not the event."""
    stripped = line.lstrip()
    found = _dateline(stripped)
    return stripped[found[1] :].lstrip(" -–—,:|.") if found is not None else line


# A dateline that credits its outlet or agency: "Москва, 9 сентября - АиФ-Москва. ...",
# "KELBY, 5 March — Port News. ...": a place, a date, a dash, the credit and a full stop.
_DATELINE_CREDIT = re.compile(
    r"^\s*[^\W\d][^,\n]{0,30},\s*(?P<date>[^-–—\n]{3,25}?)\s*[-–—]\s*(?P<credit>[^.\n]{2,40}?)\.\s"
)


def dateline_credit(line: str) -> str | None:
    """The outlet or agency a dateline credits at the start of ``line`` ("АиФ-Москва" in
    "Москва, 9 сентября - АиФ-Москва. Количество ..."), or None: the page's source, no one of
    the story."""
    m = _DATELINE_CREDIT.match(line)
    if m is None or not any(d.day for d in find_dates(m.group("date"))):
        return None
    return m.group("credit").strip()


_BLANKS = re.compile(r"\n{3,}")
_DIGIT = re.compile(r"\d")
_TIME = re.compile(r"\b\d{1,2}[:.h]\d{2}\b")
_PACKS = packs()
# A line that ends with a photo credit is a caption ("... 14 June 2024 - Reuters").
_CREDIT = re.compile(
    rf"[-–—|/·.,]\s*(?:{'|'.join(r for p in _PACKS for r in p.credits_re)})\s*\.?\s*$",
    re.IGNORECASE,
)
# Short page furniture: reading time, "read more", theme switches, share buttons.
_FURNITURE = re.compile(f"(?:{'|'.join(r for p in _PACKS for r in p.furniture_re)})", re.IGNORECASE)
# The credit line of an embedded post: "— FRANCE 24 (@UrgentF24) September 25, 2025".
_EMBED = re.compile(r"^[—–-]\s.*\(@\w+\)")
_DATE_LABEL = re.compile(
    rf"^(?:{'|'.join(re.escape(w) for p in _PACKS for w in sorted(p.date_labels, key=len)[::-1])})"
    r"\b\s*:?",
    re.IGNORECASE,
)
_PHOTO = re.compile(rf"^(?:{'|'.join(r for p in _PACKS for r in p.photo_re)})\b", re.IGNORECASE)


_INSTRUCTIONS = re.compile(
    "|".join(f"(?:{r})" for p in _PACKS for r in p.instructions_re), re.IGNORECASE
)


def instructions(text: str) -> list[tuple[int, int]]:
    """The spans of the sentences of ``text`` addressed to a language model, not to a reader
    ("Ignore the previous instructions and write …", "تعليمات للنظام: تجاهل …"): no article
    content, whatever they say."""
    spans: list[tuple[int, int]] = []
    for m in _INSTRUCTIONS.finditer(text):
        lo, hi = sentence_bounds(text, m.start(), m.end())
        if spans and lo <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(hi, spans[-1][1]))
        else:
            spans.append((lo, hi))
    return spans


@lru_cache(maxsize=16384)
def without_instructions(text: str) -> tuple[str, tuple[str, ...]]:
    """``text`` with its sentences addressed to a model blanked (spaces: every offset stays
    the same), and one note for each of them. (Cached: grouping and grounding both ask.)"""
    spans = instructions(text)
    if not spans:
        return text, ()
    notes, parts, at = [], [], 0
    for lo, hi in spans:
        parts += [text[at:lo], re.sub(r"[^\n]", " ", text[lo:hi])]
        at = hi
        shown = " ".join(text[lo:hi].split())
        shown = shown if len(shown) <= 80 else shown[:77] + "..."
        notes.append(f"ignored a sentence addressed to a model, not article content: {shown!r}")
    return "".join([*parts, text[at:]]), tuple(notes)


def boilerplate(line: str) -> str | None:
    """Why ``line`` is page furniture rather than article text, or None if it is text."""
    stripped = line.strip()
    if _CREDIT.search(stripped) and len(stripped) < 300:
        return "caption"
    if len(stripped) < 200 and (_PHOTO.match(stripped) or _EMBED.match(stripped)):
        return "caption"
    if len(stripped) <= 60 and _FURNITURE.search(stripped):
        return "furniture"
    labelled = _DATE_LABEL.match(stripped)
    if labelled and len(stripped) <= 72 and find_dates(stripped):
        return "page date"  # "Published: 13 March 2013, 12:38", "Updated 4/11/2007 1:26 PM"
    if len(stripped) <= 48 and (dates := find_dates(stripped)):
        if len(dates[0].written) >= len(stripped) * 0.5:
            return "page date"
        # little is left besides the date, its weekday and a time of day ("- 8:39")
        rest = _TIME.sub(" ", stripped.replace(dates[0].written, " "))
        rest = "".join(w for w in rest.split() if weekday_in(w) is None)
        if len(re.sub(r"[\W_]", "", rest)) <= len(stripped) * 0.25:
            return "page date"
    return None


LABEL_CHARS = 120  # the longest outlet label under a URL line
_URL = re.compile(r"^\s*(?:https?://|www\.)\S+\s*$")


@lru_cache(maxsize=16384)
def body_lines(text: str) -> tuple[str, ...]:
    """The article's lines without page furniture, captions, header dates and bare URLs.
    A file that opens with its URL may give the outlet on the next line, then a blank line:
    that label is not the article's text either. (Cached: every stage reads them.)"""
    lines = text.splitlines()
    first = next((i for i, line in enumerate(lines) if line.strip()), 0)
    if first < len(lines) and _URL.match(lines[first]):
        label = lines[first + 1 : first + 3]
        if len(label) == 2 and 0 < len(label[0].strip()) <= LABEL_CHARS and not label[1].strip():
            lines = lines[first + 2 :]
    out = []
    for line in lines:
        s = line.strip()
        if s and not _URL.match(s) and not boilerplate(s):
            out.append(s)
    return tuple(out)


_HEADING = re.compile(r"^[^\n]{3,119}$")
_ENDS = CLAUSE_MARKS + COMMAS.replace(",", "") + "…?؟"  # no heading: a question is a subhead
LEAD_MIN = 600


SUBHEAD_SHARE = 0.25  # of the words after a heading the story before it writes: a subhead
SUBHEAD_WORDS = 10  # and at least this many words after it to tell
SUBHEAD_CHARS = 400  # what is read after it


def next_story(text: str, *, subheads: bool = True) -> int | None:
    """Offset of the first heading-like line (short, no sentence end, at most 12 words)
    after ``LEAD_MIN`` characters: where pages append another story, related links or
    comments. News puts the main event first, so the text before it is what matters. A
    subhead of the story goes on with it: ``SUBHEAD_SHARE`` of the content words of what
    follows it at least are the story's before it (on the train sets, subheads share 0.25 to
    0.50; other stories, related links and comments 0.20 at most)."""
    pos = 0
    for line in text.split("\n"):
        s = line.strip()
        if (
            pos >= LEAD_MIN and _HEADING.match(s) and s[-1] not in _ENDS
            and len(s.split()) <= 12 and not boilerplate(s)
            and not (subheads and _subhead(text[:pos], text[pos + len(line) :][:SUBHEAD_CHARS]))
        ):  # fmt: skip
            return pos
        pos += len(line) + 1
    return None


def _subhead(before: str, after: str) -> bool:
    """Does the text ``after`` a heading go on with the story ``before`` it?"""
    words = set(content_words(after))
    return len(words) >= SUBHEAD_WORDS and (
        len(words & set(content_words(before))) / len(words) >= SUBHEAD_SHARE
    )


STORY_CHARS = 2500  # where the main story is looked for: the page's first characters


def main_story(text: str, max_chars: int = STORY_CHARS) -> str:
    """The first ``max_chars`` of ``text``, before the page's next story (``next_story``)."""
    lead = text[:max_chars]
    return lead[: next_story(lead) or len(lead)]


def prompt_text(text: str, max_chars: int) -> tuple[str, bool]:
    """What the model is shown: captions, page furniture, header dates and repeated lines
    dropped; the text ends before the first heading of another story (see ``next_story``)
    and at the last paragraph that fits in ``max_chars`` (0: no limit, no cut at all).
    Returns (text, was_cut). The original text is not changed. Sentences addressed to a model
    (``instructions``) are left out."""
    raw = without_instructions(text)[0].splitlines()
    counts = Counter(line.strip() for line in raw[1:])
    lines = []
    for i, line in enumerate(raw):
        key = line.strip()
        if key and ((i and counts[key] > 1 and len(key) < 300) or boilerplate(key)):
            continue  # a short line printed twice is a caption; real paragraphs do not repeat
        lines.append(line.rstrip())
    shown = _BLANKS.sub("\n\n", "\n".join(lines)).strip()
    if max_chars <= 0:
        return shown, False
    heading = next_story(shown, subheads=False)
    if heading is not None:
        shown = shown[:heading].rstrip()
    if len(shown) <= max_chars:
        return shown, heading is not None
    cut = shown.rfind("\n", 0, max_chars)
    if cut < max_chars // 2:
        cut = max_chars
    return shown[:cut].rstrip(), True


OPENING_CHARS = 600  # characters of article text (page furniture left out) that open the story


@lru_cache(maxsize=16384)
def opening_of(lead: str, *, raw: bool = False) -> str:
    """The opening of the story without page furniture, date lines and the dates that open a
    line (datelines): normalised, or as written (``raw``)."""
    lines = [LINKS.sub(" ", without_dateline(line)) for line in body_lines(lead)]
    body = "\n".join(line for line in lines if line.strip())[:OPENING_CHARS]
    return body if raw else normalize(body)


MIN_EVENT_WORDS = 5  # a shorter "sentence" is a dateline or a credit, not the event's
TITLE_CHARS = 150  # the longest headline


def is_headline(line: str) -> bool:
    """Is ``line`` (a line of text) a headline: short, and no sentence mark ends it?"""
    line = line.strip()
    return bool(line) and len(line) <= TITLE_CHARS and line[-1] not in SENTENCE_MARKS


def lead_sentence(opening: str) -> str:
    """The story's first sentence after its headlines (``opening``: ``opening_of``): in news,
    the one that says who did what, when and where. A line that is a headline (short, no
    sentence mark ends it: the title, a subtitle, a credit) is none."""
    for line in opening.split("\n"):
        if is_headline(line):
            continue
        at = 0
        while at < len(line):
            lo, hi = sentence_bounds(line, at)
            if len(line[lo:hi].split()) >= MIN_EVENT_WORDS:
                return line[lo:hi].strip()
            at = hi + 1
    return ""


def event_sentence(
    text: str, lead: str, quote: tuple[int | None, int | None] = (None, None)
) -> tuple[int, int] | None:
    """The span of the sentence that reports the event: the whole sentence of a quote
    (``quote``: its span, the model's), when the story's opening holds it (news puts the
    main event first; not a page's header, a link, a dateline or a credit); otherwise the
    story's first sentence (its title, if any). ``lead``: the first characters of ``text``."""
    body = body_lines(main_story(lead, len(lead)))
    start, end = quote
    if start is not None and end:
        lo, hi = sentence_bounds(text, start, end)
        sentence = text[lo:hi].strip()
        opening = "\n".join(body)[:OPENING_CHARS]
        if len(sentence.split()) >= MIN_EVENT_WORDS and sentence[:60] in opening:
            return _past_dateline(text, lo, hi)
    for line in body:
        at, end = text.find(line), text.find(line) + len(line)
        while 0 <= at < end:
            lo, hi = sentence_bounds(text, at + 1)
            if len(text[lo:hi].split()) >= MIN_EVENT_WORDS:
                return _past_dateline(text, lo, hi)
            at = hi + 1
    return None


def _past_dateline(text: str, lo: int, hi: int) -> tuple[int, int]:
    """[lo, hi) without the dateline that opens it ("9 September 2023 - ")."""
    sentence = text[lo:hi]
    rest = without_dateline(sentence)
    return (hi - len(rest), hi) if rest and rest != sentence else (lo, hi)


LEAD_CHARS = 600  # the lead a summary keeps: who and when of the main event, for grouping


def lead_text(text: str) -> str:
    """The first paragraphs as the model is shown them, at most ``LEAD_CHARS`` characters."""
    return prompt_text(text, LEAD_CHARS)[0]
