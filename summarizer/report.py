"""Render stage for the nightly digest: ``digest.md`` and a self-contained ``digest.html``.

The HTML page has no script and forbids any (Content-Security-Policy ``default-src 'none'``);
every piece of article content goes through ``html.escape``. Every element that holds article
text has ``dir="auto"``, so Arabic paragraphs run right to left and English ones left to
right on the same page. Evidence quotes are highlighted (``<mark>``) in their article's text by
their grounded offsets.
"""

from __future__ import annotations

from html import escape
from typing import Any

FIELDS = (
    ("what", "What"),
    ("when", "When"),
    ("where", "Where"),
    ("initiator", "Initiated by"),
    ("participants", "Participants"),
    ("quantities", "Numbers"),
    ("claims", "Statements"),
)
# Which table row a disagreement's field marks.
_ROW = {
    "event.when": "when",
    "event.initiator": "initiator",
    "claim": "claims",
    "claim.speaker": "claims",
    "participant.name": "participants",
}


def _row(field: str) -> str:
    return "quantities" if field.startswith("quantity") else _ROW.get(field, field)


def _marked(event: dict[str, Any]) -> set[tuple[str, str]]:
    """(article, row) cells that a disagreement (not a spelling note) involves."""
    return {
        (v["article"], _row(d["field"]))
        for d in event["disagreements"] if d["kind"] != "spelling_variant"
        for v in d["values"]
    }  # fmt: skip


def _cell(value: Any) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


# --- Markdown ---------------------------------------------------------------------------------


def _md(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def digest_markdown(doc: dict[str, Any]) -> str:
    c = doc["changes"]
    lines = [
        f"# News digest {doc['date']}",
        "",
        f"{len(doc['articles'])} articles first seen today, {len(doc['events'])} events "
        f"({c['new_events']} new, {c['new_coverage']} with new coverage); disagreements since "
        f"the previous digest ({c['previous'] or 'none'}): {c['disagreements_appeared']} "
        f"appeared, {c['disagreements_resolved']} resolved. Window: {doc['window']['since']} "
        f"to {doc['window']['until']}.",
    ]
    for event in doc["events"]:
        marked = _marked(event)
        lines += ["", f"## {_md(event['title'])}", ""]
        when = " ".join(x for x in (event["date"], event["weekday"]) if x)
        lines.append(f"*{event['status']}* · {len(event['articles'])} sources"
                     + (f" · {when}" if when else ""))  # fmt: skip
        lines += ["", "| | " + " | ".join(_md(s["article"]) for s in event["sources"]) + " |"]
        lines.append("|---" * (len(event["sources"]) + 1) + "|")
        for key, label in FIELDS:
            cells = []
            for s in event["sources"]:
                text = "; ".join(_md(v) for v in _cell(s[key]))
                cells.append(f"**⚠ {text}**" if (s["article"], key) in marked else text)
            lines.append(f"| {label} | " + " | ".join(cells) + " |")
        if event["disagreements"]:
            lines += ["", "### Disagreements", ""]
            for d in event["disagreements"]:
                lines.append(f"- **{d['kind']}** ({d['severity']}) `{_md(d['field'])}`: "
                             f"{_md(d['note'])}")  # fmt: skip
                for v in d["values"]:
                    mark = "" if v["grounded"] else " (evidence not found in the article)"
                    lines.append(f"  - {_md(v['article'])}: {_md(v['value'])} — "
                                 f"> {_md(v['evidence'])}{mark}")  # fmt: skip
        for label, key in (("Appeared since the previous digest", "appeared"),
                           ("Resolved since the previous digest", "resolved")):  # fmt: skip
            if event["changes"][key]:
                lines += ["", f"### {label}", ""]
                lines += [f"- {d['kind']} `{_md(d['field'])}`: {_md(d['note'])}"
                          for d in event["changes"][key]]  # fmt: skip
    if doc["failed"]:
        lines += ["", "## Failed inputs", ""]
        lines += [f"- `{_md(f['input'])}`: {_md(f['reason'])}" for f in doc["failed"]]
    return "\n".join(lines) + "\n"


# --- HTML -------------------------------------------------------------------------------------

_STYLE = """
body{font-family:"Noto Naskh Arabic","Noto Sans","DejaVu Sans",sans-serif;margin:1.5rem auto;
max-width:78rem;padding:0 1rem;color:#1d232a;background:#fff;line-height:1.55}
h1{font-size:1.6rem;margin:0 0 .3rem}h2{font-size:1.25rem;margin:.2rem 0}
.summary{color:#48525c}
.event{border:1px solid #d3d8de;border-radius:8px;padding:1rem;margin:1.2rem 0}
.badge{display:inline-block;border-radius:4px;padding:0 .45rem;font-size:.8rem;
margin-inline-end:.4rem;background:#e8eef4}.badge.new{background:#d9f2df}.badge.cov{background:#fcefd2}
table{border-collapse:collapse;width:100%;margin:.6rem 0;font-size:.92rem}
th,td{border:1px solid #d3d8de;padding:.35rem .5rem;vertical-align:top;text-align:start}
th{background:#f3f5f7}td.conflict{background:#fde2e1;border-color:#e0a3a0}
td.conflict::before{content:"⚠ ";color:#b3261e}.field{white-space:nowrap;font-weight:600}
ul.vals{margin:0;padding-inline-start:1.1rem}q{background:#fff5c2}
.sev-high{color:#b3261e;font-weight:600}.sev-medium{color:#9a5b00;font-weight:600}
.sev-low{color:#3d5a80}.sev-info{color:#6b7280}.ungrounded{color:#b3261e}
.text p{margin:.3rem 0}mark{background:#ffe066;padding:0 .1rem}
details{margin:.4rem 0}summary{cursor:pointer;font-weight:600}
"""


def _h(text: Any) -> str:
    return escape(str(text), quote=True)


def _link(source: dict[str, Any]) -> str:
    url = source.get("url")
    label = _h(source["article"])
    if url and str(url).startswith(("http://", "https://")):
        label = f'<a href="{_h(url)}" rel="noreferrer noopener">{label}</a>'
    outlet = f'<br><span dir="auto">{_h(source["outlet"])}</span>' if source.get("outlet") else ""
    published = f"<br>{_h(source['published'])}" if source.get("published") else ""
    return label + outlet + published


def highlighted(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` as one ``<p dir="auto">`` a line, with ``spans`` (offsets) in ``<mark>``."""
    merged: list[list[int]] = []
    for start, end in sorted(s for s in spans if 0 <= s[0] < s[1] <= len(text)):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out, pos = [], 0
    for line in text.split("\n"):
        lo, hi = pos, pos + len(line)
        pos = hi + 1
        if not line.strip():
            continue
        parts, cur = [], lo
        for start, end in merged:
            a, b = max(start, lo), min(end, hi)
            if a >= b:
                continue
            parts.append(_h(text[cur:a]))
            parts.append(f"<mark>{_h(text[a:b])}</mark>")
            cur = b
        parts.append(_h(text[cur:hi]))
        out.append(f'<p dir="auto">{"".join(parts)}</p>')
    return "\n".join(out)


def digest_html(doc: dict[str, Any], texts: dict[str, str]) -> str:
    """The digest page; ``texts`` maps article ids to their original text."""
    c = doc["changes"]
    body = [
        f"<header><h1>News digest {_h(doc['date'])}</h1>",
        f'<p class="summary">{len(doc["articles"])} articles first seen today · '
        f"{len(doc['events'])} events ({c['new_events']} new, {c['new_coverage']} with new "
        f"coverage) · since the previous digest ({_h(c['previous'] or 'none')}): "
        f"{c['disagreements_appeared']} disagreements appeared, {c['disagreements_resolved']} "
        f"resolved</p></header>",
    ]
    for event in doc["events"]:
        body.append(_event_html(event, texts))
    if doc["failed"]:
        items = "".join(f'<li><code dir="auto">{_h(f["input"])}</code>: {_h(f["reason"])}</li>'
                        for f in doc["failed"])  # fmt: skip
        body.append(f'<section class="failed"><h2>Failed inputs</h2><ul>{items}</ul></section>')
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>News digest {_h(doc['date'])}</title><style>{_STYLE}</style></head>\n"
        "<body>\n" + "\n".join(body) + "\n</body></html>\n"
    )


def _event_html(event: dict[str, Any], texts: dict[str, str]) -> str:
    marked = _marked(event)
    status = event["status"]
    badge = "new" if status == "new" else "cov"
    when = " · ".join(_h(x) for x in (event["date"], event["weekday"]) if x)
    parts = [
        f'<section class="event" id="{_h(event["id"])}">',
        f'<h2 dir="auto">{_h(event["title"])}</h2>',
        f'<p><span class="badge {badge}">{_h(status)}</span>{len(event["articles"])} sources'
        + (f" · {when}" if when else "") + "</p>",
        '<table class="sources"><thead><tr><th></th>'
        + "".join(f"<th>{_link(s)}</th>" for s in event["sources"]) + "</tr></thead><tbody>",
    ]  # fmt: skip
    for key, label in FIELDS:
        cells = []
        for s in event["sources"]:
            values = _cell(s[key])
            inner = (
                '<ul class="vals">' + "".join(f'<li dir="auto">{_h(v)}</li>' for v in values)
                + "</ul>" if len(values) > 1 else _h(values[0]) if values else ""
            )  # fmt: skip
            cls = ' class="conflict"' if (s["article"], key) in marked else ""
            cells.append(f'<td dir="auto"{cls}>{inner}</td>')
        parts.append(f'<tr><td class="field">{label}</td>{"".join(cells)}</tr>')
    parts.append("</tbody></table>")
    if event["disagreements"]:
        rows = []
        for d in event["disagreements"]:
            values = "".join(
                f'<li><b>{_h(v["article"])}</b>: <span dir="auto">{_h(v["value"])}</span><br>'
                f'<q dir="auto">{_h(v["evidence"])}</q>'
                + ("" if v["grounded"] else ' <span class="ungrounded">(not found in the '
                   "article)</span>") + "</li>"
                for v in d["values"]
            )  # fmt: skip
            rows.append(
                f'<tr><td>{_h(d["kind"])}</td><td class="sev-{_h(d["severity"])}">'
                f'{_h(d["severity"])}</td><td dir="auto">{_h(d["field"])}</td>'
                f'<td>{_h(d["note"])}<ul class="vals">{values}</ul></td></tr>'
            )
        parts.append(
            "<h3>Disagreements</h3><table class=\"disagreements\"><thead><tr><th>kind</th>"
            "<th>severity</th><th>field</th><th>sources and evidence</th></tr></thead><tbody>"
            + "".join(rows) + "</tbody></table>"
        )  # fmt: skip
    for key, label in (("appeared", "Appeared since the previous digest"),
                       ("resolved", "Resolved since the previous digest")):  # fmt: skip
        if event["changes"][key]:
            items = "".join(f'<li>{_h(d["kind"])} <span dir="auto">{_h(d["field"])}</span>: '
                            f'{_h(d["note"])}</li>' for d in event["changes"][key])  # fmt: skip
            parts.append(f"<h3>{label}</h3><ul>{items}</ul>")
    parts.append("<h3>Articles, evidence highlighted</h3>")
    for s in event["sources"]:
        text = texts.get(s["article"], "")
        spans = [(e["start"], e["end"]) for e in s["evidence"]]
        parts.append(
            f'<details open><summary dir="auto">{_h(s["article"])}'
            + (f" — {_h(s['outlet'])}" if s.get("outlet") else "")
            + f'</summary><div class="text">{highlighted(text, spans)}</div></details>'
        )
    parts.append("</section>")
    return "\n".join(parts)
