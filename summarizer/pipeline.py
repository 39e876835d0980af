"""The pipeline: load → extract → ground per article, then group → diff over all of them.

``Pipeline`` holds what the stages share: the settings, the model client and the store::

    with Pipeline(base_url="http://127.0.0.1:8000/v1", model="qwen2.5-7b", store=None) as p:
        comparison = p.run(["seeds/"])

It takes an ``openai.AsyncOpenAI`` of the caller's (``client=``) or a ``base_url`` (with
``model`` and ``api_key``), else the settings' endpoint, else the embedded model; and a
``Store``, a path to a SQLite file or ``None`` (in memory: nothing is kept), else the
settings' data directory. Each stage logs its timing to the ``summarizer`` logger at debug
level (``summarizer --debug``).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import replace
from enum import Enum
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, TypeVar

from .config import ConfigError, Settings
from .diff import meaning_of, report_events
from .embed import default_embedder
from .entities import EntityIndex
from .extract import Extracted, Extractor, internal_error, source
from .ground import ground_summary
from .group import build_views, cluster
from .ingest import Fetcher, fetch, load_inputs
from .llm import LLM
from .load import Article, LoadError
from .models import ArticleSummary, Comparison, Extraction, Source, Status
from .store import MEMORY, Store
from .story import STORY_CHARS

if TYPE_CHECKING:
    import openai

log = logging.getLogger("summarizer")
OnDone = Callable[[ArticleSummary], None]
Input = str | Path | Article
R = TypeVar("R")


class _Default(Enum):
    DATA_DIR = "the settings' data directory"


def failed_load(error: LoadError) -> ArticleSummary:
    """The summary of an input that could not be loaded: status error and the reason."""
    return ArticleSummary(
        source=Source(id=Path(error.path).stem, path=error.path, sha256=None, language=None),
        status=Status.ERROR,
        reason=error.reason,
    )


class Pipeline:
    """The stages over one model, one store and one set of settings.

    ``settings``: default ``Settings.load()`` (the environment and ``./.env``); ``client``,
    ``base_url``, ``model`` and ``api_key`` override it. A ``client`` is the caller's to
    close; a store given as a ``Store`` is too. Use it as a context manager (``with`` or
    ``async with``) or call ``close()`` / ``aclose()``."""

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        client: openai.AsyncOpenAI | None = None,
        base_url: str | None = None,
        model: str | None = None,
        api_key: str | None = None,
        store: Store | str | Path | _Default | None = _Default.DATA_DIR,
        fetcher: Fetcher = fetch,
    ) -> None:
        if client is not None and base_url is not None:
            raise ConfigError("give either client= or base_url=, not both")
        endpoint = str(client.base_url) if client is not None else base_url
        given = {"base_url": endpoint, "model": model, "api_key": api_key}
        if settings is None:
            settings = Settings.load(**given)
        elif given := {k: v for k, v in given.items() if v is not None}:
            settings = replace(settings, **given)  # type: ignore[arg-type]
        settings.check()
        self.settings = settings
        if store is _Default.DATA_DIR:
            store = settings.db_path
        self._owns_store = not isinstance(store, Store)
        self.store = store if isinstance(store, Store) else Store(store or MEMORY)
        self.llm = LLM(settings, self.store, client)
        self.extractor = Extractor(settings, self.store, self.llm)
        self.fetcher = fetcher
        # Full texts of the articles extracted, by id: grouping reads more than the lead.
        self.texts: dict[str, str] = {}

    # -- stages ---------------------------------------------------------------------------

    def load(self, inputs: Iterable[Input]) -> tuple[list[Article], list[LoadError]]:
        """Articles from paths, folders, URLs and ``Article`` objects; the inputs that failed."""
        t0 = time.perf_counter()
        articles, errors = load_inputs(inputs, self.fetcher)
        log.debug(
            "load: %.3f s, %d article(s), %d failed",
            time.perf_counter() - t0, len(articles), len(errors),
        )  # fmt: skip
        return articles, errors

    def ground(self, extracted: Extracted) -> ArticleSummary:
        """The ground stage on one article's answer (a stored answer is grounded again)."""
        if extracted.extraction is None:
            return extracted.summary
        return self.ground_answer(extracted.summary, extracted.article.text, extracted.extraction)

    def ground_answer(
        self, summary: ArticleSummary, text: str, extraction: Extraction
    ) -> ArticleSummary:
        """The ground stage on the model's answer for ``text`` and the extract stage's
        ``summary`` of it (the digest grounds the answers it has seen again with this)."""
        t0 = time.perf_counter()
        try:
            grounded = ground_summary(
                summary,
                text,
                summary.source.language,
                extraction,
                lead_chars=max(STORY_CHARS, self.settings.max_input_chars),
            )
        except Exception as exc:  # a bug of the ground stage: this article only, named as such
            log.debug("ground %s: %s", summary.source.id, internal_error(exc), exc_info=exc)
            return summary.model_copy(
                update={"status": Status.ERROR, "reason": internal_error(exc)}
            )
        log.debug(
            "ground %s: %.3f s, %d items", summary.source.id, time.perf_counter() - t0,
            grounded.total_items,
        )  # fmt: skip
        return grounded

    async def aextract(
        self, inputs: Iterable[Input], *, refresh: bool = False, on_done: OnDone | None = None
    ) -> list[ArticleSummary]:
        """One summary per input, failed loads first (status error), then the articles in
        order. ``refresh`` ignores stored answers; ``on_done`` is called with each summary
        as it is ready."""
        articles, errors = self.load(inputs)
        return await self.aextract_loaded(articles, errors, refresh=refresh, on_done=on_done)

    async def aextract_loaded(
        self,
        articles: list[Article],
        errors: list[LoadError],
        *,
        refresh: bool = False,
        on_done: OnDone | None = None,
    ) -> list[ArticleSummary]:
        """``aextract`` on what ``load`` returned: for a caller that needs the articles too
        (their texts, their number) without reading the inputs twice."""
        failures = [failed_load(e) for e in errors]
        self.texts.update((a.id, a.text) for a in articles)
        for f in failures:
            if on_done is not None:
                on_done(f)
        return failures + await self._extract(articles, refresh, on_done)

    async def _extract(
        self, articles: list[Article], refresh: bool, on_done: OnDone | None
    ) -> list[ArticleSummary]:
        first: dict[str, Article] = {}
        for a in articles:  # the same text twice (two files, a feed and a page): once
            first.setdefault(a.sha256, a)
        unique = list(first.values())
        if unique and not self.llm.model:
            await self.llm.start()  # the model name is part of the cache key
        hits = [None if refresh else self._cached(a) for a in unique]
        if None in hits:
            await self.llm.start()  # configuration problems surface once, before any work
        gate = asyncio.Semaphore(self.settings.concurrency)

        async def one(article: Article, hit: Extracted | None) -> ArticleSummary:
            if hit is None:
                async with gate:
                    t0 = time.perf_counter()
                    hit = await self.extractor.extract(article, refresh=True)
                    s = hit.summary
                    log.debug(
                        "extract %s: %.3f s, %s, %d request(s)", article.id,
                        time.perf_counter() - t0, s.status.value, s.usage.requests,
                    )  # fmt: skip
            summary = self.ground(hit)
            if article.notes:  # what loading changed (an unsafe id)
                summary = summary.model_copy(update={"notes": [*article.notes, *summary.notes]})
            if on_done is not None:
                on_done(summary)
            return summary

        done = await asyncio.gather(*(one(a, h) for a, h in zip(unique, hits, strict=True)))
        by_text = {a.sha256: s for a, s in zip(unique, done, strict=True)}
        out = []
        for a in articles:
            s = by_text[a.sha256]
            if a is not first[a.sha256]:
                twin = first[a.sha256]
                own = [n for n in s.notes if n not in twin.notes]
                s = s.model_copy(update={
                    "source": source(a),
                    "notes": [*a.notes, *own,
                              f"same text as {twin.id} ({twin.path}): processed once"],
                })  # fmt: skip
                if on_done is not None:
                    on_done(s)
            out.append(s)
        return out

    def _cached(self, article: Article) -> Extracted | None:
        t0 = time.perf_counter()
        hit = self.extractor.cached(article)
        if hit is not None:
            log.debug("extract %s: %.3f s, cached", article.id, time.perf_counter() - t0)
        return hit

    def compare(self, summaries: Iterable[ArticleSummary]) -> Comparison:
        """Group the summaries into events, then flag where each event's sources disagree.
        Grouping reads the full texts of the articles this pipeline extracted (else the
        leads the summaries keep); embeddings are cached in the store."""
        summaries = list(summaries)
        t0 = time.perf_counter()
        views = build_views(summaries, EntityIndex(), self.texts)
        groups = cluster(views, store=self.store)
        t1 = time.perf_counter()
        log.debug("group: %.3f s, %d event(s)", t1 - t0, len(groups))
        meaning = meaning_of(default_embedder(), self.store)
        events, found = report_events(groups, meaning)
        comparison = Comparison(events=events, stories=found, articles=summaries)
        log.debug(
            "diff: %.3f s, %d disagreement(s)", time.perf_counter() - t1,
            sum(len(e.disagreements) for e in comparison.events),
        )  # fmt: skip
        return comparison

    async def arun(
        self, inputs: Iterable[Input], *, refresh: bool = False, on_done: OnDone | None = None
    ) -> Comparison:
        """``aextract`` then ``compare``: the events and the summaries (``.articles``)."""
        return self.compare(await self.aextract(inputs, refresh=refresh, on_done=on_done))

    # -- synchronous use ------------------------------------------------------------------

    def _sync(self, work: Awaitable[R]) -> R:
        async def run() -> R:
            try:
                return await work
            finally:
                await self.llm.disconnect()  # the HTTP client belongs to this event loop

        return asyncio.run(run())

    def extract(
        self, inputs: Iterable[Input], *, refresh: bool = False, on_done: OnDone | None = None
    ) -> list[ArticleSummary]:
        """Synchronous ``aextract`` (not inside a running event loop)."""
        return self._sync(self.aextract(inputs, refresh=refresh, on_done=on_done))

    def run(
        self, inputs: Iterable[Input], *, refresh: bool = False, on_done: OnDone | None = None
    ) -> Comparison:
        """Synchronous ``arun`` (not inside a running event loop)."""
        return self._sync(self.arun(inputs, refresh=refresh, on_done=on_done))

    # -- lifecycle ------------------------------------------------------------------------

    async def aclose(self) -> None:
        """Close the HTTP client and the embedded server this pipeline started, and its store."""
        try:
            await self.llm.close()
        finally:
            if self._owns_store:
                self.store.close()

    def close(self) -> None:
        self._sync(self.aclose())

    def __enter__(self) -> Pipeline:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    async def __aenter__(self) -> Pipeline:
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()


async def aextract(
    inputs: Iterable[Input],
    *,
    settings: Settings | None = None,
    refresh: bool = False,
    on_done: OnDone | None = None,
) -> list[ArticleSummary]:
    """Extract every input with a ``Pipeline(settings)``; failed loads come back as
    summaries with status error."""
    async with Pipeline(settings) as pipeline:
        return await pipeline.aextract(inputs, refresh=refresh, on_done=on_done)


def extract(
    inputs: Iterable[Input],
    *,
    settings: Settings | None = None,
    refresh: bool = False,
    on_done: OnDone | None = None,
) -> list[ArticleSummary]:
    """Synchronous ``aextract``: ``extract(["seeds/"])`` returns one summary per article."""
    with Pipeline(settings) as pipeline:
        return pipeline.extract(inputs, refresh=refresh, on_done=on_done)
