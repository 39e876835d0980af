"""``summarizer diff|run`` against the fake server: events across articles, JSON and tables.

The fake answers every article with the seed article's extraction, so two copies of the seed
article under different file names report one event."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import API_KEY, MODEL, ROOT, SEED_000
from fake_openai import FakeOpenAI, ok

from summarizer.cli import main

SCHEMA = ROOT / "schemas" / "comparison.schema.json"


@pytest.fixture
def endpoint(fake: FakeOpenAI, monkeypatch: pytest.MonkeyPatch) -> FakeOpenAI:
    monkeypatch.setenv("COLUMNS", "160")  # rich's width when stdout is not a terminal
    monkeypatch.setenv("SUMMARIZER_BASE_URL", fake.base_url)
    monkeypatch.setenv("SUMMARIZER_MODEL", MODEL)
    monkeypatch.setenv("SUMMARIZER_API_KEY", API_KEY)
    monkeypatch.setenv("SUMMARIZER_MAX_RETRIES", "1")
    return fake


@pytest.fixture
def two_copies(endpoint: FakeOpenAI, extraction: dict[str, Any], tmp_path: Path) -> Path:
    """A folder with the seed article twice (``copy_a``, ``copy_b``); every answer is the
    seed's extraction."""
    endpoint.default = lambda body: ok(extraction)
    folder = tmp_path / "articles"
    folder.mkdir()
    for name in ("copy_a.txt", "copy_b.txt"):
        shutil.copy(SEED_000, folder / name)
    return folder


def test_diff_json_validates_and_has_the_documented_shape(
    two_copies: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["diff", str(two_copies), "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    document = json.loads(out)
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(document, schema, cls=jsonschema.Draft202012Validator)

    assert set(document) == {"events", "stories", "articles"}
    assert document["stories"] == []  # one event: no story of several
    assert [(a["source"]["id"], a["status"]) for a in document["articles"]] == [
        ("copy_a", "ok"),
        ("copy_b", "ok"),
    ]
    (report,) = document["events"]
    assert {"id", "title", "date", "articles", "disagreements"} <= set(report)
    assert report["id"] == "event-1"
    assert report["articles"] == ["copy_a", "copy_b"]
    assert "اتصال" in report["title"]
    assert report["weekday"] == "Tuesday"
    assert isinstance(report["disagreements"], list)
    # Two identical extractions: the same names, numbers, initiator and claims.
    kinds = {d["kind"] for d in report["disagreements"]}
    assert kinds <= {"spelling_variant"}
    for d in report["disagreements"]:
        assert {"kind", "field", "severity", "values", "note"} <= set(d)
        for v in d["values"]:
            assert set(v) == {"article", "value", "evidence", "grounded"}
    assert API_KEY not in out


def test_run_prints_article_tables_then_the_event_table(
    two_copies: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["run", str(two_copies)])
    out, err = capsys.readouterr()
    assert code == 0, err
    # Per-article tables and the run summary first ...
    assert out.count(SEED_000.name) == 0  # copies are shown under their own names
    assert "copy_a" in out and "copy_b" in out
    summary_at = out.index("Run summary")
    assert "2 article(s): 2 ok, 0 failed" in out
    assert out.index("participant") < summary_at
    # ... then the event, its sources as columns, and the closing line.
    event_at = out.index("event-1")
    assert summary_at < event_at
    assert "initiator" in out[event_at:]
    assert "copy_a" in out[event_at:] and "copy_b" in out[event_at:]
    assert "Tuesday" in out[event_at:]
    assert out.rstrip().endswith("1 event(s) from 2 article(s) · 0 disagreement(s) flagged")


def test_diff_tables_without_the_per_article_tables(
    two_copies: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["diff", str(two_copies)]) == 0
    out, _ = capsys.readouterr()
    assert "Run summary" not in out
    assert "event-1" in out
    assert "1 event(s) from 2 article(s)" in out


def test_diff_json_lists_a_missing_file_in_no_event(
    two_copies: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code = main(["diff", str(two_copies), str(tmp_path / "gone.txt"), "--json"])
    out, _ = capsys.readouterr()
    assert code == 1
    document = json.loads(out)
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(document, schema, cls=jsonschema.Draft202012Validator)
    statuses = {a["source"]["id"]: a["status"] for a in document["articles"]}
    assert statuses == {"copy_a": "ok", "copy_b": "ok", "gone": "error"}
    assert [e["articles"] for e in document["events"]] == [["copy_a", "copy_b"]]
