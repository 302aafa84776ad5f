"""extract(text) -> Result: the passes of the extractor, run in order.

1. paragraphs and boilerplate (segment)   2. quotation marks (marks)
3. sentences outside quotations (segment) 4. names (names)   5. cues (cues)
6. direct and partial quotes, then indirect speech (attribute)   7. speakers
Bad text never raises: a pass that gives up (a regex timeout) leaves a warning.
"""

from __future__ import annotations

from collections import Counter

from quotesvc.extract.attribute import Context, attribute_indirect, attribute_quotes, collect_salient
from quotesvc.extract.cues import find_cues
from quotesvc.extract.marks import pair_marks
from quotesvc.extract.model import Quote, Result, Speaker, Warning
from quotesvc.extract.names import build_namebook
from quotesvc.extract.segment import SentenceIndex, paragraphs, sentence_bounds


def extract(text: str) -> Result:
    """Find every quotation in ``text`` and say who said it."""
    if not isinstance(text, str):
        raise TypeError(f"extract() takes a str, not {type(text).__name__}")
    if not text.strip():
        return Result()
    try:
        return _extract(text)
    except TimeoutError:
        return Result(warnings=(Warning("timeout", "a pattern ran out of time; the text was skipped"),))
    except RecursionError:
        return Result(warnings=(Warning("too-deep", "the text is nested too deeply; it was skipped"),))


def _extract(text: str) -> Result:
    paras = paragraphs(text)
    spans, warnings = pair_marks(text, paras)
    sentences: list[tuple[int, int]] = []
    si = 0
    for p in paras:
        inside = []
        while si < len(spans) and spans[si].open < p.end:
            if spans[si].open >= p.start - 1:
                inside.append((spans[si].open, spans[si].close))
            si += 1
        sentences.extend(sentence_bounds(text, p.start, p.end, inside))
    ctx = Context(text, paras, spans, SentenceIndex(sentences), build_namebook(text), find_cues(text))
    collect_salient(ctx)
    quotes = attribute_quotes(ctx)
    quotes += attribute_indirect(ctx, quotes)
    quotes = _dedupe(quotes)
    return Result(tuple(quotes), _speakers(ctx, quotes), tuple(warnings))


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
