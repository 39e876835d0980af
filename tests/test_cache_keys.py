"""The result store's key: a hash of the request that is sent and of what else decides the
answer. Changing any of those recomputes (a new request reaches the fake server); changing
anything else (concurrency, time-out, transport retries, the API key) still hits the store."""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from typing import Any

import pytest
from conftest import API_KEY, MODEL, SEED_000, echo_reply
from fake_openai import FakeOpenAI, ok

import summarizer
from summarizer import ArticleSummary, Pipeline, Settings, Status
from summarizer.models import Extraction
from summarizer.store import Store

EXTRACT = importlib.import_module("summarizer.extract")  # the package's ``extract`` is a function


def _run(settings: Settings) -> ArticleSummary:
    (summary,) = summarizer.extract([SEED_000], settings=settings)
    assert summary.status == Status.OK, summary.reason
    return summary


def _put_dialect(settings: Settings, endpoint: str, dialect: str) -> None:
    store = Store(settings.db_path)
    try:
        store.put_dialect(endpoint, MODEL, dialect)
    finally:
        store.close()


def _key_document(settings: Settings) -> tuple[dict[str, Any], str]:
    with Pipeline(settings) as p:
        (article,), _ = p.load([SEED_000])
        document = p.extractor.key_document(article)
        key = p.extractor.cache_key(article)
    assert document is not None and key is not None
    return document, key


def test_each_setting_that_decides_the_answer_recomputes_and_others_still_hit(
    fake: FakeOpenAI,
    make_settings: Callable[..., Settings],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake.default = echo_reply
    base = _run(make_settings())
    assert base.provenance is not None and not base.provenance.cached
    asked = len(fake.extraction_requests)
    assert asked == 1

    def recomputes(settings: Settings, why: str) -> ArticleSummary:
        nonlocal asked
        s = _run(settings)
        assert s.provenance is not None and not s.provenance.cached, why
        assert len(fake.extraction_requests) == asked + 1, why
        asked += 1
        assert _run(settings).provenance.cached, why  # type: ignore[union-attr]
        assert len(fake.extraction_requests) == asked, why
        return s

    # the seed is 2419 characters: a limit of 600 sends less of it
    cut = recomputes(make_settings(max_input_chars=600), "max_input_chars")
    assert cut.provenance is not None and cut.provenance.input_chars_sent <= 600
    recomputes(make_settings(max_tokens=512), "max_tokens")
    recomputes(make_settings(max_reasks=2), "max_reasks")
    recomputes(make_settings(model="another-model"), "model")
    _put_dialect(make_settings(), fake.base_url, "json_object")  # probed again: weaker
    weaker = recomputes(make_settings(), "dialect")
    assert weaker.provenance is not None and weaker.provenance.dialect == "json_object"
    version = EXTRACT.EXAMPLES_VERSION
    monkeypatch.setattr(EXTRACT, "EXAMPLES_VERSION", "examples-test")
    recomputes(make_settings(), "prompt version")
    monkeypatch.setattr(EXTRACT, "EXAMPLES_VERSION", version)

    # what does not change the answer: served from the store, no request at all
    seen = len(fake.requests)
    for unchanged in (
        {"concurrency": 7},
        {"timeout_s": 99.0},
        {"max_retries": 4},
        {"api_key": "sk-another-key-9999"},
    ):
        s = _run(make_settings(**unchanged))
        assert s.provenance is not None and s.provenance.cached, unchanged
        assert s.provenance.dialect == "json_object"
    assert len(fake.requests) == seen


def test_another_endpoint_recomputes(
    fake_factory: Callable[..., FakeOpenAI], make_settings: Callable[..., Settings]
) -> None:
    one, two = fake_factory(), fake_factory()
    one.default = two.default = echo_reply
    _run(make_settings(base_url=one.base_url))
    s = _run(make_settings(base_url=two.base_url))
    assert s.provenance is not None and not s.provenance.cached
    assert len(two.extraction_requests) == 1


def test_a_changed_prompt_template_recomputes(
    fake: FakeOpenAI, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A template edited without bumping its version still changes what is sent, so the key."""
    fake.default = echo_reply
    _run(settings)
    real = EXTRACT.load_template

    def edited(name: str) -> Any:
        template = real(name)
        if name != "extract_system.j2":
            return template
        render = template.render

        class Edited:
            version = template.version

            def render(self, **variables: Any) -> str:
                return render(**variables) + "\nBe brief."

        return Edited()

    monkeypatch.setattr(EXTRACT, "load_template", edited)
    s = _run(settings)
    assert s.provenance is not None and not s.provenance.cached
    assert fake.extraction_requests[-1].messages[0]["content"].endswith("Be brief.")


def test_key_document_is_the_request_sent_and_never_the_api_key(
    fake: FakeOpenAI, settings: Settings
) -> None:
    fake.default = echo_reply
    _run(settings)
    document, key = _key_document(settings)
    sent = fake.extraction_requests[0].body
    assert json.loads(json.dumps(document["request"])) == sent
    assert document["dialect"] == "json_schema"
    assert document["model"] == MODEL and document["endpoint"] == fake.base_url
    assert document["max_reasks"] == settings.max_reasks
    assert document["request"]["max_tokens"] == settings.max_tokens
    assert document["request"]["temperature"] == 0
    assert API_KEY not in json.dumps(document, ensure_ascii=False)
    assert API_KEY not in key
    # one canonical document: the same settings give the same key in another process
    assert _key_document(settings) == (document, key)


@pytest.mark.parametrize("dialect", ["json_object_schema", "tools", "json_object", "plain"])
def test_request_body_is_what_each_dialect_sends(
    fake_factory: Callable[..., FakeOpenAI],
    make_settings: Callable[..., Settings],
    extraction: dict[str, Any],
    dialect: str,
) -> None:
    fake = fake_factory()
    fake.enqueue(ok(extraction))
    settings = make_settings(base_url=fake.base_url)
    _put_dialect(settings, fake.base_url, dialect)
    s = _run(settings)
    assert s.provenance is not None and s.provenance.dialect == dialect
    document, _ = _key_document(settings)
    assert json.loads(json.dumps(document["request"])) == fake.extraction_requests[0].body


def test_no_key_before_the_dialect_is_known(settings: Settings) -> None:
    """A key needs the dialect; before the first probe nothing can have been stored."""
    with Pipeline(settings) as p:
        (article,), _ = p.load([SEED_000])
        assert p.extractor.key_document(article) is None
        assert p.extractor.cached(article) is None
    assert Extraction.model_json_schema()["required"] == ["event", "participants", "quantities"]
