"""Diff stage: where the sources of one event disagree, with each source's value and evidence.

What is compared, per event group:
- when: weekdays, and explicit dates at the same precision ("March 2023" and "15 March 2023"
  are compatible: one is more precise, not different);
- quantities: numbers and durations about the same thing (durations in months: "16 months"
  against "15 months"; "two years" against "24 months" agree); approximate values ("about 16")
  are still flagged when the numbers differ, and the note says which are approximate;
- who initiated: different initiators contradict; an initiator only one source names is a
  unique claim;
- claims: the same statement attributed to different named speakers (attribution), and
  statements no other source makes (unique claim);
- names: spelling variants of one person are reported as information, never as a conflict.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from itertools import combinations

from .dates import WEEKDAY_NAMES, find_dates, parse_iso_date, same_date
from .embed import Embedder
from .entities import EntityIndex, name_key, named_part, same_name, word_skeleton
from .fields import FIELDS
from .group import EventView, build_views, cluster
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
    Quantity,
    Severity,
    SourceValue,
)
from .quantities import Amount, parse_amount
from .store import Store
from .text import normalize, stem, stopwords

CLAIM_MATCH = 0.35
COVERED = 0.5
CORE_WORDS = 8
# One-word "since" of every pack: a duration counted from an earlier event.
_SINCE = {w for p in packs() for s in p.since if " " not in (w := normalize(s))}
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


def _value(article: str, value: str, evidence: str, grounded: bool) -> SourceValue:
    return SourceValue(article=article, value=value, evidence=evidence, grounded=grounded)


def _when_disagreements(views: Sequence[EventView]) -> list[Disagreement]:
    found = []
    for a, b in combinations(views, 2):
        wa, wb = a.when, b.when
        if not (wa and wb):
            continue
        why = None
        if wa.weekday is not None and wb.weekday is not None and wa.weekday != wb.weekday:
            why = f"{WEEKDAY_NAMES[wa.weekday]} against {WEEKDAY_NAMES[wb.weekday]}"
        stated = wa.basis.startswith("date") and wb.basis.startswith("date")
        if stated and same_date(wa.iso, wb.iso) is False:
            why = f"{wa.iso} against {wb.iso}"
        if why:
            ea, eb = a.summary.event, b.summary.event
            assert ea and eb
            found.append(Disagreement(
                kind=Kind.CONTRADICTION, field="event.when", severity=Severity.HIGH,
                values=[_value(a.id, wa.written, ea.evidence, ea.grounding.grounded),
                        _value(b.id, wb.written, eb.evidence, eb.grounding.grounded)],
                note=f"the sources date the event differently: {why}",
            ))  # fmt: skip
    return found


def _comparable(qa: Quantity, qb: Quantity, aa: Amount, ab: Amount) -> bool:
    """Do two quantities measure the same thing?"""
    if aa.months != ab.months:
        return False
    if aa.months:  # durations: both "since" something, or described alike
        since = all(_SINCE & set(normalize(q.evidence).split()) for q in (qa, qb))
        return since or _overlap(_words(qa.what), _words(qb.what)) >= 0.5
    return _overlap(_words(qa.what), _words(qb.what)) >= 0.5


def _quantity_disagreements(views: Sequence[EventView]) -> list[Disagreement]:
    found = []
    # Durations first: when two sources differ on several numbers, the one shown per pair
    # of sources is the time since the previous event. A date given as a quantity
    # ("March 2023") is not a number to compare.
    parsed = sorted(
        (
            (v, q, amount)
            for v in views
            for q in v.summary.quantities
            if (amount := parse_amount(q.value, q.unit)) is not None and not find_dates(q.value)
        ),
        key=lambda t: not t[2].months,
    )
    flagged: set[tuple[str, str]] = set()
    for (va, qa, aa), (vb, qb, ab) in combinations(parsed, 2):
        if va.id == vb.id or not _comparable(qa, qb, aa, ab) or aa.value == ab.value:
            continue
        pair = (va.id, vb.id)
        if pair in flagged:
            continue  # one mismatch per pair of sources is enough to show
        flagged.add(pair)
        spread = abs(aa.value - ab.value) / max(aa.value, ab.value, 1e-9)
        approx = [v.id for v, a in ((va, aa), (vb, ab)) if a.approx]
        note = "the sources give different numbers"
        if approx:
            note += f" ({', '.join(approx)} say it approximately)"
        found.append(Disagreement(
            kind=Kind.NUMERIC_MISMATCH, field=f"quantity: {qa.what}",
            severity=Severity.HIGH if spread > 0.25 else Severity.MEDIUM,
            values=[_value(va.id, _join(qa.value, qa.unit), qa.evidence, qa.grounding.grounded),
                    _value(vb.id, _join(qb.value, qb.unit), qb.evidence, qb.grounding.grounded)],
            note=note,
        ))  # fmt: skip
    return found


def _join(*parts: str | None) -> str:
    return " ".join(p for p in parts if p)


def _same_party(a: str, b: str) -> bool:
    """Same named speaker or initiator, across spellings (or the same words)?"""
    na, nb = named_part(a), named_part(b)
    if na and nb and same_name(name_key(na), name_key(nb)):
        return True
    wa, wb = _words(a), _words(b)
    return bool(wa and wb) and (wa <= wb or wb <= wa)


def _initiator_disagreements(views: Sequence[EventView]) -> list[Disagreement]:
    stated = [(v, v.summary.event) for v in views if v.summary.event and v.summary.event.initiator]
    found = []
    for (va, ea), (vb, eb) in combinations(stated, 2):
        assert ea.initiator and eb.initiator
        if not _same_party(ea.initiator, eb.initiator):
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


def _claim_disagreements(views: Sequence[EventView]) -> list[Disagreement]:
    found = []
    # Words every source's event sentence uses (the people, "call", "minister") say nothing
    # about which statement is which; the rest of a statement's words do.
    frame = set.intersection(*(_event_words(v) for v in views))
    claims = [(v, c, _words(c.claim) - frame) for v in views for c in v.summary.claims]
    covered = {v.id: _article_words(v) for v in views}
    seen_pairs: set[tuple[int, int]] = set()
    for (va, ca, wa), (vb, cb, wb) in combinations(claims, 2):
        if va.id == vb.id or _overlap(wa, wb) < CLAIM_MATCH:
            continue
        if _same_party(ca.speaker, cb.speaker) or not (
            named_part(ca.speaker) and named_part(cb.speaker)
        ):
            continue  # the same speaker, or one side names no one: nothing to contrast
        key = (id(ca), id(cb))
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
    reported: set[tuple[str, str]] = set()
    for v, c, _ in claims:
        if v.copy_of is not None:
            continue  # the original reports it, for itself and its copies
        if not c.grounding.grounded or (v.id, normalize(c.claim)) in reported:
            continue
        reported.add((v.id, normalize(c.claim)))
        if _unique(v, c.claim, views, covered, frame):
            found.append(_only("claim", _claim_value(v.id, c), "reports this"))
    return found


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
                part = named_part(p.name)
                if part and same_name(name_key(part), entity.key):
                    values.append(_value(v.id, p.name, p.evidence, p.grounding.grounded))
        forms.append(EntityForms(canonical=entity.canonical, forms=values))
        if len({normalize(sv.value) for sv in values}) > 1:
            found.append(Disagreement(
                kind=Kind.SPELLING_VARIANT, field="participant.name", severity=Severity.INFO,
                values=values,
                note=f"spellings of one name ({entity.canonical}); not a disagreement",
            ))  # fmt: skip
    return forms, found


# How each comparator named in the field registry (``fields.Field.comparator``) is run, in the
# order their disagreements are listed. Spelling variants of names are computed with the event's
# entities (``_spellings``) and listed last.
_COMPARATORS: dict[str, Callable[[Sequence[EventView]], list[Disagreement]]] = {
    "when": _when_disagreements,
    "quantity": _quantity_disagreements,
    "initiator": _initiator_disagreements,
    "claims": _claim_disagreements,
}


def _report(number: int, views: Sequence[EventView]) -> EventReport:
    first = views[0].summary
    assert first.event is not None
    entities, spelling = _spellings(views)
    names = ", ".join(e.canonical for e in entities[:3])
    weekdays = {v.when.weekday for v in views if v.when and v.when.weekday is not None}
    # Only dates the articles state count; a weekday resolved against a page date does not
    # (page headers often carry the day the page was fetched).
    dates = sorted(
        {v.when.iso for v in views if v.when and v.when.basis.startswith("date")
         and parse_iso_date(v.when.iso)}
    )  # fmt: skip
    compared = {f.comparator for f in FIELDS}
    disagreements = [
        d for name, run in _COMPARATORS.items() if name in compared for d in run(views)
    ]
    if "names" in compared:
        disagreements += spelling
    return EventReport(
        id=f"event-{number}",
        title=f"{first.event.what} — {names}" if names else first.event.what,
        date=dates[0] if len(dates) == 1 else None,
        weekday=WEEKDAY_NAMES[weekdays.pop()] if len(weekdays) == 1 else None,
        articles=[v.id for v in views],
        copies={v.id: v.copy_of for v in views if v.copy_of},
        entities=entities,
        disagreements=disagreements,
    )


def report_events(groups: Iterable[Sequence[EventView]]) -> list[EventReport]:
    """The diff stage proper: one report per event group (``group.cluster``), numbered in the
    order of each group's first article."""
    ordered = sorted(groups, key=lambda g: g[0].id)
    return [_report(i + 1, g) for i, g in enumerate(ordered)]


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
    groups = cluster(build_views(summaries, EntityIndex()), embedder=embedder, store=store)
    return Comparison(events=report_events(groups), articles=summaries)
