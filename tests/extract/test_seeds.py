"""End to end on the seed gold: regression floors and expectations from the gold README.

``tests/fixtures/seeds_gold.jsonl`` is the hand-made gold of the five ``seeds/``
articles. The floors sit about 0.03 below what the extractor measured when they were
set (all kinds 0.945, quoted 0.951, indirect 0.933 end-to-end F1 with the default
Jaccard matching), so a change that loses accuracy turns this red; raise them as the
extractor improves.
"""

from pathlib import Path

import pytest

from quotesvc import evaluate
from quotesvc.extract import extract

GOLD = Path(__file__).parents[1] / "fixtures" / "seeds_gold.jsonl"
FLOORS = {"all": 0.91, "quoted": 0.92, "indirect": 0.90}


@pytest.fixture(scope="module")
def gold():
    return evaluate.load(str(GOLD))


@pytest.fixture(scope="module")
def predicted(gold):
    return evaluate.predict(gold)


@pytest.fixture(scope="module")
def results(gold):
    """``extract`` result by gold id."""
    return {doc_id: extract(doc["text"]) for doc_id, doc in gold.items()}


def _doc(gold, prefix):
    return next(doc for doc_id, doc in gold.items() if doc_id.startswith(prefix))


def _match(gq, quotes):
    """The predicted quote of the same group that best overlaps a gold quote (Jaccard >= 0.5)."""
    group = evaluate.group_of(gq["kind"])
    scored = [(evaluate.jaccard((q.start, q.end), (gq["start"], gq["end"])), q) for q in quotes
              if evaluate.group_of(q.kind) == group]
    best = max(scored, key=lambda t: t[0], default=(0.0, None))
    return best[1] if best[0] >= 0.5 else None


@pytest.mark.parametrize("kinds", list(FLOORS))
def test_end_to_end_f1_floor(gold, predicted, kinds):
    res = evaluate.score(gold, predicted, kinds, n_errors=20)
    assert res["e2e"]["f1"] >= FLOORS[kinds], "\n".join(res["errors"])


def test_every_document_is_predicted_and_offsets_slice_back(gold, results):
    for doc_id, doc in gold.items():
        text = doc["text"]
        assert results[doc_id].quotes, doc_id
        for q in results[doc_id].quotes:
            assert text[q.start : q.end] == q.text


def test_no_not_quote_is_extracted(gold, predicted):
    # Scare quotes, scheme names, the nested hypothetical utterances and the
    # 'calling for X to' / 'revealed NP' / 'critics believe' clauses (README: not_quotes).
    assert evaluate.score(gold, predicted)["scare_quote_false_positives"] == 0


# Articles whose direct and partial quotes are all found with their canonical speaker.
_COUNCIL = "002's single label 'council leaders and PCT chairs' is not given to 'areas' / 'Ministers' mentions"


@pytest.mark.parametrize(
    "prefix",
    ["000", "001", "003", "004", pytest.param("002", marks=pytest.mark.xfail(strict=True, reason=_COUNCIL))],
)
def test_every_gold_quotation_is_found_with_its_canonical_speaker(gold, results, prefix):
    doc = _doc(gold, prefix)
    quotes = results[next(k for k in gold if k.startswith(prefix))].quotes
    misses = []
    for gq in doc["quotes"]:
        if gq["kind"] == "indirect":
            continue
        q = _match(gq, quotes)
        if q is None or q.speaker != gq["speaker"]:
            misses.append((gq["speaker"], q and q.speaker, gq["text"][:50]))
    assert misses == []


def test_article_000_direct_quotes_exactly(gold, results):
    # Every direct quote, including the UK-style multi-paragraph ones (one record per
    # paragraph, open paragraphs trimmed), has exactly the gold span and speaker.
    doc_id = next(k for k in gold if k.startswith("000"))
    doc = gold[doc_id]
    want = [(g["start"], g["end"], g["speaker"]) for g in doc["quotes"] if g["kind"] == "direct"]
    got = [(q.start, q.end, q.speaker) for q in results[doc_id].quotes if q.kind == "direct"]
    assert got == want




@pytest.mark.parametrize(
    "prefix",
    ["000", "001", "003", "004"],
)
def test_speaker_mention_is_the_one_tied_to_the_cue(gold, results, prefix):
    # README: the mention may be a pronoun ('she', 'He'); for a continuation it is the
    # mention of the attribution the quote depends on.
    doc_id = next(k for k in gold if k.startswith(prefix))
    text = gold[doc_id]["text"]
    wrong = []
    for gq in gold[doc_id]["quotes"]:
        q = _match(gq, results[doc_id].quotes)
        if q is None or gq["speaker_start"] is None:
            continue
        gold_mention = text[gq["speaker_start"] : gq["speaker_end"]]
        if q.speaker_start is None:
            wrong.append((gold_mention, None))
        elif not (q.speaker_start < gq["speaker_end"] and gq["speaker_start"] < q.speaker_end):
            wrong.append((gold_mention, text[q.speaker_start : q.speaker_end]))
    assert wrong == []


@pytest.mark.parametrize(
    ("prefix", "name", "alias"),
    [
        pytest.param("000", "Karen Reissmann", "Reissmann", id="surname"),
        pytest.param("001", "Jon Ashworth", "Ashworth", id="surname-2"),
        pytest.param("003", "Ed Mayo", "Mr Mayo", id="mr"),
        pytest.param("003", "Michael Dixon", "Dr Michael Dixon", id="dr"),
    ],
)
def test_canonical_speaker_names(gold, results, prefix, name, alias):
    speakers = {s.name: s for s in results[next(k for k in gold if k.startswith(prefix))].speakers}
    assert name in speakers
    assert alias in speakers[name].aliases


def test_no_speaker_name_keeps_an_honorific(results):
    for result in results.values():
        for s in result.speakers:
            assert s.name.split()[0] not in ("Mr", "Mrs", "Ms", "Dr", "Sir"), s.name


def test_organisations_are_speakers(results):
    kinds = {s.name: s.kind for r in results.values() for s in r.speakers}
    assert kinds["Nuffield Trust"] == kinds["Labour Party"] == kinds["Department of Health"] == "organisation"
    assert kinds["Ministers"] == "group"
