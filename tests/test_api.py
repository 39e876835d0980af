"""The Python API: the README's example runs exactly as written, and the library seams
(``Pipeline`` with an injected client or base URL, a store or none; ``Article.from_text(...,
published=)``; one exception root) do what they say."""

from __future__ import annotations

import asyncio
import re
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import openai
import pytest
from conftest import API_KEY, MODEL, ROOT, SEED_000, SEEDS, echo_reply
from fake_openai import FakeOpenAI

import summarizer
from summarizer import (
    Article,
    ConfigError,
    EndpointError,
    LoadError,
    LocalModelError,
    Pipeline,
    Settings,
    Status,
    Store,
    SummarizerError,
)
from summarizer.dates import Anchor, resolve_when
from summarizer.evaluate import GoldError
from summarizer.read.when import anchor_of

OTHER_KEY = "sk-openai-client-key-777"
WIRE = "Ministers of the two countries met in Geneva on Tuesday.\n\nThey spoke for an hour."


def readme_python(section: str = "## Python API") -> list[str]:
    """The ``python`` code blocks of one section of the README, as written."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    body = text.split(f"\n{section}\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", body, flags=re.DOTALL)


def _requests_db(db: Path) -> list[tuple[str, int]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT model, COUNT(*) FROM requests GROUP BY model").fetchall()
    finally:
        conn.close()


def test_the_readme_example_runs_as_written(
    fake: FakeOpenAI,
    monkeypatch: pytest.MonkeyPatch,
    isolated_env: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    fake.default = echo_reply
    # What a user of a served model sets: the tool's endpoint, and the OpenAI client's own.
    monkeypatch.setenv("SUMMARIZER_BASE_URL", fake.base_url)
    monkeypatch.setenv("SUMMARIZER_MODEL", MODEL)
    monkeypatch.setenv("SUMMARIZER_API_KEY", API_KEY)
    monkeypatch.setenv("OPENAI_BASE_URL", fake.base_url)
    monkeypatch.setenv("OPENAI_API_KEY", OTHER_KEY)
    shutil.copytree(SEEDS, Path("seeds"))  # the working directory is an empty folder
    blocks = readme_python()
    assert blocks, "no python block in the README's Python API section"

    namespace: dict[str, object] = {"__name__": "readme"}
    for block in blocks:
        exec(compile(block, "README.md", "exec"), namespace)

    out = capsys.readouterr().out
    seeds = len(list(SEEDS.glob("*.txt")))
    summaries = namespace["summaries"]
    assert isinstance(summaries, list) and len(summaries) == seeds
    assert all(s.status == Status.OK for s in summaries)
    # the module-level extract used the settings' endpoint, model and key, and the data dir
    first = fake.extraction_requests[:seeds]
    assert {r.body["model"] for r in first} == {MODEL}
    assert {r.headers.get("authorization") for r in first} == {f"Bearer {API_KEY}"}
    # the pipeline used the injected client (its key) and honoured the model name
    rest = fake.extraction_requests[seeds:]
    assert len(rest) == seeds + 1  # store=None: nothing served from the data dir's store
    assert {r.body["model"] for r in rest} == {"gpt-4o-mini"}
    assert {r.headers.get("authorization") for r in rest} == {f"Bearer {OTHER_KEY}"}
    # the data dir's store logged the module-level run only (its probe and extractions)
    mine = [r for r in fake.chat_requests if r.body["model"] == MODEL]
    assert _requests_db(Settings.load().db_path) == [(MODEL, len(mine))]
    assert re.search(r"^wire-1 ok 2024-06-11 \d+$", out, flags=re.MULTILINE), out
    assert "<memory>: published='last week' is not an ISO date (YYYY-MM-DD)" in out


def test_published_is_the_reference_date() -> None:
    for published in ("2024-06-13", date(2024, 6, 13), "2024-06-13T09:30:00+02:00"):
        article = Article.from_text(WIRE, id="wire", published=published)
        assert article.page_date_iso == "2024-06-13"
    assert Article.from_text(WIRE).page_date_iso is None  # no date on the page, none given
    resolved = resolve_when("Tuesday", date(2024, 6, 13))  # how grouping reads it
    assert resolved is not None and resolved.iso == "2024-06-11"


@pytest.mark.parametrize("bad", ["last week", "2024-13-01", "", "11/06/2024"])
def test_a_bad_published_date_is_one_line_load_error(bad: str) -> None:
    with pytest.raises(LoadError) as info:
        Article.from_text(WIRE, id="wire", path="wire.txt", published=bad)
    assert str(info.value) == f"wire.txt: published={bad!r} is not an ISO date (YYYY-MM-DD)"
    assert isinstance(info.value, SummarizerError)


def test_a_pipeline_with_an_injected_client(fake: FakeOpenAI, isolated_env: Path) -> None:
    """The client's base URL is the endpoint, its key is used, it is not closed by the
    pipeline, and nothing is written to disk with store=None."""
    fake.default = echo_reply

    async def go() -> None:
        client = openai.AsyncOpenAI(base_url=fake.base_url, api_key=OTHER_KEY)
        article = Article.from_text(WIRE, id="wire", published="2024-06-13")
        async with Pipeline(client=client, model="served-name", store=None) as pipeline:
            (s,) = await pipeline.aextract([article])
        assert s.status == Status.OK, s.reason
        assert s.provenance is not None and s.provenance.endpoint == fake.base_url
        assert s.provenance.model == "served-name"
        assert s.source.page_date_iso == "2024-06-13"
        assert anchor_of(s.source) == Anchor(date(2024, 6, 13), "metadata")
        assert not client.is_closed()  # the caller's client stays open
        await client.models.list()
        await client.close()

    asyncio.run(go())
    assert fake.extraction_requests[0].headers.get("authorization") == f"Bearer {OTHER_KEY}"
    assert not (isolated_env / "data").exists()  # store=None: no database file


def test_a_sync_pipeline_with_a_base_url_and_its_own_store(
    fake: FakeOpenAI, tmp_path: Path
) -> None:
    """Sync calls each run their own event loop: the second reconnects and is served from
    the given store, which the caller keeps open."""
    fake.default = echo_reply
    store = Store(tmp_path / "mine.db")
    with Pipeline(
        Settings.load(env_file=None), base_url=fake.base_url, model=MODEL, api_key=API_KEY,
        store=store,
    ) as pipeline:  # fmt: skip
        (first,) = pipeline.extract([SEED_000])
        comparison = pipeline.run([SEED_000, SEED_000])
    assert first.status == Status.OK and not first.provenance.cached  # type: ignore[union-attr]
    one, twin = comparison.articles
    assert one.provenance is not None and one.provenance.cached
    assert "processed once" in twin.notes[-1]
    grouped = sorted(a for e in comparison.events for a in e.articles)
    assert grouped == sorted([one.id, twin.id])  # both took part in the compare stage
    assert len(fake.extraction_requests) == 1
    assert store.count_requests() >= 1  # still open: the pipeline closes only its own store
    store.close()


def test_memory_store_keeps_results_until_closed() -> None:
    store = Store(":memory:")
    store.put_result(
        "k", content_sha256="s", article="a", model="m", endpoint="e", prompt_version="p",
        schema_hash="h", summary_json="{}", extraction_json=None,
    )  # fmt: skip
    assert store.get_result("k") == ("{}", None)
    assert store.in_memory and not Path(":memory:").exists()
    store.close()


def test_client_and_base_url_together_are_refused(fake: FakeOpenAI) -> None:
    client = openai.AsyncOpenAI(base_url=fake.base_url, api_key="x")
    with pytest.raises(ConfigError, match="either client= or base_url="):
        Pipeline(client=client, base_url=fake.base_url)


def test_a_model_name_without_an_endpoint_is_refused_not_dropped() -> None:
    with pytest.raises(ConfigError) as info:
        Pipeline(model="gpt-4o-mini", store=None)
    assert "gpt-4o-mini" in str(info.value) and "SUMMARIZER_BASE_URL" in str(info.value)
    assert "\n" not in str(info.value)
    with pytest.raises(ConfigError, match="gpt-4o-mini"):  # settings built by hand, too
        Pipeline(Settings(model="gpt-4o-mini"), store=None)


@pytest.mark.parametrize(
    "error", [ConfigError, LoadError, EndpointError, LocalModelError, GoldError]
)
def test_every_error_derives_from_the_one_root(error: type[Exception]) -> None:
    assert issubclass(error, SummarizerError)
    assert summarizer.SummarizerError is SummarizerError
