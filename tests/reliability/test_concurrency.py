"""Concurrent writers: 8 clients, 4 gunicorn workers, the same articles posted at the same moment."""

from __future__ import annotations

import threading
from collections import Counter

import pytest

from tests.reliability.corpus import article, assert_whole, expected_quotes
from tests.reliability.service import Service, quotesvc_env

CLIENTS = 8
ARTICLES = 24


@pytest.mark.slow
def test_overlapping_writers_store_every_article_once_and_whole(fresh_url, tmp_path):
    items = [article(i) for i in range(ARTICLES)]
    expected = expected_quotes(items)
    barrier = threading.Barrier(CLIENTS)
    outcomes: list[tuple[str, int, str]] = []  # (external_id, HTTP status, created|existing|...)
    failures: list[str] = []
    lock = threading.Lock()

    def client(t: int, service: Service) -> None:
        try:
            for r in range(ARTICLES):
                barrier.wait(timeout=120)  # every round starts at once on all 8 clients
                # Four clients send article r, four send r + 1: each article goes out 8 times in all.
                mine = [items[(r + t // 4) % ARTICLES]]
                if t % 2:  # half of them through the batch endpoint, with a neighbour
                    mine.append(items[(r + 2) % ARTICLES])
                    reply = service.request("POST", "/api/v1/articles/batch", {"articles": mine})
                    results = [(m["external_id"], reply.status, i["status"])
                               for m, i in zip(mine, reply.json()["items"], strict=True)] \
                        if reply.status == 200 else [(m["external_id"], reply.status, "") for m in mine]
                else:
                    reply = service.request("POST", "/api/v1/articles", mine[0])
                    results = [(mine[0]["external_id"], reply.status,
                                {201: "created", 200: "existing"}.get(reply.status, ""))]
                with lock:
                    outcomes.extend(results)
        except Exception as exc:  # reported below; a dead client must not hang the barrier
            barrier.abort()
            with lock:
                failures.append(f"client {t}: {exc!r}")

    with Service(quotesvc_env(fresh_url), tmp_path / "gunicorn.log", workers=4) as service:
        threads = [threading.Thread(target=client, args=(t, service)) for t in range(CLIENTS)]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        listed = service.request("GET", "/api/v1/articles?page_size=500").json()["items"]

    assert not failures, failures
    bad = [o for o in outcomes if o[2] not in ("created", "existing")]
    assert not bad, f"failed writes: {bad[:5]} ({len(bad)} in all; log: {(tmp_path / 'gunicorn.log').read_text()[-2000:]})"
    created = Counter(e for e, _, status in outcomes if status == "created")
    assert created == Counter({e: 1 for e in expected}), "each article must be created exactly once"
    assert len(outcomes) == ARTICLES * (CLIENTS + CLIENTS // 2)
    assert sorted(a["external_id"] for a in listed) == sorted(expected)
    ids = assert_whole(fresh_url, expected)
    assert set(ids) == set(expected)
