"""summarizer.store: named migrations applied once each, in a transaction, on a fresh store and
on the layouts earlier versions wrote (rows kept); and many connections opening it at once."""

from __future__ import annotations

import sqlite3
import threading
from datetime import date
from pathlib import Path

import pytest

from summarizer import store as store_module
from summarizer.store import MIGRATIONS, Store

NAMES = [m.__name__ for m in MIGRATIONS]

# The tables of the oldest store: requests, and results without the model's raw answer.
OLDEST_TABLES = """
CREATE TABLE requests (id INTEGER PRIMARY KEY AUTOINCREMENT, ts REAL NOT NULL,
    endpoint TEXT NOT NULL, model TEXT NOT NULL, article TEXT, content_sha256 TEXT,
    request_json TEXT NOT NULL, response_json TEXT, error TEXT, latency_ms REAL,
    prompt_tokens INTEGER, completion_tokens INTEGER);
CREATE TABLE results (key TEXT PRIMARY KEY, content_sha256 TEXT NOT NULL, article TEXT NOT NULL,
    model TEXT NOT NULL, endpoint TEXT NOT NULL, prompt_version TEXT NOT NULL,
    schema_hash TEXT NOT NULL, created REAL NOT NULL, summary_json TEXT NOT NULL);
"""

# An old store: results without extraction_json.
OLDER = (
    OLDEST_TABLES
    + """
INSERT INTO results VALUES ('k0', 'sha0', 'a0', 'm', 'http://h/v1', 'p0', 's0', 1.0, '{"old": 1}');
INSERT INTO requests (ts, endpoint, model, request_json) VALUES (1.0, 'e', 'm', '{}');
"""
)

# The layout of the version before migrations: results has extraction_json, seen has not.
PREVIOUS = (
    OLDEST_TABLES
    + """
ALTER TABLE results ADD COLUMN extraction_json TEXT;
CREATE TABLE seen (content_sha256 TEXT PRIMARY KEY, article TEXT NOT NULL, origin TEXT NOT NULL,
    first_seen TEXT NOT NULL, text TEXT NOT NULL, summary_json TEXT NOT NULL);
CREATE INDEX seen_by_day ON seen (first_seen);
CREATE TABLE dialects (endpoint TEXT NOT NULL, model TEXT NOT NULL, dialect TEXT NOT NULL,
    probed REAL NOT NULL, PRIMARY KEY (endpoint, model));
INSERT INTO requests (ts, endpoint, model, article, request_json, response_json, latency_ms,
    prompt_tokens, completion_tokens)
    VALUES (1.5, 'http://h/v1', 'm', 'a1', '{"model": "m"}', '{"usage": {}}', 12.5, 10, 20);
INSERT INTO results VALUES ('k1', 'sha1', 'a1', 'm', 'http://h/v1', 'p1', 's1', 2.5,
    '{"summary": 1}', '{"answer": 1}');
INSERT INTO seen VALUES ('sha1', 'a1', '/in/a1.txt', '2026-11-20', 'نص المقال', '{"s": 1}');
INSERT INTO dialects VALUES ('http://h/v1', 'm', 'json_schema', 3.5);
"""
)


def _raw(path: Path, script: str) -> None:
    db = sqlite3.connect(path)
    db.executescript(script)
    db.commit()
    db.close()


def _migrated(path: Path, script: str) -> Store:
    """A store written by ``script`` (an earlier version's layout and rows), opened now: every
    migration is recorded (those whose tables or columns were there find nothing to do)."""
    _raw(path, script)
    store = Store(path)
    assert store.migrated == NAMES
    return store


def _applied(path: Path) -> list[str]:
    db = sqlite3.connect(path)
    try:
        return [r[0] for r in db.execute("SELECT name FROM _migrations ORDER BY rowid")]
    finally:
        db.close()


def _columns(path: Path, table: str) -> list[str]:
    db = sqlite3.connect(path)
    try:
        return [r[1] for r in db.execute(f"PRAGMA table_info({table})")]
    finally:
        db.close()


def test_a_fresh_store_gets_every_migration_once_and_a_second_open_applies_none(
    tmp_path: Path,
) -> None:
    path = tmp_path / "fresh.db"
    store = Store(path)
    assert store.migrated == NAMES == ["m001_initial", "m002_results_extraction_json",
                                       "m003_seen_extraction_json", "m004_embeddings"]  # fmt: skip
    store.close()
    assert _applied(path) == NAMES
    again = Store(path)
    assert again.migrated == []
    assert again.integrity() == "ok"
    again.close()
    assert _applied(path) == NAMES
    assert "extraction_json" in _columns(path, "results")
    assert "extraction_json" in _columns(path, "seen")


def test_the_layout_before_migrations_is_recorded_and_completed_with_its_rows(
    tmp_path: Path,
) -> None:
    path = tmp_path / "previous.db"
    store = _migrated(path, PREVIOUS)
    assert store.get_result("k1") == ('{"summary": 1}', '{"answer": 1}')
    assert store.get_dialect("http://h/v1", "m") == "json_schema"
    assert store.count_requests() == 1
    (request,) = store.recent_requests()
    assert (request.article, request.latency_ms, request.prompt_tokens) == ("a1", 12.5, 10)
    (row,) = store.seen_between(date(2026, 11, 1), date(2026, 11, 30))
    assert (row.origin, row.text, row.summary_json, row.extraction_json) == (
        "/in/a1.txt", "نص المقال", '{"s": 1}', None,
    )  # fmt: skip
    store.close()
    assert Store(path).migrated == []


def test_an_older_store_without_the_raw_answer_column_is_migrated_with_its_rows(
    tmp_path: Path,
) -> None:
    path = tmp_path / "older.db"
    store = _migrated(path, OLDER)
    assert store.get_result("k0") == ('{"old": 1}', None)
    store.put_result("k2", content_sha256="sha2", article="a2", model="m", endpoint="e",
                     prompt_version="p", schema_hash="s", summary_json="{}",
                     extraction_json='{"new": 1}')  # fmt: skip
    assert store.get_result("k2") == ("{}", '{"new": 1}')
    assert store.count_requests() == 1
    store.close()
    assert set(_columns(path, "seen")) >= {"text", "summary_json", "extraction_json"}


def test_a_failing_migration_is_rolled_back_and_not_recorded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "broken.db"
    Store(path).close()

    def m004_half_done(db: sqlite3.Connection) -> None:
        db.execute("ALTER TABLE results ADD COLUMN half TEXT")
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(store_module, "MIGRATIONS", (*MIGRATIONS, m004_half_done))
    with pytest.raises(RuntimeError, match="disk on fire"):
        Store(path)
    assert _applied(path) == NAMES
    assert "half" not in _columns(path, "results")  # the ALTER went with the transaction


def test_many_connections_opening_a_fresh_store_at_once_apply_each_migration_once(
    tmp_path: Path,
) -> None:
    path = tmp_path / "race.db"
    opened: list[list[str]] = []
    errors: list[BaseException] = []
    start = threading.Barrier(6)

    def open_it() -> None:
        try:
            start.wait()
            s = Store(path)
            opened.append(s.migrated)
            s.log_request(endpoint="e", model="m", article=None, content_sha256=None,
                          request={}, response=None, error="x", latency_ms=1.0)  # fmt: skip
            s.close()
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=open_it) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == []
    assert sorted(n for names in opened for n in names) == sorted(NAMES)
    assert _applied(path) == NAMES
    store = Store(path)
    assert store.count_requests() == 6
    store.close()
