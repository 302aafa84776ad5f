"""Limits that only real HTTP shows: a chunked body with no length, served by gunicorn."""

from __future__ import annotations

import pytest

from tests.reliability.service import Service, quotesvc_env


@pytest.fixture(scope="module")
def service(sqlite_url, tmp_path_factory):
    env = quotesvc_env(sqlite_url, max_body_bytes="4096", api_keys="k1")
    with Service(env, tmp_path_factory.mktemp("http") / "gunicorn.log", workers=1) as svc:
        yield svc


def test_a_chunked_body_is_cut_at_the_limit(service):
    chunks = [b'{"text": "', *[b"y" * 1000] * 8, b'"}']
    r = service.request("POST", "/api/v1/extract", chunks, chunked=True,
                        headers={"Content-Type": "application/json"})
    assert r.status == 413 and r.headers["Content-Type"] == "application/problem+json"
    small = service.request("POST", "/api/v1/extract", [b'{"text": ', b'"Hi."}'], chunked=True,
                            headers={"Content-Type": "application/json"})
    assert small.status == 200


def test_a_declared_length_over_the_limit_is_refused_before_the_body_is_read(service):
    r = service.request("POST", "/api/v1/articles", b"{" + b" " * 10_000 + b"}",
                        headers={"Content-Type": "application/json", "X-API-Key": "k1"})
    assert r.status == 413


def test_security_headers_reach_the_client(service):
    r = service.request("GET", "/api/v1/quotes")
    assert r.status == 200
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.headers["Content-Security-Policy"].startswith("default-src 'none'")
