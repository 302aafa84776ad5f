"""`quotesvc serve`: the gunicorn options it runs with, from its arguments or the settings."""

from __future__ import annotations

import os

from quotesvc.cli import gunicorn_options
from quotesvc.config import Settings


def option(options: list[str], name: str) -> str | None:
    return options[options.index(name) + 1] if name in options else None


def test_defaults_are_sync_workers_one_per_core_with_an_access_log():
    options = gunicorn_options(Settings(), bind="127.0.0.1:8000")
    assert option(options, "--bind") == "127.0.0.1:8000"
    assert option(options, "--workers") == str(os.cpu_count() or 1)
    assert option(options, "--worker-class") == "sync"
    assert option(options, "--access-logfile") == "-"
    assert "--threads" not in options and "--keep-alive" not in options


def test_threads_from_the_environment_make_gthread_workers_that_keep_connections_alive():
    settings = Settings.from_env({"QUOTESVC_WORKERS": "3", "QUOTESVC_THREADS": "4", "QUOTESVC_KEEP_ALIVE": "10",
                                  "QUOTESVC_ACCESS_LOG": "false"})
    options = gunicorn_options(settings, bind="127.0.0.1:8000")
    assert [option(options, o) for o in ("--workers", "--worker-class", "--threads", "--keep-alive")] == [
        "3", "gthread", "4", "10"]
    assert "--access-logfile" not in options


def test_arguments_win_over_the_settings():
    settings = Settings(workers=3, threads=4, access_log=False)
    options = gunicorn_options(settings, bind="0.0.0.0:9", workers=1, threads=1, worker_class="sync",
                               access_log=True, timeout=5)
    assert [option(options, o) for o in ("--workers", "--worker-class", "--timeout", "--access-logfile")] == [
        "1", "sync", "5", "-"]
