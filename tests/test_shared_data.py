"""The fast path on the shared data beside the repository (``../shared``), read in place."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer.evaluate import score_groups
from summarizer.load import load_file
from summarizer.store import Store
from summarizer.triage import group_articles

SHARED = Path(__file__).resolve().parents[2] / "shared"
ECB = SHARED / "ecbplus"


@pytest.mark.skipif(not ECB.is_dir(), reason="../shared/ecbplus is not beside the repository")
def test_ecbplus_look_alike_events_are_kept_apart(tmp_path: Path) -> None:
    """Topics 1-6 of ECB+ (147 documents, two similar events each), without the model."""
    paths = [p for p in sorted((ECB / "articles").glob("*.txt")) if int(p.stem.split("_")[0]) <= 6]
    gold = [
        g for g in json.loads((ECB / "groups.json").read_text()) if int(g[0].split("_")[0]) <= 6
    ]
    articles = [load_file(p) for p in paths]
    store = Store(tmp_path / "store.db")
    found = group_articles(articles, store=store)
    store.close()
    groups = [[articles[i].id for i in g] for g in found.groups]
    # An ECB+ subtopic is a seminal event and its follow-ups, days or years apart (a shooting
    # and the arraignment two days later): a story. The events' times split the texts'
    # clusters into events; each story's events together are scored against a subtopic.
    in_story = {g for gs in found.stories for g in gs}
    stories = [[a for g in gs for a in groups[g]] for gs in found.stories]
    stories += [g for k, g in enumerate(groups) if k not in in_story]
    scores = score_groups(gold, stories)
    assert len(articles) == 147
    assert scores["b3_f1"] >= 0.95, scores
    assert scores["merged_groups"] <= 1, scores
    # events never mix look-alike subtopics more than stories do
    assert score_groups(gold, groups)["b3_precision"] >= scores["b3_precision"]
