"""Load benchmark: wrk against gunicorn on SQLite and on PostgreSQL, bounded in time.

For each backend: a fresh database (a file under a temporary directory, or
``CREATE DATABASE qs_bench_<random>`` on the server of ``--postgres``, dropped after),
``quotesvc ingest`` of a synthetic corpus, gunicorn on 127.0.0.1, then wrk (a second
process) running ``mix.lua``: first reads only, then 80 % ``GET /quotes`` with filters and
20 % ``POST /articles``. After each run the articles are counted: every 201 must be a stored
article (zero lost writes). Prints one table; ``--json`` also writes the figures.

    apt-get install -y wrk
    .venv/bin/python bench/load/run.py                       # both backends, 20 s per run
    .venv/bin/python bench/load/run.py --backend sqlite --seconds 10
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

from gunicorn import __version__ as gunicorn_version
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from quotesvc.store import open_store
from quotesvc.store.tables import articles, quotes

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
NAMES = ("Karen Reissmann", "Ed Mayo", "Ann Lee", "Omar Haddad", "Maria Santos", "Jon Berg")
API_KEY = "bench-key"


def corpus(n: int) -> Iterator[dict]:
    """Yield ``n`` articles of about 1.3 KB, 6 to 9 quotes each, six speakers shared by all."""
    for i in range(n):
        a, b = NAMES[i % 6], NAMES[(i * 5 + 1) % 6]
        paragraphs = [
            f'"We will build {i * 10 + p} new bridges before winter," said {a}, a council member. '
            f"{b.split()[-1]} said the plan for district {p} would cost more than expected. "
            f'"It is a matter of trust," {b} told reporters on day {i}.'
            for p in range(3)
        ]
        yield {"external_id": f"seed-{i}", "title": f"Council story {i}", "source": ("Gazette", "Herald")[i % 2],
               "published_at": f"2024-{i % 12 + 1:02d}-{i % 28 + 1:02d}T08:00:00Z", "text": "\n\n".join(paragraphs)}


@contextlib.contextmanager
def database(backend: str, postgres: str, workdir: Path) -> Iterator[str]:
    """Yield the URL of an empty database of ``backend``, removed afterwards."""
    if backend == "sqlite":
        yield f"sqlite:///{workdir / 'bench.db'}"
        return
    name = f"qs_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(postgres, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
    try:
        yield make_url(postgres).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


def quotesvc(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, "-m", "quotesvc", *args], env=env, cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def counts(url: str) -> tuple[int, int]:
    store = open_store(url)
    with store.engine.connect() as conn:
        result = (conn.execute(select(func.count()).select_from(articles)).scalar_one(),
                  conn.execute(select(func.count()).select_from(quotes)).scalar_one())
    store.engine.dispose()
    return result


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def gunicorn(env: dict, workers: int, log: Path) -> Iterator[str]:
    """Serve quotesvc on a free port (no access log: wrk's count is the log), yield its base URL."""
    port = free_port()
    argv = [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", str(workers)]
    if int(gunicorn_version.split(".")[0]) >= 27:
        argv.append("--no-control-socket")  # else each instance wants ~/.gunicorn/gunicorn.ctl
    argv.append("quotesvc.app:create_app()")
    with log.open("ab") as out:
        proc = subprocess.Popen(argv, env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            with contextlib.suppress(OSError):
                if urllib.request.urlopen(base + "/readyz", timeout=2).status == 200:
                    break
            time.sleep(0.1)
        else:
            raise RuntimeError(f"gunicorn did not start:\n{log.read_text()[-2000:]}")
        yield base
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(20)


def wrk(base: str, seconds: int, connections: int, write_share: float) -> dict:
    """Run wrk with mix.lua; return its RESULT line as a dict."""
    env = dict(os.environ, WRITE_SHARE=str(write_share), API_KEY=API_KEY)
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s",
                          "-s", str(HERE / "mix.lua"), base], env=env, capture_output=True, text=True,
                         check=True, timeout=seconds + 60).stdout
    line = next(line for line in out.splitlines() if line.startswith("RESULT "))
    return json.loads(line.removeprefix("RESULT "))


def bench(backend: str, args) -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="quotesvc-load-") as tmp, database(backend, args.postgres, Path(tmp)) as url:
        work = Path(tmp)
        env = {k: v for k, v in os.environ.items() if not k.startswith("QUOTESVC_")}
        env |= {"QUOTESVC_DATABASE_URL": url, "QUOTESVC_LOG_LEVEL": "WARNING", "QUOTESVC_API_KEYS": API_KEY}
        quotesvc(env, "db", "upgrade")
        seed = work / "corpus.jsonl"
        seed.write_text("".join(json.dumps(a) + "\n" for a in corpus(args.articles)))
        quotesvc(env, "ingest", str(seed))
        for mix, share in (("reads", 0.0), ("80/20", 0.2)):
            with gunicorn(env, args.workers, work / "gunicorn.log") as base:
                wrk(base, 3, args.connections, share)  # warm-up: connections, caches, page cache
                time.sleep(1)  # let the writes wrk cut off at its end finish before counting
                before, _ = counts(url)
                result = wrk(base, args.seconds, args.connections, share)
            after, quotes_after = counts(url)
            created = result["statuses"].get("201", 0)
            errors = result["socket_errors"] + sum(n for s, n in result["statuses"].items() if int(s) >= 400)
            rows.append({"backend": backend, "mix": mix, **result, "errors": errors, "created": created,
                         # A 201 without its article would be a lost write; articles beyond the 201s are
                         # writes wrk stopped waiting for at the end, which the service still completed.
                         "stored": after - before, "lost_writes": max(0, created - (after - before)),
                         "articles": after, "quotes": quotes_after})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--postgres", default=os.environ.get("QUOTESVC_BENCH_POSTGRES_URL",
                                                              "postgresql+psycopg://postgres@127.0.0.1:5432/test"))
    parser.add_argument("--seconds", type=int, default=20, help="Length of each measured run.")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers.")
    parser.add_argument("--articles", type=int, default=2000, help="Articles in the store before the runs.")
    parser.add_argument("--json", type=Path, help="Also write the figures to this file.")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: apt-get install -y wrk")
    rows = []
    for backend in (("sqlite", "postgresql") if args.backend == "both" else (args.backend,)):
        rows += bench(backend, args)
    print(f"{'backend':<11} {'mix':<6} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'errors':>6} "
          f"{'created':>7} {'lost':>4}")
    for r in rows:
        print(f"{r['backend']:<11} {r['mix']:<6} {r['rps']:>7.0f} {r['p50_ms']:>7.1f} {r['p99_ms']:>7.1f} "
              f"{r['errors']:>6} {r['created']:>7} {r['lost_writes']:>4}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n")


if __name__ == "__main__":
    main()
