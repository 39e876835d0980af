"""Values a reader can trust: participants checked against their type (a name, a body, a
country; not a headline's word, a city, a verb phrase or an announcer) and no place for an
event that happens at a distance (made-up articles, no model)."""

from __future__ import annotations

import pytest
from builders import participant

from summarizer.entities import announces, function_before, written_as_name
from summarizer.ground import taking_part
from summarizer.models import Event
from summarizer.read.found import from_text
from summarizer.read.places import event_place

STORY = (
    "Vale Speaks With Lor About Varno\n"
    "Minister Tom Vale met Dana Lor in Calder on Tuesday, said Averyanov, the spokesman for "
    "the ministry. Pentagon spokesman Nick Ode said the talks were useful. Moscow sent an "
    "envoy. The Arab countries welcomed it.\n"
)


def test_a_participant_the_story_does_not_write_as_a_name_is_dropped_with_a_note() -> None:
    notes: list[str] = []
    kept = taking_part(
        [participant("Tom Vale"), participant("Speaks"), participant("said Averyanov"),
         participant("Nick Ode"), participant("Moscow"), participant("the Arab countries")],
        STORY, notes,
    )  # fmt: skip
    assert [p.name for p in kept] == ["Tom Vale"]
    assert "dropped participant 'the Arab countries': a description, not a name" in notes
    assert any("'Speaks': the story does not write it as a name" in n for n in notes)
    # a function after the name (an apposition) or before it
    assert "participant 'said Averyanov': the name it gives is 'Averyanov'" in notes
    assert any("'Averyanov': they announce or comment (the spokesman for" in n for n in notes)
    assert any("'Nick Ode': they announce or comment (spokesman)" in n for n in notes)
    assert any("'Moscow': a place" in n for n in notes)


def test_a_participant_given_with_lower_case_words_first_is_shown_by_its_name() -> None:
    notes: list[str] = []
    story = "Tom Vale met Dana Lor in Calder. The talks were useful, said Vale on Tuesday."
    (kept,) = taking_part([participant("said Vale")], story, notes)
    assert kept.name == "Vale"
    assert "participant 'said Vale': the name it gives is 'Vale'" in notes


def test_a_person_named_only_in_the_speaker_words_of_a_statement_is_no_participant() -> None:
    """ "أعلن وزير النقل، توم فيل، أن ..." names who announced: a role and the name after it,
    before what was said. He takes no part in the flood he reports on."""
    from summarizer.read.statements import statements_of

    notes: list[str] = []
    story = ("غمرت السيول مدينة كيلبي يوم الاثنين. "
             "وأعلن وزير النقل، توم فيل، مساء الاثنين، أن الطريق إلى كيلبي مغلق.\n")  # fmt: skip
    claims = statements_of(story, [])
    kept = taking_part([participant("توم فيل")], story, notes, claims)
    assert kept == []
    assert "dropped participant 'توم فيل': the story names them only as a speaker" in notes


@pytest.mark.parametrize(
    "story",
    [
        'Defense Minister Tom Vale discussed "the situation in Calder" with Dana Lor, '
        "a spokesman said.\n",
        "Министр обороны Том Вейл обсудил с Даной Лор ситуацию в Кельби, заявил пресс-секретарь.\n",
    ],
)
def test_who_discusses_with_someone_takes_part_though_a_statement_reads_them(story: str) -> None:
    """A verb of talks (the packs' ``talk_verbs_re``) reads as a statement (a readout: "X
    discussed '...'"), but its speaker took part in the talks, unlike one who only speaks."""
    from summarizer.read.statements import statements_of

    notes: list[str] = []
    claims = statements_of(story, [])
    name = story.split()[2] + " " + story.split()[3]
    assert any(name in c.speaker for c in claims)  # read as a statement of his
    kept = taking_part([participant(name)], story, notes, claims)
    assert [p.name for p in kept] == [name]


def test_the_outlet_a_dateline_credits_is_no_participant() -> None:
    """ "Кельби, 5 марта - Порт-Новости." credits the page's source, which takes no part."""
    notes: list[str] = []
    story = "Кельби, 5 марта - Порт-Новости. Министр Том Вейл открыл порт Кельби в среду.\n"
    kept = taking_part([participant("Порт-Новости"), participant("Том Вейл")], story, notes)
    assert [p.name for p in kept] == ["Том Вейл"]
    assert "dropped participant 'Порт-Новости': the dateline's credit (the source)" in notes


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("يجريان اتصالا هاتفيا", "وزير الدفاع ونظيره يجريان اتصالا هاتفيا", True),  # no case
        ("الجزائرية الديمقراطية الشعبية", "رئيسا للجمهورية الجزائرية الديمقراطية الشعبية", False),
        ("وزارة الدفاع الروسية", "أعلنت وزارة الدفاع الروسية", True),  # a body names itself
        ("نادر سليم", "قال الوزير نادر سليم إن", True),
        ("Лия Мор", "Министр Лия Мор заявила", True),
        ("heads of state", "drawing heads of state", False),
    ],
)
def test_written_as_name(name: str, text: str, expected: bool) -> None:
    assert written_as_name(name, text) is expected


def test_the_function_before_a_name_and_announcers() -> None:
    text = "قال المتحدث باسم وزارة الدفاع نادر سليم إن الوزير تحدث هاتفيا"
    assert function_before("نادر سليم", text) == "المتحدث باسم وزارة الدفاع"
    assert announces("المتحدث باسم وزارة الدفاع") and announces("пресс-секретарь Пентагона")
    assert not announces("وزير الدفاع")


@pytest.mark.parametrize(
    ("text", "name", "function", "announcer"),
    [
        ("The ministry's press secretary Dana Lor said the call was useful.", "Dana Lor",
         "press secretary", True),  # the first word of an announcer's phrase
        ("Тома Вейла поддержал пресс-секретарь Министерства Лия Мор.", "Лия Мор",
         "пресс-секретарь Министерства", True),  # the body spoken for, in the genitive
        ("Tom Vale and Defence Minister Dana Lor spoke.", "Dana Lor", "Defence Minister", False),
        ("Том Вейл и Лия Мор поговорили.", "Лия Мор", None, False),  # a name is no function
    ],
)  # fmt: skip
def test_the_function_before_a_name_holds_an_announcers_whole_phrase(
    text: str, name: str, function: str | None, announcer: bool
) -> None:
    assert function_before(name, text) == function
    assert announces(function or "") is announcer


@pytest.mark.parametrize(
    "sentence",
    [
        "Tom Vale spoke by phone with Dana Lor about the situation in Varno.",
        "أجرى الوزير نادر سليم اتصالا هاتفيا مع نظيره بشأن الوضع في فارنو",
        "Лия Мор провела телефонный разговор с Томом Вейлом о ситуации в Варно.",
    ],
)
def test_a_call_happens_nowhere_the_country_it_is_about_is_no_place(sentence: str) -> None:
    assert event_place("Varno", sentence, sentence, sentence) is None


@pytest.mark.parametrize(
    ("where", "sentence", "opening", "place"),
    [
        # a country is made precise with its city the opening writes after a locative
        (
            "Turkey",
            "Prisoners were freed in a swap, Turkey's intelligence agency said.",
            "The swap took place in Ankara on Thursday.",
            "Ankara, Turkey",
        ),
        (
            "تركيا",
            "أفرج عن السجناء في عملية تبادل، بحسب المخابرات في تركيا.",
            "وجرت العملية في أنقرة يوم الخميس.",
            "أنقرة، تركيا",
        ),
        # a city the opening only names (a capital for its government) does not
        (
            "Turkey",
            "Prisoners were freed in a swap, Turkey's intelligence agency said.",
            "Ankara said it had organised the swap.",
            "Turkey",
        ),
    ],
)
def test_a_country_made_precise_by_the_city_it_happened_in(
    where: str, sentence: str, opening: str, place: str
) -> None:
    assert event_place(where, sentence, f"{sentence}\n{opening}", opening) == place


def test_a_body_is_no_place() -> None:
    sentence = "أعلنت المحكمة الدستورية فوز نادر سليم بالانتخابات."
    assert event_place("المحكمة الدستورية", sentence, sentence, sentence) is None


def test_a_report_by_phone_does_not_make_the_event_a_call() -> None:
    sentence = "Floods killed 40 in Varno, the governor told reporters by phone on Monday."
    assert event_place("Varno", sentence, sentence, sentence) == "Varno"


def test_a_source_that_says_in_person_against_those_that_say_by_phone_is_flagged() -> None:
    from builders import event, people, summary

    from summarizer.diff import compare
    from summarizer.models import Kind
    from summarizer.read.places import IN_PERSON, REMOTE, event_manner

    assert event_manner("Tom Vale had a face-to-face meeting with Dana Lor.") == IN_PERSON
    assert event_manner("التقى الوزيران وجها لوجه") == IN_PERSON
    assert event_manner("Лия Мор поговорила по телефону с Томом Вейлом.") == REMOTE
    assert event_manner("the governor told reporters by phone that 40 died") is None

    def call(id: str, manner: str | None) -> object:
        e = event("Tom Vale and Dana Lor talked", when="Friday").model_copy(
            update={"manner": manner}
        )
        return summary(id, e, participants=people("Tom Vale", "Dana Lor"), language="en")

    comparison = compare([call("a", REMOTE), call("b", REMOTE), call("c", IN_PERSON)])
    (report,) = comparison.events
    flags = [d for d in report.disagreements if d.field == "event.manner"]
    assert len(flags) == 1 and flags[0].kind == Kind.CONTRADICTION
    assert {v.article for v in flags[0].values} == {"a", "b", "c"}
    assert "the fewest: in person" in flags[0].note


def _event_at(story: str, sentence: str) -> Event:

    at = story.index(sentence)
    return Event(evidence=sentence, what="talks", kind="talks", when=None, where=None,
                 initiator=None, grounding=from_text(at, at + len(sentence), "test"))  # fmt: skip


def test_a_titled_name_in_a_headline_ends_where_its_capitals_stop_meaning_a_name() -> None:
    """ "Port Minister Vale Meets With Lor": a headline's capitals; "Meets" the body writes in
    lower case ("meets"), so it is no part of the name."""
    from summarizer.read.people import titled_in_event

    story = ("Port Minister Vale Meets With Lor\nMinister Vale meets Dana Lor in Calder "
             "today, and Vale said the talks were useful.\n")  # fmt: skip
    event = _event_at(story, "Port Minister Vale Meets With Lor")
    assert [p.name for p in titled_in_event(story, event, [])] == ["Vale"]


def test_a_present_verb_after_a_title_is_no_name() -> None:
    """ "وزير النقل الكيلبي يناقش الوضع": the minister discusses (the text also writes the
    verb "ناقش"); in "وزير النقل الكيلبي يوسف فيل يفتتح الميناء" the name ends at the verb."""
    from summarizer.read.people import titled_in_event

    story = "وزير النقل الكيلبي يناقش الوضع في الميناء\nناقش الوزير الوضع مع نظيره.\n"
    event = _event_at(story, "وزير النقل الكيلبي يناقش الوضع في الميناء")
    assert titled_in_event(story, event, []) == []
    story = "وزير النقل الكيلبي يوسف فيل يفتتح الميناء\nافتتح الوزير الميناء.\n"
    event = _event_at(story, "وزير النقل الكيلبي يوسف فيل يفتتح الميناء")
    assert [p.name for p in titled_in_event(story, event, [])] == ["يوسف فيل"]


@pytest.mark.parametrize(
    ("where", "sentence", "place"),
    [
        ("the streets in Libya", "Floods swept the streets in Libya on Monday.", "Libya"),
        ("الشوارع في ليبيا", "غمرت السيول الشوارع في ليبيا يوم الاثنين.", "ليبيا"),
        ("beachgoers in Sevastopol", "Fragments fell on beachgoers in Sevastopol on Sunday.",
         "Sevastopol"),
    ],
)  # fmt: skip
def test_a_place_given_after_what_is_there_is_the_place(
    where: str, sentence: str, place: str
) -> None:
    assert event_place(where, sentence, sentence, sentence) == place
