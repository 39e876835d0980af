"""Readers: what the text itself says about an article's main event, one module a kind of
value, each with one entry point, run once and in order after the model's answer is aligned
(``ground.ground_extraction``):

- ``when.event_when`` and ``when.event_time``: the words that date the event, resolved to an
  interval with its provenance;
- ``places.event_place``: where it happened;
- ``initiative.initiator_of``: who initiated it, where the text says so;
- ``people.participants_of``: who took part;
- ``statements.statements_of``: statements attributed to named sources;
- ``numbers.numbers_of``: the numbers, with what they count and who they are credited to.

They read text, language packs and the grounded items they are given; none of them aligns a
quote or calls another stage.
"""
