"""Group stage: which articles report the same event, with the model's fields.

It starts from the fast path (``summarizer.triage``: the article's words, names, and the
meaning of its lead across languages, one calibrated log-odds per pair) and refines it with
what the model read of each article's main event:

- the event's time, an interval read from the text and resolved against the article's own
  date (``read.when``, ``dates``): two events whose times cannot come within a day of each
  other are two events (``dates.times_apart``), whatever else they share; weaker evidence (a
  day resolved against a page-date line, which may be the day the page was fetched; two days
  a day apart) only lowers the log-odds by ``UNLIKE_MALUS``; no time neither joins nor
  separates;
- named participants, resolved across spellings and scripts: a shared majority (Jaccard >= 0.5)
  adds ``SAME_BONUS`` to the log-odds (at least ``SAME_FLOOR``); two lists that share little keep
  two events apart, so two calls between the same two ministries but with another minister
  are two events;
- the event's place, in one language, as weak evidence (``_places_apart``).

An event without participants (a strike, an earthquake) groups by the text and the date.

Clusters are made by average link with complete linkage on the constraints: an article joins a
group only if it conflicts with none of its members (``triage.cluster_batch``).

Stories (``stories``): events of the same people, or of the same place within days, at
different times (two calls of the same ministers; a strike and the funeral of its victims) are
linked, never compared as one event.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import Enum

import numpy as np

from .dates import (
    SLACK_DAYS,
    ResolvedWhen,
    days_of,
    gap_days,
    read_where_reported,
    times_apart,
)
from .embed import Embedder, default_embedder, embed_texts
from .entities import Entity, EntityIndex, named_part, places_in, word_skeleton
from .models import ArticleSummary, Status
from .read.when import anchor_of, event_time
from .store import Store
from .text import normalize, stem, stopwords
from .triage import APART, Profile, profile, triage

JACCARD_SAME = 0.5
WORDS_SAME = 0.15
SAME_BONUS = 3.0  # log-odds added when the model's participants agree
SAME_FLOOR = 1.0  # and at least this: the names agree and no date conflicts
UNLIKE_MALUS = 2.0  # log-odds taken off for weaker evidence against


class Link(Enum):
    SAME = "same"
    APART = "apart"
    UNLIKE = "unlike"
    UNSURE = "unsure"


@dataclass
class EventView:
    """What grouping and diff look at for one article's main event."""

    summary: ArticleSummary
    people: dict[str, Entity] = field(default_factory=dict)  # entity id -> entity
    # the entity id each participant's name (its ``named_part``) resolved to
    entity_of: dict[str, str] = field(default_factory=dict)
    when: ResolvedWhen | None = None
    words: frozenset[str] = frozenset()  # content words of the event sentence
    profile: Profile | None = None
    text: str = ""  # what the profile was read from: the full text, else the lead
    mentioned: bool = False  # people found in its quotes, not in its participant list
    named_in_text: frozenset[str] = frozenset()  # every known person its text names
    copy_of: str | None = None  # the article this one is a near-identical copy of
    place: frozenset[str] = frozenset()  # skeletons of the words of the event's place
    countries: frozenset[str] = frozenset()  # the territories of the known places it names
    text_keys: frozenset[str] = frozenset()  # skeletons of every word of its text

    @property
    def story(self) -> str:
        """The source this article stands for: a wire copy counts as its original."""
        return self.copy_of or self.id

    @property
    def id(self) -> str:
        return self.summary.source.id


def resolved_when(summary: ArticleSummary) -> ResolvedWhen | None:
    """The article's event 'when', resolved against its own date or its news's year."""
    event = summary.event
    if event is None:
        return None
    return event_time(event.when, summary.source, event.when_from)


def build_views(
    summaries: list[ArticleSummary],
    index: EntityIndex,
    texts: Mapping[str, str] | None = None,
) -> list[EventView]:
    """One view per article with an event. Participants named in the article come from its
    participant list; an article that names none (only roles such as "the defence minister")
    gets the known people that its evidence quotes mention. The text profile (``triage``)
    reads the article's full text from ``texts`` (by id), else the lead its summary keeps."""
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
            if part and entity is not None:
                named[s.id][entity.id] = entity
                view.entity_of[part] = entity.id
        view.when = resolved_when(s)
        text = (texts or {}).get(s.id) or s.source.lead or s.event.evidence
        view.text = text
        event_words = normalize(f"{s.event.what} {s.event.evidence}").split()
        view.words = frozenset(w for w in event_words if w not in stopwords() and len(w) > 2)
        view.profile = profile(s.id, text, s.source.language or "", anchor_of(s.source),
                               view.when)  # fmt: skip
        view.place = skeletons(s.event.where or "")
        view.countries = frozenset(
            m.place.territory for m in places_in(s.event.where or "") if m.place.territory
        )
        view.text_keys = skeletons(text)
        views.append(view)
    for view in views:
        view.named_in_text = frozenset(e.id for e in index.mentioned_in(view.text))
        # A small model sometimes lists people of a background story as participants: keep
        # those the event's sentence or the article's lead also names; if none of them is,
        # the people the lead names stand for the event.
        s = view.summary
        lead = f"{s.event.evidence if s.event else ''} {s.source.lead or ''}"
        in_lead = {e.id: e for e in index.mentioned_in(lead)}
        listed = named[s.id]
        confirmed = {k: e for k, e in listed.items() if k in in_lead}
        if listed:
            view.people = confirmed or listed
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
    """What the model's fields say of ``a`` and ``b``.

    - APART when their event times cannot be one event's (``dates.times_apart``: more than
      a day apart on what holds whatever the articles' dates are worth, a month when either
      time was read further on in its story), or when both (in one language) name at least
      two participants, share under half of them, and neither text names the people only
      the other lists.
    - SAME when they share at least half of their named participants, two of them at least
      (one person, or people only mentioned in quotes, count with the same weekday), or when
      one names no one and both give the same weekday and overlapping event words.
    - UNLIKE, weaker evidence against: times a day apart, both read where the events are
      reported; times apart on a page-date line (which may be the day the page was fetched)
      or on a year read from the lead; places in two countries; little overlap of
      participants when one side names only one.
    - UNSURE otherwise: the text decides (``triage``)."""
    wa, wb = a.when, b.when
    if times_apart(wa, wb):
        return Link.APART
    same_day = bool(days_of(wa) & days_of(wb))
    gap = gap_days(wa, wb)
    # a day apart is one event's (time zones, a report the next day), but less likely so when
    # both days are read where the events are reported (not further on in the story)
    near = gap == 1 and read_where_reported(wa) and read_where_reported(wb)
    far = gap is not None and gap > SLACK_DAYS  # on a page-date line, or read further on
    dates = Link.UNLIKE if _places_apart(a, b) or near or far else Link.UNSURE
    if a.people and b.people:
        shared = a.people.keys() & b.people.keys()
        jaccard = len(shared) / len(a.people.keys() | b.people.keys())
        if jaccard < JACCARD_SAME:
            if (
                min(len(a.people), len(b.people)) < 2
                or a.summary.source.language != b.summary.source.language
                or _lists_incomplete(a, b)
            ):
                # one list too short, two scripts (names across scripts often fail to meet:
                # "Amirabdollahian", "Амир Абдоллахиан"), or the lists are just incomplete
                return dates
            return Link.APART
        if (a.mentioned or b.mentioned or len(shared) < 2) and not same_day:
            return dates  # one person in common (an incumbent, a minister) is not one event
        return Link.SAME
    union = a.words | b.words
    if same_day and union and len(a.words & b.words) / len(union) >= WORDS_SAME:
        return Link.SAME
    return dates


def skeletons(text: str) -> frozenset[str]:
    """Consonant skeletons of the content words of ``text`` (they meet across spellings and,
    for names, across scripts: ``entities.word_skeleton``)."""
    keys = (word_skeleton(stem(w)) for w in normalize(text).split() if w not in stopwords())
    return frozenset(k for k in keys if len(k) >= 2)


def _places_apart(a: EventView, b: EventView) -> bool:
    """Both give the event's place in two different countries (known places, any language),
    or both give it in one language and neither text names the other's: "Derna" against
    "Libya" is one place at two scales (the Derna report names Libya too), "Derna" against
    "Al Hoceima" is two."""
    if a.countries and b.countries and not a.countries & b.countries:
        return True  # known places in two countries, in any language: Morocco, ليبيا
    if not (a.place and b.place) or a.summary.source.language != b.summary.source.language:
        return False  # across scripts, skeletons of place names rarely meet: no evidence
    return not (a.place & (b.place | b.text_keys)) and not (b.place & a.text_keys)


def _lists_incomplete(a: EventView, b: EventView) -> bool:
    """Does either article's text name someone only the other lists? Then the two lists are
    just incomplete (the model listed some of those present), not two casts."""
    return bool((a.people.keys() - b.people.keys()) & b.named_in_text) or bool(
        (b.people.keys() - a.people.keys()) & a.named_in_text
    )


def cluster(
    views: list[EventView],
    vectors: np.ndarray | None = None,
    *,
    embedder: Embedder | None = None,
    store: Store | None = None,
) -> list[list[EventView]]:
    """Group the views into events: the text's own signals (``triage``: words, names, the
    meaning of the lead across languages), refined by the model's fields (``link``): a shared
    majority of named participants adds ``SAME_BONUS`` to a pair's log-odds, a conflict of
    event dates or of participants keeps a pair apart. ``vectors`` are the embeddings of the
    views' leads, else computed with ``embedder`` (cached in ``store``)."""
    if not views:
        return []
    profiles = [v.profile for v in views]
    if vectors is None:
        vectors = embed_texts([p.lead for p in profiles], embedder or default_embedder(), store)

    def refine(z: np.ndarray, idx: np.ndarray) -> np.ndarray:
        z = z.copy()
        for x in range(len(idx)):
            for y in range(x + 1, len(idx)):
                verdict = link(views[idx[x]], views[idx[y]])
                if verdict == Link.APART:
                    z[x, y] = z[y, x] = APART
                elif verdict == Link.SAME:
                    z[x, y] = z[y, x] = max(z[x, y] + SAME_BONUS, SAME_FLOOR)
                elif verdict == Link.UNLIKE:
                    z[x, y] -= UNLIKE_MALUS
                    z[y, x] -= UNLIKE_MALUS
        return z

    by_person: dict[str, list[int]] = defaultdict(list)
    for i, v in enumerate(views):
        for entity_id in v.people:
            by_person[entity_id].append(i)
    shared = [(m[0], other) for m in by_person.values() for other in m[1:]]
    found = triage([v.text for v in views], profiles, vectors, refine, SAME_BONUS, shared)
    for i, view in enumerate(views):
        original = found.copy_of(i)
        view.copy_of = views[original].id if original is not None else None
    return [[views[i] for i in g] for g in found.groups]


# --- stories: related events at different times ---------------------------------------------

STORY_MEANING = 0.86  # cosine of two events' leads (mean of their articles') of one story
STORY_PLACE_MEANING = 0.9  # the same for events linked by their place alone
STORY_DAYS = 7  # and at most this many days apart


@dataclass
class EventSide:
    """What links one event (a group of views) to others of its story."""

    people: dict[str, str]  # the people half its articles name at least: entity id -> name
    places: frozenset[str]  # skeletons of the words of its place
    earliest: date | None
    latest: date | None
    day: str | None  # the day (ISO) most of its articles give, on what holds (``firm``)
    vector: np.ndarray | None


def event_side(views: Sequence[EventView], vectors: np.ndarray | None = None) -> EventSide:
    """``views`` (one event's articles) as one side of a story link; ``vectors``: their
    leads' embeddings, in order."""
    firm = [v.when.firm for v in views if v.when is not None]
    intervals = [i for w in firm if (i := w.interval) is not None]
    days = Counter(w.iso for w in firm if w.interval and w.interval[0] == w.interval[1])
    top = days.most_common(2)
    day = top[0][0] if top and (len(top) == 1 or top[0][1] > top[1][1]) else None
    vector = None
    if vectors is not None and len(vectors):
        mean = np.asarray(vectors, np.float32).mean(axis=0)
        vector = mean / (np.linalg.norm(mean) or 1.0)
    # its people: those half its articles name at least (one article's slip is not its cast)
    named = Counter(k for v in views for k in v.people)
    canonical = {k: e.canonical for v in views for k, e in v.people.items()}
    return EventSide(
        people={k: canonical[k] for k, n in named.items() if 2 * n >= len(views)},
        places=frozenset(k for v in views for k in v.place),
        earliest=min((i[0] for i in intervals), default=None),
        latest=max((i[1] for i in intervals), default=None),
        day=day,
        vector=vector,
    )


def story_link(a: EventSide, b: EventSide) -> str | None:
    """Why two events are of one story, or None: two people in common; one person in common
    and leads alike in meaning (``STORY_MEANING``); or the same place, leads alike
    (``STORY_PLACE_MEANING``) and at most ``STORY_DAYS`` apart."""
    shared = a.people.keys() & b.people.keys()
    if len(shared) >= 2:
        return "people"
    cosine = float(a.vector @ b.vector) if a.vector is not None and b.vector is not None else 0
    if shared and cosine >= STORY_MEANING:
        return "people"
    dated = a.earliest and b.earliest and a.latest and b.latest
    if a.places & b.places and cosine >= STORY_PLACE_MEANING and dated:
        gap = max((a.earliest - b.latest).days, (b.earliest - a.latest).days, 0)  # type: ignore[operator]
        if gap <= STORY_DAYS:
            return "place"
    return None


def stories(sides: Sequence[EventSide]) -> list[list[int]]:
    """The stories of two or more events: connected events (``story_link``), each story's
    events in the order of ``sides``. Candidate pairs share a person or a place word."""
    by_key: dict[str, list[int]] = defaultdict(list)
    for i, side in enumerate(sides):
        for key in [*side.people, *(f"place:{p}" for p in side.places)]:
            by_key[key].append(i)
    parent = list(range(len(sides)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    seen: set[tuple[int, int]] = set()
    for members in by_key.values():
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                if (i, j) in seen or root(i) == root(j):
                    continue
                seen.add((i, j))
                if story_link(sides[i], sides[j]):
                    parent[root(j)] = root(i)
    found: dict[int, list[int]] = defaultdict(list)
    for i in range(len(sides)):
        found[root(i)].append(i)
    return [g for g in found.values() if len(g) > 1]
