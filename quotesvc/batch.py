"""The batch side of the command line: ``quotesvc extract`` over JSON lines or one text.

``run_jsonl`` is the contract we measure with: one JSON line in, one JSON line out, in
input order, and a bad line never stops the run. ``print_listing`` is for a person
reading one article. Neither touches Flask or the database.
"""

from __future__ import annotations

import contextlib
import json
import sys
import time
from typing import IO

import click

from quotesvc.evaluate import run_eval
from quotesvc.extract import Result, extract

__all__ = ["extract_line", "print_listing", "run_eval", "run_jsonl"]

# Progress goes to a non-terminal stderr only once a run has lasted this long, so that
# short runs in scripts and tests stay quiet but a long corpus run shows it is alive.
LONG_RUN_SECONDS = 10.0


def extract_line(line: bytes | str, lineno: int) -> dict:
    """Turn one input line into its output record: the results, or an ``error``.

    The output ``id`` is the input's ``id`` (whatever its value, null included); a line
    that is not a JSON object with an ``id`` is identified by its 1-based line number.
    """
    try:
        doc = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return {"id": lineno, "error": f"line {lineno}: not JSON: {exc}"}
    if not isinstance(doc, dict):
        return {"id": lineno, "error": f"line {lineno}: not a JSON object"}
    doc_id = doc.get("id", lineno)
    text = doc.get("text")
    if text is None:
        return {"id": doc_id, "error": f"line {lineno}: no text"}
    if not isinstance(text, str):
        return {"id": doc_id, "error": f"line {lineno}: text is a {type(text).__name__}, not a string"}
    try:
        result = extract(text)
    except Exception as exc:  # one document's bug must not stop a corpus run
        return {"id": doc_id, "error": f"line {lineno}: extractor failed: {type(exc).__name__}: {exc}"}
    return {"id": doc_id, **result.to_dict()}


def _dump(record: dict) -> bytes:
    """Encode a record as one UTF-8 JSON line (non-ASCII kept as is).

    Text read from ``\\ud800``-style escapes can hold lone surrogates, which UTF-8 cannot
    carry; such a record is written with ASCII escapes instead (same JSON, same offsets).
    """
    try:
        return (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
    except UnicodeEncodeError:
        return (json.dumps(record) + "\n").encode("ascii")


class _Progress:
    """Report documents done on stderr: live on a terminal, else only for long runs."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.tty = stream.isatty()
        self.started = self.last = time.monotonic()
        self.shown = False
        self.docs = self.errors = self.chars = 0

    def add(self, record: dict, chars: int) -> None:
        self.docs += 1
        self.chars += chars
        self.errors += "error" in record
        now = time.monotonic()
        if self.tty and now - self.last >= 0.5:
            self._show("\r", "")
        elif not self.tty and now - self.started >= LONG_RUN_SECONDS and now - self.last >= LONG_RUN_SECONDS:
            self._show("", "\n")
        else:
            return
        self.last = now

    def done(self) -> None:
        if self.shown or self.tty:
            self._show("\r" if self.tty else "", "\n")

    def _show(self, head: str, tail: str) -> None:
        secs = max(time.monotonic() - self.started, 1e-9)
        self.stream.write(
            f"{head}extract: {self.docs} documents, {self.errors} errors, "
            f"{self.chars / 1e6:.1f} M chars in {secs:.1f} s ({self.chars / secs / 1e3:,.0f} k chars/s){tail}"
        )
        self.stream.flush()
        self.shown = True


def _open_bytes(source: str) -> IO[bytes] | contextlib.nullcontext[IO[bytes]]:
    """Open a path (or ``-``, stdin, left open afterwards) for reading bytes."""
    if source == "-":
        return contextlib.nullcontext(sys.stdin.buffer)
    try:
        return open(source, "rb")
    except OSError as exc:
        raise click.ClickException(f"cannot read {source}: {exc.strerror or exc}") from exc


def run_jsonl(source: str) -> None:
    """Extract quotes from each JSON line ``{"id", "text", ...}`` of SOURCE (a path or ``-``).

    Writes ``{"id", "quotes", "speakers", "warnings"}`` per document to stdout, in input
    order, flushed line by line so a pipe sees results as they come. Other input keys are
    ignored, so a gold file can be fed in as is. Blank lines are skipped; a line that is
    not JSON, or has no string ``text``, gives ``{"id", "error"}`` and the run goes on.
    """
    # Bytes both ways: a line that is not UTF-8 is that line's error, not the run's end.
    out = sys.stdout.buffer
    progress = _Progress(sys.stderr)
    with _open_bytes(source) as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            record = extract_line(line, lineno)
            out.write(_dump(record))
            out.flush()
            progress.add(record, len(line))
    progress.done()


# --- a listing for people ------------------------------------------------------------


def _shorten(text: str, width: int) -> str:
    """Collapse whitespace and cut to ``width`` characters, marking a cut with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def format_listing(result: Result, title: str, width: int = 72) -> list[str]:
    """Return the lines of a readable listing of ``result``: quotes, speakers, warnings."""
    lines = [f"{title}: {len(result.quotes)} quotes, {len(result.speakers)} speakers, "
             f"{len(result.warnings)} warnings"]
    if result.quotes:
        lines.append("")
        lines.append(f"{'#':>3}  {'offsets':<11}  {'kind':<8}  {'speaker':<24}  {'cue':<12}  conf  rule")
        for n, q in enumerate(result.quotes, 1):
            lines.append(
                f"{n:>3}  {f'{q.start}-{q.end}':<11}  {q.kind:<8}  {_shorten(q.speaker or '?', 24):<24}  "
                f"{_shorten(q.cue or '-', 12):<12}  {q.confidence:.2f}  {q.rule}"
            )
            lines.append(f"     “{_shorten(q.text, width)}”")
    if result.speakers:
        lines.append("")
        lines.append("speakers:")
        for s in result.speakers:
            extra = []
            if s.aliases:
                extra.append("also " + ", ".join(s.aliases))
            if s.roles:
                extra.append("; ".join(s.roles))
            tail = f" — {' | '.join(extra)}" if extra else ""
            lines.append(f"  {s.name} ({s.kind}, {s.quote_count} quotes){tail}")
    if result.warnings:
        lines.append("")
        lines.append("warnings:")
        for w in result.warnings:
            where = f" at {w.start}-{w.end}" if w.start is not None else ""
            lines.append(f"  {w.code}{where}: {w.message}")
    return lines


def print_listing(path: str) -> None:
    """Print a readable listing of the quotes in the text file PATH (``-`` for stdin)."""
    with _open_bytes(path) as fh:
        text = fh.read().decode("utf-8", errors="replace")
    title = "stdin" if path == "-" else path
    click.echo("\n".join(format_listing(extract(text), title)))
