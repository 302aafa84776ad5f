"""Load benchmark: wrk against gunicorn on SQLite and on PostgreSQL, bounded in time.

For each backend: a fresh database (a file under a temporary directory, or
``CREATE DATABASE qs_bench_<random>`` on the server of ``--postgres``, dropped after),
``quotesvc ingest`` of a synthetic corpus, ``quotesvc serve`` (gunicorn with its defaults, or
``--serve-args``) on 127.0.0.1, then wrk (a second process) running ``mix.lua``: first reads
only, then 80 % ``GET /quotes`` with filters and 20 % ``POST /articles`` (``--mix writes``:
POSTs alone, what a write costs served). After each run the
articles are counted: every 201 must be a stored article (zero lost writes). Each run also
reports the CPU time gunicorn (and, on PostgreSQL, the backends of its database) spent per
request, which other load on a shared machine changes far less than requests/s, and the
1-minute load average. Prints one table; ``--json`` also writes the figures.

    apt-get install -y wrk
    .venv/bin/python bench/load/run.py                       # both backends, 20 s per run
    .venv/bin/python bench/load/run.py --backend sqlite --seconds 10
    .venv/bin/python bench/load/run.py --mix writes --seconds 10 --repeats 2
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import shlex
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

from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from quotesvc.store import open_store
from quotesvc.store.tables import articles, quotes

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
NAMES = ("Karen Reissmann", "Ed Mayo", "Ann Lee", "Omar Haddad", "Maria Santos", "Jon Berg")
API_KEY = "bench-key"
#: The share of POSTs in each mix: the issue's two, and writes alone to see what a write costs.
MIXES = {"reads": 0.0, "80/20": 0.2, "writes": 1.0}


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


def cpu_seconds(pids: list[int]) -> float:
    """Return the CPU time (user + system) used so far by the live processes ``pids``."""
    total = 0
    for pid in pids:
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    return total / os.sysconf("SC_CLK_TCK")


def service_pids(group: int, database: str | None) -> list[int]:
    """Return the gunicorn processes (process group ``group``) and the PostgreSQL backends of ``database``."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            if os.getpgid(int(entry.name)) == group:
                pids.append(int(entry.name))
            elif database and f" {database} " in (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(
                    "utf-8", "replace"):
                pids.append(int(entry.name))  # "postgres: 15/main: postgres qs_bench_… 127.0.0.1(…) idle"
    return pids


def load1() -> float:
    """Return the 1-minute load average."""
    return float(Path("/proc/loadavg").read_text().split()[0])


@contextlib.contextmanager
def serve(env: dict, serve_args: list[str], log: Path) -> Iterator[tuple[str, int]]:
    """Run ``quotesvc serve`` (gunicorn) on a free port; yield its base URL and process group."""
    port = free_port()
    argv = [sys.executable, "-m", "quotesvc", "serve", "--bind", f"127.0.0.1:{port}", *serve_args]
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
        yield base, proc.pid
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(20)


def wrk(base: str, seconds: int, connections: int, write_share: float) -> dict:
    """Run wrk with mix.lua; return its RESULT line as a dict, with wrk's own CPU seconds."""
    env = dict(os.environ, WRITE_SHARE=str(write_share), API_KEY=API_KEY)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s",
                          "-s", str(HERE / "mix.lua"), base], env=env, capture_output=True, text=True,
                         check=True, timeout=seconds + 60).stdout
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    line = next(line for line in out.splitlines() if line.startswith("RESULT "))
    result = json.loads(line.removeprefix("RESULT "))
    result["wrk_cpu_s"] = round(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, 2)
    return result


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
        pg_database = make_url(url).database if backend == "postgresql" else None
        mixes = [(mix, MIXES[mix]) for mix in args.mix or ("reads", "80/20")]
        # Every read run on the store as ingested; the 80/20 runs then add articles one after the other.
        for mix, share in mixes:
            for run in range(args.repeats):
                with serve(env, args.serve_args, work / "gunicorn.log") as (base, group):
                    wrk(base, 3, args.connections, share)  # warm-up: connections, caches, page cache
                    time.sleep(1)  # let the writes wrk cut off at its end finish before counting
                    before, _ = counts(url)
                    pids = service_pids(group, pg_database)
                    load_before, cpu_before = load1(), cpu_seconds(pids)
                    result = wrk(base, args.seconds, args.connections, share)
                    cpu = cpu_seconds(pids) - cpu_before
                    load_after = load1()
                after, quotes_after = counts(url)
                created = result["statuses"].get("201", 0)
                errors = result["socket_errors"] + sum(n for s, n in result["statuses"].items() if int(s) >= 400)
                rows.append({"backend": backend, "mix": mix, "run": run + 1, **result, "errors": errors,
                             "created": created,
                             # A 201 without its article would be a lost write; articles beyond the 201s are
                             # writes wrk stopped waiting for at the end, which the service still completed.
                             "stored": after - before, "lost_writes": max(0, created - (after - before)),
                             "articles": after, "quotes": quotes_after,
                             # CPU of gunicorn (master and workers) and, on PostgreSQL, of the backends
                             # serving this database, per request: what other load on the machine does
                             # not change, unlike requests/s.
                             "service_cpu_ms_per_request": round(cpu * 1000 / max(result["requests"], 1), 2),
                             "load1": [load_before, load_after]})
    return rows


def store_arguments(description: str) -> argparse.ArgumentParser:
    """Return a parser with the options that choose the stores: backends, server, articles."""
    parser = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--postgres", default=os.environ.get("QUOTESVC_BENCH_POSTGRES_URL",
                                                              "postgresql+psycopg://postgres@127.0.0.1:5432/test"))
    parser.add_argument("--articles", type=int, default=2000, help="Articles in the store before the runs.")
    return parser


def main() -> None:
    parser = store_arguments(__doc__)
    parser.add_argument("--seconds", type=int, default=20, help="Length of each measured run.")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--repeats", type=int, default=1, help="Runs of each mix (the machine may be shared).")
    parser.add_argument("--serve-args", default="", help="Options for `quotesvc serve` (default: its defaults), "
                                                         "e.g. '--workers 4 --worker-class gthread'.")
    parser.add_argument("--mix", action="append", choices=tuple(MIXES),
                        help="A mix to run (repeat for several; default: reads, then 80/20).")
    parser.add_argument("--json", type=Path, help="Also write the figures to this file.")
    args = parser.parse_args()
    args.serve_args = shlex.split(args.serve_args)
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: apt-get install -y wrk")
    rows = []
    for backend in (("sqlite", "postgresql") if args.backend == "both" else (args.backend,)):
        rows += bench(backend, args)
    print(f"{'backend':<11} {'mix':<6} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'errors':>6} "
          f"{'created':>7} {'lost':>4} {'cpu ms/req':>10} {'load 1m':>11}")
    for r in rows:
        print(f"{r['backend']:<11} {r['mix']:<6} {r['rps']:>7.0f} {r['p50_ms']:>7.1f} {r['p99_ms']:>7.1f} "
              f"{r['errors']:>6} {r['created']:>7} {r['lost_writes']:>4} {r['service_cpu_ms_per_request']:>10.2f} "
              f"{r['load1'][0]:>5.2f}-{r['load1'][1]:<5.2f}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n")


if __name__ == "__main__":
    main()
