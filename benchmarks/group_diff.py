"""How the group and diff stages scale: time ``compare()`` on N synthetic article summaries.

The summaries come from ``tests/builders.py``: events of five articles, each event with two
people of its own whose names are written in Latin, Cyrillic or Arabic script (with and without
the given name), weekdays spread over the week, one quantity and one claim per article. No
model is involved.

    python benchmarks/group_diff.py                 # N = 1,000 and 10,000
    python benchmarks/group_diff.py 1000 5000 --stages

One JSON line per N: n, events found, seconds for ``compare()``, and ``ratio``: that time over
the time for the first (smallest) N, with ``n_ratio`` (how much N grew) beside it: a ratio
close to n_ratio is linear growth, close to n_ratio squared is quadratic. ``--stages`` adds a
second, separate timing of the grouping stage alone (views, clusters). The embeddings of the
leads stand for stored ones (``StoredEmbeddings``): computing them is the fast path's cost,
measured by ``benchmarks/grouping.py``.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from builders import synthetic_summaries

from summarizer.diff import compare
from summarizer.entities import EntityIndex
from summarizer.group import build_views, cluster

PER_EVENT = 5


class StoredEmbeddings:
    """Stands for embeddings already in the store: a fixed vector per text (from its hash),
    so that the timing is grouping and diff, not the embedding model."""

    name = "hash"

    def embed(self, texts: list[str]) -> np.ndarray:
        out = np.empty((len(texts), 384), np.float32)
        for i, text in enumerate(texts):
            seed = int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest())
            out[i] = np.random.default_rng(seed).standard_normal(384)
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def _stages(summaries: list[Any], embedder: StoredEmbeddings) -> dict[str, Any]:
    t0 = time.perf_counter()
    views = build_views(summaries, EntityIndex())
    t1 = time.perf_counter()
    cluster(views, embedder=embedder)
    t2 = time.perf_counter()
    return {"views_seconds": round(t1 - t0, 3), "cluster_seconds": round(t2 - t1, 3)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000], help="values of N")
    parser.add_argument("--stages", action="store_true", help="also time the grouping stage")
    args = parser.parse_args(argv)
    first: tuple[int, float] | None = None
    for n in args.sizes:
        if n % PER_EVENT:
            parser.error(f"N must be a multiple of {PER_EVENT}")
        summaries = synthetic_summaries(n // PER_EVENT, PER_EVENT)
        embedder = StoredEmbeddings()
        embedder.embed([s.source.lead or "" for s in summaries[:1]])  # warm numpy up
        gc.collect()
        t0 = time.perf_counter()
        comparison = compare(summaries, embedder=embedder)
        seconds = time.perf_counter() - t0
        first = first or (n, seconds)
        line: dict[str, Any] = {
            "n": n,
            "events": len(comparison.events),
            "seconds": round(seconds, 3),
            "ratio": round(seconds / first[1], 2),
            "n_ratio": round(n / first[0], 2),
        }
        if args.stages:
            line.update(_stages(summaries, embedder))
        print(json.dumps(line), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
