"""summarizer.group (through ``compare``): which hand-made article summaries report one event."""

from __future__ import annotations

import pytest
from builders import (
    claim,
    event,
    failed,
    grouping,
    participant,
    people,
    quantity,
    summary,
    synthetic_comparison,
)

from summarizer.diff import compare
from summarizer.entities import EntityIndex
from summarizer.group import EventView, Link, build_views, cluster, link
from summarizer.models import ArticleSummary, Status

CALL = "اتصال هاتفي بين وزيري الدفاع الأميركي والروسي"


def belousov_call(id: str, *names: str, when: str | None = "الثلاثاء") -> ArticleSummary:
    """Austin and Belousov's call (a Tuesday in June 2024)."""
    return summary(id, event(CALL, when=when), participants=people(*names))


def shoigu_call(id: str, *names: str, when: str | None = "الجمعة") -> ArticleSummary:
    """Austin and Shoigu's call (a Friday in October 2022)."""
    return summary(id, event(CALL, when=when), participants=people(*names))


def _views(*summaries: ArticleSummary) -> list[EventView]:
    return build_views(list(summaries), EntityIndex())


# --- apart, together ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("when_b", "when_s"), [("الثلاثاء", "الجمعة"), (None, None)], ids=["weekdays", "names-only"]
)
def test_same_ministries_with_another_minister_are_two_events(
    when_b: str | None, when_s: str | None
) -> None:
    """Austin+Belousov and Austin+Shoigu: the same two ministries, two calls. Without the
    weekdays the names alone (one shared person out of three) keep them apart."""
    b = belousov_call("b", "لويد أوستن", "أندريه بيلوسوف", when=when_b)
    s = shoigu_call("s", "لويد أوستن", "سيرغي شويغو", when=when_s)
    assert link(*_views(b, s)) == Link.APART
    assert grouping(compare([b, s])) == {frozenset({"b"}), frozenset({"s"})}


def test_three_articles_of_one_event_with_spelling_variants_are_one_event() -> None:
    articles = [
        belousov_call("b1", "لويد أوستن", "أندريه بيلوسوف"),
        belousov_call("b2", "الوزير لويد أوستن", "أندريه بيلاوسوف"),
        summary("b3", event("Austin and Belousov spoke by phone", when="Tuesday"),
                participants=people("Lloyd Austin", "Andrei Belousov"), language="en"),
        shoigu_call("s1", "لويد أوستن", "سيرجي شويجو"),
        shoigu_call("s2", "Ллойд Остин", "Сергей Шойгу", when="в пятницу"),
    ]  # fmt: skip
    comparison = compare(articles)
    assert grouping(comparison) == {frozenset({"b1", "b2", "b3"}), frozenset({"s1", "s2"})}
    belousov = next(e for e in comparison.events if "b1" in e.articles)
    assert belousov.weekday == "Tuesday"
    assert len(belousov.entities) == 2  # Austin and Belousov, each once


def test_a_weekday_alone_does_not_split_the_same_people() -> None:
    """Small models get weekdays wrong: two weekdays are weak evidence, the names decide."""
    a = belousov_call("a", "لويد أوستن", "أندريه بيلوسوف", when="الثلاثاء")
    b = belousov_call("b", "Lloyd Austin", "Andrei Belousov", when="Wednesday")
    assert link(*_views(a, b)) == Link.SAME
    assert grouping(compare([a, b])) == {frozenset({"a", "b"})}


def test_role_only_article_joins_through_the_names_its_quotes_mention() -> None:
    """The model gave only roles ("وزير الدفاع الروسي"); the quotes name the ministers, and the
    weekday agrees with the right call."""
    role_only = summary(
        "r",
        event(
            "اتصال بين وزيري الدفاع",
            when="الثلاثاء",
            evidence="أجرى وزير الدفاع الأميركي لويد أوستن اتصالاً بنظيره الروسي أندريه بيلوسوف",
        ),
        participants=[
            participant("وزير الدفاع الأميركي", evidence="أجرى وزير الدفاع الأميركي لويد أوستن"),
            participant("وزير الدفاع الروسي", evidence="بنظيره الروسي أندريه بيلوسوف"),
        ],
    )
    articles = [
        belousov_call("b1", "لويد أوستن", "أندريه بيلاوسوف"),
        belousov_call("b2", "Lloyd Austin", "Andrei Belousov"),
        shoigu_call("s1", "لويد أوستن", "سيرغي شويغو"),
        role_only,
    ]
    views = _views(*articles)
    assert {e.canonical for e in views[-1].people.values()} == {"لويد أوستن", "أندريه بيلاوسوف"}
    assert grouping(compare(articles)) == {frozenset({"b1", "b2", "r"}), frozenset({"s1"})}


def test_article_naming_no_one_joins_on_the_same_weekday_and_event_words() -> None:
    nameless = summary(
        "r",
        event("اتصال هاتفي بين وزيري الدفاع الأمريكي والروسي بشأن أوكرانيا", when="يوم الثلاثاء"),
        participants=[participant("وزير الدفاع الأمريكي"), participant("وزير الدفاع الروسي")],
    )
    named = summary(
        "b",
        event("اتصال هاتفي بين وزيري الدفاع بشأن أوكرانيا", when="الثلاثاء"),
        participants=people("لويد أوستن", "أندريه بيلوسوف"),
    )
    other_day = summary(
        "f",
        event("اتصال هاتفي بين وزيري الدفاع بشأن أوكرانيا", when="الجمعة"),
        participants=people("لويد أوستن", "سيرغي شويغو"),
    )
    views = _views(named, nameless, other_day)
    assert views[1].people == {}
    assert link(views[0], views[1]) == Link.SAME
    assert link(views[1], views[2]) == Link.APART  # Tuesday and Friday: two events
    assert grouping(compare([named, nameless, other_day])) == {
        frozenset({"b", "r"}),
        frozenset({"f"}),
    }


def test_unrelated_articles_without_names_stay_unsure_and_apart() -> None:
    a = summary("a", event("زلزال يضرب جنوب تركيا", when="الثلاثاء"))
    b = summary("b", event("اتصال هاتفي بين وزيري الدفاع", when="الثلاثاء"))
    assert link(*_views(a, b)) == Link.UNSURE
    assert grouping(compare([a, b])) == {frozenset({"a"}), frozenset({"b"})}


# --- only the main event counts -----------------------------------------------------------------


def test_background_person_in_quotes_does_not_pull_a_named_article_away() -> None:
    """The Belousov article recalls the last call with Shoigu in a quantity and a claim; its
    participants decide, so it stays with the Belousov call (no weekdays to help)."""
    recalled = "وكانت المكالمة الأخيرة بين لويد أوستن والوزير السابق سيرغي شويغو في مارس 2023"
    article = summary(
        "b2",
        event(CALL),
        participants=people("لويد أوستن", "أندريه بيلوسوف"),
        quantities=[quantity("منذ آخر اتصال", "16 شهراً", evidence=recalled)],
        claims=[claim("سيرغي شويغو", "الاتصال كان مفيداً", evidence=recalled)],
    )
    articles = [
        belousov_call("b1", "Lloyd Austin", "Andrei Belousov", when=None),
        article,
        shoigu_call("s1", "لويد أوستن", "سيرغي شويغو", when=None),
    ]
    (view,) = [v for v in _views(*articles) if v.id == "b2"]
    assert len(view.people) == 2
    assert grouping(compare(articles)) == {frozenset({"b1", "b2"}), frozenset({"s1"})}


def test_background_person_in_quotes_does_not_pull_a_role_only_article_away() -> None:
    role_only = summary(
        "r",
        event(
            CALL,
            when="الثلاثاء",
            evidence="أجرى وزير الدفاع الأميركي لويد أوستن اتصالاً هاتفياً بنظيره الروسي",
        ),
        participants=[participant("وزير الدفاع الأميركي"), participant("وزير الدفاع الروسي")],
        claims=[
            claim(
                "ديميتري بيسكوف",
                "هدد الولايات المتحدة بعواقب",
                evidence="وكان المتحدث باسم الكرملين ديميتري بيسكوف هدد الولايات المتحدة بعواقب",
            )
        ],
    )
    peskov = summary("p", event("بيسكوف يهدد واشنطن بعواقب"), participants=people("ديميتري بيسكوف"))
    articles = [
        belousov_call("b1", "لويد أوستن", "أندريه بيلوسوف"),
        belousov_call("b2", "Lloyd Austin", "Andrei Belousov"),
        peskov,
        role_only,
    ]
    assert grouping(compare(articles)) == {frozenset({"b1", "b2", "r"}), frozenset({"p"})}


# --- failed articles, complete linkage ----------------------------------------------------------


@pytest.mark.parametrize("status", [Status.ERROR, Status.INVALID, Status.TRUNCATED])
def test_failed_articles_are_listed_but_in_no_event(status: Status) -> None:
    articles = [
        belousov_call("b1", "لويد أوستن", "أندريه بيلوسوف"),
        failed("x1", status=status),
        belousov_call("b2", "Lloyd Austin", "Andrei Belousov"),
    ]
    comparison = compare(articles)
    assert [s.source.id for s in comparison.articles] == ["b1", "x1", "b2"]
    assert comparison.articles[1].status == status
    assert grouping(comparison) == {frozenset({"b1", "b2"})}


def test_ok_article_without_an_event_is_in_no_event() -> None:
    empty = ArticleSummary(source=failed("e").source, status=Status.OK)
    comparison = compare([empty])
    assert comparison.events == []
    assert [s.source.id for s in comparison.articles] == ["e"]


def test_grouping_is_complete_linkage_by_date() -> None:
    """a~b and b~c (b gives no date), but a and c give dates ten days apart: not one group."""
    a = belousov_call("a", "لويد أوستن", "أندريه بيلوسوف", when="10 يوليو 2024")
    b = belousov_call("b", "Lloyd Austin", "Andrei Belousov", when=None)
    c = belousov_call("c", "Ллойд Остин", "Андрей Белоусов", when="20 июля 2024")
    va, vb, vc = _views(a, b, c)
    assert (link(va, vb), link(vb, vc), link(va, vc)) == (Link.SAME, Link.SAME, Link.APART)
    assert grouping(compare([a, b, c])) == {frozenset({"a", "b"}), frozenset({"c"})}


def test_grouping_is_complete_linkage_by_names() -> None:
    """{X, Y} ~ {X, Y, Z} ~ {Y, Z}, while {X, Y} and {Y, Z} share one person in three."""
    a = summary("a", event(CALL), participants=people("Lloyd Austin", "Andrei Belousov"))
    b = summary(
        "b", event(CALL), participants=people("Lloyd Austin", "Andrei Belousov", "Pat Ryder")
    )
    c = summary("c", event(CALL), participants=people("Andrei Belousov", "Pat Ryder"))
    views = _views(a, b, c)
    assert link(views[0], views[2]) == Link.APART
    groups = [{v.id for v in group} for group in cluster(views)]
    assert sorted(map(len, groups)) == [1, 2]
    assert not any({"a", "c"} <= g for g in groups)


# --- explicit dates --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("when_a", "when_b", "verdict"),
    [
        ("9 يوليو 2024", "19 يوليو 2024", Link.APART),  # explicit dates ten days apart
        ("9 يوليو 2024", "10 يوليو 2024", Link.SAME),  # a day apart: time zones, late reports
        ("مارس 2023", "15 مارس 2023", Link.SAME),  # one is more precise, not different
    ],
)
def test_explicit_dates(when_a: str, when_b: str, verdict: Link) -> None:
    a = belousov_call("a", "لويد أوستن", "أندريه بيلوسوف", when=when_a)
    b = belousov_call("b", "Lloyd Austin", "Andrei Belousov", when=when_b)
    assert link(*_views(a, b)) == verdict


@pytest.mark.parametrize(
    ("when_a", "when_b", "page_date"),
    [("مارس 2023", "مايو 2023", None), ("15 مارس", "20 مارس", "2024-06-26")],
    ids=["month-precision", "date-without-year"],
)
def test_explicit_dates_at_the_same_precision_that_differ_conflict(
    when_a: str, when_b: str, page_date: str | None
) -> None:
    a = summary(
        "a", event(CALL, when=when_a), participants=people("لويد أوستن", "أندريه بيلوسوف"),
        page_date_iso=page_date,
    )  # fmt: skip
    b = summary(
        "b", event(CALL, when=when_b), participants=people("Lloyd Austin", "Andrei Belousov"),
        page_date_iso=page_date,
    )  # fmt: skip
    assert link(*_views(a, b)) == Link.APART


def test_full_date_and_another_weekday_with_the_same_people_is_one_event() -> None:
    a = belousov_call("a", "لويد أوستن", "أندريه بيلوسوف", when="10 يوليو 2024")
    b = belousov_call("b", "Lloyd Austin", "Andrei Belousov", when="Tuesday")
    assert link(*_views(a, b)) == Link.SAME


def test_a_weekday_read_against_a_crawl_date_does_not_split_it_from_the_stated_date() -> None:
    """A page-date line may be the day the page was fetched (a site's header prints today's
    date): a weekday resolved against it is no firm day."""
    a = summary(
        "a",
        event(CALL, when="الجمعة"),
        participants=people("لويد أوستن", "سيرغي شويغو"),
        page_date_iso="2024-12-25",
        page_date_from="page date",
    )
    b = summary(
        "b",
        event(CALL, when="21 October 2022"),
        participants=people("Lloyd Austin", "Sergei Shoigu"),
    )
    assert grouping(compare([a, b])) == {frozenset({"a", "b"})}


# --- names written with titles -------------------------------------------------------------


@pytest.mark.parametrize(
    "form",
    [
        "Russian Defense Minister Andrei Belousov",
        "وزير الدفاع الروسي أندريه بيلوسوف",
        "الوزير أندريه بيلاوسوف",
        "Министр обороны Андрей Белоусов",
        "Министр обороны России Андрей Белоусов",
        "министр обороны РФ Андрей Белоусов",
        "Russia's defence minister Andrei Belousov",
    ],
)
def test_a_name_written_with_its_title_or_country_is_the_same_person(form: str) -> None:
    a = summary("a", event(CALL), participants=people("Lloyd Austin", "Andrei Belousov"))
    b = summary("b", event(CALL), participants=people("لويد أوستن", form))
    assert grouping(compare([a, b])) == {frozenset({"a", "b"})}


# --- scale ----------------------------------------------------------------------------------


def test_one_thousand_summaries_make_two_hundred_events() -> None:
    comparison = synthetic_comparison(200)
    assert len(comparison.articles) == 1000
    assert len(comparison.events) == 200
    expected = {frozenset(f"ev{i:05d}-{k}" for k in range(5)) for i in range(200)}
    assert grouping(comparison) == expected
    assert all(len(report.entities) == 2 for report in comparison.events)


# --- events without participants: the place ---------------------------------------------------


def _flood(id: str, where: str, text: str, language: str = "en") -> ArticleSummary:
    s = summary(id, event("Floods swept through the city", where=where), language=language)
    return s.model_copy(update={"source": s.source.model_copy(update={"lead": text})})


def test_two_places_that_neither_report_names_are_unlikely_one_event() -> None:
    a = _flood("a", "Valmora", "Floods swept through Valmora after the river burst its banks.")
    b = _flood("b", "Kestrel Bay", "Floods swept through Kestrel Bay as the storm hit the coast.")
    assert link(*build_views([a, b], EntityIndex())) == Link.UNLIKE


def test_one_place_at_two_scales_is_no_conflict() -> None:
    """The city report names the province too: the same place, written at two scales."""
    a = _flood("a", "Valmora", "Floods swept through Valmora, in the province of Ostria.")
    b = _flood("b", "Ostria", "Floods swept through the province of Ostria on Monday.")
    c = _flood("c", "Ostria", "Floods in Ostria: the province counts its dead.")
    va, vb, vc = build_views([a, b, c], EntityIndex())
    assert link(va, vb) == Link.UNSURE
    assert link(vb, vc) == Link.UNSURE


def test_places_in_two_scripts_are_no_evidence_either_way() -> None:
    """Skeletons of place names rarely meet across scripts (Paris, Париж): no conflict."""
    a = _flood("a", "Valmora", "Floods swept through Valmora after the river burst its banks.")
    b = _flood("b", "Вальмора", "Наводнение в Вальморе: река вышла из берегов.", language="ru")
    assert link(*build_views([a, b], EntityIndex())) == Link.UNSURE


@pytest.mark.parametrize(
    ("when_a", "when_b", "expected"),
    [
        ("Tuesday night", "Friday evening", Link.APART),
        ("في ليلة الثلاثاء", "в пятницу", Link.APART),
        ("Friday evening", "السبت", Link.UNLIKE),  # the next day: a night, a time zone
        ("ليلة الأحد 10 إلى الاثنين 11", "Monday", Link.SAME),  # a night holds both days
    ],
)
def test_named_weekdays_two_days_apart_are_two_events(
    when_a: str, when_b: str, expected: Link
) -> None:
    a = summary("a", event("floods in the north", when=when_a))
    b = summary("b", event("floods in the north", when=when_b))
    assert link(*_views(a, b)) == expected


def test_event_places_in_two_countries_are_evidence_against_one_event() -> None:
    a = summary("a", event("زلزال قوي", where="المغرب"))
    b = summary("b", event("Землетрясение", where="в Чили"), language="ru")
    c = summary("c", event("earthquake", where="Casablanca"), language="en")
    views = _views(a, b, c)
    assert link(views[0], views[1]) == Link.UNLIKE
    assert link(views[0], views[2]) == Link.UNSURE  # Casablanca is in Morocco


def test_the_news_year_is_the_one_year_the_lead_writes_without_a_page_date() -> None:
    from summarizer.group import resolved_when
    from summarizer.read.when import news_year

    s = summary("a", event("انتخابات 7 سبتمبر", when="7 سبتمبر"))
    lead = "https://example.org/2019/news\nفاز الرئيس في انتخابات 7 سبتمبر (راجع 6/9/2024)."
    s = s.model_copy(update={"source": s.source.model_copy(update={"lead": lead})})
    assert news_year(lead) == 2024  # the link's year is no year of the news
    when = resolved_when(s)
    assert when is not None and (when.iso, when.anchor) == ("2024-09-07", "news year")
    assert news_year(lead + " 2023") is None  # two years: none is the news's
