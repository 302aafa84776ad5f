"""``/quotes``: filter, sort, page and export quotes."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from flask import Response, json, request, stream_with_context
from flask.views import MethodView
from flask_smorest import Blueprint

from quotesvc.api import fastjson, pagination
from quotesvc.api.deps import repository
from quotesvc.api.schemas import QuoteArgs, QuoteOut, QuotePage
from quotesvc.store import Repository
from quotesvc.store.records import QuoteFilter, Sort

blp = Blueprint("quotes", __name__, url_prefix="/api/v1/quotes", description="Quotes and who said them")

CSV = "text/csv"
NDJSON = "application/x-ndjson"
FORMATS = {"json": "application/json", "csv": CSV, "ndjson": NDJSON}
CSV_COLUMNS = (
    "id", "article_id", "article_title", "article_url", "source", "published_at", "speaker_id", "speaker",
    "mention", "kind", "cue", "confidence", "rule", "start", "end", "text", "sentence",
)
FILTERS = ("speaker", "speaker_id", "article_id", "cue", "min_confidence", "q", "source",
           "published_after", "published_before")


def quote_filter(args: dict, **fixed) -> QuoteFilter:
    """Build the store's filter from loaded query arguments (``fixed`` wins, e.g. a path id)."""
    values = {k: args[k] for k in FILTERS if k in args}
    return QuoteFilter(kinds=tuple(args.get("kind") or ()), **(values | fixed))


def list_or_export(args: dict, f: QuoteFilter):
    """Answer one JSON page, or stream every match as CSV / NDJSON when asked for."""
    sort = pagination.parse_sort(args["sort"])
    media = FORMATS[args["format"]] if "format" in args else (
        request.accept_mimetypes.best_match(list(FORMATS.values()), default="application/json"))
    if media == CSV:
        return _stream(_csv_lines(repository(), f, sort), CSV, "quotes.csv")
    if media == NDJSON:
        return _stream(_ndjson_lines(repository(), f, sort), NDJSON, "quotes.ndjson")
    page = repository().list_quotes(f, sort, pagination.decode_cursor(args.get("cursor"), sort),
                                    pagination.page_size(args))
    return pagination.respond(page, sort, fastjson.quote)


def _stream(lines: Iterator[str], mimetype: str, filename: str) -> Response:
    response = Response(stream_with_context(lines), mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _csv_lines(repo: Repository, f: QuoteFilter, sort: Sort) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for q in repo.iter_quotes(f, sort):
        writer.writerow((
            q.id, q.article.id, q.article.title, q.article.url, q.article.source,
            q.article.published_at.isoformat() + "Z" if q.article.published_at else "",
            q.speaker.id if q.speaker else "", q.speaker.name if q.speaker else "", q.mention, q.kind,
            q.cue, q.confidence, q.rule, q.start, q.end, q.text, q.sentence,
        ))
        if buffer.tell() > 64 * 1024:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _ndjson_lines(repo: Repository, f: QuoteFilter, sort: Sort) -> Iterator[str]:
    for q in repo.iter_quotes(f, sort):
        yield json.dumps(fastjson.quote(q)) + "\n"


def exportable(view):
    """Document the CSV and NDJSON answers of a quote listing that ``list_or_export`` gives."""
    docs = {"description": "Every matching quote (not one page) when format=csv|ndjson or Accept asks for it",
            "success": True, "schema": {"type": "string"}}
    return blp.alt_response(200, content_type=CSV, **docs)(blp.alt_response(200, content_type=NDJSON, **docs)(view))


@blp.route("")
class Quotes(MethodView):
    @blp.arguments(QuoteArgs(), location="query")
    @blp.response(200, QuotePage)
    @exportable
    def get(self, args):
        """List quotes matching every filter given.

        ``speaker`` matches a canonical name, an alias or a person's surname, in any case.
        ``q`` is full-text search (stemmed English words, all of them must occur).
        Pages are keyset pages: pass ``next_cursor`` back as ``cursor``.
        """
        return list_or_export(args, quote_filter(args))


@blp.route("/<int:quote_id>")
class QuoteById(MethodView):
    @blp.response(200, QuoteOut)
    def get(self, quote_id):
        """Return one quote with its speaker and article."""
        return fastjson.respond(fastjson.quote(repository().get_quote(quote_id)))
