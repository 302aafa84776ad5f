"""The repository: every read and write of quotesvc's store, returning domain records.

Written against SQLAlchemy Core so that each query is visible as what it is (one indexed
filter, keyset pagination, no lazy loading). Works on SQLite and PostgreSQL; the two
differ only in upserts and full-text search, both decided in one place each.
"""

from __future__ import annotations

import bisect
import contextlib
import json
import logging
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

import regex
from sqlalchemy import (
    Connection,
    Engine,
    Integer,
    Select,
    String,
    and_,
    bindparam,
    delete,
    false,
    func,
    insert,
    literal_column,
    null,
    or_,
    select,
    table,
    text,
    tuple_,
    union_all,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.sql.elements import BindParameter
from sqlalchemy.sql.visitors import replacement_traverse

from quotesvc.errors import Conflict, NotFound, Unavailable
from quotesvc.extract import Result, Speaker
from quotesvc.store.documents import text_hash
from quotesvc.store.records import (
    UNDATED,
    ArticleFilter,
    ArticleRef,
    Ingested,
    NewArticle,
    Page,
    QuoteFilter,
    Sort,
    SpeakerFilter,
    SpeakerRef,
    StoredArticle,
    StoredQuote,
    StoredSpeaker,
)
from quotesvc.store.tables import (
    article_speakers,
    articles,
    quotes,
    speaker_names,
    speaker_roles,
    speakers,
)

log = logging.getLogger(__name__)

QUOTE_SORTS = {"id": quotes.c.id, "published_at": quotes.c.published_key, "confidence": quotes.c.confidence}
SPEAKER_SORTS = {"id": speakers.c.id, "quote_count": speakers.c.quote_count, "name": speakers.c.name}
ARTICLE_SORTS = {"id": articles.c.id}

# Honorifics do not make a name: "Mr Mayo" is as much a lone surname as "Mayo".
_HONORIFICS = frozenset(["mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "rev", "cllr"])
_WORD = regex.compile(r"\w+")
_SENTENCE_END = regex.compile(r"""[.!?][\"'”’)]*\s+|\n\s*""")
_SENTENCE_LIMIT = 600
#: Above this many full-text matches SQLite reads quotes in page order (``_many_quote_matches``).
FTS_SCAN_MATCHES = 1000
#: PostgreSQL reads quotes in page order for words expected in this share of quotes or more.
COMMON_WORDS_SHARE = 0.02
#: Seconds the frequencies of the commonest full-text words are kept (``Repository._common_share``).
COMMON_WORDS_TTL_S = 60.0
#: A speaker filter sends at most this many speaker ids as parameters (else a subquery).
MAX_SPEAKER_IDS = 500
#: Ids are 32-bit on PostgreSQL; a larger one cannot exist, and must not reach the driver.
MAX_ID = 2**31 - 1
_FTS_QUOTES = table("quotes_fts")
_FTS_ARTICLES = table("articles_fts")
_ADD_COUNTS = update(speakers).where(speakers.c.id == bindparam("sid")).values(
    quote_count=speakers.c.quote_count + bindparam("n"), article_count=speakers.c.article_count + bindparam("a"))
# The write statements are built once: building one per article (``.values(...)``, an
# ``in_`` of literal keys) made SQLAlchemy derive its cache key again each time, a
# sizeable part of the ~4 ms an article costs to write.
_INSERT_ARTICLE = insert(articles).returning(articles.c.id)
_INSERT_QUOTES = insert(quotes)
_INSERT_LINKS = insert(article_speakers)
#: ``_ADD_COUNTS`` for many speakers and ``_SPEAKERS_WITH_NAMES`` in one PostgreSQL statement.
#: The speaker rows are locked in id order (``ORDER BY … FOR NO KEY UPDATE`` locks as it
#: reads, in order) before the UPDATE, whose plan would otherwise choose the order; with the
#: lock the UPDATE takes, which the key-share locks of other writers' foreign-key checks do
#: not block (``FOR UPDATE`` deadlocked two writers of the same speakers). The names and
#: roles are those committed before the statement and this transaction's own.
_PG_ADD_COUNTS_READ_SPEAKERS = text(
    "WITH counts AS (SELECT * FROM json_to_recordset(CAST(:counts AS json)) AS c(sid integer, n integer, a integer)),"
    " locked AS (SELECT id FROM speakers WHERE id IN (SELECT sid FROM counts) ORDER BY id FOR NO KEY UPDATE),"
    " counted AS (UPDATE speakers SET quote_count = speakers.quote_count + counts.n,"
    " article_count = speakers.article_count + counts.a FROM counts"
    " WHERE speakers.id = counts.sid AND speakers.id IN (SELECT id FROM locked)"
    " RETURNING speakers.id, speakers.name, speakers.kind, speakers.quote_count, speakers.article_count)"
    " SELECT id AS speaker_id, -1 AS is_role, NULL AS value, id, name, kind, quote_count, article_count FROM counted"
    " UNION ALL SELECT speaker_id, 0, name, NULL, NULL, NULL, NULL, NULL FROM speaker_names"
    " WHERE speaker_id IN (SELECT sid FROM counts) AND is_alias = 1"
    " UNION ALL SELECT speaker_id, 1, role, NULL, NULL, NULL, NULL, NULL FROM speaker_roles"
    " WHERE speaker_id IN (SELECT sid FROM counts)"
    " ORDER BY is_role, value")
#: The columns a write gives, by table (the keys of its rows).
_WRITTEN = {
    "speaker_names": ("speaker_id", "key", "name", "is_alias"),
    "speaker_roles": ("speaker_id", "role"),
    "article_speakers": ("article_id", "speaker_id", "quote_count"),
    "quotes": ("article_id", "speaker_id", "start", "end", "text", "kind", "mention", "speaker_start",
               "speaker_end", "cue", "cue_start", "cue_end", "confidence", "rule", "sentence", "source",
               "published_key"),
}
_LAST_QUOTE_ID = select(func.coalesce(func.max(quotes.c.id), 0))
#: The stored articles sharing a unique key with a new one, by (has an external id, has a url):
#: built once, as a statement built for each POST cost ~0.1 ms of deriving its cache key.
_FIND_EXISTING = {
    (has_external_id, has_url): select(articles).where(or_(
        articles.c.text_hash == bindparam("text_hash"),
        *([articles.c.external_id == bindparam("external_id")] if has_external_id else []),
        *([articles.c.url == bindparam("url")] if has_url else []))).order_by(articles.c.id)
    for has_external_id in (False, True) for has_url in (False, True)
}
_SPEAKER_IDS = select(speakers.c.key, speakers.c.id).where(speakers.c.key.in_(bindparam("keys", expanding=True)))
_PG_UPSERT_SPEAKERS = text(
    "WITH written AS ("
    " INSERT INTO speakers (key, name, kind, quote_count, article_count)"
    " SELECT * FROM unnest(CAST(:keys AS varchar[]), CAST(:names AS varchar[]), CAST(:kinds AS varchar[])),"
    " LATERAL (VALUES (0, 0)) AS counts"
    " ON CONFLICT DO NOTHING RETURNING key, id)"
    " SELECT key, id FROM written"
    " UNION ALL SELECT key, id FROM speakers WHERE key = ANY(CAST(:keys AS varchar[]))")
_ALIASES = (
    select(speaker_names.c.speaker_id, literal_column("0").label("is_role"), speaker_names.c.name.label("value"))
    .where(speaker_names.c.speaker_id.in_(bindparam("ids", expanding=True)), speaker_names.c.is_alias == 1)
)
_ROLES = (
    select(speaker_roles.c.speaker_id, literal_column("1"), speaker_roles.c.role)
    .where(speaker_roles.c.speaker_id.in_(bindparam("ids", expanding=True)))
)
_ALIASES_AND_ROLES = union_all(_ALIASES, _ROLES).order_by("is_role", "value")
#: Speakers with their aliases and roles in one statement: the rows of the speakers (is_role
#: -1), then ``_ALIASES_AND_ROLES``. A POST on SQLite reads its speakers this way.
_SPEAKERS_WITH_NAMES = union_all(
    select(speakers.c.id.label("speaker_id"), literal_column("-1").label("is_role"), null().label("value"),
           speakers.c.id, speakers.c.name, speakers.c.kind, speakers.c.quote_count, speakers.c.article_count)
    .where(speakers.c.id.in_(bindparam("ids", expanding=True))),
    *(part.add_columns(*(null() for _ in range(5))) for part in (_ALIASES, _ROLES)),
).order_by("is_role", "value")
#: Below this many quotes the planner gets no statistics (see ``Repository.analyze``).
ANALYZE_MIN_QUOTES = 10_000
#: Rows SQLite's ANALYZE samples per index.
SQLITE_ANALYSIS_LIMIT = 2000
ANALYZED = (articles, quotes, speakers, speaker_names, speaker_roles, article_speakers)
#: PostgreSQL's full text: stored tsvector columns with GIN indexes (migration 0002), kept out
#: of the shared table metadata because SQLite has FTS5 tables instead.
_QUOTES_SEARCH = literal_column("quotes.search")
_ARTICLES_SEARCH = literal_column("articles.search")


def name_key(name: str) -> str:
    """Return the case- and space-insensitive form names are matched by."""
    return " ".join(name.casefold().split())


def _speaker_key(speaker: Speaker, article_id: int) -> str:
    """Return the merge key of a speaker: its name, unless it is a lone surname.

    A person known only by one word ("Reissmann", "Mr Mayo") gets a key of its own
    article, so two different Reissmanns in two articles stay two people.
    """
    key = name_key(speaker.name)
    words = [w for w in key.replace(".", " ").split() if w not in _HONORIFICS]
    if speaker.kind == "person" and len(words) <= 1:
        return f"{key}#article{article_id}"
    return key


def _names_of(speaker: Speaker) -> dict[str, tuple[str, int]]:
    """Return every name ``speaker`` answers to, by key: (display name, 1 if an alias)."""
    names = {name_key(speaker.name): (speaker.name, 0)}
    for alias in speaker.aliases:
        names.setdefault(name_key(alias), (alias, 1))
    words = speaker.name.split()
    if speaker.kind == "person" and len(words) > 1:
        names.setdefault(name_key(words[-1]), (words[-1], 0))  # the surname, for speaker=reissmann
    return names


def sentence_around(text_: str, start: int, end: int, limit: int = _SENTENCE_LIMIT) -> str:
    """Return the sentence(s) containing ``text_[start:end]``, at most ``limit`` chars either side."""
    left = max(0, start - limit)
    for m in _SENTENCE_END.finditer(text_, left, start):
        left = m.end()
    m = _SENTENCE_END.search(text_, end, min(len(text_), end + limit))
    # Keep the full stop and closing marks, drop the whitespace after them.
    right = m.start() + len(m.group().rstrip()) if m else min(len(text_), end + limit)
    return text_[left:max(right, end)].strip()


class Sentences:
    """``sentence_around`` for many quotes of one text, from one scan of its sentence ends.

    Scanning a window of up to 1,200 characters around each quote cost ~0.1 ms an 18-quote
    article; this scans the text once and finds each quote's neighbours by bisection. A
    window's edge can fall inside a sentence end (a quote ending in '."' ends inside one):
    the window's scan then sees only its tail, so the tail is searched as the scan would.
    """

    def __init__(self, text_: str, limit: int = _SENTENCE_LIMIT):
        self.text, self.limit = text_, limit
        spans = [m.span() for m in _SENTENCE_END.finditer(text_)]
        self.starts = [a for a, _ in spans]
        self.ends = [b for _, b in spans]

    def around(self, start: int, end: int) -> str:
        """Return ``sentence_around(self.text, start, end, self.limit)``."""
        text_, starts, ends = self.text, self.starts, self.ends
        first, last = max(0, start - self.limit), min(len(text_), end + self.limit)
        # Left: the end of the last sentence end in text_[first:start].
        left = first
        i = bisect.bisect_right(ends, start) - 1  # the last sentence end that ends by the quote's start
        if i >= 0 and ends[i] > first and (starts[i] >= first or _SENTENCE_END.search(text_, first, ends[i])):
            left = ends[i]
        if i + 1 < len(starts) and starts[i + 1] < start:  # the quote starts inside a sentence end
            m = _SENTENCE_END.search(text_, max(first, starts[i + 1]), start)
            left = m.end() if m else left
        # Right: the first sentence end in text_[end:last], without its whitespace.
        j = bisect.bisect_left(starts, end)  # the first sentence end that starts at the quote's end or after
        m = None
        if j > 0 and ends[j - 1] > end:  # the quote ends inside a sentence end
            m = _SENTENCE_END.search(text_, end, min(ends[j - 1], last))
        if m is not None:
            right = m.start() + len(m.group().rstrip())
        elif j < len(starts) and starts[j] < last:
            if ends[j] > last:  # cut by the window's edge, which the scan may match otherwise
                return sentence_around(text_, start, end, self.limit)
            right = starts[j] + len(text_[starts[j]:ends[j]].rstrip())
        else:
            right = last
        return text_[left:max(right, end)].strip()


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _article_row(doc: NewArticle, result: Result) -> dict:
    """Return the ``articles`` row of ``doc``."""
    return {
        "external_id": doc.external_id, "url": doc.url, "text_hash": text_hash(doc.text),
        "title": doc.title, "author": doc.author, "source": doc.source,
        "published_at": doc.published_at, "created_at": _now(), "text": doc.text,
        "quote_count": len(result.quotes),
    }


class Repository:
    """Reads and writes articles, quotes and speakers in one database."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self.dialect = engine.dialect.name
        self._ignoring: dict = {}  # INSERT statements built once: ON CONFLICT DO NOTHING ones, unnest ones
        self._quote_pages: dict[tuple, Select] = {}  # page statements by shape (``_quote_page``)
        self._common_words: tuple[float, dict[str, float]] | None = None  # (when read, frequency by lexeme)
        self._lexemes: dict[str, tuple[str, ...]] = {}  # the lexemes of a q, by q (PostgreSQL)

    # --- connections -------------------------------------------------------

    @contextlib.contextmanager
    def _read(self) -> Iterator[Connection]:
        with _translated(), self.engine.connect() as conn:
            if self.dialect == "postgresql":
                # No BEGIN and ROLLBACK round trips around a read. Under PostgreSQL's READ
                # COMMITTED each statement saw its own snapshot inside a transaction too.
                conn.execution_options(isolation_level="AUTOCOMMIT")
            yield conn

    @contextlib.contextmanager
    def _write(self) -> Iterator[Connection]:
        with _translated(), self.engine.connect() as conn:
            conn.execution_options(quotesvc_write=True)
            with conn.begin():
                yield conn

    def analyze(self, min_quotes: int | None = None) -> bool:
        """Refresh the planner's statistics once the store holds ``min_quotes`` quotes; say if it did.

        Without statistics SQLite guesses every index equally selective: ``cue=said`` sorted
        by confidence sorted all 12,000 matches of a 2,000-article store (5 ms) instead of
        reading the confidence index until a page was full (0.9 ms); PostgreSQL's
        autovacuum gets there too, but only a minute or so after a load. Statistics of a
        small store would mislead the planner once it has grown (SQLite keeps them until
        the next ANALYZE, and scans a "tiny" table rather than use an index), so a small
        store keeps none. SQLite samples (``analysis_limit``), so this stays quick on a
        large store.
        """
        min_quotes = ANALYZE_MIN_QUOTES if min_quotes is None else min_quotes
        with _translated(), self.engine.connect() as conn:
            if conn.execute(select(func.count()).select_from(quotes)).scalar_one() < min_quotes:
                return False
            if self.dialect == "postgresql":
                conn.exec_driver_sql("ANALYZE " + ", ".join(t.name for t in ANALYZED))
            else:
                conn.exec_driver_sql(f"PRAGMA analysis_limit={SQLITE_ANALYSIS_LIMIT}")
                conn.exec_driver_sql("ANALYZE")
            conn.commit()
        return True

    def ping(self) -> None:
        """Raise ``Unavailable`` unless the database answers."""
        with self._read() as conn:
            conn.execute(text("SELECT 1"))

    # --- ingest ------------------------------------------------------------

    def find_existing(self, doc: NewArticle) -> StoredArticle | None:
        """Return the stored article with the same external id, url or text, if any.

        Raises ``Conflict`` when those identifiers point to two different articles.
        """
        with self._read() as conn:
            return self._find_existing(conn, doc)

    def existing_ids(self, docs: Sequence[NewArticle]) -> list[int | Conflict | None]:
        """Return, for each of ``docs``, the id of the same stored article, None, or a ``Conflict``.

        What ``find_existing`` says of each, in one query for all of them (bulk ingest checks
        thousands of documents before extracting any).
        """
        if not docs:
            return []
        with self._read() as conn:
            return self._existing_ids(conn, docs, [text_hash(d.text) for d in docs])

    @staticmethod
    def _existing_ids(conn: Connection, docs: Sequence[NewArticle], hashes: Sequence[str]) -> list[int | Conflict | None]:
        external_ids = {d.external_id for d in docs if d.external_id is not None}
        urls = {d.url for d in docs if d.url is not None}
        keys = [articles.c.text_hash.in_(set(hashes))]
        if external_ids:
            keys.append(articles.c.external_id.in_(external_ids))
        if urls:
            keys.append(articles.c.url.in_(urls))
        by_hash, by_external_id, by_url = {}, {}, {}
        for id_, external_id, url, hash_ in conn.execute(
                select(articles.c.id, articles.c.external_id, articles.c.url, articles.c.text_hash)
                .where(or_(*keys))):
            by_hash[hash_] = id_
            if external_id is not None:
                by_external_id[external_id] = id_
            if url is not None:
                by_url[url] = id_
        found: list[int | Conflict | None] = []
        for doc, hash_ in zip(docs, hashes, strict=True):
            ids = sorted({by_hash.get(hash_), by_external_id.get(doc.external_id), by_url.get(doc.url)} - {None})
            if len(ids) > 1:
                found.append(Conflict("the external_id, url and text match different stored articles: "
                                      + ", ".join(map(str, ids)), article_ids=ids))
            else:
                found.append(ids[0] if ids else None)
        return found

    def ingest(self, doc: NewArticle, extract: Callable[[str], Result]) -> Ingested:
        """Store ``doc`` with what ``extract`` finds in it, unless it is already stored."""
        existing = self.find_existing(doc)
        if existing is not None:
            return Ingested(self.get_article(existing.id), created=False)
        return self.save(doc, extract(doc.text))

    def save(self, doc: NewArticle, result: Result) -> Ingested:
        """Store ``doc`` and ``result`` in one transaction, or return the article already stored.

        The article row is inserted unless one of its unique keys is taken (``ON CONFLICT DO
        NOTHING``: no look-up first, and a concurrent writer of the same article is waited
        for, then found). The article is returned as written, with the quote ids the inserts
        gave; only its speakers (counts, aliases and roles from other articles too) are read
        back, inside the transaction, right after their counts (on PostgreSQL by the same
        statement; ``_insert_details``). Reading the whole article back took five queries;
        reading the speakers after the commit took a connection and two more (and a BEGIN
        and a ROLLBACK on SQLite), to hold the write lock (SQLite) or the speaker rows
        (PostgreSQL) one short SELECT less.
        """
        for _ in range(3):  # a clashing article deleted before we could find it: try again
            with self._write() as conn:
                row = _article_row(doc, result)
                written = conn.execute(self._insert_articles_returning(), row).first()
                if written is not None:
                    details = self._insert_details(conn, [(written[0], doc, result)], answer=True)
                else:
                    existing = self._find_existing(conn, doc)
            if written is not None:
                return Ingested(self._as_stored(written[0], doc, row, *details), created=True)
            if existing is not None:
                return Ingested(self.get_article(existing.id), created=False)
        raise Conflict("the article clashed with stored articles that keep changing; try again")

    def save_many(self, items: Sequence[tuple[NewArticle, Result]], checked: bool = False) -> list[tuple[str, int | str]]:
        """Store many articles in one transaction.

        Returns one ``(status, article id or reason)`` per item, status being ``created``,
        ``existing`` or ``failed``; a failed item rolls back alone (a savepoint each).
        ``checked`` says the caller has just looked the articles up (``existing_ids``): the
        batch's article rows are then written by one INSERT that skips those clashing with
        a unique key, and each skipped article (stored by another writer in between, or
        held twice by the batch) is found through its unique keys and reported as
        ``existing``, or ``failed`` when its keys name two different stored articles.
        """
        with self._write() as conn:
            if checked:
                return self._save_checked(conn, items)
            outcomes: list[tuple[str, int | str]] = []
            for doc, result in items:
                try:
                    with conn.begin_nested():
                        existing = self._find_existing(conn, doc)
                        if existing is not None:
                            outcomes.append(("existing", existing.id))
                        else:
                            outcomes.append(("created", self._insert(conn, doc, result)))
                except (Conflict, IntegrityError) as exc:
                    outcomes.append(("failed", _reason(exc)))
            return outcomes

    def _save_checked(self, conn: Connection, items: Sequence[tuple[NewArticle, Result]]) -> list[tuple[str, int | str]]:
        """Write the article rows of ``items`` in one statement, then the details of those written.

        One multi-row ``INSERT … ON CONFLICT DO NOTHING RETURNING`` instead of a savepoint,
        an INSERT and a release per article (three round trips an article on PostgreSQL).
        It returns the keys of the rows it wrote; the items whose keys no returned row
        carries were skipped, and one query looks all of those up.
        """
        if not items:
            return []
        rows = [_article_row(doc, result) for doc, result in items]
        written: dict[tuple, list[int]] = defaultdict(list)
        # In text-hash order: two writers of the same articles then wait for each other's
        # commit at the first article they share instead of each holding one the other needs
        # (a deadlock, which PostgreSQL breaks by failing one of the batches).
        for id_, hash_, url, external_id in conn.execute(self._insert_articles_returning(),
                                                          sorted(rows, key=lambda r: r["text_hash"])):
            written[hash_, url, external_id].append(id_)
        outcomes: list[tuple[str, int | str]] = []
        created: list[tuple[int, NewArticle, Result]] = []
        skipped: list[int] = []
        for i, ((doc, result), row) in enumerate(zip(items, rows, strict=True)):
            ids = written.get((row["text_hash"], doc.url, doc.external_id))
            if ids:  # an item held twice with the same keys: one row was written, and is this one
                created.append((ids.pop(), doc, result))
                outcomes.append(("created", created[-1][0]))
            else:
                skipped.append(i)
                outcomes.append(("failed", ""))  # decided below
        if skipped:
            found = self._existing_ids(conn, [items[i][0] for i in skipped], [rows[i]["text_hash"] for i in skipped])
            for i, existing in zip(skipped, found, strict=True):
                if isinstance(existing, Conflict):
                    outcomes[i] = ("failed", _reason(existing))
                elif existing is None:  # skipped, yet nothing stored has its keys: should not happen
                    outcomes[i] = ("failed", "the article clashed with a stored one that is gone")
                else:
                    outcomes[i] = ("existing", existing)
        if created:
            self._insert_details(conn, created)
        return outcomes

    def _insert_articles_returning(self):
        """Return the INSERT of article rows that skips clashes and returns the rows it wrote."""
        stmt = self._ignoring.get("articles returning")
        if stmt is None:
            stmt = self._ignoring["articles returning"] = self._insert_ignore(articles).returning(
                articles.c.id, articles.c.text_hash, articles.c.url, articles.c.external_id)
        return stmt

    @staticmethod
    def _find_existing(conn: Connection, doc: NewArticle) -> StoredArticle | None:
        rows = conn.execute(_FIND_EXISTING[doc.external_id is not None, doc.url is not None], {
            "text_hash": text_hash(doc.text), "external_id": doc.external_id, "url": doc.url}).all()
        if len({r.id for r in rows}) > 1:
            raise Conflict(
                "the external_id, url and text match different stored articles: "
                + ", ".join(str(r.id) for r in rows),
                article_ids=[r.id for r in rows],
            )
        return _article(rows[0]) if rows else None

    def _insert(self, conn: Connection, doc: NewArticle, result: Result) -> int:
        article_id = self._insert_article(conn, doc, result)
        self._insert_details(conn, [(article_id, doc, result)])
        return article_id

    @staticmethod
    def _as_stored(article_id: int, doc: NewArticle, row: dict, quote_rows: list[dict], quote_ids: list[int],
                   links: list[dict], by_id: dict[int, StoredSpeaker]) -> StoredArticle:
        """Return the article just written as ``get_article`` reads it (quotes in text order,
        speakers most quoted first), from its rows, quote ids, links and speakers."""
        ref = ArticleRef(article_id, doc.title, doc.url, doc.source, doc.published_at)
        found = [
            StoredQuote(quote_id, r["start"], r["end"], r["text"], r["kind"],
                        None if r["speaker_id"] is None else SpeakerRef(r["speaker_id"], by_id[r["speaker_id"]].name),
                        r["mention"], r["speaker_start"], r["speaker_end"], r["cue"], r["cue_start"], r["cue_end"],
                        r["confidence"], r["rule"], r["sentence"], ref)
            for quote_id, r in zip(quote_ids, quote_rows, strict=True)
        ]
        found.sort(key=lambda q: (q.start, q.id))
        links = sorted(links, key=lambda link: (-link["quote_count"], link["speaker_id"]))
        return StoredArticle(
            id=article_id, external_id=doc.external_id, url=doc.url, title=doc.title, author=doc.author,
            source=doc.source, published_at=doc.published_at, created_at=row["created_at"], text=doc.text,
            quote_count=row["quote_count"], quotes=tuple(found),
            speakers=tuple(by_id[link["speaker_id"]] for link in links),
        )

    @staticmethod
    def _insert_article(conn: Connection, doc: NewArticle, result: Result) -> int:
        return conn.execute(_INSERT_ARTICLE, _article_row(doc, result)).scalar_one()

    def _insert_details(self, conn: Connection, created: Sequence[tuple[int, NewArticle, Result]],
                        answer: bool = False) -> tuple[list[dict], list[int], list[dict], dict[int, StoredSpeaker]]:
        """Store the speakers, speaker links and quotes of stored article rows, a few
        statements for all of them: ingest speed is bounded by round trips, not rows.

        Returns the quote rows and the links written and, when ``answer`` (else nothing),
        the quote ids and the speakers by id (counts, aliases and roles as now stored).
        """
        plans = []
        for article_id, doc, result in created:
            by_name = {s.name: s for s in result.speakers}
            for q in result.quotes:
                if q.speaker and q.speaker not in by_name:
                    by_name[q.speaker] = Speaker(name=q.speaker)
            plans.append((article_id, doc, result, by_name))
        ids_of, name_rows = self._speaker_ids(conn, [(article_id, by_name) for article_id, _, _, by_name in plans])
        quote_counts: Counter[int] = Counter()
        article_counts: Counter[int] = Counter()
        links, rows = [], []
        for (article_id, doc, result, _), ids in zip(plans, ids_of, strict=True):
            per_speaker: Counter[int] = Counter({sid: 0 for sid in ids.values()})
            per_speaker.update(ids[q.speaker] for q in result.quotes if q.speaker)
            quote_counts.update(per_speaker)
            article_counts.update(per_speaker.keys())
            links += [{"article_id": article_id, "speaker_id": sid, "quote_count": n} for sid, n in sorted(per_speaker.items())]
            sentences = Sentences(doc.text)
            rows += [self._quote_row(doc, article_id, q, ids.get(q.speaker), sentences) for q in result.quotes]
        ids: list[int] = []
        if self.dialect == "postgresql":
            ids = self._pg_insert_details(conn, {**name_rows, "article_speakers": links, "quotes": rows})
        else:
            for tbl, tbl_rows in ((speaker_names, name_rows["speaker_names"]),
                                  (speaker_roles, name_rows["speaker_roles"]), (article_speakers, links)):
                if tbl_rows:
                    conn.execute(_INSERT_LINKS if tbl is article_speakers else self._insert_ignore(tbl), tbl_rows)
            if rows and answer:
                # SQLite cannot promise RETURNING's order, and SQLAlchemy then inserts the rows one
                # by one; this writer holds the database's only write lock (BEGIN IMMEDIATE), so
                # the ids after the largest are free, and giving them costs one index probe.
                first = conn.execute(_LAST_QUOTE_ID).scalar_one() + 1
                ids = list(range(first, first + len(rows)))
                conn.execute(_INSERT_QUOTES, [{**r, "id": i} for r, i in zip(rows, ids, strict=True)])
            elif rows:
                conn.execute(_INSERT_QUOTES, rows)
        # Last: the speaker rows stay locked until the commit, and every writer quoting the
        # same people waits for them. One UPDATE a speaker for the whole batch (a speaker
        # quoted in 50 of its articles was updated 50 times: 50 row versions, each with
        # new index entries), in id order everywhere, so concurrent writers never deadlock.
        counts = [{"sid": sid, "n": quote_counts[sid], "a": article_counts[sid]} for sid in sorted(article_counts)]
        speaker_rows: Sequence = ()
        if counts and answer and self.dialect == "postgresql":
            # The same UPDATE (its rows locked in id order first) reads the speakers back.
            speaker_rows = conn.execute(_PG_ADD_COUNTS_READ_SPEAKERS, {"counts": _ROWS_JSON.encode(counts)}).all()
        elif counts:
            conn.execute(_ADD_COUNTS, counts)
            if answer:
                speaker_rows = conn.execute(_SPEAKERS_WITH_NAMES, {"ids": sorted(article_counts)}).all()
        if not answer:
            return rows, [], links, {}
        return rows, ids, links, {s.id: s for s in _speaker_records([r for r in speaker_rows if r.is_role < 0],
                                                                     speaker_rows)}

    @staticmethod
    def _quote_row(doc: NewArticle, article_id: int, q, speaker_id: int | None, sentences: Sentences) -> dict:
        has_mention = q.speaker_start is not None and q.speaker_end is not None
        return {
            "article_id": article_id, "speaker_id": speaker_id, "start": q.start, "end": q.end,
            "text": q.text, "kind": q.kind,
            "mention": doc.text[q.speaker_start:q.speaker_end] if has_mention else None,
            "speaker_start": q.speaker_start, "speaker_end": q.speaker_end,
            "cue": q.cue, "cue_start": q.cue_start, "cue_end": q.cue_end,
            "confidence": float(q.confidence), "rule": q.rule,
            "sentence": sentences.around(q.start, q.end),
            "source": doc.source, "published_key": doc.published_at or UNDATED,
        }

    def _speaker_ids(
        self, conn: Connection, articles_names: Sequence[tuple[int, dict[str, Speaker]]]
    ) -> tuple[list[dict[str, int]], dict[str, list[dict]]]:
        """Return, for each ``(article id, speakers by name)``, the shared speaker id of each
        name, creating speakers (one statement, two on SQLite), and the rows of their names
        and roles to add, by table."""
        keyed = [{name: _speaker_key(s, article_id) for name, s in by_name.items()} for article_id, by_name in articles_names]
        new_rows: dict[str, dict] = {}
        for (_, by_name), keys in zip(articles_names, keyed, strict=True):
            for name, s in by_name.items():
                new_rows.setdefault(keys[name], {
                    "key": keys[name], "name": s.name, "kind": s.kind, "quote_count": 0, "article_count": 0,
                })
        if not new_rows:
            return [{} for _ in articles_names], {"speaker_names": [], "speaker_roles": []}
        keys = sorted(new_rows)  # in key order everywhere, so concurrent writers never deadlock
        if self.dialect == "postgresql":
            # Insert the new speakers and read every id in one round trip. The statement's
            # read does not see a speaker that a concurrent writer committed while it ran
            # (its insert waited, then skipped the key): those few are read again after.
            id_of = dict(conn.execute(_PG_UPSERT_SPEAKERS, {
                "keys": keys, "names": [new_rows[k]["name"] for k in keys],
                "kinds": [new_rows[k]["kind"] for k in keys]}).all())
            missing = [k for k in keys if k not in id_of]
            if missing:
                id_of.update(conn.execute(_SPEAKER_IDS, {"keys": missing}).all())
        else:
            conn.execute(self._insert_ignore(speakers), [new_rows[k] for k in keys])
            id_of = dict(conn.execute(_SPEAKER_IDS, {"keys": keys}).all())
        out = []
        names: dict[tuple[int, str], tuple[str, int]] = {}
        roles: dict[tuple[int, str], None] = {}
        for (_, by_name), keys in zip(articles_names, keyed, strict=True):
            ids = {name: id_of[key] for name, key in keys.items()}
            out.append(ids)
            for name, s in by_name.items():
                for key, value in _names_of(s).items():
                    names.setdefault((ids[name], key), value)
                roles.update(((ids[name], role), None) for role in s.roles)
        return out, {
            "speaker_names": [{"speaker_id": sid, "key": key, "name": n, "is_alias": alias}
                              for (sid, key), (n, alias) in names.items()],
            "speaker_roles": [{"speaker_id": sid, "role": r} for sid, r in roles],
        }

    def _pg_insert_details(self, conn: Connection, rows: dict[str, list[dict]]) -> list[int]:
        """Insert the rows of names, roles, speaker links and quotes, by table name, in one
        PostgreSQL statement; return the ids of the quotes, in row order.

        Each table's rows are one JSON array parameter (``json_to_recordset``): SQLAlchemy's
        multi-row VALUES for a POST's 18 quotes was a statement too long for psycopg's query
        cache, parsed again each time (1.6 ms a POST), and without RETURNING every row was an
        INSERT of its own (~15 a POST for names, roles and links). An array a column
        (``unnest``) came next, but psycopg builds array literals in Python, escaping every
        element: ~0.7 ms of a POST's 2.8 ms of client CPU, against ~0.05 ms for ``json.dumps``.
        One statement for the four tables, not one each: every round trip cost ~0.15 ms of
        client CPU. Nothing in it waits for a lock another writer holds, but for a name or
        role that writer is adding too (as one statement a table did): the speaker counts,
        whose rows every writer quoting the same people locks, stay last. Quote ids are
        drawn in the ORDER BY order, so sorted they are the rows' ids in order.
        """
        stmt = self._ignoring.get("details")
        if stmt is None:
            stmt = self._ignoring["details"] = text("WITH " + ", ".join(
                f"{tbl.name} AS ({_pg_json_insert(conn, tbl, tbl.name, ignore)})"
                for tbl, ignore in ((speaker_names, True), (speaker_roles, True), (article_speakers, False))
            ) + " " + _pg_json_insert(conn, quotes, "quotes", False) + " RETURNING id")
        return sorted(conn.execute(stmt, {name: _ROWS_JSON.encode(r) for name, r in rows.items()}).scalars())

    def _insert_ignore(self, tbl):
        """Return an INSERT that skips rows colliding with a unique key, on either dialect."""
        stmt = self._ignoring.get(tbl)
        if stmt is None:
            dialect_insert = postgresql.insert if self.dialect == "postgresql" else sqlite.insert
            stmt = self._ignoring[tbl] = dialect_insert(tbl).on_conflict_do_nothing()
        return stmt

    def delete_article(self, article_id: int) -> None:
        """Delete an article and its quotes; speakers left with no article go too."""
        with self._write() as conn:
            _row(conn, select(articles.c.id), articles.c.id, article_id, "article")
            links = conn.execute(
                select(article_speakers.c.speaker_id, article_speakers.c.quote_count)
                .where(article_speakers.c.article_id == article_id)
                .order_by(article_speakers.c.speaker_id)
            ).all()
            for sid, n in links:
                conn.execute(update(speakers).where(speakers.c.id == sid).values(
                    quote_count=speakers.c.quote_count - n, article_count=speakers.c.article_count - 1))
            conn.execute(delete(articles).where(articles.c.id == article_id))
            if links:
                conn.execute(delete(speakers).where(
                    speakers.c.id.in_([sid for sid, _ in links]), speakers.c.article_count <= 0))

    # --- articles ----------------------------------------------------------

    def get_article(self, article_id: int) -> StoredArticle:
        """Return an article with its quotes (in text order) and its speakers."""
        with self._read() as conn:
            row = _row(conn, select(articles), articles.c.id, article_id, "article")
            quote_rows = conn.execute(
                _quote_select().where(quotes.c.article_id == article_id).order_by(quotes.c.start, quotes.c.id)
            ).all()
            speaker_rows = conn.execute(
                select(speakers)
                .join(article_speakers, article_speakers.c.speaker_id == speakers.c.id)
                .where(article_speakers.c.article_id == article_id)
                .order_by(article_speakers.c.quote_count.desc(), speakers.c.id)
            ).all()
            found = self._speakers(conn, speaker_rows)
        article = _article(row)
        return StoredArticle(
            **{f: getattr(article, f) for f in StoredArticle.__slots__ if f not in ("quotes", "speakers")},
            quotes=tuple(_quote(r) for r in quote_rows),
            speakers=tuple(found),
        )

    def list_articles(self, f: ArticleFilter, sort: Sort, after: tuple | None, limit: int) -> Page:
        """Return one keyset page of articles (without text-heavy detail) matching ``f``."""
        query = select(articles).where(*self._article_conditions(f))
        with self._read() as conn:
            return _page(conn, query, ARTICLE_SORTS[sort.key], articles.c.id, sort, after, limit, _article)

    def _article_conditions(self, f: ArticleFilter) -> list:
        conds = []
        if f.source is not None:
            conds.append(articles.c.source == f.source)
        if f.published_after is not None:
            conds.append(articles.c.published_at >= f.published_after)
        if f.published_before is not None:
            conds.append(articles.c.published_at < f.published_before)
        if f.speaker is not None:
            conds.append(articles.c.id.in_(
                select(article_speakers.c.article_id).where(
                    article_speakers.c.speaker_id.in_(_speakers_named(f.speaker)))))
        if f.q is not None:
            conds.append(self._matches(f.q, articles.c.id, _FTS_ARTICLES, _ARTICLES_SEARCH))
        return conds

    # --- quotes ------------------------------------------------------------

    def get_quote(self, quote_id: int) -> StoredQuote:
        """Return one quote with its speaker and article."""
        with self._read() as conn:
            return _quote(_row(conn, _quote_select(), quotes.c.id, quote_id, "quote"))

    def quote_page_query(self, f: QuoteFilter, sort: Sort, after: tuple | None = None, limit: int = 50) -> Select:
        """Return the SELECT of one page of quotes, as ``list_quotes`` runs it (for EXPLAIN).

        For a speaker name nobody answers to ``list_quotes`` runs no page query at all; this
        returns the one it runs for a speaker without quotes.
        """
        with self._read() as conn:
            speaker_ids = self._speaker_ids_named(conn, f.speaker) or [0] if f.speaker is not None else None
            scan = self._many_quote_matches(conn, f.q)
        query, params = self._quote_page(f, speaker_ids, sort, after, limit, scan)

        def bound(element):  # the same parameters, with their values (for literal_binds and render_postcompile)
            if isinstance(element, BindParameter) and element.key in params:
                return bindparam(element.key, params[element.key], type_=element.type, expanding=element.expanding)
            return None

        return replacement_traverse(query, {}, bound)

    def list_quotes(self, f: QuoteFilter, sort: Sort, after: tuple | None, limit: int) -> Page:
        """Return one keyset page of quotes matching ``f`` in the order ``sort``."""
        with self._read() as conn:
            speaker_ids = None
            if f.speaker is not None:
                speaker_ids = self._speaker_ids_named(conn, f.speaker)
                if not speaker_ids:
                    return Page(items=(), after=None)
            query, params = self._quote_page(f, speaker_ids, sort, after, limit, self._many_quote_matches(conn, f.q))
            rows = conn.execute(query, params).all()
        return _page_of(rows, QUOTE_SORTS[sort.key], limit, _quote)

    @staticmethod
    def _speaker_ids_named(conn: Connection, name: str) -> list[int]:
        """Return the ids of the speakers answering to ``name`` (canonical name, alias or surname).

        Looked up before the page query, so that the planners see the ids themselves (and a
        name nobody answers to costs no page query): given only ``speaker_id IN (SELECT …)``
        they guess how many quotes match, and PostgreSQL walked 20,000 quotes newest first
        for "voters" (25 speakers; 13 ms at 121,000 quotes, 3 to 8 ms with the ids). One id,
        the usual case, reads that speaker's index entries in order.
        """
        return list(conn.execute(_SPEAKERS_NAMED, {"key": name_key(name)}).scalars())

    def _quote_page(self, f: QuoteFilter, speaker_ids: list[int] | None, sort: Sort, after: tuple | None,
                    limit: int, scan: bool = False) -> tuple[Select, dict]:
        """Return the SELECT of one page of quotes and its parameters; the page's ids are
        chosen first on ``quotes`` alone.

        Only the page's ids are joined to their articles and speakers. Joined before the
        sort, every match paid two lookups: a speaker with 9,000 quotes cost 60 ms a page
        at 100,000 quotes on both databases, against 1 to 7 ms this way (bench/store).

        The statement depends only on which filters are given (their values are
        parameters), so it is built once per shape and kept: building it and deriving its
        cache key again for every request cost ~0.2 ms of a ~1.9 ms page, and a statement
        object that is used again keeps its key (SQLAlchemy memoizes it).
        """
        params = self._quote_params(f, speaker_ids, scan)
        if after is not None:
            params["after_value"], params["after_id"] = after
        params["limit"] = limit + 1
        shape = (*params, sort.key, sort.descending)
        query = self._quote_pages.get(shape)
        if query is None:
            if len(self._quote_pages) >= MAX_PAGE_SHAPES:  # a bound, never reached by the API's filters
                self._quote_pages.clear()
            query = self._quote_pages[shape] = self._build_quote_page(shape, sort)
        return query, params

    def _quote_params(self, f: QuoteFilter, speaker_ids: list[int] | None, scan: bool) -> dict:
        """Return the parameters of the conditions ``f`` needs, by name (see ``_QUOTE_CONDITIONS``).

        Their names, in this order, make the shape of the page statement.
        """
        params: dict = {}
        if speaker_ids is not None:
            if len(speaker_ids) == 1:
                params["speaker"] = speaker_ids[0]
            elif len(speaker_ids) <= MAX_SPEAKER_IDS:
                params["speakers"] = speaker_ids
            else:  # too many to send as parameters: the look-up again, as a subquery
                params["speaker_key"] = name_key(f.speaker or "")
        if f.speaker_id is not None:
            params["speaker_id"] = f.speaker_id
        if f.article_id is not None:
            params["article_id"] = f.article_id
        if f.kinds:
            params["kinds"] = list(f.kinds)
        if f.cue is not None:
            params["cue"] = f.cue.lower()
        if f.min_confidence is not None:
            params["min_confidence"] = f.min_confidence
        if f.q is not None:
            if self.dialect == "postgresql":
                params["q_common" if scan else "q"] = f.q
            else:
                match = _fts_match(f.q)
                params["fts_none" if match is None else "fts_scan" if scan else "fts_match"] = match
        if f.source is not None:
            params["source"] = f.source
        if f.published_after is not None:
            params["published_after"] = f.published_after
        if f.published_before is not None:
            params["published_before"] = f.published_before
        return params

    def _build_quote_page(self, shape: tuple, sort: Sort) -> Select:
        """Build the page statement of ``shape`` (parameter names, then the sort) with bound parameters."""
        column = QUOTE_SORTS[sort.key]
        names = shape[:-2]
        conds = [_QUOTE_CONDITIONS[name](self.dialect) for name in names if name in _QUOTE_CONDITIONS]
        if "q" in names:
            # Sorting by an expression keeps PostgreSQL off the sort's index: left to itself it
            # reads quotes in the page's order and keeps the matches even for words in under
            # 1 % of quotes ("economy" at 114,000 quotes: 4.5 ms, against 2.0 ms through the GIN
            # index); only words common enough ("q_common", see ``_many_quote_matches``) are
            # read that way. SQLite runs its FTS5 subquery first.
            column = func.date_trunc("microseconds", column) if column is quotes.c.published_key else column + 0
        ids = select(quotes.c.id).where(*conds)
        if "after_id" in names:
            last_id = bindparam("after_id", type_=Integer)
            if column is quotes.c.id:
                ids = ids.where(quotes.c.id < last_id if sort.descending else quotes.c.id > last_id)
            else:
                value = bindparam("after_value", type_=QUOTE_SORTS[sort.key].type)
                key, position = tuple_(column, quotes.c.id), tuple_(value, last_id)
                ids = ids.where(key < position if sort.descending else key > position)
        limit = bindparam("limit", type_=Integer)
        ids = _ordered(ids, column, quotes.c.id, sort).limit(limit)
        if self.dialect == "postgresql":
            # The page's ids as an array computed first, not IN (subquery): planning the
            # semi-join of the subquery with the three joined tables took 0.33 ms of the 0.5 ms
            # of server time of a page; this plans in 0.2 ms and runs as fast. (The outer
            # query needs no LIMIT: it reads only the page's ids.)
            page = quotes.c.id == func.any(func.array(ids.scalar_subquery()))
        else:
            page = quotes.c.id.in_(ids)
        return _ordered(_quote_select().where(page), QUOTE_SORTS[sort.key], quotes.c.id, sort)

    def iter_quotes(self, f: QuoteFilter, sort: Sort, chunk: int = 1000) -> Iterator[StoredQuote]:
        """Yield every quote matching ``f``, a keyset page at a time (for exports)."""
        after = None
        while True:
            page = self.list_quotes(f, sort, after, chunk)
            yield from page.items
            if page.after is None:
                return
            after = page.after

    def _matches(self, q: str, id_column, fts_table, search):
        """Return the full-text condition: FTS5 MATCH on SQLite, the ``search`` column @@ on PostgreSQL."""
        if self.dialect == "postgresql":
            return search.op("@@")(func.websearch_to_tsquery("english", q))
        match = _fts_match(q)
        if match is None:
            return false()
        rowids = select(literal_column("rowid")).select_from(fts_table).where(
            literal_column(fts_table.name).op("MATCH")(bindparam("fts_match", match, unique=True)))
        return id_column.in_(rowids)

    def _many_quote_matches(self, conn: Connection, q: str | None) -> bool:
        """Say whether ``q`` matches so many quotes that a page is best read in its sort order.

        SQLite: whether its full text finds more than ``FTS_SCAN_MATCHES`` quotes. FTS5
        gives its matches in rowid order, so a page of a common word looked up the date of
        every match and sorted them: 2.3 ms for 6,000 matches of 18,000 quotes, 3.4 ms for
        "president" at 121,000. Reading quotes in date order and keeping the matches takes
        0.7 ms for both, but 5 ms for a rare word at 121,000 quotes, which the first way finds
        in 0.1 ms. Counting the matches first costs 0.05 to 0.2 ms.

        PostgreSQL: whether the planner's statistics put the words of ``q`` in at least
        ``COMMON_WORDS_SHARE`` of quotes (see ``_common_share``).
        """
        if q is None:
            return False
        if self.dialect == "postgresql":
            return self._common_share(conn, q) >= COMMON_WORDS_SHARE
        match = _fts_match(q)
        if match is None:
            return False
        return conn.execute(_FTS_QUOTE_MATCHES, {"fts_match": match}).scalar_one() > FTS_SCAN_MATCHES

    def _common_share(self, conn: Connection, q: str) -> float:
        """Return the share of quotes PostgreSQL's statistics expect ``q`` to match (0 when unsure).

        Through the GIN index a page reads and sorts every match: 5 ms for "bridges" in a
        third of 18,000 quotes, 7.8 ms for "president" in 3.7 % of 114,000, where reading
        quotes newest first takes 0.2 and 2.4 ms; below ~2 % the GIN index wins ("economy",
        0.8 %: 2.0 against 4.5 ms). The share is the product of the frequencies that
        ``ANALYZE`` keeps for the commonest words of ``quotes.search`` (a word not among them
        is rare). Only plain words are judged: a phrase, ``or`` or a negation goes through
        the GIN index as before. Reading ``pg_stats`` takes ~10 ms, so the frequencies are
        kept for ``COMMON_WORDS_TTL_S``; the words of a ``q`` (its stemmed lexemes, which
        only the server knows) are kept by ``q``. Neither changes which quotes match, only
        how they are found.
        """
        words = q.split()
        if not words or any(not _WORD.fullmatch(w) or w.lower() == "or" for w in words):
            return 0.0
        now = time.monotonic()
        if self._common_words is None or now - self._common_words[0] > COMMON_WORDS_TTL_S:
            self._common_words = (now, dict(conn.execute(_PG_COMMON_WORDS).all()))
        lexemes = self._lexemes.get(q)
        if lexemes is None:
            if len(self._lexemes) >= MAX_PAGE_SHAPES:
                self._lexemes.clear()
            lexemes = self._lexemes[q] = tuple(conn.execute(_PG_LEXEMES, {"q": q}).scalar_one())
        share = 1.0 if lexemes else 0.0
        for lexeme in lexemes:
            share *= self._common_words[1].get(lexeme, 0.0)
        return share

    # --- speakers ----------------------------------------------------------

    def get_speaker(self, speaker_id: int) -> StoredSpeaker:
        """Return one speaker with its aliases, roles and counts."""
        with self._read() as conn:
            row = _row(conn, select(speakers), speakers.c.id, speaker_id, "speaker")
            return self._speakers(conn, [row])[0]

    def list_speakers(self, f: SpeakerFilter, sort: Sort, after: tuple | None, limit: int) -> Page:
        """Return one keyset page of speakers matching ``f``."""
        conds = [speakers.c.quote_count >= f.min_quotes]
        if f.kind is not None:
            conds.append(speakers.c.kind == f.kind)
        if f.q is not None:
            prefix = name_key(f.q)
            escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            conds.append(speakers.c.id.in_(
                select(speaker_names.c.speaker_id).where(speaker_names.c.key.like(escaped + "%", escape="\\"))))
        query = select(speakers).where(*conds)
        with self._read() as conn:
            page = _page(conn, query, SPEAKER_SORTS[sort.key], speakers.c.id, sort, after, limit, lambda r: r)
            return Page(items=tuple(self._speakers(conn, page.items)), after=page.after)

    @staticmethod
    def _speakers(conn: Connection, rows: Iterable) -> list[StoredSpeaker]:
        """Build speaker records, loading the aliases and roles of all rows in one query."""
        rows = list(rows)
        return _speaker_records(rows, conn.execute(_ALIASES_AND_ROLES, {"ids": [r.id for r in rows]}) if rows else ())


# --- helpers shared by the queries ----------------------------------------------


def _speaker_records(rows: Sequence, names: Iterable) -> list[StoredSpeaker]:
    """Build the speaker records of ``rows`` from ``names``: rows of (speaker id, is_role, value)
    in order (``_ALIASES_AND_ROLES``); those with a negative is_role are skipped."""
    found: tuple[dict[int, list[str]], dict[int, list[str]]] = (defaultdict(list), defaultdict(list))
    for sid, is_role, value in ((n.speaker_id, n.is_role, n.value) for n in names):
        if is_role >= 0:
            found[is_role][sid].append(value)
    aliases, roles = found
    return [
        StoredSpeaker(id=r.id, name=r.name, kind=r.kind, aliases=tuple(aliases[r.id]),
                      roles=tuple(roles[r.id]), quote_count=r.quote_count, article_count=r.article_count)
        for r in rows
    ]


@contextlib.contextmanager
def _translated() -> Iterator[None]:
    """Turn a database that cannot be reached into ``Unavailable`` (HTTP 503)."""
    try:
        yield
    except OperationalError as exc:
        # The driver's message names hosts, ports and users: for the log, not for clients.
        log.warning("database unavailable: %s", str(exc.orig).strip().replace("\n", " "))
        raise Unavailable("the database is unavailable right now; try again shortly") from exc


def _row(conn: Connection, query: Select, id_column, value: int, what: str):
    """Return the one row of ``query`` with this id, or raise NotFound (also for ids no row can have)."""
    row = conn.execute(query.where(id_column == value)).first() if 0 < value <= MAX_ID else None
    if row is None:
        raise NotFound(f"{what} {value} does not exist")
    return row


def _json_value(value):
    """Write the datetimes of rows as PostgreSQL reads timestamps (naive UTC, ISO 8601)."""
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not a column value")


#: Rows as one JSON array for ``json_to_recordset``. Floats are written as their shortest
#: repr, which PostgreSQL reads back to the same double; text as UTF-8 (the API refuses NUL
#: and lone surrogates before it gets here).
_ROWS_JSON = json.JSONEncoder(ensure_ascii=False, check_circular=False, separators=(",", ":"), default=_json_value)


def _pg_json_insert(conn: Connection, tbl, parameter: str, ignore: bool) -> str:
    """Return the PostgreSQL INSERT of the columns ``_WRITTEN`` names of ``tbl`` from the rows
    of the JSON array ``parameter``, in their order; ``ignore`` skips rows that clash with a
    unique key."""
    columns = _WRITTEN[tbl.name]
    names = ", ".join(f'"{c}"' for c in columns)
    typed = ", ".join(f'"{c}" {tbl.c[c].type.compile(dialect=conn.dialect)}' for c in columns)
    return (f"INSERT INTO {tbl.name} ({names}) SELECT {names}"
            f" FROM ROWS FROM (json_to_recordset(CAST(:{parameter} AS json)) AS ({typed}))"
            f" WITH ORDINALITY AS row ({names}, n) ORDER BY n" + (" ON CONFLICT DO NOTHING" if ignore else ""))


def _reason(exc: Exception) -> str:
    return exc.detail if isinstance(exc, Conflict) else f"{type(exc).__name__}: {getattr(exc, 'orig', exc)}"


def _fts_match(q: str) -> str | None:
    """Return the FTS5 query of ``q``: each word quoted, so user input never reaches FTS5's
    query syntax (AND, NEAR, *, ...); None when ``q`` holds no word."""
    words = _WORD.findall(q)
    return " ".join('"' + w + '"' for w in words) if words else None


def _speakers_named(name: str) -> Select:
    """Return the ids of speakers answering to ``name`` (canonical, alias or surname)."""
    return select(speaker_names.c.speaker_id).where(speaker_names.c.key == name_key(name))


_SPEAKERS_NAMED = select(speaker_names.c.speaker_id).where(speaker_names.c.key == bindparam("key"))
_PG_LEXEMES = text("SELECT tsvector_to_array(to_tsvector('english', :q))")
#: The frequency of each of the commonest words of quotes' full text, as ANALYZE last saw it
#: (``most_common_elem_freqs`` ends with three summary figures, which pair with no word).
_PG_COMMON_WORDS = text(
    "SELECT e.lexeme, e.freq FROM pg_stats AS s,"
    " unnest(CAST(CAST(s.most_common_elems AS text) AS text[]), s.most_common_elem_freqs) AS e(lexeme, freq)"
    " WHERE s.schemaname = current_schema() AND s.tablename = 'quotes' AND s.attname = 'search'"
    " AND e.lexeme IS NOT NULL")
_FTS_QUOTE_MATCHES = select(func.count()).select_from(_FTS_QUOTES).where(
    literal_column(_FTS_QUOTES.name).op("MATCH")(bindparam("fts_match", type_=String)))


def _pg_matches(parameter: str):
    """Return the PostgreSQL condition "the quote's stored tsvector matches the web search ``parameter``"."""
    return _QUOTES_SEARCH.op("@@")(func.websearch_to_tsquery("english", bindparam(parameter, type_=String)))


def _fts_quotes(parameter: str, scan: bool = False):
    """Return the SQLite condition "the quote's full text matches the FTS5 query ``parameter``".

    ``scan``: the matches are many, so let the planner read the rows in the page's order
    and keep those among them (``id + 0`` cannot lead it to the rowid).
    """
    rowids = select(literal_column("rowid")).select_from(_FTS_QUOTES).where(
        literal_column(_FTS_QUOTES.name).op("MATCH")(bindparam(parameter, type_=String)))
    return (quotes.c.id + 0 if scan else quotes.c.id).in_(rowids)


#: The condition of each parameter ``Repository._quote_params`` may give, by its name, for a dialect.
_QUOTE_CONDITIONS: dict[str, Callable[[str], Any]] = {
    "speaker": lambda _: quotes.c.speaker_id == bindparam("speaker", type_=Integer),
    "speakers": lambda _: quotes.c.speaker_id.in_(bindparam("speakers", expanding=True, type_=Integer)),
    "speaker_key": lambda _: quotes.c.speaker_id.in_(
        select(speaker_names.c.speaker_id).where(speaker_names.c.key == bindparam("speaker_key", type_=String))),
    "speaker_id": lambda _: quotes.c.speaker_id == bindparam("speaker_id", type_=Integer),
    "article_id": lambda _: quotes.c.article_id == bindparam("article_id", type_=Integer),
    "kinds": lambda _: quotes.c.kind.in_(bindparam("kinds", expanding=True, type_=String)),
    "cue": lambda _: func.lower(quotes.c.cue) == bindparam("cue", type_=String),
    "min_confidence": lambda _: quotes.c.confidence >= bindparam("min_confidence", type_=quotes.c.confidence.type),
    "q": lambda _: _pg_matches("q"),
    "q_common": lambda _: _pg_matches("q_common"),
    "fts_none": lambda _: false(),  # no word to search for
    "fts_match": lambda _: _fts_quotes("fts_match"),
    "fts_scan": lambda _: _fts_quotes("fts_scan", scan=True),
    "source": lambda _: quotes.c.source == bindparam("source", type_=String),
    "published_after": lambda _: quotes.c.published_key >= bindparam("published_after", type_=quotes.c.published_key.type),
    "published_before": lambda _: and_(
        quotes.c.published_key < bindparam("published_before", type_=quotes.c.published_key.type),
        quotes.c.published_key > UNDATED),
}
#: Page statements kept per repository; the API's filters make far fewer shapes than this.
MAX_PAGE_SHAPES = 1024


# The columns of a quote row, in the order ``_quote`` unpacks them (by position: reading
# 22 attributes by name cost ~30 µs a row, a third of a page's CPU).
_QUOTE_SELECT = (
    select(
        quotes.c.id, quotes.c.start, quotes.c.end, quotes.c.text, quotes.c.kind, quotes.c.speaker_id,
        speakers.c.name.label("speaker_name"), quotes.c.mention, quotes.c.speaker_start, quotes.c.speaker_end,
        quotes.c.cue, quotes.c.cue_start, quotes.c.cue_end, quotes.c.confidence, quotes.c.rule, quotes.c.sentence,
        quotes.c.article_id, articles.c.title.label("article_title"), articles.c.url.label("article_url"),
        quotes.c.source, articles.c.published_at.label("article_published_at"),
        # Not unpacked, but the keyset cursor of the last row reads them.
        quotes.c.published_key,
    )
    .join(articles, articles.c.id == quotes.c.article_id)
    .outerjoin(speakers, speakers.c.id == quotes.c.speaker_id)
)


def _quote_select() -> Select:
    return _QUOTE_SELECT


def _keyset(query: Select, column, id_column, sort: Sort, after, limit: int) -> Select:
    """Return ``query`` as one keyset page: ordered by (column, id), after ``after``, ``limit`` + 1 rows.

    The extra row only tells whether another page follows.
    """
    one_key = column is id_column
    if after is not None:
        value, last_id = after
        if sort.descending:
            cond = id_column < last_id if one_key else tuple_(column, id_column) < tuple_(value, last_id)
        else:
            cond = id_column > last_id if one_key else tuple_(column, id_column) > tuple_(value, last_id)
        query = query.where(cond)
    return _ordered(query, column, id_column, sort).limit(limit + 1)


def _ordered(query: Select, column, id_column, sort: Sort) -> Select:
    """Return ``query`` ordered by (column, id), or by id alone when that is the column."""
    order = [column.desc(), id_column.desc()] if sort.descending else [column, id_column]
    return query.order_by(*order[: 1 if column is id_column else 2])


def _page(conn, query: Select, column, id_column, sort: Sort, after, limit: int, build) -> Page:
    """Run one keyset page of ``query`` (see ``_keyset``) and build its items."""
    return _page_of(conn.execute(_keyset(query, column, id_column, sort, after, limit)).all(), column, limit, build)


def _page_of(rows, column, limit: int, build) -> Page:
    """Build one keyset page from its rows (``limit`` + 1 of them when another page follows)."""
    more = len(rows) > limit
    rows = rows[:limit]
    last = rows[-1] if more else None
    after_next = (getattr(last, column.name), last.id) if last is not None else None
    return Page(items=tuple(build(r) for r in rows), after=after_next)


def _article(row) -> StoredArticle:
    return StoredArticle(
        id=row.id, external_id=row.external_id, url=row.url, title=row.title, author=row.author,
        source=row.source, published_at=row.published_at, created_at=row.created_at, text=row.text,
        quote_count=row.quote_count,
    )


def _quote(row) -> StoredQuote:
    """Build a quote from a row of ``_QUOTE_SELECT``."""
    (id_, start, end, text_, kind, speaker_id, speaker_name, mention, speaker_start, speaker_end, cue, cue_start,
     cue_end, confidence, rule, sentence, article_id, title, url, source, published_at) = row[:21]
    return StoredQuote(
        id_, start, end, text_, kind, SpeakerRef(speaker_id, speaker_name) if speaker_id is not None else None,
        mention, speaker_start, speaker_end, cue, cue_start, cue_end, confidence, rule, sentence,
        ArticleRef(article_id, title, url, source, published_at),
    )

