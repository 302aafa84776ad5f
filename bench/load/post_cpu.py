"""CPU time of one ``POST /api/v1/articles`` in process, on SQLite and on PostgreSQL.

The write half of ``mix.lua`` without HTTP and without wrk: a fresh store with the same
synthetic corpus as ``run.py`` (``--articles``), the Flask app in this process (test
client), then rounds of ``--posts`` new articles shaped like ``mix.lua``'s (1.5 KB, 18
quotes, six shared speakers). Each round reports the CPU time of this process and, on
PostgreSQL, of the server backends of the round's database (``/proc``), per POST; the
minimum of the rounds is the figure (what a busy machine adds is never less than zero).

    .venv/bin/python bench/load/post_cpu.py                          # both backends
    .venv/bin/python bench/load/post_cpu.py --backend postgresql --rounds 7
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path

from run import API_KEY, NAMES, corpus, cpu_seconds, database, load1, quotesvc, service_pids, store_arguments
from sqlalchemy.engine import make_url

from quotesvc.app import create_app
from quotesvc.config import Settings


def article(n: int) -> dict:
    """Return the ``n``-th article of the shape ``mix.lua`` posts."""
    a, b, tag = NAMES[n % 6], NAMES[(n * 5 + 1) % 6], f"cpu-{os.getpid()}-{n}"
    paragraphs = [
        f'"We will build {n * 10 + p} new bridges before winter," said {a}, a council member. '
        f"{b} said the plan for district {p} would cost more than expected. "
        f'"It is a matter of trust," {b} told reporters ({tag}).'
        for p in range(1, 7)
    ]
    return {"external_id": tag, "source": "Gazette", "published_at": f"2024-04-0{n % 9 + 1}T10:00:00Z",
            "title": f"Council story {tag}", "text": "\n\n".join(paragraphs)}


def measure(backend: str, args) -> dict:
    with tempfile.TemporaryDirectory(prefix="quotesvc-postcpu-") as tmp, \
            database(backend, args.postgres, Path(tmp)) as url:
        env = {k: v for k, v in os.environ.items() if not k.startswith("QUOTESVC_")}
        env |= {"QUOTESVC_DATABASE_URL": url, "QUOTESVC_LOG_LEVEL": "WARNING"}
        quotesvc(env, "db", "upgrade")
        seed = Path(tmp) / "corpus.jsonl"
        seed.write_text("".join(json.dumps(a) + "\n" for a in corpus(args.articles)))
        quotesvc(env, "ingest", str(seed))
        app = create_app(Settings.from_env({"QUOTESVC_DATABASE_URL": url, "QUOTESVC_API_KEYS": API_KEY,
                                            "QUOTESVC_LOG_LEVEL": "WARNING"}))
        client = app.test_client()
        pg_database = make_url(url).database if backend == "postgresql" else None
        n = 0

        def post_round(count: int) -> tuple[float, float]:
            nonlocal n
            pids = service_pids(-1, pg_database) if pg_database else []
            client_before, server_before = time.process_time(), cpu_seconds(pids)
            for _ in range(count):
                n += 1
                response = client.post("/api/v1/articles", json=article(n), headers={"X-API-Key": API_KEY})
                assert response.status_code == 201, response.get_data(as_text=True)
            return ((time.process_time() - client_before) * 1000 / count,
                    (cpu_seconds(pids) - server_before) * 1000 / count)

        post_round(20)  # warm-up: connections, statement caches, page cache
        load_before = load1()
        rounds = [post_round(args.posts) for _ in range(args.rounds)]
        best = min(rounds, key=sum)
        return {"backend": backend, "client_ms": round(best[0], 2), "server_ms": round(best[1], 2),
                "total_ms": round(sum(best), 2), "rounds_total_ms": [round(sum(r), 2) for r in rounds],
                "load1": [load_before, load1()]}


def main() -> None:
    parser = store_arguments(__doc__)
    parser.add_argument("--posts", type=int, default=100, help="POSTs a round.")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    for backend in (("sqlite", "postgresql") if args.backend == "both" else (args.backend,)):
        r = measure(backend, args)
        print(f"{r['backend']:<11} POST cpu {r['total_ms']:.2f} ms (client {r['client_ms']:.2f}, server "
              f"{r['server_ms']:.2f}); rounds {r['rounds_total_ms']}; load {r['load1'][0]:.2f}-{r['load1'][1]:.2f}")


if __name__ == "__main__":
    main()
