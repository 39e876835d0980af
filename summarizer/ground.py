"""Grounding: align each evidence quote to a character span of the original article.

Both texts are normalised (``summarizer.text``). A quote found as a substring is ``exact``.
Otherwise the article window whose words best match the quote's words, in order, is ``fuzzy``
when at least ``FUZZY_THRESHOLD`` of the quote's words are matched; else ``not_found``.
Key values (a name, a number, a date) must also occur in the article: a quote that aligns but
whose value is nowhere in the text is not grounded.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from typing import TypeVar

from pydantic import BaseModel

from .dates import STORY, find_dates, resolve_when
from .entities import (
    announces,
    caseless_name,
    function_before,
    is_city,
    is_direction,
    is_place,
    is_role,
    is_role_word,
    name_key,
    named_part,
    names_party,
    places_named,
    same_name,
    territory_of,
    written_as_name,
)
from .lang import support_note
from .models import (
    Alignment,
    ArticleSummary,
    Claim,
    Event,
    Extraction,
    Grounding,
    Participant,
    Quantity,
)
from .prompts import EXAMPLE_FALLBACK, load_example
from .quantities import (
    find_numbers,
    parse_amount,
)
from .read.initiative import initiator_of
from .read.numbers import news_years, numbers_of, story_year
from .read.people import participants_of
from .read.places import event_manner, event_place
from .read.statements import statements_of
from .read.when import event_time_model, event_when, with_weekday
from .statements import names_talks
from .story import (
    STORY_CHARS,
    body_lines,
    dateline_credit,
    event_sentence,
    instructions,
    lead_sentence,
    main_story,
    opening_of,
    without_dateline,
    without_instructions,
)
from .text import (
    AGENCIES,
    Normalized,
    blank_links,
    normalize,
    normalize_with_map,
    stem,
    stopwords,
    words,
)

FUZZY_THRESHOLD = 0.75
SNAP_THRESHOLD = 0.8
NEAR = 300  # characters around a quote where its key values must be written
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
        # a page's address is no text: links are blanked (same offsets) before quotes are
        # aligned and values looked for ("…/us-defense-secretary-austin-speaks-with-…", a
        # number in "...-18191020")
        self._values = blank_links(text)
        self.norm: Normalized = normalize_with_map(self._values)
        self.words = [_Word(*w) for w in words(self.norm.text)]
        self._tokens = [stem(w.text) for w in self.words]
        self._values_norm = self.norm.text

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
    - ``where`` is checked against the places the text names (``read.places.event_place``),
      and how it was held (in person, by phone) is read (``read.places.event_manner``);
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
        # the story dates the event further on (not its header: a page's date line, a dateline)
        lines = body_lines(main_story(lead, len(lead)))
        body = normalize("\n".join(without_dateline(line) for line in lines))
        if normalize(event.when or "") in body:
            when, when_from = event.when, STORY
    if when != event.when:
        why = (
            "is not a date"
            if resolved is None or resolved.basis == "unresolved"
            else ("dates another time or is not written with the event")
        )
        notes.append(f"when: {event.when!r} {why} -> {when!r}")
    if when and (dated := with_weekday(when, where, opening)) != when:
        notes.append(f"when: {when!r} -> {dated!r} (the weekday written with it)")
        when = dated
    manner = event_manner(where, lead_sentence(opening))
    place = event_place(event.where, where, opening, text)
    if place != event.where:
        notes.append(f"where: {event.where!r} -> {place!r}")
    initiator, initiator_evidence = initiator_of(lead)
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
            "manner": manner,
            "where": place,
            "initiator": initiator,
            "initiator_evidence": initiator_evidence,
            "grounding": grounding,
        }
    )


def ground_extraction(
    text: str, extraction: Extraction, lead_chars: int = STORY_CHARS, year: int | None = None
) -> tuple[Event | None, list[Participant], list[Quantity], list[Claim]]:
    """Attach a ``Grounding`` to every item of ``extraction`` against the article ``text``,
    then read what the text says that the model is not asked for or missed, in one pass
    forward (``summarizer.read``): the event's time, place and initiator (``check_event``),
    who took part (``read.people``), the statements attributed to named sources
    (``read.statements``) and the numbers (``read.numbers``).

    Items repeating another's key value are dropped. The key values checked (and repaired
    when mis-copied) per item: the event's date; a participant's name; a quantity's value
    and the source it is credited to. Free text (what happened) is checked through its
    evidence quote only. The readers read the first ``lead_chars`` characters, before the
    page's next story."""
    index = ArticleIndex(text)
    lead = text[:lead_chars]
    story = main_story(text, lead_chars)
    body = normalize(" ".join(body_lines(story)))

    def grounded(item: BaseModel, cls: type[G], keys: tuple[str, ...]) -> G:
        data = item.model_dump()
        grounding, repaired = index.ground(data["evidence"], {k: data[k] for k in keys})
        return cls(**{**data, **repaired}, grounding=grounding)

    event = None
    if extraction.event is not None:
        event = check_event(grounded(extraction.event, Event, ("when",)), text, lead)
    named = [grounded(p, Participant, ("name",)) for p in _dedupe(extraction.participants, "name")]
    counted = [
        _source_written(grounded(q, Quantity, ("value",)), index, body)
        for q in _dedupe(extraction.quantities, "value")
        if parse_amount(q.value) is not None or find_dates(q.value)
    ]  # a "quantity" with no number, duration or date in it ("the United States") is dropped
    participants = participants_of(text, story, event, named)
    claims = statements_of(story, [p.name for p in participants])
    quantities = numbers_of(text, story, lead, counted, claims, news_years(text, year))
    return event, participants, quantities, claims


def taking_part(
    participants: list[Participant],
    story: str,
    notes: list[str],
    claims: Sequence[Claim] = (),
    where: str | None = None,
) -> list[Participant]:
    """The participants that are people, bodies or countries of the ``story``, checked against
    their type (precision first: a missing participant costs less than a wrong one):
    - a name the story writes as a name (``entities.written_as_name``: "Speaks" of a
      headline, "يجريان اتصالا هاتفيا" or "the Arab countries" are none); a description that
      opens with lower-case words or a function ("said Averyanov", "مراسل وول ستريت جورنال
      إيفان غيرشكوفيتش") gives the name it ends with;
    - not a place other than a country ("Moscow", "the province of X"), nor the country of
      the event's place ``where`` (an earthquake's country, a summit's host): where it
      happened, not who took part;
    - not a name only a page's header writes (the outlet's);
    - not an official who announces or comments (a spokesman, by the function the story
      writes before the name), nor a person the story names only as the
      speaker of its statements (an official who reports the flood's toll:
      ``_only_speaking``).
    - not a function ("the health minister", "heads of state", "the Russian Defence
      Ministry": ``_no_name``), while a body, a team or a country by its name stays.
    What is dropped is noted in ``notes``; a name the story does not write at all stays, shown
    as not grounded."""
    norm = normalize_with_map(story)
    lines = body_lines(story)
    credits = {normalize(c) for line in lines if (c := dateline_credit(line))}
    body, whole = normalize(" ".join(lines)), norm.text
    places = {normalize(m.written) for m in places_named(story)}
    home = territory_of(where) if where else None
    out = []
    for p in participants:
        if home and is_place(p.name) and territory_of(p.name) == home:
            notes.append(f"dropped participant {p.name!r}: the country where it happened")
            continue
        if is_city(p.name):
            notes.append(f"dropped participant {p.name!r}: a place")
            continue
        name = named_part(p.name)
        if name is not None and p.name[:1].islower() and name != p.name:
            name = p.name  # a description that opens with lower-case words: "said Averyanov"
        if name is not None and (shown := _name_in(name, story)) != name:
            notes.append(f"participant {p.name!r}: the name it gives is {shown!r}")
            p, name = p.model_copy(update={"name": shown}), shown
        if name is None:
            if why := _no_name(p.name):
                notes.append(f"dropped participant {p.name!r}: {why}")
            else:
                out.append(p)  # a body, a team or a country by its name stays
            continue
        key = normalize(name)
        function = function_before(name, story) or ""
        if key in credits and body.count(key) == 1:
            notes.append(f"dropped participant {p.name!r}: the dateline's credit (the source)")
        elif key in whole and key not in body:
            notes.append(f"dropped participant {p.name!r}: not in the story (a page header)")
        elif key in places or is_city(name):
            notes.append(f"dropped participant {p.name!r}: a place")
        elif all(w in stopwords() or is_direction(w) for w in key.split()):
            notes.append(f'dropped participant {p.name!r}: a direction ("the West"), not a name')
        elif key in whole and not written_as_name(name, story):
            notes.append(f"dropped participant {p.name!r}: the story does not write it as a name")
        elif announces(function):
            notes.append(f"dropped participant {p.name!r}: they announce or comment "
                         f"({function})")  # fmt: skip
        elif _only_speaking(name, norm, claims):
            notes.append(f"dropped participant {p.name!r}: the story names them only as a "
                         "speaker")  # fmt: skip
        else:
            out.append(p)
    return out


def _no_name(value: str) -> str | None:
    """Why a participant that names no one is no participant either: a count ("27
    children", "564"), a description in a script with case that names no function ("rescue
    teams", "member states": lower-case words), a news agency ("Associated Press"); None for
    a body, a team or a country by its name ("Wagner Group", "OPEC+", ``entities.names_party``).
    A function names no one the reader can tell ("the health minister", "heads of state",
    "مسؤولون"), nor does a body by its function and country ("وزارة الدفاع الروسية", "the
    Ukrainian forces"): as participants, the gold files of the train and validation sets
    count them wrong (counted, dev 28 -> 27, calls 24 -> 21, validation 10 -> 7 of 54)."""
    if any(c.isdigit() for c in value):
        return "a count, not a name"
    if AGENCIES.fullmatch(value.strip()):
        return "a news agency passes news on"
    if names_party(value):
        return None
    words = [w for w in value.split() if normalize(w) not in stopwords()]
    if any(is_role_word(normalize(w)) for w in words):
        return "a function, not a name"
    return "a description, not a name"


def _name_in(name: str, story: str) -> str:
    """The name a participant's description ends with: without the lower-case words it opens
    with in a script with case ("said Averyanov"), or the function phrase it opens with ("مراسل
    وول ستريت جورنال إيفان غيرشكوفيتش" when the story writes "إيفان غيرشكوفيتش" as a name)."""
    parts = caseless_name(name).split()
    cased = any(c.lower() != c.upper() for c in name)
    while cased and len(parts) > 1 and parts[0][:1].islower():
        parts = parts[1:]
    for k in range(1, len(parts) - 1):
        if is_role(normalize(parts[0])) and written_as_name(" ".join(parts[k:]), story):
            return " ".join(parts[k:])
    return " ".join(parts)


def _only_speaking(name: str, norm: Normalized, claims: Sequence[Claim]) -> bool:
    """Is every place the story (``norm``, normalised with its offsets) writes the surname of
    ``name`` inside a statement that person makes ("X, the aid group's secretary-general,
    told AP that ...")? A statement of talks ("X discussed with Y ...") is no mere speech:
    its speaker took part (``statements.names_talks``)."""
    key = name_key(name)
    speech = [c for c in claims if c.grounding.start is not None and c.grounding.end is not None
              and not names_talks(_before_said(c))]  # fmt: skip
    spans = [(c.grounding.start or 0, c.grounding.end or 0) for c in speech
             if (sp := named_part(c.speaker)) and same_name(name_key(sp), key)]  # fmt: skip
    # the words of a statement before what was said name who says it, with a role and the
    # name after it ("أعلن وزير الصحة، عثمان عبد الجليل، أن ...")
    for c in speech:
        said_by = _before_said(c)
        if len(said_by) < len(c.evidence) and normalize(name) in normalize(said_by):
            start = c.grounding.start or 0
            spans.append((start, start + len(said_by)))
    surname = normalize(name).split()[-1:]
    if not spans or not surname or len(surname[0]) < 3:
        return False
    at = [norm.origin[m.start()] for m in re.finditer(re.escape(surname[0]), norm.text)]
    return bool(at) and all(any(s <= i < e for s, e in spans) for i in at)


def _before_said(claim: Claim) -> str:
    """What a statement's quote writes before what was said (its speaker and verb), or all
    of it when what was said is not found in it."""
    at = claim.evidence.find(claim.claim[:20])
    return claim.evidence[:at] if at > 0 else claim.evidence


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


def drop_copied(
    items: list[Item], sources: Sequence[tuple[ArticleIndex, str]], notes: list[str]
) -> list[Item]:
    """Drop items whose quote is not in the article but is in one of ``sources`` (a text and
    what it is): the prompt's worked example (a small model sometimes copies it instead of
    reading the article), or the sentences addressed to a model that were blanked."""
    kept = []
    for item in items:
        copied = next(
            (what for index, what in sources
             if item.grounding.alignment == Alignment.NOT_FOUND
             and index.align(item.evidence)[0] != Alignment.NOT_FOUND),
            None,
        )  # fmt: skip
        if copied:
            notes.append(f"dropped {type(item).__name__.lower()} copied from {copied}: "
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
    this stage's. Sentences addressed to a model (``story.instructions``) are blanked first:
    no quote aligns to them and no reader reads them. ``summary`` is the extract stage's, as
    stored: grounding it again gives the same notes."""
    blanked, ignored = without_instructions(text)  # what is addressed to a model is no content
    copied_from = [(example_index(language or EXAMPLE_FALLBACK), "the worked example")]
    if ignored:
        addressed = "\n".join(text[lo:hi] for lo, hi in instructions(text))
        copied_from.append((ArticleIndex(addressed), "a sentence addressed to a model"))
    text = blanked
    year = story_year(summary.source.page_date_iso)
    event, participants, quantities, claims = ground_extraction(
        text, extraction, lead_chars=lead_chars, year=year
    )
    notes = [note] if (note := support_note(language)) else []
    notes += [n for n in summary.notes if n not in notes]
    notes += ignored
    if event is not None:
        time = event_time_model(event.when, summary.source, event.when_from)
        event = event.model_copy(update={"time": time})
    return summary.model_copy(
        update={
            "event": event,
            "participants": taking_part(
                drop_copied(participants, copied_from, notes),
                main_story(text, lead_chars),
                notes,
                claims,
                event.where if event else None,
            ),
            "quantities": drop_copied(quantities, copied_from, notes),
            "claims": drop_copied(claims, copied_from, notes),
            "notes": notes,
        }
    )
