"""summarizer.load: discovery, decoding, page dates and what the model is shown."""

from __future__ import annotations

import codecs
import os
import random
from pathlib import Path
from typing import Any

import pytest
from conftest import SEEDS

from summarizer.load import Article, LoadError, discover, load_file, safe_id
from summarizer.story import find_page_date, prompt_text, without_dateline

ARABIC = "أجرى وزير الدفاع الأميركي لويد أوستن اتصالاً بنظيره الروسي أندريه بيلوسوف، الثلاثاء."


def _write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


# --- discovery --------------------------------------------------------------------------------


def test_folder_discovery_is_sorted_and_skips_hidden_and_other_files(tmp_path: Path) -> None:
    root = tmp_path / "articles"
    for name in ["b.txt", "a.md", "C.TXT", "sub/d.txt", "sub/.hidden.txt", ".secret/e.txt",
                 ".f.md", "image.png"]:  # fmt: skip
        _write(root / name, "text")
    files, errors = discover([root])
    assert [p.relative_to(root).as_posix() for p in files] == sorted(
        ["C.TXT", "a.md", "b.txt", "sub/d.txt"]
    )
    assert files == sorted(files)
    # the image is not read: one line for the folder says so (hidden files are skipped quietly)
    assert [str(e) for e in errors] == [
        f"{root}: 1 file of other kinds skipped (1 .png); article files are "
        ".txt .md .html .htm .json .jsonl .xml .rss .atom .urls"
    ]


def test_discovery_keeps_the_order_of_inputs_and_accepts_files(tmp_path: Path) -> None:
    z = _write(tmp_path / "z.txt", "z")
    folder = tmp_path / "f"
    _write(folder / "b.txt", "b")
    _write(folder / "a.txt", "a")
    files, errors = discover([z, str(folder)])
    assert errors == []
    assert files == [z, folder / "a.txt", folder / "b.txt"]


def test_discovery_reports_missing_paths_and_empty_folders(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    good = _write(tmp_path / "ok.txt", "ok")
    files, errors = discover([tmp_path / "missing.txt", good, tmp_path / "empty"])
    assert files == [good]
    assert [(Path(e.path).name, e.reason) for e in errors] == [
        ("missing.txt", "no such file or folder"),
        (
            "empty",
            "no article files (.txt .md .html .htm .json .jsonl .xml .rss .atom .urls) in folder",
        ),
    ]
    assert str(errors[0]) == f"{tmp_path / 'missing.txt'}: no such file or folder"


def test_every_input_that_is_not_read_gets_one_line(tmp_path: Path) -> None:
    root = tmp_path / "in"
    good = _write(root / "a-good.txt", "text")
    (root / "b-loop").symlink_to(root)  # a folder that contains itself
    (root / "c-self.txt").symlink_to(root / "c-self.txt")  # a link to itself
    (root / "d-dangling.txt").symlink_to(tmp_path / "gone.txt")
    os.mkfifo(root / "e-pipe.txt")  # would block if it were read
    for name in ("f.jpg", "g.jpg", "h.pdf", "README"):
        _write(root / "sub" / name, b"\xff\xd8")
    (root / "sub" / "link-to-a.txt").symlink_to(good)  # a link to a file is followed
    files, errors = discover([root])
    assert files == [good, root / "sub" / "link-to-a.txt"]
    assert [str(e) for e in errors] == [
        f"{root / 'b-loop'}: symbolic link loop (back to {root})",
        f"{root / 'c-self.txt'}: symbolic link loop (the link points back to itself)",
        f"{root / 'd-dangling.txt'}: broken symbolic link (to {tmp_path / 'gone.txt'}, which "
        "does not exist)",
        f"{root / 'e-pipe.txt'}: not a regular file (a FIFO)",
        f"{root}: 4 files of other kinds skipped (2 .jpg, 1 .pdf, 1 no suffix); article files "
        "are .txt .md .html .htm .json .jsonl .xml .rss .atom .urls",
    ]


def test_inputs_given_directly_that_cannot_be_read(tmp_path: Path) -> None:
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    only_images = tmp_path / "photos"
    _write(only_images / "a.jpg", b"\xff\xd8")
    _write(only_images / ".hidden.txt", "hidden files are not counted")
    files, errors = discover([tmp_path / "dangling.txt", tmp_path / "pipe.txt", only_images])
    assert files == []
    assert [e.reason for e in errors] == [
        f"broken symbolic link (to {tmp_path / 'gone.txt'}, which does not exist)",
        "not a regular file (a FIFO)",
        "no article files (.txt .md .html .htm .json .jsonl .xml .rss .atom .urls) in folder; "
        "1 file of other kinds skipped (1 .jpg)",
    ]
    with pytest.raises(LoadError, match="not a regular file"):
        load_file(tmp_path / "pipe.txt")  # refused before it is opened


def test_a_file_or_folder_that_cannot_be_opened(tmp_path: Path, monkeypatch) -> None:
    # the tests run as root, which reads any file: the refusal is simulated
    locked = _write(tmp_path / "locked.txt", "text")
    closed = tmp_path / "closed"
    _write(closed / "x.txt", "text")

    def read_bytes(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    real_scandir = os.scandir

    def scandir(path: Any) -> Any:
        if Path(path) == closed:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    monkeypatch.setattr(os, "scandir", scandir)
    with pytest.raises(LoadError) as info:
        load_file(locked)
    assert str(info.value) == f"{locked}: cannot read: Permission denied"
    files, errors = discover([closed])
    assert files == []
    assert [str(e) for e in errors] == [f"{closed}: cannot list the folder: Permission denied"]


def test_a_folder_reached_twice_through_links_is_read_once(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    one = _write(shared / "one.txt", "one")
    root = tmp_path / "in"
    root.mkdir()
    (root / "a").symlink_to(shared)
    (root / "b").symlink_to(shared)
    files, errors = discover([root])
    assert files == [root / "a" / one.name]
    assert [str(e) for e in errors] == [
        f"{root / 'b'}: the same folder as {root / 'a'}, read there"
    ]


@pytest.mark.parametrize(
    ("raw", "safe"),
    [
        ("../../etc/passwd", "etc_passwd"),
        ("..\\..\\windows\\win.ini", "windows_win.ini"),
        ("/absolute/path", "absolute_path"),
        (".hidden", "hidden"),
        ("..", "article"),
        ("a\x00b\x1b[31mred\u202etxt.exe", "a b [31mred txt.exe"),
        ("line\nbreak\ttab", "line break tab"),
        ("x" * 300, "x" * 100),
        ("My Article", "My Article"),
        ("وزير-الدفاع", "وزير-الدفاع"),
    ],
)
def test_safe_ids(raw: str, safe: str) -> None:
    assert safe_id(raw) == safe


def test_the_seed_folder() -> None:
    files, errors = discover([SEEDS])
    assert errors == []
    assert [p.name for p in files] == sorted(p.name for p in SEEDS.glob("*.txt"))
    assert len(files) == 5


# --- decoding ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"   \n\t\n  \r\n",
        codecs.BOM_UTF8,
        codecs.BOM_UTF8 + b" \n",
        b"\n\n\n",
        " \n".encode("utf-16"),
    ],
    ids=[
        "empty",
        "whitespace",
        "utf8-bom-only",
        "utf8-bom-whitespace",
        "newlines",
        "utf16-whitespace",
    ],
)
def test_empty_or_whitespace_file_is_a_load_error(tmp_path: Path, content: bytes) -> None:
    path = _write(tmp_path / "blank.txt", content)
    with pytest.raises(LoadError) as info:
        load_file(path)
    assert info.value.reason == "empty file"
    assert info.value.path == str(path)
    assert str(info.value) == f"{path}: empty file"
    assert "\n" not in str(info.value)


def test_binary_file_is_a_load_error(tmp_path: Path) -> None:
    path = _write(tmp_path / "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    with pytest.raises(LoadError) as info:
        load_file(path)
    assert "binary" in info.value.reason
    assert "NUL" in info.value.reason


def test_file_over_the_size_limit_is_a_load_error(tmp_path: Path, monkeypatch) -> None:
    import summarizer.load as load

    monkeypatch.setattr(load, "MAX_BYTES", 100)
    path = _write(tmp_path / "big.txt", "x" * 101)
    with pytest.raises(LoadError, match="over the 100-byte limit"):
        load_file(path)


# Made-up news paragraphs, each written to a file in an encoding news archives use.
FRENCH = (
    "Le ministre de l'Intérieur a déclaré mardi que la réforme serait présentée à l'Assemblée "
    "en février. Selon lui, les élus auront « le temps nécessaire » pour l'étudier. "
    "L'opposition dénonce déjà un texte préparé à la hâte."
)
FRENCH_1252 = (
    "La mairie a annoncé jeudi une hausse de 12 € du tarif de la cantine. « C’est une décision "
    "difficile », a reconnu l’adjointe chargée de l’éducation. Les parents d’élèves ont prévu "
    "une réunion lundi soir — la troisième ce mois-ci."
)
RUSSIAN = (
    "Министр обороны России провёл во вторник телефонный разговор со своим американским "
    "коллегой. Стороны обсудили ситуацию на Украине и вопросы безопасности. По словам "
    "представителя ведомства, звонок состоялся по инициативе Вашингтона."
)
RUSSIAN_SHORT = "Цены на бензин выросли на 3 процента за месяц. Пожар в торговом центре потушен."
RUSSIAN_COURT = "Суд приговорил бывшего чиновника к пяти годам заключения за взятку."
ARABIC_NEWS = (
    "أجرى وزير الدفاع الأميركي لويد أوستن اتصالا بنظيره الروسي أندريه بيلوسوف يوم الثلاثاء. "
    "وبحث الوزيران الوضع في أوكرانيا. وقال المتحدث باسم البنتاغون إن الاتصال جاء بمبادرة من "
    "واشنطن."
)


@pytest.mark.parametrize(
    ("text", "encoding", "named", "language"),
    [
        (FRENCH, "latin-1", "iso8859-1", "fr"),
        (FRENCH, "cp1252", "iso8859-1", "fr"),  # the same bytes: no byte only 1252 gives
        (FRENCH_1252, "cp1252", "cp1252", "fr"),  # smart quotes, €, an em dash
        ("Grève à la SNCF : le trafic sera très perturbé jeudi.", "latin-1", "iso8859-1", "fr"),
        (RUSSIAN, "cp1251", "cp1251", "ru"),
        (RUSSIAN, "koi8-r", "koi8-r", "ru"),
        (RUSSIAN_SHORT, "cp1251", "cp1251", "ru"),
        (RUSSIAN_SHORT, "koi8-r", "koi8-r", "ru"),  # charset-normalizer alone: Shift-JIS
        (RUSSIAN_COURT, "koi8-r", "koi8-r", "ru"),  # no function word of the pack
        (ARABIC_NEWS, "cp1256", "cp1256", "ar"),
        (FRENCH_1252, "utf-16", "utf-16-le", "fr"),  # Python writes a BOM, little-endian
        (RUSSIAN, "utf-16-be", "utf-16-be", "ru"),  # with a BOM written below
        (ARABIC_NEWS, "utf-8-sig", "utf-8-sig", "ar"),
        (RUSSIAN, "utf-32", "utf-32-le", "ru"),
        (FRENCH_1252, "utf-8", "utf-8", "fr"),
    ],
    ids=lambda v: v if isinstance(v, str) and len(v) < 12 else "",
)
def test_legacy_and_unicode_encodings_are_detected_and_recorded(
    tmp_path: Path, text: str, encoding: str, named: str, language: str
) -> None:
    data = (codecs.BOM_UTF16_BE if encoding == "utf-16-be" else b"") + text.encode(encoding)
    article = load_file(_write(tmp_path / "news.txt", data))
    assert article.text == text
    assert article.encoding == named
    assert article.language == language


def test_bytes_no_encoding_explains_are_refused(tmp_path: Path) -> None:
    rng = random.Random(14)
    noise = bytes(rng.randrange(1, 256) for _ in range(3000))  # no NUL byte: not "binary"
    path = _write(tmp_path / "noise.txt", noise)
    with pytest.raises(LoadError) as info:
        load_file(path)
    assert info.value.reason.startswith("not text: not UTF-8 (invalid byte at ")
    assert info.value.reason.endswith("and no other encoding explains it")


def test_a_broken_utf16_text_after_its_bom_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path / "broken.txt", codecs.BOM_UTF16_LE + "texte".encode("utf-16-le")
                  + b"\x00\xd8")  # fmt: skip
    with pytest.raises(LoadError, match="invalid utf-16-le text at byte 12"):
        load_file(path)


def test_text_in_memory_has_no_encoding() -> None:
    assert Article.from_text(FRENCH).encoding is None


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig", "utf-8"])
def test_unicode_encodings_with_bom_decode(tmp_path: Path, encoding: str) -> None:
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}.get(encoding, b"")
    path = _write(tmp_path / "a.txt", bom + ARABIC.encode(encoding))
    article = load_file(path)
    assert article.text == ARABIC
    assert article.language == "ar"
    assert article.encoding == {"utf-16": "utf-16-le", "utf-8": "utf-8"}.get(encoding, encoding)


def test_windows_1256_arabic_decodes(tmp_path: Path) -> None:
    text = "وزير الدفاع الأميركي لويد أوستن\r\nاتصل بنظيره الروسي الثلاثاء"
    path = _write(tmp_path / "cp1256.txt", text.encode("cp1256"))
    article = load_file(path)
    assert article.text == text.replace("\r\n", "\n")
    assert article.language == "ar"


def test_article_metadata(tmp_path: Path) -> None:
    import hashlib

    path = _write(tmp_path / "My Article.txt", "Line one\r\nLine two\r\n")
    article = load_file(path)
    assert article.id == "My Article"
    assert article.path == str(path)
    assert article.text == "Line one\nLine two\n"  # CRLF normalised, nothing else changed
    assert article.sha256 == hashlib.sha256(article.text.encode()).hexdigest()
    assert article.language == "en"


def test_article_from_empty_text_is_a_load_error() -> None:
    with pytest.raises(LoadError, match="empty text"):
        Article.from_text("  \n ")


# --- page dates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("seed", "page_date"),
    [
        ("002_741ecda8f4a08f1a.txt", ("٢٥ / ديسمبر / ٢٠٢٤", "2024-12-25")),
        ("003_1a1bb99051900fc7.txt", ("25 أبريل 2024", "2024-04-25")),
        # the date in 000 is inside a photo caption, not a page header
        ("000_b97ede104fd19c63.txt", None),
        ("004_6498fe370d19e1ff.txt", None),
    ],
)
def test_page_date_of_the_seeds(seed: str, page_date: tuple[str, str] | None) -> None:
    article = load_file(SEEDS / seed)
    assert (
        None if article.page_date is None else (article.page_date, article.page_date_iso)
    ) == page_date


def test_page_date_on_a_header_line() -> None:
    text = "Logo\nالخميس 25 أبريل 2024\n\nأجرى وزيرا الدفاع محادثات هاتفية اليوم الجمعة في 3 مايو."
    assert find_page_date(text) == ("25 أبريل 2024", "2024-04-25", "page date")
    article = Article.from_text(text)
    assert (article.page_date, article.page_date_iso) == ("25 أبريل 2024", "2024-04-25")


@pytest.mark.parametrize(
    "line",
    ["السبت 14 مارس 2026 - 10:15", "Saturday, 14 March 2026, 10:15", "суббота, 14 марта 2026 г."],
)
def test_a_header_line_with_its_weekday_and_time_is_a_page_date_below_blank_lines(
    line: str,
) -> None:
    head = "https://example.org/a\nExample (example.org)\n\nTitle\n\nTitle\nCredit"
    text = f"{head}\n{line}\n\nText."
    found = find_page_date(text)
    assert found is not None and found[1] == "2026-03-14"


def test_a_date_inside_a_sentence_is_not_a_page_date() -> None:
    text = "Headline\n\nThe ministers spoke on 14 June 2024 about the war in Ukraine and more."
    assert find_page_date(text) is None


def test_a_header_date_below_the_top_lines_is_not_a_page_date() -> None:
    text = "\n".join(["line"] * 10 + ["25 April 2024"])
    assert find_page_date(text) is None


# --- what the model is shown ------------------------------------------------------------------


def test_prompt_text_drops_duplicated_lines() -> None:
    caption = "The minister at a news conference in Brussels"
    text = (
        "Ministers talk for the first time in 16 months\n\n"
        f"{caption}\n{caption}\n\n"
        "The defence ministers of both countries spoke by phone on Tuesday.\n\n"
        "Moscow said the call was made at the request of Washington."
    )
    shown, cut = prompt_text(text, 10_000)
    assert cut is False
    assert shown.count(caption) <= 1
    assert shown.startswith("Ministers talk for the first time in 16 months")
    assert "spoke by phone on Tuesday." in shown
    assert shown.endswith("at the request of Washington.")
    assert "\n\n\n" not in shown


def test_prompt_text_drops_the_repeated_caption_of_the_seed() -> None:
    text = (SEEDS / "000_b97ede104fd19c63.txt").read_text(encoding="utf-8")
    caption = "وزير الدفاع الأميركي لويد أوستن خلال مؤتمر صحافي في بروكسل عقب اجتماع وزراء الناتو."
    assert text.count(caption) == 2
    shown, cut = prompt_text(text, 100_000)
    assert cut  # before the heading of the page's next story
    assert shown.count(caption) <= 1
    assert "أجرى وزير الدفاع الأميركي لويد أوستن، اتصالاً بنظيره الروسي" in shown
    assert "تهديدات روسية" not in shown and "قصص قد تهمك" not in shown


def test_prompt_text_ends_before_another_story_after_the_lead() -> None:
    lead = "First paragraph of the story, with who and when. " * 14
    text = f"{lead}\n\nMore of the story.\n\nAnother Story Heading\n\nIts first paragraph."
    shown, cut = prompt_text(text, 100_000)
    assert cut and shown.endswith("More of the story.")
    short = "A short story that ends early.\n\nA Heading Too Early\n\nMore text."
    assert prompt_text(short, 100_000) == (short, False)


def test_prompt_text_cuts_at_a_paragraph_boundary() -> None:
    paragraphs = [f"Paragraph {i} " + "word " * 30 + "end." for i in range(1, 6)]
    text = "\n\n".join(paragraphs)
    limit = len("\n\n".join(paragraphs[:3])) + 40  # in the middle of the fourth paragraph
    shown, cut = prompt_text(text, limit)
    assert cut is True
    assert shown == "\n\n".join(paragraphs[:3])
    assert len(shown) <= limit


def test_prompt_text_within_the_limit_is_not_cut() -> None:
    text = "First paragraph.\n\nSecond paragraph."
    assert prompt_text(text, len(text)) == (text, False)
    assert prompt_text(text, 0) == (text, False)  # 0 = no limit


def test_prompt_text_does_not_change_the_original() -> None:
    text = "a\n\nb\nb\n" * 3
    before = str(text)
    prompt_text(text, 5)
    assert text == before


@pytest.mark.parametrize(
    ("line", "rest"),
    [
        ("12 March 2026 - Dock workers walked out", "Dock workers walked out"),
        (" date 2026-03-12 Dock workers walked out", "Dock workers walked out"),
        ("Dock workers walked out on 12 March 2026", "Dock workers walked out on 12 March 2026"),
        ("Москва, 12 марта - Порт-Новости. Докеры бастуют", "Докеры бастуют"),
        ("PORTLAND, March 12 (Wire) - Dock workers walked out", "Dock workers walked out"),
        ("بورتلاند، الخميس 12 مارس 2026 - أضرب عمال الميناء", "أضرب عمال الميناء"),
        ("بورتلاند - 12 مارس (وكالات) - أضرب عمال الميناء", "أضرب عمال الميناء"),
        ("Portland - 12 dockers walked out", "Portland - 12 dockers walked out"),
        ("On Thursday, 12 March - a strike", "On Thursday, 12 March - a strike"),
        ("Workers, 12 March and on - a strike", "Workers, 12 March and on - a strike"),
    ],
)
def test_a_dateline_is_cut_from_the_line_it_opens(line: str, rest: str) -> None:
    assert without_dateline(line) == rest


def test_an_embedded_posts_credit_and_a_question_subhead_do_not_end_the_story() -> None:
    from summarizer.story import boilerplate, next_story

    credit = "— City Desk (@citydesk) March 12, 2026"
    assert boilerplate(credit) == "caption"
    lead = "Dock workers walked out on Monday. " * 20
    text = f"{lead}\n{credit}\nWhat did the union say?\nThe union said it would talk.\n"
    assert next_story(text) is None
    assert next_story(f"{lead}\nRelated: port fees rise again\nOther text.\n") is not None


def test_a_subhead_of_the_story_does_not_end_it_and_another_story_does() -> None:
    """Readers go on past a heading when what follows it goes on with the story (a quarter
    of its words the story's before it); the model is shown the story up to any heading."""
    from summarizer.story import main_story, next_story, prompt_text

    lead = (
        "Dock workers in the port of Nablo walked out on Monday over pay, the union said. "
        "The strike closed the container terminal and ships waited at anchor outside. " * 8
    )
    subhead = "Talks promised"
    more = (
        "The union said dock workers would keep the container terminal closed until the port "
        "authority offers better pay, and ships would keep waiting at anchor."
    )
    text = f"{lead}\n{subhead}\n{more}\n"
    assert next_story(text) is None
    assert more in main_story(text)
    assert next_story(text, subheads=False) is not None
    assert more not in prompt_text(text, 4000)[0]
    other = "Football: the city club signs a new goalkeeper from abroad for next season's league."
    assert next_story(f"{lead}\nSport news\n{other}\n") is not None


def test_a_dateline_that_names_its_place_first_is_the_page_date() -> None:
    text = "Example (example.org)\n\nPORTLAND, March 12, 2026 (Wire) - Dock workers walked out.\n"
    assert find_page_date(text) == ("March 12, 2026", "2026-03-12", "dateline")
    assert find_page_date("Portland, 12 March - Wire. Dock workers walked out.\n") is None
