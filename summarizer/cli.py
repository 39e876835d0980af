"""Command line: ``summarizer extract|diff|run PATH...``, ``summarizer digest``,
``summarizer eval``, ``summarizer logs`` and ``summarizer schemas``.

Exit codes: 0 every article ok; 1 some article failed (each has its status and reason);
2 usage or configuration error (one line on stderr, no traceback); 3 an internal error (a bug:
one line, the traceback only with ``--debug``).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
import time
import traceback
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from rich.console import Console
from rich.logging import RichHandler
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from .config import Settings
from .digest import run_digest
from .errors import SummarizerError
from .evaluate import evaluate, gold_paths, load_gold, table_rows
from .extract import INTERNAL_ERROR, is_internal
from .models import ArticleSummary, Status, export_schemas
from .pipeline import Pipeline
from .render import (
    comparison_json,
    print_comparison,
    print_evaluation,
    print_report,
    summaries_json,
)
from .store import LoggedRequest, Store
from .triage import group_articles

log = logging.getLogger("summarizer")


def _model_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--concurrency", type=int, help="requests in flight (default 1)")
    p.add_argument("--model-path", type=Path, help="a GGUF file for the embedded engine")
    p.add_argument("--env-file", type=Path, default=Path(".env"), help="default: ./.env")
    p.add_argument("--debug", action="store_true", help="log every stage to stderr")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="summarizer",
        description="Extract evidence-backed facts from news articles with an LLM.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    for name, help_text in (
        ("extract", "extract and ground facts per article"),
        ("diff", "extract, group articles into events, and flag where sources disagree"),
        ("run", "the main job: per-article tables, then events and their disagreements"),
    ):
        p = sub.add_parser(name, help=help_text)
        p.add_argument(
            "paths", nargs="+",
            help="article files or folders (.txt .md .html .json .jsonl .rss .atom .xml .urls) "
            "or http(s) URLs of pages and feeds",
        )  # fmt: skip
        p.add_argument("--json", action="store_true", help="write JSON to stdout instead of tables")
        p.add_argument("--refresh", action="store_true", help="recompute, ignore stored results")
        _model_options(p)
    p = sub.add_parser("group", help="group articles by event from their text alone (no model)")
    p.add_argument("paths", nargs="+", help="article files, folders, feeds or URLs")
    p.add_argument("--json", action="store_true", help="write JSON to stdout instead of a table")
    p.add_argument("--env-file", type=Path, default=Path(".env"), help="default: ./.env")
    p.add_argument("--debug", action="store_true", help="log every stage to stderr")
    p = sub.add_parser("digest", help="the nightly digest: new articles only, dated report files")
    p.add_argument("--input", nargs="+", required=True, metavar="SOURCE",
                   help="files, folders, feeds or URLs to read")  # fmt: skip
    p.add_argument("--out", type=Path, required=True, help="folder of the dated digests")
    p.add_argument("--since", type=_since, help="window start: YYYY-MM-DD or Nd (default 7d)")
    p.add_argument("--date", type=_day, help="the digest's day (default today)")
    p.add_argument("--quiet", action="store_true", help="print nothing unless something failed")
    _model_options(p)
    p = sub.add_parser("eval", help="accuracy against a gold file (see gold/README.md)")
    p.add_argument("gold", type=Path, help="a summarizer-gold-1 or summarizer-gold-2 JSON file")
    p.add_argument("paths", nargs="*", help="articles (default: the gold file's paths)")
    p.add_argument("--json", action="store_true", help="write the scores as JSON to stdout")
    p.add_argument("--aggregate", action="store_true",
                   help="the numbers only: nothing that names an article or a gold entry (for a "
                        "validation set)")  # fmt: skip
    p.add_argument("--refresh", action="store_true", help="recompute, ignore stored results")
    _model_options(p)
    p = sub.add_parser("logs", help="recent requests to the model and their answers")
    p.add_argument("-n", type=int, default=20, metavar="N", help="how many (default 20, 0: all)")
    p.add_argument("--json", action="store_true",
                   help="write them as JSON, with the request and response bodies")  # fmt: skip
    p.add_argument("--env-file", type=Path, default=Path(".env"), help="default: ./.env")
    p.add_argument("--debug", action="store_true", help="show the traceback of an internal error")
    p = sub.add_parser("schemas", help="write the JSON Schema files")
    p.add_argument("--out", type=Path, default=Path("schemas"), help="default: ./schemas")
    return parser


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _since(text: str) -> date | int:
    """A date, or a number of days before the digest's day ("3d")."""
    if text.endswith("d") and text[:-1].isdigit():
        return int(text[:-1])
    return _day(text)


def _digest(args: argparse.Namespace, err: Console) -> int:
    settings = Settings.load(
        env_file=args.env_file, concurrency=args.concurrency, model_path=args.model_path
    )
    day = args.date or date.today()
    since = day - timedelta(days=args.since) if isinstance(args.since, int) else args.since
    run = run_digest(args.input, args.out, settings=settings, day=day, since=since)
    if not run.ok:
        err.print(f"summarizer: {run.summary_line()}", markup=False, highlight=False,
                  soft_wrap=True)  # fmt: skip
        internal = any(reason.startswith(INTERNAL_ERROR) for _, reason in run.failed)
        return 3 if internal else 1
    if not args.quiet:
        print(run.summary_line())
    return 0


def _status(r: LoggedRequest) -> str:
    """The request's outcome: ok (with the finish reason unless a normal stop), or the error."""
    if r.error is not None:
        return r.error
    try:
        choices = json.loads(r.response_json or "{}").get("choices") or [{}]
        finish = choices[0].get("finish_reason")
    except (ValueError, AttributeError, IndexError):
        return "ok (response unreadable)"
    return "ok" if finish in (None, "stop", "tool_calls") else f"ok ({finish})"


def _log_json(r: LoggedRequest) -> dict[str, object]:
    def body(text: str | None) -> object:
        try:
            return json.loads(text) if text is not None else None
        except ValueError:
            return text

    return {
        "id": r.id,
        "time": datetime.fromtimestamp(r.ts, UTC).isoformat(timespec="milliseconds"),
        "model": r.model,
        "endpoint": r.endpoint,
        "article": r.article,
        "prompt_tokens": r.prompt_tokens,
        "completion_tokens": r.completion_tokens,
        "latency_ms": None if r.latency_ms is None else round(r.latency_ms, 1),
        "status": _status(r),
        "request": body(r.request_json),
        "response": body(r.response_json),
    }


def _logs(args: argparse.Namespace) -> int:
    """The last requests in the store, oldest first; nothing is created when there is none."""
    path = Settings.load(env_file=args.env_file).db_path
    store = Store(path) if path.is_file() else None
    try:
        rows = store.recent_requests(args.n) if store is not None else []
    finally:
        if store is not None:
            store.close()
    if args.json:
        sys.stdout.write(json.dumps([_log_json(r) for r in rows], ensure_ascii=False, indent=2))
        sys.stdout.write("\n")
        return 0
    out = Console()
    if not rows:
        out.print(f"no requests in {path}", markup=False, highlight=False)
        return 0
    table = Table(title=f"last {len(rows)} request(s) in {path}")
    for name in ("time", "model", "endpoint", "article", "tokens in/out", "latency", "status"):
        table.add_column(name, overflow="fold")  # a narrow terminal folds, never hides
    for r in rows:
        local = datetime.fromtimestamp(r.ts).strftime("%Y-%m-%d %H:%M:%S")
        tokens = "" if r.prompt_tokens is None else f"{r.prompt_tokens}/{r.completion_tokens}"
        latency = "" if r.latency_ms is None else f"{r.latency_ms:.0f} ms"
        table.add_row(local, r.model, r.endpoint, r.article or "", tokens, latency, _status(r))
    out.print(table)
    return 0


def _group(args: argparse.Namespace, err: Console) -> int:
    """The fast path: groups and wire copies from the texts alone, in seconds."""
    settings = Settings.load(env_file=args.env_file)
    with Pipeline(settings) as pipeline:
        with _timed("load"):
            articles, errors = pipeline.load(args.paths)
        for e in errors:
            err.print(f"summarizer: {e}", markup=False, highlight=False, soft_wrap=True)
        with _timed("group"):
            found = group_articles(articles, store=pipeline.store)
    story_of = {g: k for k, gs in enumerate(found.stories, 1) for g in gs}
    rows = []
    for n, members in enumerate(found.groups, 1):
        for i in members:
            p, a = found.profiles[i], articles[i]
            copy = found.copy_of(i)
            rows.append({
                "group": n, "story": story_of.get(n - 1), "id": a.id, "path": a.path,
                "language": a.language,
                "date": p.when.iso if p.when else None,
                "date_written": p.when.written if p.when else None,
                "date_basis": p.when.basis if p.when else None,
                "date_provenance": p.when.provenance if p.when else None,
                "date_read_from": p.when.read_from if p.when else None,
                "copy_of": articles[copy].id if copy is not None else None,
                "lead": p.lead,
            })  # fmt: skip
    if args.json:
        doc = {
            "groups": [[articles[i].id for i in g] for g in found.groups],
            "stories": [[n + 1 for n in gs] for gs in found.stories],
            "copies": [[articles[i].id for i in c] for c in found.copies],
            "articles": rows,
            "errors": [str(e) for e in errors],
        }
        sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    else:
        table = Table(
            title=f"{len(found.groups)} event group(s) in {len(articles)} article(s), "
            f"{len(found.stories)} story(ies) of several events"
        )
        for name in ("group", "article", "lang", "date (as written)", "lead"):
            table.add_column(name, overflow="fold")
        for r in rows:
            date_text = f"{r['date'] or ''} ({r['date_written']})" if r["date_written"] else ""
            copy = f"copy of {r['copy_of']}: " if r["copy_of"] else ""
            group = f"{r['group']} (story {r['story']})" if r["story"] else str(r["group"])
            table.add_row(group, r["id"], r["language"], date_text,
                          Text(copy + r["lead"][:120], style=None))  # fmt: skip
        Console().print(table)
    return 1 if errors else 0


async def _eval(args: argparse.Namespace) -> int:
    gold = load_gold(args.gold)
    paths = args.paths or gold_paths(gold, args.gold)
    settings = Settings.load(
        env_file=args.env_file, concurrency=args.concurrency, model_path=args.model_path
    )
    async with Pipeline(settings) as pipeline:
        articles, errors = pipeline.load(paths)
        summaries = await pipeline.aextract_loaded(articles, errors, refresh=args.refresh)
        comparison = pipeline.compare(summaries)
    result = evaluate(gold, summaries, comparison, {a.id: a.text for a in articles})
    with _timed("render"):
        if args.json:
            doc = result.aggregate_json() if args.aggregate else result.as_json()
            sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
        else:
            print_evaluation(Console(), table_rows(result, aggregate=args.aggregate))
    return 0


@contextmanager
def _timed(stage: str) -> Iterator[None]:
    """Log how long the block took, as ``stage: 0.012 s`` (``--debug``)."""
    t0 = time.perf_counter()
    yield
    log.debug("%s: %.3f s", stage, time.perf_counter() - t0)


def _progress(console: Console, total: int) -> Progress:
    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal or total < 2,
    )


async def _extract(args: argparse.Namespace, err: Console) -> int:
    settings = Settings.load(
        env_file=args.env_file, concurrency=args.concurrency, model_path=args.model_path
    )
    t0 = time.perf_counter()
    async with Pipeline(settings) as pipeline:
        articles, errors = pipeline.load(args.paths)
        total = len(articles) + len(errors)
        with _progress(err, total) as progress:
            task = progress.add_task("extracting", total=total)

            def done(summary: ArticleSummary) -> None:
                progress.advance(task)
                if summary.status != Status.OK:
                    err.print(
                        f"[red]summarizer:[/] {summary.source.path}: {summary.reason}",
                        markup=True,
                        highlight=False,
                        soft_wrap=True,
                    )

            summaries = await pipeline.aextract_loaded(
                articles, errors, refresh=args.refresh, on_done=done
            )
        seconds = time.perf_counter() - t0
        comparison = None if args.command == "extract" else pipeline.compare(summaries)
    out = Console()
    with _timed("render"):
        if comparison is None:
            if args.json:
                sys.stdout.write(summaries_json(summaries) + "\n")
            else:
                print_report(out, summaries, seconds)
        elif args.json:
            sys.stdout.write(comparison_json(comparison))
        else:
            if args.command == "run":
                print_report(out, summaries, seconds)
                out.print()
            print_comparison(out, comparison)
    return _exit_code(summaries, err)


def _exit_code(summaries: Sequence[ArticleSummary], err: Console) -> int:
    """0 when every article is ok; 3 when a bug of this code failed one (``internal error``);
    else 1."""
    internal = [s for s in summaries if is_internal(s)]
    if internal:
        err.print(f"summarizer: internal error on {len(internal)} article(s) (run with --debug "
                  "for the traceback)", markup=False, highlight=False, soft_wrap=True)  # fmt: skip
        return 3
    return 0 if all(s.status == Status.OK for s in summaries) else 1


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    err = Console(stderr=True)
    debug = getattr(args, "debug", False)
    logging.basicConfig(
        level=logging.DEBUG if debug else logging.INFO,
        format="%(message)s",
        handlers=[RichHandler(console=err, show_path=False, show_time=False)],
    )
    log.setLevel(logging.DEBUG if debug else logging.INFO)
    quiet = logging.WARNING if debug else logging.CRITICAL
    for noisy in ("asyncio", "httpx", "httpx2", "httpcore", "httpcore2", "openai", "instructor"):
        logging.getLogger(noisy).setLevel(quiet)
    try:
        if args.command == "schemas":
            for path in export_schemas(args.out):
                err.print(f"wrote {path}")
            return 0
        if args.command == "digest":
            return _digest(args, err)
        if args.command == "eval":
            return asyncio.run(_eval(args))
        if args.command == "logs":
            return _logs(args)
        if args.command == "group":
            return _group(args, err)
        return asyncio.run(_extract(args, err))
    except SummarizerError as exc:
        err.print(f"summarizer: error: {exc}", markup=False, highlight=False, soft_wrap=True)
        return 2
    except KeyboardInterrupt:
        err.print("summarizer: interrupted", markup=False)
        return 130
    except Exception as exc:  # a bug, not the input's or the endpoint's fault
        what = " ".join(f"{type(exc).__name__}: {exc}".split())  # one line
        if debug:
            sys.stderr.write(traceback.format_exc())
            err.print(f"summarizer: internal error: {what}", markup=False, highlight=False,
                      soft_wrap=True)  # fmt: skip
        else:
            err.print(f"summarizer: internal error: {what} (run with --debug for the traceback)",
                      markup=False, highlight=False, soft_wrap=True)  # fmt: skip
        return 3


if __name__ == "__main__":
    raise SystemExit(main())
