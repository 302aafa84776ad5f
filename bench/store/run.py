"""Store and API benchmark: ingest rate and GET /quotes latency on SQLite and PostgreSQL.

    .venv/bin/python bench/store/run.py --corpus /work/shared/dev/polnear_dev.jsonl \
        --corpus /work/shared/dev/polnear_train.jsonl          # ~100,000 quotes, both databases
    .venv/bin/python bench/store/run.py --quick                 # ~10,000 quotes, a minute or two

For each database it builds a fresh store from copies of real articles (``corpus.py``):
``quotesvc db upgrade``, then ``quotesvc ingest`` of JSON lines (timed: articles/s), until the
store holds ``--quotes`` quotes. It then starts gunicorn on 127.0.0.1 and measures, over real
HTTP (a new connection per request, as gunicorn's sync workers close them): ``POST /articles``
from a few client threads, and the latency of ``GET /api/v1/quotes`` pages with a speaker
filter, a full-text ``q``, and a deep keyset page reached by following ``next_cursor``.
To see where time goes it also times the same queries in process (``Repository.list_quotes``,
no HTTP), keeps the query plan of the slowest one (``EXPLAIN``; ``EXPLAIN ANALYZE`` on
PostgreSQL), and splits ingest into extraction alone and writes alone (``save_many``).

PostgreSQL runs in a database created for the run (``qs_bench_<random>``) on the server of
``--pg-server`` and dropped afterwards. Every figure carries the 1-minute load average
before and after it: the machine is shared, and a busy core shows in every number.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import math
import os
import platform
import random
import re
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import ROOT, Base, copies, load_bases, write_jsonl  # noqa: E402
from sqlalchemy import create_engine, func, select  # noqa: E402

from quotesvc.api.pagination import decode_cursor  # noqa: E402
from quotesvc.extract import extract  # noqa: E402
from quotesvc.store import open_store  # noqa: E402
from quotesvc.store.documents import from_mapping  # noqa: E402
from quotesvc.store.records import QuoteFilter, Sort  # noqa: E402
from quotesvc.store.tables import articles, quotes, speaker_names, speakers  # noqa: E402
from tests.reliability.service import Service, quotesvc_env  # noqa: E402

QUOTESVC = Path(sys.executable).parent / "quotesvc"
PG_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
INGEST_TARGET = 200.0  # articles/s through `quotesvc ingest` (issue 3)
LATENCY_TARGET_MS = 20.0  # p99 of a filtered GET /quotes at 100,000 quotes (issue 3)
PAGE_SIZE = 50
DEFAULT_SORT = Sort("published_at", descending=True)
# Words and phrases for q=: common and rare ones, single words and phrases.
SEARCHES = ("president", "economy", "immigration", "police", "health care", "tax", "election", "war", "jobs",
            "climate change", "vaccine", "border wall", "trade deal", "disaster", "budget", "terrorism",
            "supreme court", "refugees", "guns", "nhs")


@dataclass
class Settings:
    quick: bool
    corpora: list[Path]
    backends: list[str]
    target_quotes: int
    post_articles: int
    post_threads: int
    repeats: int
    depth: int
    sample: int
    workers: int
    pg_server: str
    out: Path


@dataclass
class Figure:
    """One measurement: what, its numbers and the load average around it."""

    backend: str
    name: str
    unit: str  # "articles/s" or "ms"
    values: dict = field(default_factory=dict)
    load: tuple[float, float] = (0.0, 0.0)
    target: str = ""
    met: bool | None = None
    detail: dict = field(default_factory=dict)


def load1() -> float:
    """Return the 1-minute load average (what `uptime` prints first)."""
    return float(Path("/proc/loadavg").read_text().split()[0])


@contextlib.contextmanager
def measured(fig: Figure) -> Iterator[Figure]:
    before = load1()
    yield fig
    fig.load = (before, load1())


def percentiles(seconds: list[float]) -> dict:
    """Return p50, p99 and max of ``seconds`` in milliseconds."""
    ms = sorted(s * 1000 for s in seconds)
    cuts = statistics.quantiles(ms, n=100, method="inclusive") if len(ms) > 1 else ms * 99
    return {"n": len(ms), "p50": round(cuts[49], 2), "p99": round(cuts[98], 2), "max": round(ms[-1], 2)}


# --- databases -------------------------------------------------------------------------


def database(backend: str, workdir: Path, pg_server: str) -> contextlib.AbstractContextManager[str]:
    """Return the context of an empty database (a SQLite file, or a PostgreSQL database dropped after).

    The load benchmark's helper, so both benchmarks treat the shared server the same way.
    """
    spec = importlib.util.spec_from_file_location("bench_load_run", ROOT / "bench" / "load" / "run.py")
    load_bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(load_bench)
    return load_bench.database(backend, pg_server, workdir)


def postgres_reachable(pg_server: str) -> str | None:
    """Return the server's version, or None when it does not answer."""
    engine = create_engine(pg_server, connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as conn:
            return conn.exec_driver_sql("SHOW server_version").scalar()
    except Exception:
        return None
    finally:
        engine.dispose()


def count_quotes(url: str) -> tuple[int, int, int]:
    """Return (articles, quotes, speakers) stored at ``url``."""
    store = open_store(url)
    try:
        with store.engine.connect() as conn:
            return tuple(conn.execute(select(func.count()).select_from(t)).scalar() for t in (articles, quotes, speakers))
    finally:
        store.engine.dispose()


# --- ingest ----------------------------------------------------------------------------


def cli_ingest(path: Path, env: dict, backend: str, label: str) -> Figure:
    """Run `quotesvc ingest path` and return its rate (its own timing, and wall clock with start-up)."""
    fig = Figure(backend, f"quotesvc ingest, {label}", "articles/s",
                 target=f">= {INGEST_TARGET:.0f}/s")
    with measured(fig):
        cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        done = subprocess.run([str(QUOTESVC), "ingest", str(path)], env=env, cwd=ROOT, capture_output=True,
                              text=True)
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise RuntimeError(f"quotesvc ingest failed:\n{done.stderr[-3000:]}")
    summary = done.stderr.strip().splitlines()[-1]
    m = re.search(r"created (\d+), existing (\d+), failed (\d+) \((\d+) articles in ([\d.]+) s", summary)
    created, existing, failed, n, seconds = int(m[1]), int(m[2]), int(m[3]), int(m[4]), float(m[5])
    cpu_seconds = (after.ru_utime + after.ru_stime) - (cpu.ru_utime + cpu.ru_stime)
    fig.values = {"rate": round(n / seconds, 1), "articles": n, "seconds": seconds,
                  "wall_rate": round(n / wall, 1), "wall_seconds": round(wall, 1),
                  # CPU of the command and its extraction pool: what the load of others does not change.
                  "cpu_ms_per_article": round(cpu_seconds / n * 1000, 2),
                  "cores_used": round(cpu_seconds / wall, 2)}
    fig.detail = {"created": created, "existing": existing, "failed": failed, "summary": summary}
    fig.met = fig.values["rate"] >= INGEST_TARGET
    return fig


def extraction_profile(items: list[dict]) -> tuple[Figure, list]:
    """Time the extractor alone on ``items`` in this one process (one core)."""
    fig = Figure("-", f"profile: extract() alone, 1 process, {len(items)} art.", "articles/s")
    docs = [from_mapping(item) for item in items]
    with measured(fig):
        started, cpu = time.perf_counter(), time.process_time()
        results = [extract(doc.text) for doc in docs]
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    fig.values = {"rate": round(len(docs) / seconds, 1), "articles": len(docs), "seconds": round(seconds, 2),
                  "cpu_ms_per_article": round(cpu / len(docs) * 1000, 2),
                  "quotes": sum(len(r.quotes) for r in results),
                  "chars_per_article": round(sum(len(d.text) for d in docs) / len(docs))}
    return fig, list(zip(docs, results, strict=True))


def write_profile(url: str, backend: str, extracted: list, batch_size: int = 200) -> Figure:
    """Time ``Repository.save_many`` alone (extraction done beforehand), in batches as the CLI writes."""
    fig = Figure(backend, f"profile: save_many() alone, {len(extracted)} art.", "articles/s")
    store = open_store(url)
    try:
        with measured(fig):
            started, cpu = time.perf_counter(), time.process_time()
            outcomes = []
            for i in range(0, len(extracted), batch_size):
                outcomes += store.save_many(extracted[i:i + batch_size])
            seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    finally:
        store.engine.dispose()
    fig.values = {"rate": round(len(extracted) / seconds, 1), "articles": len(extracted),
                  "seconds": round(seconds, 2), "cpu_ms_per_article": round(cpu / len(extracted) * 1000, 2)}
    fig.detail = {"created": sum(1 for s, _ in outcomes if s == "created")}
    return fig


def post_articles(service: Service, items: list[dict], threads: int, backend: str) -> Figure:
    """POST ``items`` to /api/v1/articles from ``threads`` client threads; return the rate."""
    fig = Figure(backend, f"POST /articles, {len(items)} art., {threads} threads", "articles/s")

    def post(item):
        reply = service.request("POST", "/api/v1/articles", item, timeout=120)
        return reply.status, reply.seconds

    with measured(fig):
        started = time.perf_counter()
        with ThreadPoolExecutor(threads) as pool:
            replies = list(pool.map(post, items))
        seconds = time.perf_counter() - started
    statuses = {str(s): sum(1 for r in replies if r[0] == s) for s in {r[0] for r in replies}}
    fig.values = {"rate": round(len(items) / seconds, 1), "articles": len(items), "seconds": round(seconds, 2)}
    fig.detail = {"statuses": statuses, "request_latency_ms": percentiles([r[1] for r in replies])}
    return fig


# --- queries ---------------------------------------------------------------------------


@dataclass
class Case:
    """A kind of GET /quotes request, with the parameter sets it cycles through."""

    name: str
    params: list[dict]

    def filter_of(self, params: dict) -> tuple[QuoteFilter, tuple | None]:
        keys = {k: v for k, v in params.items() if k in ("speaker", "q")}
        return QuoteFilter(**keys), decode_cursor(params.get("cursor"), DEFAULT_SORT)


def query_cases(url: str, rng: random.Random) -> list[Case]:
    """Pick speakers from the store: the most quoted, surnames shared by most speakers, random names."""
    store = open_store(url)
    try:
        with store.engine.connect() as conn:
            top = conn.execute(
                select(speakers.c.name).order_by(speakers.c.quote_count.desc()).limit(10)).scalars().all()
            shared = conn.execute(
                select(speaker_names.c.key).group_by(speaker_names.c.key)
                .order_by(func.count().desc(), speaker_names.c.key).limit(10)).scalars().all()
            keys = sorted(conn.execute(select(speaker_names.c.key).distinct()).scalars())
    finally:
        store.engine.dispose()
    return [
        Case("GET /quotes, no filter, page 1", [{}]),
        Case("GET /quotes?speaker= 10 most quoted", [{"speaker": n} for n in top]),
        Case("GET /quotes?speaker= 10 names most shared", [{"speaker": k} for k in shared]),
        Case("GET /quotes?speaker= 50 random names", [{"speaker": k} for k in rng.sample(keys, min(50, len(keys)))]),
        Case("GET /quotes?q= 20 words and phrases", [{"q": w} for w in SEARCHES]),
    ]


def http_get(service: Service, params: dict) -> tuple[float, dict]:
    reply = service.request("GET", "/api/v1/quotes?" + urlencode({"page_size": PAGE_SIZE, **params}))
    if reply.status != 200:
        raise RuntimeError(f"GET /quotes {params} answered {reply.status}: {reply.body[:500]!r}")
    return reply.seconds, reply.json()


def deep_cursor(service: Service, depth: int) -> tuple[str, list[float]]:
    """Follow ``next_cursor`` ``depth`` pages from the newest quote; return that cursor and the page times."""
    cursor, times = None, []
    for _ in range(depth):
        seconds, body = http_get(service, {"cursor": cursor} if cursor else {})
        times.append(seconds)
        cursor = body["next_cursor"]
        if cursor is None:
            raise RuntimeError(f"the store ends before page {depth}")
    return cursor, times


def time_case(service: Service, url: str, case: Case, repeats: int, backend: str) -> Figure:
    """Time ``repeats`` HTTP requests cycling through the case's parameters, then the same in process."""
    fig = Figure(backend, case.name, "ms", target=f"p99 <= {LATENCY_TARGET_MS:.0f} ms")
    for params in case.params[:20]:  # warm-up: connections, caches, the first use of each name
        http_get(service, params)
    order = [case.params[i % len(case.params)] for i in range(repeats)]
    with measured(fig):
        timed = [(http_get(service, p), p) for p in order]
    fig.values = percentiles([t for (t, _), _ in timed])
    hits = [len(body["items"]) for (_, body), _ in timed]
    fig.met = fig.values["p99"] <= LATENCY_TARGET_MS

    # The same queries without HTTP, Flask and JSON: what the store itself costs.
    store = open_store(url)
    try:
        per_params: dict[str, list[float]] = {}
        store_times, store_cpu = [], []
        for params in order:
            f, after = case.filter_of(params)
            started, cpu = time.perf_counter(), time.process_time()
            store.list_quotes(f, DEFAULT_SORT, after, PAGE_SIZE)
            seconds = time.perf_counter() - started
            store_times.append(seconds)
            store_cpu.append(time.process_time() - cpu)
            per_params.setdefault(json.dumps(params), []).append(seconds)
        slowest = max(per_params, key=lambda k: statistics.median(per_params[k]))
        f, after = case.filter_of(json.loads(slowest))
        fig.detail = {
            "store_ms": percentiles(store_times),
            "store_cpu_ms": percentiles(store_cpu),  # this process only; PostgreSQL's own work is not in it
            "items_per_page": {"min": min(hits), "max": max(hits)},
            "slowest_params": json.loads(slowest),
            "slowest_store_ms": round(statistics.median(per_params[slowest]) * 1000, 2),
            "plan": explain(store, f, after),
        }
    finally:
        store.engine.dispose()
    return fig


def explain(store, f: QuoteFilter, after) -> list[str]:
    """Return the query plan of one page (EXPLAIN ANALYZE on PostgreSQL: it shows where time goes)."""
    query = store.quote_page_query(f, DEFAULT_SORT, after, PAGE_SIZE)
    compiled = query.compile(store.engine, compile_kwargs={"render_postcompile": True})
    with store.engine.connect() as conn:
        if store.dialect == "sqlite":
            params = tuple(compiled.params[name] for name in compiled.positiontup)
            return [row[-1] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + str(compiled), params)]
        return [row[0] for row in conn.exec_driver_sql("EXPLAIN (ANALYZE, BUFFERS) " + str(compiled),
                                                       compiled.params)]


# --- one database ----------------------------------------------------------------------


def bench_backend(backend: str, url: str, bases: list[Base], extracted: list, cfg: Settings,
                  workdir: Path, note: Callable[[str], None]) -> tuple[list[Figure], dict]:
    env = quotesvc_env(url)
    subprocess.run([str(QUOTESVC), "db", "upgrade"], env=env, cwd=ROOT, check=True, capture_output=True)
    figures: list[Figure] = []

    first = workdir / f"{backend}-copy0.jsonl"
    n = write_jsonl(copies(bases, 0, 1), first)
    note(f"{backend}: ingesting copy 0 ({n} articles)")
    figures.append(cli_ingest(first, env, backend, f"{n} art., empty store"))
    _, per_copy, _ = count_quotes(url)
    needed = max(1, math.ceil(cfg.target_quotes / max(per_copy, 1)))
    if needed > 1:
        rest = workdir / f"{backend}-copies.jsonl"
        n = write_jsonl(copies(bases, 1, needed), rest)
        note(f"{backend}: ingesting copies 1-{needed - 1} ({n} articles, {per_copy} quotes per copy)")
        figures.append(cli_ingest(rest, env, backend, f"{n} art., up to {cfg.target_quotes:,} quotes"))
        first.unlink()
        rest.unlink()

    note(f"{backend}: writes alone")
    figures.append(write_profile(url, backend, extracted))

    with Service(env, workdir / f"gunicorn-{backend}.log", workers=cfg.workers, timeout=120) as service:
        items = list(copies(shuffled(bases), 100_001, 100_001 + math.ceil(cfg.post_articles / len(bases))))
        note(f"{backend}: POST /articles x {cfg.post_articles}")
        figures.append(post_articles(service, items[:cfg.post_articles], cfg.post_threads, backend))

        stored = dict(zip(("articles", "quotes", "speakers"), count_quotes(url), strict=True))
        note(f"{backend}: GET /quotes on {stored['quotes']:,} quotes")
        for case in query_cases(url, random.Random(7)):
            figures.append(time_case(service, url, case, cfg.repeats, backend))

        cursor, follow = deep_cursor(service, cfg.depth)
        fig = time_case(service, url, Case(f"GET /quotes, cursor page {cfg.depth + 1} ({PAGE_SIZE}/page)",
                                           [{"cursor": cursor}]), cfg.repeats, backend)
        fig.detail["following_pages_ms"] = percentiles(follow)
        figures.append(fig)
    return figures, stored


def shuffled(bases: list[Base]) -> list[Base]:
    out = list(bases)
    random.Random(3).shuffle(out)
    return out


# --- report ----------------------------------------------------------------------------


def table(figures: list[Figure], stores: dict) -> str:
    """Return the figures as a fixed-width table: latencies in ms, rates in articles/s."""
    lines = [f"{'db':<10} {'figure':<52} {'p50 ms':>7} {'p99 ms':>7} {'store p99':>9} {'rate/s':>7} "
             f"{'cpu ms/art':>10} {'load 1m':>11}  target"]
    for f in figures:
        if f.unit == "ms":
            nums = f"{f.values['p50']:>7.1f} {f.values['p99']:>7.1f} {f.detail['store_ms']['p99']:>9.1f} {'':>7} {'':>10}"
        else:
            cpu = f.values.get("cpu_ms_per_article")
            nums = f"{'':>7} {'':>7} {'':>9} {f.values['rate']:>7.1f} {'' if cpu is None else f'{cpu:.1f}':>10}"
        verdict = "" if f.met is None else f"{f.target}: {'met' if f.met else 'MISSED'}"
        lines.append(f"{f.backend:<10} {f.name[:52]:<52} {nums} {f.load[0]:>5.2f}-{f.load[1]:<5.2f}  {verdict}")
    for backend, s in stores.items():
        lines.append(f"{backend}: {s['articles']:,} articles, {s['quotes']:,} quotes, {s['speakers']:,} speakers")
    return "\n".join(lines)


def parse_args(argv: list[str] | None) -> Settings:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help="~10,000 quotes and fewer requests (a minute or two)")
    p.add_argument("--corpus", action="append", type=Path, default=[],
                   help="a JSONL corpus of {id, text} to copy from, read in place (repeatable)")
    p.add_argument("--backends", default="sqlite,postgresql")
    p.add_argument("--quotes", type=int, help="quotes the store must hold (default 100,000; quick 10,000)")
    p.add_argument("--post", type=int, help="articles to POST (default 400; quick 60)")
    p.add_argument("--post-threads", type=int, default=4)
    p.add_argument("--repeats", type=int, help="timed requests per query kind (default 300; quick 40)")
    p.add_argument("--depth", type=int, help="pages to follow for the deep cursor (default 200; quick 20)")
    p.add_argument("--sample", type=int, help="articles for the extraction/writes profile (default 400; quick 60)")
    p.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="gunicorn workers (default: cores)")
    p.add_argument("--pg-server", default=PG_SERVER, help="PostgreSQL server URL to create a throwaway database on")
    p.add_argument("--out", type=Path, help="JSON results (default bench/store/results[-quick].json)")
    a = p.parse_args(argv)
    quick = a.quick
    return Settings(
        quick=quick, corpora=a.corpus, backends=[b.strip() for b in a.backends.split(",") if b.strip()],
        target_quotes=a.quotes or (10_000 if quick else 100_000), post_articles=a.post or (60 if quick else 400),
        post_threads=a.post_threads, repeats=a.repeats or (40 if quick else 300),
        depth=a.depth or (20 if quick else 200), sample=a.sample or (60 if quick else 400), workers=a.workers,
        pg_server=a.pg_server,
        out=a.out or Path(__file__).with_name("results-quick.json" if quick else "results.json"),
    )


def main(argv: list[str] | None = None) -> None:
    cfg = parse_args(argv)
    started = time.perf_counter()

    def note(message: str) -> None:
        print(f"[{time.perf_counter() - started:6.0f} s, load {load1():.2f}] {message}", file=sys.stderr, flush=True)

    bases = load_bases(cfg.corpora)
    pg_version = postgres_reachable(cfg.pg_server) if "postgresql" in cfg.backends else None
    if "postgresql" in cfg.backends and pg_version is None:
        note(f"PostgreSQL at {cfg.pg_server} does not answer: skipped")
        cfg.backends.remove("postgresql")

    note(f"{len(bases)} base articles; extraction alone on {cfg.sample}")
    sample = list(copies(shuffled(bases), 100_000, 100_000 + math.ceil(cfg.sample / len(bases))))[:cfg.sample]
    extraction, extracted = extraction_profile(sample)
    figures = [extraction]
    stores = {}
    workdir = Path(tempfile.mkdtemp(prefix="qs-bench-"))
    try:
        for backend in cfg.backends:
            with database(backend, workdir, cfg.pg_server) as url:
                found, stores[backend] = bench_backend(backend, url, bases, extracted, cfg, workdir, note)
                figures += found
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    report = table(figures, stores)
    print(report)
    results = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                 text=True).stdout.strip(),
        # Uncommitted changes under quotesvc/ (others work in this tree too) are measured as well.
        "quotesvc_changes": subprocess.run(["git", "status", "--porcelain", "--", "quotesvc"], cwd=ROOT,
                                           capture_output=True, text=True).stdout.split("\n")[:-1],
        "machine": {"cores": os.cpu_count(), "python": platform.python_version(), "sqlite": sqlite3.sqlite_version,
                    "postgresql": pg_version},
        "settings": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(cfg).items()
                     if k != "corpora"} | {"corpora": [str(c) for c in cfg.corpora], "base_articles": len(bases)},
        "method": "real HTTP to gunicorn on 127.0.0.1 (sync workers, new connection per request), "
                  "one client thread for GET latency; store_ms is Repository.list_quotes in process",
        "stores": stores,
        "figures": [vars(f) for f in figures],
        "seconds": round(time.perf_counter() - started),
        "table": report.splitlines(),
    }
    cfg.out.write_text(json.dumps(results, indent=1, default=str) + "\n")
    note(f"wrote {cfg.out.relative_to(ROOT) if cfg.out.is_relative_to(ROOT) else cfg.out}")


if __name__ == "__main__":
    main()
