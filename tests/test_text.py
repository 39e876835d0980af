"""summarizer.text: normalisation for matching, the map back to the original, languages."""

from __future__ import annotations

import unicodedata

import pytest

from summarizer.lang import detect_language
from summarizer.text import normalize, normalize_with_map


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        # diacritics (harakat, shadda, tanween, sukun, dagger alef) are dropped
        ("مُحَمَّدٌ", "محمد"),
        ("شدّد", "شدد"),
        ("اتصالاً", "اتصالا"),
        ("هٰذا", "هذا"),
        # tatweel (kashida) is dropped
        ("محـــمد", "محمد"),
        ("الـلـه", "الله"),
        # alef forms become bare alef
        ("أحمد", "احمد"),
        ("إبراهيم", "ابراهيم"),
        ("آذار", "اذار"),
        ("ٱلرحمن", "الرحمن"),
        # alef maqsura and hamza-on-ya become ya; hamza-on-waw becomes waw
        ("مصطفى", "مصطفي"),
        ("رئيس", "رييس"),
        ("مؤتمر", "موتمر"),
        # ta marbuta becomes ha
        ("مدينة", "مدينه"),
        ("وزارة الدفاع", "وزاره الدفاع"),
        # Arabic-Indic and Extended (Persian) digits become ASCII digits
        ("٢٥ ديسمبر ٢٠٢٤", "25 ديسمبر 2024"),
        ("۱۴۰۳", "1403"),
        # punctuation becomes space, runs of white space collapse, ends are trimmed
        ('«قال»، الوزير:  "نعم"!', "قال الوزير نعم"),
        ("  واشنطن -وكالات  ", "واشنطن وكالات"),
        # Latin and Cyrillic are case-folded, ё becomes е
        ("The Pentagon, Washington", "the pentagon washington"),
        ("Ёлки ПАЛКИ", "елки палки"),
        ("", ""),
    ],
)
def test_normalize(written: str, expected: str) -> None:
    assert normalize(written) == expected


def test_all_spellings_of_one_word_normalise_alike() -> None:
    spellings = ["أوستن", "اوستن", "أُوسْتِن", "أوســتن", "إوستن", "آوستن"]
    assert {normalize(s) for s in spellings} == {"اوستن"}


def test_decomposed_hamza_forms_match_precomposed() -> None:
    precomposed = "أإآؤئ"
    decomposed = unicodedata.normalize("NFD", precomposed)
    assert decomposed != precomposed
    assert normalize(decomposed) == normalize(precomposed) == "اااوي"


def test_presentation_forms_fold_to_base_letters() -> None:
    # lam-alef-with-hamza ligature and an isolated ta marbuta (presentation forms)
    assert normalize("\ufef7\ufe93") == "لاه"


def test_invisible_format_characters_are_dropped() -> None:
    assert normalize("بي\u200cلو\u200fسوف\ufeff") == "بيلوسوف"


def test_offset_map_points_every_character_at_its_origin() -> None:
    text = "قالَ وزيرُ الدفـاعِ «لويد أوستن» في ١٤ يونيو ٢٠٢٤."
    norm = normalize_with_map(text)
    assert norm.source_length == len(text)
    assert len(norm.origin) == len(norm.text)
    assert list(norm.origin) == sorted(norm.origin)  # monotonic
    for i, ch in enumerate(norm.text):
        if ch != " ":
            assert ch in normalize(text[norm.origin[i]]), (i, ch, text[norm.origin[i]])


@pytest.mark.parametrize(
    ("text", "needle", "original"),
    [
        ("قالَ وزيرُ الدفـاعِ «لويد أوستن» في بيان", "لويد اوستن", "لويد أوستن"),
        ("وقع ذلك في ١٤ يونيو ٢٠٢٤ - رويترز", "14 يونيو 2024", "١٤ يونيو ٢٠٢٤"),
        ("الـولايـات المتحدة وروسيا", "الولايات المتحده", "الـولايـات المتحدة"),
        (
            "The U.S. Secretary, Lloyd Austin, said",
            "secretary lloyd austin",
            "Secretary, Lloyd Austin",
        ),
        ("Министр обороны Андрей Белоусов заявил", "андрей белоусов", "Андрей Белоусов"),
    ],
)
def test_span_maps_a_match_back_to_the_original_text(text: str, needle: str, original: str) -> None:
    norm = normalize_with_map(text)
    pos = norm.text.find(needle)
    assert pos >= 0, norm.text
    start, end = norm.span(pos, pos + len(needle))
    assert text[start:end] == original
    assert start == text.index(original)


def test_span_of_a_match_ending_in_a_vowel_mark_keeps_the_mark() -> None:
    """The original span of a word must include the diacritics written on its last letter:
    slicing the original text with it must not cut 'اتصالاً' to 'اتصالا'."""
    text = "أجرى أوستن اتصالاً بنظيره"
    norm = normalize_with_map(text)
    needle = "اوستن اتصالا"
    pos = norm.text.find(needle)
    start, end = norm.span(pos, pos + len(needle))
    assert text[start:end] == "أوستن اتصالاً"


def test_empty_span_is_rejected() -> None:
    norm = normalize_with_map("abc")
    with pytest.raises(ValueError):
        norm.span(1, 1)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("أجرى وزير الدفاع الأميركي لويد أوستن اتصالاً بنظيره الروسي", "ar"),
        ("The US defence secretary Lloyd Austin called his Russian counterpart.", "en"),
        ("Министр обороны США Ллойд Остин позвонил российскому коллеге.", "ru"),
        # mostly Arabic with a Latin agency name and digits is still Arabic
        ("قال وزير الدفاع في 14 يونيو 2024 - Reuters إن الاتصال جرى", "ar"),
        ("2024 - 16 / 12", "und"),
        ("", "und"),
    ],
)
def test_detect_language(text: str, language: str) -> None:
    assert detect_language(text) == language


@pytest.mark.parametrize(
    "text",
    [
        "They won 3.17% and 2.16% of the votes. The turnout was low.",
        "وحصلا على 3.17٪ و 2.16٪ من الأصوات. وكانت المشاركة ضعيفة.",
        "Они набрали 3.17% и 2.16% голосов. Явка была низкой.",
    ],
)
def test_a_decimal_point_ends_no_sentence(text: str) -> None:
    from summarizer.text import SENTENCE_END, sentence_bounds

    first = text[: text.index(". ")]
    assert text[slice(*sentence_bounds(text, text.index("2.16")))] == first
    assert next(m.start() for m in SENTENCE_END.finditer(text)) == len(first)
