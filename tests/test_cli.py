"""summarizer.cli: in-process with capsys, and as a subprocess (``python -m summarizer``)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import API_KEY, MODEL, ROOT, SEED_000, SEEDS, echo_reply
from fake_openai import FakeOpenAI, closed_base_url, garbage, ok

import summarizer.pipeline
from summarizer.cli import main

SCHEMA = ROOT / "schemas" / "articles.schema.json"
SEED_001 = SEEDS / "001_7ca4d4fa3bf133e1.txt"


@pytest.fixture
def endpoint(fake: FakeOpenAI, monkeypatch: pytest.MonkeyPatch) -> FakeOpenAI:
    """The fake server configured through the environment, as a user would."""
    monkeypatch.setenv("SUMMARIZER_BASE_URL", fake.base_url)
    monkeypatch.setenv("SUMMARIZER_MODEL", MODEL)
    monkeypatch.setenv("SUMMARIZER_API_KEY", API_KEY)
    monkeypatch.setenv("SUMMARIZER_MAX_RETRIES", "1")
    return fake


def _validate(document: Any) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(document, schema, cls=jsonschema.Draft202012Validator)


def _subprocess(
    args: list[str], env: dict[str, str], cwd: Path
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "summarizer", *args],
        env=env, cwd=cwd, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip


# --- in-process -------------------------------------------------------------------------------


def test_extract_json_validates_against_the_schema(
    endpoint: FakeOpenAI, extraction: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    endpoint.enqueue(ok(extraction))
    code = main(["extract", str(SEED_000), "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert err == ""
    document = json.loads(out)
    _validate(document)
    (summary,) = document
    assert summary["status"] == "ok"
    assert summary["source"]["id"] == SEED_000.stem
    assert len(summary["claims"]) == 6  # statements the code finds in the text, past a subhead
    assert [q["value"] for q in summary["quantities"]] == ["16 شهراً", "مارس 2023", "4", "5", "4"]
    assert summary["grounded_items"] == summary["total_items"] == 14
    assert summary["event"]["grounding"]["alignment"] == "exact"
    assert API_KEY not in out


def test_error_summaries_validate_against_the_schema_too(
    endpoint: FakeOpenAI, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    endpoint.enqueue(garbage(), garbage())
    code = main(["extract", str(SEED_000), str(tmp_path / "gone.txt"), "--json"])
    out, _ = capsys.readouterr()
    assert code == 1
    document = json.loads(out)
    _validate(document)
    assert [s["status"] for s in document] == ["error", "invalid"]


def test_table_output(
    endpoint: FakeOpenAI, extraction: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    endpoint.enqueue(ok(extraction))
    assert main(["run", str(SEED_000)]) == 0
    out, _ = capsys.readouterr()
    assert "Run summary" in out
    assert "1 article(s): 1 ok, 0 failed" in out
    assert "14/14 evidence quotes grounded" in out


def test_missing_file_among_good_ones(
    endpoint: FakeOpenAI, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    endpoint.default = echo_reply
    missing = tmp_path / "missing.txt"
    code = main(["extract", str(SEED_000), str(missing), str(SEED_001), "--json"])
    out, err = capsys.readouterr()
    assert code == 1
    assert err.splitlines() == [f"summarizer: {missing}: no such file or folder"]
    document = json.loads(out)
    statuses = {s["source"]["id"]: s["status"] for s in document}
    assert statuses == {"missing": "error", SEED_000.stem: "ok", SEED_001.stem: "ok"}
    assert len(endpoint.extraction_requests) == 2


def test_closed_port_is_exit_2_with_one_line_naming_the_endpoint(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = closed_base_url()
    monkeypatch.setenv("SUMMARIZER_BASE_URL", url)
    monkeypatch.setenv("SUMMARIZER_MODEL", MODEL)
    code = main(["extract", str(SEED_000), "--json"])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("summarizer: error: ")
    assert url in lines[0]
    assert "Connect" in lines[0] or "refused" in lines[0].lower()
    assert "Traceback" not in err


def test_bad_env_value_is_exit_2_with_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SUMMARIZER_CONCURRENCY", "abc")
    code = main(["extract", str(SEED_000)])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert len(err.splitlines()) == 1, err
    assert "SUMMARIZER_CONCURRENCY" in err
    assert "abc" in err
    assert "Traceback" not in err


def test_bad_value_in_env_file_option(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    env_file = tmp_path / "my.env"
    env_file.write_text("SUMMARIZER_BASE_URL=localhost:8080\n", encoding="utf-8")
    code = main(["extract", str(SEED_000), "--env-file", str(env_file)])
    _, err = capsys.readouterr()
    assert code == 2
    assert len(err.splitlines()) == 1 and "SUMMARIZER_BASE_URL" in err


def test_concurrency_option_is_checked(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(SEED_000), "--concurrency", "0"]) == 2
    _, err = capsys.readouterr()
    assert err.splitlines() == ["summarizer: error: SUMMARIZER_CONCURRENCY must be at least 1"]


def test_second_run_is_served_from_the_store(
    endpoint: FakeOpenAI, extraction: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    endpoint.enqueue(ok(extraction))
    assert main(["extract", str(SEED_000), "--json"]) == 0
    first = json.loads(capsys.readouterr().out)
    assert main(["extract", str(SEED_000), "--json"]) == 0
    second = json.loads(capsys.readouterr().out)
    assert second[0]["provenance"]["cached"] is True
    assert second[0]["event"] == first[0]["event"]
    assert len(endpoint.extraction_requests) == 1


def test_schemas_command_writes_the_committed_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["schemas", "--out", str(tmp_path / "out")]) == 0
    for name in ("articles.schema.json", "extraction.schema.json"):
        written = (tmp_path / "out" / name).read_text(encoding="utf-8")
        assert written == (ROOT / "schemas" / name).read_text(encoding="utf-8")


def test_usage_error_is_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["extract"])
    assert info.value.code == 2


# --- as a subprocess --------------------------------------------------------------------------


@pytest.fixture
def child_env(fake: FakeOpenAI) -> dict[str, str]:
    env = dict(os.environ)  # already cleaned of SUMMARIZER_*/OPENAI_* by conftest
    env.update({
        "SUMMARIZER_BASE_URL": fake.base_url, "SUMMARIZER_MODEL": MODEL,
        "SUMMARIZER_API_KEY": API_KEY, "SUMMARIZER_MAX_RETRIES": "1",
        "PYTHONIOENCODING": "utf-8",
    })  # fmt: skip
    return env


def test_subprocess_extract_json(
    fake: FakeOpenAI,
    child_env: dict[str, str],
    extraction: dict[str, Any],
    isolated_env: Path,
) -> None:
    fake.enqueue(ok(extraction))
    proc = _subprocess(["extract", str(SEED_000), "--json"], child_env, isolated_env / "work")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    document = json.loads(proc.stdout)
    _validate(document)
    assert document[0]["status"] == "ok"
    assert len(fake.extraction_requests) == 1


def test_subprocess_closed_port(child_env: dict[str, str], isolated_env: Path) -> None:
    url = closed_base_url()
    child_env["SUMMARIZER_BASE_URL"] = url
    del child_env["SUMMARIZER_MODEL"]  # this time the model list is the first request
    proc = _subprocess(["extract", str(SEED_000)], child_env, isolated_env / "work")
    assert proc.returncode == 2
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    assert url in lines[0]
    assert "Traceback" not in proc.stderr


def test_subprocess_failed_article_gets_exactly_one_stderr_line(
    fake: FakeOpenAI, child_env: dict[str, str], isolated_env: Path
) -> None:
    """An article whose answers never fit the schema is reported on one line, like any other
    failure; nothing else (library log records, tracebacks) reaches stderr."""
    fake.enqueue(garbage(), garbage())
    proc = _subprocess(["extract", str(SEED_000), "--json"], child_env, isolated_env / "work")
    assert proc.returncode == 1
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith(f"summarizer: {SEED_000}: answer did not fit the schema")
    assert json.loads(proc.stdout)[0]["status"] == "invalid"


def test_subprocess_bad_env_value(child_env: dict[str, str], isolated_env: Path) -> None:
    child_env["SUMMARIZER_CONCURRENCY"] = "abc"
    proc = _subprocess(["extract", str(SEED_000)], child_env, isolated_env / "work")
    assert proc.returncode == 2
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("summarizer: error: SUMMARIZER_CONCURRENCY=")
    assert "abc" in lines[0]
    assert proc.stdout == ""


def test_subprocess_debug_logs_each_stage_with_its_timing(
    fake: FakeOpenAI, child_env: dict[str, str], isolated_env: Path
) -> None:
    """``--debug``: one line per stage (per article for extract and ground, cached or not),
    each with its time in seconds; without it, none of them."""
    fake.default = echo_reply
    work = isolated_env / "work"
    assert _subprocess(["extract", str(SEED_000), "--json"], child_env, work).returncode == 0
    child_env["COLUMNS"] = "200"  # one log record a line
    proc = _subprocess(["run", str(SEED_000), str(SEED_001), "--debug"], child_env, work)
    assert proc.returncode == 0, proc.stderr
    seconds = r"\d+\.\d{3} s"
    expected = [
        rf"load: {seconds}, 2 article\(s\), 0 failed",
        rf"extract {SEED_000.stem}: {seconds}, cached",  # stored by the first run
        rf"extract {SEED_001.stem}: {seconds}, ok, 1 request\(s\)",
        rf"ground {SEED_000.stem}: {seconds}, \d+ items",
        rf"ground {SEED_001.stem}: {seconds}, \d+ items",
        rf"group: {seconds}, \d+ event\(s\)",
        rf"diff: {seconds}, \d+ disagreement\(s\)",
        rf"render: {seconds}",
    ]
    lines = proc.stderr.splitlines()
    for pattern in expected:
        assert sum(bool(re.search(rf"DEBUG\s+{pattern}\s*$", ln)) for ln in lines) == 1, (
            pattern,
            proc.stderr,
        )
    quiet = _subprocess(["run", str(SEED_000), str(SEED_001)], child_env, work)
    assert quiet.returncode == 0 and quiet.stderr == "", quiet.stderr


# --- summarizer logs --------------------------------------------------------------------------


def test_logs_lists_the_requests_and_never_a_secret(
    endpoint: FakeOpenAI,
    extraction: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    isolated_env: Path,
) -> None:
    """The key planted in the environment reaches the server (as a header) and nowhere in the
    store: not in ``logs --json`` (request and response bodies included), not in the file."""
    monkeypatch.setenv("OPENAI_API_KEY", API_KEY)
    endpoint.enqueue(garbage(), ok(extraction))  # one re-ask: two requests for the article
    assert main(["extract", str(SEED_000), "--json"]) == 0
    capsys.readouterr()
    assert all(r.headers["authorization"] == f"Bearer {API_KEY}" for r in endpoint.chat_requests)

    assert main(["logs", "--json"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    logged = json.loads(out)
    assert len(logged) == len(endpoint.chat_requests)  # the probe too
    *_, reask, answer = logged
    assert (reask["article"], answer["article"]) == (SEED_000.stem, SEED_000.stem)
    assert answer["model"] == MODEL and answer["endpoint"] == endpoint.base_url
    assert answer["status"] == "ok" and answer["prompt_tokens"] > 0
    assert answer["completion_tokens"] > 0 and answer["latency_ms"] >= 0
    assert answer["request"]["messages"][-1]["role"] == "user"
    assert json.loads(answer["response"]["choices"][0]["message"]["content"]) == extraction
    assert API_KEY not in out
    stored = b"".join(p.read_bytes() for p in (isolated_env / "data").glob("summarizer.db*"))
    assert b"DO-NOT-LEAK" not in stored and b"summary_json" in stored

    assert main(["logs", "-n", "1", "--json"]) == 0
    assert [r["id"] for r in json.loads(capsys.readouterr().out)] == [answer["id"]]
    monkeypatch.setenv("COLUMNS", "250")
    assert main(["logs", "-n", "2"]) == 0
    table, _ = capsys.readouterr()
    assert "last 2 request(s)" in table and MODEL in table and SEED_000.stem[:8] in table
    assert API_KEY not in table


def test_logs_shows_the_error_of_a_failed_request_and_creates_no_store(
    endpoint: FakeOpenAI, capsys: pytest.CaptureFixture[str], isolated_env: Path
) -> None:
    assert main(["logs", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["logs"]) == 0
    assert "no requests in" in capsys.readouterr().out
    assert not (isolated_env / "data").exists()  # looking creates nothing

    from fake_openai import http_error

    endpoint.enqueue(http_error(400, message="context too long"))
    assert main(["extract", str(SEED_000), "--json"]) == 1
    capsys.readouterr()
    assert main(["logs", "-n", "1", "--json"]) == 0
    (failed,) = json.loads(capsys.readouterr().out)
    assert "400" in failed["status"] and "context too long" in failed["status"]
    assert failed["response"] is None


# --- internal errors --------------------------------------------------------------------------


def test_an_internal_error_is_one_line_and_exit_3(
    endpoint: FakeOpenAI,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    endpoint.default = echo_reply

    def broken(*args: Any, **kwargs: Any) -> None:
        raise TypeError("unsupported operand type(s) for +: 'int' and\n'str'")

    monkeypatch.setattr("summarizer.cli.print_report", broken)
    assert main(["run", str(SEED_000)]) == 3
    out, err = capsys.readouterr()
    assert err.splitlines() == [
        "summarizer: internal error: TypeError: unsupported operand type(s) for +: 'int' and "
        "'str' (run with --debug for the traceback)"
    ]
    assert "Traceback" not in out + err

    assert main(["run", str(SEED_000), "--debug"]) == 3
    _, err = capsys.readouterr()
    assert "Traceback (most recent call last)" in err
    assert 'in broken\n    raise TypeError("unsupported operand' in err
    assert err.rstrip().splitlines()[-1] == (
        "summarizer: internal error: TypeError: unsupported operand type(s) for +: 'int' and 'str'"
    )


def test_an_article_failed_by_a_bug_of_the_ground_stage_is_named_so_and_exit_3(
    endpoint: FakeOpenAI,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    """A bug while grounding one article fails that article with an ``internal error`` reason
    (not one that looks like the endpoint's or the article's fault); the other article is ok,
    and the run exits 3 with one line saying so."""
    endpoint.default = echo_reply
    other = tmp_path / "other.txt"
    other.write_text(SEED_000.read_text(encoding="utf-8") + "\n\nA last paragraph.", "utf-8")
    real = summarizer.pipeline.ground_summary

    def broken_for_one(summary: Any, text: str, *args: Any, **kwargs: Any) -> Any:
        if summary.source.id == "other":
            raise TypeError("'NoneType' object is not subscriptable")
        return real(summary, text, *args, **kwargs)

    monkeypatch.setattr("summarizer.pipeline.ground_summary", broken_for_one)
    assert main(["run", str(SEED_000), str(other), "--json"]) == 3
    out, err = capsys.readouterr()
    by_id = {a["source"]["id"]: a for a in json.loads(out)["articles"]}
    assert by_id[SEED_000.stem]["status"] == "ok"
    assert by_id["other"]["status"] == "error"
    assert by_id["other"]["reason"] == (
        "internal error: TypeError: 'NoneType' object is not subscriptable"
    )
    assert "summarizer: internal error on 1 article(s) (run with --debug for the traceback)" in err
    assert "Traceback" not in out + err
