"""Load stage: files and folders in, decoded articles (or a one-line reason) out.

Plain text is read here; HTML pages, JSON records, feeds and URLs by ``ingest``.

Every input is accounted for: a file or folder that is not read (a symbolic link loop or a
broken link, a file that cannot be opened, a folder with no article files, files of other
kinds) gets one ``LoadError`` naming it and the reason.

Text is decoded by its byte-order mark, else as UTF-8, else in the legacy encoding that
explains it best (charset-normalizer's candidates, checked against the language packs);
the encoding is recorded on the article. The original text is kept exactly as decoded:
every offset reported later points into it. What the model is shown is prepared by
``story.prompt_text`` without changing the original.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import os
import re
import stat
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import NamedTuple

from .dates import date_in_url
from .errors import SummarizerError
from .lang import detect_language, packs
from .story import PageDate, find_page_date

TEXT_SUFFIXES = (".txt", ".md")
# Web formats are read by ``ingest``: HTML pages, JSON records, feeds, lists of URLs.
SUFFIXES = (*TEXT_SUFFIXES, ".html", ".htm", ".json", ".jsonl", ".xml", ".rss", ".atom", ".urls")
MAX_BYTES = 2_000_000
MAX_ID_CHARS = 100


@dataclass(frozen=True)
class Article:
    id: str
    path: str
    text: str
    sha256: str
    language: str
    page_date: str | None = None
    page_date_iso: str | None = None
    page_date_from: str | None = None  # where the page date was read (``dates.ANCHORS``)
    outlet: str | None = None
    url: str | None = None
    encoding: str | None = None  # what the bytes were decoded from; None for text in memory
    notes: tuple[str, ...] = field(default=())  # what loading changed (an unsafe id)

    @classmethod
    def from_text(
        cls,
        text: str,
        id: str = "text",
        path: str = "<memory>",
        outlet: str | None = None,
        *,
        published: str | date | None = None,
        url: str | None = None,
    ) -> Article:
        """An article from text in memory. ``published`` (an ISO date or a ``date``) is the
        reference date for relative days ("Tuesday"); without it, a date printed at the top
        of the page (a page-date line, a ``date`` token, a dateline), else the date the
        page's address writes. ``url``: the page's address; a text that opens with a bare
        address gives it."""
        if not text.strip():
            raise LoadError(path, "empty text")
        url = url or _opening_url(text)
        page = find_page_date(text)
        if published is not None:
            iso = cls._iso_date(published, path)
            page = PageDate(published if isinstance(published, str) else iso, iso, "metadata")
        elif page is None and (in_url := date_in_url(url)) is not None:
            page = PageDate(in_url[0], in_url[1].isoformat(), "url")
        return cls(
            id=id,
            path=path,
            text=text,
            sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
            language=detect_language(text),
            page_date=page.written if page else None,
            page_date_iso=page.iso if page else None,
            page_date_from=page.kind if page else None,
            outlet=outlet,
            url=url,
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


_BARE_URL = re.compile(r"https?://\S+")


def _opening_url(text: str) -> str | None:
    """The address a text opens with, on a line of its own (a saved page's first line)."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return first if _BARE_URL.fullmatch(first) else None


class LoadError(SummarizerError):
    """An input that cannot be read as an article; ``str()`` is the one-line message."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


# --- discovery --------------------------------------------------------------------------------

_KINDS = {stat.S_IFIFO: "a FIFO", stat.S_IFSOCK: "a socket", stat.S_IFCHR: "a character device",
          stat.S_IFBLK: "a block device"}  # fmt: skip


def _stat(path: Path) -> os.stat_result:
    """``path``'s status, following links; a ``LoadError`` saying why it cannot be read."""
    name = str(path)
    try:
        return path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            raise LoadError(name, f"broken symbolic link (to {os.readlink(path)}, which does "
                                  "not exist)") from None  # fmt: skip
        raise LoadError(name, "no such file or folder") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise LoadError(name, "symbolic link loop (the link points back to itself)") from None
        raise LoadError(name, exc.strerror or str(exc)) from None


def _not_regular(info: os.stat_result) -> str | None:
    """Why a file of this kind is not read (a FIFO, a socket, a device), or None."""
    if stat.S_ISREG(info.st_mode):
        return None
    return f"not a regular file ({_KINDS.get(stat.S_IFMT(info.st_mode), 'a special file')})"


class _Walk:
    """One input folder, recursively: its article files, the problems and the files skipped."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.files: list[Path] = []
        self.errors: list[LoadError] = []
        self.skipped: Counter[str] = Counter()
        self.seen: dict[tuple[int, int], Path] = {}

    def folder(
        self, path: Path, info: os.stat_result, parents: tuple[tuple[int, int], ...]
    ) -> None:
        key = (info.st_dev, info.st_ino)
        if key in parents:
            where = self.seen.get(key, path)
            self.errors.append(LoadError(str(path), f"symbolic link loop (back to {where})"))
            return
        if key in self.seen:
            self.errors.append(LoadError(str(path), f"the same folder as {self.seen[key]}, "
                                                    "read there"))  # fmt: skip
            return
        self.seen[key] = path
        try:
            with os.scandir(path) as it:
                entries = sorted(e.name for e in it)
        except OSError as exc:
            self.errors.append(LoadError(str(path), f"cannot list the folder: {exc.strerror}"))
            return
        for name in entries:
            if not name.startswith("."):  # hidden files and folders are skipped
                self.entry(path / name, (*parents, key))

    def entry(self, path: Path, parents: tuple[tuple[int, int], ...]) -> None:
        try:
            info = _stat(path)
        except LoadError as exc:
            self.errors.append(exc)
            return
        if stat.S_ISDIR(info.st_mode):
            self.folder(path, info, parents)
        elif path.suffix.lower() not in SUFFIXES:
            self.skipped[path.suffix.lower() or "no suffix"] += 1
        elif reason := _not_regular(info):
            self.errors.append(LoadError(str(path), reason))
        else:
            self.files.append(path)

    def summary(self) -> LoadError | None:
        """One line for the folder: nothing to read in it, or the files of other kinds."""
        kinds = ", ".join(f"{n} {suffix}" for suffix, n in sorted(self.skipped.items()))
        n = sum(self.skipped.values())
        skipped = f"{n} file{'s' if n > 1 else ''} of other kinds skipped ({kinds})"
        if not self.files and not self.errors:
            reason = f"no article files ({' '.join(SUFFIXES)}) in folder"
            return LoadError(str(self.root), f"{reason}; {skipped}" if n else reason)
        if n:
            return LoadError(str(self.root), f"{skipped}; article files are {' '.join(SUFFIXES)}")
        return None


def discover(inputs: Iterable[str | Path]) -> tuple[list[Path], list[LoadError]]:
    """Expand folders (sorted, recursively, hidden files skipped, symbolic links followed) into
    article files. Every input or file that is not read gets one ``LoadError``: missing,
    a broken link, a link loop, not a regular file, an empty folder; the files of other
    kinds in a folder get one line for the folder."""
    files: list[Path] = []
    errors: list[LoadError] = []
    for raw in inputs:
        path = Path(raw)
        try:
            info = _stat(path)
        except LoadError as exc:
            errors.append(exc)
            continue
        if stat.S_ISDIR(info.st_mode):
            walk = _Walk(path)
            walk.folder(path, info, ())
            files += walk.files
            errors += walk.errors
            if line := walk.summary():
                errors.append(line)
        elif reason := _not_regular(info):
            errors.append(LoadError(str(path), reason))
        else:
            files.append(path)  # any suffix: a file of another kind is refused when read
    return files, errors


# --- decoding ---------------------------------------------------------------------------------


class Decoded(NamedTuple):
    text: str
    encoding: str  # Python's name of the codec: utf-8, utf-16-le, cp1252, koi8-r ...


_BOMS = (  # UTF-32 first: its little-endian mark starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# The legacy encodings of news in the packs' languages, most used first: among texts that
# read equally well, the earlier one is named.
LEGACY = ("cp1252", "latin_1", "iso8859_15", "cp1251", "koi8_r", "cp1256", "iso8859_6",
          "cp1250", "iso8859_2", "mac_cyrillic", "cp866", "koi8_u", "iso8859_5")  # fmt: skip
_WORD = re.compile(r"\w+")


@cache
def _function_words() -> frozenset[str]:
    return frozenset(w.casefold() for p in packs() for w in p.stopwords)


def _known_words(text: str) -> int:
    """How many of the first words are function words of a language pack."""
    known = _function_words()
    return sum(w.casefold() in known for w in _WORD.findall(text[:5000]))


class _Candidate(NamedTuple):
    text: str
    encoding: str
    known_words: int
    chaos: float
    coherence: float
    rank: int


NOISE_MARGIN = 0.05  # texts this close to the least noisy one are all candidates
COHERENCE_MARGIN = 0.05  # a closer letter coherence does not decide between two texts


def _legacy(data: bytes) -> Decoded | None:
    """The legacy encoding that explains ``data`` best, or None.

    The candidates are charset-normalizer's: its own guesses, and the encodings of
    ``LEGACY`` tried on their own, each with the noise (chaos) and the letter coherence
    charset-normalizer finds in its text. Among the texts about as little noisy as the
    least noisy one, best is the one with the most function words of the language packs,
    then the least noise; then the first in ``LEGACY`` among those whose coherence is about
    the best one's. On short news texts charset-normalizer alone takes KOI8-R Russian for
    Shift-JIS, Latin-1 French for a Baltic code page and German for DOS Baltic; the function
    words and the order settle these. Known limit: a short Turkish (Windows-1254) or Polish
    (Windows-1250) text can be read as Windows-1252."""
    from charset_normalizer import from_bytes

    rank = {name: i for i, name in enumerate(LEGACY)}
    found: dict[str, _Candidate] = {}
    for matches in (from_bytes(data), from_bytes(data, cp_isolation=list(LEGACY))):
        for m in matches:
            text = str(m)
            if text not in found:  # encodings that give the same text: the first in LEGACY
                name = min([m.encoding, *m.could_be_from_charset],
                           key=lambda n: rank.get(n, len(rank)))  # fmt: skip
                found[text] = _Candidate(text, name, _known_words(text), round(m.chaos, 2),
                                         m.coherence, rank.get(name, len(rank)))  # fmt: skip
    if not found:
        return None
    quiet = min(c.chaos for c in found.values()) + NOISE_MARGIN
    pool = [c for c in found.values() if c.chaos <= quiet]
    top = min((-c.known_words, c.chaos) for c in pool)
    pool = [c for c in pool if (-c.known_words, c.chaos) == top]
    coherent = max(c.coherence for c in pool) - COHERENCE_MARGIN
    best = min((c for c in pool if c.coherence >= coherent), key=lambda c: (c.rank, -c.coherence))
    name = best.encoding
    if name == "cp1252" and not any(0x80 <= b <= 0x9F for b in data):
        name = "latin_1"  # the same text: no byte that only Windows-1252 gives a character
    return Decoded(best.text, codecs.lookup(name).name)


def decode(data: bytes, path: str) -> Decoded:
    """Bytes to text: a byte-order mark (UTF-8, UTF-16, UTF-32), else UTF-8, else the legacy
    encoding that explains the bytes best (``_legacy``). Refused: NUL bytes without a mark
    (binary), and bytes no encoding explains."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom) :].decode(encoding.removesuffix("-sig")), encoding)
            except UnicodeDecodeError as exc:
                at = exc.start + len(bom)
                raise LoadError(path, f"invalid {encoding} text at byte {at}") from None
    if b"\x00" in data:
        raise LoadError(path, "binary file (contains NUL bytes), not text")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc.start
    found = _legacy(data)
    if found is None:
        raise LoadError(path, f"not text: not UTF-8 (invalid byte at {utf8_error}) and no "
                              "other encoding explains it")  # fmt: skip
    return found


def read_file(path: Path) -> bytes:
    """The bytes of one input file, refused over ``MAX_BYTES`` or when it is not a regular
    file (a FIFO would block)."""
    name = str(path)
    info = _stat(path)
    if reason := _not_regular(info):
        raise LoadError(name, reason)
    if info.st_size > MAX_BYTES:
        raise LoadError(name, f"{info.st_size:,} bytes is over the {MAX_BYTES:,}-byte limit")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise LoadError(name, f"cannot read: {exc.strerror or exc}") from None


def load_file(path: Path) -> Article:
    """A plain-text article (``.txt``, ``.md``), with the encoding it was decoded from."""
    name = str(path)
    text, encoding = decode(read_file(path), name)
    if not text.strip():
        raise LoadError(name, "empty file")
    article = Article.from_text(text.replace("\r\n", "\n"), id=path.stem, path=name)
    return replace(article, encoding=encoding)


# --- ids --------------------------------------------------------------------------------------


def safe_id(raw: str, default: str = "article") -> str:
    """An article id that is safe as a name: no path separators, no ``.``/``..`` parts, no
    control or format characters (bidirectional overrides), no leading dots or spaces, at
    most ``MAX_ID_CHARS`` characters. ``"../../etc/passwd"`` is ``"etc_passwd"``."""
    text = "".join(
        " " if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") else ch for ch in raw
    )
    parts = [p.strip() for p in re.split(r"[/\\]+", text)]
    text = "_".join(p for p in parts if p.strip(". "))
    text = re.sub(r"\s+", " ", text).lstrip(". ")
    return text[:MAX_ID_CHARS].rstrip() or default
