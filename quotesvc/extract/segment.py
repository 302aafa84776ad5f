"""Paragraphs and sentences: the coarse structure every later pass works inside.

A paragraph is a line of text (news text puts one paragraph per line; blank lines are
separators). A text wrapped at a fixed width is first unwrapped (``unwrapped``), and an
article stored on one line is broken after its sentences (``reflowed``), offsets kept.
Sentences are found inside paragraphs, outside quotation spans, so a quote of several
sentences stays inside the sentence that frames it.
"""

from __future__ import annotations

import array
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache, lru_cache

import regex

from quotesvc.extract.lexicon import boilerplate_patterns
from quotesvc.extract.model import Warning

TIMEOUT = 2.0

# ``regex`` lets go of the GIL around every match of a str unless told not to (its
# ``concurrent`` argument, None by default), and takes it back for each block of its
# backtracking stack: ~1.5k instructions a call, more than a small match costs. The
# extractor runs in one thread, so the calls on its hot paths pass concurrent=SOLO, and
# positionally, since the keyword costs more to parse than it saves (so does
# timeout=TIMEOUT): ``p.match(s, pos, endpos, SOLO)``, ``p.finditer(s, pos, endpos,
# False, SOLO)``, ``p.match(s, pos, endpos, SOLO, False, TIMEOUT)``. Matches are the same.
SOLO = False


@cache
def rx(pattern: str, flags: int = 0) -> regex.Pattern:
    """Compile ``pattern`` once: inline patterns cost a dict lookup, not a compile."""
    return regex.compile(pattern, flags)

# Characters that count as blank at the edges of a paragraph, NBSP included.
BLANK = " \t\r\f\v\u00a0\u2007\u202f\u2028\u2029\ufeff"

# A sentence ends at ., ! or ? (possibly doubled, possibly followed by closing marks or
# brackets) when whitespace and then a capital, a digit or an opening mark follow; after a
# dotted abbreviation (U.S., N.Y., R-S.C.) only when a quotation of several words opens
# ('…," said Sen. Lindsey Graham, R-S.C. "I get that."', not 'Gov. C.L. "Butch" Otter').
@cache
def _sent_end() -> re.Pattern:
    # On the stdlib engine (~1.8 times faster than ``regex`` here), with ``regex``'s own
    # classes for \p{Lu}, \s and \d (unicode_classes), so it matches what this pattern
    # does on ``regex``, checked on PolNeAR and random strings:
    #     (?<![.!?…])(?:(?<![\p{Lu}]\.\p{Lu})[.!?…]++[)\]"'”’»]*+(?=[\s\u00a0]+[(\["'“‘«„]*[\p{Lu}\d])
    #     |(?<=\p{Lu}\.\p{Lu})\.(?=[\s\u00a0]+["“«„]\p{Lu}[\p{L}’']*+[\s\u00a0]+[^\s\u00a0"”»]++[\s\u00a0]+[^\s\u00a0"”»]))
    # Its first character is read before the lookbehinds (which then look one further
    # back), so the engine skips to the next ., !, ? or … at once. It needs no timeout:
    # every run is read once, possessively, from its start.
    upper, blank, digit, letter = unicode_classes((r"\p{Lu}", r"[\s\u00a0]", r"\d", r"\p{L}"))
    return re.compile(
        rf"[.!?…](?:(?<![{upper}]\.[{upper}].)"  # not inside U.S. or A.B.
        r"(?<![.!?…].)[.!?…]*+"  # from the start of a run only, and never giving back (so a
        r"[)\]\"'”’»]*+"  # run of 20,000 full stops costs one pass, not n²)
        rf"(?=[{blank}]+[(\[\"'“‘«„]*[{upper}{digit}])"
        # or the full stop of a dotted abbreviation, a quotation of several words after it
        rf"|(?<=[{upper}]\.[{upper}]\.)(?=[{blank}]+[\"“«„][{upper}][{letter}’']*+[{blank}]+[^{blank}\"”»]++[{blank}]+[^{blank}\"”»]))"
    )


def unicode_classes(patterns: tuple[str, ...], limit: int = 0x110000) -> tuple[str, ...]:
    """For each one-character ``regex`` pattern, the characters below ``limit`` that it
    matches, as the inside of a stdlib character class: a stdlib pattern built on them
    matches what the ``regex`` one would, by ``regex``'s Unicode tables (not
    unicodedata's). (The stdlib engine tests a class's characters above U+FFFF one range
    at a time: a class with many of them is slow wherever it fails.) ~30 ms for the whole
    range: called once for each pattern built on them."""
    every = array.array("I", range(limit)).tobytes().decode("utf-32-le", "surrogatepass")
    return tuple(_ranges(every, regex.compile(f"(?:{p})+")) for p in patterns)


def _ranges(every: str, runs: regex.Pattern) -> str:
    """The runs of consecutive code points that ``runs`` finds in ``every`` (each code
    point once, in order) as the inside of a character class: single characters and
    ranges. (A run a match, not a character a match: half the time of building them.)"""
    out = []
    for m in runs.finditer(every):
        first, last = every[m.start()], every[m.end() - 1]
        out.append(re.escape(first) + ("-" + re.escape(last) if last != first else ""))
    return "".join(out)


# Abbreviations whose full stop does not end a sentence.
_ABBREV = frozenset(
    ["mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "sen", "rep", "gov", "gen", "lt", "col", "capt", "sgt", "hon", "rev", "fr", "mt", "ft", "v", "vs", "etc", "no", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc", "corp", "co", "ltd", "dept", "univ", "approx", "est", "u.s", "u.k", "u.n", "e.g", "i.e", "a.m", "p.m", "del", "sec", "supt", "amb", "adm", "cmdr", "pres", "coun", "cllr", "insp", "det"]
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
    """Split ``text`` into trimmed, non-empty paragraphs in order: one a line."""
    boiler = _boiler_re()
    out = []
    for s, e, _ in _lines(text):
        # A paragraph that opens with a letter (a word character, so \W* takes nothing)
        # is boilerplate only if some opening can start with its first three characters:
        # asked once of each three (partial matching), three paragraphs in four are
        # settled without the pattern (~1 µs each).
        if e - s >= 3 and text[s].isalpha() and not _may_open_boilerplate(text[s : s + 3]):
            out.append(Paragraph(s, e, False))
        else:
            out.append(Paragraph(s, e, boiler.match(text, s, e, SOLO, False, TIMEOUT) is not None))
    return out


@lru_cache(maxsize=4096)
def _may_open_boilerplate(head: str) -> bool:
    """Could a boilerplate opening match a paragraph that starts with ``head`` (a letter
    first)? Always True if an opening looks behind, which a slice cannot show."""
    boiler = _boiler_re()
    return "(?<" in boiler.pattern or boiler.match(head, partial=True) is not None


def unwrapped(text: str) -> str:
    """``text`` with the line breaks inside its paragraphs made spaces, when it is wrapped
    at a fixed width (see _hard_wrapped); else ``text`` itself. Character for character,
    so every offset stays the same."""
    if text.count("\n") - 2 * text.count("\n\n") < 4:
        return text  # line breaks only between paragraphs (blank lines): nothing is wrapped
    lines = _lines(text)
    if not _hard_wrapped(text, lines):
        return text
    chars = list(text)
    for s, e in _join_wrapped(text, lines):
        for k in range(s, e):
            if chars[k] in "\r\n":
                chars[k] = " "
    return "".join(chars)


def reflowed(text: str) -> str:
    """``text`` with a line break after each sentence that ends outside a quotation, when
    it has no line breaks at all (a whole article on one line, as some corpora store
    it): one sentence a paragraph, and a new quotation paragraph before each opening
    mark that starts a sentence. Else ``text`` itself. Character for character."""
    if not FLAT_MIN <= len(text) <= FLAT_MAX or "\n" in text:
        return text
    chars = list(text)
    opened = False
    marks = iter(_DOUBLE_MARK.finditer(text))
    mark = next(marks, None)
    for m in _sent_end().finditer(text):
        while mark is not None and mark.start() < m.end():
            opened = _opens(text, mark.start())
            mark = next(marks, None)
        if _abbreviation_at(text, m.start(), 0):
            continue  # "Rep. G.K. Butterfield"
        k = m.end()  # the blank after the sentence end
        n = k
        while n < len(text) and text[n].isspace():
            n += 1
        starts_quote = n < len(text) and text[n] in _OPENING
        if not opened or starts_quote:
            chars[k] = "\n"
    return "".join(chars)


FLAT_MIN = 600  # characters: a text this long with no line break is one flattened article
# ... and one this long is no article but noise: left as one paragraph, which triage
# skips, so that a megabyte of "He said it. " costs nothing (one sentence a paragraph, it
# would cost seconds)
FLAT_MAX = 100_000  # (a 15,000-word long read is some 90,000 characters)
_DOUBLE_MARK = re.compile("[\"“”«»„]")
_OPENING = "“«„\""


def _opens(text: str, pos: int) -> bool:
    """Whether the double quotation mark at ``pos`` opens a quotation (a straight one does
    after a blank or an opening bracket)."""
    ch = text[pos]
    if ch == '"':
        return pos == 0 or not text[pos - 1].isalnum() and text[pos - 1] not in ".,!?;:"
    return ch in "“«„"


def _lines(text: str) -> list[tuple[int, int, bool]]:
    """The trimmed non-empty lines of ``text``: (start, end, a blank line before it)."""
    out = []
    pos, size = 0, len(text)
    gap = False
    while pos < size:  # one line at a time: str.find and str.strip, no pattern
        nl = text.find("\n", pos)
        if nl < 0:
            nl = size
        line = text[pos:nl]
        body = line.strip(BLANK)
        if body:
            s = pos + len(line) - len(line.lstrip(BLANK))
            out.append((s, s + len(body), gap))
            gap = False
        else:
            gap = True
        pos = nl + 1
    return out


# What a line that ends a paragraph of a wrapped text ends with.
_LINE_END = ".!?:\"”’'»)…"
WRAP_WIDTH = (30, 120)  # the widths a wrapped text's lines come at, in characters


def _wrap_width(lines: list[tuple[int, int, bool]]) -> int:
    """The width the lines of a text are wrapped at, if they are: the 90th percentile of
    their lengths."""
    lengths = sorted(e - s for s, e, _ in lines)
    return lengths[int(0.9 * (len(lengths) - 1))]


def _hard_wrapped(text: str, lines: list[tuple[int, int, bool]]) -> bool:
    """Return True for a text whose paragraphs are broken into lines of a fixed width
    (plain-text news often is), where news text elsewhere has one paragraph a line: at
    most WRAP_WIDTH[1] characters wide, and at least a quarter of its line breaks fall
    inside a sentence (a line that does not end a sentence, then one that goes on in
    lower case)."""
    if len(lines) < 5 or not WRAP_WIDTH[0] <= _wrap_width(lines) <= WRAP_WIDTH[1]:
        return False
    pairs = inside = 0
    for (_, e, _), (s, _, gap) in zip(lines, lines[1:], strict=False):
        if gap:
            continue
        pairs += 1
        inside += text[e - 1] not in _LINE_END and text[s].islower()
    return pairs > 0 and inside * 4 >= pairs


def _join_wrapped(text: str, lines: list[tuple[int, int, bool]]) -> list[tuple[int, int]]:
    """Join the lines of a wrapped text into paragraphs: a line goes on the one before
    unless a blank line separates them, it opens with a bullet, or the one before ends a
    sentence well short of the width (the last line of its paragraph)."""
    width = _wrap_width(lines)
    out: list[tuple[int, int]] = []
    for s, e, gap in lines:
        prev_end = out[-1][1] if out else -1
        if out and not gap and text[s] not in _BULLETS and (
            text[prev_end - 1] not in _LINE_END or _last_line_full(text, prev_end, width)
        ):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


_BULLETS = "•·▪‣◦*"  # not dashes: a wrapped line may open with one ("… security of contract\n— at the moment")


def _last_line_full(text: str, end: int, width: int) -> bool:
    """Return True when the line ending at ``end`` runs close to the wrap width (so the
    sentence it ends need not end its paragraph)."""
    start = text.rfind("\n", 0, end) + 1
    return end - start >= 0.85 * width


def sentence_bounds(text: str, start: int, end: int, quotes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return the sentences of ``text[start:end]`` as (start, end) pairs.

    ``quotes`` are (open, close) mark positions of the quotations in this range, sorted:
    a boundary strictly inside a quotation is ignored, so a quoted passage never splits
    the sentence that frames it.
    """
    cuts = []
    qi = 0
    for m in _sent_end().finditer(text, start, end):
        pos = m.end()
        while qi < len(quotes) and quotes[qi][1] < pos - 1:
            qi += 1
        if qi < len(quotes) and any(o < m.start() and pos <= c for o, c in quotes[qi : qi + 3]):
            continue  # inside a quotation
        dot = m.start()
        if _abbreviation_at(text, dot, start) and not (dot - 2 >= start and text[dot - 2] == "." and text[dot - 1].isupper()):
            continue  # (a dotted abbreviation before a quotation does end one: "in the U.S. “I …")
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


def _abbreviation_at(text: str, dot: int, start: int) -> bool:
    """Return True when the full stop at ``dot`` ends an abbreviation ("Mr.", "Sen.",
    "U.S.") or an initial ("George W."), not a sentence."""
    if text[dot] != ".":
        return False
    wstart = dot
    while wstart > start and (text[wstart - 1].isalpha() or text[wstart - 1] == "."):
        wstart -= 1
    word = text[wstart:dot].lower()
    return word in _ABBREV or (len(word) == 1 and text[wstart].isupper())


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
        i = bisect_right(self._starts, pos) - 1
        return i if i > 0 else 0  # not builtins.max, which costs ~1.2k instructions a call

    def span(self, pos: int) -> tuple[int, int]:
        """Return the (start, end) of the sentence containing ``pos``."""
        if not self.sentences:
            return (pos, pos)
        return self.sentences[self.find(pos)]
