"""summarizer.dates: dates as written in Arabic, English and Russian news."""

from __future__ import annotations

import pytest

from summarizer.dates import find_dates


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
        ("Встреча прошла 1 сентября 2022 г. в Москве", "1 сентября 2022", "2022-09-01"),
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
