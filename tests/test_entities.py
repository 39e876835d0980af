"""summarizer.entities: one person across spellings and scripts, different people apart."""

from __future__ import annotations

from itertools import combinations

import pytest

from summarizer.entities import (
    EntityIndex,
    is_city_name,
    is_nationality,
    is_place,
    is_role,
    name_key,
    named_part,
    names_body,
    names_party,
    people_titled,
    places_in,
    places_named,
    same_name,
    same_words,
    with_direction,
)
from summarizer.text import normalize

ONE_PERSON = {
    "belousov": [
        "بيلوسوف",
        "بيلاوسوف",
        "Belousov",
        "Белоусов",
        "أندريه بيلوسوف",
        "Andrei Belousov",
    ],
    "shoigu": ["شويغو", "شويجو", "Shoigu", "Шойгу", "سيرغي شويغو", "سيرجي شويجو", "Sergei Shoigu"],
    "ryder": ["بات رايدر", "باتريك رايدر", "Pat Ryder", "Patrick Ryder"],
    "austin": ["لويد أوستن", "Lloyd Austin", "Ллойд Остин", "أوستن", "Austin"],
}


@pytest.mark.parametrize(("person", "forms"), ONE_PERSON.items(), ids=ONE_PERSON.keys())
def test_spellings_and_scripts_of_one_person_meet(person: str, forms: list[str]) -> None:
    for a, b in combinations(forms, 2):
        assert same_name(name_key(a), name_key(b)), (a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Lavrov", "Belousov"),
        ("Сергей Лавров", "Андрей Белоусов"),
        ("سيرغي شويغو", "سيرغي لافروف"),  # same given name, another surname
        ("Sergei Shoigu", "Sergei Lavrov"),
        ("أندريه بيلوسوف", "بوريس بيلوسوف"),  # same surname, another given name
        ("Lloyd Austin", "Pat Ryder"),
        ("ديميتري بيسكوف", "بات رايدر"),
    ],
)
def test_different_people_stay_apart(a: str, b: str) -> None:
    assert not same_name(name_key(a), name_key(b))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("عبد الرحيم منصور سالم", "عبد الرحيم منصور"),  # a name left out
        ("Mansour Salem Abderrahim", "Abderrahim Mansour Salem"),  # the surname first
        ("Юсеф Ошиш", "Юсеф Ошиш"),  # a surname of one consonant class
        ("Youssef Ouchiche", "Youssef Ouchiche"),
    ],
)
def test_a_name_left_out_or_reordered_is_one_person(a: str, b: str) -> None:
    assert same_name(name_key(a), name_key(b))


def test_a_shorter_name_must_share_two_words_with_the_longer() -> None:
    assert not same_name(name_key("Abdel Karim Fathi"), name_key("Abdel Karim Nour"))
    assert not same_name(name_key("عبد الكريم فتحي"), name_key("عبد الكريم نور الدين"))


@pytest.mark.parametrize(
    "given",
    [
        "564",  # a number
        "Associated Press",  # a news agency
        "Интерфакс",
        "المفقودين",  # "the missing": a counted word with the article
        "والأمناء العامين",  # "and the secretaries-general": words that all carry the article
        "حتى الآن",  # "until now"
        "Москва",  # a city
        "Tripoli",
    ],
)
def test_descriptions_numbers_agencies_and_cities_name_no_one(given: str) -> None:
    assert named_part(given) is None


def test_one_word_with_the_article_may_be_a_surname() -> None:
    assert named_part("الخالدي") == "الخالدي"


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("Flooding hit the coastal city of Nablo in Chile on Monday.", ["Nablo", "Chile"]),
        ("ضرب زلزال إقليم الورد جنوب البلاد ليلة الجمعة", ["الورد"]),
        ("تحطمت الطائرة في محافظة كرمان الشمالية قرب طهران", ["كرمان الشمالية", "طهران"]),
        ("Наводнение в районе Зорино на юге Чили", ["Зорино", "Чили"]),
        ("Le séisme a frappé la province de Vardo, au Pérou", ["Vardo", "Pérou"]),
        ("The talks in Libya's capital ended", ["Libya"]),
        ("The country Monday said", []),  # a day is no place's name
    ],
)
def test_places_named_are_known_places_and_names_after_a_kind_of_place(
    text: str, places: list[str]
) -> None:
    assert [m.written for m in places_named(text)] == places


def test_known_places_carry_their_territory_and_cities_are_marked() -> None:
    found = {m.written: m.place for m in places_named("Talks in Bagdad and Paris, Iraq")}
    assert (found["Paris"].territory, found["Paris"].city) == ("FR", True)
    assert (found["Iraq"].territory, found["Iraq"].city) == ("IQ", False)


def test_same_words_but_for_case_endings() -> None:
    assert same_words("Ирана", "Иран")
    assert same_words("в Багдаде", "в Багдад")
    assert not same_words("Иран", "Ирак")
    assert not same_words("восточном Азербайджане", "Азербайджан")


def test_titles_are_not_part_of_the_name() -> None:
    assert name_key("الوزير لويد أوستن") == name_key("Lloyd Austin")
    assert name_key("Minister Belousov") == name_key("Белоусов")
    assert name_key("الرئيس") == ()


def test_index_resolves_every_form_to_one_entity_and_keeps_each_with_its_article() -> None:
    index = EntityIndex()
    seen = [
        ("a1", "أندريه بيلوسوف"),
        ("a2", "بيلاوسوف"),
        ("a3", "Andrei Belousov"),
        ("a4", "Андрей Белоусов"),
        ("a1", "لويد أوستن"),
        ("a3", "Lloyd Austin"),
    ]
    entities = [index.resolve(name, article) for article, name in seen]
    assert all(e is not None for e in entities)
    belousov, austin = entities[0], entities[4]
    assert belousov is not austin
    assert entities[:4] == [belousov] * 4
    assert entities[4:] == [austin] * 2
    assert len(index.entities) == 2
    assert belousov.forms == seen[:4]
    assert austin.forms == seen[4:]
    assert belousov.spellings == {
        "اندريه بيلوسوف",
        "بيلاوسوف",
        "andrei belousov",
        "андрей белоусов",
    }


def test_index_keeps_the_fullest_form_as_key() -> None:
    index = EntityIndex()
    entity = index.resolve("بيلوسوف", "a1")
    assert entity is not None and entity.key == name_key("بيلوسوف")
    assert index.resolve("Andrei Belousov", "a2") is entity
    assert entity.key == name_key("Andrei Belousov")
    # With the given name known, another Belousov is another person.
    other = index.resolve("Boris Belousov", "a3")
    assert other is not None and other is not entity


def test_index_keeps_different_people_apart() -> None:
    index = EntityIndex()
    shoigu = index.resolve("سيرغي شويغو", "a1")
    lavrov = index.resolve("سيرغي لافروف", "a1")
    belousov = index.resolve("Белоусов", "a2")
    assert len({id(shoigu), id(lavrov), id(belousov)}) == 3
    assert [e.id for e in index.entities] == ["e1", "e2", "e3"]


def test_a_name_made_only_of_titles_is_no_entity() -> None:
    index = EntityIndex()
    assert index.resolve("الوزير", "a1") is None
    assert index.entities == []


def test_canonical_is_the_most_frequent_form_and_the_longest_among_equals() -> None:
    index = EntityIndex()
    for article, name in [("a1", "بيلوسوف"), ("a2", "Belousov"), ("a3", "بيلوسوف")]:
        index.resolve(name, article)
    (entity,) = index.entities
    assert entity.canonical == "بيلوسوف"

    index = EntityIndex()
    for article, name in [("a1", "أوستن"), ("a2", "لويد أوستن")]:
        index.resolve(name, article)
    (entity,) = index.entities
    assert entity.canonical == "لويد أوستن"


def test_mentioned_in_finds_known_people_in_a_quote() -> None:
    index = EntityIndex()
    austin = index.resolve("Lloyd Austin", "a1")
    belousov = index.resolve("Andrei Belousov", "a1")
    lavrov = index.resolve("Lavrov", "a2")
    quote = "أجرى وزير الدفاع الأميركي لويد أوستن، اتصالاً بنظيره الروسي أندريه بيلاوسوف"
    assert index.mentioned_in(quote) == [austin, belousov]
    assert index.mentioned_in("Ллойд Остин и Андрей Белоусов") == [austin, belousov]
    assert index.mentioned_in("وقال لافروف إن موسكو") == [lavrov]  # known by surname only
    assert index.mentioned_in("قالت وزارة الدفاع الروسية في بيان") == []


def test_mentioned_in_wants_the_given_name_when_the_entity_has_one() -> None:
    index = EntityIndex()
    index.resolve("Andrei Belousov", "a1")
    assert index.mentioned_in("Boris Belousov said") == []
    assert index.mentioned_in("قال بيلوسوف") == []  # a bare surname is not enough


def test_mentioned_in_finds_a_short_surname_after_its_given_name() -> None:
    index = EntityIndex()
    shoigu = index.resolve("سيرغي شويغو", "a1")
    assert index.mentioned_in("تحدث لويد أوستن مع سيرجي شويجو") == [shoigu]


# --- roles, nationalities and places: made-up people in every language -----------------------


@pytest.mark.parametrize(
    ("given", "named"),
    [
        # Arabic: the role word takes its complement (domain, nationality, place, body)
        ("وزير الصحة الفلسطيني سامر أبو ليلى", "سامر أبو ليلى"),
        ("محافظ البنك المركزي سليم حداد", "سليم حداد"),
        ("رئيس بلدية طرابلس رامي نعمة", "رامي نعمة"),
        ("المتحدث باسم الوزارة هالة يوسف", "هالة يوسف"),
        ("الإيراني فريد كريمي", "فريد كريمي"),  # a nationality as the first word
        ("نادر المصري وزير المالية", "نادر المصري"),  # a name before its role
        ("الرئيس نادر المصري", "نادر المصري"),  # a family name shaped like a nationality
        ("نادر المصري", "نادر المصري"),
        ("أحمد المالي", "أحمد المالي"),  # "the financial", not the country Mali
        ("حسن أمير طاهري", "حسن أمير طاهري"),  # a role word inside a name, with no complement
        ("وزير الصحة الفلسطيني", None),
        ("المتحدث باسم الوزارة", None),
        ("قائد الشرطة في المدينة", None),
        ("الروسي", None),
        ("المغرب", None),
        # English: words before the role word are its modifiers; "of ..." its complement
        ("Palestinian Health Minister Samer Haddad", "Samer Haddad"),
        ("Minister of Health Jane Okafor", "Jane Okafor"),
        ("Chief Justice of the Supreme Court Ruth Alvarez", "Ruth Alvarez"),
        ("Iranian Farid Karimi", "Farid Karimi"),
        ("Jane Okafor, the health minister", "Jane Okafor"),
        ("Kevin English", "Kevin English"),
        ("Georgia Banks", "Georgia Banks"),  # a place name as a given name
        ("the health minister", None),
        ("the Kremlin spokesman", None),
        ("spokesman for the ministry", None),
        ("Morocco", None),
        ("the United States", None),
        # Russian: lowercase words, places (in any case) and abbreviations after the role word
        ("министр здравоохранения Палестины Самир Хаддад", "Самир Хаддад"),
        ("глава Минфина Олег Петров", "Олег Петров"),
        ("пресс-секретарь мэрии Анна Смирнова", "Анна Смирнова"),
        ("губернатор Курской области Иван Орлов", "Иван Орлов"),
        ("иранский дипломат Фарид Карими", "Фарид Карими"),
        ("Олег Польский", "Олег Польский"),
        ("министр здравоохранения", None),
        ("Марокко", None),
        # French: "de ..." after the role word is its complement
        ("la ministre de la Santé Claire Dubois", "Claire Dubois"),
        ("le président sénégalais Moussa Diallo", "Moussa Diallo"),
        ("le maire de Lyon Paul Girard", "Paul Girard"),
        ("Sophie Allemand", "Sophie Allemand"),
        ("le porte-parole du gouvernement", None),
        ("l'ambassadeur de France", None),
        ("Maroc", None),
    ],
)
def test_named_part_drops_the_role_phrase_and_keeps_the_name(given: str, named: str | None) -> None:
    assert named_part(given) == named


@pytest.mark.parametrize(
    ("given", "names"),
    [
        # a person, a country, a body, a team or a group by its name
        ("Jane Okafor", True),
        ("Morocco", True),
        ("المغرب", True),
        ("OPEC+", True),
        ("the Coastal League", True),
        ("Northern Rovers", True),
        ("منظمة أوبك", True),
        ("ЦСКА", True),
        # descriptions: roles, functions, nationalities, plurals in lower case
        ("the health minister", False),
        ("heads of state", False),
        ("rescue teams", False),
        ("senior Arab officials", False),
        ("وزير الخارجية الإيراني", False),
        ("الحكومة الروسية", False),
        ("министр здравоохранения", False),
    ],
)
def test_a_participant_names_someone_or_something(given: str, names: bool) -> None:
    assert names_party(given) is names


@pytest.mark.parametrize(
    ("text", "territory"),
    [("في أنقرة", "TR"), ("в Анкаре", "TR"), ("in Abuja", "NG"), ("نيودلهي", "IN"),
     ("Turkey", "TR"), ("Britain", "GB"), ("the Ivory Coast team", "CI"),
     ("Cape Verde", "CV")],
)  # fmt: skip
def test_capitals_and_common_country_names_are_known_places(text: str, territory: str) -> None:
    (mention,) = places_in(text)
    assert mention.place.territory == territory


def test_a_country_name_written_inside_another_is_not_found_in_it() -> None:
    # GeoNames' "Republic of the Congo" is written in "Democratic Republic of the Congo"
    assert [m.place.territory for m in places_in("in the Democratic Republic of the Congo")] != [
        "CG"
    ]


def test_a_role_phrase_and_the_bare_name_have_one_key() -> None:
    assert name_key("وزير الصحة الفلسطيني سامر أبو ليلى") == name_key("سامر أبو ليلى")
    assert name_key("Minister of Health Jane Okafor") == name_key("Jane Okafor")
    assert name_key("министр здравоохранения Палестины Самир Хаддад") == name_key("Самир Хаддад")
    assert name_key("الرئيس نادر المصري")[-1] == name_key("المصري")[-1]  # the surname stays


@pytest.mark.parametrize(
    ("word", "nationality"),
    [
        ("iranian", True), ("lebanese", True), ("iraqi", True), ("الروسي", True),
        ("المصريه", True), ("российский", True), ("американской", True), ("sénégalais", True),
        ("européenne", True), ("russe", True),
        # family and given names of the same shape, built on no place name
        ("christian", False), ("adrian", False), ("السيسي", False), ("الحلبوسي", False),
        ("سامي", False), ("ковальский", False), ("marie", False),
    ],
)  # fmt: skip
def test_a_nationality_is_an_adjective_built_on_a_place_name(word: str, nationality: bool) -> None:
    assert is_nationality(normalize(word)) is nationality


@pytest.mark.parametrize(
    "word", ["وزير", "والوزير", "الوزيرة", "mayor", "court", "министра", "президентом", "préfet",
             "روسيا", "Ирана", "l'ambassadeur"],
)  # fmt: skip
def test_role_words_places_and_their_forms_are_roles(word: str) -> None:
    assert is_role(normalize(word))


@pytest.mark.parametrize(
    ("name", "place"),
    [
        ("Morocco", True), ("the United States", True), ("بالمغرب", True), ("لروسيا", True),
        ("الولايات المتحدة", True), ("России", True), ("Maroc", True),
        ("Georgia Banks", False), ("وزارة الداخلية", False), ("المالي", False),
    ],
)  # fmt: skip
def test_is_place_knows_the_worlds_territories_without_a_list_of_chosen_ones(
    name: str, place: bool
) -> None:
    assert is_place(name) is place


@pytest.mark.parametrize("word", ["الولايات", "States", "Ирина", "Pierre"])
def test_a_word_of_a_place_name_or_a_given_name_is_no_role(word: str) -> None:
    assert not is_role(normalize(word))


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        (
            "Crowds mourned after the crash that killed President Amir Dolan on Sunday, media said",
            ["Amir Dolan"],
        ),
        (
            "Mr. Tom Vale met former Varnish president Lia Moor in the capital",
            ["Tom Vale", "Lia Moor"],
        ),
        ("تجمع الآلاف حدادا على الرئيس الفارني الأسبق نادر سليم بعد وفاته", ["نادر سليم"]),
        ("قضت المحكمة بسجن الرئيس الفارني السابق نادر سليم خمس سنوات", ["نادر سليم"]),
        ("أصدرت المحكمة حكما على الوزير كمال ناصر بالسجن عامين", ["كمال ناصر"]),
        ("Суд приговорил бывшего президента Варнии Лию Мор к пяти годам", ["Лию Мор"]),
        ("Le président Paul Aubry a reçu les maires dimanche", ["Paul Aubry"]),
        ("Egyptian President Abdel Karim al-Nour arrived", ["Abdel Karim al-Nour"]),
        # a counterpart is named after the word too, with an attached pronoun in Arabic; a
        # name ends at an opening quote
        ("Tom Vale called his Varnian counterpart Lia Moor on Friday", ["Lia Moor"]),
        ('طالب نظيره الفارني نادر سليم على "وقف فوري" للقتال', ["نادر سليم"]),
        ("Том Вейл поговорил с варнийским коллегой Лией Мор", ["Лией Мор"]),
        # no name of two words after a title, or a date after it: nobody
        ("The president said on Monday that the talks would go on", []),
        ("اجتمع الرئيس أمس السبت مع الوفد", []),
    ],
)
def test_people_named_after_a_title_in_a_sentence(sentence: str, names: list[str]) -> None:
    found = people_titled(sentence)
    assert [m.name for m in found] == names
    for m in found:  # the span runs from the title to the end of the name, as written
        assert sentence[m.start : m.end].endswith(m.name) and m.title


@pytest.mark.parametrize(
    ("text", "regions"),
    [
        ("Floods hit eastern Chile on Sunday.", ["eastern Chile"]),
        ("Вертолёт упал в восточном Чили.", ["восточном Чили"]),
        ("ضربت العاصفة تشيلي الشرقية شمال غرب بيرو", ["تشيلي الشرقية", "شمال غرب بيرو"]),
        ("The talks in Chile ended.", [None]),
    ],
)
def test_a_place_written_with_a_direction_is_a_region(text: str, regions: list[str | None]) -> None:
    assert [with_direction(text, m) for m in places_in(text)] == regions


@pytest.mark.parametrize(
    "phrase",
    ["خلال المكالمة", "تحدث هاتفيا اليوم", "نادر سليم بشأن الحرب"],
)  # fmt: skip
def test_a_caseless_phrase_with_a_preposition_a_relative_day_or_a_verb_of_saying_is_no_name(
    phrase: str,
) -> None:
    """ "during the call", "spoke by phone today", "Nader Salim regarding the war": the packs'
    asides, relative days and verbs of saying go on no name."""
    from summarizer.entities import written_as_name

    assert not written_as_name(phrase, phrase)


def test_a_caseless_name_ends_at_the_first_word_no_name_holds() -> None:
    from summarizer.entities import caseless_name

    assert caseless_name("نادر سليم بشأن") == "نادر سليم"  # "… regarding"
    assert caseless_name("نادر سليم") == "نادر سليم"
    assert caseless_name("سليم بشأن") == "سليم بشأن"  # one word left: not a name to give
    assert caseless_name("Nader Salim about") == "Nader Salim about"  # cased: other checks


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("تبريز", True),  # a city of GeoNames no capital list holds, in Arabic
        ("مدينة سيفاستوبول", True),  # after a kind of place
        ("Севастополь", True),
        ("Yekaterinburg", True),
        ("NATO members", False),
        ("تبريز بسبب", False),  # not only a name
    ],
)
def test_is_city_name_checks_a_value_against_geonames(value: str, expected: bool) -> None:
    assert is_city_name(value) is expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("The Russian Defense Ministry", True),
        ("Russia's Ministry of Defense", True),
        ("وزارة الدفاع الروسية", True),
        ("Минобороны России", True),
        ("officials", False),  # no country: any officials
        ("the Health Ministry", False),
        ("The Kremlin", False),  # a name, not a description
    ],
)
def test_names_body_describes_one_body_of_one_country(name: str, expected: bool) -> None:
    assert names_body(name) is expected


def test_a_russian_name_in_the_instrumental_case_is_the_same_person_in_any_script() -> None:
    """ "с Андреем Белоусовым" adds a consonant to the nominative (the ru pack's
    ``name_case_endings``); read off, it meets "Andrei Belousov", in either order. A name
    whose nominative ends so ("Артем") still meets its own spelling first."""
    from summarizer.entities import EntityIndex

    index = EntityIndex()
    first = index.resolve("Андреем Белоусовым", "a")
    assert first is not None
    assert index.resolve("Andrei Belousov", "b") is first
    assert index.resolve("أندريه بيلوسوف", "c") is first
    later = EntityIndex()
    latin = later.resolve("Lloyd Austin", "a")
    assert later.resolve("Ллойдом Остином", "b") is latin
    artem = later.resolve("Artem Dultsev", "c")
    assert later.resolve("Артем Дульцев", "d") is artem is not latin
