"""Partial answers: an item that breaks the schema is repaired where that is safe or dropped,
with the reason on the article's notes; the rest of the answer is kept without a re-ask. An
article is invalid only when nothing usable is left. The schema sent stays strict."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest
from conftest import SEED_000, seed_extraction, seed_text
from fake_openai import FakeOpenAI, ok
from pydantic import ValidationError

import summarizer
from summarizer import ArticleSummary, Settings, Status
from summarizer.llm import prepared
from summarizer.models import Extraction


def _one(settings: Settings) -> ArticleSummary:
    (summary,) = summarizer.extract([SEED_000], settings=settings)
    return summary


def _long_value() -> str:
    """120 characters of the article from the quantity's number on: a value over 80."""
    text = seed_text()
    evidence = seed_extraction()["quantities"][0]["evidence"]
    start = text.index(evidence) + evidence.index("16 شهراً")
    value = text[start : start + 120]
    assert len(value) == 120
    return value


def test_a_short_quote_and_a_long_value_keep_the_rest_without_a_reask(
    fake: FakeOpenAI, settings: Settings, extraction: dict[str, Any]
) -> None:
    extraction["participants"][0]["evidence"] = "أوستن"  # 5 characters
    extraction["quantities"][0]["value"] = _long_value()
    fake.enqueue(ok(extraction))
    s = _one(settings)
    assert s.status == Status.OK, s.reason
    assert (s.usage.requests, s.usage.reasks) == (1, 0)
    assert len(fake.extraction_requests) == 1
    assert s.event is not None and s.event.grounding.grounded
    # the other participant, then the dropped one as the text names it (the event's sentence
    # names him after his title)
    assert [p.name for p in s.participants] == ["أندريه بيلوسوف", "لويد أوستن"]
    assert s.participants[1].grounding.repaired[-1].startswith("participant: ")
    (quantity, *_) = s.quantities
    assert extraction["quantities"][0]["evidence"] in quantity.evidence  # shown with its sentence
    assert quantity.value.startswith("16 شهراً") and len(quantity.value) <= 80
    assert quantity.value in seed_text()  # cut at a word boundary: still as written
    assert "dropped participant 1: evidence 'أوستن' is shorter than 10 characters" in s.notes
    assert "repaired quantity 1: value cut to 80 characters" in s.notes

    # the notes survive a store hit (the stored answer is grounded again)
    again = _one(settings)
    assert again.provenance is not None and again.provenance.cached
    assert again.notes == s.notes
    assert len(fake.extraction_requests) == 1


def test_the_dev_set_case_a_quantity_quote_of_one_word(
    fake: FakeOpenAI, settings: Settings, extraction: dict[str, Any]
) -> None:
    """setA_02_sawtbeirut ended invalid for this: one quantity quoted as a single word."""
    extraction["quantities"] = [{"evidence": "قتيل", "what": "قتلى", "value": "4", "source": None}]
    fake.enqueue(ok(extraction))
    s = _one(settings)
    assert s.status == Status.OK, s.reason
    assert s.usage.requests == 1
    assert "dropped quantity 1: evidence 'قتيل' is shorter than 10 characters" in s.notes
    assert [p.name for p in s.participants] == ["لويد أوستن", "أندريه بيلوسوف"]


def test_an_unusable_event_with_usable_items_is_ok_without_an_event(
    fake: FakeOpenAI, settings: Settings, extraction: dict[str, Any]
) -> None:
    extraction["event"]["evidence"] = "اتصال"
    fake.enqueue(ok(extraction))
    s = _one(settings)
    assert s.status == Status.OK, s.reason
    assert s.usage.requests == 1
    assert s.event is None
    assert len(s.participants) == 2
    assert "dropped event: evidence 'اتصال' is shorter than 10 characters" in s.notes


def test_nothing_usable_left_is_reasked_then_invalid(
    fake: FakeOpenAI, settings: Settings, extraction: dict[str, Any]
) -> None:
    extraction["event"]["evidence"] = "اتصال"
    extraction["participants"] = [{"evidence": "أوستن", "name": "لويد أوستن", "role": None,
                                   "country": None}]  # fmt: skip
    extraction["quantities"] = []
    fake.enqueue(ok(extraction), ok(extraction))
    s = _one(settings)
    assert s.status == Status.INVALID
    assert s.usage.requests == 2  # re-asked as before
    assert s.reason is not None and "event.evidence" in s.reason
    feedback = fake.extraction_requests[1].messages[-1]["content"]
    # the feedback names the fields as the schema sent does (no branch of a union)
    assert "event.evidence" in feedback
    assert "EventFields" not in feedback and "event.none" not in feedback


# --- reading an answer (no server) ------------------------------------------------------------


def _read(data: dict[str, Any]) -> Extraction:
    """As instructor reads an answer: the prepared model, from JSON, strict."""
    return prepared(Extraction).model_validate_json(json.dumps(data), strict=True)


def test_safe_repairs() -> None:
    data = seed_extraction()
    long_quote = seed_text()[:400]
    data["participants"][0]["evidence"] = long_quote
    data["participants"][0]["role"] = "  "
    data["participants"][1]["nickname"] = "x"
    del data["participants"][1]["country"]
    data["claims"] = []
    x = _read(data)
    p0, p1 = x.participants
    assert len(p0.evidence) <= 300 and long_quote.startswith(p0.evidence)
    assert long_quote[len(p0.evidence)].isspace()  # cut at a word boundary
    assert p0.role is None and p1.country is None
    assert x.repairs == [
        "ignored field 'claims' that the schema does not have",
        "repaired participant 1: evidence cut to 300 characters",
        "repaired participant 1: role empty -> null",
        "repaired participant 2: country missing -> null",
        "repaired participant 2: ignored field 'nickname' that the schema does not have",
    ]


def test_unsafe_items_are_dropped_with_the_reason() -> None:
    data = seed_extraction()
    del data["participants"][0]["name"]
    data["quantities"] = ["16 months", data["quantities"][0]]
    x = _read(data)
    assert [p.name for p in x.participants] == ["أندريه بيلوسوف"]
    assert [q.value for q in x.quantities] == ["16 شهراً"]
    assert x.repairs == [
        "dropped participant 1: name is missing",
        "dropped quantity 1: not an object",
    ]


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.pop("quantities"),  # a missing list
        lambda d: d.update(participants=d["participants"] * 2),  # 4 > MAX_ITEMS
        lambda d: d.update(participants="none"),  # not a list
        lambda d: d.update(event=None, participants=[], quantities=[]),  # nothing at all
    ],
)
def test_a_wrong_shape_is_refused_as_before(change: Callable[[dict[str, Any]], Any]) -> None:
    data = seed_extraction()
    change(data)
    with pytest.raises(ValidationError) as caught:
        _read(data)
    for error in caught.value.errors():
        assert "EventFields" not in error["loc"] and "none" not in error["loc"]


def test_a_valid_answer_has_no_repairs_and_the_schema_sent_is_strict() -> None:
    assert _read(seed_extraction()).repairs == []
    schema = prepared(Extraction).model_json_schema()
    assert schema["properties"]["event"] == {"$ref": "#/$defs/EventFields"}
    assert schema["required"] == ["event", "participants", "quantities"]
    evidence = schema["$defs"]["QuantityFields"]["properties"]["evidence"]
    assert (evidence["minLength"], evidence["maxLength"]) == (10, 300)
    assert copy.deepcopy(schema) == Extraction.model_json_schema()


def test_a_null_event_with_items_is_kept_and_noted() -> None:
    data = seed_extraction()
    data["event"] = None
    x = _read(data)
    assert x.event is None and len(x.participants) == 2
    assert x.repairs == ["no event: the answer's event is null"]
    data["quantities"][0]["evidence"] = "16 شهراً"
    assert _read(data).repairs == [
        "dropped quantity 1: evidence '16 شهراً' is shorter than 10 characters",
        "no event: the answer's event is null",
    ]
