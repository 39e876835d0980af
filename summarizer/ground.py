"""Grounding: align each evidence quote to a character span of the original article.

Both texts are normalised (``summarizer.text``). A quote found as a substring is ``exact``.
Otherwise the article window whose words best match the quote's words, in order, is ``fuzzy``
when at least ``FUZZY_THRESHOLD`` of the quote's words are matched; else ``not_found``.
Key values (a name, a number, a date) must also occur in the article: a quote that aligns but
whose value is nowhere in the text is not grounded.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from typing import TypeVar

from pydantic import BaseModel

from .cues import clause_around, find_initiator, find_previous_contact
from .dates import STORY, WEEKDAY_NAMES, find_dates, first_when, resolve_when, weekday_in, years_in
from .entities import (
    PlaceMention,
    is_generic_place,
    is_place,
    is_role,
    name_key,
    named_part,
    people_titled,
    places_in,
    places_named,
    same_name,
    with_direction,
)
from .lang import packs, support_note
from .lang.detect import script_of
from .models import (
    MIN_QUOTE,
    Alignment,
    ArticleSummary,
    Bounds,
    Claim,
    Event,
    EventTime,
    Extraction,
    Grounding,
    Participant,
    Quantity,
    Source,
)
from .prompts import EXAMPLE_FALLBACK, load_example
from .quantities import (
    Amount,
    amount_of,
    counted,
    credited_source,
    find_durations,
    find_numbers,
    parse_amount,
)
from .read.when import anchor_of, event_time, event_when
from .statements import find_statements
from .story import (
    STORY_CHARS,
    TITLE_CHARS,
    body_lines,
    boilerplate,
    event_sentence,
    is_headline,
    main_story,
    opening_of,
)
from .text import (
    COMMAS,
    LINKS,
    SENTENCE_END,
    Normalized,
    bare,
    normalize,
    normalize_with_map,
    sentence_bounds,
    stem,
    stopwords,
    words,
)

FUZZY_THRESHOLD = 0.75
SNAP_THRESHOLD = 0.8
NEAR = 300  # characters around a quote where its key values must be written
MAX_CLAIMS = 12
# How much of an article the code reads for what the model is not asked (statements, dates,
# durations): the main story, whatever the model is shown (SUMMARIZER_MAX_INPUT_CHARS).
T = TypeVar("T", bound=BaseModel)
G = TypeVar("G", Event, Participant, Quantity)
Item = TypeVar("Item", Participant, Quantity, Claim)


@dataclass(frozen=True)
class _Word:
    text: str
    start: int  # offsets in the normalised text
    end: int


class ArticleIndex:
    """An article prepared for repeated alignment: normalised text and its words."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.norm: Normalized = normalize_with_map(text)
        self.words = [_Word(*w) for w in words(self.norm.text)]
        self._tokens = [stem(w.text) for w in self.words]
        # where key values are looked for: links blanked (a number in a page's address)
        self._values = LINKS.sub(lambda m: " " * len(m.group()), text)
        self._values_norm = self.norm.text if self._values == text else normalize(self._values)

    def contains(self, value: str, near: tuple[int, int] | None = None) -> bool:
        """Does ``value`` occur in the article after normalisation (on word boundaries or inside
        a word, as Arabic attaches prefixes such as wa- and al-)? With ``near`` (a quote's span),
        only within ``NEAR`` characters of it: a name from another paragraph (or from an
        instruction planted in the article) does not back this quote. A link's address backs
        nothing ("...-18191020")."""
        needle = normalize(value)
        if not needle:
            return False
        if near is None:
            haystack = self._values_norm
        else:
            haystack = normalize(self._values[max(0, near[0] - NEAR) : near[1] + NEAR])
        if not (needle[0].isdigit() or needle[-1].isdigit()):
            return needle in haystack
        # a number is not part of a longer one: "1" is not in "19 May"
        pattern = ("(?<!\\d)" if needle[0].isdigit() else "") + re.escape(needle)
        pattern += "(?!\\d)" if needle[-1].isdigit() else ""
        return re.search(pattern, haystack) is not None

    def align(self, quote: str) -> tuple[Alignment, int | None, int | None, float]:
        needle = normalize(quote)
        if not needle:
            return Alignment.NOT_FOUND, None, None, 0.0
        pos = self.norm.text.find(needle)
        if pos >= 0:
            start, end = self.norm.span(pos, pos + len(needle))
            return Alignment.EXACT, start, end, 1.0
        return self._fuzzy([stem(w) for w in needle.split()])

    def _fuzzy(self, qwords: list[str]) -> tuple[Alignment, int | None, int | None, float]:
        n = len(qwords)
        if n < 2 or not self.words:
            return Alignment.NOT_FOUND, None, None, 0.0
        wanted = Counter(qwords)
        best_overlap, best_i = 0, 0
        window = Counter(self._tokens[:n])
        for i in range(len(self._tokens) - n + 1):
            if i:
                window[self._tokens[i - 1]] -= 1
                window[self._tokens[i + n - 1]] += 1
            overlap = sum(min(c, window[w]) for w, c in wanted.items())
            if overlap > best_overlap:
                best_overlap, best_i = overlap, i
        if best_overlap / n < FUZZY_THRESHOLD:
            return Alignment.NOT_FOUND, None, None, round(best_overlap / n, 3)
        # Score the best window (with some slack either side) by words matched in order.
        lo, hi = max(0, best_i - 2), min(len(self.words), best_i + n + 2)
        matcher = SequenceMatcher(None, self._tokens[lo:hi], qwords, autojunk=False)
        blocks = [b for b in matcher.get_matching_blocks() if b.size]
        matched = sum(b.size for b in blocks)
        score = matched / n
        if score < FUZZY_THRESHOLD:
            return Alignment.NOT_FOUND, None, None, round(score, 3)
        first = self.words[lo + blocks[0].a]
        last = self.words[lo + blocks[-1].a + blocks[-1].size - 1]
        start, end = self.norm.span(first.start, last.end)
        return Alignment.FUZZY, start, end, round(score, 3)

    def snap(self, value: str, start: int | None = None, end: int | None = None) -> str | None:
        """The original text of the word window most like ``value`` (a mis-copied name such as
        a dropped or swapped letter), searched within [start, end) or the whole article.
        None when nothing is at least ``SNAP_THRESHOLD`` alike."""
        target = normalize(value)
        n = len(target.split())
        if not target or n > 8:
            return None
        lo = 0 if start is None else start
        hi = self.norm.source_length if end is None else end
        words = [w for w in self.words if self.norm.origin[w.start] >= lo
                 and self.norm.origin[w.end - 1] < hi]  # fmt: skip
        best, best_ratio = None, SNAP_THRESHOLD
        for size in {max(1, n - 1), n, n + 1}:
            for i in range(len(words) - size + 1):
                window = words[i : i + size]
                candidate = " ".join(w.text for w in window)
                ratio = SequenceMatcher(None, candidate, target, autojunk=False).ratio()
                if ratio > best_ratio:
                    best_ratio, best = ratio, window
        if best is None:
            return None
        s, e = self.norm.span(best[0].start, best[-1].end)
        return self.text[s:e]

    def snap_surname(self, name: str) -> str | None:
        """A person's name whose given name was mis-copied ("Mohammed Rahmati" where the
        text writes "Malek Rahmati"): the article's one run of as many words that ends with
        the name's last word (of four letters or more). None when it writes none or several."""
        target = normalize(name).split()
        if len(target) < 2 or len(target[-1]) < 4:
            return None
        n = len(target)
        runs = {
            " ".join(w.text for w in self.words[i - n + 1 : i + 1]): i
            for i, w in enumerate(self.words)
            if i >= n - 1 and w.text == target[-1]
        }
        if len(runs) != 1:
            return None
        i = next(iter(runs.values()))
        s, e = self.norm.span(self.words[i - n + 1].start, self.words[i].end)
        return self.text[s:e]

    def _number_as_written(self, value: str, start: int | None, end: int | None) -> str | None:
        """The words of the quote [start, end) that write the number ``value`` gives in
        other words ("8" for "ثمانية", "two" for "2"), if it is one and they write it."""
        amount = parse_amount(value)
        if amount is None or amount.months or start is None or end is None:
            return None
        quote = self.text[start:end]
        for m in find_numbers(quote):
            if m.amount.value == amount.value and not m.amount.months:
                return quote[m.start : m.end]
        return None

    def ground(
        self, evidence: str, values: dict[str, str | None]
    ) -> tuple[Grounding, dict[str, str]]:
        """Align ``evidence``; check each key value occurs in the article, repairing a value
        that does not by snapping it to the closest words of its evidence (or the article).
        Returns the grounding and the repaired values by field name."""
        alignment, start, end, score = self.align(evidence)
        near = (start, end) if start is not None and end is not None else None
        repaired: dict[str, str] = {}
        notes: list[str] = []
        for name, value in values.items():
            if not value or self.contains(value, near):
                continue
            fixed = self._number_as_written(value, start, end)
            fixed = fixed or (self.snap(value, start, end) if start is not None else None)
            fixed = fixed or self.snap(value)
            fixed = fixed or (self.snap_surname(value) if name == "name" else None)
            if fixed is not None:
                repaired[name] = fixed
                notes.append(f"{name}: {value!r} -> {fixed!r}")
        found = all(self.contains(repaired.get(k, v) or "", near) for k, v in values.items() if v)
        grounding = Grounding(
            alignment=alignment,
            start=start,
            end=end,
            score=score,
            values_found=found,
            repaired=notes,
        )
        return grounding, repaired


def _dedupe(items: list[T], field: str) -> list[T]:
    """Drop items that repeat another's key value (a small model fills lists with repeats)."""
    seen: set[str] = set()
    out = []
    for item in items:
        value = str(getattr(item, field))
        key = " ".join(name_key(value)) if field == "name" else normalize(value)
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def check_event(event: Event, text: str, lead: str) -> Event:
    """Code checks on the event the model reported:
    - the evidence is the whole sentence that reports the event (``story.event_sentence``);
    - ``when`` is the date, weekday or relative day of the event's sentence, else of the
      story's opening, that dates no other event (``read.when.event_when``: not "since 18
      February", not the previous call's date), the model's when it is one of them; without
      any, the model's stands when the story writes it (not a page's date line). A date
      takes the weekday written with it, a night both its days;
    - ``where`` is checked against the places the text names (``check_place``);
    - ``initiator`` must be stated in the text with a marker ("at the request of": the
      packs' ``initiative``); the text's own words replace the model's, else it is null.
    Every change is listed in ``grounding.repaired``."""
    notes = list(event.grounding.repaired)
    when = event.when
    resolved = resolve_when(when)
    g = event.grounding
    where = event.evidence
    opening = opening_of(lead, raw=True)
    if (span := event_sentence(text, lead, (g.start, g.end))) is not None:
        lo, hi = span
        where = text[lo:hi].strip()
        lo += text[lo:hi].find(where)
        if where != event.evidence:
            notes.append(f"evidence: {event.evidence!r} -> the sentence {where!r}")
            g = Grounding(alignment=Alignment.EXACT, start=lo, end=lo + len(where), score=1.0,
                          values_found=g.values_found, repaired=g.repaired)  # fmt: skip
    when, when_from = event_when(where, opening, hint=event.when)
    if when is None and resolved is not None and resolved.basis != "unresolved":
        # the story dates the event further on (not its header: a page's date line)
        body = normalize("\n".join(body_lines(main_story(lead, len(lead)))))
        if normalize(event.when or "") in body:
            when, when_from = event.when, STORY
    if when != event.when:
        why = (
            "is not a date"
            if resolved is None or resolved.basis == "unresolved"
            else ("dates another time or is not written with the event")
        )
        notes.append(f"when: {event.when!r} {why} -> {when!r}")
    if when and (dated := _with_weekday(when, where, opening)) != when:
        notes.append(f"when: {when!r} -> {dated!r} (the weekday written with it)")
        when = dated
    place = check_place(event.where, where, opening, text)
    if place != event.where:
        notes.append(f"where: {event.where!r} -> {place!r}")
    initiator, initiator_evidence = None, None
    if found := find_initiator(lead):
        initiator = found[0]
        lo, hi = clause_around(lead, found[1], found[2])
        initiator_evidence = lead[lo:hi]
    if (event.initiator or None) != initiator:
        notes.append(f"initiator: {event.initiator!r} -> {initiator!r} (as the text states it)")
    # the key value is the "when" the checks settled on: the text's own words, or none
    found = not when or normalize(when) in normalize(text)
    grounding = g.model_copy(update={"repaired": notes, "values_found": found})
    return event.model_copy(
        update={
            "evidence": where,
            "when": when,
            "when_from": when_from,
            "where": place,
            "initiator": initiator,
            "initiator_evidence": initiator_evidence,
            "grounding": grounding,
        }
    )


def _with_weekday(when: str, *texts: str) -> str:
    """``when`` with the weekday written right before it, where the first of ``texts`` that
    writes ``when`` does: the day of a date ("On Saturday, 9 September", "السبت 9 شتنبر"),
    or the first day of a night ("the night of Sunday 10 to Monday 11 September", "ليلة
    الأحد 10 إلى الاثنين 11 سبتمبر": the event is on either)."""
    resolved = resolve_when(when)
    text = next((t for t in texts if when in t), "")
    at = text.find(when)
    if resolved is None or at < 0 or (resolved.weekday is None and resolved.iso is None):
        return when
    before = text[max(0, at - 32) : at]
    days = [(w, s) for w, s, _ in words(before) if weekday_in(w) is not None]
    if not days:
        return when
    day, start = days[-1]
    between = before[start + len(day) :].strip(" ,،-–—").split()
    joining = [w for w in between if not w.isdigit()]
    if resolved.weekday is None:
        ok = not joining  # a date and its weekday
    else:
        ok = len(joining) == 1 and len(between) <= 2 and weekday_in(when.split()[0]) is not None
    return before[start:] + when if ok else when


def check_place(where: str | None, sentence: str, opening: str, text: str) -> str | None:
    """The event's place, checked against the places the event's sentence and then the
    story's opening name (``entities.places_named``; a dateline's city, where the reporter
    writes from, comes last):
    - the model's place stands when it names one of them, or when they write it and it is a
      known place or a capitalised name; otherwise the place they name that it means (as
      they write it) or the first they name replaces it, and without any, a place the
      article writes that is more than a kind of place ("the country", "the Libyan coast")
      stands, else there is none;
    - a place named as a side of the event ("an exchange between Russia and the United
      States", ``_parties``) gives way to a place named otherwise ("... in Ankara, Turkey");
    - a known place the texts write with a direction is that region ("eastern Libya");
    - a country is made precise with a city of that country that the event's sentence or the
      title names: "Baghdad, Iraq"."""
    found = []
    for t in (sentence, opening):
        named_here = places_named(t)
        parties = _parties(t, named_here)
        found += [(_dateline(t, m), m, m in parties) for m in named_here]
    found.sort(key=lambda f: f[0])
    mentions = [m for _, m, _ in found]
    norm = normalize(where or "")
    named = [m for m in mentions if norm and (normalize(m.written) in norm
                                              or norm in normalize(m.written))]  # fmt: skip
    sides = {m.place for _, m, party in found if party}  # a side anywhere is no place of it
    located = [m for m in mentions if m.place not in sides] or mentions
    if named and all(m.place in sides for m in named) and located[0].place not in sides:
        named, where = located[:1], located[0].written  # "between Russia and the US ... in Turkey"
    near = bool(norm) and norm in normalize(f"{sentence}\n{opening}")
    capitalised = bool(where) and where[:1].isupper()  # a name, in a cased script
    if not named and not (near and (capitalised or places_in(where or ""))):
        meant = {m.place for m in places_in(where or "")}  # mis-written: "التركيا"
        located = [m for m in located if m.place in meant] or located
        if located:
            named, where = located[:1], located[0].written
        elif not norm or norm not in normalize(text) or is_generic_place(norm):
            return None
    if (region := _region(where or "", (sentence, opening, text))) is not None:
        return region
    countries = {m.place.territory for m in named if m.place.territory and not m.place.city}
    title = opening.split("\n", 1)[0]
    title = title if len(title) <= TITLE_CHARS else ""  # a heading, not the first paragraph
    cities = [m for t in (sentence, title) for m in places_in(t)
              if m.place.city and m.place.territory in countries]  # fmt: skip
    if cities and normalize(cities[0].written) not in normalize(where or ""):
        comma = "، " if script_of(cities[0].written) == "Arab" else ", "
        return f"{cities[0].written}{comma}{where}"
    return where


def _region(where: str, texts: tuple[str, ...]) -> str | None:
    """The known place ``where`` as the texts write it with a direction ("в восточном
    Азербайджане" for "Азербайджан"): that region rather than the whole place."""
    known = places_in(where)
    if len(known) != 1 or normalize(known[0].written) != normalize(where):
        return None
    for t in texts:
        for m in places_in(t):
            if m.place == known[0].place and (region := with_direction(t, m)):
                return region
    return None


_BETWEEN = frozenset(normalize(w) for p in packs() for w in p.between)


def _parties(text: str, mentions: list[PlaceMention]) -> list[PlaceMention]:
    """The places ``text`` names as the sides of the event, not where it happened: after
    "between" or "with" ("an exchange between Russia and the United States", "talks with
    Iran"), and the places listed right after such a one ("and", commas)."""
    parties: list[PlaceMention] = []
    end = -1
    for m in mentions:
        before = normalize(text[max(0, m.start - 40) : m.start]).split()
        gap = normalize(text[end : m.start]).split() if end >= 0 else None
        listed = gap is not None and all(w in stopwords() for w in gap)
        if (before and before[-1] in _BETWEEN) or (parties and parties[-1].end == end and listed):
            parties.append(m)
        end = m.end
    return parties


def _dateline(text: str, m: PlaceMention) -> bool:
    """Is ``m`` the city of a dateline ("Moscow, 9 September - AFP.", "BAGHDAD —")? It
    opens a line, and a date, a dash or a bracket follows it."""
    line_start = text.rfind("\n", 0, m.start) + 1
    if text[line_start : m.start].strip():
        return False
    after = text[m.end : m.end + 30].lstrip(" ,")
    when = first_when(after)
    return after[:1] in "-–—(" or (when is not None and after.startswith(when[:2]))


def ground_extraction(
    text: str, extraction: Extraction, lead_chars: int = STORY_CHARS, year: int | None = None
) -> tuple[Event | None, list[Participant], list[Quantity], list[Claim]]:
    """Attach a ``Grounding`` to every item of ``extraction`` against the article ``text``,
    and add what the text says that the model is not asked for or missed.

    Items repeating another's key value are dropped. The key values checked (and repaired
    when mis-copied) per item: the event's date; a participant's name; a quantity's value.
    Free text (what happened) is checked through its evidence quote only. The event then
    goes through ``check_event`` (None when the model's event was unusable: ``Extraction``);
    participants given only as a role get the name the text writes after it
    (``name_roles``). From the first ``lead_chars`` characters, before the
    page's next story, the code adds: durations ("since N months") and the previous
    contact's date the model missed, and the statements attributed to named sources.
    """
    index = ArticleIndex(text)
    lead = text[:lead_chars]
    story = main_story(text, lead_chars)
    body = normalize(" ".join(body_lines(story)))
    news = news_years(text, year)

    def grounded(item: BaseModel, cls: type[G], keys: tuple[str, ...]) -> G:
        data = item.model_dump()
        grounding, repaired = index.ground(data["evidence"], {k: data[k] for k in keys})
        return cls(**{**data, **repaired}, grounding=grounding)

    event = None
    if extraction.event is not None:
        event = check_event(grounded(extraction.event, Event, ("when",)), text, lead)
    participants = name_roles(
        story,
        [grounded(p, Participant, ("name",)) for p in _dedupe(extraction.participants, "name")],
    )
    participants += titled_in_event(text, event, participants)
    participants += listed_with(story, participants)
    participants += titled_lists(story, participants)
    quantities = [
        measured(_source_written(grounded(q, Quantity, ("value",)), index, body), text, news)
        for q in _dedupe(extraction.quantities, "value")
        if parse_amount(q.value) is not None or find_dates(q.value)
    ]  # a "quantity" with no number, duration or date in it ("the United States") is dropped
    quantities += missed_durations(lead, quantities) + missed_previous(story, quantities)
    claims = text_statements(story, [p.name for p in participants])
    quantities = credit(quantities + text_quantities(story, quantities, news), claims)
    return event, participants, quantities, claims


def taking_part(
    participants: list[Participant], story: str, notes: list[str], claims: Sequence[Claim] = ()
) -> list[Participant]:
    """The participants that are people or bodies of the ``story``: not a name only a page's
    header writes (the outlet's), not a place the story names ("the province of X") and not
    a person the story names only as the speaker of its statements (an official who reports
    the flood's toll: ``_only_speaking``). What is dropped is noted in ``notes``; a name the
    story does not write at all stays, shown as not grounded."""
    norm = normalize_with_map(story)
    body, whole = normalize(" ".join(body_lines(story))), norm.text
    places = {normalize(m.written) for m in places_named(story)}
    out = []
    for p in participants:
        name = named_part(p.name)
        if name is not None and normalize(name) in whole and normalize(name) not in body:
            notes.append(f"dropped participant {p.name!r}: not in the story (a page header)")
        elif name is not None and normalize(name) in places:
            notes.append(f"dropped participant {p.name!r}: a place the story names")
        elif name is not None and _only_speaking(name, norm, claims):
            notes.append(f"dropped participant {p.name!r}: the story names them only as a "
                         "speaker")  # fmt: skip
        else:
            out.append(p)  # a role ("the health minister") says who took part too
    return out


def _name_keys(participants: list[Participant]) -> list[tuple[str, ...]]:
    """The name keys of the participants that name someone."""
    return [name_key(n) for p in participants if (n := named_part(p.name))]


TITLED = "participant: named with a title in the event's sentence"


def titled_in_event(
    text: str, event: Event | None, participants: list[Participant]
) -> list[Participant]:
    """The people the event's sentence names after a personal title ("killed President
    Ebrahim Raisi": ``entities.people_titled``) that no participant names yet: the model
    lists few people, the sentence that reports the event names those it is about."""
    g = event.grounding if event else None
    if g is None or g.start is None or g.end is None or not g.grounded:
        return []
    have = _name_keys(participants)
    added = []
    for m in people_titled(text[g.start : g.end]):
        key = name_key(m.name)
        if any(same_name(key, h) or set(h) <= set(key) for h in have):
            continue  # named already: "Tebboune" in "the outgoing president Tebboune"
        have.append(key)
        start, end = g.start + m.start, g.start + m.end
        grounding = _from_text(start, end, TITLED)
        added.append(Participant(evidence=text[start:end], name=m.name, role=m.title,
                                 country=None, grounding=grounding))  # fmt: skip
    return added


LISTED = "participant: listed with another participant"
_AND = "|".join(re.escape(w) for p in packs() for w in p.and_words)
_ITEMS = re.compile(rf"[{re.escape(COMMAS)}()]|\s(?:{_AND})\s")  # the items of a list
_MAX_LISTED = 8


def _items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of the items of the sentence [start, end): cut at commas, brackets and the
    packs' "and"."""
    cuts = [start, *(x for m in _ITEMS.finditer(text, start, end) for x in m.span()), end]
    return [(a, b) for a, b in zip(cuts[::2], cuts[1::2], strict=True) if b > a]


def listed_with(story: str, participants: list[Participant]) -> list[Participant]:
    """The people listed in one sentence with a participant, item by item ("the crash killed
    X, the head of ...; Y, the governor of ...; a crew member", "the exchange freed X, who
    ..., Y and Z"): an item that names a person (``_item_person``) goes on the list, and two
    items in a row that name no one end it. Those no participant names yet are added."""
    have = _name_keys(participants)
    added: list[Participant] = []
    for p in participants:
        name = named_part(p.name)
        at = story.find(name) if name and p.grounding.grounded else -1
        if at < 0:
            continue
        items = _items(story, *sentence_bounds(story, at, at + len(name)))
        own = next((k for k, (a, b) in enumerate(items) if a <= at < b), None)
        if own is None:
            continue
        for step in (-1, 1):
            k, misses = own + step, 0
            while 0 <= k < len(items) and misses < 2:
                person = _item_person(story[slice(*items[k])])
                misses = 0 if person else misses + 1
                key = name_key(person) if person else ()
                if key and not any(same_name(key, h) for h in have) and len(added) < _MAX_LISTED:
                    have.append(key)
                    added += _listed(story, items, k, person or "")
                k += step
    return added


LISTS = 3  # people with their titles in one sentence: a list of those who took part


def titled_lists(story: str, participants: list[Participant]) -> list[Participant]:
    """The people of a sentence that lists ``LISTS`` or more people, item by item, each after
    a personal title ("attending were President X, Palestinian President Y, Emir Z"): those
    who took part (in a summit, a meeting, a crash). Those no participant names yet."""
    have = _name_keys(participants)
    added: list[Participant] = []
    ends = [m.start() for m in SENTENCE_END.finditer(story)]
    for lo, hi in zip([0, *(e + 1 for e in ends)], [*ends, len(story)], strict=True):
        items = _items(story, lo, hi)
        people = [(k, t[0].name) for k, (a, b) in enumerate(items)
                  if (t := people_titled(story[a:b]))]  # fmt: skip
        if len(people) < LISTS:
            continue
        for k, person in people:
            key = name_key(person)
            if not any(same_name(key, h) for h in have):
                have.append(key)
                added += _listed(story, items, k, person)
    return added


def _listed(story: str, items: list[tuple[int, int]], k: int, person: str) -> list[Participant]:
    """The participant item ``k`` names, quoting the item (with the next one when it is too
    short to quote alone: "X, the governor of Y")."""
    a, b = items[k]
    if b - a < MIN_QUOTE and k + 1 < len(items):
        b = items[k + 1][1]
    lo = a + len(story[a:b]) - len(story[a:b].lstrip())
    hi = b - (len(story[a:b]) - len(story[a:b].rstrip()))
    if person not in story[lo:hi] or hi - lo < MIN_QUOTE:
        return []
    return [Participant(evidence=story[lo:hi], name=person, role=None, country=None,
                        grounding=_from_text(lo, hi, LISTED))]  # fmt: skip


def _item_person(item: str) -> str | None:
    """The person one item of a list names: a name of two to five words, each with a capital
    (al-Sisi aside), that is no place and not the complement of another word ("a member of
    the X Corps"). In a script without case, only a name after a title (``people_titled``)."""
    if not any(c.lower() != c.upper() for c in item):  # no case (Arabic): after a title only
        titled = people_titled(item)
        return titled[0].name if titled else None
    name = named_part(item.strip())
    words = name.split() if name else []
    if not 2 <= len(words) <= 5 or is_place(name or "") or any(c.isdigit() for c in name or ""):
        return None
    if any(normalize(w) in stopwords() for w in item[: item.find(name or "")].split()):
        return None  # "a member of the Ansar Corps", "the wife of X": a complement
    if not all(w[:1].isupper() or "-" in w or len(w) <= 3 for w in words):
        return None
    return name


def _only_speaking(name: str, norm: Normalized, claims: Sequence[Claim]) -> bool:
    """Is every place the story (``norm``, normalised with its offsets) writes the surname of
    ``name`` inside a statement that person makes ("X, the aid group's secretary-general,
    told AP that ...")?"""
    key = name_key(name)
    spans = [(g.start, g.end) for c in claims if (g := c.grounding).start is not None
             and g.end is not None and (sp := named_part(c.speaker))
             and same_name(name_key(sp), key)]  # fmt: skip
    surname = normalize(name).split()[-1:]
    if not spans or not surname or len(surname[0]) < 3:
        return False
    at = [norm.origin[m.start()] for m in re.finditer(re.escape(surname[0]), norm.text)]
    return bool(at) and all(any(s <= i < e for s, e in spans) for i in at)


def _source_written(q: Quantity, index: ArticleIndex, body: str) -> Quantity:
    """``q`` with the source the model credits it to as the story (``body``, normalised)
    writes it (a mis-copied name snapped to the text's words near its evidence), or with
    none when the article does not write it or only its page's header does (the outlet)."""
    if not q.source or normalize(q.source) in body:
        return q
    g = q.grounding
    if index.contains(q.source):
        note = f"source: {q.source!r} -> None (only the page's header writes it)"
        grounding = g.model_copy(update={"repaired": [*g.repaired, note]})
        return q.model_copy(update={"source": None, "grounding": grounding})
    fixed = index.snap(q.source, g.start, g.end) if g.start is not None else None
    fixed = fixed or index.snap(q.source)
    note = f"source: {q.source!r} -> {fixed!r}" + ("" if fixed else " (not in the text)")
    grounding = g.model_copy(update={"repaired": [*g.repaired, note]})
    return q.model_copy(update={"source": fixed, "grounding": grounding})


def credit(quantities: list[Quantity], claims: list[Claim]) -> list[Quantity]:
    """A quantity the article credits to no one by "according to" gets the speaker of the
    statement whose clause writes it ("the UN office said that 11,300 died")."""
    out = []
    for q in quantities:
        g = q.grounding
        at = q.evidence.find(q.value) if g.start is not None else -1
        if q.source or at < 0 or not g.grounded:
            out.append(q)
            continue
        pos = (g.start or 0) + at
        speakers = [c.speaker for c in claims
                    if c.grounding.start is not None and c.grounding.end is not None
                    and c.grounding.start <= pos < c.grounding.end]  # fmt: skip
        out.append(q.model_copy(update={"source": speakers[0]}) if speakers else q)
    return out


NUMBER = "found in the text: a number and its words"
WINDOW = 4  # words on each side of a number that say what it counts
EVIDENCE_CHARS = 240


def story_year(page_iso: str | None) -> int | None:
    """The year of the article's news: its page date's, when the page gives one."""
    return int(page_iso[:4]) if page_iso and re.match(r"\d{4}", page_iso) else None


def measured(q: Quantity, text: str, news: set[int]) -> Quantity:
    """``q`` (the model's) with what the code reads where the text writes its value: the
    measure and interval (with the unit and bound written around it: "почти 300" is about
    300), the source its sentence credits when the model gave none, and whether the
    sentence is background (``news``: the years of the news, ``news_years``)."""
    g = q.grounding
    if not (g.grounded and g.start is not None and g.end is not None):
        return q.model_copy(update=_amount_fields(amount_of(q.value, q.evidence)))
    if _inside(g.start, head := _headline(text)) and (body := _in_body(q.value, text, head)):
        note = f"evidence: {q.evidence!r} -> the body's sentence that repeats it"
        g = g.model_copy(update={"start": body[0], "end": body[1], "repaired": [*g.repaired, note]})
        q = q.model_copy(update={"evidence": text[body[0] : body[1]], "grounding": g})
    start, end = sentence_bounds(text, g.start, g.end)
    sentence = text[start:end]
    alone = amount_of(q.value, q.evidence)
    amount = alone
    if alone is not None:
        same = [m.amount for m in find_numbers(sentence)
                if math.isclose(m.amount.value, alone.value)]  # fmt: skip
        amount = same[0] if same else alone
    # the quote is shown with its sentence around it (what the number counts is often
    # written a few words away: "has killed 820 people")
    lo, hi = _window(text, start, end, g.start, g.end)
    widened = text[lo:hi].strip()
    lo += text[lo:hi].find(widened)
    grounding = g
    if widened != q.evidence and q.evidence in widened:
        note = f"evidence: {q.evidence!r} -> its sentence"
        grounding = g.model_copy(update={"start": lo, "end": lo + len(widened),
                                         "repaired": [*g.repaired, note]})  # fmt: skip
    else:
        widened = q.evidence
    return q.model_copy(update={
        **_amount_fields(amount),
        "evidence": widened,
        "grounding": grounding,
        "background": _background(sentence, news),
        "source": q.source or credited_source(sentence),
    })  # fmt: skip


def _amount_fields(amount: Amount | None) -> dict[str, object]:
    if amount is None or amount.interval is None:
        return {}
    i = amount.interval
    bounds = Bounds(low=i.low, high=i.high, low_open=i.low_open, high_open=i.high_open)
    return {"measure": amount.measure, "interval": bounds}


def news_years(text: str, year: int | None) -> set[int]:
    """The years of the article's news: ``year`` (its page date's), else the years the
    story's opening writes."""
    return {year} if year is not None else years_in(opening_of(text[:STORY_CHARS], raw=True))


def _background(sentence: str, news: set[int]) -> bool:
    """Is ``sentence`` about another time: it writes years, none of them the ``news``'s?"""
    years = years_in(sentence)
    return bool(years) and not years & news  # a sentence that writes the news's year too is not


def _lone_one(written: str, amount: Amount, before: str, after: str) -> bool:
    """Is this the word "one" with nothing it counts next to it ("one of the largest", "at
    one point", "this one", "один из")? A count of one is written with what it counts."""
    if amount.value != 1 or amount.months or any(c.isdigit() for c in written):
        return False  # "within a month" is a duration
    near = [*before.split()[-1:], *after.split()[:1]]
    return not any(counted(w) for w in near)


def text_quantities(text: str, have: list[Quantity], news: set[int]) -> list[Quantity]:
    """Every number ``text`` writes (``quantities.find_numbers``; dates are not numbers)
    that no grounded quantity of ``have`` already gives from the same sentence, as a quantity
    quoting its sentence (exact by construction): what it counts is the words around it."""
    skip = [(d.start, d.end) for d in find_dates(text)]
    skip += [m.span() for m in LINKS.finditer(text)]
    skip += [m.span() for m in re.finditer(r"[^\n]+", text) if boilerplate(m.group())]
    taken = []
    for q in have:
        g = q.grounding
        if g.grounded and g.start is not None and g.end is not None and q.interval is not None:
            taken.append((sentence_bounds(text, g.start, g.end), q))
    out: list[Quantity] = []
    seen = {_said(q.measure, q.interval, _next_word(q.evidence, q.value)) for _, q in taken}
    head = _headline(text)
    numbers = sorted(find_numbers(text, skip=skip), key=lambda m: _inside(m.start, head))
    for m in numbers:  # a number the headline repeats is quoted from the body, which says more
        start, end = sentence_bounds(text, m.start, m.end)
        written = text[m.start : m.end]
        fields = _amount_fields(m.amount)
        said = _said(m.amount.measure, fields.get("interval"), _next_word(text[m.end : end]))
        if said in seen or any(span == (start, end) and q.measure == m.amount.measure
                               and q.interval == fields.get("interval")
                               for span, q in taken):  # fmt: skip
            continue  # the same number said again (the headline and the body)
        if _inside(m.start, head) and said[:2] in {s[:2] for s in seen}:
            continue  # the headline's number is the body's: "Floods kill 40" and "killing 40"
        seen.add(said)
        ev_start, ev_end = _window(text, start, end, m.start, m.end)
        if ev_end - ev_start < 10 or len(written) > 80:
            continue  # too short to quote, or not one value
        if _lone_one(written, m.amount, text[start : m.start], text[m.end : end]):
            continue
        before = text[start : m.start].split()[-WINDOW:]
        after = text[m.end : end].split()[:WINDOW]
        what = " ".join([*before, "…", *after]).strip()[:80] or "…"
        sentence = text[start:end]
        out.append(Quantity(
            evidence=text[ev_start:ev_end], what=what, value=written,
            source=credited_source(sentence), grounding=_from_text(ev_start, ev_end, NUMBER),
            background=_background(sentence, news), origin="text",
            **_amount_fields(m.amount),
        ))  # fmt: skip
    return sorted(out, key=lambda q: q.grounding.start or 0)


def _headline(text: str) -> tuple[int, int] | None:
    """Where ``text`` writes its headline: its first line of text when that is short and no
    sentence (no sentence mark ends it)."""
    first = next(iter(body_lines(text)), "")
    at = text.find(first) if first else -1
    if at < 0 or not is_headline(first):
        return None
    return at, at + len(first)


def _in_body(value: str, text: str, head: tuple[int, int] | None) -> tuple[int, int] | None:
    """Where the story after its headline (``head``) first writes ``value`` as written."""
    if head is None:
        return None
    at = text.find(value, head[1], STORY_CHARS)
    if at < 0 or (text[at - 1 : at] + text[at + len(value) : at + len(value) + 1]).isalnum():
        return None  # inside a longer number or word
    return at, at + len(value)


def _inside(i: int, span: tuple[int, int] | None) -> bool:
    return span is not None and span[0] <= i < span[1]


def _said(measure: str | None, interval: Bounds | None, word: str) -> tuple[object, ...]:
    """What makes two mentions one number said twice ("16 months" in the headline, "about
    16 months" in the body): the measure and the number, and for a count the word after it
    too ("7 planes", "7 prisoners")."""
    point = None if interval is None else round(interval.point, 6)
    return (measure, point, word if measure == "count" else "")


def _next_word(text: str, value: str | None = None) -> str:
    """The stem of the first word after ``value`` in ``text`` (after its start without it):
    what a number counts, to tell "7 planes" from "7 prisoners"."""
    if value is not None:
        at = text.find(value)
        text = text[at + len(value) :] if at >= 0 else ""
    words = normalize(text).split()
    return stem(words[0]) if words else ""


def _window(text: str, start: int, end: int, m_start: int, m_end: int) -> tuple[int, int]:
    """The sentence [start, end), cut to about ``EVIDENCE_CHARS`` around the number at word
    boundaries."""
    if end - start <= EVIDENCE_CHARS:
        return start, end
    half = max(0, (EVIDENCE_CHARS - (m_end - m_start)) // 2)
    lo, hi = max(start, m_start - half), min(end, m_end + half)
    if lo > start:
        space = text.find(" ", lo, m_start)
        lo = space + 1 if space != -1 else m_start
    if hi < end:
        space = text.rfind(" ", m_end, hi)
        hi = space if space != -1 else m_end
    return lo, hi


MISSED = "added from the text: the model missed it"
STATEMENT = "found in the text: a reporting verb and its speaker"


def _from_text(start: int, end: int, note: str = MISSED) -> Grounding:
    """The grounding of an item the code took from the text itself: exact by construction."""
    return Grounding(
        alignment=Alignment.EXACT, start=start, end=end, score=1.0, values_found=True,
        repaired=[note],
    )  # fmt: skip


def text_statements(text: str, participants: list[str]) -> list[Claim]:
    """The statements about the event the text reports (``statements.find_statements``), as
    claims quoting their own clause: exact by construction. At most ``MAX_CLAIMS``."""
    return [
        Claim(evidence=text[s.start : s.end], speaker=s.speaker, claim=s.what,
              grounding=_from_text(s.start, s.end, STATEMENT))
        for s in find_statements(text, participants)[:MAX_CLAIMS]
    ]  # fmt: skip


def name_roles(text: str, participants: list[Participant]) -> list[Participant]:
    """A participant the model gave only as a role ("the Russian defence minister") gets the
    name the text writes right after that role ("the Russian defence minister Sergei Shoigu"),
    with the role kept and the phrase as its evidence. A dual role (Arabic "the two defence
    ministers") is matched in the singular."""
    tokens = [(start, end, normalize(word)) for word, start, end in words(text)]
    out = []
    for p in participants:
        if named_part(p.name) is not None or is_place(p.name):
            out.append(p)
            continue
        role = [_singular(w) for w in normalize(p.name).split() if w not in stopwords()]
        found = _name_after(text, tokens, role) if any(map(is_role, role)) else None
        if found is None:
            out.append(p)
            continue
        name, start, end = found
        out.append(Participant(
            evidence=text[start:end], name=name, role=p.role or p.name, country=p.country,
            grounding=Grounding(
                alignment=Alignment.EXACT, start=start, end=end, score=1.0, values_found=True,
                repaired=[f"name: the text names the role {p.name!r}: {name!r}"],
            ),
        ))  # fmt: skip
    return out


_DUAL = "".join(
    p.dual_endings for p in packs()
)  # the packs' dual endings (Arabic wazira / waziray)
_ARTICLES = tuple(p.article for p in packs() if p.article)
_STOPS = COMMAS + ".:"  # where a role's phrase or a name ends


def _singular(word: str) -> str:
    """The singular of a dual role word (Arabic wazira -> wazir)."""
    return word[:-1] if word[-1:] in _DUAL and is_role(word[:-1]) else word


def _forms(word: str) -> set[str]:
    """A normalised word with and without its attached clitics (``text.stem``, ``text.bare``)."""
    return {word, stem(word), bare(word)}


def _name_after(
    text: str, tokens: list[tuple[int, int, str]], role: list[str]
) -> tuple[str, int, int] | None:
    """The first place ``role`` is written followed by one to three name words."""
    n = len(role)
    wanted = [_forms(w) for w in role]
    for i in range(len(tokens) - n):
        window = tokens[i : i + n]
        if not all(_forms(_singular(t[2])) & w for t, w in zip(window, wanted, strict=True)):
            continue
        if text[window[-1][1] - 1] in _STOPS:
            continue  # "the US and Russian defence ministers, talks": the role's phrase ended
        name: list[tuple[int, int]] = []
        for start, end, word in tokens[i + n : i + n + 3]:
            first = text[start]
            if (
                len(word) < 2 or is_role(word) or word in stopwords()
                or (word.startswith(_ARTICLES) and not name)  # the role's own complement
                or (first.isalpha() and first.lower() == first and first.upper() != first)
            ):  # fmt: skip
                break  # not a name: a role word, a particle, a lower-case word of a cased script
            name.append((start, end))
            if text[start:end][-1] in _STOPS:
                break
        if name:
            lo = name[0][0]
            written = text[lo : name[-1][1]].rstrip(_STOPS)
            return written, tokens[i][0], lo + len(written)
    return None


def missed_previous(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """When the previous contact was, where the text dates it ("the last call between ...
    goes back to 13 May", "the first call since March 2023") and no quantity of the model's
    gives that date."""
    have = {normalize(q.value) for q in quantities if q.grounding.grounded}
    added = []
    for p in find_previous_contact(text):
        if normalize(p.date) in have:
            continue
        have.add(normalize(p.date))
        added.append(Quantity(evidence=text[p.start : p.end], what=p.marker, value=p.date,
                              source=None, grounding=_from_text(p.start, p.end)))  # fmt: skip
    return added


def missed_durations(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """ "since N months"-style durations in the text that the model's quantities lack, as
    quantities quoting their own clause (so they are exact by construction)."""
    amounts = [parse_amount(q.value, q.unit) for q in quantities if q.grounding.grounded]
    have = {a.value for a in amounts if a and a.months}
    added = []
    for d in find_durations(text):
        if d.amount.value in have:
            continue
        have.add(d.amount.value)
        start, end = clause_around(text, d.start, d.end)
        added.append(
            Quantity(
                evidence=text[start:end],
                what=d.phrase[: len(d.phrase) - len(d.value)].strip(),
                value=d.value,
                source=None,
                origin="text",
                **_amount_fields(d.amount),
                grounding=_from_text(start, end),
            )
        )
    return added


def drop_copied(items: list[Item], example: ArticleIndex, notes: list[str]) -> list[Item]:
    """Drop items whose quote is not in the article but is in the prompt's worked example:
    a small model sometimes copies the example instead of reading the article."""
    kept = []
    for item in items:
        copied = (
            item.grounding.alignment == Alignment.NOT_FOUND
            and example.align(item.evidence)[0] != Alignment.NOT_FOUND
        )
        if copied:
            notes.append(f"dropped {type(item).__name__.lower()} copied from the worked example: "
                         f"{item.evidence!r}")  # fmt: skip
        else:
            kept.append(item)
    return kept


@lru_cache(maxsize=32)
def example_index(language: str) -> ArticleIndex:
    """The worked example of the prompt for ``language``, prepared once (for ``drop_copied``)."""
    return ArticleIndex(load_example(language)[0])


def ground_summary(
    summary: ArticleSummary,
    text: str,
    language: str | None,
    extraction: Extraction,
    *,
    lead_chars: int = STORY_CHARS,
) -> ArticleSummary:
    """The ground stage on the model's answer for one article: ``summary`` with its event,
    participants, quantities and claims grounded in ``text`` (``ground_extraction``), items
    copied from the worked example dropped (``drop_copied``) and the notes of what was done:
    a first note when the language has no pack of its own (``lang.support_note``), then the
    extract stage's (``summary.notes``: what reading the answer dropped or repaired), then
    this stage's. ``summary`` is the extract stage's, as stored: grounding it again gives the
    same notes."""
    year = story_year(summary.source.page_date_iso)
    event, participants, quantities, claims = ground_extraction(
        text, extraction, lead_chars=lead_chars, year=year
    )
    example = example_index(language or EXAMPLE_FALLBACK)
    notes = [note] if (note := support_note(language)) else []
    notes += [n for n in summary.notes if n not in notes]
    if event is not None:
        time = _time_of(event.when, summary.source, event.when_from)
        event = event.model_copy(update={"time": time})
    return summary.model_copy(
        update={
            "event": event,
            "participants": taking_part(
                drop_copied(participants, example, notes),
                main_story(text, lead_chars),
                notes,
                claims,
            ),
            "quantities": drop_copied(quantities, example, notes),
            "claims": drop_copied(claims, example, notes),
            "notes": notes,
        }
    )


def _time_of(when: str | None, source: Source, read_from: str | None) -> EventTime | None:
    """The event's ``when`` resolved against the article's own date, for the reader."""
    resolved = event_time(when, source, read_from)
    if resolved is None:
        return None
    interval = resolved.interval
    anchor = anchor_of(source)
    if resolved.anchor == "news year":
        against = f"news year {resolved.iso[:4] if resolved.iso else ''}".strip()
    elif resolved.anchor and anchor is not None:
        against = f"{resolved.anchor} {anchor.day.isoformat()}"
    else:
        against = None
    return EventTime(
        written=resolved.written, date=resolved.iso,
        earliest=interval[0] if interval else None, latest=interval[1] if interval else None,
        weekday=WEEKDAY_NAMES[resolved.weekday] if resolved.weekday is not None else None,
        basis=resolved.basis, anchor=against, read_from=read_from,
        provenance=resolved.provenance,
    )  # fmt: skip
