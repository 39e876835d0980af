"""The event's time as an interval with its provenance (``dates``, ``read.when``), and what it
does to grouping: made-up sentences in Arabic, English and Russian."""

from __future__ import annotations

from datetime import date

import pytest
from builders import event, grouping, people, summary

from summarizer.dates import (
    LEAD,
    OPENING,
    REPORT,
    SENTENCE,
    Anchor,
    date_in_url,
    gap_days,
    resolve_when,
    time_mentions,
    times_apart,
)
from summarizer.diff import compare
from summarizer.entities import EntityIndex
from summarizer.group import Link, build_views, link
from summarizer.load import Article
from summarizer.models import ArticleSummary
from summarizer.read.when import event_when, text_event_time
from summarizer.story import boilerplate, lead_sentence

FRIDAY = date(2025, 3, 14)

# --- the article's own date --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("https://news.example.org/2025/03/14/minister-visits-varno", date(2025, 3, 14)),
        ("http://example.com/news/2025/mar/14/varno-floods", date(2025, 3, 14)),
        ("https://example.ru/news/varno/2025-03-14-1234", date(2025, 3, 14)),
        ("https://example.net/world/14032025-amp", date(2025, 3, 14)),  # DDMMYYYY only
        ("https://example.net/world/20250314", date(2025, 3, 14)),  # YYYYMMDD only
        ("https://example.org/2025/03/floods", None),  # a month is no day
        ("https://example.org/?p=20251299", None),  # no date in either reading
        ("https://example.org/item/123456", None),
    ],
)
def test_the_day_a_page_address_writes(url: str, day: date | None) -> None:
    found = date_in_url(url)
    assert (found[1] if found else None) == day


def test_a_text_that_opens_with_its_address_is_dated_by_it() -> None:
    text = (
        "https://news.example.org/2025/03/14/varno\nExample News\n\n"
        "Floods swept the province of Varno on Thursday, officials said.\n"
    )
    article = Article.from_text(text, id="varno")
    assert article.url == "https://news.example.org/2025/03/14/varno"
    assert (article.page_date_iso, article.page_date_from) == ("2025-03-14", "url")
    # the caller's metadata wins over the address
    given = Article.from_text(text, id="varno", published="2025-03-15")
    assert (given.page_date_iso, given.page_date_from) == ("2025-03-15", "metadata")


def test_a_date_token_and_date_labels_are_the_pages_date_not_the_events() -> None:
    token = Article.from_text(" date 2025-03-14 Floods swept Varno on Thursday night.\n")
    assert (token.page_date_iso, token.page_date_from) == ("2025-03-14", "date token")
    for line in ("Published: Friday, March 14, 2025, 9: 30 AM", "Updated 14 March 2025 - 10:02",
                 "Опубликовано 14 марта 2025", "آخر تحديث 14 مارس 2025"):  # fmt: skip
        assert boilerplate(line) == "page date", line


# --- which words date the event ------------------------------------------------------------------


def test_mentions_written_side_by_side_are_one_and_other_times_are_marked() -> None:
    text = "طالب الوزير نادر سليم، يوم أمس الجمعة (14 آذار 2025)، بوقف القتال منذ 3 آذار."
    found = [(m.written, m.other_time) for m in time_mentions(text)]
    assert found == [("أمس الجمعة (14 آذار 2025)", False), ("3 آذار", True)]
    assert [m.other_time for m in time_mentions("Since 2 March, and on Friday, Tom Vale")] == [
        True,
        False,
    ]


@pytest.mark.parametrize(
    ("sentence", "opening", "hint", "expected"),
    [
        # the date of the previous call and "since ..." date another event
        ("Tom Vale spoke with Dana Lor on Friday, their first call since 2 March.", "", None,
         ("Friday", SENTENCE)),
        ("Лия Мор провела переговоры с Томом Вейлом с 3 марта.",
         "Лия Мор говорила с Томом Вейлом в пятницу.", None, ("пятницу", LEAD)),
        # a report's time is no event's time while another mention dates the event
        ("The toll rose to 40, the Red Crescent said today.",
         "Floods hit\nThe toll rose to 40, the Red Crescent said today.\n"
         "The floods swept Varno on Monday.", None, ("Monday", OPENING)),
        # ... and the only time there is, when nothing else dates it
        ("أعلنت وزارة الصحة اليوم الأحد ارتفاع الحصيلة إلى 40 قتيلا", "", None,
         ("اليوم الأحد", REPORT)),
        # the model's choice among the mentions of the event's sentence
        ("On Tuesday, a day after the vote on Monday, Dana Lor took office.", "", "Monday",
         ("Monday", SENTENCE)),
        ("Floods swept the province of Varno.", "", "9 March", (None, None)),
        # a preview: what its other sentences date happens before the event (ar, en, ru)
        ("The Varno League will meet in Ostra to discuss the floods.",
         "The Varno League will meet in Ostra.\nDana Lor arrived in Ostra on Friday.", None,
         (None, None)),
        ("سوف تجتمع رابطة فارنو في أوسترا.", "وصلت دانا لور إلى أوسترا يوم الجمعة.", None,
         (None, None)),
        ("Лига Варно соберется в Остре на переговоры, которые состоятся после визита.",
         "Дана Лор прибыла в Остру в пятницу.", None, (None, None)),
        # a page's date label dates the page, not the event
        ("A woman was killed by a driver in Varno.",
         "Woman killed in Varno\nPosted in Accidents on Wednesday, September 18, 2013.\n"
         "A woman was killed by a driver in Varno on the night of Sept. 13.", None,
         ("Sept. 13", OPENING)),
        # ... not what was said to come: the statement was made when the opening says
        ("Varno said it will cut its output.", "Varno said on Sunday it will cut its output.",
         None, ("Sunday", REPORT)),
    ],
)  # fmt: skip
def test_event_when_reads_the_events_own_time(
    sentence: str, opening: str, hint: str | None, expected: tuple[str | None, str | None]
) -> None:
    assert event_when(sentence, opening, hint) == expected


def test_the_lead_sentence_follows_the_headlines() -> None:
    opening = "Floods in Varno\nExample News\nFloods swept the province of Varno on Sunday night."
    assert lead_sentence(opening) == "Floods swept the province of Varno on Sunday night"


# --- what they resolve to ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "reference", "iso", "basis"),
    [
        ("14 March", FRIDAY, "2025-03-14", "date+reference"),
        ("30 декабря", date(2025, 1, 2), "2024-12-30", "date+reference"),  # the nearest year
        ("16 March", FRIDAY, "2025-03-16", "date+reference"),  # two days on: the same year
        ("on Friday", FRIDAY, "2025-03-14", "weekday+reference"),
        ("вчера", FRIDAY, "2025-03-13", "relative+reference"),
        ("14 مارس 2024", FRIDAY, "2024-03-14", "date"),
    ],
)
def test_resolution_and_its_interval(written: str, reference: date, iso: str, basis: str) -> None:
    r = resolve_when(written, Anchor(reference, "dateline"), read_from=SENTENCE)
    assert r is not None and (r.iso, r.basis, r.read_from) == (iso, basis, SENTENCE)
    assert r.interval == (date.fromisoformat(iso), date.fromisoformat(iso))
    assert r.anchor == ("dateline" if basis != "date" else None)
    assert "article's date" in r.provenance or basis == "date"


def test_the_page_address_bounds_the_event_but_never_states_its_day() -> None:
    address = Anchor(FRIDAY, "url")
    weekday = resolve_when("on Tuesday", address)
    assert weekday is not None and (weekday.iso, weekday.basis, weekday.weekday) == (
        None, "weekday", 1
    )  # fmt: skip
    assert weekday.interval == (date(2025, 3, 7), date(2025, 3, 21))
    assert "page's address" in weekday.provenance
    day = resolve_when("11 марта", address)
    assert day is not None and (day.iso, day.interval) == ("--03-11", (date(2025, 3, 11),) * 2)
    assert times_apart(weekday, resolve_when("23 October"))  # a day and month outside it
    assert not times_apart(weekday, resolve_when("18 March"))


def test_no_anchor_gives_no_interval_never_a_guess() -> None:
    weekday = resolve_when("الجمعة")
    assert weekday is not None and (weekday.interval, weekday.weekday) == (None, 4)
    month = resolve_when("March 2025")
    assert month is not None and month.interval == (date(2025, 3, 1), date(2025, 3, 31))
    assert resolve_when("14 марта").interval is None  # type: ignore[union-attr]


def test_gaps_and_a_page_date_lines_soft_days() -> None:
    dated = resolve_when("Friday", Anchor(FRIDAY, "dateline"))
    header = resolve_when("Friday", Anchor(date(2026, 1, 2), "page date"))  # a fetch date?
    other = resolve_when("16 March 2025")
    assert gap_days(dated, other) == 2 and times_apart(dated, other)
    assert gap_days(header, other) is not None and gap_days(header, other) > 200
    # a page-date line may be the day the page was fetched: only its weekday holds
    assert header is not None and header.firm.iso is None and header.firm.weekday == 4
    assert not times_apart(header, resolve_when("Saturday"))  # a day apart at most
    assert times_apart(header, resolve_when("Tuesday"))
    assert gap_days(resolve_when("21 октября"), resolve_when("23 October")) == 2


# --- grouping ----------------------------------------------------------------------------------

CALL = "Tom Vale and Dana Lor spoke by phone"


def _call(id: str, when: str | None, page: str | None = None, lang: str = "en") -> ArticleSummary:
    return summary(id, event(CALL, when=when), participants=people("Tom Vale", "Dana Lor"),
                   language=lang, page_date_iso=page)  # fmt: skip


def test_the_same_people_two_days_apart_are_two_events() -> None:
    a = _call("a", "21 October 2024")
    b = _call("b", "October 23")  # no year: days and months still compare
    c = _call("c", "Friday", page="2024-10-22")  # the 18th, against the article's date
    views = build_views([a, b, c], EntityIndex())
    assert link(views[0], views[1]) == Link.APART
    assert link(views[0], views[2]) == Link.APART
    assert grouping(compare([a, b, c])) == {frozenset("a"), frozenset("b"), frozenset("c")}


def test_dates_written_as_dates_in_the_opening_keep_events_apart_as_the_events_own() -> None:
    opening = [resolve_when(w, read_from=OPENING) for w in ("3 June 2024", "7 June 2024")]
    assert times_apart(*opening)  # four days apart: two events
    # a weekday or a relative day in the opening may date a side of the event (an arrival)
    sides = [resolve_when(w, date(2024, 6, 7), read_from=OPENING) for w in ("Monday", "Friday")]
    assert not times_apart(*sides)
    assert not times_apart(*opening[:1], resolve_when("4 June 2024", read_from=OPENING))


def test_one_event_is_not_split_by_a_weekday_a_date_a_language_or_a_day_late_report() -> None:
    articles = [
        _call("a", "Tuesday"),
        _call("b", "22 October 2024"),  # a Tuesday
        _call("c", "во вторник", lang="ru"),
        _call("d", "أمس الثلاثاء", page="2024-10-23", lang="ar"),
        _call("e", "Wednesday"),  # a day late, or another time zone
    ]
    assert grouping(compare(articles)) == {frozenset("abcde")}


def test_the_fast_path_reads_the_time_of_the_storys_first_sentence() -> None:
    text = (
        "https://example.org/2025/03/14/varno\nExample\n\nFloods in Varno\n"
        "Floods swept the province of Varno on Thursday, officials said, the worst since 2 March.\n"
    )
    when = text_event_time(text, Anchor(date(2025, 3, 14), "dateline"))
    assert when is not None and (when.written, when.iso, when.read_from) == (
        "Thursday", "2025-03-13", SENTENCE
    )  # fmt: skip
