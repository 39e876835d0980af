"""Diff stage: where the sources of one event disagree, with each source's value and evidence.

What is compared, per event group:
- when: weekdays, and explicit dates at the same precision ("March 2023" and "15 March 2023"
  are compatible: one is more precise, not different);
- quantities: numbers and durations about the same thing (durations in months: "16 months"
  against "15 months"; "two years" against "24 months" agree); approximate values ("about 16")
  are still flagged when the numbers differ, and the note says which are approximate;
- who initiated: different initiators contradict (a name against a name, or a role or side
  against another; a role is the participant it describes); an initiator only one source
  names is a unique claim;
- claims: the same statement attributed to different named speakers (attribution), and
  statements no other source makes (unique claim);
- names: spelling variants of one person are reported as information, never as a conflict;
  one source that names another person for a side of the event than two or more others do
  ("his Russian counterpart Sergei Shoigu" against "... Andrei Belousov") contradicts them.
"""

from __future__ import annotations

import gc
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations

import numpy as np

from .cues import names_previous
from .dates import REPORT, STORY, WEEKDAY_NAMES, days_of, find_dates, same_date
from .embed import Embedder, default_embedder, embed_texts
from .entities import (
    EntityIndex,
    is_role_word,
    name_key,
    named_part,
    names_body,
    names_places,
    same_name,
    territory_of,
    word_skeleton,
)
from .fields import FIELDS
from .group import EventSide, EventView, build_views, cluster, event_side, stories
from .lang import packs
from .models import (
    ArticleSummary,
    Claim,
    Comparison,
    Disagreement,
    EntityForms,
    Event,
    EventReport,
    Kind,
    Participant,
    Quantity,
    Severity,
    SourceValue,
    StoryEvent,
    StoryReport,
)
from .quantities import (
    SINCE_RE,
    Amount,
    counted,
    credited_source,
    is_age,
    quantity_amount,
    same_number,
)
from .statements import find_statements
from .store import Store
from .story import body_lines, main_story, next_story, opening_of
from .text import (
    AGENCIES,
    CLAUSE_MARKS,
    COMMAS,
    SENTENCE_END,
    SENTENCE_MARKS,
    bare,
    normalize,
    stem,
    stopwords,
)

CLAIM_MATCH = 0.35
COVERED = 0.5
CORE_WORDS = 8
# Plural and pronoun endings a light stem drops (the packs' ``suffixes``).
_SUFFIX = re.compile(rf"(?<=\w{{3}})(?:{'|'.join(s for p in packs() for s in p.suffixes)})$")


@lru_cache(maxsize=65536)
def _keys(text: str) -> tuple[str, ...]:
    """Content words in order, as consonant skeletons of a light stem: attached particles
    (``text.stem``), plural and pronoun suffixes fall away, and so do long vowels and ta
    marbuta (Arabic al-imdadat = imdadat = imdad). Skeletons also meet across scripts."""
    keys = (word_skeleton(_SUFFIX.sub("", stem(w))) for w in normalize(text).split()
            if w not in stopwords())  # fmt: skip
    return tuple(k for k in keys if len(k) >= 2)


def _words(text: str) -> set[str]:
    return set(_keys(text))


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _value(
    article: str, value: str, evidence: str, grounded: bool, side: int | None = None
) -> SourceValue:
    return SourceValue(article=article, value=value, evidence=evidence, grounded=grounded,
                       side=side)  # fmt: skip


# A time read in the story further on may date another side of it (an arrival the day before),
# and a report's time the report: neither dates the event against another source's.
_NOT_COMPARED = frozenset({STORY, REPORT})


def _when_disagreements(
    views: Sequence[EventView], meaning: Meaning | None = None
) -> list[Disagreement]:
    """Sources that date the event on days that cannot be one: two weekdays with no day in
    common, or two dates both written as dates, each read where the event is reported (not
    the story further on, nor a report's clause: ``_NOT_COMPARED``). The sources that resolve
    to the same day and weekday are one side: one flag for each two sides that disagree, with
    every source of both (not one for each two sources: a wrong date in one of eight sources
    is one flag)."""
    sides: dict[tuple[str | None, int | None], list[EventView]] = {}
    for v in sorted(views, key=lambda v: v.id):
        if v.when and v.summary.event and v.when.read_from not in _NOT_COMPARED:
            sides.setdefault((v.when.iso, v.when.weekday), []).append(v)
    found = []
    for side_a, side_b in combinations(sides.values(), 2):
        wa, wb = side_a[0].when, side_b[0].when
        assert wa and wb
        why = None
        if wa.weekday is not None and wb.weekday is not None and not days_of(wa) & days_of(wb):
            why = f"{WEEKDAY_NAMES[wa.weekday]} against {WEEKDAY_NAMES[wb.weekday]}"
        stated = wa.basis.startswith("date") and wb.basis.startswith("date")
        if stated and same_date(wa.iso, wb.iso) is False:
            why = f"{wa.iso} against {wb.iso}"
        if why:
            values = []
            for side, v in [*((0, v) for v in side_a), *((1, v) for v in side_b)]:
                e, w = v.summary.event, v.when
                assert e and w
                values.append(_value(v.id, w.written, e.evidence, e.grounding.grounded, side))
            found.append(Disagreement(
                kind=Kind.CONTRADICTION, field="event.when", severity=Severity.HIGH,
                values=values, note=f"the sources date the event differently: {why}",
            ))  # fmt: skip
    return found


# Two numbers count the same thing when the words nearest them name one kind (dead, injured,
# votes...: ``quantities.counted``), their measure is the same (count, percent, duration,
# money in one currency) and each is its source's first number of that kind.
# Sources that report one count differ by less than this factor (on the dev set the widest
# true gap is 4.9: successive death tolls); a wider gap means two different things counted.
MAX_RATIO = 8.0
# A percentage, an amount of money or a duration that no pack's counted words name is of the
# kind of its measure when its sentence is in the story's opening (a headline figure: "inflation
# rose to 3.2%"), and a count of the noun right after it ("12 schools": in one language);
# further on, it may be a part or another figure of the story.
MEASURED = "~"
# A score ("4-2") and a moment ("minute 23") are no headline figures: a match has several
# scores (after the first half, after extra time) and a story several moments.
_UNRANKED = frozenset({"score", "moment"})
CONTEXT_WORDS = 4
SUBJECT_WORDS = 12
MODAL_WORDS = 4
_DIGIT = re.compile(r"\d")

Meaning = Callable[[list[str]], "np.ndarray"]


@dataclass(frozen=True)
class _Number:
    view: EventView
    quantity: Quantity
    amount: Amount
    context: str
    kind: str | None
    position: int
    projected: bool = False  # "could reach 20,000": a projection, no figure to compare


_MODALS = frozenset(normalize(w) for p in packs() for w in p.modals)


def _value_at(q: Quantity) -> int:
    """Where ``q``'s value stands in its evidence (not "1" inside "19"), or -1."""
    found = re.search(rf"(?<!\d){re.escape(q.value)}(?!\d)", q.evidence)
    return found.start() if found else -1


def _projected(q: Quantity, at: int) -> bool:
    """Does a modal ("could", "قد", "может") come shortly before the number (at ``at`` in its
    evidence) in its clause ("the toll could reach 20,000")? A capitalised word is not one
    (the month May)."""
    if at < 0:
        return False
    clause = re.split(rf"[{re.escape(CLAUSE_MARKS + SENTENCE_MARKS)}]", q.evidence[:at])
    words = clause[-1].split()[-MODAL_WORDS:]
    return any(normalize(w) in _MODALS and not w[:1].isupper() for w in words)


def _context(q: Quantity, at: int) -> tuple[str, str | None]:
    """What a number counts: the words around its value in its evidence, up to
    ``CONTEXT_WORDS`` on each side and never across another number ("632 dead and 329
    injured": "dead" for 632, "injured" for 329), a model's own description first; and the
    kind of thing the nearest telling word names (``quantities.counted``)."""
    evidence = q.evidence
    if at < 0:
        return q.what, _kind(q.what.split(), [])
    before = evidence[:at].split()[-CONTEXT_WORDS:]
    after = evidence[at + len(q.value) :].split()[:CONTEXT_WORDS]
    digits = [i for i, w in enumerate(before) if _DIGIT.search(w)]
    if digits:
        before = before[digits[-1] + 1 :]
    for i, w in enumerate(after):
        if _DIGIT.search(w):
            after = after[:i]
            break
    words = " ".join([*before, *after])
    kind = _kind(before, after) or _subject_kind(evidence[:at])
    # the noun right after a number is what it counts: "seven countries" are no prisoners,
    # nor any kind of figure the sources report on the event
    if after and names_places(after[0]):
        return words or q.what, None
    named = counted(after[0]) if after else None
    if q.origin == "model":
        return f"{q.what}: {words}", named or _kind(q.what.split(), []) or kind
    return words or q.what, named or kind


CHANGE = "+change"  # a kind's suffix: the size of a change, not a level
_CHANGE_WORDS = frozenset(normalize(w) for p in packs() for w in p.change_words)


def _is_change(q: Quantity, at: int) -> bool:
    """Is the number the size of a change: a preposition of change (the packs'
    ``change_words``: "by", "на", "بمقدار") right before it?"""
    before = q.evidence[:at].split()[-1:] if at > 0 else []
    return bool(before) and normalize(before[0]) in _CHANGE_WORDS


SINCE = "since"  # the packs' kind of a time since the previous event ("first in 84 days")
_SINCE_AFTER = re.compile(
    rf"^\s*(?:{SINCE_RE})\s+(?P<anchor>[^{re.escape(CLAUSE_MARKS + SENTENCE_MARKS + COMMAS)}]+)"
)
ANCHOR_WORDS = 8


def _since_another_event(q: Quantity, at: int, view: EventView) -> bool:
    """Is a duration the time since another event than the last of this one: "since" right
    after it opens what it counts from ("79 days since Russia started its invasion"), and that
    names no previous contact ("since their last call": ``cues.names_previous``) and no word of
    the event's own (its description, quote and participants)?"""
    if at < 0:
        return False
    m = _SINCE_AFTER.match(normalize(q.evidence[at + len(q.value) :]))
    if m is None:
        return False
    anchor = " ".join(m.group("anchor").split()[:ANCHOR_WORDS])
    return not names_previous(anchor) and not set(_keys(anchor)) & _event_words(view)


def _noun(evidence: str, at: int, value: str) -> str | None:
    """The word right after a number (at ``at`` in its evidence) when it is the text's own word
    (not a stopword, a name or a mark), as its stem: what a count counts ("12 schools")."""
    if at < 0:
        return None
    after = evidence[at + len(value) :].split()[:1]
    if not after:
        return None
    word = after[0].strip(".,;:!?\"'()«»“”")
    norm = normalize(word)
    if not word.isalpha() or word[:1].isupper() or norm in stopwords() or len(norm) < 3:
        return None
    return bare(stem(norm)) or norm


def _subject_kind(before: str) -> str | None:
    """The kind the clause before a number names further back, up to ``SUBJECT_WORDS``
    words and never across another number, a clause mark or a relative pronoun (the packs'
    ``relatives``): its subject ("The death toll in Libya's coastal city of Derna has soared
    to 11,300"; not "since" in "the first since the invasion, which has lasted 79 days")."""
    clause = re.split(rf"[{re.escape(CLAUSE_MARKS + SENTENCE_MARKS)}]|\d", before)[-1]
    words = clause.split()[-SUBJECT_WORDS:]
    relative = [k for k, w in enumerate(words) if normalize(w.strip(COMMAS)) in _RELATIVES]
    if relative:
        words = words[relative[-1] + 1 :]
    return _kind(words, [])


def _kind(before: list[str], after: list[str]) -> str | None:
    """The kind named by the word nearest the number (after it first at equal distance). A
    word before it in a phrase opened by a preposition ("after the exchange, three went")
    says when or where, not what the number counts."""
    back = before[::-1]
    for distance in range(max(len(before), len(after))):
        words = after[distance : distance + 1]
        if distance < len(back) and not _in_aside(back[distance + 1 : distance + 3]):
            words.append(back[distance])
        for word in words:
            if (kind := counted(word)) is not None:
                return kind
    return None


_RELATIVES = frozenset(normalize(w) for p in packs() for w in p.relatives)
_ASIDES = frozenset(normalize(w) for p in packs() for w in p.asides if len(w.split()) == 1)


def _in_aside(preceding: list[str]) -> bool:
    """Do the one or two words before a word (nearest first) open a phrase with a
    preposition ("after", "после", "خلال"), an article between them at most?"""
    if not preceding:
        return False
    first = normalize(preceding[0])
    if first in _ASIDES or bare(first) in _ASIDES:  # Arabic "wa-ba'd": and after
        return True
    second = normalize(preceding[1]) if len(preceding) > 1 else ""
    return first in stopwords() and (second in _ASIDES or bare(second) in _ASIDES)


def _numbers(views: Sequence[EventView]) -> list[_Number]:
    """The numbers of an event's sources that can be compared: grounded, about the event's
    time (not background), parsed, and not a date."""
    out = []
    for v in views:  # a wire copy too: one that changes a figure is worth showing
        opening = opening_of(v.text, raw=True)
        for q in v.summary.quantities:
            if not q.grounding.grounded or q.background or find_dates(q.value):
                continue
            if _after_subhead(v.text, q):
                continue  # compared where the story leads with it, as statements are
            if is_age(q.evidence, q.value):
                continue  # someone's age says who they are, not what happened
            amount = quantity_amount(q)
            if amount is None:
                continue
            at = _value_at(q)
            context, kind = _context(q, at)
            if kind == SINCE and (amount.measure != "duration" or _since_another_event(q, at, v)):
                # a time since the last event is a duration: "his first 17 passes", "the
                # first 7 drives" count something; "79 days since the invasion began" is
                # no time since the last call
                kind = None
            changed = _is_change(q, at) and amount.measure != "duration"
            if kind is None and q.evidence in opening and amount.measure not in _UNRANKED:
                # a headline figure no pack's words name
                noun = _noun(q.evidence, at, q.value) if amount.measure == "count" else None
                if amount.measure != "count" or noun:
                    kind = MEASURED + (noun or amount.measure)
            if changed and kind is not None:
                kind += CHANGE  # "cut by 2 million barrels" against "to 40 million"
            out.append(_Number(v, q, amount, context, kind, q.grounding.start or 0,
                               _projected(q, at)))  # fmt: skip
    return out


def _quantity_disagreements(
    views: Sequence[EventView], meaning: Meaning | None = None
) -> list[Disagreement]:
    """Each source's headline figure of each kind against the others' (``_headline``): a
    mismatch when both cannot hold, an attribution conflict when one figure is credited to
    two bodies; and the numbers only one source gives (``_unique_numbers``)."""
    numbers = _numbers(views)
    if len({n.view.id for n in numbers}) < 2:
        return []
    by_view: dict[str, list[int]] = {}
    for i, n in enumerate(numbers):
        by_view.setdefault(n.view.id, []).append(i)
    heads = {v: _headline(ix, numbers) for v, ix in by_view.items()}
    named = [p.name for v in views for p in v.summary.participants]
    named += [c.speaker for v in views for c in v.summary.claims if _titled(c.speaker)]
    people = [key for name in named if (part := named_part(name)) and (key := name_key(part))]
    found = _unique_numbers(numbers)
    for va, vb in combinations(by_view, 2):
        pairs = [(heads[va][k], heads[vb][k]) for k in heads[va].keys() & heads[vb].keys()]
        for i, j in sorted(pairs):
            na, nb = numbers[i], numbers[j]
            if not _comparable(na, nb):
                continue
            if not same_number(na.amount, nb.amount):
                found.append(_mismatch(na, nb))
            elif _credited_apart(na, nb, meaning, people):
                found.append(_credit_mismatch(na, nb))
    return found


# The cosine at which two bodies' names in two languages name one body ("the Libyan Red
# Crescent" and "الهلال الأحمر الليبي" 0.89, "the health ministry" and "وزارة الصحة" 0.92;
# the UN humanitarian office and the Red Crescent 0.86). In one language the words decide:
# two bodies on one topic score as high ("the Kremlin", "the defence ministry": 0.88).
SAME_SOURCE = 0.87


def _credited_apart(
    na: _Number, nb: _Number, meaning: Meaning | None, people: Sequence[tuple[str, ...]] = ()
) -> bool:
    """Do the two sources credit the same figure to different bodies ("according to the UN"
    against "the Red Crescent said")? Credits are written ("according to") or the speaker of
    the statement that gives the figure; a news agency, the outlet and a person the event's
    articles list or quote (``people``: who may speak for the other body) are no credit. Names are
    compared as parties, and across languages by meaning (``SAME_SOURCE``)."""
    a = credited_source(na.quantity.evidence) or na.quantity.source
    b = credited_source(nb.quantity.evidence) or nb.quantity.source
    if not (a and b) or _same_party(a, b) or na.amount.value != nb.amount.value:
        return False  # the same figure, to the unit
    if not (_credit_names(a) and _credit_names(b)):
        return False  # "officials", "the governor": no one named to credit it to
    if _relay(a, na.view) or _relay(b, nb.view):
        return False  # a news agency or the outlet itself passes a figure on: no credit
    if _person(a, people) or _person(b, people):
        return False  # a person may speak for the body the other credits (its head, its envoy)
    if meaning is None or na.view.summary.source.language == nb.view.summary.source.language:
        return True
    va, vb = meaning([a, b])
    return float(va @ vb) < SAME_SOURCE


def _credit_names(source: str) -> bool:
    """Does a credit name a party: a name or a body by its function (``_speaks``), or, in a
    script with capitals, a capitalised word after its first ("the Libyan Red Crescent";
    not "officials", "The governor", "state television")? A script without capitals gives
    no such sign: its credits count."""
    if _speaks(source):
        return True
    letters = [c for c in source if c.isalpha()]
    if not any(c.lower() != c.upper() for c in letters):
        return True
    return any(w[:1].isupper() for w in source.split()[1:])


def _relay(source: str, view: EventView) -> bool:
    """Is ``source`` a news agency (the packs' ``credits_re``), the article's own outlet, or
    a name its story's text does not write (a page's header)?"""
    outlet = view.summary.source.outlet
    if outlet and normalize(outlet.split("(")[0]) in normalize(source):
        return True
    quoted = [item.evidence for item in view.summary.items()]
    if normalize(source) not in normalize(" ".join([*body_lines(view.text), *quoted])):
        return True
    return AGENCIES.search(source) is not None


def _titled(speaker: str) -> bool:
    """Does ``speaker`` name a person with their function ("the electoral commission head
    Mohammed Charfi", "Marie el-Drese, the aid group's secretary-general")?"""
    part = named_part(speaker)
    rest = speaker.replace(part, " ") if part else ""
    return any(is_role_word(w) for w in normalize(rest).split())


def _person(source: str, people: Sequence[tuple[str, ...]]) -> bool:
    """Is ``source`` one of the people the event's articles list or quote (a person, not a
    body)?"""
    name = named_part(source)
    return bool(name) and any(same_name(name_key(name), key) for key in people)


def _credit_mismatch(na: _Number, nb: _Number) -> Disagreement:
    return Disagreement(
        kind=Kind.ATTRIBUTION, field=f"quantity.source: {na.context}",
        severity=Severity.MEDIUM, values=[_number_value(na), _number_value(nb)],
        note=f"the same figure is credited to {na.quantity.source} and {nb.quantity.source}",
    )  # fmt: skip


def _unique_numbers(numbers: list[_Number]) -> list[Disagreement]:
    """A number of a known kind that no other source gives (no number of theirs, of the same
    measure, can be it): a claim only one source makes ("at least 55 children poisoned")."""
    stories = {n.view.story for n in numbers}
    if len(stories) < 2:
        return []
    found = []
    for n in numbers:
        if n.kind is None or n.kind.startswith(MEASURED) or n.kind == "others" or n.view.copy_of:
            continue
        others = [o for o in numbers if o.view.story != n.view.story
                  and o.amount.measure == n.amount.measure]  # fmt: skip
        if any(same_number(n.amount, o.amount) for o in others):
            continue
        if any(o.kind in (n.kind, "others") for o in others):
            continue  # the others give this kind of number (or "N others"), differently
        q = n.quantity
        found.append(_only(f"quantity: {n.context}", _number_value(n), f"gives {q.value}"))
    return found


def _headline(indices: list[int], numbers: list[_Number]) -> dict[tuple[str, str], int]:
    """Each kind's first number in one article (its headline figure: the death toll, the
    winner's share), by kind and measure. Counts of "N others" are partial and projections
    ("could reach") are no figures: left out."""
    first: dict[tuple[str, str], int] = {}
    for i in sorted(indices, key=lambda i: numbers[i].position):
        n = numbers[i]
        if n.kind is not None and n.kind != "others" and not n.projected:
            first.setdefault((n.kind, n.amount.measure), i)
    return first


def _comparable(a: _Number, b: _Number) -> bool:
    """Same measure, not two different kinds of thing (the dead and the injured), and
    within ``MAX_RATIO`` of each other."""
    low, high = sorted((a.amount.value, b.amount.value))
    return (
        a.amount.measure == b.amount.measure
        and (a.kind is None or b.kind is None or a.kind == b.kind)
        and high <= max(low, 1e-9) * MAX_RATIO
    )


def _mismatch(na: _Number, nb: _Number) -> Disagreement:
    qa, qb = na.quantity, nb.quantity
    aa, ab = na.amount, nb.amount
    spread = abs(aa.value - ab.value) / max(aa.value, ab.value, 1e-9)
    credited = [f"{n.view.id} credits {n.quantity.source}" for n in (na, nb) if n.quantity.source]
    note = f"{qa.value} against {qb.value}"
    if credited:
        note += f" ({'; '.join(credited)})"
    return Disagreement(
        kind=Kind.NUMERIC_MISMATCH, field=f"quantity: {na.context}",
        severity=Severity.HIGH if spread > 0.25 else Severity.MEDIUM,
        values=[_number_value(na), _number_value(nb)],
        note=note,
    )  # fmt: skip


def _number_value(n: _Number) -> SourceValue:
    q = n.quantity
    value = f"{q.value} ({q.source})" if q.source else q.value
    return _value(n.view.id, value, q.evidence, q.grounding.grounded)


def _join(*parts: str | None) -> str:
    return " ".join(p for p in parts if p)


def _same_party(a: str, b: str) -> bool:
    """Same named speaker or initiator, across spellings (or the same words)?"""
    na, nb = named_part(a), named_part(b)
    if na and nb and same_name(name_key(na), name_key(nb)):
        return True
    wa, wb = _words(a), _words(b)
    return bool(wa and wb) and (wa <= wb or wb <= wa)


TITLE_WORDS = 4  # words of a title written right before a name


def _voice_of(text: str, speaker: str, body: str) -> bool:
    """Does ``text`` write the named ``speaker`` with a title that names ``body`` right
    before the name ("Pentagon press secretary John Kirby", "пресс-секретарь Пентагона
    Патрик Райдер")? Then what the speaker says, the body says."""
    name, wanted = named_part(speaker), _words(body)
    if not name or not wanted:
        return False
    for m in re.finditer(re.escape(name), text):
        clause = re.split(rf"[{re.escape(CLAUSE_MARKS + SENTENCE_MARKS + COMMAS)}]",
                          text[max(0, m.start() - 120) : m.start()])[-1]  # fmt: skip
        if wanted <= _words(" ".join(clause.split()[-TITLE_WORDS:])):
            return True
    return False


def _initiator_disagreements(
    views: Sequence[EventView], meaning: Meaning | None = None
) -> list[Disagreement]:
    stated = [(v, v.summary.event) for v in views if v.summary.event and v.summary.event.initiator]
    found = []
    for (va, ea), (vb, eb) in combinations(stated, 2):
        assert ea.initiator and eb.initiator
        a, b = _initiator_named(va, ea.initiator), _initiator_named(vb, eb.initiator)
        if (a is None) != (b is None):
            continue  # a name against a role or a side ("Austin", "the US side"): not told apart
        if not _same_party(a or ea.initiator, b or eb.initiator):
            found.append(Disagreement(
                kind=Kind.CONTRADICTION, field="event.initiator", severity=Severity.MEDIUM,
                values=[_initiator_value(va.id, ea), _initiator_value(vb.id, eb)],
                note="the sources say different parties initiated it",
            ))  # fmt: skip
    if len({v.story for v, _ in stated}) == 1 and len({v.story for v in views}) > 1:
        v, e = stated[0]
        assert e.initiator
        found.append(_only("event.initiator", _initiator_value(v.id, e), "says who initiated it"))
    return found


def _only(field: str, value: SourceValue, what: str) -> Disagreement:
    """A unique claim: ``value`` is what only its article states."""
    return Disagreement(kind=Kind.UNIQUE_CLAIM, field=field, severity=Severity.LOW,
                        values=[value], note=f"only {value.article} {what}")  # fmt: skip


def _initiator_named(view: EventView, initiator: str) -> str | None:
    """The name of the initiator: its named part, or the one participant of its article it
    describes by role ("the Pentagon chief" for Lloyd Austin, whose evidence writes it)."""
    if named := named_part(initiator):
        return named
    words = _words(initiator)
    described = {p.name for p in view.summary.participants
                 if words and words <= _words(f"{p.evidence} {p.role or ''} {p.country or ''}")
                 and named_part(p.name)}  # fmt: skip
    return described.pop() if len(described) == 1 else None


def _initiator_value(article: str, event: Event) -> SourceValue:
    evidence = event.initiator_evidence or event.evidence
    grounded = bool(event.initiator_evidence) or event.grounding.grounded
    return _value(article, event.initiator or "", evidence, grounded)


def _article_words(view: EventView) -> set[str]:
    """Everything one article's summary quotes, as words (for 'does anyone else say it?')."""
    s = view.summary
    texts = [item.evidence for item in s.items()]
    texts += [c.claim for c in s.claims]
    if s.event:
        texts.append(s.event.what)
    return set().union(*map(_keys, texts))


def _event_words(view: EventView) -> set[str]:
    s = view.summary
    texts = [s.event.what, s.event.evidence] if s.event else []
    return set().union(*map(_keys, texts + [p.name for p in s.participants]))


def _quotes(claim: Claim, speaker: str) -> bool:
    """Does ``claim`` hold a statement of ``speaker`` (``statements.find_statements``: "During
    the call, Austin emphasized ...", credited to the spokesman who reported it)?"""
    return any(_same_party(f.speaker, speaker)
               for f in find_statements(claim.claim, [speaker]))  # fmt: skip


def _speaks(speaker: str) -> bool:
    """Does ``speaker`` name a person or a body, or describe one body ("the Russian Defense
    Ministry": ``entities.names_body``)?"""
    return bool(named_part(speaker)) or names_body(speaker)


# Words in quotation marks (to the evidence's end when the quote is cut there).
_QUOTATION = re.compile(r"[\"“”«»](.{12,}?)(?:[\"“”«»]|$)")


def _one_quotation(ca: Claim, cb: Claim) -> bool:
    """Do the two statements' evidence quote one text, in other words at most (their quoted
    words meet at ``CLAIM_MATCH``: "main questions of port safety, including the docks" and
    "current questions of port safety, including the docks, were raised")?"""
    qa = [m.group(1) for m in _QUOTATION.finditer(ca.evidence)]
    qb = [m.group(1) for m in _QUOTATION.finditer(cb.evidence)]
    return any(_overlap(_words(a), _words(b)) >= CLAIM_MATCH for a in qa for b in qb)


def _claim_disagreements(
    views: Sequence[EventView], meaning: Meaning | None = None
) -> list[Disagreement]:
    """Attribution: one statement (its words outside the event's frame meet, or its
    quotation is one: ``_one_quotation``) credited to different speakers, each named, or
    for one quotation a body each side describes by its function ("the Kremlin" against
    "the Russian Defense Ministry"), once per two sources and speakers; and the statements
    only one source makes (``_unique``, ``_Elsewhere``)."""
    found = []
    # Words every source's event sentence uses (the people, "call", "minister") say nothing
    # about which statement is which; the rest of a statement's words do.
    frame = set.intersection(*(_event_words(v) for v in views))
    claims = [(v, c, _words(c.claim) - frame) for v in views for c in v.summary.claims]
    covered = {v.id: _article_words(v) for v in views}
    seen_pairs: set[tuple[str, str, str, str]] = set()
    for (va, ca, wa), (vb, cb, wb) in combinations(claims, 2):
        if va.id == vb.id:
            continue
        quoted = _one_quotation(ca, cb)
        if (_overlap(wa, wb) < CLAIM_MATCH and not quoted) or _same_party(ca.speaker, cb.speaker):
            continue  # two statements, or the same speaker
        if _voice_of(va.text, ca.speaker, cb.speaker) or _voice_of(vb.text, cb.speaker, ca.speaker):
            continue  # "Pentagon press secretary John Kirby" speaks for the Pentagon
        if not (named_part(ca.speaker) and named_part(cb.speaker)) and not (
            quoted and _speaks(ca.speaker) and _speaks(cb.speaker)
        ):
            continue  # one side names no one: nothing to contrast
        if _quotes(ca, cb.speaker) or _quotes(cb, ca.speaker):
            continue  # "the spokesman said that during the call Austin emphasized ...": both
        key = (va.id, normalize(ca.speaker), vb.id, normalize(cb.speaker))  # one per two sources
        if key in seen_pairs:
            continue
        seen_pairs.add(key)
        found.append(Disagreement(
            kind=Kind.ATTRIBUTION, field="claim.speaker", severity=Severity.MEDIUM,
            values=[_claim_value(va.id, ca), _claim_value(vb.id, cb)],
            note="the same statement is attributed to different speakers",
        ))  # fmt: skip
    if len({v.story for v in views}) < 2:
        return found
    elsewhere = _Elsewhere(views, meaning)
    reported: set[tuple[str, str]] = set()
    for v, c, _ in claims:
        if v.copy_of is not None:
            continue  # the original reports it, for itself and its copies
        if not c.grounding.grounded or (v.id, normalize(c.claim)) in reported:
            continue
        if _after_subhead(v.text, c):
            continue  # detail the story gives further on, not what it leads with
        reported.add((v.id, normalize(c.claim)))
        if _unique(v, c.claim, views, covered, frame) and not elsewhere.said(v, c.claim):
            found.append(_only("claim", _claim_value(v.id, c), "reports this"))
    return found


def _after_subhead(text: str, item: Claim | Quantity) -> bool:
    """Is ``item`` written after the story's first heading, a subhead of its own included
    (``story.next_story``)? The readers go on past a subhead (a story's own subheads share
    a quarter of their words with it, but so may another story on the same page); sources
    are compared on what their stories lead with."""
    heading = _first_heading(text)
    return heading is not None and (item.grounding.start or 0) >= heading


@lru_cache(maxsize=256)
def _first_heading(text: str) -> int | None:
    return next_story(text, subheads=False)


# A statement another source's sentence says in other words (a paraphrase, a translation):
# the cosine of their embeddings at least this. Calibrated on the dev set.
SAID_ELSEWHERE = 0.85
_SENTENCE_END = re.compile(rf"(?:{SENTENCE_END.pattern})+")


def _sentences(text: str) -> list[str]:
    """The sentences of an article's main story (not the page's other stories)."""
    return [s.strip() for s in _SENTENCE_END.split(main_story(text)) if len(s.split()) >= 4]


class _Elsewhere:
    """Which sentences of the other sources of an event say a statement in other words, in
    any language: their main stories' sentences and the statements, embedded in one batch
    the first time it is asked (``meaning``). Sentences on one topic score close to
    paraphrases with this model (0.85 and more), so this errs towards "said elsewhere": a
    unique claim is flagged only when nothing comes close."""

    def __init__(self, views: Sequence[EventView], meaning: Meaning | None) -> None:
        self.views = views
        self.meaning = meaning
        self.stories: list[str] = []
        self.vectors: np.ndarray | None = None
        self.claims: dict[str, np.ndarray] = {}

    def _embed(self) -> None:
        assert self.meaning is not None
        sentences: list[str] = []
        for v in self.views:  # its story's sentences and what its summary quotes
            quoted = [item.evidence for item in v.summary.items()]
            for sentence in dict.fromkeys([*_sentences(v.text), *quoted]):
                self.stories.append(v.story)
                sentences.append(sentence)
        claims = list(dict.fromkeys(c.claim for v in self.views for c in v.summary.claims))
        vectors = self.meaning(sentences + claims)
        self.vectors = vectors[: len(sentences)]
        self.claims = dict(zip(claims, vectors[len(sentences) :], strict=True))

    def said(self, view: EventView, text: str) -> bool:
        """Does another source's story say ``text`` (one of the event's statements)?"""
        if self.meaning is None:
            return False
        if self.vectors is None:
            self._embed()
        assert self.vectors is not None
        others = [i for i, story in enumerate(self.stories) if story != view.story]
        if not others:
            return False
        vector = self.claims.get(text)
        if vector is None:
            vector = self.meaning([text])[0]
        return float((self.vectors[others] @ vector).max()) >= SAID_ELSEWHERE


def _unique(
    view: EventView,
    text: str,
    views: Sequence[EventView],
    covered: dict[str, set[str]],
    frame: set[str],
) -> bool:
    """Does no other source say ``text``? Its first ``CORE_WORDS`` content words outside the
    event's ``frame`` are what it says; another source says it too when its quotes hold at
    least ``COVERED`` of them. A statement with fewer than two such words is common ground."""
    words = set(_keys(text)[:CORE_WORDS]) - frame
    if len(words) < 2:
        return False
    others = [o for o in views if o.story != view.story]  # a wire copy confirms nothing
    best = max(len(words & covered[o.id]) / len(words) for o in others)
    return best < COVERED


def _claim_value(article: str, claim: Claim) -> SourceValue:
    return _value(article, f"{claim.speaker}: {claim.claim}", claim.evidence,
                  claim.grounding.grounded)  # fmt: skip


def _entity(view: EventView, p: Participant) -> str | None:
    """The entity the comparison resolved participant ``p`` of ``view`` to (any spelling,
    script or case of one name: ``entities.EntityIndex``), or None for one that names no one."""
    part = named_part(p.name)
    return view.entity_of.get(part) if part else None


def _spellings(views: Sequence[EventView]) -> tuple[list[EntityForms], list[Disagreement]]:
    """Entities of the event with every surface form; more than one spelling is information."""
    entities = {}
    for v in views:
        entities.update(v.people)
    forms, found = [], []
    for entity in entities.values():
        values = []
        for v in views:
            for p in v.summary.participants:
                if _entity(v, p) == entity.id:
                    values.append(_value(v.id, p.name, p.evidence, p.grounding.grounded))
        forms.append(EntityForms(canonical=entity.canonical, forms=values))
        if len({normalize(sv.value) for sv in values}) > 1:
            found.append(Disagreement(
                kind=Kind.SPELLING_VARIANT, field="participant.name", severity=Severity.INFO,
                values=values,
                note=f"spellings of one name ({entity.canonical}); not a disagreement",
            ))  # fmt: skip
    return forms, found


def _manner_disagreements(
    views: Sequence[EventView], meaning: Meaning | None = None
) -> list[Disagreement]:
    """Sources that say the event was held in person against those that say it was held at a
    distance (by phone, by video link): one contradiction, every such source's sentence."""
    said = [(v, e) for v in views if (e := v.summary.event) and e.manner]
    if len({e.manner for _, e in said}) < 2:
        return []
    manners = sorted({e.manner or "" for _, e in said})
    values = [_value(v.id, e.manner or "", e.evidence, e.grounding.grounded,
                     manners.index(e.manner or "")) for v, e in said]  # fmt: skip
    apart = Counter(e.manner for _, e in said).most_common()[-1][0]
    return [Disagreement(
        kind=Kind.CONTRADICTION, field="event.manner", severity=Severity.HIGH, values=values,
        note=f"the sources say it was held in person and at a distance (the fewest: {apart})",
    )]  # fmt: skip


def _side_disagreements(
    views: Sequence[EventView], meaning: Meaning | None = None
) -> list[Disagreement]:
    """Sources that name different people for one side of the event: each source names one
    person of a country (by the participant's country, role or evidence: "his Russian
    counterpart X", ``entities.territory_of``), two or more agree on one, and one names
    another whom none of them names (nor it theirs): one contradiction, with every source's
    value. A side where the sources name several people each (a summit's delegations) is not
    compared."""
    sides: dict[str, dict[str, list[Participant]]] = {}
    for v in views:
        per: dict[str, list[Participant]] = {}
        for p in v.summary.participants:
            part = named_part(p.name)
            about = f"{p.country or ''} {p.role or ''}".strip() or p.evidence.replace(
                part or "", " "
            )
            if part and (t := territory_of(about)):
                per.setdefault(t, []).append(p)
        sides[v.id] = per

    entity_of = {(v.id, p.name): _entity(v, p) for v in views for p in v.summary.participants}

    def same(a: tuple[EventView, Participant], b: tuple[EventView, Participant]) -> bool:
        ea, eb = entity_of[(a[0].id, a[1].name)], entity_of[(b[0].id, b[1].name)]
        return ea is not None and ea == eb

    def names(v: EventView, q: tuple[EventView, Participant]) -> bool:
        return any(same((v, p), q) for p in v.summary.participants)

    found = []
    for territory in sorted({t for per in sides.values() for t in per}):
        one = [(v, ps[0]) for v in views if len(ps := sides[v.id].get(territory, [])) == 1]
        clusters: list[list[tuple[EventView, Participant]]] = []
        for v, p in one:
            home = next((c for c in clusters if same(c[0], (v, p))), None)
            if home is None:
                clusters.append([(v, p)])
            else:
                home.append((v, p))
        if len(clusters) != 2:
            continue
        few, most = sorted(clusters, key=len)
        (v_few, p_few) = few[0]
        if len(few) != 1 or len(most) < 2 or names(v_few, most[0]):
            continue
        if any(names(v, few[0]) for v, _ in most):
            continue
        found.append(Disagreement(
            kind=Kind.CONTRADICTION, field=f"participant.name: {territory}",
            severity=Severity.MEDIUM,
            values=[_value(v.id, p.name, p.evidence, p.grounding.grounded, side)
                    for side, group in enumerate((few, most)) for v, p in group],
            note=f"only {v_few.id} names {p_few.name} for this side ({territory}); "
                 f"{len(most)} sources name {most[0][1].name}",
        ))  # fmt: skip
    return found


# How each comparator named in the field registry (``fields.Field.comparator``) is run, in the
# order their disagreements are listed. Spelling variants of names are computed with the event's
# entities (``_spellings``) and listed last.
_COMPARATORS: dict[str, Callable[[Sequence[EventView], Meaning | None], list[Disagreement]]] = {
    "when": _when_disagreements,
    "manner": _manner_disagreements,
    "quantity": _quantity_disagreements,
    "initiator": _initiator_disagreements,
    "names": _side_disagreements,
    "claims": _claim_disagreements,
}


def _report(
    number: int, views: Sequence[EventView], side: EventSide, meaning: Meaning | None
) -> EventReport:
    first = views[0].summary
    assert first.event is not None
    entities, spelling = _spellings(views)
    names = ", ".join(e.canonical for e in entities[:3])
    weekdays = {v.when.weekday for v in views if v.when and v.when.weekday is not None}
    compared = {f.comparator for f in FIELDS}
    disagreements = [
        d for name, run in _COMPARATORS.items() if name in compared for d in run(views, meaning)
    ]
    if "names" in compared:
        disagreements += spelling
    return EventReport(
        id=f"event-{number}",
        title=f"{first.event.what} — {names}" if names else first.event.what,
        # the day most of its articles give, on what holds whatever a page's date is worth
        date=side.day,
        weekday=WEEKDAY_NAMES[weekdays.pop()] if len(weekdays) == 1 else None,
        articles=[v.id for v in views],
        copies={v.id: v.copy_of for v in views if v.copy_of},
        entities=entities,
        disagreements=disagreements,
    )


def report_events(
    groups: Iterable[Sequence[EventView]], meaning: Meaning | None = None
) -> tuple[list[EventReport], list[StoryReport]]:
    """The diff stage proper: one report per event group (``group.cluster``), numbered in the
    order of each group's first article, and the stories that link events of the same people
    or place at different times (``group.stories``), each with its timeline. ``meaning``
    embeds texts (one L2-normalised row each) to tell which numbers count the same thing and
    which events are alike; without it, words are compared and events link by people only."""
    ordered = sorted(groups, key=lambda g: g[0].id)
    leads = [v.profile.lead if v.profile else v.text for g in ordered for v in g]
    vectors = meaning(leads) if meaning is not None and leads else None
    sides, at = [], 0
    for g in ordered:
        sides.append(event_side(g, None if vectors is None else vectors[at : at + len(g)]))
        at += len(g)
    pairs = zip(ordered, sides, strict=True)
    events = [_report(i + 1, g, side, meaning) for i, (g, side) in enumerate(pairs)]
    found = []
    for n, members in enumerate(stories(sides), 1):
        story_id = f"story-{n}"
        timeline = sorted(members, key=lambda i: (sides[i].day or _day(sides[i]) or "~", i))
        for i in members:
            events[i] = events[i].model_copy(update={"story": story_id})
        found.append(_story(story_id, [events[i] for i in timeline], [sides[i] for i in timeline]))
    return events, found


def _day(side: EventSide) -> str | None:
    return side.earliest.isoformat() if side.earliest else None


def _story(story_id: str, events: list[EventReport], sides: list[EventSide]) -> StoryReport:
    """A story of ``events`` (in time order) with what links them: the people two or more of
    them share, else their place."""
    counts = Counter(k for side in sides for k in side.people)
    names = {k: name for side in sides for k, name in side.people.items()}
    shared = [names[k] for k, n in counts.most_common() if n > 1]
    return StoryReport(
        id=story_id,
        title=" · ".join(shared[:3]) if shared else events[0].title,
        why=f"people: {', '.join(shared)}" if shared else "place, within days",
        events=[
            StoryEvent(event=e.id, title=e.title, date=side.day or e.date,
                       earliest=side.earliest, latest=side.latest, weekday=e.weekday)
            for e, side in zip(events, sides, strict=True)
        ],
    )  # fmt: skip


def meaning_of(embedder: Embedder, store: Store | None = None) -> Meaning:
    """``report_events``' ``meaning`` with ``embedder``, its vectors cached in ``store``."""
    return lambda texts: embed_texts(texts, embedder, store)


def compare(
    summaries: Iterable[ArticleSummary],
    *,
    embedder: Embedder | None = None,
    store: Store | None = None,
) -> Comparison:
    """Group article summaries into events and flag where each event's sources disagree.

    Articles that failed extraction are listed under ``articles`` with their status and
    take part in no event. ``embedder`` and ``store``: see ``group.cluster``.
    """
    summaries = list(summaries)
    embedder = embedder or default_embedder()
    with _no_cycle_collection():
        groups = cluster(build_views(summaries, EntityIndex()), embedder=embedder, store=store)
        events, found = report_events(groups, meaning_of(embedder, store))
        return Comparison(events=events, stories=found, articles=summaries)


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """The cyclic garbage collector paused: the comparison builds many objects and frees
    none in cycles, and each full collection walks every summary in memory (14% of the
    comparison of 10,000 summaries). Reference counting still frees everything."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
