"""Fixtures shared by the store and API tests.

Every test that takes ``repo``, ``app`` or ``client`` runs twice: on SQLite (always) and
on PostgreSQL at 127.0.0.1:5432/test when it answers. An unreachable PostgreSQL skips
with the reason, unless ``QUOTESVC_TEST_REQUIRE_SERVICES=1`` (set by ``.ci/run``), which
makes it fail. Each test session works in a schema of its own on PostgreSQL, so parallel
runs on one server do not see each other; each test starts from empty tables.
"""

from __future__ import annotations

import os
import uuid
from urllib.parse import quote

import pytest
from sqlalchemy import text

from quotesvc.config import Settings
from quotesvc.extract import Quote, Result, Speaker
from quotesvc.store import Repository, migrate, open_store

POSTGRES_URL = os.environ.get("QUOTESVC_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
REQUIRE_SERVICES = os.environ.get("QUOTESVC_TEST_REQUIRE_SERVICES") == "1"
TABLES = ("quotes", "article_speakers", "speaker_roles", "speaker_names", "speakers", "articles")


def _postgres_schema_url() -> tuple[str, str]:
    """Create a fresh schema for this session and return a URL whose search_path is it."""
    schema = f"quotesvc_test_{uuid.uuid4().hex[:12]}"
    admin = open_store(POSTGRES_URL, connect_args={"connect_timeout": 3})
    try:
        with admin.engine.begin() as conn:
            conn.execute(text(f"CREATE SCHEMA {schema}"))
    except Exception as exc:  # any failure to reach the server means the same: no PostgreSQL
        message = f"PostgreSQL at {POSTGRES_URL} is unreachable: {exc.__class__.__name__}: {exc}"
        if REQUIRE_SERVICES:
            pytest.fail(message + " (QUOTESVC_TEST_REQUIRE_SERVICES=1 requires it)")
        pytest.skip(message)
    finally:
        admin.engine.dispose()
    return f"{POSTGRES_URL}?options={quote(f'-csearch_path={schema}')}", schema


@pytest.fixture(scope="session", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request, tmp_path_factory):
    """Yield the URL of a migrated, empty database of each backend for the whole session."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'quotesvc.db'}"
        schema = None
    else:
        url, schema = _postgres_schema_url()
    store = open_store(url)
    migrate.upgrade(store.engine)
    store.engine.dispose()
    yield url
    if schema is not None:
        admin = open_store(POSTGRES_URL)
        with admin.engine.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.engine.dispose()


@pytest.fixture
def repo(database_url) -> Repository:
    """Return a repository over empty tables."""
    store = open_store(database_url)
    with store.engine.begin() as conn:
        # DELETE beats TRUNCATE on tables this small; ids restart at 1 (SQLite reuses max(rowid) + 1).
        for table in TABLES:
            conn.execute(text(f"DELETE FROM {table}"))
        if store.dialect == "postgresql":
            for table in ("articles", "speakers", "quotes"):
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), 1, false)"))
    yield store
    store.engine.dispose()


@pytest.fixture
def settings(database_url) -> Settings:
    """Return the settings the test app runs with."""
    return Settings(database_url=database_url, max_body_bytes=256 * 1024)


@pytest.fixture
def make_app():
    """Return a factory of apps whose database connections are closed after the test."""
    from quotesvc.app import create_app

    apps = []

    def make(settings: Settings):
        app = create_app(settings)
        app.config["TESTING"] = True
        apps.append(app)
        return app

    yield make
    for app in apps:
        app.extensions["quotesvc"]["repository"].engine.dispose()


@pytest.fixture
def app(make_app, settings, repo):
    """Return the app (pytest-flask builds ``client`` from it) over empty tables."""
    return make_app(settings)


def make_result(text_: str, *quotes: dict, speakers: tuple[Speaker, ...] = ()) -> Result:
    """Build an extractor Result by hand: each quote dict names its ``text`` as found in ``text_``.

    Offsets are computed by searching ``text_`` (the quote, then its ``mention`` and ``cue``
    after or before it), so the records obey the model's contract that offsets slice back.
    """
    built = []
    for q in quotes:
        start = text_.index(q["text"])
        fields = {"start": start, "end": start + len(q["text"]), "text": q["text"], "kind": q.get("kind", "direct"),
                  "speaker": q.get("speaker"), "confidence": q.get("confidence", 0.9), "rule": q.get("rule", "test")}
        for name in ("mention", "cue"):
            if q.get(name):
                at = text_.find(q[name], start + len(q["text"]))
                at = text_.rindex(q[name], 0, start) if at < 0 else at
                prefix = "speaker" if name == "mention" else "cue"
                fields[f"{prefix}_start"], fields[f"{prefix}_end"] = at, at + len(q[name])
        if q.get("cue"):
            fields["cue"] = q["cue"]
        built.append(Quote(**fields))
    return Result(quotes=tuple(sorted(built)), speakers=speakers)


NURSES = (
    "Nurses walk out\n\n"
    '"We are angry about the cuts," said Karen Reissmann, a mental health nurse. '
    "Ms Reissmann added that staff were leaving in droves.\n\n"
    '"This is a disaster for patients," Unison said in a statement.'
)
NURSES_RESULT = make_result(
    NURSES,
    {"text": '"We are angry about the cuts,"', "speaker": "Karen Reissmann", "mention": "Karen Reissmann",
     "cue": "said", "confidence": 0.95, "rule": "direct.after"},
    {"text": "staff were leaving in droves", "speaker": "Karen Reissmann", "mention": "Ms Reissmann",
     "cue": "added", "kind": "indirect", "confidence": 0.6, "rule": "indirect.that"},
    {"text": '"This is a disaster for patients,"', "speaker": "Unison", "mention": "Unison", "cue": "said",
     "confidence": 0.8},
    speakers=(
        Speaker("Karen Reissmann", aliases=("Ms Reissmann", "Reissmann"), roles=("mental health nurse",),
                quote_count=2),
        Speaker("Unison", kind="organisation", quote_count=1),
    ),
)

CO_OPS = (
    "Co-ops thrive\n\n"
    '"Mutual businesses are growing faster than the economy," said Ed Mayo, head of Co-operatives UK. '
    '"Our members SAID so," Mr Mayo told reporters. Karen Reissmann welcomed the "good news".'
)
CO_OPS_RESULT = make_result(
    CO_OPS,
    {"text": '"Mutual businesses are growing faster than the economy,"', "speaker": "Ed Mayo", "mention": "Ed Mayo",
     "cue": "said", "confidence": 0.9},
    {"text": '"Our members SAID so,"', "speaker": "Ed Mayo", "mention": "Mr Mayo", "cue": "told",
     "confidence": 0.7},
    {"text": '"good news"', "speaker": "Karen Reissmann", "mention": "Karen Reissmann", "cue": "welcomed",
     "kind": "partial", "confidence": 0.5},
    speakers=(
        Speaker("Ed Mayo", aliases=("Mr Mayo",), roles=("head of Co-operatives UK",), quote_count=2),
        Speaker("Karen Reissmann", quote_count=1),
    ),
)

#: Canned extractor output by article text, for tests that must not depend on the extractor.
CANNED = {NURSES: NURSES_RESULT, CO_OPS: CO_OPS_RESULT}


@pytest.fixture
def canned_extract(monkeypatch):
    """Make the API's extractor answer from ``CANNED`` (anything else: no quotes)."""
    import quotesvc.api.articles

    def fake(text_: str) -> Result:
        return CANNED.get(text_, Result())

    monkeypatch.setattr(quotesvc.api.articles, "extract", fake)
    return CANNED
