"""/api/v1/articles: post (idempotent), batch, list with filters, read, delete."""

from __future__ import annotations

import pytest

from tests.conftest import CO_OPS, NURSES

URL = "/api/v1/articles"


def post(client, **body):
    return client.post(URL, json=body)


def test_post_stores_the_article_with_its_quotes_and_speakers(client, canned_extract):
    r = post(client, text=NURSES, source="bbc", url="https://example.org/n",
             published_at="2024-03-01T10:00:00+01:00", external_id="n-1")
    assert r.status_code == 201
    body = r.get_json()
    assert body["title"] == "Nurses walk out"
    assert body["published_at"] == "2024-03-01T09:00:00+00:00"
    assert [q["speaker"]["name"] for q in body["quotes"]] == ["Karen Reissmann", "Karen Reissmann", "Unison"]
    assert {s["name"]: s["quote_count"] for s in body["speakers"]} == {"Karen Reissmann": 2, "Unison": 1}
    first = body["quotes"][0]
    assert body["text"][first["start"]:first["end"]] == first["text"]
    assert first["article"] == {"id": body["id"], "title": "Nurses walk out", "url": "https://example.org/n",
                                "source": "bbc", "published_at": "2024-03-01T09:00:00+00:00"}
    assert client.get(f"{URL}/{body['id']}").get_json() == body


@pytest.mark.parametrize("again", [
    {"text": NURSES},
    {"text": "Different words.", "external_id": "n-1"},
    {"text": "Different words.", "url": "https://example.org/n"},
])
def test_posting_the_same_article_again_returns_it_with_200(client, canned_extract, again):
    first = post(client, text=NURSES, url="https://example.org/n", external_id="n-1")
    r = post(client, **again)
    assert (first.status_code, r.status_code) == (201, 200)
    assert r.get_json()["id"] == first.get_json()["id"]
    assert len(client.get(URL).get_json()["items"]) == 1


def test_identifiers_of_two_different_articles_conflict(client, canned_extract):
    post(client, text=NURSES, external_id="n-1")
    post(client, text=CO_OPS, external_id="c-1")
    r = post(client, text=NURSES, external_id="c-1")
    assert r.status_code == 409
    assert r.content_type == "application/problem+json"
    assert r.get_json()["article_ids"] == [1, 2]


def test_html_goes_through_trafilatura(client, canned_extract):
    paragraph = "The council approved the new budget after a long debate on Tuesday evening. " * 4
    html = (
        "<html><head><title>Budget passed</title><meta name='author' content='Jo Bloggs'>"
        "<meta property='article:published_time' content='2024-06-02'></head>"
        f"<body><nav>Home | News</nav><article><h1>Budget passed</h1><p>{paragraph}</p>"
        "<p>\"It is a fair budget,\" said Ed Mayo.</p></article></body></html>"
    )
    r = post(client, html=html, source="council-news")
    assert r.status_code == 201, r.get_json()
    body = r.get_json()
    assert body["title"] == "Budget passed"
    assert body["author"] == "Jo Bloggs"
    assert body["published_at"].startswith("2024-06-02")
    assert body["source"] == "council-news"
    assert "Home | News" not in body["text"]
    assert "fair budget" in body["text"]


@pytest.mark.parametrize(("body", "field"), [
    ({}, "_schema"),
    ({"text": "a", "html": "<p>a</p>"}, "_schema"),
    ({"text": ""}, "text"),
    ({"text": "a", "published_at": "last tuesday"}, "published_at"),
    ({"text": "a", "colour": "red"}, "colour"),
    ({"text": "a\x00b"}, "text"),
    ({"text": "\ud800"}, "text"),
    ({"text": 5}, "text"),
    ({"text": "a", "url": None}, "url"),
    ({"html": "<html><body></body></html>"}, "html"),
])
def test_invalid_articles_are_422_with_errors_per_field(client, body, field):
    r = client.post(URL, json=body)
    assert r.status_code == 422
    problem = r.get_json()
    assert (problem["status"], problem["title"]) == (422, "Unprocessable Entity")
    assert field in problem["errors"]


def test_batch_stores_each_item_on_its_own(client, canned_extract):
    post(client, text=NURSES, external_id="n-1")
    post(client, text=CO_OPS, external_id="c-1")
    r = client.post(f"{URL}/batch", json={"articles": [
        {"text": "A fresh article about nothing."},
        {"text": NURSES},
        {"text": ""},
        {"text": NURSES, "external_id": "c-1"},
        "not an object",
        {"text": "Another fresh one."},
    ]})
    assert r.status_code == 200
    body = r.get_json()
    assert [i["status"] for i in body["items"]] == ["created", "existing", "error", "error", "error", "created"]
    assert [i["id"] for i in body["items"]] == [3, 1, None, None, None, 4]
    assert [i["error"]["status"] for i in body["items"] if i["error"]] == [422, 409, 422]
    assert "text" in body["items"][2]["error"]["errors"]
    assert (body["created"], body["existing"], body["failed"]) == (2, 1, 3)
    assert len(client.get(URL).get_json()["items"]) == 4


@pytest.mark.parametrize("articles", [[], [{"text": f"article {i}"} for i in range(101)], "nope"])
def test_a_batch_holds_1_to_100_articles(client, articles):
    r = client.post(f"{URL}/batch", json={"articles": articles})
    assert r.status_code == 422
    assert "articles" in r.get_json()["errors"]


def test_list_filters_and_pages(client, canned_extract):
    post(client, text=NURSES, source="bbc", published_at="2024-03-01")
    post(client, text=CO_OPS, source="guardian", published_at="2024-05-01")
    post(client, text="Nothing quoted here.", source="bbc")

    def titles(query):
        r = client.get(f"{URL}?{query}")
        assert r.status_code == 200, r.get_json()
        return [a["title"] for a in r.get_json()["items"]]

    assert titles("") == [None, "Co-ops thrive", "Nurses walk out"]
    assert titles("source=bbc") == [None, "Nurses walk out"]
    assert titles("speaker=REISSMANN") == ["Co-ops thrive", "Nurses walk out"]
    assert titles("speaker=Ed%20Mayo") == ["Co-ops thrive"]
    assert titles("q=walk") == ["Nurses walk out"]
    assert titles("published_after=2024-04-01T00:00:00Z") == ["Co-ops thrive"]
    assert titles("published_before=2024-04-01T00:00:00") == ["Nurses walk out"]
    first = client.get(f"{URL}?page_size=2")
    assert [a["id"] for a in first.get_json()["items"]] == [3, 2]
    second = client.get(f"{URL}?page_size=2&cursor={first.get_json()['next_cursor']}")
    assert [a["id"] for a in second.get_json()["items"]] == [1]
    assert second.get_json()["next_cursor"] is None


def test_delete_takes_quotes_and_lonely_speakers_along(client, canned_extract):
    nurses = post(client, text=NURSES).get_json()
    post(client, text=CO_OPS)
    assert client.delete(f"{URL}/{nurses['id']}").status_code == 204
    assert client.get(f"{URL}/{nurses['id']}").status_code == 404
    assert client.delete(f"{URL}/{nurses['id']}").status_code == 404
    assert client.get("/api/v1/quotes?q=disaster").get_json()["items"] == []
    names = [s["name"] for s in client.get("/api/v1/speakers?sort=name").get_json()["items"]]
    assert names == ["Ed Mayo", "Karen Reissmann"]
    unison = [s for s in nurses["speakers"] if s["name"] == "Unison"][0]
    assert client.get(f"/api/v1/speakers/{unison['id']}").status_code == 404
