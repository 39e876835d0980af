"""French is one pack (summarizer/lang/fr.py) and its worked example: a made-up French article
goes through extract on the fake server, and through dates, numbers and statements with its
own words, with no French word anywhere else in the package."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from fake_openai import FakeOpenAI, ok

import summarizer
from summarizer import Article, Settings, Status
from summarizer.dates import find_dates, resolve_when
from summarizer.lang import detect_language, pack_for
from summarizer.quantities import find_durations, parse_amount
from summarizer.statements import find_statements

# A made-up article.
ARTICLE = "\n\n".join([
    "Paris et Rome relancent leur dialogue sur les migrations",
    "PARIS (Agences)",
    "Le ministre français de l'Intérieur, Paul Durand, s'est entretenu mardi 3 mars 2026 avec "
    "son homologue italien Marco Bellini, à la demande du gouvernement italien, le premier "
    "appel entre les deux ministres depuis environ 15 mois.",
    "« Nous avons trouvé un terrain d'entente avec notre homologue italien », a déclaré le "
    "porte-parole du ministère, Jean Martin.",
    "Marco Bellini a déclaré que l'Italie présentera un plan commun en avril.\n",
])  # fmt: skip

EXTRACTION: dict[str, Any] = {
    "event": {
        "evidence": "Le ministre français de l'Intérieur, Paul Durand, s'est entretenu mardi "
        "3 mars 2026 avec son homologue italien Marco Bellini",
        "what": "appel entre les ministres de l'Intérieur français et italien",
        "when": "mardi 3 mars 2026",
        "where": None,
        "initiator": "le gouvernement italien",
    },
    "participants": [
        {"evidence": "Le ministre français de l'Intérieur, Paul Durand", "name": "Paul Durand",
         "role": "ministre de l'Intérieur", "country": "France"},
        {"evidence": "son homologue italien Marco Bellini", "name": "Marco Bellini",
         "role": "homologue", "country": "Italie"},
    ],
    "quantities": [],
}  # fmt: skip


def test_french_words_in_dates_numbers_and_statements() -> None:
    assert detect_language(ARTICLE) == "fr"
    assert pack_for("fr").code == "fr"
    assert [d.iso for d in find_dates(ARTICLE)] == ["2026-03-03"]
    when = resolve_when("mardi", date(2026, 3, 5))
    assert when is not None and when.iso == "2026-03-03"
    assert when.weekday == 1
    amount = parse_amount("environ 15 mois")
    assert amount is not None and (amount.value, amount.months, amount.approx) == (15, True, True)
    (duration,) = find_durations(ARTICLE)
    assert duration.phrase == "depuis environ 15 mois"
    statements = find_statements(ARTICLE, ["Paul Durand", "Marco Bellini"])
    assert [(s.speaker, s.what) for s in statements] == [
        ("le porte-parole du ministère",
         "Nous avons trouvé un terrain d'entente avec notre homologue italien"),
        ("Marco Bellini", "l'Italie présentera un plan commun en avril"),
    ]  # fmt: skip


def test_a_french_article_goes_through_extract_on_the_fake_server(
    fake: FakeOpenAI, settings: Settings
) -> None:
    fake.enqueue(ok(EXTRACTION))
    article = Article.from_text(ARTICLE, id="fr-demo")
    (s,) = summarizer.extract([article], settings=settings)
    assert s.status == Status.OK, s.reason
    assert s.source.language == "fr"

    # the model was shown the French worked example
    prompt = json.dumps(fake.extraction_requests[0].messages, ensure_ascii=False)
    assert "Hédi Ben Salah" in prompt

    assert s.event is not None and s.event.grounding.grounded
    assert s.event.when == "mardi 3 mars 2026"
    assert s.event.initiator == "gouvernement italien"  # as the text writes it
    assert [p.name for p in s.participants] == ["Paul Durand", "Marco Bellini"]
    assert all(p.grounding.grounded for p in s.participants)
    # the duration the model missed, found by the French pack's words, then every other
    # number the text writes ("les deux pays")
    assert [q.value for q in s.quantities] == ["15 mois", "deux"]
    assert [q.origin for q in s.quantities] == ["text", "text"]
    assert {c.speaker for c in s.claims} == {"le porte-parole du ministère", "Marco Bellini"}
    for item in [s.event, *s.participants, *s.quantities, *s.claims]:
        g = item.grounding
        assert g.start is not None and g.end is not None
        assert ARTICLE[g.start : g.end] in ARTICLE
