"""Synthetic articles whose quotes and speakers are known, and checks that a store holds them whole."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import func, select

from quotesvc.extract import extract
from quotesvc.store import open_store
from quotesvc.store.tables import article_speakers, articles, quotes, speakers

NAMES = ("Karen Reissmann", "Ed Mayo", "Ann Lee", "Omar Haddad", "Maria Santos", "Jon Berg")


def article(i: int, paragraphs: int = 3) -> dict:
    """Return article ``i``: direct and indirect quotes by two of six speakers shared across articles.

    The pair and its order change with ``i``, so concurrent writers create and update the
    same speakers in different orders.
    """
    a, b = NAMES[i % 6], NAMES[(i * 5 + 1) % 6]
    parts = [f"Council story {i}"]
    for p in range(paragraphs):
        parts.append(f'"We will build {i * 1000 + p} new bridges before winter," said {a}, a council member. '
                     f"{b.split()[-1]} said the plan for district {p} would cost more than expected. "
                     f'"It is a matter of trust," {b} told reporters on day {i}.')
    return {"external_id": f"story-{i}", "title": f"Council story {i}", "source": "Gazette",
            "text": "\n\n".join(parts)}


def expected_quotes(items: list[dict]) -> dict[str, int]:
    """Return how many quotes the extractor finds in each article, by external id."""
    return {item["external_id"]: len(extract(item["text"]).quotes) for item in items}


def store_counts(database_url: str) -> dict:
    """Read what the store holds, for ``assert_whole``."""
    store = open_store(database_url)
    try:
        with store.engine.connect() as conn:
            stored = {r.external_id: (r.id, r.quote_count) for r in conn.execute(
                select(articles.c.external_id, articles.c.id, articles.c.quote_count))}
            rows_per_article = Counter(dict(conn.execute(
                select(quotes.c.article_id, func.count()).group_by(quotes.c.article_id)).all()))
            rows_per_speaker = Counter(dict(conn.execute(
                select(quotes.c.speaker_id, func.count()).where(quotes.c.speaker_id.is_not(None))
                .group_by(quotes.c.speaker_id)).all()))
            links_per_speaker = Counter(dict(conn.execute(
                select(article_speakers.c.speaker_id, func.count()).group_by(article_speakers.c.speaker_id)).all()))
            speaker_rows = conn.execute(select(speakers.c.id, speakers.c.key, speakers.c.quote_count,
                                               speakers.c.article_count)).all()
    finally:
        store.engine.dispose()
    return {"stored": stored, "rows_per_article": rows_per_article, "rows_per_speaker": rows_per_speaker,
            "links_per_speaker": links_per_speaker, "speakers": speaker_rows}


def assert_whole(database_url: str, expected: dict[str, int]) -> dict[str, int]:
    """Assert every stored article is whole (all its quotes, counters exact); return id by external id."""
    c = store_counts(database_url)
    assert set(c["stored"]) <= set(expected), "an article nobody sent"
    for external_id, (article_id, quote_count) in c["stored"].items():
        assert quote_count == expected[external_id], external_id
        assert c["rows_per_article"][article_id] == expected[external_id], f"{external_id}: quotes missing"
    assert sum(c["rows_per_article"].values()) == sum(expected[e] for e in c["stored"])
    keys = [s.key for s in c["speakers"]]
    assert len(keys) == len(set(keys)), "a speaker stored twice"
    for s in c["speakers"]:
        assert s.quote_count == c["rows_per_speaker"][s.id], f"speaker {s.key}: quote_count drifted"
        assert s.article_count == c["links_per_speaker"][s.id], f"speaker {s.key}: article_count drifted"
    return {e: article_id for e, (article_id, _) in c["stored"].items()}
