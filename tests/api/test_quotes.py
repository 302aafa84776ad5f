"""/api/v1/quotes: every filter, sorts, keyset pages, Link header, exports."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.conftest import CO_OPS, NURSES

URL = "/api/v1/quotes"


@pytest.fixture
def stored(client, canned_extract):
    """Store the two canned articles; return their bodies."""
    nurses = client.post("/api/v1/articles", json={"text": NURSES, "source": "bbc", "published_at": "2024-03-01",
                                                   "url": "https://example.org/nurses"}).get_json()
    coops = client.post("/api/v1/articles", json={"text": CO_OPS, "source": "guardian",
                                                  "published_at": "2024-05-01"}).get_json()
    return nurses, coops


def texts(client, query: str) -> list[str]:
    r = client.get(f"{URL}?{query}")
    assert r.status_code == 200, r.get_json()
    return [q["text"] for q in r.get_json()["items"]]


@pytest.mark.parametrize(("query", "expected"), [
    ("speaker=reissmann", 3),
    ("speaker=Ms%20Reissmann", 3),
    ("speaker=nobody", 0),
    ("kind=direct", 4),
    ("kind=indirect&kind=partial", 2),
    ("cue=Said", 3),
    ("min_confidence=0.75", 3),
    ("q=disaster", 1),
    ("q=members%20said", 1),
    ("q=%22unbalanced", 0),
    ("source=guardian", 3),
    ("published_after=2024-04-01T00:00:00Z", 3),
    ("published_before=2024-04-01T00:00:00%2B02:00", 3),
    ("speaker=reissmann&kind=partial", 1),
    ("article_id=1", 3),
    ("article_id=99", 0),
])
def test_filters(client, stored, query, expected):
    assert len(texts(client, query)) == expected


def test_speaker_id_filter_and_quote_fields(client, stored):
    nurses, _ = stored
    karen = next(s for s in nurses["speakers"] if s["name"] == "Karen Reissmann")
    r = client.get(f"{URL}?speaker_id={karen['id']}&sort=id")
    items = r.get_json()["items"]
    assert [q["mention"] for q in items] == ["Karen Reissmann", "Ms Reissmann", "Karen Reissmann"]
    q = items[0]
    assert q["speaker"] == {"id": karen["id"], "name": "Karen Reissmann"}
    assert (q["cue"], q["kind"], q["rule"], q["confidence"]) == ("said", "direct", "direct.after", 0.95)
    assert q["sentence"].startswith('"We are angry about the cuts," said Karen Reissmann')
    assert q["article"]["url"] == "https://example.org/nurses"
    assert client.get(f"{URL}/{q['id']}").get_json() == q


@pytest.mark.parametrize("sort", ["id", "-id", "published_at", "-published_at", "confidence", "-confidence"])
def test_pages_follow_the_link_header_through_every_quote_in_order(client, stored, sort):
    seen, url = [], f"{URL}?sort={sort}&page_size=4&kind=direct&kind=indirect&kind=partial"
    while url:
        r = client.get(url)
        assert r.status_code == 200
        body = r.get_json()
        seen += body["items"]
        link = r.headers.get("Link")
        assert (link is None) == (body["next_cursor"] is None)
        url = link[1:link.index(">")].removeprefix("http://localhost") if link else None
        if link:
            assert "kind=indirect" in link and f"sort={sort.replace('-', '-')}" in link
    assert len(seen) == 6 and len({q["id"] for q in seen}) == 6
    key = sort.lstrip("-")
    values = [(q["article"]["published_at"] if key == "published_at" else q[key], q["id"]) for q in seen]
    assert values == sorted(values, reverse=sort.startswith("-"))


def test_default_sort_is_newest_first(client, stored):
    dates = [q["article"]["published_at"][:10] for q in client.get(URL).get_json()["items"]]
    assert dates == ["2024-05-01"] * 3 + ["2024-03-01"] * 3


@pytest.mark.parametrize("query", [
    "page_size=0", "page_size=501", "page_size=x", "kind=quoted", "min_confidence=1.5", "min_confidence=nan",
    "sort=speaker", "published_after=yesterday", "cursor=garbage", "cursor=W10", "speaker_id=0",
    "speaker_id=99999999999999999999", "format=xml", "q=a%00b",
])
def test_bad_query_arguments_are_422(client, query):
    r = client.get(f"{URL}?{query}")
    assert r.status_code == 422
    assert r.content_type == "application/problem+json"
    assert query.split("=")[0] in r.get_json()["errors"]


def test_a_cursor_only_serves_the_sort_it_came_from(client, stored):
    cursor = client.get(f"{URL}?sort=confidence&page_size=1").get_json()["next_cursor"]
    assert client.get(f"{URL}?sort=confidence&cursor={cursor}").status_code == 200
    r = client.get(f"{URL}?sort=id&cursor={cursor}")
    assert r.status_code == 422
    assert "another sort" in r.get_json()["errors"]["cursor"][0]


def test_page_size_500_is_allowed_and_the_last_page_has_no_cursor(client, stored):
    body = client.get(f"{URL}?page_size=500").get_json()
    assert len(body["items"]) == 6 and body["next_cursor"] is None


@pytest.mark.parametrize("how", [{"query": "format=csv"}, {"headers": {"Accept": "text/csv"}}])
def test_csv_export_streams_every_match(client, stored, how):
    r = client.get(f"{URL}?page_size=1&speaker=reissmann&{how.get('query', '')}", headers=how.get("headers"))
    assert r.status_code == 200 and r.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(r.get_data(as_text=True))))
    assert len(rows) == 3
    assert {row["speaker"] for row in rows} == {"Karen Reissmann"}
    assert rows[0]["published_at"] == "2024-05-01T00:00:00Z"


@pytest.mark.parametrize("how", [{"query": "format=ndjson"}, {"headers": {"Accept": "application/x-ndjson"}}])
def test_ndjson_export_streams_every_match(client, stored, how):
    r = client.get(f"{URL}?page_size=1&{how.get('query', '')}", headers=how.get("headers"))
    assert r.status_code == 200 and r.mimetype == "application/x-ndjson"
    lines = [json.loads(line) for line in r.get_data(as_text=True).splitlines()]
    assert len(lines) == 6
    assert lines == client.get(f"{URL}?page_size=6").get_json()["items"]


def test_unknown_quote_is_a_404_problem(client):
    r = client.get(f"{URL}/12345")
    assert r.status_code == 404
    assert r.get_json() == {"type": "urn:quotesvc:problem:not-found", "title": "Not Found", "status": 404,
                            "detail": "quote 12345 does not exist"}
