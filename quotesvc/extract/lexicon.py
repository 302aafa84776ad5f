"""Load the lexicons under ``extract/data/`` once, as immutable Python values.

The lexicons are data, not code: each file says what it holds in its header comment.
Reading package data is the only I/O the extractor does.
"""

from __future__ import annotations

from functools import cache
from importlib import resources


def _lines(name: str) -> list[str]:
    """Return the non-comment, non-blank lines of a data file."""
    raw = resources.files("quotesvc.extract").joinpath("data", name).read_text(encoding="utf-8")
    out = []
    for line in raw.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


def _regular_forms(lemma: str) -> tuple[str, str, str, str]:
    """Return (3sg, past, participle, -ing) of a regular English verb lemma."""
    if lemma.endswith("ee"):
        ing = lemma + "ing"  # agreeing
        past = lemma + "d"  # agreed
    elif lemma.endswith("e"):
        ing = lemma[:-1] + "ing"
        past = lemma + "d"
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        ing = lemma + "ing"
        past = lemma[:-1] + "ied"
    elif lemma in {"admit", "commit", "regret", "refer", "prefer", "dub", "transmit", "concur", "occur", "omit", "quip", "rebut", "plan", "chat"}:
        ing = lemma + lemma[-1] + "ing"
        past = lemma + lemma[-1] + "ed"
    else:
        ing = lemma + "ing"
        past = lemma + "ed"
    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        third = lemma + "es"
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        third = lemma[:-1] + "ies"
    else:
        third = lemma + "s"
    return third, past, past, ing


def _verb_table(name: str) -> dict[str, str]:
    """Map every form (lower case) of each verb in a lexicon file to its lemma."""
    table: dict[str, str] = {}
    for line in _lines(name):
        lemma, _, forms = line.partition("|")
        lemma = lemma.strip()
        words = lemma.split()
        head, tail = words[0], " ".join(words[1:])
        inflected = forms.split() if forms.strip() else list(_regular_forms(head))
        if tail and len(inflected) % len(words) == 0:
            # "chime in | chimes in chimed in …": the forms are written with their tail;
            # keep the head of each (else "in in" and "to to" would be cues).
            chunks = [inflected[i : i + len(words)] for i in range(0, len(inflected), len(words))]
            if all(" ".join(chunk[1:]) == tail for chunk in chunks):
                inflected = [chunk[0] for chunk in chunks]
        for form in [head, *inflected]:
            table[(form + " " + tail).strip()] = lemma
    return table


@cache
def speech_verbs() -> dict[str, str]:
    """Every form of every speech verb, mapped to its lemma."""
    return _verb_table("speech_verbs.txt")


@cache
def cognition_verbs() -> dict[str, str]:
    """Every form of every cognition or evaluation verb, mapped to its lemma."""
    return _verb_table("cognition_verbs.txt")


@cache
def honorifics() -> dict[str, str]:
    """Honorific (as written) -> gender hint: 'm', 'f' or '-'."""
    return {fields[0]: fields[1] if len(fields) > 1 else "-" for fields in map(str.split, _lines("honorifics.txt"))}


@cache
def honorific_roles() -> dict[str, str]:
    """Honorific (as written) -> the role noun it stands for ("Sen." -> "senator")."""
    return {fields[0]: fields[2] for fields in map(str.split, _lines("honorifics.txt")) if len(fields) > 2}


@cache
def title_words() -> frozenset[str]:
    """Lower-cased words that belong to job titles rather than names."""
    return frozenset(_lines("titles.txt"))


@cache
def org_words() -> frozenset[str]:
    """Lower-cased words that mark a name as an organisation."""
    return frozenset(_lines("org_words.txt"))


@cache
def group_words() -> frozenset[str]:
    """Lower-cased plurals that end the name of a group of people ("African Americans")."""
    return frozenset(_lines("group_words.txt"))


@cache
def place_words() -> frozenset[str]:
    """Lower-cased words that end the name of a place ("Kansas City")."""
    return frozenset(_lines("place_words.txt"))


@cache
def place_names() -> frozenset[str]:
    """Lower-cased place names of several words ("new york", "south carolina")."""
    return frozenset(_lines("place_names.txt"))


@cache
def boilerplate_patterns() -> tuple[str, ...]:
    """Regular expressions (case-insensitive) for boilerplate paragraph openings."""
    return tuple(_lines("boilerplate.txt"))
