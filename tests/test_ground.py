"""summarizer.ground: planted-span alignment tests (in the style of google/langextract).

A known sentence is planted at a known offset inside filler text; a quote of it, exact or
respelled or slightly wrong, must align to exactly that span of the original text.
"""

from __future__ import annotations

import pytest
from builders import source

from summarizer.ground import (
    FUZZY_THRESHOLD,
    ArticleIndex,
    drop_copied,
    ground_extraction,
    ground_summary,
    taking_part,
)
from summarizer.models import (
    Alignment,
    ArticleSummary,
    EventFields,
    Extraction,
    Grounding,
    ParticipantFields,
    Quantity,
    QuantityFields,
    Status,
)
from summarizer.read.people import TITLED, listed_with, titled_lists
from summarizer.read.places import event_place
from summarizer.read.statements import statements_of
from summarizer.text import normalize, stem

FILLER_BEFORE = (
    "ناقش البرلمان ميزانية العام المقبل وسط خلافات حادة بين الكتل النيابية. "
    "وارتفعت أسعار القمح في الأسواق العالمية للشهر الثالث على التوالي. "
    "كما افتتح المحافظ معرضا للكتاب يستمر أسبوعين. "
)
FILLER_AFTER = (
    ". وتوقعت هيئة الأرصاد طقسا معتدلا مع أمطار خفيفة على السواحل الشمالية. "
    "وأعلن نادي الزمالك تعاقده مع مدرب جديد لموسمين."
)
PLANTED = "أجرى وزير الدفاع الأميركي لويد أوستن اتصالا هاتفيا بنظيره الروسي أندريه بيلوسوف"
TEXT = FILLER_BEFORE + PLANTED + FILLER_AFTER
START = len(FILLER_BEFORE)
END = START + len(PLANTED)


@pytest.fixture(scope="module")
def index() -> ArticleIndex:
    assert TEXT[START:END] == PLANTED
    return ArticleIndex(TEXT)


# Who the seed article says spoke about the call, in its words.
SPEAKERS = ["موسكو", "وزارة الدفاع الروسية", "المتحدث باسم وزارة الدفاع الأميركية"]


def test_exact_quote_aligns_to_the_planted_span(index: ArticleIndex) -> None:
    alignment, start, end, score = index.align(PLANTED)
    assert (alignment, start, end, score) == (Alignment.EXACT, START, END, 1.0)
    assert TEXT[start:end] == PLANTED


def test_part_of_the_sentence_aligns_to_its_own_span(index: ArticleIndex) -> None:
    part = "لويد أوستن"
    alignment, start, end, _ = index.align(part)
    assert alignment == Alignment.EXACT
    assert (start, end) == (TEXT.index(part), TEXT.index(part) + len(part))


@pytest.mark.parametrize(
    "quote",
    [
        # diacritics
        "أَجْرَى وَزِيرُ الدِّفَاعِ الأَمِيرْكِيُّ لُويد أُوسْتِن اتِّصَالاً هَاتِفِيّاً بِنَظِيرِهِ الرُّوسِيِّ أَنْدْرِيه بِيلُوسُوف",
        # tatweel
        "أجـرى وزيـــر الدفـاع الأميـركي لويد أوسـتن اتصـالا هاتفيـا بنظيره الروسي أندريه بيلوسـوف",
        # bare alef instead of hamza forms, and other alef forms
        "اجرى وزير الدفاع الاميركي لويد اوستن اتصالا هاتفيا بنظيره الروسي اندريه بيلوسوف",
        "إجرى وزير الدفاع الآميركي لويد أوستن إتصالا هاتفيا بنظيره الروسي آندريه بيلوسوف",
        # extra punctuation and spacing
        "«أجرى وزير الدفاع الأميركي، لويد أوستن، اتصالا هاتفيا بنظيره الروسي: أندريه بيلوسوف».",
        "  أجرى وزير الدفاع (الأميركي) لويد  أوستن - اتصالا هاتفيا بنظيره الروسي أندريه بيلوسوف...",
    ],
    ids=["diacritics", "tatweel", "bare-alef", "other-alef-forms", "punctuation", "spacing"],
)
def test_respelled_quote_still_aligns_exact_to_the_same_span(
    index: ArticleIndex, quote: str
) -> None:
    alignment, start, end, score = index.align(quote)
    assert (alignment, start, end, score) == (Alignment.EXACT, START, END, 1.0)


def test_respelled_article_aligns_a_plain_quote() -> None:
    vocalised = "أَجْرَى وَزِيرُ الدِّفَاعِ الأميـركيّ لويد إوستن اتّصالا هاتفيا بنظيره الروسي أندريه بيلوسوف"
    text = FILLER_BEFORE + vocalised + FILLER_AFTER
    alignment, start, end, _ = ArticleIndex(text).align(PLANTED)
    assert alignment == Alignment.EXACT
    assert text[start:end] == vocalised


@pytest.mark.parametrize(
    "quote",
    [
        # one word changed (هاتفيا -> مرئيا)
        "أجرى وزير الدفاع الأميركي لويد أوستن اتصالا مرئيا بنظيره الروسي أندريه بيلوسوف",
        # one word missing (الأميركي)
        "أجرى وزير الدفاع لويد أوستن اتصالا هاتفيا بنظيره الروسي أندريه بيلوسوف",
        # one word added
        "أجرى وزير الدفاع الأميركي لويد أوستن أمس اتصالا هاتفيا بنظيره الروسي أندريه بيلوسوف",
    ],
    ids=["word-changed", "word-missing", "word-added"],
)
def test_quote_with_one_word_off_aligns_fuzzy_to_the_planted_sentence(
    index: ArticleIndex, quote: str
) -> None:
    alignment, start, end, score = index.align(quote)
    assert alignment == Alignment.FUZZY
    assert (start, end) == (START, END)
    # the score is the share of the quote's words matched in order: every word of a quote
    # that only misses one is matched
    assert FUZZY_THRESHOLD <= score <= 1.0
    assert score < 1.0 or "الأميركي" not in quote


def test_invented_quote_is_not_found(index: ArticleIndex) -> None:
    alignment, start, end, score = index.align(
        "وقع الرئيس الفرنسي اتفاقية تجارية جديدة مع اليابان في طوكيو"
    )
    assert (alignment, start, end) == (Alignment.NOT_FOUND, None, None)
    assert score < FUZZY_THRESHOLD


def test_quote_with_half_its_words_wrong_is_not_found(index: ArticleIndex) -> None:
    alignment, start, end, _ = index.align(
        "أجرى وزير الخارجية الفرنسي جان بارو اتصالا مطولا بنظيره الصيني وانغ يي"
    )
    assert (alignment, start, end) == (Alignment.NOT_FOUND, None, None)


@pytest.mark.parametrize("quote", ["", "   ", "«»...", "ـــ"])
def test_empty_quote_is_not_found(index: ArticleIndex, quote: str) -> None:
    assert index.align(quote)[0] == Alignment.NOT_FOUND


def test_grounded_needs_the_value_in_the_text(index: ArticleIndex) -> None:
    present, repaired = index.ground(PLANTED, {"name": "لويد أوستن"})
    assert present.alignment == Alignment.EXACT
    assert present.values_found and present.grounded
    assert repaired == {} and present.repaired == []

    # the quote aligns, but the name is nowhere in the text (and nothing in it is close)
    absent, repaired = index.ground(PLANTED, {"name": "فاليري غيراسيموف"})
    assert absent.alignment == Alignment.EXACT
    assert (absent.start, absent.end) == (START, END)
    assert repaired == {}
    assert not absent.values_found
    assert not absent.grounded


def test_value_matches_across_spellings_and_attached_prefixes(index: ArticleIndex) -> None:
    assert index.contains("أُوستن")
    assert index.contains("لويد اوستن")
    assert index.contains("الأميركي")  # inside the word, as Arabic attaches ال / و / ب
    assert not index.contains("شويجو")
    grounding, _ = index.ground(PLANTED, {"when": None, "name": "بيلوسوف"})  # null: unchecked
    assert grounding.grounded


def test_miscopied_value_is_repaired_from_the_evidence(index: ArticleIndex) -> None:
    grounding, repaired = index.ground(PLANTED, {"name": "لويد أوستين"})  # one letter added
    assert repaired == {"name": "لويد أوستن"}
    assert grounding.values_found and grounding.grounded
    assert len(grounding.repaired) == 1 and "name" in grounding.repaired[0]


def test_not_found_quote_is_not_grounded_even_with_values(index: ArticleIndex) -> None:
    invented = "وقع الرئيس الفرنسي اتفاقية تجارية جديدة مع اليابان"
    g, _ = index.ground(invented, {"name": "لويد أوستن"})
    assert g.values_found
    assert not g.grounded


def test_ground_extraction_on_the_seed_article() -> None:
    from conftest import seed_extraction, seed_text

    text = seed_text()
    extraction = Extraction.model_validate(seed_extraction())
    event, participants, quantities, claims = ground_extraction(text, extraction)
    items = [event, *participants, *quantities, *claims]
    # 4 from the model, the previous call's date, 6 statements and 3 numbers (3 of each
    # past the subhead "تهديدات روسية")
    assert len(items) == 14
    # the story's lead; three more statements follow its subhead "تهديدات روسية"
    assert [c.speaker for c in claims][:3] == [
        "موسكو",
        "وزارة الدفاع الروسية",
        "المتحدث باسم وزارة الدفاع الأميركية",
    ]
    for item in items:
        g = item.grounding
        assert g.alignment == Alignment.EXACT, item.evidence
        assert g.grounded, item.evidence
        assert g.start is not None and g.end is not None
        # the span is where the quote stands in the original text, character for character
        assert text[g.start : g.end] == item.evidence, item.evidence


def test_ground_extraction_flags_an_invented_name() -> None:
    from conftest import seed_extraction, seed_text

    data = seed_extraction()
    data["participants"][1]["name"] = "فاليري غيراسيموف"  # not in this article
    data["quantities"][0]["evidence"] = "قال شويجو إن بلاده لن تتراجع عن مواقفها"
    extraction = Extraction.model_validate(data)
    _, participants, quantities, _ = ground_extraction(seed_text(), extraction)
    assert participants[0].grounding.grounded
    assert participants[1].grounding.alignment == Alignment.EXACT
    assert not participants[1].grounding.grounded
    assert quantities[0].grounding.alignment == Alignment.NOT_FOUND
    assert not quantities[0].grounding.grounded


def test_ground_extraction_drops_repeated_items() -> None:
    from conftest import seed_extraction, seed_text

    data = seed_extraction()
    data["participants"] = [data["participants"][0], dict(data["participants"][0])]
    _, participants, _, _ = ground_extraction(seed_text(), Extraction.model_validate(data))
    # the repeated one is dropped; the event's sentence names the other after "نظيره" (his
    # counterpart, a title with an attached pronoun)
    assert [p.name for p in participants] == ["لويد أوستن", "أندريه بيلوسوف"]


def test_stem_lets_words_with_attached_particles_align() -> None:
    assert stem(normalize("للتوتر")) == stem(normalize("التوتر")) == stem(normalize("والتوتر"))
    index = ArticleIndex("وسط تصاعد حاد للتوترفي المنطقة أمس")
    alignment, start, end, _ = index.align("التوترفي المنطقة")
    assert alignment == Alignment.FUZZY
    assert index.text[start:end] == "للتوترفي المنطقة"


def test_items_copied_from_the_worked_example_are_dropped() -> None:
    example = ArticleIndex("في أول لقاء بين الوزيرين منذ عامين.")
    article = ArticleIndex("أجرى الوزيران اتصالا منذ اشهر.")

    def quantity(evidence: str) -> Quantity:
        alignment, start, end, score = article.align(evidence)
        grounding = Grounding(
            alignment=alignment, start=start, end=end, score=score, values_found=True
        )
        return Quantity(evidence=evidence, what="منذ", value="x", source=None, grounding=grounding)

    notes: list[str] = []
    kept = drop_copied(
        [quantity("في أول لقاء بين الوزيرين منذ عامين"), quantity("اتصالا منذ اشهر")],
        [(example, "the worked example")],
        notes,
    )
    assert [q.evidence for q in kept] == ["اتصالا منذ اشهر"]
    assert len(notes) == 1 and "worked example" in notes[0]


def test_a_quantity_without_a_number_duration_or_date_is_dropped() -> None:
    from conftest import seed_extraction, seed_text

    data = seed_extraction()
    junk = {"evidence": "بنظيره الروسي أندريه بيلوسوف", "what": "البلد", "value": "روسيا",
            "source": None}  # fmt: skip
    data["quantities"] = [*data["quantities"], junk]
    _, _, quantities, _ = ground_extraction(seed_text(), Extraction.model_validate(data))
    assert [q.value for q in quantities] == ["16 شهراً", "مارس 2023", "4", "5", "4"]


SPANISH = (
    "El ministro de Defensa, Juan Pérez, habló el martes con su homólogo Carlos Ruiz. "
    "Fue la primera llamada entre los dos ministros desde hace un año."
)


def _spanish_extraction() -> Extraction:
    return Extraction.model_validate({
        "event": {"evidence": "El ministro de Defensa, Juan Pérez, habló el martes",
                  "what": "llamada", "when": "martes", "where": None, "initiator": None},
        "participants": [{"evidence": "El ministro de Defensa, Juan Pérez",
                          "name": "Juan Pérez", "role": "ministro", "country": None}],
        "quantities": [],
    })  # fmt: skip


@pytest.mark.parametrize(
    ("language", "note"),
    [("es", "language 'es' has no language pack: generic rules used"), ("en", None)],
)
def test_ground_summary_grounds_items_and_notes_a_language_without_a_pack(
    language: str, note: str | None
) -> None:
    empty = ArticleSummary(source=source("es1", language=language), status=Status.OK)
    s = ground_summary(empty, SPANISH, language, _spanish_extraction(), lead_chars=2500)
    assert s.event is not None and s.event.grounding.alignment == Alignment.EXACT
    # the counterpart the model left out is listed with the minister in the same sentence
    assert [p.name for p in s.participants] == ["Juan Pérez", "Carlos Ruiz"]
    assert all(p.grounding.grounded for p in s.participants)
    assert (s.notes[:1] or [None])[0] == note


# event_place(model's place, the event's sentence, the story's opening, the article)
PLACE_SENTENCE = "Floods swept the coastal city of Nablo on Monday, officials said."
PLACE_OPENING = "Chile floods kill dozens\nFloods swept the coastal city of Nablo on Monday."


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ("Nablo", "Nablo"),  # a place the sentence names stands
        ("the coast", "Nablo"),  # only a kind of place: the sentence's place replaces it
        ("the helicopter", "Nablo"),  # no place at all
        ("Peru", "Nablo"),  # a known place the article never writes
        (None, "Nablo"),
    ],
)
def test_event_place_keeps_a_place_the_text_names_and_replaces_the_rest(
    where: str | None, expected: str
) -> None:
    text = PLACE_OPENING + "\nMore rain is expected."
    assert event_place(where, PLACE_SENTENCE, PLACE_OPENING, text) == expected


def test_event_place_makes_a_country_precise_with_a_city_of_it() -> None:
    sentence = "The summit opened on Saturday in Lima, the capital."
    assert event_place("Peru", sentence, "Summit in Peru", "Summit in Peru\n" + sentence) == (
        "Lima, Peru"
    )
    arabic = "افتتحت القمة يوم السبت في بغداد"
    assert event_place("العراق", arabic, "قمة في العراق", arabic + " العراق") == "بغداد، العراق"


@pytest.mark.parametrize(
    ("where", "sentence", "opening", "expected"),
    [
        (
            "Chile",
            "A swap of prisoners between Chile and Peru took place in Ecuador on Sunday.",
            "",
            "Ecuador",
        ),
        ("Чили", "Обмен между Чили и Перу прошёл в воскресенье в Эквадоре.", "", "Эквадоре"),
        ("تشيلي", "جرت عملية تبادل بين تشيلي والبيرو في الإكوادور يوم الأحد", "", "الإكوادور"),
        # the side is the sentence's subject; the opening names it as a side and the place
        (
            "Chile",
            "Chile and Peru swap prisoners",
            "Chile and Peru swap prisoners\nThe swap between Chile and Peru took place in Ecuador.",
            "Ecuador",
        ),
        # no other place: a side stays
        ("Chile", "Talks between Chile and Peru ended on Sunday.", "", "Chile"),
    ],
)
def test_event_place_a_side_of_the_event_gives_way_to_where_it_happened(
    where: str, sentence: str, opening: str, expected: str
) -> None:
    assert event_place(where, sentence, opening, f"{opening}\n{sentence}") == expected


def test_event_place_puts_a_datelines_city_last() -> None:
    opening = "MOSCOW, 3 March - The court in the city of Varna sentenced him."
    assert event_place("the city", opening, opening, opening) == "Varna"


@pytest.mark.parametrize(
    ("where", "sentence", "expected"),
    [
        # a place only named (the sides' countries, a body's building) is no place to take
        ("Washington", "Austin spoke with his Russian counterpart; Russia had not answered.", None),
        # a place written as where something is stands: after a locative, a kind of place
        ("Washington", "Austin spoke with Shoigu from an office in Kyiv.", "Kyiv"),
        ("the coast", "Рыбаки сообщили о шторме в городе Набло.", "Набло"),
        ("Pentagon", "He told reporters at the Pentagon that they spoke.", "Pentagon"),
        ("the Moon", "The plane came down on Cyprus after the launch.", "Cyprus"),  # "on"
        # two places joined by "and" are the sides ("Bosnia and Herzegovina" is one place)
        ("Москва и Западные страны", "Москва и Запад обменялись узниками в Анкаре.", "Анкаре"),
        ("موسكو والدول الغربية", "تبادلت موسكو والغرب السجناء في أنقرة", "أنقرة"),
        ("Libya and Egypt", "Libya and Egypt signed a deal.", None),
    ],
)
def test_event_place_is_a_place_written_as_where_something_happened(
    where: str, sentence: str, expected: str | None
) -> None:
    assert event_place(where, sentence, sentence, sentence) == expected


def test_event_place_gives_none_when_nothing_names_a_place() -> None:
    sentence = "Медики сообщили о новых жертвах."
    assert event_place("страна", sentence, sentence, sentence) is None
    assert event_place("Ливия", sentence, sentence, sentence) is None  # not written


# --- the event's sentence, numbers as written ---------------------------------------------


STORY = (
    "https://example.org/news/1\n"
    "Example Daily (example.org)\n\n"
    "Floods kill 40 in the province of Varno\n"
    "On Saturday, 9 March, floods swept the province of Varno, killing 40 people, officials "
    "said. One of the worst storms in years hit the coast. Rescuers found eight survivors.\n"
)


def _event_of(evidence: str, when: str | None = None) -> EventFields:
    return EventFields(evidence=evidence, what="floods", kind=None, when=when, where=None,
                       initiator=None)  # fmt: skip


def test_an_event_quote_from_the_page_header_gives_way_to_the_storys_first_sentence() -> None:
    extraction = Extraction(event=_event_of("Example Daily (example.org)"), participants=[],
                            quantities=[])  # fmt: skip
    event, _, _, _ = ground_extraction(STORY, extraction)
    assert event is not None
    assert event.evidence == "Floods kill 40 in the province of Varno"
    g = event.grounding
    assert STORY[g.start : g.end] == event.evidence and g.alignment == Alignment.EXACT
    assert event.where == "Varno"


def test_an_event_quote_is_widened_to_its_sentence_and_its_date_gets_its_weekday() -> None:
    extraction = Extraction(event=_event_of("floods swept the province of Varno", "9 March"),
                            participants=[], quantities=[])  # fmt: skip
    event, _, _, _ = ground_extraction(STORY, extraction)
    assert event is not None
    assert event.evidence.startswith("On Saturday, 9 March, floods swept")
    assert event.when == "Saturday, 9 March"


@pytest.mark.parametrize(
    "dateline",
    ["Varno, 10 March - Example News. ", "VARNO, March 10 (Example) - ", "10 March 2024 - "],
)
def test_a_when_written_only_in_the_dateline_dates_the_report_not_the_event(
    dateline: str,
) -> None:
    story = (
        "https://example.org/news/2\nExample Daily (example.org)\n\n"
        "Floods kill 40 in the province of Varno\n"
        f"{dateline}Floods swept the province of Varno, killing 40 people, officials said. "
        "Rescuers found eight survivors.\n"
    )
    when = "10 March" if "10 March" in dateline else "March 10"
    extraction = Extraction(event=_event_of("Floods kill 40 in the province of Varno", when),
                            participants=[], quantities=[])  # fmt: skip
    event, _, _, _ = ground_extraction(story, extraction)
    assert event is not None and event.when is None
    assert any("dates another time" in note for note in event.grounding.repaired)


def test_a_number_given_in_other_words_is_repaired_to_the_texts_words() -> None:
    index = ArticleIndex(STORY)
    grounding, repaired = index.ground("Rescuers found eight survivors", {"value": "8"})
    assert repaired == {"value": "eight"} and grounding.grounded


def test_a_number_is_not_found_inside_a_longer_one() -> None:
    index = ArticleIndex("Погибли 19 человек и ранены 240.")
    assert index.contains("19") and index.contains("240")
    assert not index.contains("1") and not index.contains("24")


def test_the_word_one_with_nothing_it_counts_is_no_quantity() -> None:
    extraction = Extraction(event=_event_of("Floods kill 40 in the province of Varno"),
                            participants=[], quantities=[])  # fmt: skip
    _, _, quantities, _ = ground_extraction(STORY, extraction)
    values = [q.value for q in quantities]
    assert "40" in values and "eight" in values and "One" not in values


@pytest.mark.parametrize(
    ("source", "note"),
    [
        ("the Red Crescent", "'the Red Crescent' -> None (not in the text)"),
        ("Example Daily", "only the page's header writes it"),  # the outlet
    ],
)
def test_a_source_the_story_does_not_write_is_dropped(source: str, note: str) -> None:
    killed = QuantityFields(evidence="killing 40 people", what="killed", value="40",
                            source=source)  # fmt: skip
    extraction = Extraction(event=_event_of("Floods kill 40 in the province of Varno"),
                            participants=[], quantities=[killed])  # fmt: skip
    _, _, quantities, _ = ground_extraction(STORY, extraction)
    model = next(q for q in quantities if q.origin == "model")
    assert model.source == "officials"  # the statement that writes the figure credits it
    assert any(note in n for n in model.grounding.repaired)


def test_participants_from_the_page_header_or_that_are_places_are_dropped_with_a_note() -> None:
    from builders import participant

    notes: list[str] = []
    kept = taking_part(
        [participant("Example Daily"), participant("Varno"), participant("Dana Lor"),
         participant("the health minister"), participant("heads of state"),
         participant("مسؤولون"), participant("وزارة الدفاع الروسية"),
         participant("the Varnian Health Ministry"), participant("Coastal League"),
         participant("Запад")],
        STORY + "Health minister Dana Lor visited the site.\n",
        notes,
    )  # fmt: skip
    # a function names no one, nor a body by its function and country; a body by name does
    assert [p.name for p in kept] == ["Dana Lor", "the Varnian Health Ministry", "Coastal League"]
    assert len(notes) == 7 and "header" in notes[0] and "place" in notes[1]
    assert "'Запад': a direction" in notes[-1]
    assert all("not a name" in n for n in notes[2:])


def test_a_night_written_across_two_days_keeps_both() -> None:
    night = "ضربت العاصفة ليلة الأحد 10 إلى الاثنين 11 مارس المدينة الساحلية بعد أيام"
    extraction = Extraction(event=_event_of(night, "الاثنين 11 مارس"), participants=[],
                            quantities=[])  # fmt: skip
    event, _, _, _ = ground_extraction(night, extraction)
    assert event is not None and event.when == "الأحد 10 إلى الاثنين 11 مارس"


def test_an_event_whose_when_the_checks_replace_is_grounded_on_the_texts_words() -> None:
    extraction = Extraction(event=_event_of("floods swept the province of Varno", "at dawn"),
                            participants=[], quantities=[])  # fmt: skip
    event, _, _, _ = ground_extraction(STORY, extraction)
    assert event is not None and event.when == "Saturday, 9 March"
    assert event.grounding.grounded
    assert any("'at dawn' is not a date" in note for note in event.grounding.repaired)


def test_people_the_event_sentence_names_after_a_title_join_the_participants() -> None:
    text = "Floods killed Minister Dana Lor and 40 others in the province of Varno on Sunday.\n"
    extraction = Extraction(
        event=_event_of("Floods killed Minister Dana Lor and 40 others"),
        participants=[ParticipantFields(evidence="the province of Varno", name="Varno",
                                        role=None, country=None)],
        quantities=[],
    )  # fmt: skip
    _, participants, _, _ = ground_extraction(text, extraction)
    added = [p for p in participants if p.name == "Dana Lor"]
    assert len(added) == 1 and added[0].role == "Minister"
    g = added[0].grounding
    assert text[g.start : g.end] == "Minister Dana Lor" and TITLED in g.repaired
    # a person the model already lists is not added again
    extraction.participants.append(ParticipantFields(evidence="Minister Dana Lor", name="Dana Lor",
                                                     role=None, country=None))  # fmt: skip
    _, participants, _, _ = ground_extraction(text, extraction)
    assert [p.name for p in participants].count("Dana Lor") == 1


@pytest.mark.parametrize(
    ("text", "name", "repaired"),
    [
        ("وكان على متنها المحافظ مالك نوري والطيار.", "محمد نوري", "مالك نوري"),
        ("The governor, Dana Lorimer, was on board.", "Mohammed Lorimer", "Dana Lorimer"),
        # two people with that surname, or a surname too short to tell: no repair
        ("Dana Lorimer and Tom Lorimer were on board.", "Mohammed Lorimer", None),
        ("Dana Lor was on board.", "Mohammed Lor", None),
    ],
)
def test_a_mis_copied_given_name_is_repaired_by_the_one_person_with_that_surname(
    text: str, name: str, repaired: str | None
) -> None:
    _, fixed = ArticleIndex(text).ground(f"{name} was there", {"name": name})
    assert fixed.get("name") == repaired


@pytest.mark.parametrize(
    ("story", "kept"),
    [
        # named only as the speaker of a statement: an official reporting the toll
        (
            "Floods swept the province of Varno on Sunday.\nDana Lor, the aid group's "
            "secretary-general, told reporters that 300 people had died.\n",
            [],
        ),
        (
            "ضربت الفيضانات إقليم فارنو يوم الأحد.\nوقال وزير الصحة دانا لور إن 300 شخص لقوا "
            "حتفهم.\n",
            [],
        ),
        # also named outside a statement of theirs: taking part
        (
            "Minister Dana Lor visited the province of Varno on Sunday.\nDana Lor told "
            "reporters that 300 people had died.\n",
            ["Dana Lor"],
        ),
    ],
)
def test_a_participant_the_story_names_only_as_a_speaker_is_dropped(
    story: str, kept: list[str]
) -> None:
    from builders import participant

    name = "دانا لور" if "دانا" in story else "Dana Lor"
    claims = statements_of(story, [name])
    assert claims, "the story's statement is found"
    notes: list[str] = []
    out = taking_part([participant(name)], story, notes, claims)
    assert [p.name for p in out] == ([name] if kept else [])
    assert bool(notes) != bool(kept)


@pytest.mark.parametrize(
    ("story", "listed", "added"),
    [
        (
            "The crash killed Dana Lor, the head of the guard; Tom Vale, the governor of Varno; a "
            "member of the Varno Rescue Corps; and the pilot.\n",
            "Dana Lor",
            ["Tom Vale"],
        ),
        (
            "The exchange freed reporter Dana Lor, who was held in Varno, dissident Tom Vale, and "
            "colonel Lia Moor, who was held in Nablo.\n",
            "Dana Lor",
            ["Tom Vale", "Lia Moor"],
        ),
        (
            "В ходе обмена освободили журналиста Дану Лор, оппозиционера Тома Вейла и полковника "
            "Лию Мор.\n",
            "Дану Лор",
            ["Тома Вейла", "Лию Мор"],
        ),
        (
            "حضر القمة الرئيس نادر سليم، الرئيس الفارني كمال ناصر، والأمير فهد بن علي.\n",
            "نادر سليم",
            ["كمال ناصر", "فهد بن علي"],
        ),
        # items that name no one after a title, in a script without case: nobody
        (
            "حضر القمة الرئيس نادر سليم، ووفود الدول الأعضاء، وممثلو المنظمات الدولية.\n",
            "نادر سليم",
            [],
        ),
        # a list of things, not people
        ("Dana Lor visited Varno, Nablo and the coast on Sunday.\n", "Dana Lor", []),
    ],
)
def test_people_listed_with_a_participant_join_the_participants(
    story: str, listed: str, added: list[str]
) -> None:
    from builders import participant

    found = listed_with(story, [participant(listed)])
    assert [p.name for p in found] == added
    for p in found:
        g = p.grounding
        assert story[g.start : g.end] == p.evidence and p.name in p.evidence


def test_a_number_in_a_links_address_backs_no_value() -> None:
    text = ("https://example.org/news/big-exchange-18191020\n"
            "The exchange took place in the evening at the airport.\n")  # fmt: skip
    index = ArticleIndex(text)
    grounding, _ = index.ground("The exchange took place in the evening", {"value": "18191020"})
    assert not grounding.values_found and not grounding.grounded
    assert index.contains("exchange took place")


def test_event_place_keeps_the_direction_the_text_writes_with_a_country() -> None:
    sentence = "The helicopter crashed in eastern Chile on Sunday, officials said."
    assert event_place("Chile", sentence, sentence, sentence) == "eastern Chile"
    russian = "Вертолёт упал в воскресенье в восточном Чили."
    assert event_place("Чили", russian, russian, russian) == "восточном Чили"


@pytest.mark.parametrize(
    ("story", "added"),
    [
        (
            "The summit opened on Saturday. Varnish President Dana Lor, Nablian Prime Minister "
            "Tom Vale and President Fahd bin Ali are in the capital for the talks.\n",
            ["Dana Lor", "Tom Vale", "Fahd bin Ali"],
        ),
        (
            "وحضر القمة الرئيس نادر سليم، الرئيس الفارني كمال ناصر، الأمير فهد بن علي آل ثابت.\n",
            ["نادر سليم", "كمال ناصر", "فهد بن علي آل ثابت"],
        ),
        # two people with titles are no list of those who took part
        ("President Dana Lor met Prime Minister Tom Vale.\n", []),
    ],
)
def test_a_sentence_that_lists_people_with_their_titles_gives_participants(
    story: str, added: list[str]
) -> None:
    assert [p.name for p in titled_lists(story, [])] == added


def test_a_number_the_headline_repeats_is_quoted_from_the_body() -> None:
    """The body says what the number counts and who says so; the headline rarely does."""
    headline = QuantityFields(evidence="Floods kill 40 in the province", what="killed",
                              value="40", source=None)  # fmt: skip
    extraction = Extraction(event=_event_of("Floods kill 40 in the province of Varno"),
                            participants=[], quantities=[headline])  # fmt: skip
    _, _, quantities, _ = ground_extraction(STORY, extraction)
    forty = [q for q in quantities if q.value == "40"]
    assert len(forty) == 1 and forty[0].origin == "model"  # said twice, one quantity
    assert "killing 40 people" in forty[0].evidence and "officials" in forty[0].evidence
    g = forty[0].grounding
    assert STORY[g.start : g.end] == forty[0].evidence and g.grounded
    # found by the code, not the model: the body's sentence too
    empty = Extraction(event=_event_of("Floods kill 40 in the province of Varno"),
                       participants=[], quantities=[])  # fmt: skip
    _, _, quantities, _ = ground_extraction(STORY, empty)
    (forty,) = [q for q in quantities if q.value == "40"]
    assert "killing 40 people" in forty.evidence


def test_an_event_the_lead_says_was_held_by_phone_has_no_place() -> None:
    """The event's sentence names a country it is about; the lead sentence says it was a
    phone call: it is remote and happens nowhere."""
    text = (
        "Tom Vale spoke by phone with Dana Lor on Tuesday. The two discussed the war in "
        "Varno, the ministry said.\n"
    )
    fields = EventFields(evidence="The two discussed the war in Varno", what="call", kind=None,
                         when=None, where="Varno", initiator=None)  # fmt: skip
    event, _, _, _ = ground_extraction(text, Extraction(event=fields, participants=[],
                                                        quantities=[]))  # fmt: skip
    assert event is not None and event.manner == "remote" and event.where is None


def test_a_quote_is_never_aligned_to_the_page_address() -> None:
    """The address "…/port-minister-vale-meets-lor" spells the headline's words: a quote of
    the headline aligns to the headline, never to the address."""
    text = ("https://news.example/kelby/port-minister-vale-meets-lor-2031\n"
            "Port Minister Vale Meets Lor\nThe minister met Dana Lor in Calder.\n")  # fmt: skip
    _, start, end, _ = ArticleIndex(text).align("Port Minister Vale Meets Lor")
    assert start is not None and end is not None
    assert text[start:end] == "Port Minister Vale Meets Lor"


def test_a_number_whose_quote_does_not_write_it_is_quoted_where_the_text_writes_it() -> None:
    """The model's quote for "eight" is the sentence before it: the value is written near
    it, so it is grounded, and it is shown with the sentence that writes it."""
    survivors = QuantityFields(evidence="One of the worst storms in years hit the coast",
                               what="survivors", value="eight", source=None)  # fmt: skip
    extraction = Extraction(event=_event_of("Floods kill 40 in the province of Varno"),
                            participants=[], quantities=[survivors])  # fmt: skip
    _, _, quantities, _ = ground_extraction(STORY, extraction)
    (eight,) = [q for q in quantities if q.value == "eight" and q.origin == "model"]
    g = eight.grounding
    assert eight.evidence == "Rescuers found eight survivors" and g.grounded
    assert STORY[g.start : g.end] == eight.evidence
    assert any("the sentence that writes 'eight'" in note for note in g.repaired)
