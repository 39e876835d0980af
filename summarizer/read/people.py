"""Who took part: the model's participants completed from the text (a role's name, the people
the event's sentence names after a title, people listed with a participant, a sentence that
lists several people with their titles) and checked (``participants_of``, the entry point)."""

from __future__ import annotations

import re
from dataclasses import replace

from ..entities import (
    caseless_name,
    caseless_person,
    is_place,
    is_role,
    is_role_word,
    name_key,
    named_part,
    people_titled,
    same_name,
    written_as_name,
)
from ..lang import packs
from ..models import (
    MIN_QUOTE,
    Alignment,
    Event,
    Grounding,
    Participant,
)
from ..text import (
    COMMAS,
    SENTENCE_END,
    bare,
    normalize,
    sentence_bounds,
    stem,
    stopwords,
    words,
)
from .found import from_text


def _name_keys(participants: list[Participant]) -> list[tuple[str, ...]]:
    """The name keys of the participants that name someone."""
    return [name_key(n) for p in participants if (n := named_part(p.name))]


TITLED = "participant: named with a title in the event's sentence"


def titled_in_event(
    text: str, event: Event | None, participants: list[Participant]
) -> list[Participant]:
    """The people the event's sentence names after a personal title ("killed President
    Ebrahim Raisi": ``entities.people_titled``) that no participant names yet: the model
    lists few people, the sentence that reports the event names those it is about."""
    g = event.grounding if event else None
    if g is None or g.start is None or g.end is None or not g.grounded:
        return []
    have = _name_keys(participants)
    added = []
    for m in people_titled(text[g.start : g.end]):
        parts = m.name.split()
        cased = any(c.lower() != c.upper() for c in m.name)
        while cased and len(parts) > 1 and not written_as_name(parts[-1], text):
            parts.pop()  # a headline's capitals: "Secretary Austin Speaks With ..."
        if not cased:  # no capitals: a name ends at a verb ("... يوسف فيل يزور الميناء")
            verb = next((k for k, w in enumerate(parts) if _present_verb(w, text)), None)
            parts = parts[:verb]
            if len(parts) < 2:
                continue  # "وزير الدفاع الروسي يناقش الوضع": the minister discusses
        cut = len(m.name) - len(" ".join(parts))
        m = replace(m, name=" ".join(parts), end=m.end - cut)
        key = name_key(m.name)
        if any(same_name(key, h) or set(h) <= set(key) for h in have):
            continue  # named already: "Tebboune" in "the outgoing president Tebboune"
        have.append(key)
        start, end = g.start + m.start, g.start + m.end
        grounding = from_text(start, end, TITLED)
        added.append(Participant(evidence=text[start:end], name=m.name, role=m.title,
                                 country=None, grounding=grounding))  # fmt: skip
    return added


_PRESENT = [(p.present_prefixes, p.present_suffixes, ("", *map(normalize, p.past_prefixes)))
            for p in packs() if p.present_prefixes]  # fmt: skip


def _present_verb(word: str, text: str) -> bool:
    """Is ``word`` the present of a verb ``text`` also writes in another form (the packs'
    ``present_prefixes``: "يناقش" where the text writes "ناقش", "يجريان" where it writes
    "أجرى")? A name does not conjugate ("يوسف")."""
    norm, written = normalize(word), set(normalize(text).split())
    for prefixes, suffixes, past in _PRESENT:
        if not norm.startswith(prefixes) or len(norm) < 4:
            continue
        stems = {norm[1:]} | {norm[1 : -len(s)] for s in suffixes if norm.endswith(s)}
        forms = {f"{p}{st}" for st in stems for p in past} - {norm}
        if any(len(f) >= 3 and f in written for f in forms):
            return True
    return False


LISTED = "participant: listed with another participant"


_AND = "|".join(re.escape(w) for p in packs() for w in p.and_words)


_ITEMS = re.compile(rf"[{re.escape(COMMAS)}()]|\s(?:{_AND})\s")  # the items of a list


_MAX_LISTED = 8


def _items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of the items of the sentence [start, end): cut at commas, brackets and the
    packs' "and"."""
    cuts = [start, *(x for m in _ITEMS.finditer(text, start, end) for x in m.span()), end]
    return [(a, b) for a, b in zip(cuts[::2], cuts[1::2], strict=True) if b > a]


def listed_with(story: str, participants: list[Participant]) -> list[Participant]:
    """The people listed in one sentence with a participant, item by item ("the crash killed
    X, the head of ...; Y, the governor of ...; a crew member", "the exchange freed X, who
    ..., Y and Z"): an item that names a person (``_item_person``) goes on the list, and two
    items in a row that name no one end it. Those no participant names yet are added."""
    have = _name_keys(participants)
    added: list[Participant] = []
    for p in participants:
        name = named_part(p.name)
        at = story.find(name) if name and p.grounding.grounded else -1
        if at < 0:
            continue
        items = _items(story, *sentence_bounds(story, at, at + len(name)))
        own = next((k for k, (a, b) in enumerate(items) if a <= at < b), None)
        if own is None:
            continue
        for step in (-1, 1):
            k, misses = own + step, 0
            while 0 <= k < len(items) and misses < 2:
                person = _item_person(story[slice(*items[k])])
                misses = 0 if person else misses + 1
                key = name_key(person) if person else ()
                if key and not any(same_name(key, h) for h in have) and len(added) < _MAX_LISTED:
                    have.append(key)
                    added += _listed(story, items, k, person or "")
                k += step
    return added


LISTS = 3  # people with their titles in one sentence: a list of those who took part


def titled_lists(story: str, participants: list[Participant]) -> list[Participant]:
    """The people of a sentence that lists ``LISTS`` or more people, item by item, each after
    a personal title ("attending were President X, Palestinian President Y, Emir Z"): those
    who took part (in a summit, a meeting, a crash). Those no participant names yet."""
    have = _name_keys(participants)
    added: list[Participant] = []
    ends = [m.start() for m in SENTENCE_END.finditer(story)]
    for lo, hi in zip([0, *(e + 1 for e in ends)], [*ends, len(story)], strict=True):
        items = _items(story, lo, hi)
        people = [(k, t[0].name) for k, (a, b) in enumerate(items)
                  if (t := people_titled(story[a:b]))]  # fmt: skip
        if len(people) < LISTS:
            continue
        for k, person in people:
            key = name_key(person)
            if not any(same_name(key, h) for h in have):
                have.append(key)
                added += _listed(story, items, k, person)
    return added


def _listed(story: str, items: list[tuple[int, int]], k: int, person: str) -> list[Participant]:
    """The participant item ``k`` names, quoting the item (with the next one when it is too
    short to quote alone: "X, the governor of Y")."""
    a, b = items[k]
    if b - a < MIN_QUOTE and k + 1 < len(items):
        b = items[k + 1][1]
    lo = a + len(story[a:b]) - len(story[a:b].lstrip())
    hi = b - (len(story[a:b]) - len(story[a:b].rstrip()))
    if person not in story[lo:hi] or hi - lo < MIN_QUOTE:
        return []
    return [Participant(evidence=story[lo:hi], name=person, role=None, country=None,
                        grounding=from_text(lo, hi, LISTED))]  # fmt: skip


def _item_person(item: str) -> str | None:
    """The person one item of a list names: a name of two to five words, each with a capital
    (al-Sisi aside), that is no place and not the complement of another word ("a member of
    the X Corps"). In a script without case, only a name after a title (``people_titled``)."""
    if not any(c.lower() != c.upper() for c in item):  # no case (Arabic): after a title only
        titled = people_titled(item)
        return titled[0].name if titled else None
    name = named_part(item.strip())
    words = name.split() if name else []
    if not 2 <= len(words) <= 5 or is_place(name or "") or any(c.isdigit() for c in name or ""):
        return None
    if any(normalize(w) in stopwords() for w in item[: item.find(name or "")].split()):
        return None  # "a member of the Ansar Corps", "the wife of X": a complement
    if not all(w[:1].isupper() or "-" in w or len(w) <= 3 for w in words):
        return None
    return name


def name_roles(text: str, participants: list[Participant]) -> list[Participant]:
    """A participant the model gave only as a role ("the Russian defence minister": a function
    word of the packs, not only places, "Russia and the United States") gets the name the
    text writes right after that role ("the Russian defence minister Sergei Shoigu"),
    with the role kept and the phrase as its evidence. A dual role (Arabic "the two defence
    ministers") is matched in the singular."""
    tokens = [(start, end, normalize(word)) for word, start, end in words(text)]
    out = []
    for p in participants:
        if named_part(p.name) is not None or is_place(p.name):
            out.append(p)
            continue
        role = [_singular(w) for w in normalize(p.name).split() if w not in stopwords()]
        found = _name_after(text, tokens, role) if any(map(is_role_word, role)) else None
        if found is not None and not any(c.lower() != c.upper() for c in found[0]):
            found = _caseless(text, *found)
        if found is None:
            out.append(p)
            continue
        name, start, end = found
        out.append(Participant(
            evidence=text[start:end], name=name, role=p.role or p.name, country=p.country,
            grounding=Grounding(
                alignment=Alignment.EXACT, start=start, end=end, score=1.0, values_found=True,
                repaired=[f"name: the text names the role {p.name!r}: {name!r}"],
            ),
        ))  # fmt: skip
    return out


def _caseless(text: str, name: str, start: int, end: int) -> tuple[str, int, int] | None:
    """The words a script without case writes after a role, when they name a person: cut
    before a word no name holds (``caseless_name``), then kept only when they can be a name
    (``caseless_person``: no definite noun) and the text writes the last of them again (the
    surname: "... لويد أوستن ... وقال أوستن"). Without capitals the words after a role are as
    often a verb or the role's complement ("المفوضة الروسية لحقوق الطفل ...": before this
    check, all 9 such names on the dev, calls and validation sets were no one, 3 of 4 on the
    seeds someone)."""
    trimmed = caseless_name(name)
    words_ = trimmed.split()
    if not words_ or not caseless_person(trimmed) or text.count(words_[-1]) < 2:
        return None
    return trimmed, start, end - len(name) + len(trimmed)


_DUAL = "".join(
    p.dual_endings for p in packs()
)  # the packs' dual endings (Arabic wazira / waziray)


_ARTICLES = tuple(p.article for p in packs() if p.article)


_STOPS = COMMAS + ".:"  # where a role's phrase or a name ends


def _singular(word: str) -> str:
    """The singular of a dual role word (Arabic wazira -> wazir)."""
    return word[:-1] if word[-1:] in _DUAL and is_role(word[:-1]) else word


def _forms(word: str) -> set[str]:
    """A normalised word with and without its attached clitics (``text.stem``, ``text.bare``)."""
    return {word, stem(word), bare(word)}


def _name_after(
    text: str, tokens: list[tuple[int, int, str]], role: list[str]
) -> tuple[str, int, int] | None:
    """The first place ``role`` is written followed by one to three name words."""
    n = len(role)
    wanted = [_forms(w) for w in role]
    for i in range(len(tokens) - n):
        window = tokens[i : i + n]
        if not all(_forms(_singular(t[2])) & w for t, w in zip(window, wanted, strict=True)):
            continue
        if text[window[-1][1] - 1] in _STOPS:
            continue  # "the US and Russian defence ministers, talks": the role's phrase ended
        name: list[tuple[int, int]] = []
        for start, end, word in tokens[i + n : i + n + 3]:
            first = text[start]
            if (
                len(word) < 2 or is_role(word) or word in stopwords()
                or (word.startswith(_ARTICLES) and not name)  # the role's own complement
                or (first.isalpha() and first.lower() == first and first.upper() != first)
            ):  # fmt: skip
                break  # not a name: a role word, a particle, a lower-case word of a cased script
            name.append((start, end))
            if text[start:end][-1] in _STOPS:
                break
        if name:
            lo = name[0][0]
            written = text[lo : name[-1][1]].rstrip(_STOPS)
            return written, tokens[i][0], lo + len(written)
    return None


def participants_of(text: str, story: str, event: Event | None,
                    participants: list[Participant]) -> list[Participant]:  # fmt: skip
    """Who took part, as the model lists them (grounded) completed from the ``story``: a
    participant given as a role gets the name the text writes after it (``name_roles``), then
    the people the event's sentence names after a title (``titled_in_event``), those listed
    with a participant (``listed_with``) and those of a sentence that lists several people
    with their titles (``titled_lists``)."""
    found = name_roles(story, participants)
    found += titled_in_event(text, event, found)
    found += listed_with(story, found)
    return found + titled_lists(story, found)
