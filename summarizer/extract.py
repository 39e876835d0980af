"""Extract stage: one article in, the model's answer out, always with a status.

The model fills ``Extraction``. This stage returns it with a summary that carries the source,
status, usage and provenance but no items yet: the ground stage (``ground.ground_summary``)
checks the answer against the original text and fills them. Answers with status ok are
stored by cache key (the summary and the model's raw answer) and served from the store on the
next run; the pipeline grounds a stored answer again with the current code.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from pydantic import ValidationError

from .config import Settings
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
from .store import Store, result_key
from .story import prompt_text

LEAD_CHARS = 600


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
        outlet=article.outlet,
        url=article.url,
        page_date=article.page_date,
        page_date_iso=article.page_date_iso,
        chars=len(article.text),
        lead=prompt_text(article.text, LEAD_CHARS)[0],
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

    def _key(self, article: Article) -> str:
        return result_key(
            article.sha256, self.llm.model, self.llm.endpoint, self.prompt_version, self.schema_hash
        )

    def cached(self, article: Article) -> Extracted | None:
        """The stored answer for this text, model, endpoint, prompt and schema, if any."""
        row = self.store.get_result(self._key(article))
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
            source=source(article),
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
        return Extracted(article, summary, extraction)

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
