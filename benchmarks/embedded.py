"""The seeds on the embedded model: tool time against the server's own time, cold and warm.

    python benchmarks/embedded.py [PATH...]        # default: seeds/
    python benchmarks/embedded.py --keep DIR       # keep the store in DIR (new or empty)

Runs the articles twice with an empty store in a temporary data directory: cold (the embedded
server starts, every article is a request) and warm (every article comes from the store). Per
article it reports the tool's wall time, the server's own prompt and generation time for the
same requests (llama.cpp's ``timings``, as logged in the store), tokens in and out, and
``overhead`` = tool time / server time - 1. One JSON document on stdout.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    import argparse

    from summarizer import Settings, extract

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", default=[str(ROOT / "seeds")])
    parser.add_argument("--keep", type=Path, help="a new or empty folder for the store")
    args = parser.parse_args(argv)
    paths = args.paths
    if args.keep is not None and args.keep.exists() and any(args.keep.iterdir()):
        parser.error(f"{args.keep} is not empty: the cold run needs an empty store")
    with tempfile.TemporaryDirectory() as tmp:
        data = str(args.keep or tmp)
        os.environ["SUMMARIZER_DATA_DIR"] = data
        settings = Settings.load(env_file=None)
        t0 = time.perf_counter()
        cold = extract(paths, settings=settings)
        cold_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        warm = extract(paths, settings=settings)
        warm_s = time.perf_counter() - t0
        conn = sqlite3.connect(settings.db_path)
        rows = conn.execute(
            "SELECT article, response_json FROM requests WHERE article IS NOT NULL"
        ).fetchall()
        conn.close()
    server: dict[str, dict[str, float]] = {}
    for article, response in rows:
        timings = (json.loads(response or "{}") or {}).get("timings") or {}
        s = server.setdefault(article, {"prompt_ms": 0.0, "predicted_ms": 0.0})
        s["prompt_ms"] += float(timings.get("prompt_ms") or 0)
        s["predicted_ms"] += float(timings.get("predicted_ms") or 0)
    articles: list[dict[str, Any]] = []
    for summary in cold:
        t = server.get(summary.source.id, {})
        server_s = (t.get("prompt_ms", 0) + t.get("predicted_ms", 0)) / 1000
        articles.append({
            "article": summary.source.id, "status": summary.status.value,
            "tool_s": summary.latency_s, "server_prompt_s": round(t.get("prompt_ms", 0) / 1000, 2),
            "server_generation_s": round(t.get("predicted_ms", 0) / 1000, 2),
            "overhead": round(summary.latency_s / server_s - 1, 4) if server_s else None,
            "prompt_tokens": summary.usage.prompt_tokens,
            "completion_tokens": summary.usage.completion_tokens,
            "grounded": f"{summary.grounded_items}/{summary.total_items}",
        })  # fmt: skip
    tool = sum(a["tool_s"] for a in articles)
    served = sum(a["server_prompt_s"] + a["server_generation_s"] for a in articles)
    print(json.dumps({
        "cold_s": round(cold_s, 2), "warm_s": round(warm_s, 2),
        "warm_cached": sum(bool(s.provenance and s.provenance.cached) for s in warm),
        "articles": articles,
        "tool_s": round(tool, 2), "server_s": round(served, 2),
        "overhead": round(tool / served - 1, 4) if served else None,
        "prompt_tokens": sum(a["prompt_tokens"] for a in articles),
        "completion_tokens": sum(a["completion_tokens"] for a in articles),
    }, ensure_ascii=False, indent=1))  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
