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
from typing import Annotated, Any, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    TypeAdapter,
    ValidationError,
    ValidatorFunctionWrapHandler,
    computed_field,
    model_validator,
)
from pydantic.json_schema import SkipJsonSchema
from pydantic_core import ErrorDetails, InitErrorDetails

Short = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]
MIN_QUOTE = 10  # characters: a shorter evidence quote could be found anywhere
Quote = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=MIN_QUOTE, max_length=300)
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=240)]
MAX_ITEMS = 3


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --------------------------------------------------------------------------------------------
# What the model fills.


class EventFields(_Strict):
    evidence: Quote = Field(description="Verbatim quote of the sentence that reports the event.")
    what: Text = Field(description="The main event, copied in the article's language.")
    kind: Short | None = Field(description="The kind of event in one or two words, or null.")
    when: Short | None = Field(description="Date or weekday of the event, as written.")
    where: Short | None = Field(description="Place of the event, as written, or null.")
    initiator: Short | None = Field(
        description="Who carried it out, initiated or requested it, as written, or null."
    )


class ParticipantFields(_Strict):
    evidence: Quote = Field(description="Verbatim quote that names the participant.")
    name: Short = Field(description="Name as written in the article.")
    role: Short | None = Field(description="Role or title as written, or null.")
    country: Short | None = Field(description="Country or organisation as written, or null.")


class QuantityFields(_Strict):
    evidence: Quote = Field(description="Verbatim quote that contains the number.")
    what: Short = Field(description="What is counted or measured, as written.")
    value: Short = Field(description="The number or duration exactly as written.")
    source: Short | None = Field(description="Who the article credits for the number, or null.")


def _event_required(schema: dict[str, Any]) -> None:
    """The schema sent keeps ``event`` a plain, required object (no title, no null)."""
    schema["properties"]["event"].pop("title", None)


class Extraction(_Strict):
    """What the model is asked to fill for one article. Statements attributed to sources are
    not asked for: the ground stage finds them in the text (``statements``), which on the
    seeds scored as well as the model's own list and halves what the model generates."""

    # (The docstring is the schema's description: sent to the server.) The schema sent is
    # strict; reading an answer is lenient (``_salvage``): an item that breaks it is repaired
    # where that is safe (an over-long text cut, an empty optional value made null, an unknown
    # field ignored) or else dropped, and ``repairs`` says which and why. ``event`` is None
    # only when the model's event was unusable and some item was not; an answer with nothing
    # usable left is refused (and re-asked) as before.
    model_config = ConfigDict(extra="forbid", json_schema_extra=_event_required)

    event: EventFields | SkipJsonSchema[None]
    participants: list[ParticipantFields] = Field(max_length=MAX_ITEMS)
    quantities: list[QuantityFields] = Field(max_length=MAX_ITEMS)
    _repairs: list[str] = PrivateAttr(default_factory=list)

    @property
    def repairs(self) -> list[str]:
        """What reading the answer dropped or repaired, one line each (empty when it fit)."""
        return list(self._repairs)

    @model_validator(mode="wrap")
    @classmethod
    def _salvage(cls, data: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        refusal: ValidationError | None = None
        repairs: list[str] = []
        try:
            result = handler(data)
        except ValidationError as exc:
            errors = _item_errors(exc)
            refusal = ValidationError.from_exception_data(exc.title, _init(errors))
            salvaged = _salvage_items(data, errors) if isinstance(data, dict) else None
            if salvaged is None:
                raise refusal from None  # the answer's shape is wrong: the model is asked again
            cleaned, repairs = salvaged
            try:
                result = handler(cleaned)
            except ValidationError:
                raise refusal from None
        if result.event is None and not result.participants and not result.quantities:
            if refusal is not None:
                raise refusal from None
            raise ValueError("the answer has no event and no items")
        if result.event is None and not any(r.startswith("dropped event") for r in repairs):
            repairs.append("no event: the answer's event is null")
        result._repairs = repairs
        return result


def _item_errors(exc: ValidationError) -> list[ErrorDetails]:
    """``exc``'s errors as the strict schema sent would give them: without the null that
    ``Extraction.event`` accepts when reading, and without the union's branch in locations."""
    errors = []
    for e in exc.errors():
        loc = e["loc"]
        if loc[:2] == ("event", "none"):
            continue
        if loc[:2] == ("event", EventFields.__name__):
            e = {**e, "loc": ("event", *loc[2:])}
        errors.append(e)
    return errors


def _init(errors: list[ErrorDetails]) -> list[InitErrorDetails]:
    out: list[InitErrorDetails] = []
    for e in errors:
        init: InitErrorDetails = {"type": e["type"], "loc": e["loc"], "input": e["input"]}
        if "ctx" in e:
            init["ctx"] = e["ctx"]
        out.append(init)
    return out


_ITEMS: dict[str, tuple[str, type[BaseModel]]] = {
    "event": ("event", EventFields),
    "participants": ("participant", ParticipantFields),
    "quantities": ("quantity", QuantityFields),
}


def _salvage_items(
    data: dict[str, Any], errors: list[ErrorDetails]
) -> tuple[dict[str, Any], list[str]] | None:
    """``data`` (the model's answer) with each failing item of ``errors`` repaired or dropped,
    and one line per change; None when an error is not inside an item (a missing list, too
    many items, a list that is not a list): the model is asked again for those."""
    cleaned = dict(data)
    notes: list[str] = []
    failing: dict[tuple[str, int | None], list[ErrorDetails]] = {}
    for e in errors:
        loc = e["loc"]
        if len(loc) == 1 and e["type"] == "extra_forbidden":
            cleaned.pop(str(loc[0]), None)
            notes.append(f"ignored field {loc[0]!r} that the schema does not have")
        elif loc[:1] == ("event",):
            failing.setdefault(("event", None), []).append(e)
        elif len(loc) >= 2 and loc[0] in ("participants", "quantities") and isinstance(loc[1], int):
            failing.setdefault((str(loc[0]), loc[1]), []).append(e)
        else:
            return None
    dropped: dict[str, set[int]] = {"participants": set(), "quantities": set()}
    for (field, index), errs in failing.items():
        kind, model = _ITEMS[field]
        depth = 1 if index is None else 2
        item = data.get(field) if index is None else data[field][index]
        label = kind if index is None else f"{kind} {index + 1}"
        fixed, why = _repair(item, model, errs, depth)
        if fixed is None:
            notes.append(f"dropped {label}: {why[0]}")
        else:
            notes.extend(f"repaired {label}: {w}" for w in why)
        if index is None:
            cleaned["event"] = fixed
        elif fixed is None:
            dropped[field].add(index)
        else:
            cleaned[field] = [*cleaned[field]]
            cleaned[field][index] = fixed
    for field, indices in dropped.items():
        if indices:
            cleaned[field] = [x for i, x in enumerate(cleaned[field]) if i not in indices]
    return cleaned, notes


def _repair(
    item: Any, model: type[BaseModel], errors: list[ErrorDetails], depth: int
) -> tuple[dict[str, Any] | None, list[str]]:
    """(the item repaired, what was done) or (None, [why it cannot be kept])."""
    if not isinstance(item, dict):
        return None, ["not an object"]
    fixed = dict(item)
    done: list[str] = []
    for e in errors:
        if len(e["loc"]) <= depth:
            return None, [e["msg"]]
        name = str(e["loc"][depth])
        value = item.get(name)
        kind = e["type"]
        if kind == "extra_forbidden":
            fixed.pop(name, None)
            done.append(f"ignored field {name!r} that the schema does not have")
        elif kind == "string_too_long" and isinstance(value, str):
            limit = int(e.get("ctx", {})["max_length"])
            fixed[name] = _cut(value, limit)
            done.append(f"{name} cut to {limit} characters")
        elif _nullable(model, name) and (
            kind == "missing" or (kind == "string_too_short" and not str(value).strip())
        ):
            fixed[name] = None
            done.append(f"{name} {'missing' if kind == 'missing' else 'empty'} -> null")
        else:
            return None, [_why(name, value, e)]
    return fixed, done


def _cut(value: str, limit: int) -> str:
    """``value`` stripped and cut to ``limit`` characters, at a word boundary when there is one
    (a cut quote is still verbatim: a prefix of what the model copied)."""
    value = value.strip()
    cut = value[:limit].rstrip()
    if len(value) > limit and value[limit : limit + 1].strip() and " " in cut:
        cut = cut.rsplit(" ", 1)[0].rstrip()
    return cut


def _nullable(model: type[BaseModel], name: str) -> bool:
    field = model.model_fields.get(name)
    return field is not None and type(None) in get_args(field.annotation)


def _why(name: str, value: Any, error: ErrorDetails) -> str:
    shown = repr(value if not isinstance(value, str) or len(value) <= 60 else value[:57] + "...")
    ctx = error.get("ctx", {})
    if error["type"] == "string_too_short":
        return f"{name} {shown} is shorter than {ctx.get('min_length')} characters"
    if error["type"] == "missing":
        return f"{name} is missing"
    return f"{name} {shown}: {error['msg']}"


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


class EventTime(_Strict):
    """When the event happened, as the code reads it from the text (``read.when``)."""

    written: str = Field(description="The words that date the event, as written.")
    date: str | None = Field(
        description="What they resolve to, at the precision known: YYYY-MM-DD, YYYY-MM, or "
        "--MM-DD (a day and month without a year)."
    )
    earliest: datetime.date | None = Field(
        description="The first day the event can be on; null when the year is not known."
    )
    latest: datetime.date | None = Field(description="The last day the event can be on.")
    weekday: str | None
    basis: str = Field(
        description="How it was resolved: date, date+reference (a day and month in the year of "
        "the article's date), date+year, weekday+reference, relative+reference, weekday (no "
        "date to anchor it), unresolved."
    )
    anchor: str | None = Field(
        description="What it was resolved against: the article's own date and where it was "
        "read (metadata, page date, date token, dateline, url), or the news year."
    )
    read_from: str | None = Field(
        description="Where the words were read: the event sentence, the story's opening, the "
        "story further on, or a report's time (nothing else dates the event)."
    )
    provenance: str = Field(description="The same in words.")


class Event(EventFields):
    grounding: Grounding
    when_from: str | None = Field(
        default=None,
        description="Where the text writes ``when``: the event sentence, the story's opening, "
        "the story further on, or a report's time.",
    )
    time: EventTime | None = Field(default=None, description="The event's time, resolved.")
    manner: str | None = Field(
        default=None,
        description="How the text says it was held: 'in person' or 'remote' (by phone, by video "
        "link); null when it does not say.",
    )
    initiator_evidence: str | None = Field(
        default=None, description="The clause of the article that names the initiator."
    )


class Participant(ParticipantFields):
    grounding: Grounding


class Bounds(_Strict):
    """An interval of values; ``high`` null is unbounded."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    low: float
    high: float | None
    low_open: bool = False
    high_open: bool = False

    @property
    def point(self) -> float:
        """The value it stands for: its middle, or its low end when it has no high one."""
        return self.low if self.high is None else (self.low + self.high) / 2


class Quantity(QuantityFields):
    grounding: Grounding
    unit: str | None = Field(default=None, description="The unit as written, found by the code.")
    measure: str | None = Field(
        default=None,
        description="What kind of number, parsed by the code: count, percent, duration "
        "(in months), money:<currency>, unit:<what it measures> (length in metres, mass in "
        "kilograms, oil in barrels; '/day' for a rate), score (two numbers: '4-2') or moment "
        "(a unit's number: 'minute 23'); null when the value is no number.",
    )
    interval: Bounds | None = Field(
        default=None,
        description="The values the number as written allows: 'at least 2,300' is [2300, "
        "null), '48%' is [47.5, 48.5] (durations in months).",
    )
    background: bool = Field(
        default=False,
        description="Its sentence is about another time (a year other than the event's): "
        "not compared across sources.",
    )
    origin: str = Field(
        default="model", description="'model': the model listed it; 'text': found in the text."
    )


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
    encoding: str | None = Field(
        default=None,
        description="The encoding the text was decoded from (utf-8, cp1252, koi8-r, ...); null "
        "for text given in memory or decoded by a page or feed parser.",
    )
    outlet: str | None = None
    url: str | None = None
    page_date: str | None = Field(default=None, description="Date printed on the page, as written.")
    page_date_iso: str | None = None
    page_date_from: str | None = Field(
        default=None,
        description="Where the article's own date was read: metadata (a feed, a record, an "
        "HTML page), page date (a line of the page), date token, dateline, or url.",
    )
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
    side: int | None = Field(
        default=None,
        description="The side of the disagreement the value stands on (0, 1, ...): the values "
        "of one side agree with each other. None when each value stands for itself.",
    )


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
    copies: dict[str, str] = Field(
        default_factory=dict,
        description="Article -> the article it is a near-identical copy of (the same wire "
        "story): one source, so it confirms nothing the original says.",
    )
    entities: list[EntityForms] = Field(default_factory=list)
    disagreements: list[Disagreement] = Field(default_factory=list)
    story: str | None = Field(
        default=None, description="The story this event belongs to (``Comparison.stories``)."
    )


class StoryEvent(_Strict):
    """One event of a story's timeline."""

    event: str = Field(description="The event's id.")
    title: str
    date: str | None = Field(description="Its day (ISO) when its articles give one.")
    earliest: datetime.date | None = Field(description="The first day its articles allow.")
    latest: datetime.date | None = Field(description="The last day its articles allow.")
    weekday: str | None = None


class StoryReport(_Strict):
    """Related events of one story: the same people, or the same place within days, at
    different times (two calls of the same ministers; a strike and the funeral of its victims).
    Linked, never compared as one event."""

    id: str
    title: str
    why: str = Field(description="What links its events: the people or the place they share.")
    events: list[StoryEvent] = Field(description="Its events in time order; undated ones last.")


class Comparison(_Strict):
    """The JSON written by ``summarizer run|diff --json``."""

    events: list[EventReport]
    stories: list[StoryReport] = Field(
        default_factory=list, description="Stories of two or more events."
    )
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


class DigestStory(_Strict):
    """The story an event of the digest belongs to: its other events, before and after it."""

    id: str
    title: str
    why: str
    earlier: list[StoryEvent] = Field(description="Its events before this one, in time order.")
    later: list[StoryEvent] = Field(description="Its events after this one (and undated ones).")


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
    story: DigestStory | None = Field(
        default=None, description="Related events of the same people or place, never compared."
    )


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
