"""summarizer.shingles: wire copies found by shingles, MinHash, LSH banding and exact checks.
Every article here is made up."""

from __future__ import annotations

import hashlib
import random

import numpy as np

from summarizer.shingles import bands, copy_groups, minhash, near_duplicates, shingles
from summarizer.text import normalize

EN_STORY = (
    "The harbour authority of Velmora said on Tuesday that dock workers would end a nine-day "
    "strike after union leaders accepted a revised pay offer. Under the agreement, wages will "
    "rise by 6 percent this year and a further 4 percent next year, and night shifts will be "
    "capped at ten per month. Container traffic, which fell by almost half during the "
    "stoppage, is expected to return to normal by the weekend, the authority said in a "
    "statement. Shipping companies had diverted more than forty vessels to neighbouring ports "
    "since the strike began. The union's chairwoman, Ilse Marren, told reporters that members "
    "had voted by a wide margin to accept the deal but warned that talks on pensions would "
    "resume in the spring."
)
# Another outlet's version: its own headline and credit line, three words changed.
EN_REWRITTEN = (
    "Velmora dockers call off strike\n(Northwire) The harbour authority of Velmora said on "
    "Tuesday that dock workers would end their nine-day strike after union leaders accepted a "
    "revised pay offer. Under the agreement, wages will rise by 6 percent this year and a "
    "further 4 percent next year, and night shifts will be limited to ten per month. Container "
    "traffic, which fell by almost half during the stoppage, is expected to return to normal "
    "by the weekend, the authority said in a statement. Shipping companies had diverted more "
    "than forty ships to neighbouring ports since the strike began. The union's chairwoman, "
    "Ilse Marren, told reporters that members had voted by a wide margin to accept the deal "
    "but warned that talks on pensions would resume in the spring."
)
# The same port, the same week, another event: shared phrases, not a copy.
EN_OTHER = (
    "The harbour authority of Velmora said on Tuesday that a crane collapsed at the eastern "
    "container terminal overnight, injuring two workers. Container traffic at the terminal "
    "was suspended while inspectors examined the remaining cranes, the authority said in a "
    "statement. The injured men were taken to the city hospital and are in stable condition. "
    "Dock workers, who returned to work last month after a strike over pay, said they had "
    "complained about the age of the equipment for years. The union's chairwoman, Ilse "
    "Marren, told reporters that members would refuse to operate the older cranes until an "
    "independent safety review was published."
)
AR_STORY = (
    "أعلنت وزارة الزراعة في مملكة فالدورا يوم الأربعاء أن إنتاج القمح ارتفع بنسبة اثني عشر "
    "في المئة هذا العام بعد موسم أمطار غزيرة. وقال المتحدث باسم الوزارة إن المخازن الحكومية "
    "استقبلت أكثر من مليوني طن حتى الآن، وإن الأسعار في الأسواق المحلية بدأت تنخفض. وأضاف أن "
    "الحكومة ستخصص جزءاً من الفائض للتصدير إلى الدول المجاورة، على أن تبقى كمية كافية في "
    "الاحتياطي الاستراتيجي. وأشار إلى أن المزارعين في الإقليم الشمالي حصلوا على قروض ميسرة "
    "لشراء آلات جديدة، وأن برنامج الدعم سيستمر في العام المقبل."
)
# The same story as another site writes it: bare alefs, alef maqsura as ya, vowel marks.
AR_VARIANT = (
    "اعلنت وِزارةُ الزِّراعةِ في مملكة فالدورا يوم الاربعاء ان انتاج القَمْحِ ارتفع بنسبة اثني عشر "
    "في المئة هذا العام بعد موسم امطار غزيرة. وقال المتحدث باسم الوزارة ان المخازن الحكومية "
    "استقبلت اكثر من مليوني طن حتي الان، وان الاسعار في الاسواق المحلية بدأت تنخفض. واضاف ان "
    "الحكومة ستخصص جزءا من الفائض للتصدير الي الدول المجاورة، علي ان تبقي كمية كافية في "
    "الاحتياطي الاستراتيجي. واشار الي ان المزارعين في الاقليم الشمالي حصلوا علي قروض ميسرة "
    "لشراء الات جديدة، وان برنامج الدَّعْمِ سيستمر في العام المقبل."
)
RU_STORY = (
    "Правительство области Северная Дарина в четверг утвердило план ремонта трёх мостов через "
    "реку Ольму, сообщила пресс-служба губернатора. Работы начнутся в мае и продлятся около "
    "двух лет, а общая стоимость проекта составит четыре миллиарда рублей. Движение по старому "
    "мосту будет частично ограничено, однако для автобусов сохранят отдельную полосу. Местные "
    "жители уже несколько лет жаловались на трещины в опорах и ямы на проезжей части. Министр "
    "транспорта области Пётр Веленский заявил журналистам, что подрядчика выберут на открытом "
    "конкурсе в марте, а первые результаты проверки опор опубликуют на сайте ведомства."
)
# A credit line in front, ё written е.
RU_COPY = (
    "ДАРИНСК, 14 марта — «Восточный курьер». Правительство области Северная Дарина в четверг "
    "утвердило план ремонта трех мостов через реку Ольму, сообщила пресс-служба губернатора. "
    "Работы начнутся в мае и продлятся около двух лет, а общая стоимость проекта составит "
    "четыре миллиарда рублей. Движение по старому мосту будет частично ограничено, однако для "
    "автобусов сохранят отдельную полосу. Местные жители уже несколько лет жаловались на "
    "трещины в опорах и ямы на проезжей части. Министр транспорта области Петр Веленский "
    "заявил журналистам, что подрядчика выберут на открытом конкурсе в марте, а первые "
    "результаты проверки опор опубликуют на сайте ведомства."
)


def _blake(s: str) -> int:
    return int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest(), "little")


def _exact(a: str, b: str) -> tuple[float, float]:
    """(Jaccard, containment of the smaller in the larger) of two texts' shingle sets."""
    x, y = shingles(a), shingles(b)
    shared = len(x & y)
    return shared / len(x | y), shared / min(len(x), len(y))


# --- shingles -------------------------------------------------------------------------------


def test_shingles_are_stable_hashes_of_normalised_word_k_grams() -> None:
    assert shingles("Dock workers, on STRIKE: day nine!", k=5) == {
        _blake("dock workers on strike day"),
        _blake("workers on strike day nine"),
    }
    assert shingles("CAFÉ: Ölmå!", k=5) == {_blake("café ölmå")}  # fewer words than k: one
    assert shingles("  ,;  ") == set() and shingles("") == set()
    assert shingles("a b c d e f g", k=3) == {_blake(s) for s in ["a b c", "b c d", "c d e",
                                                                  "d e f", "e f g"]}  # fmt: skip
    assert len(shingles(EN_STORY)) == len(normalize(EN_STORY).split()) - 4 == 120
    assert shingles(AR_STORY) == shingles(AR_VARIANT)
    assert all(0 <= h < 2**64 for h in shingles(RU_STORY))


# --- minhash --------------------------------------------------------------------------------


def test_minhash_is_the_minimum_of_universal_hashes_mod_the_mersenne_prime() -> None:
    sets = [shingles(EN_STORY), {0, 1, 2**64 - 1, 2**61 - 1, 2**61}, set()]
    sig = minhash(sets, num_perm=16, seed=7)
    assert sig.shape == (3, 16) and sig.dtype == np.uint64
    p = 2**61 - 1
    rng = np.random.default_rng(7)
    a = [int(v) for v in rng.integers(1, p, size=16, dtype=np.uint64)]
    b = [int(v) for v in rng.integers(0, p, size=16, dtype=np.uint64)]
    for row, s in zip(sig[:2], sets[:2], strict=True):
        expected = [min((aj * (x % p) + bj) % p for x in s) for aj, bj in zip(a, b, strict=True)]
        assert [int(v) for v in row] == expected
    assert (sig[2] == np.iinfo(np.uint64).max).all()  # empty set: all max
    assert (minhash(sets, num_perm=16, seed=7) == sig).all()  # the seed fixes it


def test_minhash_agreement_estimates_jaccard() -> None:
    x, y = set(range(1000)), set(range(500, 1500))  # Jaccard 1/3
    sig = minhash([x, y], num_perm=512)
    assert abs((sig[0] == sig[1]).mean() - 1 / 3) < 0.07
    assert minhash([], num_perm=8).shape == (0, 8)


def test_bands_keep_a_pair_at_the_threshold_a_candidate() -> None:
    assert bands(128, 0.7) == (32, 4)
    assert bands(128, 0.9) == (16, 8)
    assert bands(128, 0.5) == (64, 2)  # 42 x 3: 99.6%


# --- near_duplicates ------------------------------------------------------------------------


def test_an_exact_copy_scores_one() -> None:
    assert near_duplicates([EN_STORY, EN_OTHER, EN_STORY]) == [(0, 2, 1.0)]


def test_a_copy_with_its_own_headline_and_a_few_words_changed_is_found() -> None:
    jaccard, containment = _exact(EN_STORY, EN_REWRITTEN)
    assert jaccard < containment < 1.0
    assert near_duplicates([EN_REWRITTEN, EN_STORY]) == [(0, 1, containment)]
    assert containment > 0.8


def test_an_excerpt_is_found_by_containment() -> None:
    words = EN_STORY.split()
    excerpt = " ".join(words[: len(words) * 6 // 10])
    jaccard, containment = _exact(excerpt, EN_STORY)
    assert jaccard < 0.7 and containment == 1.0  # Jaccard alone would miss it
    assert near_duplicates([EN_STORY, EN_OTHER, excerpt]) == [(0, 2, 1.0)]


def test_two_stories_on_one_subject_are_not_copies() -> None:
    jaccard, containment = _exact(EN_STORY, EN_OTHER)
    assert 0 < containment < 0.3 and jaccard < 0.1  # some shared phrases, no more
    assert near_duplicates([EN_STORY, EN_OTHER]) == []
    assert near_duplicates([EN_STORY, EN_OTHER], threshold=0.1) == [(0, 1, containment)]


def test_arabic_and_russian_copies_are_found_through_letter_forms() -> None:
    texts = [AR_STORY, RU_STORY, EN_STORY, AR_VARIANT, RU_COPY]
    _, ru = _exact(RU_STORY, RU_COPY)
    assert ru == 1.0  # ё = е; only the credit line differs
    assert near_duplicates(texts) == [(0, 3, 1.0), (1, 4, 1.0)]


def test_short_texts_are_never_paired() -> None:
    short = "The harbour authority of Velmora said dock workers would end a nine-day strike."
    assert len(short.split()) < 20
    nineteen = " ".join(EN_STORY.split()[:18])  # "nine-day" is two words
    assert len(normalize(nineteen).split()) == 19
    assert near_duplicates([short, short, nineteen, EN_STORY, nineteen]) == []
    assert near_duplicates([]) == [] and near_duplicates([EN_STORY]) == []


def _vocabulary(rng: random.Random, n: int) -> list[str]:
    syllables = ["ka", "lo", "mir", "ta", "ven", "dor", "su", "el", "ran", "bi", "gor", "ne"]
    words: set[str] = set()
    while len(words) < n:
        words.add("".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def test_a_thousand_different_texts_give_no_pairs_and_a_planted_copy_is_found() -> None:
    rng = random.Random(3)
    vocabulary = _vocabulary(rng, 3000)
    texts = [" ".join(rng.choices(vocabulary, k=rng.randint(60, 120))) for _ in range(1000)]
    assert near_duplicates(texts) == []
    texts[700] = "(Northwire) " + texts[42] + " Reporting by Northwire."
    found = near_duplicates(texts)
    assert [(i, j) for i, j, _ in found] == [(42, 700)]
    assert found[0][2] == 1.0


# --- copy_groups ----------------------------------------------------------------------------


def test_copy_groups_are_the_connected_components() -> None:
    pairs = [(3, 7, 0.9), (0, 5, 1.0), (5, 6, 0.8), (0, 6, 0.75)]
    assert copy_groups(8, pairs) == [[0, 5, 6], [3, 7]]
    assert copy_groups(4, [(2, 3, 1.0), (0, 3, 1.0), (1, 0, 1.0)]) == [[0, 1, 2, 3]]
    assert copy_groups(3, []) == [] and copy_groups(0, []) == []


def test_copies_of_two_stories_make_two_groups() -> None:
    texts = [EN_STORY, AR_STORY, EN_OTHER, EN_REWRITTEN, AR_VARIANT, EN_STORY]
    assert copy_groups(len(texts), near_duplicates(texts)) == [[0, 3, 5], [1, 4]]
