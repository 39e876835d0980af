"""Load stage: files and folders in, decoded articles (or a one-line reason) out.

Plain text is read here; HTML pages, JSON records, feeds and URLs by ``ingest``.

The original text is kept exactly as decoded: every offset reported later points into it.
What the model is shown is prepared by ``story.prompt_text`` without changing the original.
"""

from __future__ import annotations

import codecs
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from .errors import SummarizerError
from .lang import detect_language
from .story import find_page_date

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
        cls,
        text: str,
        id: str = "text",
        path: str = "<memory>",
        outlet: str | None = None,
        *,
        published: str | date | None = None,
    ) -> Article:
        """An article from text in memory. ``published`` (an ISO date or a ``date``) is the
        reference date for relative days ("Tuesday"); without it, a date printed at the top
        of the page is used, if any."""
        if not text.strip():
            raise LoadError(path, "empty text")
        page = find_page_date(text)
        if published is not None:
            iso = cls._iso_date(published, path)
            page = (published if isinstance(published, str) else iso, iso)
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

    @staticmethod
    def _iso_date(value: str | date, path: str) -> str:
        """``value`` as YYYY-MM-DD; a value that is not a date raises ``LoadError``."""
        if isinstance(value, datetime):
            return value.date().isoformat()
        if isinstance(value, date):
            return value.isoformat()
        try:
            return datetime.fromisoformat(str(value).strip()).date().isoformat()
        except ValueError:
            raise LoadError(path, f"published={value!r} is not an ISO date (YYYY-MM-DD)") from None


class LoadError(SummarizerError):
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
