"""Cue words: speech verbs, cognition verbs and ``according to``, found in one pass.

The verb lists live in ``data/`` as lexicons; this module compiles them into a single
pattern and labels every hit with its lemma and class.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from quotesvc.extract.lexicon import cognition_verbs, speech_verbs

# Verbs that take the addressee as an object before the reported clause (told X that S).
OBJECT_VERBS = frozenset(
    ["tell", "inform", "notify", "assure", "reassure", "remind", "warn", "advise", "promise", "urge", "ask", "caution"]
)
# Lemmas whose bare form is far more often a noun than a verb (the state, a report):
# they count as cues only when inflected, or after a plural/pronoun subject.
NOUNISH = frozenset(
    ["state", "report", "post", "note", "comment", "answer", "reply", "promise", "pledge", "object", "signal", "estimate", "counter", "charge", "claim", "warn", "protest", "respond", "remark", "mention", "tweet", "hint", "boast", "quip", "joke", "complain", "add", "snap", "muse", "plead", "rage", "mock", "blast", "slam", "tout", "praise", "retort", "vow", "demand", "urge", "caution", "lament", "whisper", "shout", "yell", "groan", "call", "brand", "label", "hail", "fear", "hope", "question", "chant", "text", "rant", "wonder", "roar", "thunder", "venture", "crack", "trumpet", "bark", "huff", "sniff", "growl", "rave", "blame", "welcome", "jeer", "guarantee", "forecast", "dispute", "repeat", "gripe", "murmur", "hiss", "snarl"]
)


# Verbs that are speech cues only right before the end of a clause ('"…," Trump went on.',
# '"…," her husband cut in: "…"', '"…," he continued, "…"'); elsewhere they are not speech
# ("went on to win", "cut in half", "will continue to be", "continued his attack").
CLAUSE_END_ONLY = frozenset(["go on", "cut in"])
_CLAUSE_END = frozenset(",.;:!?")


@dataclass(slots=True)  # never changed once built; not frozen, see segment.Paragraph
class Cue:
    """A cue word in the text."""

    start: int
    end: int
    lemma: str
    kind: str  # speech | cognition | according

    def is_bare_nounish(self, text: str) -> bool:
        """Return True for a bare noun-like form (``report``) that needs a plural subject."""
        return self.lemma in NOUNISH and text[self.start : self.end].lower() == self.lemma

    def is_participle(self, text: str) -> bool:
        """Return True for an -ing form (``saying``, ``adding``): a participle, no finite verb."""
        return text[self.end - 3 : self.end].lower() == "ing"


def cue_trie(words: list[str], backward: bool = False) -> str:
    """Return a prefix-factored alternation of ``words`` (a space matches any blank run);
    suffix-factored when ``backward``, for a pattern matched from its end (regex.REVERSE),
    where a prefix-factored one has the engine try every word in turn."""
    root: dict = {}
    for w in words:
        node = root
        for ch in reversed(w) if backward else w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        alts = [
            build(sub) + piece if backward else piece + build(sub)
            for ch, sub in sorted(node.items())
            if ch and (piece := r"\s+" if ch == " " else re.escape(ch))
        ]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(root)


@cache
def _pattern() -> re.Pattern:
    # The stdlib engine runs this literal trie (no nested quantifiers, so it cannot
    # backtrack badly) about six times faster than ``regex`` runs the same pattern.
    return re.compile(r"\b(?:" + cue_trie(_forms()) + r")\b")


@cache
def _after_boundary() -> re.Pattern:
    # The same trie after the character before it, which must not be an ASCII word
    # character (the lowered text has no A-Z): the engine then skips from one such
    # character to the next with its first-character test, instead of trying the trie's
    # \b at every letter (a third fewer instructions for the whole scan).
    return re.compile(r"[^a-z0-9_](?:" + cue_trie(_forms()) + r")\b")


@cache
def _forms() -> list[str]:
    """Every cue form: the speech and cognition verb forms and "according to"."""
    forms = sorted(set(speech_verbs()) | set(cognition_verbs()) | {"according to"})
    if not all(f[:1].isalnum() and f[-1:].isalnum() for f in forms):
        raise ValueError("a cue form must start and end with a letter or digit: _cue_spans relies on it")
    return forms


def _cue_spans(low: str, start: int, end: int):
    """Yield the (start, end) of every match of _pattern() in ``low[start:end]``, in order,
    as finditer would. _pattern() is tried at ``start`` itself (its word boundary looks
    at the character before it); after that, each match of _after_boundary() is one of
    _pattern() one character on when that character is no word character (a non-ASCII
    one may be one: é); when it is, the search goes on from the letter after it."""
    m = _pattern().match(low, start, end)
    if m:
        yield m.span()
        start = m.end()
    search = _after_boundary().search
    while (m := search(low, start, end)) is not None:
        before = low[m.start()]
        if before.isascii() or not (before.isalnum() or before == "_"):
            yield m.start() + 1, m.end()
            start = m.end()
        else:
            start = m.start() + 1


def _inside_a_name(text: str, start: int, end: int) -> bool:
    """Return True for a capitalised cue form inside a sentence next to another capitalised
    word ("Washington Post", "Iowa State", "spokeswoman Hope Hicks", "of Counter Jihad"):
    part of a name, unless its line is set in title case (a headline, where "Trump Says …"
    is a verb). At a sentence start ("Says Mr Mayo: …"), or between a comma and a lower-case
    word ("Murphy, the head of the group, Tweeted on Friday"), it is a verb."""
    k = start - 1
    while k >= 0 and text[k] in " \t\u00a0":
        k -= 1
    if k < 0 or not (text[k].isalpha() or text[k] == ","):
        return False  # a sentence or a quotation starts here
    j = k
    while j > 0 and (text[j - 1].isalpha() or text[j - 1] in "’'.-"):
        j -= 1
    after_name = text[k] != "," and text[j].isupper()
    n = end
    while n < len(text) and text[n] in " \t\u00a0":
        n += 1
    if not (after_name or (n > end and n < len(text) and text[n].isupper())):
        return False
    lo = max(text.rfind("\n", max(0, start - 200), start) + 1, start - 200)
    hi = text.find("\n", end, end + 200)
    words = [w for w in text[lo : hi if hi >= 0 else end + 200].split() if w[:1].isalpha()]
    capital = sum(1 for w in words if w[:1].isupper())
    return capital < 0.6 * len(words)


@cache
def cue_forms() -> re.Pattern:
    """Every speech or cognition verb form, with no word boundaries, for the lowered text.

    A cheap stdlib test that a window holds a cue at all, before a costly ``regex``
    pattern built on the same forms with IGNORECASE runs there (see
    attribute._may_hold_cue).
    """
    return re.compile(cue_trie(sorted(set(speech_verbs()) | set(cognition_verbs()))))


def lowered(text: str) -> str:
    """``text`` in lower case, character for character: the few characters whose lower
    case is longer (İ) are kept as they are, so that offsets still match."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
    return low


def find_cues(text: str, ranges: list[tuple[int, int]] | None = None, low: str | None = None) -> list[Cue]:
    """Return every cue in ``text`` (or in its sorted ``ranges``), in order; ``low`` is
    ``lowered(text)`` when the caller has it."""
    speech = speech_verbs()
    cognition = cognition_verbs()
    if low is None:
        low = lowered(text)
    out = []
    spans = (
        span for start, end in (ranges if ranges is not None else [(0, len(text))])
        for span in _cue_spans(low, start, end)
    )
    for start, end in spans:
        if text[end : end + 1] in ("-", "’", "'") and text[end + 1 : end + 2].isalpha():
            continue  # part of a longer word: "say-so", "tell’s"
        if start > 0 and text[start - 1] == "-":
            continue  # "so-called", "well-said": a compound, not a cue
        if text[start].isupper() and _inside_a_name(text, start, end):
            continue  # "The Washington Post's", "Iowa State University"
        form = low[start:end]
        if not form.isalpha():  # a form of several words: blanks become one space
            form = " ".join(form.split())
        if form == "according to":
            out.append(Cue(start, end, "according to", "according"))
            continue
        if form in speech:
            if speech[form] in CLAUSE_END_ONLY and text[end : end + 1] not in _CLAUSE_END:
                continue  # "went on to win", "went on CNN": no cue; '"…," Trump went on.' is one
            out.append(Cue(start, end, speech[form], "speech"))
        elif form in cognition:
            out.append(Cue(start, end, cognition[form], "cognition"))
    return out
