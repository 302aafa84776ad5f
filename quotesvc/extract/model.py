"""Immutable records the extractor returns.

Offsets are ``int`` indices (Python ``str`` code points) into the original text and
always slice back: ``text[q.start:q.end] == q.text``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

KINDS = ("direct", "partial", "indirect")
SPEAKER_KINDS = ("person", "organisation", "group")


@dataclass(frozen=True, slots=True, order=True)
class Quote:
    """One quotation: its span, its kind and who said it."""

    start: int
    end: int
    text: str
    kind: str
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    confidence: float = 0.0
    rule: str = ""

    def to_dict(self) -> dict:
        """Return the JSON-ready mapping of this quote."""
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Speaker:
    """One canonical speaker of an article, with the names and roles it goes by."""

    name: str
    kind: str = "person"
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    quote_count: int = 0

    def to_dict(self) -> dict:
        """Return the JSON-ready mapping of this speaker."""
        d = asdict(self)
        d["aliases"] = list(self.aliases)
        d["roles"] = list(self.roles)
        return d


@dataclass(frozen=True, slots=True)
class Warning:
    """Something the extractor skipped, and why."""

    code: str
    message: str
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict:
        """Return the JSON-ready mapping of this warning."""
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Result:
    """Everything ``extract`` found in one text."""

    quotes: tuple[Quote, ...] = ()
    speakers: tuple[Speaker, ...] = ()
    warnings: tuple[Warning, ...] = field(default=())

    def to_dict(self) -> dict:
        """Return the JSON-ready mapping used by the batch CLI and the API."""
        return {
            "quotes": [q.to_dict() for q in self.quotes],
            "speakers": [s.to_dict() for s in self.speakers],
            "warnings": [w.to_dict() for w in self.warnings],
        }
