"""Extract stage: one article in, one ``ArticleSummary`` out, always with a status.

The model fills ``Extraction``; code then grounds every item in the original text. Results
with status ok are stored by cache key and served from the store on the next run.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .config import Settings
from .ground import STORY_CHARS, ArticleIndex, drop_copied, ground_extraction
from .ingest import Fetcher, fetch, load_path, load_url
from .llm import LLM, CallLog, describe_error
from .load import TEXT_SUFFIXES, Article, LoadError, discover, load_file, prompt_text
from .models import (
    MAX_ITEMS,
    ArticleSummary,
    Extraction,
    Provenance,
    Source,
    Status,
    Usage,
    schema_hash,
)
from .prompts import EXAMPLES_VERSION, load_example, load_template
from .store import Store, result_key

ProgressCallback = Callable[[ArticleSummary], None]
LEAD_CHARS = 600


def _source(article: Article) -> Source:
    return Source(
        id=article.id,
        path=article.path,
        sha256=article.sha256,
        language=article.language,
        outlet=article.outlet,
        url=article.url,
        page_date=article.page_date,
        page_date_iso=article.page_date_iso,
        chars=len(article.text),
        lead=prompt_text(article.text, LEAD_CHARS)[0],
    )


@lru_cache(maxsize=8)
def _example_index(language: str) -> ArticleIndex:
    """The worked example of the prompt, prepared once per language (for ``drop_copied``)."""
    return ArticleIndex(load_example(language)[0])


def failed_load(error: LoadError) -> ArticleSummary:
    return ArticleSummary(
        source=Source(id=Path(error.path).stem, path=error.path, sha256=None, language=None),
        status=Status.ERROR,
        reason=error.reason,
    )


def _validation_reason(exc: BaseException, attempts: int) -> str:
    if isinstance(exc, ValidationError):
        errors = exc.errors()
        first = errors[0]
        where = ".".join(str(p) for p in first["loc"]) or "(root)"
        return (
            f"answer did not fit the schema after {attempts} attempt(s): "
            f"{len(errors)} error(s), first at {where}: {first['msg']}"
        )
    return f"answer did not fit the schema after {attempts} attempt(s): {describe_error(exc)}"


class Extractor:
    """Runs the extract and ground stages over articles with one model and one store."""

    def __init__(self, settings: Settings, store: Store, llm: LLM) -> None:
        self.settings = settings
        self.store = store
        self.llm = llm
        self.system = load_template("extract_system.j2")
        self.user = load_template("extract_user.j2")
        versions = dict.fromkeys([self.system.version, self.user.version, EXAMPLES_VERSION])
        self.prompt_version = "+".join(versions)
        self.schema_hash = schema_hash(Extraction)

    def messages(self, article: Article) -> tuple[list[dict[str, str]], int, bool]:
        """System rules, one worked example in the article's language (plainly not the
        article), then the article. Everything before the article is the same for every
        article in a language, so the server's prompt cache reuses it."""
        shown, cut = prompt_text(article.text, self.settings.max_input_chars)
        example_text, example_answer = load_example(article.language)
        messages = [
            {"role": "system", "content": self.system.render(max_items=MAX_ITEMS)},
            {"role": "user", "content": self.user.render(article=example_text)},
            {"role": "assistant", "content": example_answer},
            {"role": "user", "content": self.user.render(article=shown)},
        ]
        return messages, len(shown), cut

    def _key(self, article: Article) -> str:
        return result_key(
            article.sha256, self.llm.model, self.llm.endpoint, self.prompt_version, self.schema_hash
        )

    def cached(self, article: Article) -> ArticleSummary | None:
        row = self.store.get_result(self._key(article))
        if row is None:
            return None
        try:
            summary = ArticleSummary.model_validate_json(row[0])
            extraction = Extraction.model_validate_json(row[1]) if row[1] else None
        except ValidationError:
            return None  # written by an older version: recompute
        # The stored summary is about the same text; report this run's file, mark the hit and
        # ground the model's answer again with this version's checks.
        assert summary.provenance is not None
        update: dict[str, Any] = {
            "source": _source(article),
            "provenance": summary.provenance.model_copy(update={"cached": True}),
        }
        if extraction is not None:
            update |= self._ground(article, extraction)
        return summary.model_copy(update=update)

    def _ground(self, article: Article, extraction: Extraction) -> dict[str, Any]:
        """The ground stage on the model's answer: the summary's items and notes."""
        event, participants, quantities, claims = ground_extraction(
            article.text, extraction, lead_chars=max(STORY_CHARS, self.settings.max_input_chars)
        )
        example = _example_index(article.language)
        notes: list[str] = []
        return {
            "event": event,
            "participants": drop_copied(participants, example, notes),
            "quantities": drop_copied(quantities, example, notes),
            "claims": drop_copied(claims, example, notes),
            "notes": notes,
        }

    async def extract(self, article: Article, *, refresh: bool = False) -> ArticleSummary:
        if not self.llm.model:
            await self.llm.start()
        if not refresh and (hit := self.cached(article)) is not None:
            return hit
        messages, sent, cut = self.messages(article)
        log = CallLog()
        t0 = time.perf_counter()
        status, reason = Status.OK, None
        extraction: Extraction | None = None
        try:
            extraction = await self.llm.structured(
                Extraction,
                messages,
                log=log,
                article=article.id,
                content_sha256=article.sha256,
            )
        except Exception as exc:
            status, reason = self._classify(exc, log)
        latency = time.perf_counter() - t0
        summary = ArticleSummary(
            source=_source(article),
            status=status,
            reason=reason,
            usage=Usage(
                requests=log.requests,
                prompt_tokens=log.prompt_tokens,
                completion_tokens=log.completion_tokens,
                reasks=log.reasks,
            ),
            latency_s=round(latency, 3),
            provenance=Provenance(
                model=self.llm.model,
                endpoint=self.llm.endpoint,
                dialect=self.llm.dialect,
                prompt_version=self.prompt_version,
                schema_hash=self.schema_hash,
                input_chars_sent=sent,
                input_cut=cut,
            ),
        )
        if extraction is not None:
            summary = summary.model_copy(update=self._ground(article, extraction))
            self.store.put_result(
                self._key(article),
                content_sha256=article.sha256,
                article=article.id,
                model=self.llm.model,
                endpoint=self.llm.endpoint,
                prompt_version=self.prompt_version,
                schema_hash=self.schema_hash,
                summary_json=summary.model_dump_json(round_trip=True),
                extraction_json=extraction.model_dump_json(),
            )
        return summary

    def _classify(self, exc: Exception, log: CallLog) -> tuple[Status, str]:
        import openai
        from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException

        if isinstance(exc, IncompleteOutputException):
            return Status.TRUNCATED, (
                f"output cut at the {self.settings.max_tokens}-token limit "
                f"(SUMMARIZER_MAX_TOKENS) after {log.completion_tokens} generated tokens"
            )
        cause: BaseException = exc
        if isinstance(exc, InstructorRetryException) and exc.__cause__ is not None:
            cause = exc.__cause__
        if isinstance(cause, openai.APIError):
            where = self.llm.base_url or self.llm.endpoint
            return Status.ERROR, f"{where}: {describe_error(cause)}"
        if isinstance(exc, InstructorRetryException) and (
            isinstance(cause, ValidationError | ValueError) and log.responses
        ):
            return Status.INVALID, _validation_reason(cause, log.responses)
        return Status.ERROR, describe_error(exc)

    async def extract_many(
        self,
        articles: Iterable[Article],
        *,
        refresh: bool = False,
        on_done: ProgressCallback | None = None,
    ) -> list[ArticleSummary]:
        articles = list(articles)
        first: dict[str, Article] = {}
        for a in articles:  # the same text twice (two files, a feed and a page): once
            first.setdefault(a.sha256, a)
        unique = list(first.values())
        if not self.llm.model:
            await self.llm.start()  # the model name is part of the cache key
        hits = [None if refresh else self.cached(a) for a in unique]
        if None in hits:
            await self.llm.start()  # configuration problems surface once, before any work
        gate = asyncio.Semaphore(self.settings.concurrency)

        async def one(article: Article, hit: ArticleSummary | None) -> ArticleSummary:
            summary = hit
            if summary is None:
                async with gate:
                    summary = await self.extract(article, refresh=True)
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
                s = s.model_copy(update={
                    "source": _source(a),
                    "notes": [*s.notes, f"same text as {twin.id} ({twin.path}): processed once"],
                })  # fmt: skip
                if on_done is not None:
                    on_done(s)
            out.append(s)
        return out


def load_inputs(
    inputs: Iterable[str | Path | Article], fetcher: Fetcher = fetch
) -> tuple[list[Article], list[LoadError]]:
    """Articles from paths (files or folders), http(s) URLs and ready ``Article`` objects.
    Two inputs with the same id keep both: the later one's id gets a ``-2`` (``-3`` …)."""
    articles: list[Article] = []
    paths: list[str | Path] = []
    errors: list[LoadError] = []
    for item in inputs:
        if isinstance(item, Article):
            articles.append(item)
        elif isinstance(item, str) and re.match(r"https?://", item):
            found, failed = load_url(item, fetcher)
            articles += found
            errors += failed
        else:
            paths.append(item)
    files, missing = discover(paths)
    errors += missing
    for path in files:
        try:
            if path.suffix.lower() in TEXT_SUFFIXES:
                articles.append(load_file(path))
            else:
                found, failed = load_path(path, fetcher)
                articles += found
                errors += failed
        except LoadError as exc:
            errors.append(exc)
    return _unique_ids(articles), errors


def _unique_ids(articles: list[Article]) -> list[Article]:
    seen: dict[str, int] = {}
    out = []
    for a in articles:
        n = seen[a.id] = seen.get(a.id, 0) + 1
        out.append(a if n == 1 else replace(a, id=f"{a.id}-{n}"))
    return out


async def aextract(
    inputs: Iterable[str | Path | Article],
    *,
    settings: Settings | None = None,
    refresh: bool = False,
    on_done: ProgressCallback | None = None,
) -> list[ArticleSummary]:
    """Extract every input; failed loads come back as summaries with status error."""
    settings = settings or Settings.load()
    articles, errors = load_inputs(inputs)
    failures = [failed_load(e) for e in errors]
    for f in failures:
        if on_done is not None:
            on_done(f)
    store = Store(settings.db_path)
    llm = LLM(settings, store)
    try:
        summaries = await Extractor(settings, store, llm).extract_many(
            articles, refresh=refresh, on_done=on_done
        )
    finally:
        await llm.close()
        store.close()
    return failures + summaries


def extract(
    inputs: Iterable[str | Path | Article],
    *,
    settings: Settings | None = None,
    refresh: bool = False,
    on_done: ProgressCallback | None = None,
) -> list[ArticleSummary]:
    """Synchronous ``aextract``: ``extract(["seeds/"])`` returns one summary per article."""
    return asyncio.run(aextract(inputs, settings=settings, refresh=refresh, on_done=on_done))
