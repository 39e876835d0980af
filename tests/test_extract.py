"""summarizer.extract against the fake server over real HTTP: statuses, re-asks, usage,
grounding and the result store."""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import SEED_000, SEEDS, echo_reply, seed_text
from fake_openai import FakeOpenAI, garbage, http_error, ok, truncated

import summarizer
from summarizer import Alignment, Article, ArticleSummary, Settings, Status
from summarizer.extract import Extractor, is_internal
from summarizer.models import Extraction
from summarizer.store import Store

# Who the seed article says spoke about the call, in its words.
SPEAKERS = ["موسكو", "وزارة الدفاع الروسية", "المتحدث باسم وزارة الدفاع الأميركية"]


def _run(
    settings: Settings, inputs: list[Any] | None = None, **kwargs: Any
) -> list[ArticleSummary]:
    return summarizer.extract(inputs or [SEED_000], settings=settings, **kwargs)


def _one(settings: Settings, **kwargs: Any) -> ArticleSummary:
    (summary,) = _run(settings, **kwargs)
    return summary


def _stored(settings: Settings) -> int:
    """How many results the store holds."""
    conn = sqlite3.connect(settings.db_path)
    try:
        return int(conn.execute("SELECT COUNT(*) FROM results").fetchone()[0])
    finally:
        conn.close()


def test_valid_answer_is_ok_with_groundings(
    fake: FakeOpenAI, settings: Settings, extraction: dict[str, Any]
) -> None:
    fake.enqueue(ok(extraction, prompt_tokens=1500, completion_tokens=200))
    s = _one(settings)
    assert s.status == Status.OK, s.reason
    assert s.reason is None
    text = seed_text()

    # source
    assert s.source.id == SEED_000.stem
    assert s.source.path == str(SEED_000)
    assert s.source.language == "ar"
    assert s.source.chars == len(text)

    # items, each grounded in the original text
    assert s.event is not None
    assert s.event.what == extraction["event"]["what"]
    assert s.event.when == "الثلاثاء"
    assert [p.name for p in s.participants] == ["لويد أوستن", "أندريه بيلوسوف"]
    # + the previous call; "4", "5", "4": the Crimea strike past the subhead "تهديدات روسية"
    assert [q.value for q in s.quantities] == ["16 شهراً", "مارس 2023", "4", "5", "4"]
    # the statements about the call, found in the text by their reporting verbs
    # the story's lead; three more statements follow its subhead "تهديدات روسية"
    assert [c.speaker for c in s.claims][:3] == [
        "موسكو",
        "وزارة الدفاع الروسية",
        "المتحدث باسم وزارة الدفاع الأميركية",
    ]
    assert all(c.grounding.repaired[0].startswith("found in the text") for c in s.claims)
    assert (s.total_items, s.grounded_items) == (14, 14)
    for item in s.items():
        g = item.grounding
        assert g.alignment == Alignment.EXACT and g.grounded and g.score == 1.0
        assert g.start is not None and g.end is not None
        assert g.start == text.index(item.evidence)
    ev = s.event.grounding
    # the event's quote is shown as the whole sentence that holds it
    assert text[ev.start : ev.end] == s.event.evidence
    assert extraction["event"]["evidence"] in s.event.evidence

    # usage and provenance
    assert (s.usage.requests, s.usage.reasks) == (1, 0)
    assert (s.usage.prompt_tokens, s.usage.completion_tokens) == (1500, 200)
    assert s.provenance is not None
    assert s.provenance.cached is False
    assert s.provenance.endpoint == fake.base_url
    assert s.provenance.model == "fake-model"
    assert s.provenance.input_cut is True  # the page continues with another story
    assert 0 < s.provenance.input_chars_sent <= len(text)
    assert s.latency_s >= 0

    # the answer is part of the JSON report
    data = json.loads(s.model_dump_json())
    assert data["grounded_items"] == 14
    assert data["event"]["grounding"]["grounded"] is True


def test_quote_not_in_the_article_is_ok_but_not_grounded(
    fake: FakeOpenAI, settings: Settings, extraction: dict[str, Any]
) -> None:
    extraction["participants"][1]["name"] = "فاليري غيراسيموف"
    extraction["quantities"][0]["evidence"] = "قال رايدر إن الوزير أكد مرور 16 شهراً كاملة"
    fake.enqueue(ok(extraction))
    s = _one(settings)
    assert s.status == Status.OK
    # the misquoted quantity is not grounded; the code adds the "since 16 months" it missed,
    # and the counterpart the event's sentence names after "نظيره" in place of the misnamed one
    assert (s.total_items, s.grounded_items) == (16, 14)
    assert s.participants[1].grounding.alignment == Alignment.EXACT
    assert not s.participants[1].grounding.values_found
    assert s.quantities[0].grounding.alignment == Alignment.NOT_FOUND


def test_invalid_then_valid_is_ok_after_one_reask(
    fake: FakeOpenAI, settings: Settings, extraction: dict[str, Any]
) -> None:
    bad = json.loads(json.dumps(extraction))
    del bad["quantities"]  # a required field is missing
    fake.enqueue(ok(bad), ok(extraction))
    s = _one(settings)
    assert s.status == Status.OK, s.reason
    assert s.usage.reasks == 1
    assert s.usage.requests == 2
    assert s.event is not None

    first, second = fake.extraction_requests
    assert second.messages[: len(first.messages)] == first.messages
    added = second.messages[len(first.messages) :]
    # the model's own answer, then the validation error as feedback
    assert added[0]["role"] == "assistant"
    assert json.loads(added[0]["content"]) == bad
    feedback = added[-1]
    assert feedback["role"] == "user"
    assert "validation error" in feedback["content"]
    assert "quantities" in feedback["content"]
    assert "Field required" in feedback["content"]
    assert second.response_format == first.response_format


def test_too_many_items_is_reasked(
    fake: FakeOpenAI, settings: Settings, extraction: dict[str, Any]
) -> None:
    too_many = json.loads(json.dumps(extraction))
    too_many["participants"] = extraction["participants"] * 3  # 6 > MAX_ITEMS
    fake.enqueue(ok(too_many), ok(extraction))
    s = _one(settings)
    assert s.status == Status.OK
    assert s.usage.reasks == 1
    assert "participants" in fake.extraction_requests[1].messages[-1]["content"]


def test_garbage_twice_is_invalid_with_a_reason(fake: FakeOpenAI, settings: Settings) -> None:
    fake.enqueue(garbage(), garbage("I cannot help with that."))
    s = _one(settings)
    assert s.status == Status.INVALID
    assert s.reason is not None
    assert "schema" in s.reason
    assert "2 attempt" in s.reason
    assert "\n" not in s.reason
    assert s.event is None and s.items() == []
    assert s.usage.requests == 2 and s.usage.reasks == 1
    assert len(fake.extraction_requests) == 2
    assert fake.pending == 0


def test_no_reasks_means_one_attempt(
    fake: FakeOpenAI, make_settings: Callable[..., Settings]
) -> None:
    fake.enqueue(garbage())
    s = _one(make_settings(max_reasks=0))
    assert s.status == Status.INVALID
    assert len(fake.extraction_requests) == 1
    assert s.reason is not None and "1 attempt" in s.reason


def test_truncated_answer_is_reported_and_not_retried(
    fake: FakeOpenAI, settings: Settings, extraction: dict[str, Any]
) -> None:
    fake.enqueue(truncated(completion_tokens=1024), ok(extraction))
    s = _one(settings)
    assert s.status == Status.TRUNCATED
    assert s.reason is not None and "SUMMARIZER_MAX_TOKENS" in s.reason
    assert str(settings.max_tokens) in s.reason
    assert len(fake.extraction_requests) == 1  # exactly one extraction request
    assert fake.pending == 1  # the valid answer was never asked for
    assert s.usage.completion_tokens == 1024
    assert s.event is None


def test_usage_is_summed_across_reasks(
    fake: FakeOpenAI, make_settings: Callable[..., Settings], extraction: dict[str, Any]
) -> None:
    fake.enqueue(
        ok("not json", prompt_tokens=1000, completion_tokens=7),
        ok({"event": None}, prompt_tokens=1100, completion_tokens=11),
        ok(extraction, prompt_tokens=1200, completion_tokens=250),
    )
    s = _one(make_settings(max_reasks=2))
    assert s.status == Status.OK, s.reason
    assert s.usage.reasks == 2
    assert s.usage.requests == 3
    assert s.usage.prompt_tokens == 1000 + 1100 + 1200
    assert s.usage.completion_tokens == 7 + 11 + 250


def test_second_run_is_served_from_the_store(
    fake: FakeOpenAI, settings: Settings, extraction: dict[str, Any]
) -> None:
    fake.enqueue(ok(extraction))
    first = _one(settings)
    assert first.status == Status.OK and first.provenance is not None
    assert not first.provenance.cached
    seen = len(fake.requests)

    second = _one(settings)
    assert second.provenance is not None and second.provenance.cached is True
    assert len(fake.requests) == seen  # no request at all, let alone an extraction
    assert second.status == Status.OK
    assert second.model_dump(exclude={"provenance"}) == first.model_dump(exclude={"provenance"})
    assert second.provenance.model_dump(exclude={"cached"}) == first.provenance.model_dump(
        exclude={"cached"}
    )


def test_a_stored_answer_is_grounded_again_by_the_current_code(
    fake: FakeOpenAI, settings: Settings, extraction: dict[str, Any]
) -> None:
    """The store keeps the model's raw answer; a hit runs the ground stage again, so a store
    written before a check existed gets that check without asking the model again."""
    fake.enqueue(ok(extraction))
    first = _one(settings)
    conn = sqlite3.connect(settings.db_path)
    try:  # make the stored summary look like an older version's: no claims at all
        (raw,) = conn.execute("SELECT summary_json FROM results").fetchone()
        old = json.loads(raw)
        old["claims"] = []
        conn.execute("UPDATE results SET summary_json = ?", (json.dumps(old),))
        conn.commit()
        (stored,) = conn.execute("SELECT extraction_json FROM results").fetchone()
    finally:
        conn.close()
    assert json.loads(stored) == Extraction.model_validate(extraction).model_dump(mode="json")
    second = _one(settings)
    assert second.provenance is not None and second.provenance.cached
    assert len(fake.extraction_requests) == 1
    assert second.claims == first.claims and len(second.claims) == 6


def test_cached_result_reports_this_runs_file(
    fake: FakeOpenAI, settings: Settings, extraction: dict[str, Any], tmp_path: Path
) -> None:
    fake.enqueue(ok(extraction))
    _one(settings)
    copy = tmp_path / "renamed copy.txt"
    copy.write_bytes(SEED_000.read_bytes())
    (s,) = _run(settings, [copy])
    assert s.provenance is not None and s.provenance.cached
    assert (s.source.id, s.source.path) == ("renamed copy", str(copy))
    assert len(fake.extraction_requests) == 1


def test_refresh_recomputes(
    fake: FakeOpenAI, settings: Settings, extraction: dict[str, Any]
) -> None:
    changed = json.loads(json.dumps(extraction))
    changed["event"]["kind"] = "مكالمة"
    fake.enqueue(ok(extraction), ok(changed))
    assert _one(settings).event.kind != "مكالمة"  # type: ignore[union-attr]
    s = _one(settings, refresh=True)
    assert s.provenance is not None and s.provenance.cached is False
    assert len(fake.extraction_requests) == 2
    assert s.event is not None and s.event.kind == "مكالمة"
    # and the refreshed result replaced the stored one
    again = _one(settings)
    assert again.provenance is not None and again.provenance.cached
    assert again.event is not None and again.event.kind == "مكالمة"


def test_failed_results_are_not_stored(
    fake: FakeOpenAI, settings: Settings, extraction: dict[str, Any]
) -> None:
    fake.enqueue(garbage(), garbage(), ok(extraction))
    assert _one(settings).status == Status.INVALID
    s = _one(settings)
    assert s.status == Status.OK
    assert s.provenance is not None and not s.provenance.cached
    assert _stored(settings) == 1


def test_changed_text_is_not_served_from_the_store(
    fake: FakeOpenAI, settings: Settings, extraction: dict[str, Any], tmp_path: Path
) -> None:
    fake.default = echo_reply
    fake.enqueue(ok(extraction))
    _one(settings)
    edited = tmp_path / SEED_000.name
    edited.write_text(seed_text() + "\nتحديث: أضيفت فقرة.\n", encoding="utf-8")
    (s,) = _run(settings, [edited])
    assert s.provenance is not None and not s.provenance.cached
    assert len(fake.extraction_requests) == 2


def test_many_articles_in_order_with_concurrency(
    fake: FakeOpenAI, make_settings: Callable[..., Settings]
) -> None:
    fake.default = echo_reply
    done: list[str] = []
    files = sorted(SEEDS.glob("*.txt"))
    summaries = _run(make_settings(concurrency=3), [SEEDS], on_done=lambda s: done.append(s.id))
    assert [s.id for s in summaries] == [f.stem for f in files]
    assert all(s.status == Status.OK for s in summaries), [s.reason for s in summaries]
    assert sorted(done) == sorted(f.stem for f in files)
    assert len(fake.extraction_requests) == len(files)
    for s in summaries:
        assert s.event is not None and s.event.grounding.alignment == Alignment.EXACT


def test_load_errors_come_back_as_error_summaries(
    fake: FakeOpenAI, settings: Settings, tmp_path: Path
) -> None:
    fake.default = echo_reply
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    article = Article.from_text("The ministers spoke on Tuesday.\n\nMore text.", id="mem")
    summaries = _run(settings, [article, tmp_path / "missing.txt", empty])
    by_id = {s.id: s for s in summaries}
    assert by_id["mem"].status == Status.OK
    assert by_id["missing"].status == Status.ERROR
    assert by_id["missing"].reason == "no such file or folder"
    assert by_id["empty"].status == Status.ERROR
    assert by_id["empty"].reason == "empty file"
    assert by_id["empty"].source.sha256 is None
    assert len(fake.extraction_requests) == 1


def test_long_article_is_cut_and_reported(
    fake: FakeOpenAI, make_settings: Callable[..., Settings]
) -> None:
    fake.default = echo_reply
    s = _one(make_settings(max_input_chars=600))
    assert s.status == Status.OK
    assert s.provenance is not None
    assert s.provenance.input_cut is True
    assert 0 < s.provenance.input_chars_sent <= 600
    sent = fake.extraction_requests[0].messages[-1]["content"]
    assert "ما أودى بحياة 4 أشخاص" not in sent  # the end of the article was not sent


# --- programming errors are not disguised as article failures --------------------------------


def test_a_bug_in_the_request_path_is_an_internal_error_with_its_traceback(
    fake: FakeOpenAI,
    settings: Settings,
    extraction: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A bug raised inside instructor's call (which wraps every exception) is reported as
    this code's, not as the endpoint's or the answer's."""

    real = Store.log_request

    def broken(self: Store, **kwargs: Any) -> int:
        if kwargs["article"] is None:
            return real(self, **kwargs)  # the dialect probe
        raise KeyError("request_json")

    fake.enqueue(ok(extraction))
    monkeypatch.setattr(Store, "log_request", broken)
    with caplog.at_level(logging.DEBUG, logger="summarizer"):
        s = _one(settings)
    assert s.status == Status.ERROR
    assert s.reason == "internal error: KeyError: 'request_json'"
    assert is_internal(s)
    assert fake.base_url not in s.reason
    # the traceback, on the summarizer logger at debug level (``--debug``)
    (record,) = [r for r in caplog.records if r.name == "summarizer" and r.exc_info]
    assert record.levelno == logging.DEBUG and "internal error" in record.getMessage()
    assert "Traceback" in caplog.text and "in broken" in caplog.text
    assert _stored(settings) == 0  # nothing stored


def test_a_bug_on_one_article_leaves_the_others_ok(
    fake: FakeOpenAI, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake.default = echo_reply
    real = Extractor.messages

    def messages(self: Extractor, article: Article) -> Any:
        if article.id == SEED_000.stem:
            raise TypeError("'NoneType' object is not subscriptable")
        return real(self, article)

    monkeypatch.setattr(Extractor, "messages", messages)
    other = Article.from_text("The ministers spoke on Tuesday.\n\nMore text.", id="other")
    by_id = {s.id: s for s in _run(settings, [SEED_000, other])}
    bug = by_id[SEED_000.stem]
    assert (bug.status, bug.reason) == (
        Status.ERROR, "internal error: TypeError: 'NoneType' object is not subscriptable"
    )  # fmt: skip
    assert by_id["other"].status == Status.OK
    assert len(fake.extraction_requests) == 1


def test_endpoint_and_answer_faults_are_not_internal_errors(
    fake: FakeOpenAI, settings: Settings
) -> None:
    fake.enqueue(*[http_error(500)] * 2)
    s = _one(settings)
    assert s.status == Status.ERROR and not is_internal(s)
    assert s.reason is not None and fake.base_url in s.reason and "500" in s.reason
    fake.enqueue(garbage(), garbage())
    s = _one(settings)
    assert s.status == Status.INVALID and not is_internal(s)
