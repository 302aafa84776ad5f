"""extract(text) -> Result: the passes of the extractor, run in order.

0. a text wrapped at a fixed width is unwrapped, an article on one line broken after
   its sentences, offsets kept (segment)
1. paragraphs and boilerplate (segment)   2. quotation marks (marks)
3. sentences outside quotations (segment) 4. names (names)   5. cues (cues)
6. direct and partial quotes, then indirect speech (attribute)   7. speakers
Bad text never raises: a pass that gives up (a regex timeout, or the text's deadline,
see SECONDS_PER_CHAR) leaves a warning.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import replace

from quotesvc.extract.attribute import Context, attribute_indirect, attribute_quotes, collect_salient
from quotesvc.extract.cues import Cue, find_cues, lowered
from quotesvc.extract.marks import pair_marks
from quotesvc.extract.model import Quote, Result, Speaker, Warning
from quotesvc.extract.names import build_namebook
from quotesvc.extract.segment import (
    TIMEOUT,
    SentenceIndex,
    paragraphs,
    reflowed,
    sentence_bounds,
    triage,
    unwrapped,
)

# The rules of one text may run TIMEOUT seconds plus this much a character (some 20
# times what the slowest real article costs) before the text is given up with a
# "timeout" warning: the coarse guard of the patterns that run without a regex timeout.
SECONDS_PER_CHAR = 20e-6


# A short article that takes extract() through its paragraphs, marks, names, cues and rules.
_WARM_UP = (
    "Council plans under fire\n\n“We will not stop,” Ms Jane Doe, a nurse, said. The union said the plan was "
    "“a disaster”, according to Reuters. Mr Smith told reporters that it would go ahead."
)


def prepare() -> None:
    """Build what extract() otherwise builds on its first call (the patterns, the lexicons,
    the stdlib classes of the scans, ~0.2 s of CPU), so that the first article a process
    reads is not slower than the next: the web app calls it as it starts."""
    extract(_WARM_UP)


def extract(text: str) -> Result:
    """Find every quotation in ``text`` and say who said it."""
    if not isinstance(text, str):
        raise TypeError(f"extract() takes a str, not {type(text).__name__}")
    if not text.strip():
        return Result()
    try:
        flat = reflowed(unwrapped(text))
        if flat is text:
            return _extract(text)
        # A text wrapped at a fixed width is read with its soft line breaks as spaces, one
        # on a single line with a break after each sentence; the quotations it returns are
        # the text's own characters.
        result = _extract(flat)
        return replace(result, quotes=tuple(replace(q, text=text[q.start : q.end]) for q in result.quotes))
    except TimeoutError:
        return Result(warnings=(Warning("timeout", "a pattern ran out of time; the text was skipped"),))
    except RecursionError:
        return Result(warnings=(Warning("too-deep", "the text is nested too deeply; it was skipped"),))


def _extract(text: str) -> Result:
    deadline = time.monotonic() + TIMEOUT + SECONDS_PER_CHAR * len(text)
    paras, warnings = triage(text, paragraphs(text))
    spans, mark_warnings = pair_marks(text, paras)
    warnings += mark_warnings
    sentences: list[tuple[int, int]] = []
    si = 0
    for p in paras:
        inside = []
        while si < len(spans) and spans[si].open < p.end:
            if spans[si].open >= p.start - 1:
                inside.append((spans[si].open, spans[si].close))
            si += 1
        sentences.extend(sentence_bounds(text, p.start, p.end, inside))
    ranges = [(p.start, p.end) for p in paras]
    low = lowered(text)
    cues = _dense_cues(text, paras, find_cues(text, ranges, low), warnings)
    ctx = Context(text, paras, spans, SentenceIndex(sentences), build_namebook(text, ranges), cues, deadline=deadline, low=low)
    collect_salient(ctx)
    quotes = attribute_quotes(ctx)
    quotes += attribute_indirect(ctx, quotes)
    quotes = _dedupe(quotes)
    return Result(tuple(quotes), _speakers(ctx, quotes), _capped(sorted(warnings, key=_warning_order)))


def _dense_cues(text: str, paras, cues: list[Cue], warnings: list[Warning]) -> list[Cue]:
    """Drop the cues of a paragraph where every few words is a cue ("said he said said …"):
    no news paragraph reads like that, and it would only cost time."""
    out: list[Cue] = []
    i = 0
    for p in paras:
        mine = []
        while i < len(cues) and cues[i].start < p.end:
            if cues[i].start >= p.start:
                mine.append(cues[i])
            i += 1
        if len(mine) >= 8 and len(mine) * 4 > len(text[p.start : p.end].split()):
            warnings.append(Warning("skipped-cues", f"{len(mine)} cue words in one paragraph", p.start, p.end))
            continue
        out.extend(mine)
    return out


MAX_WARNINGS = 100


def _capped(warnings: list[Warning]) -> tuple[Warning, ...]:
    """Keep the first MAX_WARNINGS warnings and say how many more there were."""
    if len(warnings) <= MAX_WARNINGS:
        return tuple(warnings)
    more = len(warnings) - MAX_WARNINGS
    return (*warnings[:MAX_WARNINGS], Warning("more-warnings", f"{more} more warnings not listed"))


def _warning_order(w: Warning) -> tuple[int, str]:
    return (w.start if w.start is not None else -1, w.code)


def _dedupe(quotes: list[Quote]) -> list[Quote]:
    """Sort, and keep one record per (start, end, kind): the most confident."""
    best: dict[tuple[int, int, str], Quote] = {}
    for q in quotes:
        key = (q.start, q.end, q.kind)
        if key not in best or q.confidence > best[key].confidence:
            best[key] = q
    return sorted(best.values(), key=lambda q: (q.start, q.end, q.kind))


def _speakers(ctx: Context, quotes: list[Quote]) -> tuple[Speaker, ...]:
    counts = Counter(q.speaker for q in quotes if q.speaker)
    book = ctx.book
    out = []
    for name in sorted(counts, key=lambda n: (-counts[n], n)):
        aliases = tuple(a for a in book.aliases.get(name, []) if a != name)
        out.append(Speaker(name, book.kinds.get(name, "person"), aliases, tuple(book.roles.get(name, [])), counts[name]))
    return tuple(out)
