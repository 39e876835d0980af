"""summarizer.cues: who initiated the event and when the previous one of its kind was, in
made-up sentences of every supported language."""

from __future__ import annotations

import pytest

from summarizer.cues import find_initiator, find_previous_contact


@pytest.mark.parametrize(
    ("text", "who"),
    [
        # English: prepositional markers and passive agents
        ("The call took place at the request of the Karlovian side.", "the Karlovian side"),
        ("The summit, hosted by the Coastal League, opened on Saturday.", "the Coastal League"),
        ("The attack was claimed by the Northern Front group.", "the Northern Front group"),
        ("The meeting was convened by Ghana and Peru.", "Ghana and Peru"),
        ("The strike was carried out by the Red Hill brigade.", "the Red Hill brigade"),
        # Arabic
        ("عقد الاجتماع بناء على طلب الجانب المصري.", "الجانب المصري"),
        ("وجرى الاتصال بمبادرة من الجانب الكندي، بحسب البيان.", "الجانب الكندي"),
        ("وقال إن المؤتمر الذي نظمته جامعة الساحل، بحضور مئات الطلاب، انتهى.", "جامعة الساحل"),
        ("وشارك في الاجتماع الذي دعت إليه الأمم المتحدة.", "الأمم المتحدة"),
        ("وانتهت القمة التي استضافها المغرب.", "المغرب"),
        # Russian: after a noun or a verb the agent must look like one
        ("Разговор состоялся по инициативе чилийской стороны.", "чилийской стороны"),
        ("Встречу, организованную по просьбе Египта, провели в Каире.", "Египта"),
        ("Обмен организовала Турция, сообщили источники.", "Турция"),
        ("Переговоры инициировала чилийская сторона.", "чилийская сторона"),
        # the agent before a verb of initiating: the name or role right before it
        ("Officials said Minister Kova initiated the talks on Monday.", "Minister Kova"),
        (
            "Both delegations agreed that the Karlovian envoy initiated the contact.",
            "Karlovian envoy",
        ),
        ("A Karlovian-initiated truce held overnight.", "Karlovian"),
        ("وقال المتحدث إن الجانب الكندي هو من بادر بالاتصال.", "الجانب الكندي"),
        ("Как сообщили в ведомстве, Остин инициировал разговор.", "Остин"),
        ("Selon le ministère, le Chili a initié les discussions.", "Chili"),
        # French
        ("L'appel a eu lieu à la demande de la partie belge.", "la partie belge"),
        ("Le sommet, organisé par l'Union des ports, s'est tenu lundi.", "l'Union des ports"),
        ("L'attaque a été revendiquée par le Front du Nord.", "le Front du Nord"),
    ],
)
def test_the_initiator_is_the_agent_a_marker_introduces(text: str, who: str) -> None:
    found = find_initiator(text)
    assert found is not None and found[0] == who
    assert text[found[1] : found[2]] == who


@pytest.mark.parametrize(
    "text",
    [
        "Турция организовала обмен пленными.",  # the object follows the verb, not the agent
        "He initiated the talks on Monday.",  # a pronoun names no one
        "The talks, which were initiated last year, resumed.",
        "The ministers spoke by phone on Tuesday.",
        "وبناء على هذه النتائج أعلنت اللجنة الفائز.",  # "based on", not "at the request of"
    ],
)
def test_no_initiator_without_its_agent(text: str) -> None:
    assert find_initiator(text) is None


@pytest.mark.parametrize(
    ("text", "marker", "date"),
    [
        # "the last <any event> between ..." and "the first <any event> since <date or year>"
        ("The last summit between the two blocs was held on 4 June 2019.", "last summit",
         "4 June 2019"),
        ("It is the first visit by a foreign leader since 2015.", "since", "2015"),
        ("The previous round with the union ended on 9 May 2021.", "previous round",
         "9 May 2021"),
        ("وكانت آخر زيارة بين البلدين في 3 مارس 2021.", "آخر زيارة", "3 مارس 2021"),
        ("وعقد الاجتماع السابق بين الوفدين في 12 يناير 2022.", "الاجتماع السابق",
         "12 يناير 2022"),
        ("وهي المرة الأولى منذ عام 2012 التي يستضيف فيها البلد القمة.", "منذ", "2012"),
        ("Предыдущий визит между двумя странами состоялся 5 мая 2018 года.", "Предыдущий визит",
         "5 мая 2018"),
        ("Стороны встретились впервые с 2016 года.", "впервые", "2016"),
        ("La dernière rencontre entre les deux ministres remonte au 8 avril 2020.",
         "dernière rencontre", "8 avril 2020"),
        ("L'échange précédent avec Lagos a eu lieu le 2 mai 2019.", "échange précédent",
         "2 mai 2019"),
        ("C'est la première visite depuis 2017.", "depuis", "2017"),
    ],
)  # fmt: skip
def test_the_previous_event_of_any_kind_is_dated(text: str, marker: str, date: str) -> None:
    (found,) = find_previous_contact(text)
    assert (found.marker, found.date) == (marker, date)
    clause = text[found.start : found.end]
    assert clause.startswith(marker) and clause.endswith(date)


@pytest.mark.parametrize(
    "text",
    [
        "The talks were held last week between 2 and 4 March 2024.",  # "last" of a date
        "آخر اجتماع لمجموعة العمل في 12 أكتوبر.",  # the last meeting of something else
        "Le mois dernier, entre le 2 et le 3 mars 2024, rien.",
        "Les dernières semaines entre le 2 et le 3 mars 2024.",
        "Prices have risen since 2019.",  # "since" without "the first"
    ],
)
def test_dates_that_are_not_the_previous_event(text: str) -> None:
    assert find_previous_contact(text) == []
