"""Shared fixtures: an isolated environment, the fake OpenAI server, settings pointing at it, and
a valid ``Extraction`` for the seed article whose quotes are real substrings of it."""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fake_openai import FakeOpenAI, Reply, ok

from summarizer import Settings

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_000 = SEEDS / "000_b97ede104fd19c63.txt"
MODEL = "fake-model"
API_KEY = "sk-test-DO-NOT-LEAK-4242"

_PROXY_VARS = ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY")


@pytest.fixture(autouse=True)
def isolated_env(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Path:
    """No SUMMARIZER_*/OPENAI_* variable and no ``.env`` of the developer leaks in; the store and
    cache live in ``tmp_path``; the working directory is an empty folder.

    Tests marked ``model`` (the end-to-end run on the real embedded model) isolate themselves
    and may reuse the developer's SUMMARIZER_CACHE_DIR, where the assembled model is kept."""
    if request.node.get_closest_marker("model") is not None:
        return tmp_path
    for name in list(os.environ):
        if name.startswith(("SUMMARIZER_", "OPENAI_")) or name in _PROXY_VARS:
            monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    data, cache, work = tmp_path / "data", tmp_path / "cache", tmp_path / "work"
    work.mkdir()
    monkeypatch.setenv("SUMMARIZER_DATA_DIR", str(data))
    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(cache))
    monkeypatch.chdir(work)  # Settings.load() and the CLI read ./.env by default
    return tmp_path


# --- the seed article and a valid extraction for it -------------------------------------------


def seed_text() -> str:
    return SEED_000.read_text(encoding="utf-8")


# Every quote below is copied from seeds/000_b97ede104fd19c63.txt (checked in seed_extraction).
_SEED_EXTRACTION: dict[str, Any] = {
    "event": {
        "evidence": "أجرى وزير الدفاع الأميركي لويد أوستن، اتصالاً بنظيره الروسي أندريه بيلوسوف",
        "what": "اتصال بين وزيري دفاع الولايات المتحدة وروسيا",
        "kind": "اتصال",
        "when": "الثلاثاء",
        "where": None,
        "initiator": "الولايات المتّحدة",
    },
    "participants": [
        {
            "evidence": "أجرى وزير الدفاع الأميركي لويد أوستن، اتصالاً بنظيره الروسي",
            "name": "لويد أوستن",
            "role": "وزير الدفاع الأميركي",
            "country": "الولايات المتحدة",
        },
        {
            "evidence": "بنظيره الروسي أندريه بيلوسوف",
            "name": "أندريه بيلوسوف",
            "role": "وزير الدفاع الروسي",
            "country": "روسيا",
        },
    ],
    "quantities": [
        {
            "evidence": "هو الأول من نوعه بين وزيري دفاع البلدين منذ نحو 16 شهراً",
            "what": "منذ آخر اتصال",
            "value": "16 شهراً",
            "source": None,
        }
    ],
}


def seed_extraction() -> dict[str, Any]:
    """A valid ``Extraction`` (as a dict) for the seed article; every evidence quote and every
    key value is a verbatim substring of the article."""
    data = copy.deepcopy(_SEED_EXTRACTION)
    text = seed_text()
    items = [data["event"], *data["participants"], *data["quantities"]]
    for item in items:
        assert item["evidence"] in text, item["evidence"]
    for value in (data["event"]["when"], *(p["name"] for p in data["participants"]),
                  *(q["value"] for q in data["quantities"])):  # fmt: skip
        assert value in text, value
    return data


def seed_extraction_json() -> str:
    return json.dumps(seed_extraction(), ensure_ascii=False)


@pytest.fixture
def extraction() -> dict[str, Any]:
    return seed_extraction()


@pytest.fixture
def extraction_json() -> str:
    return seed_extraction_json()


def article_in_request(body: dict[str, Any]) -> str:
    """The article text of an extraction request: the last user message, between <<< and >>>
    when the template uses those markers."""
    users = [m for m in body.get("messages") or [] if m.get("role") == "user"]
    content = str(users[-1]["content"]) if users else ""
    if "<<<" in content and ">>>" in content:
        content = content.split("<<<", 1)[1].rsplit(">>>", 1)[0]
    return content.strip()


def echo_reply(body: dict[str, Any]) -> Reply:
    """A valid extraction for whatever article was sent: the event's evidence is the article's
    first line of at least three words (so it aligns exactly), every list empty."""
    lines = [ln.strip() for ln in article_in_request(body).splitlines()]
    first = next((ln for ln in lines if len(ln.split()) >= 3 and len(ln) >= 20), "no usable line")
    quote = first[:200].rsplit(" ", 1)[0] if len(first) > 200 else first
    return ok({
        "event": {
            "evidence": quote,
            "what": quote[:200],
            "when": None,
            "where": None,
            "initiator": None,
        },
        "participants": [], "quantities": [],
    })  # fmt: skip


# --- the fake server and settings pointing at it ---------------------------------------------


@pytest.fixture
def fake_factory() -> Iterator[Callable[..., FakeOpenAI]]:
    """Start fake servers with any options (``FakeOpenAI(**kwargs)``); all stop at teardown."""
    started: list[FakeOpenAI] = []

    def make(*, rejecting_json_schema: bool = False, **kwargs: Any) -> FakeOpenAI:
        fake = (FakeOpenAI.rejecting_json_schema(**kwargs) if rejecting_json_schema
                else FakeOpenAI(**kwargs))  # fmt: skip
        started.append(fake.start())
        return fake

    yield make
    for fake in started:
        fake.stop()


@pytest.fixture
def fake(fake_factory: Callable[..., FakeOpenAI]) -> FakeOpenAI:
    """A fake endpoint that enforces every dialect; scripted replies only, no default."""
    return fake_factory()


@pytest.fixture
def make_settings(fake: FakeOpenAI) -> Callable[..., Settings]:
    """Settings for the fake server (``env_file=None``); overrides win, e.g. max_retries=0."""

    def make(**overrides: Any) -> Settings:
        values: dict[str, Any] = {
            "base_url": fake.base_url, "model": MODEL, "api_key": API_KEY,
            "max_retries": 1, "max_reasks": 1, "timeout_s": 15.0,
        }  # fmt: skip
        values.update(overrides)
        return Settings.load(env_file=None, **values)

    return make


@pytest.fixture
def settings(make_settings: Callable[..., Settings]) -> Settings:
    return make_settings()


@pytest.fixture
def echo_cli(fake: FakeOpenAI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The CLI pointed at the fake server answering every article (``echo_reply``), through
    the environment; returns the options that keep a developer's ``.env`` out."""
    fake.default = echo_reply
    monkeypatch.setenv("SUMMARIZER_BASE_URL", fake.base_url)
    monkeypatch.setenv("SUMMARIZER_MODEL", MODEL)
    return ["--env-file", str(tmp_path / "none.env")]
