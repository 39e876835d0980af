"""The field registry: what each field shows, which disagreements mark it, that gold keys and
scorers line up with ``evaluate``, and that a field added to the registry reaches the event
table, digest.json, digest.md and digest.html without touching them."""

from __future__ import annotations

from datetime import date

import pytest
from builders import claim, event, participant, quantity, summary
from rich.console import Console

from summarizer import evaluate, fields
from summarizer.diff import compare
from summarizer.digest import SeenArticle, build_digest
from summarizer.fields import FIELDS, Field, by_key, cell_flags, field_of, gold_checks
from summarizer.models import ArticleSummary, Disagreement, Kind, Severity, SourceValue
from summarizer.render import digest_html, digest_markdown, event_table

DAY = date(2026, 11, 22)


def _article(id: str, lead: str | None = None) -> ArticleSummary:
    s = summary(
        id,
        event("اتصال هاتفي بين الوزيرين", when="الثلاثاء", where="موسكو",
              initiator="الولايات المتحدة"),
        participants=[participant("لويد أوستن"), participant("أندريه بيلوسوف")],
        quantities=[quantity("منذ آخر اتصال", "16", unit="شهراً")],
        claims=[claim("بات رايدر", "شدد على أهمية خطوط الاتصال"),
                claim("مصدر", "قول لم يوجد في النص", grounded=False)],
    )  # fmt: skip
    s.source.lead = lead
    s.event.manner = "remote"
    return s


def test_each_field_shows_its_values() -> None:
    s = _article("a")
    shown = {f.key: f.show(s) for f in FIELDS}
    assert shown == {
        "event": ["اتصال هاتفي بين الوزيرين"],
        "when": ["الثلاثاء"],
        "where": ["موسكو"],
        "manner": ["remote"],
        "initiator": ["الولايات المتحدة"],
        "participants": ["لويد أوستن", "أندريه بيلوسوف"],
        "quantities": ["16 شهراً"],
        "claims": ["بات رايدر: شدد على أهمية خطوط الاتصال"],  # the ungrounded one is not shown
    }
    bare = summary("b", event("اتصال"))
    bare.event = None
    assert all(f.show(bare) == [] for f in FIELDS)


@pytest.mark.parametrize(
    ("written", "key"),
    [("event.when", "when"), ("event.initiator", "initiator"), ("claim", "claims"),
     ("claim.speaker", "claims"), ("participant.name", "participants"),
     ("quantity: منذ آخر اتصال", "quantities"), ("event.where", "where"), ("event", "event")],
)  # fmt: skip
def test_a_disagreement_marks_the_field_of_its_family(written: str, key: str) -> None:
    found = field_of(written)
    assert found is not None and found.key == key
    assert field_of("something.else") is None


def test_cell_flags_keep_the_strongest_kind_per_cell() -> None:
    def d(kind: Kind, field: str, *articles: str) -> Disagreement:
        values = [SourceValue(article=a, value="v", evidence="e", grounded=True) for a in articles]
        return Disagreement(kind=kind, field=field, severity=Severity.LOW, values=values, note="n")

    flags = cell_flags([
        d(Kind.SPELLING_VARIANT, "participant.name", "a", "b"),
        d(Kind.UNIQUE_CLAIM, "claim", "a"),
        d(Kind.ATTRIBUTION, "claim.speaker", "a", "b"),
        d(Kind.NUMERIC_MISMATCH, "quantity: months", "b", "c"),
        d(Kind.UNIQUE_CLAIM, "not.a.field", "c"),
    ])  # fmt: skip
    assert flags == {
        ("a", "participants"): Kind.SPELLING_VARIANT,
        ("b", "participants"): Kind.SPELLING_VARIANT,
        ("a", "claims"): Kind.ATTRIBUTION,
        ("b", "claims"): Kind.ATTRIBUTION,
        ("b", "quantities"): Kind.NUMERIC_MISMATCH,
        ("c", "quantities"): Kind.NUMERIC_MISMATCH,
    }


def test_gold_keys_and_scorers_line_up_with_evaluate() -> None:
    keys = [c.key for c in gold_checks()]
    assert len(keys) == len(set(keys))  # one scorer per gold key
    assert {c.scorer for c in gold_checks()} == set(evaluate.SCORERS)
    assert set(evaluate.GoldArticle.model_fields) == set(keys)
    assert {c.row for c in by_key("when").gold} == {"when", "date"}
    with pytest.raises(KeyError):
        by_key("nope")


def test_a_field_added_to_the_registry_reaches_every_view(monkeypatch: pytest.MonkeyPatch) -> None:
    lead = Field("lead", "Lead paragraph", "source.lead",
                 lambda s: [s.source.lead] if s.source.lead else [])  # fmt: skip
    monkeypatch.setattr(fields, "FIELDS", (*FIELDS, lead))
    a, b = _article("a", lead="فقرة أولى | عن الاتصال"), _article("b")
    comparison = compare([a, b])
    (report,) = comparison.events

    console = Console(record=True, width=200)
    console.print(event_table(report, {s.id: s for s in comparison.articles}))
    assert "│ lead " in console.export_text()

    window = [SeenArticle(DAY, "نص", s) for s in (a, b)]
    doc = build_digest(DAY, DAY, window, [], None)
    (ev,) = doc.events
    assert [s.fields["lead"] for s in ev.sources] == [["فقرة أولى | عن الاتصال"], []]
    assert "| Lead paragraph | فقرة أولى \\| عن الاتصال |  |" in digest_markdown(doc)
    html = digest_html(doc, {"a": "نص", "b": "نص"})
    assert '<td class="field">Lead paragraph</td><td dir="auto">فقرة أولى | عن الاتصال</td>' in html
