"""Text laid out otherwise than one paragraph a line: wrapped at a fixed width, or flat.

Plain-text news is often hard-wrapped at 60-80 characters; read one line a paragraph it
loses most attributions (the seed articles wrapped at 72 had 0.29 end-to-end F1 before
this rule). ``segment.unwrapped`` makes the soft line breaks spaces, character for
character. Some corpora store an article on one line: ``segment.reflowed`` breaks it
after each sentence that ends outside a quotation (the seeds so flattened: 0.42 before,
0.88 after). ``extract`` returns the text's own characters either way.
"""

from pathlib import Path

import pytest

from quotesvc.extract import extract
from quotesvc.extract.segment import reflowed, unwrapped

SEEDS = sorted((Path(__file__).parents[2] / "seeds").glob("*.txt"))


def _wrap(text: str, width: int) -> str:
    """Break each line of ``text`` at the last space before ``width`` characters: the same
    length, a newline for a space."""
    chars = list(text)
    col = 0
    for i, ch in enumerate(chars):
        if ch == "\n":
            col = 0
            continue
        col += 1
        if ch == " " and col >= width:
            chars[i] = "\n"
            col = 0
    return "".join(chars)


def _key(result):
    return [(q.start, q.end, q.kind, q.speaker) for q in result.quotes]


@pytest.mark.parametrize("width", [60, 72, 100])
@pytest.mark.parametrize("path", SEEDS, ids=[p.stem[:3] for p in SEEDS])
def test_a_wrapped_article_gives_the_quotes_of_the_unwrapped_one(path, width):
    text = path.read_text(encoding="utf-8")
    wrapped = _wrap(text, width)
    assert wrapped != text and len(wrapped) == len(text)
    result = extract(wrapped)
    assert _key(result) == _key(extract(text))
    assert all(wrapped[q.start : q.end] == q.text for q in result.quotes)  # the text's own characters


def test_unwrapping_keeps_every_offset_and_only_turns_soft_breaks_into_spaces():
    text = _wrap(SEEDS[0].read_text(encoding="utf-8"), 72)
    flat = unwrapped(text)
    assert len(flat) == len(text)
    assert all(a == b or (a == "\n" and b == " ") for a, b in zip(text, flat, strict=True))
    assert "\n\n" in flat  # the blank lines between paragraphs stay


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Ministers met on Monday.\nThe vote is on Friday.\nLabour said it would vote no.\n"
            "The bill goes to the Lords next.\nPeers may amend it.\nThe clinic will reopen in the spring.",
            id="one-short-sentence-a-line",
        ),
        pytest.param(
            "Headline of the day\n\n" + "\n\n".join("A paragraph of news that runs on for quite a while " * 4 for _ in range(6)),
            id="long-paragraphs-one-a-line",
        ),
        pytest.param("• cuts to services\n• longer waits\n• fewer nurses\n• closed wards\n• less money", id="bullets"),
    ],
)
def test_text_with_one_paragraph_a_line_is_not_unwrapped(text):
    assert unwrapped(text) is text


def test_a_flattened_article_is_broken_after_sentences_outside_quotations():
    text = (
        "Karen Reissmann, a nurse, spoke to the Guardian on Monday about the reforms to the health service and the "
        "cuts. \u201cThe bill is a disaster. It must be stopped,\u201d she said. The minister, Ed Mayo, disagreed "
        "with her. \u201cThe reforms will save money,\u201d Mr. Mayo said. \u201cThey are the right thing to do.\u201d "
        "Sen. Ana Ruiz said the vote would be close. " * 3
    )
    flat = reflowed(text)
    assert len(flat) == len(text) and flat != text
    lines = flat.split("\n")
    assert "The bill is a disaster. It must be stopped,\u201d she said." in lines[1]  # not broken inside the quote
    assert not any(line.endswith("Sen.") for line in lines)  # nor after an abbreviation
    quotes = extract(text).quotes
    assert [(q.text, q.speaker) for q in quotes if q.kind == "direct"][:3] == [
        ("The bill is a disaster. It must be stopped,", "Karen Reissmann"),
        ("The reforms will save money,", "Ed Mayo"),
        ("They are the right thing to do.", "Ed Mayo"),
    ]


def test_a_flattened_paragraph_break_of_two_blanks_before_a_quotation_is_a_break():
    # "\n\n" flattened to two blanks before a UK-style continued quotation ("… patients.  “I’ve …")
    text = (
        "Health Secretary Andrew Lansley told the conference: \u201cFor too long staff have seen their services "
        "dictated by officials. This is wrong.  \u201cI have heard from many staff over the years that they could run "
        "their services better.  \u201cBy giving staff real control we are restoring the balance of power.\u201d "
        "Critics were not convinced by the reforms, which they said would break up the health service. " * 3
    )
    quotes = [q for q in extract(text).quotes if q.kind == "direct"]
    assert [q.text[:20] for q in quotes[:3]] == ["For too long staff h", "I have heard from ma", "By giving staff real"]
    assert {q.speaker for q in quotes[:3]} == {"Andrew Lansley"}


def test_a_short_text_on_one_line_is_left_as_it_is():
    text = "\u201cWe won,\u201d Ana Ruiz said. The count ends on Friday. Officials said it was close."
    assert reflowed(text) is text


def test_a_megabyte_on_one_line_is_noise_not_a_flattened_article():
    text = ("He said it. " * 90_000)[:1_000_000]
    assert reflowed(text) is text  # one paragraph, which triage skips as too long
    assert extract(text).warnings[0].code == "skipped-paragraph"
