"""Link quotations to cues and speakers, and find reported (indirect) speech.

Every rule here has a short stable id (``Rule.id``) that ends up in ``Quote.rule``, and a
base confidence. The passes, in order:

1. direct quotes: an attribution after the closing mark (``," she said``), before the
   opening mark (``X said: "``), a colon paragraph before a quote paragraph, or a
   ``— Name`` byline;
2. partial quotes: a quoted fragment inside a sentence whose cue comes before it;
3. continuation: a quote with no attribution of its own takes the one it follows;
4. indirect speech: ``X said (that) S``, ``S, X said``, ``according to X, S``, and
   bullet lists after ``X argues:``.
Speaker mentions resolve to canonical names through ``names.NameBook``; pronouns to
the most recent compatible subject.
"""

from __future__ import annotations

import math
import re
import time
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache

import regex

from quotesvc.extract.cues import CLAUSE_END_ONLY, NOUNISH, OBJECT_VERBS, Cue, cue_forms, cue_trie
from quotesvc.extract.lexicon import (
    cognition_verbs,
    group_words,
    honorific_roles,
    honorifics,
    org_words,
    speech_verbs,
    title_words,
)
from quotesvc.extract.marks import QuoteSpan
from quotesvc.extract.model import Quote
from quotesvc.extract.names import (
    MONTHS_DAYS,
    POSTNOMINALS,
    PRONOUNS,
    STOP,
    Mention,
    NameBook,
    strip_possessive,
)
from quotesvc.extract.segment import BLANK, SOLO, TIMEOUT, Paragraph, SentenceIndex, rx

# How far (in characters) a rule looks from its cue or quotation for a subject, a
# clause or a frame. Real sentences are far shorter; the bound keeps cost linear.
WINDOW = 600

# Time guard. A ``regex`` timeout as a keyword costs about 1.7 µs a call (mostly parsing the
# keyword and the GIL handling, see segment.SOLO; a positional one costs little), a
# fifth of the extractor's time when every small match had one. So the patterns whose
# cost is linear in what they see, which is a window of at most 2 × WINDOW characters or
# the first few words of a sentence (_SENT_NP, _PLURAL_SUBJECT: ~1 µs a character on a
# 20,000-character sentence made to be slow), run without one, and the rules that call
# them check instead, once per cue, quotation or sentence, a deadline for the whole
# text (Context.check_time). The patterns that nest ambiguous repeats (_TRAILING_AUX,
# the direct-speech patterns) or see a whole quotation (_TRANSCRIPT) keep
# timeout=TIMEOUT, as do the sentence splitter and the boilerplate patterns.

# Rule ids and their base confidence: roughly the rule's measured precision (a quote
# found and its speaker right, leniently: PolNeAR writes "Trump" where we give "Donald
# Trump") over the PolNeAR train set, checked against the seed gold, so that filtering
# at 0.5 drops more wrong quotes than right ones. Partial quotes are set from the seed
# gold: PolNeAR annotates the whole clause around them instead ("mixed"). Last measured
# 2026-11-25 (see the README's Figures).
CONFIDENCE = {
    "direct.after": 0.9,  # "…," Ashworth said / "…," said Ashworth
    "direct.before": 0.8,  # Ashworth said: "…"
    "direct.colon-paragraph": 0.7,  # Caddell continued:\n\n"…"
    "direct.colon": 0.6,  # Trump issued the following statement: "…" (no speech verb)
    "direct.byline": 0.9,  # "…" — Name
    "direct.headline": 0.6,  # Warren Hammers Wells Fargo CEO: ‘…’ (a title-case headline)
    "direct.transcript": 0.75,  # "PENCE: Well, look, …"
    "direct.continued": 0.85,  # a quote paragraph that continues the previous speaker
    "direct.same-paragraph": 0.45,  # a quote after an attributed sentence of the paragraph
    "direct.unattributed": 0.2,  # a full quotation nobody could be tied to
    "partial.cue": 0.62,  # branding it a "disaster"
    "partial.nested": 0.5,  # a named source quoted inside someone else's quotation
    "indirect.that": 0.8,  # X said that S
    "indirect.bare": 0.75,  # X said S
    "indirect.after": 0.75,  # S, X said.
    "indirect.according-to": 0.6,  # according to X, S
    "indirect.bullet": 0.66,  # X argues:\n • S
    "indirect.headline": 0.6,  # Clinton: I support D.C. statehood (a headline)
}
# How much less sure a pronoun or a common-noun speaker makes us.
MENTION_PENALTY = {"pronoun": 0.07, "group": 0.1, "single": 0.03}

_SP = r"[ \t\u00a0]"
# Patterns anchored at the end of their window ($, right before a cue) are searched
# backwards from that end: the same matches (checked on PolNeAR train windows), with far
# fewer steps than trying every start position from the left.
_BACKWARD_I = regex.IGNORECASE | regex.REVERSE
_PRONOUN = r"(?:he|she|they|it|we|I)"
# Auxiliaries and adverbs that may stand between a subject and its cue.
_AUX_WORDS = (
    "has|have|had|was|were|is|are|will|would|could|should|can|may|might|must|did|does|do|"
    "also|later|then|now|again|previously|earlier|recently|once|still|even|already|often|since|long|always|sometimes|"
    "soon|just|both|nonetheless|nevertheless|himself|herself|themselves|itself|"
    "not|never|further|first|separately|publicly|privately|simply|only|repeatedly|"
    "reportedly|allegedly|apparently|initially|ultimately|finally|quickly|however|though|too|instead|meanwhile|"
    # an aside between commas: "Legislative leaders, for instance, noted"
    "here|likewise|moreover|indeed|for\\s+instance|for\\s+example|in\\s+turn|in\\s+fact|of\\s+course|in\\s+response|"
    "for\\s+his\\s+part|for\\s+her\\s+part|for\\s+their\\s+part|for\\s+its\\s+part|"
    "goes\\s+on\\s+to|went\\s+on\\s+to|go\\s+on\\s+to|continued\\s+to|continues\\s+to|"
    "quoted\\s+as|has\\s+been|had\\s+been|have\\s+been|is\\s+being|was\\s+being|"
    # a time between the subject and its cue: "Trump this week also said"
    "this\\s+week|last\\s+week|this\\s+month|last\\s+month|this\\s+year|last\\s+year|this\\s+morning|"
    "on\\s+monday|on\\s+tuesday|on\\s+wednesday|on\\s+thursday|on\\s+friday|"
    "on\\s+saturday|on\\s+sunday|"
    # a negative contraction: "Attorney General Eric Schneiderman isn’t saying"
    + "|".join(f"{w}n{a}t" for w in ("is", "was", "are", "were", "does", "did", "do", "has", "had", "have", "would", "could",
                                      "wo", "ca", "should")
               for a in "'’")
)
_TIME_WORD = regex.compile(r"\b(?:week|month|year|morning|\p{L}+day)\b", regex.IGNORECASE)
# An adverb in -ly, not a noun in -ly ("Another Clinton ally said", "the family said").
_LY_ADVERB = (
    r"(?!(?:ally|rally|family|assembly|supply|reply|monopoly|anomaly|bully|belly|folly|tally|daily|weekly|"
    r"monthly|quarterly|elderly|holy|italy)\b)\p{Ll}+ly"
)
# Its auxiliaries as a trie, factored by suffix since it is matched backwards (~3 times
# cheaper than by prefix): only the start of the match is used, and the match always runs
# to the end; after the blanks or comma before it, only one word or phrase of the list
# can end where a repeat does (none is the last word of another), so the order in which
# alternatives are tried cannot change it.
# A day between a subject and its cue, "on" or not: "President Obama Tuesday said".
_DAY = r"(?:on\s+)?(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_TRAILING_AUX = regex.compile(
    rf"(?:[\s,]+(?:{cue_trie(_AUX_WORDS.replace(chr(92) + 's+', ' ').split('|'), backward=True)}|{_LY_ADVERB}|{_DAY}))+[\s,]*$",
    _BACKWARD_I,
)
_TRAILING_PRONOUN = regex.compile(rf"(?<![\p{{L}}’'])({_PRONOUN})(?:[’'](?:s|ve|d|ll|re))?\s*$", _BACKWARD_I)  # "he’s said"
# What _TRAILING_PRONOUN's match can end with (its pre-test): a pronoun or a contraction.
_PRONOUN_ENDINGS = ("he", "she", "they", "it", "we", "i", "'s", "'ve", "'d", "'ll", "'re")
_TRAILING_PAREN = regex.compile(r"\s*\([^()]{1,30}\)\s*$")
_LEADING_SUBORDINATOR = regex.compile(r"(?:though|although|while|whereas|because|since|if|as|when)\s+", regex.IGNORECASE)
_SUBJECT_WHO = regex.compile(r"(?<=\p{L})\s+who\s")
_OF_PLACE = regex.compile(r"\s+of\s+\p{Lu}[\p{L}.\-]*(?:\s+\p{Lu}[\p{L}.\-]*){0,3}")
_PAREN_AFTER = regex.compile(r"\s*\([^()]{1,30}\)")
_INCLUDING = regex.compile(r"\s+(?:including|like|such\s+as|among\s+them)\s", regex.IGNORECASE)
_TRAILING_AND_BUT = regex.compile(r"(?:^|[\s,])(?:and|but)\s*$", regex.REVERSE)

# Cheap tests that let subject_before skip its end-anchored searches. A search scans
# every start position of its window and fails for most cues ("Smith said"), while each
# pattern can only match when the window, less its trailing blanks (and commas), ends
# with a few known letters. The tests may pass where the pattern then fails, never the
# reverse: blanks are str.isspace (a superset of the \s of ``regex``), and a tail that
# is not ASCII always runs the search (IGNORECASE folds ſ to s and İ to i).
_SPACES = "".join(c for c in map(chr, range(0x110000)) if c.isspace())
_SPACES_COMMA = _SPACES + ","
# The last word of every alternative of _TRAILING_AUX (goes on to -> to).
_AUX_LAST = frozenset(w.split("\\s+")[-1].lower() for w in _AUX_WORDS.split("|")) | MONTHS_DAYS


def _may_end_with_aux(window: str) -> bool:
    """Return False only when _TRAILING_AUX surely cannot match ``window`` (its trailing
    blanks and commas stripped): what it matches last is a whole word after a blank or
    comma, either an auxiliary or adverb of _AUX_WORDS or a word in -ly."""
    if not window:
        return False
    word = window.replace(",", " ").rsplit(None, 1)[-1]
    if not word.isascii():
        return True
    word = word.lower()
    return word in _AUX_LAST or (len(word) > 2 and word.endswith("ly") and word.isalpha())


def _may_end_with(tail: str, endings: tuple[str, ...]) -> bool:
    """Return False only when ``tail`` surely does not end, case-insensitively, with one of ``endings``."""
    return not tail.isascii() or tail.lower().endswith(endings)


def _may_start_with(head: str, starts: tuple[str, ...]) -> bool:
    """Return False only when ``head`` surely does not start, case-insensitively, with one of ``starts``."""
    return not head.isascii() or head.lower().startswith(starts)
# A common-noun phrase right before the cue: "the council leaders", "officials", "a source".
_DET_WORDS = "the|a|an|this|that|these|those|his|her|their|its|our|some|many|most|several|both|all|one|another|each|every|any|two|three|four|five|six|seven|eight|nine|ten"
_DET = rf"(?:{_DET_WORDS}|\d+)"
# Words that cannot end a subject noun phrase.
_NOT_HEAD = frozenset(
    ["the", "a", "an", "this", "that", "these", "those", "his", "her", "their", "its", "our", "and", "or", "but", "of", "to", "in", "on", "at", "for", "from", "by", "with", "as", "than", "into", "about", "against", "which", "who", "whom", "whose", "what", "when", "where", "while", "if", "because", "so", "not", "no", "there", "here", "be", "been", "being", "is", "are", "was", "were", "has", "have", "had", "will", "would", "could", "should", "can", "may", "might", "must", "do", "does", "did", "very", "more", "most", "less", "also", "just", "only", "even", "said", "says", "say", "told"]
)
_CONNECTIVE = regex.compile(
    r"(?:(?:but|and|however|meanwhile|now|so|yet|still|instead|rather|also|then|separately|later|earlier|even\s+so|"
    r"even(?=\s+(?:the|his|her|their|its|some|many|most|those|these)\s)|"  # "Even the field's biggest hawks say"
    r"indeed|moreover|furthermore|nonetheless|nevertheless|similarly|likewise|overall|in\s+fact|of\s+course|"
    r"for\s+(?:example|instance)|as\s+a\s+result|by\s+contrast|in\s+contrast|at\s+the\s+same\s+time|"
    # (the case of a name is kept: "In Ohio", not "In response")
    r"in\s+addition|in\s+a\s+statement(?=,)|on\s+(?-i:\p{Lu}\p{Ll}+day)|in\s+(?-i:\p{Lu}\p{Ll}+)|last\s+\w+),?\s+)+",
    regex.IGNORECASE,
)


# _CONNECTIVE anywhere, as whole words: "brand new" keeps its "and".
_CONNECTIVE_WORDS = regex.compile(r"(?<![\p{L}’'\-])" + _CONNECTIVE.pattern, regex.IGNORECASE)


def _strip_connective(phrase: str) -> str:
    """``phrase`` without its connective words ("But the chairman" -> "the chairman",
    "Wilcox and Beruff" -> "Wilcox Beruff"), never a word's inside ("brand new mayor")."""
    return _CONNECTIVE_WORDS.sub("", phrase)


def _opening_words(pattern: str) -> frozenset[str]:
    """The words that the alternatives of ``pattern``'s first inner group open with. Each
    must open with a lower-case word: the pre-test of _connective relies on it."""
    body = pattern[pattern.index("(?:", 1) + 3 :]
    words, depth, alt = set(), 0, 0
    for i, ch in enumerate(body):
        if depth == 0 and ch in "|)":
            first = regex.match(r"[a-z]+(?=\\s|,|\(\?=|\||\)|$)", body[alt:i])
            if first is None:
                raise ValueError(f"an alternative of _CONNECTIVE opens with no word: {body[alt:i]!r}")
            words.add(first.group())
            if ch == ")":
                break
            alt = i + 1
        elif ch == "(" and body[i - 1 : i] != "\\":
            depth += 1
        elif ch == ")" and body[i - 1 : i] != "\\":
            depth -= 1
    return frozenset(words)


_CONNECTIVE_FIRST = _opening_words(_CONNECTIVE.pattern)
_CONNECTIVE_HEAD = max(map(len, _CONNECTIVE_FIRST)) + 1  # the longest word and what follows it


def _connective(text: str, lo: int, hi: int) -> regex.Match | None:
    """_CONNECTIVE.match(text, lo, hi), run only when [lo, hi) opens with one of the words its
    alternatives open with (most sentences do not), followed by a blank or a comma as the
    pattern needs. An ASCII head is exact to test (IGNORECASE folds ſ to s, K to k), so
    any other always runs the pattern; blanks are str.isspace, a superset of ``\\s``."""
    head = text[lo : hi if hi < lo + _CONNECTIVE_HEAD else lo + _CONNECTIVE_HEAD]  # not min(): slow
    if head.isascii():
        words = head.lower().split(None, 1)
        if not words or words[0].split(",", 1)[0] not in _CONNECTIVE_FIRST:
            return None
    return _CONNECTIVE.match(text, lo, hi, SOLO)


_ADJUNCT_HEADS = (
    r"statement|statements|interview|letter|speech|post|tweet|report|note|email|e-mail|conference|call|briefing|"
    r"release|hearing|remarks|meeting|rally|broadcast|appearance|video|message|press|reporters|journalists|week|"
    r"month|year|night|morning|evening|afternoon|time|occasion|programme|program|show|radio|television|tv|"
    r"days|weeks|months|years|decades|hours|times|weekend|weekends|"
    r"convention|crowd|audience|supporters|voters|students|court|committee|panel|jury|event|forum|summit|hall"
)
_ADJUNCT = regex.compile(
    rf"""
    (?:
      \s*,?\s*(?:on|in|at|during|after|before|via|through|over|to|for|from|with)\s+
        (?:(?:the|a|an|his|her|their|its|this|last|an?\s+\w+)\s+)?(?:[\p{{L}}\d’'\-]+\s+){{0,3}}?
        (?:\p{{Lu}}[\p{{L}}\d\-]*(?:[’']\p{{L}}+)*|{_ADJUNCT_HEADS}|(?:1[89]|20)\d\d)(?![\p{{L}}\d’'\-])  # "MSNBC's program", "O'Brien", "in 2014"
        (?!\s+(?:{_ADJUNCT_HEADS})\b)  # "in a video message", "in a Fox News interview": the whole phrase
        (?!\s+\p{{Lu}}[\p{{L}}\d\-]*[’']s\b)  # "on Harbour FM's programme": on to the possessive's head
      | \s+(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday)(?:\s+(?:morning|afternoon|evening|night))?|today|tonight|
           last\s+(?:week|month|year|night)|this\s+(?:week|month|year)|earlier|later|again|
           also|previously|recently|repeatedly|publicly|privately|separately|once|too|then|
           \p{{Ll}}{{3,}}ly(?=\s+that\b))  # "said hopefully that …"
    )
    (?![’']s\b)  # "said Monday's decision will …": a possessive opens the clause
    """,
    regex.VERBOSE,
)
_THAT = regex.compile(r"\s*,?\s*that\b\s*", regex.IGNORECASE)


def _only_adjuncts(tail: str) -> bool:
    """Is ``tail`` one to three adjuncts and nothing else ("in a video message to the
    convention", "on Monday"), or before a comma and a subordinate clause or participle
    ("Friday afternoon, as they bristled at …")?"""
    pos = 0
    for _ in range(3):
        m = _ADJUNCT.match(tail, pos)
        if not m or m.end() == pos:
            break
        pos = m.end()
    return pos > 0 and (pos == len(tail) or _SUBORDINATE_AFTER.match(tail, pos) is not None)


_SUBORDINATE_AFTER = regex.compile(
    r",\s+(?:as|because|while|when|after|before|since|although|though|if|\p{Ll}+ing)\b", regex.IGNORECASE
)
# A finite verb right after "that": the word is a subject or a relative pronoun, not a complementiser.
_FINITE_NEXT = regex.compile(r"(?:is|was|are|were|has|had|will|would|could|should|can|may|might|must|seems|means)\b")
# After "that", what shows it is a pronoun object and no complementiser: a preposition,
# an adverb of time or degree, or punctuation ("doesn't mention that on the trail").
_THAT_OBJECT_NEXT = regex.compile(
    r"(?:on|in|at|for|with|during|to|from|about|by|after|before|again|either|too|anymore|now|today|yesterday|"
    r"publicly|directly|explicitly|often|enough)\b|[.;:!?)\]]",
    regex.IGNORECASE,
)
_LATE_THAT = regex.compile(
    r"\s*,?\s*(?:at|in|on|during|to|after|before|earlier|later|last|this|when|while|of|about|with)\b"
    r"[^.;:!?“”\"]{1,80}?,?\s+that\s+(?!(?:is|was|has|had|will|would)\b)",
    regex.IGNORECASE,
)
_AUXILIARY = regex.compile(
    r"(?<![\p{L}’'])(?:is|are|was|were|has|have|had|will|would|could|should|can|cannot|can’t|can't|may|might|must|"
    r"did|does|do|didn’t|didn't|doesn’t|doesn't|don’t|don't|won’t|won't|wasn’t|wasn't|isn’t|isn't|"
    r"aren’t|aren't|hasn’t|hasn't|haven’t|haven't|need|needs|want|wants|wanted|"
    # irregular pasts that are no adjective or noun as well ("notes the foundation hid four
    # donations"), not as participles before "by" ("comments made by the front-runner")
    r"(?:hid|went|came|took|gave|made|knew|thought|told|said|saw|began|became|brought|bought|caught|chose|drove|"
    r"fled|flew|fought|grew|held|kept|led|meant|met|paid|ran|rose|sent|shot|sold|spent|spoke|stood|struck|taught|"
    r"threw|understood|won|wrote|got|did|felt|sought|swore|woke|forgot|forgave)(?!\s+by\b)|"
    # present forms that are no noun as well: "argues the plan remains sound"
    r"seems|knows|believes|thinks|remains|continues|deserves|matters|exists|lacks|goes|comes|becomes|opposes|"
    r"understands|"
    # an -ed form right after a determiner or preposition is an adjective: "into advanced age"
    r"(?<!(?<![\p{L}’'])(?:a|an|the|his|her|their|its|our|this|that|into|of|for|with|in|on|at|by|from|to)\s+)"
    r"(?!(?:call|nam|titl|entitl|dubb|label)ed\b)\p{Ll}{2,}ed)(?![\p{L}’'])",
)
_CLAUSE_START = regex.compile(
    rf"(?:{_PRONOUN}|there|this|that|these|those|{_DET}|[\p{{Lu}}\d“\"‘]|\p{{Ll}}+s\b|"
    r"\p{Ll}+\s+(?:is|are|was|were|has|have|had|will|would|could|should|can|may|might|must)\b)",
    regex.IGNORECASE,
)
# What a reported clause does not start with: a preposition or an adverbial clause ("said
# as he launched the process", "said after the vote"), an -ing form.
_NOT_CLAUSE_START = regex.compile(
    r"(?!at\s+(?:least|most)\b)"  # "reported at least six planes filled the skies": a quantity
    r"(?!about\s+(?:half|a\s+(?:third|quarter|dozen|fifth|tenth)|one|two|three|four|five|six|seven|eight|nine|ten|\d))"
    r"(?:to|for|on|about|with|of|by|in|at|as|after|before|while|during|following|upon|until|without|"
    r"from|into|through|amid|\p{L}+ing)\b"
    r"|(?:and|or|nor)\s+(?!(?:whether|that|if|what|how|why|when|where|who)\b)"  # "who said and did the same things"
    r"|\p{L}+ly\s+(?:to|for|on|about|with|of|by|in|at|into|from|through)\b",  # "said pleasantly into the phone"
    regex.IGNORECASE,
)
# Where a reported clause stops: a participle or a coordinated cue after a comma.
_CLAUSE_STOP = regex.compile(
    r",\s+(?:\p{Ll}+ing\b|according\s+to\b|(?:he|she|they|it)\s+(?:said|added|told|wrote)\b)"
    # "… and argued he is …": a coordinated cue starts a clause of its own, comma or not
    r"|,?\s+and\s+(?:also\s+)?(?:said|says|added|adds|told|tells|warned|argued|argues|claimed|insisted|noted)\b"
    r"|;\s|\s+[—–]\s"
    r"|,\s+(?:though|although|whereas)\s"  # "… he was proud of the result, though conservatives were furious": the reporter's
    r"|,\s+while\s+(?-i:\p{Lu})",  # "said she would protect coverage, while Hale argued …"
)
# Verbs of judgement whose clause, after "and", is the speaker's own act, not more of
# what was reported ("said the rules were unworkable and called on the minister to …"; not
# the mental verbs: "said she did not condone violence and hoped that …").
_JUDGEMENT_VERBS = frozenset(
    ["call", "brand", "label", "dub", "describe", "blame", "accuse", "dismiss", "criticise", "criticize", "slam",
     "blast", "praise", "denounce", "condemn", "defend", "reject", "cite"]
)
_AND_BEFORE = regex.compile(r",?\s+and\s+(?:also\s+)?$", regex.IGNORECASE)
# A clause does not end on a complementiser, article, preposition or conjunction.
_OPEN_END = regex.compile(
    r"(?<![\p{L}’'])(?:that|the|a|an|to|of|and|or|but|which|who|because|if|when|while|as|with|for|in|on|at|by)\s*$",
    _BACKWARD_I,
)
_BULLET = regex.compile(r"[•·▪‣◦\-\*–—]\s*")
_TERMINAL = ".!?…;:,"

_PREPOSITIONS = frozenset(
    {"of", "with", "to", "in", "at", "from", "for", "on", "by", "about", "into", "over", "under", "between",
     "among", "around", "across", "near", "within", "throughout"}
)
# Words allowed inside a noun-phrase speaker ("RT and its defenders").
_NP_INNER = frozenset({"and", "of", "the", "a", "an", "its", "their", "his", "her", "those", "these"})
# Its words and blanks are possessive (~35% cheaper, mostly where it fails): a shorter run
# of either leaves a character that what follows cannot match.
_WHOLE_NP = regex.compile(
    rf"(?:{_DET}\s+)?(?P<np>[\p{{L}}\-’']++(?:\s++(?:and\s++)?[\p{{L}}\-’']++){{0,6}})\s*",
    regex.IGNORECASE,
)
# Words that may stand before a name in a speaker phrase ("the chairman, Mr X").
_LEAD_OK = frozenset(["the", "a", "an", "his", "her", "their", "its", "former", "then", "new"])
# What may stand before a name used as a modifier at the start of a sentence.
_MODIFIER_LEAD = frozenset(["a", "an", "the", "one", "another", "former", "then", "new"])
# Document nouns: "the letter argues" makes the letter's authors the speaker.
_DOC_NOUNS = frozenset(["letter", "letters", "statement", "report", "document", "memo", "filing", "paper"])
# Sources that speak for whoever made them, when that is named after them: "figures from the
# Office for National Statistics", "a poll by Quinnipiac", "data from the census bureau".
_MADE_BY_NOUNS = _DOC_NOUNS | frozenset(
    ["figures", "data", "statistics", "study", "survey", "poll", "analysis", "documents", "records", "estimates"]
)


@dataclass(slots=True)  # never changed once built; not frozen, see segment.Paragraph
class Who:
    """A speaker mention as found: span, kind, and canonical name once resolved."""

    start: int
    end: int
    kind: str  # person | organisation | group | pronoun | single
    name: str | None
    speaker_kind: str = "person"


@dataclass(slots=True)  # never changed once built; not frozen, see segment.Paragraph
class Attribution:
    """A cue and its speaker, as used by a quote."""

    who: Who
    cue: str
    cue_start: int | None
    cue_end: int | None
    rule: str


@dataclass
class Context:
    """Everything the earlier passes established about one text."""

    text: str
    paras: list[Paragraph]
    spans: list[QuoteSpan]
    sentences: SentenceIndex
    book: NameBook
    cues: list[Cue]
    cue_starts: list[int] = field(default_factory=list)
    used_cues: set[int] = field(default_factory=set)
    salient: list[tuple[int, Who]] = field(default_factory=list)
    salient_starts: list[int] = field(default_factory=list)  # the positions of salient, for bisect
    embedded: set[int] = field(default_factory=set)  # salient people who are subjects of a reported clause
    cue_subject: dict[int, Who] = field(default_factory=dict)  # cue start -> its subject
    no_subject: set[tuple[int, int]] = field(default_factory=set)  # (lo, cue start) with no subject
    pronouns: dict[int, Who] = field(default_factory=dict)  # pronoun start -> resolution
    double_for_speech: bool | None = None  # computed once, by _uses_double_for_speech
    deadline: float = math.inf  # time.monotonic() past which the rules give up on the text
    noun_use: dict[int, bool] = field(default_factory=dict)  # cue start -> _noun_use
    low: str = ""  # cues.lowered(text), for _may_hold_cue
    mention_who: dict[int, Who] = field(default_factory=dict)  # id of a book mention -> _who_from_mention

    def __post_init__(self) -> None:
        self.cue_starts = [c.start for c in self.cues]
        # One flag per character: inside the marks of some quotation (open, close].
        inside = bytearray(len(self.text) + 1)
        for q in self.spans:
            inside[q.open + 1 : q.close + 1] = b"\x01" * (q.close - q.open)
        self._inside = inside
        self._para_starts = [p.start for p in self.paras]
        self._span_opens = [q.open for q in self.spans]
        self._span_by_content = {(q.start, q.end): q for q in self.spans}
        self._sent_starts = [s for s, _ in self.sentences.sentences]

    def around(self, pos: int, para: Paragraph) -> tuple[int, int]:
        """The sentence holding ``pos``, clipped to its paragraph and to WINDOW characters
        on each side: every rule looks only this far, so a text with no sentence breaks
        (an adversarial one) still costs linear time."""
        # SentenceIndex.span, inlined: this runs for every cue and quotation (and so
        # does the clipping, written out: builtins.max and min cost more than the tests).
        sents = self.sentences.sentences
        if sents:
            i = bisect_right(self._sent_starts, pos) - 1
            s, e = sents[i if i > 0 else 0]
        else:
            s = e = pos
        lo, hi = pos - WINDOW, pos + WINDOW
        if para.start > lo:
            lo = para.start
        if para.end < hi:
            hi = para.end
        return (s if s > lo else lo), (e if e < hi else hi)

    def para_of(self, pos: int) -> Paragraph | None:
        """Return the paragraph that holds ``pos``, if any."""
        i = bisect_right(self._para_starts, pos) - 1
        if 0 <= i < len(self.paras) and self.paras[i].start <= pos < self.paras[i].end:
            return self.paras[i]
        return None

    def cues_in(self, start: int, end: int) -> list[Cue]:
        """Return the cues inside [start, end)."""
        i = bisect_left(self.cue_starts, start)
        out = []
        while i < len(self.cues) and self.cues[i].start < end:
            out.append(self.cues[i])
            i += 1
        return out

    def in_quote(self, pos: int) -> bool:
        """Return True when ``pos`` lies inside the marks of any quotation."""
        return 0 <= pos < len(self._inside) and self._inside[pos] == 1

    def check_time(self) -> None:
        """Raise TimeoutError once the text has used up its time (see WINDOW above)."""
        if time.monotonic() > self.deadline:
            raise TimeoutError("the rules ran out of time")


# --- speaker mentions and their resolution ---------------------------------------


def _who_from_mention(ctx: Context, m: Mention) -> Who:
    """The speaker a name mention stands for. A quarter of the calls ask again of a mention
    already resolved: the answer is kept, since once the book is complete the canonical
    name depends on the mention alone, and what NameBook.note records it records once."""
    known = ctx.mention_who.get(id(m))  # the book holds its mentions as long as ctx lives
    if known is None:
        known = ctx.mention_who[id(m)] = _mention_who(ctx, m)
    return known


def _mention_who(ctx: Context, m: Mention) -> Who:
    book, text = ctx.book, ctx.text
    if m.kind == "organisation":
        name = book.canonical(m)
        book.note(name, m, text, "organisation")
        return Who(m.start, m.end, "organisation", name, "organisation")
    if m.kind == "group":
        name = book.canonical(m)
        book.note(name, m, text, "group")
        return Who(m.start, m.end, "group", name, "group")
    if m.kind == "single":
        word = m.core[-1]
        kind = "group" if word.endswith("s") and not word.endswith("ss") and not m.honorific else "organisation"
        book.note(word, m, text, kind)
        return Who(m.start, m.end, "single", word, kind)
    name = book.canonical(m)
    book.note(name, m, text, "person")
    return Who(m.start, m.end, "person", name, "person")


_IRREGULAR_PARTICIPLES = frozenset(["written", "seen", "sent", "given", "made", "shown", "put", "read", "held", "run"])


def _np_who(ctx: Context, start: int, end: int, new: bool = False) -> Who | None:
    """Resolve a common-noun subject (``the health secretary``, ``officials``); a ``new``
    (indefinite) one, "a 2015 Pew Research survey", names no one spoken of before."""
    if ctx.text.startswith("-year-old", start):
        while start > 0 and ctx.text[start - 1].isdigit():
            start -= 1  # "The 62-year-old grandmother said": the age is part of the phrase
    phrase = ctx.text[start:end]
    words = phrase.split()
    ing = next((k for k in range(1, len(words)) if words[k].endswith("ing") and words[k].islower()
                and words[k - 1].endswith("s") and (k == len(words) - 1 or words[k + 1].lower() in _PARTICIPLE_OBJECT)
                and _names_people(words[k - 1])), 0)
    if ing:
        # "Protesters marching through the streets chanted": the noun before the participle
        words = words[:ing]
        end = start + phrase.index(words[-1]) + len(words[-1])
        phrase = ctx.text[start:end]
    if len(words) > 1 and words[-1].islower() and (words[-1].endswith("ed") or words[-1] in _IRREGULAR_PARTICIPLES) and (
        words[-2].lower() not in STOP and not words[-2].endswith("ly")
    ):
        # "the order released (Friday) said", "a campaign TV ad released Thursday accuses":
        # a participle after the head noun, its time adjunct already left out.
        words = words[:-1]
        end = start + phrase.rindex(words[-1]) + len(words[-1])
        phrase = ctx.text[start:end]
    cut = _postmodifier_at(words)
    if cut:
        if words[cut - 1].lower() in _MADE_BY_NOUNS and words[cut].lower() in ("from", "by", "of"):
            # "a statement from the White House": the document speaks for its author.
            named = [m for m in ctx.book.within(start, end) if m.kind in ("person", "organisation", "single")]
            if named:
                return _who_from_mention(ctx, named[0])
            author = regex.search(rf"\s{words[cut]}\s+(?:the\s+|\d+\s+)?", phrase)  # "a letter from 40 senators"
            who = _np_who(ctx, start + author.end(), end) if author else None
            if who is not None:
                return who
        # "spokeswoman for the Treasury", "official with the campaign": the role noun
        # before the preposition is the head; the whole phrase names the speaker.
        words = words[:cut]
    if not words or words[-1].lower() in _NOT_HEAD or len(words) > 6 or not any(c.isalpha() for c in phrase):
        return None
    first = rx(r"[’']").split(words[0].lower(), 0, SOLO)[0]
    if (first in PRONOUNS or first == "you") and (
        (len(words) > 1 and words[1].lower() != "and") or first != words[0].lower()
    ):
        return None  # "They believe other senators", "He’s": a clause, not a noun phrase ("She and her aides" is one)
    if any(w.lower() in _NOT_HEAD and w.lower() not in _NP_INNER for w in words[1:]):
        return None
    numbered = words[0] in ("No", "No.") and len(words) > 1 and words[1].isdigit()  # "a No 10 spokesman": Downing Street
    if words[0].lower() in _NOT_HEAD and words[0].lower() not in _LEAD_OK and not numbered or (
        len(words) == 1 and (words[0].endswith("ing") or words[0].lower() in _LONE_ADVERBS)  # "Now tell us …": an imperative
    ):
        return None
    head = words[-1].lower()
    low = phrase.lower()
    if "year-old" in low and not new:
        aged = _aged_person(ctx, start, low)
        if aged is not None:
            return Who(start, end, "group", aged, "person")
    if new or (len(words) > 1 and words[0].lower() in _INDEFINITE and words[0].lower() not in ("a", "an", "one")) or (
        len(words) > 2 and words[1].lower() == "of" and words[0].lower() in _INDEFINITE
    ):
        # "one of those advisers", "according to several party officials": a member of a
        # group, or a group, not the group spoken of before
        return _phrase_who(ctx, start, end, phrase, head)
    # A role noun names the person introduced with that role; of several, the one last
    # spoken of ("the senator" after "Sen. Ted Cruz … Sen. Marco Rubio").
    tail = " " + low
    holders = [c for c, roles in ctx.book.roles_lower.items() if low in roles or any(r.endswith(tail) for r in roles)]
    if holders:
        if len(holders) > 1:
            i = bisect_left(ctx.salient_starts, start)
            last = next((w.name for _, w in reversed(ctx.salient[:i]) if w.name in holders), None)
            holders = [last] if last is not None else holders
        return Who(start, end, "group", holders[0], "person")
    # A definite plural noun whose head names an earlier group speaker is that group.
    i = bisect_left(ctx.salient_starts, start)
    earlier = ctx.salient[max(0, i - 80) : i]
    proper = [x for x in words[:-1] if x[:1].isupper()]
    for _, w in reversed(earlier):
        # "Democratic officials" are not the "former officials" spoken of before.
        if w.name and w.speaker_kind in ("group", "organisation") and head in _heads(w.name) and all(x in w.name for x in proper):
            return Who(start, end, "group", w.name, w.speaker_kind)
    if head in _DOC_NOUNS and len(words) > 1 and words[-2].endswith(("’s", "'s")) and words[-2][:1].islower():
        # "The campaign’s statement declares": its author is the possessor.
        owner_end = start + phrase.index(words[-2]) + len(words[-2]) - 2
        owner = _np_who(ctx, start, owner_end)
        if owner is not None:
            return owner
    if head in _DOC_NOUNS:
        # "the statement said": the organisation or group of people that spoke last, not
        # any capitalised word ("Florida") or singular noun phrase ("late September");
        # acronyms ("NAACP") are organisations.
        for _, w in reversed(earlier):
            if w.kind == "organisation" or (w.kind == "single" and (w.name or "").isupper()) or (
                w.kind == "group" and w.speaker_kind == "group"
            ):
                return Who(start, end, "group", w.name, w.speaker_kind)
    return _phrase_who(ctx, start, end, phrase, head)


_AGE = regex.compile(r"(\d{1,3})-year-old")


# Adverbs that may stand alone before a cue in an imperative ("Now tell us …"): no speaker.
_LONE_ADVERBS = frozenset(["now", "then", "so", "just", "please", "also", "still", "yet", "here", "there", "again", "instead"])


def _aged_person(ctx: Context, start: int, phrase: str) -> str | None:
    """'the 45-year-old' names the person the article gave that age: 'John Miller, 45,'
    or 'the 45-year-old John Miller' (the most recent before the phrase)."""
    m = _AGE.search(phrase)
    if not m:
        return None
    age = m.group(1)
    text = ctx.text
    for mention in reversed(ctx.book.within(max(0, start - 3000), start)):
        if mention.kind != "person":
            continue
        after = text[mention.end : mention.end + 8]
        before = text[max(0, mention.start - 40) : mention.start]
        if regex.match(rf",\s*{age}\b", after) or regex.search(rf"\b{age}-year-old\s+(?:\p{{Ll}}+\s+){{0,3}}$", before):
            return ctx.book.canonical(mention)
    return None


# Endings of plural nouns for people ("voters", "activists", "politicians", "residents").
_PEOPLE_ENDINGS = ("ers", "ors", "ists", "ians", "ants", "ents", "ees", "ives", "ans", "als", "ates", "ars", "ens", "experts")
# Other heads of a phrase for people or a body of people.
_PEOPLE_HEADS = frozenset(["pundits", "fans", "women", "men", "police", "groups", "unions", "crowd", "audience", "public",
                           "electorate", "couple", "panel", "jury", "board", "court"])


def _can_speak(w: Who) -> bool:
    """Whether a group or organisation found earlier can be what "they" stands for: a
    name, or a common-noun phrase whose head names people or a body of people
    ("officials", "voters", "the committee"), not things ("major business priorities")."""
    name = w.name or ""
    if not name[:1].islower():
        return True  # a capitalised name: "Senate Democrats", "Nuffield Trust"
    return _names_people(name.split()[-1])


def _names_people(head: str) -> bool:
    """Whether a noun names people or a body of people ("officials", "voters", "the
    committee", "spokeswoman") rather than a thing ("priorities", "lead")."""
    head = head.lower()
    single = head[:-1] if head.endswith("s") else head
    return (
        head.endswith(_PEOPLE_ENDINGS) and not head.endswith("ments")  # not "investments", "governments"
        or single in title_words()
        or single in _PEOPLE_NOUNS
        or head in _PEOPLE_NOUNS
        or head in group_words()
        or head in _PEOPLE_HEADS
        or single in org_words()
    )


def _phrase_who(ctx: Context, start: int, end: int, phrase: str, head: str) -> Who:
    """The noun phrase itself as the speaker: a group when its head is plural, one person
    when it is a capitalised title used as a name ("the Prime Minister … He added"), else
    an organisation. ("The Florida senator", capitalised at a sentence start only, is more
    often an epithet for someone named, whose name a pronoun should find.)"""
    plural = head.endswith("s") and not head.endswith("ss")
    titled = all(w[:1].isupper() and w.lower() in title_words() for w in phrase.split())
    kind = "group" if plural else "person" if titled else "organisation"
    ctx.book.kinds.setdefault(phrase, kind)
    return Who(start, end, "group", phrase, kind)


# What a participle that modifies a noun goes on with ("marching through", "supporting the bill");
# not a noun ("polling average", "lobbying records": a modifier of the noun after it).
_PARTICIPLE_OBJECT = frozenset(["the", "a", "an", "his", "her", "their", "its", "this", "that", "through", "to", "for",
                                "on", "in", "at", "with", "from", "into", "over", "against", "outside", "near"])


# Prepositions that open a post-modifier after a role noun ("a spokeswoman for the Treasury").
_POSTMODIFIERS = frozenset(["for", "with", "at", "from", "in", "inside", "to"])  # "a narrator in the Clinton ad", "an adviser to X"
_POST_OK = frozenset(["the", "a", "an", "of", "and", "its", "their", "his", "her", "this", "these", "those", "one"])


def _postmodifier_at(words: list[str]) -> int:
    """The index of the preposition that opens a post-modifier after a lower-case role
    noun phrase of one to four words ("senior official with the campaign"), or 0."""
    for i, w in enumerate(words[:5]):
        low = w.lower()
        if low in _POSTMODIFIERS or (low == "to" and i > 1 and words[i - 1].lower() == "close"):  # "a source close to"
            post = words[i + 1 :]
            if not 1 <= i <= 4 or not 1 <= len(post) <= 6:
                return 0
            # lower-case words, the first perhaps capitalised before a head that names people
            # ("Officials in Washington", "Legislative leaders in North Carolina", not "Trump
            # at the time")
            if not all(x.isalpha() and (x.islower() or k == 0 and x[1:].islower()) and x.lower() not in _NOT_HEAD
                       for k, x in enumerate(words[:i])):
                return 0
            if words[0][:1].isupper() and not _names_people(words[i - 1]):
                return 0
            if any(x.lower() in _NOT_HEAD and x.lower() not in _POST_OK and x.lower() not in _POSTMODIFIERS for x in post) or (
                post[-1].lower() in _POST_OK or post[-1].lower() in _POSTMODIFIERS
            ):  # "a nurse at the hospital in Leeds": one post-modifier may hold another
                return 0
            return i
    return 0


@lru_cache(maxsize=4096)
def _heads(name: str) -> frozenset[str]:
    """The head nouns of a group name: the last word of each conjunct ("council leaders
    and PCT chairs" -> leaders, chairs), so "the president" never names a group whose
    name merely contains "president". Cached: the same names are asked again and again."""
    return frozenset(part.split()[-1] for part in name.lower().split(" and ") if part.split())


def _resolve_pronoun(ctx: Context, start: int, end: int) -> Who:
    """Resolve a pronoun once; later passes get the same answer."""
    if start not in ctx.pronouns:
        ctx.pronouns[start] = _antecedent(ctx, start, end)
    return ctx.pronouns[start]


def _antecedent(ctx: Context, start: int, end: int) -> Who:
    word = ctx.text[start:end].lower()
    gender, number = PRONOUNS.get(word, ("-", "sg"))
    if word in ("i", "we"):
        return Who(start, end, "pronoun", None)
    if gender in "mf":
        # "Clinton says she appreciated Machado’s courage through what she calls …": a second
        # "she" in a sentence is the first one's, not the name that came between them.
        sent_start = ctx.sentences.span(start)[0]
        earlier = _SAME_PRONOUN[word].search(ctx.text, max(sent_start, start - 300), start, SOLO)
        if earlier is not None and not ctx.in_quote(earlier.start()) and not ctx.in_quote(start):
            first = _resolve_pronoun(ctx, earlier.start(), earlier.end())
            if first.name:
                return Who(start, end, "pronoun", first.name, "person")
    i = bisect_left(ctx.salient_starts, start)
    fallback = None
    for pos, w in reversed(ctx.salient[max(0, i - 60) : i]):
        if start - pos > 3000:
            break
        if w.name is None:
            continue
        if gender in "mf":
            if w.speaker_kind != "person":
                continue
            known = ctx.book.gender.get(w.name)
            if known and known != gender:
                continue
            if pos in ctx.embedded:
                # The subject of a reported clause: the speaker of that sentence, if it may
                # be meant, comes first ("Clinton says it means Trump “…” She says …").
                w, pos = _matrix_subject(ctx, pos, gender) or (w, pos)
                known = ctx.book.gender.get(w.name)
            if not known and _sure_antecedent(ctx, i, pos, w.name, start):
                ctx.book.gender[w.name] = gender
            return Who(start, end, "pronoun", w.name, "person")
        if word == "it":
            if w.speaker_kind == "organisation" or (w.speaker_kind == "group" and not w.name.endswith("s")):
                return Who(start, end, "pronoun", w.name, w.speaker_kind)
            continue
        # they: a group or organisation first, a person as a last resort.
        if w.speaker_kind in ("group", "organisation"):
            if not _can_speak(w):
                continue  # "Major business priorities have …", "The subsequent investigation"
            return Who(start, end, "pronoun", w.name, w.speaker_kind)
        fallback = fallback or w
    if fallback is not None and word == "they":
        return Who(start, end, "pronoun", fallback.name, fallback.speaker_kind)
    return Who(start, end, "pronoun", None)


# Between a cue and a reported subject: a word that is no title ("says it means Trump",
# "said that Trump"), not only blanks, a determiner or a title ("said former Gov. X").
_REPORTED_LEAD = regex.compile(r"\b(?:that|it|if|whether|\p{Ll}+s|\p{Ll}+ed)\b")


def _matrix_subject(ctx: Context, pos: int, gender: str) -> tuple[Who, int] | None:
    """The person, he or she as ``gender`` allows, who is the subject of the sentence in
    which the reported subject at ``pos`` stands, before it."""
    sent_start = ctx.sentences.span(pos)[0]
    for cue in ctx.cues_in(sent_start, pos):
        who = ctx.cue_subject.get(cue.start)  # "She says Trump represents …": she speaks
        if who is not None and who.name and who.speaker_kind == "person" and who.start < pos:
            known = ctx.book.gender.get(who.name)
            if not known or known == gender:
                return who, who.start
    k = bisect_left(ctx.salient_starts, pos)
    for other_pos, other in reversed(ctx.salient[max(0, k - 20) : k]):
        if other_pos < sent_start:
            return None
        if other.name and other.speaker_kind == "person" and other_pos not in ctx.embedded:
            known = ctx.book.gender.get(other.name)
            if not known or known == gender:
                return other, other_pos
    return None


def _sure_antecedent(ctx: Context, i: int, pos: int, name: str, start: int) -> bool:
    """May a he/she resolved to ``name`` (its mention at ``pos``) teach that person's
    gender? Only when no other person whose gender is unknown was spoken of in the 600
    characters before it, or the name is in the pronoun's own sentence ("Clinton says she
    …"): a guess between two people must not decide every later pronoun ('Clinton says it
    means Trump “…” … She says' made Trump a she for the rest of the article)."""
    if ctx.sentences.span(pos)[0] == ctx.sentences.span(start)[0]:
        # "Clinton says she …", but not "Warren told Stumpf, after he admitted …": another
        # person whose gender is unknown between the name and the pronoun.
        return not any(
            m.kind == "person"
            and m.start > pos
            and (other := ctx.book.canonical(m)) != name
            and other not in ctx.book.gender
            for m in ctx.book.within(pos, start)
        )
    for other_pos, other in reversed(ctx.salient[max(0, i - 60) : i]):
        if pos - other_pos > 600:
            break
        if other.name and other.name != name and other.speaker_kind == "person" and other.name not in ctx.book.gender:
            return False
    return True


_SAME_PRONOUN = {
    word: regex.compile(rf"(?<![\p{{L}}’']){word}(?![\p{{L}}])", regex.IGNORECASE | regex.REVERSE) for word in ("he", "she")
}


# "what X called", "what X, a Reagan aide, described as": the subject of a free relative
# clause right before its cue.
_WHAT_SUBJECT = regex.compile(
    r"(?<![\p{L}’'])(?i:what)\s+(?P<np>[^\s,;:.!?“”\"][^,;:.!?“”\"]{0,59}?)(?P<appos>,[^;:.!?“”\"]{1,120},)?\s*$"
)


# The verb an infinitive cue hangs on, with its auxiliaries: "was prompted to", "wanted to".
_INFINITIVE_BACK = regex.compile(
    r"(?<![\p{L}’'])(?:(?:was|were|is|are|be|been|being|has|have|had|will|would|could|should|may|might|must|"
    r"also|then|later|quickly|just|only)\s+)*(?P<verb>\p{Ll}{3,})(?:\s+(?:so|as)\s+far\s+as)?\s+to$",  # "went so far as to say"
    regex.REVERSE,
)
# Verbs and adjectives (other than -ed forms) whose subject speaks an infinitive after them.
_INFINITIVE_TAKERS = frozenset(["want", "wants", "went", "goes", "chose", "chooses", "tries", "seems", "quick", "eager",
                                "keen", "happy", "glad", "careful", "sure", "ready", "first", "plans", "hopes", "likes"])
_REFUSALS = frozenset(["declined", "declines", "decline", "declining", "refused", "refuses", "refuse", "refusing",
                       "hesitated", "hesitate", "reluctant", "unwilling", "unable", "afraid", "forbidden"])


_APPOSITION_OPENS = regex.compile(r"(?i:a|an|the)\s+\p{Ll}")


def _name_over(ctx: Context, lo: int, m: regex.Match) -> bool:
    """Does a name mention end inside the stretch ``m`` matched, on a capitalised word?"""
    words = m.group().split()
    if not words or not any(w[:1].isupper() for w in words):
        return False
    return any(n.end > m.start() for n in ctx.book.within(max(lo, m.start() - 60), m.end()))


def subject_before(ctx: Context, lo: int, pos: int, depth: int = 0) -> Who | None:
    """Find the subject of a cue that starts at ``pos``, looking back to ``lo``. Several
    rules ask of the same cue: a subject found is kept by the caller (cue_subject), and a
    search that found none is not made twice."""
    if pos in ctx.cue_subject:
        return ctx.cue_subject[pos]
    if depth:
        return _subject_before(ctx, lo, pos, depth)
    if (lo, pos) in ctx.no_subject:
        return None
    who = _subject_before(ctx, lo, pos, 0)
    if who is None:
        ctx.no_subject.add((lo, pos))
    return who


def _subject_before(ctx: Context, lo: int, pos: int, depth: int) -> Who | None:
    text = ctx.text
    end = pos
    # The windows below are clipped at lo with a test, not builtins.max (~1.2k instructions a call).
    lo_w = pos - 80 if pos - 80 > lo else lo  # the end-anchored patterns below only need a window
    may = _may_end_with_aux(text[lo_w:end].rstrip(_SPACES_COMMA))
    m = _TRAILING_AUX.search(text, lo_w, end, SOLO, False, TIMEOUT) if may else None
    if m and _name_over(ctx, lo, m):
        m = None  # "George Will wrote", "Sen. Chris Still said": the "auxiliary" is a surname
    elif m and _PREPOSITION_BEFORE.search(text, m.start() - 12 if m.start() - 12 > lo else lo, m.start()):
        m = None  # "a nurse who voted for both, said": the word is the preposition's object
    if m and text.rfind(",", m.start(), m.end()) >= 0 and (
        _TIME_WORD.search(text, m.start(), m.end())
        or text[m.start() : text.rfind(",", m.start(), m.end())].strip(_SPACES_COMMA) and _PARTICIPLE.match(text, pos, pos + 20)
    ):
        # "endorsed Cruz last week, saying", "X, … at the museum on Saturday, said", "X left
        # early, saying": the time or adverb belongs to the clause or apposition before the
        # comma; only what follows it goes.
        end = text.rfind(",", m.start(), m.end()) + 1
        m = None
    if m:
        if _PASSIVE.search(text, m.start(), m.end()) and _PARTICIPLE_FORM.match(text, pos, pos + 20):
            return None  # "Residents were asked": the subject is the addressee, not the speaker
        end = m.start()
        aside = text[end:pos].strip(_SPACES)
        if aside.startswith(",") and (text.find(",", lo, end) >= 0 or not aside.endswith(",")):
            # "X, a fellow at the Tax Policy Center, recently said": the comma that closes
            # the apposition stays, so the name before it is found, not the centre (with no
            # apposition, an aside between commas goes: "Cyber security experts, however, said").
            end = text.index(",", end) + 1
    while end > lo and text[end - 1] in BLANK:
        end -= 1
    m = None
    if text[end - 40 if end - 40 > lo else lo : end].rstrip(_SPACES).endswith(")"):
        m = _TRAILING_PAREN.search(text, max(lo, end - 40), end)  # Roger Phillips (Con)
    if m:
        end = m.start()
    if end <= lo:
        return None
    if depth == 0 and ctx.low.endswith(" to", end - 4 if end - 4 > lo else lo, end):
        # "Mr. Trump was prompted to say, …", "she wanted to say": the subject of the verb
        # the infinitive hangs on ("declined to say" says nothing).
        m = _INFINITIVE_BACK.search(text, max(lo, end - 60), end)
        verb = m.group("verb") if m is not None else ""
        if m is not None and not (verb.endswith("ed") or verb in _INFINITIVE_TAKERS):
            m = None  # "Perez was right to urge": an adjective's infinitive, inside what someone else said
        if m is not None:
            if verb in _REFUSALS:
                return None
            who = subject_before(ctx, lo, m.start(), depth + 1)
            # "it’s unrealistic to think": an empty subject
            return None if who is None or who.kind == "pronoun" and text[who.start : who.end].lower() == "it" else who
    if depth == 0 and ctx.low.find("what ", end - 200 if end - 200 > lo else lo, end) >= 0:
        m = _WHAT_SUBJECT.search(text, max(lo, end - 200), end)
        if m and m.group("appos"):
            # An apposition only after a name: not "what Obama wants, Ana Ruiz, a councillor, said".
            named = ctx.book.at(*m.span("np"))
            m = m if named is not None and named.end == m.end("np") else None
        who = _who_in(ctx, *m.span("np")) if m else None
        if who is not None:
            return who  # "in what Bay Buchanan, a Reagan aide, called …": the subject of the free relative
    m = None
    tail_lo = end - 10 if end - 10 > lo else lo
    if _may_end_with(text[tail_lo:end].rstrip(_SPACES)[-4:], _PRONOUN_ENDINGS):
        m = _TRAILING_PRONOUN.search(text, tail_lo, end, SOLO)
    if m:
        return _resolve_pronoun(ctx, m.start(1), m.end(1))
    if text[end - 5 if end - 5 > lo else lo : end].lower().endswith(("who", ", who")) and depth == 0:
        # "X, who joked of the museum, …": the relative pronoun stands for X.
        k = text.rfind(",", lo, end - 3)
        np_end = None
        if k > lo:
            prev = ctx.book.at(lo, k)
            if prev is not None:
                return _who_from_mention(ctx, prev)
            if _words(text[lo:k]) <= 5 and "," not in text[lo:k]:
                return _who_in(ctx, lo, k)  # "A young child, who said …"
            if text[k + 1 : end - 3].strip() == "":
                np_end = k  # "The last question was from a young child, who said …"
        elif text[end - 4 : end - 3] == " ":
            np_end = end - 4
        if np_end is not None:
            # "… independent voters who said …": the noun phrase right before "who".
            toks = _trailing_words(text, max(lo, np_end - 80), np_end, 4)
            keep = list(toks)
            for i in range(len(toks) - 1, -1, -1):
                word = text[toks[i][0] : toks[i][1]].lower()
                prev = text[toks[i - 1][0] : toks[i - 1][1]].lower() if i else ""
                verb = i < len(toks) - 1 and word.endswith(("ly", "ed")) and prev and prev not in _NOT_HEAD and prev not in STOP
                verb = verb or i < len(toks) - 1 and _has_verb_cue(ctx, toks[i][0], toks[i][1])  # "Mr. Bush tells voters who"
                if word in _NOT_HEAD or word in STOP or verb:
                    # "surveyed Democrats and independent voters", "Obama passionately
                    # rebuked critics": the noun phrase only
                    keep = toks[i + 1 :]
                    break
            if keep:
                return _np_who(ctx, keep[0][0], keep[-1][1])
    if (text[end - 1 : end] in "—–" or text[end - 2 : end] in (" -", "--")) and depth == 0:
        # "Chris Murphy — after a knock-on-wood gesture — told me": the subject stands before
        # the dashes of a parenthetical (or spaced or doubled hyphens: "DFA - which … - said",
        # "The three scholars -- Mr. Tribe, Ms. Epstein and Mr. Amar -- agreed").
        opening = max(
            text.rfind("—", lo, end - 1),
            text.rfind("–", lo, end - 1),
            text.rfind(" - ", lo, end - 2) + 1,
            text.rfind("--", lo, end - 2),
        )
        if opening > lo:
            k = text.rfind(", ", lo, opening)
            if k > lo and _APPOSITION_OPENS.match(text, k + 2, opening):
                # "Neil Sroka, a spokesman for DFA - which … - said": the name before the apposition.
                named = ctx.book.at(lo, k)
                if named is not None and named.kind == "person":
                    return _who_from_mention(ctx, named)
            return subject_before(ctx, lo, opening, depth + 1)
    if text[end - 2 : end] in (",”", ',"', ",’") and depth == 0:
        end -= 1  # "Mark Humphrey, who calls Trump a “sociopath,” said": the comma is inside the mark
    elif text[end - 3 : end] == ",''" and depth == 0:
        end -= 2  # the same with the doubled apostrophes of some wires: "of ''Morning Joe,'' adding"
    if depth == 0 and _PARTICIPLE.match(text, pos, pos + 20, SOLO):
        seen = _PERCEIVED.search(text, max(lo, end - 50), end)
        if seen is not None:
            # "Rakeyia Scott can be heard yelling to the officers that …": the one heard speaks.
            return subject_before(ctx, lo, seen.start(), depth + 1)
        verb = _VERB_RUN_BACK.search(text, max(lo, end - 20), end)
        if verb is not None and verb.end() == end and _finite_before_ing(verb.group().lower()):
            # "She recalled thinking, …", "Trump kept saying …": the participle is the object
            # of a verb; that verb's subject speaks.
            return subject_before(ctx, lo, verb.start(), depth + 1)
        if text[end - 1] == ",":
            # "…, saying, “…”" / "…, adding: …": a participle shares the sentence subject;
            # in a sentence that opens with a quotation, the subject of its closing cue
            # ("''Roger was going to do what Roger was going to do,'' Mr. Axelrod said,
            # calling …"), not a name inside the quotation.
            first = len(text[lo:end]) - len(text[lo:end].lstrip()) + lo
            opens_quoted = ctx.in_quote(first) or ctx.in_quote(first + 1)
            for cue in reversed(ctx.cues_in(lo, end)):
                if ctx.in_quote(cue.start):
                    continue
                known = ctx.cue_subject.get(cue.start)
                if known is None and opens_quoted and cue.kind == "speech":
                    # '"…," said Trudeau, adding that …': the name right after the cue.
                    named = ctx.book.at(cue.end, end - 1)
                    between = text[cue.end : named.start].strip() if named is not None else ""
                    if named is not None and (not between or _is_title_words(between)):
                        known = _who_from_mention(ctx, named)
                if known is None:
                    continue
                if opens_quoted or (known.end <= cue.start and _words(text[cue.end : end]) <= 4):
                    # "S, Fiorina said, adding that …": the cue just before the comma, with
                    # its subject, is the clause the participle goes with.
                    return known
                break
            sub = _SUBORDINATE_CLAUSE.search(text, lo, end)
            if sub is not None:
                # "It was a potent punch, as Mrs. Clinton echoed the criticism, saying …":
                # the nearest clause's subject.
                who = sentence_subject(ctx, sub.end(), end)
                if who is not None and who.kind in ("person", "pronoun", "single"):
                    return who
            return sentence_subject(ctx, lo, end)
        if (
            _SUBORDINATOR_END.search(text, max(lo, end - 12), end)
            or _OBJECT_END.search(text, max(lo, end - 60), end)
            or _PLACE_OR_OBJECT_END.search(text, max(lo, end - 60), end)
        ):
            # '"…," Trump said before adding: …' / 'issued a statement Tuesday saying …':
            # the participle goes with the sentence's subject, not the word before it.
            return sentence_subject(ctx, lo, end)
    # Its pre-test: the word before the cue can end a share of a group (a plural, a number,
    # "percent", "polled") and a share or number word stands in the window.
    window = ctx.low[end - 100 if end - 100 > lo else lo : end]
    last = window[window.rfind(" ") + 1 :]
    may = (
        last[-1:] in ("s", "%") or last[-1:].isdigit() or last in _QUANTITY_LAST
    ) and _QUANTITY_HINT.search(window)
    m = _QUANTITY_SUBJECT.search(text, max(lo, end - 100), end) if may else None
    if m:
        # "About half of Democratic primary voters said …", "One in four said …": a share
        # of a group speaks.
        name = text[m.start("np") : m.end("np")]
        ctx.book.kinds.setdefault(name, "group")
        return Who(m.start("np"), m.end("np"), "group", name, "group")
    rel = _SUBJECT_WHO.search(text, lo, end) if depth == 0 and text.find(" who ", lo, end) >= 0 else None
    if rel and not any(c in text[lo:end] for c in ",;:“”\"‘’«»") and not ctx.in_quote(lo):
        # "Hawkins and others who want to ban abortion said", "Voters who backed Sanders
        # say": the phrase before "who", not a name inside the relative clause.
        conn = _connective(text, lo, rel.start())
        start = conn.end() if conn else lo
        sub = _LEADING_SUBORDINATOR.match(text, start, rel.start())
        start = sub.end() if sub else start  # "Though executives who have worked with X say"
        if _words(text[start : rel.start()]) <= 6:
            who = _who_in(ctx, start, rel.start())
            if who is None:
                toks = _trailing_words(text, start, rel.start(), 1)
                if toks and _names_people(text[toks[0][0] : toks[0][1]]):
                    who = _np_who(ctx, *toks[0])  # "Even Republicans who have praised him warned"
            if who is not None:
                return who
    mention = ctx.book.at(lo, end)
    last_word = text[max(lo, end - 4) : end].rsplit(None, 1)[-1:]
    if mention is None and last_word and last_word[0] in POSTNOMINALS:
        named = ctx.book.at(lo, text.rindex(" ", lo, end))  # "Jon Ashworth MP said"
        mention = named if named is not None and named.kind == "person" else None
    if mention is not None and _city_state(ctx, lo, mention):
        # "Stacy Baker of Columbia, South Carolina says": the person before the place.
        people = [x for x in ctx.book.within(lo, mention.start) if x.kind == "person"]
        if people and _CITY_BEFORE.search(text, people[-1].end, mention.start):
            return _who_from_mention(ctx, people[-1])
    if mention is not None:
        return (
            _person_of_place(ctx, lo, mention)
            or _modified_by_name(ctx, lo, mention)
            or _joint(ctx, lo, mention)
            or _who_from_mention(ctx, mention)
        )
    if text[end - 1] == ",":
        # An apposition: "X, a mental health practitioner at Y, said" or
        # "The shadow health secretary, Jon Ashworth, said".
        inner = end - 1
        while inner > lo and text[inner - 1] in BLANK:
            inner -= 1
        mention = ctx.book.at(lo, inner)
        if mention is not None and _city_state(ctx, lo, mention):
            mention = None
        if mention is not None and (head := _head_person(ctx, lo, mention)) is not None:
            mention = head  # "The pastor, Darran Whiting of Liberty Baptist Church in Marion, said"
        lead = text[lo : mention.start].rstrip() if mention is not None else ""
        if mention is not None and mention.role and lead.endswith(mention.role):
            lead = lead[: -len(mention.role)].rstrip()  # "…, Agriculture Secretary Tom Vilsack,"
        if mention is not None and lead.endswith(","):
            first = ctx.book.within(lo, mention.start)[:1]
            if (
                first
                and first[0].kind == "person"
                and not text[lo : first[0].start].strip(_SPACES)
                and text.startswith(", ", first[0].end)
                and _APPOSITION_OPENS.match(text, first[0].end + 2, mention.start)
            ):
                # "Giovanni Maria Vian, the editor in chief of the Vatican's newspaper,
                # L'Osservatore Romano, said": the first name heads the chain of appositions
                # (the later one names a noun inside it).
                mention = first[0]
        if mention is not None and mention.kind in ("person", "organisation") and lead.endswith(","):
            who = _who_from_mention(ctx, mention)
            role = lead.strip(" ,")
            role = _strip_connective(role)
            role = _strip_det(role)
            if who.name and role and len(role.split()) <= 8:
                ctx.book.add_role(who.name, role)
            return who
        rel = _NP_RELATIVE.match(text, lo, end)
        named = ctx.book.within(lo, rel.end("np")) if rel is not None else []
        if rel is not None and (not named or _possessive_at(text, named[-1].end)):
            # "The official, who spoke on condition of anonymity, said", "The aides, led by
            # campaign manager Terry Sullivan, told", "Mrs. Clinton's campaign, which has
            # been shadowed by …, said": the noun phrase before the clause.
            conn = _connective(text, lo, rel.end("np"))
            return _np_who(ctx, conn.end() if conn else rel.start("np"), rel.end("np"))
        first_comma = text.find(",", lo, end - 1)
        if first_comma > lo and "," not in text[first_comma + 1 : end - 1] and _INCLUDING.match(text, first_comma + 1, end):
            # "Several candidates, including Trump, said": the phrase before the list.
            return sentence_subject(ctx, lo, first_comma + 1)
        for mention in ctx.book.within(lo, end):
            after_end = mention.end
            if text.startswith(" (", after_end):
                paren = _PAREN_AFTER.match(text, after_end, end)  # "Rep. Dan Kildee (Mich.), a …"
                after_end = paren.end() if paren else after_end
            elif mention.kind == "person" and text.startswith(" of ", after_end):
                place = _OF_PLACE.match(text, after_end, end)  # "Sen. John Cornyn of Texas, the …"
                after_end = place.end() if place else after_end
            if text.startswith(".,", after_end) and mention.core[-1] in ("Jr", "Sr"):
                after_end += 1  # "Joseph R. Biden Jr., who …, said"
            post = text[after_end : after_end + 5].split(",", 1)[0].strip()
            if post in POSTNOMINALS and text.startswith(" " + post + ",", after_end):
                after_end += len(post) + 1  # "Jon Ashworth MP, the shadow health secretary, said"
            if not text.startswith(",", after_end):
                continue
            before = _strip_connective(text[lo : mention.start]).strip()
            if _city_state(ctx, lo, mention):
                continue
            if ", who " in before or ", which " in before:
                break  # "X, who was to travel to Columbus, Ohio, …, said": a place in X's relative clause
            if before.lower() in _INTRO_PREPOSITIONS:
                continue  # "Of Carson, Levine, who has given money to Rubio, said": the topic, not the speaker
            if mention.kind in ("person", "organisation", "single") and (
                not before
                or before.endswith(",")  # "In a call on Dec. 2, Col. Steven Warren, a spokesman, said"
                or text[lo : mention.start].rstrip(_SPACES).endswith(",")  # (a place before it: "In a panel in Washington, X, …")
                or before.lower().endswith(("when", "as", "while", "after", "before", "and", "but", "that"))
                or _title_before_name(before)
                or _leads_to_name(before, mention)
            ):
                who = _who_from_mention(ctx, mention)
                appos = text[after_end + 1 : end - 1].strip()
                if who.name and appos and len(appos.split()) <= 14 and not _RELATIVE.match(appos):
                    ctx.book.add_role(who.name, _strip_det(appos))
                return who
        return None
    if (
        depth == 0
        and text[lo:end].rstrip(_SPACES).endswith(("and", "but"))
        and _TRAILING_AND_BUT.search(text[lo:end])
    ):
        # A coordinated verb shares the sentence subject: "X has given …, but says".
        return sentence_subject(ctx, lo, end)
    window = ctx.low[end - 60 if end - 60 > lo else lo : end]
    if " close " in window or " familiar " in window or " knowledgeable " in window or " involved " in window:
        close = _CLOSE_TO.search(text, end - 60 if end - 60 > lo else lo, end)
        if close is not None:
            # "Those close to her say", "people familiar with the talks said": a group.
            name = text[close.start() : end]
            ctx.book.kinds.setdefault(name, "group")
            return Who(close.start(), end, "group", name, "group")
    toks = _trailing_words(text, max(lo, end - 120), end, 6)
    if len(toks) >= 3 and text[toks[-2][0] : toks[-2][1]].lower() in ("i", "we", "he", "she", "they", "you") and (
        text.endswith("ed", toks[-1][0], toks[-1][1]) or text[toks[-1][0] : toks[-1][1]] in _IRREGULAR_PARTICIPLES
    ):
        toks = toks[:-2]  # "all the experts I interviewed said": the noun before the contact clause
    if toks:
        np_start, np_end = toks[0][0], toks[-1][1]
        words = [text[s:e] for s, e in toks]
        # Keep only the trailing words that can belong to one noun phrase.
        keep = len(words)
        for k in range(len(words) - 1, -1, -1):
            w = words[k].lower()
            if w in _NOT_HEAD or w in STOP and k != len(words) - 1:
                keep = len(words) - k - 1
                break
        if keep == 0:
            return None
        conn = _connective(text, lo, end)
        whole = _WHOLE_NP.fullmatch(text, conn.end() if conn else lo, end, SOLO)
        if (
            whole
            and (words[-1][:1].islower() or not ctx.book.within(whole.start("np"), whole.end("np")))
            and not _has_verb_cue(ctx, whole.start("np"), whole.end("np"))
        ):
            # The whole stretch is one noun phrase ("The council leaders and PCT chairs").
            new = text[whole.start() : whole.start("np")].strip().lower() in _INDEFINITE
            who = _np_who(ctx, whole.start("np"), whole.end("np"), new)
            if who is not None:
                return who
        if any(w.lower() in _PREPOSITIONS for w in words[:-keep][-6:]):
            sub = _SUBORDINATE_NP.search(text, max(lo, end - 80), end)
            if sub is not None and not any(
                w.lower() in _NOT_HEAD and w.lower() not in _NP_INNER for w in sub.group("np").split()[1:]
            ):
                # "…, where the secretary of state said": the subject of the subordinate
                # clause (not "after a lengthy investigation not to recommend")
                who = _who_in(ctx, *sub.span("np"))
                if who is not None:
                    return who
            for i in range(len(words) - 1):
                if words[i + 1].lower() in _PREPOSITIONS and _names_people(words[i]) and words[i].lower() not in STOP:
                    # "insiders in the next two states — Nevada and South Carolina — said"
                    # (before an aside), "S, attorneys for the family said" (after a comma):
                    # a people noun and its post-modifier.
                    if depth or not text[lo : toks[i][0]].rstrip(_SPACES) or text[lo : toks[i][0]].rstrip(_SPACES).endswith(","):
                        who = _np_who(ctx, toks[i][0], np_end)
                        if who is not None:
                            return who
                    break
            if depth:
                return None
            # The words found hang off a preposition ("observers in Virginia and around
            # the country say"): the subject is the sentence's.
            return sentence_subject(ctx, lo, end)
        words = words[-keep:]
        np_start = np_end - len(" ".join(words))
        if text[np_start:np_end] != " ".join(words):
            np_start = text.rfind(words[0], lo, np_end)
        before = text[lo:np_start].split()
        return _np_who(ctx, np_start, np_end, bool(before) and before[-1].lower() in _INDEFINITE)  # "A labor official"
    return None


# A people noun and the preposition of a post-modifier right before a name: "officials in
# Washington", "a spokeswoman for the Treasury", "supporters of Donald Trump".
_HEAD_PREPOSITION = regex.compile(
    r"(?<![\p{L}\-’'])(\p{L}[\p{L}\-’']*)\s+(for|with|at|from|in|inside|on|of|to)\s+(?:the\s+)?$", regex.REVERSE
)


# What joins a person's name to the organisation and place names after it: "of Liberty
# Baptist Church in", "from the University of Chicago at".
_OF_NAMES = regex.compile(
    r"\s+(?:of|from|at|with)\s+(?:the\s+)?(?:(?:\p{Lu}[\p{L}’'\-.&]*|of|for|and|the|in|at|on)\s+){1,10}"
)


def _person_of_place(ctx: Context, lo: int, mention: Mention) -> Who | None:
    """"Darran Whiting of Liberty Baptist Church in Marion said": the person who opens the
    subject, not the last of the names that follow it."""
    head = _head_person(ctx, lo, mention)
    return _who_from_mention(ctx, head) if head is not None and not ctx.text[lo : head.start].strip(_SPACES) else None


def _head_person(ctx: Context, lo: int, mention: Mention) -> Mention | None:
    """The person named before ``mention`` whose organisation and place names run up to it
    ("Darran Whiting of Liberty Baptist Church in Marion"), at ``lo`` or after a comma."""
    text = ctx.text
    for named in ctx.book.within(lo, mention.start):
        if named.kind != "person" or _OF_NAMES.fullmatch(text, named.end, mention.start) is None:
            continue
        before = text[lo : named.start].rstrip(_SPACES)
        if not before or before.endswith(","):
            return named
    return None


def _modified_by_name(ctx: Context, lo: int, mention: Mention) -> Who | None:
    """The subject noun phrase when the name before a cue only ends its post-modifier:
    "Officials in Washington said", "A spokesman for Hillary Clinton said", "Supporters of
    Donald Trump say", "Some delegates at the convention in Philadelphia said" (not
    Washington, Clinton, Trump, Philadelphia: the inverted "said officials in Washington"
    finds the same phrase). "of" only after a plural that names people ("the governor of
    Texas" is left to the name)."""
    text = ctx.text
    found = None  # (np_start, indefinite) of the outermost phrase whose head names people
    pos = mention.start
    for _ in range(3):
        m = _HEAD_PREPOSITION.search(text, max(lo, pos - 40), pos, SOLO)
        if m is None or m.group(1).lower() in _NOT_HEAD:
            break
        noun = m.group(1)
        if noun.endswith("ing") and noun.islower():
            # "Another intelligence source speaking to Fox News said": the people noun
            # before the participle and its phrase.
            head_end = m.start(1)
            while head_end > lo and text[head_end - 1] in BLANK:
                head_end -= 1
            toks = _trailing_words(text, max(lo, head_end - 60), head_end, 4)
            if toks and _names_people(text[toks[-1][0] : toks[-1][1]]):
                keep = toks[-1:]
                for s_, e_ in reversed(toks[:-1]):
                    word = text[s_:e_]
                    if word.lower() in _NOT_HEAD or word.lower() in STOP or not (_modifier_word(word) or word[:1].isupper()):
                        break
                    keep.insert(0, (s_, e_))
                before = text[max(lo, keep[0][0] - 12) : keep[0][0]].split()
                return _np_who(ctx, keep[0][0], keep[-1][1], bool(before) and before[-1].lower() in _INDEFINITE)
            break
        if noun[:1].isupper() and text[lo : m.start(1)].strip():
            break  # "Secretary of State John Kerry", "Sen. Jack Reed of …": a title inside a name
        toks = _trailing_words(text, max(lo, m.start(1) - 60), m.end(1), 4)
        keep = toks[-1:]
        for s, e in reversed(toks[:-1]):
            word = text[s:e]
            low = word.lower()
            if low in _NOT_HEAD or low in STOP or low in _INDEFINITE or not _modifier_word(word) and not word[:1].isupper():
                break
            keep.insert(0, (s, e))
        before = text[max(lo, keep[0][0] - 12) : keep[0][0]].split()
        if m.group(2) == "of":
            speaks = _names_people(noun) and noun.endswith("s") and not noun.endswith("ss")  # "supporters of"
        else:
            speaks = _names_people(noun) or _modifier_word(noun)  # "a nurse in Leeds"
        if not speaks:
            break  # "The spot concludes with footage of Trump saying": no phrase of people
        found = keep[0][0], bool(before) and before[-1].lower() in _INDEFINITE
        pos = keep[0][0]
        if before and before[-1].lower() in ("the", "a", "an"):
            pos = text.rindex(before[-1], lo, pos)
    if found is None:
        return None
    if text[max(lo, pos - 2) : pos] == ", ":
        named = ctx.book.at(lo, pos - 2)
        if named is not None and named.kind == "person":
            return _who_from_mention(ctx, named)  # "Sam Lau, the communications director for the Iowa Democratic Party said"
    return _np_who(ctx, found[0], mention.end, found[1])


_QUANTITY_SUBJECT = regex.compile(
    r"(?<![\p{L}\d])(?:(?:about|nearly|almost|roughly|only|just|some|more\s+than|less\s+than|fewer\s+than|over)\s+)?"
    r"(?P<np>(?:(?:half|a\s+third|two-thirds|one-third|a\s+quarter|three-quarters|a\s+majority|a\s+minority|"
    # "Some of Clinton’s longtime allies", "Many of his supporters", "Two of the senators"
    r"some|many|most|several|few|all|both|none|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"\d+(?:\.\d+)?\s*(?:percent|per\s+cent|%)|\p{L}+(?:-\p{L}+)?\s+(?:percent|per\s+cent))"
    r"\s+of\s+(?:(?:the\s+|all\s+)?(?:[\p{L}\-’']+\s+){0,3}\p{L}[\p{L}\-’']*s"
    r"|those(?=\s+(?:polled|surveyed|questioned|interviewed)))"
    # "one in four (voters)", "six in 10", "three out of five Democrats"
    r"|(?:one|two|three|four|five|six|seven|eight|nine|\d+)\s+(?:in|out\s+of)\s+(?:two|three|four|five|six|seven|"
    r"eight|nine|ten|\d+)(?:\s+(?:[\p{L}\-’']+\s+){0,2}\p{L}[\p{L}\-’']*s)?"
    r"|those(?=\s+(?:polled|surveyed|questioned|interviewed))"
    r"|\d+(?:\.\d+)?\s*(?:percent|per\s+cent|%)|(?:\p{L}+-)?\p{L}+\s+(?:percent|per\s+cent))"  # "46 percent said"
    r"(?:\s+(?:polled|surveyed|questioned|interviewed|asked))?)$",  # "… of Cuban-Americans polled", "those surveyed"
    _BACKWARD_I,
)
# The stdlib pre-test of _QUANTITY_SUBJECT on the lowered window: a share or number word.
_QUANTITY_LAST = frozenset(
    ["percent", "cent", "polled", "surveyed", "questioned", "interviewed", "asked", "half", "third", "quarter",
     "majority", "minority", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
)
_QUANTITY_HINT = re.compile(
    r"\b(?:\d+|half|thirds?|quarters?|majority|minority|percent|those|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"some|many|most|several|few|all|both|none)\b"
)
_SUBORDINATOR_END = regex.compile(r"(?<![\p{L}])(?:before|after|while|when|since|without|by|upon|despite|in|besides)$", _BACKWARD_I)
# A verb and its object before a participle: "issued a statement (Tuesday) saying".
_OBJECT_END = regex.compile(
    r"(?<![\p{L}])(?:issued|released|sent(?:\s+out)?|posted|put\s+out|wrote|published|gave|delivered|made)\s+"
    r"(?:a|an|the|his|her|their|its)\s+(?:[\p{L}\-]+\s+){0,3}[\p{L}\-]+$",
    regex.IGNORECASE,
)
# Before a participle, a medium or addressee after a preposition, or the object of a past
# verb: "responded on Facebook writing", "wrote in a statement to Wired explaining", "emailed
# supporters saying". Not "with": "with Donald Trump tweeting …" makes Trump the subject.
_PLACE_OR_OBJECT_END = regex.compile(
    r"(?<![\p{L}])(?:(?:to|on|in|at|via|from|for)\s+(?:the\s+)?(?:\p{Lu}[\p{L}\-’']*\s+){0,3}\p{Lu}[\p{L}\-’']*"
    r"|\p{Ll}{3,}ed\s+(?:(?:a|an|the|his|her|their|its)\s+)?(?:\p{Ll}[\p{L}\-]*\s+){0,2}\p{Ll}[\p{L}\-]*)$",
    regex.REVERSE,
)
_BE_WORDS = "was|were|been|being|is|are|be|get|got"
_PASSIVE = regex.compile(rf"\b(?:{_BE_WORDS})\s*$", regex.IGNORECASE)
_BE_WORD = regex.compile(rf"\b(?:{_BE_WORDS})\b", regex.IGNORECASE)
_PASSIVE_CLAUSE = regex.compile(r"\b(?:was|were|been|being|is|are|be)\s+(?:\p{Ll}+ly\s+)?(?:\p{Ll}+ed|told|given|shown)\b")
_PARTICIPLE_FORM = regex.compile(r"(?:\p{L}+ed|told|written|said|shown|given|seen|heard|known|thought)\b", regex.IGNORECASE)
_RELATIVE = regex.compile(r"(?:who|which|whose|whom|that|where|when)\b", regex.IGNORECASE)


def _passive_cue(text: str, aux_start: int, cue_start: int, cue_end: int) -> bool:
    """Is the cue at ``cue_start`` a passive participle, with a form of "be" among the
    words from ``aux_start`` on ("was first reported", "is seen as")? Its subject is what
    was said or the one spoken to, not the speaker; "was quoted" (as saying) is no passive."""
    return (
        _BE_WORD.search(text, aux_start, cue_start, SOLO) is not None
        and _PARTICIPLE_FORM.fullmatch(text, cue_start, cue_end) is not None
        and text[cue_start:cue_end].lower() != "quoted"
    )
# "said funding for rural buses would rise": an -ing noun as the subject of the clause.
# A gerund phrase as the subject of a reported clause: "said making plans for …",
# "said selling Trump to other Muslims has been a challenge".
_ING_SUBJECT = regex.compile(
    r"(?!(?:during|including|following|regarding|concerning|according|excluding|considering|pending|barring)\b)"
    r"\p{Ll}+ing\s+(?:(?:for|of|on|in)\s|(?:[\p{L}\d\-’'.]+\s+){0,9}"
    r"(?:is|was|has|had|will|would|could|can|may|might|should|must|doesn[’']t|didn[’']t|isn[’']t|wasn[’']t|won[’']t|can[’']t)\s)"
)
_DET_ONLY = regex.compile(rf"{_DET}", regex.IGNORECASE)
_LEADING_CONJ = regex.compile(r"(?:and|but|while|as|so|then|yet|or)\s+", regex.IGNORECASE)
# Scanned backwards from the end: the maximal runs of a character class are the same
# whichever way they are found, and only the last few are wanted.
_WORD_RUN_BACK = regex.compile(r"(?r)[\p{L}\-’']+")


# A subordinator and the determiner-led noun phrase right before a cue: "…, where the
# secretary of state said".
_SUBORDINATE_NP = regex.compile(
    r"(?<![\p{L}’'])(?:where|when|while|as|because|since|although|though|whereas|after|before|until|unless|once)\s+"
    r"(?P<np>(?:the|a|an|his|her|their|its)\s+[\p{L}\-’']+(?:\s+[\p{L}\-’']+){0,5})$",
    regex.IGNORECASE,
)


def _trailing_words(text: str, lo: int, end: int, most: int) -> list[tuple[int, int]]:
    """Return the spans of up to ``most`` words that end exactly at ``end``, blanks between."""
    out: list[tuple[int, int]] = []
    for m in _WORD_RUN_BACK.finditer(text, lo, end, False, SOLO):
        s, e = m.span()
        if not out:
            if e != end:
                return []
            out.append((s, e))
            continue
        if len(out) == most or text[e : out[0][0]].strip(BLANK):
            break
        out.insert(0, (s, e))
    if not out:
        return []
    if out[0][0] == lo and lo > 0 and text[lo - 1].isalpha():
        out.pop(0)  # the window cut a word in two
    return out


# An introductory phrase before the subject: a participle or prepositional phrase and a comma.
# A preposition that opens a sentence with its topic: "Of Carson, Levine said".
_INTRO_PREPOSITIONS = frozenset(
    ["of", "on", "in", "at", "for", "about", "with", "to", "from", "by", "like", "unlike", "despite", "after",
     "before", "during", "among", "against", "as for", "besides", "beyond", "under", "since"]
)
_INTRO = regex.compile(
    r"(?:\p{Lu}\p{Ll}+(?:ed|ing)(?![’'\p{L}])|In|On|At|After|Before|During|For|With|From|Under|Despite|Since|When|While|Here|There|Back|Of|"
    r"Amid|Amidst|Alongside|Among|Against|Without|Within|Throughout|Beyond|Ahead|Upon|Across|Around|Over|Inside|Outside|"
    r"after|before|during|despite|since|when|while|on|in|at|although|though|because|once|until|unless|whereas|"
    r"As|If|Although|Though|Because|Unlike|Like|Following|Earlier|Later|Hours|Days|Weeks|Months|Years|"
    r"Early|Late|Given|Shortly|Soon|Even|Just|Once|Until|Toward|Towards|Along|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"(?:A|An|One|Two|Three|Four|Five|Several|A\s+few)\s+(?:minutes?|hours?|days?|weeks?|months?|years?)\s+(?:later|earlier|ago|before|after))\b"  # "A month later, he …"
    # "Asked whether Mr. Clinton …, ", "On July 6, 2015, "
    # "At a campaign event in Ames, Iowa, on Sunday, …": a place and its state
    # "Friday on CNN’s “New Day,” Sen. X": a show's name in marks, up to the comma inside them
    # "At a rally in Portsmouth, N.H., on Tuesday, …": a dotted abbreviation
    r"(?:[^,.;:!?“”\"]|“[^“”\n,]{1,40}(?=,”)|(?<=\b\p{Lu}\p{Ll}{0,2})\.(?=\s\p{Lu})|(?<=\p{Lu})\.(?=\p{Lu}|,)|"
    r",(?=\s\d{4},)|,(?=\s\p{Lu}[\p{L}.]+(?:\s\p{Lu}[\p{L}.]+)?,)){0,100},”?\s+"
)
_PLURAL_SUBJECT = regex.compile(
    r"(?:the|these|those|some|many|several|both|all)\s+(?P<np>(?:[\p{Ll}\-]+\s+){0,3}[\p{Ll}\-]+[^s\W]s)\s+\p{Ll}",
    regex.IGNORECASE,
)
_LOWER_NEXT = regex.compile(r"\s+\p{Ll}")
# A lower-case word after a name that makes the name a modifier: not a preposition
# ("the U.S. Court of Appeals for the 6th Circuit overruled").
_NOUN_NEXT = regex.compile(r"\s+(?!(?:for|of|in|at|on|from|with|to|and|or)\b)\p{Ll}")
_PARTICIPLE = regex.compile(r"\p{L}+ing\b")
# The last subordinate clause of a stretch: ", as Mrs. Clinton echoed the criticism".
_SUBORDINATE_CLAUSE = regex.compile(r"(?r),\s+(?:as|while|when|after|because|since|though|although|before)\s+(?=\p{Lu})")
_VERB_RUN_BACK = regex.compile(r"(?r)(?<![\p{L}’'])\p{Ll}+")
# Verbs that take a participle as their object ("kept saying", "began telling").
_ING_TAKERS = frozenset(["kept", "keeps", "keep", "began", "begins", "begin", "quit", "quits", "recalls", "remembers",
                         "denies", "admits", "regrets", "risks", "avoids", "stops", "starts", "continues", "spent"])


# A passive verb of perception before a participle cue: "can be heard yelling", "was seen telling".
_PERCEIVED = regex.compile(
    r"(?<![\p{L}’'])(?:(?:can|could|was|were|is|are|be|been|being|has|have|had|will|would|also|then|clearly)\s+)+"
    r"(?:heard|seen|caught|overheard|filmed|recorded|videotaped|spotted)$",
    regex.REVERSE,
)


def _finite_before_ing(word: str) -> bool:
    """Return True for a verb form that can take a participle object: a past form in
    -ed ("recalled saying", not "speed" or "need"), or one of _ING_TAKERS."""
    return (len(word) > 4 and word.endswith("ed") and not word.endswith("eed")) or word in _ING_TAKERS


def sentence_subject(ctx: Context, lo: int, hi: int) -> Who | None:
    """Return the subject at the start of the sentence [lo, hi): a name, pronoun or noun phrase."""
    text = ctx.text
    m = _connective(text, lo, hi) or _DATELINE.match(text, lo, hi)
    s = m.end() if m else lo
    while (m := _INTRO.match(text, s, hi)) and not _person_at(ctx, s):
        s = m.end()  # "Asked about the cabinet, Mrs. Clinton …" / "On Thursday, after a delay, …"
    possessor = None
    for mention in ctx.book.within(s, hi):
        if ctx.in_quote(mention.start):
            continue  # "In his book, ''Make Your Kid a Millionaire,'' Mr. McKinley suggested": a title's word
        if _possessive_at(text, mention.end) and _person_right_after(ctx, mention.end, hi):
            continue  # "The Blaze’s Matt Walsh provided": the name after the possessive
        if _possessive_at(text, mention.end) and _LOWER_NEXT.match(text, text.find(" ", mention.end), hi):
            # "Hillary Clinton’s campaign manager Robby Mook said": the possessor is not the
            # subject; a name further on may be, else the whole phrase ("Scott's family").
            possessor = possessor or mention
            continue
        if (
            mention.kind in ("single", "organisation")
            # "Former Pennsylvania governor Ed Rendell", "Republican Presidential hopeful Sen. Ted Cruz"
            and all(w.lower() in _MODIFIER_LEAD or w[:1].isupper() for w in text[s : mention.start].split())
            and _NOUN_NEXT.match(text, mention.end, hi)
            and not _is_verbish(text[mention.end : mention.end + 40])
        ):
            # "Political observers say", "A Chinese official responded": an adjective, not a
            # name; a name may still follow its title ("Presumptive Republican nominee Donald Trump").
            continue
        # The first name, if nothing but titles, determiners and modifiers stand before
        # it ("Republican presidential nominee Donald Trump issued …").
        gap = [w.strip(",’'") for w in text[s : mention.start].split()]
        if (
            all(w.lower() in title_words() or w.lower() in _LEAD_OK or w[:1].isupper() or _modifier_word(w) for w in gap)
            and len(gap) <= 6
        ) or (mention.role and text[s : mention.start].strip() == mention.role):
            # "Former Secretary of State Madeleine Albright": the title the name book read
            return _who_from_mention(ctx, mention)
        break
    if possessor is not None and not text[s : possessor.start].strip():
        after = text.find(" ", possessor.end) + 1
        m = _SENT_NP.match(text, after, hi) or _SENT_NP_PAST.match(text, after, hi)
        if m:
            end = _before_verb(text, m.start("np"), m.end("np"))
            if _speaking_head(text[m.start("np") : end]):
                return _np_who(ctx, possessor.start, end)
        return _who_from_mention(ctx, possessor)  # "Mr. Obama's eyes welled …, urging": his
    m = rx(rf"({_PRONOUN})\b", regex.IGNORECASE).match(text[s:hi])
    if m:
        return _resolve_pronoun(ctx, s, s + len(m.group(1)))
    sub = _LEADING_SUBORDINATOR.match(text, s, hi)
    m = rx(rf"({_PRONOUN})\s", regex.IGNORECASE).match(text[sub.end() : hi]) if sub else None
    if m:
        # "When he returned he began by saying": no comma closes the opening clause; its
        # pronoun subject is the main clause's too.
        return _resolve_pronoun(ctx, sub.end(), sub.end() + len(m.group(1)))
    m = _SENT_NP.match(text, s, hi) or _SENT_NP_PAST.match(text, s, hi)
    if m:
        # "Several candidates", "Many officials": a new group, not one spoken of before.
        new = text[s : m.start("np")].strip().lower() in _INDEFINITE
        end = _before_verb(text, m.start("np"), m.end("np"))
        if end == m.end("np") and text[max(s, end - 20) : end].rsplit(None, 1)[-1].lower() in _COLLECTIVE and text.startswith(" of ", end):
            # "Small groups of protesters": the head is what the groups are made of.
            more = _SENT_NP.match(text, end + 4, hi) or _SENT_NP_PAST.match(text, end + 4, hi)
            end = _before_verb(text, more.start("np"), more.end("np")) if more and more.start() == end + 4 else end
        return _np_who(ctx, m.start("np"), end, new)
    return None


def _person_right_after(ctx: Context, pos: int, hi: int) -> bool:
    """Does a person's name start within a possessive's length after ``pos``?"""
    after = ctx.book.within(pos, hi)[:1]
    return bool(after) and after[0].start <= pos + 4 and after[0].kind == "person"


def _person_at(ctx: Context, pos: int) -> bool:
    """Does the name of a person the article gives in full start at ``pos`` ("Sterling, a
    former aide, said": a name in -ing, no introductory participle)?"""
    named = ctx.book.within(pos, pos + 40)
    return bool(named) and named[0].start == pos and (
        named[0].kind == "person" or named[0].core[-1] in ctx.book.full_by_surname
    )


# Nouns that name a group by its size or shape: the phrase goes on through "of".
_COLLECTIVE = frozenset(
    ["group", "groups", "dozens", "hundreds", "thousands", "millions", "crowd", "crowds", "handful", "band", "bands",
     "busload", "busloads", "contingent", "delegation", "throng", "throngs", "scores", "members", "couple"]
)


def _possessive_at(text: str, pos: int) -> bool:
    """Does a possessive ending ('s, ’, …) and a blank start at ``pos`` ("Obama's aide")?"""
    return text.startswith(("’s ", "'s ", "’ ", "' "), pos)


_PEOPLE_NOUNS = frozenset(
    ["aide", "lawyer", "family", "wife", "husband", "son", "daughter", "mother", "father", "brother", "sister", "ally",
     "allies", "supporter", "critic", "team", "staff", "office", "friend", "people", "government", "administration",
     "niece", "nephew", "cousin", "grandson", "granddaughter", "grandmother", "grandfather", "uncle", "aunt", "child",
     "children", "parent", "partner", "girlfriend", "boyfriend", "fiancé", "fiancée", "widow", "widower", "spouse",
     "colleague", "neighbor", "neighbour", "classmate", "roommate", "mentor", "attorney", "biographer", "campaign",
     "source", "firm", "man", "woman", "men", "women", "deputy", "protege", "protégé", "confidant", "confidante"]
)


def _speaking_head(phrase: str) -> bool:
    """Does a noun phrase after a possessive name someone who can speak ("Obama's former
    campaign strategist", "Scott's family") rather than a thing ("Mr. Obama's eyes")?"""
    words = phrase.split()
    if not words:
        return False
    head = words[-1].lower()
    return any(h in _PEOPLE_NOUNS or h in title_words() for h in (head, head[:-1] if head.endswith("s") else head))


def _modifier_word(w: str) -> bool:
    """A lower-case word that may describe a name after it ("presidential nominee")."""
    low = w.lower()
    return w.isalpha() and w.islower() and low not in _NOT_HEAD and low not in _PREPOSITIONS and low not in (
        "like", "than", "said", "says", "told", "unlike"
    ) and not low.endswith(("ing", "ed"))


# A news agency dateline before the first sentence: "LA CROSSE, Wisc. — ", "PARIS, Aug 31
# (Reuters) - ", "WASHINGTON (AP) — ".
_DATELINE = regex.compile(
    r"\p{Lu}{2}[\p{Lu}\s.’'\-]{0,30}(?:,\s*\p{Lu}[\p{L}.\s]{1,20}?)?(?:,?\s+\p{Lu}\p{Ll}{2,8}\.?\s+\d{1,2})?"
    r"(?:\s*\([^()\n]{1,30}\))?\s*[—–―-]{1,2}\s+"  # "WASHINGTON ― " (a horizontal bar too)
)
_INDEFINITE = frozenset(
    ["a", "an", "one", "another", "some", "many", "several", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
)


_PAST_AFTER_NOUN = regex.compile(
    r"(?<=\p{L}s|\p{Lu}\p{Ll}+)\s+\p{Ll}{2,}ed\b"
    r"|(?<=\p{Ll}{3})\s+(?:later|also|then|since|subsequently|quickly|immediately|eventually)\s+\p{Ll}{2,}ed\b"
    # "the prince called for …", "The Democratic presidential candidate blasted …"
    # ("agreed", "proceeded", but not "the greed", "the speed")
    r"|(?<=\p{Ll}{3})\s+(?:(?!\p{Ll}{0,2}eed\b)\p{Ll}{3,}ed|sought|took|made|gave|went|came|got|saw|thought|felt|left|held|"
    r"kept|brought|led|ran|won|lost|spent|sent|wrote|spoke|began|became|met|stood|struck|drew|threw|grew|knew|found|"
    r"paid|sold|built|fought|caught|taught|bought|meant|heard|has|had|was|is|will|would|could|can|may|might|must)\b"
)


def _before_verb(text: str, start: int, end: int) -> int:
    """Cut a sentence-initial noun phrase before a past-tense verb that follows a plural
    noun or a name ("Both parents stiffened their denunciation" -> "parents"), or any
    noun and an adverb ("The nurse later sued" -> "nurse")."""
    m = _PAST_AFTER_NOUN.search(text, start, end)
    return m.start() if m else end


# A common-noun subject at a sentence start: "Seven areas with …", "The private sector
# already …", "Letters to …". It stops at a preposition, a comma or a verb.
# Run once a sentence, so its word lists are prefix-factored (cue_trie): at most one
# determiner can be followed by a blank, and the verbs are inside a lookahead, so the
# order in which alternatives are tried cannot change a match; the tries make it ~30%
# cheaper. Its words are possessive, and so is the last one (another ~30%): a shorter run
# of letters leaves one before the blank, ',' or "'s" that must follow.
_SENT_NP_VERBS = (
    "with|to|of|in|at|from|for|on|who|which|that|has|have|had|is|are|was|were|will|would|"
    "could|should|can|may|might|must|say|says|said|already|also|now|still|state|states|argue|argues|"
    "write|writes|claim|claims|warn|warned|warns|goes|went"
)
_DET_TRIE = rf"(?:{cue_trie(_DET_WORDS.split('|'))}|\d+)"
_SENT_NP = regex.compile(
    rf"(?:{_DET_TRIE}\s+)?(?P<np>(?:[\p{{L}}\-]++(?:[’']s)?\s++){{0,3}}?[\p{{L}}\-]++)"  # "the field's biggest hawks"
    rf"(?=\s+{cue_trie(_SENT_NP_VERBS.split('|'))}\b|,)",
    regex.IGNORECASE,
)


# The same before any past form: "The Vermont senator emailed supporters saying …".
_SENT_NP_PAST = regex.compile(
    r"(?!(?:though|although|while|when|if|as|because|but|and|since|after|before|so|yet|he|she|they|it|we|i)\b)"
    rf"(?:{_DET_TRIE}\s+)?(?P<np>(?:(?!(?:he|she|they|it|we|i)\b)[\p{{L}}\-]+\s+){{0,3}}?[\p{{L}}\-]+?)"
    r"(?=\s+(?:\p{Ll}{3,}ly\s+)?\p{Ll}{2,}ed\b)",  # "Her campaign quickly blasted out"
    regex.IGNORECASE,
)


# --- the salient entities pronouns can refer to ----------------------------------


_OBJ_BEFORE = frozenset(
    ["to", "on", "by", "with", "for", "from", "about", "against", "of", "at", "than", "into", "including", "like", "told", "asked", "called", "urged", "thanked", "criticized", "criticised", "praised", "attacked", "and", "or"]
)


_PREPOSITION_AFTER = regex.compile(r"\s+(?:of|or|in|at|on|from|for|with|by|to)\b")


def collect_salient(ctx: Context) -> None:
    """Record the names in subject position, in order, as pronoun antecedents.

    Then resolve the subject of every speech cue in text order, so that pronouns
    resolve against what came before them and genders learnt early hold later.
    """
    text = ctx.text
    inside = ctx._inside  # Context.in_quote, inlined: every mention and sentence start is in the text
    for m in ctx.book.mentions:
        if m.kind not in ("person", "organisation", "single", "group") or inside[m.start]:
            continue
        if (m.start == 0 or text[m.start - 1] == "\n") and _DATELINE.match(text, m.start, m.start + 80, SOLO):
            continue  # "WASHINGTON (AP) — …": a dateline names a place, no one who speaks
        if m.kind == "single" and (m.role or m.honorific):
            _learn_title(ctx, m, m.core[-1])  # "President Obama spoke": one word, but a person
        prev = text[m.start - 20 if m.start > 20 else 0 : m.start].rsplit(None, 1)
        prev_word = prev[-1].lower().strip(",") if prev else ""
        if prev_word in _OBJ_BEFORE:
            continue
        after = text[m.end : m.end + 40]
        if m.kind in ("person", "group"):  # "Senate Democrats blocked the bill because they said"
            if _PREPOSITION_AFTER.match(after, None, None, SOLO) or (
                after[:1] in (".", ";", "!", "?") and not inside[m.end]
            ):
                continue  # "… used by his Democratic opponent, Hillary Clinton.": an object, no subject
        elif not (after.startswith(",") or _is_verbish(after)):
            continue  # "NHS reforms", "PCT clusters": a modifier, not a subject
        who = _who_from_mention(ctx, m)
        ctx.salient.append((m.start, who))
        ctx.salient_starts.append(m.start)
        if m.kind == "person" and who.name:
            _learn_roles(ctx, m, who.name)
            sent_start = ctx.sentences.span(m.start)[0]
            if any(
                not ctx.in_quote(c.start)
                and (_REPORTED_LEAD.search(text, c.end, m.start, SOLO) or _possessive_at(text, m.end))
                for c in ctx.cues_in(sent_start, m.start)
            ):
                # "Clinton says it means Trump may not …": Trump is reported; not "…, said
                # Gary Orfield", the subject of an inverted cue.
                ctx.embedded.add(m.start)
    cues = [c for c in ctx.cues if c.kind == "speech" and not ctx.in_quote(c.start)]
    ci = 0
    for sent_start, sent_end in ctx.sentences.sentences:
        ctx.check_time()
        # The cues of this sentence, once its subject noun phrase is known.
        while ci < len(cues) and cues[ci].start < sent_end:
            _note_cue_subject(ctx, cues[ci])
            ci += 1
        if inside[sent_start]:
            continue
        m = _connective(text, sent_start, sent_end)
        s = m.end() if m else sent_start
        m = _SENT_NP.match(text, s, sent_end, SOLO) if _may_open_subject(ctx.low, s, sent_end) else None
        # The noun phrase's span is asked for once: regex looks a group name up slowly.
        np_start, np_end = m.span("np") if m else (0, 0)
        if (
            m
            and (text[np_start : np_start + 1].islower() or text[np_start:np_end].lower().endswith("s"))
            and not ctx.book.within(np_start, np_end)
            and _is_verbish(text[np_end : np_end + 40])
        ):
            who = _np_who(ctx, np_start, np_end)
            if who is not None:
                note_salient(ctx, who)
            continue
        m = None
        if _may_start_with(text[s : s + 8], ("the", "those", "some", "many", "several", "both", "all")):
            m = _PLURAL_SUBJECT.match(text, s, sent_end, SOLO)
        np_start, np_end = m.span("np") if m else (0, 0)
        if m and not ctx.book.within(np_start, np_end):
            # "The council leaders met in Leeds": a plural subject before any verb, a
            # possible antecedent of "they" even without a speech verb.
            who = _np_who(ctx, np_start, np_end)
            if who is not None:
                note_salient(ctx, who)
    for cue in cues[ci:]:
        _note_cue_subject(ctx, cue)


def _note_cue_subject(ctx: Context, cue: Cue) -> None:
    ctx.check_time()
    para = _para_of(ctx, cue.start)
    if para is None or para.boilerplate or _noun_use(ctx, cue):
        return
    sent_start, _ = ctx.around(cue.start, para)
    who = subject_before(ctx, sent_start, cue.start)
    if who is not None:
        ctx.cue_subject[cue.start] = who
        note_salient(ctx, who)


_NEXT_WORDS = regex.compile(r"\s+(\p{L}+)(?:\s+(\p{L}+))?")
_AUX_SET = frozenset(w for w in _AUX_WORDS.split("|") if w.isalpha())
_ADVERBS = frozenset(["also", "already", "now", "still", "then", "later", "just", "never", "not", "reportedly"])
_VERB_WORDS = frozenset(
    ["has", "have", "had", "was", "were", "is", "are", "will", "would", "could", "should", "can", "may", "might", "must", "did", "does", "do", "goes", "went", "continued", "continues", "wants", "want", "needs", "need", "plans", "plan"]
)


def _is_verbish(after: str) -> bool:
    """Return True when a verb (perhaps after an adverb) opens ``after``: the name before is a subject."""
    m = _NEXT_WORDS.match(after, None, None, SOLO)
    if not m:
        return False
    word = m.group(1).lower()
    if word in _ADVERBS or word in _AUX_SET:
        return True
    if word.endswith("ly") and m.group(2):
        word = m.group(2).lower()
    return word in _VERB_WORDS or word in speech_verbs() or word in cognition_verbs() or word.endswith("ed")


@cache
def _subject_verbs() -> tuple[str, ...]:
    """The words _SENT_NP may stop before that _is_verbish takes for a verb."""
    return tuple(w for w in _SENT_NP_VERBS.split("|") if _is_verbish(" " + w))


def _may_open_subject(low: str, s: int, e: int) -> bool:
    """Return False only when the noun phrase _SENT_NP finds at ``s`` surely is not taken
    as the sentence's subject by collect_salient: for that, the word after it, one of
    the first six, must be a verb (_subject_verbs). ``low`` is the lowered text; words
    are split on str.isspace (wider than the ``\\s`` between _SENT_NP's words), and
    non-ASCII words (ſ, İ) always count. The verb must end where _SENT_NP's ``\\b``
    can hold: not before an ASCII letter, digit or underscore (which lower case keeps
    word characters)."""
    return _subject_opening().match(low, s, e) is not None


@cache
def _subject_opening() -> re.Pattern:
    # One of the first six words opens with a verb of _subject_verbs that ends there or
    # before a non-word character ("mayor" does not), or holds a non-ASCII character (after
    # a possessive run of ASCII ones, which costs the engine no backtracking): the stdlib
    # \s is str.isspace, so the words are those of str.split. The words are tried from the
    # first on (a lazy repeat: the verb mostly comes early), which cannot change whether
    # one of them qualifies.
    verbs = cue_trie(sorted(_subject_verbs()))
    return re.compile(rf"\s*+(?:\S++\s++){{0,5}}?(?:(?:{verbs})(?![a-z0-9_])|[^\s\x80-\U0010ffff]*+[^\s\x00-\x7f])")


_DETERMINER_BEFORE = regex.compile(rf"(?<![\p{{L}}\d])(?:{_DET}|\p{{Ll}}+’s|\p{{Ll}}+'s)\s+$", _BACKWARD_I)
# "the report", "Kim's mental state": before a bare noun-like form, a determiner or a
# possessive, perhaps with one adjective (not a plural noun: "his aides state that …").
_NOUN_PHRASE_BEFORE = regex.compile(
    rf"(?<![\p{{L}}\d])(?:{_DET}|\p{{L}}+[’']s)\s+(?:\p{{Ll}}+(?:-\p{{Ll}}+)*[^s\W]\s+)?$", _BACKWARD_I  # "a wake-up call"
)


_RELATIVE_THAT = regex.compile(r"\s+(?:that|which|who)\s")
_PRONOUN_BEFORE = regex.compile(rf"(?<![\p{{L}}’'])(?:{_PRONOUN}|who|which|that)\s+(?:\p{{Ll}}+ly\s+)?$", _BACKWARD_I)


def _noun_use(ctx: Context, cue: Cue) -> bool:
    """Return True for a cue form used as a noun: "his opening remarks", "the report".

    Asked several times of each cue by different rules: the answer is kept."""
    known = ctx.noun_use.get(cue.start)
    if known is None:
        known = ctx.noun_use[cue.start] = _noun_use_of(ctx.text, cue) or _state_noun(ctx, cue)
    return known


# What "states" / "state" as a speech verb follows: a pronoun, a document or text, the end
# of a parenthetical ("Byrne — who … — states that").
_STATE_SUBJECTS = _DOC_NOUNS | frozenset(
    ["it", "he", "she", "they", "who", "which", "law", "constitution", "rule", "rules", "bill", "policy", "website",
     "page", "verse", "book", "ad", "platform", "amendment", "text", "order", "guidance", "notice", "sign", "post",
     "email", "tweet", "message", "release", "complaint", "lawsuit", "indictment", "ruling", "decision", "opinion"]
)


def _state_noun(ctx: Context, cue: Cue) -> bool:
    """"swing states like Nevada", "caucus states where he has built up organizations",
    "move across state lines": the bare forms of "state" are nouns in news, save after a
    pronoun, a document, people or a name ("the document states", "It states that", "The
    leaders state that", "the Saudis state in the white paper")."""
    text = ctx.text
    if text[cue.start : cue.end].lower() not in ("state", "states"):
        return False
    before = text[max(0, cue.start - 40) : cue.start].rstrip(_SPACES)
    if not before or before[-1] in "—–-),":
        return False
    prev = before.rsplit(None, 1)[-1].lower()
    if prev in _STATE_SUBJECTS or prev.endswith("s") and _names_people(prev):  # "The leaders state that"
        return False
    named = ctx.book.at(max(0, cue.start - 40), cue.start - (len(text[max(0, cue.start - 40) : cue.start]) - len(before)))
    if named is None:
        return True
    if named.kind == "single":  # "the Saudis state", "Byrne states"; not "Western states"
        return not (named.core[-1].endswith("s") or named.core[-1] in ctx.book.full_by_surname)
    return named.kind not in ("person", "organisation", "group")


# The last letters a _DETERMINER_BEFORE match can end with (before its blanks); a
# digit (\d+) or a non-ASCII tail is tested apart.
_DET_LAST = (*_DET_WORDS.split("|"), "'s")
_OPENING_BEFORE = regex.compile(r"\b(?:opening|closing|his|her|their)\s+\p{Ll}*\s*$")


def _determiner_before(before: str) -> bool:
    """_DETERMINER_BEFORE.search(before), skipped when ``before`` does not end with a
    blank after a determiner or possessive (most cues: "Smith said")."""
    if not before[-1:].isspace():
        return False
    tail = before.rstrip(_SPACES)[-8:]
    if not (_may_end_with(tail, _DET_LAST) or tail[-1:].isdigit()):
        return False
    return _DETERMINER_BEFORE.search(before) is not None


# A lower-case adjective right before a plural noun-like cue form.
_ADJECTIVE_BEFORE = regex.compile(
    r"(?<![\p{L}’'])\p{Ll}{3,}(?:ing|ory|ous|ive|ist|ful|ical|ial)\s+$", regex.REVERSE
)


# An article right before a cue form: "a written statement", "the reported deal".
_ARTICLE_BEFORE = regex.compile(r"(?<![\p{L}’'])(?:a|an|the)\s+$", _BACKWARD_I)


def _noun_use_of(text: str, cue: Cue) -> bool:
    form = text[cue.start : cue.end]
    if form.endswith(("ed", "en")) and _ARTICLE_BEFORE.search(text, max(0, cue.start - 8), cue.start, SOLO):
        return True  # "in a written statement": a participle used as an adjective
    if cue.kind != "speech" or not form.lower().endswith("s"):
        return cue.is_bare_nounish(text) and _NOUN_PHRASE_BEFORE.search(text[max(0, cue.start - 30) : cue.start]) is not None
    before = text[max(0, cue.start - 25) : cue.start]
    if _determiner_before(before):
        return True
    # The pattern is case-sensitive: it needs one of its words as written.
    if any(word in before for word in ("his", "her", "their", "opening", "closing")) and _OPENING_BEFORE.search(before):
        return True
    if cue.lemma in NOUNISH and _ADJECTIVE_BEFORE.search(before):
        return True  # "mentioned disparaging remarks", "cited derogatory comments", "racist remarks"
    if cue.lemma in NOUNISH and not _PRONOUN_BEFORE.search(before):
        # "battleground states could trend …", "Rust Belt states that have suffered …":
        # a plural noun, followed by its own verb (directly or after a relative "that");
        # after a pronoun it is a verb ("which it claims will give …").
        after = text[cue.end : cue.end + 40]
        m = _RELATIVE_THAT.match(after)
        return _is_verbish(after[m.end() - 1 :] if m else after)
    return False


def _nounish_mismatch(ctx: Context, cue: Cue | None, who: Who) -> bool:
    """Return True for a bare noun-like cue form ("state", "charge") after a singular,
    non-pronoun subject: "the policy charge", "a state Senate": a noun, not a verb."""
    return (
        cue is not None
        and cue.is_bare_nounish(ctx.text)
        and who.kind != "pronoun"
        and not ((who.name or "").endswith("s") and not (who.name or "").endswith(("’s", "'s")))  # "the committee’s report said"
    )


def _headline_speaker(ctx: Context) -> tuple[Who, int] | None:
    """The speaker and colon of a headline that opens with the name of someone the article
    names, then a colon: 'Clinton: I support D.C. statehood', 'Milbank: Republicans
    ‘Waving The Flag Of Surrender’ To Trump'. What follows the colon is theirs."""
    if not ctx.paras:
        return None
    para = ctx.paras[0]
    text = ctx.text
    colon = text.find(":", para.start, min(para.end, para.start + 40))
    if colon < 0 or para.end - colon > 200 or text[para.start : para.start + 1] in ("“", '"', "‘", "'"):
        return None
    who = _known_name_prefix(ctx, para.start, colon)
    if who is None or who.start != para.start or who.end != colon or text.find(who.name, para.end) < 0:
        return None  # also not a "name" in full in the headline only ("Clinton Wades In: …")
    return who, colon


def _headline_claim(ctx: Context) -> list[Quote]:
    """The claim after 'Name:' in a headline, when it is no quotation of its own: one
    indirect quote ('Trump: My immigration plans aren't set in stone')."""
    found = _headline_speaker(ctx)
    if found is None:
        return []
    who, colon = found
    text = ctx.text
    para = ctx.paras[0]
    start = colon + 1
    while start < para.end and text[start] in BLANK:
        start += 1
    end = _before_final_punctuation(text, start, para.end)
    if start >= end or text[start] in "“\"‘'«" or _words(text[start:end]) < 3 or ctx.in_quote(start):
        return []
    if "?" in text[end : para.end]:
        return []  # 'Ted Cruz: Constitutional conservative or career politician?': a question about them
    att = Attribution(who, ":", None, None, "indirect.headline")
    span = QuoteSpan(start - 1, end, start, end, "-", 0, False, 0)
    return [_make(span, text, "indirect", att, "indirect.headline")]


def _headline_attribution(ctx: Context, para: Paragraph, q: QuoteSpan) -> Attribution | None:
    """A title-case headline that opens with a name the article gives in full and quotes
    after a colon or a capitalised cue: 'Elizabeth Warren Hammers Wells Fargo CEO: ‘You
    Should Be …’', 'Obama Says Museum Will Tell of ‘Suffering and Delight.’' — the name
    speaks (the title case hides which words are names and which are verbs)."""
    text = ctx.text
    if q.open - para.start > 160:
        return None
    head = text[para.start : q.open]
    words = [w for w in head.split() if w[:1].isalpha()]
    if len(words) < 3 or sum(w[:1].isupper() for w in words) < 0.8 * len(words):
        return None
    if head.rstrip().endswith(":"):
        cue_text, cue_s, cue_e = ":", None, None
    else:
        cues = [c for c in ctx.cues_in(para.start, q.open) if c.kind == "speech" and text[c.start].isupper()]
        if not cues:
            return None
        cue_text, cue_s, cue_e = text[cues[0].start : cues[0].end], cues[0].start, cues[0].end
    who = _known_name_prefix(ctx, para.start, q.open)
    return Attribution(who, cue_text, cue_s, cue_e, "direct.headline") if who is not None else None


_CAPITALISED = regex.compile(r"\p{Lu}[\p{L}’'\-.]*")


def _known_name_prefix(ctx: Context, start: int, end: int) -> Who | None:
    """The person whose name (in full, or the surname) opens [start, end), as the article
    names them elsewhere; None if the opening words are no such name."""
    toks = []
    for m in _CAPITALISED.finditer(ctx.text, start, end):
        if toks and ctx.text[toks[-1][1] : m.start()].strip():
            break
        toks.append(m.span())
        if len(toks) == 3:
            break
    for k in range(len(toks), 0, -1):
        words = tuple(strip_possessive(ctx.text[s:e]) for s, e in toks[:k])
        fulls = [core for _, core in ctx.book.full_by_surname.get(words[-1], []) if set(words) <= set(core)]
        if fulls:
            core = max(fulls, key=len)
            return Who(toks[0][0], toks[k - 1][1], "person", " ".join(core), "person")
    return None


def _last_cue_attr(ctx: Context, lo: int, hi: int) -> Attribution | None:
    """The last speech cue in [lo, hi) whose subject names someone."""
    for cue in reversed(ctx.cues_in(lo, hi)):
        who = ctx.cue_subject.get(cue.start)
        if who is None and cue.kind == "speech":
            who = _inverted_subject(ctx, cue)
        if who is not None and who.name:
            return Attribution(who, ctx.text[cue.start : cue.end], cue.start, cue.end, "direct.same-paragraph")
    return None


def _inverted_subject(ctx: Context, cue: Cue) -> Who | None:
    """The subject after a cue that closes its sentence: "S, said Paul Beck, a professor." """
    para = _para_of(ctx, cue.start)
    if para is None or ctx.in_quote(cue.start):
        return None
    return _inverted_tail(ctx, cue, *ctx.around(cue.start, para))


def _inverted_tail(ctx: Context, cue: Cue, sent_start: int, sent_end: int) -> Who | None:
    """The subject of a cue that closes its sentence after a comma ("S, said X, a Y.")."""
    text = ctx.text
    if not text[sent_start : cue.start].rstrip().endswith(","):
        return None
    m = _INVERTED_TAIL.match(text, cue.end, sent_end)
    if not m or _words(text[m.start(1) : m.end(1)]) > 8:
        return None
    words = text[m.start(1) : m.end(1)].split()
    if (
        cue.lemma in _ADDRESSEE_NEEDED  # "S, told CBC News": an addressee, never an inverted subject
        or words[0].lower() in _POSSESSIVES
        or (cue.lemma in OBJECT_VERBS and words[0].islower())  # "…, asked the first question": an object
        or cue.is_participle(text)
        or not (words[0].lower() in _QUANTIFIERS or any(w[:1].isupper() for w in words))
    ):
        # "…, Jay Nixon, tweeted their approval", "…, said their stump speeches", "pledged
        # delegates": an object or a modifier, not an inverted subject (which is a name, a
        # described name, "several observers", "experts like Paul Bauman").
        return None
    if words[0].islower() and text.startswith(", ", m.end(1)):
        named = ctx.book.within(m.end(1) + 2, sent_end)[:1]
        if named and named[0].start == m.end(1) + 2 and named[0].kind == "person" and (
            text.startswith(",", named[0].end) or not text[named[0].end : sent_end].strip(" .!?\u00a0")
        ):
            # "S, said the company's chief executive, John J. Ferriola.": the name, with the
            # role noun as a role.
            who = _who_from_mention(ctx, named[0])
            if who.name:
                ctx.book.add_role(who.name, _strip_det(text[m.start(1) : m.end(1)]))
            return who
    who = _who_in(ctx, m.start(1), m.end(1))
    if (
        who is None
        and (head := _SOURCE_HEAD.match(text, m.start(1), m.end(1))) is not None
        and head.end("np") < m.end(1)
        and _names_people(text[head.start("np") : head.end("np")].rsplit(None, 1)[-1])
    ):
        # "S, said one GOP source in the room.": the noun phrase's head.
        who = _np_who(ctx, *head.span("np"), text[m.start(1) : head.start("np")].strip().lower() in _INDEFINITE)
    return who


_POSSESSIVES = frozenset(["their", "his", "her", "its", "our", "my", "your"])
_QUANTIFIERS = frozenset(_DET_WORDS.split("|")) - _POSSESSIVES - {"this", "that", "these", "those"}


_ROLE_BEFORE = regex.compile(r"(?:^|(?<=[.!?]\s)|(?<=\n))\s*[Tt]he\s+((?:[\p{Ll}\-]+\s+){0,4}[\p{Ll}\-]+),\s+$", regex.REVERSE)
_ROLE_AFTER = regex.compile(r",\s+(?:the|a|an)\s+([^,.;:!?“”\"()]{3,80}?)\s*[,.;]")


def _learn_title(ctx: Context, m: Mention, name: str) -> None:
    """The title or honorific written before a name is a role the person is later called by."""
    if m.role:
        ctx.book.add_role(name, m.role)  # "President Obama": "the president" later
    noun = honorific_roles().get(m.honorific)
    if noun:
        ctx.book.add_role(name, noun)  # "Sen. Ted Cruz": "the senator" later


def _learn_roles(ctx: Context, m: Mention, name: str) -> None:
    """Learn roles from appositions anywhere, not only in speech sentences:
    "The health secretary, Miriam Solberg, visited …" / "Miriam Solberg, the health secretary, …"."""
    text = ctx.text
    _learn_title(ctx, m, name)
    prev = text[m.start - 30 if m.start > 30 else 0 : m.start].rsplit(None, 1)[-1:] if not m.role else None
    if prev and prev[0].lower() in title_words():
        # "finance minister Rachel Reeves", "Shadow chancellor Mel Stride", "its director
        # Paul Johnson": title words written right before the name, in lower case or not.
        words = text[max(0, m.start - 60) : m.start].split()
        run: list[str] = []
        while words and words[-1].lower() in title_words() and not words[-1].endswith((",", ".")):
            run.insert(0, words.pop())
        while run and run[0].lower() in _TITLE_JOINERS:
            run.pop(0)
        if run and any(w.islower() for w in run):
            ctx.book.add_role(name, " ".join(run))
    if text.startswith(",", m.end):
        before = _ROLE_BEFORE.search(text, max(0, m.start - 60), m.start, SOLO)
        if before:
            ctx.book.add_role(name, before.group(1))
        after = _ROLE_AFTER.match(text, m.end, m.end + 100, SOLO)
        if after and not _RELATIVE.match(after.group(1)):
            ctx.book.add_role(name, after.group(1))


def note_salient(ctx: Context, who: Who) -> None:
    """Add a speaker found by a rule to the antecedents, keeping the list sorted."""
    if who.name is None or who.kind == "pronoun":
        return
    i = bisect_left(ctx.salient_starts, who.start)
    if i < len(ctx.salient) and ctx.salient[i][0] == who.start:
        return
    ctx.salient.insert(i, (who.start, who))
    ctx.salient_starts.insert(i, who.start)


# --- direct and partial quotations ------------------------------------------------

_CUE_FORMS = None


def _cue_alternation() -> str:
    """Every speech and cognition verb form, as a prefix-factored alternation (a space
    matches any blank run). A form's extensions are tried before it, as they were in the
    flat list sorted longest first that this replaces (two forms that match at one place
    are a form and its extension), but the engine no longer tries some 400 alternatives
    one by one: the direct-speech patterns run ~2.7 times faster."""
    global _CUE_FORMS
    if _CUE_FORMS is None:
        _CUE_FORMS = cue_trie(sorted(set(speech_verbs()) | set(cognition_verbs())))
    return _CUE_FORMS


_POST = None
_POST_SUBJECT = None
# _AUX_WORDS as a trie, for _post_pattern (~10% cheaper there). Prefix-factored, it tries
# "has been" before "has" (the list tries "has" first); the order cannot change a match:
# after "has" and a blank, "been" (or "being") is no auxiliary, adverb, day or cue form,
# so the shorter one fails wherever the longer one can match. No other auxiliary is
# another's prefix before a blank.
_AUX_TRIE = cue_trie(_AUX_WORDS.replace("\\s+", " ").split("|"))
_PRE_INVERTED = None


def _post_pattern(inverted: bool = True) -> regex.Pattern:
    """'," she said' / '," said Ashworth' / '," Mr Smith, the chairman, said' after a closing mark.

    With ``inverted=False``, only the subject-then-cue order ('," Mr Smith said')."""
    global _POST, _POST_SUBJECT
    if _POST is None:
        cue = _cue_alternation()
        who1 = rf"""
              (?P<cue1>{cue}) (?![\p{{L}}]) {_SP}+ (?P<who1>[^\s,.;:!?](?:[^,.;:!?]|(?<=\b\p{{Lu}}\p{{Ll}}{{0,3}})\.(?=\s?\p{{Lu}})){{0,90}}?)
                (?=\s*(?:[,;:!?(]|\.(?!\s?\p{{Lu}})|$|{_SP}(?:in|on|at|(?<!\b(?-i:close)\s)to|during|after|before|who|when|as|
                    (?<=(?-i:\p{{Lu}})[\p{{L}}’'\-.]*\s)of)\b))  # "Ann Lee of the Sierra Club"; not "a member of the panel"
            |"""
        who2 = rf"""
              (?P<who2>[^\s,.;:!?“”"](?:[^,.;:!?“”"]|(?<=\b\p{{Lu}}\p{{Ll}}{{0,3}})\.(?=\s?\p{{Lu}}|(?<=\b[JS]r\.)[,\s])){{0,80}}?)
                (?=[,(\ \t\u00a0])  # what follows opens so: one test ends each step of who2 that cannot end it
                (?:,(?P<appos2>(?:[^.;!?]|\.(?=,)|(?<=\b\p{{Lu}}\p{{Ll}}{{0,3}})\.(?=\s?\p{{Lu}})|(?<=\w)\.(?=\w)){{1,160}}?),)?  # ', R-Ky.,', 'fivethirtyeight.com'
                (?:{_SP}*\([^()\n]{{1,40}}\))?  # a party and state: 'Rep. John Mica (R-Fla.) said'
                {_SP}+ (?:(?:(?-i:{_AUX_TRIE})|{_LY_ADVERB}|{_DAY}){_SP}+)*  # lower case: "George Will wrote"
                (?P<cue2>{cue}) (?![\p{{L}}])
            """
        _POST, _POST_SUBJECT = (
            regex.compile(rf"[\s,]* (?: {alts} )", regex.VERBOSE | regex.IGNORECASE) for alts in (who1 + who2, who2)
        )
    return _POST if inverted else _POST_SUBJECT


def _pre_inverted() -> regex.Pattern:
    """'Said Mr Mayo: "' — a cue before its subject, right before the opening mark."""
    global _PRE_INVERTED
    if _PRE_INVERTED is None:
        _PRE_INVERTED = regex.compile(
            rf"(?P<cue>{_cue_alternation()}){_SP}+(?P<who>(?:[^,:;.!?]|\.(?=\s?\p{{Lu}})){{1,60}}?)"  # "Said Sen. X:"
            r"(?:,\s*(?:who|a|an|the)\s[^:;.!?“”\"]{1,120}?)?"  # "Said Dorothy Poynter, who grew up with Ali, “…”"
            r"\s*[:,]\s*$",
            regex.IGNORECASE,
        )
    return _PRE_INVERTED


def _may_hold_cue(ctx: Context, lo: int, hi: int, at_start: bool = False) -> bool:
    """Return False only when no pattern built on _cue_alternation (IGNORECASE) can find
    a cue in [lo, hi), or at ``lo`` when ``at_start``: a case-sensitive stdlib search
    of the lowered text (~5 times cheaper than an IGNORECASE one). Lower case folds the
    ASCII letters of the forms as IGNORECASE does, but for ſ and İ (s and i to
    ``regex``): a window with either always counts."""
    found = cue_forms().match(ctx.low, lo, hi) if at_start else cue_forms().search(ctx.low, lo, hi)
    if found:
        return True
    window = ctx.text[lo:hi]
    return "ſ" in window or "İ" in window


_JOINT_SEP = regex.compile(r"(?:,\s+(?:and\s+)?|\s+and\s+)$", regex.REVERSE)


def _is_title_words(lead: str) -> bool:
    """Return True when ``lead`` is a job title, perhaps with "of"/"for" ("former
    secretary of state", "chief of staff"): nothing but title words and joiners."""
    words = [w.lower().strip(",") for w in lead.split()]
    return (
        bool(words)
        and words[0] not in ("a", "an")  # "a spokesperson for Premier Doug Ford" is someone else
        and words[-1] in title_words()
        and all(w in title_words() or w in _LEAD_OK or w in ("of", "and", "the") for w in words)
    )


def _joint(ctx: Context, lo: int, last: Mention) -> Who | None:
    """People named together as one subject: "Mr. Grassley and Mr. Leahy say", "Obama,
    Biden and Kerry said". A group speaker whose name lists their canonical names."""
    if last.kind != "person":
        return None
    people = [last]
    pos = last.start
    while len(people) < 5:
        sep = _JOINT_SEP.search(ctx.text, max(lo, pos - 8), pos, SOLO)
        prev = ctx.book.at(lo, sep.start()) if sep else None
        if prev is None or prev.kind != "person":
            break
        if len(people) == 1 and "and" not in sep.group():
            return None  # "Ed Mayo, Jon Ashworth said": an apposition, not a list
        people.insert(0, prev)
        pos = prev.start
    if len(people) < 2:
        return None
    names = [_who_from_mention(ctx, m).name for m in people]
    if None in names or len(set(names)) < len(names):
        return None
    name = ", ".join(names[:-1]) + " and " + names[-1]
    ctx.book.kinds.setdefault(name, "group")
    return Who(people[0].start, last.end, "group", name, "group")


def _who_in(ctx: Context, start: int, end: int) -> Who | None:
    """Resolve the mention written in [start, end) (a name, pronoun or noun phrase)."""
    text = ctx.text
    while start < end and text[start] in BLANK:
        start += 1
    while end > start and text[end - 1] in BLANK:
        end -= 1
    if start >= end:
        return None
    m = _LEADING_CONJ.match(text, start, end, SOLO)
    if m:
        start = m.end()  # "but he", "and she"
    if rx(_PRONOUN, regex.IGNORECASE).fullmatch(text[start:end], None, None, SOLO):
        return _resolve_pronoun(ctx, start, end)
    last = ctx.book.at(start, end)
    joint = _joint(ctx, start, last) if last is not None else None
    if joint is not None:
        return joint
    if last is not None and last.kind == "person" and (
        _is_title_words(text[start : last.start]) or _role_with_of(text[start : last.start])
    ):
        return _who_from_mention(ctx, last)  # "former secretary of state Hillary Clinton", "master of ceremonies X"
    if last is not None and not any(
        w[:1].islower() and w.lower().strip(",.") in _NOT_HEAD and w.lower() not in _LEAD_OK
        for w in text[start : last.start].split()
    ):
        return _who_from_mention(ctx, last)  # "Tulsa police Chief Chuck Jordan", "CBS This Morning co-anchor X"
    mentions = ctx.book.within(start, end)
    if mentions and _possessive_at(text, mentions[-1].end):
        rest = text[text.find(" ", mentions[-1].end) : end].split()
        if rest and all(w.isalpha() and w.islower() for w in rest) and _speaking_head(" ".join(rest)):
            # "Obama's former campaign strategist": someone of the named person's, not them.
            return _np_who(ctx, start, end)
    if mentions:
        lead = text[start : mentions[0].start].split()
        if all(w.lower().strip(",") in _LEAD_OK or w.lower().strip(",") in title_words() for w in lead):
            rest = text[mentions[0].end : end].split()
            if len(mentions) == 1 and rest and all(w[:1].islower() for w in rest) and len(rest) <= 3:
                # "the Lincoln actor", "a Twitter spokesman": the name modifies a noun.
                first = start  # the phrase without its article (start is past any blanks)
                if lead and lead[0].lower() in ("the", "a", "an"):
                    first += len(lead[0])
                    while first < end and text[first] in BLANK:
                        first += 1
                return _np_who(ctx, first, end)
            if len(mentions) == 1 and not lead and rest and rest[0].isalpha() and rest[0].islower() and rest[0] not in STOP:
                head = _SOURCE_HEAD.match(text, start, end)
                if head is not None and head.end("np") > mentions[0].end:
                    # "Ukrainian politicians and officials who worked with him": the name
                    # modifies the noun phrase that speaks.
                    who = _np_who(ctx, *head.span("np"))
                    if who is not None:
                        return who
            return _who_from_mention(ctx, mentions[0])
        return _described(ctx, start, end, lead, mentions)
    words = text[start:end].split()
    if words and words[0].lower() in ("the", "a", "an", "this", "that", "its", "his", "her", "their"):
        start = text.find(words[1], start) if len(words) > 1 else end
    return _np_who(ctx, start, end) if start < end else None


# A name's role noun: "Clinton's introducer", "the mayor's aide".
_POSSESSIVE_ROLE = regex.compile(r"\p{Lu}[\p{L}.\-]*(?:\s\p{Lu}[\p{L}.\-]*)*[’']s\s+\p{Ll}")
_CLOSE_TO = regex.compile(
    r"(?<![\p{L}])(?:(?i:those|people|sources|officials|aides|friends|allies|advisers|others|some|many)\s+)"
    r"(?:close|familiar|knowledgeable|involved)\s+(?:to|with|in|about)\s+[^,;:!?“”\"]{1,40}$"
)
_PREPOSITION_BEFORE = regex.compile(r"(?<![\p{L}])(?:for|of|with|by|to|from|about|against|like|than)$", regex.IGNORECASE)
# Lower-case role words in an apposition, right before a name: "The law's sponsor, state
# Sen. Max Burns, a Republican, told".
_ROLE_BEFORE_NAME = regex.compile(r"(?:\p{Ll}[\p{Ll}\-]*\s+){0,2}\p{Ll}[\p{Ll}\-]*")
# An age written right before a name: "81-year-old", "Zeliff and 24-year-old".
_AGE_LEAD = regex.compile(r"(?:^|[\s.])(?:(?:an?|the)\s+)?\d{1,3}-year-old$", regex.IGNORECASE)


def _leads_to_name(before: str, mention: Mention) -> bool:
    """Do the words between the sentence's last comma (or its start) and a name only
    modify that name: its role ("Florida delegate John Archer, wearing …, said", "Dashing
    into …, Senator X, Republican of …, called"), an honorific or rank ("A Pentagon
    spokesman, Lt. Col. Eric Pahon, said"), an age ("81-year-old Parker Eaton, a …, said"),
    or, after a comma, lower-case role words before a person ("The law's sponsor, state
    Sen. Max Burns, a Republican, told")?"""
    lead = before.rsplit(",", 1)[-1].strip()
    return bool(
        mention.role and lead == mention.role
        or lead in honorifics()
        or _AGE_LEAD.search(lead)
        or mention.kind == "person"
        and "," in before
        and _ROLE_BEFORE_NAME.fullmatch(lead)
        and STOP.isdisjoint(lead.split())
    )


# One or two lower-case role words before a name: "actress", "former aide".
_ROLE_WORDS = regex.compile(r"(?!(?:a|an|the|his|her|their|its|one|our)\s)(?:\p{Ll}[\p{Ll}\-]*\s+){1,2}")


def _title_before_name(before: str) -> bool:
    """Capitalised words, titles and determiners before a name, the last one or two
    perhaps lower-case role nouns: "Former Sen.", "The chairman", "Washington Post
    columnist"."""
    words = before.split()
    k = len(words)
    while (
        k > max(1, len(words) - 2)
        and _modifier_word(words[k - 1])
        and not words[k - 1].endswith(("s", "ly"))
        and words[k - 1] not in _PEOPLE_NOUNS
    ):
        k -= 1  # "Washington Post columnist" (not "Rep. Gwen Graham slams Trump, …", "X and his wife")
    if k < len(words) and words[k - 1].lower() in ("his", "her", "their", "its"):
        return False
    return all(w[:1].isupper() or w.lower() in title_words() or w.lower() in _LEAD_OK for w in words[:k])


def _role_with_of(gap: str) -> bool:
    """A lower-case role with "of" inside, written before a name as a title: "master of
    ceremonies", "the chief of staff" (not "the father of", which ends on the "of")."""
    words = gap.split()
    if words and words[0].lower() in ("the", "former", "then"):
        words = words[1:]
    return (
        2 < len(words) <= 5
        and "of" in words[1:-1]
        and all(w.replace("-", "").isalpha() and w.islower() for w in words)
        and words[-1] not in _NOT_HEAD
    )


def _described(ctx: Context, start: int, end: int, lead: list[str], mentions: list[Mention]) -> Who | None:
    """An unnamed speaker described with a name in the description: "a spokeswoman for
    the Treasury", "a 2008 Clinton veteran", "one unaligned Florida Republican strategist"."""
    text = ctx.text
    words = lead
    new = bool(lead) and (lead[0].lower() in ("a", "an", "one", "another") or lead[0].isdigit())
    if lead and lead[0].lower() in ("the", "a", "an"):
        words = lead[1:]
        start = text.find(lead[1], start + len(lead[0])) if len(lead) > 1 else mentions[0].start
    if _postmodifier_at(text[start:end].split()):
        return _np_who(ctx, start, end, new)
    rest = text[mentions[-1].end : end].split()
    between = all(not text[a.end : b.start].strip() for a, b in zip(mentions, mentions[1:], strict=False))
    if (
        between
        and 1 <= len(rest) <= 3
        and all(w.isalpha() and w.islower() for w in rest)
        and all((w.isalpha() and w.islower() or w.isdigit()) and w not in _NOT_HEAD for w in words)
    ):
        return _np_who(ctx, start, end, new)
    return None


def _has_verb_cue(ctx: Context, start: int, end: int) -> bool:
    """Return True when a speech cue used as a verb lies in ``start:end``: such a stretch
    is no noun phrase ("Cuban suggested the first-term senator")."""
    return any(c.kind == "speech" and not _noun_use(ctx, c) for c in ctx.cues_in(start, end))


def _cue_at(ctx: Context, start: int, end: int) -> Cue | None:
    for c in ctx.cues_in(start, end):
        return c
    return None


def _after_attribution(ctx: Context, q: QuoteSpan, sent_end: int) -> Attribution | None:
    text = ctx.text
    lo = q.after
    while lo < sent_end and text[lo] in "'’\"”":
        lo += 1  # a stray third mark after a closing '' mark
    hi = min(sent_end, lo + 200)
    if q.unclosed or lo >= hi:
        return None
    m = rx(r"\s*[—–―]+\s*").match(text[lo:hi], None, None, SOLO)
    if m and not q.depth:
        mentions = ctx.book.within(lo + m.end(), hi)
        if mentions and mentions[0].start == lo + m.end() and _BYLINE_END.match(text, mentions[0].end, hi + 1):
            who = _who_from_mention(ctx, mentions[0])
            return Attribution(who, "—", None, None, "direct.byline")
    i = bisect_left(ctx.cue_starts, lo)
    if i == len(ctx.cue_starts) or ctx.cue_starts[i] >= hi:
        # No cue after the quotation: whatever the costly pattern below matches, no cue
        # starts inside its cue group (_cue_at), so nothing is returned. (A bisect, where
        # _may_hold_cue's search of the window cost ~3 µs: where a cue starts, that search
        # can only fail when no form of the pattern's fits in the window, and then the
        # pattern fails too.)
        return None
    m = _post_pattern().match(text, lo, hi, SOLO, False, TIMEOUT)
    if m and m.group("cue1"):
        inverted = _cue_at(ctx, *m.span("cue1"))
        if m.group("cue1").lower().endswith("ing"):
            return None  # '…," adding that …': a participle goes with the subject before the quote
        if inverted is None or inverted.is_bare_nounish(text) or inverted.kind == "cognition":
            # '…," state Senate leader X said': no one writes "state X" for "X states"; and a
            # form that is no cue here ('The Washington Post'); and no one is inverted after a
            # verb of judgement ('“terrible,” denounced her record'): try the subject-first order.
            m = _post_pattern(inverted=False).match(text, lo, hi, SOLO, False, TIMEOUT)
    inverted_order = bool(m and m.groupdict().get("cue1"))
    first_cue = _cue_at(ctx, *m.span("cue2")) if m and not inverted_order else None
    if first_cue is not None and first_cue.is_bare_nounish(text):
        subject = _who_in(ctx, *m.span("who2"))
        if subject is None or _nounish_mismatch(ctx, first_cue, subject):
            # "the committee’s report said", "the report stated", "the note says": the noun
            # is (part of) the subject
            first_cue = None
    if m and not inverted_order and first_cue is None:
        # '…," The Washington Post's Ed O'Keefe explained': the first cue form is part of a
        # name; the subject runs on to a real cue.
        m = next(
            (
                found
                for c in ctx.cues_in(m.end("cue2"), hi)
                if (found := _post_pattern(inverted=False).fullmatch(text, lo, c.end, SOLO, False, TIMEOUT))
            ),
            None,
        )
    if not m or _cue_at(ctx, *m.span("cue1" if inverted_order else "cue2")) is None:
        return None
    if inverted_order:
        cue_s, cue_e = m.span("cue1")
        ws, we = m.span("who1")
        if text[ws : ws + 1].islower() and (place := _OF_PLACE.match(text, we, hi)) is not None:
            # "said a spokesman for the Department of Health": the whole name (not its full stop)
            we = place.end() - (text[place.end() - 1] == "." and text[place.end() - 2 : place.end() - 1].islower())
        who = _who_in(ctx, ws, we)
        if who is None and text.find(" of ", ws, we) > ws:
            we = text.find(" of ", ws, we)  # "master of ceremonies Asab Al-Tabchi": the head at least
            who = _who_in(ctx, ws, we)
        if who is None and (head := _SOURCE_HEAD.match(text, ws, we)) is not None and head.end("np") < we:
            # "said one Democrat familiar with the discussion": the noun phrase's head.
            who = _np_who(ctx, *head.span("np"), text[ws:head.start("np")].strip().lower() in _INDEFINITE)
        appos = _APPOSITION.match(text, we, hi)
        # "said his best friend at Lehigh, Bruce Turry", "exhorted Clinton's introducer, actress X"
        role_first = text[ws : ws + 1].islower() or _POSSESSIVE_ROLE.match(text, ws, we) is not None
        if appos is None and role_first and (comma := text.find(",", we, hi)) >= 0 and _words(text[we:comma]) <= 6:
            appos = _APPOSITION.match(text, comma, hi)
        if appos and who is not None:
            named = ctx.book.at(appos.start(1), appos.end(1))
            if named is not None and named.start > appos.start(1) + 4:
                named = None  # "a lecturer at Northfield University": a role that ends in a name
            if named is None and role_first:
                # "said another leading advocate, Andrew J. Pincus of the law firm Mayer Brown":
                # the person the apposition opens with.
                first = ctx.book.within(appos.start(1), hi)[:1]
                named = (
                    first[0]
                    if first
                    and first[0].kind == "person"
                    and (
                        first[0].start == appos.start(1)
                        or _ROLE_WORDS.fullmatch(text, appos.start(1), first[0].start)
                        and first[0].end == appos.end(1)
                    )
                    else None
                )  # (or after a title: "said Clinton's introducer, actress Jamie Lee Curtis")
            if (who.kind == "group" or role_first) and named is not None and named.kind == "person":
                # "…," said the mayor, Joan Pell: the name, with the role noun as a role.
                role = text[ws:we]
                who = _who_from_mention(ctx, named)
                ctx.book.add_role(who.name, _strip_det(role))
            elif who.kind == "person" and who.name and named is None:
                # "…," said Kwame Asante, a lecturer at Northfield University.
                ctx.book.add_role(who.name, _strip_det(text[appos.start(1) : appos.end(1)]))
    else:
        cue_s, cue_e = m.span("cue2")
        ws, we = m.span("who2")
        if _words(text[ws:we]) > 6 and text.find(" and ", ws, we) > ws:
            # "the Florida senator and Republican presidential candidate": the first of two
            # descriptions names the speaker.
            we = text.find(" and ", ws, we)
        who = _who_in(ctx, ws, we)
        if who is not None and who.kind == "group" and m.group("appos2"):
            # '"…," the White House press secretary, Josh Earnest, said': the name in the
            # apposition, with the role noun as a role.
            appos = m.group("appos2")
            a_start = m.start("appos2") + len(appos) - len(appos.lstrip())
            named = ctx.book.at(a_start, m.start("appos2") + len(appos.rstrip()))
            if named is not None and named.start != a_start:
                named = None
            if named is None:
                # "the mayor's aide, Deputy Director Tom Baird (Leeds), said": the person
                # named first, after nothing but a title.
                people = [x for x in ctx.book.within(a_start, m.end("appos2")) if x.kind == "person"][:1]
                if people and _title_before_name(text[a_start : people[0].start]):
                    named = people[0]
            if named is not None and named.kind in ("person", "single"):  # "his brother, Tom, told"
                role = _strip_det(text[ws:we])
                who = _who_from_mention(ctx, named)
                ctx.book.add_role(who.name, role)
        cue = _cue_at(ctx, cue_s, cue_e)
        first_word = text[ws:we].split(None, 1)[0].lower() if text[ws:we].strip() else ""
        finished = text[q.start : q.end].rstrip()[-1:] in ".!?"
        if who is not None and (_too_long_subject(text[ws:we], finished) or _nounish_mismatch(ctx, cue, who)):
            who = None  # '"…" and leading the policy charge': a noun, not a cue
        elif first_word in _SUBORDINATORS or (first_word.endswith("ing") and text[ws:ws + 1].islower()):
            who = None  # '“…,” before optimistically predicting', '“…,” drawing loud jeers': no subject
        elif who is not None and _passive_cue(text, max(m.end("who2"), m.end("appos2")), cue_s, cue_e):
            who = None  # '“…” O’Malley’s move was first reported by MSNBC': what was reported, not who
        body_end = text[q.start : q.end].rstrip()[-1:]
        clause = _clause_after(ctx, cue, sent_end, True) if who is not None and body_end in ".!?" and cue is not None else None
        if clause is not None:
            # “We will appeal.” Mona Friis said the result was fair: the cue has a
            # clause of its own and opens a new sentence; it is not this quote's ('“…?”
            # Trump told Britain’s ITV in an interview' has no clause, and is this quote's).
            who = None
    if who is None or who.name is None and who.kind != "pronoun":
        return None
    if text[q.start : q.end].rstrip()[-1:] in ".!?" and _INTRODUCES_NEXT.match(text, max(cue_e, who.end), hi):
        # “We will not give in.” Maria Rossi, the commissioner, said: “…” — a cue that
        # introduces the next quotation is not this one's.
        return None
    cue = _cue_at(ctx, cue_s, cue_e)
    if cue is not None:
        ctx.used_cues.add(cue.start)
    return Attribution(who, text[cue_s:cue_e], cue_s, cue_e, "direct.after")


_SUBORDINATORS = frozenset(["before", "after", "while", "when", "as", "since", "until", "because", "though", "although", "if"])


def _too_long_subject(phrase: str, finished: bool = False) -> bool:
    """Return True for a stretch too long to be the subject before a closing cue: over
    six words ('"…" and leading the policy charge'), unless it opens with a name or a
    determiner and runs to ten ("the Florida senator and Republican presidential
    candidate", "James Pethokoukis of the American Enterprise Institute") after a
    quotation that does not end its sentence; one that ends in a relative pronoun ('"We
    lost." T-shirts appeared in front of the headquarters that read …')."""
    words = phrase.split()
    if words and words[-1].lower() in ("that", "which", "who"):
        return True
    if len(words) <= 6:
        return False
    return len(words) > 10 or finished or not (words[0][:1].isupper() or words[0].lower() in _LEAD_OK)


# A preposition or subordinator that opens a parenthetical participle: ", despite admitting".
_PARENTHETICAL_LEAD = regex.compile(r",\s+(?:despite|in|while|after|before|when|since|besides|without|by|upon)\s+$", regex.IGNORECASE)
_MAIN_VERB_BACK = regex.compile(
    r",\s+(?!(?:and|but|or|he|she|they|it|we|I|you|the|a|an|this|that|there|which|who|as|if|because|though|although)\b)"
    r"(?:\p{Ll}+ly\s+)?\p{Ll}+(?:ed|s)?\b(?=\s)"
)
_INTRODUCES_NEXT = regex.compile(r"[^.!?“”\"‘’]{0,40}?[:,]\s*[“\"‘'„«‚]")


_BYLINE_END = regex.compile(r"\s*(?:[.,;)]|\n|$)")
# ", a lecturer at Northfield University" / ", Joan Pell" after an inverted cue.
_APPOSITION = regex.compile(r",\s+((?:(?:the|a|an)\s+)?[^,.;:!?“”\"]{2,80}?)\s*(?=[,.;]|$)", regex.IGNORECASE)


def _strip_det(phrase: str) -> str:
    return rx(r"^(?:the|a|an|its|his|her|their)\s+", regex.IGNORECASE).sub("", phrase.strip())  # "Its president"


def _before_attribution(ctx: Context, q: QuoteSpan, sent_start: int) -> tuple[Attribution | None, bool]:
    """Return (attribution, is_frame): is_frame says the quote is introduced as speech."""
    text = ctx.text
    pre = text[sent_start : q.open]
    stripped = pre.rstrip()
    if not stripped:
        return None, True
    # The inverted frame opens the sentence with a cue and ends with a colon or comma.
    m = None
    if stripped.endswith((":", ",")):
        intro = _INTRO.match(text, sent_start, q.open)  # "In other words, explained CBS moderator Nancy Cordes: …"
        for start in (sent_start, intro.end()) if intro else (sent_start,):
            if _may_hold_cue(ctx, start, q.open, at_start=True):
                m = _pre_inverted().match(text, start, q.open)
                if m:
                    break
    if m and not m.group("cue").lower().endswith("ing"):  # 'Trump said, adding later, "…"'
        who = _who_in(ctx, *m.span("who"))
        if who is not None:
            cue = _cue_at(ctx, *m.span("cue"))
            if cue is not None:
                ctx.used_cues.add(cue.start)
            return Attribution(who, m.group("cue"), m.start("cue"), m.end("cue"), "direct.before"), True
    # The last cue before the mark, with only an object or adjunct after it.
    cues = [c for c in ctx.cues_in(sent_start, q.open) if not ctx.in_quote(c.start) and not _noun_use(ctx, c)]
    for cue in reversed(cues):
        tail = text[cue.end : q.open]
        colon = tail.rstrip().endswith(":")
        if (
            rx(r"\bthat\b").search(tail, None, None, SOLO)
            or len(tail.split()) > 8
            or (not colon and rx(r"[.;!?]").search(tail, None, None, SOLO))
        ):
            return None, False
        if cue.kind == "according":
            who = _who_in(ctx, cue.end, cue.end + len(tail.rstrip(" ,:")))
        else:
            who = subject_before(ctx, sent_start, cue.start)
            participle = cue.is_participle(text)
            if who is None and participle:
                # '"A," Trump said, adding later, "b."': the participle shares the subject
                # of the sentence's main cue.
                for main in reversed([c for c in cues if c.end <= cue.start]):
                    who = subject_before(ctx, sent_start, main.start)
                    if who is not None:
                        break
                else:
                    # "Here in Columbia, Sanders stepped up his emphasis on …, saying, “…”":
                    # the first person or organisation named in the sentence.
                    named = [m for m in ctx.book.within(sent_start, cue.start) if m.kind in ("person", "organisation")]
                    who = _who_from_mention(ctx, named[0]) if named else None
            elif who is None and tail.rstrip().endswith(",") and cue.lemma in OBJECT_VERBS:
                # "However, as Archbishop X of the Armenian Patriarchate of Jerusalem told the
                # Associated Press, “…”": the person named before the cue, not its addressee.
                named = [m for m in ctx.book.within(sent_start, cue.start) if m.kind == "person"]
                who = _who_from_mention(ctx, named[0]) if named else None
            elif who is None and tail.rstrip().endswith(","):
                # '"A," said Grace Oduya, "b."': the second part, after an inverted cue.
                who = _who_in(ctx, cue.end, cue.end + len(tail.rstrip(" ,")))
        if who is None:
            return None, False
        if who.end - who.start > 12 and _has_verb_cue(ctx, who.start, who.end):
            continue  # "Gowdy promises Benghazi panel report ‘…’": no subject runs over a verb; the cue before
        # 'called it "a coup"': the complement of a verb of judgement is a fragment, not a frame.
        frame = colon or (cue.kind != "cognition" and (tail.rstrip().endswith(",") or not tail.strip()))
        att = Attribution(who, text[cue.start : cue.end], cue.start, cue.end, "direct.before")
        if frame:
            ctx.used_cues.add(cue.start)
        elif who.kind != "pronoun" or who.name:
            att = _reporter_of(ctx, sent_start, att) or att
        return att, frame
    if stripped.endswith(":"):
        # "PENCE:" or "And from Chairwoman Rosenworcel:" — a name and a colon.
        mention = ctx.book.at(sent_start, len(stripped) + sent_start - 1)
        if mention is not None:
            who = _who_from_mention(ctx, mention)
            return Attribution(who, ":", None, None, "direct.before"), True
        return None, True
    return None, False


def _split_from(ctx: Context, last: tuple[int, Attribution] | None, q: QuoteSpan) -> bool:
    """Return True when ``q`` opens right after the comma or colon that follows the cue of
    the previous quotation's attribution, in the same paragraph ('"A," X, the consultant,
    said, "B."')."""
    if last is None or last[0] != q.paragraph or last[1].cue_end is None or last[1].rule != "direct.after":
        return False
    between = ctx.text[last[1].cue_end : q.open]
    if last[1].cue_end <= q.open and between.strip(" \u00a0") in (",", ":"):
        return True
    who = last[1].who
    if not last[1].cue_end <= who.start < q.open:
        return False
    # '"A," said X, an economist who is the director of the UCLA Anderson Forecast, "B."':
    # an inverted cue, its speaker and an apposition that closes with a comma.
    appos = ctx.text[who.end : q.open].strip(" \u00a0")
    return appos in (",", ":") or (
        appos.startswith(",") and appos.endswith(",") and len(appos) <= 200 and not any(c in appos for c in ".;!?“”\"‘’")
    )


def _governing_cue(ctx: Context, q: QuoteSpan, sent_start: int) -> Attribution | None:
    """For a fragment inside a sentence, the cue before it and that cue's subject."""
    text = ctx.text
    for cue in reversed(ctx.cues_in(sent_start, q.open)):
        if ctx.in_quote(cue.start) or _noun_use(ctx, cue):
            continue
        if cue.kind == "according":
            m = rx(r"\s*((?:[^,.;]){1,60}?)\s*,").match(text[cue.end : q.open])
            who = _who_in(ctx, cue.end, cue.end + m.end(1)) if m else None
        else:
            who = subject_before(ctx, sent_start, cue.start)
        if who is not None and (who.name or who.kind == "pronoun"):
            found = Attribution(who, text[cue.start : cue.end], cue.start, cue.end, "partial.cue")
            return _reporter_of(ctx, sent_start, found) or found
    return None


def _reporter_of(ctx: Context, sent_start: int, att: Attribution) -> Attribution | None:
    """'Trump said Fox executives were calling “every 15 minutes.”': when the subject of
    the cue before a fragment opens the clause that an earlier speech cue reports, that
    clause is the reporter's, and so is the fragment."""
    text = ctx.text
    for cue in reversed(ctx.cues_in(sent_start, att.who.start)):
        if cue.kind != "speech" or ctx.in_quote(cue.start) or _noun_use(ctx, cue):
            continue
        if not _THAT_ONLY.fullmatch(text, cue.end, att.who.start):
            return None
        who = subject_before(ctx, sent_start, cue.start)
        if who is None or not (who.name or who.kind == "pronoun") or who.end > cue.start:
            return None
        return Attribution(who, text[cue.start : cue.end], cue.start, cue.end, att.rule)
    return None


# What may stand between a cue and the subject of the clause it reports: "said (that) X …".
_THAT_ONLY = regex.compile(r"\s+(?:that\s+)?(?:(?:the|a|an|his|her|their|its|this|these|those)\s+)?", regex.IGNORECASE)


def _final_attribution(ctx: Context, q: QuoteSpan, sent_start: int, sent_end: int) -> Attribution | None:
    """'The rejection of the treaty signals "the beginning of the end" for the EU, said
    Geert Wilders': a fragment inside a clause that a sentence-final attribution reports
    is the speaker's of that attribution, whatever cue stands before it in the clause."""
    text = ctx.text
    if q.close + 2 >= sent_end or text.find(",", q.close, sent_end) < 0 and ctx.low.find("according", q.close, sent_end) < 0:
        return None
    for cue in ctx.cues_in(q.close, sent_end):
        if cue.kind == "cognition" or ctx.in_quote(cue.start) or _noun_use(ctx, cue):
            continue
        if cue.kind == "according":
            found = _according(ctx, cue, sent_start, sent_end, True)
        else:
            found = _reported(ctx, cue, sent_start, sent_end, True)
        # only a clause that comes before its cue ("S, X said", "S, according to X")
        if found is not None and found[3] in ("indirect.after", "indirect.according-to") and found[0] <= q.start and q.close <= found[1]:
            # '"To see … is stunning," since so many …, said Lee Epstein': a quotation that
            # opens the sentence and reads as one is direct speech.
            whole = not text[sent_start : q.open].strip() and _is_sentence_like(text[q.start : q.end], 3)
            return Attribution(found[2], text[cue.start : cue.end], cue.start, cue.end, "direct.after" if whole else "partial.cue")
    return None


def _nested_source(ctx: Context, q: QuoteSpan) -> Attribution | None:
    """The named speaker of a quotation nested inside another, from a cue just before it."""
    text = ctx.text
    k = bisect_left(ctx._span_opens, q.open) - 1
    while k >= 0 and ctx.spans[k].depth != 0:
        k -= 1
    outer = ctx.spans[k] if k >= 0 else None
    if outer is None or not (outer.open < q.open and q.close <= outer.close):
        return None
    lo = max(outer.start, text.rfind(".", outer.start, q.open) + 1)
    for cue in reversed(ctx.cues_in(lo, q.open)):
        if cue.kind != "speech" or _words(text[cue.end : q.open]) > 12:
            continue
        who = subject_before(ctx, lo, cue.start)
        if who is None or who.kind == "pronoun" or not who.name:
            continue
        if who.kind == "group" or who.speaker_kind == "group":
            # "the guidance issued by the Department of Health": its named author; a group
            # ("Officials kept saying") is nobody's name.
            names = [m for m in ctx.book.within(lo, cue.start) if m.kind in ("organisation", "person")]
            if not names:
                continue
            who = _who_from_mention(ctx, names[-1])
        return Attribution(who, text[cue.start : cue.end], cue.start, cue.end, "partial.nested")
    return None


def _byline_paragraph(ctx: Context, para_index: int) -> Attribution | None:
    """A paragraph that is only a dash and a name ("- Bernie Sanders." / "—President Obama,
    tweeting after the speech."), after a quotation paragraph: its speaker."""
    if para_index >= len(ctx.paras):
        return None
    text, para = ctx.text, ctx.paras[para_index]
    m = _DASH_LEAD.match(text, para.start, para.end)
    if not m:
        return None
    names = ctx.book.within(m.end(), para.end)
    if not names or names[0].kind not in ("person", "single"):
        return None
    if any(not w[:1].isupper() for w in text[m.end() : names[0].start].split()):
        return None  # only a title may stand between the dash and the name ("-President Obama")
    if not _BYLINE_END.match(text, names[0].end, para.end + 1):
        return None
    return Attribution(_who_from_mention(ctx, names[0]), "—", None, None, "direct.byline")


_DASH_LEAD = regex.compile(r"[—–―-]\s*")


def _colon_paragraph(ctx: Context, para_index: int) -> Attribution | None:
    """'Caddell continued:' as the whole previous paragraph before a quote paragraph."""
    if para_index == 0:
        return None
    p = ctx.paras[para_index - 1]
    text = ctx.text
    if not text[p.start : p.end].endswith(":") or p.end - p.start > 300:
        return None
    sent_start = ctx.around(p.end - 1, p)[0]
    cues = [c for c in ctx.cues_in(sent_start, p.end) if not ctx.in_quote(c.start) and not _noun_use(ctx, c)]
    if cues:
        cue = cues[-1]
        if cue.kind == "according" or not text[sent_start : cue.start].strip():
            who = _who_in(ctx, cue.end, p.end - 1)  # "According to X:", "Stated Stone:"
        else:
            who = subject_before(ctx, sent_start, cue.start)
        if who is not None:
            ctx.used_cues.add(cue.start)
            return Attribution(who, text[cue.start : cue.end], cue.start, cue.end, "direct.colon-paragraph")
    mentions = ctx.book.within(sent_start, p.end)
    if mentions and not ctx.cues_in(sent_start, p.end) and _words(text[sent_start : p.end]) <= 8:
        # "And from Chairwoman Rosenworcel:" — a name and a colon, no verb at all.
        who = _who_from_mention(ctx, mentions[-1])
        return Attribution(who, ":", None, None, "direct.colon-paragraph")
    return _colon_subject(ctx, sent_start, p.end - 1, "direct.colon-paragraph")


def _colon_subject(ctx: Context, sent_start: int, colon: int, rule: str) -> Attribution | None:
    """'Trump issued the following statement:' / 'Perez lobbies for a higher minimum wage:'
    before a quotation: with no speech verb, the named subject of the sentence that the
    colon ends speaks (not a passive one: 'Residents were asked one question:')."""
    text = ctx.text
    if colon - sent_start > 250 or _PASSIVE_CLAUSE.search(text, sent_start, colon):
        return None
    if any(not _noun_use(ctx, c) for c in ctx.cues_in(sent_start, colon)):
        return None  # a speech verb of its own: the other rules read it ("a snappy retort:" is none)
    who = sentence_subject(ctx, sent_start, colon)
    if who is None or who.name is None or who.kind not in ("person", "organisation", "pronoun"):
        return None
    return Attribution(who, ":", None, None, rule)


def _words(text: str) -> int:
    return len(text.split())


def _is_sentence_like(body: str, least: int = 4) -> bool:
    """A quotation that reads as a full utterance rather than a name or a phrase."""
    return _words(body) >= least and (body[:1].isupper() or body[:1] in "…[" or body[:1].isdigit()) and (
        body.rstrip()[-1:] in _TERMINAL or _words(body) >= 8
    )


def _is_heading(body: str) -> bool:
    """A short title-case line ('Legend in the Coal Fields.'), not an utterance."""
    words = [w for w in body.split() if w[:1].isalpha()]
    if not 1 < len(words) <= 8:
        return False
    capital = sum(1 for w in words if w[:1].isupper())
    # Title case leaves its short function words in lower case ("Guardians of the Galaxy").
    content = sum(1 for w in words if w[:1].isupper() or w not in _TITLE_SMALL_WORDS)
    return capital >= len(words) - 2 and capital / content >= 0.6 and words[0][:1].isupper()


_TITLE_SMALL_WORDS = frozenset(["a", "an", "the", "of", "and", "or", "in", "on", "to", "for", "with", "at", "by", "from"])


def _is_title(body: str) -> bool:
    """A short title-case name in quotation marks (a book, a scheme, a show), not speech."""
    stripped = body.strip()
    return bool(stripped) and stripped[-1] not in ".!?," and _words(stripped) <= 6 and _is_heading(stripped)


_BEFORE_A_WORK = regex.compile(
    r"(?:(?<![\p{L}])(?:of|on|in|for|about|with|from|called|titled|entitled|named)|\p{L}[’']s|[”\"’'],?\s+(?:and|or)|"
    r"(?<![\p{L}])(?:book|memoir|novel|biography|film|movie|documentary|play|song|album|show|series|column|essay|"
    r"podcast|poem|musical),)\s*$",  # "In his 2002 book, ''Make Your Kid a Millionaire,''"
    _BACKWARD_I,
)
# What the work is, in an apposition after it: '“Trump Revealed,” a biography written by …'.
_WORK_AFTER = regex.compile(
    r"[\s,]*(?:a|an|the|his|her|their)\s+(?:[\p{L}\-’']+\s+){0,3}?(?:book|biography|memoir|novel|film|movie|"
    r"documentary|play|song|album|show|series|sitcom|column|essay|podcast|poem|musical|opera)\b",
    regex.IGNORECASE,
)


def _names_a_work(text: str, q: QuoteSpan, body: str) -> bool:
    """A title-case fragment after "of", "on", "called", a possessive or another title
    and "and", or before an apposition that says what it is, names a show, a book or a
    project ("a broadcast of “Fox News Sunday,”", "MSNBC’s “Morning Joe.”", "“Trump
    Revealed,” a biography"), even with a comma or a full stop inside its marks."""
    name = body.strip().rstrip(",.")
    if name[:1].isupper() and _TITLED_BEFORE.search(text, max(0, q.open - 12), q.open):
        return True  # 'The 30-second spot, titled “Arrogant,”': whatever its length
    return _is_title(name) and (
        _BEFORE_A_WORK.search(text, max(0, q.open - 30), q.open) is not None
        or _WORK_AFTER.match(text, q.after, q.after + 60) is not None
    )


_TITLED_BEFORE = regex.compile(r"(?<![\p{L}])(?:titled|entitled)\s*$", regex.IGNORECASE)


def _make(q: QuoteSpan, text: str, kind: str, att: Attribution | None, rule: str) -> Quote:
    conf = CONFIDENCE[rule]
    if att is None or att.who.name is None:
        return Quote(q.start, q.end, text[q.start : q.end], kind, None, att.who.start if att else None,
                     att.who.end if att else None, att.cue if att else None, att.cue_start if att else None,
                     att.cue_end if att else None, round(min(conf, 0.3), 2), rule)
    conf -= MENTION_PENALTY.get(att.who.kind, 0.0)
    return Quote(q.start, q.end, text[q.start : q.end], kind, att.who.name, att.who.start, att.who.end,
                 att.cue, att.cue_start, att.cue_end, round(conf, 2), rule)


def attribute_quotes(ctx: Context) -> list[Quote]:
    """Attribute every quotation-mark span: direct, partial, or dropped as a scare quote."""
    text = ctx.text
    out: list[Quote] = []
    last: tuple[int, Attribution] | None = None  # (paragraph, attribution) of the previous quote
    by_para_attr: dict[int, Attribution] = {}  # attributions found in each paragraph so far
    pending: list[int] = []  # indexes in out of quote paragraphs still waiting for a speaker
    named_headline = _headline_speaker(ctx)
    for q in ctx.spans:
        ctx.check_time()
        para = ctx.paras[q.paragraph]
        if para.boilerplate:
            continue
        if q.depth > 0:
            # Nested material is annotated only when it is a genuine quotation with a
            # named source inside the outer quote ("the guidance makes reference to ‘…’").
            att = _nested_source(ctx, q)
            if att is not None:
                out.append(_make(q, text, "partial", att, "partial.nested"))
            continue
        # A transcript label ends with a colon: most quotations have none.
        m = _TRANSCRIPT.match(text, q.start, q.end, timeout=TIMEOUT) if text.find(":", q.start, q.end) >= 0 else None
        if m:
            # A transcript line: "PENCE: Well, look, …" — the speaker label opens the quote.
            who = _label_who(ctx, m.start(1), m.end(1))
            span = replace(q, start=m.end())
            att = Attribution(who, ":", None, None, "direct.transcript")
            out.append(_make(span, text, "direct", att, "direct.transcript"))
            last = (q.paragraph, att)
            continue
        body = text[q.start : q.end]
        if _NICKNAME_BEFORE.search(text, max(para.start, q.open - 30), q.open) and _NICKNAME_AFTER.match(text, q.after) and (
            _NICKNAME.fullmatch(body) and q.start < q.end
        ):
            continue  # Thomas “Tip” O’Neill, Marcia "Cia" Price: a nickname inside a name
        sent_start = ctx.around(max(q.open, para.start), para)[0]
        sent_end = ctx.around(q.close, para)[1] if not q.unclosed else para.end
        # '…?” Trump said.' ends a sentence at the closing mark for the splitter; the
        # attribution after the mark still belongs to this quote.
        k = q.after
        while k < para.end and text[k] in BLANK:
            k += 1
        after_end = ctx.around(k, para)[1] if k < para.end else sent_end
        after = _after_attribution(ctx, q, max(sent_end, after_end))
        # everything is title case in a headline; after 'Name:' in one, quotations are the name's
        claim = named_headline is not None and q.paragraph == 0 and q.open > named_headline[1]
        headline = claim or text[para.end - 1] not in ".!?”’\"'"
        if after is None and not headline and _is_title(body):
            continue  # “Swan Lake”, “The Quiet Coast”, the “Warm Spaces” scheme: a title
        final = _final_attribution(ctx, q, sent_start, sent_end) if after is None else None
        if after is None and final is None and _split_from(ctx, last, q):
            # '"A," Mr. Conant, the Republican consultant, said, "B."': the second part of a
            # split quotation, after the cue its first part used, is that speaker's (not a
            # name inside the first part's, as a search back from the cue might find).
            before, frame = replace(last[1], rule="direct.before"), True
        else:
            before, frame = (final, final.rule == "direct.after") if final is not None else _before_attribution(ctx, q, sent_start)
        starts_para = q.open <= para.start
        titled = _headline_attribution(ctx, para, q) if after is None and q.open > para.start else None
        if titled is None and claim and after is None:
            titled = Attribution(named_headline[0], ":", None, None, "direct.headline")
        if titled is not None:
            before = titled
            frame = titled.cue == ":" and not text[para.start : q.open].rstrip(_SPACES)[-1:].isalnum() and _is_sentence_like(body, 2)
        if after is not None and (frame or before is None):
            kind = "direct" if (frame and (_words(body) >= 3 or body[:1].isupper())) else "partial"
            att, rule = after, after.rule
            if kind == "partial":
                rule = "partial.cue"
                if after.cue_start is not None:
                    # 'Citing “obligations in Tennessee,” the spokeswoman told POLITICO that
                    # S': a fragment does not use up its cue; the clause after it is reported.
                    ctx.used_cues.discard(after.cue_start)
        elif before is not None and frame:
            kind, att, rule = "direct", before, before.rule
        elif before is not None:
            kind, att, rule = "partial", before, "partial.cue"
        elif starts_para and q.after >= para.end and _is_heading(body):
            continue  # 'All Bets Are Off.': a section heading set in quotation marks
        elif frame and _is_sentence_like(body, 2 if last is not None and last[0] == q.paragraph else 3):
            # A stand-alone quotation: it continues an earlier speaker, or a colon
            # paragraph before it says who speaks.
            att = _colon_paragraph(ctx, q.paragraph) if starts_para else None
            rule = "direct.colon-paragraph"
            if att is None and q.after >= para.end - 1:
                att = _byline_paragraph(ctx, q.paragraph + 1)
                rule = "direct.byline"
            if att is None and not starts_para and text[sent_start : q.open].rstrip().endswith(":"):
                att = _colon_subject(ctx, sent_start, text.rindex(":", sent_start, q.open), "direct.colon")
                rule = "direct.colon"
            if att is None and last is not None and last[0] == q.paragraph:
                att, rule = last[1], "direct.continued"
            if att is None:
                att, rule = _last_cue_attr(ctx, max(para.start, q.open - WINDOW), q.open), "direct.same-paragraph"
            if att is None and last is not None and last[0] == q.paragraph - 1:
                att, rule = last[1], "direct.continued"
            if att is None and starts_para and q.paragraph > 0:
                prev_para = ctx.paras[q.paragraph - 1]
                att = _last_cue_attr(ctx, max(prev_para.start, prev_para.end - WINDOW), prev_para.end)
            if att is None:
                rule = "direct.unattributed"
            kind = "direct"
        else:
            att = _governing_cue(ctx, q, sent_start)
            if att is None:
                continue  # a scare quote, a title, a name: not speech
            kind, rule = "partial", "partial.cue"
        if (kind == "partial" or kind == "direct" and _words(body) <= 6) and (
            # 'on … broadcast of “Fox News Sunday,” Pence said', 'Rubio said in his 2012
            # book, “An American Son.”': a title
            (not headline and _names_a_work(text, q, body))
            or (kind == "partial" and q.family == "s" and _words(body) <= 2 and _uses_double_for_speech(ctx))  # a single-mark scare quote
        ):
            if after is not None and after.cue_start is not None:
                # 'In her book, “Make Your Kid a Doctor,” Olga Brandt argued that …': the cue
                # after a title is free for the clause it introduces.
                ctx.used_cues.discard(after.cue_start)
            continue
        quote = _make(q, text, kind, att, rule)
        if att is not None and att.who.name:
            note_salient(ctx, att.who)
            by_para_attr[q.paragraph] = att
            last = (q.paragraph, att)
            # Earlier paragraphs of the same multi-paragraph quote take this speaker too.
            for k in pending:
                prev = out[k]
                out[k] = _make(_span_of(prev, ctx), text, prev.kind, att, "direct.continued")
            pending = []
        elif kind == "direct":
            if q.unclosed or (pending and starts_para):
                pending.append(len(out))
            else:
                pending = []
        if kind == "direct" and not q.unclosed and att is not None and att.who.name:
            pending = []
        out.append(quote)
        if not q.unclosed and kind == "direct" and att is None:
            pending = []
    return out


# A nickname between a first name and a surname: capitalised words in marks, a
# capitalised word right before and after them.
_NICKNAME = regex.compile(r"\p{Lu}[\p{L}.’'\-]*(?:\s\p{Lu}[\p{L}.’'\-]*){0,2}")
_NICKNAME_BEFORE = regex.compile(r"(?<![\p{L}])\p{Lu}\p{Ll}+\.?[ \u00a0]$")
_NICKNAME_AFTER = regex.compile(r"[ \u00a0]\p{Lu}[\p{L}.’'\-]*+(?![ \u00a0]+\p{Lu})")  # the name ends: no title case


# "PENCE:" / "MR. SMITH:" / "Q:" at the start of a quoted transcript line.
_TRANSCRIPT = regex.compile(r"((?:\p{Lu}{2,}\.?\s){0,2}\p{Lu}[\p{Lu}\-’']{1,25}):\s+(?=\S)")


def _label_who(ctx: Context, start: int, end: int) -> Who:
    """Resolve a capitalised transcript label (PENCE) to the article's full name for it."""
    label = ctx.text[start:end].split()[-1].title()
    for surname, fulls in ctx.book.full_by_surname.items():
        if surname.lower() == label.lower():
            return Who(start, end, "person", " ".join(fulls[-1][1]), "person")
    return Who(start, end, "person", label, "person")


def _span_of(quote: Quote, ctx: Context) -> QuoteSpan:
    return ctx._span_by_content[(quote.start, quote.end)]


def _uses_double_for_speech(ctx: Context) -> bool:
    """Does the article quote speech with double marks (so single marks are scare quotes)?"""
    if ctx.double_for_speech is None:
        ctx.double_for_speech = any(q.family in "dg" and _words(ctx.text[q.start : q.end]) >= 6 for q in ctx.spans)
    return ctx.double_for_speech




# --- indirect speech ---------------------------------------------------------------


def _after_opening_marks(text: str, start: int, end: int) -> int:
    """Move ``start`` past quotation marks and brackets that open a reported clause."""
    while start < end and text[start] in "“\"‘'([":
        start += 1
    return start


def _before_final_punctuation(text: str, start: int, end: int) -> int:
    """Move ``end`` back over the blanks and punctuation that close a reported clause."""
    while end > start and (text[end - 1] in BLANK or text[end - 1] in ".!?…;:,"):
        end -= 1
    return end


def _clause_after(ctx: Context, cue: Cue, sent_end: int, strict: bool = False) -> tuple[int, int, bool] | None:
    """Find the reported clause after a cue: (start, end, has_that) or None.

    ``strict``: only a clause that surely is one (after "told", an addressee first)."""
    text = ctx.text
    pos = cue.end
    if cue.lemma in _QUESTION_VERBS:
        wh = _WH_AFTER.match(text, pos, sent_end, SOLO)
        if wh is not None:
            # "asked Sanders whether questions about his health were fair game", "asked
            # why the senator had not …": an embedded question, its wh-word kept.
            found = _clause_end(ctx, cue, wh.start(1), sent_end, True)
            return found if found is not None and _finite(text[wh.end() : found[1]]) else None
    if cue.lemma in OBJECT_VERBS:
        # told International Business Times UK that …: skip the addressee.
        m = rx(r"\s+(?:[^,.;:!?“”\"]|\.(?=\s?\p{Lu}|\p{Lu})){1,80}?(?=\s+that\b)").match(text[pos:sent_end])  # "told Sen. X that", "the U.S. Senate"
        if m:
            pos += m.end()
        else:
            m = rx(
                r"\s+(?!that\b)(?:"  # "warned that Clinton …": "that" is no addressee
                # "told the Washington Post editorial board he …", "told the AP her group …":
                # up to six words of addressee, then a pronoun that opens the clause
                r"(?:[\p{L}’'\-]+\s+){1,6}?(?=(?:he|she|they|we|it|I|his|her|their|its)\s)"
                rf"|(?:(?:the|a|an)\s+)?(?:\p{{Lu}}[\p{{L}}’'\-.]*\s+){{1,4}}(?={_PRONOUN}\b|the\b|a\b|there\b)"  # "the BBC the …"
                rf"|(?:{_DET}\s+)?(?!(?:the|a|an)\s)\p{{Ll}}+\s+(?=(?:{_PRONOUN}|the|a|an|this|these|there|its|their)\b|\p{{Lu}}))"
            ).match(text[pos:sent_end])
            if m and m.end() > 1:
                if _SKIPPED_SUBORDINATE.search(text, pos, pos + m.end()):
                    return None  # "asked not to be named because he was not authorised": no addressee, no clause
                pos += m.end() - 1
            elif strict and cue.lemma in _ADDRESSEE_NEEDED:
                return None  # "told Britain’s ITV television station in an interview": no clause
    aside = _DASH_ASIDE.match(text, pos, sent_end, SOLO) if text.find("—", pos, pos + 3) >= 0 or text.find("–", pos, pos + 3) >= 0 else None
    if aside is not None:
        pos = aside.end()  # "Manafort said — on Twitter, as it happens — that Trump raised …"
    # "says at a campaign stop in Toledo, Ohio, that …": a short adjunct before "that"
    # (looked for only when the lowered text has a "that": no letter of it folds apart).
    m = _LATE_THAT.match(text, pos, sent_end, SOLO) if ctx.low.find("that", pos, sent_end) >= 0 else None
    if m and _words(m.group()) > 12:
        m = None
    if m is None:
        after_cue = pos
        for _ in range(3):
            m = _ADJUNCT.match(text, pos, sent_end, SOLO)
            if not m or m.end() == pos:
                break
            pos = m.end()
        if text.startswith(",", pos) and not _THAT.match(text, pos, sent_end):
            return None  # "…, Graham said, since …": a parenthetical cue, the clause is before it
        m = _THAT.match(text, pos, sent_end, SOLO)
        if m and (
            m.end() >= sent_end
            or _THAT_OBJECT_NEXT.match(text, m.end(), sent_end)
            and (
                not text[m.end()].isalpha()
                or text.find(",", m.end(), sent_end) < 0 and _AUXILIARY.search(text, m.end(), sent_end) is None
            )
        ):
            # "she doesn't mention that on the campaign trail": "that" is the object (not in
            # "said that on Monday the clinic would reopen")
            return None
        if m and _FINITE_NEXT.match(text, m.end(), sent_end):
            if pos > after_cue:
                return None  # "said during a meeting that was broadcast live": a relative clause
            m = None  # "said that was a mistake": "that" is the clause's subject
            while pos < sent_end and text[pos] in BLANK:
                pos += 1
    has_that = False
    if m:
        has_that = True
        pos = m.end()
    else:
        m = rx(r"[\s,:]*").match(text[pos:sent_end], None, None, SOLO)
        pos += m.end()
    return _clause_end(ctx, cue, pos, sent_end, has_that)


def _clause_end(ctx: Context, cue: Cue, pos: int, sent_end: int, has_that: bool) -> tuple[int, int, bool] | None:
    """The reported clause that opens at ``pos``, up to where it stops: (start, end,
    has_that), or None when what opens there is no clause."""
    text = ctx.text
    while has_that and pos < sent_end and text[pos] in " ,\u00a0":
        pos += 1  # "say that, in addition to Scott, he would …": the clause opens after the comma
    if pos >= sent_end:
        return None
    if text[pos] in "“\"‘'«" and not has_that:
        return None  # the complement is a quotation: handled as direct or partial
    if not has_that and (
        not (cue.lemma == "say" and _ING_SUBJECT.match(text, pos, sent_end, SOLO))
        and (
            _NOT_CLAUSE_START.match(text, pos, sent_end, SOLO) or not _CLAUSE_START.match(text, pos, sent_end, SOLO)
        )
    ):
        return None
    end = sent_end
    m = _CLAUSE_STOP.search(text, pos, end, SOLO)
    while m and _OPEN_END.search(text, pos, m.start()):
        # "it is only fitting that, having overcome so much, she …": the clause cannot
        # end on "that"; the participle is inside it.
        m = _CLAUSE_STOP.search(text, m.end(), end)
    if m:
        end = m.start()
    for later in ctx.cues_in(pos, end):
        # "saying he would …, and reminded the audience that …", "said the rules were
        # unworkable and called on the minister to …": any speech or judgement verb joined
        # by "and" starts a clause of its own (the pattern above lists the common ones).
        if (later.kind == "speech" or later.lemma in _JUDGEMENT_VERBS) and not later.is_participle(text) and (
            later.lemma not in NOUNISH or text.endswith("ed", later.start, later.end)  # "federal and state law", "shootings and protests"
        ):
            joined = _AND_BEFORE.search(text, later.start - 12 if later.start - 12 > pos else pos, later.start)
            if joined is not None:
                end = joined.start()
                break
    end = _before_final_punctuation(text, pos, end)
    if end - pos < 8 or _words(text[pos:end]) < 3:
        return None
    if not has_that and not (cue.lemma == "say" and _words(text[pos:end]) >= 4) and not _finite(text[pos:end]):
        return None  # "revealed serious disorder": a noun phrase, not a reported clause
    if ctx.in_quote(pos) and ctx.in_quote(end - 1):
        return None
    return pos, end, has_that


# A subordinator among the words taken for an addressee: they are no addressee ("asked not
# to be named because he was not authorised to speak"). (An infinitive alone is left in:
# "urged North Korea to resume talks it abandoned" is read as before.)
_SKIPPED_SUBORDINATE = regex.compile(
    r"(?<![\p{L}])(?:because|since|although|though|while|when|after|before|unless|until|if)(?![\p{L}])",
    regex.IGNORECASE,
)
# Verbs that report a question, and what opens one after up to five words of addressee
# ("asked Sanders whether …", "asked several times whether …", "wondered why …").
_QUESTION_VERBS = frozenset(["ask", "wonder", "inquire", "enquire"])
_WH_AFTER = regex.compile(
    r"(?:\s+(?!(?:whether|if|why|how|what|when|where|who)\b)[\p{L}’'\-.]+){0,5}?\s+((?:whether|if|why|how|what|when|where|who)\s)",
    regex.IGNORECASE,
)
# An aside between dashes right after a cue, with "that" after it.
_DASH_ASIDE = regex.compile(r"\s*[—–]\s*[^—–“”\"]{1,80}?\s*[—–](?=\s*that\b)")
# Verbs whose addressee always comes first: what follows them is never the clause itself.
_ADDRESSEE_NEEDED = frozenset(["tell", "inform", "notify", "assure", "remind"])

_PARENTHETICAL = regex.compile(
    r",\s+(?:as|which|who|whom|whose|when|while|if|because|although|though|including|like|despite|after|before|since)\b[^,]*(?:,|$)",
    regex.IGNORECASE,
)


def _finite(clause: str) -> bool:
    """Return True when the main clause (before the first comma) has a finite verb."""
    if rx(r"(?:he|she|they|we|I|it|you)(?:\s+\p{Ll}|[’'](?:s|re|ve|d|ll|m)\s)", regex.IGNORECASE).match(clause):
        return True  # a pronoun subject and a verb: "she plans to join …", "he’s riding momentum"
    main = _PARENTHETICAL.sub(" ", clause).split(",")[0]
    return _AUXILIARY.search(main) is not None


def attribute_indirect(ctx: Context, direct: list[Quote]) -> list[Quote]:
    """Find reported speech around the speech cues not already used by a direct quote."""
    text = ctx.text
    out: list[Quote] = []
    for cue in ctx.cues:
        ctx.check_time()
        if cue.kind == "cognition" or cue.start in ctx.used_cues or ctx.in_quote(cue.start) or _noun_use(ctx, cue):
            continue
        para = _para_of(ctx, cue.start)
        if para is None or para.boilerplate:
            continue
        sent_start, sent_end = ctx.around(cue.start, para)
        if _is_question(text, sent_start, sent_end):
            continue  # "Can he maintain the enthusiasm …?", "Would you say S?": asked, not reported
        found = None
        if cue.kind == "according":
            found = _according(ctx, cue, sent_start, sent_end)
        else:
            found = _reported(ctx, cue, sent_start, sent_end)
        if found is None:
            continue
        start, end, who, rule = found
        if ctx.in_quote(start) and ctx.in_quote(end - 1):
            continue  # inside a quotation: nested speech is not annotated
        if who is None or (who.name is None and who.kind != "pronoun"):
            continue
        note_salient(ctx, who)
        att = Attribution(who, text[cue.start : cue.end], cue.start, cue.end, rule)
        span = QuoteSpan(start - 1, end, start, end, "-", 0, False, 0)
        out.append(_make(span, text, "indirect", att, rule))
        if rule == "indirect.after" and start < cue.start:
            rest = _clause_after_parenthetical(ctx, max(cue.end, who.end), sent_end)
            if rest is not None:
                # "But to prevent problems, he said, local officials should be vigilant":
                # the reported sentence goes on after the parenthetical attribution.
                span = QuoteSpan(rest[0] - 1, rest[1], rest[0], rest[1], "-", 0, False, 0)
                out.append(_make(span, text, "indirect", att, rule))
    out.extend(_bullets(ctx))
    out.extend(_headline_claim(ctx))
    return out


# A clause joined by a conjunction is the reporter's, not the speaker's ("…, Olga Brandt
# said, because the roof is fixed").
_CONJUNCTION_START = regex.compile(
    r"(?:because|since|although|though|while|whereas|if|unless|but|and|or|so|yet|when|once|until|even)\b",
    regex.IGNORECASE,
)
_AFTER_PARENTHETICAL = regex.compile(r"(?:\s+(?:on|in|at|last|this)\s+[^,.;:!?“”\"]{1,40})?\s*,\s+")


_NP_THEN_RELATIVE = regex.compile(r"(?:the|a|an)\s+(?:[\p{L}\-’']+\s+){0,4}?(?:that|which|who)\b", regex.IGNORECASE)


# What opens a yes-no question: an auxiliary, perhaps after a conjunction (a wh-question
# presupposes what it asks about: "Why had he asserted that S?" reports S).
_QUESTION_OPEN = regex.compile(
    r"[“\"‘'(]*(?:(?:and|but|so|or)\s+)?(?:can|could|will|would|shall|should|do|does|did|is|are|was|were|has|have|"
    r"may|might|must)\b",
    regex.IGNORECASE,
)


def _is_question(text: str, start: int, end: int) -> bool:
    """Is the sentence at ``start:end`` a yes-no question ("Can he …?", "Would you say …?")?
    (Read from its end without copying it: it is asked of every cue.)"""
    k = end
    while k > start and text[k - 1] in " \u00a0\"”’'»)":
        k -= 1
    return k > start and text[k - 1] == "?" and _QUESTION_OPEN.match(text, start, end) is not None


def _clause_after_parenthetical(ctx: Context, pos: int, sent_end: int) -> tuple[int, int] | None:
    """The rest of a sentence after a parenthetical attribution (", he said, S2"), when it
    is a finite clause of its own (not an apposition: ", a publisher")."""
    text = ctx.text
    m = _AFTER_PARENTHETICAL.match(text, pos, sent_end)
    if not m:
        return None
    start, end = m.end(), sent_end
    end = _before_final_punctuation(text, start, end)
    clause = text[start:end]
    if (
        _words(clause) < 3
        or text[start] in "“\"‘'«"
        or _NOT_CLAUSE_START.match(clause)
        or _NP_THEN_RELATIVE.match(clause)  # "…, Sanders said, a policy that could …": an apposition
        or _RELATIVE.match(clause)
        or _CONJUNCTION_START.match(clause)
        or not _finite(clause)
        or ctx.in_quote(start)
    ):
        return None
    return start, end


def _para_of(ctx: Context, pos: int) -> Paragraph | None:
    return ctx.para_of(pos)


# What follows a subject that an apposition or a place and party qualify: "Erin Murphy,",
# "John Kasich of Ohio,", "Rep. Dan Kildee (Mich.),".
_APPOSITION_AFTER = regex.compile(r"(?:\s+of\s+\p{Lu}[\p{L}.\-]*(?:\s+\p{Lu}[\p{L}.\-]*)*)?\s*(?:\([^()]{1,30}\)\s*)?,")


def _reported(ctx: Context, cue: Cue, sent_start: int, sent_end: int, quoted_ok: bool = False):
    """The reported clause of a speech cue and its speaker: (start, end, who, rule) or
    None. ``quoted_ok`` lets the clause open inside a quotation (for _final_attribution)."""
    text = ctx.text
    found = _as_reported(ctx, cue, sent_start, sent_end)
    if found is not None:
        return found
    who = subject_before(ctx, sent_start, cue.start)
    # "S, said Rita Katz, the director of SITE": a cue right after a comma may be inverted;
    # if "S, said X" reads as one, X speaks S (not S's subject the NP after the cue).
    # ("Erin Murphy, a former aide who …, said S": the comma closes the subject's apposition).
    inverted = (
        not cue.is_participle(text)
        and text[sent_start : cue.start].rstrip(_SPACES).endswith(",")
        and (who is None or not _APPOSITION_AFTER.match(text, who.end))
    )
    between = text[who.end : cue.start].strip(_SPACES) if who is not None else ""
    appositive = between.startswith(",") and between.endswith(",") and between.count(",") == 2 and _words(between) <= 10
    if who is None or inverted or who.kind not in ("person", "organisation", "pronoun") and not appositive:
        # (a lone word with a short apposition is a subject: "Critics, including several MPs, argue S")
        # "S, said X." — unless a name and its apposition stand before the cue ("Erin
        # Murphy, a former aide, said S"), a stray word before it is no subject.
        found = _inverted_report(ctx, cue, sent_start, sent_end, quoted_ok)
        if found is not None:
            return found
    if who is not None:
        if _nounish_mismatch(ctx, cue, who):
            return None
        clause = _clause_after(ctx, cue, sent_end)
        if clause is not None:
            start, end, has_that = clause
            if text[max(sent_start, cue.start - 12) : cue.start].rstrip().lower().endswith("who") or (
                cue.is_participle(text) and _PARENTHETICAL_LEAD.search(text, max(sent_start, cue.start - 14), cue.start)
            ):
                # "Mark Humphrey, who said the plan was dead, left early" / "Paul Ryan,
                # despite admitting that he had concerns, voted for it": the relative or
                # parenthetical clause ends where the main verb comes back.
                back = _MAIN_VERB_BACK.search(text, start, end)
                end = back.start() if back else end
            return start, end, who, "indirect.that" if has_that else "indirect.bare"
        # "S, X said." — the clause comes first, the speaker and cue close the sentence
        # (never with a participle: "…, beaming, a victory lap").
        comma = text.rfind(",", sent_start, who.start) if not cue.is_participle(text) else -1
        if comma > sent_start and not text[comma + 1 : who.start].strip(" \u00a0").lower().startswith(("and", "but")):
            gap = text[comma + 1 : who.start].strip()
            tail = text[cue.end : sent_end].strip()
            # "Defense Secretary", "RNC Chief of Staff", "Secretary of State"
            titled = gap and all(w[:1].isupper() or w.lower() in title_words() or w in _TITLE_JOINERS for w in gap.split())
            described = who.kind in ("person", "organisation") and _DESCRIPTOR.fullmatch(gap) is not None
            joined = who.kind == "group" and _COORDINATED.fullmatch(gap) is not None  # "S, teachers and union officials told X"
            if joined:
                gap_start = text.index(gap, comma + 1)
                who = _np_who(ctx, gap_start, who.end) or who
            if (not gap or _DET_ONLY.fullmatch(gap) or titled or described or joined) and (
                not tail
                or tail[0] in _TERMINAL
                or _only_adjuncts(" " + tail.rstrip(".!?"))
                or cue.lemma in _PP_FREE and _PP_TAIL.fullmatch(tail.rstrip(".!?")) is not None
                or (cue.lemma in OBJECT_VERBS and _ADDRESSEE.fullmatch(" " + tail.rstrip(".!?")))
            ):
                # "S, X said." / "S, X said, S2." / "S, he told reporters." — a clause-final
                # or parenthetical attribution; the clause before it is what was reported.
                start, end = sent_start, comma
                start = _after_opening_marks(text, start, end)
                if ctx.in_quote(start) and not quoted_ok:
                    return None
                words = _words(text[start:end])
                if tail[:1] != "," and _PHRASE_ONLY.fullmatch(text, start, end) and not _AUXILIARY.search(text, start, end):
                    # "On the third day of his tour, X told a joke.": a phrase, no clause (not
                    # "In any case, X said, the industry was over-supplied")
                    return None
                if words >= 4 or words >= 2 and _finite(text[start:end]):
                    # (or a short one with its verb: "Sales were great, he said, wiping …")
                    return start, end, who, "indirect.after"
                rest = _clause_after_parenthetical(ctx, max(cue.end, who.end), sent_end) if tail[:1] == "," else None
                if rest is not None:
                    # "The golf industry, she said, is doing better" / "Still, he said,
                    # officials have to decide": a short stretch before the parenthetical
                    # attribution is reported too when the sentence goes on; a lone
                    # adverb is not, and the clause after it is.
                    if words >= 2 and not _TIME_PHRASE.fullmatch(text, start, end) and not _CONNECTIVE.fullmatch(
                        text[start:end] + " "
                    ):  # (nor "And yet, Mrs. Clinton's aides say, S")
                        return start, end, who, "indirect.after"
                    return rest[0], rest[1], who, "indirect.after"  # "Six months ago, the senator said, S"
    return None


# "As the Times noted, S" / "But as Clyburn said on Monday, S": the opening of the sentence
# up to its cue.
_AS_SUBJECT = regex.compile(r"(?:(?:but|and|yet|so)\s+)?as\s+(?P<np>[^,;:!?“”\"]{1,80}?)\s+$", regex.IGNORECASE)


# Prepositional phrases alone up to the end of the sentence, after a closing cue: "S,
# Wilkin said during his visit.", "S, she said of the plan on Monday." Only after verbs
# that take no prepositional complement ("insisted on …", "asked about …", "pleaded with
# …" do).
_PP_FREE = frozenset(["say", "add", "write", "note", "report", "state", "explain", "tell", "recall", "predict"])
_PP_TAIL = regex.compile(
    r"(?:on|in|at|during|after|before|via|through|over|from|with|of|about|outside|inside|near)\s++"
    r"(?:(?!(?:is|are|was|were|has|have|had|will|would|that|which|who|to)\b)"
    r"(?!(?<=\b(?:on|in|at|about|of|from|with|by|after|before|for|over|during)\s+)\S+ing\b)"  # a gerund: "about breaking"
    r"[^\s,;:!?“”\"]++\s*+){1,30}+",
    regex.IGNORECASE,
)  # (possessive throughout: one pass, whatever the tail)
# "As reported by X, S" / "As first noted by X, S": the passive, its agent after the cue.
_AS_PASSIVE = regex.compile(r"(?:(?:but|and|yet|so)\s+)?as\s+(?:(?:first|previously|originally|earlier|widely)\s+)?", regex.IGNORECASE)
_AS_BY = regex.compile(r"\s+by\s+(?P<np>[^,;:!?“”\"]{1,80}?)\s*,")


def _as_reported(ctx: Context, cue: Cue, sent_start: int, sent_end: int):
    """'As the International Business Times noted, Clinton raised …': the clause after
    the comma is what the subject of the as-clause reports."""
    text = ctx.text
    if ctx.low.find("as ", sent_start, cue.start) < 0 or cue.is_participle(text) or cue.lemma in CLAUSE_END_ONLY:
        return None  # (not "As the day went on, Trump offered …")
    m = _AS_BY.match(text, cue.end, sent_end) if _AS_PASSIVE.fullmatch(text, sent_start, cue.start) else None
    if m is not None:
        comma = m.end() - 1  # "As reported by Western Journalism, S"
    else:
        m = _AS_SUBJECT.fullmatch(text, sent_start, cue.start)
        if m is None:
            return None
        comma = text.find(",", cue.end, sent_end)
    if comma < 0 or (comma > cue.end and m.re is _AS_SUBJECT and not _only_adjuncts(text[cue.end : comma])):
        return None
    who = _who_in(ctx, *m.span("np"))
    if who is None or (who.name is None and who.kind != "pronoun"):
        return None
    start = comma + 1
    while start < sent_end and text[start] in BLANK:
        start += 1
    end = _before_final_punctuation(text, start, sent_end)
    clause = text[start:end]
    if _words(clause) < 3 or text[start : start + 1] in "“\"‘'«" or not _finite(clause) or ctx.in_quote(start):
        return None
    return start, end, who, "indirect.after"


# A time phrase before a parenthetical attribution: "Six months ago", "Last week", "On Monday".
_TIME_PHRASE = regex.compile(
    r"(?:[\p{L}\d\-]+\s+){1,3}(?:ago|later|earlier)|(?:last|this|next|earlier|later)\s+(?:week|month|year|night|\p{L}+day)"
    r"|(?:on\s+)?\p{Lu}\p{Ll}+day(?:\s+(?:morning|afternoon|evening|night))?",
    regex.IGNORECASE,
)


# A prepositional phrase with no verb in it, before a closing cue.
_PHRASE_ONLY = regex.compile(
    r"(?:In|On|At|During|For|With|From|Under|Despite|Over|Throughout|Amid|Inside|Outside|Within)\s"
    r"(?:(?![\p{L}]+ed\b)[^,;:!?])+"
)


# A place before a state or country after its comma: "in Wilmington, N.C.".
_CITY_BEFORE = regex.compile(r"(?<=\b(?:in|of|from|at|near)\s+(?:\p{Lu}[\p{L}.\-]*\s+){0,2}\p{Lu}[\p{L}.\-]*,\s*)$")


# A noun phrase, then a relative clause between commas, up to the cue's comma.
_NP_RELATIVE = regex.compile(
    r"(?:(?:the|a|an|one|another|his|her|their|its|our)\s+(?P<np>(?:[\p{L}\-’']+\s+){0,3}[\p{L}\-]+)"
    r"|(?P<np>(?:\p{Lu}[\p{L}.]*\s+)?\p{Lu}[\p{L}\-]*[’']s\s+(?:[\p{L}\-]+\s+){0,2}[\p{L}\-]+)),\s+"  # "Mrs. Clinton's campaign,"
    r"(?:who|which|(?:long|once|now|itself|both)?\s*(?:a|an|the)\s|\p{Ll}+(?:\s+up)?\s+by\s"  # "The aides, led by X,"
    r"|\p{Ll}{3,}ed\s"  # "The report, published on Tuesday,", "The spokesman, asked if …,"
    r"|\p{Ll}{3,}ing\s"  # "The senator, speaking on condition of anonymity,"
    r"|(?:in|on|at|during|after|before|with|like|as)\s)"  # "The former president, in a rare interview,"
    r"(?:[^,]|,(?=\d{3}\b)){0,150},\s*$",  # "The newspaper, long a vocal advocate of …, writes"; "50,000"
    regex.IGNORECASE,
)


def _city_state(ctx: Context, lo: int, mention: Mention) -> bool:
    """"Trump, speaking at a rally in Wilmington, N.C., warned": a state or country after
    its city's comma, not a subject with an apposition."""
    return mention.kind in ("organisation", "single") and bool(
        _CITY_BEFORE.search(ctx.text, max(lo, mention.start - 30), mention.start)
    )


# Lower-case words inside a job title: "Chief of Staff", "Secretary for Education".
_TITLE_JOINERS = frozenset(["of", "for", "the", "and", "on"])
# The first of two coordinated noun phrases before a group: "S, teachers and union officials told X".
_COORDINATED = regex.compile(r"(?:[\p{Ll}\-’']+\s+){0,2}[\p{Ll}\-’']+s\s+and")
# A determiner and a few lower-case words before a name: "S, the news site RTL Info reported".
_DESCRIPTOR = regex.compile(
    r"(?i:the|a|an|its|his|her|their)(?:\s+(?!(?:and|or|of|in|on|at|to|for|with|by|from|who|which|that)\b)\p{Ll}[\p{Ll}\-]*){1,3}"
)


# The addressee after "told" at the end of a sentence: "told reporters", "told CNN on Sunday".
_ADDRESSEE = regex.compile(
    r"\s+(?:reporters|journalists|supporters|him|her|them|me|us|"
    r"(?:an?|the|his|her|their|its)\s+(?:[\p{L}\-]+\s+){0,2}\p{Ll}+|"  # "the court", "his supporters"
    r"(?:[Tt]he\s+)?\p{Lu}[\p{L}\d.’'&\-]*(?:\s+\p{Lu}[\p{L}\d.’'&\-]*){0,4})"  # "told the Washington Post"
    r"(?:\s+(?:on|in|at|during|after|last|this|earlier|later)\s+[^,;:!?]{1,40})?"
)


def _inverted_report(ctx: Context, cue: Cue, sent_start: int, sent_end: int, quoted_ok: bool = False):
    """ "S, said X." / "S, said Mark Kantrowitz, a publisher." — the inverted cue closes the
    sentence; the clause before the comma is what was reported."""
    text = ctx.text
    if cue.is_participle(text):
        return None  # "S, saying X" is no inverted attribution
    who = _inverted_tail(ctx, cue, sent_start, sent_end)
    pre = text[sent_start : cue.start].rstrip()
    start, end = sent_start, sent_start + len(pre) - 1
    start = _after_opening_marks(text, start, end)
    if who is not None and _words(text[start:end]) >= 3 and (quoted_ok or not ctx.in_quote(start)):
        return start, end, who, "indirect.after"
    return None


# (the apposition may hold the full stops of abbreviations: "a professor at M.I.T.")
_INVERTED_TAIL = regex.compile(
    rf"{_SP}+((?:[^,.;:!?]|\.(?=\s?\p{{Lu}})){{1,60}}?)(?:,(?:[^.;:!?“”\"]|\.(?!\s*$)){{1,200}}?)?\s*[.!?]?\s*$"
)


def _according(ctx: Context, cue: Cue, sent_start: int, sent_end: int, quoted_ok: bool = False):
    text = ctx.text
    pre = text[sent_start : cue.start].rstrip()
    m = _ACCORDING_SOURCE.match(text, cue.end, sent_end)
    if not m or _BARE_NOUN.fullmatch(m.group(1)):
        return None  # "according to plan", "according to schedule": a manner, no source
    who = _who_in(ctx, m.start(1), m.end(1))
    if who is None:
        # "according to early results of exit polls conducted by Edison Research": the
        # last name in the source phrase, else its head noun phrase.
        named = [x for x in ctx.book.within(m.start(1), m.end(1)) if x.kind in ("person", "organisation")]
        if named:
            who = _who_from_mention(ctx, named[-1])
        else:
            head = _SOURCE_HEAD.match(text, m.start(1), m.end(1))
            who = _np_who(ctx, *head.span("np")) if head else None
    if who is None:
        return None
    conn = _CONNECTIVE.fullmatch(pre + " ") if pre else None
    if not pre or conn or (_INTRO.fullmatch(pre + " ") and pre.endswith(",")) or _THAT_COMMA.search(pre):
        # "According to X, S." / "In addition, according to X, S." / "Politico reported
        # that, according to sources in the meetings, S" (not "Politico reported that")
        start = m.end()
        while start < sent_end and text[start] in BLANK:
            start += 1
        end = sent_end
    elif pre.endswith(",") and m.group("final") is None and _words(pre) < 3:
        # "Fundraising, according to the campaign, has surged.": the subject alone stands
        # before the source; the report is the whole sentence around it.
        start, end = sent_start, sent_end
    elif pre.endswith(",") or m.group("final") is not None:
        # "S, according to X." / "S according to a poll released Monday."
        start, end = sent_start, sent_start + len(pre.rstrip(","))
    else:
        return None
    start = _after_opening_marks(text, start, end)
    end = _before_final_punctuation(text, start, end)
    if _words(text[start:end]) < 3 or ctx.in_quote(start) and not quoted_ok:
        return None
    return start, end, who, "indirect.according-to"


_THAT_COMMA = regex.compile(r"(?<![\p{L}])that,$", regex.IGNORECASE)
# A noun of manner with no determiner is no source ("according to plan"); "according to
# police" is one.
_BARE_NOUN = regex.compile(r"plan|schedule|script|tradition|custom|protocol|design|form|procedure|precedent|expectations?")
# The source after "according to": up to a comma or the end of the sentence; dots inside
# names are kept ("Tchadinfos.com", "U.S. Census data").
_ACCORDING_SOURCE = regex.compile(
    r"\s+((?:[^,.;:!?(]|\.(?=[\w,]|\s+\p{L})|\((?!\p{Ll}))(?:[^,.;:!?(]|\.(?=[\w,]|\s+\p{L})|\((?!\p{Ll})){0,119}?)\s*"
    r"(?:,|(?=\(\p{Ll})|(?P<final>(?=[.!?]?\s*$)))"  # (a remark in brackets ends the source: "exit polls (a sizable margin, …)")
)
_SOURCE_HEAD = regex.compile(
    rf"(?:{_DET}\s+)?(?P<np>[\p{{L}}\-’']+(?:\s+[\p{{L}}\-’']+){{0,3}}?)(?=\s+(?:of|from|by|for|in|at|on|with|who|that|which|familiar|close|knowledgeable|involved|\p{{Ll}}+ed)\b|\s*$)",
    regex.IGNORECASE,
)


def _bullets(ctx: Context) -> list[Quote]:
    """'The letter goes on to argue:' followed by bullet paragraphs: one indirect per bullet."""
    text = ctx.text
    out = []
    for i, p in enumerate(ctx.paras[:-1]):
        if p.boilerplate or not text[p.start : p.end].endswith(":") or text[p.start : p.end].isupper():
            continue  # (not "SHORT READS:", a heading in capitals)
        nxt = ctx.paras[i + 1]
        if not _BULLET.match(text, nxt.start, nxt.end):
            continue
        sent_start = ctx.around(p.end - 1, p)[0]
        cues = [c for c in ctx.cues_in(sent_start, p.end) if c.kind == "speech" and not ctx.in_quote(c.start)]
        if not cues:
            continue
        cue = cues[-1]
        who = subject_before(ctx, sent_start, cue.start)
        if who is None or who.name is None:
            continue
        att = Attribution(who, text[cue.start : cue.end], cue.start, cue.end, "indirect.bullet")
        ctx.used_cues.add(cue.start)
        for b in ctx.paras[i + 1 :]:
            m = _BULLET.match(text, b.start, b.end)
            if not m or b.boilerplate:
                break
            s, e = m.end(), b.end
            while e > s and text[e - 1] in ".;,":
                e -= 1
            if _words(text[s:e]) >= 3:
                out.append(_make(QuoteSpan(s - 1, e, s, e, "-", 0, False, 0), text, "indirect", att, "indirect.bullet"))
    return out
