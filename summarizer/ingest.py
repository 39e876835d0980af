"""Load stage for the web: HTML pages, JSON records, RSS/Atom feeds and URLs.

- ``.html`` / ``.htm``: the main article text and its metadata (title, date, site name, URL)
  are extracted with trafilatura, offline; menus, scripts, comments and footers are left out.
- ``.json``: one record or a list of records; ``.jsonl``: one record a line. A record has
  ``text`` (or ``html``) and optionally ``id``, ``title``, ``url``, ``outlet``, ``published``.
- ``.xml`` / ``.rss`` / ``.atom``: a feed (feedparser). Each entry is an article: its content,
  or, when the feed carries only a short summary, the page its link points to.
- ``http(s)://`` inputs and ``.urls`` files (one URL a line, ``#`` comments): fetched with a
  timeout and a size cap, then read as a feed or a page by what they contain.

``load_inputs`` reads any mix of paths, folders, URLs and ``Article`` objects into articles.

Every failure is a ``LoadError`` naming the input (``file:line`` for records, the URL for
pages) and the reason; the other inputs and records are still read.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from .load import (
    MAX_ID_CHARS,
    SUFFIXES,
    TEXT_SUFFIXES,
    Article,
    LoadError,
    decode,
    discover,
    load_file,
    read_file,
    safe_id,
)

HTML_SUFFIXES = (".html", ".htm")
RECORD_SUFFIXES = (".json", ".jsonl")
FEED_SUFFIXES = (".xml", ".rss", ".atom")
URL_LIST_SUFFIXES = (".urls",)
FETCH_TIMEOUT_S = 20.0
FETCH_MAX_BYTES = 5_000_000
MIN_PAGE_TEXT = 40  # characters; a page with less (a menu, a cookie notice) has no article
SHORT_ENTRY = 400  # a feed entry with less text than this is read from its link
USER_AGENT = "summarizer (+https://pypi.org/project/summarizer/)"


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    data: bytes
    content_type: str


Fetcher = Callable[[str], Fetched]


def fetch(url: str) -> Fetched:
    """GET ``url`` (http or https only) with ``FETCH_TIMEOUT_S`` and ``FETCH_MAX_BYTES``."""
    if urlparse(url).scheme not in ("http", "https"):
        raise LoadError(url, "only http and https URLs are fetched")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT_S) as response:
            data = response.read(FETCH_MAX_BYTES + 1)
            if len(data) > FETCH_MAX_BYTES:
                raise LoadError(url, f"response is over the {FETCH_MAX_BYTES:,}-byte limit")
            return Fetched(response.geturl(), data, response.headers.get_content_type())
    except urllib.error.HTTPError as exc:
        raise LoadError(url, f"HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise LoadError(url, f"cannot fetch: {exc.reason}") from None
    except TimeoutError:
        raise LoadError(url, f"no answer within {FETCH_TIMEOUT_S:g} s") from None
    except OSError as exc:
        raise LoadError(url, f"cannot fetch: {exc}") from None


def slug(url: str) -> str:
    """An article id from a URL: its last path segment (or host), letters, digits and dashes."""
    parsed = urlparse(url)
    segments = [s for s in parsed.path.split("/") if s]
    base = Path(segments[-1]).stem if segments else parsed.hostname or "page"
    return re.sub(r"[^\w-]+", "-", base, flags=re.UNICODE).strip("-")[:80] or "page"


def _iso(value: Any) -> str | None:
    """A publication date as YYYY-MM-DD, from text, a datetime or a struct_time."""
    if value is None:
        return None
    if hasattr(value, "tm_year"):
        return date(value.tm_year, value.tm_mon, value.tm_mday).isoformat()
    text = str(value).strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        m = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
        return "-".join(m.groups()) if m else None


def _article(
    text: str, *, id: str, path: str, title: str | None = None, url: str | None = None,
    outlet: str | None = None, published: str | None = None,
) -> Article:  # fmt: skip
    text = text.replace("\r\n", "\n").strip()
    if title and not text.startswith(title.strip()):
        text = f"{title.strip()}\n\n{text}"  # the headline says what the main event is
    day = _iso(published)
    article = Article.from_text(text, id=id, path=path, outlet=outlet, url=url, published=day)
    return replace(article, page_date=published) if day else article


def html_article(html: str | bytes, *, id: str, path: str, url: str | None = None) -> Article:
    """The main text and metadata of one HTML page."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False,
        favor_precision=True,
    )  # fmt: skip
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if len(text) < MIN_PAGE_TEXT:
        raise LoadError(path, "no article text found in the HTML page")
    return _article(
        text, id=id, path=path, title=doc.title, url=doc.url or url,
        outlet=doc.sitename or doc.hostname, published=doc.date,
    )  # fmt: skip


def _html_to_text(fragment: str) -> str:
    """Text of an HTML fragment (a feed entry's content), one paragraph a line."""
    import lxml.html

    if "<" not in fragment:
        return fragment
    root = lxml.html.fromstring(f"<div>{fragment}</div>")
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    for block in root.xpath("//p|//br|//div|//li|//h1|//h2|//h3"):
        block.tail = "\n" + (block.tail or "")
    return re.sub(r"\n\s*\n+", "\n", root.text_content()).strip()


def record_articles(path: Path) -> tuple[list[Article], list[LoadError]]:
    """Articles from a ``.json`` (a record or a list) or ``.jsonl`` (a record a line) file."""
    text, encoding = decode(read_file(path), str(path))
    entries: list[tuple[str, Any]] = []
    if path.suffix.lower() == ".jsonl":
        for n, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    entries.append((f"{path}:{n}", json.loads(line)))
                except json.JSONDecodeError as exc:
                    entries.append((f"{path}:{n}", exc))
    else:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise LoadError(str(path), f"not JSON: {exc.msg} at line {exc.lineno}") from None
        records = data if isinstance(data, list) else [data]
        entries = [(f"{path}:{n}" if len(records) > 1 else str(path), r)
                   for n, r in enumerate(records, 1)]  # fmt: skip
    articles, errors = [], []
    for n, (where, record) in enumerate(entries, 1):
        try:
            article = _record(record, where, default_id=f"{path.stem}-{n}")
            articles.append(replace(article, encoding=encoding))
        except LoadError as exc:
            errors.append(exc)
    return articles, errors


def _record(record: Any, where: str, *, default_id: str) -> Article:
    if isinstance(record, Exception):
        raise LoadError(where, f"not JSON: {record}")
    if not isinstance(record, dict):
        raise LoadError(where, "a record must be a JSON object")
    body, html = record.get("text"), record.get("html")
    if not (isinstance(body, str) and body.strip()) and not (isinstance(html, str) and html):
        raise LoadError(where, 'the record has no "text" (or "html")')
    meta = {k: record.get(k) for k in ("title", "url", "outlet", "published")}
    if bad := [k for k, v in meta.items() if v is not None and not isinstance(v, str)]:
        raise LoadError(where, f"{', '.join(bad)} must be text")
    id = str(record.get("id") or (slug(meta["url"]) if meta["url"] else default_id))
    if isinstance(body, str) and body.strip():
        return _article(body, id=id, path=where, **meta)
    page = html_article(html, id=id, path=where, url=meta["url"])
    return _article(page.text, id=id, path=where, **{**meta, "outlet": meta["outlet"]
                    or page.outlet, "published": meta["published"] or page.page_date})  # fmt: skip


def feed_articles(
    data: bytes, source: str, fetcher: Fetcher | None = fetch
) -> tuple[list[Article], list[LoadError]]:
    """Articles from an RSS or Atom feed. An entry whose content is shorter than
    ``SHORT_ENTRY`` characters is read from its link when ``fetcher`` is given."""
    import feedparser

    feed = feedparser.parse(data)
    if not feed.entries:
        reason = str(feed.get("bozo_exception") or "no entries")
        raise LoadError(source, f"not a feed with entries ({reason})")
    outlet = feed.feed.get("title")
    stem = slug(source) if "://" in source else Path(source).stem
    articles, errors = [], []
    for n, entry in enumerate(feed.entries, 1):
        where = f"{source}#{n}"
        link = entry.get("link") or None
        content = entry.get("content") or []
        body = _html_to_text(content[0].get("value", "") if content else entry.get("summary", ""))
        published = entry.get("published_parsed") or entry.get("updated_parsed")
        id = slug(link) if link else f"{stem}-{n}"
        try:
            if len(body) < SHORT_ENTRY and link and fetcher is not None:
                try:
                    page = fetcher(link)
                    full = html_article(page.data, id=id, path=link, url=page.url)
                    body = full.text if len(full.text) > len(body) else body
                except LoadError as exc:
                    if not body:
                        raise LoadError(where, f"no text, and its link: {exc.reason}") from None
            articles.append(_article(
                body, id=id, path=link or where, title=entry.get("title"), url=link,
                outlet=outlet, published=_iso(published),
            ))  # fmt: skip
        except LoadError as exc:
            errors.append(exc if exc.path == where else LoadError(where, exc.reason))
    return articles, errors


def url_articles(url: str, fetcher: Fetcher = fetch) -> tuple[list[Article], list[LoadError]]:
    """One URL: a feed (RSS/Atom) or a page, by its content."""
    page = fetcher(url)
    head = page.data[:1000].lstrip().lower()
    is_feed = any(t in page.content_type for t in ("rss", "atom", "xml")) or head.startswith(
        b"<?xml"
    )
    if is_feed and (b"<rss" in page.data[:2000] or b"<feed" in page.data[:2000]):
        return feed_articles(page.data, url, fetcher)
    return [html_article(page.data, id=slug(page.url), path=url, url=page.url)], []


def load_url(url: str, fetcher: Fetcher = fetch) -> tuple[list[Article], list[LoadError]]:
    """``url_articles``, with a page that cannot be fetched as an error, never raised."""
    try:
        return url_articles(url, fetcher)
    except LoadError as exc:
        return [], [exc]


def url_list(path: Path) -> list[str]:
    """The URLs of a ``.urls`` file: one a line, blank lines and ``#`` comments skipped."""
    lines = decode(read_file(path), str(path)).text.splitlines()
    return [s for line in lines if (s := line.split("#", 1)[0].strip())]


def load_path(path: Path, fetcher: Fetcher = fetch) -> tuple[list[Article], list[LoadError]]:
    """The articles of one file, by its suffix."""
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return [html_article(read_file(path), id=path.stem, path=str(path))], []
    if suffix in RECORD_SUFFIXES:
        return record_articles(path)
    if suffix in FEED_SUFFIXES:
        return feed_articles(read_file(path), str(path), fetcher)
    if suffix in URL_LIST_SUFFIXES:
        articles, errors = [], []
        for url in url_list(path):
            found, failed = load_url(url, fetcher)
            articles += found
            errors += failed
        return articles, errors
    raise LoadError(
        str(path),
        f"not an article file ({suffix or 'no suffix'}); article files are {' '.join(SUFFIXES)}",
    )


def load_inputs(
    inputs: Iterable[str | Path | Article], fetcher: Fetcher = fetch
) -> tuple[list[Article], list[LoadError]]:
    """Articles from paths (files or folders), http(s) URLs and ready ``Article`` objects.
    Ids are made safe (``safe_id``: a record's ``"id": "../../etc/passwd"`` is
    ``etc_passwd``, with a note on the article); two inputs with the same id keep both:
    the later one's id gets a ``-2`` (``-3`` …)."""
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
    """Each article's id made safe, then unique."""
    taken: set[str] = set()
    out = []
    for a in articles:
        base = safe_id(a.id)
        id, n = base, 1
        while id in taken:
            n += 1
            id = f"{base}-{n}"
        taken.add(id)
        if base != a.id:
            note = (
                f"id {a.id!r} is not a safe name (path separators, '..', control characters, "
                f"leading dots or over {MAX_ID_CHARS} characters): read as {id!r}"
            )
            a = replace(a, notes=(*a.notes, note))
        out.append(a if id == a.id else replace(a, id=id))
    return out
