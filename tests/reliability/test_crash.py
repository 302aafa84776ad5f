"""Crash safety: SIGKILL in the middle of a batch POST and of ``quotesvc ingest``.

After the crash the store holds whole articles only (each with all its quotes and exact
speaker counters, or absent), and doing the same work again completes it without duplicates.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.reliability.corpus import article, assert_whole, expected_quotes, store_counts
from tests.reliability.service import Service, quotesvc_env

#: Articles of about 1.7 KB and 24 quotes each: a batch of 100 takes seconds, so the kill lands inside it.
PARAGRAPHS = 8


def wait_for_some(database_url: str, total: int, timeout: float = 60) -> int:
    """Return once some but not all articles are stored (the moment to pull the plug)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        n = len(store_counts(database_url)["stored"])
        if 0 < n < total:
            return n
        assert n < total, "finished before the kill: make the work longer"
        time.sleep(0.02)
    raise AssertionError("nothing was stored in time")


@pytest.mark.slow
def test_kill_during_a_batch_post_leaves_whole_articles_and_a_retry_completes_it(fresh_url, tmp_path):
    items = [article(i, PARAGRAPHS) for i in range(100)]
    expected = expected_quotes(items)
    log = tmp_path / "gunicorn.log"
    service = Service(quotesvc_env(fresh_url, max_body_bytes=str(8 * 1024 * 1024)), log, workers=2).start()
    try:
        poster = threading.Thread(target=lambda: _swallow(service.request, "POST", "/api/v1/articles/batch",
                                                          {"articles": items}, timeout=120))
        poster.start()
        stored_before_kill = wait_for_some(fresh_url, len(items))
        service.kill()
        poster.join(30)
    finally:
        service.stop()
    survivors = assert_whole(fresh_url, expected)
    assert stored_before_kill <= len(survivors) < len(items)

    with Service(quotesvc_env(fresh_url, max_body_bytes=str(8 * 1024 * 1024)), log, workers=2) as again:
        reply = again.request("POST", "/api/v1/articles/batch", {"articles": items}, timeout=300)
    assert reply.status == 200, reply.body[:500]
    body = reply.json()
    assert body["failed"] == 0
    assert body["existing"] == len(survivors) and body["created"] == len(items) - len(survivors)
    ids = assert_whole(fresh_url, expected)
    assert set(ids) == set(expected)
    assert all(ids[e] == i for e, i in survivors.items()), "a stored article was stored again"


@pytest.mark.slow
def test_kill_during_ingest_leaves_whole_articles_and_a_rerun_completes_it(fresh_url, tmp_path):
    items = [article(i, PARAGRAPHS) for i in range(120)]
    expected = expected_quotes(items)
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(item) + "\n" for item in items))
    argv = [sys.executable, "-m", "quotesvc", "ingest", str(corpus), "--workers", "2", "--batch-size", "10"]
    env = quotesvc_env(fresh_url)
    cwd = Path(__file__).parents[2]

    proc = subprocess.Popen(argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    try:
        stored_before_kill = wait_for_some(fresh_url, len(items))
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the CLI and its extraction processes, at once
        proc.wait(10)
    survivors = assert_whole(fresh_url, expected)
    assert stored_before_kill <= len(survivors) < len(items)

    rerun = subprocess.run(argv, env=env, cwd=cwd, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    summary = rerun.stderr.strip().splitlines()[-1]
    assert summary.startswith(f"created {len(items) - len(survivors)}, existing {len(survivors)}, failed 0"), summary
    ids = assert_whole(fresh_url, expected)
    assert set(ids) == set(expected)
    assert all(ids[e] == i for e, i in survivors.items())


def _swallow(call, *args, **kwargs) -> None:
    """Call ``call``, ignoring the connection error its server's death causes."""
    with contextlib.suppress(OSError):
        call(*args, **kwargs)
