"""The viewer's pages: search, an article with its quotes highlighted, /try, a speaker.

Views read through the same repository as the API (``quotesvc.api.deps``), never over
HTTP. Everything is server-rendered, so reading works without JavaScript; the script
only adds speaker suggestions, instant filtering and a tooltip.
"""

from __future__ import annotations

from itertools import islice
from urllib.parse import urlencode

from flask import Blueprint, render_template, request, url_for
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import HTTPException

from quotesvc.api.deps import repository
from quotesvc.api.pagination import decode_cursor, encode_cursor
from quotesvc.api.problems import STATUS_OF
from quotesvc.errors import InvalidInput, QuotesvcError
from quotesvc.extract import KINDS, extract
from quotesvc.store.documents import from_mapping
from quotesvc.store.records import QuoteFilter, Sort, SpeakerFilter
from quotesvc.web import annotate
from quotesvc.web.chart import timeline

bp = Blueprint("web", __name__, template_folder="templates", static_folder="static",
               static_url_path="/viewer/static")

PAGE_SIZE = 20
NEWEST = Sort("published_at", descending=True)
CONFIDENCES = (0.5, 0.7, 0.9)
#: The chart counts at most this many of a speaker's quotes (the page stays fast for prolific ones).
CHART_LIMIT = 20_000
SUGGESTIONS = 30
MAX_FIELD = 512


def _field(name: str) -> str | None:
    value = request.args.get(name, "").strip()[:MAX_FIELD]
    return value or None


def _confidence() -> float | None:
    value = request.args.get("min_confidence", type=float)
    return value if value is not None and 0 <= value <= 1 else None


def _pages(after: tuple | None, sort: Sort, **view_args) -> dict:
    """Return the pager's links: the first page, and the page after this one (None at the end).

    Both keep every query argument but the cursor.
    """
    query = [(k, v) for k, v in request.args.items(multi=True) if k != "cursor"]
    base = url_for(request.endpoint, **view_args)
    first = f"{base}?{urlencode(query)}" if query else base
    following = f"{base}?{urlencode(query + [('cursor', encode_cursor(sort, after))])}" if after else None
    return {"first_url": first, "next_url": following, "paged": "cursor" in request.args}


def _shown(source: MultiDict) -> list[str] | None:
    """Return the speaker keys the filter keeps: ``only``, else every ``speaker`` ticked, else all (None)."""
    if source.get("all"):
        return None
    if source.get("only"):
        return [source["only"]]
    if source.get("filter"):
        return source.getlist("speaker")
    return None


@bp.get("/")
def search():
    """Search quotes by speaker, words, kind and confidence, newest first."""
    f = QuoteFilter(speaker=_field("speaker"), q=_field("q"),
                    kinds=tuple(k for k in KINDS if k in request.args.getlist("kind")),
                    min_confidence=_confidence())
    page = repository().list_quotes(f, NEWEST, decode_cursor(request.args.get("cursor"), NEWEST), PAGE_SIZE)
    speakers = repository().list_speakers(SpeakerFilter(), Sort("quote_count", descending=True), None,
                                          SUGGESTIONS).items
    return render_template("search.html", filter=f, page=page, kinds=KINDS, confidences=CONFIDENCES,
                           speakers=speakers, **_pages(page.after, NEWEST))


@bp.get("/articles/<int:article_id>")
def article(article_id: int):
    """Show an article with every quote highlighted, and the speaker filter."""
    found = repository().get_article(article_id)
    return render_template("article.html", article=found, view=annotate.stored(found, _shown(request.args)))


@bp.route("/try", methods=["GET", "POST"])
def try_text():
    """Highlight the quotes in pasted text or HTML with the extractor; store nothing."""
    if request.method == "GET":
        return render_template("try.html", text="", format="text", view=None, error=None)
    raw = request.form.get("text", "")
    format_ = "html" if request.form.get("format") == "html" else "text"
    try:
        doc = from_mapping({format_: raw})
    except InvalidInput as exc:  # the form comes back with the message, not an error page
        return render_template("try.html", text=raw, format=format_, view=None, error=exc.detail), 422
    view = annotate.extracted(doc.text, extract(doc.text), _shown(request.form))
    return render_template("try.html", text=raw, format=format_, extracted=doc.text, view=view, error=None)


@bp.get("/speakers/<int:speaker_id>")
def speaker(speaker_id: int):
    """Show a speaker: names, roles, quotes over time and the quotes themselves."""
    repo = repository()
    found = repo.get_speaker(speaker_id)
    f = QuoteFilter(speaker_id=speaker_id)
    page = repo.list_quotes(f, NEWEST, decode_cursor(request.args.get("cursor"), NEWEST), PAGE_SIZE)
    chart = timeline(q.article.published_at for q in islice(repo.iter_quotes(f, Sort()), CHART_LIMIT))
    return render_template("speaker.html", speaker=found, page=page, chart=chart,
                           **_pages(page.after, NEWEST, speaker_id=speaker_id))


@bp.errorhandler(QuotesvcError)
def domain_error(error: QuotesvcError):
    """Answer a domain error on a viewer page with an HTML page of the API's status."""
    status = next((s for cls, s in STATUS_OF.items() if isinstance(error, cls)), 500)
    return render_template("error.html", status=status, detail=error.detail), status


@bp.errorhandler(HTTPException)
def http_error(error: HTTPException):
    """Answer werkzeug's errors (401, 413, 429, ...) on a viewer page as HTML, keeping their headers."""
    headers = {k: v for k, v in error.get_headers() if k.lower() != "content-type"}
    headers.update((getattr(error, "data", None) or {}).get("headers") or {})  # flask-smorest's abort
    detail = (getattr(error, "data", None) or {}).get("message") or error.description
    return render_template("error.html", status=error.code, detail=detail), error.code or 500, headers
