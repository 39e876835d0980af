"""Names across spellings and scripts: Belousov in Arabic, Latin or Cyrillic letters is one person.

A name is reduced, word by word, to a consonant skeleton in one common alphabet: Arabic,
Cyrillic and Latin letters map to the same consonant classes (the packs' ``skeleton``),
vowels and the letters that are written as vowels in one script and consonants in another
(w y and their kin) are dropped,
and doubled letters collapse. Two names refer to the same person when their last words have
the same skeleton and their first words (when both have one) agree as a prefix, so that
"Pat Ryder" and "Patrick Ryder" in Arabic letters and "Pat Ryder" all meet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .lang import packs
from .text import bare, normalize, stopwords

_PACKS = packs()
_LETTERS: dict[str, str] = {k: v for p in _PACKS for k, v in p.skeleton.items()}
_DIGRAPHS = tuple(d for p in _PACKS for d in p.skeleton_digraphs)
_ARTICLES = tuple(p.article for p in _PACKS if p.article)
# Words that are not part of a person's name: titles and the Arabic article's own word.
_TITLES = {normalize(w) for p in _PACKS for w in p.titles}
_ROLE_WORDS = {normalize(w) for p in _PACKS for w in (*p.roles, *p.countries)}
_SPOKESMAN = [f" {normalize(w)} " for p in _PACKS for w in p.spokesman]
_ADJECTIVE = re.compile("|".join(f"^(?:{r})$" for p in _PACKS for r in p.nationality_re))


@lru_cache(maxsize=65536)
def word_skeleton(word: str) -> str:
    """Consonant skeleton of one (normalised) word."""
    w = word
    for article in _ARTICLES:  # the Arabic article is written apart in Latin
        if w.startswith(article) and len(w) > len(article) + 1:
            w = w[len(article) :]
            break
    for a, b in _DIGRAPHS:
        w = w.replace(a, b)
    out: list[str] = []
    for ch in w:
        mapped = "S" if ch == "S" else _LETTERS.get(ch)
        for m in mapped or "":
            if not out or out[-1] != m:
                out.append(m)
    if len(out) > 2 and out[-1] == "h":  # a final h is mostly silent: Andreh / Andrei
        out.pop()
    return "".join(out)


@lru_cache(maxsize=65536)
def name_key(name: str) -> tuple[str, ...]:
    """Skeletons of the words of a person's name, titles dropped; empty if nothing is left."""
    words = [w for w in normalize(name).replace("-", " ").split() if w not in _TITLES]
    return tuple(s for s in (word_skeleton(w) for w in words) if s)


def same_name(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Do two name keys name the same person (same surname, compatible given names)?"""
    if not a or not b or a[-1] != b[-1] or len(a[-1]) < 2:
        return False
    if len(a) == 1 or len(b) == 1:
        return True
    x, y = a[0], b[0]
    return x.startswith(y) or y.startswith(x)


@dataclass
class Entity:
    """One person or body, with every surface form seen and where."""

    id: str
    key: tuple[str, ...]
    forms: list[tuple[str, str]] = field(default_factory=list)  # (article id, as written)

    @property
    def canonical(self) -> str:
        """The most frequent surface form (the longest among equals: full names win)."""
        counts: dict[str, int] = {}
        for _, form in self.forms:
            counts[form] = counts.get(form, 0) + 1
        return max(counts, key=lambda f: (counts[f], len(f)))

    @property
    def spellings(self) -> set[str]:
        return {normalize(form) for _, form in self.forms}


class EntityIndex:
    """Resolves names to entities as they are seen; one index per comparison."""

    def __init__(self) -> None:
        self.entities: list[Entity] = []
        self._by_surname: dict[str, list[Entity]] = {}

    def resolve(self, name: str, article: str) -> Entity | None:
        key = name_key(name)
        if not key:
            return None
        for entity in self._by_surname.get(key[-1], []):
            if same_name(entity.key, key):
                if len(key) > len(entity.key):
                    entity.key = key  # keep the fullest form of the name as the key
                entity.forms.append((article, name))
                return entity
        entity = Entity(id=f"e{len(self.entities) + 1}", key=key, forms=[(article, name)])
        self.entities.append(entity)
        self._by_surname.setdefault(key[-1], []).append(entity)
        return entity

    def mentioned_in(self, text: str) -> list[Entity]:
        """Known entities named in ``text``: the surname's skeleton as a word, preceded by a
        compatible given name when the entity has one."""
        skeletons = [word_skeleton(w) for w in normalize(text).replace("-", " ").split()]
        found: dict[str, Entity] = {}
        for i, sk in enumerate(skeletons):  # look up each word's skeleton as a surname
            for entity in self._by_surname.get(sk, ()):
                if entity.id in found or (len(sk) < 3 and len(entity.key) == 1):
                    continue  # a short skeleton alone matches too many words
                if len(entity.key) == 1 or (
                    i > 0 and same_name(entity.key, (skeletons[i - 1], sk))
                ):
                    found[entity.id] = entity
        return sorted(found.values(), key=lambda e: int(e.id[1:]))


def named_part(name: str) -> str | None:
    """The part of a participant's name that names someone (roles, countries and adjectives
    dropped). "The spokesman of X" names no one."""
    norm = f" {normalize(name)} "
    if any(w in norm for w in _SPOKESMAN):
        return None
    words = [w.removesuffix("'s").removesuffix("’s") for w in name.split()]
    words = [w for w in words if not is_role(normalize(w))]
    return " ".join(words) if words else None


def is_role(word: str) -> bool:
    """A (normalised) role, country or nationality word, also with an attached conjunction
    (Arabic "and the Russian"); a word written with an elided article ("l ambassadeur") when
    all its parts are role words or function words."""
    if any(f in _ROLE_WORDS or _ADJECTIVE.match(f) for f in {word, bare(word)}):
        return True
    parts = word.split()
    return len(parts) > 1 and all(p in stopwords() or is_role(p) for p in parts)
