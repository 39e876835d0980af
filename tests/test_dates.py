"""summarizer.dates: dates as written in Arabic, English and Russian news."""

from __future__ import annotations

from datetime import date

import pytest

from summarizer.dates import ResolvedWhen, find_dates, resolve_when, time_mentions


def _only(text: str) -> tuple[str, str]:
    dates = find_dates(text)
    assert len(dates) == 1, dates
    d = dates[0]
    assert text[d.start : d.end] == d.written  # the span points into the original text
    return d.written, d.iso


@pytest.mark.parametrize(
    ("text", "written", "iso"),
    [
        # Arabic: Arabic-Indic digits and slashes between the parts (a page header)
        ("الأربعاء ٢٥ / ديسمبر / ٢٠٢٤", "٢٥ / ديسمبر / ٢٠٢٤", "2024-12-25"),
        # Levantine and Egyptian month names written together, no year
        ("وتعود آخر مكالمة إلى 13 أيار/مايو، قبل بضعة أيام", "13 أيار/مايو", "--05-13"),
        # month and year only
        ("أول اتصال منذ مارس 2023، وكانت المكالمة الأخيرة", "مارس 2023", "2023-03"),
        ("في 12 مايو الماضي", "12 مايو", "--05-12"),
        ("الخميس 25 أبريل 2024", "25 أبريل 2024", "2024-04-25"),
        ("الخميس 23 ديسمبر 2021. (الخدمة الصحفية)", "23 ديسمبر 2021", "2021-12-23"),
        ("في ١٥ آذار ٢٠٢٣ جرى الاتصال", "١٥ آذار ٢٠٢٣", "2023-03-15"),
        ("في 3 كانون الثاني 2022", "3 كانون الثاني 2022", "2022-01-03"),
        ("منذ بداية الحرب في أواخر شباط/ فبراير 2022.", "شباط/ فبراير 2022", "2022-02"),
        # English
        ("The call took place on June 14, 2024 in Brussels.", "June 14, 2024", "2024-06-14"),
        ("Brussels, 14 June 2024 - Reuters", "14 June 2024", "2024-06-14"),
        ("the first call since March 2023", "March 2023", "2023-03"),
        ("on Sept. 9 the talks resumed", "Sept. 9", "--09-09"),
        ("Updated 2024-12-25 at noon", "2024-12-25", "2024-12-25"),
        # Russian: genitive month names, "года" is not part of the date
        ("Разговор состоялся 15 марта 2023 года.", "15 марта 2023", "2023-03-15"),
        ("в последний раз они говорили 13 мая", "13 мая", "--05-13"),
        ("последний звонок был в марте 2023 года", "марте 2023", "2023-03"),  # prepositional
        ("Встреча прошла 1 сентября 2022 г. в Москве", "1 сентября 2022", "2022-09-01"),
        # a range of days is dated by its first day, the year written after the range kept
        ("The forum met on March 5-7, 2025 in Lyon.", "March 5-7, 2025", "2025-03-05"),
        ("The fair, held 5–7 March 2025, drew crowds.", "5–7 March 2025", "2025-03-05"),
        ("Форум прошёл с 5 по 7 марта 2025 года.", "5 по 7 марта 2025", "2025-03-05"),
        ("Le salon a lieu du 5 au 7 mars 2025.", "5 au 7 mars 2025", "2025-03-05"),
        ("ينعقد المعرض بين 5 و7 مارس 2025", "5 و7 مارس 2025", "2025-03-05"),
        # the day as an ordinal word (Arabic) or with "of"
        ("وجرت الانتخابات في الخامس من مارس 2025", "الخامس من مارس 2025", "2025-03-05"),
        ("في الحادي والعشرين من أيلول", "الحادي والعشرين من أيلول", "--09-21"),
        ("في الثالث عشر من يوليو 2024", "الثالث عشر من يوليو 2024", "2024-07-13"),
        ("on the 5th of March 2025", "5th of March 2025", "2025-03-05"),
        # the Russian day with its ending, the Arabic month after the word for month
        ("Выборы назначены на 5-го марта 2025 года.", "5-го марта 2025", "2025-03-05"),
        ("في 5 من شهر مارس 2025", "5 من شهر مارس 2025", "2025-03-05"),
    ],
)
def test_find_dates(text: str, written: str, iso: str) -> None:
    assert _only(text) == (written, iso)


def test_several_dates_in_order_of_appearance() -> None:
    text = "في 14 يونيو 2024 - Reuters، بعد 13 أيار/مايو وقبل 19 أيار/مايو"
    assert [d.iso for d in find_dates(text)] == ["2024-06-14", "--05-13", "--05-19"]


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("بين 13 أيار/مايو و19 أيار/مايو", "19 أيار/مايو"),  # و "and" written onto the day
        ("التقيا في 13 مايو وفي 19 مايو", "19 مايو"),
        ("حتى 25 ديسمبر 2024 وب30 ديسمبر 2024", "30 ديسمبر 2024"),
    ],
    ids=["wa-before-day", "control-space-before-day", "wa-ba-before-day"],
)
def test_date_after_an_attached_arabic_prefix(text: str, written: str) -> None:
    """Arabic writes the conjunction و and the prepositions ب/ل onto the next word, digits
    included ("و19 أيار/مايو"): the date after such a prefix is still a date."""
    assert written in [d.written for d in find_dates(text)]


def test_parts_are_resolved() -> None:
    (d,) = find_dates("١٤ يونيو ٢٠٢٤")
    assert (d.year, d.month, d.day) == (2024, 6, 14)
    (d,) = find_dates("مارس 2023")
    assert (d.year, d.month, d.day) == (2023, 3, None)


@pytest.mark.parametrize(
    "text",
    [
        "أول اتصال منذ 16 شهراً",  # a duration, not a date
        "ضمتها روسيا إليها في عام 2014",  # a year alone is not a date
        "بـ 5 صواريخ أودى بحياة 4 أشخاص",
        "يوم الثلاثاء",  # a weekday alone is not a calendar date
        "الأول من نوعه",  # an ordinal with no month after it
        "32 مايو",  # no such day
        "The 300 km range",
    ],
)
def test_no_date(text: str) -> None:
    assert find_dates(text) == []


def test_dates_in_the_seed_article() -> None:
    from conftest import seed_text

    text = seed_text()
    found = [(d.written, d.iso) for d in find_dates(text)]
    assert found == [
        ("14 يونيو 2024", "2024-06-14"),  # the photo caption, printed twice
        ("14 يونيو 2024", "2024-06-14"),
        ("12 مايو", "--05-12"),
        ("مارس 2023", "2023-03"),
    ]
    assert all(text[d.start : d.end] == d.written for d in find_dates(text))


# --- resolve_when: an event's "when" against the article's own date ---------------------------

TUESDAY = date(2024, 6, 25)  # a Tuesday
FRIDAY = date(2024, 6, 28)


def test_no_when_is_no_resolution() -> None:
    assert resolve_when(None, TUESDAY) is None
    assert resolve_when("   ", TUESDAY) is None


@pytest.mark.parametrize(
    ("written", "weekday"),
    [
        ("الثلاثاء", 1),
        ("يوم الجمعة", 4),
        ("الإثنين", 0),
        ("الأحد", 6),
        ("on Tuesday", 1),
        ("в пятницу", 4),
        ("во вторник", 1),
    ],
)
def test_weekday_alone_stays_a_weekday(written: str, weekday: int) -> None:
    assert resolve_when(written) == ResolvedWhen(written, weekday, None, "weekday")


@pytest.mark.parametrize(
    ("written", "reference", "iso"),
    [
        ("الثلاثاء", TUESDAY, "2024-06-25"),  # the reference's own weekday: that day
        ("الجمعة", TUESDAY, "2024-06-21"),  # a later weekday: the week before
        ("الاثنين", TUESDAY, "2024-06-24"),
        ("Wednesday", TUESDAY, "2024-06-19"),
        ("в среду", FRIDAY, "2024-06-26"),
        ("الأحد", date(2024, 1, 2), "2023-12-31"),  # across a year
    ],
)
def test_weekday_with_reference_is_the_latest_such_day_on_or_before_it(
    written: str, reference: date, iso: str
) -> None:
    resolved = resolve_when(written, reference)
    assert resolved is not None
    assert resolved.iso == iso
    assert resolved.basis == "weekday+reference"
    day = date.fromisoformat(iso)
    assert day.weekday() == resolved.weekday
    assert 0 <= (reference - day).days < 7


def test_today_with_its_weekday() -> None:
    resolved = resolve_when("اليوم الجمعة", FRIDAY)
    assert resolved == ResolvedWhen("اليوم الجمعة", 4, "2024-06-28", "weekday+reference")
    assert resolve_when("اليوم الجمعة") == ResolvedWhen("اليوم الجمعة", 4, None, "weekday")


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        # on the article's own weekday, "last" is the week before; "next" is to come
        ("وقع الهجوم يوم الجمعة الماضي", "2024-06-21"),
        ("It happened last Friday.", "2024-06-21"),
        ("Это случилось в прошлую пятницу.", "2024-06-21"),
        ("vendredi dernier", "2024-06-21"),
        ("Tuesday's vote", "2024-06-25"),
        ("last Tuesday", "2024-06-25"),
        ("تجرى الانتخابات الأحد المقبل", "2024-06-30"),
        ("the vote next Sunday", "2024-06-30"),
        ("в следующее воскресенье", "2024-06-30"),
        ("dimanche prochain", "2024-06-30"),
    ],
)
def test_a_weekday_said_to_be_past_or_to_come(text: str, iso: str) -> None:
    (mention,) = time_mentions(text)
    resolved = resolve_when(mention.written, FRIDAY)
    assert resolved is not None and resolved.iso == iso


def test_the_longest_relative_day_is_read() -> None:
    """ "أمس الأول" is the day before yesterday, not "أمس" (yesterday) and a word after it."""
    (mention,) = time_mentions("وقع الحادث يوم أمس الأول في المدينة")
    assert mention.written == "أمس الأول"
    assert resolve_when(mention.written, FRIDAY).iso == "2024-06-26"


@pytest.mark.parametrize("written", ["أمس", "yesterday", "вчера", "البارحة"])
def test_yesterday_with_reference(written: str) -> None:
    resolved = resolve_when(written, TUESDAY)
    assert resolved == ResolvedWhen(written, 0, "2024-06-24", "relative+reference")


@pytest.mark.parametrize("written", ["اليوم", "today", "сегодня"])
def test_today_with_reference(written: str) -> None:
    assert resolve_when(written, TUESDAY) == ResolvedWhen(
        written, 1, "2024-06-25", "relative+reference"
    )


@pytest.mark.parametrize("written", ["أمس", "yesterday", "вчера"])
def test_yesterday_without_reference_is_unresolved(written: str) -> None:
    assert resolve_when(written) == ResolvedWhen(written, None, None, "unresolved")


def test_nothing_datable_is_unresolved() -> None:
    assert resolve_when("في وقت سابق", TUESDAY) == ResolvedWhen(
        "في وقت سابق", None, None, "unresolved"
    )


@pytest.mark.parametrize(
    ("written", "reference", "iso"),
    [
        ("15 March", TUESDAY, "2024-03-15"),  # before the reference: its year
        ("في 15 مارس", date(2024, 3, 15), "2024-03-15"),  # the reference day itself
        ("26 June", TUESDAY, "2024-06-26"),  # the next day: the year that puts it nearest
        ("26 December", TUESDAY, "2023-12-26"),  # half a year later: the year before
        ("30 ديسمبر", date(2025, 1, 2), "2024-12-30"),
        ("13 мая", TUESDAY, "2024-05-13"),
    ],
)
def test_date_without_year_takes_the_reference_year(
    written: str, reference: date, iso: str
) -> None:
    resolved = resolve_when(written, reference)
    assert resolved is not None
    assert (resolved.iso, resolved.basis) == (iso, "date+reference")


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("15 March", "--03-15"),  # no reference: the year stays unknown
        ("15 مارس 2023", "2023-03-15"),
        ("مارس 2023", "2023-03"),
        ("14 June 2024", "2024-06-14"),
    ],
)
def test_explicit_date_basis(written: str, iso: str) -> None:
    resolved = resolve_when(written)
    assert resolved is not None
    assert (resolved.iso, resolved.basis) == (iso, "date")


def test_a_date_with_a_year_ignores_the_reference() -> None:
    resolved = resolve_when("15 مارس 2023", TUESDAY)
    assert resolved is not None
    assert (resolved.iso, resolved.basis) == ("2023-03-15", "date")


def test_an_explicit_date_wins_over_its_weekday_and_keeps_it() -> None:
    resolved = resolve_when("الخميس 25 أبريل 2024", TUESDAY)
    assert resolved == ResolvedWhen("الخميس 25 أبريل 2024", 3, "2024-04-25", "date")


@pytest.mark.parametrize(
    "written", ["15 مارس العام الماضي", "15 March last year", "15 марта прошлого года"]
)
def test_date_without_year_said_to_be_last_year(written: str) -> None:
    resolved = resolve_when(written, TUESDAY)
    assert resolved is not None
    assert resolved.iso == "2023-03-15"


@pytest.mark.parametrize(
    "written", ["в середине марта прошлого года", "in March last year", "في مارس العام الماضي"]
)
def test_a_month_said_to_be_last_year(written: str) -> None:
    assert [d.iso for d in find_dates(written)] == ["--03"]
    resolved = resolve_when(written, TUESDAY)
    assert resolved is not None
    assert resolved.iso == "2023-03"


def test_a_date_without_a_year_takes_the_news_year_when_there_is_no_reference() -> None:
    r = resolve_when("7 سبتمبر", None, year=2024)
    assert r is not None and (r.iso, r.weekday, r.basis) == ("2024-09-07", 5, "date+year")
    # a reference wins, and a weekday alone is not dated by a year
    assert resolve_when("7 September", date(2025, 1, 3), year=2024).iso == "2024-09-07"
    r = resolve_when("on Saturday", None, year=2024)
    assert r is not None and (r.iso, r.basis) == (None, "weekday")
