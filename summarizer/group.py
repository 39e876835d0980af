"""Group stage: which articles report the same event, with the model's fields.

It starts from the fast path (``summarizer.triage``: the article's words, names, and the
meaning of its lead across languages, one calibrated log-odds per pair) and refines it with
what the model read of each article's main event:

- the event date, resolved against the article's own date (see ``summarizer.dates``): two
  dates written as dates more than ``DATE_SLACK_DAYS`` apart keep two articles apart; weaker
  date evidence (a weekday, a day resolved against a page date) only lowers the log-odds by
  ``UNLIKE_MALUS``; an unresolved date neither joins nor separates;
- named participants, resolved across spellings and scripts: a shared majority (Jaccard >= 0.5)
  adds ``SAME_BONUS`` to the log-odds (at least ``SAME_FLOOR``); two lists that share little keep
  two events apart, so two calls between the same two ministries but with another minister
  are two events;
- the event's place, in one language, as weak evidence (``_places_apart``).

An event without participants (a strike, an earthquake) groups by the text and the date.

Clusters are made by average link with complete linkage on the constraints: an article joins a
group only if it conflicts with none of its members (``triage.cluster_batch``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import Enum

import numpy as np

from .dates import (
    ResolvedWhen,
    days_of,
    parse_iso_date,
    resolve_when,
    same_date,
    weekdays_in,
    years_in,
)
from .embed import Embedder, default_embedder, embed_texts
from .entities import Entity, EntityIndex, named_part, places_in, word_skeleton
from .models import ArticleSummary, Status
from .store import Store
from .text import LINKS, normalize, stem, stopwords
from .triage import APART, Profile, profile, triage

JACCARD_SAME = 0.5
WORDS_SAME = 0.15
SAME_BONUS = 3.0  # log-odds added when the model's participants agree
SAME_FLOOR = 1.0  # and at least this: the names agree and no date conflicts
UNLIKE_MALUS = 2.0  # log-odds taken off for weaker evidence against
# Two event dates written further apart than this are two events. Not one day: the same event
# is dated by its local day, by the day the news reached another time zone, and by reports
# a day or two later that date it loosely.
DATE_SLACK_DAYS = 3


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


def reference_date(summary: ArticleSummary) -> date | None:
    """The article's own date, for resolving "Tuesday": its page date when fully given."""
    return parse_iso_date(summary.source.page_date_iso)


def news_year(summary: ArticleSummary) -> int | None:
    """The year of the article's news when it has no page date: the one year its lead writes
    ("(see Fides 6/9/2024)"), for a date written without one ("7 September")."""
    lead = LINKS.sub(" ", summary.source.lead or "")
    years = years_in(lead)
    return years.pop() if len(years) == 1 else None


def resolved_when(summary: ArticleSummary) -> ResolvedWhen | None:
    """The article's event 'when', resolved against its page date or its news's year."""
    when = summary.event.when if summary.event else None
    return resolve_when(when, reference_date(summary), news_year(summary))


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
            if entity is not None:
                named[s.id][entity.id] = entity
        view.when = resolved_when(s)
        text = (texts or {}).get(s.id) or s.source.lead or s.event.evidence
        view.text = text
        event_words = normalize(f"{s.event.what} {s.event.evidence}").split()
        view.words = frozenset(w for w in event_words if w not in stopwords() and len(w) > 2)
        view.profile = profile(s.id, text, s.source.language or "", s.source.page_date_iso)
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

    - APART when both event dates were written as dates and are more than
      ``DATE_SLACK_DAYS`` apart, when their sentences name weekdays two days apart or more,
      or when both (in one language) name at least two participants, share under half of
      them, and neither text names the people only the other lists.
    - SAME when they share at least half of their named participants, two of them at least
      (one person, or people only mentioned in quotes, count with the same weekday), or when
      one names no one and both give the same weekday and overlapping event words.
    - UNLIKE, weaker evidence against: dates apart when one was resolved from a weekday or
      "yesterday" against a page date (which may be the day the page was fetched), two
      weekdays a day apart (sources disagree, models slip), places in two countries, little
      overlap of participants when one side names only one.
    - UNSURE otherwise: the text decides (``triage``)."""
    wa, wb = a.when, b.when
    same_day = bool(days_of(wa) & days_of(wb))
    dates = Link.UNLIKE if _places_apart(a, b) else Link.UNSURE  # and places
    if _days_apart(wa, wb):
        return Link.APART
    if _dates_apart(wa, b.when):
        stated = all(w and w.basis.startswith("date") for w in (wa, wb))
        if stated:
            return Link.APART
        dates = Link.UNLIKE
    elif days_of(wa) and days_of(wb) and not same_day:
        dates = Link.UNLIKE
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


def _days_apart(wa: ResolvedWhen | None, wb: ResolvedWhen | None) -> bool:
    """Do the two events' sentences name weekdays two days apart or more ("Tuesday night"
    against "Friday evening")? A day or a night across two days is one event's (time zones,
    late reports); a weekday resolved from "today" against a page date is not named."""
    days_a = weekdays_in(wa.written) if wa else frozenset()
    days_b = weekdays_in(wb.written) if wb else frozenset()
    if not (days_a and days_b):
        return False
    return min(min(abs(x - y), 7 - abs(x - y)) for x in days_a for y in days_b) >= 2


def _dates_apart(wa: ResolvedWhen | None, wb: ResolvedWhen | None) -> bool:
    if not (wa and wb and wa.iso and wb.iso):
        return False
    da, db = parse_iso_date(wa.iso), parse_iso_date(wb.iso)
    if da and db:
        return abs((da - db).days) > DATE_SLACK_DAYS
    if same_date(wa.iso, wb.iso) is not False:
        return False
    # Parts differ; a day and month on both sides may still be a few days apart.
    pa, pb = wa.iso[-5:], wb.iso[-5:]
    if wa.iso.count("-") >= 2 and wb.iso.count("-") >= 2 and "-" in pa and "-" in pb:
        ma, _, dda = pa.partition("-")
        mb, _, ddb = pb.partition("-")
        if ma.isdigit() and mb.isdigit() and dda.isdigit() and ddb.isdigit():
            a_day = date(2001, int(ma), int(dda))
            b_day = date(2001, int(mb), int(ddb))
            gap = abs((a_day - b_day).days)
            return min(gap, 365 - gap) > DATE_SLACK_DAYS
    return True


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
