"""Settings read from ``QUOTESVC_*`` environment variables, with typed defaults.

This is the one place that reads the environment; everything else receives a
``Settings`` instance (``create_app(settings)``, the CLI, the tests).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

PREFIX = "QUOTESVC_"


@dataclass(frozen=True, slots=True)
class Settings:
    """Every knob of quotesvc; each field reads from ``QUOTESVC_<FIELD NAME IN CAPITALS>``."""

    #: SQLAlchemy URL; ``postgresql+psycopg://user@host/db`` to share one store between instances.
    database_url: str = "sqlite:///var/quotesvc.db"
    #: Comma-separated keys; when set, POST and DELETE need ``X-API-Key`` (or ``Authorization: Bearer``).
    api_keys: tuple[str, ...] = ()
    #: Largest request body accepted, in bytes (larger answers 413).
    max_body_bytes: int = 10 * 1024 * 1024
    #: flask-limiter rate limit for every endpoint, e.g. ``100/minute``; empty means none.
    rate_limit: str = ""
    #: Where flask-limiter keeps its counters (``redis://127.0.0.1:6379`` to share them).
    rate_limit_storage: str = "memory://"
    #: Python logging level name.
    log_level: str = "INFO"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Build settings from ``environ`` (default ``os.environ``), ignoring unset variables."""
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = environ.get(PREFIX + f.name.upper())
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
    if type_name.startswith("tuple"):
        return tuple(part.strip() for part in raw.split(",") if part.strip())
    return raw.strip()
