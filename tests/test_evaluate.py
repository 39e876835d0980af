"""Scoring against a gold file, on hand-made summaries (no model), and ``summarizer eval``."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from builders import claim, event, participant, quantity, summary

from summarizer.cli import main
from summarizer.diff import compare
from summarizer.errors import SummarizerError
from summarizer.evaluate import GoldError, evaluate, parse_gold

GOLD = parse_gold({
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
})  # fmt: skip
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
    assert ev.grouping == {
        "precision": 1.0, "recall": 1.0, "f1": 1.0,
        "b3_precision": 1.0, "b3_recall": 1.0, "b3_f1": 1.0,
        "wrong_merges": 0, "wrong_splits": 0, "merged_groups": 0,
        "distractors": 0, "distractors_alone": 0,
    }  # fmt: skip
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


def test_two_must_entries_with_one_note_count_as_two() -> None:
    data = GOLD.model_dump(mode="json", exclude_unset=True)
    twice = {"kind": "numeric_mismatch", "articles": ["a", "b"], "note": "16 against 15"}
    data["disagreements"]["must"] = [twice, {**twice, "articles": ["a", "c"]}]
    gold = parse_gold(data)
    a = _article("a", "16 شهراً", initiator="الولايات المتحدة")
    b = _article("b", "15 شهراً")
    ev = evaluate(gold, [a, b], compare([a, b]), {})
    assert (ev.must_found, ev.must_missed, ev.recall) == (["16 against 15"], ["16 against 15"], 0.5)


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
        f"summarizer: error: {bad}: not a summarizer-gold-1 or summarizer-gold-2 file"
    )


# --- summarizer-gold-2: date, place and key numbers ---------------------------------------------

GOLD_2 = parse_gold({
    "format": "summarizer-gold-2",
    "articles": {
        "quake": {
            "event": ["earthquake"],
            "date": "2026-03-06",
            "weekday": "Friday",
            "place": ["Testland", "North Province"],
            "facts": [
                {"about": ["killed", "dead"], "value": 120},
                {"about": ["injured"], "value": [300, None]},
                {"about": ["magnitude"], "value": 7},
                {"about": ["mourning"], "value": 2, "unit": "years"},
            ],
        },
        "vote": {"event": ["vote"], "date": None, "place": None},
        "talks": {"event": ["talks"], "date": "2026-03-03"},
    },
})  # fmt: skip


def _quake(**kwargs: Any) -> Any:
    return summary(
        "quake",
        event("A strong earthquake hit the north", when=kwargs.pop("when", "6 March 2026"),
              where=kwargs.pop("where", "the North Province of Testland")),
        quantities=kwargs.pop("quantities", [
            quantity("people killed", "120"),
            quantity("people injured", "more than 300"),
            quantity("magnitude", "7"),
            quantity("years of mourning", "two years"),
        ]),
    )  # fmt: skip


def _scores(*summaries: Any, gold: Any = GOLD_2) -> dict[str, tuple[int, int, list[str]]]:
    ev = evaluate(gold, list(summaries), compare(list(summaries)), {})
    return {n: (s.correct, s.total, s.misses) for n, s in ev.fields.items()}


def test_gold_2_scores_date_place_and_facts_when_all_is_right() -> None:
    vote = summary("vote", event("The vote was counted", when="Sunday"))
    talks = summary("talks", event("The talks opened", when="Tuesday"), page_date_iso="2026-03-04")
    assert _scores(_quake(), vote, talks) == {
        "event": (3, 3, []),
        "when": (1, 1, []),
        "date": (3, 3, []),  # talks: Tuesday before the page's Wednesday 4 March
        "place": (2, 2, []),
        "facts": (4, 4, []),
    }


def test_gold_2_mistakes_are_counted_with_their_reasons() -> None:
    quake = _quake(when="5 March 2026", where="Elsewhere", quantities=[
        quantity("people killed", "112"),
        quantity("people injured", "250"),
        quantity("magnitude", "7", grounded=False),
        quantity("months of mourning", "2 months"),
    ])  # fmt: skip
    vote = summary("vote", event("The vote was counted", when="7 March 2026", where="Testland"))
    scores = _scores(quake, vote)
    assert scores["date"][2] == [
        "quake: date 2026-03-05 for 2026-03-06",
        "vote: date 2026-03-07 the article does not give",
    ]
    assert scores["place"][2] == ["quake: place 'Elsewhere' for ['Testland']",
                                  "vote: place 'Testland' the article does not give"]  # fmt: skip
    assert scores["facts"] == (0, 4, [
        "quake: no grounded number 'killed' of 120",
        "quake: no grounded number 'injured' of [300, ]",
        "quake: no grounded number 'magnitude' of 7",
        "quake: no grounded number 'mourning' of 2",
    ])  # fmt: skip
    assert scores["when"] == (0, 1, ["quake: weekday Thursday for Friday"])


def test_a_gold_number_without_a_unit_matches_a_duration_as_the_text_counts_it() -> None:
    facts = [{"about": ["aged"], "value": 70}, {"about": ["sentence"], "value": 5}]
    gold = parse_gold({"format": "summarizer-gold-2", "articles": {"quake": {"facts": facts}}})
    right = _quake(quantities=[quantity("aged", "70 years"), quantity("sentence", "5 months")])
    assert _scores(right, gold=gold)["facts"] == (2, 2, [])
    wrong = _quake(quantities=[quantity("aged", "7 years"), quantity("sentence", "50 days")])
    assert _scores(wrong, gold=gold)["facts"][:2] == (0, 2)


def test_a_weekday_alone_is_scored_on_the_weekday_not_the_date() -> None:
    talks = summary("talks", event("The talks opened", when="Tuesday"))  # no page date
    assert _scores(talks)["date"] == (0, 0, [])
    silent = summary("talks", event("The talks opened"))
    assert _scores(silent)["date"] == (0, 1, ["talks: date None for 2026-03-03"])


def test_keys_an_article_leaves_out_are_not_scored() -> None:
    articles = {"a": {"event": ["اتصال"]}, "b": {"weekday": None}}
    gold = parse_gold({"format": "summarizer-gold-1", "articles": articles})
    a = _article("a", "16 شهراً")
    b = _article("b", "15 شهراً", when=None)
    assert _scores(a, b, gold=gold) == {"event": (1, 1, []), "when": (1, 1, [])}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"format": "summarizer-gold-2", "articles": {"a": {"facts": [{"value": 3}]}}},
         "g.json: articles.a.facts.0.about: Field required"),
        ({"format": "summarizer-gold-2", "articles": {"a": {"date": "last week"}}},
         "g.json: articles.a.date: Input should be a valid date or datetime, input is too short"),
        ({"format": "summarizer-gold-2", "articles": {"a": {"since_previous": {}}}},
         "g.json: articles.a.since_previous: Value error, give 'months' or 'date'"),
        ({"format": "summarizer-gold-2", "articles": {"a": {}},
          "disagreements": {"must": [{"kind": "conflict", "note": "x"}, {"kind": "x"}]}},
         "g.json: disagreements.must.0.kind: Input should be 'contradiction', 'numeric_mismatch', "
         "'attribution', 'unique_claim' or 'spelling_variant'\n"
         "g.json: disagreements.must.1.kind: Input should be 'contradiction', 'numeric_mismatch', "
         "'attribution', 'unique_claim' or 'spelling_variant'\n"
         "g.json: disagreements.must.1.note: Field required"),
        ([], "g.json: not a summarizer-gold-1 or summarizer-gold-2 file"),
        ({"format": "summarizer-gold-3", "articles": {}},
         "g.json: not a summarizer-gold-1 or summarizer-gold-2 file"),
    ],
)  # fmt: skip
def test_a_malformed_gold_file_is_one_line_per_problem(data: Any, message: str) -> None:
    with pytest.raises(GoldError) as caught:
        parse_gold(data, "g.json")
    assert str(caught.value) == message
    assert isinstance(caught.value, SummarizerError)


def test_eval_command_reads_gold_2_with_paths_relative_to_the_gold_file(
    echo_cli: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seeds = Path(__file__).resolve().parents[1] / "seeds"
    folder = tmp_path / "gold"
    folder.mkdir()
    first = sorted(seeds.glob("*.txt"))[0].stem
    gold = folder / "g2.json"
    gold.write_text(json.dumps({
        "format": "summarizer-gold-2",
        "paths": [os.path.relpath(seeds, folder)],
        "articles": {first: {"event": ["اتصال"], "date": None, "place": None,
                             "facts": [{"about": ["شهر"], "value": 16}]}},
    }), encoding="utf-8")  # fmt: skip
    assert main(["eval", str(gold), "--json", *echo_cli]) == 0
    out = json.loads(capsys.readouterr().out)
    assert list(out["fields"]) == ["event", "date", "place", "facts"]
    assert all(out["fields"][n]["total"] == 1 for n in out["fields"])
    assert out["articles"] == 1 and out["failed_articles"] == []
    assert main(["eval", str(gold), *echo_cli]) == 0  # the table
    table = capsys.readouterr().out
    assert "Accuracy against the gold file" in table
    assert all(f"field: {name}" in table for name in ("event", "date", "place", "facts"))


def test_distractors_dates_by_provenance_and_flags_across_two_events() -> None:
    """A look-alike event of the same people on another day (a gold group of one article)
    kept alone, the date checks split by how each day was settled, and a flag that compares
    two gold events' articles counted apart."""
    gold = parse_gold({
        "format": "summarizer-gold-2",
        "articles": {"a": {"date": "2024-10-21"}, "b": {"date": "2024-10-21"},
                     "c": {"date": "2024-10-25"}},
        "groups": [["a", "b"], ["c"]],
    })  # fmt: skip
    a = _article("a", "16 شهراً", when="21 أكتوبر 2024")
    b = _article("b", "15 شهراً", when="الاثنين")
    b = b.model_copy(update={"source": b.source.model_copy(
        update={"page_date_iso": "2024-10-22", "page_date_from": "dateline"})})  # fmt: skip
    c = _article("c", "16 شهراً", when="25 أكتوبر 2024")
    comparison = compare([a, b, c])
    ev = evaluate(gold, [a, b, c], comparison, {})
    assert (ev.grouping["distractors"], ev.grouping["distractors_alone"]) == (1, 1)
    dates = {how: (s.correct, s.total) for how, s in ev.by_provenance["date"].items()}
    assert dates == {"date": (2, 2), "weekday+reference (dateline)": (1, 1)}
    assert ev.cross_event_flags == []
    # the same flags, had the two events been one: counted as across two events
    merged = comparison.model_copy(
        update={
            "events": [
                comparison.events[0].model_copy(
                    update={
                        "articles": ["a", "b", "c"],
                        "disagreements": [
                            d.model_copy(
                                update={
                                    "values": [
                                        *d.values,
                                        d.values[0].model_copy(update={"article": "c"}),
                                    ]
                                }
                            )
                            for d in comparison.events[0].disagreements
                        ],
                    }
                )
            ]
        }
    )
    assert len(evaluate(gold, [a, b, c], merged, {}).cross_event_flags) >= 1


def test_eval_aggregate_names_no_article(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from summarizer.evaluate import table_rows

    a, b = _article("a", "16 شهراً"), _article("b", "15 شهراً", other="بيلاوسوف")
    wrong = _article("b", "15 شهراً", other="فاليري غيراسيموف")
    for s in ([a, b], [a, wrong]):
        ev = evaluate(GOLD, s, compare(s), {})
        doc = json.dumps(ev.aggregate_json(), ensure_ascii=False)
        assert "a:" not in doc and "b:" not in doc and "16 against 15" not in doc
        assert all(not detail or "a:" not in detail for _, _, detail in
                   table_rows(ev, aggregate=True))  # fmt: skip
    assert ev.aggregate_json()["fields"]["participants"] == {
        "correct": 1,
        "total": 2,
        "accuracy": 0.5,
    }
    assert any("b: missing" in s for s in ev.fields["participants"].misses)


def test_participants_of_any_kind_are_scored() -> None:
    """A country, a body or a team counts as a participant like a person: found when the tool
    shows it (one written within the other), extra when the gold does not list it; a
    description that names no one ("the health minister") is neither."""
    gold = parse_gold({
        "format": "summarizer-gold-2", "paths": ["."],
        "articles": {"a": {"participants": [["Northern Rovers"], ["OPEC+", "أوبك+"]]},
                     "b": {"participants": [["Northern Rovers"]]}},
        "groups": [["a"], ["b"]], "disagreements": {"must": [], "may": [], "must_not": []},
    })  # fmt: skip
    shown = {
        "a": [participant("the Northern Rovers"), participant("OPEC+"),
              participant("the health minister")],
        "b": [participant("Northern Rovers"), participant("Morocco")],
    }  # fmt: skip
    summaries = [summary(k, event("final"), participants=v) for k, v in shown.items()]
    ev = evaluate(gold, summaries, compare(summaries), {})
    assert ev.aggregate_json()["fields"]["participants"]["correct"] == 1
    assert ev.fields["participants"].misses == ["b: missing [], extra ['Morocco']"]


def test_an_entry_naming_more_than_two_sources_matches_any_two_of_them() -> None:
    """GOLD-FORMAT: an entry that names more than two articles means "any two of these
    disagree"; recall and precision are also given per kind."""
    from summarizer.evaluate import DisagreementSpec, _matches
    from summarizer.models import Disagreement, Kind, Severity, SourceValue

    def flag(*articles: str) -> Disagreement:
        values = [SourceValue(article=a, value="3", evidence="…3 dead…", grounded=True)
                  for a in articles]  # fmt: skip
        return Disagreement(kind=Kind.NUMERIC_MISMATCH, field="quantity: dead",
                            severity=Severity.HIGH, values=values, note="3 against 5")  # fmt: skip

    spec = DisagreementSpec(kind=Kind.NUMERIC_MISMATCH, articles=["a", "b", "c"], note="tolls")
    assert _matches(flag("a", "c"), spec) and _matches(flag("a", "b", "c"), spec)
    assert not _matches(flag("a", "d"), spec)  # d is none of them
    pair = DisagreementSpec(kind=Kind.NUMERIC_MISMATCH, articles=["a", "b"], note="tolls")
    assert _matches(flag("a", "b", "d"), pair) and not _matches(flag("a", "c"), pair)
    a, b = _article("a", "16 شهراً"), _article("b", "15 شهراً")
    ev = evaluate(GOLD, [a, b], compare([a, b]), {})
    assert ev.by_kind["numeric_mismatch"]["must"] == 1
    assert ev.by_kind["numeric_mismatch"]["must_found"] == 1


def test_a_pair_on_one_side_of_a_flag_is_not_said_to_disagree() -> None:
    from summarizer.evaluate import DisagreementSpec, _matches
    from summarizer.models import Disagreement, Kind, Severity, SourceValue

    values = [SourceValue(article=a, value=day, evidence=f"on {day}", grounded=True, side=side)
              for a, day, side in [("a", "7 September", 0), ("b", "7 September 2024", 0),
                                   ("c", "September 8", 1)]]  # fmt: skip
    flag = Disagreement(kind=Kind.CONTRADICTION, field="event.when", severity=Severity.HIGH,
                        values=values, note="2024-09-07 against --09-08")  # fmt: skip
    agree = DisagreementSpec(kind=Kind.CONTRADICTION, field="event.when", articles=["a", "b"],
                             note="both give 7 September")  # fmt: skip
    differ = DisagreementSpec(kind=Kind.CONTRADICTION, field="event.when", articles=["a", "c"],
                              note="7 against 8 September")  # fmt: skip
    assert not _matches(flag, agree) and _matches(flag, differ)


def test_an_entry_names_its_field_by_family_key_or_gold_key() -> None:
    """A gold entry's ``field`` names a field of the registry as a flag writes it
    ("quantity"), by its key ("quantities") or by one of its gold keys ("facts"): it matches
    the flags of that field ("quantity: dead in Derna"), and no other field's."""
    from summarizer.evaluate import DisagreementSpec, _matches
    from summarizer.models import Disagreement, Kind, Severity, SourceValue

    values = [SourceValue(article=a, value="3", evidence="…3 dead…", grounded=True)
              for a in ("a", "b")]  # fmt: skip
    toll = Disagreement(kind=Kind.NUMERIC_MISMATCH, field="quantity: dead in Derna",
                        severity=Severity.HIGH, values=values, note="3 against 5")  # fmt: skip
    day = toll.model_copy(update={"kind": Kind.CONTRADICTION, "field": "event.when"})

    def spec(kind: Kind, field: str) -> DisagreementSpec:
        return DisagreementSpec(kind=kind, field=field, articles=["a", "b"], note="n")

    for name in ("quantity", "quantities", "facts", "quantity: dead in Derna"):
        assert _matches(toll, spec(Kind.NUMERIC_MISMATCH, name))
    for name in ("event.when", "when", "date", "weekday"):
        assert _matches(day, spec(Kind.CONTRADICTION, name))
    for name in ("place", "event.where", "claims"):
        assert not _matches(day, spec(Kind.CONTRADICTION, name))
    assert not _matches(toll, spec(Kind.NUMERIC_MISMATCH, "date"))
    assert not _matches(toll, spec(Kind.NUMERIC_MISMATCH, "quantity: injured"))
