"""The model client: any OpenAI-compatible endpoint, or the embedded local server.

Three layers, each with one job:
- transport (``_send``): one HTTP request with ``tenacity`` retries for transport faults only
  (refused or dropped connections, time-outs, 429 honouring ``Retry-After``, 5xx). Every
  request and response is logged to the store. These errors are never shown to the model.
- dialect: endpoints differ in how they take a schema. A small probe finds out, once per
  endpoint and model, which of ``DIALECTS`` it accepts *and enforces*; the answer is stored.
- ``instructor``: validates the answer against the pydantic model and re-asks with the
  validation error, a bounded number of times. Output cut at the token limit is reported as
  truncated and not re-asked.
"""

from __future__ import annotations

import asyncio
import copy
import datetime
import email.utils
import json
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any, TypeVar, cast

from pydantic import BaseModel
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception,
    stop_after_attempt,
    wait_exponential_jitter,
)

from .config import Settings
from .errors import SummarizerError
from .local_server import QWEN_1_5B, LocalServer, assemble_model, file_identity
from .store import Store

if TYPE_CHECKING:
    import openai

T = TypeVar("T", bound=BaseModel)

# Ordered from strongest to weakest guarantee.
DIALECTS = ("json_schema", "json_object_schema", "tools", "json_object", "plain")
TEMPERATURE = 0  # extraction copies from the text: no sampling


def _mode(dialect: str) -> Any:
    """The ``instructor.Mode`` that asks for a schema in ``dialect``."""
    import instructor

    return {
        "json_schema": instructor.Mode.JSON_SCHEMA,
        "json_object_schema": instructor.Mode.JSON_SCHEMA,
        "tools": instructor.Mode.TOOLS,
        "json_object": instructor.Mode.JSON,
        "plain": instructor.Mode.MD_JSON,
    }[dialect]


class EndpointError(SummarizerError):
    """The endpoint cannot be used at all (unreachable, refused credentials, unknown model)."""


@dataclass
class CallLog:
    """What one structured call cost: every response it took, including re-asks."""

    requests: int = 0
    responses: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    last_output: str | None = None
    timings: list[dict[str, Any]] = field(default_factory=list)

    @property
    def reasks(self) -> int:
        return max(0, self.responses - 1)


def describe_error(exc: BaseException) -> str:
    """One line for a user: the error's type and its innermost cause's message."""
    inner: BaseException = exc
    seen = set()
    while (inner.__cause__ or inner.__context__) and id(inner) not in seen:
        seen.add(id(inner))
        inner = inner.__cause__ or inner.__context__  # type: ignore[assignment]
    status = getattr(exc, "status_code", None)
    if status:
        body = getattr(exc, "body", None)
        error = body.get("error", body) if isinstance(body, dict) else body
        detail = error.get("message") if isinstance(error, dict) else error
        return f"HTTP {status}: {' '.join(str(detail or 'no detail').split())[:200]}"
    head = type(exc).__name__
    message = str(inner) or type(inner).__name__
    if inner is not exc and str(exc) and str(exc) not in message:
        message = f"{exc}: {message}"
    return f"{head}: {' '.join(message.split())[:300]}"


def _is_transient(exc: BaseException) -> bool:
    import openai

    if isinstance(exc, openai.APIConnectionError | openai.APITimeoutError):
        return True
    if isinstance(exc, openai.APIStatusError):
        return exc.status_code in (408, 409, 425, 429) or exc.status_code >= 500
    return False


def _retry_after_s(exc: BaseException | None) -> float | None:
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None)
    if not headers:
        return None
    raw = headers.get("retry-after-ms")
    if raw:
        try:
            return float(raw) / 1000
        except ValueError:
            pass
    raw = headers.get("retry-after")
    if not raw:
        return None
    try:
        return max(0.0, float(raw))
    except ValueError:
        pass
    try:
        parsed = email.utils.parsedate_to_datetime(raw)
    except (TypeError, ValueError):
        return None  # neither seconds nor an HTTP date: fall back to back-off
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=datetime.UTC)
    return max(0.0, parsed.timestamp() - time.time())


class _Wait:
    """Exponential back-off with jitter, or the server's ``Retry-After`` when it gives one."""

    def __init__(self, initial: float = 0.5, maximum: float = 30.0) -> None:
        self._backoff = wait_exponential_jitter(multiplier=initial, max=maximum)
        self.maximum = maximum

    def __call__(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        after = _retry_after_s(exc)
        if after is not None:
            return min(after, 120.0)
        return self._backoff(state)


@lru_cache(maxsize=32)
def prepared(model: type[T]) -> type[T]:
    """``model`` as instructor's response schema, built once, with its JSON schema cached.

    instructor otherwise wraps the model in a new class and regenerates its JSON schema on
    every call: about 10 ms of CPU per request, which is most of the tool's own time when
    the endpoint is fast (``benchmarks/concurrency.py``)."""
    from instructor.v2.core.function_calls import response_schema

    schema_class: Any = response_schema(model)
    original = schema_class.model_json_schema
    cache: dict[Any, dict[str, Any]] = {}

    def cached(cls: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        key = (args, tuple(sorted(kwargs.items())))
        if key not in cache:
            cache[key] = original(*args, **kwargs)
        return copy.deepcopy(cache[key])

    schema_class.model_json_schema = classmethod(cached)
    return cast(type[T], schema_class)


class LLM:
    """One endpoint and model. The embedded server is started only when a request needs it.

    ``client``: an ``openai.AsyncOpenAI`` of the caller's, used instead of one built from the
    settings (its base URL is the endpoint; no embedded server is started). It is used with
    ``max_retries=0`` (this class retries transport faults itself) and never closed here:
    whoever made it closes it."""

    def __init__(
        self, settings: Settings, store: Store, client: openai.AsyncOpenAI | None = None
    ) -> None:
        self.settings = settings
        self.store = store
        self._server: LocalServer | None = None
        self._client: openai.AsyncOpenAI | None = None
        self._given = client
        self._ready = False
        base_url = str(client.base_url) if client is not None else settings.base_url
        self._base_url = base_url.rstrip("/") if base_url else None
        self._dialect: str | None = None
        self._start_lock = asyncio.Lock()
        self.embedded = self._base_url is None
        if not self.embedded:
            self.endpoint = self._base_url or ""
            self.model = settings.model or ""
            return
        settings.check()  # a model name is refused here, never dropped
        self.endpoint = "embedded"
        if settings.model_path is not None:
            self.model = f"file:{file_identity(settings.model_path)}"
        else:
            self.model = f"{QWEN_1_5B.name}@{QWEN_1_5B.sha256[:12]}"

    # -- lifecycle ------------------------------------------------------------------------

    async def start(self) -> None:
        """Resolve the endpoint: start the embedded server, find the model, probe the dialect."""
        async with self._start_lock:
            if self._ready:
                return
            if self._client is None:
                self._client = await self._connect()
            if not self.model:
                self.model = await self._default_model()
            self._dialect = self.store.get_dialect(self.endpoint, self.model)
            if self._dialect is None:
                self._dialect = await self._probe()
                self.store.put_dialect(self.endpoint, self.model, self._dialect)
            self._ready = True

    async def _connect(self) -> openai.AsyncOpenAI:
        if self._given is not None:
            return self._given.with_options(max_retries=0)
        import openai

        if self.embedded:
            self._base_url = await asyncio.to_thread(self._start_embedded)
        return openai.AsyncOpenAI(
            base_url=self._base_url,
            api_key=self.settings.api_key or "not-needed",
            max_retries=0,
            timeout=self.settings.timeout_s,
        )

    def _start_embedded(self) -> str:
        if self._server is None:  # kept across ``disconnect``
            s = self.settings
            path = s.model_path or assemble_model(s.cache_dir)
            self._server = LocalServer(path, n_ctx=s.n_ctx, threads=s.threads)
        return self._server.start()

    async def disconnect(self) -> None:
        """Close the HTTP client (bound to the running event loop), not the embedded server:
        the next request connects again, in its own loop."""
        client, self._client, self._ready = self._client, None, False
        self._start_lock = asyncio.Lock()
        if client is not None and self._given is None:
            await client.close()

    async def close(self) -> None:
        await self.disconnect()
        if self._server is not None:
            self._server.stop()
            self._server = None

    @property
    def dialect(self) -> str:
        if self._dialect is None:
            raise RuntimeError("LLM.start() has not run")
        return self._dialect

    @property
    def base_url(self) -> str | None:
        return self._base_url

    # -- transport ------------------------------------------------------------------------

    async def _send(
        self,
        kwargs: dict[str, Any],
        *,
        log: CallLog | None = None,
        article: str | None = None,
        content_sha256: str | None = None,
        attempts: int | None = None,
    ) -> Any:
        """POST one chat completion, retrying transport faults; log every try to the store."""
        assert self._client is not None
        client = self._client
        tries = attempts if attempts is not None else self.settings.max_retries + 1
        retrying = AsyncRetrying(
            stop=stop_after_attempt(max(1, tries)),
            wait=_Wait(),
            retry=retry_if_exception(_is_transient),
            reraise=True,
        )
        async for attempt in retrying:
            with attempt:
                t0 = time.perf_counter()

                def record(body: dict[str, Any] | None, error: str | None) -> None:
                    self.store.log_request(
                        endpoint=self.endpoint,
                        model=self.model,
                        article=article,
                        content_sha256=content_sha256,
                        request=kwargs,
                        response=body,
                        error=error,
                        latency_ms=(time.perf_counter() - t0) * 1000,  # noqa: B023
                    )

                try:
                    response = await client.chat.completions.create(**kwargs)
                except Exception as exc:
                    record(None, describe_error(exc))
                    raise
                body = response.model_dump()
                record(body, None)
                if log is not None:
                    log.responses += 1
                    usage = body.get("usage") or {}
                    log.prompt_tokens += usage.get("prompt_tokens") or 0
                    log.completion_tokens += usage.get("completion_tokens") or 0
                    choices = body.get("choices") or [{}]
                    message = choices[0].get("message") or {}
                    calls = message.get("tool_calls") or []
                    log.last_output = message.get("content") or (
                        calls[0]["function"]["arguments"] if calls else None
                    )
                    if body.get("timings"):
                        log.timings.append(body["timings"])
                return response
        raise AssertionError("unreachable")  # pragma: no cover

    def _adapt(self, kwargs: dict[str, Any], dialect: str | None = None) -> dict[str, Any]:
        """Rewrite instructor's ``json_schema`` request for endpoints that take
        ``{"type": "json_object", "schema": ...}`` instead (llama-cpp-python, older servers)."""
        fmt = kwargs.get("response_format")
        dialect = dialect or self._dialect
        if dialect == "json_object_schema" and fmt and fmt.get("type") == "json_schema":
            schema = fmt["json_schema"]["schema"]
            kwargs = {**kwargs, "response_format": {"type": "json_object", "schema": schema}}
        return kwargs

    # -- structured calls -----------------------------------------------------------------

    async def structured(
        self,
        response_model: type[T],
        messages: list[dict[str, str]],
        *,
        log: CallLog,
        article: str | None = None,
        content_sha256: str | None = None,
        context: dict[str, Any] | None = None,
    ) -> T:
        """Ask for ``response_model``; raises instructor's or openai's exceptions on failure."""
        import instructor

        await self.start()

        async def create(**kwargs: Any) -> Any:
            log.requests += 1
            return await self._send(
                self._adapt(kwargs), log=log, article=article, content_sha256=content_sha256
            )

        patched: Callable[..., Awaitable[T]] = instructor.patch(
            create=create, mode=_mode(self.dialect)
        )
        return await patched(
            response_model=prepared(response_model),
            max_retries=self.settings.max_reasks,
            context=context,
            **self._sampling(messages),
        )

    def _sampling(self, messages: list[dict[str, str]]) -> dict[str, Any]:
        """What ``structured`` asks instructor to send besides the response model."""
        return {
            "model": self.model,
            "messages": messages,
            "max_tokens": self.settings.max_tokens,
            "temperature": TEMPERATURE,
        }

    def request_body(
        self, response_model: type[BaseModel], messages: list[dict[str, str]], dialect: str
    ) -> dict[str, Any]:
        """The body of the first request ``structured`` sends for ``messages`` in ``dialect``:
        messages (with instructor's schema instructions where the dialect needs them), the
        response schema, sampling settings and the token limit. Never the API key: that is a
        header of the client's."""
        from instructor.v2.core.response import handle_response_model

        _, body = handle_response_model(
            prepared(response_model),
            mode=_mode(dialect),
            **copy.deepcopy(self._sampling(messages)),
        )
        return self._adapt(body, dialect)

    def known_dialect(self) -> str | None:
        """The endpoint's dialect if it is known without a request (probed in this process or
        stored by an earlier run); None before the first probe."""
        if self._dialect is not None:
            return self._dialect
        if not self.model:
            return None
        return self.store.get_dialect(self.endpoint, self.model)

    # -- discovery ------------------------------------------------------------------------

    async def _default_model(self) -> str:
        import openai

        assert self._client is not None
        try:
            page = await self._client.models.list()
        except openai.APIError as exc:
            raise EndpointError(
                f"{self.endpoint}: SUMMARIZER_MODEL is not set and listing models failed: "
                f"{describe_error(exc)}"
            ) from None
        models = [m.id for m in page.data]
        if not models:
            raise EndpointError(f"{self.endpoint}: no models listed; set SUMMARIZER_MODEL")
        return models[0]

    async def _probe(self) -> str:
        """Find the strongest structured-output dialect the endpoint accepts and enforces.

        The probe asks for something a model would not write unless the schema is enforced
        (a fixed, odd token), so an endpoint that silently ignores the schema is not trusted.
        """
        import openai

        token = "probe-7f3k"
        schema = {
            "type": "object",
            "properties": {"probe": {"type": "string", "enum": [token]}},
            "required": ["probe"],
            "additionalProperties": False,
        }
        base = {
            "model": self.model,
            "messages": [{"role": "user", "content": "Say hello."}],
            "max_tokens": 24,
            "temperature": 0,
        }
        json_hint = {
            "model": self.model,
            "messages": [
                {"role": "system", "content": f'Answer only with the JSON {{"probe": "{token}"}}'},
                {"role": "user", "content": "Say hello in JSON."},
            ],
            "max_tokens": 24,
            "temperature": 0,
        }
        trials: list[tuple[str, dict[str, Any]]] = [
            ("json_schema", {**base, "response_format": {
                "type": "json_schema",
                "json_schema": {"name": "probe", "schema": schema, "strict": True}}}),
            ("json_object_schema", {**base, "response_format": {
                "type": "json_object", "schema": schema}}),
            ("tools", {**base,
                "tools": [{"type": "function",
                           "function": {"name": "probe", "parameters": schema}}],
                "tool_choice": {"type": "function", "function": {"name": "probe"}}}),
            ("json_object", {**json_hint, "response_format": {"type": "json_object"}}),
        ]  # fmt: skip
        for dialect, kwargs in trials:
            try:
                response = await self._send(kwargs, attempts=3)
            except (openai.AuthenticationError, openai.PermissionDeniedError) as exc:
                raise EndpointError(
                    f"{self.endpoint}: credentials refused ({describe_error(exc)}); "
                    "check SUMMARIZER_API_KEY"
                ) from None
            except openai.NotFoundError as exc:
                if dialect == "json_schema":
                    raise EndpointError(
                        f"{self.endpoint}: model {self.model!r} or path not found "
                        f"({describe_error(exc)})"
                    ) from None
                continue
            except openai.APIStatusError:
                continue  # this dialect is refused (400/422/500): try the next one
            except (openai.APIConnectionError, openai.APITimeoutError) as exc:
                raise EndpointError(
                    f"cannot reach {self.base_url or self.endpoint}: {describe_error(exc)}"
                ) from None
            if _probe_answered(response, token):
                return dialect
        return "plain"


def _probe_answered(response: Any, token: str) -> bool:
    try:
        message = response.choices[0].message
        text = message.content
        if not text and message.tool_calls:
            text = message.tool_calls[0].function.arguments
        return json.loads(text or "").get("probe") == token
    except (AttributeError, IndexError, TypeError, ValueError):
        return False
