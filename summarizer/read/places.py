"""The event's place: the places the event's sentence and the story's opening name, checked
against the model's (``event_place``, the one entry point)."""

from __future__ import annotations

import re

from ..dates import first_when
from ..entities import (
    Place,
    PlaceMention,
    is_city_name,
    is_generic_place,
    is_place_noun,
    is_role_word,
    names_places,
    places_in,
    places_named,
    with_direction,
)
from ..lang import packs
from ..lang.detect import script_of
from ..story import (
    TITLE_CHARS,
    lead_sentence,
)
from ..text import (
    bare,
    normalize,
    stopwords,
)
from .when import after_saying

_REMOTE = re.compile("|".join(f"(?:{r})" for p in packs() for r in p.remote_re), re.IGNORECASE)
_IN_PERSON = re.compile(
    "|".join(f"(?:{r})" for p in packs() for r in p.in_person_re), re.IGNORECASE
)
REMOTE, IN_PERSON = "remote", "in person"


def event_manner(*texts: str) -> str | None:
    """How the event was held, as the first of ``texts`` that says it writes it (the event's
    sentence, then the lead sentence): "in person" ("a face-to-face meeting", "وجها لوجه"),
    "remote" (by phone, by video link; not a report "told AP by phone"), or None."""
    for text in texts:
        if _IN_PERSON.search(text):
            return IN_PERSON
        if any(not after_saying(text, m.start()) for m in _REMOTE.finditer(text)):
            return REMOTE
    return None


def event_place(where: str | None, sentence: str, opening: str, text: str) -> str | None:
    """The event's place, checked against the places the event's sentence and then the
    story's opening name (``entities.places_named``; a dateline's city, where the reporter
    writes from, comes last):
    - an event its sentence (else the opening's lead sentence) says happened at a distance
      (by phone, by video link: the packs' ``remote_re``) has none: the country a call is
      about is not its place;
    - the model's place stands when it names one of them, or when they write it and it is a
      known place or a name they write as a place (``_placed``: "at the Pentagon", not "NATO
      members"); otherwise the place they name that it means (as they write it) or the first
      they write as where something is (``_written_as_place``: "in Ankara", "the city of
      Derna") replaces it, and without any, a place the article writes that is more than a
      kind of place ("the country", "the Libyan coast") stands, else there is none;
    - two places joined by "and" ("Москва и Западные страны") are the sides, not a place;
    - a place named as a side of the event ("an exchange between Russia and the United
      States", ``_parties``) gives way to a place named otherwise ("... in Ankara, Turkey");
    - a known place the texts write with a direction is that region ("eastern Libya");
    - a country is made precise with a city of that country that the event's sentence or the
      title names, or that the opening writes after a locative: "Baghdad, Iraq", "... in
      Ankara"."""
    if event_manner(sentence, lead_sentence(opening)) == REMOTE:
        return None  # a call by phone happens nowhere (not "told AP by phone" of a report)
    if where and _joined(where):
        where = None  # the sides of the event, not where it happened
    found = []
    placed = set()  # the mentions written where something is ("in Ankara")
    for t in (sentence, opening):
        named_here = places_named(t)
        parties = _parties(t, named_here)
        found += [(_dateline(t, m), m, m in parties) for m in named_here]
        placed.update(id(m) for m in named_here if _written_as_place(t, m))
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
    # a name the model gives that is no known place must be written as a place: "NATO
    # members", "the Pentagon" it only names are no place of the event
    capitalised = bool(where) and where[:1].isupper() and _placed(where or "", sentence, opening)
    if not named and not (near and (capitalised or places_in(where or ""))):
        meant = {m.place for m in places_in(where or "")}  # mis-written: "التركيا"
        located = [m for m in located if m.place in meant] or [
            m for m in located if id(m) in placed
        ]
        if located:
            named, where = located[:1], located[0].written
        elif not norm or norm not in normalize(text) or is_generic_place(norm):
            return None
    if where and not places_in(where) and _body(where):
        return None  # a body ("the Constitutional Court", "المحكمة الدستورية") is no place
    where = _where_in(where)
    if (region := _region(where or "", (sentence, opening, text))) is not None:
        return region
    countries = {m.place.territory for m in named if m.place.territory and not m.place.city}
    title = opening.split("\n", 1)[0]
    title = title if len(title) <= TITLE_CHARS else ""  # a heading, not the first paragraph
    cities = [m for t in (sentence, title) for m in places_in(t)
              if m.place.city and m.place.territory in countries]  # fmt: skip
    cities += [m for m in places_in(opening) if m.place.city and m.place.territory in countries
               and _after_locative(opening, m)]  # fmt: skip
    if cities and normalize(cities[0].written) not in normalize(where or ""):
        comma = "، " if script_of(cities[0].written) == "Arab" else ", "
        return f"{cities[0].written}{comma}{where}"
    return where


_LOCATIVES = frozenset(normalize(w) for p in packs() for w in p.locatives)
_LOCATIVE_CLITICS = tuple(normalize(c) for p in packs() for c in p.locative_clitics)
_WORDS = re.compile(r"[^\W\d_]+")


def _after_locative(text: str, m: PlaceMention) -> bool:
    """Is ``m`` written as where something is: right after a locative (the packs'
    ``locatives``: "in Ankara", "в Анкаре"; up to two words between: "in the Turkish capital,
    Ankara"), or with one attached ("بأنقرة")?"""
    rest = m.written.lstrip()[1:]
    if normalize(m.written).startswith(_LOCATIVE_CLITICS) and any(
        n.place == m.place for n in places_in(rest)
    ):
        return True
    before = [normalize(w) for w in _WORDS.findall(text[max(0, m.start - 60) : m.start])][-3:]
    return any(w in _LOCATIVES or bare(w) in _LOCATIVES for w in before)  # "وفي"


def _where_in(where: str | None) -> str | None:
    """The place of a value that names something else first, then where it is ("beachgoers
    in Sevastopol", "الشوارع في ليبيا": what follows its first locative), when what comes
    before names no place and what follows does."""
    words = (where or "").split()
    for i in range(1, len(words) - 1):
        if normalize(words[i]) not in _LOCATIVES:
            continue
        before, after = " ".join(words[:i]), " ".join(words[i + 1 :])
        if places_in(before) or is_city_name(before):
            return where
        if places_in(after) or is_city_name(after.split(",")[0]) or is_city_name(words[i + 1]):
            return after
        return where
    return where


def _written_as_place(text: str, m: PlaceMention) -> bool:
    """Is ``m`` written as where something is: after a locative (``_after_locative``) or
    after a kind of place ("the coastal city of Nablo", "مدينة درنة", "в городе Дерна")?"""
    if _after_locative(text, m):
        return True
    before = [normalize(w) for w in _WORDS.findall(text[max(0, m.start - 40) : m.start])][-2:]
    return any(is_place_noun(w) for w in before)


_AND = frozenset(normalize(w) for p in packs() for w in p.and_words)


def _and_attached(word: str) -> bool:
    """Does ``word`` (normalised) begin with an "and" of one letter that ``text.bare`` takes
    off as an attached particle (Arabic "والدول": and the countries)?"""
    return bare(word) != word and any(len(a) == 1 and word.startswith(a) for a in _AND)


def _joined(where: str) -> bool:
    """Does ``where`` join two or more places with "and" (the packs' ``and_words``, also
    attached: Arabic "والدول"), and is not one known place written with it ("Bosnia and
    Herzegovina")?"""
    words = normalize(where).split()
    cut = [i for i, w in enumerate(words) if i and (w in _AND or _and_attached(w))]
    if not cut:
        return False
    known = places_in(where)
    if len(known) == 1 and normalize(known[0].written) == normalize(where):
        return False
    raw = where.split()
    if len(raw) != len(words):
        return False
    for i in cut:  # the "and" itself is no part of either place
        raw[i] = "" if normalize(raw[i]) in _AND else raw[i][1:]
    parts = [" ".join(raw[a:b]).strip() for a, b in zip([0, *cut], [*cut, len(raw)], strict=True)]
    return sum(bool(places_in(p)) or any(map(names_places, p.split())) for p in parts) >= 2


def _placed(name: str, *texts: str) -> bool:
    """Do ``texts`` write ``name`` as where something is, somewhere (``_written_as_place``)?"""
    for t in texts:
        for m in re.finditer(re.escape(name), t):
            if _written_as_place(t, PlaceMention(m.start(), m.end(), name, Place(None, False))):
                return True
    return False


def _body(where: str) -> bool:
    """Does ``where`` name a body (its first word a role word: a court, a ministry)?"""
    words = [w for w in normalize(where).split() if w not in stopwords()]
    return bool(words) and is_role_word(words[0])


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
