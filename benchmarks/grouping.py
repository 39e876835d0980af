"""Fast-path grouping (no model) on ECB+ topics 1-35, the dev set and the calls set, read from
../shared.

    python benchmarks/grouping.py [--shared ../shared]

Prints one JSON line per data set: B³ and pairwise scores of the event groups, wrong merges
and splits, ``story_b3_f1`` (the same B³ when each story's events count as one group: ECB+'s
subtopics hold a seminal event and its follow-ups, days or years apart), and the seconds taken
cold (embeddings computed, in an empty temporary store) and warm (embeddings
read back from that store).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from summarizer.evaluate import score_groups
from summarizer.load import load_file
from summarizer.store import Store
from summarizer.triage import group_articles

HERE = Path(__file__).resolve().parents[1]


def run(name: str, paths: list[Path], gold: list[list[str]], store: Store) -> None:
    for label in ("cold", "warm"):
        t0 = time.perf_counter()
        articles = [load_file(p) for p in paths]
        found = group_articles(articles, store=store)
        seconds = time.perf_counter() - t0
        groups = [[articles[i].id for i in g] for g in found.groups]
        in_story = {g for gs in found.stories for g in gs}
        stories = [[a for g in gs for a in groups[g]] for gs in found.stories]
        stories += [g for k, g in enumerate(groups) if k not in in_story]
        scores = score_groups(gold, groups)
        line = {"data": name, "run": label, "articles": len(articles), "groups": len(groups),
                "copies": len(found.copies), "seconds": round(seconds, 2), **scores,
                "stories": len(found.stories),
                "story_b3_f1": score_groups(gold, stories)["b3_f1"]}  # fmt: skip
        print(json.dumps(line), flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=HERE.parent / "shared")
    args = parser.parse_args(argv)
    ecb = args.shared / "ecbplus"
    if not ecb.is_dir():
        sys.exit(f"benchmarks/grouping.py: {ecb}: not found")
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "store.db")
        gold = json.loads((ecb / "groups.json").read_text())
        run("ecbplus", sorted((ecb / "articles").glob("*.txt")), gold, store)
        for name in ("devset", "calls"):
            folder = args.shared / name
            groups = json.loads((folder / "gold.json").read_text())["groups"]
            run(name, sorted((folder / "articles").glob("*.txt")), groups, store)
        store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
