"""Bulk ingest of files: text, HTML and JSON lines, extracted in parallel, written in batches.

The parent process reads documents and skips those already stored; a pool of worker
processes runs the extractor (pure CPU work, so one process per core); the parent
writes the results in batches of one transaction each, with a savepoint per article.
"""

from __future__ import annotations

import json
import multiprocessing
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from quotesvc.errors import Conflict, QuotesvcError
from quotesvc.extract import Result, extract
from quotesvc.store.documents import from_html, from_mapping, from_text
from quotesvc.store.records import NewArticle
from quotesvc.store.repository import Repository

SUFFIXES = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".jsonl": "jsonl", ".ndjson": "jsonl"}
#: Documents checked against the store in one query.
CHECK_CHUNK = 500
#: Below this many new documents a process pool costs more than it saves.
POOL_THRESHOLD = 32


@dataclass(frozen=True, slots=True)
class Failure:
    """A document that could not be read or stored, and why."""

    where: str
    reason: str


def find_files(paths: Iterable[str | Path]) -> list[Path]:
    """Return the ingestible files named by ``paths``, walking directories, in sorted order."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
        elif path.is_file():
            found.append(path)
        else:
            raise FileNotFoundError(f"no such file or directory: {path}")
    return found


def count_documents(files: Iterable[Path]) -> int:
    """Return how many documents ``files`` hold (a JSONL file holds one per non-empty line)."""
    total = 0
    for path in files:
        if SUFFIXES.get(path.suffix.lower()) == "jsonl":
            with path.open("rb") as fh:
                total += sum(1 for line in fh if line.strip())
        else:
            total += 1
    return total


def read_documents(files: Iterable[Path]) -> Iterator[tuple[str, NewArticle | Failure]]:
    """Yield ``(where, article or failure)`` for every document in ``files``."""
    for path in files:
        kind = SUFFIXES.get(path.suffix.lower(), "text")
        if kind == "jsonl":
            yield from _read_jsonl(path)
            continue
        where = str(path)
        try:
            content = path.read_text(encoding="utf-8")
            yield where, from_html(content) if kind == "html" else from_text(content)
        except (OSError, UnicodeDecodeError, QuotesvcError) as exc:
            yield where, Failure(where, _describe(exc))


def _read_jsonl(path: Path) -> Iterator[tuple[str, NewArticle | Failure]]:
    with path.open(encoding="utf-8", errors="replace") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                item = json.loads(line)
                if not isinstance(item, dict):
                    raise ValueError("a line must hold a JSON object")
                yield where, from_mapping(item)
            except (ValueError, TypeError, QuotesvcError) as exc:
                yield where, Failure(where, _describe(exc))


def _describe(exc: Exception) -> str:
    return getattr(exc, "detail", None) or f"{type(exc).__name__}: {exc}"


def _extract(item: tuple[str, NewArticle]) -> tuple[str, NewArticle, Result | Failure]:
    """Run the extractor on one document (in a worker process)."""
    where, doc = item
    try:
        return where, doc, extract(doc.text)
    except Exception as exc:  # an extractor bug must cost one document, not the whole run
        return where, doc, Failure(where, f"extractor failed: {_describe(exc)}")


def ingest_files(
    repo: Repository,
    files: list[Path],
    *,
    workers: int | None = None,
    batch_size: int = 200,
    progress: Callable[[int], None] = lambda n: None,
    report: Callable[[Failure], None] = lambda f: None,
) -> Counter:
    """Ingest every document of ``files``; return the counts of created, existing and failed.

    ``progress(n)`` is called as documents are done; ``report`` receives each failure.
    When anything was created the planner's statistics are refreshed (``Repository.analyze``).
    """
    counts: Counter = Counter(created=0, existing=0, failed=0)
    pending: list[tuple[str, NewArticle]] = []

    def fail(failure: Failure) -> None:
        counts["failed"] += 1
        report(failure)
        progress(1)

    def check(chunk: list[tuple[str, NewArticle]]) -> None:
        """Keep the documents not stored yet (known ones need no extraction), one query a chunk."""
        for (where, doc), existing in zip(chunk, repo.existing_ids([doc for _, doc in chunk]), strict=True):
            if isinstance(existing, Conflict):
                fail(Failure(where, existing.detail))
            elif existing is not None:
                counts["existing"] += 1
                progress(1)
            else:
                pending.append((where, doc))
        chunk.clear()

    chunk: list[tuple[str, NewArticle]] = []
    for where, doc in read_documents(files):
        if isinstance(doc, Failure):
            fail(doc)
            continue
        chunk.append((where, doc))
        if len(chunk) >= CHECK_CHUNK:
            check(chunk)
    check(chunk)

    workers = workers or os.cpu_count() or 1
    batch: list[tuple[str, NewArticle, Result]] = []

    def flush() -> None:
        outcomes = repo.save_many([(doc, result) for _, doc, result in batch], checked=True)
        for (where, _, _), (status, detail) in zip(batch, outcomes, strict=True):
            if status == "failed":
                fail(Failure(where, str(detail)))
            else:
                counts[status] += 1
                progress(1)
        batch.clear()

    for where, doc, result in _extracted(pending, workers):
        if isinstance(result, Failure):
            fail(result)
            continue
        batch.append((where, doc, result))
        if len(batch) >= batch_size:
            flush()
    if batch:
        flush()
    if counts["created"]:
        repo.analyze()
    return counts


def _extracted(pending: list[tuple[str, NewArticle]], workers: int) -> Iterator[tuple]:
    """Yield extraction results in input order, in a process pool when it pays."""
    if workers <= 1 or len(pending) < POOL_THRESHOLD:
        yield from map(_extract, pending)
        return
    # Not multiprocessing.Pool: when a worker dies (killed, or unable to import quotesvc) the
    # Pool waits for its lost results forever; this executor raises BrokenProcessPool instead.
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
    try:
        yield from pool.map(_extract, pending, chunksize=8)
    finally:
        pool.shutdown(cancel_futures=True)
