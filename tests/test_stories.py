"""Stories: events of the same people at different times are linked, with a timeline, and never
compared as one event (made-up articles, no model)."""

from __future__ import annotations

import io
import json
from datetime import date

from builders import claim, event, people, quantity, summary
from rich.console import Console

from summarizer.diff import compare
from summarizer.digest import SeenArticle, build_digest
from summarizer.models import ArticleSummary, Comparison, Kind
from summarizer.render import digest_html, digest_markdown, print_comparison

CALL = "Tom Vale and Dana Lor spoke by phone"


def _articles() -> list[ArticleSummary]:
    first = [
        summary(f"m{k}", event(CALL, when=when), participants=people("Tom Vale", "Dana Lor"),
                quantities=[quantity("months since the last call", months)],
                claims=[claim("Tom Vale", "the lines of communication must stay open")],
                language="en")
        for k, (when, months) in enumerate([("13 May 2024", "3 months"),
                                            ("Monday, 13 May 2024", "4 months")])
    ]  # fmt: skip
    second = [
        summary(f"o{k}", event(CALL, when=when), participants=people("Tom Vale", "Dana Lor"),
                quantities=[quantity("months since the last call", "5 months")], language="en")
        for k, when in enumerate(["21 October 2024", "21 October 2024"])
    ]  # fmt: skip
    other = [
        summary(
            "x0",
            event("Floods swept Varno", when="22 October 2024"),
            participants=people("Nadir Salim"),
            language="en",
        )
    ]
    return [*second, *other, *first]


def test_two_calls_of_the_same_people_are_one_story_of_two_events() -> None:
    comparison = compare(_articles())
    events = {frozenset(e.articles): e for e in comparison.events}
    may, october = events[frozenset({"m0", "m1"})], events[frozenset({"o0", "o1"})]
    floods = events[frozenset({"x0"})]
    (story,) = comparison.stories
    assert may.story == october.story == story.id and floods.story is None
    assert [e.event for e in story.events] == [may.id, october.id]  # in time order
    assert [e.date for e in story.events] == ["2024-05-13", "2024-10-21"]
    assert story.why == "people: Tom Vale, Dana Lor"
    # never compared as one event: no flag holds values of both
    for e in comparison.events:
        for d in e.disagreements:
            assert {v.article[0] for v in d.values} <= {e.articles[0][0]}, d
    assert any(d.kind == Kind.NUMERIC_MISMATCH for d in may.disagreements)  # 3 against 4


def test_the_diff_tables_and_the_json_show_the_timeline() -> None:
    comparison = compare(_articles())
    out = io.StringIO()
    print_comparison(Console(file=out, width=200), comparison)
    text = out.getvalue()
    assert "Later in story-1 (people: Tom Vale, Dana Lor): event-2" in text
    assert "Earlier in story-1 (people: Tom Vale, Dana Lor): event-1" in text
    assert "(2024-05-13 Monday)" in text
    again = Comparison.model_validate_json(comparison.model_dump_json())
    assert again.stories == comparison.stories


def test_the_digest_says_what_came_earlier_in_the_story() -> None:
    window = [SeenArticle(date(2024, 10, 22), "…", s) for s in _articles()]
    doc = build_digest(date(2024, 10, 22), date(2024, 10, 15), window, [], None)
    october = next(e for e in doc.events if "o0" in e.articles)
    assert october.story is not None and [e.event for e in october.story.earlier] == ["m0"]
    assert october.story.later == []
    markdown = digest_markdown(doc)
    assert "Earlier in this story (people: Tom Vale, Dana Lor): " in markdown
    assert "(2024-05-13 Monday)" in markdown
    html = digest_html(doc, {s.id: "…" for s in _articles()})
    assert '<p class="story">Earlier in this story' in html
    stories = [e["story"] for e in json.loads(doc.model_dump_json())["events"]]
    assert [s["id"] if s else None for s in stories] == ["story-1", "story-1", None]
