"""Accuracy against a gold file: per-field accuracy, grounding, grouping F1, disagreements.

Two gold formats are read: ``summarizer-gold-1`` (``gold/README.md``) and its superset
``summarizer-gold-2``, which adds per article the event's ``date``, its ``place`` and the key
numbers (``facts``). Per article a gold file gives the main event (words one of which its
description must use), the weekday, the participants (each a list of the spellings that
article uses), the time since the previous contact (months, or the date written), who
initiated (null when the article does not say), who announced it, and the key statements
(speaker spellings and words one of which the statement must contain); per corpus the event
groups and the disagreements that must, may and must not be flagged. A key an article leaves
out is not scored; ``null`` means the tool must report none.

Which gold key scores which field, and how, is the field registry's (``fields.FIELDS``):
each check names a scorer of ``SCORERS`` below.

Everything is scored on what a user sees: the grounded summary and the comparison. Matching
is on normalised text (``text.normalize``) and on name keys (``entities``) for people.
"""

from __future__ import annotations

import datetime
import json
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, create_model, model_validator

from .dates import WEEKDAY_NAMES, ResolvedWhen, parse_iso_date
from .entities import name_key, named_part, names_party, same_name, same_words
from .errors import SummarizerError
from .fields import GoldCheck, field_named, field_of, gold_checks
from .group import resolved_when
from .models import ArticleSummary, Comparison, Disagreement, Kind, Status
from .quantities import DURATION_SCALES, UNITS, Amount, parse_amount, quantity_amount
from .text import normalize, stem

FORMATS = ("summarizer-gold-1", "summarizer-gold-2")


class GoldError(SummarizerError):
    """A gold file that cannot be read; ``str()`` is the one-line message."""


# --- the gold file ----------------------------------------------------------------------------


class _Gold(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


Number = int | float


class GoldClaim(_Gold):
    speaker: list[str]
    contains: list[str]


class SincePrevious(_Gold):
    months: Number | None = None
    date: str | None = None

    @model_validator(mode="after")
    def _one_of(self) -> SincePrevious:
        if self.months is None and self.date is None:
            raise ValueError("give 'months' or 'date'")
        return self


class GoldFact(_Gold):
    about: list[str]
    value: Number | tuple[Number | None, Number | None]
    unit: str | None = None


class DisagreementSpec(_Gold):
    kind: Kind
    field: str | None = None
    articles: list[str] = []
    contains: list[str] | None = None
    note: str


class DisagreementSpecs(_Gold):
    must: list[DisagreementSpec] = []
    may: list[DisagreementSpec] = []
    must_not: list[DisagreementSpec] = []


# --- results ----------------------------------------------------------------------------------


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
    grouping: dict[str, float | int]
    must_found: list[str]
    must_missed: list[str]
    flagged: int
    flagged_correct: int
    must_not_flagged: list[str]
    spelling_contradictions: int
    articles: int
    failed_articles: list[str]
    # the date and weekday checks again, by how the event's day was settled (``provenance``)
    by_provenance: dict[str, dict[str, FieldScore]] = field(default_factory=dict)
    # flags whose values come from articles of two gold events: never one event's sources
    cross_event_flags: list[str] = field(default_factory=list)
    # kind -> must entries, those found, flags, flags expected (``_KIND_COUNTS``)
    by_kind: dict[str, dict[str, int]] = field(default_factory=dict)

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
            "cross_event_flags": self.cross_event_flags,
            "disagreements_by_kind": self.by_kind,
            "by_provenance": {
                row: {
                    how: {"correct": sc.correct, "total": sc.total, "misses": sc.misses}
                    for how, sc in sorted(scores.items())
                }
                for row, scores in self.by_provenance.items()
            },
            "articles": self.articles,
            "failed_articles": self.failed_articles,
        }

    def aggregate_json(self) -> dict[str, Any]:
        """``as_json`` without what names one article: the numbers only (for a validation
        set whose articles and misses are not to be read)."""
        doc = self.as_json()
        for scores in doc["fields"].values():
            scores.pop("misses")
        for scores in doc["by_provenance"].values():
            for sc in scores.values():
                sc.pop("misses")
        doc["grounding"]["grounded_but_not_in_text"] = len(self.false_grounded)
        flags = doc["disagreements"]
        for key in ("must_found", "must_missed", "must_not_flagged"):
            flags[key] = len(flags[key])
        doc["cross_event_flags"] = len(self.cross_event_flags)
        doc["failed_articles"] = len(self.failed_articles)
        return doc


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


def _member(name: str, forms: Sequence[str]) -> bool:
    """Is the participant ``name`` one of ``forms``: the same person, or the same country, body
    or team, one written within the other ("Wagner" in "the Wagner Group")?"""
    return _person(name, forms) or _party(name, forms)


def _when(s: ArticleSummary) -> ResolvedWhen | None:
    return resolved_when(s)


def _gold_number(x: Number | None, unit: str | None, months: bool) -> float | None:
    """A gold number in the tool's terms: a duration ("5", "years") in months when the tool's
    amount is a duration, as ``parse_amount`` counts it."""
    if x is None or not months or not unit:
        return x
    written = str(int(x)) if float(x).is_integer() else str(x)
    amount = parse_amount(written, unit)
    return amount.value if amount and amount.months else x


def _fact_matches(amount: Amount, fact: GoldFact) -> bool:
    """Does the tool's amount give the gold fact? A gold number without a unit matches a
    duration in the unit the text writes it in ("aged 70 years": 70), and a measure in any
    of its units ("200 km": 200 or 200,000 metres)."""
    low, high = fact.value if isinstance(fact.value, tuple) else (fact.value, fact.value)
    low, high = (_gold_number(b, fact.unit, amount.months) for b in (low, high))
    scales = DURATION_SCALES if amount.months and not fact.unit else {1.0}
    if amount.measure.startswith("unit:"):  # in the base unit: the gold's may be any of its
        scales = {size for what, size in UNITS.values() if amount.measure == f"unit:{what}"}
    return any(_within(amount.value / scale, low, high) for scale in scales)


def _within(value: float, low: float | None, high: float | None) -> bool:
    if low is not None and high is not None and low == high:
        return math.isclose(value, low, abs_tol=0.005)
    return (low is None or value >= low - 0.005) and (high is None or value <= high + 0.005)


def _shown(value: Number | tuple[Number | None, Number | None]) -> str:
    if not isinstance(value, tuple):
        return f"{value}"
    low, high = ("" if b is None else f"{b}" for b in value)
    return f"[{low}, {high}]"


# --- scorers: one per scorer name of the field registry ----------------------------------------
# Each takes the summary and the gold value of its key and returns (correct, what was wrong)
# per check; no check when the gold value says nothing to score.

Check = tuple[bool, str]


def _words(s: ArticleSummary, words: list[str] | None) -> list[Check]:
    if words is None:
        return []
    ev = s.event
    ok = ev is not None and _has_any(f"{ev.what} {ev.evidence}", words)
    return [(ok, f"event {ev.what if ev else None!r}")]


def _weekday(s: ArticleSummary, gold: str | None) -> list[Check]:
    when = _when(s)
    weekday = WEEKDAY_NAMES[when.weekday] if when and when.weekday is not None else None
    return [(weekday == gold, f"weekday {weekday} for {gold}")]


def _date(s: ArticleSummary, gold: datetime.date | None) -> list[Check]:
    when = _when(s)
    day = parse_iso_date(when.iso) if when else None
    if gold is None:
        return [(day is None, f"date {day} the article does not give")]
    if day is None and when is not None and when.weekday is not None:
        return []  # only a weekday: scored on the weekday
    return [(day == gold, f"date {day} for {gold}")]


def _place(s: ArticleSummary, gold: list[str] | None) -> list[Check]:
    where = s.event.where if s.event else None
    if gold is None:
        return [(not where, f"place {where!r} the article does not give")]
    ok = bool(where) and (_has_any(where or "", gold) or any(same_words(where, g) for g in gold))
    return [(ok, f"place {where!r} for {gold[:1]}")]


def _initiator(s: ArticleSummary, gold: list[str] | None) -> list[Check]:
    initiator = s.event.initiator if s.event else None
    ok = initiator is None if gold is None else _party(initiator, gold)
    return [(ok, f"initiator {initiator!r} for {gold}")]


def _people(s: ArticleSummary, gold: list[list[str]] | None) -> list[Check]:
    if gold is None:
        return []
    named = [p.name for p in s.participants if names_party(p.name)]
    missing = [forms[0] for forms in gold if forms and not any(_member(n, forms) for n in named)]
    extra = [n for n in named if not any(_member(n, forms) for forms in gold)]
    return [(not missing and not extra, f"missing {missing}, extra {extra}")]


def _since_previous(s: ArticleSummary, gold: SincePrevious | None) -> list[Check]:
    durations = [q for q in s.quantities
                 if (am := parse_amount(q.value, q.unit)) and am.months]  # fmt: skip
    if gold is None:
        return [(not durations, f"a duration {[q.value for q in durations]} the article "
                                "does not give")]  # fmt: skip
    if gold.months is not None:
        values = [am.value for q in durations if (am := parse_amount(q.value, q.unit))]
        return [(gold.months in values, f"durations {values} for {gold.months} months")]
    ev = s.event
    texts = [f"{q.value} {q.evidence}" for q in s.quantities]
    texts += [c.evidence for c in s.claims] + ([ev.evidence] if ev else [])
    ok = any(_has_any(t, [gold.date or ""]) for t in texts)
    return [(ok, f"no item gives the previous contact's date {gold.date!r}")]


def _facts(s: ArticleSummary, gold: list[GoldFact] | None) -> list[Check]:
    checks = []
    for fact in gold or []:
        found = any(
            q.grounding.grounded and _has_any(f"{q.what} {q.evidence}", fact.about)
            and (amount := quantity_amount(q) or parse_amount(q.value, q.unit)) is not None
            and _fact_matches(amount, fact)
            for q in s.quantities
        )  # fmt: skip
        what = fact.about[0] if fact.about else "?"
        checks.append((found, f"no grounded number {what!r} of {_shown(fact.value)}"))
    return checks


def _speakers(s: ArticleSummary, gold: list[list[str]] | None) -> list[Check]:
    speakers = [c.speaker for c in s.claims if c.grounding.grounded]
    return [(any(_party(sp, forms) for sp in speakers), f"no statement by {forms[0]}")
            for forms in gold or [] if forms]  # fmt: skip


def _claims(s: ArticleSummary, gold: list[GoldClaim] | None) -> list[Check]:
    checks = []
    for gc in gold or []:
        found = any(
            c.grounding.grounded and _party(c.speaker, gc.speaker)
            and _has_any(f"{c.claim} {c.evidence}", gc.contains)
            for c in s.claims
        )  # fmt: skip
        speaker = gc.speaker[0] if gc.speaker else "?"
        contains = gc.contains[0] if gc.contains else "?"
        checks.append((found, f"no statement by {speaker} with {contains!r}"))
    return checks


@dataclass(frozen=True)
class Scorer:
    gold: Any  # the type of the gold value it scores (validated when the file is read)
    score: Callable[[ArticleSummary, Any], list[Check]]


SCORERS: dict[str, Scorer] = {
    "words": Scorer(list[str], _words),
    "weekday": Scorer(str, _weekday),
    "date": Scorer(datetime.date, _date),
    "place": Scorer(list[str], _place),
    "party": Scorer(list[str], _initiator),
    "people": Scorer(list[list[str]], _people),
    "since_previous": Scorer(SincePrevious, _since_previous),
    "facts": Scorer(list[GoldFact], _facts),
    "speakers": Scorer(list[list[str]], _speakers),
    "claims": Scorer(list[GoldClaim], _claims),
}

# One article's answers: a key per gold check of the registry, typed by its scorer; ``null``
# allowed (the tool must report none); a key left out is not scored (``model_fields_set``).
GoldArticle: type[BaseModel] = create_model(
    "GoldArticle",
    __base__=_Gold,
    **{c.key: (SCORERS[c.scorer].gold | None, None) for c in gold_checks()},
)


class GoldFile(_Gold):
    format: str
    made: str = ""
    paths: list[str] = []
    articles: dict[str, GoldArticle]
    groups: list[list[str]] = []
    disagreements: DisagreementSpecs = DisagreementSpecs()

    def scored(self) -> list[GoldCheck]:
        """The registry's checks whose gold key some article gives, in the registry's order."""
        given = {k for a in self.articles.values() for k in a.model_fields_set}
        return [c for c in gold_checks() if c.key in given]


def parse_gold(data: Any, origin: str = "gold") -> GoldFile:
    """A gold file's JSON as a ``GoldFile``; ``GoldError`` when it is not one: one line per
    problem."""
    if not isinstance(data, dict) or data.get("format") not in FORMATS or "articles" not in data:
        raise GoldError(f"{origin}: not a {' or '.join(FORMATS)} file")
    try:
        return GoldFile.model_validate(data)
    except ValidationError as exc:
        # One line per problem, each naming the file and the key.
        lines = [
            f"{origin}: {'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()
        ]
        raise GoldError("\n".join(lines)) from None


def load_gold(path: Path) -> GoldFile:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise GoldError(f"{path}: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise GoldError(f"{path}: not JSON: {exc}") from None
    return parse_gold(data, str(path))


def gold_paths(gold: GoldFile, gold_file: Path) -> list[Path]:
    """The article paths a gold file names, relative to the gold file."""
    return [(gold_file.parent / p).resolve() for p in gold.paths]


_KIND_COUNTS = ("must", "must_found", "flagged", "flagged_correct")
BY_PROVENANCE = ("when", "date")  # the rows also scored by how the event's day was settled


def provenance(s: ArticleSummary) -> str:
    """How the event's day of ``s`` was settled: its basis and what anchored it
    ("weekday+reference (url)"), or "no time"."""
    when = _when(s)
    if when is None:
        return "no time"
    return f"{when.basis} ({when.anchor})" if when.anchor else when.basis


def _score_article(
    s: ArticleSummary, g: BaseModel, scores: dict[str, FieldScore], checks: list[GoldCheck],
    by_provenance: dict[str, dict[str, FieldScore]],
) -> None:  # fmt: skip
    how = provenance(s)
    for check in checks:
        if check.key not in g.model_fields_set:
            continue  # this article leaves the key out: not scored
        for ok, what in SCORERS[check.scorer].score(s, getattr(g, check.key)):
            scores[check.row].add(ok, s.source.id, what)
            if check.row in BY_PROVENANCE:
                by_provenance.setdefault(check.row, {}).setdefault(how, FieldScore()).add(
                    ok, s.source.id, what
                )


# --- grounding, grouping, disagreements ---------------------------------------------------------


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


def _clusters(groups: Iterable[Iterable[str]]) -> dict[str, frozenset[str]]:
    """Each article's group (its first, should it be in two)."""
    of: dict[str, frozenset[str]] = {}
    for g in groups:
        members = frozenset(g)
        for article in members:
            of.setdefault(article, members)
    return of


def _f1(p: float, r: float) -> float:
    return round(2 * p * r / (p + r), 4) if p + r else 0.0


def score_groups(gold: list[list[str]], predicted: list[list[str]]) -> dict[str, float | int]:
    """How well ``predicted`` groups articles (ids) against the ``gold`` groups.

    - ``precision``, ``recall``, ``f1``: pairwise, over the pairs of articles grouped
      together, all articles of either side counted (no pairs on a side: 1.0).
    - ``b3_precision``, ``b3_recall``, ``b3_f1``: B³, averaged over the gold articles: per
      article, precision = |predicted group ∩ gold group| / |predicted group| and recall =
      the same over |gold group|. Articles predicted but absent from gold are dropped from
      the predicted groups; a gold article missing from the prediction is a singleton there.
      No gold articles: 1.0.
    - ``wrong_merges``: pairs of gold articles grouped together that gold keeps apart;
      ``wrong_splits``: pairs gold groups together that the prediction keeps apart (the
      pairwise false positives and negatives, over the gold articles);
      ``merged_groups``: predicted groups holding articles of two or more gold groups.
    - ``distractors``: gold groups of one article (a look-alike of another event: the same
      people or kind on another day); ``distractors_alone``: those no other gold article
      joins in the prediction.
    """
    predicted_pairs = _pairs(predicted)
    expected = _pairs(gold)
    tp = len(predicted_pairs & expected)
    p = tp / len(predicted_pairs) if predicted_pairs else 1.0
    r = tp / len(expected) if expected else 1.0

    gold_of = _clusters(gold)
    pred_of = {
        article: frozenset(members & gold_of.keys())
        for article, members in _clusters(predicted).items()
        if article in gold_of
    }
    pred_of.update((a, frozenset({a})) for a in gold_of.keys() - pred_of.keys())
    n = len(gold_of)
    b3_p = sum(len(pred_of[a] & g) / len(pred_of[a]) for a, g in gold_of.items()) / n if n else 1.0
    b3_r = sum(len(pred_of[a] & g) / len(g) for a, g in gold_of.items()) / n if n else 1.0
    together = _pairs(set(pred_of.values()))
    gold_together = _pairs(set(gold_of.values()))
    merged = sum(len({gold_of[a] for a in g}) > 1 for g in set(pred_of.values()))
    singles = [a for a, g in gold_of.items() if len(g) == 1]
    return {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": _f1(p, r),
        "b3_precision": round(b3_p, 4),
        "b3_recall": round(b3_r, 4),
        "b3_f1": _f1(b3_p, b3_r),
        "wrong_merges": len(together - gold_together),
        "wrong_splits": len(gold_together - together),
        "merged_groups": merged,
        "distractors": len(singles),
        "distractors_alone": sum(len(pred_of[a]) == 1 for a in singles),
    }


def _matches(d: Disagreement, spec: DisagreementSpec) -> bool:
    if d.kind != spec.kind:
        return False
    if spec.field is not None and not _same_field(d.field, spec.field):
        return False
    articles = {v.article for v in d.values}
    wanted = set(spec.articles)
    if d.kind == Kind.UNIQUE_CLAIM:
        if wanted and not articles <= wanted:
            return False
    elif len(wanted) > 2:  # "any two of these disagree": two or more of them, none other
        if len(articles) < 2 or not articles <= wanted:
            return False
    elif wanted and not wanted <= articles:
        return False
    if len(wanted) == 2 and _one_side(d, wanted):
        return False  # both on one side of the flag: it does not say these two disagree
    if spec.contains is not None:
        text = " ".join(f"{v.value} {v.evidence}" for v in d.values)
        return _has_any(text, spec.contains)
    return True


def _one_side(d: Disagreement, articles: set[str]) -> bool:
    """Do all of ``articles`` stand on one side of ``d`` (the flag gives its values' sides)?"""
    sides = [v.side for v in d.values if v.article in articles]
    return bool(sides) and None not in sides and len(set(sides)) == 1


def _same_field(flagged: str, wanted: str) -> bool:
    """Does a flag's field name the gold entry's field? Exactly, or the same field of the
    registry (``fields.field_named``): a gold "quantity" or "facts" is any number's flag
    ("quantity: dead in Derna"), a gold "claims" a statement's ("claim.speaker"), a gold "date"
    the event's time ("event.when"); "event.when" is not "event.where". A field written with
    what it refines ("quantity: injured") is that flag's field only."""
    if flagged == wanted or ":" in wanted:
        return flagged == wanted
    a, b = field_of(flagged), field_named(wanted)
    return a is not None and a is b


def evaluate(
    gold: GoldFile, summaries: list[ArticleSummary], comparison: Comparison,
    texts: dict[str, str],
) -> Evaluation:  # fmt: skip
    """Score ``summaries`` and their ``comparison`` against ``gold``; ``texts`` maps article
    ids to the original text (to check every grounded span independently)."""
    checks = gold.scored()
    scores = {c.row: FieldScore() for c in checks}
    by_provenance: dict[str, dict[str, FieldScore]] = {}
    by_id = {s.source.id: s for s in summaries}
    failed = []
    false_grounded: list[str] = []
    for article, g in gold.articles.items():
        s = by_id.get(article)
        if s is None or s.status != Status.OK:
            failed.append(article)
            continue
        _score_article(s, g, scores, checks, by_provenance)
        false_grounded += _verify_grounding(s, texts.get(article, ""))
    ok = [s for s in summaries if s.status == Status.OK]

    grouping = score_groups(gold.groups, [list(e.articles) for e in comparison.events])

    flags = [d for e in comparison.events for d in e.disagreements
             if d.kind != Kind.SPELLING_VARIANT]  # fmt: skip
    spec = gold.disagreements
    hit = [any(_matches(d, m) for d in flags) for m in spec.must]
    by_kind: dict[str, dict[str, int]] = {}
    for m, h in zip(spec.must, hit, strict=True):
        row = by_kind.setdefault(m.kind.value, dict.fromkeys(_KIND_COUNTS, 0))
        row["must"] += 1
        row["must_found"] += h
    for d in flags:
        row = by_kind.setdefault(d.kind.value, dict.fromkeys(_KIND_COUNTS, 0))
        row["flagged"] += 1
        row["flagged_correct"] += any(_matches(d, m) for m in spec.must + spec.may)
    found = [m.note for m, h in zip(spec.must, hit, strict=True) if h]
    missed = [m.note for m, h in zip(spec.must, hit, strict=True) if not h]  # notes may repeat
    correct = sum(any(_matches(d, m) for m in spec.must + spec.may) for d in flags)
    wrong = [f"{d.kind.value} {d.field}: {d.note}" for d in flags
             if any(_matches(d, m) for m in spec.must_not)]  # fmt: skip
    spelling = sum(
        d.field == "participant.name" or (d.kind == Kind.ATTRIBUTION and _same_speakers(d))
        for d in flags
    )
    event_of = _clusters(gold.groups)
    cross = [
        f"{d.kind.value} {d.field}: {d.note}"
        for d in flags
        if len({event_of.get(v.article, frozenset({v.article})) for v in d.values}) > 1
    ]
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
        articles=len(gold.articles),
        failed_articles=failed,
        by_provenance=by_provenance,
        cross_event_flags=cross,
        by_kind=by_kind,
    )


def _same_speakers(d: Disagreement) -> bool:
    names = [named_part(v.value.split(":", 1)[0]) for v in d.values]
    keys = [name_key(n) for n in names if n]
    return len(keys) == len(d.values) and all(same_name(keys[0], k) for k in keys[1:])


def table_rows(ev: Evaluation, *, aggregate: bool = False) -> list[tuple[str, str, str]]:
    """(metric, value, detail) rows for the terminal table; ``aggregate``: no detail that
    names an article or a gold entry (the misses), the numbers only."""

    def detail(items: list[str], text: str | None = None) -> str:
        return "" if aggregate and text is None else (text if text is not None
                                                      else "; ".join(items))  # fmt: skip

    rows = []
    for name, s in ev.fields.items():
        acc = "—" if s.accuracy is None else f"{s.accuracy:.0%}"
        rows.append((f"field: {name}", f"{acc} ({s.correct}/{s.total})", detail(s.misses)))
    for row, by_how in ev.by_provenance.items():
        for how, sc in sorted(by_how.items()):
            acc = "—" if sc.accuracy is None else f"{sc.accuracy:.0%}"
            rows.append((f"  {row} by provenance: {how}", f"{acc} ({sc.correct}/{sc.total})",
                         detail(sc.misses)))  # fmt: skip
    rows.append(("field accuracy (all checks)", f"{ev.field_accuracy:.1%}", ""))
    rate = ev.grounded / ev.items if ev.items else 0.0
    rows.append(("evidence grounded", f"{rate:.0%} ({ev.grounded}/{ev.items})",
                 f"{len(ev.false_grounded)} shown grounded but not in the text"))  # fmt: skip
    g = ev.grouping
    rows.append(("grouping pairwise F1", f"{g['f1']:.2f}",
                 f"precision {g['precision']:.2f}, recall {g['recall']:.2f}"))  # fmt: skip
    rows.append(("grouping B³ F1", f"{g['b3_f1']:.2f}",
                 f"precision {g['b3_precision']:.2f}, recall {g['b3_recall']:.2f}"))  # fmt: skip
    rows.append(("grouping errors", str(g["wrong_merges"] + g["wrong_splits"]),
                 f"{g['wrong_merges']} wrong merge(s) (pairs), "
                 f"{g['wrong_splits']} wrong split(s) (pairs), "
                 f"{g['merged_groups']} group(s) mixing events"))  # fmt: skip
    if g.get("distractors"):
        rows.append(("distractors alone", f"{g['distractors_alone']} of {g['distractors']}",
                     "gold events of one article that no other gold article joins"))  # fmt: skip
    rows.append(("flags across two events", str(len(ev.cross_event_flags)),
                 detail(ev.cross_event_flags)))  # fmt: skip
    missed = "missed: " + "; ".join(ev.must_missed) if ev.must_missed else ""
    found = len(ev.must_found)
    rows.append(("disagreement recall", f"{ev.recall:.0%}",
                 detail([], f"{found} of {found + len(ev.must_missed)} must-flags")
                 if aggregate else missed))  # fmt: skip
    must_not = "; ".join(ev.must_not_flagged) or "none"
    rows.append(("disagreement precision", f"{ev.precision:.0%}",
                 f"{ev.flagged_correct}/{ev.flagged} flags are expected; must-not flagged: "
                 + (str(len(ev.must_not_flagged)) if aggregate else must_not)))  # fmt: skip
    for kind, n in sorted(ev.by_kind.items()):
        recall = f"{n['must_found']}/{n['must']} must" if n["must"] else "no must"
        rows.append((f"  {kind}", recall, f"{n['flagged_correct']}/{n['flagged']} flags expected"))
    rows.append(("spelling variants flagged as conflicts", str(ev.spelling_contradictions), ""))
    return rows
