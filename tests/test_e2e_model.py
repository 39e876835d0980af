"""End to end on the real embedded engine and model: one seed article through the CLI.

This is slow (model load plus about a minute of CPU inference on 2 cores). It needs the
``local`` extra; set SUMMARIZER_SKIP_MODEL_TESTS=1 to skip it on a machine without it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_b97ede104fd19c63.txt"

pytestmark = [
    pytest.mark.model,
    pytest.mark.skipif(
        os.environ.get("SUMMARIZER_SKIP_MODEL_TESTS") == "1",
        reason="SUMMARIZER_SKIP_MODEL_TESTS=1",
    ),
]


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "summarizer", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        cwd=ROOT,
    )


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """One store for the module: the seeds test reuses the single-article test's result."""
    tmp = tmp_path_factory.mktemp("model")
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUMMARIZER_")}
    env.pop("OPENAI_API_KEY", None)
    env["SUMMARIZER_DATA_DIR"] = str(tmp / "data")
    # The assembled model is reused across test runs on one machine (it is verified by hash).
    env["SUMMARIZER_CACHE_DIR"] = os.environ.get("SUMMARIZER_CACHE_DIR", str(tmp / "cache"))
    return env


def test_seed_article_on_the_embedded_model(env: dict[str, str]) -> None:
    first = _run(env, "extract", str(SEED), "--json")
    assert first.returncode == 0, first.stderr
    (summary,) = json.loads(first.stdout)
    assert summary["status"] == "ok"
    assert summary["source"]["id"] == SEED.stem
    assert summary["provenance"]["dialect"] == "json_schema"
    assert summary["provenance"]["cached"] is False
    assert summary["usage"]["prompt_tokens"] > 500
    assert summary["usage"]["completion_tokens"] > 20

    text = SEED.read_text(encoding="utf-8")
    event = summary["event"]
    assert event is not None
    # Every grounded item's span really is where its evidence stands in the article.
    items = [event, *summary["participants"], *summary["quantities"], *summary["claims"]]
    grounded = [i for i in items if i["grounding"]["grounded"]]
    assert len(grounded) >= len(items) / 2, items
    for item in grounded:
        g = item["grounding"]
        assert 0 <= g["start"] < g["end"] <= len(text)
    # The model copies names verbatim: at least one participant is named as in the text.
    assert any(p["name"] in text for p in summary["participants"]), summary["participants"]

    second = _run(env, "extract", str(SEED), "--json")
    assert second.returncode == 0, second.stderr
    (again,) = json.loads(second.stdout)
    assert again["provenance"]["cached"] is True
    assert again["event"] == event


def test_seeds_are_grouped_and_diffed_on_the_embedded_model(env: dict[str, str]) -> None:
    """The main job on all five seeds: two events, the 16-against-15-months mismatch, the
    claim only one source makes, and name spellings reported only as spelling variants."""
    result = _run(env, "run", str(ROOT / "seeds"), "--json")
    assert result.returncode == 0, result.stderr
    comparison = json.loads(result.stdout)
    assert [a["status"] for a in comparison["articles"]] == ["ok"] * 5
    groups = {frozenset(a[:3] for a in e["articles"]) for e in comparison["events"]}
    assert groups == {frozenset({"000", "001", "004"}), frozenset({"002", "003"})}

    belousov = next(e for e in comparison["events"] if e["articles"][0].startswith("000"))
    mismatches = [d for d in belousov["disagreements"] if d["kind"] == "numeric_mismatch"]
    values = {(v["article"][:3], v["value"]) for d in mismatches for v in d["values"]}
    assert ("000", "16 شهراً") in values and ("001", "15 شهرا") in values, mismatches

    # the resumption of military contacts: only 001 reports it
    unique = [d for d in belousov["disagreements"] if d["kind"] == "unique_claim"]
    resumed = [d for d in unique if "استئناف الاتصالات العسكرية" in d["values"][0]["evidence"]]
    assert [d["values"][0]["article"][:3] for d in resumed] == ["001"], unique

    for event in comparison["events"]:
        for d in event["disagreements"]:
            if d["field"].startswith("participant"):
                assert d["kind"] == "spelling_variant", d
            for v in d["values"]:  # every flagged value carries its evidence
                assert v["evidence"] and v["article"]
