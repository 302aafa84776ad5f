"""Problem details for every HTTP error, auth, body limits; probes, metrics, OpenAPI and docs."""

from __future__ import annotations

import pytest

from quotesvc.config import Settings


def assert_problem(r, status):
    assert r.status_code == status
    assert r.content_type == "application/problem+json"
    body = r.get_json()
    assert body["status"] == status
    assert {"type", "title", "detail"} <= set(body)
    return body


@pytest.mark.parametrize(("method", "path", "allow"), [
    ("delete", "/api/v1/quotes", {"GET", "HEAD", "OPTIONS"}),
    ("put", "/api/v1/articles/1", {"GET", "HEAD", "OPTIONS", "DELETE"}),
    ("get", "/api/v1/articles/batch", {"POST", "OPTIONS"}),
])
def test_405_names_the_allowed_methods(client, method, path, allow):
    r = getattr(client, method)(path)
    assert_problem(r, 405)
    assert set(r.headers["Allow"].split(", ")) == allow


def test_404_for_unknown_paths(client):
    assert_problem(client.get("/api/v1/nothing-here"), 404)


@pytest.mark.parametrize("kwargs", [{"data": "text=hi"}, {"data": "<p>hi</p>", "content_type": "text/html"}, {}])
def test_415_for_bodies_that_are_not_json(client, kwargs):
    assert_problem(client.post("/api/v1/articles", **kwargs), 415)


def test_400_for_malformed_json(client):
    body = assert_problem(client.post("/api/v1/articles", data="{", content_type="application/json"), 400)
    assert body["detail"] == "Invalid JSON body."


def test_413_for_bodies_over_the_limit(client, settings):
    r = client.post("/api/v1/articles", json={"text": "x" * (settings.max_body_bytes + 1)})
    assert_problem(r, 413)


def test_an_unexpected_error_is_a_bare_500_and_logged(client, monkeypatch, caplog):
    import quotesvc.api.quotes

    def boom(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(quotesvc.api.quotes, "list_or_export", boom)
    body = assert_problem(client.get("/api/v1/quotes"), 500)
    assert "secret" not in body["detail"]
    assert "secret internals" in caplog.text


def test_writes_need_an_api_key_when_keys_are_configured(make_app, settings, repo):
    app = make_app(Settings(database_url=settings.database_url, api_keys=("k1", "k2")))
    client = app.test_client()
    assert_problem(client.post("/api/v1/articles", json={"text": "Some text."}), 401)
    assert_problem(client.delete("/api/v1/articles/1", headers={"X-API-Key": "nope"}), 401)
    assert client.post("/api/v1/articles", json={"text": "Some text."}, headers={"X-API-Key": "k2"}).status_code == 201
    assert client.delete("/api/v1/articles/1", headers={"Authorization": "Bearer k1"}).status_code == 204
    assert client.get("/api/v1/articles").status_code == 200
    assert client.post("/api/v1/extract", json={"text": "Some text."}).status_code == 200


def test_rate_limit_answers_429_as_a_problem(make_app, settings):
    app = make_app(Settings(database_url=settings.database_url, rate_limit="2/minute"))
    client = app.test_client()
    assert [client.get("/api/v1/quotes").status_code for _ in range(2)] == [200, 200]
    r = client.get("/api/v1/quotes")
    assert_problem(r, 429)
    assert "Retry-After" in r.headers
    assert client.get("/healthz").status_code == 200


@pytest.mark.parametrize("path", ["/healthz", "/api/v1/healthz"])
def test_healthz(client, path):
    assert client.get(path).get_json() == {"status": "ok", "revision": None}


@pytest.mark.parametrize("path", ["/readyz", "/api/v1/readyz"])
def test_readyz_when_migrated(client, path):
    assert client.get(path).get_json()["status"] == "ready"


def test_readyz_is_503_before_migrations(make_app, tmp_path):
    client = make_app(Settings(database_url=f"sqlite:///{tmp_path / 'empty.db'}")).test_client()
    body = assert_problem(client.get("/readyz"), 503)
    assert "quotesvc db upgrade" in body["detail"]


def test_readyz_is_503_when_the_database_is_unreachable(make_app):
    app = make_app(Settings(database_url="postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=1"))
    assert_problem(app.test_client().get("/readyz"), 503)


def test_metrics_count_requests_and_extraction(client, canned_extract):
    from tests.conftest import NURSES

    client.post("/api/v1/articles", json={"text": NURSES})
    client.post("/api/v1/articles/batch", json={"articles": [{"text": ""}]})
    client.get("/api/v1/quotes?page_size=0")
    r = client.get("/metrics")
    assert r.status_code == 200 and r.mimetype == "text/plain"
    text = r.get_data(as_text=True)
    assert 'quotesvc_http_requests_total{method="POST",route="/api/v1/articles",status="201"} 1' in text
    assert 'quotesvc_http_requests_total{method="GET",route="/api/v1/quotes",status="422"} 1' in text
    assert "quotesvc_quotes_extracted_total 3" in text
    assert "quotesvc_ingest_errors_total 1" in text
    assert 'quotesvc_http_request_duration_seconds_count{route="/api/v1/articles"} 1' in text
    assert 'quotesvc_http_request_duration_seconds_bucket{route="/api/v1/articles",le="+Inf"} 1' in text


def test_openapi_document_describes_every_resource(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    assert spec["openapi"].startswith("3.")
    assert {"/api/v1/articles", "/api/v1/articles/batch", "/api/v1/articles/{article_id}", "/api/v1/quotes",
            "/api/v1/quotes/{quote_id}", "/api/v1/speakers", "/api/v1/speakers/{speaker_id}",
            "/api/v1/speakers/{speaker_id}/quotes", "/api/v1/extract"} <= set(spec["paths"])
    quotes = spec["paths"]["/api/v1/quotes"]["get"]
    assert quotes["summary"] == "List quotes matching every filter given."
    assert set(quotes["responses"]["200"]["content"]) == {"application/json", "text/csv", "application/x-ndjson"}
    assert "application/problem+json" in spec["components"]["responses"]["UNPROCESSABLE_ENTITY"]["content"]


def test_swagger_ui_is_served_from_local_assets(client):
    page = client.get("/api/v1/docs").get_data(as_text=True)
    assert "/api/v1/docs/static/swagger-ui-bundle.js" in page
    assert "//" not in page.split("swagger-ui-bundle.js")[0].rsplit('src="', 1)[1]  # no CDN host
    for asset in ("swagger-ui-bundle.js", "swagger-ui.css"):
        with client.get(f"/api/v1/docs/static/{asset}") as r:  # a file response: close it
            assert r.status_code == 200 and len(r.get_data()) > 1000
