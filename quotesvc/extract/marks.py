"""Quotation-mark pairing: which marks open and close quotations, and which are apostrophes.

Marks are paired inside one paragraph with a stack. A paragraph left open by its last
opener (UK multi-paragraph style) yields a span that runs to the paragraph end; the
next paragraph normally reopens with a mark of the same family.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quotesvc.extract.model import Warning
from quotesvc.extract.segment import Paragraph, rx

# Every character that can be a quotation mark, and '' as one mark. A literal class
# cannot backtrack: it runs without a regex timeout, which would cost ~1 µs a mark. It
# is written to open with the class (a ' takes a second ' after it, as ''|[…] would), so
# that the stdlib engine skips to the next mark with its first-character test: half the
# instructions of the same scan with ``regex``.
_MARK = re.compile(r"""["'“”„‟‘’‚‛«»‹›](?:(?<=')')?""")

FAMILY = {
    "''": "d", '"': "d", "“": "d", "”": "d", "„": "d", "‟": "d",
    "'": "s", "‘": "s", "’": "s", "‚": "s", "‛": "s",
    "«": "g", "»": "g",
    "‹": "h", "›": "h",
}
# A markup tag left in scraped text: '<tweet author="realDonaldTrump" tweet_id="6677">'.
# The marks around its attribute values quote nothing.
_TAG = re.compile(r"""<[A-Za-z][\w:-]*(?:\s+[\w:-]+(?:\s*=\s*(?:"[^"<>\n]*"|'[^'<>\n]*'|[^\s"'<>]+))?)*\s*/?>""")

_OPEN_ONLY = frozenset("“„‟‘‚‛«‹")
_CLOSE_ONLY = frozenset("”’»›")
_OPENING_PUNCT = frozenset("([{—–-/…")
_CLOSING_PUNCT = frozenset(".,;:!?)]}—–-…/")


@dataclass(slots=True)  # never changed once built; not frozen, see segment.Paragraph
class QuoteSpan:
    """A paired quotation: mark positions and the content span between them."""

    open: int  # index of the opening mark
    close: int  # index of the closing mark, or the paragraph end if left open
    start: int  # content start (after the opening mark)
    end: int  # content end (before the closing mark, trailing blanks trimmed)
    family: str  # "d" double, "s" single, "g" guillemets, "h" single guillemets
    paragraph: int  # index of the paragraph
    unclosed: bool  # left open at the paragraph end
    depth: int  # 0 for a top-level quotation, 1+ when nested in another
    close_end: int = -1  # index just after the closing mark ('' is two characters wide)

    @property
    def after(self) -> int:
        """Index just after the closing mark (the paragraph end when left open)."""
        return self.close_end if self.close_end >= 0 else self.close + 1


def _is_space(ch: str) -> bool:
    return ch.isspace() or ch == ""


def _roles(text: str, i: int, lo: int, hi: int) -> tuple[bool, bool]:
    """Return (can_open, can_close) for the mark at ``i`` in paragraph [lo, hi)."""
    ch = "''" if text.startswith("''", i) else text[i]
    w = len(ch)
    prev = text[i - 1] if i > lo else ""
    nxt = text[i + w] if i + w < hi else ""
    prev_blank = _is_space(prev) or prev in _OPENING_PUNCT or prev in FAMILY
    next_blank = _is_space(nxt) or nxt in _CLOSING_PUNCT or nxt in FAMILY
    fam = FAMILY[ch]
    if fam == "s":
        # Apostrophes: inside a word (Labour’s, shouldn‘t), elided years ('90s, ’11)
        # and rock ’n’ roll are never quotation marks.
        if prev.isalnum() and nxt.isalpha():
            return False, False
        if prev_blank and nxt.isdigit() and (i + 3 > hi or not text[i + 1 : i + 3].isalpha()):
            tail = text[i + 1 : i + 5]
            if rx(r"\d\d(?:s\b|\b)").match(tail):
                return False, False
        if nxt == "n" and i + 2 < hi and text[i + 2] in "'’" and prev_blank:
            return False, False
        if prev == "n" and i >= lo + 2 and text[i - 2] in "'’" and (i - 2 == lo or _is_space(text[i - 3])):
            return False, False
    can_open = (not _is_space(nxt)) and prev_blank
    can_close = (not _is_space(prev)) and next_blank
    if ch in _OPEN_ONLY and ch != "“":
        can_close = False
    if ch in _CLOSE_ONLY and ch != "’":
        can_open = False
    if ch in "«‹" and not prev.isalnum():
        can_open = True  # French typography puts a space inside guillemets: « Oui »
    if ch in "»›" and not nxt.isalnum():
        can_close = True
    if ch == "’":
        # A right single mark opens only where an opening is unmistakable.
        can_open = can_open and not prev.isalnum()
    if ch == "“":
        # “ opens in English; it closes only a German „ (handled by the caller).
        can_close = can_close and not can_open
    if not can_open and not can_close and fam == "d":
        # A double mark between two letters or two blanks: let the stack decide.
        can_open = can_close = True
    return can_open, can_close


def _plural_possessive(text: str, i: int, hi: int) -> bool:
    """Return True when the ’ at ``i`` ends a plural possessive (the Joneses’ old shop)
    and another right single mark later in the paragraph can close the quotation."""
    if i == 0 or text[i - 1] != "s" or not text.startswith(" ", i + 1) or not text[i + 2 : i + 3].islower():
        return False
    j = text.find("’", i + 1, hi)
    return j > 0 and not text[j + 1 : j + 2].isalpha() and not text[j - 1].isspace()


def pair_marks(text: str, paras: list[Paragraph]) -> tuple[list[QuoteSpan], list[Warning]]:
    """Pair the quotation marks of every paragraph; return spans sorted by start."""
    spans: list[QuoteSpan] = []
    warnings: list[Warning] = []
    prev_left_open = False
    for pi, para in enumerate(paras):
        lo, hi = para.start, para.end
        stack: list[tuple[int, str]] = []  # (index, family)
        found: list[tuple[int, int, str, bool]] = []
        tags = [t.span() for t in _TAG.finditer(text, lo, hi)] if text.find("<", lo, hi) >= 0 else []
        for m in _MARK.finditer(text, lo, hi):
            i = m.start()
            if tags:
                while tags and tags[0][1] <= i:
                    tags.pop(0)
                if tags and tags[0][0] < i:
                    continue  # inside a markup tag
            ch = m.group()
            fam = FAMILY[ch]
            if fam == "s" and lo < i < hi - 1 and text[i - 1].isalnum() and text[i + 1].isalpha():
                continue  # Labour’s, shouldn‘t: an apostrophe, as _roles says first (most marks)
            can_open, can_close = _roles(text, i, lo, hi)
            if ch == "“" and stack and text[stack[-1][0]] == "„":
                can_close = True
            top = None  # the innermost open mark of this family
            for k in range(len(stack) - 1, -1, -1):
                if stack[k][1] == fam:
                    top = k
                    break
            if can_close and ch == "’" and _plural_possessive(text, i, hi):
                continue  # ‘We bought the Joneses’ old shop,’ — an apostrophe, a closer follows
            if can_close and top is not None and (not can_open or top == len(stack) - 1 or fam != "s"):
                # Marks opened above the one we close were not real openers.
                for k in range(len(stack) - 1, top, -1):
                    if stack[k][1] != "s":
                        warnings.append(Warning("unpaired-mark", "opening mark never closed", stack[k][0], stack[k][0] + 1))
                    stack.pop()
                o, _ = stack.pop()
                found.append((o, i, fam, False))
            elif can_open:
                stack.append((i, fam))
            elif can_close and fam == "d" and not found and not stack and prev_left_open:
                # The previous paragraph was left open and this one was not reopened:
                # the quotation runs from the paragraph start to this closer.
                found.append((lo - 1, i, fam, False))
            elif fam != "s":
                warnings.append(Warning("unpaired-mark", "closing mark with no opener", i, i + 1))
        prev_left_open = False
        # The outermost mark left open runs to the paragraph end when it is a double
        # mark (or a single mark opening the paragraph): multi-paragraph quotes.
        if stack:
            o, fam = stack[0]
            content = text[o + 1 : hi].strip(" '")
            framed = text[lo:o].rstrip().endswith((":", ","))  # Tessa Grieve said: ‘It is …
            if content and (fam != "s" or o == lo or framed) and (o == lo or len(content.split()) >= 4):
                found.append((o, hi, fam, True))
                prev_left_open = True
            else:
                warnings.append(Warning("unpaired-mark", "opening mark never closed", o, o + 1))
            for o2, fam2 in stack[1:]:
                if fam2 != "s":
                    warnings.append(Warning("unpaired-mark", "opening mark never closed", o2, o2 + 1))
        found.sort()
        outer_end = -1
        outer: list[int] = []
        for o, c, fam, unclosed in found:
            while outer and outer[-1] <= o:
                outer.pop()
            depth = len(outer)
            s, e = o + (2 if text.startswith("''", o) else 1), c
            while e > s and text[e - 1] in " \t\u00a0\u2007\u202f":
                e -= 1
            while s < e and text[s] in " \t\u00a0\u2007\u202f":
                s += 1  # « Oui » — French typography spaces the marks
            if s < e:
                width = 0 if unclosed else (2 if text.startswith("''", c) else 1)
                spans.append(QuoteSpan(o, c, s, e, fam, pi, unclosed, depth, c + width))
            outer.append(c)
            outer_end = max(outer_end, c)
    spans.sort(key=lambda q: (q.start, q.end))
    return spans, warnings
