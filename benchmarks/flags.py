"""Every flag the tool raises on a gold file's articles, counted right (it matches a must or a
may entry), must-not, or wrong, by the gold alone: its event, kind, field family and sources,
never its values or evidence (so it can be run on a validation set whose articles are not to
be read). Uses the stored answers (no model time when they are stored).

    python benchmarks/flags.py ../shared/valset/gold.json > flags.md
"""

from __future__ import annotations

import argparse
import asyncio
from collections import Counter
from pathlib import Path

from summarizer.config import Settings
from summarizer.evaluate import _matches, gold_paths, load_gold
from summarizer.models import Comparison, Kind
from summarizer.pipeline import Pipeline


async def _compare(gold_file: Path) -> Comparison:
    gold = load_gold(gold_file)
    async with Pipeline(Settings.load()) as pipeline:
        articles, errors = pipeline.load(gold_paths(gold, gold_file))
        return pipeline.compare(await pipeline.aextract_loaded(articles, errors))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", type=Path)
    args = parser.parse_args(argv)
    spec = load_gold(args.gold).disagreements
    comparison = asyncio.run(_compare(args.gold))
    print("| # | event | kind | field | sources | by the gold |")
    print("| --- | --- | --- | --- | --- | --- |")
    verdicts: Counter[str] = Counter()
    n = 0
    for event in comparison.events:
        for d in event.disagreements:
            if d.kind == Kind.SPELLING_VARIANT:
                continue
            n += 1
            if any(_matches(d, m) for m in spec.must):
                verdict = "right (must)"
            elif any(_matches(d, m) for m in spec.may):
                verdict = "right (may)"
            elif any(_matches(d, m) for m in spec.must_not):
                verdict = "**must-not**"
            else:
                verdict = "wrong"
            verdicts[verdict] += 1
            sources = ", ".join(sorted({v.article for v in d.values}))
            family = d.field.split(":")[0]
            print(f"| {n} | {event.id} | {d.kind.value} | {family} | {sources} | {verdict} |")
    print()
    print(" · ".join(f"{k}: {v}" for k, v in sorted(verdicts.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
