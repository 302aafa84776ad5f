"""Operations: liveness, readiness and Prometheus metrics."""

from __future__ import annotations

from flask import Response
from flask.views import MethodView
from flask_smorest import Blueprint

from quotesvc.api.deps import metrics, repository
from quotesvc.api.schemas import StatusOut
from quotesvc.errors import Unavailable
from quotesvc.store import migrate

blp = Blueprint("ops", __name__, url_prefix="/api/v1", description="Health and metrics")

PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8"


@blp.route("/healthz")
class Health(MethodView):
    @blp.response(200, StatusOut)
    def get(self):
        """Say the process is up (touches nothing else)."""
        return {"status": "ok", "revision": None}


@blp.route("/readyz")
class Ready(MethodView):
    @blp.response(200, StatusOut)
    def get(self):
        """Say whether the database answers and its schema is at the newest migration."""
        repo = repository()
        repo.ping()
        current, head = migrate.current(repo.engine), migrate.head()
        if current != head:
            raise Unavailable(f"the database is at migration {current}, not {head}: run `quotesvc db upgrade`")
        return {"status": "ready", "revision": current}


@blp.route("/metrics")
class PrometheusMetrics(MethodView):
    @blp.response(200, {"type": "string"}, content_type="text/plain")
    def get(self):
        """Return request counts and latencies, quotes extracted and ingest errors (Prometheus text)."""
        return Response(metrics().render(), content_type=PROMETHEUS)
