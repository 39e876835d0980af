"""The event's date by the tool's own reader against ``dateparser`` (1.5, ar/en/ru), scored on
a gold file's ``date`` entries, on the stored answers (no model time when they are stored).
Prints counts only, no article or value (it can be run on a validation set).

    pip install dateparser==1.5.0   # not a dependency of the tool: measured, not adopted
    python benchmarks/dateparser_dates.py ../shared/devset/gold.json ../shared/valset/gold.json

Three readers, each resolved against the article's own date (the page's metadata, else no
reference) and scored on full dates:
- ``tool``: what ``summarizer`` shows (the words it picks, resolved by ``dates.resolve_when``);
- ``dateparser (same words)``: the words the tool picks, parsed by ``dateparser.parse``;
- ``tool, else dateparser (same words)``: the tool's date, dateparser's where it has none;
- ``dateparser (event sentence)``: the first date ``dateparser.search.search_dates`` finds in
  the event's evidence sentence (the model's quote of the event).
"""

from __future__ import annotations

import argparse
import asyncio
import warnings
from collections import Counter
from datetime import date, datetime
from pathlib import Path

from summarizer.config import Settings
from summarizer.dates import parse_iso_date
from summarizer.evaluate import gold_paths, load_gold
from summarizer.group import resolved_when
from summarizer.models import ArticleSummary
from summarizer.pipeline import Pipeline


async def _summaries(gold_file: Path) -> list[ArticleSummary]:
    gold = load_gold(gold_file)
    async with Pipeline(Settings.load()) as pipeline:
        articles, errors = pipeline.load(gold_paths(gold, gold_file))
        return await pipeline.aextract_loaded(articles, errors)


def _settings(reference: date | None) -> dict[str, object]:
    settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if reference is not None:
        settings["RELATIVE_BASE"] = datetime(reference.year, reference.month, reference.day)
    return settings


def _day(found: datetime | None) -> date | None:
    return found.date() if found is not None else None


def score(gold_file: Path) -> Counter[str]:
    import dateparser
    from dateparser.search import search_dates

    gold = load_gold(gold_file)
    counts: Counter[str] = Counter()
    for s in asyncio.run(_summaries(gold_file)):
        entry = gold.articles.get(s.source.id)
        wanted = entry.date if entry else None
        if wanted is None:
            continue
        counts["gold dates"] += 1
        languages = [s.source.language] if s.source.language else None
        settings = _settings(parse_iso_date(s.source.page_date_iso))
        when = resolved_when(s)
        ours = parse_iso_date(when.iso if when else None)
        counts["tool"] += ours == wanted
        words = when.written if when else None
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            same = None
            if words:
                same = dateparser.parse(words, languages=languages, settings=settings)
            counts["dateparser (same words)"] += _day(same) == wanted
            counts["tool, else dateparser (same words)"] += (ours or _day(same)) == wanted
            sentence = s.event.evidence if s.event else ""
            found = search_dates(sentence, languages=languages, settings=settings) or []
        counts["dateparser (event sentence)"] += _day(found[0][1] if found else None) == wanted
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", type=Path, nargs="+")
    args = parser.parse_args(argv)
    for gold_file in args.gold:
        counts = score(gold_file)
        total = counts.pop("gold dates")
        shown = " · ".join(f"{k} {v}/{total}" for k, v in counts.items())
        print(f"{gold_file.parent.name}: {shown}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
