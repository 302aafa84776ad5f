"""The article viewer: server-rendered pages over the store, with a little plain JS and CSS.

``init_app`` registers the blueprint (pages at ``/``, ``/articles/<id>``, ``/try`` and
``/speakers/<id>``; assets under ``/viewer/static/``).
"""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the viewer's blueprint on ``app`` (after the API, whose repository it reads)."""
    from quotesvc.web.views import bp

    app.register_blueprint(bp)
