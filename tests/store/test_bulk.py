"""Bulk ingest of files, and the ``quotesvc db upgrade`` / ``quotesvc ingest`` commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from quotesvc.cli import cli
from quotesvc.extract import Result
from quotesvc.store import bulk, migrate, open_store, repository
from quotesvc.store.records import ArticleFilter, Sort
from tests.conftest import CANNED, CO_OPS, NURSES

SEEDS = Path(__file__).parents[2] / "seeds"


@pytest.fixture
def corpus(tmp_path) -> Path:
    """A folder with a text file, an HTML page, a JSONL file (one bad line) and a stray file."""
    (tmp_path / "nurses.txt").write_text(NURSES, encoding="utf-8")
    paragraph = "Councillors debated the plan for many hours before the vote was finally taken. " * 4
    (tmp_path / "page.html").write_text(
        f"<html><head><title>Vote</title></head><body><article><p>{paragraph}</p></article></body></html>")
    lines = [json.dumps({"id": "coops", "text": CO_OPS, "source": "guardian", "published_at": "2024-05-01"}),
             "{not json", json.dumps({"id": "nurses-again", "text": NURSES}), "", json.dumps([1, 2])]
    (tmp_path / "more.jsonl").write_text("\n".join(lines) + "\n")
    (tmp_path / "notes.md").write_text("ignored: not an article format")
    return tmp_path


@pytest.fixture
def canned(monkeypatch):
    monkeypatch.setattr(bulk, "extract", lambda text: CANNED.get(text, Result()))


def test_find_files_walks_directories_and_keeps_known_suffixes(corpus):
    assert [p.name for p in bulk.find_files([corpus])] == ["more.jsonl", "nurses.txt", "page.html"]
    assert bulk.count_documents(bulk.find_files([corpus])) == 6
    with pytest.raises(FileNotFoundError):
        bulk.find_files([corpus / "missing"])


def test_ingest_files_counts_created_existing_and_failed(repo, corpus, canned):
    failures = []
    counts = bulk.ingest_files(repo, bulk.find_files([corpus]), workers=1, batch_size=2, report=failures.append)
    assert dict(counts) == {"created": 3, "existing": 1, "failed": 2}
    assert sorted(f.where.rsplit(":", 1)[1] for f in failures) == ["2", "5"]
    stored = repo.list_articles(ArticleFilter(), Sort(), None, 10).items
    assert [(a.external_id, a.quote_count) for a in stored] == [("coops", 3), ("nurses-again", 3), (None, 0)]
    again = bulk.ingest_files(repo, bulk.find_files([corpus]), workers=1)
    assert dict(again) == {"created": 0, "existing": 4, "failed": 2}


def test_the_process_pool_gives_the_same_result(repo, tmp_path):
    for i in range(bulk.POOL_THRESHOLD + 3):
        (tmp_path / f"{i:03}.txt").write_text(f'Story {i}\n\n"We won game {i}," said Ann Lee.')
    counts = bulk.ingest_files(repo, bulk.find_files([tmp_path]), workers=2, batch_size=10)
    assert dict(counts) == {"created": bulk.POOL_THRESHOLD + 3, "existing": 0, "failed": 0}


def test_cli_upgrades_then_ingests_the_seeds_twice_without_duplicates(tmp_path):
    runner = CliRunner()
    env = {"QUOTESVC_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}"}
    refused = runner.invoke(cli, ["ingest", str(SEEDS)], env=env)
    assert refused.exit_code == 1 and "db upgrade" in refused.output
    assert runner.invoke(cli, ["db", "upgrade"], env=env).exit_code == 0
    seeds = len(list(SEEDS.glob("*.txt")))
    first = runner.invoke(cli, ["ingest", str(SEEDS), "--workers", "1"], env=env)
    assert first.exit_code == 0, first.output
    assert f"created {seeds}, existing 0, failed 0" in first.output
    second = runner.invoke(cli, ["ingest", str(SEEDS)], env=env)
    assert f"created 0, existing {seeds}, failed 0" in second.output
    store = open_store(env["QUOTESVC_DATABASE_URL"])
    assert migrate.current(store.engine) == migrate.head()
    assert len(store.list_articles(ArticleFilter(), Sort(), None, 100).items) == seeds


@pytest.mark.parametrize("threshold, analyzed", [(1, True), (10_000, False)])
def test_a_bulk_ingest_gives_the_planner_statistics_once_the_store_is_large(tmp_path, corpus, canned,
                                                                            monkeypatch, threshold, analyzed):
    monkeypatch.setattr(repository, "ANALYZE_MIN_QUOTES", threshold)
    store = open_store(f"sqlite:///{tmp_path / 'stats.db'}")
    migrate.upgrade(store.engine)
    bulk.ingest_files(store, bulk.find_files([corpus]), workers=1)
    with store.engine.connect() as conn:
        stats = conn.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").all()
        tables = {t for (t,) in conn.exec_driver_sql("SELECT tbl FROM sqlite_stat1")} if stats else set()
    assert ("quotes" in tables) is analyzed


@pytest.mark.parametrize("text", ["a  b", " x\u00a0\u2028y\t", "a\x1cb  c\x1f", "\u3000z\x85", "", "plain", "α\n\nβ \r\n"])
def test_the_text_hash_collapses_whitespace_as_the_regex_always_did(text):
    # Stored articles carry hashes made with regex's \s+: the fast path must give the same.
    import hashlib

    import regex

    from quotesvc.store.documents import text_hash

    collapsed = regex.sub(r"\s+", " ", text).strip()
    assert text_hash(text) == hashlib.sha256(collapsed.encode("utf-8")).hexdigest()
