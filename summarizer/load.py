"""Load stage: files and folders in, decoded articles (or a one-line reason) out.

Plain text is read here; HTML pages, JSON records, feeds and URLs by ``ingest``.

The original text is kept exactly as decoded: every offset reported later points into it.
``prompt_text`` prepares what the model is shown (duplicate lines dropped, cut to a limit at a
paragraph boundary) without changing the original.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .dates import find_dates
from .text import detect_language

TEXT_SUFFIXES = (".txt", ".md")
# Web formats are read by ``ingest``: HTML pages, JSON records, feeds, lists of URLs.
SUFFIXES = (*TEXT_SUFFIXES, ".html", ".htm", ".json", ".jsonl", ".xml", ".rss", ".atom", ".urls")
MAX_BYTES = 2_000_000


@dataclass(frozen=True)
class Article:
    id: str
    path: str
    text: str
    sha256: str
    language: str
    page_date: str | None = None
    page_date_iso: str | None = None
    outlet: str | None = None
    url: str | None = None

    @classmethod
    def from_text(
        cls, text: str, id: str = "text", path: str = "<memory>", outlet: str | None = None
    ) -> Article:
        if not text.strip():
            raise LoadError(path, "empty text")
        page = find_page_date(text)
        return cls(
            id=id,
            path=path,
            text=text,
            sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
            language=detect_language(text),
            page_date=page[0] if page else None,
            page_date_iso=page[1] if page else None,
            outlet=outlet,
        )


class LoadError(Exception):
    """An input that cannot be read as an article; ``str()`` is the one-line message."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def discover(inputs: Iterable[str | Path]) -> tuple[list[Path], list[LoadError]]:
    """Expand folders (sorted, hidden files skipped) into article files."""
    files: list[Path] = []
    errors: list[LoadError] = []
    for raw in inputs:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )  # fmt: skip
            if not found:
                errors.append(
                    LoadError(str(path), f"no article files ({' '.join(SUFFIXES)}) in folder")
                )
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            errors.append(LoadError(str(path), "no such file or folder"))
    return files, errors


def decode(data: bytes, path: str) -> str:
    """Bytes to text: BOMs first (UTF-8, UTF-16), then UTF-8, then Windows-1256 for Arabic."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise LoadError(path, f"invalid {encoding} text at byte {exc.start}") from None
    if b"\x00" in data:
        raise LoadError(path, "binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc.start
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        raise LoadError(path, f"not UTF-8 text (invalid byte at {utf8_error})") from None
    if detect_language(text) != "ar":
        raise LoadError(path, f"not UTF-8 text (invalid byte at {utf8_error})")
    return text


def read_file(path: Path) -> bytes:
    """The bytes of one input file, refused over ``MAX_BYTES``."""
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise LoadError(name, f"{size:,} bytes is over the {MAX_BYTES:,}-byte limit")
        return path.read_bytes()
    except OSError as exc:
        raise LoadError(name, exc.strerror or str(exc)) from None


def load_file(path: Path) -> Article:
    """A plain-text article (``.txt``, ``.md``)."""
    name = str(path)
    text = decode(read_file(path), name)
    if not text.strip():
        raise LoadError(name, "empty file")
    return Article.from_text(text.replace("\r\n", "\n"), id=path.stem, path=name)


def find_page_date(text: str, head_lines: int = 6) -> tuple[str, str] | None:
    """A date printed as its own short line at the top of the page (a page header), if any."""
    for line in text.splitlines()[:head_lines]:
        if boilerplate(line) == "page date":
            date = find_dates(line)[0]
            return date.written, date.iso
    return None


_BLANKS = re.compile(r"\n{3,}")
# A line that ends with a photo credit is a caption ("... 14 June 2024 - Reuters").
_CREDIT = re.compile(
    r"[-–—|/·.,]\s*(?:reuters|afp|ap|epa|getty(?: images)?|archive|file photo|"
    r"رويترز|أ\s*ف\s*ب|فرانس برس|أرشيف(?:ية)?|إرشيفية|رويترز|"
    r"рейтер|риа новости|тасс|архив)\s*\.?\s*$",
    re.IGNORECASE,
)
# Short page furniture: reading time, "read more", theme switches, share buttons.
_FURNITURE = re.compile(
    r"(?:reading icon|min(?:ute)?s? read|read more|read also|share this|dark mode|^logo$|"
    r"دقائق القراءة|اقرأ أيضا|اقرأ أيضاً|إقرأ أيضا|اقرأ المزيد|الوضع المظلم|شارك|"
    r"читайте также|читать далее)",
    re.IGNORECASE,
)

_PHOTO = re.compile(r"^(?:صورة|الصورة|photo|file photo|фото)\b", re.IGNORECASE)


def boilerplate(line: str) -> str | None:
    """Why ``line`` is page furniture rather than article text, or None if it is text."""
    stripped = line.strip()
    if _CREDIT.search(stripped) and len(stripped) < 300:
        return "caption"
    if len(stripped) < 200 and _PHOTO.match(stripped):
        return "caption"
    if len(stripped) <= 60 and _FURNITURE.search(stripped):
        return "furniture"
    if (
        len(stripped) <= 48
        and (dates := find_dates(stripped))
        and len(dates[0].written) >= len(stripped) * 0.5
    ):
        return "page date"
    return None


_HEADING = re.compile(r"^[^\n]{3,119}$")
_SENTENCE_END = re.compile(r"[.!?؟:؛،…]\s*$")
LEAD_MIN = 600


def next_story(text: str) -> int | None:
    """Offset of the first heading-like line (short, no sentence end, at most 12 words)
    after ``LEAD_MIN`` characters: where pages append another story, related links or
    comments. News puts the main event first, so the text before it is what matters."""
    pos = 0
    for line in text.split("\n"):
        s = line.strip()
        if (
            pos >= LEAD_MIN
            and _HEADING.match(s)
            and not _SENTENCE_END.search(s)
            and len(s.split()) <= 12
        ):
            return pos
        pos += len(line) + 1
    return None


def prompt_text(text: str, max_chars: int) -> tuple[str, bool]:
    """What the model is shown: captions, page furniture, header dates and repeated lines
    dropped; the text ends before the first heading of another story (see ``next_story``)
    and at the last paragraph that fits in ``max_chars`` (0: no limit, no cut at all).
    Returns (text, was_cut). The original text is not changed."""
    raw = text.splitlines()
    counts = Counter(line.strip() for line in raw[1:])
    lines = []
    for i, line in enumerate(raw):
        key = line.strip()
        if key and ((i and counts[key] > 1 and len(key) < 300) or boilerplate(key)):
            continue  # a short line printed twice is a caption; real paragraphs do not repeat
        lines.append(line.rstrip())
    shown = _BLANKS.sub("\n\n", "\n".join(lines)).strip()
    if max_chars <= 0:
        return shown, False
    heading = next_story(shown)
    if heading is not None:
        shown = shown[:heading].rstrip()
    if len(shown) <= max_chars:
        return shown, heading is not None
    cut = shown.rfind("\n", 0, max_chars)
    if cut < max_chars // 2:
        cut = max_chars
    return shown[:cut].rstrip(), True
