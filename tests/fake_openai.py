"""A small fake OpenAI-compatible server over real HTTP, for the unit tests.

It listens on 127.0.0.1 on a free port (stdlib ``ThreadingHTTPServer`` in a background thread)
and serves ``POST /v1/chat/completions`` and ``GET /v1/models``.

Chat completions are answered from a queue of scripted replies (see the constructors ``ok``,
``truncated``, ``garbage``, ``http_error`` and ``raw``). Requests made by the client's dialect
probe (``LLM._probe``: a schema with a ``probe`` property) are answered by the server itself and
never consume the queue. When the queue is empty, ``default`` (a callable receiving the request
body) answers, else the server replies 500 so that a test that forgot a reply fails loudly.

Every request is recorded (method, path, body, headers, arrival time)::

    with FakeOpenAI() as fake:
        fake.enqueue(ok('{"a": 1}'), http_error(429, headers={"Retry-After": "1"}))
        ... point the client at fake.base_url ...
        assert fake.extraction_requests[0].body["response_format"]["type"] == "json_schema"
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

PROBE_TOKEN = "probe-7f3k"

# Dialects as named in ``summarizer.llm.DIALECTS``.
ALL_DIALECTS = frozenset({"json_schema", "json_object_schema", "tools", "json_object"})


@dataclass(frozen=True)
class Reply:
    """One scripted answer to a chat completion request."""

    kind: str  # "completion" | "error" | "raw"
    content: str | None = None
    finish_reason: str = "stop"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | None = None
    usage: dict[str, int] | None = None
    delay_s: float = 0.0
    tool_arguments: str | None = None  # answer as a tool call with these arguments


def _content(content: str | dict[str, Any] | list[Any]) -> str:
    return content if isinstance(content, str) else json.dumps(content, ensure_ascii=False)


def ok(
    content: str | dict[str, Any] | list[Any],
    *,
    prompt_tokens: int | None = None,
    completion_tokens: int | None = None,
    delay_s: float = 0.0,
) -> Reply:
    """A normal completion (``finish_reason: "stop"``) whose message content is ``content``
    (a dict or list is serialised to JSON)."""
    return Reply(
        "completion",
        _content(content),
        "stop",
        usage=_usage_override(prompt_tokens, completion_tokens),
        delay_s=delay_s,
    )


def truncated(
    content: str | dict[str, Any] = '{"event": {"evidence": "cut off mid',
    *,
    prompt_tokens: int | None = None,
    completion_tokens: int | None = None,
) -> Reply:
    """An answer cut at the token limit (``finish_reason: "length"``)."""
    return Reply(
        "completion",
        _content(content),
        "length",
        usage=_usage_override(prompt_tokens, completion_tokens),
    )


def garbage(text: str = "Sure! Here is what I found: the ministers talked <eos> ###") -> Reply:
    """A completion whose content is not JSON at all."""
    return Reply("completion", text, "stop")


def http_error(
    status: int,
    *,
    headers: dict[str, str] | None = None,
    message: str | None = None,
) -> Reply:
    """An HTTP error with an OpenAI-style JSON error body and optional headers."""
    message = message or f"fake server error {status}"
    body = json.dumps(
        {
            "error": {
                "message": message,
                "type": "server_error" if status >= 500 else "invalid_request_error",
                "param": None,
                "code": None,
            }
        }
    ).encode()
    return Reply("error", status=status, headers=dict(headers or {}), body=body)


def raw(
    body: bytes | str,
    *,
    status: int = 200,
    content_type: str = "text/plain",
    headers: dict[str, str] | None = None,
) -> Reply:
    """Any HTTP response: ``body`` sent as is (e.g. a non-JSON body with status 200)."""
    data = body.encode() if isinstance(body, str) else body
    return Reply(
        "raw", status=status, headers={"Content-Type": content_type, **(headers or {})}, body=data
    )


def _usage_override(prompt: int | None, completion: int | None) -> dict[str, int] | None:
    if prompt is None and completion is None:
        return None
    return {"prompt_tokens": prompt or 0, "completion_tokens": completion or 0}


@dataclass(frozen=True)
class Recorded:
    """One request the server received."""

    method: str
    path: str
    body: dict[str, Any] | None
    headers: dict[str, str]  # names lower-cased
    t: float  # time.monotonic() at arrival

    @property
    def is_probe(self) -> bool:
        return is_probe(self.body)

    @property
    def response_format(self) -> dict[str, Any] | None:
        return (self.body or {}).get("response_format")

    @property
    def messages(self) -> list[dict[str, Any]]:
        return (self.body or {}).get("messages") or []


def _schema_of(body: dict[str, Any]) -> dict[str, Any] | None:
    fmt = body.get("response_format") or {}
    if fmt.get("type") == "json_schema":
        return (fmt.get("json_schema") or {}).get("schema")
    if fmt.get("type") == "json_object" and "schema" in fmt:
        return fmt["schema"]
    tools = body.get("tools") or []
    if tools:
        return (tools[0].get("function") or {}).get("parameters")
    return None


def request_dialect(body: dict[str, Any] | None) -> str:
    """Which structured-output dialect a chat completion request body uses."""
    body = body or {}
    fmt = body.get("response_format") or {}
    if fmt.get("type") == "json_schema":
        return "json_schema"
    if fmt.get("type") == "json_object":
        return "json_object_schema" if "schema" in fmt else "json_object"
    if body.get("tools"):
        return "tools"
    return "plain"


def is_probe(body: dict[str, Any] | None) -> bool:
    """Is this the client's dialect probe (a schema with a ``probe`` property, or the
    json_object trial whose system prompt asks for the probe token)?"""
    if not body:
        return False
    schema = _schema_of(body) or {}
    if "probe" in (schema.get("properties") or {}):
        return True
    return request_dialect(body) == "json_object" and any(
        PROBE_TOKEN in str(m.get("content")) for m in body.get("messages") or []
    )


def closed_base_url() -> str:
    """A base URL on 127.0.0.1 where nothing listens (a port that was just free)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"


def approx_tokens(text: str) -> int:
    return max(1, len(text) // 4)


class FakeOpenAI:
    """The fake server. Use as a context manager, or call ``start()``/``stop()``.

    ``dialects``: the structured-output dialects this endpoint accepts and enforces. A probe in
    an accepted dialect is answered with the probe token; a request (probe or not) in a dialect
    outside ``rejected`` ∪ ``dialects`` is accepted but its probe is answered without the token
    (as a server that silently ignores the schema). ``rejected`` dialects get HTTP
    ``reject_status`` (400; llama-cpp-python's server answers 500).
    """

    def __init__(
        self,
        *,
        models: Iterable[str] = ("fake-model",),
        dialects: Iterable[str] = ALL_DIALECTS,
        rejected: Iterable[str] = (),
        reject_status: int = 400,
        default: Callable[[dict[str, Any]], Reply | None] | None = None,
    ) -> None:
        self.models = list(models)
        self.dialects = set(dialects)
        self.rejected = set(rejected)
        self.reject_status = reject_status
        self.default = default
        # When set, every chat completion (probes included) gets this reply: an endpoint that
        # refuses everything, e.g. http_error(401).
        self.always: Reply | None = None
        self.dead = False  # killed: open connections are dropped unanswered
        self.requests: list[Recorded] = []
        self._queue: deque[Reply] = deque()
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- configuration ----------------------------------------------------------------------

    @classmethod
    def rejecting_json_schema(cls, **kwargs: Any) -> FakeOpenAI:
        """An endpoint (like llama-cpp-python's server) that refuses
        ``response_format: {"type": "json_schema", ...}`` with HTTP ``reject_status`` but
        enforces ``{"type": "json_object", "schema": ...}``."""
        return cls(dialects=ALL_DIALECTS - {"json_schema"}, rejected={"json_schema"}, **kwargs)

    def enqueue(self, *replies: Reply) -> FakeOpenAI:
        with self._lock:
            self._queue.extend(replies)
        return self

    @property
    def pending(self) -> int:
        with self._lock:
            return len(self._queue)

    def clear(self) -> None:
        with self._lock:
            self._queue.clear()
            self.requests.clear()

    # -- what was received ------------------------------------------------------------------

    @property
    def chat_requests(self) -> list[Recorded]:
        with self._lock:
            return [r for r in self.requests if r.path.endswith("/chat/completions")]

    @property
    def probe_requests(self) -> list[Recorded]:
        return [r for r in self.chat_requests if r.is_probe]

    @property
    def extraction_requests(self) -> list[Recorded]:
        """Chat completions that are not probes (consumed scripted replies or the default)."""
        return [r for r in self.chat_requests if not r.is_probe]

    @property
    def model_list_requests(self) -> list[Recorded]:
        with self._lock:
            return [r for r in self.requests if r.path.endswith("/models")]

    # -- lifecycle --------------------------------------------------------------------------

    @property
    def port(self) -> int:
        assert self._server is not None, "server not started"
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def start(self, port: int = 0) -> FakeOpenAI:
        """Listen on ``port`` (0: a free one; the same port again restarts a stopped server)."""
        handler = type("Handler", (_Handler,), {"fake": self})
        self.dead = False
        self._server = _Server(("127.0.0.1", port), handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="fake-openai",
            daemon=True,
        )
        self._thread.start()
        return self

    def kill(self) -> None:
        """Die as a crashed server does: stop listening, and drop the connections that are
        still open (kept alive by clients) without answering."""
        self.dead = True
        self.stop()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> FakeOpenAI:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- answering --------------------------------------------------------------------------

    def _record(
        self, method: str, path: str, body: dict[str, Any] | None, headers: dict[str, str]
    ) -> None:
        with self._lock:
            self.requests.append(Recorded(method, path, body, headers, time.monotonic()))

    def _answer_probe(self, body: dict[str, Any]) -> Reply:
        dialect = request_dialect(body)
        if dialect in self.dialects:
            answer = json.dumps({"probe": PROBE_TOKEN})
        else:  # accepted but not enforced: the model just chats
            answer = "Hello! How can I help you today?"
        if dialect == "tools" and dialect in self.dialects:
            return Reply("completion", content=None, tool_arguments=answer)
        return Reply("completion", content=answer)

    def answer_chat(self, body: dict[str, Any]) -> Reply:
        if self.always is not None:
            return self.always
        if request_dialect(body) in self.rejected:
            return http_error(
                self.reject_status,
                message=f"response format {request_dialect(body)!r} is not supported",
            )
        if is_probe(body):
            return self._answer_probe(body)
        with self._lock:
            if self._queue:
                return self._queue.popleft()
        if self.default is not None:
            reply = self.default(body)
            if reply is not None:
                return reply
        return http_error(500, message="fake server: no scripted reply left")

    def completion_body(self, request: dict[str, Any], reply: Reply) -> dict[str, Any]:
        with self._lock:
            n = len(self.requests)
        prompt_text = json.dumps(request.get("messages") or [], ensure_ascii=False)
        message: dict[str, Any] = {"role": "assistant", "content": reply.content}
        tool_args = reply.tool_arguments
        tools = request.get("tools") or []
        if tool_args is None and tools and reply.content is not None:
            tool_args = reply.content  # a tools-dialect request is answered with a tool call
        if tool_args is not None:
            name = ((tools[0].get("function") or {}).get("name") if tools else None) or "probe"
            message = {
                "role": "assistant",
                "content": None,
                "tool_calls": [{
                    "id": f"call_{n}", "type": "function",
                    "function": {"name": name, "arguments": tool_args},
                }],
            }  # fmt: skip
        usage = {
            "prompt_tokens": approx_tokens(prompt_text),
            "completion_tokens": approx_tokens(reply.content or tool_args or ""),
        }
        usage.update(reply.usage or {})
        usage["total_tokens"] = usage["prompt_tokens"] + usage["completion_tokens"]
        return {
            "id": f"chatcmpl-fake-{n}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": request.get("model") or (self.models[0] if self.models else "fake"),
            "system_fingerprint": "fp_fake",
            "choices": [{
                "index": 0,
                "message": message,
                "logprobs": None,
                "finish_reason": "tool_calls" if tool_args is not None
                and reply.finish_reason == "stop" else reply.finish_reason,
            }],
            "usage": usage,
        }  # fmt: skip


class _Server(ThreadingHTTPServer):
    request_queue_size = 256  # a burst of 64 concurrent clients is not refused by the backlog


class _Handler(BaseHTTPRequestHandler):
    fake: FakeOpenAI
    protocol_version = "HTTP/1.1"
    # Headers and body go out as two writes; without TCP_NODELAY, Nagle's algorithm and the
    # client's delayed ACK hold the body back about 40 ms per answer.
    disable_nagle_algorithm = True
    timeout = 30

    def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
        pass

    def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        headers = {"Content-Type": "application/json", **(headers or {})}
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _json(self, status: int, payload: object, headers: dict[str, str] | None = None) -> None:
        self._send(status, json.dumps(payload, ensure_ascii=False).encode(), headers)

    def _read_body(self) -> dict[str, Any] | None:
        length = int(self.headers.get("Content-Length") or 0)
        data = self.rfile.read(length) if length else b""
        if not data:
            return None
        try:
            return json.loads(data)
        except ValueError:
            return {"_unparsed": data.decode("utf-8", "replace")}

    def do_GET(self) -> None:
        path = self.path.split("?")[0].rstrip("/")
        self.fake._record("GET", path, None, {k.lower(): v for k, v in self.headers.items()})
        if path.endswith("/v1/models"):
            self._json(200, {"object": "list", "data": [
                {"id": m, "object": "model", "created": 1700000000, "owned_by": "fake"}
                for m in self.fake.models
            ]})  # fmt: skip
        else:
            self._json(404, {"error": {"message": f"no route {path}", "type": "not_found"}})

    def do_POST(self) -> None:
        if self.fake.dead:  # a killed server answers nothing on a kept-alive connection
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        path = self.path.split("?")[0].rstrip("/")
        body = self._read_body()
        self.fake._record("POST", path, body, {k.lower(): v for k, v in self.headers.items()})
        if not path.endswith("/v1/chat/completions"):
            self._json(404, {"error": {"message": f"no route {path}", "type": "not_found"}})
            return
        reply = self.fake.answer_chat(body or {})
        if reply.delay_s:
            time.sleep(reply.delay_s)
        if reply.kind == "completion":
            self._json(200, self.fake.completion_body(body or {}, reply), reply.headers)
        else:
            self._send(reply.status, reply.body or b"", reply.headers)
