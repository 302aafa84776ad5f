"""``quotesvc extract``: the JSON-lines contract and the readable listing."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from quotesvc import batch
from quotesvc.cli import cli
from quotesvc.extract import KINDS

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "fixtures" / "seeds_gold.jsonl"
SEED = sorted((ROOT / "seeds").glob("*.txt"))[0]
QUOTE_KEYS = {"start", "end", "text", "kind", "speaker", "speaker_start", "speaker_end", "cue", "confidence", "rule"}

ARTICLE = "“We will not back down,” said Jane Okafor, the union’s leader. She said the talks had failed."


def _run(stdin: str) -> list[dict]:
    result = CliRunner().invoke(cli, ["extract", "--jsonl", "-"], input=stdin.encode("utf-8"))
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def _jsonl(*docs) -> str:
    return "".join((d if isinstance(d, str) else json.dumps(d, ensure_ascii=False)) + "\n" for d in docs)


def test_gold_file_is_read_as_is_and_offsets_slice_back():
    gold = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
    result = CliRunner().invoke(cli, ["extract", "--jsonl", str(GOLD)])
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["id"] for d in out] == [d["id"] for d in gold]
    assert sum(len(d["quotes"]) for d in out) > 0
    for doc, res in zip(gold, out, strict=True):
        assert set(res) == {"id", "quotes", "speakers", "warnings"}
        for q in res["quotes"]:
            assert set(q) >= QUOTE_KEYS
            assert doc["text"][q["start"]:q["end"]] == q["text"]
            assert q["kind"] in KINDS
            if q["speaker_start"] is not None:
                assert doc["text"][q["speaker_start"]:q["speaker_end"]]


def test_order_is_kept_and_other_keys_ignored():
    docs = [{"id": f"d{n}", "text": ARTICLE if n % 2 else "Nothing quoted here.", "url": "x", "n": n}
            for n in range(9, -1, -1)]
    out = _run(_jsonl(*docs))
    assert [d["id"] for d in out] == [f"d{n}" for n in range(9, -1, -1)]
    assert all("error" not in d for d in out)


def test_bad_lines_give_an_error_entry_and_the_rest_is_processed():
    stdin = _jsonl(
        {"id": "a", "text": ARTICLE},
        "{not json",
        {"id": "b"},
        {"id": "c", "text": 42},
        '["a", "list"]',
        {"text": ARTICLE},
        {"id": None, "text": None},
        "",
        {"id": "z", "text": ARTICLE},
    )
    out = _run(stdin)
    assert [d["id"] for d in out] == ["a", 2, "b", "c", 5, 6, None, "z"]
    errors = {d["id"]: d["error"] for d in out if "error" in d}
    assert set(errors) == {2, "b", "c", 5, None}
    assert "not JSON" in errors[2]
    assert "no text" in errors["b"]
    assert "int" in errors["c"]
    assert "quotes" in out[0] and "quotes" in out[-1] and "quotes" in out[5]
    assert out[0]["quotes"] == out[-1]["quotes"]


def test_invalid_utf8_is_one_line_error():
    good = _jsonl({"id": "ok", "text": ARTICLE}).encode("utf-8")
    stdin = good + b'{"id": "bad", "text": "caf\xe9"}\n' + good
    result = CliRunner().invoke(cli, ["extract", "--jsonl", "-"], input=stdin)
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["id"] for d in out] == ["ok", 2, "ok"]
    assert "error" in out[1]


def test_output_is_utf8_not_ascii_escaped():
    text = "« Nous ne céderons pas », a déclaré Zoë Müller. “Ça suffit,” she said."
    result = CliRunner().invoke(cli, ["extract", "--jsonl", "-"], input=_jsonl({"id": "é", "text": text}).encode())
    assert '"id": "é"' in result.stdout
    assert "\\u" not in result.stdout


def test_lone_surrogates_are_written_as_escapes():
    line = '{"id": "s", "text": "\\"Yes \\ud800 no,\\" said Al Bo. \\"More.\\""}\n'
    out = _run(line)
    assert "error" not in out[0]
    text = json.loads(line)["text"]
    for q in out[0]["quotes"]:
        assert text[q["start"]:q["end"]] == q["text"]


def test_empty_input_writes_nothing():
    assert _run("") == []
    assert _run("\n\n  \n") == []


def test_missing_file_is_a_clean_error(tmp_path):
    result = CliRunner().invoke(cli, ["extract", "--jsonl", str(tmp_path / "absent.jsonl")])
    assert result.exit_code == 1
    assert "cannot read" in result.stderr


def test_quiet_on_a_short_run_that_is_not_a_terminal():
    result = CliRunner().invoke(cli, ["extract", "--jsonl", str(GOLD)])
    assert result.stderr == ""


def test_progress_on_a_terminal(monkeypatch, capsys):
    class Tty:
        def __init__(self):
            self.parts = []

        def isatty(self):
            return True

        def write(self, s):
            self.parts.append(s)

        def flush(self):
            pass

    tty = Tty()
    progress = batch._Progress(tty)
    progress.add({"id": 1, "quotes": []}, 100)
    progress.add({"id": 2, "error": "x"}, 50)
    progress.done()
    shown = "".join(tty.parts)
    assert "2 documents, 1 errors" in shown and shown.endswith("\n")


def test_subprocess_pipe_keeps_order_and_survives_bad_lines():
    stdin = _jsonl({"id": 1, "text": ARTICLE}, "}{", {"id": 3, "text": "Plain text."}, {"id": 4, "text": ARTICLE})
    proc = subprocess.run(
        [sys.executable, "-m", "quotesvc", "extract", "--jsonl", "-"],
        input=stdin.encode("utf-8"), capture_output=True, cwd=ROOT, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    out = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]
    assert [d["id"] for d in out] == [1, 2, 3, 4]
    assert "error" in out[1] and "error" not in out[0]
    assert out[0]["quotes"] == out[3]["quotes"]
    for q in out[0]["quotes"]:
        assert ARTICLE[q["start"]:q["end"]] == q["text"]


def test_subprocess_does_not_load_the_web_stack():
    code = (
        "import sys; from quotesvc import batch, evaluate; "
        "bad = [m for m in ('flask', 'sqlalchemy', 'marshmallow') if m in sys.modules]; "
        "print(','.join(bad)); sys.exit(1 if bad else 0)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, f"importing batch loaded {proc.stdout.strip()}"


@pytest.mark.parametrize("source", ["file", "stdin"])
def test_listing_for_a_person(source):
    text = SEED.read_text(encoding="utf-8")
    args = ["extract", str(SEED)] if source == "file" else ["extract", "-"]
    result = CliRunner().invoke(cli, args, input=text.encode("utf-8") if source == "stdin" else None)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith(str(SEED) if source == "file" else "stdin")
    assert "quotes" in lines[0]
    header = next(line for line in lines if "kind" in line and "speaker" in line)
    for column in ("cue", "conf", "rule"):
        assert column in header
    assert "speakers:" in lines
    assert any(line.strip().startswith("“") for line in lines)
    assert max(len(line) for line in lines) < 140


def test_listing_shortens_long_quotes():
    long_quote = "word " * 200
    result = CliRunner().invoke(cli, ["extract", "-"], input=f'“{long_quote}” said Al Bo.'.encode())
    assert result.exit_code == 0, result.output
    assert all(len(line) < 140 for line in result.stdout.splitlines())


def test_listing_of_a_missing_file_is_a_clean_error(tmp_path):
    result = CliRunner().invoke(cli, ["extract", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1
    assert "cannot read" in result.stderr
