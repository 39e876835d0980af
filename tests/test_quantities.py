"""summarizer.quantities: numbers as intervals, and when two of them can both hold. Made-up
sentences; every pack's own cases run in test_lang.py."""

from __future__ import annotations

import pytest

from summarizer.quantities import (
    Interval,
    amount_of,
    credited_source,
    find_numbers,
    parse_amount,
    same_number,
)


def _one(text: str) -> Interval:
    found = find_numbers(text)
    assert len(found) == 1, found
    assert found[0].amount.interval is not None
    return found[0].amount.interval


@pytest.mark.parametrize(
    ("a", "b", "agree"),
    [
        ("296 dead", "at least 296 dead", True),  # a bound and a value inside it
        ("48% turnout", "48.03% turnout", True),  # different precision
        ("5.6 million votes", "5,630,000 votes", True),
        ("about 150 hurt", "153 hurt", True),
        ("nearly 95%", "94.65%", True),
        ("24 prisoners", "26 prisoners", False),
        ("more than 2800 dead", "11,300 dead", False),
        ("more than 150", "150", False),  # "more than" excludes the bound
        ("less than 10 minutes", "12 minutes", False),
        ("less than 10 minutes", "about 9 minutes", True),
        ("11 300", "11,300", True),
        ("أكثر من 10 آلاف مفقود", "10,100 missing", True),
        ("قتيلان", "two dead", True),
        ("десять человек", "9 people", False),
    ],
)
def test_two_numbers_agree_when_their_intervals_meet(a: str, b: str, agree: bool) -> None:
    (ma,), (mb,) = find_numbers(a), find_numbers(b)
    assert same_number(ma.amount, mb.amount) is agree
    assert same_number(mb.amount, ma.amount) is agree


def test_a_lower_bound_is_compared_as_a_figure_near_it() -> None:
    """ "more than 2800" and 11,300 can both hold as intervals, but no source writing "more
    than 2800" reports a toll of 11,300: the bound is read as at most 1.5 times itself."""
    assert _one("more than 2800 dead").meets(_one("11,300 dead"))
    (bound,), (far,), (near,) = (find_numbers(t) for t in ("more than 2800", "11,300", "2,950"))
    assert not same_number(bound.amount, far.amount)
    assert same_number(bound.amount, near.amount)


def test_intervals_read_as_written() -> None:
    assert str(_one("at least 3 killed")) == "[3, ∞)"
    assert str(_one("more than 150 injured")) == "(150, ∞)"
    assert str(_one("less than 10 people")) == "[0, 10)"
    assert str(_one("up to 40 people")) == "[0, 40]"
    assert str(_one("about 100 people")) == "[90, 110]"
    assert str(_one("100 people")) == "[100, 100]"  # a whole count is exact
    assert str(_one("48% turnout")) == "[47.5, 48.5]"  # else half its last digit
    assert _one("at least 3 killed").contains(3) and not _one("more than 3").contains(3)


def test_dates_years_times_and_codes_are_not_quantities() -> None:
    text = "On 12 May 2024 at 10:45 an A320 and a Mi-8 flew; COVID-19 cases rose by 40."
    found = [text[m.start : m.end] for m in find_numbers(text, skip=[(3, 14)])]
    assert found == ["40"]


@pytest.mark.parametrize(
    ("text", "measure", "interval"),
    [
        ("won 4-2 on penalties", "score", "[4.02, 4.02]"),  # a score: two numbers, higher first
        ("a 2–4 defeat", "score", "[4.02, 4.02]"),
        ("10-15 people were hurt", "count", "[10, 15]"),  # a range: the unit follows its top
        ("10-15 тысяч человек", "count", "[10000, 15000]"),
        ("the goal in minute 23", "moment", "[23, 23]"),  # a unit before a number: a moment
        ("هدف في الدقيقة 23", "moment", "[23, 23]"),
        ("he scored in the 23rd minute", "moment", "[23, 23]"),  # an ordinal before a unit
        ("гол на 90-й минуте", "moment", "[90, 90]"),
        ("هدف في الدقيقة الـ23", "moment", "[23, 23]"),  # the article written onto the number
        ("a blast of 1.1 kilotons", "unit:mass", "[1100000, 1100000]"),
        ("خفض الإنتاج بمقدار مليوني برميل يوميا", "unit:oil/day", "[2000000, 2000000]"),  # a dual
    ],
)
def test_scores_ranges_and_moments_are_typed(text: str, measure: str, interval: str) -> None:
    (found,) = find_numbers(text)
    assert found.amount.measure == measure
    assert str(found.amount.interval) == interval


@pytest.mark.parametrize(
    ("a", "b", "agree"),
    [
        ("200 km", "124 miles", True),  # one distance in two units
        ("200 كيلومتر", "200 километров", True),
        ("2,750 tonnes", "2750 طن", True),
        ("2 million barrels per day", "2 млн баррелей в сутки", True),
        ("200 km", "150 km", False),
    ],
)
def test_measures_in_units_are_compared_in_one_unit(a: str, b: str, agree: bool) -> None:
    (ma,), (mb,) = find_numbers(a), find_numbers(b)
    assert ma.amount.measure == mb.amount.measure
    assert same_number(ma.amount, mb.amount) is agree


def test_a_rate_is_not_a_total() -> None:
    (rate,), (total,) = find_numbers("2 million bpd"), find_numbers("40 million barrels")
    assert (rate.amount.measure, total.amount.measure) == ("unit:oil/day", "unit:oil")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # tens then units, a hundred times what stands before it, "and" between the parts
        ("twenty-five people", 25),
        ("one hundred and twenty votes", 120),
        ("сто двадцать человек", 120),
        ("двести двадцать", 220),
        ("vingt-cinq morts", 25),
        # Arabic: units first with "and", a teen, hundreds in one word or two, duals
        ("تسعة وأربعين قتيلا", 49),
        ("أربعة عشر شخصا", 14),
        ("ثلاث مئة جريح", 300),
        ("مئة وخمسين", 150),
        ("ثلاثمئة", 300),
        ("مئتين وخمسين", 250),
        ("ألفي شخص", 2000),
        ("خمسة عشر ألفا", 15000),
        ("twenty-five thousand", 25000),
        # a multiplier alone in the singular, or after "a": one of it (not a plural's "thousands")
        ("مليون شخص", 1e6),
        ("أكثر من مليون نازح", 1e6),
        ("ألف جندي", 1000),
        ("тысяча человек", 1000),
        ("a million people", 1e6),
        # halves: "and a half" after a multiplier, half of one, one and a half
        ("مليون ونصف نازح", 1.5e6),
        ("نصف مليون شخص", 5e5),
        ("полтора миллиона человек", 1.5e6),
        ("مليون و200 ألف", 1.2e6),
        # a multiplier or a unit written onto the digits
        ("$1.5bn", 1.5e9),
        ("a 10km queue", 10000),
        # two numbers side by side that are no one number
        ("ten twenty", 10),
        ("five to seven", 5),
        # multipliers, halves and numerals in every case, by grammar
        ("615 crore", 6.15e9),
        ("2 lakh", 2e5),
        ("$1 trillion", 1e12),
        ("£1.5m", 1.5e6),
        ("1.16m bpd", 1.16e6),
        ("half a million", 5e5),  # not "a million"
        ("полмиллиона", 5e5),
        ("one and a half million", 1.5e6),
        ("два с половиной миллиона", 2.5e6),
        ("около полутора тысяч", 1500),
        ("ما يربو على 300", 300),
        ("тремя погибшими", 3),  # the oblique cases of Russian numerals
        ("двадцати пяти человек", 25),
        ("около ста человек", 100),
        ("اثنا عشر قتيلا", 12),  # not 10
        ("a dozen people", 12),
        ("a hundred people", 100),
    ],
)
def test_numbers_read_as_written(text: str, value: float) -> None:
    amount = parse_amount(text)
    assert amount is not None and amount.value == value


@pytest.mark.parametrize(
    "text", ["آلاف الأشخاص", "thousands of people", "ألف الحكومة", "نصف الضحايا"]
)
def test_a_plural_multiplier_or_a_verb_is_no_number(text: str) -> None:
    assert find_numbers(text) == []


@pytest.mark.parametrize("text", ["the 100m sprint", "a 5m-long wall"])
def test_a_glued_m_without_money_or_a_unit_is_no_million(text: str) -> None:
    assert find_numbers(text) == []


def test_an_ordinal_is_no_quantity_but_before_a_unit_of_time_a_moment() -> None:
    found = find_numbers("на 23-й минуте 34-го матча")
    assert [(m.amount.value, m.amount.measure) for m in found] == [(23.0, "moment")]


def test_units_are_normalised() -> None:
    hours, minutes = parse_amount("2 hours"), parse_amount("120 minutes")
    assert hours and minutes and hours.measure == minutes.measure == "duration"
    assert same_number(hours, minutes)
    years, months = parse_amount("two years"), parse_amount("24 months")
    assert years and months and same_number(years, months)
    euros = parse_amount("€100,000")
    assert euros and euros.measure == "money:EUR"


def test_a_value_is_read_where_its_evidence_writes_it() -> None:
    amount = amount_of("94.7", "The winner gained 94.7 percent of the votes.")
    assert amount is not None and amount.measure == "percent"
    bounded = amount_of("300", "Nearly 300 people died in the quake.")
    assert bounded is not None and bounded.bound == "about"
    assert amount_of("12", None) == parse_amount("12")


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        (
            "At least 40 died, according to the regional health office.",
            "the regional health office",
        ),
        ("وفقا لوزارة الصحة، قتل 12 شخصا", "وزارة الصحة"),
        ("По данным спасателей, погибли 5 человек.", "спасателей"),
        ("Selon la préfecture, 8 personnes sont mortes.", "la préfecture"),
        ("Nobody is credited for the 9 dead.", None),
    ],
)
def test_the_source_a_sentence_credits(sentence: str, source: str | None) -> None:
    assert credited_source(sentence) == source


@pytest.mark.parametrize(
    ("text", "months"), [("two and a half years", 30), ("два с половиной года", 30)]
)
def test_and_a_half_adds_a_half_before_the_unit(text: str, months: float) -> None:
    amount = parse_amount(text)
    assert amount is not None and amount.measure == "duration" and amount.value == months


def test_a_number_too_short_to_quote_is_not_read() -> None:
    """A number whose quote would be under ``MIN_QUOTE`` characters once stripped (a value
    split by a stray space: "magnitude - 6. 1 temblor") is left out: it no longer fails the
    article with a validation error."""
    from summarizer.models import MIN_QUOTE
    from summarizer.read.numbers import text_quantities

    text = "Quake in the north\n\nThe agency said it was a magnitude - 6. 1 temblor."
    found = text_quantities(text, [], set())
    assert all(len(q.evidence.strip()) >= MIN_QUOTE for q in found)
    assert all(q.evidence in text for q in found)
