"""The digest page in headless Chromium (Debian's ``chromium``, driven by Playwright): it renders
without script errors, Arabic paragraphs run right to left and English ones left to right,
and a ``<script>`` inside an article never runs. ``.ci/run`` installs chromium when missing."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import echo_reply, seed_text
from fake_openai import FakeOpenAI

from summarizer import Settings
from summarizer.digest import run_digest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# CI sets SUMMARIZER_REQUIRE_BROWSER=1: there a missing chromium fails the test, never skips it.
pytestmark = pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("SUMMARIZER_REQUIRE_BROWSER"),
    reason="Debian's chromium is not installed (apt-get install chromium)",
)
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ENGLISH = ("US Defense Secretary Lloyd Austin spoke by phone with his Russian counterpart "
           "Andrei Belousov on Tuesday, the Pentagon said.")  # fmt: skip


@pytest.fixture
def digest_page(fake: FakeOpenAI, settings: Settings, tmp_path: Path) -> Path:
    fake.default = echo_reply
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "arabic.txt").write_text(seed_text(), encoding="utf-8")
    (tmp_path / "in" / "english.txt").write_text(ENGLISH + "\n\n" + ENGLISH, encoding="utf-8")
    (tmp_path / "in" / "hostile.txt").write_text(
        "<script>window.pwned = 1; document.title = 'pwned'</script>"
        "<img src=x onerror=\"window.pwned = 2\"> وزير الدفاع يتصل بنظيره\n\n" + seed_text(),
        encoding="utf-8",
    )  # fmt: skip
    run = run_digest([tmp_path / "in"], tmp_path / "out", settings=settings, day=date(2026, 11, 22))
    assert run.ok
    return tmp_path / "out" / "2026-11-22" / "digest.html"


@pytest.fixture
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    assert CHROMIUM is not None, "Debian's chromium is required here (SUMMARIZER_REQUIRE_BROWSER)"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield b
        b.close()


def test_digest_renders_rtl_without_script_errors_and_article_scripts_never_run(
    digest_page: Path, browser: Any
) -> None:
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(digest_page.as_uri())
    page.wait_for_load_state("load")
    assert errors == []
    assert page.title() == "News digest 2026-11-22"
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert page.locator("script").count() == 0 and page.locator("img").count() == 0
    assert "<script>window.pwned = 1" in page.inner_text("body")  # shown as text

    directions = page.evaluate("""() => [...document.querySelectorAll('.text p')].map(p =>
        [p.textContent.slice(0, 40), getComputedStyle(p).direction])""")
    arabic = [d for t, d in directions if "وزير" in t or "أوستن" in t]
    english = [d for t, d in directions if t.startswith("US Defense")]
    assert arabic and set(arabic) == {"rtl"}
    assert english and set(english) == {"ltr"}
    assert page.locator(".text mark").count() > 0  # evidence highlighted in its article
    titles = page.evaluate("""() => [...document.querySelectorAll('h2')].map(h =>
        getComputedStyle(h).direction)""")
    assert "rtl" in titles
