"""extract(text) -> Result: the passes of the extractor, run in order."""

from __future__ import annotations

from quotesvc.extract.model import Result


def extract(text: str) -> Result:
    """Find every quotation in ``text`` and say who said it (work in progress)."""
    return Result()
