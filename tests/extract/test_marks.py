"""Table tests for quotation marks: which characters open and close a quotation.

Every mark style the issue names (straight and curly doubles, UK curly singles, « »,
„ “, a nested quotation of the other kind) is paired into one quote whose span is
the text between the marks; apostrophes (Labour’s, ’90s, rock ’n’ roll, shouldn‘t,
the Joneses’) never open or close one. The sentences are made up; none comes from
the seed articles.
"""

import pytest

from quotesvc.extract import extract

SPEAKER = "Lars Eklund"


def _quotes(text):
    """Extract ``text``; every quote must slice back to its own text."""
    result = extract(text)
    assert all(text[q.start : q.end] == q.text for q in result.quotes)
    return result.quotes


def _only_quote(text, content):
    """The one quote of ``text``; its span must be exactly where ``content`` is."""
    quotes = _quotes(text)
    assert [q.text for q in quotes] == [content]
    q = quotes[0]
    start = text.index(content)
    assert (q.start, q.end) == (start, start + len(content))
    return q


MARK_STYLES = [
    pytest.param('"The vote was rigged," said Lars Eklund.', "The vote was rigged,", id="straight-double"),
    pytest.param("\u201cThe vote was rigged,\u201d said Lars Eklund.", "The vote was rigged,", id="curly-double"),
    pytest.param("\u2018The vote was rigged,\u2019 said Lars Eklund.", "The vote was rigged,", id="curly-single-uk"),
    pytest.param("\u00abThe vote was rigged,\u00bb said Lars Eklund.", "The vote was rigged,", id="guillemets"),
    pytest.param("Lars Eklund said: \u201eThe vote was rigged.\u201c", "The vote was rigged.", id="low-high-german"),
    pytest.param(
        "Lars Eklund said: \u201cThe count went on past midnight.\u201d",
        "The count went on past midnight.", id="curly-double-after-colon",
    ),
    pytest.param(
        "\"Officials kept saying 'trust us' all night,\" said Lars Eklund.",
        "Officials kept saying 'trust us' all night,", id="straight-single-nested-in-double",
    ),
    pytest.param(
        "\u201cOfficials kept saying \u2018trust us\u2019 all night,\u201d said Lars Eklund.",
        "Officials kept saying \u2018trust us\u2019 all night,", id="curly-single-nested-in-double",
    ),
    pytest.param(
        "\u2018Officials kept saying \u201ctrust us\u201d all night,\u2019 said Lars Eklund.",
        "Officials kept saying \u201ctrust us\u201d all night,", id="curly-double-nested-in-single",
    ),
    pytest.param(
        "\u00abOfficials kept saying \u201ctrust us\u201d all night,\u00bb said Lars Eklund.",
        "Officials kept saying \u201ctrust us\u201d all night,", id="double-nested-in-guillemets",
    ),
    pytest.param(
        "Lars Eklund said: \u00ab The vote was rigged. \u00bb",
        # A span never starts or ends with blanks: the spaces French typography puts
        # inside guillemets are left out with the marks.
        "The vote was rigged.",
        id="guillemets-with-inner-spaces",
    ),
]


@pytest.mark.parametrize(("text", "content"), MARK_STYLES)
def test_mark_style_pairs_into_one_quote(text, content):
    q = _only_quote(text, content)
    assert (q.kind, q.speaker) == ("direct", SPEAKER)


# Apostrophes inside a quotation: the quote must run to its real closing mark, not
# stop (or start) at the apostrophe. (id, content, reason the single-mark case fails)
APOSTROPHES = [
    ("possessive-s", "Labour\u2019s plan is dead in the water,", None),
    ("elided-year", "She sang on Voice \u201911 and never looked back,", None),
    ("elided-decade", "Town centres were busier in the \u201990s,", None),
    ("rock-n-roll", "This town was built on rock \u2019n\u2019 roll,", None),
    ("wrong-way-apostrophe-in-word", "We shouldn\u2018t have sold the pier,", None),
    ("plural-possessive-joneses", "We bought the Joneses\u2019 old shop in May,", None),
    ("plural-possessive-mid-sentence", "The drivers\u2019 union was never consulted,", None),
    ("plural-possessive-before-comma", "Nobody asked the drivers\u2019 union,", None),
]


def _xfail(reason):
    return pytest.mark.xfail(strict=True, reason=reason) if reason else ()


@pytest.mark.parametrize(
    "content", [pytest.param(c, id=i, marks=_xfail(why)) for i, c, why in APOSTROPHES]
)
def test_apostrophe_inside_single_quoted_speech_is_not_a_mark(content):
    text = f"\u2018{content}\u2019 said Keith Arnott."
    q = _only_quote(text, content)
    assert (q.kind, q.speaker) == ("direct", "Keith Arnott")


@pytest.mark.parametrize("content", [pytest.param(c, id=i) for i, c, _ in APOSTROPHES])
def test_apostrophe_inside_double_quoted_speech_is_left_alone(content):
    text = f"\u201c{content}\u201d said Keith Arnott."
    q = _only_quote(text, content)
    assert q.speaker == "Keith Arnott"


# Running text full of apostrophes and no quotation at all.
NO_MARKS = [
    pytest.param("Labour\u2019s candidate toured the Joneses\u2019 farm on Monday.", id="possessives"),
    pytest.param("The \u201990s revival reached Voice \u201911 and stayed.", id="elided-years"),
    pytest.param("The council\u2019s rock \u2019n\u2019 roll night was a sell-out.", id="rock-n-roll"),
    pytest.param("Fans said they shouldn\u2018t have to queue.", id="wrong-way-apostrophe"),
    pytest.param("The drivers\u2019 union and the nurses\u2019 college met.", id="plural-possessives"),
    pytest.param("Labour's candidate grew up on rock 'n' roll in the '90s.", id="straight-apostrophes"),
    pytest.param("The Smiths\u2019 fans and the ’80s crowd were in town.", id="plural-name-and-decade"),
]


@pytest.mark.parametrize("text", NO_MARKS)
def test_apostrophes_make_no_quote(text):
    assert [q for q in _quotes(text) if q.kind != "indirect"] == []


def test_marks_inside_a_markup_tag_quote_nothing():
    # Scraped text keeps tags such as <tweet author="…">: their attribute values are no
    # quotations, and the quotation after the tag still pairs.
    text = (
        'Lars Eklund denied that he had suggested a ban <tweet author="larseklund" tweet_id="667777348029">'
        "I did not suggest a ban.</tweet>\n\n"
        '<tweet author="larseklund">The plan is dead.</tweet> "It was never alive," Lars Eklund said.'
    )
    assert [q.text for q in _quotes(text) if q.kind != "indirect"] == ["It was never alive,"]


def test_nested_quote_of_the_other_kind_is_not_a_record_of_its_own():
    text = "\u201cThey kept saying \u2018the money is coming\u2019 for a year,\u201d said Lars Eklund."
    assert [q.text for q in _quotes(text)] == ["They kept saying \u2018the money is coming\u2019 for a year,"]


def test_open_paragraph_runs_to_its_end_without_trailing_blanks():
    # UK style: the first paragraph opens a quotation and leaves it open.
    first = "The count was a farce and everyone in the hall knew it."
    text = f"Lars Eklund said: \u201c{first}\u00a0 \n\n\u201cWe will appeal,\u201d he added."
    quotes = _quotes(text)
    assert [q.text for q in quotes] == [first, "We will appeal,"]


def test_open_paragraph_does_not_swallow_the_next_paragraph():
    first = "The count was a farce and everyone in the hall knew it."
    text = f"Lars Eklund said: \u201c{first}\n\nThe count resumed on Friday morning."
    assert [q.text for q in _quotes(text)] == [first]


def test_stray_closing_mark_is_a_warning_not_a_quote():
    text = "Turnout was low\u201d in the north, and the count was slow."
    result = extract(text)
    assert not [q for q in result.quotes if q.kind != "indirect"]
    assert [w.code for w in result.warnings] == ["unpaired-mark"]
    w = result.warnings[0]
    assert text[w.start : w.end] == "\u201d"


def test_quote_content_leaves_the_marks_out():
    text = "\u00abThe vote was rigged,\u00bb said Lars Eklund."
    q = _quotes(text)[0]
    assert text[q.start - 1] == "\u00ab" and text[q.end] == "\u00bb"
