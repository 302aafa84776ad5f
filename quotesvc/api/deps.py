"""What the views need from the app: the repository, the settings, the metrics."""

from __future__ import annotations

from flask import current_app

from quotesvc.api.metrics import Metrics
from quotesvc.config import Settings
from quotesvc.store import Repository

EXTENSION = "quotesvc"


def repository() -> Repository:
    """Return the app's repository."""
    return current_app.extensions[EXTENSION]["repository"]


def settings() -> Settings:
    """Return the app's settings."""
    return current_app.extensions[EXTENSION]["settings"]


def metrics() -> Metrics:
    """Return the app's metrics registry."""
    return current_app.extensions[EXTENSION]["metrics"]
