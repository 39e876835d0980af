"""SQLite store: every request and response, results by cache key, endpoint dialects, and
the articles the nightly digest has seen (text, summary, the model's answer, the day first seen).

Nothing secret is written here: requests are the JSON bodies sent (model, messages,
response format), never headers. Results are keyed by the cache key the extract stage computes,
so a re-run with the same inputs is served from the store. A result (and a seen article) keeps
the model's raw extraction next to the summary, so a re-run grounds it again with the current
code: improvements to the checks reach stored answers without the model.

The layout is built by named migrations (``MIGRATIONS``, as Simon Willison's ``llm`` does):
each runs once, in its own transaction, and is recorded in the ``_migrations`` table, so a
store written by any earlier version is brought up to date without losing rows. The file is
in WAL mode with a busy timeout and every write is one short transaction, so a ``run`` and a
``digest`` can share it, and a process killed mid-write leaves it consistent.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

BUSY_TIMEOUT_S = 60.0  # how long a write waits for another process's write to finish
IN_CHUNK = 500  # keys per ``IN (...)`` query, well under SQLite's limit on parameters


def _add_column(db: sqlite3.Connection, table: str, column: str, declaration: str) -> None:
    """Add ``column`` unless it is there (a store of the version before migrations has some
    columns a later migration adds)."""
    if column not in {row[1] for row in db.execute(f"PRAGMA table_info({table})")}:
        db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {declaration}")


def m001_initial(db: sqlite3.Connection) -> None:
    """The first layout: requests, results, dialects, the digest's seen articles."""
    db.execute("""
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
        )""")
    db.execute("""
        CREATE TABLE IF NOT EXISTS results (
            key TEXT PRIMARY KEY,
            content_sha256 TEXT NOT NULL,
            article TEXT NOT NULL,
            model TEXT NOT NULL,
            endpoint TEXT NOT NULL,
            prompt_version TEXT NOT NULL,
            schema_hash TEXT NOT NULL,
            created REAL NOT NULL,
            summary_json TEXT NOT NULL
        )""")
    db.execute("""
        CREATE TABLE IF NOT EXISTS seen (
            content_sha256 TEXT PRIMARY KEY,
            article TEXT NOT NULL,
            origin TEXT NOT NULL,
            first_seen TEXT NOT NULL,
            text TEXT NOT NULL,
            summary_json TEXT NOT NULL
        )""")
    db.execute("CREATE INDEX IF NOT EXISTS seen_by_day ON seen (first_seen)")
    db.execute("""
        CREATE TABLE IF NOT EXISTS dialects (
            endpoint TEXT NOT NULL,
            model TEXT NOT NULL,
            dialect TEXT NOT NULL,
            probed REAL NOT NULL,
            PRIMARY KEY (endpoint, model)
        )""")


def m002_results_extraction_json(db: sqlite3.Connection) -> None:
    """A result keeps the model's raw answer, grounded again on every hit."""
    _add_column(db, "results", "extraction_json", "TEXT")


def m003_seen_extraction_json(db: sqlite3.Connection) -> None:
    """A seen article keeps the model's raw answer too: the digest grounds it again."""
    _add_column(db, "seen", "extraction_json", "TEXT")


def m004_embeddings(db: sqlite3.Connection) -> None:
    """Sentence embeddings by cache key (``embed``): the model, the dimension, the float32
    bytes of the vector and when it was computed (ISO, UTC)."""
    db.execute("""
        CREATE TABLE IF NOT EXISTS embeddings (
            key TEXT PRIMARY KEY,
            model TEXT NOT NULL,
            dim INTEGER NOT NULL,
            vector BLOB NOT NULL,
            created TEXT NOT NULL
        )""")


Migration = Callable[[sqlite3.Connection], None]
MIGRATIONS: tuple[Migration, ...] = (
    m001_initial,
    m002_results_extraction_json,
    m003_seen_extraction_json,
    m004_embeddings,
)


def migrate(db: sqlite3.Connection) -> list[str]:
    """Apply the migrations ``db`` has not had, each once and in its own transaction, in
    order; the names applied now. Another process migrating at the same time is waited for."""
    db.execute(
        "CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied TEXT NOT NULL)"
    )
    done = {row[0] for row in db.execute("SELECT name FROM _migrations")}
    applied = []
    for migration in MIGRATIONS:
        name = migration.__name__
        if name in done:
            continue
        db.execute("BEGIN IMMEDIATE")
        try:
            if db.execute("SELECT 1 FROM _migrations WHERE name = ?", (name,)).fetchone() is None:
                migration(db)
                db.execute(
                    "INSERT INTO _migrations (name, applied) VALUES (?, ?)",
                    (name, datetime.now(UTC).isoformat(timespec="seconds")),
                )
                applied.append(name)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
    return applied


@dataclass(frozen=True)
class LoggedRequest:
    """One request to the model as the store keeps it (``summarizer logs``)."""

    id: int
    ts: float
    endpoint: str
    model: str
    article: str | None
    request_json: str
    response_json: str | None
    error: str | None
    latency_ms: float | None
    prompt_tokens: int | None
    completion_tokens: int | None


@dataclass(frozen=True)
class SeenRow:
    """An article of the ``seen`` table: the day first seen, where it came from, its text,
    the summary and the model's raw answer (None for rows of earlier versions)."""

    first_seen: str
    origin: str
    text: str
    summary_json: str
    extraction_json: str | None


MEMORY = ":memory:"


def _wal(db: sqlite3.Connection) -> None:
    """Switch to WAL mode. The switch does not wait on the busy timeout: when another process
    opens a fresh store at the same moment it fails with "database is locked", so retry."""
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            db.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


class Store:
    """A small thread-safe wrapper over one SQLite file (WAL mode), or over a database in
    memory (``Store(":memory:")``: nothing is kept after ``close``). Opening it applies the
    pending migrations (``migrated``: their names)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.in_memory = str(path) == MEMORY
        if not self.in_memory:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        # isolation_level=None: no implicit transactions; every write below is its own.
        self._conn = sqlite3.connect(
            MEMORY if self.in_memory else self.path,
            check_same_thread=False,
            timeout=BUSY_TIMEOUT_S,
            isolation_level=None,
        )
        self._conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        if not self.in_memory:
            _wal(self._conn)
        self._conn.execute("PRAGMA synchronous=NORMAL")  # WAL: safe against a killed process
        self.migrated = migrate(self._conn)
        self._lock = threading.Lock()

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def _write(self, sql: str, args: tuple[Any, ...]) -> int:
        """One statement in one short transaction, taking the write lock at once (a deferred
        transaction that must upgrade could fail with "database is locked" at once)."""
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                cur = self._conn.execute(sql, args)
                self._conn.execute("COMMIT")
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            return cur.lastrowid or 0

    def _write_many(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        """One statement for every row of ``rows``, all in one short transaction (as
        ``_write``: the write lock is taken at once)."""
        if not rows:
            return
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                self._conn.executemany(sql, rows)
                self._conn.execute("COMMIT")
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise

    def _read(self, sql: str, args: tuple[Any, ...] = ()) -> list[Any]:
        with self._lock:
            return self._conn.execute(sql, args).fetchall()

    def integrity(self) -> str:
        """SQLite's ``integrity_check``: "ok", or what is wrong."""
        return "; ".join(str(row[0]) for row in self._read("PRAGMA integrity_check"))

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

    def recent_requests(self, limit: int = 20) -> list[LoggedRequest]:
        """The last ``limit`` requests (all when 0), oldest first."""
        rows = self._read(
            "SELECT id, ts, endpoint, model, article, request_json, response_json, error,"
            " latency_ms, prompt_tokens, completion_tokens FROM requests"
            " ORDER BY id DESC LIMIT ?",
            (limit if limit > 0 else -1,),
        )
        return [LoggedRequest(*row) for row in reversed(rows)]

    def count_requests(self) -> int:
        return int(self._read("SELECT COUNT(*) FROM requests")[0][0])

    def get_result(self, key: str) -> tuple[str, str | None] | None:
        """(summary JSON, the model's raw extraction JSON or None) stored under ``key``."""
        rows = self._read("SELECT summary_json, extraction_json FROM results WHERE key = ?", (key,))
        return (rows[0][0], rows[0][1]) if rows else None

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
        return bool(self._read("SELECT 1 FROM seen WHERE content_sha256 = ?", (content_sha256,)))

    def put_seen(
        self, article: Any, summary_json: str, day: date, extraction_json: str | None = None
    ) -> None:
        """Record ``article`` (a ``load.Article``) as seen on ``day`` with its summary and the
        model's raw answer; the first day stays."""
        self._write(
            "INSERT OR IGNORE INTO seen (content_sha256, article, origin, first_seen, text,"
            " summary_json, extraction_json) VALUES (?,?,?,?,?,?,?)",
            (article.sha256, article.id, article.url or article.path, day.isoformat(),
             article.text, summary_json, extraction_json),
        )  # fmt: skip

    def seen_between(self, since: date, until: date) -> list[SeenRow]:
        """The articles first seen in [since, until], by article id."""
        rows = self._read(
            "SELECT first_seen, origin, text, summary_json, extraction_json FROM seen"
            " WHERE first_seen BETWEEN ? AND ? ORDER BY article, content_sha256",
            (since.isoformat(), until.isoformat()),
        )
        return [SeenRow(*row) for row in rows]

    def get_dialect(self, endpoint: str, model: str) -> str | None:
        rows = self._read(
            "SELECT dialect FROM dialects WHERE endpoint = ? AND model = ?", (endpoint, model)
        )
        return rows[0][0] if rows else None

    def put_dialect(self, endpoint: str, model: str, dialect: str) -> None:
        self._write(
            "INSERT OR REPLACE INTO dialects (endpoint, model, dialect, probed) VALUES (?,?,?,?)",
            (endpoint, model, dialect, time.time()),
        )

    def get_embeddings(self, keys: list[str]) -> dict[str, bytes]:
        """The vectors (float32 bytes) stored under ``keys``; a key not stored is absent."""
        unique = list(dict.fromkeys(keys))
        found: dict[str, bytes] = {}
        for start in range(0, len(unique), IN_CHUNK):
            chunk = unique[start : start + IN_CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = self._read(
                f"SELECT key, vector FROM embeddings WHERE key IN ({marks})", tuple(chunk)
            )
            found.update((key, bytes(vector)) for key, vector in rows)
        return found

    def put_embeddings(self, rows: list[tuple[str, str, int, bytes]]) -> None:
        """Store (key, model, dim, float32 bytes of the vector) rows in one transaction; a key
        stored before is replaced."""
        created = datetime.now(UTC).isoformat(timespec="seconds")
        self._write_many(
            "INSERT OR REPLACE INTO embeddings (key, model, dim, vector, created)"
            " VALUES (?,?,?,?,?)",
            [(key, model, dim, vector, created) for key, model, dim, vector in rows],
        )
