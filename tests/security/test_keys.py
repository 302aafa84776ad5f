"""API keys: who may write, who may read, 401 versus 403, hashes only, constant-time checks."""

from __future__ import annotations

import hashlib
import hmac
import logging

import pytest

from quotesvc.api import security
from quotesvc.config import Settings

ARTICLE = {"text": '"We are ready," said Ann Lee.'}


def sha(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def assert_problem(r, status):
    assert r.status_code == status, r.get_data(as_text=True)
    assert r.content_type == "application/problem+json"
    assert r.get_json()["status"] == status
    return r.get_json()


@pytest.fixture
def keys_file(tmp_path):
    path = tmp_path / "keys"
    path.write_text(f"# digests only\n{sha('writer-key')}  write\nsha256:{sha('reader-key')} read  # dashboard\n\n")
    return path


def test_writes_without_a_key_are_401_with_a_challenge(secure_app):
    client = secure_app(api_keys=("k1",)).test_client()
    body = assert_problem(client.post("/api/v1/articles", json=ARTICLE), 401)
    assert "API key" in body["detail"]
    assert client.post("/api/v1/articles", json=ARTICLE).headers["WWW-Authenticate"].startswith("Bearer")
    assert_problem(client.delete("/api/v1/articles/1"), 401)
    assert_problem(client.post("/api/v1/articles/batch", json={"articles": [ARTICLE]}), 401)


@pytest.mark.parametrize("headers", [
    {"X-API-Key": "k"}, {"X-API-Key": "k1 "[:1]}, {"Authorization": "Bearer k11"}, {"Authorization": "Basic azE6"},
    {"Authorization": "Bearer"}, {"X-API-Key": ""},
])
def test_unknown_keys_and_other_schemes_are_401(secure_app, headers):
    client = secure_app(api_keys=("k1",)).test_client()
    assert_problem(client.post("/api/v1/articles", json=ARTICLE, headers=headers), 401)


@pytest.mark.parametrize("headers", [{"X-API-Key": "k1"}, {"Authorization": "Bearer k1"}, {"authorization": "bearer k1"}])
def test_a_configured_key_writes_in_either_header(secure_app, headers):
    client = secure_app(api_keys=("k0", "k1")).test_client()
    r = client.post("/api/v1/articles", json=ARTICLE, headers=headers)
    assert r.status_code == 201
    assert client.delete(f"/api/v1/articles/{r.get_json()['id']}", headers=headers).status_code == 204


def test_reads_are_public_by_default_and_extract_is_a_read(secure_app):
    client = secure_app(api_keys=("k1",)).test_client()
    for path in ("/api/v1/quotes", "/api/v1/articles", "/api/v1/speakers"):
        assert client.get(path).status_code == 200
    assert client.post("/api/v1/extract", json=ARTICLE).status_code == 200


def test_keys_file_holds_digests_with_scopes_and_a_read_key_cannot_write(secure_app, keys_file):
    client = secure_app(api_keys_file=str(keys_file), public_reads=False).test_client()
    writer, reader = {"X-API-Key": "writer-key"}, {"Authorization": "Bearer reader-key"}
    assert client.post("/api/v1/articles", json=ARTICLE, headers=writer).status_code == 201
    body = assert_problem(client.post("/api/v1/articles", json=ARTICLE, headers=reader), 403)
    assert "may read but not write" in body["detail"]
    assert_problem(client.delete("/api/v1/articles/1", headers=reader), 403)
    assert client.get("/api/v1/articles/1", headers=reader).status_code == 200
    assert client.get("/api/v1/articles/1", headers=writer).status_code == 200
    # The digest itself is not a key.
    assert_problem(client.get("/api/v1/articles/1", headers={"X-API-Key": sha("reader-key")}), 401)


@pytest.mark.parametrize("line", ["writer-key", f"{sha('x')} admin", f"{sha('x')[:-1]}", f"{sha('x')} read extra"])
def test_a_keys_file_line_that_is_not_a_digest_refuses_to_start(secure_app, tmp_path, line):
    path = tmp_path / "keys"
    path.write_text(line + "\n")
    with pytest.raises(ValueError, match="keys:1: expected '<sha256 hex digest>"):
        secure_app(api_keys_file=str(path))


def test_private_reads_need_a_key_but_probes_and_docs_stay_open(secure_app):
    client = secure_app(api_keys=("k1",), public_reads=False).test_client()
    for path in ("/api/v1/quotes", "/api/v1/articles", "/api/v1/speakers", "/api/v1/quotes?format=csv",
                 "/api/v1/articles/1"):
        assert_problem(client.get(path), 401)
        assert client.get(path, headers={"X-API-Key": "k1"}).status_code in (200, 404)
    assert_problem(client.post("/api/v1/extract", json=ARTICLE), 401)
    for path in ("/healthz", "/readyz", "/metrics", "/api/v1/healthz", "/api/v1/openapi.json", "/api/v1/docs"):
        assert client.get(path).status_code == 200, path
    assert client.options("/api/v1/articles").status_code == 200  # CORS preflights carry no key


def test_private_reads_without_keys_are_open_but_warned_about(secure_app, caplog):
    with caplog.at_level(logging.WARNING, logger="quotesvc.api.security"):
        client = secure_app(public_reads=False).test_client()
    assert "no API keys configured" in caplog.text
    assert client.post("/api/v1/articles", json=ARTICLE).status_code == 201
    assert client.get("/api/v1/quotes").status_code == 200


def test_no_warning_when_keys_are_configured(secure_app, caplog):
    with caplog.at_level(logging.WARNING, logger="quotesvc.api.security"):
        secure_app(api_keys=("k1",))
    assert "no API keys" not in caplog.text


def test_keys_are_compared_as_digests_against_every_key(monkeypatch):
    """The check does the same work wherever (and whether) the key matches: no early exit."""
    calls = []
    real = hmac.compare_digest

    def spy(a, b):
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(security.hmac, "compare_digest", spy)
    ring = security.KeyRing.from_settings(Settings(api_keys=("first", "second", "third")))
    assert all(len(stored) == 64 and stored != key for (stored, _), key in zip(ring.keys, ("first", "second", "third"),
                                                                                strict=True))
    for key, scope in (("first", "write"), ("third", "write"), ("nope", None)):
        calls.clear()
        assert ring.scope(key) == scope
        assert len(calls) == 3
        assert all(a == sha(key).encode() for a, _ in calls)


def test_settings_read_booleans_lists_and_the_storage_alias():
    s = Settings.from_env({"QUOTESVC_PUBLIC_READS": "false", "QUOTESVC_CORS_ORIGINS": "https://a.example, https://b.example",
                           "QUOTESVC_RATELIMIT_STORAGE": "redis://127.0.0.1:6379", "QUOTESVC_API_KEYS": "a,b"})
    assert s.public_reads is False
    assert s.cors_origins == ("https://a.example", "https://b.example")
    assert s.rate_limit_storage == "redis://127.0.0.1:6379"
    assert s.api_keys == ("a", "b")
    assert Settings.from_env({}).public_reads is True
    assert Settings.from_env({}).max_body_bytes == 2 * 1024 * 1024
    with pytest.raises(ValueError, match="QUOTESVC_PUBLIC_READS must be true or false"):
        Settings.from_env({"QUOTESVC_PUBLIC_READS": "nah"})
