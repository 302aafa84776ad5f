"""Access control and abuse limits: API keys, rate limits, input hygiene, headers, CORS.

``install(app, settings)`` wires it all into the app built by ``create_app``:

* **API keys.** ``QUOTESVC_API_KEYS`` (comma-separated, full access) and
  ``QUOTESVC_API_KEYS_FILE`` (one SHA-256 hex digest per line, optionally followed by the
  scope ``read`` or ``write``; the file never holds a key itself). Keys are hashed when
  loaded and compared as digests with ``hmac.compare_digest``, against every configured
  digest, so neither the key nor the position of a match leaks through timing. Writes
  (POST, PUT, PATCH, DELETE) need a ``write`` key, sent as ``Authorization: Bearer <key>``
  or ``X-API-Key: <key>``; reads are public unless ``QUOTESVC_PUBLIC_READS=false``.
  ``POST /extract`` stores nothing and counts as a read. No credentials or an unknown key
  answer 401 with ``WWW-Authenticate``; a known key without the needed scope answers 403.
  With no key configured the service is open and says so in a warning at start.
* **Rate limits.** Flask-Limiter, one bucket per API key (by digest) or else per client
  address (``QUOTESVC_PROXY_HOPS`` trusted ``X-Forwarded-For`` hops); counters in
  ``QUOTESVC_RATELIMIT_STORAGE`` (``memory://``, or ``redis://…`` shared by instances).
  Over the limit: 429 problem+json with ``Retry-After``.
* **Input hygiene.** A body that is not valid UTF-8 or holds NUL bytes, and a query string
  that decodes to either, answer 422 before any view runs (PostgreSQL refuses NUL in
  text; JSON would call raw NUL bytes "invalid JSON", which says less). The body size
  limit itself is Flask's ``MAX_CONTENT_LENGTH`` (413), set by the API from settings.
* **Headers.** Every response gets ``X-Content-Type-Options: nosniff``, a strict
  ``Content-Security-Policy`` (a sandbox for data, ``'self'`` only for HTML pages), no
  framing, no referrer, and HSTS when the request came over HTTPS.
* **CORS.** Off unless ``QUOTESVC_CORS_ORIGINS`` lists origins (``*`` allows any): then
  those origins get ``Access-Control-Allow-Origin`` and answered preflights. Keys travel
  in headers, never cookies, so credentials are never allowed.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from flask import Flask, Response, g, request
from flask_smorest import abort
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.middleware.proxy_fix import ProxyFix

from quotesvc.config import Settings
from quotesvc.errors import InvalidInput

log = logging.getLogger(__name__)

READ, WRITE = "read", "write"
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
#: Writes by method that store nothing: they follow the read rules.
READ_ONLY_ENDPOINTS = frozenset({"extract.Extract", "web.try_text"})  # they store nothing
#: Always public, even with private reads: probes for orchestrators, counters for
#: Prometheus, the API description (it holds no data).
PUBLIC_ENDPOINTS = frozenset({
    "ops.Health", "ops.Ready", "ops.PrometheusMetrics", "root_healthz", "root_readyz", "root_metrics",
    "api-docs.openapi_json", "api-docs.openapi_swagger_ui", "swagger_ui_static", "static", "web.static",
})
#: Never rate-limited: an orchestrator polling them must not lock clients out, or be locked out.
UNLIMITED_ENDPOINTS = ("ops.Health", "ops.Ready", "root_healthz", "root_readyz")
AUTHENTICATE = 'Bearer realm="quotesvc"'

#: For data (JSON, CSV, problems): nothing may load, run or frame.
DATA_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox"
#: For HTML pages (the viewer, the API docs): own assets only, no plugins, no framing.
PAGE_POLICY = ("default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
               "form-action 'self'; frame-ancestors 'none'")
#: Swagger UI starts itself with an inline script and styles itself inline.
DOCS_POLICY = PAGE_POLICY + "; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'"
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
}
CORS_ALLOW_HEADERS = "Authorization, X-API-Key, Content-Type, Accept"
CORS_EXPOSE_HEADERS = ("Link, Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, "
                       "Content-Disposition")


def digest(key: str) -> str:
    """Return the SHA-256 hex digest a key is stored and compared as."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class KeyRing:
    """The digests of the configured API keys, each with its scope (``read`` or ``write``)."""

    keys: tuple[tuple[str, str], ...] = ()

    @classmethod
    def from_settings(cls, settings: Settings) -> KeyRing:
        """Hash the keys of ``QUOTESVC_API_KEYS`` and read the digests of the keys file."""
        keys = [(digest(k), WRITE) for k in settings.api_keys]
        if settings.api_keys_file:
            keys += read_keys_file(Path(settings.api_keys_file))
        return cls(tuple(keys))

    def scope(self, key: str) -> str | None:
        """Return the scope of ``key``, or None if it is not configured.

        Every digest is compared, in constant time each, whether or not one matched.
        """
        given = digest(key).encode()
        found = None
        for stored, scope in self.keys:
            if hmac.compare_digest(given, stored.encode()) and found != WRITE:
                found = scope
        return found


def read_keys_file(path: Path) -> list[tuple[str, str]]:
    """Read ``<sha256 hex> [read|write]`` lines (``#`` starts a comment); refuse anything else.

    A line that is not a digest is an error, not skipped: it is most likely a key pasted
    in by mistake, and a key must never sit in that file.
    """
    keys = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        words = line.split("#", 1)[0].split()
        if not words:
            continue
        hexdigest = words[0].lower().removeprefix("sha256:")
        scope = words[1].lower() if len(words) > 1 else WRITE
        if len(hexdigest) != 64 or any(c not in "0123456789abcdef" for c in hexdigest) \
                or scope not in (READ, WRITE) or len(words) > 2:
            raise ValueError(f"{path}:{number}: expected '<sha256 hex digest> [read|write]' "
                             "(store the digest of a key, never the key)")
        keys.append((hexdigest, scope))
    return keys


def install(app: Flask, settings: Settings) -> None:
    """Add rate limits, API keys, input checks, security headers and CORS to ``app``.

    The rate limit runs before the key check, so guessing keys costs the guesser requests.
    """
    ring = KeyRing.from_settings(settings)
    if not ring.keys:
        log.warning("no API keys configured (QUOTESVC_API_KEYS, QUOTESVC_API_KEYS_FILE): "
                    "anyone who can reach this service can write to it")
    if settings.proxy_hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=settings.proxy_hops, x_proto=settings.proxy_hops)
    app.before_request(lambda: _identify(ring))
    if settings.rate_limit:
        _limit(app, settings)
    app.before_request(lambda: _authorize(bool(ring.keys), settings.public_reads))
    app.before_request(_check_encoding)
    origins = frozenset(settings.cors_origins)
    app.after_request(lambda response: _headers(response, origins))


# --- API keys -------------------------------------------------------------------


def _presented_key() -> str | None:
    """Return the key sent as ``X-API-Key`` or ``Authorization: Bearer``, or None."""
    if "X-API-Key" in request.headers:
        return request.headers["X-API-Key"].strip()
    scheme, _, credentials = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer" and credentials.strip():
        return credentials.strip()
    return None


def _identify(ring: KeyRing) -> None:
    """Note whether a key was sent and its scope (None: no key, or not a configured one)."""
    key = _presented_key()
    g.quotesvc_key_sent = key is not None
    g.quotesvc_key_scope = ring.scope(key) if key is not None and ring.keys else None
    if g.quotesvc_key_scope is not None:
        g.quotesvc_key_id = digest(key)[:16]


def _authorize(keys_configured: bool, public_reads: bool) -> None:
    """Let the request through, or answer 401 (no or unknown key) or 403 (key lacks the scope)."""
    if not keys_configured or request.method == "OPTIONS" or request.endpoint in PUBLIC_ENDPOINTS:
        return
    if request.routing_exception is not None:  # 404 or 405 follows: there is nothing to guard
        return
    writes = request.method in WRITE_METHODS and request.endpoint not in READ_ONLY_ENDPOINTS
    if not writes and public_reads:
        return
    scope = g.quotesvc_key_scope
    if scope is None:
        message = ("the API key is not valid" if g.quotesvc_key_sent
                   else "this request needs an API key (Authorization: Bearer <key> or X-API-Key)")
        abort(401, message=message, headers={"WWW-Authenticate": AUTHENTICATE})
    if writes and scope != WRITE:
        abort(403, message="this API key may read but not write")


# --- rate limits ----------------------------------------------------------------


def _client_id() -> str:
    """Return the rate-limit bucket: the API key (by digest) if valid, else the client address."""
    key_id = g.get("quotesvc_key_id")
    return f"key:{key_id}" if key_id else f"addr:{request.remote_addr or 'unknown'}"


def _limit(app: Flask, settings: Settings) -> None:
    """Apply ``QUOTESVC_RATE_LIMIT`` per key or address to every endpoint but the probes."""
    from flask_limiter import Limiter

    limiter = Limiter(_client_id, app=app, default_limits=[settings.rate_limit],
                      storage_uri=settings.rate_limit_storage, headers_enabled=True,
                      key_prefix="quotesvc")
    for endpoint in UNLIMITED_ENDPOINTS:
        limiter.exempt(app.view_functions[endpoint])


# --- input hygiene --------------------------------------------------------------


def _check_encoding() -> None:
    """Refuse query strings and bodies that are not UTF-8 text the database can store."""
    for pair in request.query_string.split(b"&"):
        name, _, value = pair.partition(b"=")
        name = urllib.parse.unquote_to_bytes(name)
        field = name.decode("utf-8", "replace").replace("\x00", "") or "_query"
        _check_text(name, field, "the query argument name")
        _check_text(urllib.parse.unquote_to_bytes(value), field, "the query argument")
    if request.method in WRITE_METHODS:
        # Bounded by MAX_CONTENT_LENGTH: a larger declared length raises 413 here, unread.
        body = request.get_data(cache=True)
        limit = request.max_content_length
        if request.content_length is None and limit is not None and len(body) >= limit:
            # A chunked body has no length to check up front, and werkzeug's reader stops
            # at the limit without a word (the JSON would then be "invalid"): a body that
            # reaches the limit may have been cut, so it is refused as too large.
            raise RequestEntityTooLarge()
        _check_text(body, "_body", "the request body")


def _check_text(raw: bytes, field: str, what: str) -> None:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidInput(f"{what} is not valid UTF-8 (byte {exc.start})", field=field) from None
    if b"\x00" in raw:
        raise InvalidInput(f"{what} contains a NUL byte (byte {raw.index(0)})", field=field)


# --- response headers -----------------------------------------------------------


def _headers(response: Response, origins: frozenset[str]) -> Response:
    """Add the security headers, and CORS headers for an allowed origin."""
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if "Content-Security-Policy" not in response.headers:
        if response.mimetype != "text/html":
            policy = DATA_POLICY
        elif request.endpoint == "api-docs.openapi_swagger_ui":
            policy = DOCS_POLICY
        else:
            policy = PAGE_POLICY
        response.headers["Content-Security-Policy"] = policy
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    origin = request.headers.get("Origin")
    if origins:
        response.vary.add("Origin")
    if origin and ("*" in origins or origin in origins):
        response.headers["Access-Control-Allow-Origin"] = "*" if "*" in origins else origin
        response.headers["Access-Control-Expose-Headers"] = CORS_EXPOSE_HEADERS
        if request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers:
            response.headers["Access-Control-Allow-Methods"] = response.headers.get(
                "Allow", "GET, HEAD, POST, DELETE, OPTIONS")
            response.headers["Access-Control-Allow-Headers"] = CORS_ALLOW_HEADERS
            response.headers["Access-Control-Max-Age"] = "600"
    return response
