"""The pure quote extractor: text in, immutable records out.

Imports only the standard library and ``regex``; no Flask, no SQL, no I/O beyond
its own lexicon files.
"""

from quotesvc.extract.model import KINDS, SPEAKER_KINDS, Quote, Result, Speaker, Warning
from quotesvc.extract.pipeline import extract, prepare

__all__ = ["KINDS", "SPEAKER_KINDS", "Quote", "Result", "Speaker", "Warning", "extract", "prepare"]
