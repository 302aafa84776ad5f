"""/api/v1/speakers: listing with q, kind, min_quotes and sorts; one speaker; a speaker's quotes."""

from __future__ import annotations

import pytest

from tests.conftest import CO_OPS, NURSES

URL = "/api/v1/speakers"


@pytest.fixture
def stored(client, canned_extract):
    client.post("/api/v1/articles", json={"text": NURSES, "source": "bbc"})
    client.post("/api/v1/articles", json={"text": CO_OPS, "source": "guardian"})
    return {s["name"]: s for s in client.get(f"{URL}?min_quotes=0").get_json()["items"]}


def names(client, query: str) -> list[str]:
    r = client.get(f"{URL}?{query}")
    assert r.status_code == 200, r.get_json()
    return [s["name"] for s in r.get_json()["items"]]


@pytest.mark.parametrize(("query", "expected"), [
    ("", ["Karen Reissmann", "Ed Mayo", "Unison"]),           # most quoted first
    ("sort=quote_count", ["Unison", "Ed Mayo", "Karen Reissmann"]),
    ("sort=name", ["Ed Mayo", "Karen Reissmann", "Unison"]),
    ("sort=-name", ["Unison", "Karen Reissmann", "Ed Mayo"]),
    ("q=KAR", ["Karen Reissmann"]),
    ("q=mr%20m", ["Ed Mayo"]),
    ("q=zz", []),
    ("kind=organisation", ["Unison"]),
    ("min_quotes=3", ["Karen Reissmann"]),
])
def test_listing(client, stored, query, expected):
    assert names(client, query) == expected


def test_a_speaker_carries_aliases_roles_and_counts(client, stored):
    karen = stored["Karen Reissmann"]
    assert client.get(f"{URL}/{karen['id']}").get_json() == karen
    assert karen["aliases"] == ["Ms Reissmann", "Reissmann"]
    assert karen["roles"] == ["mental health nurse"]
    assert (karen["quote_count"], karen["article_count"], karen["kind"]) == (3, 2, "person")


def test_pages_of_speakers(client, stored):
    first = client.get(f"{URL}?page_size=2&sort=name").get_json()
    second = client.get(f"{URL}?page_size=2&sort=name&cursor={first['next_cursor']}").get_json()
    assert [s["name"] for s in first["items"] + second["items"]] == ["Ed Mayo", "Karen Reissmann", "Unison"]
    assert second["next_cursor"] is None


def test_a_speakers_quotes_take_the_quote_filters(client, stored):
    karen = stored["Karen Reissmann"]["id"]
    all_ = client.get(f"{URL}/{karen}/quotes").get_json()["items"]
    assert len(all_) == 3 and {q["speaker"]["id"] for q in all_} == {karen}
    assert len(client.get(f"{URL}/{karen}/quotes?source=bbc&kind=direct").get_json()["items"]) == 1
    assert client.get(f"{URL}/{karen}/quotes?format=csv").get_data(as_text=True).count("\n") == 4
    # The path names the speaker: a speaker argument is not one of this endpoint's, and is ignored.
    assert client.get(f"{URL}/{karen}/quotes?speaker=unison").get_json()["items"] == all_


@pytest.mark.parametrize("path", ["/999", "/999/quotes", "/0", "/99999999999999999999"])
def test_unknown_speakers_are_404(client, path):
    r = client.get(URL + path)
    assert r.status_code == 404 and r.content_type == "application/problem+json"


@pytest.mark.parametrize("query", ["kind=robot", "min_quotes=-1", "sort=age", "q=", "cursor=%%%"])
def test_bad_arguments_are_422(client, query):
    assert client.get(f"{URL}?{query}").status_code == 422
