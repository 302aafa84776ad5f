"""/api/v1/extract: the extractor's answer, nothing stored."""

from __future__ import annotations

import pytest

from quotesvc.extract import Quote, Result, Speaker, Warning

TEXT = '"We will win," said Ann Lee.'


@pytest.fixture
def fake(monkeypatch):
    import quotesvc.api.extraction

    result = Result(
        quotes=(Quote(0, 14, '"We will win,"', "direct", "Ann Lee", 20, 27, "said", 15, 19, 0.9, "direct.after"),),
        speakers=(Speaker("Ann Lee", quote_count=1),),
        warnings=(Warning("W001", "unpaired mark", 3, 4),),
    )
    monkeypatch.setattr(quotesvc.api.extraction, "extract", lambda text: result if text == TEXT else Result())
    return result


def test_extract_returns_quotes_speakers_and_warnings_and_stores_nothing(client, fake):
    r = client.post("/api/v1/extract", json={"text": TEXT})
    assert r.status_code == 200
    assert r.get_json() == {"text": TEXT} | fake.to_dict()
    assert client.get("/api/v1/articles").get_json()["items"] == []


def test_extract_reads_html(client, fake):
    html = "<html><body><article><p>" + "Filler sentence for the article body here. " * 5 + "</p></article></body></html>"
    r = client.post("/api/v1/extract", json={"html": html})
    assert r.status_code == 200
    assert r.get_json()["text"].startswith("Filler sentence")


@pytest.mark.parametrize("body", [{}, {"text": ""}, {"text": "a", "title": "x"}, [], "text"])
def test_extract_refuses_anything_but_one_text_or_html(client, body):
    assert client.post("/api/v1/extract", json=body).status_code == 422


def test_the_real_extractor_answers_on_a_seed(client):
    r = client.post("/api/v1/extract", json={"text": '"This is a disaster," said Karen Reissmann, a nurse.'})
    assert r.status_code == 200
    assert set(r.get_json()) == {"text", "quotes", "speakers", "warnings"}
