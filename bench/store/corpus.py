"""Benchmark articles: copies of real article text with varied, reproducible metadata.

The base articles are the five ``seeds/*.txt`` plus, when given, JSON-lines corpora
(``{"id", "text", ...}``) read where they lie (they are never copied into the repository).
Copy ``k`` of a base article gets its own external id and url, a source and a date drawn
from a seeded generator, and a last paragraph of its own (a filing line), so the text hash
differs and idempotent ingest stores every copy. The filing line comes last, so the quotes
of a copy sit at the same offsets as in the base article.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"

# (source, weight): a few outlets dominate, as in real feeds.
SOURCES = (("reuters", 8), ("ap", 7), ("guardian", 6), ("bbc", 6), ("nytimes", 5), ("washingtonpost", 4),
           ("breitbart", 3), ("foxnews", 3), ("politico", 2), ("thehill", 2), ("independent", 1), ("npr", 1))
CITIES = ("London", "Washington", "New York", "Brussels", "Berlin", "Paris", "Chicago", "Manchester", "Dublin",
          "Sydney", "Toronto", "Madrid")
FIRST_DAY = datetime(2012, 1, 1)
DAYS = (datetime(2025, 12, 31) - FIRST_DAY).days
UNDATED_SHARE = 0.02  # articles without a date, which sort before every dated one


@dataclass(frozen=True, slots=True)
class Base:
    """One real article: where it comes from and its text."""

    id: str
    text: str


def load_bases(corpora: list[Path]) -> list[Base]:
    """Return the seed articles, then every article of ``corpora`` (JSON lines with ``id`` and ``text``)."""
    bases = [Base(f"seed-{p.stem}", p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))]
    for path in corpora:
        with path.open(encoding="utf-8") as fh:
            for number, line in enumerate(fh, 1):
                if line.strip():
                    item = json.loads(line)
                    bases.append(Base(str(item.get("id") or f"{path.stem}-{number}"), item["text"]))
    return bases


def copy_of(base: Base, copy: int, rng: random.Random) -> dict:
    """Return copy ``copy`` of ``base`` as a ``POST /articles`` / JSONL ingest item."""
    source = rng.choices([s for s, _ in SOURCES], weights=[w for _, w in SOURCES])[0]
    published = None
    if rng.random() >= UNDATED_SHARE:
        published = FIRST_DAY + timedelta(days=rng.randrange(DAYS), seconds=rng.randrange(86_400))
    filed = published or FIRST_DAY + timedelta(days=rng.randrange(DAYS))
    line = f"Filed from {rng.choice(CITIES)} on {filed:%d %B %Y} for {source} (copy {copy} of {base.id})."
    item = {
        "external_id": f"bench-{copy}-{base.id}",
        "url": f"https://{source}.example/bench/{copy}/{base.id}",
        "source": source,
        "text": base.text.rstrip() + "\n\n" + line + "\n",
    }
    if published is not None:  # undated: no key at all (the API refuses a null date)
        item["published_at"] = published.isoformat() + "Z"
    return item


def copies(bases: list[Base], first: int, last: int, seed: int = 1) -> Iterator[dict]:
    """Yield copies ``first`` to ``last - 1`` of every base article (the same items for the same seed)."""
    for copy in range(first, last):
        rng = random.Random(f"{seed}/{copy}")
        for base in bases:
            yield copy_of(base, copy, rng)


def write_jsonl(items: Iterator[dict], path: Path) -> int:
    """Write ``items`` as JSON lines to ``path``; return how many."""
    n = 0
    with path.open("w", encoding="utf-8") as fh:
        for item in items:
            fh.write(json.dumps(item, ensure_ascii=False) + "\n")
            n += 1
    return n
