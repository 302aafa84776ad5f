"""Score quote predictions against a gold JSONL file: the figures of ``quotesvc eval``.

A faithful port of the official scorer (``shared/eval/score.py``, copied verbatim
to ``tests/fixtures/reference_score.py``): the same matching, the same rounding and
the same report lines, so that both give the same figures on the same predictions
(``tests/test_evaluate.py`` holds them to it). Change the scoring there first.

Gold lines are ``{"id", "text", "quotes": [...], "not_quotes"?: [...]}``; prediction
lines are ``{"id", "quotes": [{"start", "end", "speaker", "kind"?, ...}]}``, which is
what ``quotesvc extract --jsonl`` writes (its ``error`` lines count as no quotes).

Kinds ``direct``, ``partial`` and ``mixed`` form the group ``quoted``; ``indirect``
is reported speech; a prediction without a kind counts as quoted. The headline is
end-to-end F1: a hit needs a matched span AND a strict speaker.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable

import click

from quotesvc.errors import InvalidInput

GROUPS = ("all", "quoted", "indirect")

# Folded out of speaker names before comparing them: a prediction of "Mr Mayo" for
# "Ed Mayo" is then a lenient (last-name) match, "Dr Michael Dixon" a strict one.
HONORIFICS = frozenset({
    "mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "lord", "lady", "prof",
    "professor", "rev", "reverend", "hon", "rt", "baroness", "baron", "earl",
    "president", "senator", "sen", "rep", "gov", "governor", "gen", "general",
    "col", "capt", "st", "the",
})
# Trimmed off both ends of a span before the exact comparison.
TRIM = " \t\r\n.,;:!?\"'“”‘’«»—–-…"
_POSSESSIVE = re.compile(r"[’']s\b")
_TOKEN = re.compile(r"[a-z0-9]+")

Span = tuple[int, int]
Pairs = list[tuple[int, int]]


# --- loading -------------------------------------------------------------------------


def load(path: str) -> dict[str, dict]:
    """Read a JSONL file into ``{str(id): document}``, skipping blank lines.

    A later line with the same id replaces an earlier one, as in the reference scorer.
    Raises ``InvalidInput`` naming the file and line of the first line that is not JSON.
    """
    docs: dict[str, dict] = {}
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.strip()
            if not line:
                continue
            try:
                doc = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InvalidInput(f"{path}:{n}: not JSON: {exc}") from exc
            if not isinstance(doc, dict) or "id" not in doc:
                raise InvalidInput(f"{path}:{n}: not an object with an id")
            docs[str(doc["id"])] = doc
    return docs


def predict(gold_docs: dict[str, dict]) -> dict[str, dict]:
    """Run the extractor over every gold text; return prediction documents by id."""
    from quotesvc.extract import extract

    return {doc_id: {"id": doc["id"], **extract(doc["text"]).to_dict()} for doc_id, doc in gold_docs.items()}


# --- matching ------------------------------------------------------------------------


def group_of(kind: str | None) -> str:
    """Return the group of a quote kind: ``indirect`` or ``quoted`` (also for no kind)."""
    return "indirect" if kind == "indirect" else "quoted"


def wanted(kind: str | None, kinds: str) -> bool:
    """Say whether a quote of this kind is scored under ``kinds`` (all, quoted, indirect)."""
    return kinds == "all" or group_of(kind) == kinds


def trimmed(text: str, start: int, end: int) -> Span:
    """Narrow a span past the spaces and punctuation (TRIM) at both of its ends."""
    while start < end and text[start] in TRIM:
        start += 1
    while end > start and text[end - 1] in TRIM:
        end -= 1
    return start, end


def jaccard(a: Span, b: Span) -> float:
    """Return the character Jaccard index of two spans (0.0 when both are empty)."""
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = (a[1] - a[0]) + (b[1] - b[0]) - inter
    return inter / union if union else 0.0


def match_jaccard(golds: list[dict], preds: list[dict], threshold: float) -> Pairs:
    """Pair gold and predicted quotes one to one by Jaccard >= threshold, best pairs first.

    Ties are broken as the reference does: by the larger gold index, then pred index.
    """
    cands = []
    for gi, g in enumerate(golds):
        for pi, p in enumerate(preds):
            j = jaccard((g["start"], g["end"]), (p["start"], p["end"]))
            if j >= threshold:
                cands.append((j, gi, pi))
    cands.sort(reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs: Pairs = []
    for _, gi, pi in cands:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return pairs


def match_ggt(golds: list[dict], preds: list[dict], threshold: float) -> Pairs:
    """Pair quotes the GenderGapTracker way: per gold quote in order, the unused
    prediction covering the largest share of it, above the threshold (strictly)."""
    used_p: set[int] = set()
    pairs: Pairs = []
    for gi, g in enumerate(golds):
        glen = g["end"] - g["start"]
        best, best_pi = threshold, None
        for pi, p in enumerate(preds):
            if pi in used_p or glen <= 0:
                continue
            cover = max(0, min(g["end"], p["end"]) - max(g["start"], p["start"])) / glen
            if cover > best:
                best, best_pi = cover, pi
        if best_pi is not None:
            used_p.add(best_pi)
            pairs.append((gi, best_pi))
    return pairs


MATCHERS: dict[str, Callable[[list[dict], list[dict], float], Pairs]] = {
    "jaccard": match_jaccard,
    "ggt": match_ggt,
}
DEFAULT_THRESHOLDS = {"jaccard": 0.5, "ggt": 0.3}


# --- speakers ------------------------------------------------------------------------


def name_tokens(name: str | None) -> list[str]:
    """Fold a speaker name to lower-case ASCII word tokens without honorifics or 's."""
    if not name:
        return []
    name = unicodedata.normalize("NFKD", name)
    name = "".join(c for c in name if not unicodedata.combining(c))
    name = _POSSESSIVE.sub("", name.lower())
    return [t for t in _TOKEN.findall(name) if t not in HONORIFICS]


def speaker_strict(pred: str | None, gold: str | None) -> bool:
    """Say whether two names are the same once folded (and the gold one is not empty)."""
    return bool(gold) and name_tokens(pred) == name_tokens(gold) and bool(name_tokens(gold))


def speaker_lenient(pred: str | None, gold: str | None) -> bool:
    """Like ``speaker_strict``, but one name may be a part of the other ending the same."""
    p, g = name_tokens(pred), name_tokens(gold)
    if not p or not g:
        return False
    return p == g or (p[-1] == g[-1] and set(p) <= set(g)) or (g[-1] == p[-1] and set(g) <= set(p))


def spans_touch(g: dict, p: dict) -> bool:
    """Say whether the speaker mentions overlap, or neither quote has one."""
    gs, ge = g.get("speaker_start"), g.get("speaker_end")
    ps, pe = p.get("speaker_start"), p.get("speaker_end")
    if gs is None or ge is None:
        return ps is None or pe is None
    if ps is None or pe is None:
        return False
    return min(ge, pe) > max(gs, ps)


# --- scoring -------------------------------------------------------------------------


def prf(tp: int, npred: int, ngold: int) -> dict:
    """Return precision, recall and F1 (rounded to 4 places) with the counts behind them."""
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "tp": tp, "pred": npred, "gold": ngold}


def _ratio(num: int, den: int) -> float:
    return round(num / den, 4) if den else 0.0


def score(
    gold_docs: dict[str, dict],
    pred_docs: dict[str, dict],
    kinds: str = "all",
    how: str = "jaccard",
    threshold: float | None = None,
    n_errors: int = 0,
) -> dict:
    """Score predictions against gold documents; return the figures as a JSON-ready dict.

    The keys and values are those of the reference scorer's ``--json`` output. Predicted
    spans outside the gold text are dropped before matching; ``errors`` lists up to
    ``n_errors`` speaker errors, missed quotes and spurious quotes, document by document.
    """
    if threshold is None:
        threshold = DEFAULT_THRESHOLDS[how]
    matcher = MATCHERS[how]
    tot = dict.fromkeys(("gold", "pred", "exact", "matched", "known", "strict", "lenient", "span", "e2e", "scare_fp"), 0)
    errors: list[str] = []
    missing = [d for d in gold_docs if d not in pred_docs]
    for doc_id, gdoc in gold_docs.items():
        text = gdoc["text"]
        golds = [q for q in gdoc.get("quotes", []) if wanted(q.get("kind"), kinds)]
        preds = [q for q in pred_docs.get(doc_id, {}).get("quotes", []) if wanted(q.get("kind"), kinds)]
        preds = [q for q in preds if 0 <= q["start"] < q["end"] <= len(text)]
        tot["gold"] += len(golds)
        tot["pred"] += len(preds)
        gold_exact = {trimmed(text, q["start"], q["end"]) for q in golds}
        tot["exact"] += len(gold_exact & {trimmed(text, q["start"], q["end"]) for q in preds})
        pairs = matcher(golds, preds, threshold)
        tot["matched"] += len(pairs)
        for gi, pi in pairs:
            g, p = golds[gi], preds[pi]
            tot["span"] += spans_touch(g, p)
            if not g.get("speaker"):
                # An unattributable gold quote needs only the span to count end to end.
                tot["e2e"] += 1
                continue
            tot["known"] += 1
            strict = speaker_strict(p.get("speaker"), g.get("speaker"))
            tot["strict"] += strict
            tot["e2e"] += strict
            tot["lenient"] += speaker_lenient(p.get("speaker"), g.get("speaker"))
            if not strict and len(errors) < n_errors:
                errors.append(
                    f"{doc_id} SPEAKER gold={g.get('speaker')!r} pred={p.get('speaker')!r} "
                    f":: {text[g['start']:g['end']][:70]!r}"
                )
        hit_g = {gi for gi, _ in pairs}
        hit_p = {pi for _, pi in pairs}
        for gi, g in enumerate(golds):
            if gi not in hit_g and len(errors) < n_errors:
                errors.append(
                    f"{doc_id} MISSED [{g.get('kind')}] speaker={g.get('speaker')!r} "
                    f":: {text[g['start']:g['end']][:70]!r}"
                )
        scare = [(s["start"], s["end"]) for s in gdoc.get("not_quotes", [])]
        for pi, p in enumerate(preds):
            if pi in hit_p:
                continue
            if any(jaccard((p["start"], p["end"]), s) >= 0.5 for s in scare):
                tot["scare_fp"] += 1
            if len(errors) < n_errors:
                errors.append(f"{doc_id} SPURIOUS speaker={p.get('speaker')!r} :: {text[p['start']:p['end']][:70]!r}")
    m, k = tot["matched"], tot["known"]
    return {
        "kinds": kinds,
        "match": f"{how}>{'=' if how == 'jaccard' else ''}{threshold}",
        "docs": len(gold_docs),
        "docs_without_prediction": len(missing),
        "detect.exact": prf(tot["exact"], tot["pred"], tot["gold"]),
        "detect.match": prf(m, tot["pred"], tot["gold"]),
        "speaker.strict": _ratio(tot["strict"], k),
        "speaker.lenient": _ratio(tot["lenient"], k),
        "speaker.span": _ratio(tot["span"], m),
        "e2e": prf(tot["e2e"], tot["pred"], tot["gold"]),
        "scare_quote_false_positives": tot["scare_fp"],
        "errors": errors,
    }


def report_lines(res: dict) -> Iterable[str]:
    """Yield the human-readable report of one ``score`` result, as the reference prints it."""
    yield from res["errors"]
    yield (
        f"kinds={res['kinds']} match={res['match']} docs={res['docs']} "
        f"without prediction={res['docs_without_prediction']}"
    )
    for key in ("detect.exact", "detect.match", "e2e"):
        v = res[key]
        yield (
            f"{key:13s} P={v['p']:.3f} R={v['r']:.3f} F1={v['f1']:.3f}  "
            f"(tp={v['tp']} pred={v['pred']} gold={v['gold']})"
        )
    yield (
        f"speaker       strict={res['speaker.strict']:.3f} lenient={res['speaker.lenient']:.3f} "
        f"span={res['speaker.span']:.3f}"
    )
    yield f"scare-quote false positives={res['scare_quote_false_positives']}"
    yield f"headline e2e F1 = {res['e2e']['f1']:.3f}"


# --- the command ---------------------------------------------------------------------


def run_eval(
    gold: str,
    pred: str | None = None,
    kinds: str | None = None,
    how: str = "jaccard",
    threshold: float | None = None,
    errors: int = 0,
    as_json: bool = False,
) -> None:
    """Score PRED (or, without it, the extractor run over the gold texts) against GOLD.

    With ``kinds`` the output is exactly the reference scorer's for that group (its
    ``--json`` object with ``as_json``); without it, one report per group (all, quoted,
    indirect), blank-line separated, or a JSON object keyed by group.
    """
    try:
        gold_docs = load(gold)
        pred_docs = predict(gold_docs) if pred is None else load(pred)
    except (OSError, InvalidInput) as exc:
        raise click.ClickException(str(exc)) from exc
    except KeyError as exc:
        raise click.ClickException(f"{gold}: a gold document has no {exc}") from exc
    groups = (kinds,) if kinds else GROUPS
    results = {g: score(gold_docs, pred_docs, g, how, threshold, errors) for g in groups}
    if as_json:
        click.echo(json.dumps(results[kinds] if kinds else results, indent=1))
        return
    blocks = ["\n".join(report_lines(results[g])) for g in groups]
    click.echo("\n\n".join(blocks))
