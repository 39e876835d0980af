"""Hand-made ``ArticleSummary`` objects for the group and diff tests (no model involved).

Every item is grounded (exact alignment, values found) unless built with ``grounded=False``.
An item's evidence defaults to its own text, padded to the schema's minimum quote length::

    summary("a1", event("اتصال هاتفي", when="الثلاثاء", initiator="الولايات المتحدة"),
            participants=[participant("لويد أوستن"), participant("أندريه بيلوسوف")],
            quantities=[quantity("منذ آخر اتصال", "16 شهراً")],
            claims=[claim("بات رايدر", "شدد على أهمية خطوط الاتصال", grounded=False)])
"""

from __future__ import annotations

import functools
import hashlib
import random
from collections.abc import Sequence

from summarizer.diff import compare
from summarizer.models import (
    Alignment,
    ArticleSummary,
    Claim,
    Comparison,
    Event,
    Grounding,
    Participant,
    Quantity,
    Source,
    Status,
)


def grounding(*, grounded: bool = True, length: int = 20) -> Grounding:
    """An exact alignment at the start of the text, or a quote not found in it."""
    if grounded:
        return Grounding(
            alignment=Alignment.EXACT, start=0, end=length, score=1.0, values_found=True
        )
    return Grounding(
        alignment=Alignment.NOT_FOUND, start=None, end=None, score=0.0, values_found=False
    )


def quote(text: str) -> str:
    """``text`` as an evidence quote: padded with punctuation (no words) to 10 characters."""
    return text if len(text) >= 10 else f"«{text}»".ljust(10, "…")


def event(
    what: str,
    *,
    when: str | None = None,
    initiator: str | None = None,
    where: str | None = None,
    kind: str | None = None,
    evidence: str | None = None,
    grounded: bool = True,
) -> Event:
    evidence = quote(evidence or what)
    return Event(
        evidence=evidence,
        what=what,
        kind=kind,
        when=when,
        where=where,
        initiator=initiator,
        grounding=grounding(grounded=grounded, length=len(evidence)),
    )


def participant(
    name: str,
    *,
    role: str | None = None,
    country: str | None = None,
    evidence: str | None = None,
    grounded: bool = True,
) -> Participant:
    evidence = quote(evidence or name)
    return Participant(
        evidence=evidence,
        name=name,
        role=role,
        country=country,
        grounding=grounding(grounded=grounded, length=len(evidence)),
    )


def quantity(
    what: str,
    value: str,
    *,
    unit: str | None = None,
    source: str | None = None,
    evidence: str | None = None,
    grounded: bool = True,
) -> Quantity:
    evidence = quote(evidence or f"{what} {value}")
    return Quantity(
        evidence=evidence,
        what=what,
        value=value,
        unit=unit,
        source=source,
        grounding=grounding(grounded=grounded, length=len(evidence)),
    )


def claim(speaker: str, text: str, *, evidence: str | None = None, grounded: bool = True) -> Claim:
    evidence = quote(evidence or text)
    return Claim(
        evidence=evidence,
        speaker=speaker,
        claim=text,
        grounding=grounding(grounded=grounded, length=len(evidence)),
    )


def source(
    id: str,
    *,
    language: str = "ar",
    page_date_iso: str | None = None,
    page_date_from: str | None = None,
) -> Source:
    """A source; a page date given without where it was read is the caller's metadata."""
    return Source(
        id=id,
        path=f"/articles/{id}.txt",
        sha256=hashlib.sha256(id.encode()).hexdigest(),
        language=language,
        page_date=page_date_iso,
        page_date_iso=page_date_iso,
        page_date_from=page_date_from or ("metadata" if page_date_iso else None),
        chars=1000,
    )


def summary(
    id: str,
    main: Event,
    *,
    participants: Sequence[Participant] = (),
    quantities: Sequence[Quantity] = (),
    claims: Sequence[Claim] = (),
    language: str = "ar",
    page_date_iso: str | None = None,
    page_date_from: str | None = None,
) -> ArticleSummary:
    """An ``ok`` summary whose main event is ``main``."""
    return ArticleSummary(
        source=source(
            id, language=language, page_date_iso=page_date_iso, page_date_from=page_date_from
        ),
        status=Status.OK,
        event=main,
        participants=list(participants),
        quantities=list(quantities),
        claims=list(claims),
    )


def failed(
    id: str, reason: str = "answer did not fit the schema", status: Status = Status.ERROR
) -> ArticleSummary:
    """A summary whose extraction failed (status error by default): nothing extracted."""
    return ArticleSummary(source=source(id), status=status, reason=reason)


def people(*names: str) -> list[Participant]:
    return [participant(name) for name in names]


# --- many synthetic articles: events of five articles with names in three scripts -------------

# Consonants spelled alike by the name skeletons in Latin, Cyrillic and Arabic.
_CONSONANTS = {
    "b": ("b", "б", "ب"), "d": ("d", "д", "د"), "f": ("f", "ф", "ف"), "g": ("g", "г", "غ"),
    "k": ("k", "к", "ك"), "l": ("l", "л", "ل"), "m": ("m", "м", "م"), "n": ("n", "н", "ن"),
    "r": ("r", "р", "ر"), "s": ("s", "с", "س"), "t": ("t", "т", "ت"), "z": ("z", "з", "ز"),
}  # fmt: skip
_VOWELS = (("a", "o"), ("а", "о"), ("ا", "و"))  # dropped by the skeletons
_SUFFIX = ("ov", "ов", "وف")  # v, в and ف are all "f"
_GIVEN = (("Andrei", "Андрей", "أندريه"), ("Sergei", "Сергей", "سيرغي"),
          ("Lloyd", "Ллойд", "لويد"), ("Pavel", "Павел", "بافل"))  # fmt: skip
_WEEKDAYS = (("Monday", "в понедельник", "الاثنين"), ("Tuesday", "во вторник", "الثلاثاء"),
             ("Wednesday", "в среду", "الأربعاء"), ("Thursday", "в четверг", "الخميس"),
             ("Friday", "в пятницу", "الجمعة"), ("Saturday", "в субботу", "السبت"),
             ("Sunday", "в воскресенье", "الأحد"))  # fmt: skip
_SCRIPTS = ("en", "ru", "ar")


def _consonant_runs(count: int) -> list[str]:
    """``count`` runs of four consonants whose skeletons cannot collapse into each other."""
    letters = sorted(_CONSONANTS)
    runs = []
    for a in letters:
        for b in letters:
            for c in letters:
                for d in letters:
                    if a != b and b != c and c != d and d != "f":
                        runs.append(a + b + c + d)
                        if len(runs) == count:
                            return runs
    raise ValueError(f"at most {len(runs)} synthetic surnames")


def _surname(run: str, script: int) -> str:
    """Badorotov, Бадоротов and بادوروتوف: one skeleton, b-d-r-t-f."""
    a, o = _VOWELS[script]
    b, d, r, t = (_CONSONANTS[c][script] for c in run)
    return f"{b}{a}{d}{o}{r}{o}{t}{_SUFFIX[script]}".capitalize()


def synthetic_summaries(events: int, per_event: int = 5) -> list[ArticleSummary]:
    """``events`` × ``per_event`` ok summaries in a fixed shuffled order. Article ``k`` of
    event ``i`` has id ``ev{i:05d}-{k}``; each event has two people of its own, written in
    Latin, Cyrillic or Arabic script, with or without the given name, and a weekday written in
    the article's language (one article in five gives none)."""
    runs = _consonant_runs(2 * events)
    out = []
    for i in range(events):
        for k in range(per_event):
            script = k % 3
            names = []
            for j in (2 * i, 2 * i + 1):
                surname = _surname(runs[j], script)
                given = _GIVEN[j % len(_GIVEN)][script]
                names.append(surname if k == 3 else f"{given} {surname}")
            when = None if k == 4 else _WEEKDAYS[i % 7][script]
            out.append(
                summary(
                    f"ev{i:05d}-{k}",
                    event(f"{names[0]} and {names[1]} met, meeting number {i}", when=when),
                    participants=people(*names),
                    quantities=[quantity("months since the last meeting", f"{3 + k % 2} months")],
                    claims=[claim(names[0], f"the talks were useful for item {i}")],
                    language=_SCRIPTS[script],
                )
            )
    random.Random(0).shuffle(out)
    return out


def grouping(comparison: Comparison) -> set[frozenset[str]]:
    """The events of a comparison as sets of article ids."""
    return {frozenset(report.articles) for report in comparison.events}


@functools.cache
def synthetic_comparison(events: int) -> Comparison:
    """``compare(synthetic_summaries(events))``, computed once per test session."""
    return compare(synthetic_summaries(events))
