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
second, separate timing of the grouping stage alone (views, candidate pairs, clusters).
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from builders import synthetic_summaries

from summarizer.diff import compare
from summarizer.entities import EntityIndex
from summarizer.group import _candidates, build_views, cluster

PER_EVENT = 5


def _stages(summaries: list[Any]) -> dict[str, Any]:
    t0 = time.perf_counter()
    views = build_views(summaries, EntityIndex())
    t1 = time.perf_counter()
    pairs = len(_candidates(views))
    t2 = time.perf_counter()
    cluster(views)
    t3 = time.perf_counter()
    return {
        "views_seconds": round(t1 - t0, 3),
        "candidate_pairs": pairs,
        "candidates_seconds": round(t2 - t1, 3),
        "cluster_seconds": round(t3 - t2, 3),  # candidate pairs again, then linking
    }


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
        gc.collect()
        t0 = time.perf_counter()
        comparison = compare(summaries)
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
            line.update(_stages(summaries))
        print(json.dumps(line), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
