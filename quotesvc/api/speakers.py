"""``/speakers``: the people and organisations quoted, shared across articles."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from quotesvc.api import fastjson, pagination
from quotesvc.api.deps import repository
from quotesvc.api.quotes import exportable, list_or_export, quote_filter
from quotesvc.api.schemas import QuotePage, SpeakerArgs, SpeakerOut, SpeakerPage, SpeakerQuoteArgs
from quotesvc.store.records import SpeakerFilter

blp = Blueprint("speakers", __name__, url_prefix="/api/v1/speakers", description="Speakers and their quotes")


@blp.route("")
class Speakers(MethodView):
    @blp.arguments(SpeakerArgs(), location="query")
    @blp.response(200, SpeakerPage)
    def get(self, args):
        """List speakers, most quoted first.

        ``q`` is a case-insensitive prefix of a name or alias; ``min_quotes`` (default 1)
        hides speakers quoted fewer times.
        """
        sort = pagination.parse_sort(args["sort"])
        f = SpeakerFilter(q=args.get("q"), kind=args.get("kind"), min_quotes=args["min_quotes"])
        page = repository().list_speakers(f, sort, pagination.decode_cursor(args.get("cursor"), sort),
                                          pagination.page_size(args))
        return pagination.respond(page, sort, fastjson.speaker)


@blp.route("/<int:speaker_id>")
class SpeakerById(MethodView):
    @blp.response(200, SpeakerOut)
    def get(self, speaker_id):
        """Return one speaker with aliases, roles and counts."""
        return fastjson.respond(fastjson.speaker(repository().get_speaker(speaker_id)))


@blp.route("/<int:speaker_id>/quotes")
class SpeakerQuotes(MethodView):
    @blp.arguments(SpeakerQuoteArgs(), location="query")
    @blp.response(200, QuotePage)
    @exportable
    def get(self, args, speaker_id):
        """List one speaker's quotes, with the filters of /quotes."""
        repository().get_speaker(speaker_id)  # 404 for an unknown speaker, not an empty list
        return list_or_export(args, quote_filter(args, speaker_id=speaker_id))
