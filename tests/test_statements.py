"""Reported statements found in the text by pattern: speaker, what was said, exact span."""

from __future__ import annotations

import pytest
from builders import claim

from summarizer.ground import check_statements
from summarizer.models import Claim
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


def _claim_at(text: str, speaker: str, quote: str) -> Claim:
    c = claim(speaker, quote, evidence=quote)
    start = text.index(quote)
    c.grounding.start, c.grounding.end = start, start + len(quote)
    return c


def test_statements_a_model_claim_covers_are_not_added_again() -> None:
    text = "وقال أوستن إن الاتصال مهم. وحذر بيلوسوف من مخاطر الإمدادات."
    covered = _claim_at(text, "أوستن", "وقال أوستن إن الاتصال مهم")
    kept, added = check_statements(text, PEOPLE, [covered])
    assert kept == covered  # its speaker is the one the text names: untouched
    assert (added.speaker, added.claim) == ("بيلوسوف", "من مخاطر الإمدادات")
    g = added.grounding
    assert g.grounded and text[g.start : g.end] == added.evidence
    assert g.repaired == ["added from the text: the model missed it"]


def test_a_quote_the_model_gives_to_the_wrong_speaker_gets_the_texts_speaker() -> None:
    text = "وأعلنت وزارتا الدفاع في البلدين أن الوزير أوستن أجرى محادثات مع نظيره."
    wrong = _claim_at(text, "ووزير الدفاع الأمريكي", "أن الوزير أوستن أجرى محادثات مع نظيره")
    (fixed,) = check_statements(text, PEOPLE, [wrong])
    assert fixed.speaker == "وزارتا الدفاع"
    assert fixed.grounding.repaired == [
        "speaker: 'ووزير الدفاع الأمريكي' → 'وزارتا الدفاع', who the text says made the statement",
        "quote extended to the whole statement",
    ]
    assert fixed.evidence == text.rstrip(".")


def test_a_quote_cut_short_is_extended_to_the_whole_statement() -> None:
    text = ("وقال باتريك رايدر إن الوزير أوستن تحدث هاتفيا مع بيلوسوف، وشدد على أهمية "
            "الحفاظ على قنوات الاتصال العسكرية على خلفية الحرب المستمرة.")  # fmt: skip
    short = _claim_at(text, "باتريك رايدر", "الوزير أوستن تحدث هاتفيا")
    (whole,) = check_statements(text, PEOPLE, [short])
    assert whole.speaker == "باتريك رايدر"
    assert whole.evidence == text.rstrip(".") and "قنوات الاتصال" in whole.claim
    g = whole.grounding
    assert text[g.start : g.end] == whole.evidence
    assert g.repaired == ["quote extended to the whole statement"]
