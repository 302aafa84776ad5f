"""Security headers on every response, CORS off unless configured, and no unescaped HTML."""

from __future__ import annotations

import re

import pytest

from quotesvc.api import security

PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>'
HOSTILE_ARTICLE = {
    "text": f'Headline {PAYLOAD}\n\n"{PAYLOAD} is fine," said Ann {PAYLOAD} Lee, a spokeswoman.',
    "title": PAYLOAD, "source": PAYLOAD, "author": PAYLOAD, "url": f"https://example.org/a?x={PAYLOAD}",
}


@pytest.mark.parametrize(("method", "path", "status", "policy"), [
    ("get", "/api/v1/quotes", 200, security.DATA_POLICY),
    ("get", "/api/v1/quotes?format=csv", 200, security.DATA_POLICY),
    ("get", "/api/v1/quotes?page_size=0", 422, security.DATA_POLICY),
    ("get", "/api/v1/articles/99", 404, security.DATA_POLICY),
    ("delete", "/api/v1/quotes", 405, security.DATA_POLICY),
    ("get", "/api/v1/nothing", 404, security.DATA_POLICY),
    ("get", "/healthz", 200, security.DATA_POLICY),
    ("get", "/metrics", 200, security.DATA_POLICY),
    ("get", "/api/v1/openapi.json", 200, security.DATA_POLICY),
    ("get", "/api/v1/docs", 200, security.DOCS_POLICY),
    ("post", "/api/v1/articles", 401, security.DATA_POLICY),
])
def test_every_response_carries_the_security_headers(secure_app, method, path, status, policy):
    client = secure_app(api_keys=("k1",)).test_client()
    r = getattr(client, method)(path, json={"text": "x"} if method == "post" else None)
    assert r.status_code == status
    for name, value in security.HEADERS.items():
        assert r.headers[name] == value
    assert r.headers["Content-Security-Policy"] == policy
    assert "Strict-Transport-Security" not in r.headers  # plain HTTP: HSTS would be ignored anyway
    assert "Access-Control-Allow-Origin" not in r.headers
    r.close()


def test_rate_limited_and_https_responses_carry_them_too(secure_app):
    client = secure_app(rate_limit="1/minute").test_client()
    client.get("/api/v1/quotes", base_url="https://quotes.example")
    r = client.get("/api/v1/quotes", base_url="https://quotes.example")
    assert r.status_code == 429
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.headers["Strict-Transport-Security"] == "max-age=31536000"


def test_html_pages_allow_only_their_own_assets(secure_app):
    app = secure_app()
    pages = [rule.rule for rule in app.url_map.iter_rules()
             if "GET" in rule.methods and not rule.arguments and not rule.rule.startswith("/api/")]
    for path in pages:
        r = app.test_client().get(path)
        if r.mimetype == "text/html":
            assert r.headers["Content-Security-Policy"] == security.PAGE_POLICY, path
            assert "'unsafe-inline'" not in r.headers["Content-Security-Policy"]
        r.close()


# --- CORS -----------------------------------------------------------------------


def test_cors_is_off_by_default(secure_app):
    client = secure_app().test_client()
    origin = {"Origin": "https://dashboard.example"}
    assert "Access-Control-Allow-Origin" not in client.get("/api/v1/quotes", headers=origin).headers
    pre = client.options("/api/v1/articles", headers=origin | {"Access-Control-Request-Method": "POST"})
    assert not any(h.startswith("Access-Control-") for h, _ in pre.headers.items())


def test_cors_answers_listed_origins_only(secure_app):
    client = secure_app(cors_origins=("https://dashboard.example", "http://localhost:5173"),
                        api_keys=("k1",)).test_client()
    ok = client.get("/api/v1/quotes", headers={"Origin": "https://dashboard.example"})
    assert ok.headers["Access-Control-Allow-Origin"] == "https://dashboard.example"
    assert "Origin" in ok.headers["Vary"]
    assert "Link" in ok.headers["Access-Control-Expose-Headers"]
    assert "Access-Control-Allow-Credentials" not in ok.headers
    other = client.get("/api/v1/quotes", headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in other.headers and "Origin" in other.headers["Vary"]
    pre = client.options("/api/v1/articles", headers={
        "Origin": "http://localhost:5173", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "x-api-key, content-type"})
    assert pre.status_code == 200
    assert pre.headers["Access-Control-Allow-Origin"] == "http://localhost:5173"
    assert {"GET", "POST"} <= set(pre.headers["Access-Control-Allow-Methods"].split(", "))
    assert "X-API-Key" in pre.headers["Access-Control-Allow-Headers"]
    assert int(pre.headers["Access-Control-Max-Age"]) > 0


def test_cors_star_allows_any_origin_without_credentials(secure_app):
    r = secure_app(cors_origins=("*",)).test_client().get("/api/v1/quotes", headers={"Origin": "https://x.example"})
    assert r.headers["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in r.headers


# --- HTML never reaches a page unescaped ------------------------------------------


def _pages(app, ids: dict[str, int]) -> list[str]:
    """Every GET page outside the JSON API, with ids filled in and a hostile query added."""
    found = ["/api/v1/docs", f"/api/v1/docs?url={PAYLOAD}"]
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.rule.startswith(("/api/", "/metrics", "/healthz", "/readyz")) \
                or "static" in rule.endpoint or "<path:" in rule.rule:
            continue
        path = re.sub(r"<(?:int:)?(\w+)>", lambda m: str(ids.get(m.group(1), 1)), rule.rule)
        found += [path, f"{path}?q={PAYLOAD}&speaker={PAYLOAD}&text={PAYLOAD}"]
    return found


def test_hostile_html_is_stored_as_text_and_served_as_data(secure_app):
    client = secure_app().test_client()
    created = client.post("/api/v1/articles", json=HOSTILE_ARTICLE)
    assert created.status_code == 201
    article = created.get_json()
    assert article["title"] == PAYLOAD  # kept verbatim: escaping is the page's job, not the store's
    for path in (f"/api/v1/articles/{article['id']}", "/api/v1/quotes", "/api/v1/speakers"):
        r = client.get(path)
        assert r.mimetype == "application/json" and r.headers["X-Content-Type-Options"] == "nosniff"
    csv = client.get("/api/v1/quotes?format=csv")
    assert csv.mimetype == "text/csv" and "attachment" in csv.headers["Content-Disposition"]


def test_no_page_echoes_html_unescaped(secure_app):
    app = secure_app()
    client = app.test_client()
    article = client.post("/api/v1/articles", json=HOSTILE_ARTICLE).get_json()
    speaker_id = article["speakers"][0]["id"] if article["speakers"] else 1
    ids = {"article_id": article["id"], "speaker_id": speaker_id, "quote_id": 1, "id": article["id"]}
    checked = 0
    for path in _pages(app, ids):
        r = client.get(path)
        body = r.get_data(as_text=True)
        r.close()
        assert r.status_code < 500, path
        if r.mimetype != "text/html":
            continue
        checked += 1
        assert "<script>alert" not in body and "<img src=x" not in body, path
        assert r.headers["Content-Security-Policy"] in (security.PAGE_POLICY, security.DOCS_POLICY)
    assert checked >= 1  # at least the API docs; every viewer page too once it exists
