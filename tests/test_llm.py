"""summarizer.llm against the fake server over real HTTP: dialect probe, transport retries,
errors, and the store log of every request and response."""

from __future__ import annotations

import asyncio
import json
import sqlite3
import time
from collections.abc import Callable
from typing import Any

import openai
import pytest
from conftest import API_KEY, MODEL, SEED_000, echo_reply
from fake_openai import FakeOpenAI, closed_base_url, garbage, http_error, ok, raw

import summarizer
from summarizer import EndpointError, Settings, Status
from summarizer.llm import LLM, _retry_after_s, describe_error
from summarizer.store import Store


def _run(settings: Settings, **kwargs: Any) -> summarizer.ArticleSummary:
    (summary,) = summarizer.extract([SEED_000], settings=settings, **kwargs)
    return summary


def _rows(settings: Settings, sql: str) -> list[sqlite3.Row]:
    conn = sqlite3.connect(settings.db_path)
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


# --- dialect --------------------------------------------------------------------------------


def test_probe_finds_json_schema_and_extraction_uses_it(
    fake: FakeOpenAI, settings: Settings, extraction: dict[str, Any]
) -> None:
    fake.enqueue(ok(extraction))
    summary = _run(settings)
    assert summary.status == Status.OK
    assert summary.provenance is not None and summary.provenance.dialect == "json_schema"

    (probe,) = fake.probe_requests
    assert probe.response_format["type"] == "json_schema"
    assert probe.response_format["json_schema"]["schema"]["properties"]["probe"]["enum"] == [
        "probe-7f3k"
    ]
    (request,) = fake.extraction_requests
    fmt = request.response_format
    assert fmt["type"] == "json_schema"
    schema = fmt["json_schema"]["schema"]
    assert set(schema["properties"]) == {"event", "participants", "quantities"}
    assert request.body["model"] == MODEL
    assert request.body["temperature"] == 0
    assert request.body["max_tokens"] == settings.max_tokens
    # the article is the last message
    assert "أجرى وزير الدفاع الأميركي لويد أوستن" in request.messages[-1]["content"]
    assert request.messages[0]["role"] == "system"


@pytest.mark.parametrize("status", [400, 500], ids=["400", "500-like-llama-cpp-python"])
def test_json_object_schema_dialect_is_detected_and_used(
    fake_factory: Callable[..., FakeOpenAI],
    make_settings: Callable[..., Settings],
    extraction: dict[str, Any],
    status: int,
) -> None:
    fake = fake_factory(rejecting_json_schema=True, reject_status=status)
    fake.enqueue(ok(extraction))
    settings = make_settings(base_url=fake.base_url)
    summary = _run(settings)
    assert summary.status == Status.OK, summary.reason
    assert summary.provenance is not None
    assert summary.provenance.dialect == "json_object_schema"

    # json_schema was tried first and refused, then json_object + schema accepted
    types = [r.response_format["type"] for r in fake.probe_requests]
    assert types[0] == "json_schema" and types[-1] == "json_object"
    assert set(types) == {"json_schema", "json_object"}
    (request,) = fake.extraction_requests
    fmt = request.response_format
    assert fmt["type"] == "json_object"
    assert set(fmt["schema"]["properties"]) == {"event", "participants", "quantities"}
    assert "json_schema" not in fmt
    store = Store(settings.db_path)
    try:
        assert store.get_dialect(fake.base_url, MODEL) == "json_object_schema"
    finally:
        store.close()


def test_dialect_is_remembered_in_the_store(
    fake_factory: Callable[..., FakeOpenAI],
    make_settings: Callable[..., Settings],
    extraction: dict[str, Any],
) -> None:
    fake = fake_factory(rejecting_json_schema=True)
    fake.enqueue(ok(extraction), ok(extraction))
    settings = make_settings(base_url=fake.base_url)
    assert _run(settings).status == Status.OK
    probes = len(fake.probe_requests)
    assert probes == 2

    second = _run(settings, refresh=True)  # a new client and store on the same database
    assert second.status == Status.OK
    assert second.provenance is not None
    assert second.provenance.dialect == "json_object_schema"
    assert len(fake.probe_requests) == probes  # no second probe
    assert len(fake.extraction_requests) == 2
    assert fake.extraction_requests[-1].response_format["type"] == "json_object"
    rows = _rows(settings, "SELECT endpoint, model, dialect FROM dialects")
    assert [tuple(r) for r in rows] == [(fake.base_url, MODEL, "json_object_schema")]


@pytest.mark.parametrize(
    ("dialects", "expected"),
    [({"tools"}, "tools"), ({"json_object"}, "json_object"), (set(), "plain")],
)
def test_weaker_dialects_are_detected_and_work(
    fake_factory: Callable[..., FakeOpenAI],
    make_settings: Callable[..., Settings],
    extraction: dict[str, Any],
    dialects: set[str],
    expected: str,
) -> None:
    """An endpoint that accepts a schema but does not enforce it is not trusted with it."""
    fake = fake_factory(dialects=dialects)
    fake.enqueue(ok(extraction))
    summary = _run(make_settings(base_url=fake.base_url))
    assert summary.provenance is not None
    assert summary.provenance.dialect == expected
    assert summary.status == Status.OK, summary.reason
    assert summary.event is not None and summary.event.grounding.grounded


def test_model_is_taken_from_the_endpoint_when_unset(
    fake_factory: Callable[..., FakeOpenAI],
    make_settings: Callable[..., Settings],
    extraction: dict[str, Any],
) -> None:
    fake = fake_factory(models=["first-model", "second-model"])
    fake.enqueue(ok(extraction))
    settings = make_settings(base_url=fake.base_url, model=None)
    assert settings.model is None
    summary = _run(settings)
    assert summary.status == Status.OK
    assert summary.provenance is not None and summary.provenance.model == "first-model"
    assert len(fake.model_list_requests) >= 1
    assert {r.body["model"] for r in fake.chat_requests} == {"first-model"}


def test_api_key_is_sent_as_bearer_and_never_stored(
    fake: FakeOpenAI, settings: Settings, extraction: dict[str, Any]
) -> None:
    fake.enqueue(http_error(500), ok(extraction))
    assert _run(settings).status == Status.OK
    assert all(r.headers.get("authorization") == f"Bearer {API_KEY}" for r in fake.chat_requests)
    for path in settings.data_dir.iterdir():
        assert API_KEY.encode() not in path.read_bytes(), path


# --- transport retries --------------------------------------------------------------------


def test_server_error_then_valid_is_retried_transparently(
    fake: FakeOpenAI, settings: Settings, extraction: dict[str, Any]
) -> None:
    fake.enqueue(http_error(500), ok(extraction))
    summary = _run(settings)
    assert summary.status == Status.OK, summary.reason
    assert summary.usage.reasks == 0  # a transport retry is not a re-ask
    assert summary.usage.requests == 1
    requests = fake.extraction_requests
    assert len(requests) == 2
    assert requests[0].body == requests[1].body  # the same request again, no error feedback


def test_rate_limit_honours_retry_after(
    fake: FakeOpenAI, settings: Settings, extraction: dict[str, Any]
) -> None:
    fake.enqueue(http_error(429, headers={"Retry-After": "1"}), ok(extraction))
    summary = _run(settings)
    assert summary.status == Status.OK, summary.reason
    assert summary.usage.reasks == 0
    first, second = fake.extraction_requests
    assert second.t - first.t >= 0.95


@pytest.mark.parametrize(
    "retry_after", ["soon", "Wed, 21 Oct 2015 07:28:00 GMT"], ids=["garbage", "date-in-the-past"]
)
def test_unparseable_or_past_retry_after_still_retries(
    fake: FakeOpenAI, settings: Settings, extraction: dict[str, Any], retry_after: str
) -> None:
    """A Retry-After the client cannot use must fall back to its own back-off, not fail."""
    fake.enqueue(http_error(503, headers={"Retry-After": retry_after}), ok(extraction))
    summary = _run(settings)
    assert summary.status == Status.OK, summary.reason
    assert len(fake.extraction_requests) == 2


def test_persistent_server_error_is_an_error_naming_the_status(
    fake: FakeOpenAI, make_settings: Callable[..., Settings]
) -> None:
    settings = make_settings(max_retries=1)
    fake.enqueue(*[http_error(500, message="model crashed")] * 2)
    t0 = time.monotonic()
    summary = _run(settings)
    assert time.monotonic() - t0 < 10
    assert summary.status == Status.ERROR
    assert summary.reason is not None
    assert "500" in summary.reason
    assert fake.base_url in summary.reason
    assert "\n" not in summary.reason
    assert len(fake.extraction_requests) == settings.max_retries + 1
    assert summary.event is None
    assert fake.pending == 0


def test_client_error_is_not_retried(fake: FakeOpenAI, settings: Settings) -> None:
    fake.enqueue(http_error(400, message="context length exceeded"))
    summary = _run(settings)
    assert summary.status == Status.ERROR
    assert summary.reason is not None and "400" in summary.reason
    assert "context length exceeded" in summary.reason
    assert len(fake.extraction_requests) == 1


def test_non_json_http_body_is_an_error_not_a_crash(fake: FakeOpenAI, settings: Settings) -> None:
    fake.enqueue(*[raw("<html>502 Bad Gateway</html>", status=502, content_type="text/html")] * 2)
    summary = _run(settings)
    assert summary.status == Status.ERROR
    assert summary.reason is not None and "502" in summary.reason


# --- the endpoint cannot be used at all ---------------------------------------------------


def test_unreachable_endpoint_raises_endpoint_error_naming_it(
    make_settings: Callable[..., Settings],
) -> None:
    url = closed_base_url()
    settings = make_settings(base_url=url)
    with pytest.raises(EndpointError) as info:
        _run(settings)
    message = str(info.value)
    assert url in message
    assert "\n" not in message


def test_refused_credentials_raise_endpoint_error(fake: FakeOpenAI, settings: Settings) -> None:
    fake.always = http_error(401, message="Incorrect API key provided")
    with pytest.raises(EndpointError, match=r"credentials refused.*SUMMARIZER_API_KEY"):
        _run(settings)
    assert API_KEY not in repr(fake.requests[-1].body)


def test_unknown_model_raises_endpoint_error(fake: FakeOpenAI, settings: Settings) -> None:
    fake.always = http_error(404, message="model 'fake-model' not found")
    with pytest.raises(EndpointError, match="not found"):
        _run(settings)


# --- the store log -----------------------------------------------------------------------


def test_every_request_and_response_is_logged(
    fake: FakeOpenAI, settings: Settings, extraction: dict[str, Any]
) -> None:
    bad = {k: v for k, v in extraction.items() if k != "quantities"}
    fake.enqueue(
        http_error(500),
        ok(bad, prompt_tokens=1000, completion_tokens=80),
        ok(extraction, prompt_tokens=1200, completion_tokens=90),
    )
    summary = _run(settings)
    assert summary.status == Status.OK

    rows = _rows(settings, "SELECT * FROM requests ORDER BY id")
    received = fake.chat_requests
    assert len(rows) == len(received) == 4  # probe, 500, invalid answer, valid answer
    for row, request in zip(rows, received, strict=True):
        assert row["endpoint"] == fake.base_url
        assert row["model"] == MODEL
        sent = json.loads(row["request_json"])
        assert sent["messages"] == request.body["messages"]
        assert sent.get("response_format") == request.body.get("response_format")
    probe, failed, invalid, valid = rows
    assert probe["article"] is None and probe["response_json"] is not None
    assert failed["response_json"] is None
    assert failed["error"] is not None and "500" in failed["error"]
    assert invalid["error"] is None
    assert (invalid["prompt_tokens"], invalid["completion_tokens"]) == (1000, 80)
    assert (valid["prompt_tokens"], valid["completion_tokens"]) == (1200, 90)
    assert json.loads(valid["response_json"])["choices"][0]["message"]["content"] == json.dumps(
        extraction, ensure_ascii=False
    )
    for row in (failed, invalid, valid):
        assert row["article"] == SEED_000.stem
        assert row["content_sha256"] == summary.source.sha256
        assert row["latency_ms"] >= 0


def test_store_counts_requests(fake: FakeOpenAI, settings: Settings) -> None:
    fake.default = echo_reply
    _run(settings)
    store = Store(settings.db_path)
    try:
        assert store.count_requests() == len(fake.chat_requests) == 2
    finally:
        store.close()


# --- the client directly ------------------------------------------------------------------


def test_llm_structured_call_directly(fake: FakeOpenAI, settings: Settings) -> None:
    from pydantic import BaseModel

    from summarizer.llm import CallLog

    class Answer(BaseModel):
        city: str

    fake.enqueue(garbage(), ok({"city": "Brussels"}, prompt_tokens=10, completion_tokens=5))

    async def main() -> tuple[Answer, CallLog, str]:
        store = Store(settings.db_path)
        llm = LLM(settings, store)
        log = CallLog()
        try:
            answer = await llm.structured(Answer, [{"role": "user", "content": "Where?"}], log=log)
            return answer, log, llm.dialect
        finally:
            await llm.close()
            store.close()

    answer, log, dialect = asyncio.run(main())
    assert answer.city == "Brussels"
    assert dialect == "json_schema"
    assert (log.requests, log.responses, log.reasks) == (2, 2, 1)
    assert log.completion_tokens >= 5
    assert log.last_output == '{"city": "Brussels"}'


def test_describe_error_is_one_line() -> None:
    try:
        try:
            raise ConnectionRefusedError(111, "Connection refused")
        except OSError as inner:
            raise RuntimeError("request failed\nwhile sending") from inner
    except RuntimeError as exc:
        line = describe_error(exc)
    assert "\n" not in line
    assert line.startswith("RuntimeError: ")
    assert "Connection refused" in line
    assert "request failed while sending" in line


def test_retry_after_parsing() -> None:
    import httpx2 as httpx

    def err(headers: dict[str, str]) -> openai.APIStatusError:
        request = httpx.Request("POST", "http://x/v1/chat/completions")
        response = httpx.Response(429, headers=headers, request=request)
        return openai.RateLimitError("rate limited", response=response, body=None)

    assert _retry_after_s(err({"Retry-After": "2"})) == 2.0
    assert _retry_after_s(err({"retry-after-ms": "1500"})) == 1.5
    assert _retry_after_s(err({})) is None
    assert _retry_after_s(None) is None
    assert _retry_after_s(err({"Retry-After": "soon"})) is None
