"""The nightly digest: new articles only, three dated files, idempotent re-runs, a lock, and
what changed since the previous digest. The model is the fake server over real HTTP."""

from __future__ import annotations

import json
import threading
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import ROOT, SEED_000, SEEDS, echo_reply, seed_text
from fake_openai import FakeOpenAI, ok
from test_ingest import page, rss, seed_paragraphs
from webserver import serve

from summarizer import Settings
from summarizer.cli import main
from summarizer.digest import FILES, run_digest
from summarizer.fields import FIELDS
from summarizer.models import DigestDocument
from summarizer.render import highlighted

DAY = date(2026, 11, 22)


def _files(directory: Path) -> dict[str, tuple[bytes, int]]:
    return {n: ((directory / n).read_bytes(), (directory / n).stat().st_mtime_ns) for n in FILES}


def test_digest_over_the_seeds_and_a_second_run_the_same_day(
    fake: FakeOpenAI, settings: Settings, tmp_path: Path
) -> None:
    fake.default = echo_reply
    out = tmp_path / "digests"
    run = run_digest([SEEDS], out, settings=settings, day=DAY)
    assert (run.ok, run.inputs, run.new_articles) == (True, 5, 5)
    folder = out / "2026-11-22"
    assert sorted(p.name for p in run.written) == sorted(FILES)
    doc = json.loads((folder / "digest.json").read_text("utf-8"))
    ids = sorted(p.stem for p in SEEDS.glob("*.txt"))
    assert doc["date"] == "2026-11-22" and doc["window"] == {
        "since": "2026-11-15",
        "until": "2026-11-22",
    }
    assert sorted(a["id"] for a in doc["articles"]) == ids
    assert sorted(a for e in doc["events"] for a in e["articles"]) == ids
    assert all(e["status"] == "new" for e in doc["events"])
    assert doc["failed"] == []
    assert (folder / "digest.md").read_text("utf-8").startswith("# News digest 2026-11-22\n")
    html = (folder / "digest.html").read_text("utf-8")
    assert "<script" not in html and 'dir="auto"' in html and "<mark>" in html
    requests = len(fake.extraction_requests)

    before = _files(folder)
    again = run_digest([SEEDS], out, settings=settings, day=DAY)
    assert (again.ok, again.new_articles, again.written) == (True, 0, [])
    assert again.summary_line().startswith("digest 2026-11-22: 0 new articles of 5, ")
    assert _files(folder) == before  # same bytes, not even rewritten
    assert len(fake.extraction_requests) == requests


def test_a_feed_a_page_and_a_text_file_land_in_one_digest(
    fake: FakeOpenAI, settings: Settings, tmp_path: Path
) -> None:
    fake.default = echo_reply
    with serve() as site:
        link = site.add("/world/the-call", page(seed_paragraphs()))
        feed = tmp_path / "wire.rss"
        feed.write_text(rss([("اتصال هاتفي", link, "ملخص.")]), encoding="utf-8")
        html = tmp_path / "asharq.html"
        html.write_text(page(seed_paragraphs()[1:], title="بيلوسوف يحذر أوستن"), "utf-8")
        text = SEEDS / "002_741ecda8f4a08f1a.txt"
        run = run_digest([feed, html, text], tmp_path / "out", settings=settings, day=DAY)
    assert run.ok, run.failed
    doc = json.loads((tmp_path / "out" / "2026-11-22" / "digest.json").read_text("utf-8"))
    assert [(a["id"], a["outlet"], a["url"]) for a in doc["articles"]] == [
        ("002_741ecda8f4a08f1a", None, None),
        ("asharq", "الشرق", "https://asharq.example/politics/call"),
        ("the-call", "وكالة الأنباء", link),
    ]
    # the text file has a page-header date; the page and the feed their publication dates
    assert [a["published"] for a in doc["articles"]] == ["2024-12-25", "2024-06-25", "2024-06-25"]


def test_changes_since_the_previous_digest(
    fake: FakeOpenAI, settings: Settings, tmp_path: Path
) -> None:
    from conftest import seed_extraction

    out = tmp_path / "out"
    fake.enqueue(ok(seed_extraction()))
    first = run_digest([SEED_000], out, settings=settings, day=date(2026, 11, 21))
    assert first.ok and first.events == 1

    other = tmp_path / "other-outlet.txt"
    other.write_text(seed_text().replace("16 شهراً", "26 شهراً"), encoding="utf-8")
    fake.enqueue(ok(json.loads(json.dumps(seed_extraction()).replace("16 شهراً", "26 شهراً"))))
    second = run_digest([SEED_000, other, tmp_path / "gone.txt"], out, settings=settings,
                        day=DAY)  # fmt: skip
    assert (second.new_articles, second.ok) == (1, False)
    assert second.failed == [(str(tmp_path / "gone.txt"), "no such file or folder")]
    line = second.summary_line()
    assert "1 new articles of 3" in line and "1 failed" in line and "gone.txt" in line
    doc = json.loads((out / "2026-11-22" / "digest.json").read_text("utf-8"))
    (event,) = doc["events"]
    assert event["status"] == "new coverage"
    assert event["new_articles"] == ["other-outlet"]
    assert sorted(event["articles"]) == sorted([SEED_000.stem, "other-outlet"])
    (appeared,) = event["changes"]["appeared"]
    assert appeared["kind"] == "numeric_mismatch"
    assert doc["changes"] == {"previous": "2026-11-21", "new_events": 0, "new_coverage": 1,
                              "disagreements_appeared": 1, "disagreements_resolved": 0}  # fmt: skip
    assert doc["failed"] == [{"input": str(tmp_path / "gone.txt"),
                              "reason": "no such file or folder"}]  # fmt: skip
    md = (out / "2026-11-22" / "digest.md").read_text("utf-8")
    assert "## Failed inputs" in md and "Appeared since the previous digest" in md
    # the numbers that disagree are marked in both sources' cells, and only those
    (numbers,) = [line for line in md.splitlines() if line.startswith("| Numbers |")]
    assert numbers.count("**⚠ ") == 2 and "16 شهراً" in numbers and "26 شهراً" in numbers
    assert sum("**⚠" in line for line in md.splitlines() if line.startswith("| ")) == 1
    html = (out / "2026-11-22" / "digest.html").read_text("utf-8")
    assert html.count('class="conflict"') == 2
    assert all(s["conflicts"] == ["quantities"] for s in event["sources"])


def test_digest_json_follows_its_schema_and_an_old_previous_digest_counts_as_none(
    fake: FakeOpenAI, settings: Settings, tmp_path: Path
) -> None:
    fake.default = echo_reply
    out = tmp_path / "out"
    old = {"date": "2026-11-21", "events": [{"articles": [SEED_000.stem], "disagreements": []}]}
    (out / "2026-11-21").mkdir(parents=True)
    (out / "2026-11-21" / "digest.json").write_text(json.dumps(old), encoding="utf-8")
    (out / "2026-11-20").mkdir()
    (out / "2026-11-20" / "digest.json").write_text("{not json", encoding="utf-8")
    assert run_digest([SEED_000], out, settings=settings, day=DAY).ok
    text = (out / "2026-11-22" / "digest.json").read_text("utf-8")
    doc = json.loads(text)
    schema = json.loads((ROOT / "schemas" / "digest.schema.json").read_text("utf-8"))
    jsonschema.validate(doc, schema, cls=jsonschema.Draft202012Validator)
    assert DigestDocument.model_validate_json(text).model_dump_json(indent=2) + "\n" == text
    assert doc["changes"]["previous"] is None
    assert [e["status"] for e in doc["events"]] == ["new"]
    (source,) = doc["events"][0]["sources"]
    assert set(source["fields"]) == {f.key for f in FIELDS}


def test_overlapping_runs_do_not_corrupt_each_other(
    fake: FakeOpenAI, settings: Settings, tmp_path: Path
) -> None:
    fake.default = echo_reply
    out = tmp_path / "out"
    runs: list[Any] = []

    def one() -> None:
        runs.append(run_digest([SEEDS], out, settings=settings, day=DAY))

    threads = [threading.Thread(target=one) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert sorted(r.new_articles for r in runs) == [0, 5]  # the second waited for the first
    assert len(fake.extraction_requests) == 5
    doc = json.loads((out / "2026-11-22" / "digest.json").read_text("utf-8"))
    assert len(doc["articles"]) == 5
    assert not list((out / "2026-11-22").glob(".*.tmp"))


def test_article_content_is_escaped_in_every_output(
    fake: FakeOpenAI, settings: Settings, tmp_path: Path
) -> None:
    fake.default = echo_reply
    hostile = tmp_path / "hostile.txt"
    hostile.write_text(
        "<script>window.pwned = 1</script> <img src=x onerror=alert(1)> وزير الدفاع يتصل\n\n"
        + seed_text(), encoding="utf-8",
    )  # fmt: skip
    run_digest([hostile], tmp_path / "out", settings=settings, day=DAY)
    html = (tmp_path / "out" / "2026-11-22" / "digest.html").read_text("utf-8")
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;window.pwned = 1&lt;/script&gt;" in html
    assert "default-src 'none'" in html


def test_highlighted_marks_spans_per_line_and_escapes() -> None:
    text = "سطر أول <b>\nسطر ثان فيه دليل"
    start = text.index("أول")
    html = highlighted(text, [(start, text.index("فيه") + 3), (0, 3)])
    assert html == (
        '<p dir="auto"><mark>سطر</mark> <mark>أول &lt;b&gt;</mark></p>\n'
        '<p dir="auto"><mark>سطر ثان فيه</mark> دليل</p>'
    )


def test_cli_digest_exit_codes_and_one_line(
    echo_cli: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    env = echo_cli
    args = ["digest", "--out", str(out), "--date", "2026-11-22", *env, "--input", str(SEED_000)]
    assert main(args) == 0
    stdout, stderr = capsys.readouterr()
    assert stdout.startswith("digest 2026-11-22: 1 new articles of 1, 1 events, 0 failed")
    assert stderr == ""
    assert main(["digest", "--quiet", *args[1:]]) == 0
    assert capsys.readouterr() == ("", "")
    assert main([*args, str(tmp_path / "gone.txt")]) == 1
    stdout, stderr = capsys.readouterr()
    assert stdout == ""
    assert len(stderr.strip().splitlines()) == 1
    assert stderr.startswith("summarizer: digest 2026-11-22: 0 new articles of 2")
    assert "gone.txt: no such file or folder" in stderr


def test_the_cron_script_runs_the_same_digest(fake: FakeOpenAI, tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    fake.default = echo_reply
    wrapper = tmp_path / "summarizer"
    wrapper.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m summarizer "$@"\n')
    wrapper.chmod(0o755)
    env = {**os.environ, "SUMMARIZER_BIN": str(wrapper), "SUMMARIZER_BASE_URL": fake.base_url,
           "SUMMARIZER_MODEL": "fake-model"}  # fmt: skip
    script = Path(__file__).resolve().parents[1] / "scripts" / "nightly-digest.sh"
    out = tmp_path / "out"
    done = subprocess.run(["bash", str(script), str(out), str(SEED_000)], env=env,
                          capture_output=True, text=True, timeout=120, check=False)  # fmt: skip
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    (folder,) = out.glob("????-??-??")
    assert sorted(p.name for p in folder.iterdir()) == sorted(FILES)
    failed = subprocess.run(["bash", str(script), str(out), str(tmp_path / "gone.txt")],
                            env=env, capture_output=True, text=True, timeout=120,
                            check=False)  # fmt: skip
    assert failed.returncode == 1 and failed.stdout == ""
    assert len(failed.stderr.strip().splitlines()) == 1 and "gone.txt" in failed.stderr


def test_the_digest_grounds_the_answers_it_has_seen_again(
    fake: FakeOpenAI, settings: Settings, tmp_path: Path
) -> None:
    """A seen article keeps the model's raw answer beside its summary; every digest grounds
    that answer with the current code, so a summary stored by an older version (here: its
    participants lost) is shown with the items the current checks find, without the model."""
    import sqlite3

    from conftest import seed_extraction

    from summarizer import Pipeline
    from summarizer.store import Store

    out = tmp_path / "out"
    fake.enqueue(ok(seed_extraction()))
    assert run_digest([SEED_000], out, settings=settings, day=date(2026, 11, 21)).ok
    db = sqlite3.connect(settings.db_path)
    ((answer,),) = db.execute("SELECT extraction_json FROM seen").fetchall()
    db.close()
    assert json.loads(answer)["participants"][0]["name"] == "لويد أوستن"

    other = tmp_path / "other.txt"  # a second article, seen by an older version
    other.write_text(seed_text().replace("16 شهراً", "26 شهراً"), encoding="utf-8")
    with Pipeline(settings, store=None) as pipeline:
        fake.enqueue(ok(seed_extraction()))
        (article,), _ = pipeline.load([other])
        (good,) = pipeline.extract([article])
    assert [p.name for p in good.participants] == ["لويد أوستن", "أندريه بيلوسوف"]
    stale = good.model_copy(update={"participants": [], "notes": ["grounded by an old version"]})
    store = Store(settings.db_path)
    store.put_seen(article, stale.model_dump_json(round_trip=True), DAY,
                   json.dumps(seed_extraction(), ensure_ascii=False))  # fmt: skip
    store.close()
    requests = len(fake.extraction_requests)

    run = run_digest([SEED_000, other], out, settings=settings, day=DAY)
    assert (run.ok, run.new_articles) == (True, 0)
    assert len(fake.extraction_requests) == requests  # grounded again, not asked again
    doc = json.loads((out / "2026-11-22" / "digest.json").read_text("utf-8"))
    (event,) = doc["events"]
    sources = {s["article"]: s for s in event["sources"]}
    for article_id in (SEED_000.stem, "other"):
        shown = sources[article_id]["fields"]["participants"]
        assert "لويد أوستن" in str(shown) and "أندريه بيلوسوف" in str(shown), shown
    (fresh,) = [a for a in doc["articles"] if a["id"] == "other"]
    assert fresh["total_items"] == good.total_items  # not the stale summary's count
