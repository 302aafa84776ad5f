"""The Flask application factory; gunicorn's target is ``quotesvc.app:create_app()``."""

from __future__ import annotations

import logging

from flask import Flask

from quotesvc.config import Settings
from quotesvc.store import open_store


def create_app(settings: Settings | None = None) -> Flask:
    """Build the quotesvc web app from ``settings`` (default: the ``QUOTESVC_*`` environment)."""
    from quotesvc import api

    settings = settings or Settings.from_env()
    logging.basicConfig(level=settings.log_level.upper(),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    app = Flask(__name__)
    api.init_app(app, settings, open_store(settings.database_url))
    if settings.rate_limit:
        _limit(app, settings)
    return app


def _limit(app: Flask, settings: Settings) -> None:
    """Apply one rate limit per client address to every endpoint but the probes."""
    from flask_limiter import Limiter
    from flask_limiter.util import get_remote_address

    limiter = Limiter(get_remote_address, app=app, default_limits=[settings.rate_limit],
                      storage_uri=settings.rate_limit_storage, headers_enabled=True)
    for endpoint in ("ops.Health", "ops.Ready", "root_healthz", "root_readyz"):
        limiter.exempt(app.view_functions[endpoint])
