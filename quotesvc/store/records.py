"""The records the repository takes and returns: frozen dataclasses, no SQL, no Flask."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

#: The sort key of quotes whose article has no date: before every real date.
UNDATED = datetime(1, 1, 1)


@dataclass(frozen=True, slots=True)
class NewArticle:
    """An article to ingest: plain text plus whatever metadata came with it."""

    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    author: str | None = None
    published_at: datetime | None = None  # naive UTC
    external_id: str | None = None


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """The article fields every quote carries."""

    id: int
    title: str | None
    url: str | None
    source: str | None
    published_at: datetime | None


@dataclass(frozen=True, slots=True)
class SpeakerRef:
    """The speaker fields every quote carries."""

    id: int
    name: str


@dataclass(frozen=True, slots=True)
class StoredQuote:
    """A stored quote with its speaker and article."""

    id: int
    start: int
    end: int
    text: str
    kind: str
    speaker: SpeakerRef | None
    mention: str | None
    speaker_start: int | None
    speaker_end: int | None
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    confidence: float
    rule: str
    sentence: str
    article: ArticleRef


@dataclass(frozen=True, slots=True)
class StoredSpeaker:
    """A speaker shared across articles, with every alias and role seen for it."""

    id: int
    name: str
    kind: str
    aliases: tuple[str, ...]
    roles: tuple[str, ...]
    quote_count: int
    article_count: int


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """A stored article; ``quotes`` and ``speakers`` are filled only when asked for."""

    id: int
    external_id: str | None
    url: str | None
    title: str | None
    author: str | None
    source: str | None
    published_at: datetime | None
    created_at: datetime
    text: str
    quote_count: int
    quotes: tuple[StoredQuote, ...] = ()
    speakers: tuple[StoredSpeaker, ...] = ()


@dataclass(frozen=True, slots=True)
class Ingested:
    """What ingesting one article did: ``created`` is False when it was already stored."""

    article: StoredArticle
    created: bool


@dataclass(frozen=True, slots=True)
class QuoteFilter:
    """The filters of ``GET /quotes``; every field left at its default filters nothing."""

    speaker: str | None = None
    speaker_id: int | None = None
    article_id: int | None = None
    kinds: tuple[str, ...] = ()
    cue: str | None = None
    min_confidence: float | None = None
    q: str | None = None
    source: str | None = None
    published_after: datetime | None = None
    published_before: datetime | None = None


@dataclass(frozen=True, slots=True)
class ArticleFilter:
    """The filters of ``GET /articles``."""

    source: str | None = None
    published_after: datetime | None = None
    published_before: datetime | None = None
    speaker: str | None = None
    q: str | None = None


@dataclass(frozen=True, slots=True)
class SpeakerFilter:
    """The filters of ``GET /speakers``."""

    q: str | None = None
    kind: str | None = None
    min_quotes: int = 1


@dataclass(frozen=True, slots=True)
class Page:
    """One keyset page: the items and the position after the last one (None at the end)."""

    items: tuple = ()
    after: tuple | None = None


@dataclass(frozen=True, slots=True)
class Sort:
    """A sort column (a name the repository knows) and a direction."""

    key: str = "id"
    descending: bool = False

