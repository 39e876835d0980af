"""Every participant and place value the tool shows, with the type the checks read it as, on
the stored answers of a gold file's articles (no model time when they are stored).

    python benchmarks/values.py ../shared/devset/gold.json ../shared/calls/gold.json
    python benchmarks/values.py --counts-only ../shared/valset/gold.json

Types: a participant is a ``person`` (a name the story writes as one), an ``organisation`` (a
body, or a function of one: "the Defence Ministry", "وزير الخارجية"), a ``country``, a
``place`` (a city), or a ``role`` (a description that names no one); a name the story does not
write as one is ``not a name``. A place is a ``known
place`` (the world's territories and CLDR's cities), a ``GeoNames city`` (the name of a city of
15,000 people or more as GeoNames writes it, in Latin, Arabic or Cyrillic: "تبريز"), a ``named
place`` (a name written after a kind of place: "the province of Al Haouz") or ``not a
place``. ``--counts-only`` prints the
counts and not the values (for a validation set whose articles are not to be read).
"""

from __future__ import annotations

import argparse
import asyncio
import json
from collections import Counter
from pathlib import Path

from summarizer.config import Settings
from summarizer.entities import (
    is_city,
    is_city_name,
    is_place,
    is_role_word,
    named_part,
    names_party,
    places_in,
    written_as_name,
)
from summarizer.evaluate import gold_paths, load_gold
from summarizer.pipeline import Pipeline
from summarizer.text import normalize


def participant_type(name: str, story: str) -> str:
    if is_place(name):
        return "place" if is_city(name) else "country"
    part = named_part(name)
    if part is None:
        return "organisation" if names_party(name) else "description"
    if not written_as_name(part, story):
        return "not a name"
    if is_role_word(normalize(part.split()[0])):
        return "organisation"
    return "person"


def place_type(where: str) -> str:
    if places_in(where):
        return "known place"
    if is_city_name(where):
        return "GeoNames city"
    return "named place" if where[:1].isupper() or not where[:1].isalpha() else "not a place"


async def _summaries(gold_file: Path) -> tuple[list, dict[str, str]]:  # type: ignore[type-arg]
    gold = load_gold(gold_file)
    async with Pipeline(Settings.load()) as pipeline:
        articles, errors = pipeline.load(gold_paths(gold, gold_file))
        summaries = await pipeline.aextract_loaded(articles, errors)
    return summaries, {a.id: a.text for a in articles}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", nargs="+", type=Path)
    parser.add_argument("--counts-only", action="store_true")
    args = parser.parse_args(argv)
    for gold_file in args.gold:
        summaries, texts = asyncio.run(_summaries(gold_file))
        people: Counter[str] = Counter()
        places: Counter[str] = Counter()
        rows = []
        for s in summaries:
            text = texts.get(s.id, "")
            for p in s.participants:
                kind = participant_type(p.name, text)
                people[kind] += 1
                rows.append({"article": s.id, "participant": p.name, "type": kind})
            if s.event and s.event.where:
                kind = place_type(s.event.where)
                places[kind] += 1
                rows.append({"article": s.id, "place": s.event.where, "type": kind})
        line = {"gold": str(gold_file), "participants": dict(people), "places": dict(places)}
        print(json.dumps(line, ensure_ascii=False))
        if not args.counts_only:
            for row in rows:
                print(json.dumps(row, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
