"""Scoring against a gold file, on hand-made summaries (no model), and ``summarizer eval``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from builders import claim, event, participant, quantity, summary

from summarizer.cli import main
from summarizer.diff import compare
from summarizer.evaluate import evaluate

GOLD: dict[str, Any] = {
    "format": "summarizer-gold-1",
    "articles": {
        a: {
            "event": ["اتصال"],
            "weekday": "Tuesday",
            "participants": [["لويد أوستن"], ["أندريه بيلوسوف", "بيلاوسوف"]],
            "since_previous": {"months": 16 if a == "a" else 15},
            "initiator": ["الولايات المتحدة"] if a == "a" else None,
            "announced_by": [["بات رايدر", "البنتاغون"]],
            "claims": [{"speaker": ["بات رايدر"], "contains": ["خطوط الاتصال"]}],
        }
        for a in ("a", "b")
    },
    "groups": [["a", "b"]],
    "disagreements": {
        "must": [{"kind": "numeric_mismatch", "articles": ["a", "b"], "note": "16 against 15"},
                 {"kind": "unique_claim", "field": "event.initiator", "articles": ["a"],
                  "note": "only a says who initiated"}],
        "may": [],
        "must_not": [{"kind": "contradiction", "field": "event.when", "note": "same weekday"}],
    },
}  # fmt: skip
STRESSED = "شدد على أهمية خطوط الاتصال"


def _article(id: str, months: str, **kwargs: Any) -> Any:
    return summary(
        id,
        event("اتصال هاتفي بين الوزيرين", when=kwargs.pop("when", "الثلاثاء"),
              initiator=kwargs.pop("initiator", None)),
        participants=[participant("لويد أوستن"),
                      participant(kwargs.pop("other", "أندريه بيلوسوف"))],
        quantities=[quantity("منذ آخر اتصال", months)],
        claims=kwargs.pop("claims", [claim("بات رايدر", STRESSED)]),
    )  # fmt: skip


def _texts(*summaries: Any) -> dict[str, str]:
    """Original texts that hold every quote where its grounding says: the quotes one after
    another, each item's offsets set to where its quote stands."""
    texts = {}
    for s in summaries:
        text = ""
        for item in s.items():
            item.grounding.start, item.grounding.end = len(text), len(text) + len(item.evidence)
            text += item.evidence + " "
        texts[s.source.id] = text
    return texts


def test_a_perfect_pair_scores_everything() -> None:
    a = _article("a", "16 شهراً", initiator="الولايات المتحدة")
    b = _article("b", "15 شهراً", other="بيلاوسوف")
    ev = evaluate(GOLD, [a, b], compare([a, b]), {})
    assert ev.field_accuracy == 1.0
    assert {n: (s.correct, s.total) for n, s in ev.fields.items()} == {
        "event": (2, 2), "when": (2, 2), "participants": (2, 2), "since_previous": (2, 2),
        "initiator": (2, 2), "announced_by": (2, 2), "claims": (2, 2),
    }  # fmt: skip
    assert ev.grouping == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert (ev.recall, ev.precision, ev.must_not_flagged) == (1.0, 1.0, [])
    assert ev.spelling_contradictions == 0


def test_each_kind_of_mistake_is_counted_with_its_reason() -> None:
    a = _article("a", "16 شهراً", initiator="روسيا", when="الاثنين",
                 claims=[claim("ديميتري بيسكوف", STRESSED)])  # fmt: skip
    b = _article("b", "15 شهراً", other="فاليري غيراسيموف")
    ev = evaluate(GOLD, [a, b], compare([a, b]), {})
    misses = {n: s.misses for n, s in ev.fields.items() if s.misses}
    assert misses == {
        "when": ["a: weekday Monday for Tuesday"],
        "participants": ["b: missing ['أندريه بيلوسوف'], extra ['فاليري غيراسيموف']"],
        "initiator": ["a: initiator 'روسيا' for ['الولايات المتحدة']"],
        "announced_by": ["a: no statement by بات رايدر"],
        "claims": ["a: no statement by بات رايدر with 'خطوط الاتصال'"],
    }
    assert ev.grouping["f1"] == 0.0  # a different weekday and other people: two events
    assert ev.recall == 0.0 and len(ev.must_missed) == 2


def test_a_quote_marked_grounded_that_is_not_in_the_text_is_reported() -> None:
    a = _article("a", "16 شهراً", initiator="الولايات المتحدة")
    b = _article("b", "15 شهراً")
    texts = _texts(a, b)
    assert evaluate(GOLD, [a, b], compare([a, b]), texts).false_grounded == []
    texts["b"] = "نص آخر تماما لا يحوي شيئا من ذلك"
    wrong = evaluate(GOLD, [a, b], compare([a, b]), texts).false_grounded
    assert len(wrong) == len(b.items()) and all(w.startswith("b: ") for w in wrong)


def test_eval_command_prints_json_and_a_bad_gold_file_is_one_line(
    echo_cli: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gold = Path(__file__).resolve().parents[1] / "gold" / "seeds.gold.json"
    env = echo_cli
    assert main(["eval", str(gold), "--json", *env]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out["fields"]) == {"event", "when", "participants", "since_previous",
                                  "initiator", "announced_by", "claims"}  # fmt: skip
    assert out["articles"] == 5 and out["failed_articles"] == []
    assert 0 <= out["field_accuracy"] < 1  # the fake model answers with the first line only
    bad = tmp_path / "bad.json"
    bad.write_text("{}")
    assert main(["eval", str(bad), *env]) == 2
    assert capsys.readouterr().err.strip() == (
        f"summarizer: error: {bad}: not a summarizer-gold-1 file"
    )
