"""SQLite store: every request and response, results by cache key, endpoint dialects, and
the articles the nightly digest has seen (text, summary, the day first seen).

Nothing secret is written here: requests are the JSON bodies sent (model, messages,
response format), never headers. Results are keyed by article content hash, model, endpoint,
prompt version and schema hash, so a re-run with the same inputs is served from the store.
A result keeps the model's raw extraction next to the summary, so a re-run grounds it again
with the current code: improvements to the checks reach stored results without the model.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import time
from datetime import date
from pathlib import Path
from typing import Any

_SCHEMA = """
CREATE TABLE IF NOT EXISTS requests (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    ts REAL NOT NULL,
    endpoint TEXT NOT NULL,
    model TEXT NOT NULL,
    article TEXT,
    content_sha256 TEXT,
    request_json TEXT NOT NULL,
    response_json TEXT,
    error TEXT,
    latency_ms REAL,
    prompt_tokens INTEGER,
    completion_tokens INTEGER
);
CREATE TABLE IF NOT EXISTS results (
    key TEXT PRIMARY KEY,
    content_sha256 TEXT NOT NULL,
    article TEXT NOT NULL,
    model TEXT NOT NULL,
    endpoint TEXT NOT NULL,
    prompt_version TEXT NOT NULL,
    schema_hash TEXT NOT NULL,
    created REAL NOT NULL,
    summary_json TEXT NOT NULL,
    extraction_json TEXT
);
CREATE TABLE IF NOT EXISTS seen (
    content_sha256 TEXT PRIMARY KEY,
    article TEXT NOT NULL,
    origin TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    text TEXT NOT NULL,
    summary_json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS seen_by_day ON seen (first_seen);
CREATE TABLE IF NOT EXISTS dialects (
    endpoint TEXT NOT NULL,
    model TEXT NOT NULL,
    dialect TEXT NOT NULL,
    probed REAL NOT NULL,
    PRIMARY KEY (endpoint, model)
);
"""


def result_key(
    content_sha256: str, model: str, endpoint: str, prompt_version: str, schema_hash: str
) -> str:
    parts = [content_sha256, model, endpoint, prompt_version, schema_hash]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


MEMORY = ":memory:"


class Store:
    """A small thread-safe wrapper over one SQLite file (WAL mode), or over a database in
    memory (``Store(":memory:")``: nothing is kept after ``close``)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.in_memory = str(path) == MEMORY
        if not self.in_memory:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(
            MEMORY if self.in_memory else self.path, check_same_thread=False, timeout=30
        )
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=NORMAL")
        self._conn.executescript(_SCHEMA)
        columns = {row[1] for row in self._conn.execute("PRAGMA table_info(results)")}
        if "extraction_json" not in columns:  # a store written by an earlier version
            self._conn.execute("ALTER TABLE results ADD COLUMN extraction_json TEXT")
        self._lock = threading.Lock()

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def _write(self, sql: str, args: tuple[Any, ...]) -> int:
        with self._lock, self._conn:
            cur = self._conn.execute(sql, args)
            return cur.lastrowid or 0

    def log_request(
        self,
        *,
        endpoint: str,
        model: str,
        article: str | None,
        content_sha256: str | None,
        request: dict[str, Any],
        response: dict[str, Any] | None,
        error: str | None,
        latency_ms: float,
    ) -> int:
        usage = (response or {}).get("usage") or {}
        return self._write(
            "INSERT INTO requests (ts, endpoint, model, article, content_sha256, request_json,"
            " response_json, error, latency_ms, prompt_tokens, completion_tokens)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                time.time(),
                endpoint,
                model,
                article,
                content_sha256,
                json.dumps(request, ensure_ascii=False, default=str),
                json.dumps(response, ensure_ascii=False) if response is not None else None,
                error,
                latency_ms,
                usage.get("prompt_tokens"),
                usage.get("completion_tokens"),
            ),
        )

    def get_result(self, key: str) -> tuple[str, str | None] | None:
        """(summary JSON, the model's raw extraction JSON or None) stored under ``key``."""
        with self._lock:
            row = self._conn.execute(
                "SELECT summary_json, extraction_json FROM results WHERE key = ?", (key,)
            ).fetchone()
        return (row[0], row[1]) if row else None

    def put_result(
        self,
        key: str,
        *,
        content_sha256: str,
        article: str,
        model: str,
        endpoint: str,
        prompt_version: str,
        schema_hash: str,
        summary_json: str,
        extraction_json: str | None = None,
    ) -> None:
        self._write(
            "INSERT OR REPLACE INTO results (key, content_sha256, article, model, endpoint,"
            " prompt_version, schema_hash, created, summary_json, extraction_json)"
            " VALUES (?,?,?,?,?,?,?,?,?,?)",
            (
                key,
                content_sha256,
                article,
                model,
                endpoint,
                prompt_version,
                schema_hash,
                time.time(),
                summary_json,
                extraction_json,
            ),
        )

    def seen(self, content_sha256: str) -> bool:
        with self._lock:
            row = self._conn.execute(
                "SELECT 1 FROM seen WHERE content_sha256 = ?", (content_sha256,)
            ).fetchone()
        return row is not None

    def put_seen(self, article: Any, summary_json: str, day: date) -> None:
        """Record ``article`` (a ``load.Article``) as seen on ``day``; the first day stays."""
        self._write(
            "INSERT OR IGNORE INTO seen (content_sha256, article, origin, first_seen, text,"
            " summary_json) VALUES (?,?,?,?,?,?)",
            (article.sha256, article.id, article.url or article.path, day.isoformat(),
             article.text, summary_json),
        )  # fmt: skip

    def seen_between(self, since: date, until: date) -> list[tuple[str, str, str]]:
        """(first seen, text, summary JSON) of the articles first seen in [since, until]."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT first_seen, text, summary_json FROM seen"
                " WHERE first_seen BETWEEN ? AND ? ORDER BY article, content_sha256",
                (since.isoformat(), until.isoformat()),
            ).fetchall()
        return [(r[0], r[1], r[2]) for r in rows]

    def get_dialect(self, endpoint: str, model: str) -> str | None:
        with self._lock:
            row = self._conn.execute(
                "SELECT dialect FROM dialects WHERE endpoint = ? AND model = ?", (endpoint, model)
            ).fetchone()
        return row[0] if row else None

    def put_dialect(self, endpoint: str, model: str, dialect: str) -> None:
        self._write(
            "INSERT OR REPLACE INTO dialects (endpoint, model, dialect, probed) VALUES (?,?,?,?)",
            (endpoint, model, dialect, time.time()),
        )

    def count_requests(self) -> int:
        with self._lock:
            return int(self._conn.execute("SELECT COUNT(*) FROM requests").fetchone()[0])
