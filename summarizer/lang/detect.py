"""Language detection, offline and without a model: the script first, then function words.

The dominant script narrows the choice (Arabic script, Cyrillic, Latin); within a script the
language whose function words are most frequent wins: the packs' stopwords, plus the short
profiles below for languages that have no pack, so that Persian or Spanish text is named as
such (and gets the generic pack) instead of being taken for Arabic or English.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from . import GENERIC, packs

HEAD = 5000  # characters read

# Function words (and, for Arabic-script languages, letters) of languages without a pack.
_PROFILES: dict[str, tuple[str, str]] = {
    "fa": ("Arab", "است را این که می از با های برای بود شد آن یک تا هم نیز"),
    "ur": ("Arab", "ہے کے کی میں اور سے کا نے کو ہیں تھا یہ"),
    "uk": ("Cyrl", "і та що це як від до для її його був було"),
    "es": ("Latn", "el los las del que y en por con para una es se"),
    "de": ("Latn", "der die das und ist nicht mit von den dem ein eine zu"),
    "it": ("Latn", "il gli della che di e per con una sono non nel"),
    "pt": ("Latn", "o os da do que e em para com uma não no na"),
}
# Letters that Persian and Urdu use and Arabic does not.
_LETTERS = {"fa": "پچژگکی", "ur": "ٹڈڑںےھۓ"}
_WORD = re.compile(r"\w+")


def script_of(text: str) -> str:
    """The dominant script of ``text``: "Arab", "Cyrl", "Latn", or "" without letters."""
    counts = {"Arab": 0, "Cyrl": 0, "Latn": 0}
    for ch in text[:HEAD]:
        o = ord(ch)
        if 0x0600 <= o <= 0x06FF or 0x0750 <= o <= 0x077F or 0xFB50 <= o <= 0xFEFF:
            counts["Arab"] += 1
        elif 0x0400 <= o <= 0x04FF:
            counts["Cyrl"] += 1
        elif ch.isalpha() and unicodedata.name(ch, "").startswith("LATIN"):
            counts["Latn"] += 1
    script, n = max(counts.items(), key=lambda kv: kv[1])
    return script if n else ""


def _profiles(script: str) -> dict[str, frozenset[str]]:
    found = {p.code: frozenset(w.casefold() for w in p.stopwords)
             for p in packs() if p.script == script and p.stopwords}  # fmt: skip
    found.update(
        {code: frozenset(words.split()) for code, (s, words) in _PROFILES.items() if s == script}
    )
    return found


def detect_language(text: str) -> str:
    """The language of ``text`` as an ISO 639-1 code: a pack's code ("ar", "en", "fr", "ru")
    or another code ("fa", "ur", "es", ...: the generic pack applies), "und" when unknown."""
    head = text[:HEAD]
    script = script_of(head)
    if not script:
        return GENERIC
    words = Counter(w.casefold() for w in _WORD.findall(head))
    scores = {code: sum(words[w] for w in vocab) for code, vocab in _profiles(script).items()}
    for code, letters in _LETTERS.items():
        if code in scores:
            scores[code] += sum(head.count(ch) for ch in letters) // 4
    default = next((p.code for p in packs() if p.script == script), GENERIC)
    best = max(scores.items(), key=lambda kv: (kv[1], kv[0] == default), default=(default, 0))
    return best[0] if best[1] > 0 else default
