"""B³ and the merge/split counts of ``evaluate.score_groups``, computed by hand."""

from __future__ import annotations

from summarizer.evaluate import Evaluation, score_groups, table_rows

GOLD = [["a", "b", "c"], ["d", "e"]]


def test_a_perfect_grouping_scores_one_and_no_errors() -> None:
    assert score_groups(GOLD, [["e", "d"], ["c", "b", "a"]]) == {
        "precision": 1.0, "recall": 1.0, "f1": 1.0,
        "b3_precision": 1.0, "b3_recall": 1.0, "b3_f1": 1.0,
        "wrong_merges": 0, "wrong_splits": 0, "merged_groups": 0,
        "distractors": 0, "distractors_alone": 0,
    }  # fmt: skip


def test_all_in_one_group() -> None:
    # B³ precision: a, b, c 3/5 each, d, e 2/5 each: 13/25; recall 1; F1 2*.52/1.52.
    # Pairwise: 10 pairs predicted, the 4 gold pairs among them.
    assert score_groups(GOLD, [["a", "b", "c", "d", "e"]]) == {
        "precision": 0.4, "recall": 1.0, "f1": 0.5714,
        "b3_precision": 0.52, "b3_recall": 1.0, "b3_f1": 0.6842,
        "wrong_merges": 6, "wrong_splits": 0, "merged_groups": 1,
        "distractors": 0, "distractors_alone": 0,
    }  # fmt: skip


def test_all_singletons() -> None:
    # B³ recall: a, b, c 1/3 each, d, e 1/2 each: 2/5; precision 1; F1 .8/1.4.
    # Pairwise: no pairs predicted (precision 1 by convention), none of the 4 found.
    assert score_groups(GOLD, [["a"], ["b"], ["c"], ["d"], ["e"]]) == {
        "precision": 1.0, "recall": 0.0, "f1": 0.0,
        "b3_precision": 1.0, "b3_recall": 0.4, "b3_f1": 0.5714,
        "wrong_merges": 0, "wrong_splits": 4, "merged_groups": 0,
        "distractors": 0, "distractors_alone": 0,
    }  # fmt: skip


def test_one_wrong_merge() -> None:
    # B³ precision: a 1, b 1, c 1/2, d 1/2: 3/4; F1 1.5/1.75.
    assert score_groups([["a", "b"], ["c"], ["d"]], [["a", "b"], ["c", "d"]]) == {
        "precision": 0.5, "recall": 1.0, "f1": 0.6667,
        "b3_precision": 0.75, "b3_recall": 1.0, "b3_f1": 0.8571,
        "wrong_merges": 1, "wrong_splits": 0, "merged_groups": 1,
        "distractors": 2, "distractors_alone": 0,  # c and d, joined
    }  # fmt: skip


def test_one_split() -> None:
    # B³ recall: a, b, c 3/4, d 1/4: 10/16; F1 1.25/1.625. The 3 pairs with d are split.
    assert score_groups([["a", "b", "c", "d"]], [["a", "b", "c"], ["d"]]) == {
        "precision": 1.0, "recall": 0.5, "f1": 0.6667,
        "b3_precision": 1.0, "b3_recall": 0.625, "b3_f1": 0.7692,
        "wrong_merges": 0, "wrong_splits": 3, "merged_groups": 0,
        "distractors": 0, "distractors_alone": 0,
    }  # fmt: skip


def test_merges_and_splits_together() -> None:
    # a: {a,b,d} vs {a,b,c}: 2/3, 2/3   b: the same   d: {a,b,d} vs {d,e}: 1/3, 1/2
    # c: {c} vs {a,b,c}: 1, 1/3   e: {e,f} vs {d,e}: 1/2, 1/2   f: {e,f} vs {f}: 1/2, 1
    # Both sums 11/3, over 6 articles: 11/18.
    gold = [["a", "b", "c"], ["d", "e"], ["f"]]
    assert score_groups(gold, [["a", "b", "d"], ["c"], ["e", "f"]]) == {
        "precision": 0.25, "recall": 0.25, "f1": 0.25,
        "b3_precision": 0.6111, "b3_recall": 0.6111, "b3_f1": 0.6111,
        "wrong_merges": 3, "wrong_splits": 3, "merged_groups": 2,
        "distractors": 1, "distractors_alone": 0,  # f, joined by e
    }  # fmt: skip


def test_articles_missing_from_the_prediction_are_singletons_and_unknown_ones_ignored() -> None:
    # b and c are not predicted (singletons there); x and y are not in gold (dropped).
    # B³ recall: a 1/2, b 1/2, c 1: 2/3; precision 1; F1 (4/3)/(5/3). Pairwise counts every
    # article: the predicted pair x-y is wrong, the gold pair a-b is missed.
    assert score_groups([["a", "b"], ["c"]], [["a"], ["x", "y"]]) == {
        "precision": 0.0, "recall": 0.0, "f1": 0.0,
        "b3_precision": 1.0, "b3_recall": 0.6667, "b3_f1": 0.8,
        "wrong_merges": 0, "wrong_splits": 1, "merged_groups": 0,
        "distractors": 1, "distractors_alone": 1,  # c, not predicted: alone
    }  # fmt: skip


def test_an_unknown_article_joined_to_a_gold_one_costs_b3_nothing() -> None:
    scores = score_groups([["a"], ["b"]], [["a", "x"], ["b"]])
    assert (scores["b3_precision"], scores["b3_recall"], scores["b3_f1"]) == (1.0, 1.0, 1.0)
    assert (scores["wrong_merges"], scores["merged_groups"]) == (0, 0)
    assert (scores["precision"], scores["recall"], scores["f1"]) == (0.0, 1.0, 0.0)


def test_no_groups_at_all() -> None:
    assert score_groups([], []) == {
        "precision": 1.0, "recall": 1.0, "f1": 1.0,
        "b3_precision": 1.0, "b3_recall": 1.0, "b3_f1": 1.0,
        "wrong_merges": 0, "wrong_splits": 0, "merged_groups": 0,
        "distractors": 0, "distractors_alone": 0,
    }  # fmt: skip


def test_the_table_shows_b3_and_the_errors() -> None:
    grouping = score_groups(
        [["a", "b", "c"], ["d", "e"], ["f"]], [["a", "b", "d"], ["c"], ["e", "f"]]
    )
    ev = Evaluation(
        fields={}, grounded=0, items=0, false_grounded=[], grouping=grouping, must_found=[],
        must_missed=[], flagged=0, flagged_correct=0, must_not_flagged=[],
        spelling_contradictions=0, articles=6, failed_articles=[],
    )  # fmt: skip
    rows = {name: (value, detail) for name, value, detail in table_rows(ev)}
    assert rows["grouping pairwise F1"] == ("0.25", "precision 0.25, recall 0.25")
    assert rows["grouping B³ F1"] == ("0.61", "precision 0.61, recall 0.61")
    assert rows["grouping errors"] == (
        "6",
        "3 wrong merge(s) (pairs), 3 wrong split(s) (pairs), 2 group(s) mixing events",
    )
    assert ev.as_json()["grouping"]["b3_f1"] == 0.6111
