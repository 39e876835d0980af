"""The fast path (``summarizer.triage``) on made-up articles, with a fake embedder."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from summarizer.cli import main
from summarizer.load import Article
from summarizer.story import find_page_date
from summarizer.triage import group_articles, names_in, profile

QUAKE = (
    "Strong earthquake hits the mountain province of Veloria\n"
    "A magnitude 6.4 earthquake struck the mountain province of Veloria late on Friday, "
    "killing at least 41 people and destroying hundreds of homes in the villages of Ostrel "
    "and Margen, the interior ministry said. Rescue teams from Dunmore searched the rubble "
    "through the night as aftershocks shook the valley. The ministry said 212 people were "
    "injured and that the toll could rise as roads to remote villages reopen."
)
QUAKE_2 = (
    "Veloria earthquake toll rises to 41\n"
    "Rescuers in Veloria pulled survivors from collapsed homes in Ostrel and Margen after "
    "the magnitude 6.4 earthquake on Friday. The interior ministry said 41 people were "
    "killed and 212 injured; teams from Dunmore worked through the night in the valley."
)
STRIKE = (
    "Port workers in Calder walk out over pay\n"
    "Dock workers at the port of Calder began a 48-hour strike on Monday over wages, "
    "halting container traffic, the Calder dockers union said. The port authority said "
    "ships were being diverted to Hallow Bay while talks with the union continue."
)


class Fake:
    """Embeds a text by its first word: the same first word, the same meaning."""

    name = "fake"

    def embed(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), 8), np.float32)
        for i, t in enumerate(texts):
            out[i, hash(t.split()[0]) % 8] = 1.0
        return out


def _articles(*texts: str) -> list[Article]:
    return [Article.from_text(t, id=f"a{i}") for i, t in enumerate(texts)]


def test_reports_of_an_event_without_participants_group_by_their_text() -> None:
    found = group_articles(_articles(QUAKE, QUAKE_2, STRIKE), embedder=Fake())
    assert found.groups == [[0, 1], [2]]


def test_a_wire_copy_is_one_source_with_its_copy() -> None:
    copy = "Agency report\n" + QUAKE.split("\n", 1)[1] + " (Agency)"
    found = group_articles(_articles(QUAKE, STRIKE, copy), embedder=Fake())
    assert found.copies == [[0, 2]]
    assert found.copy_of(2) == 0 and found.copy_of(0) is None
    assert [0, 2] in found.groups


def test_the_lead_date_is_resolved_against_the_dateline() -> None:
    text = "12 March 2026 - Calder\n" + STRIKE.split("\n", 1)[1]
    assert find_page_date(text) == ("12 March 2026", "2026-03-12", "page date")
    p = profile("s", text, "en", Article.from_text(text).page_date_iso)
    assert p.when is not None and p.when.iso == "2026-03-09"  # the Monday before
    assert p.when.basis == "weekday+reference"


def test_names_are_capitalised_words_inside_a_sentence() -> None:
    # "Then" opens a sentence, "Ostrel" does not
    found = names_in("Rescue teams from Dunmore searched. Then Ostrel waited")
    assert found == ["dunmore", "ostrel"]


def test_the_group_command_prints_groups_and_copies_as_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SUMMARIZER_DATA_DIR", str(tmp_path / "data"))
    copy = "Agency report\n" + QUAKE.split("\n", 1)[1] + " (Agency)"
    for name, text in (("quake", QUAKE), ("quake2", QUAKE_2), ("strike", STRIKE), ("copy", copy)):
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    assert main(["group", "--json", str(tmp_path)]) == 1  # one input failed, the rest grouped
    out = json.loads(capsys.readouterr().out)
    assert sorted(map(sorted, out["groups"])) == [["copy", "quake", "quake2"], ["strike"]]
    assert out["copies"] == [["copy", "quake"]]
    assert [e for e in out["errors"] if "empty.txt" in e]


def test_the_times_split_a_story_into_events_and_never_join_two_stories() -> None:
    """The fast path clusters the texts into stories first; the event times then split each
    story (``times_refine``): a pair of two stories stays apart whatever its score, so an
    event never straddles two stories."""
    from summarizer.dates import resolve_when
    from summarizer.triage import APART, Profile, times_refine

    def day(iso: str) -> Profile:
        when = resolve_when(iso, read_from="event sentence")
        return Profile(id=iso, language="en", lead="", when=when)

    profiles = [day("2024-06-25"), day("2024-06-25"), day("2024-07-12"), day("2024-06-25")]
    z = np.full((4, 4), 5.0, np.float32)
    refined = times_refine(profiles, [[0, 1, 2], [3]])(z, np.arange(4))
    assert refined[0, 1] == 5.0  # one story, one day: the text decides
    assert refined[0, 2] == APART and refined[2, 0] == APART  # one story, two days apart
    assert refined[0, 3] == APART  # the same day, but another story
    assert times_refine(profiles)(z, np.arange(4))[0, 3] == 5.0  # without stories: the text


def test_a_report_paired_first_joins_the_one_event_it_reads_like_or_stays_alone() -> None:
    from summarizer.triage import APART, MERGE_AT, _average_link

    # 0-2: the reports of one call; 3: a report of the next call, kept apart from them by
    # its date; 4: an undated report, very like 3 (one language) and like 0-2 too
    z = np.full((7, 7), -5.0)
    for a, b in [(0, 1), (0, 2), (1, 2), (5, 6)]:
        z[a, b] = z[b, a] = 4.0
    for a in (0, 1, 2, 5, 6):
        z[a, 3] = z[3, a] = APART
    for a in (0, 1, 2):
        z[a, 4] = z[4, a] = 1.0
        z[a, 5] = z[5, a] = z[a, 6] = z[6, a] = APART  # 5-6: a third call
    z[3, 4] = z[4, 3] = 15.0

    def groups() -> list[list[int]]:
        return sorted(sorted(g) for g in _average_link(z, MERGE_AT, -2.5, 3))

    assert groups() == [[0, 1, 2, 4], [3], [5, 6]]
    # ... alone when it reads like two events
    for a in (5, 6):
        z[a, 4] = z[4, a] = 1.0
    assert groups() == [[0, 1, 2], [3], [4], [5, 6]]
    # ... and with its partner when it reads like no other event
    for a in (0, 1, 2, 5, 6):
        z[a, 4] = z[4, a] = -3.0
    assert groups() == [[0, 1, 2], [3, 4], [5, 6]]
