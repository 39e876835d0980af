"""Readers: what the text itself says about the article's main event, each kind of value read
by one module with one entry point (``when``: the event's time)."""
