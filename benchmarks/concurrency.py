"""Concurrency against a fake OpenAI-compatible endpoint with a fixed latency.

    python benchmarks/concurrency.py                      # 500 articles at 1, 4, 16, 64
    python benchmarks/concurrency.py --articles 200 --latency 0.2 --levels 1 16

The endpoint (``tests/fake_openai.py``) runs in its own process and answers every extraction
after exactly ``--latency`` seconds, so the ideal throughput at concurrency c is c / latency
articles per second (or n / latency when c > n). Each level starts from an empty store, so
every article is a request. One JSON line per level: concurrency, seconds, achieved and
ideal articles per second, and ``ratio`` = achieved / ideal.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def _serve(latency: float, port_out: Any) -> None:
    from conftest import echo_reply
    from fake_openai import FakeOpenAI

    def slow(body: dict[str, Any]) -> Any:
        reply = echo_reply(body)
        return reply.__class__(**{**reply.__dict__, "delay_s": latency}) if reply else None

    fake = FakeOpenAI(default=slow).start()
    port_out.put(fake.port)
    while True:
        time.sleep(3600)


def _articles(n: int) -> list[Any]:
    from summarizer import Article

    return [
        Article.from_text(
            f"أجرى وزير الدفاع {i} اتصالا هاتفيا مع نظيره يوم الثلاثاء وبحثا الوضع الإقليمي.\n\n"
            f"وقال المتحدث باسم الوزارة إن الاتصال رقم {i} تناول قضايا الأمن.",
            id=f"a{i:04d}",
        )
        for i in range(n)
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--latency", type=float, default=0.25, help="seconds per answer")
    parser.add_argument("--levels", type=int, nargs="+", default=[1, 4, 16, 64])
    args = parser.parse_args(argv)

    from summarizer import Settings, extract

    ports: Any = mp.get_context("spawn").Queue()
    server = mp.get_context("spawn").Process(target=_serve, args=(args.latency, ports),
                                             daemon=True)  # fmt: skip
    server.start()
    base_url = f"http://127.0.0.1:{ports.get(timeout=30)}/v1"
    articles = _articles(args.articles)
    with tempfile.TemporaryDirectory() as data:  # imports and first calls, not timed
        extract(_articles(2), settings=Settings.load(
            env_file=None, base_url=base_url, model="fake-model", api_key="none",
            data_dir=Path(data)))  # fmt: skip
    try:
        for level in args.levels:
            with tempfile.TemporaryDirectory() as data:
                settings = Settings.load(
                    env_file=None, base_url=base_url, model="fake-model", api_key="none",
                    concurrency=level, max_retries=0, timeout_s=60.0, data_dir=Path(data),
                )  # fmt: skip
                t0 = time.perf_counter()
                summaries = extract(articles, settings=settings)
                seconds = time.perf_counter() - t0
            ok = sum(s.status.value == "ok" for s in summaries)
            achieved = args.articles / seconds
            ideal = min(level, args.articles) / args.latency
            print(json.dumps({
                "concurrency": level, "articles": args.articles, "ok": ok,
                "latency_s": args.latency, "seconds": round(seconds, 2),
                "achieved_per_s": round(achieved, 2), "ideal_per_s": round(ideal, 2),
                "ratio": round(achieved / ideal, 3),
            }), flush=True)  # fmt: skip
    finally:
        server.terminate()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
