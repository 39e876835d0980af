"""Extract stage: one article in, the model's answer out, always with a status.

The model fills ``Extraction``. This stage returns it with a summary that carries the source,
status, usage and provenance but no items yet: the ground stage (``ground.ground_summary``)
checks the answer against the original text and fills them. Answers with status ok are
stored by cache key (the summary and the model's raw answer) and served from the store on the
next run; the pipeline grounds a stored answer again with the current code.

The cache key (``Extractor.key_document``) is a hash of everything that decides the answer:
the request that is sent (the messages with the article as cut to the input limit, the
response schema in the endpoint's dialect, temperature and token limit), the number of
re-asks, the model, the endpoint, the prompt version and the article's text.

An answer with items that break the schema keeps the rest (``Extraction.repairs``, on the
summary's notes). Failures that are the article's or the endpoint's become a status and a
reason; anything else is a bug in this code: status error with a reason beginning
``internal error:``, and its traceback on the ``summarizer`` logger at debug level.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from .config import Settings
from .errors import SummarizerError
from .llm import LLM, CallLog, describe_error
from .load import Article
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
from .store import Store
from .story import lead_text, prompt_text

INTERNAL_ERROR = "internal error"
log = logging.getLogger("summarizer")


def internal_error(exc: BaseException) -> str:
    """The reason of an article that hit a bug of this code (not the article's fault, nor the
    endpoint's): ``internal error: <type>: <message>``, on one line."""
    message = " ".join(str(exc).split())[:300]
    return f"{INTERNAL_ERROR}: {type(exc).__name__}" + (f": {message}" if message else "")


def is_internal(summary: ArticleSummary) -> bool:
    """Did ``summary``'s article fail on a bug of this code (``internal_error``)?"""
    return summary.status == Status.ERROR and (summary.reason or "").startswith(INTERNAL_ERROR)


@dataclass(frozen=True)
class Extracted:
    """The extract stage's answer for one article."""

    article: Article
    summary: ArticleSummary  # source, status, reason, usage, provenance: no grounded items yet
    extraction: Extraction | None  # the model's answer; None when there is none to ground


def source(article: Article) -> Source:
    """The ``Source`` of a summary: where the article comes from, and its lead."""
    return Source(
        id=article.id,
        path=article.path,
        sha256=article.sha256,
        language=article.language,
        encoding=article.encoding,
        outlet=article.outlet,
        url=article.url,
        page_date=article.page_date,
        page_date_iso=article.page_date_iso,
        page_date_from=article.page_date_from,
        chars=len(article.text),
        lead=lead_text(article.text),
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
    """Runs the extract stage over articles with one model and one store."""

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

    def key_document(
        self, article: Article, messages: list[dict[str, str]] | None = None
    ) -> dict[str, Any] | None:
        """What the result of ``article`` is stored under: the request that is sent for it
        (``LLM.request_body``) and what else decides the answer. Never the API key. None while
        the endpoint's dialect is unknown: nothing can have been stored under it yet."""
        dialect = self.llm.known_dialect()
        if dialect is None:
            return None
        if messages is None:
            messages = self.messages(article)[0]
        return {
            "content_sha256": article.sha256,
            "request": self.llm.request_body(Extraction, messages, dialect),
            "dialect": dialect,
            "max_reasks": self.settings.max_reasks,
            "model": self.llm.model,
            "endpoint": self.llm.endpoint,
            "prompt_version": self.prompt_version,
            "schema_hash": self.schema_hash,
        }

    def cache_key(
        self, article: Article, messages: list[dict[str, str]] | None = None
    ) -> str | None:
        """sha256 of ``key_document`` as canonical JSON (sorted keys, no spaces)."""
        document = self.key_document(article, messages)
        if document is None:
            return None
        text = json.dumps(
            document, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str
        )
        return hashlib.sha256(text.encode()).hexdigest()

    def cached(self, article: Article) -> Extracted | None:
        """The stored answer to the request this article would send now, if any."""
        key = self.cache_key(article)
        row = self.store.get_result(key) if key is not None else None
        if row is None:
            return None
        try:
            summary = ArticleSummary.model_validate_json(row[0])
            extraction = Extraction.model_validate_json(row[1]) if row[1] else None
        except ValidationError:
            return None  # written by an older version: recompute
        # The stored summary is about the same text; report this run's file and mark the hit.
        assert summary.provenance is not None
        summary = summary.model_copy(update={
            "source": source(article),
            "provenance": summary.provenance.model_copy(update={"cached": True}),
        })  # fmt: skip
        return Extracted(article, summary, extraction)

    async def extract(self, article: Article, *, refresh: bool = False) -> Extracted:
        """The stored answer (unless ``refresh``), else the model's, stored when ok."""
        if not self.llm.model:
            await self.llm.start()
        if not refresh and (hit := self.cached(article)) is not None:
            return hit
        calls = CallLog()
        t0 = time.perf_counter()
        status, reason = Status.OK, None
        extraction: Extraction | None = None
        messages: list[dict[str, str]] = []
        sent, cut = 0, False
        try:
            messages, sent, cut = self.messages(article)
            extraction = await self.llm.structured(
                Extraction,
                messages,
                log=calls,
                article=article.id,
                content_sha256=article.sha256,
            )
        except Exception as exc:
            status, reason = self._classify(exc, calls)
            if reason.startswith(INTERNAL_ERROR):
                log.debug("%s: %s", article.id, reason, exc_info=exc)
        latency = time.perf_counter() - t0
        summary = ArticleSummary(
            source=source(article),
            status=status,
            reason=reason,
            notes=extraction.repairs if extraction is not None else [],
            usage=Usage(
                requests=calls.requests,
                prompt_tokens=calls.prompt_tokens,
                completion_tokens=calls.completion_tokens,
                reasks=calls.reasks,
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
        key = self.cache_key(article, messages) if extraction is not None else None
        if extraction is not None and key is not None:
            self.store.put_result(
                key,
                content_sha256=article.sha256,
                article=article.id,
                model=self.llm.model,
                endpoint=self.llm.endpoint,
                prompt_version=self.prompt_version,
                schema_hash=self.schema_hash,
                summary_json=summary.model_dump_json(round_trip=True),
                extraction_json=extraction.model_dump_json(),
            )
        return Extracted(article, summary, extraction)

    def _classify(self, exc: Exception, calls: CallLog) -> tuple[Status, str]:
        """The status and reason of a failed extraction: the answer's fault (invalid,
        truncated), the endpoint's (error, naming it), or a bug here (``internal_error``)."""
        import openai
        from instructor.core.exceptions import (
            IncompleteOutputException,
            InstructorRetryException,
            ResponseParsingError,
        )
        from instructor.core.exceptions import ValidationError as InstructorValidationError

        if isinstance(exc, IncompleteOutputException):
            return Status.TRUNCATED, (
                f"output cut at the {self.settings.max_tokens}-token limit "
                f"(SUMMARIZER_MAX_TOKENS) after {calls.completion_tokens} generated tokens"
            )
        cause: BaseException = exc
        if isinstance(exc, InstructorRetryException) and exc.__cause__ is not None:
            cause = exc.__cause__  # instructor wraps whatever ended its last attempt
        if isinstance(cause, openai.APIError):
            where = self.llm.base_url or self.llm.endpoint
            return Status.ERROR, f"{where}: {describe_error(cause)}"
        if isinstance(cause, TimeoutError | SummarizerError):
            return Status.ERROR, describe_error(cause)
        answer_faults = (
            ValidationError, json.JSONDecodeError, ResponseParsingError, InstructorValidationError
        )  # fmt: skip
        if isinstance(cause, answer_faults):
            if calls.responses:
                return Status.INVALID, _validation_reason(cause, calls.responses)
            return Status.ERROR, describe_error(exc)
        return Status.ERROR, internal_error(cause)
