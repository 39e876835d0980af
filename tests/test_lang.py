"""summarizer.lang: one suite runs every pack's own made-up sentences through the modules that
read them (dates, numbers, durations, reporting verbs, clitics, page furniture, initiators,
roles), plus language detection and the generic pack for a language without one."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from summarizer.cues import find_initiator
from summarizer.dates import find_dates, resolve_when
from summarizer.entities import named_part
from summarizer.lang import GENERIC, detect_language, pack_for, packs, support_note
from summarizer.models import Extraction
from summarizer.quantities import counted, find_durations, find_numbers, is_age, parse_amount
from summarizer.statements import find_statements
from summarizer.story import boilerplate
from summarizer.text import normalize, stem

# Every pack brings made-up sentences for this suite in tests/lang_cases/<code>.json, a list of
# {"kind", "given", "expected"}:
#   date: a text and the ISO dates found in it;  when: [a written "when", reference ISO date]
#   and the resolved ISO date;  number: a quantity as written and [value, is_duration];
#   statement: [text, participant] and [speaker, start of what was said];
#   clitic: a word and its normalised stem;  furniture: a line and why it is not text
#   ("caption", "furniture", "page date");  duration: a text and the duration value found;
#   initiator: a text and who initiated;  role: a name and its named part (null: no one);
#   quantity: a text and every number found in it as [written, measure, interval];
#   counted: a word and what a number next to it counts.
CASE_KINDS = (
    "date", "when", "number", "statement", "clitic", "furniture", "duration", "initiator", "role",
    "quantity", "counted", "age",
)  # fmt: skip
CASE_DIR = Path(__file__).resolve().parent / "lang_cases"


def pack_cases(code: str) -> list[tuple[str, Any, Any]]:
    path = CASE_DIR / f"{code}.json"
    if not path.is_file():
        return []
    return [(c["kind"], c["given"], c["expected"]) for c in json.loads(path.read_text("utf-8"))]


CASES = [
    pytest.param(kind, given, expected, id=f"{p.code}-{kind}-{i}")
    for p in packs()
    for i, (kind, given, expected) in enumerate(pack_cases(p.code))
]


def test_every_pack_is_registered_with_its_own_code() -> None:
    codes = [p.code for p in packs()]
    assert {"ar", "en", "ru", "fr", GENERIC} <= set(codes)
    assert len(codes) == len(set(codes))
    for code in codes:
        assert pack_for(code).code == code


def test_every_language_pack_brings_cases_of_every_main_kind() -> None:
    for p in packs():
        if p.code == GENERIC:
            assert not pack_cases(p.code)  # no words, nothing to test
            continue
        kinds = {kind for kind, _, _ in pack_cases(p.code)}
        assert kinds <= set(CASE_KINDS)
        assert {"date", "when", "number", "statement", "clitic", "furniture", "quantity",
                "counted"} <= kinds, p.code  # fmt: skip


@pytest.mark.parametrize(("kind", "given", "expected"), CASES)
def test_pack_case(kind: str, given: object, expected: object) -> None:
    if kind == "date":
        assert isinstance(given, str)
        assert [d.iso for d in find_dates(given)] == expected
    elif kind == "when":
        written, reference = given  # type: ignore[misc]
        resolved = resolve_when(written, date.fromisoformat(reference))
        assert resolved is not None and resolved.iso == expected
    elif kind == "number":
        amount = parse_amount(str(given))
        assert amount is not None and [amount.value, amount.months] == expected
    elif kind == "quantity":
        text = str(given)
        found = [[text[m.start : m.end], m.amount.measure, str(m.amount.interval)]
                 for m in find_numbers(text)]  # fmt: skip
        assert found == expected
    elif kind == "counted":
        assert counted(str(given)) == expected
    elif kind == "duration":
        found = find_durations(str(given))
        assert [d.value for d in found] == [expected]
    elif kind == "statement":
        text, participant = given  # type: ignore[misc]
        speaker, what = expected  # type: ignore[misc]
        found = find_statements(text, [participant])
        assert len(found) == 1, found
        assert found[0].speaker == speaker
        assert found[0].what.startswith(what)
        assert text[found[0].start : found[0].end].strip()  # the clause is quoted from the text
    elif kind == "clitic":
        assert stem(normalize(str(given))) == normalize(str(expected))
    elif kind == "furniture":
        assert boilerplate(str(given)) == expected
    elif kind == "initiator":
        found = find_initiator(str(given))
        assert found is not None and found[0] == expected
        assert str(given)[found[1] : found[2]] == expected
    elif kind == "role":
        assert named_part(str(given)) == expected
    elif kind == "age":
        evidence, value = given  # type: ignore[misc]
        assert is_age(evidence, value) == expected
    else:  # pragma: no cover - a pack with a kind this suite does not know
        pytest.fail(f"unknown case kind {kind!r}")


# --- detection ---------------------------------------------------------------------------------

FRENCH = (
    "Le ministre des Affaires étrangères a déclaré mardi que la France soutient l'accord "
    "signé avec ses partenaires européens, et que les discussions se poursuivront."
)
ENGLISH = (
    "The foreign minister said on Tuesday that France supports the agreement signed with "
    "its European partners, and that the talks will go on."
)
PERSIAN = "وزیر امور خارجه ایران روز سه‌شنبه گفت که این توافق برای منطقه بسیار مهم است."
URDU = "وزیر خارجہ نے منگل کو کہا کہ یہ معاہدہ خطے کے لیے بہت اہم ہے اور بات چیت جاری رہے گی۔"
ARABIC = "قال وزير الخارجية يوم الثلاثاء إن الاتفاق مهم جدا للمنطقة وإن المحادثات ستستمر."
SPANISH = "El ministro de Asuntos Exteriores dijo el martes que el acuerdo es muy importante."


@pytest.mark.parametrize(
    ("text", "language"),
    [(FRENCH, "fr"), (ENGLISH, "en"), (ARABIC, "ar"), (PERSIAN, "fa"), (URDU, "ur"),
     (SPANISH, "es"), ("Министр заявил, что переговоры продолжатся.", "ru"), ("2024", GENERIC)],
)  # fmt: skip
def test_detect_language(text: str, language: str) -> None:
    assert detect_language(text) == language


@pytest.mark.parametrize("text", [PERSIAN, URDU, SPANISH])
def test_an_unsupported_language_gets_the_generic_pack_and_a_one_line_note(text: str) -> None:
    code = detect_language(text)
    assert pack_for(code).code == GENERIC
    note = support_note(code)
    assert note == f"language {code!r} has no language pack: generic rules used"
    assert "\n" not in note


def test_a_supported_language_gets_its_own_pack_and_no_note() -> None:
    assert pack_for(detect_language(FRENCH)).code == "fr"
    assert support_note("fr") is None
    assert pack_for("FR").code == "fr"
    assert pack_for(None).code == GENERIC


EXAMPLES = Path(__file__).resolve().parents[1] / "prompts" / "examples"


@pytest.mark.parametrize("code", sorted({p.example for p in packs()}))
def test_every_worked_example_answers_its_article_verbatim(code: str) -> None:
    """The worked example the prompt shows for a language: its answer fits the schema, every
    quote is in the example article, and every key value is in its quote."""
    text = (EXAMPLES / f"{code}.txt").read_text(encoding="utf-8")
    answer = json.loads((EXAMPLES / f"{code}.json").read_text(encoding="utf-8"))
    extraction = Extraction.model_validate(answer)
    assert extraction.event is not None
    items = [extraction.event, *extraction.participants, *extraction.quantities]
    for item in items:
        assert item.evidence in text, item.evidence
        for key in ("name", "value", "when", "where"):
            value = getattr(item, key, None)
            assert not value or value in item.evidence, (key, value)


def test_every_language_pack_has_a_worked_example_in_its_own_language() -> None:
    for p in packs():
        if p.code != GENERIC:
            assert p.example == p.code, p.code
            assert detect_language((EXAMPLES / f"{p.code}.txt").read_text("utf-8")) == p.code
