"""Turn an article's quotes and speakers into highlight marks and the speaker legend.

Stored articles and ``/try`` results differ only in how a speaker is keyed (its id, or
its place in the extractor's list) and whether quotes have ids; both come out as the
same ``Annotated`` view.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from markupsafe import Markup

from quotesvc.extract import Result
from quotesvc.store.records import StoredArticle
from quotesvc.web.highlight import Mark, highlight

#: Distinct, readable-on-white speaker colours (Okabe–Ito and Tableau hues); cycled past twelve.
PALETTE_SIZE = 12
UNATTRIBUTED = "none"
KIND_LABELS = {"direct": "direct quote", "partial": "partial quote", "indirect": "reported speech"}


@dataclass(frozen=True, slots=True)
class LegendEntry:
    """One speaker of the article as the side panel lists it."""

    key: str
    name: str
    kind: str
    roles: tuple[str, ...]
    count: int
    colour: str
    speaker_id: int | None = None


@dataclass(frozen=True, slots=True)
class QuoteNote:
    """What hovering or focusing a quote tells; also listed under the article."""

    anchor: str
    key: str
    colour: str
    speaker: str
    roles: tuple[str, ...]
    text: str
    kind: str
    cue: str | None
    confidence: float
    rule: str

    @property
    def tip(self) -> str:
        """Return the plain-text tooltip (one fact per line)."""
        lines = [self.speaker + (f" ({'; '.join(self.roles)})" if self.roles else "")]
        lines.append(f"{KIND_LABELS.get(self.kind, self.kind)} · cue: {self.cue or '-'}")
        lines.append(f"confidence {self.confidence:.2f} · rule {self.rule or '-'}")
        return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class Annotated:
    """An article ready to render: highlighted HTML, legend, notes, and which speakers are shown."""

    html: Markup
    legend: tuple[LegendEntry, ...]
    notes: tuple[QuoteNote, ...]
    shown: frozenset[str]


def colour(index: int) -> str:
    """Return the CSS class of the ``index``-th speaker's colour."""
    return f"c{index % PALETTE_SIZE}"


def _annotate(text: str, quotes: Sequence, keys: Sequence[str], anchors: Sequence[str],
              legend: list[LegendEntry], shown: Collection[str] | None) -> Annotated:
    """Build marks and notes for ``quotes`` (any records with the extractor's quote fields)."""
    by_key = {e.key: e for e in legend}
    visible = frozenset(by_key) if shown is None else frozenset(k for k in shown if k in by_key)
    marks, notes = [], []
    for q, key, anchor in zip(quotes, keys, anchors, strict=True):
        entry = by_key[key]
        note = QuoteNote(anchor=anchor, key=key, colour=entry.colour, speaker=entry.name, roles=entry.roles,
                         text=q.text, kind=q.kind, cue=q.cue, confidence=q.confidence, rule=q.rule)
        notes.append(note)
        state = "" if key in visible else " off"
        common = {"data-speaker": key}
        marks.append(Mark(q.start, q.end, "quote", "mark",
                          {"class": f"q q-{q.kind} {entry.colour}{state}", **common, "data-kind": q.kind,
                           "title": note.tip, "data-tip": note.tip, "aria-describedby": f"n-{anchor}"},
                          {"id": anchor, "tabindex": "0" if key in visible else "-1"}))
        if q.speaker_start is not None and q.speaker_end is not None and key != UNATTRIBUTED:
            marks.append(Mark(q.speaker_start, q.speaker_end, "mention", "span",
                              {"class": f"mention {entry.colour}{state}", **common}))
        if q.cue_start is not None and q.cue_end is not None:
            marks.append(Mark(q.cue_start, q.cue_end, "cue", "span", {"class": f"cue{state}", **common}))
    return Annotated(highlight(text, marks), tuple(legend), tuple(notes), visible)


def _legend(keys: Sequence[str], info: dict, names: dict[str, str]) -> list[LegendEntry]:
    """Return the legend of the speakers behind ``keys``: most quoted first, the unattributed last.

    ``info`` holds the speaker records (name, kind, roles) by key; ``names`` the name of a
    quote's speaker the records lack. Numeric keys are speaker ids (stored articles).
    """
    counts = Counter(keys)
    ordered = sorted(counts, key=lambda k: (k == UNATTRIBUTED, -counts[k], keys.index(k)))
    legend = []
    for i, key in enumerate(ordered):
        s = info.get(key)
        legend.append(LegendEntry(
            key=key, name=s.name if s else names.get(key, "unattributed"), kind=s.kind if s else "",
            roles=tuple(s.roles) if s else (), count=counts[key],
            colour="cx" if key == UNATTRIBUTED else colour(i), speaker_id=int(key) if key.isdigit() else None))
    return legend


def stored(article: StoredArticle, shown: Collection[str] | None = None) -> Annotated:
    """Annotate a stored article; speakers are keyed by id and counted in this article only."""
    keys = [str(q.speaker.id) if q.speaker else UNATTRIBUTED for q in article.quotes]
    legend = _legend(keys, {str(s.id): s for s in article.speakers},
                     {str(q.speaker.id): q.speaker.name for q in article.quotes if q.speaker})
    anchors = [f"q-{q.id}" for q in article.quotes]
    return _annotate(article.text, article.quotes, keys, anchors, legend, shown)


def extracted(text: str, result: Result, shown: Collection[str] | None = None) -> Annotated:
    """Annotate the extractor's result for ``text``; speakers are keyed by their place in the result."""
    order = {s.name: i for i, s in enumerate(result.speakers)}
    for q in result.quotes:
        if q.speaker and q.speaker not in order:
            order[q.speaker] = len(order)
    keys = [f"t{order[q.speaker]}" if q.speaker else UNATTRIBUTED for q in result.quotes]
    legend = _legend(keys, {f"t{order[s.name]}": s for s in result.speakers},
                     {f"t{i}": name for name, i in order.items()})
    anchors = [f"q-{i + 1}" for i in range(len(result.quotes))]
    return _annotate(text, result.quotes, keys, anchors, legend, shown)
