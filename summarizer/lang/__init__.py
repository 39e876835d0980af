"""Language packs: everything the code knows about one language, behind one small interface.

Each module of this folder (other than this one) defines ``PACK``, a ``LanguagePack``; the
registry finds them all (``packs()``), so adding a language is adding one file. The other
modules build their patterns from the union over all packs, so that text mixing languages
(an Arabic page quoting an English agency) still matches every language at once; the pack
chosen for an article (``pack_for(detect_language(text))``) decides only what differs per
article: the worked example of the prompt and the note on an unsupported language.

Conventions for pack data: word lists (``tuple[str, ...]``, mapping keys) are written as in
text; the modules normalise them (``summarizer.text``) before matching normalised text.
Fields named ``*_re`` are regular-expression fragments and say which text they match: the
normalised text ("norm") or the text as written ("raw", case-insensitive).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from types import MappingProxyType
from typing import TypeVar

GENERIC = "und"


def _frozen(mapping: Mapping[str, object] | None = None) -> Mapping[str, object]:
    return MappingProxyType(dict(mapping or {}))


def words(text: str) -> tuple[str, ...]:
    """A word list written as one string: ``words("but however")`` is ``("but", "however")``."""
    return tuple(text.split())


V = TypeVar("V")


def table(text: str, kind: Callable[[str], V]) -> dict[str, V]:
    """A word table written as one string of ``key=value`` entries: ``table("one=1 two=2",
    int)``. An underscore in a key stands for a space (a name of two words)."""
    entries = (entry.partition("=") for entry in text.split())
    return {key.replace("_", " "): kind(value) for key, _, value in entries}


@dataclass(frozen=True)
class LanguagePack:
    """What the code knows about one language. Every field but ``code``, ``name`` and
    ``script`` has an empty default: the generic pack is ``LanguagePack("und", ...)``."""

    code: str  # ISO 639-1, or "und" for the generic pack
    name: str
    script: str  # ISO 15924 of its usual script: "Arab", "Latn", "Cyrl"; "" for any

    # -- normalisation and particles --
    char_folds: Mapping[str, str] = field(default_factory=_frozen)  # "أ" -> "ا", "ё" -> "е"
    digits: tuple[str, ...] = ()  # the ten digits 0-9 of other digit sets, as one string each
    dropped: str = ""  # characters dropped from normalised text (tatweel)
    conjunctions: tuple[str, ...] = ()  # attached to the next word: و ف
    date_prefixes: tuple[str, ...] = ()  # attached particles a date may carry: و ب ل وب ...
    article: str = ""  # an attached definite article: ال
    clitics_re: str = ""  # norm: attached particles at a word's start that ``stem`` strips
    suffixes: tuple[str, ...] = ()  # plural and pronoun endings a light stem drops
    # endings an inflected name adds to its nominative with a consonant of its own (Russian
    # instrumental: Белоусовым, Остином): its oblique form still names the same person
    name_case_endings: tuple[str, ...] = ()
    # the prefixes of a present-tense verb and the dual and plural endings it may take
    # (Arabic "يناقش", "يجريان"), and the prefix of its past form ("أجرى"): a word that is
    # the present of a verb the text also writes ("ناقش", "أجرى") is no name
    present_prefixes: tuple[str, ...] = ()
    present_suffixes: tuple[str, ...] = ()
    past_prefixes: tuple[str, ...] = ()
    dual_endings: str = ""  # letters that make a noun dual: وزيرا / وزيري
    name_links: tuple[str, ...] = ()  # words of a name whose next word carries the article: عبد
    sentence_marks: str = ".!?"  # end a sentence (a line break always does)
    clause_marks: str = ":"  # end a clause as well
    commas: str = ",;"  # separate the parts of a clause

    # -- numbers and durations --
    number_words: Mapping[str, int] = field(default_factory=_frozen)
    multipliers: Mapping[str, float] = field(default_factory=_frozen)
    # a letter written onto a number that multiplies it only after a currency sign or before
    # a unit ("£1.5m", "1.16m bpd"; "the 100m sprint" is no million)
    glued_multipliers: Mapping[str, float] = field(default_factory=_frozen)
    and_a_half: tuple[str, ...] = ()  # after a number it adds a half: "two and a half years"
    approx: tuple[str, ...] = ()  # "about": it may stand before a duration ("about 15 months")
    # norm: (one word of a duration unit, months per unit, the word is a dual: "two months")
    units_re: tuple[tuple[str, float, bool], ...] = ()
    single_units: tuple[str, ...] = ()  # a unit word alone means one: شهر = a month
    indefinites: tuple[str, ...] = ()  # before a unit they mean one: "a month", "an hour"
    # the singular of a multiplier, which alone means one of it: "مليون شخص", "тысяча человек"
    # (a plural alone, "آلاف", "тысячи", is "thousands of": no number)
    single_multipliers: tuple[str, ...] = ()
    # "and a half" after a multiplier ("مليون ونصف": 1.5 million; with an attached "and"), and
    # the number words for one and a half ("полтора миллиона")
    halves: tuple[str, ...] = ()
    one_and_a_half: tuple[str, ...] = ()
    # A word before a number that bounds it: "at least" min, "more than" above, "less than"
    # below, "up to" max, "about" about. ``bounds_after``: the same written after the number.
    bounds: Mapping[str, str] = field(default_factory=_frozen)
    bounds_after: Mapping[str, str] = field(default_factory=_frozen)
    # a number after these is a projection, not a count: "could reach 20,000", "قد تصل إلى"
    # prepositions that make the number after them the size of a change ("rose by 5%",
    # "сократить на 2 млн"), not a level ("to 40 million")
    change_words: tuple[str, ...] = ()
    # raw patterns that make a number a person's age, written right before it ("aged",
    # "البالغ من العمر", "в возрасте") or right after it ("-year-old", "-летний"): an age says who
    # someone is, it is no figure of the event to compare across sources
    age_before_re: tuple[str, ...] = ()
    age_after_re: tuple[str, ...] = ()
    modals: tuple[str, ...] = ()
    percent: tuple[str, ...] = ()  # after a number: "percent", "في المئة"
    currencies: Mapping[str, str] = field(default_factory=_frozen)  # "euros" -> "EUR"
    # units of measurement written after a number, as a code of ``quantities.UNITS``:
    # "kilometres" -> "km", "أطنان" -> "t", "баррелей" -> "bbl"
    measure_units: Mapping[str, str] = field(default_factory=_frozen)
    per_day: tuple[str, ...] = ()  # after a unit, a rate: "barrels a day", "برميل يوميا"
    persons: tuple[str, ...] = ()  # "people", "человек": after a number, no year ("1832 people")
    count_nouns: tuple[str, ...] = ()  # a noun whose dual carries the count two: قتيل
    # What a number counts, by the start of a word near it: "kill" -> dead, "injur" -> injured.
    # Two numbers whose nearest such words differ count different things.
    counted: Mapping[str, str] = field(default_factory=_frozen)
    since: tuple[str, ...] = ()  # introduces "since N months"; also "the first call since ..."

    # -- dates --
    months: Mapping[str, int] = field(default_factory=_frozen)
    weekdays: tuple[tuple[str, ...], ...] = ()  # Monday first, each day's spellings
    relative_days: Mapping[str, int] = field(default_factory=_frozen)  # "yesterday": -1
    # next to a weekday: a past one ("last Friday", "الجمعة الماضية": before the article's day,
    # never on it) or one to come ("next Sunday", "الأحد المقبل": after it)
    past_days: tuple[str, ...] = ()
    next_days: tuple[str, ...] = ()
    last_year: tuple[str, ...] = ()  # phrases that put a date in the previous year
    year_words: tuple[str, ...] = ()  # a word written before a year: عام 2023
    day_suffixes: tuple[str, ...] = ()  # written after a day's number: 1er
    # the words between the two days of a range of days: "5 to 7 March", "с 5 по 7 марта",
    # "du 5 au 7 mars", "من 5 إلى 7 مارس" (a dash always is one)
    day_range_links: tuple[str, ...] = ()
    # the day of a month as an ordinal word ("الخامس من مارس": the fifth of March), and the
    # word between a day and its month ("من", "of": "the 5th of March")
    ordinal_days: Mapping[str, int] = field(default_factory=_frozen)
    day_of: tuple[str, ...] = ()
    month_words: tuple[str, ...] = ()  # "month" written before a month's name: "شهر مارس"
    # prepositions that, right before a date or a weekday, put it at another time than the
    # event's: "since 18 February", "after Tuesday's vote", "منذ 7 أكتوبر", "после 24 февраля"
    other_time: tuple[str, ...] = ()

    # -- statements --
    verb_first: bool = False  # the reporting verb comes before its speaker
    quote_first: bool = False  # the quote may come first: « ... », a déclaré X
    verbs_re: tuple[str, ...] = ()  # raw: reporting and discussion verbs
    verb_endings_re: str = ""  # raw: endings a verb may take (feminine, dual)
    # raw: the verbs of saying among them (said, announced, reported): a time written right
    # after one dates the report ("the Red Crescent said today"), not the event reported
    report_verbs_re: tuple[str, ...] = ()
    # raw: the verbs of talks among them (discussed, обсудил, بحث): who discusses with
    # someone takes part in the talks, whatever else they say
    talk_verbs_re: tuple[str, ...] = ()
    speaker_stops_re: tuple[str, ...] = ()  # raw: what ends a speaker written after its verb
    # words that open an aside, neither speaker nor what was said: "، في بيان", "On Sunday"
    asides: tuple[str, ...] = ()
    complementisers: tuple[str, ...] = ()  # "that", "أن", "что", "que"
    but: tuple[str, ...] = ()  # words that open a clause, so a new subject: "but", "and", "как"
    and_words: tuple[str, ...] = ()  # "and" written as a word: it joins the items of a list
    according_to_re: tuple[str, ...] = ()  # raw: "according to" phrases before a source
    according_then: tuple[str, ...] = ()  # after "according to X,": فإن
    # around a speaker written before its verb: neither the speaker nor what was said
    fillers: tuple[str, ...] = ()  # "also", "has", "meanwhile", "об этом", Arabic "وكان"
    passive: tuple[str, ...] = ()  # right before the verb, it says nothing: "was", "are"
    pronouns: tuple[str, ...] = ()  # a speaker that is the previous statement's: "he"
    relatives: tuple[str, ...] = ()  # "which", "который": the speaker is the noun before

    # -- people and roles --
    titles: tuple[str, ...] = ()  # not part of a person's name: "mr", "minister"
    roles: tuple[str, ...] = ()  # role and function words of a participant's description
    # common country names CLDR lacks, with their territory: "turkey" = TR
    countries: Mapping[str, str] = field(default_factory=_frozen)
    spokesman: tuple[str, ...] = ()  # "the spokesman of X" names no one
    # functions whose holder announces or comments on an event, not takes part in it
    announcers: tuple[str, ...] = ()
    nationality_re: tuple[str, ...] = ()  # norm: one word that is a nationality adjective
    skeleton: Mapping[str, str] = field(default_factory=_frozen)  # letter -> consonant class
    skeleton_digraphs: tuple[tuple[str, str], ...] = ()  # "sh" -> "S", before the letters

    # -- cues about the event --
    initiative: tuple[str, ...] = ()  # "at the request of": the initiator follows
    # raw: a verb of initiating whose agent comes before it ("Austin initiated the call", "a
    # US-initiated call", Arabic "X هو من بادر"): the initiator is the name right before it
    initiative_before: tuple[str, ...] = ()
    # kinds of places, next to a place's name: "the province of X", "X province", "город X";
    # in a cased script a word's start (Russian cases: "город" for "городе")
    place_nouns: tuple[str, ...] = ()
    places_generic: tuple[str, ...] = ()  # "the country", "البلاد": a place but no name
    directions: tuple[str, ...] = ()  # "north", "شمال": they end a place's name
    # prepositions that say where something is ("in", "at", "في", "в"), and those attached to
    # the next word (Arabic "ب": "بأنقرة")
    locatives: tuple[str, ...] = ()
    locative_clitics: tuple[str, ...] = ()
    # raw: the means that make an event happen at a distance ("by phone", "هاتفيا", "по
    # телефону", "by video link"): such an event has no place
    remote_re: tuple[str, ...] = ()
    # raw: an event held in person ("face to face", "وجها لوجه", "лично"), against a call
    in_person_re: tuple[str, ...] = ()
    previous_re: tuple[str, ...] = ()  # raw: "the last call", "آخر اتصال"
    # raw: the grammar of an event still to come ("will meet", "سوف", "состоится", "aura
    # lieu"): a preview's other sentences date other happenings, not its event
    future_re: tuple[str, ...] = ()
    between: tuple[str, ...] = ()  # "between": the last call between the two
    # the words that make two numbers a range (the word before the first, the word between):
    # "between 10 and 15", "от 10 до 15"; not "from 10 to 15", which is as often a change
    range_links: tuple[tuple[str, str], ...] = ()
    first: tuple[str, ...] = ()  # "the first call since ..."

    # -- the page --
    furniture_re: tuple[str, ...] = ()  # raw: reading time, "read more", share buttons
    credits_re: tuple[str, ...] = ()  # raw: photo credits that end a caption line
    photo_re: tuple[str, ...] = ()  # raw: words that open a caption
    date_labels: tuple[str, ...] = ()  # before the page's own date: "Published:", "Updated"
    # raw: words addressed to a language model, not to a reader ("ignore the previous
    # instructions", "system prompt:"): no article content
    instructions_re: tuple[str, ...] = ()

    stopwords: tuple[str, ...] = ()
    example: str = "en"  # the worked example of the prompt: prompts/examples/<example>.txt


@cache
def _registry() -> dict[str, LanguagePack]:
    found: dict[str, LanguagePack] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        pack = getattr(module, "PACK", None)
        if isinstance(pack, LanguagePack):
            found[pack.code] = pack
    return found


def packs() -> list[LanguagePack]:
    """Every registered pack, the generic one included, in order of code."""
    return list(_registry().values())


def pack_for(code: str | None) -> LanguagePack:
    """The pack of a language code; the generic pack for a language without one."""
    registry = _registry()
    return registry.get((code or "").lower(), registry[GENERIC])


def support_note(code: str | None) -> str | None:
    """One line when ``code`` has no pack of its own (generic rules are used), else None."""
    if pack_for(code).code != GENERIC:
        return None
    return f"language {code or GENERIC!r} has no language pack: generic rules used"


from .detect import detect_language  # noqa: E402  (detection reads the registry above)

__all__ = [
    "GENERIC",
    "LanguagePack",
    "detect_language",
    "pack_for",
    "packs",
    "support_note",
    "words",
]  # fmt: skip
