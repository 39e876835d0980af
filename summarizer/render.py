"""Render stage: rich tables for people, JSON for programs, and the digest's Markdown and HTML.

The digest files are rendered from a ``DigestDocument`` by the Jinja templates in
``summarizer/templates/``: the HTML with autoescape on and no script (its Content-Security-Policy
forbids any), ``dir="auto"`` on every element that holds article text, evidence quotes marked
(``<mark>``) in their article by their grounded offsets. The rows of the event table and of the
digest come from the field registry (``fields``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from . import fields
from .models import (
    Alignment,
    ArticleSummary,
    Comparison,
    DigestDocument,
    EventReport,
    Grounding,
    Kind,
    Status,
    StoryEvent,
    StoryReport,
)

_STATUS_STYLE = {
    Status.OK: "green",
    Status.INVALID: "yellow",
    Status.TRUNCATED: "yellow",
    Status.ERROR: "red",
}


def summaries_json(summaries: Sequence[ArticleSummary]) -> str:
    return json.dumps([s.model_dump(mode="json") for s in summaries], ensure_ascii=False, indent=2)


def _grounding_cell(g: Grounding) -> Text:
    if g.alignment == Alignment.NOT_FOUND:
        return Text("✗ quote not in text", style="red")
    if not g.values_found:
        return Text("✗ value not in text", style="red")
    if g.alignment == Alignment.EXACT:
        return Text("✓ exact", style="green")
    return Text(f"≈ fuzzy {g.score:.2f}", style="yellow")


def _join(*parts: str | None, sep: str = " · ") -> str:
    return sep.join(p for p in parts if p)


def article_table(summary: ArticleSummary) -> Table:
    src = summary.source
    title = Text.assemble(
        (src.id, "bold"),
        f"  {src.language or '?'}  ",
        (summary.status.value, _STATUS_STYLE[summary.status]),
    )
    caption_bits = [src.path]
    if src.page_date:
        caption_bits.append(f"page date {src.page_date} ({src.page_date_iso})")
    if summary.provenance and summary.provenance.input_cut:
        caption_bits.append(f"first {summary.provenance.input_chars_sent:,} chars sent")
    if summary.notes:
        caption_bits.append(f"{len(summary.notes)} item(s) dropped by checks (see notes)")
    table = Table(title=title, caption=" · ".join(caption_bits), show_lines=True, expand=True)
    table.add_column("field", style="cyan", no_wrap=True)
    table.add_column("value", ratio=2)
    table.add_column("evidence", ratio=3)
    table.add_column("grounded", no_wrap=True)
    if summary.status != Status.OK:
        table.add_row("reason", Text(summary.reason or "", style="red"), "", "")
        return table
    if e := summary.event:
        table.add_row(
            "event",
            e.what,
            e.evidence,
            _grounding_cell(e.grounding),
        )
        table.add_row("when / where", _join(e.when or "—", e.where or "—", sep=" / "), "", "")
        if e.time is not None:
            resolved = _join(e.time.date or e.time.weekday or "—", e.time.weekday, sep=", ")
            how = _join(e.time.provenance, e.time.anchor, e.time.read_from, sep="; ")
            table.add_row("day", resolved, how, "")
        if e.initiator:
            table.add_row("initiator", e.initiator, e.initiator_evidence or "", "")
    for p in summary.participants:
        table.add_row(
            "participant",
            _join(p.name, p.role, p.country),
            p.evidence,
            _grounding_cell(p.grounding),
        )
    for q in summary.quantities:
        table.add_row(
            "quantity",
            _join(q.what, _join(q.value, q.unit, sep=" "), sep=": "),
            q.evidence,
            _grounding_cell(q.grounding),
        )
    for c in summary.claims:
        table.add_row(
            "claim", _join(c.speaker, c.claim, sep=": "), c.evidence, _grounding_cell(c.grounding)
        )
    return table


def run_table(summaries: Sequence[ArticleSummary]) -> Table:
    table = Table(title="Run summary", box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("article", no_wrap=True)
    table.add_column("status", no_wrap=True)
    for name in ("grounded", "tokens", "re-ask", "sec"):
        table.add_column(name, justify="right", no_wrap=True)
    table.add_column("cache", no_wrap=True)
    failed = [s for s in summaries if s.status != Status.OK]
    if failed:
        table.add_column("reason", overflow="fold", ratio=1)
    for s in summaries:
        cached = s.provenance.cached if s.provenance else False
        row = [
            s.source.id,
            Text(s.status.value, style=_STATUS_STYLE[s.status]),
            f"{s.grounded_items}/{s.total_items}",
            f"{s.usage.prompt_tokens:,}/{s.usage.completion_tokens:,}",
            str(s.usage.reasks),
            f"{s.latency_s:.1f}",
            "yes" if cached else "",
        ]
        table.add_row(*row, *([s.reason or ""] if failed else []))
    return table


def run_line(summaries: Sequence[ArticleSummary], seconds: float) -> str:
    ok = sum(s.status == Status.OK for s in summaries)
    grounded = sum(s.grounded_items for s in summaries)
    total = sum(s.total_items for s in summaries)
    share = f" ({grounded / total:.0%})" if total else ""
    tokens_in = sum(s.usage.prompt_tokens for s in summaries)
    tokens_out = sum(s.usage.completion_tokens for s in summaries)
    return (
        f"{len(summaries)} article(s): {ok} ok, {len(summaries) - ok} failed · "
        f"{grounded}/{total} evidence quotes grounded{share} · "
        f"{tokens_in:,} prompt + {tokens_out:,} completion tokens · {seconds:.2f} s"
    )


def print_report(console: Console, summaries: Sequence[ArticleSummary], seconds: float) -> None:
    for s in summaries:
        console.print(article_table(s))
        console.print()
    console.print(run_table(summaries))
    console.print(run_line(summaries, seconds))


_KIND_STYLE = {
    Kind.CONTRADICTION: "bold red",
    Kind.NUMERIC_MISMATCH: "bold red",
    Kind.ATTRIBUTION: "bold magenta",
    Kind.UNIQUE_CLAIM: "yellow",
    Kind.SPELLING_VARIANT: "dim",
}


def comparison_json(comparison: Comparison) -> str:
    return comparison.model_dump_json(indent=2) + "\n"


def event_table(report: EventReport, summaries: dict[str, ArticleSummary]) -> Table:
    """Sources as columns, fields (the registry's) as rows; cells in a disagreement are
    highlighted by the strongest kind of disagreement touching them."""
    title = Text.assemble((report.id, "bold"), "  ", report.title)
    when = " · ".join(x for x in (report.date, report.weekday) if x)
    n = len(report.disagreements)
    table = Table(title=title, caption=f"{when or 'date unknown'} · {n} flag(s)", show_lines=True)
    table.add_column("field", style="cyan", no_wrap=True)
    for article in report.articles:
        copy = report.copies.get(article)
        header = f"{article}\n(copy of {copy})" if copy else article
        table.add_column(header, ratio=1, overflow="fold")
    flags = fields.cell_flags(report.disagreements)
    for f in fields.FIELDS:
        cells = []
        for article in report.articles:
            kind = flags.get((article, f.key))
            text = "\n".join(f.show(summaries[article]))
            cells.append(Text(text or "—", style=_KIND_STYLE[kind] if kind else ""))
        table.add_row(f.key, *cells)
    return table


def disagreements_panel(report: EventReport) -> Table:
    table = Table(title=f"{report.id}: flagged", box=box.SIMPLE_HEAD, show_lines=False)
    table.add_column("kind", no_wrap=True)
    table.add_column("field · note", ratio=1)
    table.add_column("source: value «evidence»", ratio=2)
    for d in report.disagreements:
        values = Text()
        for i, v in enumerate(d.values):
            if i:
                values.append("\n")
            values.append(f"{v.article}: ", style="bold")
            values.append(v.value)
            values.append(f" «{v.evidence}»", style="dim")
            values.append(" ✓" if v.grounded else " ✗ ungrounded", style="green" if v.grounded
                          else "red")  # fmt: skip
        kind = Text(f"{d.kind.value}\n{d.severity.value}", style=_KIND_STYLE[d.kind])
        table.add_row(kind, f"{d.field}\n{d.note}", values)
    return table


def story_lines(report: EventReport, stories: dict[str, StoryReport]) -> list[str]:
    """ "Earlier in this story: …" and "Later in this story: …" for an event of a story."""
    story = stories.get(report.story or "")
    if story is None:
        return []
    at = next(i for i, e in enumerate(story.events) if e.event == report.id)

    def shown(e: StoryEvent) -> str:
        day = " ".join(x for x in (e.date, e.weekday) if x)
        return f"{e.event} {e.title}" + (f" ({day})" if day else "")

    lines = []
    for label, items in (("Earlier", story.events[:at]), ("Later", story.events[at + 1 :])):
        if items:
            lines.append(f"{label} in {story.id} ({story.why}): " + "; ".join(map(shown, items)))
    return lines


def print_comparison(console: Console, comparison: Comparison) -> None:
    summaries = {s.source.id: s for s in comparison.articles}
    stories = {st.id: st for st in comparison.stories}
    for report in comparison.events:
        console.print(event_table(report, summaries))
        for line in story_lines(report, stories):
            console.print(Text(line, style="cyan"))
        if report.disagreements:
            console.print(disagreements_panel(report))
        console.print()
    flagged = sum(
        d.kind != Kind.SPELLING_VARIANT for e in comparison.events for d in e.disagreements
    )
    console.print(
        f"{len(comparison.events)} event(s) from {len(comparison.articles)} article(s) · "
        f"{flagged} disagreement(s) flagged"
    )


def print_evaluation(console: Console, rows: Sequence[tuple[str, str, str]]) -> None:
    """The accuracy table of ``summarizer eval``: one row a metric (``evaluate.table_rows``),
    with what went wrong."""
    table = Table(title="Accuracy against the gold file", box=box.SIMPLE_HEAVY)
    table.add_column("metric", style="bold")
    table.add_column("value", justify="right")
    table.add_column("details", overflow="fold")
    for metric, value, detail in rows:
        table.add_row(metric, value, Text(detail))
    console.print(table)


# --- the digest: Markdown and HTML from Jinja templates ---------------------------------------


def md_cell(text: object) -> str:
    """Text for a Markdown table cell or list item: white space folded, ``|`` escaped."""
    return " ".join(str(text).split()).replace("|", "\\|")


@cache
def _templates(autoescape: bool) -> Environment:
    env = Environment(
        loader=PackageLoader("summarizer", "templates"),
        autoescape=autoescape,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md_cell
    return env


def marked_lines(text: str, spans: Sequence[tuple[int, int]]) -> list[list[tuple[str, bool]]]:
    """``text`` line by line (blank lines dropped), each line as (piece, marked) pairs, the
    pieces inside ``spans`` (offsets; overlapping ones merged) marked."""
    merged: list[list[int]] = []
    for start, end in sorted(s for s in spans if 0 <= s[0] < s[1] <= len(text)):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    lines, pos = [], 0
    for line in text.split("\n"):
        lo, hi = pos, pos + len(line)
        pos = hi + 1
        if not line.strip():
            continue
        pieces, cur = [], lo
        for start, end in merged:
            a, b = max(start, lo), min(end, hi)
            if a < b:
                pieces += [(text[cur:a], False), (text[a:b], True)]
                cur = b
        pieces.append((text[cur:hi], False))
        lines.append([(piece, marked) for piece, marked in pieces if piece])
    return lines


def highlighted(text: str, spans: Sequence[tuple[int, int]]) -> Markup:
    """``text`` as one ``<p dir="auto">`` a line, with ``spans`` (offsets) in ``<mark>``: the
    digest page's macro, escaped."""
    macro = _templates(True).get_template("macros.html.j2").module.article_text  # type: ignore[attr-defined]
    return Markup(macro(marked_lines(text, spans)))


def digest_markdown(doc: DigestDocument) -> str:
    return _templates(False).get_template("digest.md.j2").render(doc=doc, fields=fields.FIELDS)


def digest_html(doc: DigestDocument, texts: dict[str, str]) -> str:
    """The digest page; ``texts`` maps article ids to their original text."""
    lines = {
        s.article: marked_lines(texts.get(s.article, ""), [(e.start, e.end) for e in s.evidence])
        for event in doc.events
        for s in event.sources
    }
    page = _templates(True).get_template("digest.html.j2")
    return page.render(doc=doc, fields=fields.FIELDS, lines=lines)
