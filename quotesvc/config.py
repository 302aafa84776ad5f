"""Settings read from ``QUOTESVC_*`` environment variables, with typed defaults.

This is the one place that reads the environment; everything else receives a
``Settings`` instance (``create_app(settings)``, the CLI, the tests).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

PREFIX = "QUOTESVC_"
BOOLEANS = {"true": True, "1": True, "yes": True, "on": True, "false": False, "0": False, "no": False, "off": False}


@dataclass(frozen=True, slots=True)
class Settings:
    """Every knob of quotesvc; each field reads from ``QUOTESVC_<FIELD NAME IN CAPITALS>``."""

    #: SQLAlchemy URL; ``postgresql+psycopg://user@host/db`` to share one store between instances.
    database_url: str = "sqlite:///var/quotesvc.db"
    #: Comma-separated keys; when set, POST and DELETE need ``X-API-Key`` (or ``Authorization: Bearer``).
    api_keys: tuple[str, ...] = ()
    #: File of SHA-256 digests of keys, one per line, each optionally followed by ``read`` or ``write``.
    api_keys_file: str = ""
    #: ``false`` makes every read need a key too (probes, metrics and the API description stay open).
    public_reads: bool = True
    #: Origins allowed to call the API from a browser (CORS), comma-separated; ``*`` for any; empty: none.
    cors_origins: tuple[str, ...] = ()
    #: Proxies in front of the service whose ``X-Forwarded-For``/``-Proto`` to trust (rate limits by address).
    proxy_hops: int = 0
    #: Largest request body accepted, in bytes (larger answers 413).
    max_body_bytes: int = 2 * 1024 * 1024
    #: flask-limiter rate limit for every endpoint, e.g. ``100/minute``; empty means none.
    rate_limit: str = ""
    #: Where flask-limiter keeps its counters (``redis://127.0.0.1:6379`` to share them between instances);
    #: also read from ``QUOTESVC_RATELIMIT_STORAGE``.
    rate_limit_storage: str = field(default="memory://", metadata={"aliases": ("RATELIMIT_STORAGE",)})
    #: Python logging level name.
    log_level: str = "INFO"
    #: ``quotesvc serve``: gunicorn worker processes; 0 means one per CPU core.
    workers: int = 0
    #: ``quotesvc serve``: threads per worker; above 1 the workers are gthread workers.
    threads: int = 1
    #: ``quotesvc serve``: gunicorn worker class, ``sync`` or ``gthread``; empty: chosen by ``threads``.
    worker_class: str = ""
    #: ``quotesvc serve``: seconds a gthread worker keeps an idle client connection open.
    keep_alive: int = 5
    #: ``quotesvc serve``: log every request (gunicorn's access log) to standard output.
    access_log: bool = True

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Build settings from ``environ`` (default ``os.environ``), ignoring unset variables."""
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for f in fields(cls):
            names = (f.name.upper(), *f.metadata.get("aliases", ()))
            raw = next((environ[PREFIX + n] for n in names if PREFIX + n in environ), None)
            if raw is None:
                continue
            values[f.name] = _parse(f.name, str(f.type), raw)
        return cls(**values)


def _parse(name: str, type_name: str, raw: str) -> Any:
    """Convert one variable to the field's type, saying which variable is wrong when it fails."""
    if type_name == "int":
        try:
            return int(raw)
        except ValueError:
            raise ValueError(f"{PREFIX}{name.upper()} must be an integer, not {raw!r}") from None
    if type_name == "bool":
        if raw.strip().lower() not in BOOLEANS:
            raise ValueError(f"{PREFIX}{name.upper()} must be true or false, not {raw!r}")
        return BOOLEANS[raw.strip().lower()]
    if type_name.startswith("tuple"):
        return tuple(part.strip() for part in raw.split(",") if part.strip())
    return raw.strip()
