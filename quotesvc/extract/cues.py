"""Cue words: speech verbs, cognition verbs and ``according to``, found in one pass.

The verb lists live in ``data/`` as lexicons; this module compiles them into a single
pattern and labels every hit with its lemma and class.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from quotesvc.extract.lexicon import cognition_verbs, speech_verbs
from quotesvc.extract.segment import TIMEOUT

# Verbs that take the addressee as an object before the reported clause (told X that S).
OBJECT_VERBS = frozenset(
    ["tell", "inform", "notify", "assure", "remind", "warn", "advise", "promise", "urge", "ask", "caution"]
)
# Lemmas whose bare form is far more often a noun than a verb (the state, a report):
# they count as cues only when inflected, or after a plural/pronoun subject.
NOUNISH = frozenset(
    ["state", "report", "post", "note", "comment", "answer", "reply", "promise", "pledge", "object", "signal", "estimate", "counter", "charge", "claim", "warn", "protest", "respond", "remark", "mention", "tweet", "hint", "boast", "quip", "joke", "complain", "add"]
)


@dataclass(frozen=True, slots=True)
class Cue:
    """A cue word in the text."""

    start: int
    end: int
    lemma: str
    kind: str  # speech | cognition | according

    def is_bare_nounish(self, text: str) -> bool:
        """Return True for a bare noun-like form (``report``) that needs a plural subject."""
        return self.lemma in NOUNISH and text[self.start : self.end].lower() == self.lemma


@cache
def _pattern() -> regex.Pattern:
    forms = set(speech_verbs()) | set(cognition_verbs())
    alts = sorted((regex.escape(f).replace(r"\ ", r"\s+") for f in forms), key=len, reverse=True)
    return regex.compile(
        r"(?<![\p{L}\p{M}\-’'])(?:(?P<acc>according\s+to)|(?P<verb>" + "|".join(alts) + r"))(?![\p{L}\p{M}\-])",
        regex.IGNORECASE,
    )


def find_cues(text: str) -> list[Cue]:
    """Return every cue in ``text``, in order."""
    speech = speech_verbs()
    cognition = cognition_verbs()
    out = []
    for m in _pattern().finditer(text, timeout=TIMEOUT):
        if m.group("acc"):
            out.append(Cue(m.start(), m.end(), "according to", "according"))
            continue
        form = regex.sub(r"\s+", " ", m.group().lower())
        if form in speech:
            out.append(Cue(m.start(), m.end(), speech[form], "speech"))
        elif form in cognition:
            out.append(Cue(m.start(), m.end(), cognition[form], "cognition"))
    return out
