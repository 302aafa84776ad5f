"""``/extract``: run the extractor on a text and store nothing."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from quotesvc.api.deps import metrics
from quotesvc.api.schemas import DocumentIn, ExtractOut
from quotesvc.extract import extract
from quotesvc.store.documents import from_mapping

blp = Blueprint("extract", __name__, url_prefix="/api/v1/extract", description="Extraction without storage")


@blp.route("")
class Extract(MethodView):
    @blp.arguments(DocumentIn())
    @blp.response(200, ExtractOut)
    def post(self, doc):
        """Find the quotes, speakers and warnings in a text or HTML page; store nothing.

        For HTML the offsets index into the main text trafilatura found, returned as ``text``.
        """
        article = from_mapping(doc)
        result = extract(article.text)
        metrics().inc("quotesvc_quotes_extracted_total", len(result.quotes))
        return {"text": article.text} | result.to_dict()
