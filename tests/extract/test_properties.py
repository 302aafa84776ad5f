"""Properties of ``extract`` on any text (hypothesis): it never raises, and what it
returns is well formed: offsets slice back, kinds and confidences are in range, the
order is sorted and the same text always gives the same result.
"""

from __future__ import annotations

import math
from pathlib import Path

import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotesvc.extract import KINDS, SPEAKER_KINDS, Result, attribute, extract, names, prepare, segment

# Quotation marks and look-alikes of every kind: what the mark pairing must survive.
QUOTE_MARKS = list("\"'«»‘’‚‛“”„‟‹›⹂「」『』〝〞〟﹁﹂﹃﹄＂＇｢｣`´′″‶")
# Words and pieces the attribution rules key on, so that the generated text is full of
# near-misses: cues without quotes, quotes without speakers, names, pronouns, apostrophes.
PIECES = [
    " ", " ", " ", "\n", "\n\n", "\u00a0", ",", ".", ":", ";", "—", "-", "…", "(", ")",
    "said", "says", "told", "added", "Said", "according to", "warned that", "insisted",
    "he", "she", "they", "He", "She", "It", "that", "the minister", "a spokesman for",
    "Jon Ashworth", "Ashworth", "Mr Mayo", "Dr Michael Dixon", "Karen Reissmann", "Ms",
    "the Nuffield Trust", "Labour’s", "’90s", "rock ’n’ roll", "Voice ’11", "the Joneses’",
    "We will", "not", "It is a disaster", "who", ", a senior fellow at the Trust,",
]
quote_heavy = st.lists(st.sampled_from(QUOTE_MARKS + PIECES), max_size=120).map("".join)
# Any code point at all: hypothesis leaves out lone surrogates unless asked, so add them.
any_char = st.one_of(st.characters(exclude_categories=[]), st.characters(categories=["Cs"]))
any_unicode = st.one_of(st.text(max_size=400), st.text(any_char, max_size=400))
texts = st.one_of(any_unicode, quote_heavy)

bounded = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check_invariants(text: str, result: Result) -> None:
    """Assert that ``result`` is well formed for ``text``: used here and by the adversarial tests."""
    n = len(text)
    assert isinstance(result, Result)
    for q in result.quotes:
        assert isinstance(q.start, int) and isinstance(q.end, int)
        assert 0 <= q.start <= q.end <= n
        assert text[q.start:q.end] == q.text
        assert q.kind in KINDS
        assert isinstance(q.confidence, float | int) and not math.isnan(q.confidence)
        assert 0.0 <= q.confidence <= 1.0
        assert isinstance(q.rule, str)
        assert (q.speaker_start is None) == (q.speaker_end is None)
        if q.speaker_start is not None:
            assert 0 <= q.speaker_start < q.speaker_end <= n
            assert text[q.speaker_start:q.speaker_end].strip()
        assert (q.cue_start is None) == (q.cue_end is None)
        if q.cue_start is not None:
            assert 0 <= q.cue_start <= q.cue_end <= n
    keys = [(q.start, q.end) for q in result.quotes]
    assert keys == sorted(keys)
    for s in result.speakers:
        assert s.kind in SPEAKER_KINDS
        assert s.name
    for w in result.warnings:
        assert w.code
        if w.start is not None:
            assert 0 <= w.start <= (w.end if w.end is not None else n) <= n


@bounded
@given(texts)
def test_well_formed_on_any_text(text):
    check_invariants(text, extract(text))


@bounded
@given(texts)
def test_deterministic(text):
    assert extract(text) == extract(text)


@bounded
@given(quote_heavy)
def test_quotes_are_not_empty(text):
    """A quote record always holds some text (an empty pair of marks is no quotation)."""
    for q in extract(text).quotes:
        assert q.start < q.end


@bounded
@given(quote_heavy)
def test_speakers_list_every_quoted_speaker_with_its_count(text):
    result = extract(text)
    counts: dict[str, int] = {}
    for q in result.quotes:
        if q.speaker:
            counts[q.speaker] = counts.get(q.speaker, 0) + 1
    assert {s.name: s.quote_count for s in result.speakers} == counts


@bounded
@given(st.lists(quote_heavy, min_size=2, max_size=4))
def test_offsets_slice_back_after_a_prefix(parts):
    """Text before an article (a headline, boilerplate) never breaks the offsets of what follows."""
    text = "\n\n".join(parts)
    check_invariants(text, extract(text))


def test_a_plain_quote_is_found():
    """Guard against a vacuous pass: the strategies above do reach real quotes."""
    text = "“We will not back down,” said Jon Ashworth."
    result = extract(text)
    check_invariants(text, result)
    assert [q.text for q in result.quotes] == ["We will not back down,"]


# --- patterns searched backwards ----------------------------------------------------

_BACKWARD = ["_TRAILING_AUX", "_TRAILING_PRONOUN", "_QUANTITY_SUBJECT", "_SUBORDINATOR_END", "_BEFORE_A_WORK",
             "_DETERMINER_BEFORE", "_NOUN_PHRASE_BEFORE", "_PRONOUN_BEFORE", "_TRAILING_AND_BUT", "_ROLE_BEFORE",
             "_OPEN_END", "_INFINITIVE_BACK", "_HEAD_PREPOSITION", "_PERCEIVED", "_ARTICLE_BEFORE", "_JOINT_SEP"]
_SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _same_spans_both_ways(sample: str, step: int = 1) -> None:
    """The end-anchored patterns run with regex.REVERSE for speed: a forward search of the
    same pattern must find the same span, and groups, in every window, ending anywhere."""
    for name in _BACKWARD:
        backward = getattr(attribute, name)
        assert backward.flags & regex.REVERSE, name
        forward = regex.compile(backward.pattern, backward.flags & ~regex.REVERSE)
        for end in range(0, len(sample) + 1, step):
            lo = max(0, end - 100)
            a, b = forward.search(sample, lo, end), backward.search(sample, lo, end)
            assert (a and a.regs) == (b and b.regs), (name, sample[lo:end])  # the span and the groups


def test_patterns_searched_backwards_agree_on_the_seed_articles():
    for path in sorted(_SEEDS.glob("*.txt")):
        _same_spans_both_ways(path.read_text(encoding="utf-8"), step=3)


@given(st.text(alphabet="ab ,.’'\nThe said he she Half of voters percent who 3 in and but ly", max_size=120))
@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
def test_patterns_searched_backwards_agree_on_any_text(text):
    _same_spans_both_ways(text)


# --- the sentence-end pattern on the stdlib engine ---------------------------------

# The pattern as it was written for ``regex``; segment._sent_end() is its stdlib translation.
_SENT_END_SPEC = regex.compile(
    r"(?<![.!?…])(?:(?<![\p{Lu}]\.\p{Lu})[.!?…]++[)\]\"'”’»]*+(?=[\s\u00a0]+[(\[\"'“‘«„]*[\p{Lu}\d])"
    r"|(?<=\p{Lu}\.\p{Lu})\.(?=[\s\u00a0]+[\"“«„]\p{Lu}[\p{L}’']*+[\s\u00a0]+[^\s\u00a0\"”»]++[\s\u00a0]+[^\s\u00a0\"”»]))"
)


def _same_sentence_ends(sample: str) -> None:
    for lo, hi in ((0, len(sample)), (2, len(sample) - 2)):
        want = [m.span() for m in _SENT_END_SPEC.finditer(sample, lo, hi)]
        assert [m.span() for m in segment._sent_end().finditer(sample, lo, hi)] == want, sample


def test_sentence_ends_agree_with_regex_on_the_seed_articles():
    for path in sorted(_SEEDS.glob("*.txt")):
        _same_sentence_ends(path.read_text(encoding="utf-8"))


@given(st.text(alphabet=".!?…\u00a0\u2003\x1c\n\t \"'“‘«„)]”’»(AÉ\U0001d400a1٣S.C", max_size=60))
@settings(max_examples=300, deadline=None)
def test_sentence_ends_agree_with_regex_on_any_text(text):
    _same_sentence_ends(text)


# --- the name scan on the stdlib engine ----------------------------------------------


def _same_sequences(sample: str) -> None:
    for lo, hi in ((0, len(sample)), (2, len(sample) - 2)):
        want = [(m.start(), m.group()) for m in names._SEQ.finditer(sample, lo, hi)]
        found, pos = [], lo
        while (m := names._bmp_seq().search(sample, pos, hi)) is not None:
            found.append((m.start(1), m.group(1)))
            pos = m.end(1)
        assert found == want, sample


def test_name_scan_agrees_with_regex_on_the_seed_articles():
    for path in sorted(_SEEDS.glob("*.txt")):
        _same_sequences(path.read_text(encoding="utf-8"))


@given(st.text(alphabet=" \u00a0.’'-&ÉAJMSTUbcdefhilnorsty\u0301\u0663\u2003\n", max_size=60))
@settings(max_examples=300, deadline=None)
def test_name_scan_agrees_with_regex_on_any_text(text):
    _same_sequences(text)


# Patterns whose words were made possessive for speed: the same pattern with every
# possessive quantifier greedy again must match the same spans and groups.
_POSSESSIVE = ("_SENT_NP", "_WHOLE_NP")


def _possessive_agrees(sample: str) -> None:
    for name in _POSSESSIVE:
        fast = getattr(attribute, name)
        plain = regex.compile(fast.pattern.replace("++", "+").replace("}?[\\p{L}\\-]+)", "}?[\\p{L}\\-]+?)"), fast.flags)
        for lo in range(len(sample)):
            for hi in (len(sample), lo + 40):
                a, b = plain.match(sample, lo, hi), fast.match(sample, lo, hi)
                assert (a and a.regs) == (b and b.regs), (name, sample[lo:hi])
                a, b = plain.fullmatch(sample, lo, hi), fast.fullmatch(sample, lo, hi)
                assert (a and a.regs) == (b and b.regs), (name, sample[lo:hi])


def test_possessive_patterns_agree_on_the_seed_articles():
    for path in sorted(_SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for lo in range(0, len(text) - 120, 61):
            _possessive_agrees(text[lo : lo + 120])


@given(st.text(alphabet=" ,’'s\u00a0-aAnd the officials say said were, Ox", max_size=40))
@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
def test_possessive_patterns_agree_on_any_text(text):
    _possessive_agrees(text)


# --- the boilerplate pre-test (segment._may_open_boilerplate) ------------------------


def _boilerplate_pretest_holds(line: str) -> None:
    if len(line) >= 3 and line[0].isalpha() and not segment._may_open_boilerplate(line[:3]):
        assert segment._boiler_re().match(line) is None, line


def test_boilerplate_pretest_passes_every_boilerplate_opening():
    for opening in ("Tell us in the comments", "Subscribe now", "Advertisement", "Copyright 2016", "We’ll assume",
                    "Follow @x on Twitter", "Cookies help us"):
        assert segment._may_open_boilerplate(opening[:3]), opening
    for path in sorted(_SEEDS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            _boilerplate_pretest_holds(line.strip())


@given(st.text(alphabet="acdefhilmnoprstuvwyACFPSTW ’'\u017f\u212a\u0130", min_size=3, max_size=30))
@settings(max_examples=300, deadline=None)
def test_boilerplate_pretest_passes_every_boilerplate_opening_on_any_text(text):
    _boilerplate_pretest_holds(text)


def test_prepare_builds_the_stdlib_scans_and_reads_its_sample():
    segment._sent_end.cache_clear()
    names._bmp_seq.cache_clear()
    prepare()
    assert segment._sent_end.cache_info().currsize == 1
    assert names._bmp_seq.cache_info().currsize == 1
    # the sample goes through the rules: a direct quote, an according-to report, a told-that report
    from quotesvc.extract.pipeline import _WARM_UP

    assert {q.rule for q in extract(_WARM_UP).quotes} >= {"direct.after", "indirect.according-to", "indirect.that"}
