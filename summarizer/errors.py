"""The one root of the package's errors.

Every error the package raises on purpose derives from ``SummarizerError``, so a caller can
catch one class; ``str()`` of each is a one-line message fit for a user.
"""

from __future__ import annotations


class SummarizerError(Exception):
    """Any error of the package: bad input, bad settings, an unusable endpoint or model."""
