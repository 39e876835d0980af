"""The summary's fields, listed once.

Each field says its key, its label, how it is shown (display values taken from an
``ArticleSummary``), which disagreement ``field`` family marks its cells, the name of the
comparator that compares two sources' values (``diff`` dispatches on it) and how a gold file
scores it (gold keys and the name of the scorer ``evaluate`` dispatches on).

The rich event table, the digest (JSON, Markdown, HTML) and ``summarizer eval`` read this
registry, so adding a field to the summary means adding it to the schema (``models``) and
here. This module names comparators and scorers; it imports neither ``diff`` nor ``evaluate``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .models import ArticleSummary, Disagreement, Kind


@dataclass(frozen=True)
class GoldCheck:
    """One key of a gold file's article entry: ``key`` names it, ``scorer`` the function of
    ``evaluate`` that scores it, ``name`` the score's row (default: the key)."""

    key: str
    scorer: str
    name: str = ""

    @property
    def row(self) -> str:
        return self.name or self.key


@dataclass(frozen=True)
class Field:
    key: str  # identifier: digest.json's source fields, the rich table's row header
    label: str  # for readers: the digest's row label
    family: str  # Disagreement.field (before any ":") that marks this field's cells
    show: Callable[[ArticleSummary], list[str]]  # the values shown, in order
    comparator: str | None = None  # how diff compares two sources' values; None: not compared
    gold: tuple[GoldCheck, ...] = ()


def _join(*parts: str | None, sep: str = " ") -> str:
    return sep.join(p for p in parts if p)


def _event_part(name: str) -> Callable[[ArticleSummary], list[str]]:
    def show(s: ArticleSummary) -> list[str]:
        value = getattr(s.event, name) if s.event else None
        return [value] if value else []

    return show


FIELDS: tuple[Field, ...] = (
    Field("event", "What", "event", _event_part("what"),
          gold=(GoldCheck("event", "words"),)),
    Field("when", "When", "event.when", _event_part("when"), "when",
          gold=(GoldCheck("weekday", "weekday", "when"), GoldCheck("date", "date"))),
    Field("where", "Where", "event.where", _event_part("where"),
          gold=(GoldCheck("place", "place"),)),
    Field("manner", "How", "event.manner", _event_part("manner"), "manner"),
    Field("initiator", "Initiated by", "event.initiator", _event_part("initiator"), "initiator",
          gold=(GoldCheck("initiator", "party"),)),
    Field("participants", "Participants", "participant.name",
          lambda s: [p.name for p in s.participants], "names",
          gold=(GoldCheck("participants", "people"),)),
    Field("quantities", "Numbers", "quantity",
          lambda s: [_join(q.value, q.unit) for q in s.quantities if not q.background],
          "quantity",
          gold=(GoldCheck("since_previous", "since_previous"), GoldCheck("facts", "facts"))),
    Field("claims", "Statements", "claim",
          lambda s: [f"{c.speaker}: {c.claim}" for c in s.claims if c.grounding.grounded],
          "claims",
          gold=(GoldCheck("announced_by", "speakers"), GoldCheck("claims", "claims"))),
)  # fmt: skip


def by_key(key: str) -> Field:
    """The field with ``key``; KeyError for an unknown one."""
    for f in FIELDS:
        if f.key == key:
            return f
    raise KeyError(key)


def field_of(disagreement_field: str) -> Field | None:
    """The field whose cells a disagreement marks: its family exactly ("event.when"), else the
    family it refines ("claim.speaker" → claim, "quantity: months since" → quantity)."""
    family = disagreement_field.split(":")[0].strip()
    exact = [f for f in FIELDS if f.family == family]
    refined = [f for f in FIELDS if family.startswith(f.family + ".")]
    found = exact or refined
    return found[0] if found else None


def field_named(name: str) -> Field | None:
    """The field a gold file's disagreement entry names: by its family, as a flag writes it
    ("quantity", "event.when"), by its key ("quantities") or by one of its gold keys ("facts",
    "date", "announced_by")."""
    if (found := field_of(name)) is not None:
        return found
    return next((f for f in FIELDS if name == f.key or name in {g.key for g in f.gold}), None)


def cell_flags(disagreements: Iterable[Disagreement]) -> dict[tuple[str, str], Kind]:
    """(article, field key) -> the strongest kind of disagreement touching that cell (the
    order of ``Kind``: contradiction first, spelling variant last)."""
    order = list(Kind)
    flags: dict[tuple[str, str], Kind] = {}
    for d in disagreements:
        f = field_of(d.field)
        if f is None:
            continue
        for v in d.values:
            cell = (v.article, f.key)
            if cell not in flags or order.index(d.kind) < order.index(flags[cell]):
                flags[cell] = d.kind
    return flags


def gold_checks() -> list[GoldCheck]:
    """Every gold key the registry scores, in the order of the fields."""
    return [check for f in FIELDS for check in f.gold]
