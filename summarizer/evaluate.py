"""Accuracy against a gold file: per-field accuracy, grounding, grouping F1, disagreements.

The gold format (``gold/README.md``) is JSON: per article the main event (words one of which
its description must use), the weekday, the participants (each a list of the spellings that
article uses), the time since the previous contact (months, or the date written), who
initiated (null when the article does not say), who announced it, and the key statements
(speaker spellings and words one of which the statement must contain); per corpus the event
groups and the disagreements that must, may and must not be flagged.

Everything is scored on what a user sees: the grounded summary and the comparison. Matching
is on normalised text (``text.normalize``) and on name keys (``entities``) for people.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from .dates import resolve_when
from .entities import name_key, same_name
from .ground import stem
from .group import named_part, reference_date
from .models import ArticleSummary, Comparison, Disagreement, Kind, Status
from .quantities import parse_amount
from .text import normalize

FIELDS = ("event", "when", "participants", "since_previous", "initiator", "announced_by",
          "claims")  # fmt: skip
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class GoldError(Exception):
    """A gold file that cannot be read; ``str()`` is the one-line message."""


@dataclass
class FieldScore:
    correct: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)  # "article: what was wrong"

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.total if self.total else None

    def add(self, ok: bool, article: str, what: str) -> None:
        self.total += 1
        self.correct += ok
        if not ok:
            self.misses.append(f"{article}: {what}")


@dataclass
class Evaluation:
    fields: dict[str, FieldScore]
    grounded: int
    items: int
    false_grounded: list[str]
    grouping: dict[str, float]
    must_found: list[str]
    must_missed: list[str]
    flagged: int
    flagged_correct: int
    must_not_flagged: list[str]
    spelling_contradictions: int
    articles: int
    failed_articles: list[str]

    @property
    def field_accuracy(self) -> float:
        correct = sum(s.correct for s in self.fields.values())
        total = sum(s.total for s in self.fields.values())
        return correct / total if total else 0.0

    @property
    def recall(self) -> float:
        n = len(self.must_found) + len(self.must_missed)
        return len(self.must_found) / n if n else 1.0

    @property
    def precision(self) -> float:
        return self.flagged_correct / self.flagged if self.flagged else 1.0

    def as_json(self) -> dict[str, Any]:
        return {
            "field_accuracy": round(self.field_accuracy, 4),
            "fields": {
                name: {
                    "correct": s.correct,
                    "total": s.total,
                    "accuracy": None if s.accuracy is None else round(s.accuracy, 4),
                    "misses": s.misses,
                }
                for name, s in self.fields.items()
            },
            "grounding": {
                "grounded": self.grounded,
                "items": self.items,
                "rate": round(self.grounded / self.items, 4) if self.items else None,
                "grounded_but_not_in_text": self.false_grounded,
            },
            "grouping": self.grouping,
            "disagreements": {
                "recall": round(self.recall, 4),
                "precision": round(self.precision, 4),
                "must_found": self.must_found,
                "must_missed": self.must_missed,
                "flagged": self.flagged,
                "flagged_correct": self.flagged_correct,
                "must_not_flagged": self.must_not_flagged,
            },
            "spelling_variants_flagged_as_conflicts": self.spelling_contradictions,
            "articles": self.articles,
            "failed_articles": self.failed_articles,
        }


def load_gold(path: Path) -> dict[str, Any]:
    try:
        gold: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise GoldError(f"{path}: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise GoldError(f"{path}: not JSON: {exc}") from None
    if gold.get("format") != "summarizer-gold-1" or "articles" not in gold:
        raise GoldError(f"{path}: not a summarizer-gold-1 file")
    return gold


def gold_paths(gold: dict[str, Any], gold_file: Path) -> list[Path]:
    """The article paths a gold file names, relative to the gold file."""
    return [(gold_file.parent / p).resolve() for p in gold.get("paths", [])]


# --- matching --------------------------------------------------------------------------------


def _has_any(text: str, words: Iterable[str]) -> bool:
    norm = normalize(text)
    return any(normalize(w) in norm for w in words)


def _party(written: str | None, forms: Sequence[str]) -> bool:
    """Does ``written`` (a speaker, an initiator) name the same party as one of ``forms``?"""
    if not written:
        return False
    norm = normalize(written)
    for form in forms:
        f = normalize(form)
        if f in norm or (len(norm) > 3 and norm in f):
            return True
        a, b = named_part(written), named_part(form)
        if a and b and same_name(name_key(a), name_key(b)):
            return True
    return False


def _person(name: str, forms: Sequence[str]) -> bool:
    part = named_part(name)
    return bool(part) and any(
        (p := named_part(f)) and same_name(name_key(part), name_key(p)) for f in forms
    )


# --- scoring ---------------------------------------------------------------------------------


def _score_article(s: ArticleSummary, g: dict[str, Any], scores: dict[str, FieldScore]) -> None:
    a = s.source.id
    ev = s.event
    scores["event"].add(bool(ev) and _has_any(f"{ev.what} {ev.evidence}", g["event"]), a,
                        f"event {ev.what if ev else None!r}")  # fmt: skip
    when = resolve_when(ev.when if ev else None, reference_date(s))
    weekday = WEEKDAY_NAMES[when.weekday] if when and when.weekday is not None else None
    scores["when"].add(weekday == g["weekday"], a, f"weekday {weekday} for {g['weekday']}")

    named = [p.name for p in s.participants if named_part(p.name)]
    missing = [forms[0] for forms in g["participants"] if not any(_person(n, forms) for n in named)]
    extra = [n for n in named if not any(_person(n, forms) for forms in g["participants"])]
    scores["participants"].add(not missing and not extra, a,
                               f"missing {missing}, extra {extra}")  # fmt: skip

    since = g.get("since_previous")
    durations = [q for q in s.quantities
                 if (am := parse_amount(q.value, q.unit)) and am.months]  # fmt: skip
    if since is None:
        ok = not durations
        what = f"a duration {[q.value for q in durations]} the article does not give"
    elif "months" in since:
        values = [am.value for q in durations if (am := parse_amount(q.value, q.unit))]
        ok = since["months"] in values
        what = f"durations {values} for {since['months']} months"
    else:
        texts = [f"{q.value} {q.evidence}" for q in s.quantities]
        texts += [c.evidence for c in s.claims] + ([ev.evidence] if ev else [])
        ok = any(_has_any(t, [since["date"]]) for t in texts)
        what = f"no item gives the previous contact's date {since['date']!r}"
    scores["since_previous"].add(ok, a, what)

    initiator = ev.initiator if ev else None
    ok = initiator is None if g["initiator"] is None else _party(initiator, g["initiator"])
    scores["initiator"].add(ok, a, f"initiator {initiator!r} for {g['initiator']}")

    speakers = [c.speaker for c in s.claims if c.grounding.grounded]
    for forms in g["announced_by"]:
        scores["announced_by"].add(any(_party(sp, forms) for sp in speakers), a,
                                   f"no statement by {forms[0]}")  # fmt: skip
    for gc in g["claims"]:
        found = any(
            c.grounding.grounded and _party(c.speaker, gc["speaker"])
            and _has_any(f"{c.claim} {c.evidence}", gc["contains"])
            for c in s.claims
        )  # fmt: skip
        scores["claims"].add(found, a, f"no statement by {gc['speaker'][0]} with "
                                       f"{gc['contains'][0]!r}")  # fmt: skip


def _verify_grounding(s: ArticleSummary, text: str) -> list[str]:
    """Items marked grounded whose span holds neither the quote nor 75% of its words (compared
    without attached conjunctions, prepositions and articles)."""
    wrong = []
    for item in s.items():
        g = item.grounding
        if not g.grounded:
            continue
        span = normalize(text[g.start : g.end]) if g.start is not None else ""
        words = [stem(w) for w in normalize(item.evidence).split()]
        inside = {stem(w) for w in span.split()}
        share = sum(w in inside for w in words) / len(words) if words else 0.0
        if normalize(item.evidence) not in span and share < 0.75:
            wrong.append(f"{s.source.id}: {item.evidence[:60]!r}")
    return wrong


def _pairs(groups: Iterable[Iterable[str]]) -> set[frozenset[str]]:
    return {frozenset(p) for g in groups for p in combinations(sorted(g), 2)}


def _matches(d: Disagreement, spec: dict[str, Any]) -> bool:
    if d.kind.value != spec["kind"]:
        return False
    if "field" in spec and d.field != spec["field"]:
        return False
    articles = {v.article for v in d.values}
    wanted = set(spec.get("articles", []))
    if d.kind == Kind.UNIQUE_CLAIM:
        if wanted and not articles <= wanted:
            return False
    elif wanted and not wanted <= articles:
        return False
    if "contains" in spec:
        text = " ".join(f"{v.value} {v.evidence}" for v in d.values)
        return _has_any(text, spec["contains"])
    return True


def evaluate(
    gold: dict[str, Any], summaries: list[ArticleSummary], comparison: Comparison,
    texts: dict[str, str],
) -> Evaluation:  # fmt: skip
    """Score ``summaries`` and their ``comparison`` against ``gold``; ``texts`` maps article
    ids to the original text (to check every grounded span independently)."""
    scores = {f: FieldScore() for f in FIELDS}
    by_id = {s.source.id: s for s in summaries}
    failed = []
    false_grounded: list[str] = []
    for article, g in gold["articles"].items():
        s = by_id.get(article)
        if s is None or s.status != Status.OK:
            failed.append(article)
            continue
        _score_article(s, g, scores)
        false_grounded += _verify_grounding(s, texts.get(article, ""))
    ok = [s for s in summaries if s.status == Status.OK]

    predicted = _pairs(e.articles for e in comparison.events)
    expected = _pairs(gold["groups"])
    tp = len(predicted & expected)
    p = tp / len(predicted) if predicted else 1.0
    r = tp / len(expected) if expected else 1.0
    grouping = {"precision": round(p, 4), "recall": round(r, 4),
                "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}  # fmt: skip

    flags = [d for e in comparison.events for d in e.disagreements
             if d.kind != Kind.SPELLING_VARIANT]  # fmt: skip
    spec = gold.get("disagreements", {})
    must, may, must_not = spec.get("must", []), spec.get("may", []), spec.get("must_not", [])
    found = [m["note"] for m in must if any(_matches(d, m) for d in flags)]
    missed = [m["note"] for m in must if m["note"] not in found]
    correct = sum(any(_matches(d, m) for m in must + may) for d in flags)
    wrong = [f"{d.kind.value} {d.field}: {d.note}" for d in flags
             if any(_matches(d, m) for m in must_not)]  # fmt: skip
    spelling = sum(
        d.field == "participant.name" or (d.kind == Kind.ATTRIBUTION and _same_speakers(d))
        for d in flags
    )
    return Evaluation(
        fields=scores,
        grounded=sum(s.grounded_items for s in ok),
        items=sum(s.total_items for s in ok),
        false_grounded=false_grounded,
        grouping=grouping,
        must_found=found,
        must_missed=missed,
        flagged=len(flags),
        flagged_correct=correct,
        must_not_flagged=wrong,
        spelling_contradictions=spelling,
        articles=len(gold["articles"]),
        failed_articles=failed,
    )


def _same_speakers(d: Disagreement) -> bool:
    names = [named_part(v.value.split(":", 1)[0]) for v in d.values]
    keys = [name_key(n) for n in names if n]
    return len(keys) == len(d.values) and all(same_name(keys[0], k) for k in keys[1:])


def table_rows(ev: Evaluation) -> list[tuple[str, str, str]]:
    """(metric, value, detail) rows for the terminal table."""
    rows = []
    for name, s in ev.fields.items():
        acc = "—" if s.accuracy is None else f"{s.accuracy:.0%}"
        rows.append((f"field: {name}", f"{acc} ({s.correct}/{s.total})", "; ".join(s.misses)))
    rows.append(("field accuracy (all checks)", f"{ev.field_accuracy:.1%}", ""))
    rate = ev.grounded / ev.items if ev.items else 0.0
    rows.append(("evidence grounded", f"{rate:.0%} ({ev.grounded}/{ev.items})",
                 f"{len(ev.false_grounded)} shown grounded but not in the text"))  # fmt: skip
    rows.append(("grouping pairwise F1", f"{ev.grouping['f1']:.2f}",
                 f"precision {ev.grouping['precision']:.2f}, "
                 f"recall {ev.grouping['recall']:.2f}"))  # fmt: skip
    rows.append(("disagreement recall", f"{ev.recall:.0%}",
                 "missed: " + "; ".join(ev.must_missed) if ev.must_missed else ""))  # fmt: skip
    rows.append(("disagreement precision", f"{ev.precision:.0%}",
                 f"{ev.flagged_correct}/{ev.flagged} flags are expected; must-not flagged: "
                 + ("; ".join(ev.must_not_flagged) or "none")))  # fmt: skip
    rows.append(("spelling variants flagged as conflicts", str(ev.spelling_contradictions), ""))
    return rows
