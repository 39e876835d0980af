"""Reported statements found in the text by pattern: speaker, what was said, exact span.

Every sentence here is made up (invented people, places and events)."""

from __future__ import annotations

import pytest

from summarizer.read.statements import statements_of
from summarizer.statements import find_statements

PEOPLE = ["لويد أوستن", "أندريه بيلوسوف"]


def _found(text: str, people: list[str] = PEOPLE) -> list[tuple[str, str]]:
    statements = find_statements(text, people)
    for s in statements:  # the span is the clause: it holds what was said
        assert s.what[:20] in text[s.start : s.end]
    return [(s.speaker, s.what) for s in statements]


@pytest.mark.parametrize(
    ("sentence", "speaker", "what"),
    [
        # verb first, complementiser after the speaker
        ("أكد البنتاغون أن أوستن أجرى مباحثات مع نظيره الروسي.",
         "البنتاغون", "أوستن أجرى مباحثات مع نظيره الروسي"),
        # an aside between the speaker and what was said
        ("وقالت وزارة الدفاع الروسية، في بيان نشرته، إنّ بيلوسوف حذر من التصعيد.",
         "وزارة الدفاع الروسية", "بيلوسوف حذر من التصعيد"),
        # a discussion verb: the subject (a participant's surname: the participant), then
        # "with the counterpart" and the subject matter
        ("بحث أوستن مع نظيره الروسي استئناف الاتصالات العسكرية بين البلدين.",
         "لويد أوستن", "مع نظيره الروسي استئناف الاتصالات العسكرية بين البلدين"),
        # subject first, then the verb
        ("لكن وزارة الدفاع الروسية أوضحت في وقت سابق أن الوزيرين ناقشا قضايا الأمن.",
         "وزارة الدفاع الروسية", "الوزيرين ناقشا قضايا الأمن"),
        ("The Pentagon said Austin spoke with his Russian counterpart.",
         "The Pentagon", "Austin spoke with his Russian counterpart"),
        ("Министерство обороны заявило, что Белоусов обсудило с коллегой ситуацию.",
         "Министерство обороны", "Белоусов обсудило с коллегой ситуацию"),
    ],
)  # fmt: skip
def test_speaker_and_statement(sentence: str, speaker: str, what: str) -> None:
    (found,) = _found(sentence, [*PEOPLE, "Lloyd Austin", "Андрей Белоусов"])
    assert found == (speaker, what)


@pytest.mark.parametrize(
    ("sentence", "speaker", "what"),
    [
        # an aside before the speaker, a quote opening right at the verb
        ("During the meeting, Tarlow “stressed the need for calm.”",
         "Tarlow", "the need for calm"),
        # what was said first, the speaker and the verb last, then only when
        ("The flood killed 40 people in Varnek, the Orland Red Cross said on Monday.",
         "the Orland Red Cross", "The flood killed 40 people in Varnek"),
        ("“We will rebuild every bridge,” said Mayor Ilsa Brandt.",
         "Mayor Ilsa Brandt", "We will rebuild every bridge"),
        # "Name, role, told X": the name; what was said first
        ("“The count is not over,” Petra Nolan, the commission's chairwoman, told reporters "
         "in Kelby on Sunday.", "Petra Nolan", "The count is not over"),
        ("Jonas Weller, the agency's director, told The Daily Courier by phone that 120 homes "
         "were destroyed.", "Jonas Weller", "120 homes were destroyed"),
        ("At least 300 people are reported missing, according to the Drava civil defence "
         "agency.", "the Drava civil defence agency", "At least 300 people are reported missing"),
        ("According to the Selm Health Ministry, 52 patients were treated.",
         "the Selm Health Ministry", "52 patients were treated"),
        # a time before the speaker, fillers between the speaker and the verb
        ("On Tuesday the Marden court also said that the verdict was final.",
         "the Marden court", "the verdict was final"),
        ("The ministry has also confirmed that 12 villages were cut off.",
         "The ministry", "12 villages were cut off"),
        ("Meanwhile, the Tolvan port authority warned that ships should stay away.",
         "the Tolvan port authority", "ships should stay away"),
        # the dots of "U.S.", "6.1" and "a.m." end no sentence
        ("The U.S. Geological Survey said the quake had a magnitude of 6.1 at 3 a.m. local time.",
         "The U.S. Geological Survey", "the quake had a magnitude of 6.1 at 3 a.m. local time"),
        # "which said" is about the noun before its comma, the next verb's speaker
        ("Belmar, which said it sent two planes, said the airport was open.",
         "Belmar", "the airport was open"),
        # a colon at the end of a line: what was said is the next line
        ("Speaking after the vote, Dana Holm declared:\n“We have won.”",
         "Dana Holm", "We have won"),
        # a participle opens the sentence, the speaker is the name between the commas
        ("Speaking in Kelby on Friday, Port Minister Dana Holm, told reporters that the "
         "port is open.", "Port Minister Dana Holm", "the port is open"),
        # the marks inside a quotation end no sentence
        ('Mayor Lin Vos said: "We will keep pushing.. the port must open."',
         "Mayor Lin Vos", "We will keep pushing.. the port must open"),
    ],
)  # fmt: skip
def test_english_speakers_are_the_noun_phrase_of_the_verb(
    sentence: str, speaker: str, what: str
) -> None:
    (found,) = _found(sentence, [])
    assert found == (speaker, what)


@pytest.mark.parametrize(
    ("sentence", "speaker", "what"),
    [
        ("Министр здравоохранения Игорь Ламов заявил, что больницы работают.",
         "Министр здравоохранения Игорь Ламов", "больницы работают"),
        ("Число погибших достигло 45, сообщает МЧС республики.",
         "МЧС республики", "Число погибших достигло 45"),
        ("«Мы восстановим мост», — заявил мэр Арсений Волков.",
         "мэр Арсений Волков", "Мы восстановим мост"),
        ("Как сообщил представитель МЧС, спасатели нашли 12 человек.",
         "представитель МЧС", "спасатели нашли 12 человек"),
        ("По словам губернатора Олега Сомова, дамба выдержала.",
         "губернатора Олега Сомова", "дамба выдержала"),
        ("Эвакуированы 300 жителей, по данным областной администрации.",
         "областной администрации", "Эвакуированы 300 жителей"),
        # "Об этом сообщает X": what the sentence before says; the quotes of a name go
        ("Уровень воды в реке превысил пять метров. Об этом сообщает агентство «Северные "
         "Новости».", "агентство Северные Новости", "Уровень воды в реке превысил пять метров"),
        ("В воскресенье министр обороны Павел Дерин также подтвердил, что учения закончены.",
         "министр обороны Павел Дерин", "учения закончены"),
        ("Анна Ветрова, глава комиссии, сообщила журналистам, что явка составила 61%.",
         "Анна Ветрова", "явка составила 61%"),
        # the object first, the speaker after the verb
        ("Гибель экипажа подтвердил командующий флотом Андрей Милов.",
         "командующий флотом Андрей Милов", "Гибель экипажа"),
        ("В МЧС сообщили, что пожар потушен.", "МЧС", "пожар потушен"),
    ],
)  # fmt: skip
def test_russian_speakers_before_or_after_the_verb(sentence: str, speaker: str, what: str) -> None:
    (found,) = _found(sentence, [])
    assert found == (speaker, what)


@pytest.mark.parametrize(
    ("sentence", "speaker", "what"),
    [
        ("وقالت وزارة الصحة في بيان إن 20 شخصا قتلوا.", "وزارة الصحة", "20 شخصا قتلوا"),
        # a time after the speaker ends it
        ("أعلن الدفاع المدني، مساء الأحد، أن فرقه أنقذت 15 شخصا.",
         "الدفاع المدني", "فرقه أنقذت 15 شخصا"),
        ("ارتفع عدد القتلى إلى 70، بحسب الهلال الأحمر.",
         "الهلال الأحمر", "ارتفع عدد القتلى إلى 70"),
        # short vowels and a shadda on the verb and on the complementiser
        ("وأكّدت المحكمة أنّه لا يوجد دليل.", "المحكمة", "لا يوجد دليل"),
        # "وكان X قد طالب": the subject before the verb
        ("وكان الادعاء قد طالب بسجنه عشر سنوات.", "الادعاء", "بسجنه عشر سنوات"),
        # a newspaper and its name in quotes
        ('كما كتبت صحيفة "الأفق" أن الطريق أغلق.', "صحيفة الأفق", "الطريق أغلق"),
    ],
)  # fmt: skip
def test_arabic_speakers_after_the_verb(sentence: str, speaker: str, what: str) -> None:
    (found,) = _found(sentence, [])
    assert found == (speaker, what)


@pytest.mark.parametrize(
    ("sentence", "speaker", "what"),
    [
        ("« Le pont est fermé », a déclaré le maire de Vallon, Luc Amiel.",
         "le maire de Vallon", "Le pont est fermé"),
        ("Selon la préfecture, 40 familles ont été évacuées.",
         "la préfecture", "40 familles ont été évacuées"),
        ("La ministre Claire Fabre a annoncé que les écoles rouvriront lundi.",
         "ministre Claire Fabre", "les écoles rouvriront lundi"),
    ],
)  # fmt: skip
def test_french_speakers(sentence: str, speaker: str, what: str) -> None:
    (found,) = _found(sentence, [])
    assert found == (speaker, what)


@pytest.mark.parametrize(
    "text",
    [
        "Ten people were reported missing.",  # a passive verb says nothing
        "The claims of alleged fraud grew.",  # "alleged" after "of" is no verb
        "He added that the road was open.",  # a pronoun with no statement before it
        "واتُّهم الوزير بالفساد.",  # a passive Arabic verb: the minister was accused
        "What did the mayor of Kelby say? He said nothing.",
        # a page's address is no text: its words say nothing
        "https://news.example/2031/ports-closed-says-harbour-master-77.html\nPorts closed",
        # two parties joined by "and" talked together: no statement of either
        "Mayor Lin Vos and Governor Ada Brix spoke about the port for an hour.",
        # a line in capitals only is another story's headline
        "FORMER HARBOUR MASTER SAYS KELBY PORT WAS NEVER SAFE TO OPEN",
        # a subhead with a reporting verb does not speak for the next line
        "Changes promised\nThe port of Kelby reopened on Monday after the storm.",
    ],
)
def test_no_statement(text: str) -> None:
    assert _found(text, []) == []


def test_an_attached_and_joins_two_speakers() -> None:
    """Arabic writes "and" on the word: "فوسيه وبريكسو" are two who spoke together, since the
    text writes "بريكسو" alone; "وزارة" (a ministry) carries no "and"."""
    text = "قال فوسيه وبريكسو إن الميناء مفتوح. وأكد بريكسو أن الطريق مفتوح."
    assert [sp for sp, _ in _found(text, [])] == ["بريكسو"]
    assert [sp for sp, _ in _found("قالت وزارة النقل إن الميناء مفتوح.", [])] == ["وزارة النقل"]


@pytest.mark.parametrize(
    ("text", "speaker", "what"),
    [
        # the day comes between the verb and its speaker
        ("Порт Кельби закрыт до понедельника, сообщает 13 мая пресс-служба порта.",
         "пресс-служба порта", "Порт Кельби закрыт до понедельника"),
        # a source in quotes after "according to" with its attached preposition
        ('وأغلق الميناء أبوابه أمس، وفقًا لـ"رويترز".', "رويترز",
         "وأغلق الميناء أبوابه أمس"),
        # a month cut short with a dot does not end the sentence
        ("The port has been shut since Feb. 18, according to Lin Vos.",
         "Lin Vos", "The port has been shut since Feb. 18"),
    ],
)  # fmt: skip
def test_speakers_written_around_dates_quotes_and_abbreviations(
    text: str, speaker: str, what: str
) -> None:
    assert (speaker, what) in _found(text, [])


def test_a_pronoun_is_the_previous_speaker() -> None:
    text = "Governor Ana Ruiz said the dam held. She added: “The water is falling.”"
    assert _found(text, []) == [
        ("Governor Ana Ruiz", "the dam held"),
        ("Governor Ana Ruiz", "The water is falling"),
    ]
    text = "وقال محافظ المدينة سامي الراوي إن المياه انحسرت. وأضاف أن المدارس ستفتح غدا."
    assert _found(text, []) == [
        ("محافظ المدينة سامي الراوي", "المياه انحسرت"),
        ("محافظ المدينة سامي الراوي", "المدارس ستفتح غدا"),
    ]


def test_a_pronoun_far_from_the_previous_statement_is_dropped() -> None:
    text = (
        "Governor Ana Ruiz said the dam held. The river rose all night. Roads were closed. "
        "She added that schools would stay shut."
    )
    assert _found(text, []) == [("Governor Ana Ruiz", "the dam held")]


def test_a_surname_is_the_participant_it_belongs_to() -> None:
    assert _found("Ortega said 12 roads were closed.", ["Luis Ortega"]) == [
        ("Luis Ortega", "12 roads were closed")
    ]


def test_statements_about_any_subject_are_kept() -> None:
    text = (
        "أفاد مراسل القناة بأن القوات تواصل عمليات الاستهداف.\n"
        "وقال المحلل إن الأسعار سترتفع.\n"
        "وحذر بيلوسوف من مخاطر الإمدادات."
    )
    assert _found(text) == [
        ("مراسل القناة", "القوات تواصل عمليات الاستهداف"),
        ("المحلل", "الأسعار سترتفع"),
        ("أندريه بيلوسوف", "من مخاطر الإمدادات"),  # a participant's surname: the full name
    ]


def test_a_statement_inside_another_is_part_of_the_outer_one() -> None:
    text = "وأعلنت موسكو أن الوزيرين بحثا الوضع في أوكرانيا، وأن أوستن شدد على الحوار."
    ((speaker, what),) = _found(text)
    assert speaker == "موسكو"
    assert what.startswith("الوزيرين بحثا الوضع")


def test_a_new_clause_after_a_comma_is_a_statement_of_its_own() -> None:
    text = "وذكرت وكالة الأنباء أن السد انهار، وقال الهلال الأحمر إن 30 شخصا فقدوا."
    first, second = find_statements(text)
    assert (first.speaker, first.what) == ("وكالة الأنباء", "السد انهار")
    assert (second.speaker, second.what) == ("الهلال الأحمر", "30 شخصا فقدوا")
    assert text[first.start : first.end] == "وذكرت وكالة الأنباء أن السد انهار"
    assert text[second.start : second.end] == "وقال الهلال الأحمر إن 30 شخصا فقدوا"


def test_spans_hold_speaker_and_statement() -> None:
    text = "Flights resumed on Friday. The death toll rose to 31, the Kelby health office said."
    (s,) = find_statements(text)
    assert text[s.start : s.end] == "The death toll rose to 31, the Kelby health office said"


def test_a_long_sentence_is_cut_at_a_comma() -> None:
    text = "وقال أوستن إن " + "، ".join(f"البند {i} مهم جدا للطرفين" for i in range(20)) + "."
    (s,) = find_statements(text, PEOPLE)
    assert len(text[s.start : s.end].split()) <= 40
    assert text[s.start : s.end].endswith("للطرفين")


def test_text_statements_are_claims_quoting_their_own_clause() -> None:
    text = "وقال أوستن إن الاتصال مهم. وحذر بيلوسوف من مخاطر الإمدادات. وقال محلل إن الطقس حار."
    first, second, third = statements_of(text, PEOPLE)  # the analyst too: any named source
    assert (first.speaker, first.claim) == ("لويد أوستن", "الاتصال مهم")
    assert (second.speaker, second.claim) == ("أندريه بيلوسوف", "من مخاطر الإمدادات")
    assert (third.speaker, third.claim) == ("محلل", "الطقس حار")
    for c in (first, second, third):
        g = c.grounding
        assert g.grounded and text[g.start : g.end] == c.evidence
        assert g.repaired == ["found in the text: a reporting verb and its speaker"]


# --- roles named in the text, and the previous contact's date -----------------------------------


def test_a_participant_given_only_as_a_role_gets_the_name_the_text_writes_after_it() -> None:
    from builders import participant

    from summarizer.read.people import name_roles

    text = ("أجرى وزيرا الدفاع الأمريكي والروسي محادثات. وأعلنت الوزارتان أن وزير الدفاع "
            "الروسي سيرجي شويجو ووزير الدفاع الأمريكي لويد أوستن، أجريا محادثات. وقال أوستن "
            "إن شويجو وافق.")  # fmt: skip
    roles = [participant("وزيرا الدفاع الأمريكي"), participant("وزير الدفاع الروسي"),
             participant("لويد أوستن"), participant("وزارة الدفاع")]  # fmt: skip
    named = name_roles(text, roles)
    assert [p.name for p in named] == ["لويد أوستن", "سيرجي شويجو", "لويد أوستن", "وزارة الدفاع"]
    us = named[0]
    assert us.role == "وزيرا الدفاع الأمريكي"
    assert text[us.grounding.start : us.grounding.end] == "ووزير الدفاع الأمريكي لويد أوستن"
    assert us.grounding.repaired == [
        "name: the text names the role 'وزيرا الدفاع الأمريكي': 'لويد أوستن'"
    ]
    assert named[2] is roles[2] and named[3] is roles[3]  # a name, and a role never named


@pytest.mark.parametrize(
    ("text", "role"),
    [
        # the role's complement, not a name: "for the rights of the child Maria"
        ("وقالت المفوضة الروسية لحقوق الطفل ماريا لفوفا إن ماريا زارت المدينة.", "المفوضة الروسية"),
        # a verb and its object: "the Ukrainian forces targeted the city"
        ("وقال الجيش إن القوات الأوكرانية استهدفت المدينة. وقصفت المدينة.", "القوات الأوكرانية"),
        # a name the text never writes again
        ("وقال وزير الدفاع الروسي سيرجي شويجو إن الاتصال مهم.", "وزير الدفاع الروسي"),
        # places are no role: no name follows them
        ("فرنسا وإيطاليا توقعان اتفاقية تعاون. وتشمل اتفاقية التعاون الموانئ.", "فرنسا وإيطاليا"),
    ],
)
def test_in_a_script_without_case_the_words_after_a_role_name_someone_only_when_they_can(
    text: str, role: str
) -> None:
    from builders import participant

    from summarizer.read.people import name_roles

    (found,) = name_roles(text, [participant(role)])
    assert found.name == role and found.grounding.repaired == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("وتعود آخر مكالمة بين أوستن وشويغو إلى 13 أيار/مايو، قبل أيام.",
         ("آخر مكالمة", "13 أيار/مايو")),
        ("وهو أول اتصال من نوعه منذ 15 مارس 2023.", ("منذ", "15 مارس 2023")),
        ("The last call between the two was on March 15, 2023.", ("last call", "March 15, 2023")),
        ("Это первый разговор с 2023 года. Последний разговор между ними был 15 марта 2023 года.",
         ("Последний разговор", "15 марта 2023")),
    ],
)  # fmt: skip
def test_the_previous_contact_is_dated_where_the_text_dates_it(
    text: str, found: tuple[str, str]
) -> None:
    from summarizer.cues import find_previous_contact

    (p,) = find_previous_contact(text)
    assert (p.marker, p.date) == found
    assert text[p.start : p.end].startswith(p.marker) and text[p.start : p.end].endswith(p.date)


@pytest.mark.parametrize(
    "text",
    [
        "آخر اجتماع لمجموعة الاتصال الدفاعية في 12 أكتوبر.",  # the last meeting of something else
        "وتتواصل العمليات منذ مارس 2023.",  # "since" without "the first"
    ],
)
def test_dates_that_are_not_the_previous_contact(text: str) -> None:
    from summarizer.cues import find_previous_contact

    assert find_previous_contact(text) == []


def test_no_name_is_taken_across_a_comma() -> None:
    from builders import participant

    from summarizer.read.people import name_roles

    text = "أجرى وزيرا الدفاع الأمريكي والروسي، محادثات هاتفية اليوم."
    role = participant("وزيرا الدفاع الأمريكي والروسي")
    assert name_roles(text, [role]) == [role]


def test_a_curly_quote_closed_by_a_straight_one_ends_its_sentence() -> None:
    """“… the ongoing war." closes the quotation: the next sentence's speaker is its own
    ("The ministry"), not the previous sentence's last words with it."""
    text = (
        'Austin stressed “the importance of open lines amid the war." Then he called Oleksii '
        "Reznikov. The ministry said on Monday that they discussed “aspects of security.”"
    )
    (found,) = [s for s in find_statements(text) if "discussed" in s.what]
    assert found.speaker == "The ministry"
