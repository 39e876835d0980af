"""Names across spellings and scripts: بيلوسوف / بيلاوسوف / Belousov / Белоусов are one person.

A name is reduced, word by word, to a consonant skeleton in one common alphabet: Arabic,
Cyrillic and Latin letters map to the same consonant classes, vowels and the letters that
are written as vowels in one script and consonants in another (و ي / w y / й) are dropped,
and doubled letters collapse. Two names refer to the same person when their last words have
the same skeleton and their first words (when both have one) agree as a prefix, so that
"بات رايدر", "باتريك رايدر" and "Pat Ryder" all meet.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from .text import normalize

_ARABIC = {
    "ب": "b", "ت": "t", "ث": "t", "ج": "g", "ح": "h", "خ": "k", "د": "d", "ذ": "z",
    "ر": "r", "ز": "z", "س": "s", "ش": "S", "ص": "s", "ض": "d", "ط": "t", "ظ": "z",
    "غ": "g", "ف": "f", "ق": "k", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h",
    "ڤ": "f", "پ": "b", "چ": "S", "گ": "g",
}  # fmt: skip
_CYRILLIC = {
    "б": "b", "в": "f", "г": "g", "д": "d", "ж": "j", "з": "z", "к": "k", "л": "l",
    "м": "m", "н": "n", "п": "b", "р": "r", "с": "s", "т": "t", "ф": "f", "х": "k",
    "ц": "s", "ч": "S", "ш": "S", "щ": "S",
}  # fmt: skip
_LATIN_DIGRAPHS = (("sch", "S"), ("sh", "S"), ("ch", "S"), ("kh", "k"), ("gh", "g"),
                   ("th", "t"), ("dh", "z"), ("ph", "f"), ("zh", "j"), ("ts", "s"))  # fmt: skip
_LATIN = {
    "b": "b", "c": "k", "d": "d", "f": "f", "g": "g", "h": "h", "j": "g", "k": "k",
    "l": "l", "m": "m", "n": "n", "p": "b", "q": "k", "r": "r", "s": "s", "t": "t",
    "v": "f", "x": "ks", "z": "z",
}  # fmt: skip
# Words that are not part of a person's name: titles and the Arabic article's own word.
_TITLES = {
    normalize(w)
    for w in (
        "السيد", "الوزير", "وزير", "الرئيس", "رئيس", "الجنرال", "الدكتور", "المتحدث",
        "mr", "mrs", "ms", "dr", "minister", "president", "general", "secretary", "gen",
        "господин", "министр", "президент", "генерал",
    )
}  # fmt: skip


@lru_cache(maxsize=65536)
def word_skeleton(word: str) -> str:
    """Consonant skeleton of one (normalised) word."""
    w = word
    if w.startswith("ال") and len(w) > 3:  # the Arabic article is written apart in Latin
        w = w[2:]
    for a, b in _LATIN_DIGRAPHS:
        w = w.replace(a, b)
    out: list[str] = []
    for ch in w:
        mapped = "S" if ch == "S" else _ARABIC.get(ch) or _CYRILLIC.get(ch) or _LATIN.get(ch)
        for m in mapped or "":
            if not out or out[-1] != m:
                out.append(m)
    if len(out) > 2 and out[-1] == "h":  # a final h is mostly silent: أندريه / Andrei
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
