"""The Flask application factory; gunicorn's target is ``quotesvc.app:create_app()``."""

from __future__ import annotations

import logging

from flask import Flask

from quotesvc import extract
from quotesvc.config import Settings
from quotesvc.store import open_store


def create_app(settings: Settings | None = None) -> Flask:
    """Build the quotesvc web app from ``settings`` (default: the ``QUOTESVC_*`` environment)."""
    from quotesvc import api, web
    from quotesvc.api import security

    settings = settings or Settings.from_env()
    logging.basicConfig(level=settings.log_level.upper(),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    app = Flask(__name__)
    api.init_app(app, settings, open_store(settings.database_url))
    web.init_app(app)
    security.install(app, settings)
    extract.prepare()  # each gunicorn worker builds the extractor's patterns now, not on its first request
    return app

