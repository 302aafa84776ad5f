#!/usr/bin/env python3
"""Measure how fast ``extract()`` runs: characters per second, one process, one core.

    .venv/bin/python bench/bench_extract.py                                   # the seeds
    .venv/bin/python bench/bench_extract.py --jsonl ../shared/dev/polnear_dev.jsonl
    .venv/bin/python bench/bench_extract.py --repeats 7 --no-pathological

Each corpus is run ``--repeats`` times after a warm-up; the table gives the median and
the best run, in CPU time of this process (``time.process_time``), so that other load
on a shared machine counts less than it would in wall time. Then each 1 MB pathological
article is run once, under a wall-clock cap (``--cap``) so that an extractor gone
quadratic is reported instead of hanging.
This is a benchmark, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import signal
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
extract: Callable = None  # type: ignore[assignment] - set by main() from the tree it measures


def _use_tree(tree: Path) -> str:
    """Import ``extract`` from the quotesvc package in ``tree`` (a checkout, or a ``git
    archive`` of an older commit) and return the file it came from: a comparison of two
    versions must measure two trees, which PYTHONPATH alone does not do here."""
    global extract
    sys.path.insert(0, str(tree.resolve()))
    from quotesvc.extract import extract as tree_extract  # noqa: PLC0415 - the tree is known only now

    extract = tree_extract
    return sys.modules["quotesvc"].__file__

TARGET = 2_000_000  # chars/s on one core: issue 2

# --- corpora ---------------------------------------------------------------------------


def load_seeds(folder: Path) -> list[str]:
    """Read every ``*.txt`` article in ``folder``."""
    return [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]


def load_jsonl(path: Path) -> list[str]:
    """Read the ``text`` of every JSON line of ``path`` (a gold or dev file)."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line)["text"] for line in fh if line.strip()]


# --- pathological 1 MB articles ----------------------------------------------------------

QUOTE_MARKS = "\"'«»‘’‚‛“”„‟‹›「」『』＂"
CUE_PIECES = ["said", "he", "she", "told", "Mr Ashworth", "according to", "that", ",", ".", ":", "\n\n"]


def _cycle(unit: str, n: int) -> str:
    return (unit * (n // len(unit) + 1))[:n]


def marks_and_cues(n: int) -> str:
    """Quotation marks of every kind among cue words, names and paragraph breaks."""
    rnd = random.Random(11)
    pieces = list(QUOTE_MARKS) + CUE_PIECES
    out, size = [], 0
    while size < n:
        piece = rnd.choice(pieces) + rnd.choice(("", " "))
        out.append(piece)
        size += len(piece)
    return "".join(out)[:n]


PATHOLOGICAL: dict[str, Callable[[int], str]] = {
    "marks and cues": marks_and_cues,
    "attributed quotes, no full stop": lambda n: _cycle('"Yes," said Mr Ashworth, “no” she told them: ', n),
    "said he said": lambda n: _cycle("said he said ", n),
    "one word": lambda n: _cycle("word ", n),
}


class _Cap(BaseException):
    """Raised by the timer inside ``extract`` when a pathological run passes the cap."""


def _raise_cap(signum, frame):
    raise _Cap


def timed_once(text: str, cap: float) -> tuple[float | None, int, list[str]]:
    """Run ``extract`` once; return (CPU seconds, or None past the wall-clock cap, quotes,
    warning codes)."""
    previous = signal.signal(signal.SIGALRM, _raise_cap)
    signal.setitimer(signal.ITIMER_REAL, cap)
    started = time.process_time()
    try:
        result = extract(text)
    except _Cap:
        return None, 0, []
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    return time.process_time() - started, len(result.quotes), sorted({w.code for w in result.warnings})


# --- measuring -----------------------------------------------------------------------------


def bench_corpus(texts: list[str], repeats: int) -> dict:
    """Time ``extract`` over every text, ``repeats`` times; return the figures."""
    chars = sum(len(t) for t in texts)
    for t in texts[:3]:
        extract(t)  # warm-up: patterns compiled, lexicons loaded
    runs, quotes = [], 0
    for _ in range(repeats):
        started = time.process_time()
        quotes = sum(len(extract(t).quotes) for t in texts)
        runs.append(time.process_time() - started)
    median = statistics.median(runs)
    return {"docs": len(texts), "chars": chars, "quotes": quotes, "median_s": median, "best_s": min(runs),
            "median_cps": chars / median, "best_cps": chars / min(runs)}


def print_table(header: list[str], rows: list[list[str]]) -> None:
    """Print rows as an aligned plain-text table (first column left, others right)."""
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, ["-" * w for w in widths], *rows]:
        print("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))))


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print its tables."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", type=Path, default=ROOT / "seeds", help="folder of *.txt articles (default: seeds/)")
    ap.add_argument("--jsonl", type=Path, action="append", default=[], help="a JSONL corpus with a text field (repeatable)")
    ap.add_argument("--repeats", type=int, default=5, help="runs per corpus; the median is reported (default 5)")
    ap.add_argument("--size", type=int, default=1_000_000, help="pathological article size in chars (default 1 MB)")
    ap.add_argument("--cap", type=float, default=30.0, help="give up on a pathological article after this many s")
    ap.add_argument("--no-pathological", action="store_true", help="skip the pathological articles")
    ap.add_argument("--tree", type=Path, default=ROOT,
                    help="the directory whose quotesvc package is measured (default: this checkout)")
    a = ap.parse_args(argv)
    source = _use_tree(a.tree)

    print(f"extract() single process — Python {platform.python_version()} on {platform.machine()}, "
          f"{a.repeats} repeats, target {TARGET:,} chars/s, {source}")
    corpora = [(f"seeds ({a.seeds.name}/*.txt)", load_seeds(a.seeds))]
    corpora += [(path.name, load_jsonl(path)) for path in a.jsonl]
    rows = []
    for name, texts in corpora:
        if not texts:
            print(f"{name}: no texts", file=sys.stderr)
            continue
        f = bench_corpus(texts, a.repeats)
        rows.append([name, f"{f['docs']:,}", f"{f['chars']:,}", f"{f['quotes']:,}", f"{f['median_s']:.3f}",
                     f"{f['median_cps']:,.0f}", f"{f['best_cps']:,.0f}", f"{f['median_cps'] / TARGET:.2f}"])
    print()
    print_table(["corpus", "docs", "chars", "quotes", "median CPU s", "median chars/s", "best chars/s", "x target"], rows)

    if a.no_pathological:
        return
    rows = []
    for name, make in PATHOLOGICAL.items():
        text = make(a.size)
        secs, nquotes, codes = timed_once(text, a.cap)
        took = f"> {a.cap:.0f} (gave up)" if secs is None else f"{secs:.2f}"
        cps = "-" if secs is None else f"{len(text) / secs:,.0f}"
        rows.append([name, f"{len(text):,}", took, cps, str(nquotes), ",".join(codes) or "-"])
    print()
    print_table(["pathological article", "chars", "CPU seconds", "chars/s", "quotes", "warnings"], rows)


if __name__ == "__main__":
    main()
