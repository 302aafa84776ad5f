"""The repository on SQLite and PostgreSQL: ingest, identity, speakers, filters, pages, delete."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotesvc.errors import Conflict, NotFound
from quotesvc.extract import Result, Speaker
from quotesvc.store.documents import from_text
from quotesvc.store.records import ArticleFilter, NewArticle, QuoteFilter, Sort, SpeakerFilter
from quotesvc.store.repository import Sentences, sentence_around
from tests.conftest import CO_OPS, CO_OPS_RESULT, NURSES, NURSES_RESULT, make_result


def store_both(repo):
    nurses = repo.save(from_text(NURSES, source="bbc", published_at=datetime(2024, 3, 1),
                                 url="https://example.org/nurses"), NURSES_RESULT)
    coops = repo.save(from_text(CO_OPS, source="guardian", published_at=datetime(2024, 5, 1),
                                external_id="coops-1"), CO_OPS_RESULT)
    return nurses.article, coops.article


def quote_texts(page) -> list[str]:
    return [q.text for q in page.items]


def all_quotes(repo, sort: Sort | None = None, **filters) -> list:
    return list(repo.iter_quotes(QuoteFilter(**filters), sort or Sort()))


def test_save_returns_the_article_with_quotes_whose_offsets_slice_back(repo):
    article, _ = store_both(repo)
    assert article.title == "Nurses walk out"
    assert article.quote_count == 3
    for q in article.quotes:
        assert article.text[q.start:q.end] == q.text
        assert q.mention == article.text[q.speaker_start:q.speaker_end]
    assert [q.mention for q in article.quotes] == ["Karen Reissmann", "Ms Reissmann", "Unison"]
    assert article.quotes[0].sentence.startswith('"We are angry about the cuts," said Karen Reissmann')



HEALTH = (
    "Health news\n\n"
    '"Cuts hurt," said KAREN REISSMANN, a union rep. "Nobody listens," a nurse said. '
    '"We agree," Ed Mayo said. Smith said nothing at all. "Again," said Karen Reissmann.'
)
HEALTH_RESULT = make_result(
    HEALTH,
    {"text": '"Cuts hurt,"', "speaker": "KAREN REISSMANN", "mention": "KAREN REISSMANN", "cue": "said"},
    {"text": '"Nobody listens,"', "speaker": None, "cue": "said", "kind": "direct", "confidence": 0.3},
    {"text": '"We agree,"', "speaker": "Ed Mayo", "mention": "Ed Mayo", "cue": "said", "confidence": 0.8},
    {"text": '"Again,"', "speaker": "KAREN REISSMANN", "mention": "Karen Reissmann", "cue": "said"},
    speakers=(
        Speaker("KAREN REISSMANN", aliases=("Karen Reissmann",), roles=("union rep",), quote_count=2),
        Speaker("Ed Mayo", aliases=("Edward Mayo",), quote_count=1),
        Speaker("Smith"),  # named, never quoted: linked to the article with no quote
    ),
)


def test_save_returns_the_article_exactly_as_it_is_read_back(repo):
    # save() answers with what it wrote (quote ids, and the speakers' stored names, counts,
    # aliases and roles read in its transaction) instead of reading the article back. A
    # speaker known from an earlier article keeps its stored name and adds up its counts,
    # aliases and roles; a quote may have no speaker; an article may be undated.
    stored = []
    for doc, result in [
        (from_text(NURSES, source="bbc", published_at=datetime(2024, 3, 1, 9, 30, 0, 123456),
                   url="https://example.org/n", external_id="n-1"), NURSES_RESULT),
        (from_text(CO_OPS, source="guardian", author="A. Writer"), CO_OPS_RESULT),
        (from_text(HEALTH), HEALTH_RESULT),
        (from_text("Nothing quoted here."), Result()),
    ]:
        saved = repo.save(doc, result)
        assert saved.created
        stored.append(saved.article)
        assert saved.article == repo.get_article(saved.article.id)
    karen = next(s for s in stored[2].speakers if s.name == "Karen Reissmann")
    assert (karen.quote_count, karen.article_count) == (5, 3)
    assert karen.roles == ("mental health nurse", "union rep")
    assert [q.speaker and q.speaker.name for q in stored[2].quotes] == [
        "Karen Reissmann", None, "Ed Mayo", "Karen Reissmann"]
    assert [s.name for s in stored[2].speakers][-1] == "Smith"
    assert stored[3].quotes == stored[3].speakers == ()

AWKWARD = (
    'Zoë “quotes”\n\n"A \\ backslash, a \"quote\", a tab\there and\u2028a line separator 😀," said Zoë O\'Brien-Łukasz, '
    "l’élue. 末尾 text."
)
AWKWARD_RESULT = make_result(
    AWKWARD,
    {"text": AWKWARD[AWKWARD.index('"A'):AWKWARD.index(' said')], "speaker": "Zoë O'Brien-Łukasz",
     "mention": "Zoë O'Brien-Łukasz", "cue": "said", "confidence": 1e-7},
    speakers=(Speaker("Zoë O'Brien-Łukasz", aliases=("Zoë \\ “Z”",), roles=("l’élue \"ad\" 😀",)),),
)


def test_rows_are_stored_exactly_whatever_characters_they_hold(repo):
    # Quotes, names, roles and links travel to PostgreSQL as one JSON document a table:
    # escapes, non-ASCII text, a line separator and a tiny float come back as they went.
    saved = repo.save(from_text(AWKWARD, title="T “1”", published_at=datetime(2024, 2, 29, 23, 59, 59, 999999)),
                      AWKWARD_RESULT)
    assert saved.article == repo.get_article(saved.article.id)
    quote = saved.article.quotes[0]
    assert (quote.text, quote.mention, quote.confidence) == (AWKWARD_RESULT.quotes[0].text, "Zoë O'Brien-Łukasz", 1e-7)
    assert AWKWARD[quote.start:quote.end] == quote.text and "\u2028" in quote.sentence
    speaker = saved.article.speakers[0]
    assert (speaker.aliases, speaker.roles) == (("Zoë \\ “Z”",), ("l’élue \"ad\" 😀",))
    assert [q.id for q in all_quotes(repo, speaker="o'brien-łukasz")] == [quote.id]


@pytest.mark.parametrize("same", [
    {"text": NURSES},
    {"text": NURSES + "\n", "url": "https://example.org/nurses"},  # whitespace differs: same text hash
    {"text": "Another text entirely.", "url": "https://example.org/nurses"},
    {"text": "Another text entirely.", "external_id": "coops-1"},
])
def test_the_same_external_id_url_or_text_returns_the_stored_article(repo, same):
    store_both(repo)
    again = repo.save(NewArticle(**same), Result())
    assert not again.created
    assert again.article.id in (1, 2)
    assert len(repo.list_articles(ArticleFilter(), Sort(), None, 10).items) == 2


def test_identifiers_matching_two_articles_conflict(repo):
    store_both(repo)
    with pytest.raises(Conflict, match="different stored articles"):
        repo.save(NewArticle(text="new", url="https://example.org/nurses", external_id="coops-1"), Result())


def test_ingest_extracts_only_new_articles(repo):
    calls = []

    def extract(text):
        calls.append(text)
        return NURSES_RESULT

    assert repo.ingest(from_text(NURSES), extract).created
    assert not repo.ingest(from_text(NURSES), extract).created
    assert calls == [NURSES]


def test_a_speaker_is_shared_across_articles_with_aliases_roles_and_counts(repo):
    store_both(repo)
    page = repo.list_speakers(SpeakerFilter(), Sort("quote_count", descending=True), None, 10)
    by_name = {s.name: s for s in page.items}
    assert set(by_name) == {"Karen Reissmann", "Ed Mayo", "Unison"}
    karen = by_name["Karen Reissmann"]
    assert (karen.quote_count, karen.article_count) == (3, 2)
    assert karen.aliases == ("Ms Reissmann", "Reissmann")
    assert karen.roles == ("mental health nurse",)
    assert page.items[0].name == "Karen Reissmann"


def test_a_lone_surname_never_merges_across_articles(repo):
    text_a = '"Yes," said Smith. He went home.'
    text_b = '"No," said Smith. She stayed.'
    for text in (text_a, text_b):
        repo.save(from_text(text), make_result(text, {"text": text.split(" said")[0], "speaker": "Smith"},
                                                 speakers=(Speaker("Smith"),)))
    smiths = repo.list_speakers(SpeakerFilter(q="smith"), Sort(), None, 10).items
    assert [(s.name, s.quote_count) for s in smiths] == [("Smith", 1), ("Smith", 1)]


QUOTE_FILTERS = [
    ({"speaker": "reissmann"}, 3),            # a surname, any case
    ({"speaker": "KAREN REISSMANN"}, 3),
    ({"speaker": "ms reissmann"}, 3),         # an alias
    ({"speaker": "Reiss"}, 0),                # not a prefix search
    ({"kinds": ("direct",)}, 4),
    ({"kinds": ("indirect", "partial")}, 2),
    ({"cue": "SAID"}, 3),
    ({"min_confidence": 0.8}, 3),
    ({"q": "disaster"}, 1),
    ({"q": "growing economy"}, 1),            # every word, any order, stemmed
    ({"q": "disaster economy"}, 0),
    ({"q": '"AND OR NEAR(*'}, 0),             # FTS syntax in user input is just words
    ({"q": "***"}, 0),
    ({"source": "guardian"}, 3),
    ({"published_after": datetime(2024, 4, 1)}, 3),
    ({"published_before": datetime(2024, 4, 1)}, 3),
    ({"published_after": datetime(2024, 3, 1), "published_before": datetime(2024, 3, 2)}, 3),
    ({"speaker": "reissmann", "source": "guardian"}, 1),
]


@pytest.mark.parametrize(("filters", "expected"), QUOTE_FILTERS)
def test_quote_filters(repo, filters, expected):
    store_both(repo)
    assert len(all_quotes(repo, **filters)) == expected


def test_page_statements_are_built_once_a_shape_and_run_with_each_request_values(repo):
    # The page statement of a shape (which filters, which sort) is kept and run again with
    # the next request's values: every filter gives what it gives alone, in any order.
    store_both(repo)
    for filters, expected in QUOTE_FILTERS + QUOTE_FILTERS[::-1]:
        assert len(all_quotes(repo, **filters)) == expected, filters
    kept = dict(repo._quote_pages)
    assert len(kept) < len(QUOTE_FILTERS)
    assert [q.mention for q in all_quotes(repo, speaker="ed mayo")] == ["Ed Mayo", "Mr Mayo"]
    assert len(all_quotes(repo, kinds=("direct", "indirect", "partial"))) == 6  # another number of kinds
    assert len(all_quotes(repo, published_after=datetime(2024, 5, 1), published_before=datetime(2024, 5, 2))) == 3
    assert len(all_quotes(repo, q="cuts")) == 1
    assert repo._quote_pages == kept  # no new statement for new values


def test_undated_articles_match_no_date_filter_and_sort_first(repo):
    store_both(repo)
    text = '"Fine," said Ed Mayo.'
    repo.save(from_text(text), make_result(text, {"text": '"Fine,"', "speaker": "Ed Mayo"}))
    assert len(all_quotes(repo, published_before=datetime(2030, 1, 1))) == 6
    assert all_quotes(repo, Sort("published_at"))[0].text == '"Fine,"'
    assert all_quotes(repo, Sort("published_at", descending=True))[-1].text == '"Fine,"'


@pytest.mark.parametrize("sort", [Sort("id"), Sort("id", True), Sort("published_at"), Sort("published_at", True),
                                  Sort("confidence"), Sort("confidence", True)])
def test_keyset_pages_cover_every_quote_once_in_order(repo, sort):
    store_both(repo)
    pages, after = [], None
    while True:
        page = repo.list_quotes(QuoteFilter(), sort, after, 2)
        pages.append(page.items)
        if page.after is None:
            break
        after = page.after
    flat = [q for items in pages for q in items]
    assert [len(items) for items in pages] == [2, 2, 2]
    assert len({q.id for q in flat}) == 6
    key = {"id": lambda q: q.id, "published_at": lambda q: (q.article.published_at, q.id),
           "confidence": lambda q: (q.confidence, q.id)}[sort.key]
    assert flat == sorted(flat, key=key, reverse=sort.descending)


def test_article_filters(repo):
    nurses, coops = store_both(repo)

    def ids(**filters):
        return [a.id for a in repo.list_articles(ArticleFilter(**filters), Sort("id", True), None, 10).items]

    assert ids() == [coops.id, nurses.id]
    assert ids(source="bbc") == [nurses.id]
    assert ids(speaker="reissmann") == [coops.id, nurses.id]
    assert ids(speaker="unison") == [nurses.id]
    assert ids(q="walk") == [nurses.id]                 # the title is searched too
    assert ids(q="members") == [coops.id]
    assert ids(published_after=datetime(2024, 4, 1)) == [coops.id]
    assert ids(published_before=datetime(2024, 4, 1)) == [nurses.id]


def test_speaker_listing_filters_and_sorts(repo):
    store_both(repo)

    def names(sort: Sort | None = None, **filters):
        return [s.name for s in repo.list_speakers(SpeakerFilter(**filters), sort or Sort("name"), None, 10).items]

    assert names() == ["Ed Mayo", "Karen Reissmann", "Unison"]
    assert names(Sort("name", True)) == ["Unison", "Karen Reissmann", "Ed Mayo"]
    assert names(q="ms r") == ["Karen Reissmann"]        # alias prefix
    assert names(q="m") == ["Ed Mayo", "Karen Reissmann"]  # "Mayo", "Mr Mayo", "Ms Reissmann"
    assert names(q="100%_") == []
    assert names(kind="organisation") == ["Unison"]
    assert names(min_quotes=2) == ["Ed Mayo", "Karen Reissmann"]


def test_delete_removes_quotes_search_entries_and_orphaned_speakers(repo):
    nurses, coops = store_both(repo)
    repo.delete_article(nurses.id)
    assert [q.text for q in all_quotes(repo)] == [q.text for q in coops.quotes]
    assert all_quotes(repo, q="disaster") == []
    speakers = {s.name: s for s in repo.list_speakers(SpeakerFilter(min_quotes=0), Sort(), None, 10).items}
    assert set(speakers) == {"Ed Mayo", "Karen Reissmann"}
    assert (speakers["Karen Reissmann"].quote_count, speakers["Karen Reissmann"].article_count) == (1, 1)
    with pytest.raises(NotFound):
        repo.get_article(nurses.id)
    with pytest.raises(NotFound):
        repo.delete_article(nurses.id)


@pytest.mark.parametrize("getter", ["get_article", "get_quote", "get_speaker"])
@pytest.mark.parametrize("missing", [0, 999, 2**63])
def test_unknown_ids_are_not_found(repo, getter, missing):
    with pytest.raises(NotFound):
        getattr(repo, getter)(missing)


def test_save_many_rolls_back_only_the_failing_item(repo):
    store_both(repo)
    outcomes = repo.save_many([
        (from_text("A brand new article."), Result()),
        (from_text(NURSES), NURSES_RESULT),
        (NewArticle(text="clash", url="https://example.org/nurses", external_id="coops-1"), Result()),
        (from_text("Another new one."), Result()),
    ])
    assert [status for status, _ in outcomes] == ["created", "existing", "failed", "created"]
    assert "different stored articles" in outcomes[2][1]
    assert len(repo.list_articles(ArticleFilter(), Sort(), None, 10).items) == 4


def test_save_many_checked_finds_what_is_already_stored_through_the_unique_keys(repo):
    # checked=True skips the per-article look-up (ingest has just done it in bulk); an
    # article stored meanwhile, or twice in one batch, is still reported as existing,
    # and keys matching two stored articles still fail alone.
    store_both(repo)
    outcomes = repo.save_many([
        (from_text("A brand new article."), Result()),
        (from_text(NURSES), NURSES_RESULT),
        (NewArticle(text="clash", url="https://example.org/nurses", external_id="coops-1"), Result()),
        (from_text("A brand new article."), Result()),
    ], checked=True)
    assert [status for status, _ in outcomes] == ["created", "existing", "failed", "existing"]
    assert outcomes[3][1] == outcomes[0][1]
    assert "different stored articles" in outcomes[2][1]
    assert len(repo.list_articles(ArticleFilter(), Sort(), None, 10).items) == 3


def test_save_many_checked_writes_a_batch_of_articles_with_shared_and_lone_speakers(repo):
    # One checked batch writes the speakers, links and quotes of all its articles
    # together: a full name shared by two articles is one speaker counted in both, a
    # lone surname stays a speaker of its own article.
    from quotesvc.extract import extract

    texts = [
        "\u201cThe vote is close,\u201d said Ada Lowry. \u201cWe will win,\u201d Ms Lowry added.",
        "Ada Lowry spoke again. \u201cThe count is fair,\u201d Ms Lowry said.",
        "\u201cNothing was agreed,\u201d Mr Dunne said.",
        "\u201cWe disagree,\u201d Mr Dunne said on Friday.",
    ]
    outcomes = repo.save_many([(from_text(t), extract(t)) for t in texts], checked=True)
    assert [status for status, _ in outcomes] == ["created"] * 4
    speakers = {s.name: s for s in repo.list_speakers(SpeakerFilter(), Sort("name"), None, 10).items}
    lowry = speakers["Ada Lowry"]
    assert (lowry.quote_count, lowry.article_count) == (3, 2)
    dunnes = [s for s in repo.list_speakers(SpeakerFilter(q="dunne"), Sort("name"), None, 10).items]
    assert sorted((s.quote_count, s.article_count) for s in dunnes) == [(1, 1), (1, 1)]
    assert sum(len(repo.get_article(article_id).quotes) for _, article_id in outcomes) == 5


def test_save_many_checked_skips_what_the_batch_holds_twice_and_writes_the_rest_to_their_own_ids(repo):
    # One INSERT writes the batch's article rows and skips those clashing with a unique key:
    # a second copy (same keys, or the same url with another text) is reported as the
    # first, no quote of a skipped copy is written or counted, and the articles after it
    # get their own quotes.
    outcomes = repo.save_many([
        (from_text(NURSES, url="https://example.org/n", external_id="n-1"), NURSES_RESULT),
        (from_text(NURSES, url="https://example.org/n", external_id="n-1"), NURSES_RESULT),
        (NewArticle(text="Another text entirely.", url="https://example.org/n"), Result()),
        (from_text(CO_OPS, external_id="c-1"), CO_OPS_RESULT),
    ], checked=True)
    first, coops = outcomes[0][1], outcomes[3][1]
    assert outcomes == [("created", first), ("existing", first), ("existing", first), ("created", coops)]
    assert len(repo.list_articles(ArticleFilter(), Sort(), None, 10).items) == 2
    assert [q.mention for q in repo.get_article(first).quotes] == ["Karen Reissmann", "Ms Reissmann", "Unison"]
    assert repo.get_article(coops).text == CO_OPS
    assert {q.article.id for q in all_quotes(repo, q="members")} == {coops}
    karen = repo.list_speakers(SpeakerFilter(q="karen"), Sort(), None, 10).items
    assert [(s.quote_count, s.article_count) for s in karen] == [(3, 2)]  # not (4, 3)


def test_checked_batches_racing_on_the_same_articles_store_each_once(repo):
    # Two ingest processes writing overlapping batches: each article is created by one and
    # reported as existing to the other (PostgreSQL's ON CONFLICT waits for the first
    # writer's commit; SQLite takes one writer at a time), and the counts stay right.
    import threading

    batch = [(from_text(NURSES), NURSES_RESULT), (from_text(CO_OPS), CO_OPS_RESULT)]
    barrier = threading.Barrier(2)
    results = []

    def writer(items):
        barrier.wait(timeout=60)
        results.append((items, repo.save_many(items, checked=True)))

    threads = [threading.Thread(target=writer, args=(items,)) for items in (batch, batch[::-1])]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    by_text: dict[str, list] = {}
    for items, outcomes in results:
        for (doc, _), outcome in zip(items, outcomes, strict=True):
            by_text.setdefault(doc.text, []).append(outcome)
    assert len(by_text) == 2
    for outcomes in by_text.values():
        assert sorted(status for status, _ in outcomes) == ["created", "existing"]
        assert len({article_id for _, article_id in outcomes}) == 1
    assert len(repo.list_articles(ArticleFilter(), Sort(), None, 10).items) == 2
    karen = repo.list_speakers(SpeakerFilter(q="karen"), Sort(), None, 10).items
    assert [(s.quote_count, s.article_count) for s in karen] == [(3, 2)]


@pytest.mark.parametrize(("text", "quote", "sentence"), [
    ('First one. "Hi," she said. Last one.', '"Hi,"', '"Hi," she said.'),
    ('Title\n"Hi," she said\nNext', '"Hi,"', '"Hi," she said'),
    ('He said "yes" today. Then', '"yes"', 'He said "yes" today.'),
    ('"No." Then more.', '"No."', '"No." Then more.'),
])
def test_sentence_around(text, quote, sentence):
    start = text.index(quote)
    assert sentence_around(text, start, start + len(quote)) == sentence


@settings(max_examples=500, deadline=None)
@given(text=st.text(alphabet='ab .!?"\'”’)\n\t', max_size=60), limit=st.integers(1, 12), data=st.data())
def test_sentences_of_one_text_are_those_sentence_around_finds_one_by_one(text, limit, data):
    # A tiny window, so that its edges cut sentence ends in every way they can.
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert Sentences(text, limit).around(start, end) == sentence_around(text, start, end, limit)


def test_writers_racing_on_the_same_article_store_it_once(repo):
    import threading

    barrier = threading.Barrier(4)
    results = []

    def writer():
        barrier.wait(timeout=60)
        results.append(repo.save(from_text(NURSES), NURSES_RESULT))

    threads = [threading.Thread(target=writer) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(r.created for r in results) == [False, False, False, True]
    assert len({r.article.id for r in results}) == 1
    karen = repo.list_speakers(SpeakerFilter(q="karen"), Sort(), None, 10).items
    assert [(s.quote_count, s.article_count) for s in karen] == [(2, 1)]



def test_writers_racing_on_new_speakers_make_each_speaker_once(repo):
    # Six writers store six articles quoting the same two new people at once. PostgreSQL
    # inserts new speakers and reads the ids of all in one statement, whose read misses a
    # speaker another writer committed while it ran; those are read again.
    import threading

    barrier = threading.Barrier(6)
    results = []

    def writer(i):
        text_ = f'"Plan {i} works," said Ada Lowry. "Plan {i} fails," said Ben Okoro.'
        result = make_result(
            text_, {"text": f'"Plan {i} works,"', "speaker": "Ada Lowry", "mention": "Ada Lowry", "cue": "said"},
            {"text": f'"Plan {i} fails,"', "speaker": "Ben Okoro", "mention": "Ben Okoro", "cue": "said"},
            speakers=(Speaker("Ada Lowry", roles=(f"role {i}",)), Speaker("Ben Okoro")))
        barrier.wait(timeout=60)
        results.append(repo.save(from_text(text_), result))

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [r.created for r in results] == [True] * 6
    page = repo.list_speakers(SpeakerFilter(), Sort("name"), None, 10).items
    assert [(s.name, s.quote_count, s.article_count) for s in page] == [("Ada Lowry", 6, 6), ("Ben Okoro", 6, 6)]
    assert page[0].roles == tuple(f"role {i}" for i in range(6))

def test_existing_ids_says_of_many_documents_what_find_existing_says_of_each(repo):
    nurses, coops = store_both(repo)
    docs = [
        NewArticle(text=NURSES),  # same text
        NewArticle(text="Another text entirely.", url="https://example.org/nurses"),  # same url
        NewArticle(text="Another text entirely.", external_id="coops-1"),  # same external id
        NewArticle(text="Brand new."),  # not stored
        NewArticle(text=CO_OPS, url="https://example.org/nurses"),  # two different articles
    ]
    found = repo.existing_ids(docs)
    assert found[:4] == [nurses.id, nurses.id, coops.id, None]
    assert isinstance(found[4], Conflict) and found[4].extra["article_ids"] == sorted([nurses.id, coops.id])
    for doc, existing in zip(docs[:4], found[:4], strict=True):
        stored = repo.find_existing(doc)
        assert (stored.id if stored else None) == existing
    with pytest.raises(Conflict):
        repo.find_existing(docs[4])
    assert repo.existing_ids([]) == []


@pytest.mark.parametrize("sort", [Sort("published_at", descending=True), Sort("confidence"), Sort("id")])
def test_full_text_pages_are_the_same_when_many_quotes_match(repo, monkeypatch, sort):
    # Above FTS_SCAN_MATCHES matches SQLite reads quotes in page order and keeps the matches;
    # so does PostgreSQL for words its statistics find in COMMON_WORDS_SHARE of quotes.
    from quotesvc.store import repository

    store_both(repo)
    few = {q: [x.id for x in all_quotes(repo, sort, q=q)] for q in ("cuts", "said", "disaster", "we")}
    monkeypatch.setattr(repository, "FTS_SCAN_MATCHES", 0)
    monkeypatch.setattr(repository, "COMMON_WORDS_SHARE", 0)  # PostgreSQL: every plain word is "common"
    for q, expected in few.items():
        pages, after = [], None
        while True:  # two quotes a page: the keyset conditions are exercised too
            page = repo.list_quotes(QuoteFilter(q=q), sort, after, 2)
            pages += [x.id for x in page.items]
            if page.after is None:
                break
            after = page.after
        assert pages == expected, q
    assert any(few.values())


def test_postgres_reads_a_common_word_in_page_order_and_a_rare_one_through_its_index(repo):
    # Through the GIN index a page reads and sorts every match, which is slow for a word in
    # a third of the quotes; the planner's word frequencies (after ANALYZE) pick the way.
    if repo.dialect != "postgresql":
        pytest.skip("PostgreSQL's full text")
    for i in range(60):
        fine = '"Fine, zebra,"' if i == 7 else '"Fine,"'
        body = f'"We will build {i} new bridges," said Ann Lee. {fine} said Ed Mayo.'
        repo.save(from_text(body, published_at=datetime(2024, 1, 1 + i % 28)),
                  make_result(body, {"text": f'"We will build {i} new bridges,"', "speaker": "Ann Lee"},
                              {"text": fine, "speaker": "Ed Mayo"}))
    assert repo.analyze(min_quotes=0)
    with repo.engine.connect() as conn:
        assert repo._common_share(conn, "zebra") < 0.02 < 0.4 < repo._common_share(conn, "Bridges")
        assert repo._common_share(conn, "aardvark") == 0.0  # among no quote's words
        assert repo._common_share(conn, '"new bridges"') == repo._common_share(conn, "bridges -zebra") == 0.0

    def sql(q):  # the rare word's page is sorted by an expression, which keeps the planner on the GIN index
        query = repo.quote_page_query(QuoteFilter(q=q), Sort("published_at", descending=True))
        return str(query.compile(repo.engine, compile_kwargs={"render_postcompile": True}))

    assert "date_trunc" not in sql("bridges") and "date_trunc" in sql("zebra")
    assert len(all_quotes(repo, Sort("published_at", True), q="bridges")) == 60
    assert len(all_quotes(repo, q="zebra")) == 1
