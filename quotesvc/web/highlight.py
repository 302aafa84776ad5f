"""Build the highlighted HTML of an article from character ranges: the viewer's one tricky part.

Quotes nest (an indirect clause holding partial quotes) and, in bad data, cross. The
text is cut at every range boundary; each piece is escaped with markupsafe and wrapped
in the ranges open over it, outer (longer) ranges outside. A range that crosses another
is closed and reopened around it, so the HTML always nests; only a range's first
fragment carries its ``id`` and ``tabindex``, the rest carry ``data-part="cont"``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from markupsafe import Markup, escape

#: Inside the same span of text, quotes wrap mentions, mentions wrap cues.
RANKS = {"quote": 0, "mention": 1, "cue": 2}


@dataclass(frozen=True, slots=True)
class Mark:
    """One range of the text to wrap in ``<tag attrs>``; ``first_only`` attributes go on its first fragment."""

    start: int
    end: int
    role: str
    tag: str = "span"
    attrs: Mapping[str, str] = field(default_factory=dict)
    first_only: Mapping[str, str] = field(default_factory=dict)


def _open(mark: Mark, first: bool) -> str:
    attrs = dict(mark.attrs) | (dict(mark.first_only) if first else {"data-part": "cont"})
    parts = "".join(f' {name}="{escape(value)}"' for name, value in attrs.items() if value is not None)
    return f"<{mark.tag}{parts}>"


def usable(marks: Iterable[Mark], length: int) -> list[Mark]:
    """Return the marks that fit a text of ``length``, clamped, deduplicated and in opening order.

    Empty or inverted ranges are dropped; a mention or cue shared by several quotes is kept once.
    """
    seen: set[tuple[str, int, int]] = set()
    kept = []
    for m in marks:
        start, end = max(0, m.start), min(length, m.end)
        if start >= end:
            continue
        if m.role != "quote":
            if (m.role, start, end) in seen:
                continue
            seen.add((m.role, start, end))
        if (start, end) != (m.start, m.end):
            m = Mark(start, end, m.role, m.tag, m.attrs, m.first_only)
        kept.append(m)
    # Longer ranges open first, so they enclose the shorter ones starting at the same place.
    return sorted(kept, key=lambda m: (m.start, -m.end, RANKS.get(m.role, 9)))


def highlight(text: str, marks: Iterable[Mark]) -> Markup:
    """Return ``text`` as escaped HTML with every mark wrapped around its range, properly nested."""
    ordered = usable(marks, len(text))
    cuts = sorted({0, len(text)} | {m.start for m in ordered} | {m.end for m in ordered})
    starting: dict[int, list[Mark]] = {}
    for m in ordered:
        starting.setdefault(m.start, []).append(m)
    out: list[str] = []
    stack: list[Mark] = []
    for here, following in zip(cuts, cuts[1:] + [None], strict=True):
        ending = [i for i, m in enumerate(stack) if m.end == here]
        if ending:
            lowest = ending[0]
            out.append("".join(f"</{m.tag}>" for m in reversed(stack[lowest:])))
            reopen = [m for m in stack[lowest:] if m.end != here]
            del stack[lowest:]
            for m in reopen:  # a range crossing the one that ended: continue it in a new element
                out.append(_open(m, first=False))
                stack.append(m)
        for m in starting.get(here, ()):
            out.append(_open(m, first=True))
            stack.append(m)
        if following is not None:
            out.append(str(escape(text[here:following])))
    out.extend(f"</{m.tag}>" for m in reversed(stack))
    return Markup("".join(out))
