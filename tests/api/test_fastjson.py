"""The fast serializers build exactly what the marshmallow schemas dump (the schemas are the contract)."""

from __future__ import annotations

from datetime import datetime

import pytest

from quotesvc.api import fastjson
from quotesvc.api.schemas import ArticleDetailOut, ArticleOut, QuoteOut, QuotePage, SpeakerOut
from quotesvc.extract import Result
from quotesvc.store.records import NewArticle, QuoteFilter, Sort, SpeakerFilter
from tests.conftest import CO_OPS, CO_OPS_RESULT, NURSES, NURSES_RESULT, make_result

UNDATED_TEXT = 'Late news\n\n"Nobody knows," a voice said. "Me neither."'
UNDATED_RESULT = make_result(UNDATED_TEXT, {"text": '"Nobody knows,"', "cue": "said", "confidence": 0.25},
                             {"text": '"Me neither."', "kind": "direct", "confidence": 1})


@pytest.fixture
def stored(repo):
    """Three articles: dated with a microsecond, dated, and undated with speakerless quotes."""
    return [
        repo.save(NewArticle(text=NURSES, title="Nurses", url="https://example.org/n", source="bbc",
                             author="A. Writer", published_at=datetime(2024, 3, 1, 8, 30, 5, 120),
                             external_id="n-1"), NURSES_RESULT).article,
        repo.save(NewArticle(text=CO_OPS, source="guardian", published_at=datetime(2024, 5, 1)),
                  CO_OPS_RESULT).article,
        repo.save(NewArticle(text=UNDATED_TEXT), UNDATED_RESULT).article,
        repo.save(NewArticle(text="Nothing quoted here."), Result()).article,
    ]


def test_articles_with_quotes_and_speakers(stored):
    assert all(fastjson.article_detail(a) == ArticleDetailOut().dump(a) for a in stored)
    assert all(fastjson.article(a) == ArticleOut().dump(a) for a in stored)
    assert sum(len(a.quotes) for a in stored) == 8 and any(q.speaker is None for a in stored for q in a.quotes)


def test_quotes_pages_and_speakers(repo, stored):
    page = repo.list_quotes(QuoteFilter(), Sort("published_at", descending=True), None, 50)
    assert len(page.items) == 8
    assert [fastjson.quote(q) for q in page.items] == [QuoteOut().dump(q) for q in page.items]
    body = {"items": [fastjson.quote(q) for q in page.items], "next_cursor": None}
    assert body == QuotePage().dump({"items": page.items, "next_cursor": None})
    speakers = repo.list_speakers(SpeakerFilter(min_quotes=0), Sort("id"), None, 50).items
    assert speakers and [fastjson.speaker(s) for s in speakers] == [SpeakerOut().dump(s) for s in speakers]


def test_served_bodies_are_the_schema_dumps(client, repo, stored):
    """Through HTTP: the listing, one quote, one article and one speaker, as the schemas dump them."""
    items = client.get("/api/v1/quotes?sort=id").get_json()["items"]
    records = repo.list_quotes(QuoteFilter(), Sort("id"), None, 50).items
    assert items == [QuoteOut().dump(q) for q in records]
    assert client.get(f"/api/v1/quotes/{records[0].id}").get_json() == QuoteOut().dump(records[0])
    article = repo.get_article(stored[0].id)  # counts as they are now, after the later articles
    assert client.get(f"/api/v1/articles/{article.id}").get_json() == ArticleDetailOut().dump(article)
    speaker = repo.get_speaker(article.speakers[0].id)
    assert client.get(f"/api/v1/speakers/{speaker.id}").get_json() == SpeakerOut().dump(speaker)
