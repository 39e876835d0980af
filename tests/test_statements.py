"""Reported statements found in the text by pattern: speaker, what was said, exact span."""

from __future__ import annotations

import pytest

from summarizer.ground import text_statements
from summarizer.statements import find_statements

PEOPLE = ["لويد أوستن", "أندريه بيلوسوف"]


def _found(text: str, people: list[str] = PEOPLE) -> list[tuple[str, str]]:
    statements = find_statements(text, people)
    for s in statements:  # the span is the clause: it holds the speaker and the statement
        clause = text[s.start : s.end]
        assert s.speaker.split()[0] in clause and s.what[:20] in clause
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
        # a discussion verb: the subject, then "with the counterpart" and the subject matter
        ("بحث أوستن مع نظيره الروسي استئناف الاتصالات العسكرية بين البلدين.",
         "أوستن", "مع نظيره الروسي استئناف الاتصالات العسكرية بين البلدين"),
        # subject first, then the verb
        ("لكن وزارة الدفاع الروسية أوضحت في وقت سابق أن الوزيرين ناقشا قضايا الأمن.",
         "وزارة الدفاع الروسية", "الوزيرين ناقشا قضايا الأمن"),
        ("The Pentagon said Austin spoke with his Russian counterpart.",
         "The Pentagon", "Austin spoke with his Russian counterpart"),
        ("Министерство обороны заявило, что Белоусов обсудил с коллегой ситуацию.",
         "Министерство обороны", "Белоусов обсудил с коллегой ситуацию"),
    ],
)  # fmt: skip
def test_speaker_and_statement(sentence: str, speaker: str, what: str) -> None:
    (found,) = _found(sentence, [*PEOPLE, "Lloyd Austin", "Андрей Белоусов"])
    assert found == (speaker, what)


def test_statements_that_mention_no_one_of_the_event_are_left_out() -> None:
    text = (
        "أفاد مراسل القناة بأن القوات تواصل عمليات الاستهداف.\n"
        "وقال المحلل إن الأسعار سترتفع.\n"
        "وحذر بيلوسوف من مخاطر الإمدادات."
    )
    assert _found(text) == [("بيلوسوف", "من مخاطر الإمدادات")]


def test_a_statement_inside_another_is_part_of_the_outer_one() -> None:
    text = "وأعلنت موسكو أن الوزيرين بحثا الوضع في أوكرانيا، وأن أوستن شدد على الحوار."
    ((speaker, what),) = _found(text)
    assert speaker == "موسكو"
    assert what.startswith("الوزيرين بحثا الوضع")


def test_a_long_sentence_is_cut_at_a_comma() -> None:
    text = "وقال أوستن إن " + "، ".join(f"البند {i} مهم جدا للطرفين" for i in range(20)) + "."
    (s,) = find_statements(text, PEOPLE)
    assert len(text[s.start : s.end].split()) <= 40
    assert text[s.start : s.end].endswith("للطرفين")


def test_text_statements_are_claims_quoting_their_own_clause() -> None:
    text = "وقال أوستن إن الاتصال مهم. وحذر بيلوسوف من مخاطر الإمدادات. وقال محلل إن الطقس حار."
    first, second = text_statements(text, PEOPLE)  # the analyst names no one of the event
    assert (first.speaker, first.claim) == ("أوستن", "الاتصال مهم")
    assert (second.speaker, second.claim) == ("بيلوسوف", "من مخاطر الإمدادات")
    for c in (first, second):
        g = c.grounding
        assert g.grounded and text[g.start : g.end] == c.evidence
        assert g.repaired == ["found in the text: a reporting verb and its speaker"]


# --- roles named in the text, and the previous contact's date -----------------------------------


def test_a_participant_given_only_as_a_role_gets_the_name_the_text_writes_after_it() -> None:
    from builders import participant

    from summarizer.ground import name_roles

    text = ("أجرى وزيرا الدفاع الأمريكي والروسي محادثات. وأعلنت الوزارتان أن وزير الدفاع "
            "الروسي سيرجي شويجو ووزير الدفاع الأمريكي لويد أوستن، أجريا محادثات.")  # fmt: skip
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

    from summarizer.ground import name_roles

    text = "أجرى وزيرا الدفاع الأمريكي والروسي، محادثات هاتفية اليوم."
    role = participant("وزيرا الدفاع الأمريكي والروسي")
    assert name_roles(text, [role]) == [role]
