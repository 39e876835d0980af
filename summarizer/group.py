"""Group stage: which articles report the same event.

Only each article's main event counts: its named participants (resolved across spellings and
scripts), its date or weekday (resolved against the article's own date where it has one),
and the words of its evidence sentence. Deterministic rules decide:

- a weekday or an explicit date that conflicts keeps two articles apart;
- with named participants on both sides, a shared majority (Jaccard >= 0.5) joins them and
  little overlap (< 0.5) keeps them apart, so two calls between the same two ministries but
  with another minister are two events;
- without named participants on one side, the same weekday and overlapping event words join.

Clusters grow by complete linkage: an article joins a group only if it conflicts with none
of its members. Candidate pairs come from an inverted index (shared participant, or shared
weekday), so cost grows with the pairs that could match, not with all pairs.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from enum import Enum

from .dates import ResolvedWhen, parse_iso_date, resolve_when, same_date
from .entities import Entity, EntityIndex, named_part
from .models import ArticleSummary, Status
from .text import normalize, stopwords

JACCARD_SAME = 0.5
WORDS_SAME = 0.15


class Link(Enum):
    SAME = "same"
    APART = "apart"
    UNSURE = "unsure"


@dataclass
class EventView:
    """What grouping and diff look at for one article's main event."""

    summary: ArticleSummary
    people: dict[str, Entity] = field(default_factory=dict)  # entity id -> entity
    when: ResolvedWhen | None = None
    words: frozenset[str] = frozenset()
    mentioned: bool = False  # people found in its quotes, not in its participant list

    @property
    def id(self) -> str:
        return self.summary.source.id


def reference_date(summary: ArticleSummary) -> date | None:
    """The article's own date, for resolving "Tuesday": its page date when fully given."""
    return parse_iso_date(summary.source.page_date_iso)


def build_views(summaries: list[ArticleSummary], index: EntityIndex) -> list[EventView]:
    """One view per article with an event. Participants named in the article come from its
    participant list; an article that names none (only roles such as "the defence minister")
    gets the known people that its evidence quotes mention."""
    views = []
    named: dict[str, dict[str, Entity]] = {}
    for s in summaries:
        if s.status != Status.OK or s.event is None:
            continue
        view = EventView(summary=s)
        named[s.id] = {}
        for p in s.participants:
            part = named_part(p.name)
            entity = index.resolve(part, s.id) if part else None
            if entity is not None:
                named[s.id][entity.id] = entity
        view.when = resolve_when(s.event.when, reference_date(s))
        text = normalize(f"{s.event.what} {s.event.evidence}")
        view.words = frozenset(w for w in text.split() if w not in stopwords() and len(w) > 2)
        views.append(view)
    for view in views:
        # A small model sometimes lists people of a background story as participants: keep
        # those the event's sentence or the article's lead also names; if none of them is,
        # the people the lead names stand for the event.
        s = view.summary
        lead = f"{s.event.evidence if s.event else ''} {s.source.lead or ''}"
        in_lead = {e.id: e for e in index.mentioned_in(lead)}
        listed = named[s.id]
        confirmed = {k: e for k, e in listed.items() if k in in_lead}
        if confirmed or (listed and not s.source.lead):
            view.people = confirmed or listed
            continue
        if listed and not in_lead:
            view.people = listed
            continue
        # The event's own quotes first, then the article's lead (news puts who and when of
        # the main event first), and only then every quote of the article.
        s = view.summary
        main = [s.event, *s.participants] if s.event else []
        texts = [" ".join(q.evidence for q in main), s.source.lead or ""]
        texts.append(" ".join(q.evidence for q in s.items()))
        for text in texts:
            view.people = {e.id: e for e in index.mentioned_in(text)}
            if view.people:
                view.mentioned = True
                break
    return views


def link(a: EventView, b: EventView) -> Link:
    """Are ``a`` and ``b`` reports of the same event?"""
    wa, wb = a.when, b.when
    same_day = bool(wa and wb and wa.weekday is not None and wa.weekday == wb.weekday)
    if wa and wb:
        # Calendar dates count only when both articles state them (a day apart still
        # matches: midnight, time zones); a weekday resolved against a page header, often
        # the day the page was fetched, is only a weekday.
        stated = wa.basis.startswith("date") and wb.basis.startswith("date")
        agree = same_date(wa.iso, wb.iso) if stated else None
        if agree is False and not _next_day(wa.iso, wb.iso):
            return Link.APART
        known = agree is None and wa.weekday is not None and wb.weekday is not None
        if known and wa.weekday != wb.weekday:
            return Link.APART
        same_day = same_day or bool(agree) or _next_day(wa.iso, wb.iso)
    if a.people and b.people:
        shared = a.people.keys() & b.people.keys()
        jaccard = len(shared) / len(a.people.keys() | b.people.keys())
        if jaccard < JACCARD_SAME:
            return Link.APART
        if (a.mentioned or b.mentioned) and not same_day:
            return Link.UNSURE  # people only mentioned in quotes: ask for the same day too
        return Link.SAME
    union = a.words | b.words
    overlap = len(a.words & b.words) / len(union) if union else 0.0
    if same_day and overlap >= WORDS_SAME:
        return Link.SAME
    return Link.UNSURE


def _next_day(a: str | None, b: str | None) -> bool:
    """Full dates one day apart (a report dated after midnight, time zones) still match."""
    da, db = parse_iso_date(a), parse_iso_date(b)
    return bool(da and db and abs((da - db).days) <= 1)


def _candidates(views: list[EventView]) -> set[tuple[int, int]]:
    """Pairs worth comparing: a shared participant; or, for an article that names no one,
    every article with its weekday (names alone decide between articles that have them)."""
    by_person: dict[str, list[int]] = defaultdict(list)
    by_day: dict[int, list[int]] = defaultdict(list)
    nameless: dict[int, list[int]] = defaultdict(list)
    for i, v in enumerate(views):
        for entity_id in v.people:
            by_person[entity_id].append(i)
        if v.when and v.when.weekday is not None:
            by_day[v.when.weekday].append(i)
            if not v.people:
                nameless[v.when.weekday].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in by_person.values():
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                pairs.add((members[x], members[y]))
    for day, lone in nameless.items():
        for i in lone:
            for j in by_day[day]:
                if i != j:
                    pairs.add((min(i, j), max(i, j)))
    return pairs


def cluster(views: list[EventView]) -> list[list[EventView]]:
    """Complete-linkage clusters: join on SAME, never across an APART."""
    links: dict[tuple[int, int], Link] = {}
    same: list[tuple[int, int]] = []
    for i, j in sorted(_candidates(views)):
        verdict = link(views[i], views[j])
        links[(i, j)] = verdict
        if verdict == Link.SAME:
            same.append((i, j))
    group_of = list(range(len(views)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(views))}

    def apart(x: int, y: int) -> bool:
        key = (x, y) if x < y else (y, x)
        verdict = links.get(key)
        if verdict is None:
            verdict = link(views[key[0]], views[key[1]])
            links[key] = verdict
        return verdict == Link.APART

    for i, j in same:
        gi, gj = group_of[i], group_of[j]
        if gi == gj:
            continue
        if any(apart(x, y) for x in members[gi] for y in members[gj]):
            continue
        for x in members[gj]:
            group_of[x] = gi
        members[gi].extend(members.pop(gj))
    return [[views[i] for i in sorted(m)] for m in members.values()]
