"""Who initiated the event, where the text says so with a marker ("at the request of",
"بمبادرة من", "по инициативе": the packs' ``initiative``)."""

from __future__ import annotations

from ..cues import clause_around, find_initiator


def initiator_of(lead: str) -> tuple[str | None, str | None]:
    """(who initiated, the clause that says so) as the story's ``lead`` writes them, or
    (None, None)."""
    found = find_initiator(lead)
    if found is None:
        return None, None
    lo, hi = clause_around(lead, found[1], found[2])
    return found[0], lead[lo:hi]
