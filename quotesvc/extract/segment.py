"""Paragraphs and sentences: the coarse structure every later pass works inside.

A paragraph is a line of text (news text puts one paragraph per line; blank lines are
separators). Sentences are found inside paragraphs, outside quotation spans, so a
quote of several sentences stays inside the sentence that frames it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache

import regex

from quotesvc.extract.lexicon import boilerplate_patterns
from quotesvc.extract.model import Warning

TIMEOUT = 2.0


@cache
def rx(pattern: str, flags: int = 0) -> regex.Pattern:
    """Compile ``pattern`` once: inline patterns cost a dict lookup, not a compile."""
    return regex.compile(pattern, flags)

# Characters that count as blank at the edges of a paragraph, NBSP included.
BLANK = " \t\r\f\v\u00a0\u2007\u202f\u2028\u2029\ufeff"

# A sentence ends at ., ! or ? (possibly doubled, possibly followed by closing marks or
# brackets) when whitespace and then a capital, a digit or an opening mark follow.
_SENT_END = regex.compile(
    r"""
    (?<![\p{Lu}]\.\p{Lu})          # not inside U.S. or A.B.
    (?<![.!?…])                    # from the start of a run only, and never giving back
    [.!?…]++ [)\]"'”’»]*+          # (so a run of 20,000 full stops costs one pass, not n²)
    (?= [\s\u00a0]+ [(\["'“‘«„]* [\p{Lu}\d] )
    """,
    regex.VERBOSE,
)

# Abbreviations whose full stop does not end a sentence.
_ABBREV = frozenset(
    ["mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "sen", "rep", "gov", "gen", "lt", "col", "capt", "sgt", "hon", "rev", "fr", "mt", "ft", "vs", "etc", "no", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc", "corp", "co", "ltd", "dept", "univ", "approx", "est", "u.s", "u.k", "u.n", "e.g", "i.e", "a.m", "p.m", "del", "sec", "supt", "amb", "adm", "cmdr", "pres"]
)


# The extractor's internal records (Paragraph, QuoteSpan, Cue, Mention, Who, Attribution)
# are slotted dataclasses that are never changed once built (dataclasses.replace makes a
# new one), but not frozen ones: a frozen dataclass sets each field through
# object.__setattr__, ~0.5 µs more per record, and a megabyte of text builds hundreds
# of thousands of them. The records extract() returns (model.py) stay frozen.
@dataclass(slots=True)
class Paragraph:
    """A paragraph's trimmed span and whether it is web boilerplate."""

    start: int
    end: int
    boilerplate: bool


_BOILER = None


def _boiler_re() -> regex.Pattern:
    global _BOILER
    if _BOILER is None:
        _BOILER = regex.compile(
            r"\W*(?:" + "|".join(boilerplate_patterns()) + ")", regex.IGNORECASE
        )
    return _BOILER


def paragraphs(text: str) -> list[Paragraph]:
    """Split ``text`` into trimmed, non-empty paragraphs in order."""
    boiler = _boiler_re()
    out = []
    pos, size = 0, len(text)
    while pos < size:  # one line at a time: str.find and str.strip, no pattern
        nl = text.find("\n", pos)
        if nl < 0:
            nl = size
        line = text[pos:nl]
        body = line.strip(BLANK)
        if body:
            s = pos + len(line) - len(line.lstrip(BLANK))
            e = s + len(body)
            is_boiler = boiler.match(text, s, e, timeout=TIMEOUT) is not None
            out.append(Paragraph(s, e, is_boiler))
        pos = nl + 1
    return out


def sentence_bounds(text: str, start: int, end: int, quotes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return the sentences of ``text[start:end]`` as (start, end) pairs.

    ``quotes`` are (open, close) mark positions of the quotations in this range, sorted:
    a boundary strictly inside a quotation is ignored, so a quoted passage never splits
    the sentence that frames it.
    """
    cuts = []
    qi = 0
    for m in _SENT_END.finditer(text, start, end, timeout=TIMEOUT):
        pos = m.end()
        while qi < len(quotes) and quotes[qi][1] < pos - 1:
            qi += 1
        if qi < len(quotes) and any(o < m.start() and pos <= c for o, c in quotes[qi : qi + 3]):
            continue  # inside a quotation
        if text[m.start()] == ".":
            wstart = m.start()
            while wstart > start and (text[wstart - 1].isalpha() or text[wstart - 1] == "."):
                wstart -= 1
            word = text[wstart : m.start()].lower()
            if word in _ABBREV or (len(word) == 1 and text[wstart].isupper()):
                continue
        cuts.append(pos)
    out = []
    s = start
    for c in cuts:
        out.append((s, c))
        s = c
        while s < end and text[s] in BLANK:
            s += 1
    if s < end:
        out.append((s, end))
    return out


# Limits past which a paragraph is not news text but noise (or an attack): it is skipped
# with a warning, so that no input can make the extractor slow.
MAX_PARAGRAPH = 20_000  # characters; real paragraphs are a few hundred
# Every character Unicode calls a quotation mark, as a stdlib class: counting them is a
# plain scan, and ``re`` runs a character class several times faster than ``regex``.
_ANY_MARK = re.compile(
    "[" + "".join(re.escape(chr(c)) for c in range(0x10000) if regex.match(r"\p{Quotation_Mark}", chr(c))) + "]"
)


def triage(text: str, paras: list[Paragraph]) -> tuple[list[Paragraph], list[Warning]]:
    """Drop paragraphs that are too long or made mostly of quotation marks; warn for each."""
    kept, warnings = [], []
    where = [m.start() for m in _ANY_MARK.finditer(text)]
    for p in paras:
        size = p.end - p.start
        if size > MAX_PARAGRAPH:
            warnings.append(Warning("skipped-paragraph", f"paragraph of {size} characters is too long to be news text", p.start, p.end))
            continue
        lo, hi = bisect_left(where, p.start), bisect_left(where, p.end)
        marks = hi - lo
        if marks >= 8 and marks * 10 > size:
            marks = _real_marks(text, where[lo:hi])
        if marks >= 8 and marks * 10 > size:
            warnings.append(Warning("skipped-paragraph", f"{marks} quotation marks in {size} characters", p.start, p.end))
            continue
        kept.append(p)
    return kept, warnings


def _real_marks(text: str, where: list[int]) -> int:
    """Count the marks at ``where`` as a reader would: an apostrophe inside a word
    (don’t, it's) is none, and a doubled mark ('' in "''I think it's changing,''") is one."""
    n = 0
    last = len(text) - 1
    for i in where:
        before = text[i - 1] if i else " "
        after = text[i + 1] if i < last else " "
        if (before.isalpha() and after.isalpha()) or before == text[i]:
            continue
        n += 1
    return n


class SentenceIndex:
    """Find the sentence that holds a position in O(log n)."""

    def __init__(self, sentences: list[tuple[int, int]]):
        self.sentences = sentences
        self._starts = [s for s, _ in sentences]

    def find(self, pos: int) -> int:
        """Return the index of the sentence containing ``pos`` (or the one before it)."""
        return max(0, bisect_right(self._starts, pos) - 1)

    def span(self, pos: int) -> tuple[int, int]:
        """Return the (start, end) of the sentence containing ``pos``."""
        if not self.sentences:
            return (pos, pos)
        return self.sentences[self.find(pos)]
