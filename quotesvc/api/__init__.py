"""The REST API: flask-smorest blueprints over the store, errors as problem+json.

``init_app`` wires everything into a Flask app; the views stay thin (load arguments,
call the store or the extractor, return).
"""

from __future__ import annotations

import time
from pathlib import Path

from flask import Flask, Response, g, request, send_from_directory
from werkzeug.exceptions import UnsupportedMediaType

from quotesvc import __version__
from quotesvc.api import articles, extraction, ops, quotes, speakers
from quotesvc.api.deps import EXTENSION, metrics
from quotesvc.api.metrics import Metrics
from quotesvc.api.problems import ProblemApi
from quotesvc.config import Settings
from quotesvc.store import Repository

PREFIX = "/api/v1"
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
SWAGGER_STATIC = PREFIX + "/docs/static/"


def _swagger_ui_dir() -> Path | None:
    """Return the Swagger UI assets of the swagger-ui-bundle package, if installed."""
    try:
        import swagger_ui_bundle
    except ImportError:
        return None
    return Path(swagger_ui_bundle.swagger_ui_path)


def init_app(app: Flask, config: Settings, repository: Repository) -> ProblemApi:
    """Register the API blueprints, error handlers, docs, auth and metrics on ``app``."""
    assets = _swagger_ui_dir()
    app.config.update(
        API_TITLE="quotesvc",
        API_VERSION=__version__,
        OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX=PREFIX,
        OPENAPI_JSON_PATH="openapi.json",
        OPENAPI_SWAGGER_UI_PATH="docs" if assets else None,
        OPENAPI_SWAGGER_UI_URL=SWAGGER_STATIC,
        API_SPEC_OPTIONS={"info": {"description": "Quotes found in news articles, and who said them."}},
        MAX_CONTENT_LENGTH=config.max_body_bytes,
    )
    app.extensions[EXTENSION] = {"settings": config, "repository": repository, "metrics": Metrics()}
    api = ProblemApi(app)
    for module in (articles, quotes, speakers, extraction, ops):
        api.register_blueprint(module.blp)
    if assets:
        app.add_url_rule(SWAGGER_STATIC + "<path:filename>", "swagger_ui_static",
                         lambda filename: send_from_directory(assets, filename))
    # The probes also answer at the root, where orchestrators look for them by default.
    for path, endpoint in (("healthz", "ops.Health"), ("readyz", "ops.Ready"), ("metrics", "ops.PrometheusMetrics")):
        app.add_url_rule(f"/{path}", f"root_{path}", app.view_functions[endpoint])
    app.before_request(_start_timer)
    app.before_request(_check_request)
    app.after_request(_observe)
    return api


def _start_timer() -> None:
    g.quotesvc_started = time.perf_counter()


def _check_request() -> None:
    """Refuse bodies that are not JSON (API keys are checked in ``quotesvc.api.security``)."""
    if request.method not in WRITE_METHODS or not request.path.startswith(PREFIX):
        return
    if request.method == "POST" and not request.is_json:
        raise UnsupportedMediaType("send the request body as application/json")


def _observe(response: Response) -> Response:
    started = g.pop("quotesvc_started", None)
    if started is not None:
        route = request.url_rule.rule if request.url_rule is not None else "(unmatched)"
        metrics().observe_request(request.method, route, response.status_code, time.perf_counter() - started)
    return response
