"""``quotesvc eval`` gives the official scorer's figures (tests/fixtures/reference_score.py).

The predictions scored here are the seed gold quotes damaged in known, deterministic
ways (spans shifted or cut, quotes dropped, speakers wrong or shortened, kinds changed,
scare quotes and junk added), so every figure is off 1.0 and a port that drifts from
the reference in any one rule shows up as a difference.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from quotesvc.cli import cli

FIXTURES = Path(__file__).parent / "fixtures"
GOLD = FIXTURES / "seeds_gold.jsonl"


def _load_reference():
    spec = importlib.util.spec_from_file_location("reference_score", FIXTURES / "reference_score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


ref = _load_reference()


def _damage(doc: dict, n: int) -> list[dict]:
    """Return predictions for one gold document, each gold quote damaged by its index."""
    text, preds = doc["text"], []
    for i, g in enumerate(doc["quotes"]):
        if i % 7 == 3:
            continue  # missed
        p = {k: g[k] for k in ("start", "end", "kind", "speaker", "speaker_start", "speaker_end")}
        length = g["end"] - g["start"]
        if i % 5 == 1:  # shifted: still overlaps a lot
            p["start"], p["end"] = g["start"] + 3, min(len(text), g["end"] + 3)
        elif i % 5 == 2:  # cut to its first 55 %: near the jaccard and ggt thresholds
            p["end"] = g["start"] + max(1, length * 55 // 100)
        elif i % 5 == 4:  # punctuation and spaces around it: an exact match once trimmed
            p["start"], p["end"] = max(0, g["start"] - 1), min(len(text), g["end"] + 1)
        if i % 3 == 0:
            p["speaker"] = "Somebody Else"
        elif i % 4 == 1 and p["speaker"]:
            p["speaker"] = "Mr " + p["speaker"].split()[-1]  # lenient, not strict
        if i % 6 == 2:
            p["speaker_start"] = p["speaker_end"] = None
        if i % 8 == 5:
            del p["kind"]  # counts as quoted
        elif i % 9 == 4:
            p["kind"] = "direct" if g["kind"] == "indirect" else "indirect"
        preds.append(p)
        if i % 10 == 6:
            preds.append(dict(p, speaker=None))  # a duplicate competing for the same gold
    for s in doc.get("not_quotes", [])[::2]:  # scare quotes taken for quotes
        preds.append({"start": s["start"], "end": s["end"], "speaker": "Nobody", "kind": "partial"})
    preds.append({"start": len(text) - 5, "end": len(text) + 10, "speaker": None})  # out of range: dropped
    preds.append({"start": 7, "end": 7, "speaker": None})  # empty: dropped
    preds.append({"start": 0, "end": 30 + n, "speaker": "Headline Writer", "kind": "direct"})
    return preds


@pytest.fixture(scope="module")
def damaged(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("pred") / "damaged.jsonl"
    docs = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    with path.open("w", encoding="utf-8") as fh:
        for n, doc in enumerate(docs):
            if n == len(docs) - 1:
                continue  # one document without any prediction
            fh.write(json.dumps({"id": doc["id"], "quotes": _damage(doc, n)}, ensure_ascii=False) + "\n")
        fh.write(json.dumps({"id": "not-in-gold", "quotes": [{"start": 0, "end": 5}]}) + "\n")
    return path


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> Path:
    """The extractor's real predictions, written by ``quotesvc extract --jsonl``."""
    result = CliRunner().invoke(cli, ["extract", "--jsonl", str(GOLD)])
    assert result.exit_code == 0, result.output
    path = tmp_path_factory.mktemp("pred") / "extracted.jsonl"
    path.write_text(result.stdout, encoding="utf-8")
    return path


def _reference_text(argv: list[str]) -> str:
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        ref.main(argv)
    return buf.getvalue()


SETTINGS = [
    (kinds, how, threshold)
    for kinds in ("all", "quoted", "indirect")
    for how, threshold in (("jaccard", None), ("jaccard", 0.8), ("ggt", None), ("ggt", 0.8))
]


def _options(kinds, how, threshold, errors=40) -> list[str]:
    opts = ["--kinds", kinds, "--match", how, "--errors", str(errors)]
    return opts + (["--threshold", str(threshold)] if threshold is not None else [])


def test_damaged_predictions_are_not_trivial(damaged):
    res = ref.score(ref.load(GOLD), ref.load(damaged))
    assert 0.3 < res["e2e"]["f1"] < res["detect.match"]["f1"] < 1.0
    assert res["detect.exact"]["tp"] < res["detect.match"]["tp"]
    assert res["speaker.strict"] < res["speaker.lenient"] < 1.0
    assert 0 < res["speaker.span"] < 1.0
    assert res["scare_quote_false_positives"] > 0
    assert res["docs_without_prediction"] == 1


@pytest.mark.parametrize(("kinds", "how", "threshold"), SETTINGS)
def test_json_figures_equal_the_reference(damaged, kinds, how, threshold):
    result = CliRunner().invoke(cli, ["eval", str(GOLD), "--pred", str(damaged), "--json",
                                      *_options(kinds, how, threshold)])
    assert result.exit_code == 0, result.output
    expected = ref.score(ref.load(GOLD), ref.load(damaged), kinds, how, threshold, 40)
    assert json.loads(result.stdout) == expected


@pytest.mark.parametrize(("kinds", "how", "threshold"), SETTINGS[::3])
def test_text_report_equals_the_reference(damaged, kinds, how, threshold):
    opts = _options(kinds, how, threshold, errors=10)
    result = CliRunner().invoke(cli, ["eval", str(GOLD), "--pred", str(damaged), *opts])
    assert result.exit_code == 0, result.output
    assert result.stdout == _reference_text([str(GOLD), str(damaged), *opts])


def test_without_kinds_reports_every_group_in_turn(damaged):
    result = CliRunner().invoke(cli, ["eval", str(GOLD), "--pred", str(damaged), "--match", "ggt"])
    assert result.exit_code == 0, result.output
    blocks = [_reference_text([str(GOLD), str(damaged), "--kinds", k, "--match", "ggt"]) for k in ref_groups()]
    assert result.stdout == "\n".join(blocks)
    as_json = CliRunner().invoke(cli, ["eval", str(GOLD), "--pred", str(damaged), "--json"])
    figures = json.loads(as_json.stdout)
    assert list(figures) == ref_groups()
    for k in ref_groups():
        assert figures[k] == ref.score(ref.load(GOLD), ref.load(damaged), k)


def ref_groups() -> list[str]:
    return ["all", "quoted", "indirect"]


@pytest.mark.parametrize(("kinds", "how", "threshold"), SETTINGS[::2])
def test_extractor_output_scores_as_the_reference_says(extracted, kinds, how, threshold):
    """Without --pred, eval runs the extractor itself; the figures are those of its JSONL."""
    result = CliRunner().invoke(cli, ["eval", str(GOLD), "--json", *_options(kinds, how, threshold)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == ref.score(ref.load(GOLD), ref.load(extracted), kinds, how, threshold, 40)


def test_gold_scored_against_itself_is_perfect():
    result = CliRunner().invoke(cli, ["eval", str(GOLD), "--pred", str(GOLD), "--json"])
    for figures in json.loads(result.stdout).values():
        assert figures["e2e"]["f1"] == figures["speaker.strict"] == figures["speaker.span"] == 1.0
        assert figures["scare_quote_false_positives"] == 0


def test_error_listing_names_each_kind_of_error(damaged):
    result = CliRunner().invoke(cli, ["eval", str(GOLD), "--pred", str(damaged), "--kinds", "all",
                                      "--errors", "1000"])
    listed = result.stdout.split("\nkinds=")[0]
    for what in ("SPEAKER gold=", "MISSED [", "SPURIOUS speaker="):
        assert what in listed


def test_a_prediction_file_that_is_not_json_is_a_clean_error(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "quotes": []}\n{not json\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", str(GOLD), "--pred", str(bad)])
    assert result.exit_code == 1
    assert f"{bad}:2: not JSON" in result.stderr
    missing = CliRunner().invoke(cli, ["eval", str(tmp_path / "nowhere.jsonl")])
    assert missing.exit_code == 1
    assert "nowhere.jsonl" in missing.stderr
