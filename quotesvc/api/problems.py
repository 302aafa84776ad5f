"""RFC 9457 (née 7807) problem details: the one place errors become HTTP responses.

``ProblemApi`` is flask-smorest's ``Api`` subclassed once: every error, from werkzeug's
404/405/413 to webargs' 422 and quotesvc's domain errors, leaves as
``application/problem+json`` with ``type``, ``title``, ``status`` and ``detail`` (and
``errors`` per field on 422). 405 keeps its ``Allow`` header. Anything unexpected is
logged with its traceback and answered with a bare 500 that says nothing more.
"""

from __future__ import annotations

import http
import logging

import marshmallow as ma
from flask import Response, json
from flask_smorest import Api
from flask_smorest.utils import prepare_response
from werkzeug.exceptions import HTTPException, InternalServerError

from quotesvc.errors import Conflict, InvalidInput, NotFound, QuotesvcError, Unavailable

log = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"

#: Seconds a client is asked to wait before retrying a 503.
RETRY_UNAVAILABLE_S = 5

#: The one table from domain errors to HTTP statuses.
STATUS_OF: dict[type[QuotesvcError], int] = {
    NotFound: 404,
    Conflict: 409,
    InvalidInput: 422,
    Unavailable: 503,
}


class ProblemSchema(ma.Schema):
    """A problem detail (RFC 9457)."""

    type = ma.fields.String(metadata={"description": "URI naming the kind of problem"})
    title = ma.fields.String(metadata={"description": "Short summary of the kind of problem"})
    status = ma.fields.Integer(metadata={"description": "The HTTP status"})
    detail = ma.fields.String(metadata={"description": "What went wrong this time"})
    errors = ma.fields.Dict(metadata={"description": "Messages per field (422 only)"})


def problem(status: int, detail: str | None = None, *, errors: dict | None = None,
            headers: dict | None = None, **extra) -> Response:
    """Return a problem+json response; its ``type`` names the status (``urn:quotesvc:problem:not-found``)."""
    phrase = http.HTTPStatus(status).phrase
    body = {
        "type": f"urn:quotesvc:problem:{phrase.lower().replace(' ', '-')}",
        "title": phrase,
        "status": status,
        "detail": detail or phrase,
    }
    if errors is not None:
        body["errors"] = errors
    body.update(extra)
    response = Response(json.dumps(body), status=status, mimetype=PROBLEM_JSON)
    response.headers.update(headers or {})
    return response


def _flatten(messages) -> dict:
    """Drop webargs' location level ({"query": {"page_size": [...]}} → {"page_size": [...]})."""
    if isinstance(messages, dict) and len(messages) == 1:
        (location, inner), = messages.items()
        if location in ("json", "query", "path", "headers", "form", "files", "view_args") and isinstance(inner, dict):
            return inner
    return messages if isinstance(messages, dict) else {"_schema": messages}


def _first(messages) -> str:
    """Return the first message of a webargs error structure (e.g. "Invalid JSON body.")."""
    while isinstance(messages, dict | list) and messages:
        messages = next(iter(messages.values())) if isinstance(messages, dict) else messages[0]
    return str(messages)


class ProblemApi(Api):
    """flask-smorest's Api, answering every error with problem+json."""

    ERROR_SCHEMA = ProblemSchema

    def _register_error_handlers(self):
        self._app.register_error_handler(HTTPException, self.handle_http_exception)
        self._app.register_error_handler(QuotesvcError, self.handle_domain_error)
        self._app.register_error_handler(Exception, self.handle_unexpected)

    def _register_responses(self):
        """Document every error response as problem+json (flask-smorest says application/json)."""
        for status in http.HTTPStatus:
            response = {"description": status.phrase}
            if not (100 <= status < 200) and status not in (204, 304):
                response["schema"] = self.ERROR_SCHEMA
            prepare_response(response, self.spec, PROBLEM_JSON)
            self.spec.components.response(status.name, response, lazy=True)
        response = {"description": "Default error response", "schema": self.ERROR_SCHEMA}
        prepare_response(response, self.spec, PROBLEM_JSON)
        self.spec.components.response("DEFAULT_ERROR", response, lazy=True)

    def handle_http_exception(self, error: HTTPException):
        """Answer werkzeug and webargs errors; keep ``Allow`` on 405 and ``Retry-After`` on 429."""
        if isinstance(error, InternalServerError):
            return self.handle_unexpected(getattr(error, "original_exception", None) or error)
        data = getattr(error, "data", None) or {}
        headers = {k: v for k, v in error.get_headers() if k in ("Allow", "Retry-After")}
        headers.update(data.get("headers") or {})
        messages = data.get("errors") or data.get("messages")
        status = error.code or 500
        detail = data.get("message") or error.description
        if messages is not None:
            detail = "the request did not validate; see errors" if status == 422 else _first(messages)
        return problem(status, detail, errors=_flatten(messages) if messages is not None else None,
                       headers=headers)

    def handle_domain_error(self, error: QuotesvcError):
        """Answer a quotesvc error with the status of its class."""
        status = next((s for cls, s in STATUS_OF.items() if isinstance(error, cls)), 500)
        extra = dict(error.extra)
        errors = None
        if status == 422:
            errors = {extra.pop("field", "_schema"): [error.detail]}
        # A 503 is a passing state (a database restarting): say when to try again.
        headers = {"Retry-After": str(RETRY_UNAVAILABLE_S)} if status == 503 else None
        return problem(status, error.detail, errors=errors, headers=headers, **extra)

    def handle_unexpected(self, error: BaseException):
        """Log the traceback; tell the client nothing about it."""
        log.error("unhandled error", exc_info=error)
        return problem(500, "an unexpected error occurred; it has been logged")
