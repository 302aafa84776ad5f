"""Limits: body size, batch and page size, text the database can store, and rate limits."""

from __future__ import annotations

import json
import os
import random

import pytest

from quotesvc.config import Settings
from tests.security.test_keys import assert_problem

REDIS_URL = os.environ.get("QUOTESVC_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
REQUIRE_SERVICES = os.environ.get("QUOTESVC_TEST_REQUIRE_SERVICES") == "1"


# --- sizes ----------------------------------------------------------------------


def test_default_body_limit_is_2_mib(secure_app):
    client = secure_app().test_client()
    assert Settings().max_body_bytes == 2 * 1024 * 1024
    padding = 2 * 1024 * 1024 - len('{"text": "", "title": 5}')
    # Just under the limit: read and validated (the title is not a string), not refused for size.
    under = client.post("/api/v1/articles", data=f'{{"text": "{"x" * padding}", "title": 5}}',
                        content_type="application/json")
    assert_problem(under, 422)
    over = client.post("/api/v1/articles", data=f'{{"text": "{"x" * (padding + 1)}", "title": 5}}',
                       content_type="application/json")
    body = assert_problem(over, 413)
    assert body["title"] == "Request Entity Too Large"


def test_batch_and_page_sizes_are_bounded(secure_app):
    client = secure_app().test_client()
    r = client.post("/api/v1/articles/batch", json={"articles": [{"text": f"t{i}"} for i in range(101)]})
    assert "articles" in assert_problem(r, 422)["errors"]
    for path in ("/api/v1/quotes", "/api/v1/articles", "/api/v1/speakers"):
        assert "page_size" in assert_problem(client.get(f"{path}?page_size=501"), 422)["errors"]
        assert client.get(f"{path}?page_size=500").status_code == 200


# --- text the database can store ------------------------------------------------


@pytest.mark.parametrize(("data", "detail"), [
    (b'{"text": "a\x00b"}', "the request body contains a NUL byte (byte 11)"),
    (b'{"text": "caf\xe9"}', "the request body is not valid UTF-8 (byte 13)"),
    (b'{"text": "\xed\xa0\x80"}', "the request body is not valid UTF-8 (byte 10)"),  # an encoded surrogate
    (b'\xff\xfe{\x00}\x00', "the request body is not valid UTF-8 (byte 0)"),
])
def test_raw_nul_bytes_and_invalid_utf8_bodies_are_422(secure_app, data, detail):
    client = secure_app().test_client()
    for path in ("/api/v1/articles", "/api/v1/extract", "/api/v1/articles/batch"):
        body = assert_problem(client.post(path, data=data, content_type="application/json"), 422)
        assert body["detail"] == detail
        assert body["errors"] == {"_body": [detail]}


@pytest.mark.parametrize(("query", "field"), [
    ("q=caf%E9", "q"), ("speaker=a%00b", "speaker"), ("cue=%ED%A0%80", "cue"), ("source=ok&q%FF=1", "q\ufffd"),
])
def test_query_strings_that_are_not_utf8_text_are_422(secure_app, query, field):
    body = assert_problem(secure_app().test_client().get(f"/api/v1/quotes?{query}"), 422)
    assert field in body["errors"]


@pytest.mark.parametrize("value", ["a\u0000b", "lone \ud800 surrogate"])
def test_escaped_nul_and_surrogates_never_reach_the_database(client, value):
    """PostgreSQL refuses NUL in text (a 500 if it got that far); both backends answer 422."""
    for field in ("text", "title", "source", "url", "external_id"):
        item = {"text": "Plain text.", field: value}
        r = client.post("/api/v1/articles", data=json.dumps(item), content_type="application/json")
        assert field in assert_problem(r, 422)["errors"]
    batch = client.post("/api/v1/articles/batch", json={"articles": [{"text": value}, {"text": "Fine."}]}).get_json()
    assert [i["status"] for i in batch["items"]] == ["error", "created"]
    assert batch["items"][0]["error"]["status"] == 422


# --- rate limits ----------------------------------------------------------------


def address() -> dict:
    """Return a client address of its own, so counters in a shared store never collide."""
    return {"REMOTE_ADDR": f"10.{random.randrange(256)}.{random.randrange(256)}.{random.randrange(1, 255)}"}


def test_each_key_and_each_address_has_its_own_bucket(secure_app):
    client = secure_app(api_keys=("ka", "kb"), rate_limit="2/minute").test_client()
    for headers in ({"X-API-Key": "ka"}, {"Authorization": "Bearer kb"}, {}):
        assert [client.get("/api/v1/quotes", headers=headers).status_code for _ in range(2)] == [200, 200]
        r = client.get("/api/v1/quotes", headers=headers)
        assert_problem(r, 429)
        assert int(r.headers["Retry-After"]) > 0
        assert r.headers["X-RateLimit-Limit"] == "2"
    assert client.get("/api/v1/quotes", environ_base=address()).status_code == 200
    assert client.get("/healthz").status_code == 200 and client.get("/readyz").status_code == 200


def test_guessing_keys_uses_up_the_address_bucket(secure_app):
    client = secure_app(api_keys=("right",), rate_limit="3/minute").test_client()
    statuses = [client.post("/api/v1/articles", json={"text": "x"}, headers={"X-API-Key": f"guess{i}"}).status_code
                for i in range(4)]
    assert statuses == [401, 401, 401, 429]


def test_forwarded_addresses_count_only_behind_a_trusted_proxy(secure_app):
    def statuses(app):
        client = app.test_client()
        return [client.get("/api/v1/quotes", headers={"X-Forwarded-For": f"203.0.113.{i}"}).status_code
                for i in range(3)]

    assert statuses(secure_app(rate_limit="1/minute")) == [200, 429, 429]  # a client cannot pick its bucket
    assert statuses(secure_app(rate_limit="1/minute", proxy_hops=1)) == [200, 200, 200]


@pytest.mark.redis
def test_instances_share_counters_in_redis(secure_app):
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        message = f"Redis at {REDIS_URL} is unreachable: {exc}"
        if REQUIRE_SERVICES:
            pytest.fail(message + " (QUOTESVC_TEST_REQUIRE_SERVICES=1 requires it)")
        pytest.skip(message)
    one, two = (secure_app(rate_limit="3/minute", rate_limit_storage=REDIS_URL).test_client() for _ in range(2))
    env = address()
    statuses = [c.get("/api/v1/quotes", environ_base=env).status_code for c in (one, two, one, two)]
    assert statuses == [200, 200, 200, 429]
