"""``/articles``: post articles (one or a batch), list, read and delete them."""

from __future__ import annotations

import marshmallow as ma
from flask.views import MethodView
from flask_smorest import Blueprint

from quotesvc.api import fastjson, pagination
from quotesvc.api.deps import metrics, repository
from quotesvc.api.problems import STATUS_OF, problem
from quotesvc.api.schemas import ArticleArgs, ArticleDetailOut, ArticleIn, ArticlePage, BatchIn, BatchOut
from quotesvc.errors import QuotesvcError
from quotesvc.extract import extract
from quotesvc.store.documents import from_mapping
from quotesvc.store.records import ArticleFilter, Ingested

blp = Blueprint("articles", __name__, url_prefix="/api/v1/articles", description="Articles and their quotes")


def ingest(item: dict) -> Ingested:
    """Store one validated article (extracting its quotes unless it is already stored)."""
    result = repository().ingest(from_mapping(item), extract)
    if result.created:
        metrics().inc("quotesvc_quotes_extracted_total", len(result.article.quotes))
    metrics().inc("quotesvc_articles_ingested_total", result="created" if result.created else "existing")
    return result


@blp.route("")
class Articles(MethodView):
    @blp.arguments(ArticleArgs(), location="query")
    @blp.response(200, ArticlePage)
    def get(self, args):
        """List articles, newest first.

        ``speaker`` keeps articles quoting that speaker; ``q`` searches titles and text.
        """
        sort = pagination.parse_sort("-id")
        f = ArticleFilter(**{k: args[k] for k in ("source", "published_after", "published_before",
                                                  "speaker", "q") if k in args})
        page = repository().list_articles(f, sort, pagination.decode_cursor(args.get("cursor"), sort),
                                          pagination.page_size(args))
        return pagination.respond(page, sort, fastjson.article)

    @blp.arguments(ArticleIn())
    @blp.response(201, ArticleDetailOut, description="Stored now")
    @blp.alt_response(200, schema=ArticleDetailOut, description="Already stored: the existing article",
                      success=True)
    def post(self, item):
        """Store an article and the quotes found in it.

        The same external_id, url or text returns the stored article with 200 instead of a
        duplicate; identifiers matching two different stored articles answer 409.
        """
        result = ingest(item)
        return fastjson.respond(fastjson.article_detail(result.article)), 201 if result.created else 200


@blp.route("/batch")
class ArticleBatch(MethodView):
    @blp.arguments(BatchIn())
    @blp.response(200, BatchOut)
    def post(self, body):
        """Store up to 100 articles, each in its own transaction.

        Every item gets a result (created, existing or error with a problem detail); one
        bad item never loses the others.
        """
        items = [_batch_item(i, raw) for i, raw in enumerate(body["articles"])]
        counts = {s: sum(1 for it in items if it["status"] == s) for s in ("created", "existing", "error")}
        return {"items": items, "created": counts["created"], "existing": counts["existing"],
                "failed": counts["error"]}


def _batch_item(index: int, raw: dict) -> dict:
    """Validate and store one batch item, turning its failure into a problem detail."""
    try:
        result = ingest(ArticleIn().load(raw))
    except ma.ValidationError as exc:
        return _failed(index, 422, "the article did not validate; see errors", errors=exc.messages)
    except QuotesvcError as exc:
        status = next((s for cls, s in STATUS_OF.items() if isinstance(exc, cls)), 500)
        return _failed(index, status, exc.detail)
    return {"index": index, "status": "created" if result.created else "existing", "id": result.article.id,
            "error": None}


def _failed(index: int, status: int, detail: str, **extra) -> dict:
    metrics().inc("quotesvc_articles_ingested_total", result="error")
    metrics().inc("quotesvc_ingest_errors_total")
    body = problem(status, detail, **extra).get_json(force=True)
    return {"index": index, "status": "error", "id": None, "error": body}


@blp.route("/<int:article_id>")
class ArticleById(MethodView):
    @blp.response(200, ArticleDetailOut)
    def get(self, article_id):
        """Return an article with its text, quotes and speakers."""
        return fastjson.respond(fastjson.article_detail(repository().get_article(article_id)))

    @blp.response(204)
    def delete(self, article_id):
        """Delete an article and its quotes.

        Speakers quoted nowhere else disappear with it.
        """
        repository().delete_article(article_id)
