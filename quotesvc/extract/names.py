"""Mentions of people, organisations and groups; canonical names and aliases.

A *mention* is a stretch of text that can be a speaker: a capitalised name (with its
honorific and title), a pronoun, or a common-noun group (``the council leaders``).
Canonical names come from the article itself: a short mention (``Ashworth``,
``Mr Mayo``) takes the fullest name that contains it (``Jon Ashworth``, ``Ed Mayo``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache

import regex

from quotesvc.extract import segment
from quotesvc.extract.cues import cue_trie
from quotesvc.extract.lexicon import (
    group_words,
    honorifics,
    org_words,
    place_names,
    place_words,
    speech_verbs,
    title_words,
)
from quotesvc.extract.segment import SOLO, TIMEOUT

# The word lists inside the name patterns are prefix-factored (cue_trie): at most one
# of them can be followed by what must come next (a full stop, a blank and a capital),
# so the order in which they are tried cannot change a match, and the name scan, which
# tries them after every capitalised word, runs ~20% faster.
_HONORIFICS = "Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt|Hon|Rev|Fr|Prof|Jr|Sr|Del|Sec|Supt|Amb|Adm|Cmdr|Pres|Coun|Cllr|Insp|Det"
# A capitalised word: Reissmann, McDonald, O’Brien, Co-operatives, J., UK.
_WORD = (
    rf"(?:{cue_trie(_HONORIFICS.split('|'))}\.(?=[ \u00a0]\p{{Lu}})"
    r"|(?:\p{Lu}\.){2,3}(?![\p{L}\d])|(?:\p{Lu}\.){1,3}(?=[ \u00a0]?\p{Lu})"  # "U.S. law"; "J. Smith"
    r"|\p{Lu}[\p{L}\p{M}\d]*(?:[’'\-][\p{L}\p{M}\d]+)*(?:(?<=s)[’'](?=[ \u00a0]\p{Lu}))?)"
)
# Lower-case particles inside names (Ludwig van Beethoven) and org connectors.
_PARTICLE_WORDS = "de|del|della|der|den|van|von|da|di|du|le|la|bin|ibn|al|el|dos|das"
_PARTICLE = rf"(?:{_PARTICLE_WORDS})"
_CONNECT_WORDS = ["of", "for", "on", "and the", "of the", "for the", "&"]
# Both, as one trie, between the words of a name; a space stays one space (VERBOSE "\ ").
_JOINER = cue_trie(_PARTICLE_WORDS.split("|") + _CONNECT_WORDS).replace(r"\s+", r"\ ")
# Every match starts with a capital: the leading lookahead lets the engine reject every
# other position at once (about 15% of the scan). The scan has no regex timeout (which
# costs ~1 µs a match): like the cue trie, it is linear by construction, since the
# repeats of a name are separated by required blanks and nothing follows the last one,
# so the engine never backtracks further than a run of blanks.
_SEQ = regex.compile(
    rf"""
    (?=\p{{Lu}})
    (?<![\p{{L}}\p{{M}}\d’'])
    {_WORD}
    (?: [ \u00a0]+ (?: {_JOINER} [ \u00a0]+ ){{0,2}} {_WORD} )*
    """,
    regex.VERBOSE,
)

# Tokens of a capitalised sequence: words, lower-case particles and connectors. Linear
# like _SEQ, and run only on what _SEQ matched: no timeout.
_TOKEN = regex.compile(rf"{_WORD}|(?<![\p{{L}}])(?:{_PARTICLE}|of|for|on|and|the|&)(?![\p{{L}}])")
_CONNECTORS = frozenset(["of", "for", "on", "and", "the", "&"])

# Capitalised words that start sentences but are never names.
STOP = frozenset(
    ["the", "a", "an", "and", "but", "or", "so", "yet", "if", "as", "at", "in", "on", "of", "for", "to", "from", "by", "with", "without", "into", "this", "that", "these", "those", "there", "here", "it", "its", "he", "she", "they", "we", "i", "you", "his", "her", "their", "our", "your", "my", "when", "while", "after", "before", "since", "although", "though", "because", "however", "meanwhile", "moreover", "also", "then", "now", "even", "still", "just", "only", "not", "no", "yes", "all", "some", "many", "most", "several", "both", "each", "every", "any", "what", "who", "whom", "whose", "which", "why", "how", "where", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "under", "over", "about", "against", "between", "during", "among", "through", "throughout", "despite", "like", "unlike", "according", "asked", "speaking", "writing", "said", "says", "told", "added", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday", "tomorrow", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "mr", "mrs", "ms", "dr", "sir", "prof", "later", "earlier", "afterwards", "separately", "instead", "elsewhere", "finally", "overall", "indeed", "nevertheless", "nonetheless", "furthermore", "additionally", "similarly", "likewise", "otherwise", "previously", "recently", "currently", "again", "yesterday"]
)
MONTHS_DAYS = frozenset(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "june", "july", "august", "september", "october", "november", "december"]
)

# Words that never start a name: the stop words, and determiners that are only
# capitalised at a sentence start ("Another Clinton ally" is no person "Another Clinton").
_LEADING_NOT_NAME = STOP | frozenset(
    ["another", "other", "such", "either", "neither", "whether", "unless", "until",
     # a question or an imperative opens with a verb ("Would I rather …", "Let's say …")
     "would", "could", "should", "does", "did", "do", "is", "are", "was", "were", "has", "had", "have", "can", "must",
     "might", "shall", "let", "can"]
)
# Title words that are never a surname, even after a name word ("Iowa Republican",
# "Senate Democratic"), unlike Dean, King or White.
_NEVER_SURNAME = frozenset(
    ["democrat", "democrats", "democratic", "republican", "republicans", "gop", "conservative", "independent",
     "majority", "minority", "state", "house", "national", "security", "campaign", "former", "acting", "interim", "vice",
     "deputy", "assistant", "senior", "junior", "president-elect", "chief", "executive", "general",
     # job titles no one bears as a surname: "UMWA Director of Government Affairs Phil Smith"
     "director", "chairman", "chairwoman", "secretary", "manager", "officer", "spokesman", "spokeswoman",
     "spokesperson", "president", "minister", "senator", "governor", "commissioner", "superintendent", "treasurer",
     "ambassador", "adviser", "advisor", "strategist", "analyst", "editor", "correspondent", "chancellor",
     "administrator", "coordinator", "founder", "ceo", "representative", "leader", "aide"]
)
# A party and state before an apposition: "R-La.,", "D-N.Y.,".
_PARTY_STATE = regex.compile(r"^[RDI]-[\p{L}.]+(?:,\s*|$)")
# Words after a participle that make a phrase an action, not a role: "speaking in", "citing the".
_PARTICIPLE_NEXT = frozenset(["in", "at", "on", "to", "for", "from", "with", "about", "after", "during", "the", "a", "an",
                              "his", "her", "their"])
_PARTY_WORDS = frozenset(["democrat", "democratic", "republican", "conservative", "independent"])
_PRONOUN_WORDS = frozenset(["He", "She", "They", "It", "We"])
# Endings of sentence adverbs of seven letters or more, never of a first name
# ("Interestingly Blocher", "Fortunately"; not "Sally").
_ADVERB_ENDINGS = ("ingly", "ately", "ally", "ently", "antly", "ously", "ively", "ibly", "ably")
# Negative contractions that open a question ("Don’t Republicans …", "Won’t she …").
_CONTRACTIONS = frozenset(
    f"{w}{a}t" for w in ["don", "doesn", "didn", "isn", "wasn", "aren", "weren", "hasn", "haven", "wouldn", "couldn",
                         "shouldn", "won", "can"] for a in "’'"
) | {"let’s", "let's"}

PRONOUNS = {
    "he": ("m", "sg"), "she": ("f", "sg"), "they": ("-", "pl"), "it": ("n", "sg"),
    "we": ("-", "pl"), "i": ("-", "sg"),
}


@dataclass(slots=True)  # never changed once built; not frozen, see segment.Paragraph
class Mention:
    """A possible speaker mention: where it is, what kind, and its parts.

    ``start``/``end`` cover the mention as the gold conventions want it: no determiner,
    no job title, honorific kept (``Mr Mayo``, ``Dr Michael Dixon``).
    """

    start: int
    end: int
    kind: str  # person | organisation | group | pronoun | single (one capitalised word)
    core: tuple[str, ...]  # name words without honorific, title or possessive
    honorific: str = ""
    role: str = ""  # title words written before the name (Health Secretary)


@dataclass
class NameBook:
    """Every name mention of an article, and the clusters that give canonical names."""

    mentions: list[Mention] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    full_by_surname: dict[str, list[tuple[int, tuple[str, ...]]]] = field(default_factory=dict)
    gender: dict[str, str] = field(default_factory=dict)  # canonical -> m | f
    roles: dict[str, list[str]] = field(default_factory=dict)  # canonical -> roles
    roles_lower: dict[str, list[str]] = field(default_factory=dict)  # the same, lower-cased
    aliases: dict[str, list[str]] = field(default_factory=dict)  # canonical -> mentions as written
    kinds: dict[str, str] = field(default_factory=dict)  # canonical -> speaker kind
    # Set by build_namebook once every mention is in: from then on the canonical name of
    # a person's core words that does not depend on where the mention stands (nearly
    # all) is kept in ``canonical_of_core``, since the same names recur through a text.
    complete: bool = False
    canonical_of_core: dict[tuple[str, ...], str] = field(default_factory=dict)
    fits_of_core: dict[tuple[str, ...], list[tuple[int, tuple[str, ...]]]] = field(default_factory=dict)
    text: str = ""
    headline_end: int = 0  # where a short first paragraph, a headline, ends (0: none)
    people_of_core: dict[tuple[str, ...], list[list[tuple[int, tuple[str, ...]]]]] = field(default_factory=dict)
    genders_of_core: dict[tuple[str, ...], list[str]] = field(default_factory=dict)
    words_found: dict[tuple[str, int], bool] = field(default_factory=dict)
    meant_of_core: dict[tuple[str, ...], list[tuple[int, tuple[str, ...]]]] = field(default_factory=dict)

    def at(self, start: int, end: int) -> Mention | None:
        """Return the name mention that ends exactly at ``end`` and starts at or after ``start``."""
        i = bisect_left(self.starts, start)
        best = None
        while i < len(self.mentions) and self.mentions[i].start < end:
            if self.mentions[i].end == end:
                best = self.mentions[i]
            i += 1
        return best

    def within(self, start: int, end: int) -> list[Mention]:
        """Return the name mentions inside [start, end), in order."""
        i = bisect_left(self.starts, start)
        out = []
        while i < len(self.mentions) and self.mentions[i].start < end:
            if self.mentions[i].end <= end:
                out.append(self.mentions[i])
            i += 1
        return out

    def canonical(self, m: Mention) -> str:
        """Return the canonical name of a person or organisation mention."""
        if m.kind in ("organisation", "group"):
            return " ".join(m.core)
        if len(m.core) == 1 and m.honorific.rstrip(".") in ("Sir", "Dame"):
            # "Sir Keir", "Dame Esther": a knight or dame goes by the first name.
            named = {core for fulls in self.full_by_surname.values() for _, core in fulls if core[0] == m.core[0]}
            if len(named) == 1:
                return " ".join(named.pop())
        known = self.canonical_of_core.get(m.core)
        if known is not None:
            return known
        surname = m.core[-1]
        fulls = self.full_by_surname.get(surname)
        if len(m.core) == 2 and m.core[0].lower() in _GIVEN_NAME_TITLES and fulls and any(m.core[0] not in c for _, c in fulls):
            # "Dean Amar" where the article names Vikram Amar: the title, not a first name.
            return self.canonical(replace(m, core=(surname,)))
        if not fulls:
            return self._keep(m.core, " ".join(m.core))
        fits = self.fits_of_core.get(m.core) if self.complete else None
        if fits is None:
            words = set(m.core)
            fits = [(pos, core) for pos, core in fulls if words <= set(core)]
            if self.complete:
                self.fits_of_core[m.core] = fits
        if not fits:
            return self._keep(m.core, " ".join(m.core))
        if all(core == fits[0][1] for _, core in fits):
            return self._keep(m.core, " ".join(fits[0][1]))
        people = self._people(m.core, fits)
        if len(people) > 1:
            fits = self._person_meant(m, people)
        # One person written several ways ("Donald Trump", "Donald J. Trump"): the way last
        # written before the mention (fits are in text order), else the first.
        k = bisect_right(fits, (m.start, (chr(0x10FFFF),))) - 1
        return " ".join(fits[k][1] if k >= 0 else fits[0][1])  # depends on the position: not kept

    def _people(self, core: tuple[str, ...], fits: list[tuple[int, tuple[str, ...]]]) -> list[list[tuple[int, tuple[str, ...]]]]:
        """The full names in ``fits`` grouped by person: a name whose words all belong to
        another's is the same person ("Hillary Clinton", "Hillary Rodham Clinton"), two
        names that differ both ways are two ("Bill Clinton", "Hillary Clinton")."""
        known = self.people_of_core.get(core) if self.complete else None
        if known is not None:
            return known
        people: list[list[tuple[int, tuple[str, ...]]]] = []
        for fit in fits:
            words = set(fit[1])
            same = next((p for p in people if any(words <= set(c) or set(c) <= words for _, c in p)), None)
            if same is None:
                people.append([fit])
            else:
                same.append(fit)
        if self.complete:
            self.people_of_core[core] = people
        return people

    def _person_meant(self, m: Mention, people: list[list[tuple[int, tuple[str, ...]]]]) -> list[tuple[int, tuple[str, ...]]]:
        """Which of several people with one surname a shorter mention means.

        A gendered honorific picks the person the article gave that gender ("Mr. Clinton"
        after "Bill Clinton … Mr. Clinton"). Otherwise the surname alone goes to the
        person named first: a relative or namesake brought in later is written in full
        or by first name ("an unflattering photo of Heidi Cruz" does not make the next
        "Cruz said" hers). A "name" whose other words the article also writes in lower
        case is a capitalised phrase, no person ("Will Sanders come down?"), and a
        headline's capitals say little ("Understated Perez raises political profile"):
        they come last.
        """
        gender = honorifics().get(m.honorific, "-")
        if gender in ("m", "f"):
            genders = self.genders_of_core.get(m.core) if self.complete else None
            if genders is None:
                genders = self._surname_genders(m.core[-1], people)
                if self.complete:
                    self.genders_of_core[m.core] = genders
            same = [p for p, g in zip(people, genders, strict=True) if g == gender]
            if len(same) == 1:
                return same[0]
            people = [p for p, g in zip(people, genders, strict=True) if g != ("f" if gender == "m" else "m")] or people
            # "Hillary Clinton … Mrs. Clinton": an honorific follows the person's full name.
            before = [p for p in people if p[0][0] < m.start]
            return max(before, key=lambda p: max(pos for pos, _ in p if pos < m.start)) if before else people[0]
        # With no gendered honorific, the person meant depends on the name's words alone:
        # kept once the book is complete (a shared surname is asked of again and again).
        meant = self.meant_of_core.get(m.core) if self.complete else None
        if meant is None:
            meant = min(people, key=lambda p: (self._headline_only(p), self._common_words(p), p[0][0]))
            if self.complete:
                self.meant_of_core[m.core] = meant
        return meant

    def _headline_only(self, person: list[tuple[int, tuple[str, ...]]]) -> bool:
        """Return True when ``person`` is named in the headline only, and no way of writing
        it has all its words again below ("Understated Perez raises …"; not "Hillary
        Clinton accused …" followed by "Hillary" in the text)."""
        if not all(pos < self.headline_end for pos, _ in person):
            return False
        return not any(all(self._has_word(w, self.headline_end) for w in core[:-1]) for _, core in person)

    def _common_words(self, person: list[tuple[int, tuple[str, ...]]]) -> bool:
        """Return True when every way ``person`` is written holds a word, other than the
        surname, that the article also writes in lower case ("Team", "Will", "Donor")."""
        return all(any(w.lower() != w and self._has_word(w.lower()) for w in core[:-1]) for _, core in person)

    def _has_word(self, word: str, start: int = 0) -> bool:
        """Whether the text from ``start`` on has ``word`` as a whole word, as written
        (asked only of names several people share; the answers are kept)."""
        known = self.words_found.get((word, start))
        if known is None:
            pattern = rf"(?<![\p{{L}}.]){regex.escape(word)}(?![\p{{L}}])"
            known = self.words_found[word, start] = regex.compile(pattern).search(self.text, start, timeout=TIMEOUT) is not None
        return known

    def _surname_genders(self, surname: str, people: list[list[tuple[int, tuple[str, ...]]]]) -> list[str]:
        """The gender the article gives each person of ``people`` (all sharing ``surname``):
        each gendered honorific on the surname alone ("Mr. Khan", "Ms. Khan"), in text
        order, gives its gender to the first person named in full before it that has
        none yet, unless one of them has it already ("Khizr M. Khan and Ghazala Khan …
        Mr. Khan … Ms. Khan")."""
        genders = ["-"] * len(people)
        hons = honorifics()
        for x in self.mentions:
            if x.kind != "person" or x.core != (surname,):
                continue
            g = hons.get(x.honorific, "-")
            if g in ("m", "f") and g not in genders:
                first = next((i for i, p in enumerate(people) if genders[i] == "-" and p[0][0] < x.start), None)
                if first is not None:
                    genders[first] = g
        return genders

    def _keep(self, core: tuple[str, ...], name: str) -> str:
        if self.complete:
            self.canonical_of_core[core] = name
        return name

    def note(self, canonical: str, m: Mention, text: str, kind: str) -> None:
        """Record an alias (and roles) of a canonical speaker."""
        alias = text[m.start : m.end]
        seen = self.aliases.setdefault(canonical, [])
        if alias not in seen:
            seen.append(alias)
        if m.role:
            self.add_role(canonical, m.role)
        self.kinds.setdefault(canonical, kind)

    def add_role(self, canonical: str, role: str) -> None:
        """Record a role of a canonical speaker, once."""
        role = _PARTY_STATE.sub("", role.strip(" ,")).strip(" ,")  # "D-N.Y., the majority leader"
        role = role[4:] if role.lower().startswith("the ") else role
        words = role.lower().split()
        if len(words) > 1 and words[0].endswith("ing") and words[1] in _PARTICIPLE_NEXT:
            return  # "Ford, speaking in Brampton, said": what they were doing, not a role ("acting director" is one)
        if role and not role.isdigit():  # "Maria Chen, 45,": an age, not a role
            roles = self.roles.setdefault(canonical, [])
            lowered = self.roles_lower.setdefault(canonical, [])
            if role.lower() not in lowered:
                roles.append(role)
                lowered.append(role.lower())


def strip_possessive(word: str) -> str:
    for suffix in ("’s", "'s", "’", "'"):
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            return word[: -len(suffix)]
    return word


def _before_apostrophe(word: str) -> str:
    """The part of ``word`` before its first ’ or ' (Labour’s -> Labour)."""
    return word.split("’", 1)[0].split("'", 1)[0]


def _past_speech_verb(word: str) -> bool:
    """A past form of a speech verb ("stated", "added", "told"), which opens an inverted
    attribution ("Stated Stone:") and is no first name."""
    return word in speech_verbs() and (word.endswith("ed") or word in ("said", "told", "wrote"))


# Letters after a name: a seat or an honour.
POSTNOMINALS = frozenset(["MP", "MEP", "MSP", "MS", "AM", "MLA", "TD", "QC", "KC", "OBE", "CBE", "MBE", "KBE", "DBE"])


def _classify(text: str, words: list[tuple[int, int]]) -> Mention | None:
    """Turn one capitalised sequence into a mention (or None for non-names)."""
    hons = honorifics()
    titles = title_words()
    orgs = org_words()
    # Leading function words are capitalised only because a sentence starts there.
    while words and (
        _before_apostrophe(text[words[0][0] : words[0][1]].lower().rstrip(".")) in _LEADING_NOT_NAME
        or text[words[0][0] : words[0][1]].lower() in _CONTRACTIONS
        or (words[0][1] - words[0][0] >= 7 and text[words[0][0] : words[0][1]].lower().endswith(_ADVERB_ENDINGS))
        or _past_speech_verb(text[words[0][0] : words[0][1]].lower())  # "Stated Stone:"
    ) and (
        text[words[0][0] : words[0][1]] not in hons
    ):
        words = words[1:]
    while len(words) > 2 and text[words[-1][0] : words[-1][1]] in POSTNOMINALS:
        words = words[:-1]  # "Jon Ashworth MP", "Jane Doe QC": letters after a name are no part of it
    while len(words) > 1 and text[words[-1][0] : words[-1][1]].lower() in MONTHS_DAYS:
        # "President Obama Tuesday said", "the Security Council on Friday": the day is no
        # part of the name, nor the connector before it.
        words = words[:-1]
        while len(words) > 1 and text[words[-1][0] : words[-1][1]] in _CONNECTORS:
            words = words[:-1]
    if not words:
        return None
    toks = [text[s:e] for s, e in words]
    cut = next((k for k in range(1, len(toks)) if toks[k] in _PRONOUN_WORDS), None)
    if cut is not None:
        # "… the U.S. He said": a sentence the splitter could not see ends before the pronoun.
        words, toks = words[:cut], toks[:cut]
    conn = None if _CONNECTORS.isdisjoint(toks) else next(k for k, t in enumerate(toks) if t in _CONNECTORS)
    head_orgs = not orgs.isdisjoint([t.lower() for t in toks[:conn]])
    if conn is not None and not head_orgs:
        # "Mr. Morgan of the Sierra Club", "Secretary of State John Kerry": the name is
        # the part before the connector, or else the part after it.
        head = _classify(text, words[:conn])
        rest = words[conn + 1 :]
        while rest and text[rest[0][0] : rest[0][1]] in _CONNECTORS:
            rest = rest[1:]
        if head is not None and head.kind not in ("single", "title"):
            return head
        tail = _classify(text, rest) if rest else None
        if tail is not None and tail.kind == "person":
            if head is None or head.kind == "title":
                # "Secretary of State John Kerry", "RNC Chief of Staff Katie Walsh": the
                # whole title is the role.
                tail.role = text[words[0][0] : tail.start].strip()
            return tail
        return head
    last = strip_possessive(toks[-1]) if toks[-1].endswith(("’", "'", "’s", "'s")) else toks[-1]
    toks[-1] = last
    lowered = [t.lower().rstrip(".") for t in toks]
    person = _titled_person(text, words, toks, lowered)
    if person is not None:
        return person
    if len(toks) > 1 and lowered[-1] in group_words() and not any(t in hons for t in toks):
        # "African Americans", "House Republicans": a group of people, not a person.
        start, end = words[0][0], words[-1][0] + len(last)
        return Mention(start, end, "group", (text[start:end],))
    places = len(toks) > 1 and (lowered[-1] in place_words() or " ".join(lowered).removeprefix("the ") in place_names())
    if (
        len(toks) >= 3 and lowered[0] in titles and lowered[0] in orgs and orgs.isdisjoint(lowered[1:])
        and titles.isdisjoint(lowered[1:]) and not places
        and all(t[:1].isupper() for t in toks[1:])
    ):
        # "Economist Aparna Mathur", "Editor Jane Doe": a title that also names an
        # organisation (The Economist), then a personal name: a person with that role.
        return Mention(words[1][0], words[-1][0] + len(last), "person", tuple(toks[1:]), "", toks[0])
    if head_orgs or not orgs.isdisjoint(lowered) or places:
        start, end = words[0][0], words[-1][0] + len(last)
        name = text[start:end]
        if name.lower().startswith("the "):
            start, name = start + 4, name[4:]
        return Mention(start, end, "organisation", (name,))
    # Read the name backwards from the end: name words until a title or honorific.
    i = len(toks)
    while i > 0 and lowered[i - 1] not in titles and toks[i - 1] not in hons and lowered[i - 1] not in STOP:
        i -= 1
    if i == len(toks) and len(toks) > 1 and toks[-1].isupper() and len(toks[-1]) > 1:
        return None  # "the Birmingham Yardley MP": a title in capitals is never a surname
    if i == len(toks) and len(toks) > 1 and lowered[-1] in _PARTY_WORDS and lowered[-2] not in titles:
        # "the Wisconsin Republican", "a Jupiter Democrat": a description of someone, not a
        # name; it may speak, but it is no person's surname.
        start, end = words[0][0], words[-1][0] + len(last)
        return Mention(start, end, "organisation", (text[start:end],))
    if i == len(toks) and len(toks) > 1 and lowered[-1] not in _NEVER_SURNAME:
        # The last word is also a title word (Dean, King, Bishop): it is a surname when
        # a name word ("Bob Dean") or an honorific ("Mr. Dean") stands before it, not a
        # title ("Secretary General").
        i = len(toks) - 1
        while i > 0 and lowered[i - 1] not in titles and toks[i - 1] not in hons and lowered[i - 1] not in STOP:
            i -= 1
        if i == len(toks) - 1 and toks[i - 1] not in hons:
            return None
    elif i == len(toks) == 1 and lowered[0] in titles and lowered[0] not in _NEVER_SURNAME:
        # One title word alone ("Dean said"): a surname only if the article names a
        # person with it (build_namebook decides), else no mention.
        return Mention(words[0][0], words[0][0] + len(last), "title", (last,))
    if i == len(toks) - 1 == 1 and lowered[0] in _GIVEN_NAME_TITLES:
        i = 0  # "Dean Walsh", "Major Garrett": a title word that is also a given name, then a surname
    core = toks[i:]
    if not core or len(core) > 4:
        return None
    if not MONTHS_DAYS.isdisjoint([w.lower() for w in core]):
        return None
    honorific = ""
    j = i
    if j > 0 and toks[j - 1] in hons:
        honorific = toks[j - 1]
        j -= 1
    role = " ".join(t for t in toks[:j] if t not in hons) if j else ""
    start = words[j][0]
    end = words[-1][0] + len(last)
    if len(core) == 1 and core[0].isupper() and len(core[0]) > 1:
        return Mention(start, end, "organisation", tuple(core), honorific, role)
    kind = "person" if (len(core) > 1 or honorific) else "single"
    return Mention(start, end, kind, tuple(core), honorific, role)


# Title words that are also given names: before a single surname they are the person's
# first name ("Dean Walsh, the coach", "Major Garrett"), not a title.
_GIVEN_NAME_TITLES = frozenset(["dean", "major"])


# A possessive inside a capitalised sequence ends a name: "The Washington Post’s Ed
# O’Keefe", "Iowa State University’s Dianne Bystrom" are two names each.
_INNER_POSSESSIVE = regex.compile(r"[’']s(?=[ \u00a0]+\p{Lu})")


def _titled_person(text: str, words: list[tuple[int, int]], toks: list[str], lowered: list[str]) -> Mention | None:
    """"FBI Director James Comey", "Senate Majority Leader Mitch McConnell": a job title
    after an organisation's name, then a personal name, is a person with that role, not
    an organisation."""
    hons, titles, orgs = honorifics(), title_words(), org_words()
    t = next((k for k in range(len(toks) - 2, 0, -1) if lowered[k] in titles or toks[k] in hons), None)
    if t is None or not any(w in orgs for w in lowered[:t]) or toks[t - 1] in _CONNECTORS:
        return None  # "Office of the Director of National Intelligence" stays an organisation
    name = lowered[t + 1 :]
    if len(name) > 4 or any(w in orgs or w in titles or w in STOP or w in _CONNECTORS or w in MONTHS_DAYS for w in name):
        return None
    j, honorific = t + 1, ""
    if toks[t] in hons:
        j, honorific = t, toks[t]
    role = " ".join(w for w in toks[:j] if w not in hons)
    core = tuple(toks[t + 1 :])
    kind = "person" if (len(core) > 1 or honorific) else "single"
    return Mention(words[j][0], words[-1][0] + len(toks[-1]), kind, core, honorific, role)


def _sequences(text: str, ranges: list[tuple[int, int]] | None):
    """Yield (start, sequence) for every capitalised sequence, split at inner possessives."""
    bmp = _ASTRAL.search(text) is None
    for start, end in ranges if ranges is not None else [(0, len(text))]:
        if bmp:
            # _SEQ.finditer, on the stdlib engine (see _bmp_seq)
            search, pos = _bmp_seq().search, start
            while (m := search(text, pos, end)) is not None:
                off, pos = m.span(1)
                seq = text[off:pos]
                if "’" in seq or "'" in seq:
                    yield from _split_possessives(off, seq)
                else:
                    yield off, seq
            continue
        for m in _SEQ.finditer(text, start, end, False, SOLO):
            seq, off = m.group(), m.start()
            if "’" in seq or "'" in seq:
                yield from _split_possessives(off, seq)
            else:
                yield off, seq


def _split_possessives(off: int, seq: str):
    """Yield (start, part) for the parts of the sequence ``seq`` at ``off``, split after each inner possessive."""
    for p in _INNER_POSSESSIVE.finditer(seq, None, None, False, SOLO):
        yield off, seq[: p.end()]
        k = p.end()
        while k < len(seq) and seq[k] in " \u00a0":
            k += 1
        seq, off = seq[k:], off + k
    yield off, seq


_ASTRAL = regex.compile("[\U00010000-\U0010ffff]")


@cache
def _bmp_seq() -> re.Pattern:
    """_SEQ for a text with no character above U+FFFF, on the stdlib engine (the name scan
    ~25% faster): its classes spelt out from ``regex``'s tables below U+10000
    (segment.unicode_classes), and its first capital read before its lookbehind (so the
    engine skips from one capital to the next at once), the match is found inside a
    lookahead at that capital, as group 1. tests/extract/test_properties.py checks it
    against _SEQ."""
    upper, letter, mark, digit = segment.unicode_classes((r"\p{Lu}", r"\p{L}", r"\p{M}", r"\d"), 0x10000)
    body = _SEQ.pattern.split("(?<![\\p{L}\\p{M}\\d’'])", 1)[1]
    spellings = (
        (r"[\p{L}\p{M}\d]", f"[{letter}{mark}{digit}]"),
        (r"[\p{L}\d]", f"[{letter}{digit}]"),
        (r"\p{Lu}", f"[{upper}]"),
    )
    rest = body
    for spelt, _ in spellings:
        rest = rest.replace(spelt, "")
    if "\\p" in rest or "\\d" in rest:
        raise ValueError("_bmp_seq: a class of _SEQ has no stdlib spelling here: add it")
    for spelt, stdlib in spellings:
        body = body.replace(spelt, stdlib)
    return re.compile(rf"[{upper}](?<=(?=(?<![{letter}{mark}{digit}’'])({body})).)", re.VERBOSE)


@lru_cache(maxsize=4096)
def _classify_cached(seq: str) -> Mention | None:
    """Classify one capitalised sequence; offsets are relative to the sequence.

    Names repeat within and across articles, so this is cached on the sequence text.
    """
    words = [(w.start(), w.end()) for w in _TOKEN.finditer(seq)]
    return _classify(seq, words)


HEADLINE_CHARS = 250  # a first paragraph this short, with more after it, is a headline


def build_namebook(text: str, ranges: list[tuple[int, int]] | None = None) -> NameBook:
    """Find every capitalised name in ``text`` (or in its ``ranges``) and cluster the people by surname."""
    book = NameBook(text=text)
    paras = ranges or [(0, len(text))]
    if len(paras) > 1 and paras[0][1] - paras[0][0] <= HEADLINE_CHARS:
        book.headline_end = paras[0][1]
    hons = honorifics()
    mentions = book.mentions
    for off, seq in _sequences(text, ranges):
        mention = _classify_cached(seq)
        if mention is None:
            continue
        mention = Mention(mention.start + off, mention.end + off, mention.kind, mention.core, mention.honorific, mention.role)
        mentions.append(mention)
        if mention.kind == "person" and len(mention.core) > 1:
            book.full_by_surname.setdefault(mention.core[-1], []).append((mention.start, mention.core))
        if mention.honorific and hons.get(mention.honorific, "-") in ("m", "f"):
            book.gender.setdefault(book.canonical(mention), hons[mention.honorific])
    # "the Department of Health and Social Care", "Health and Human Services": an
    # organisation named "X of Y" goes on after "and" (a bare "and" joins no names, so that
    # "Barack Obama and Joe Biden" stay two people).
    merged: list[Mention] = []
    dropped: set[int] = set()
    for mention in book.mentions:
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and prev.kind == "organisation"
            and " of " in prev.core[0]
            and text[prev.end : mention.start] == " and "
            and mention.kind in ("person", "single", "organisation")
            and len(mention.core) <= 3
            and not mention.honorific
            and all(pos == mention.start for pos, _ in book.full_by_surname.get(mention.core[-1], []))
        ):
            merged[-1] = Mention(prev.start, mention.end, "organisation", (text[prev.start : mention.end],))
            dropped.add(mention.start)
            continue
        merged.append(mention)
    book.mentions = merged
    if dropped:
        fulls_left = {
            surname: [(pos, core) for pos, core in fulls if pos not in dropped]
            for surname, fulls in book.full_by_surname.items()
        }
        book.full_by_surname = {k: v for k, v in fulls_left.items() if v}
    # A single word that is the surname of a full name elsewhere is a person.
    fixed = []
    for mention in book.mentions:
        if mention.kind in ("single", "title") and mention.core[-1] in book.full_by_surname:
            mention = Mention(mention.start, mention.end, "person", mention.core, mention.honorific, mention.role)
        elif mention.kind == "title":
            continue
        fixed.append(mention)
    book.mentions = fixed
    book.starts = [m.start for m in fixed]
    book.complete = True  # full_by_surname is final: canonical names may be kept
    for mention in fixed:
        if mention.kind == "person" and mention.honorific in hons and hons[mention.honorific] in "mf":
            book.gender.setdefault(book.canonical(mention), hons[mention.honorific])
    return book
