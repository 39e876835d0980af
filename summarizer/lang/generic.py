"""The generic pack: no words of any language. A language without a pack of its own gets it
(``lang.pack_for``), and ``lang.support_note`` says so; the word lists of every other pack
still apply to its text, as they do to any text."""

from __future__ import annotations

from . import GENERIC, LanguagePack

PACK = LanguagePack(
    code=GENERIC,
    name="generic (no language pack)",
    script="",
    percent=("%", "٪"),
    currencies={"$": "USD", "€": "EUR", "£": "GBP"},
)
