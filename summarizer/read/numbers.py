"""The numbers the story writes: the model's read again where the text writes them (measure,
bounds, credit, background), and every other number of the main story, durations and the
previous contact's date (``numbers_of``, the entry point)."""

from __future__ import annotations

import math
import re

from ..cues import clause_around, find_previous_contact
from ..dates import find_dates, years_in
from ..models import (
    MIN_QUOTE,
    Bounds,
    Claim,
    Quantity,
)
from ..quantities import (
    Amount,
    amount_of,
    counted,
    credited_source,
    find_durations,
    find_numbers,
    parse_amount,
)
from ..story import (
    STORY_CHARS,
    body_lines,
    boilerplate,
    is_headline,
    opening_of,
)
from ..text import (
    LINKS,
    blank_links,
    normalize,
    sentence_bounds,
    stem,
)
from .found import from_text


def credit(quantities: list[Quantity], claims: list[Claim]) -> list[Quantity]:
    """A quantity the article credits to no one by "according to" gets the speaker of the
    statement whose clause writes it ("the UN office said that 11,300 died")."""
    out = []
    for q in quantities:
        g = q.grounding
        at = q.evidence.find(q.value) if g.start is not None else -1
        if q.source or at < 0 or not g.grounded:
            out.append(q)
            continue
        pos = (g.start or 0) + at
        speakers = [c.speaker for c in claims
                    if c.grounding.start is not None and c.grounding.end is not None
                    and c.grounding.start <= pos < c.grounding.end]  # fmt: skip
        out.append(q.model_copy(update={"source": speakers[0]}) if speakers else q)
    return out


NUMBER = "found in the text: a number and its words"


WINDOW = 4  # words on each side of a number that say what it counts


EVIDENCE_CHARS = 240


def story_year(page_iso: str | None) -> int | None:
    """The year of the article's news: its page date's, when the page gives one."""
    return int(page_iso[:4]) if page_iso and re.match(r"\d{4}", page_iso) else None


def measured(q: Quantity, text: str, news: set[int]) -> Quantity:
    """``q`` (the model's) with what the code reads where the text writes its value: the
    measure and interval (with the unit and bound written around it: "почти 300" is about
    300), the source its sentence credits when the model gave none, and whether the
    sentence is background (``news``: the years of the news, ``news_years``)."""
    g = q.grounding
    if not (g.grounded and g.start is not None and g.end is not None):
        return q.model_copy(update=_amount_fields(amount_of(q.value, q.evidence)))
    if _inside(g.start, head := _headline(text)) and (body := _in_body(q.value, text, head)):
        note = f"evidence: {q.evidence!r} -> the body's sentence that repeats it"
        g = g.model_copy(update={"start": body[0], "end": body[1], "repaired": [*g.repaired, note]})
        q = q.model_copy(update={"evidence": text[body[0] : body[1]], "grounding": g})
    elif (near := _written_near(q.value, q.evidence, text, g.start)) is not None:
        note = f"evidence: {q.evidence!r} -> the sentence that writes {q.value!r}"
        g = g.model_copy(update={"start": near[0], "end": near[1], "repaired": [*g.repaired, note]})
        q = q.model_copy(update={"evidence": text[near[0] : near[1]], "grounding": g})
    start, end = sentence_bounds(text, g.start, g.end)
    sentence = text[start:end]
    alone = amount_of(q.value, q.evidence)
    amount = alone
    if alone is not None:
        same = [m.amount for m in find_numbers(sentence)
                if math.isclose(m.amount.value, alone.value)]  # fmt: skip
        amount = same[0] if same else alone
    # the quote is shown with its sentence around it (what the number counts is often
    # written a few words away: "has killed 820 people")
    lo, hi = _window(text, start, end, g.start, g.end)
    widened = text[lo:hi].strip()
    lo += text[lo:hi].find(widened)
    grounding = g
    if widened != q.evidence and q.evidence in widened:
        note = f"evidence: {q.evidence!r} -> its sentence"
        grounding = g.model_copy(update={"start": lo, "end": lo + len(widened),
                                         "repaired": [*g.repaired, note]})  # fmt: skip
    else:
        widened = q.evidence
    return q.model_copy(update={
        **_amount_fields(amount),
        "evidence": widened,
        "grounding": grounding,
        "background": _background(sentence, news),
        "source": q.source or credited_source(sentence),
    })  # fmt: skip


def _amount_fields(amount: Amount | None) -> dict[str, object]:
    if amount is None or amount.interval is None:
        return {}
    i = amount.interval
    bounds = Bounds(low=i.low, high=i.high, low_open=i.low_open, high_open=i.high_open)
    return {"measure": amount.measure, "interval": bounds}


def news_years(text: str, year: int | None) -> set[int]:
    """The years of the article's news: ``year`` (its page date's), else the years the
    story's opening writes."""
    return {year} if year is not None else years_in(opening_of(text[:STORY_CHARS], raw=True))


def _background(sentence: str, news: set[int]) -> bool:
    """Is ``sentence`` about another time: it writes years, none of them the ``news``'s?"""
    years = years_in(sentence)
    return bool(years) and not years & news  # a sentence that writes the news's year too is not


def _lone_one(written: str, amount: Amount, before: str, after: str) -> bool:
    """Is this the word "one" with nothing it counts next to it ("one of the largest", "at
    one point", "this one", "один из")? A count of one is written with what it counts."""
    if amount.value != 1 or amount.months or any(c.isdigit() for c in written):
        return False  # "within a month" is a duration
    near = [*before.split()[-1:], *after.split()[:1]]
    return not any(counted(w) for w in near)


def text_quantities(text: str, have: list[Quantity], news: set[int]) -> list[Quantity]:
    """Every number ``text`` writes (``quantities.find_numbers``; dates are not numbers)
    that no grounded quantity of ``have`` already gives from the same sentence, as a quantity
    quoting its sentence (exact by construction): what it counts is the words around it."""
    skip = [(d.start, d.end) for d in find_dates(text)]
    skip += [m.span() for m in LINKS.finditer(text)]
    skip += [m.span() for m in re.finditer(r"[^\n]+", text) if boilerplate(m.group())]
    taken = []
    for q in have:
        g = q.grounding
        if g.grounded and g.start is not None and g.end is not None and q.interval is not None:
            taken.append((sentence_bounds(text, g.start, g.end), q))
    out: list[Quantity] = []
    seen = {_said(q.measure, q.interval, _next_word(q.evidence, q.value)) for _, q in taken}
    head = _headline(text)
    numbers = sorted(find_numbers(text, skip=skip), key=lambda m: _inside(m.start, head))
    for m in numbers:  # a number the headline repeats is quoted from the body, which says more
        start, end = sentence_bounds(text, m.start, m.end)
        written = text[m.start : m.end]
        fields = _amount_fields(m.amount)
        said = _said(m.amount.measure, fields.get("interval"), _next_word(text[m.end : end]))
        if said in seen or any(span == (start, end) and q.measure == m.amount.measure
                               and q.interval == fields.get("interval")
                               for span, q in taken):  # fmt: skip
            continue  # the same number said again (the headline and the body)
        if _inside(m.start, head) and said[:2] in {s[:2] for s in seen}:
            continue  # the headline's number is the body's: "Floods kill 40" and "killing 40"
        seen.add(said)
        ev_start, ev_end = _window(text, start, end, m.start, m.end)
        if len(text[ev_start:ev_end].strip()) < MIN_QUOTE or len(written) > 80:
            continue  # too short to quote, or not one value
        if _lone_one(written, m.amount, text[start : m.start], text[m.end : end]):
            continue
        before = text[start : m.start].split()[-WINDOW:]
        after = text[m.end : end].split()[:WINDOW]
        what = " ".join([*before, "…", *after]).strip()[:80] or "…"
        sentence = text[start:end]
        out.append(Quantity(
            evidence=text[ev_start:ev_end], what=what, value=written,
            source=credited_source(sentence), grounding=from_text(ev_start, ev_end, NUMBER),
            background=_background(sentence, news), origin="text",
            **_amount_fields(m.amount),
        ))  # fmt: skip
    return sorted(out, key=lambda q: q.grounding.start or 0)


def _headline(text: str) -> tuple[int, int] | None:
    """Where ``text`` writes its headline: its first line of text when that is short and no
    sentence (no sentence mark ends it)."""
    first = next(iter(body_lines(text)), "")
    at = text.find(first) if first else -1
    if at < 0 or not is_headline(first):
        return None
    return at, at + len(first)


def _in_body(value: str, text: str, head: tuple[int, int] | None) -> tuple[int, int] | None:
    """Where the story after its headline (``head``) first writes ``value`` as written."""
    if head is None:
        return None
    at = text.find(value, head[1], STORY_CHARS)
    if at < 0 or (text[at - 1 : at] + text[at + len(value) : at + len(value) + 1]).isalnum():
        return None  # inside a longer number or word
    return at, at + len(value)


def _written_near(value: str, evidence: str, text: str, at: int) -> tuple[int, int] | None:
    """Where ``text`` writes ``value`` nearest ``at``, when the quote given for it
    (``evidence``) does not write it: the grounding found the value near the quote ("met
    briefly" for "10 minutes", which the next paragraph writes), and a number is shown with
    the words that say it."""
    amount = amount_of(value, value)
    if amount is None or any(math.isclose(m.amount.value, amount.value)
                             for m in find_numbers(evidence)):  # fmt: skip
        return None  # the quote writes it (in words, in other digits: "خمسة", "١٥")
    pattern = rf"(?<![\w.,]){re.escape(value)}(?![\w]|[.,]\d)"
    found = [m.start() for m in re.finditer(pattern, blank_links(text))]  # no page address
    if not found:
        return None
    start = min(found, key=lambda k: abs(k - at))
    return start, start + len(value)


def _inside(i: int, span: tuple[int, int] | None) -> bool:
    return span is not None and span[0] <= i < span[1]


def _said(measure: str | None, interval: Bounds | None, word: str) -> tuple[object, ...]:
    """What makes two mentions one number said twice ("16 months" in the headline, "about
    16 months" in the body): the measure and the number, and for a count the word after it
    too ("7 planes", "7 prisoners")."""
    point = None if interval is None else round(interval.point, 6)
    return (measure, point, word if measure == "count" else "")


def _next_word(text: str, value: str | None = None) -> str:
    """The stem of the first word after ``value`` in ``text`` (after its start without it):
    what a number counts, to tell "7 planes" from "7 prisoners"."""
    if value is not None:
        at = text.find(value)
        text = text[at + len(value) :] if at >= 0 else ""
    words = normalize(text).split()
    return stem(words[0]) if words else ""


def _window(text: str, start: int, end: int, m_start: int, m_end: int) -> tuple[int, int]:
    """The sentence [start, end), cut to about ``EVIDENCE_CHARS`` around the number at word
    boundaries."""
    if end - start <= EVIDENCE_CHARS:
        return start, end
    half = max(0, (EVIDENCE_CHARS - (m_end - m_start)) // 2)
    lo, hi = max(start, m_start - half), min(end, m_end + half)
    if lo > start:
        space = text.find(" ", lo, m_start)
        lo = space + 1 if space != -1 else m_start
    if hi < end:
        space = text.rfind(" ", m_end, hi)
        hi = space if space != -1 else m_end
    return lo, hi


def missed_previous(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """When the previous contact was, where the text dates it ("the last call between ...
    goes back to 13 May", "the first call since March 2023") and no quantity of the model's
    gives that date."""
    have = {normalize(q.value) for q in quantities if q.grounding.grounded}
    added = []
    for p in find_previous_contact(text):
        if normalize(p.date) in have:
            continue
        have.add(normalize(p.date))
        added.append(Quantity(evidence=text[p.start : p.end], what=p.marker, value=p.date,
                              source=None, grounding=from_text(p.start, p.end)))  # fmt: skip
    return added


def missed_durations(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """ "since N months"-style durations in the text that the model's quantities lack, as
    quantities quoting their own clause (so they are exact by construction)."""
    amounts = [parse_amount(q.value, q.unit) for q in quantities if q.grounding.grounded]
    have = {a.value for a in amounts if a and a.months}
    added = []
    for d in find_durations(text):
        if d.amount.value in have:
            continue
        have.add(d.amount.value)
        start, end = clause_around(text, d.start, d.end)
        added.append(
            Quantity(
                evidence=text[start:end],
                what=d.phrase[: len(d.phrase) - len(d.value)].strip(),
                value=d.value,
                source=None,
                origin="text",
                **_amount_fields(d.amount),
                grounding=from_text(start, end),
            )
        )
    return added


def numbers_of(text: str, story: str, lead: str, quantities: list[Quantity],
               claims: list[Claim], news: set[int]) -> list[Quantity]:  # fmt: skip
    """The model's grounded ``quantities`` read again where the text writes them
    (``measured``), the durations ("since N months") of the ``lead`` and the previous
    contact's date of the ``story`` the model missed, and every other number of the story
    (``text_quantities``), each credited to the speaker of the statement that writes it
    (``credit``). ``news``: the years of the news (``news_years``)."""
    found = [measured(q, text, news) for q in quantities]
    found += missed_durations(lead, found) + missed_previous(story, found)
    return credit(found + text_quantities(story, found, news), claims)
