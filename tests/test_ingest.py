"""HTML pages, JSON records, feeds and URLs, served from a local HTTP server on 127.0.0.1."""

from __future__ import annotations

import json
from collections.abc import Iterator
from html import escape
from pathlib import Path

import pytest
from conftest import SEED_000, seed_text
from webserver import Site, serve

from summarizer import ingest
from summarizer.ingest import load_inputs
from summarizer.load import LoadError

LEAD = "أجرى وزير الدفاع الأميركي لويد أوستن، اتصالاً بنظيره الروسي أندريه بيلوسوف"


def page(paragraphs: list[str], *, title: str = "وزيرا الدفاع يبحثان أزمة أوكرانيا",
         site: str = "الشرق", published: str = "2024-06-25T18:00:00Z",
         url: str = "https://asharq.example/politics/call") -> str:  # fmt: skip
    """A news page as sites serve it: menus, a script, the article, related links, a footer."""
    body = "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return f"""<!doctype html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>{escape(title)} | {site}</title>
<meta property="og:site_name" content="{site}"><meta property="og:title" content="{title}">
<meta property="article:published_time" content="{published}">
<link rel="canonical" href="{url}"><script>window.tracking = "عنصر تتبع";</script></head>
<body><nav><a href="/">الرئيسية</a> | <a href="/news">أخبار</a> | <a href="/sport">رياضة</a></nav>
<article><h1>{escape(title)}</h1>{body}</article>
<aside><h3>اقرأ أيضا</h3><ul><li><a href="/x">خبر آخر لا علاقة له</a></li></ul></aside>
<footer>جميع الحقوق محفوظة</footer></body></html>"""


def seed_paragraphs() -> list[str]:
    lines = [ln.strip() for ln in seed_text().splitlines()]
    return [ln for ln in lines if len(ln) > 80][:6]


def rss(items: list[tuple[str, str, str]], title: str = "وكالة الأنباء") -> str:
    """(title, link, description) items."""
    entries = "".join(
        f"<item><title>{escape(t)}</title><link>{escape(link)}</link>"
        f"<pubDate>Tue, 25 Jun 2024 18:00:00 GMT</pubDate>"
        f"<description>{escape(d)}</description></item>"
        for t, link, d in items
    )
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>{escape(title)}</title><link>http://example.org/</link>{entries}"
            "</channel></rss>")  # fmt: skip


@pytest.fixture
def site() -> Iterator[Site]:
    with serve() as s:
        yield s


# --- HTML --------------------------------------------------------------------------------------


def test_html_page_gives_the_article_text_and_its_metadata(tmp_path: Path) -> None:
    path = tmp_path / "asharq-call.html"
    path.write_text(page(seed_paragraphs()), encoding="utf-8")
    (article,), errors = load_inputs([path])
    assert errors == []
    assert article.id == "asharq-call"
    assert article.text.splitlines()[0] == "وزيرا الدفاع يبحثان أزمة أوكرانيا"  # the headline
    assert LEAD in article.text
    for noise in ("الرئيسية", "tracking", "عنصر تتبع", "جميع الحقوق محفوظة", "خبر آخر"):
        assert noise not in article.text
    assert article.outlet == "الشرق"
    assert article.page_date_iso == "2024-06-25"
    assert article.url == "https://asharq.example/politics/call"
    assert article.language == "ar"


def test_html_page_without_article_text_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><body><nav>menu</nav><script>x()</script></body></html>")
    articles, (error,) = load_inputs([path])
    assert articles == []
    assert str(error) == f"{path}: no article text found in the HTML page"


# --- JSON records ------------------------------------------------------------------------------


def test_json_and_jsonl_records_with_their_metadata(tmp_path: Path) -> None:
    text = seed_text()
    (tmp_path / "batch.json").write_text(json.dumps([
        {"id": "wire-1", "text": text, "outlet": "وكالة", "published": "2024-06-25",
         "url": "https://wire.example/a/1"},
        {"text": "   "},
    ], ensure_ascii=False), encoding="utf-8")  # fmt: skip
    lines = [
        json.dumps({"text": text, "url": "https://news.example/world/austin-belousov"}),
        "{not json",
        json.dumps({"html": page(seed_paragraphs()), "outlet": "موقع"}),
        json.dumps({"text": text, "published": 20240625}),
    ]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    articles, errors = load_inputs([tmp_path])
    assert [(a.id, a.outlet, a.page_date_iso, a.url) for a in articles] == [
        ("wire-1", "وكالة", "2024-06-25", "https://wire.example/a/1"),
        ("austin-belousov", None, None, "https://news.example/world/austin-belousov"),
        ("feed-3", "موقع", "2024-06-25", None),
    ]
    assert articles[2].text.startswith("وزيرا الدفاع يبحثان أزمة أوكرانيا\n")
    assert [str(e) for e in errors] == [
        f'{tmp_path / "batch.json"}:2: the record has no "text" (or "html")',
        f"{tmp_path / 'feed.jsonl'}:2: not JSON: Expecting property name enclosed in double "
        "quotes: line 1 column 2 (char 1)",
        f"{tmp_path / 'feed.jsonl'}:4: published must be text",
    ]


def test_a_json_file_that_is_not_json(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text("[{", encoding="utf-8")
    articles, (error,) = load_inputs([path])
    assert articles == [] and str(error).startswith(f"{path}: not JSON: ")


# --- feeds and URLs -----------------------------------------------------------------------------


def test_feed_entries_with_short_summaries_are_read_from_their_links(
    site: Site, tmp_path: Path
) -> None:
    link = site.add("/world/austin-belousov-call", page(seed_paragraphs()))
    full = "\n".join(seed_paragraphs())
    feed = rss([
        ("اتصال أوستن وبيلوسوف", link, "ملخص قصير للخبر."),
        ("خبر كامل في الموجز", "", full),
    ])  # fmt: skip
    path = tmp_path / "wire.rss"
    path.write_text(feed, encoding="utf-8")
    (first, second), errors = load_inputs([path])
    assert errors == []
    assert site.hits == ["/world/austin-belousov-call"]  # only the short entry is fetched
    assert (first.id, first.url, first.outlet) == ("austin-belousov-call", link, "وكالة الأنباء")
    assert first.page_date_iso == "2024-06-25" and LEAD in first.text
    assert (second.id, second.url) == ("wire-2", None)
    assert second.text.startswith("خبر كامل في الموجز\n\n") and LEAD in second.text


def test_feed_page_and_url_list_over_http(site: Site, tmp_path: Path) -> None:
    article_url = site.add("/news/call.html", page(seed_paragraphs()))
    atom = (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Wire</title><updated>2024-06-25T18:00:00Z</updated>"
        f'<entry><title>Call</title><link href="{article_url}"/><id>urn:1</id>'
        "<updated>2024-06-25T18:00:00Z</updated><summary>short</summary></entry></feed>"
    )
    feed_url = site.add("/feed.atom", atom, "application/atom+xml")
    gone = site.base_url + "/gone"
    (tmp_path / "tonight.urls").write_text(f"# tonight\n{article_url}\n\n{gone}  # dead link\n")
    articles, errors = load_inputs([feed_url, tmp_path / "tonight.urls"])
    assert [(a.id, a.outlet) for a in articles] == [("call", "Wire"), ("call-2", "الشرق")]
    assert [str(e) for e in errors] == [f"{gone}: HTTP 404 Not Found"]


def test_slow_and_oversized_responses_are_refused(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ingest, "FETCH_TIMEOUT_S", 0.3)
    monkeypatch.setattr(ingest, "FETCH_MAX_BYTES", 1000)
    slow = site.add("/slow", page(["نص"]), delay_s=1.5)
    big = site.add("/big", page(["نص طويل جدا " * 200]))
    with pytest.raises(LoadError, match=r"no answer within 0.3 s|timed out"):
        ingest.fetch(slow)
    with pytest.raises(LoadError, match="over the 1,000-byte limit"):
        ingest.fetch(big)
    with pytest.raises(LoadError, match="only http and https"):
        ingest.fetch("file:///etc/passwd")


def test_same_ids_from_different_inputs_are_kept_apart(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "story.txt").write_text(seed_text(), encoding="utf-8")
    (tmp_path / "b" / "story.txt").write_text(SEED_000.read_text() + "\nتحديث.", encoding="utf-8")
    articles, _ = load_inputs([tmp_path / "a", tmp_path / "b"])
    assert [a.id for a in articles] == ["story", "story-2"]


def test_ids_from_records_are_made_safe_and_kept_unique(tmp_path: Path) -> None:
    text = seed_text()
    records = [
        {"id": "../../etc/passwd", "text": text},
        {"id": "etc/passwd", "text": text + "\nتحديث."},  # the same safe id: kept apart
        {"id": ".bashrc\x1b[2J", "text": text + "\nتحديث ثان."},
        {"id": "ok-id", "text": text + "\nتحديث ثالث."},
    ]
    path = tmp_path / "records.json"
    path.write_text(json.dumps(records), encoding="latin-1")  # ASCII: JSON escapes the rest
    articles, errors = load_inputs([path])
    assert errors == []
    assert [a.id for a in articles] == ["etc_passwd", "etc_passwd-2", "bashrc [2J", "ok-id"]
    assert articles[0].notes == (
        "id '../../etc/passwd' is not a safe name (path separators, '..', control characters, "
        "leading dots or over 100 characters): read as 'etc_passwd'",
    )
    assert articles[1].notes[0].endswith("read as 'etc_passwd-2'")
    assert articles[3].notes == ()
    assert {a.encoding for a in articles} == {"utf-8"}


def test_a_file_of_another_kind_given_directly_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0")
    articles, errors = load_inputs([path])
    assert articles == []
    assert [str(e) for e in errors] == [
        f"{path}: not an article file (.jpg); article files are "
        ".txt .md .html .htm .json .jsonl .xml .rss .atom .urls"
    ]
