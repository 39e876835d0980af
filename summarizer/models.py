"""Pydantic schemas: what the model fills per article, and what the tool reports.

Two layers:
- ``Extraction`` is the strict schema the model is asked to fill (sent as JSON Schema, enforced
  by the server's grammar where it can). Every item starts with a verbatim ``evidence`` quote so
  that a small model copies first and extracts from what it copied.
- ``ArticleSummary`` is the tool's answer per article: source metadata, status, the extracted
  items each with the alignment of its evidence in the article, usage and provenance.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, TypeAdapter, computed_field

Short = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]
Quote = Annotated[str, StringConstraints(strip_whitespace=True, min_length=10, max_length=300)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=240)]
MAX_ITEMS = 3


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --------------------------------------------------------------------------------------------
# What the model fills.


class EventFields(_Strict):
    evidence: Quote = Field(description="Verbatim quote of the sentence that reports the event.")
    what: Text = Field(description="The main event, copied in the article's language.")
    when: Short | None = Field(description="Date or weekday of the event, as written.")
    where: Short | None = Field(description="Place of the event, as written, or null.")
    initiator: Short | None = Field(description="Who initiated or requested it, or null.")


class ParticipantFields(_Strict):
    evidence: Quote = Field(description="Verbatim quote that names the participant.")
    name: Short = Field(description="Name as written in the article.")
    role: Short | None = Field(description="Role or title as written, or null.")
    country: Short | None = Field(description="Country or organisation as written, or null.")


class QuantityFields(_Strict):
    evidence: Quote = Field(description="Verbatim quote that contains the number.")
    what: Short = Field(description="What is counted or measured, as written.")
    value: Short = Field(description="The number or duration exactly as written.")
    unit: Short | None = Field(description="Unit as written, or null.")


class Extraction(_Strict):
    """What the model is asked to fill for one article. Statements attributed to sources are
    not asked for: the ground stage finds them in the text (``statements``), which on the
    seeds scored as well as the model's own list and halves what the model generates."""

    event: EventFields
    participants: list[ParticipantFields] = Field(max_length=MAX_ITEMS)
    quantities: list[QuantityFields] = Field(max_length=MAX_ITEMS)


def schema_hash(model: type[BaseModel] = Extraction) -> str:
    """Short, stable hash of a model's JSON Schema: part of every cache key."""
    text = json.dumps(model.model_json_schema(), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


# --------------------------------------------------------------------------------------------
# What the tool reports.


class Alignment(StrEnum):
    """How an evidence quote was found in the article (after normalisation)."""

    EXACT = "exact"
    FUZZY = "fuzzy"
    NOT_FOUND = "not_found"


class Status(StrEnum):
    """How one article ended: ``ok``, or why not (``reason`` says more)."""

    OK = "ok"
    INVALID = "invalid"
    TRUNCATED = "truncated"
    ERROR = "error"


class Grounding(_Strict):
    """Where an item's evidence stands in the original article, and whether its values do."""

    # JSON written by the tool carries the computed ``grounded``; reading it back ignores it.
    model_config = ConfigDict(extra="ignore")

    alignment: Alignment
    start: int | None = Field(description="Start offset of the evidence in the original text.")
    end: int | None = Field(description="End offset (exclusive) in the original text.")
    score: float = Field(ge=0, le=1, description="Share of the quote's words matched in order.")
    values_found: bool = Field(description="The item's key values occur in the article.")
    repaired: list[str] = Field(
        default_factory=list,
        description="Key values the model mis-copied, replaced by the closest words of the text.",
    )

    @computed_field  # type: ignore[prop-decorator]
    @property
    def grounded(self) -> bool:
        return self.alignment != Alignment.NOT_FOUND and self.values_found


class Event(EventFields):
    grounding: Grounding
    initiator_evidence: str | None = Field(
        default=None, description="The clause of the article that names the initiator."
    )


class Participant(ParticipantFields):
    grounding: Grounding


class Quantity(QuantityFields):
    grounding: Grounding


class Claim(_Strict):
    """A statement the article attributes to a named source, found in the text."""

    evidence: str = Field(description="The statement's clause, verbatim.")
    speaker: str = Field(description="Who made the statement, as written.")
    claim: str = Field(description="What the speaker said, as written.")
    grounding: Grounding


class Source(_Strict):
    id: str = Field(description="File stem of the article.")
    path: str
    sha256: str | None = Field(description="sha256 of the decoded text; null if unreadable.")
    language: str | None
    outlet: str | None = None
    url: str | None = None
    page_date: str | None = Field(default=None, description="Date printed on the page, as written.")
    page_date_iso: str | None = None
    chars: int = 0
    lead: str | None = Field(
        default=None,
        description="The first paragraphs as shown to the model (captions and page furniture "
        "removed), at most 600 characters: who and when of the main event, for grouping.",
    )


class Usage(_Strict):
    requests: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    reasks: int = 0


class Provenance(_Strict):
    model: str
    endpoint: str
    dialect: str
    prompt_version: str
    schema_hash: str
    cached: bool = False
    input_chars_sent: int = 0
    input_cut: bool = Field(default=False, description="The article was cut to the input limit.")


class ArticleSummary(_Strict):
    """Everything known about one article after extraction and grounding."""

    model_config = ConfigDict(extra="ignore")  # computed counts in written JSON

    source: Source
    status: Status
    reason: str | None = None
    event: Event | None = None
    participants: list[Participant] = Field(default_factory=list)
    quantities: list[Quantity] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    notes: list[str] = Field(
        default_factory=list, description="What the checks in code removed, and why."
    )
    usage: Usage = Field(default_factory=Usage)
    latency_s: float = 0.0
    provenance: Provenance | None = None

    @property
    def id(self) -> str:
        return self.source.id

    def items(self) -> list[Event | Participant | Quantity | Claim]:
        head: list[Event | Participant | Quantity | Claim] = [self.event] if self.event else []
        return [*head, *self.participants, *self.quantities, *self.claims]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def grounded_items(self) -> int:
        return sum(item.grounding.grounded for item in self.items())

    @computed_field  # type: ignore[prop-decorator]
    @property
    def total_items(self) -> int:
        return len(self.items())


# --------------------------------------------------------------------------------------------
# Across articles: events and where their sources disagree.


class Kind(StrEnum):
    CONTRADICTION = "contradiction"
    NUMERIC_MISMATCH = "numeric_mismatch"
    ATTRIBUTION = "attribution"
    UNIQUE_CLAIM = "unique_claim"
    SPELLING_VARIANT = "spelling_variant"  # information only, never a contradiction


class Severity(StrEnum):
    """How much a disagreement matters to a reader; ``info`` is never a conflict."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"


class SourceValue(_Strict):
    article: str = Field(description="Article id (file stem).")
    value: str = Field(description="The value as written in that article.")
    evidence: str = Field(description="The evidence quote for it.")
    grounded: bool = Field(description="The evidence was found in the article.")


class Disagreement(_Strict):
    kind: Kind
    field: str = Field(description="What is compared, e.g. event.when, quantity, claim.")
    severity: Severity
    values: list[SourceValue]
    note: str = Field(description="One sentence saying what differs.")


class EntityForms(_Strict):
    canonical: str
    forms: list[SourceValue]


class EventReport(_Strict):
    id: str
    title: str
    date: str | None = Field(description="ISO date when an article states or implies it.")
    weekday: str | None = None
    articles: list[str]
    entities: list[EntityForms] = Field(default_factory=list)
    disagreements: list[Disagreement] = Field(default_factory=list)


class Comparison(_Strict):
    """The JSON written by ``summarizer run|diff --json``."""

    events: list[EventReport]
    articles: list[ArticleSummary]


# --------------------------------------------------------------------------------------------
# The nightly digest (``digest.json``); digest.md and digest.html are rendered from it.


class DigestWindow(_Strict):
    since: datetime.date
    until: datetime.date


class DigestChanges(_Strict):
    previous: datetime.date | None = Field(description="Day of the previous digest, if any.")
    new_events: int
    new_coverage: int
    disagreements_appeared: int
    disagreements_resolved: int


class DigestFailure(_Strict):
    input: str = Field(description="The file, folder, feed or URL as given.")
    reason: str


class DigestArticle(_Strict):
    """An article first seen on the digest's day."""

    id: str
    status: Status
    outlet: str | None
    url: str | None
    published: str | None = Field(description="The page's date (ISO) when it gives one.")
    first_seen: datetime.date
    grounded_items: int
    total_items: int


class Span(_Strict):
    start: int
    end: int


class DigestSource(_Strict):
    """One article of an event, as a column of the event's table."""

    article: str
    outlet: str | None
    url: str | None
    published: str | None
    new: bool = Field(description="First seen on the digest's day.")
    fields: dict[str, list[str]] = Field(
        description="Field key (see summarizer.fields) -> the values shown for this article."
    )
    conflicts: list[str] = Field(
        default_factory=list,
        description="Keys of the fields whose value a disagreement (not a spelling note) involves.",
    )
    evidence: list[Span] = Field(
        default_factory=list, description="Offsets of the grounded evidence in the article."
    )


class EventStatus(StrEnum):
    NEW = "new"
    NEW_COVERAGE = "new coverage"


class EventChanges(_Strict):
    appeared: list[Disagreement] = Field(default_factory=list)
    resolved: list[Disagreement] = Field(default_factory=list)


class DigestEvent(_Strict):
    id: str
    title: str
    date: str | None = Field(description="ISO date when an article states or implies it.")
    weekday: str | None
    status: EventStatus
    articles: list[str]
    new_articles: list[str] = Field(description="Its articles first seen on the digest's day.")
    sources: list[DigestSource]
    disagreements: list[Disagreement]
    changes: EventChanges = Field(description="Against the previous digest.")


class DigestDocument(_Strict):
    """The JSON written by ``summarizer digest`` as ``digest.json``."""

    date: datetime.date
    window: DigestWindow
    changes: DigestChanges
    events: list[DigestEvent]
    failed: list[DigestFailure]
    articles: list[DigestArticle]


SCHEMA_FILES: dict[str, TypeAdapter[Any]] = {
    "extraction.schema.json": TypeAdapter(Extraction),
    "articles.schema.json": TypeAdapter(list[ArticleSummary]),
    "comparison.schema.json": TypeAdapter(Comparison),
    "digest.schema.json": TypeAdapter(DigestDocument),
}


def render_schema(adapter: TypeAdapter[Any]) -> str:
    schema = adapter.json_schema(mode="serialization")
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def export_schemas(directory: Path) -> list[Path]:
    """Write the JSON Schema files to ``directory`` (the project's ``schemas/``)."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, adapter in SCHEMA_FILES.items():
        path = directory / name
        path.write_text(render_schema(adapter), encoding="utf-8")
        written.append(path)
    return written
