"""The ``quotesvc`` command: serve, extract, ingest, eval, db upgrade.

Each command imports what it needs when it runs, so ``quotesvc extract`` never
loads Flask or SQLAlchemy.
"""

from __future__ import annotations

import click

from quotesvc import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="quotesvc")
def cli() -> None:
    """Find quotations in news articles and say who said them."""


# --- extraction and evaluation -------------------------------------------------


@cli.command("extract")
@click.argument("source", required=False, default="-")
@click.option("--jsonl", "as_jsonl", is_flag=True,
              help="Read JSON lines {id, text, ...} and write one JSON line of results per document.")
def extract_cmd(source: str, as_jsonl: bool) -> None:
    """Extract quotes from SOURCE (a .txt file, a JSONL file with --jsonl, or - for stdin)."""
    from quotesvc import batch

    if as_jsonl:
        batch.run_jsonl(source)
    else:
        batch.print_listing(source)


@cli.command("eval")
@click.argument("gold")
@click.option("--pred", default=None, help="Score this prediction JSONL instead of running the extractor.")
@click.option("--kinds", type=click.Choice(["all", "quoted", "indirect"]), default=None,
              help="Score one group only (default: every group, one after the other).")
@click.option("--match", "how", type=click.Choice(["jaccard", "ggt"]), default="jaccard")
@click.option("--threshold", type=float, default=None)
@click.option("--errors", type=int, default=0, help="List up to N errors.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def eval_cmd(gold, pred, kinds, how, threshold, errors, as_json) -> None:
    """Score the extractor (or PRED) against a GOLD JSONL file."""
    from quotesvc import batch

    batch.run_eval(gold, pred, kinds, how, threshold, errors, as_json)


# --- service and storage (settings from QUOTESVC_* variables, see quotesvc.config) ----


@cli.command("serve")
@click.option("--bind", "-b", default="127.0.0.1:8000", show_default=True, help="Address gunicorn listens on.")
@click.option("--workers", "-w", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: QUOTESVC_WORKERS, else one per CPU core).")
@click.option("--threads", type=click.IntRange(min=1), default=None,
              help="Threads per worker (default: QUOTESVC_THREADS, else 1); above 1, gthread workers.")
@click.option("--worker-class", type=click.Choice(["sync", "gthread"]), default=None,
              help="gunicorn worker class (default: QUOTESVC_WORKER_CLASS, else sync; gthread keeps "
                   "connections alive).")
@click.option("--keep-alive", type=click.IntRange(min=0), default=None,
              help="Seconds a gthread worker keeps an idle connection open (default: QUOTESVC_KEEP_ALIVE).")
@click.option("--access-log/--no-access-log", default=None,
              help="Log every request to standard output (default: QUOTESVC_ACCESS_LOG, else on).")
@click.option("--timeout", type=click.IntRange(min=1), default=60, show_default=True,
              help="Seconds before a silent worker is restarted.")
def serve_cmd(bind: str, workers: int | None, threads: int | None, worker_class: str | None,
              keep_alive: int | None, access_log: bool | None, timeout: int) -> None:
    """Serve the REST API with gunicorn (docs at /api/v1/docs)."""
    import os
    import sys

    from quotesvc.config import Settings

    settings = Settings.from_env()
    argv = [sys.executable, "-m", "gunicorn", *gunicorn_options(
        settings, bind=bind, workers=workers, threads=threads, worker_class=worker_class,
        keep_alive=keep_alive, access_log=access_log, timeout=timeout), "quotesvc.app:create_app()"]
    click.echo(f"quotesvc serving on http://{bind}/api/v1/ (docs: /api/v1/docs)", err=True)
    os.execv(sys.executable, argv)


def gunicorn_options(settings, *, bind: str, workers: int | None = None, threads: int | None = None,
                     worker_class: str | None = None, keep_alive: int | None = None,
                     access_log: bool | None = None, timeout: int = 60) -> list[str]:
    """Return gunicorn's command-line options: the arguments given, else the settings."""
    import os

    import gunicorn

    workers = workers or settings.workers or os.cpu_count() or 1
    threads = threads or settings.threads
    worker_class = worker_class or settings.worker_class or ("gthread" if threads > 1 else "sync")
    keep_alive = settings.keep_alive if keep_alive is None else keep_alive
    access_log = settings.access_log if access_log is None else access_log
    options = ["--bind", bind, "--workers", str(workers), "--worker-class", worker_class,
               "--timeout", str(timeout)]
    if worker_class == "gthread":
        options += ["--threads", str(threads), "--keep-alive", str(keep_alive)]
    if access_log:
        options += ["--access-logfile", "-"]
    if int(gunicorn.__version__.split(".")[0]) >= 27:
        options.append("--no-control-socket")  # else each instance wants ~/.gunicorn/gunicorn.ctl
    return options


@cli.group("db")
def db_group() -> None:
    """Manage the database (QUOTESVC_DATABASE_URL, default SQLite under ./var/)."""


@db_group.command("upgrade")
def db_upgrade_cmd() -> None:
    """Create or migrate the database schema to the newest revision."""
    from quotesvc.config import Settings
    from quotesvc.store import migrate, open_store

    store = open_store(Settings.from_env().database_url)
    migrate.upgrade(store.engine)
    click.echo(f"database {store.engine.url.render_as_string(hide_password=True)} "
               f"is at revision {migrate.current(store.engine)}", err=True)


@cli.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--workers", "-w", type=click.IntRange(min=1), default=None,
              help="Extraction processes (default: one per CPU core).")
@click.option("--batch-size", type=click.IntRange(min=1), default=200, show_default=True,
              help="Articles written per transaction.")
def ingest_cmd(paths: tuple[str, ...], workers: int | None, batch_size: int) -> None:
    """Store the articles in PATHS (.txt, .html or .jsonl files, or directories of them).

    Articles already stored (same external id, url or text) are counted, not duplicated.
    """
    import sys
    import time

    from quotesvc.config import Settings
    from quotesvc.store import bulk, migrate, open_store

    store = open_store(Settings.from_env().database_url)
    if migrate.current(store.engine) != migrate.head():
        raise click.ClickException("the database schema is not current: run `quotesvc db upgrade` first")
    files = bulk.find_files(paths)
    started = time.perf_counter()
    with click.progressbar(length=bulk.count_documents(files), label="ingesting", file=sys.stderr,
                           show_pos=True) as bar:
        counts = bulk.ingest_files(
            store, files, workers=workers, batch_size=batch_size, progress=bar.update,
            report=lambda f: click.echo(f"\nfailed: {f.where}: {f.reason}", err=True),
        )
    seconds = time.perf_counter() - started
    done = sum(counts.values())
    click.echo(f"created {counts['created']}, existing {counts['existing']}, failed {counts['failed']} "
               f"({done} articles in {seconds:.1f} s, {done / seconds if seconds else 0:.0f}/s)", err=True)
    if counts["failed"]:
        raise SystemExit(1)


def main() -> None:
    """Run the command line."""
    cli()
