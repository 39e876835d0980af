"""summarizer.diff: where the sources of one event disagree (hand-made summaries, no model)."""

from __future__ import annotations

import pytest
from builders import (
    claim,
    event,
    grouping,
    participant,
    people,
    quantity,
    summary,
    synthetic_comparison,
)
from rich.console import Console

from summarizer.diff import _when_disagreements, compare
from summarizer.entities import EntityIndex
from summarizer.group import build_views
from summarizer.models import (
    ArticleSummary,
    Claim,
    Comparison,
    Disagreement,
    Event,
    EventReport,
    Kind,
    Participant,
    Quantity,
    Severity,
)
from summarizer.render import event_table, print_comparison

CALL = "اتصال هاتفي بين وزيري الدفاع الأميركي والروسي"
NAMES = ("لويد أوستن", "أندريه بيلوسوف")
NAMES_EN = ("Lloyd Austin", "Andrei Belousov")
NAMES_RU = ("Ллойд Остин", "Андрей Белоусов")


def article(
    id: str,
    *,
    when: str | None = "الثلاثاء",
    initiator: str | None = None,
    names: tuple[str, ...] = NAMES,
    quantities: list[Quantity] | None = None,
    claims: list[Claim] | None = None,
    grounded: bool = True,
) -> ArticleSummary:
    """One report of Austin and Belousov's call."""
    return summary(
        id,
        event(CALL, when=when, initiator=initiator, grounded=grounded),
        participants=people(*names),
        quantities=quantities or [],
        claims=claims or [],
    )


def one_event(*articles: ArticleSummary) -> EventReport:
    comparison = compare(articles)
    assert grouping(comparison) == {frozenset(a.id for a in articles)}, "not one event"
    (report,) = comparison.events
    return report


def flagged(report: EventReport, kind: Kind | None = None) -> list[Disagreement]:
    """The report's disagreements of ``kind``; without a kind, all but spelling variants."""
    return [
        d
        for d in report.disagreements
        if (d.kind == kind if kind else d.kind != Kind.SPELLING_VARIANT)
    ]


# --- quantities --------------------------------------------------------------------------------


def test_death_tolls_that_cannot_both_hold_are_flagged_across_languages() -> None:
    """Three made-up reports of one flood: 40 dead (ar), at least 120 dead (en), about 40
    dead (ru). 40 and "about 40" agree; "at least 120" contradicts both."""
    a = article("a", quantities=[quantity("عدد القتلى", "40",
                 evidence="لقي 40 شخصا حتفهم في الفيضانات")])  # fmt: skip
    killed = "At least 120 people were killed in the floods"
    b = article("b", quantities=[quantity("people killed", "at least 120", evidence=killed)],
                names=NAMES_EN)  # fmt: skip
    dead = "В результате наводнения около 40 погибших"
    c = article("c", quantities=[quantity("погибших", "около 40", evidence=dead)],
                names=NAMES_RU)  # fmt: skip
    found = flagged(one_event(a, b, c), Kind.NUMERIC_MISMATCH)
    assert sorted(tuple(v.article for v in d.values) for d in found) == [("a", "b"), ("b", "c")]
    d = next(d for d in found if {v.article for v in d.values} == {"a", "b"})
    assert [v.value for v in d.values] == ["40", "at least 120"]
    assert d.severity == Severity.HIGH
    assert all(v.evidence and v.grounded for v in d.values)


@pytest.mark.parametrize(
    ("value_a", "evidence_a", "value_b", "evidence_b"),
    [
        ("48%", "Turnout reached 48% of voters", "48.03 percent", "turnout was 48.03 percent"),
        ("296", "لقي 296 شخصا حتفهم", "at least 296", "at least 296 people were killed"),
        ("5.6 million", "5.6 million votes were cast", "5,630,000", "5,630,000 votes were cast"),
        ("عامين", "أول اتصال منذ عامين", "24 months", "the first call in 24 months"),
    ],
)
def test_compatible_numbers_are_not_flagged(
    value_a: str, evidence_a: str, value_b: str, evidence_b: str
) -> None:
    a = article("a", quantities=[quantity("x", value_a, evidence=evidence_a)])
    b = article("b", quantities=[quantity("y", value_b, evidence=evidence_b)], names=NAMES_EN)
    assert flagged(one_event(a, b)) == []


@pytest.mark.parametrize(
    ("qa", "qb"),
    [
        (
            quantity("القتلى", "14 ألف", evidence="وقتل نحو 14 ألف شخص في النزاع"),
            quantity("النازحون", "2 مليون", evidence="وفر مليونان على الأقل من منازلهم"),
        ),
        (
            quantity("killed", "40", evidence="40 people were killed"),
            quantity("injured", "120", evidence="120 people were injured"),
        ),
        (quantity("منذ آخر اتصال", "16 شهراً"), quantity("منذ آخر اتصال", "15 صاروخاً")),
        (quantity("share", "94%", evidence="won 94% of the votes"),
         quantity("votes", "94,000", evidence="won 94,000 votes")),
    ],
    ids=["different-counts", "dead-against-injured", "duration-against-count",
         "percent-against-count"],
)  # fmt: skip
def test_numbers_about_different_things_are_not_compared(qa: Quantity, qb: Quantity) -> None:
    report = one_event(article("a", quantities=[qa]), article("b", quantities=[qb]))
    assert flagged(report, Kind.NUMERIC_MISMATCH) == []


def test_a_number_only_one_source_gives_is_a_unique_claim() -> None:
    poisoned = quantity("children", "at least 55", evidence="at least 55 children were killed")
    a = article("a", quantities=[poisoned], names=NAMES_EN)
    b = article("b", quantities=[quantity("injured", "30", evidence="30 people were injured")],
                names=NAMES_EN)  # fmt: skip
    unique = flagged(one_event(a, b), Kind.UNIQUE_CLAIM)
    assert [(d.values[0].article, d.values[0].value) for d in unique] == [
        ("a", "at least 55"),
        ("b", "30"),
    ]


@pytest.mark.parametrize(
    "counted_places",
    [
        "Prisoners from seven countries were freed in the exchange",
        "أطلق سراح سجناء من سبع دول في عملية التبادل",
        "В обмене участвовали заключенные из семи стран",
    ],
)
def test_a_count_of_countries_is_no_figure_of_the_event(counted_places: str) -> None:
    """The noun right after a number is what it counts, whatever the words around it."""
    exchanged = "26 prisoners were exchanged on Thursday"
    a = article("a", quantities=[quantity("prisoners", "26", evidence=exchanged)], names=NAMES_EN)
    value = next(w for w in counted_places.split() if w in ("seven", "سبع", "семи"))
    b = article("b", quantities=[quantity("prisoners", value, evidence=counted_places)])
    report = one_event(a, b)
    assert flagged(report, Kind.NUMERIC_MISMATCH) == []
    assert [d.values[0].value for d in flagged(report, Kind.UNIQUE_CLAIM)] == ["26"]


def test_a_number_is_not_unique_when_another_source_counts_the_others() -> None:
    """ "Seven died with him" and "eight others died": partial counts, no claim of one."""
    a = article("a", quantities=[quantity("погибшие", "семь",
                 evidence="Вместе с ним погибли семь человек")], names=NAMES_RU)  # fmt: skip
    b = article("b", quantities=[quantity("others", "Eight",
                 evidence="Eight others died in the crash")], names=NAMES_EN)  # fmt: skip
    assert flagged(one_event(a, b), Kind.UNIQUE_CLAIM) == []


def test_a_background_number_is_not_compared() -> None:
    old = quantity("killed", "628", evidence="An earthquake in 2004 killed 628 people")
    old = old.model_copy(update={"background": True})
    a = article("a", quantities=[old], names=NAMES_EN)
    b = article("b", quantities=[quantity("killed", "2,000", evidence="2,000 people were killed")],
                names=NAMES_EN)  # fmt: skip
    assert flagged(one_event(a, b)) == []


def test_the_same_figure_credited_to_different_bodies_is_an_attribution_conflict() -> None:
    a = article("a", quantities=[quantity("dead", "11,000", source="the UN relief office",
                 evidence="11,000 people died, according to the UN relief office")],
                names=NAMES_EN)  # fmt: skip
    b = article("b", quantities=[quantity("dead", "11000", source="the Red Cross",
                 evidence="11000 people died, according to the Red Cross")],
                names=NAMES_EN)  # fmt: skip
    (d,) = flagged(one_event(a, b))
    assert d.kind == Kind.ATTRIBUTION
    assert [v.value for v in d.values] == ["11,000 (the UN relief office)", "11000 (the Red Cross)"]


def test_a_figure_two_speakers_give_in_two_languages_is_an_attribution_conflict() -> None:
    """The credit is the speaker of the statement that gives the figure; across languages the
    names are compared by meaning."""
    a = article("a", quantities=[quantity("dead", "5,200", source="the World Health Organization",
                 evidence="5,200 people died, the World Health Organization said")],
                names=NAMES_EN)  # fmt: skip
    b = article("b", quantities=[quantity("قتلى", "5200", source="وزارة الداخلية",
                 evidence="قالت وزارة الداخلية إن 5200 شخص لقوا حتفهم")])  # fmt: skip
    (d,) = flagged(one_event(a, b))
    assert d.kind == Kind.ATTRIBUTION


def test_a_figure_credited_to_a_person_the_articles_list_is_no_attribution_conflict() -> None:
    """The head of a body speaks for it: "Dana Rahim" against "the relief agency" is one."""
    a = article(
        "a",
        names=("Dana Rahim", *NAMES_EN),
        quantities=[
            quantity(
                "dead", "5,200", source="Dana Rahim", evidence="5,200 people died, Dana Rahim said"
            )
        ],
    )
    b = article(
        "b",
        names=NAMES_EN,
        quantities=[
            quantity(
                "dead",
                "5200",
                source="the relief agency",
                evidence="5200 died, the relief agency said",
            )
        ],
    )
    assert flagged(one_event(a, b)) == []  # fmt: skip


def test_a_figure_credited_to_a_person_quoted_with_their_function_is_no_attribution_conflict() -> (
    None
):
    """A person the articles quote with their function ("the agency's secretary-general Dana
    Rahim said") speaks for a body, even when no article lists them as taking part."""
    said = "5,200 people died, the agency's secretary-general Dana Rahim said"
    a = article("a", names=NAMES_EN,
                quantities=[quantity("dead", "5,200", source="Dana Rahim", evidence=said)],
                claims=[claim("the agency's secretary-general Dana Rahim", "5,200 people died",
                              evidence=said)])  # fmt: skip
    b = article("b", names=NAMES_EN,
                quantities=[quantity("dead", "5200", source="the UN relief office",
                                     evidence="5200 died, the UN relief office said")])  # fmt: skip
    assert flagged(one_event(a, b)) == []
    # a body quoted by its name is still a credit of its own
    c = article("c", names=NAMES_EN,
                quantities=[quantity("dead", "5,200", source="the Red Cross",
                                     evidence="5,200 people died, the Red Cross said")],
                claims=[claim("the Red Cross", "5,200 people died")])  # fmt: skip
    assert [d.kind for d in flagged(one_event(b, c))] == [Kind.ATTRIBUTION]


@pytest.mark.parametrize(
    "projection",
    [
        "officials warned the toll could reach 20,000",
        "وحذر مسؤولون من أن الحصيلة قد تصل إلى 20 ألف قتيل",
        "власти предупредили, что число погибших может достичь 20 000",
    ],
)
def test_a_projection_is_not_compared_with_a_count(projection: str) -> None:
    a = article("a", quantities=[quantity("dead", "5,200",
                 evidence="The death toll in the flooded city has risen to 5,200")],
                names=NAMES_EN)  # fmt: skip
    value = next(v for v in ("20,000", "20 ألف", "20 000") if v in projection)
    b = article("b", quantities=[quantity("dead", value, evidence=projection)])
    assert flagged(one_event(a, b), Kind.NUMERIC_MISMATCH) == []


@pytest.mark.parametrize(
    "later",
    [
        "After the exchange, three flew on to the capital",
        "После обмена трое отправились в столицу",
        "وبعد التبادل توجه ثلاثة إلى العاصمة",
    ],
)
def test_a_word_in_a_phrase_after_a_preposition_says_not_what_a_number_counts(later: str) -> None:
    """ "After the exchange, three flew on": three of them, not the prisoners exchanged."""
    a = article("a", quantities=[quantity("freed", "24",
                 evidence="The exchange freed 24 prisoners on Thursday")],
                names=NAMES_EN)  # fmt: skip
    value = next(w for w in ("three", "трое", "ثلاثة") if w in later)
    b = article("b", quantities=[quantity("x", value, evidence=later)], names=NAMES_EN)
    assert flagged(one_event(a, b), Kind.NUMERIC_MISMATCH) == []


def test_the_subject_of_the_clause_says_what_a_number_counts() -> None:
    """ "The death toll in the city has risen to 5,200": dead, six words before the number."""
    a = article("a", quantities=[quantity("x", "5,200",
                 evidence="The death toll in the flooded coastal city has risen to 5,200")],
                names=NAMES_EN)  # fmt: skip
    b = article("b", quantities=[quantity("y", "900", evidence="900 people were killed")],
                names=NAMES_EN)  # fmt: skip
    (d,) = flagged(one_event(a, b), Kind.NUMERIC_MISMATCH)
    assert [v.value for v in d.values] == ["5,200", "900"]


def test_a_revised_toll_is_shown_with_each_sources_credit() -> None:
    ministry = "the interior ministry"
    a = article("a", quantities=[quantity("dead", "296", source=ministry,
                 evidence=f"296 people died, {ministry} said")], names=NAMES_EN)  # fmt: skip
    b = article("b", quantities=[quantity("dead", "632", source=ministry,
                 evidence=f"632 people died, {ministry} said")], names=NAMES_EN)  # fmt: skip
    (d,) = flagged(one_event(a, b))
    assert d.kind == Kind.NUMERIC_MISMATCH
    assert ministry in d.note
    assert [v.value for v in d.values] == [f"296 ({ministry})", f"632 ({ministry})"]


def test_headline_figures_of_a_measure_no_pack_lists_are_compared_in_the_opening() -> None:
    """A percentage, an amount of money or a duration that no pack's counted words name is
    compared with the other sources' first of the same measure when both are in their
    stories' openings (the headline figures); one further on is not a headline figure."""

    def report(id: str, lead: str, value: str, evidence: str) -> ArticleSummary:
        s = article(id, names=NAMES_EN, quantities=[quantity("inflation", value,
                    evidence=evidence)])  # fmt: skip
        s.source.lead = lead
        return s

    first = "Austin and Belousov spoke as inflation rose to 3.2% in November."
    a = report("a", first, "3.2%", first)
    other = "Austin and Belousov spoke as inflation rose to 4.1% in November."
    b = report("b", other, "4.1%", other)
    (d,) = flagged(one_event(a, b), Kind.NUMERIC_MISMATCH)
    assert [(v.article, v.value) for v in d.values] == [("a", "3.2%"), ("b", "4.1%")]
    later = "Inflation was 4.1% in November."
    c = report(
        "c",
        "Austin and Belousov spoke on Tuesday." + " The call was long." * 80 + " " + later,
        "4.1%",
        later,
    )
    assert flagged(one_event(a, c), Kind.NUMERIC_MISMATCH) == []
    # a count of what no pack names: the noun right after it, in one language
    twelve = "Austin and Belousov spoke after 12 schools closed."
    fifteen = twelve.replace("12", "15")
    d, e = report("d", twelve, "12", twelve), report("e", fifteen, "15", fifteen)
    (flag,) = flagged(one_event(d, e), Kind.NUMERIC_MISMATCH)
    assert [v.value for v in flag.values] == ["12", "15"]


def test_durations_since_the_last_call_are_compared_in_any_words() -> None:
    a = article("a", quantities=[quantity("منذ آخر اتصال", "16 شهراً",
                 evidence="هو الأول من نوعه بين وزيري دفاع البلدين منذ 16 شهراً")])  # fmt: skip
    b = article("b", quantities=[quantity("first contact", "15 months",
                 evidence="the first contact in 15 months")], names=NAMES_EN)  # fmt: skip
    assert [d.kind for d in flagged(one_event(a, b))] == [Kind.NUMERIC_MISMATCH]


@pytest.mark.parametrize(
    ("evidence", "compared"),
    [
        ("It has been 79 days since the flood began in the valley", False),  # another event
        ("the first call since the war, which has now lasted 79 days", False),  # its own subject
        ("It has been 79 days since their last call", True),  # the previous contact
    ],
)
def test_a_time_since_another_event_is_not_the_time_since_the_last_call(
    evidence: str, compared: bool
) -> None:
    last = quantity("since", "84 days", evidence="the first call between the two in 84 days")
    a = article("a", quantities=[last], names=NAMES_EN)
    b = article("b", quantities=[quantity("x", "79 days", evidence=evidence)], names=NAMES_EN)
    assert bool(flagged(one_event(a, b), Kind.NUMERIC_MISMATCH)) is compared


def test_the_size_of_a_change_is_not_compared_with_a_level() -> None:
    def report(id: str, text: str, value: str) -> ArticleSummary:
        s = article(id, names=NAMES_EN, quantities=[quantity("output", value, evidence=text)])
        s.source.lead = text
        return s

    level = report("a", "Austin and Belousov spoke as output fell to 40 million barrels.", "40")
    cut = report("b", "Austin and Belousov spoke as output fell by 6 million barrels.", "6")
    other = report("c", "Austin and Belousov spoke as output fell to 38 million barrels.", "38")
    assert flagged(one_event(level, cut), Kind.NUMERIC_MISMATCH) == []
    assert flagged(one_event(level, other), Kind.NUMERIC_MISMATCH)


# --- when --------------------------------------------------------------------------------------


def test_explicit_dates_a_day_apart_are_one_event_and_a_contradiction() -> None:
    a = article("a", when="9 يوليو 2024")
    b = article("b", when="10 July 2024", names=NAMES_EN)
    report = one_event(a, b)
    (d,) = flagged(report)
    assert (d.kind, d.field, d.severity) == (Kind.CONTRADICTION, "event.when", Severity.HIGH)
    assert [(v.article, v.value) for v in d.values] == [
        ("a", "9 يوليو 2024"),
        ("b", "10 July 2024"),
    ]
    assert "2024-07-09" in d.note and "2024-07-10" in d.note
    assert report.date is None  # two dates stated: none is the event's


def test_different_weekdays_are_a_contradiction_when_forced_into_one_group() -> None:
    """Grouping never puts two weekdays together (they conflict), so the check is called on
    views directly, as a group of two would be."""
    a = article("a", when="الثلاثاء")
    b = article("b", when="в среду", names=("Ллойд Остин", "Андрей Белоусов"))
    (d,) = _when_disagreements(build_views([a, b], EntityIndex()))
    assert (d.kind, d.field, d.severity) == (Kind.CONTRADICTION, "event.when", Severity.HIGH)
    assert d.note.endswith("Tuesday against Wednesday")
    assert [(v.article, v.value) for v in d.values] == [("a", "الثلاثاء"), ("b", "в среду")]


def test_one_flag_for_each_two_days_with_every_source_of_both() -> None:
    """Three sources on one day and one on another: one flag, not three; its values are the
    four sources, each as it writes the day."""
    a = article("a", when="9 يوليو 2024")
    b = article("b", when="9 July 2024", names=NAMES_EN)
    c = article("c", when="9 июля 2024", names=NAMES_RU)
    d = article("d", when="11 July 2024", names=NAMES_EN)
    (flag,) = _when_disagreements(build_views([a, b, c, d], EntityIndex()))
    assert [(v.article, v.value) for v in flag.values] == [
        ("a", "9 يوليو 2024"), ("b", "9 July 2024"), ("c", "9 июля 2024"), ("d", "11 July 2024"),
    ]  # fmt: skip
    assert flag.note.endswith("2024-07-09 against 2024-07-11")


def test_a_time_read_further_on_or_from_a_report_dates_no_contradiction() -> None:
    """A weekday read in the story further on may date another side of it (an arrival the
    day before), and a report's weekday the report: neither is compared."""
    from dataclasses import replace

    from summarizer.dates import REPORT, STORY

    a = article("a", when="الثلاثاء")
    b = article("b", when="в среду", names=NAMES_RU)
    views = build_views([a, b], EntityIndex())
    assert len(_when_disagreements(views)) == 1
    for weak in (STORY, REPORT):
        assert views[1].when is not None
        views[1].when = replace(views[1].when, read_from=weak)
        assert _when_disagreements(views) == []


def test_a_night_across_two_days_does_not_contradict_either_day() -> None:
    a = article("a", when="ليلة الأحد 10 إلى الاثنين 11 مارس")
    b = article("b", when="Sunday", names=NAMES_EN)
    c = article("c", when="в понедельник", names=NAMES_RU)
    assert _when_disagreements(build_views([a, b, c], EntityIndex()))[0].note.endswith(
        "Sunday against Monday"
    )  # b against c: a's night holds both
    assert len(_when_disagreements(build_views([a, b, c], EntityIndex()))) == 1


def test_compatible_precision_is_not_flagged() -> None:
    report = one_event(article("a", when="مارس 2023"), article("b", when="15 مارس 2023"))
    assert flagged(report) == []
    assert report.date == "2023-03-15"


def test_the_same_weekday_in_three_languages_is_not_flagged() -> None:
    report = one_event(
        article("a", when="الثلاثاء"),
        article("b", when="on Tuesday", names=NAMES_EN),
        article("c", when="во вторник", names=("Ллойд Остин", "Андрей Белоусов")),
    )
    assert flagged(report) == []
    assert report.weekday == "Tuesday"


# --- who initiated -----------------------------------------------------------------------------


def test_different_initiators_contradict() -> None:
    a = article("a", initiator="الولايات المتحدة")
    b = article("b", initiator="روسيا")
    (d,) = flagged(one_event(a, b))
    assert (d.kind, d.field, d.severity) == (Kind.CONTRADICTION, "event.initiator", Severity.MEDIUM)
    assert [(v.article, v.value) for v in d.values] == [("a", "الولايات المتحدة"), ("b", "روسيا")]


def test_the_same_initiator_written_differently_does_not_contradict() -> None:
    a = article("a", initiator="الولايات المتّحدة")
    b = article("b", initiator="الولايات المتحدة")
    c = article("c", initiator="بطلب من الولايات المتحدة")
    assert flagged(one_event(a, b, c)) == []


def test_an_initiator_named_by_role_is_the_participant_it_describes() -> None:
    austin = participant("Lloyd Austin", evidence="Pentagon chief Lloyd Austin")
    belousov = participant("Andrei Belousov", evidence="Russian Defense Minister Andrei Belousov")
    a = summary("a", event(CALL, when="الثلاثاء", initiator="Pentagon chief"),
                participants=[austin, belousov])  # fmt: skip
    b = article("b", initiator="Lloyd Austin", names=NAMES_EN)
    c = article("c", initiator="Andrei Belousov", names=NAMES_EN)
    d = article("d", initiator="the US side", names=NAMES_EN)
    report = one_event(a, b, c, d)
    pairs = {frozenset(v.article for v in f.values) for f in flagged(report, Kind.CONTRADICTION)}
    # the role is Austin (b agrees, c does not); a side is not told apart from a name
    assert pairs == {frozenset("ac"), frozenset("bc")}


def _side(id: str, russian: str) -> ArticleSummary:
    return summary(id, event(CALL, when="الثلاثاء"), participants=[
        participant("Lloyd Austin", country="US"),
        participant(russian, evidence=f"his Russian counterpart {russian}", country="Russian"),
    ])  # fmt: skip


def test_one_source_naming_another_person_for_one_side_is_a_contradiction() -> None:
    from summarizer.diff import _side_disagreements

    def sides(*articles: ArticleSummary) -> list[Disagreement]:
        return _side_disagreements(build_views(list(articles), EntityIndex()))

    a, b = _side("a", "Andrei Belousov"), _side("b", "Andrei Belousov")
    (d,) = sides(a, b, _side("c", "Sergei Shoigu"))
    assert (d.kind, d.field) == (Kind.CONTRADICTION, "participant.name: RU")
    assert [(v.article, v.value) for v in d.values] == [
        ("c", "Sergei Shoigu"), ("a", "Andrei Belousov"), ("b", "Andrei Belousov"),
    ]  # fmt: skip
    # the sides meet a name as the comparison resolved it: in another case too
    (d,) = sides(a, _side("b", "Андреем Белоусовым"), _side("c", "Sergei Shoigu"))
    assert [v.side for v in d.values] == [0, 1, 1]
    # spellings of one person are no contradiction, nor one source against one
    assert sides(a, b, _side("c", "Andrey Belousov")) == []
    assert sides(a, _side("c", "Sergei Shoigu")) == []


def test_an_initiator_only_one_source_names_is_a_unique_claim() -> None:
    a = article("a")
    b = article("b", initiator="الولايات المتحدة")
    c = article("c")
    (d,) = flagged(one_event(a, b, c))
    assert (d.kind, d.field, d.severity) == (Kind.UNIQUE_CLAIM, "event.initiator", Severity.LOW)
    assert [(v.article, v.value) for v in d.values] == [("b", "الولايات المتحدة")]
    assert "b" in d.note


def test_an_initiator_in_a_single_article_event_is_not_flagged() -> None:
    assert flagged(one_event(article("a", initiator="الولايات المتحدة"))) == []


# --- claims ------------------------------------------------------------------------------------

STRESSED = "شدد على أهمية الحفاظ على خطوط الاتصال المفتوحة"


def test_the_same_statement_from_two_named_speakers_is_an_attribution_conflict() -> None:
    a = article("a", claims=[claim("بات رايدر", STRESSED)])
    b = article("b", claims=[claim("ديميتري بيسكوف", STRESSED)])
    (d,) = flagged(one_event(a, b))
    assert (d.kind, d.field, d.severity) == (Kind.ATTRIBUTION, "claim.speaker", Severity.MEDIUM)
    assert [(v.article, v.value) for v in d.values] == [
        ("a", f"بات رايدر: {STRESSED}"),
        ("b", f"ديميتري بيسكوف: {STRESSED}"),
    ]


def test_a_statement_reported_by_a_spokesman_is_no_attribution_conflict() -> None:
    """One source credits the minister, another the spokesman who reported what the minister
    said ("During the call, Austin emphasized ..."): both are right."""
    said = "the importance of keeping lines of communication open during the war"
    a = article("a", names=NAMES_EN, claims=[claim("Lloyd Austin", said)])
    b = article("b", names=NAMES_EN, claims=[
        claim("Pat Ryder", f"During the call, Austin emphasized {said}."),
    ])  # fmt: skip
    assert flagged(one_event(a, b), Kind.ATTRIBUTION) == []
    c = article("c", names=NAMES_EN, claims=[claim("Pat Ryder", said)])
    assert len(flagged(one_event(a, c), Kind.ATTRIBUTION)) == 1


@pytest.mark.parametrize("speaker", ["باتريك رايدر", "Pat Ryder", "المتحدث بات رايدر"])
def test_one_speaker_spelled_differently_is_no_attribution_conflict(speaker: str) -> None:
    a = article("a", claims=[claim("بات رايدر", STRESSED)])
    b = article("b", claims=[claim(speaker, STRESSED)])
    assert flagged(one_event(a, b)) == []


@pytest.mark.parametrize("role", ["المتحدث باسم البنتاغون", "Pentagon spokesman"])
def test_a_role_description_against_a_named_speaker_is_no_attribution_conflict(role: str) -> None:
    a = article("a", claims=[claim("بات رايدر", STRESSED)])
    b = article("b", claims=[claim(role, STRESSED)])
    assert flagged(one_event(a, b), Kind.ATTRIBUTION) == []


def test_one_quotation_credited_to_two_bodies_is_an_attribution_conflict() -> None:
    """A body by its name and a body described by its function: two bodies, one quotation
    in other words (their claims' other words do not meet)."""
    palace = (
        "The Elysee said the two ministers met, adding that they covered the "
        "“main questions of port safety, including the situation at the northern docks.”"
    )
    ministry = (
        'The French Transport Ministry said that "current questions of port safety, '
        'including the situation at the northern docks, were raised."'
    )
    a = article("a", names=NAMES_EN, claims=[
        claim("The Elysee", palace.split(" said ", 1)[1], evidence=palace),
    ])  # fmt: skip
    b = article("b", names=NAMES_EN, claims=[
        claim("The French Transport Ministry", ministry.split(" said ", 1)[1], evidence=ministry),
    ])  # fmt: skip
    (d,) = flagged(one_event(a, b), Kind.ATTRIBUTION)
    assert [v.article for v in d.values] == ["a", "b"]
    # a description that names no one body ("officials") is no side of a conflict
    said = ministry.split(" said ", 1)[1]
    c = article("c", names=NAMES_EN, claims=[claim("officials", said, evidence=ministry)])
    assert flagged(one_event(a, c), Kind.ATTRIBUTION) == []


def test_a_claim_only_one_source_makes_is_flagged_and_a_shared_one_is_not() -> None:
    """A statement is unique when no other source's words cover it and no sentence of
    another source comes close in meaning (``diff.SAID_ELSEWHERE``): one on another subject."""
    warned = "ارتفعت أسعار القمح في الأسواق المحلية بنسبة كبيرة هذا الأسبوع"  # far from the call
    a = article("a", claims=[claim("بات رايدر", STRESSED), claim("وزارة الدفاع الروسية", warned)])
    b = article("b", claims=[claim("باتريك رايدر", "أوستن شدد على أهمية الحفاظ على خطوط الاتصال")])
    (d,) = flagged(one_event(a, b))
    assert (d.kind, d.field, d.severity) == (Kind.UNIQUE_CLAIM, "claim", Severity.LOW)
    assert [(v.article, v.value) for v in d.values] == [("a", f"وزارة الدفاع الروسية: {warned}")]


def test_a_claim_another_source_quotes_in_its_evidence_is_not_unique() -> None:
    warned = "حذر من مخاطر استمرار إمدادات الأسلحة الأميركية"
    a = article("a", claims=[claim("أندريه بيلوسوف", warned)])
    b = summary(
        "b",
        event(CALL, when="الثلاثاء",
              evidence=f"وقالت موسكو إن بيلوسوف {warned} إلى أوكرانيا"),
        participants=people(*NAMES),
    )  # fmt: skip
    assert flagged(one_event(a, b)) == []


def test_a_paraphrase_in_another_language_is_the_same_claim() -> None:
    """قنوات التواصل / lines of communication: one statement in two languages and wordings."""
    a = article("a", claims=[claim("المتحدث", "الوزيران اتفقا على إبقاء قنوات التواصل مفتوحة")])
    b = article("b", claims=[claim("the spokesman",
                 "the two ministers agreed to keep the lines of communication open")],
                names=NAMES_EN)  # fmt: skip
    assert flagged(one_event(a, b), Kind.UNIQUE_CLAIM) == []


def test_plural_and_pronoun_suffixes_do_not_hide_a_shared_statement() -> None:
    # الإمدادات / إمدادات, حذره / حذر, بأسلحة / الأسلحة: one statement in two wordings
    a = article("a", claims=[claim("وزير الدفاع الروسي", "حذر من مخاطر الإمدادات بالأسلحة")])
    b = article("b", claims=[claim("بيلوسوف", "حذره من مخاطر استمرار هذه إمدادات الأسلحة")])
    assert flagged(one_event(a, b), Kind.UNIQUE_CLAIM) == []


def test_a_date_given_as_a_quantity_is_not_a_number_to_compare() -> None:
    a = article("a", quantities=[quantity("منذ آخر اتصال", "مارس 2023")])
    b = article("b", quantities=[quantity("منذ آخر اتصال", "16 شهراً")])
    assert flagged(one_event(a, b), Kind.NUMERIC_MISMATCH) == []


# --- names -------------------------------------------------------------------------------------


def test_spelling_variants_are_information_never_a_contradiction() -> None:
    report = one_event(
        article("a", names=("لويد أوستن", "أندريه بيلوسوف")),
        article("b", names=("لويد أوستن", "أندريه بيلاوسوف")),
        article("c", names=("Lloyd Austin", "Andrei Belousov")),
    )
    assert flagged(report) == []
    variants = flagged(report, Kind.SPELLING_VARIANT)
    assert len(variants) == 2
    assert all(d.severity == Severity.INFO for d in variants)
    assert all(d.field == "participant.name" for d in variants)
    belousov = next(d for d in variants if "Andrei Belousov" in [v.value for v in d.values])
    assert [(v.article, v.value) for v in belousov.values] == [
        ("a", "أندريه بيلوسوف"),
        ("b", "أندريه بيلاوسوف"),
        ("c", "Andrei Belousov"),
    ]
    assert {len(e.forms) for e in report.entities} == {3}


def test_one_spelling_everywhere_is_no_variant() -> None:
    report = one_event(article("a"), article("b"))
    assert report.disagreements == []


# --- what every disagreement carries ---------------------------------------------------------


def _written(s: ArticleSummary) -> tuple[set[str], set[str]]:
    """Values an article states as written, and its evidence quotes."""
    e = s.event
    assert e is not None
    values = {e.when or "", e.initiator or ""}
    values |= {p.name for p in s.participants}
    values |= {" ".join(x for x in (q.value, q.unit) if x) for q in s.quantities}
    values |= {f"{c.speaker}: {c.claim}" for c in s.claims}
    quotes = {item.evidence for item in s.items()} | {getattr(e, "initiator_evidence", None)}
    return values, quotes


def test_every_disagreement_carries_each_sources_value_evidence_and_grounding() -> None:
    a = article(
        "a", initiator="الولايات المتحدة", when="9 يوليو 2024",
        quantities=[quantity("منذ آخر اتصال", "16 شهراً")],
        claims=[claim("بات رايدر", STRESSED), claim("Песков", "США понесут последствия")],
    )  # fmt: skip
    b = summary(
        "b",
        event(CALL, when="10 يوليو 2024", initiator="روسيا", grounded=False),
        participants=[participant("لويد أوستن"), participant("أندريه بيلاوسوف", grounded=False)],
        # an ungrounded number is not compared: this one is grounded
        quantities=[quantity("منذ آخر اتصال", "15 شهرا")],
        claims=[claim("ديميتري بيسكوف", STRESSED, grounded=False)],
    )
    comparison = compare([a, b])
    (report,) = comparison.events
    kinds = {d.kind for d in report.disagreements}
    assert kinds == set(Kind)  # every kind once at least
    by_id = {s.id: s for s in comparison.articles}
    for d in report.disagreements:
        assert d.values, d
        assert d.note
        for v in d.values:
            assert v.article in report.articles
            values, quotes = _written(by_id[v.article])
            assert v.value in values, (d.kind, v.value)
            assert v.evidence in quotes, (d.kind, v.evidence)
        grounded = {v.article: v.grounded for v in d.values}
        if d.kind not in (Kind.SPELLING_VARIANT, Kind.NUMERIC_MISMATCH):
            # b's items are all ungrounded but one name and its number
            assert grounded.get("b", False) is False
            assert grounded.get("a", True) is True


# --- rendering -----------------------------------------------------------------------------


def test_print_comparison_counts_flags_without_spelling_variants() -> None:
    a = article("a", initiator="الولايات المتحدة")
    b = article("b", initiator="روسيا", names=("لويد أوستن", "أندريه بيلاوسوف"))
    comparison = compare([a, b])
    console = Console(record=True, width=200)
    print_comparison(console, comparison)
    text = console.export_text()
    assert "event-1" in text
    assert "contradiction" in text and "spelling_variant" in text
    assert text.rstrip().endswith("1 event(s) from 2 article(s) · 1 disagreement(s) flagged")


def test_event_table_has_one_column_per_source() -> None:
    comparison = compare([article("a"), article("b", names=NAMES_EN)])
    (report,) = comparison.events
    table = event_table(report, {s.id: s for s in comparison.articles})
    assert [c.header for c in table.columns] == ["field", "a", "b"]
    console = Console(record=True, width=200)
    console.print(table)
    text = console.export_text()
    for label in ("event", "when", "initiator", "participants", "quantities", "claims"):
        assert f"│ {label} " in text, label
    assert "Lloyd Austin" in text and "لويد أوستن" in text


# --- scale ------------------------------------------------------------------------------------


def test_compare_on_one_thousand_summaries_flags_only_what_differs() -> None:
    """200 events × 5 articles: articles 0, 2 and 4 say 3 months, 1 and 3 say 4 months."""
    comparison = synthetic_comparison(200)
    assert len(comparison.events) == 200
    assert len(comparison.articles) == 1000
    for report in comparison.events:
        assert len(report.articles) == 5
        kinds = [d.kind for d in flagged(report)]
        assert kinds.count(Kind.NUMERIC_MISMATCH) == 6  # 3 × 2 pairs of sources
        assert set(kinds) <= {Kind.NUMERIC_MISMATCH}


def test_comparison_round_trips_through_json() -> None:
    comparison = compare([article("a"), article("b", initiator="روسيا")])
    again = Comparison.model_validate_json(comparison.model_dump_json(round_trip=True))
    assert again.events == comparison.events
    assert isinstance(comparison.articles[0].event, Event)
    assert isinstance(comparison.articles[0].participants[0], Participant)


WIRE = (
    "اتصل وزير الدفاع الأميركي لويد أوستن بنظيره الروسي أندريه بيلوسوف يوم الثلاثاء وبحث "
    "الجانبان الحرب في أوكرانيا وأهمية إبقاء خطوط الاتصال مفتوحة بين البلدين كما قالت وزارة "
    "الدفاع في بيان صدر مساء اليوم نفسه عن المكالمة التي استمرت نحو ساعة كاملة"
)


def test_a_wire_copy_confirms_nothing_its_original_says() -> None:
    """b and its copy give the same number, c does not: still a number only one source
    gives, flagged once (c's own number is unique too)."""
    poisoned = quantity("القتلى", "55", evidence="لقي 55 شخصا حتفهم في القرية")
    b = article("b", quantities=[poisoned])
    copy = article("b_copy", quantities=[poisoned])
    c = article("c", quantities=[quantity("injured", "30", evidence="30 people were injured")])
    b = b.model_copy(update={"source": b.source.model_copy(update={"lead": WIRE})})
    copy = copy.model_copy(update={"source": copy.source.model_copy(update={"lead": WIRE + " ."})})
    report = one_event(b, copy, c)
    assert report.copies == {"b_copy": "b"}
    unique = [d for d in flagged(report) if d.kind == Kind.UNIQUE_CLAIM]
    assert [v.article for d in unique for v in d.values] == ["b", "c"]


def test_a_claim_after_a_subhead_is_no_unique_claim_candidate() -> None:
    """Readers go on past a subhead; the claims only one source makes are looked for in
    what the story leads with (``diff._after_subhead``)."""
    from summarizer.diff import _after_subhead

    lead = "Dock workers walked out on Monday over pay, the union said. " * 12
    text = f"{lead}\nTalks promised\nThe union said dock workers would talk on Monday.\n"
    c = claim("the union", "dock workers would talk")
    at = text.index("The union said dock")
    after = c.model_copy(update={"grounding": c.grounding.model_copy(update={"start": at})})
    assert _after_subhead(text, after)
    assert not _after_subhead(text, c)  # at the start of the story
    assert not _after_subhead(lead, after)  # no heading at all


def test_a_spokesman_titled_with_his_body_speaks_for_it() -> None:
    """ "Port authority spokesman Lin Vos" says what the port authority says: the same
    statement credited to both is no attribution disagreement (``diff._voice_of``)."""
    from summarizer.diff import _voice_of

    text = "The ferry resumed on Monday, port authority spokesman Lin Vos told reporters."
    assert _voice_of(text, "Lin Vos", "the port authority")
    assert not _voice_of(text, "Lin Vos", "the coast guard")
    assert not _voice_of("Lin Vos, who once led the port authority, said so.", "Lin Vos",
                         "the port authority")  # fmt: skip


@pytest.mark.parametrize(
    ("credit", "names"),
    [
        ("the Libyan Red Crescent", True),  # a capitalised name after its first word
        ("الهلال الأحمر الليبي", True),  # a script without capitals gives no sign: it counts
        ("officials", False),
        ("The governor", False),  # only the sentence's capital
        ("state television", False),
    ],
)
def test_a_figure_is_credited_only_to_a_named_party(credit: str, names: bool) -> None:
    """The same figure credited to "officials" and to a named body is no attribution
    disagreement: "officials" names no one (``diff._credit_names``)."""
    from summarizer.diff import _credit_names

    assert _credit_names(credit) is names


def test_a_count_after_first_is_no_time_since_the_last_event() -> None:
    """ "the first call in 84 days" gives a time since the last call (a duration); "his first
    17 passes" and "their first 7 drives" count two different things: not compared."""
    a = article("a", names=NAMES_EN, quantities=[quantity(
        "passes", "17", evidence="Vale completed his first 17 passes of the final")])  # fmt: skip
    b = article("b", names=NAMES_EN, quantities=[quantity(
        "drives", "7", evidence="Kelby scored on their first 7 drives of the final")])  # fmt: skip
    assert flagged(one_event(a, b), Kind.NUMERIC_MISMATCH) == []
