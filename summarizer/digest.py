"""Nightly digest: read what arrived, extract only articles not seen before, publish a dated report.

``run_digest`` is what ``summarizer digest`` and ``scripts/nightly-digest`` call:

1. Under a lock on ``OUT/.digest.lock`` (a second, overlapping run waits for the first and
   then finds nothing new), load every input: files, folders, feeds, URLs.
2. Articles whose text the store has seen before are skipped; the new ones are extracted
   (results already in the store cost no model call). An article that extracts ``ok`` is
   recorded as seen on the digest's day, with its text, summary and the model's raw answer; a
   failed one is not, so the next run tries it again.
3. Every article seen in the window (``--since``, default the 7 days before the digest's day)
   is grounded again from its stored answer with the current code (as the results store
   does), then grouped and diffed; the digest shows the events that have an article first
   seen on its day, each marked new or with new coverage against the previous digest in
   ``OUT``, with the disagreements that appeared or were resolved since.
4. ``OUT/YYYY-MM-DD/digest.json``, ``digest.md`` and ``digest.html`` are written atomically and
   only when their content changes, so a re-run the same day leaves them as they are.
"""

from __future__ import annotations

import asyncio
import fcntl
import json
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from pydantic import ValidationError

from . import fields
from .config import Settings
from .diff import compare
from .ingest import Fetcher, fetch
from .load import Article
from .models import (
    ArticleSummary,
    DigestArticle,
    DigestChanges,
    DigestDocument,
    DigestEvent,
    DigestFailure,
    DigestSource,
    DigestStory,
    DigestWindow,
    Disagreement,
    EventChanges,
    EventReport,
    EventStatus,
    Extraction,
    Kind,
    Span,
    Status,
    StoryReport,
)
from .pipeline import Pipeline
from .render import digest_html, digest_markdown
from .store import SeenRow, Store

DEFAULT_WINDOW_DAYS = 7
FILES = ("digest.json", "digest.md", "digest.html")


@dataclass
class DigestRun:
    """What one run did: the numbers of its summary line and the files it wrote."""

    day: date
    directory: Path
    inputs: int = 0
    new_articles: int = 0
    events: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (input, reason)
    written: list[Path] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary_line(self) -> str:
        files = f"{len(self.written)} files updated" if self.written else "files unchanged"
        line = (
            f"digest {self.day.isoformat()}: {self.new_articles} new articles of "
            f"{self.inputs}, {self.events} events, {len(self.failed)} failed; {files} "
            f"in {self.directory}"
        )
        if self.failed:
            first, reason = self.failed[0]
            line += f" (first failure: {first}: {reason})"
        return line


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """An exclusive lock held for the whole run; a second run blocks until it is released."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _write_if_changed(path: Path, content: str) -> bool:
    """Write ``content`` atomically (temporary file, then rename); False if it was already so."""
    if path.exists() and path.read_text(encoding="utf-8") == content:
        return False
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(content, encoding="utf-8")
    os.replace(tmp, path)
    return True


def run_digest(
    inputs: Sequence[str | Path],
    out: Path,
    *,
    settings: Settings,
    day: date | None = None,
    since: date | None = None,
    fetcher: Fetcher = fetch,
) -> DigestRun:
    """Ingest ``inputs``, extract what is new, and publish ``out/<day>/digest.*``."""
    day = day or date.today()
    since = since or day - timedelta(days=DEFAULT_WINDOW_DAYS)
    run = DigestRun(day=day, directory=out / day.isoformat())
    with _locked(out / ".digest.lock"):
        store = Store(settings.db_path)
        try:
            window = asyncio.run(_collect(inputs, run, store, settings, since, fetcher))
        finally:
            store.close()
        document = build_digest(day, since, window, run.failed, _previous(out, day))
        run.events = len(document.events)
        run.directory.mkdir(parents=True, exist_ok=True)
        texts = {r.summary.source.id: r.text for r in window}
        contents = {
            "digest.json": document.model_dump_json(indent=2) + "\n",
            "digest.md": digest_markdown(document),
            "digest.html": digest_html(document, texts),
        }
        for name in FILES:
            if _write_if_changed(run.directory / name, contents[name]):
                run.written.append(run.directory / name)
    return run


async def _collect(
    inputs: Sequence[str | Path],
    run: DigestRun,
    store: Store,
    settings: Settings,
    since: date,
    fetcher: Fetcher,
) -> list[SeenArticle]:
    """Extract the articles the store has not seen, record the ok ones as seen on the
    digest's day, and return every article seen in the window, grounded again."""
    async with Pipeline(settings, store=store, fetcher=fetcher) as pipeline:
        articles, errors = pipeline.load(inputs)
        run.inputs = len(articles) + len(errors)
        run.failed = [(e.path, e.reason) for e in errors]
        fresh: dict[str, Article] = {}
        for a in articles:  # the same text twice, or seen on an earlier night: skip it
            if a.sha256 not in fresh and not store.seen(a.sha256):
                fresh[a.sha256] = a
        new = list(fresh.values())
        summaries = await pipeline.aextract(new) if new else []
        for article, summary in zip(new, summaries, strict=True):
            if summary.status != Status.OK:
                run.failed.append((article.url or article.path, summary.reason or "failed"))
                continue
            # Keep what the results store keeps: the extract stage's summary and the model's
            # answer, so the window below grounds it with the current code every night.
            answer = pipeline.extractor.cached(article)
            if answer is not None and answer.extraction is not None:
                kept = answer.summary.model_copy(update={
                    "provenance": summary.provenance,
                    "notes": [*article.notes, *answer.summary.notes],  # what loading changed
                })  # fmt: skip
                store.put_seen(article, kept.model_dump_json(round_trip=True), run.day,
                               answer.extraction.model_dump_json())  # fmt: skip
            else:
                store.put_seen(article, summary.model_dump_json(round_trip=True), run.day)
            run.new_articles += 1
        window = []
        for row in store.seen_between(since, run.day):
            try:
                window.append(_seen_article(pipeline, row))
            except ValidationError:  # written by a version whose summaries no longer load
                run.failed.append((row.origin, "stored summary unreadable by this version"))
        return window


def _seen_article(pipeline: Pipeline, row: SeenRow) -> SeenArticle:
    """A row of the ``seen`` table with its summary grounded again from the model's answer
    (rows of versions that did not keep the answer are shown as they were stored)."""
    summary = ArticleSummary.model_validate_json(row.summary_json)
    if row.extraction_json is not None:
        try:
            extraction = Extraction.model_validate_json(row.extraction_json)
        except ValidationError:
            note = "the stored answer no longer fits the schema: shown without its items"
            summary = summary.model_copy(update={"notes": [*summary.notes, note]})
        else:
            summary = pipeline.ground_answer(summary, row.text, extraction)
    return SeenArticle(date.fromisoformat(row.first_seen), row.text, summary)


@dataclass(frozen=True)
class SeenArticle:
    """An article of the store's ``seen`` table: when it was first seen, its text, summary."""

    first_seen: date
    text: str
    summary: ArticleSummary


def _previous(out: Path, day: date) -> DigestDocument | None:
    """The newest digest in ``out`` before ``day``; an unreadable or invalid one (say, written
    by an older version) counts as none."""
    days = sorted(
        p.name for p in out.glob("????-??-??") if p.name < day.isoformat()
        and (p / "digest.json").is_file()
    )  # fmt: skip
    if not days:
        return None
    try:
        return DigestDocument.model_validate_json((out / days[-1] / "digest.json").read_bytes())
    except (OSError, ValidationError):
        return None


def _signature(d: Disagreement) -> str:
    """What identifies a disagreement from one digest to the next: kind, field, sources."""
    articles = sorted({v.article for v in d.values})
    return json.dumps([d.kind.value, d.field, articles], ensure_ascii=False)


def build_digest(
    day: date,
    since: date,
    window: list[SeenArticle],
    failed: list[tuple[str, str]],
    previous: DigestDocument | None,
) -> DigestDocument:
    """The digest document (``digest.json``): deterministic for the same inputs."""
    comparison = compare([r.summary for r in window])
    seen = {r.summary.source.id: r for r in window}
    before = previous.events if previous else []
    first_article = {e.id: e.articles[0] for e in comparison.events}  # the digest's event ids
    stories = {st.id: st for st in comparison.stories}
    events = []
    for report in comparison.events:
        today = [a for a in report.articles if seen[a].first_seen == day]
        if not today:
            continue  # nothing new about this event tonight
        story = stories.get(report.story) if report.story else None
        events.append(_event(report, seen, today, before, _story(report, story, first_article)))
    changes = DigestChanges(
        previous=previous.date if previous else None,
        new_events=sum(e.status == EventStatus.NEW for e in events),
        new_coverage=sum(e.status == EventStatus.NEW_COVERAGE for e in events),
        disagreements_appeared=sum(len(e.changes.appeared) for e in events),
        disagreements_resolved=sum(len(e.changes.resolved) for e in events),
    )
    return DigestDocument(
        date=day,
        window=DigestWindow(since=since, until=day),
        changes=changes,
        events=events,
        failed=[DigestFailure(input=i, reason=r) for i, r in sorted(failed)],
        articles=[
            _article(r)
            for r in sorted(window, key=lambda r: r.summary.source.id)
            if r.first_seen == day
        ],
    )


def _article(r: SeenArticle) -> DigestArticle:
    s = r.summary
    return DigestArticle(
        id=s.source.id,
        status=s.status,
        outlet=s.source.outlet,
        url=s.source.url,
        published=s.source.page_date_iso,
        first_seen=r.first_seen,
        grounded_items=s.grounded_items,
        total_items=s.total_items,
    )


def _source(s: ArticleSummary, new: bool, flags: dict[tuple[str, str], Kind]) -> DigestSource:
    """One article of an event: its values of every field of the registry, the fields a
    disagreement (not a spelling note) marks, and where its grounded evidence stands."""
    a = s.source.id
    return DigestSource(
        article=a,
        outlet=s.source.outlet,
        url=s.source.url,
        published=s.source.page_date_iso,
        new=new,
        fields={f.key: f.show(s) for f in fields.FIELDS},
        conflicts=[
            f.key for f in fields.FIELDS
            if flags.get((a, f.key)) not in (None, Kind.SPELLING_VARIANT)
        ],
        evidence=[
            Span(start=i.grounding.start, end=i.grounding.end)
            for i in s.items()
            if i.grounding.grounded and i.grounding.start is not None
            and i.grounding.end is not None
        ],
    )  # fmt: skip


def _story(
    report: EventReport, story: StoryReport | None, first_article: dict[str, str]
) -> DigestStory | None:
    """The story of ``report`` as the digest shows it: the events before and after it, named
    by the digest's event ids (their first article)."""
    if story is None:
        return None
    at = next(i for i, e in enumerate(story.events) if e.event == report.id)
    renamed = [e.model_copy(update={"event": first_article[e.event]}) for e in story.events]
    return DigestStory(id=story.id, title=story.title, why=story.why, earlier=renamed[:at],
                       later=renamed[at + 1 :])  # fmt: skip


def _event(
    report: EventReport,
    seen: dict[str, SeenArticle],
    today: list[str],
    before: list[DigestEvent],
    story: DigestStory | None = None,
) -> DigestEvent:
    earlier = [e for e in before if set(e.articles) & set(report.articles)]
    old_signatures = {_signature(d) for e in earlier for d in e.disagreements}
    now = report.disagreements
    signatures = {_signature(d) for d in now}
    fresh = not earlier and len(today) == len(report.articles)
    flags = fields.cell_flags(report.disagreements)
    sources = [_source(seen[a].summary, a in today, flags) for a in report.articles]
    return DigestEvent(
        id=report.articles[0],
        title=report.title,
        date=report.date,
        weekday=report.weekday,
        status=EventStatus.NEW if fresh else EventStatus.NEW_COVERAGE,
        articles=report.articles,
        new_articles=today,
        sources=sources,
        disagreements=now,
        changes=EventChanges(
            appeared=[d for d in now if earlier and _signature(d) not in old_signatures],
            resolved=[
                d for e in earlier for d in e.disagreements if _signature(d) not in signatures
            ],
        ),
        story=story,
    )
