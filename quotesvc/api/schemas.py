"""Marshmallow schemas: what every endpoint loads and dumps, and so what OpenAPI says."""

from __future__ import annotations

from datetime import UTC, datetime

import marshmallow as ma
from marshmallow import fields, validate

from quotesvc.extract import KINDS, SPEAKER_KINDS

MAX_ID = 2**31 - 1
MAX_BATCH = 100
QUOTE_SORTS = ("id", "-id", "published_at", "-published_at", "confidence", "-confidence")
SPEAKER_SORTS = ("-quote_count", "quote_count", "name", "-name", "id", "-id")
EXPORT_FORMATS = ("json", "csv", "ndjson")


class Text(fields.String):
    """A string the database can store: no NUL characters, no lone surrogates."""

    def _deserialize(self, value, attr, data, **kwargs):
        value = super()._deserialize(value, attr, data, **kwargs)
        if "\x00" in value:
            raise ma.ValidationError("must not contain NUL characters")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise ma.ValidationError("must be valid Unicode (no lone surrogates)") from None
        return value


class UtcDateTime(fields.DateTime):
    """An ISO 8601 date-time; loads to naive UTC (no zone means UTC), dumps with ``+00:00``."""

    def _deserialize(self, value, attr, data, **kwargs):
        value = super()._deserialize(value, attr, data, **kwargs)
        if value.tzinfo is None:
            return value
        try:
            return value.astimezone(UTC).replace(tzinfo=None)
        except OverflowError:
            raise ma.ValidationError("date out of range") from None

    def _serialize(self, value, attr, obj, **kwargs):
        if isinstance(value, datetime) and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return super()._serialize(value, attr, obj, **kwargs)


def Id(**kwargs) -> fields.Integer:  # noqa: N802 (reads as a field class)
    """An integer id in the range the database stores."""
    return fields.Integer(validate=validate.Range(min=1, max=MAX_ID), **kwargs)


# --- input ----------------------------------------------------------------------


class DocumentIn(ma.Schema):
    """Plain text or an HTML page (trafilatura finds the main text)."""

    text = Text(validate=validate.Length(min=1), metadata={"description": "Plain text; or give html"})
    html = Text(validate=validate.Length(min=1), metadata={"description": "An HTML page; or give text"})

    @ma.validates_schema
    def _one_of_text_or_html(self, data, **kwargs):
        if ("text" in data) == ("html" in data):
            raise ma.ValidationError("give exactly one of text or html", "_schema")


class ArticleIn(DocumentIn):
    """An article to store, with optional metadata (given metadata beats what HTML says)."""

    title = Text(validate=validate.Length(max=1000))
    url = Text(validate=validate.Length(min=1, max=2048))
    source = Text(validate=validate.Length(min=1, max=256))
    author = Text(validate=validate.Length(max=1000))
    published_at = UtcDateTime(metadata={"description": "ISO 8601; no time zone means UTC"})
    external_id = Text(validate=validate.Length(min=1, max=512),
                       metadata={"description": "Your id for the article; posting it again returns it"})


class BatchIn(ma.Schema):
    """Up to 100 articles; each is validated and stored on its own."""

    # Raw, not Nested(ArticleIn): a bad item must fail alone, not the whole batch.
    articles = fields.List(
        fields.Raw(metadata={"description": "An ArticleIn object"}),
        required=True,
        validate=validate.Length(min=1, max=MAX_BATCH),
    )


class PageArgs(ma.Schema):
    """Keyset pagination."""

    page_size = fields.Integer(load_default=None, validate=validate.Range(min=1, max=500),
                               metadata={"description": "Items per page (default 50, at most 500)"})
    cursor = Text(validate=validate.Length(max=500),
                  metadata={"description": "The next_cursor of the previous page"})


class QuoteArgs(PageArgs):
    """Filters and order of quotes; every filter narrows the result."""

    speaker = Text(validate=validate.Length(min=1, max=512),
                   metadata={"description": "Name, alias or surname, case-insensitive"})
    speaker_id = Id()
    article_id = Id()
    kind = fields.List(fields.String(validate=validate.OneOf(KINDS)),
                       metadata={"description": "Repeatable: kind=direct&kind=partial"})
    cue = Text(validate=validate.Length(min=1, max=128), metadata={"description": "Cue verb, case-insensitive"})
    min_confidence = fields.Float(validate=validate.Range(min=0, max=1))
    q = Text(validate=validate.Length(min=1, max=500), metadata={"description": "Full-text search in the quote"})
    source = Text(validate=validate.Length(min=1, max=256))
    published_after = UtcDateTime(metadata={"description": "Article date on or after this"})
    published_before = UtcDateTime(metadata={"description": "Article date before this"})
    sort = fields.String(load_default="-published_at", validate=validate.OneOf(QUOTE_SORTS),
                         metadata={"description": "A leading - sorts descending"})
    format = fields.String(validate=validate.OneOf(EXPORT_FORMATS),
                           metadata={"description": "csv or ndjson streams every match (or use Accept)"})


class SpeakerQuoteArgs(QuoteArgs):
    """The filters of /quotes, minus the speaker (given in the path)."""

    class Meta:
        exclude = ("speaker", "speaker_id")


class ArticleArgs(PageArgs):
    """Filters of articles, newest first."""

    source = Text(validate=validate.Length(min=1, max=256))
    published_after = UtcDateTime()
    published_before = UtcDateTime()
    speaker = Text(validate=validate.Length(min=1, max=512),
                   metadata={"description": "Articles quoting this speaker (name, alias or surname)"})
    q = Text(validate=validate.Length(min=1, max=500), metadata={"description": "Full-text search"})


class SpeakerArgs(PageArgs):
    """Filters and order of speakers."""

    q = Text(validate=validate.Length(min=1, max=512),
             metadata={"description": "Prefix of a name or alias, case-insensitive"})
    kind = fields.String(validate=validate.OneOf(SPEAKER_KINDS))
    min_quotes = fields.Integer(load_default=1, validate=validate.Range(min=0, max=MAX_ID))
    sort = fields.String(load_default="-quote_count", validate=validate.OneOf(SPEAKER_SORTS))


# --- output ---------------------------------------------------------------------


class SpeakerRefOut(ma.Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)


class ArticleRefOut(ma.Schema):
    id = fields.Integer(required=True)
    title = fields.String(allow_none=True)
    url = fields.String(allow_none=True)
    source = fields.String(allow_none=True)
    published_at = UtcDateTime(allow_none=True)


class _QuoteSpans(ma.Schema):
    """What the extractor says about one quote (offsets index into the article text)."""

    start = fields.Integer(required=True)
    end = fields.Integer(required=True)
    text = fields.String(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(KINDS))
    speaker_start = fields.Integer(allow_none=True)
    speaker_end = fields.Integer(allow_none=True)
    cue = fields.String(allow_none=True)
    cue_start = fields.Integer(allow_none=True)
    cue_end = fields.Integer(allow_none=True)
    confidence = fields.Float(required=True)
    rule = fields.String(required=True)


class QuoteOut(_QuoteSpans):
    """A stored quote with its speaker and its article."""

    id = fields.Integer(required=True)
    speaker = fields.Nested(SpeakerRefOut, allow_none=True)
    mention = fields.String(allow_none=True, metadata={"description": "How the article names the speaker here"})
    sentence = fields.String(required=True)
    article = fields.Nested(ArticleRefOut, required=True)


class _SpeakerNames(ma.Schema):
    name = fields.String(required=True)
    kind = fields.String(required=True)
    aliases = fields.List(fields.String(), required=True)
    roles = fields.List(fields.String(), required=True)
    quote_count = fields.Integer(required=True)


class SpeakerOut(_SpeakerNames):
    """A speaker shared across articles."""

    id = fields.Integer(required=True)
    article_count = fields.Integer(required=True)


class ArticleOut(ma.Schema):
    """An article's metadata."""

    id = fields.Integer(required=True)
    external_id = fields.String(allow_none=True)
    url = fields.String(allow_none=True)
    title = fields.String(allow_none=True)
    author = fields.String(allow_none=True)
    source = fields.String(allow_none=True)
    published_at = UtcDateTime(allow_none=True)
    created_at = UtcDateTime(required=True)
    quote_count = fields.Integer(required=True)


class ArticleDetailOut(ArticleOut):
    """An article with its text, quotes and speakers."""

    text = fields.String(required=True)
    quotes = fields.List(fields.Nested(QuoteOut), required=True)
    speakers = fields.List(fields.Nested(SpeakerOut), required=True)


def page_of(item_schema: type[ma.Schema], name: str) -> type[ma.Schema]:
    """Return the ``{"items": [...], "next_cursor": ...}`` schema of a list of ``item_schema``."""
    return ma.Schema.from_dict(
        {
            "items": fields.List(fields.Nested(item_schema), required=True),
            "next_cursor": fields.String(allow_none=True, required=True,
                                         metadata={"description": "Pass as cursor for the next page; null at the end"}),
        },
        name=name,
    )


QuotePage = page_of(QuoteOut, "QuotePage")
SpeakerPage = page_of(SpeakerOut, "SpeakerPage")
ArticlePage = page_of(ArticleOut, "ArticlePage")


class BatchItemOut(ma.Schema):
    """What happened to one article of a batch."""

    index = fields.Integer(required=True)
    status = fields.String(required=True, validate=validate.OneOf(("created", "existing", "error")))
    id = fields.Integer(allow_none=True, metadata={"description": "The article id, unless status is error"})
    error = fields.Dict(allow_none=True, metadata={"description": "A problem detail, when status is error"})


class BatchOut(ma.Schema):
    items = fields.List(fields.Nested(BatchItemOut), required=True)
    created = fields.Integer(required=True)
    existing = fields.Integer(required=True)
    failed = fields.Integer(required=True)


class ExtractedQuote(_QuoteSpans):
    """A quote as the extractor returns it; ``speaker`` is the canonical name."""

    speaker = fields.String(allow_none=True)


class ExtractedSpeaker(_SpeakerNames):
    """A speaker of the text, as the extractor returns it."""


class ExtractedWarning(ma.Schema):
    code = fields.String(required=True)
    message = fields.String(required=True)
    start = fields.Integer(allow_none=True)
    end = fields.Integer(allow_none=True)


class ExtractOut(ma.Schema):
    """What the extractor found; nothing is stored."""

    text = fields.String(required=True, metadata={"description": "The text the offsets index into"})
    quotes = fields.List(fields.Nested(ExtractedQuote), required=True)
    speakers = fields.List(fields.Nested(ExtractedSpeaker), required=True)
    warnings = fields.List(fields.Nested(ExtractedWarning), required=True)


class StatusOut(ma.Schema):
    status = fields.String(required=True)
    revision = fields.String(allow_none=True)
