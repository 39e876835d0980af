"""The store under a killed run and under two processes at once, with the CLI as a subprocess
(``python -m summarizer``) and the fake server over real HTTP.

- ``summarizer run`` killed with SIGKILL while it writes results: the store passes SQLite's
  integrity check, and a re-run serves every article finished before the kill from the store
  (the same summary as a fresh computation) and computes the rest.
- ``summarizer run`` and ``summarizer digest`` on the same, fresh store at the same time: both
  finish, neither reports "database is locked", and no row is lost.
"""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from conftest import API_KEY, MODEL, SEEDS, echo_reply
from fake_openai import FakeOpenAI

from summarizer import Pipeline, Settings
from summarizer.store import Store

ARTICLES = 8


def _articles(folder: Path, n: int, tag: str) -> list[Path]:
    """``n`` different articles: a seed's text under a headline of its own."""
    seeds = sorted(SEEDS.glob("*.txt"))
    folder.mkdir(parents=True)
    paths = []
    for i in range(n):
        text = seeds[i % len(seeds)].read_text(encoding="utf-8")
        path = folder / f"{tag}{i:02d}.txt"
        path.write_text(f"خبر رقم {i} من {tag} عن اتصال وزيري الدفاع\n\n{text}", "utf-8")
        paths.append(path)
    return paths


def _env(fake: FakeOpenAI, data: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)  # already cleaned of SUMMARIZER_*/OPENAI_* by conftest
    env.update({
        "SUMMARIZER_BASE_URL": fake.base_url, "SUMMARIZER_MODEL": MODEL,
        "SUMMARIZER_API_KEY": API_KEY, "SUMMARIZER_MAX_RETRIES": "1",
        "SUMMARIZER_DATA_DIR": str(data), "PYTHONIOENCODING": "utf-8", **extra,
    })  # fmt: skip
    return env


def _start(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "summarizer", *args, "--env-file", str(cwd / "none.env")],
        env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def _count(db: Path, table: str) -> int:
    if not db.exists():
        return 0
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
    try:
        return int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
    except sqlite3.OperationalError:  # the table is not made yet
        return 0
    finally:
        conn.close()


def _items(summary: dict[str, Any]) -> dict[str, Any]:
    """What a reader sees of a summary: status, items and notes (not timings or provenance)."""
    keep = ("status", "reason", "event", "participants", "quantities", "claims", "notes")
    return {k: summary.get(k) for k in keep}


def test_a_run_killed_mid_way_leaves_a_sound_store_and_the_rerun_finishes_the_rest(
    fake: FakeOpenAI, isolated_env: Path
) -> None:
    fake.default = lambda body: dataclasses.replace(echo_reply(body), delay_s=0.4)
    work, data = isolated_env / "work", isolated_env / "data"
    folder = isolated_env / "in"
    paths = _articles(folder, ARTICLES, "a")
    db = data / "summarizer.db"

    proc = _start(["run", str(folder), "--json"], _env(fake, data), work)
    deadline = time.monotonic() + 60
    while _count(db, "results") < 3 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    store = Store(db)
    assert store.integrity() == "ok"
    store.close()
    conn = sqlite3.connect(db)
    finished = {
        article: (json.loads(summary), json.loads(answer))
        for article, summary, answer in conn.execute(
            "SELECT article, summary_json, extraction_json FROM results"
        )
    }
    conn.close()
    assert 3 <= len(finished) < ARTICLES, "the kill was not mid-way"

    fake.default = echo_reply
    before = len(fake.extraction_requests)
    rerun = _start(["run", str(folder), "--json"], _env(fake, data), work)
    out, err = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, err
    articles = {a["source"]["id"]: a for a in json.loads(out)["articles"]}
    assert sorted(articles) == sorted(p.stem for p in paths)
    assert len(fake.extraction_requests) - before == ARTICLES - len(finished)
    for article_id, summary in articles.items():
        assert summary["status"] == "ok"
        assert summary["provenance"]["cached"] is (article_id in finished), article_id
    for article_id, (_, answer) in finished.items():
        assert articles[article_id]["event"]["what"] == answer["event"]["what"]

    # the summaries served from the store are the ones a fresh computation gives
    settings = Settings.load(env_file=None, base_url=fake.base_url, model=MODEL)
    with Pipeline(settings, store=None) as pipeline:
        fresh = {s.id: s.model_dump(mode="json") for s in pipeline.extract([folder])}
    for article_id in finished:
        assert _items(articles[article_id]) == _items(fresh[article_id]), article_id


def test_run_and_digest_share_a_fresh_store_at_the_same_time(
    fake: FakeOpenAI, isolated_env: Path
) -> None:
    fake.default = lambda body: dataclasses.replace(echo_reply(body), delay_s=0.02)
    work, data = isolated_env / "work", isolated_env / "data"
    both = _articles(isolated_env / "both", 10, "b")
    digest_only = _articles(isolated_env / "digest", 6, "d")
    env = _env(fake, data, SUMMARIZER_CONCURRENCY="3")
    out = isolated_env / "digests"

    run = _start(["run", str(isolated_env / "both"), "--json"], env, work)
    inputs = [str(isolated_env / "both"), str(isolated_env / "digest")]
    digest = _start(["digest", "--out", str(out), "--date", "2026-11-22", "--input", *inputs],
                    env, work)  # fmt: skip
    run_out, run_err = run.communicate(timeout=180)
    digest_out, digest_err = digest.communicate(timeout=180)
    assert "locked" not in run_err + digest_err
    assert (run.returncode, run_err) == (0, "")
    assert (digest.returncode, digest_err) == (0, ""), digest_err
    assert digest_out.startswith("digest 2026-11-22: 16 new articles of 16")
    assert len(json.loads(run_out)["articles"]) == len(both)

    store = Store(data / "summarizer.db")
    assert store.integrity() == "ok"
    store.close()
    assert _count(data / "summarizer.db", "results") == len(both) + len(digest_only)
    assert _count(data / "summarizer.db", "seen") == len(both) + len(digest_only)
    assert _count(data / "summarizer.db", "requests") == len(fake.chat_requests)
    doc = json.loads((out / "2026-11-22" / "digest.json").read_text("utf-8"))
    assert len(doc["articles"]) == len(both) + len(digest_only)
