"""The highlighter: escaped pieces, nested and crossing ranges, ugly offsets."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from quotesvc.web.highlight import Mark, highlight, usable


def q(start, end, name="q", **attrs):
    return Mark(start, end, "quote", "mark", {"class": name, **attrs}, {"id": f"{name}{start}"})


class Nesting(HTMLParser):
    """Check that tags close in the order they opened, and collect the text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.text = [], []

    def handle_starttag(self, tag, attrs):
        self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack.pop() == tag

    def handle_data(self, data):
        self.text.append(data)


def parse(html):
    p = Nesting()
    p.feed(str(html))
    p.close()
    assert p.stack == []
    return "".join(p.text)


def test_no_marks_is_the_escaped_text():
    assert highlight('a <b> & "c"', []) == "a &lt;b&gt; &amp; &#34;c&#34;"


def test_a_quote_is_wrapped_in_place():
    assert highlight("He said hi.", [q(8, 10)]) == 'He said <mark class="q" id="q8">hi</mark>.'


def test_partial_quotes_nest_inside_an_indirect_clause():
    text = 'that staff were "leaving" in "droves" today'
    outer = q(5, 37, "ind")
    html = highlight(text, [q(16, 25, "p"), outer, q(29, 37, "p")])
    assert html == ('that <mark class="ind" id="ind5">staff were <mark class="p" id="p16">&#34;leaving&#34;</mark> in '
                    '<mark class="p" id="p29">&#34;droves&#34;</mark></mark> today')
    assert parse(html) == text


def test_crossing_ranges_are_split_and_the_rest_is_a_continuation():
    text = "abcdefghij"
    html = highlight(text, [q(0, 6, "a"), q(3, 9, "b")])
    assert html == ('<mark class="a" id="a0">abc<mark class="b" id="b3">def</mark></mark>'
                    '<mark class="b" data-part="cont">ghi</mark>j')
    assert parse(html) == text


def test_a_mention_or_cue_shared_by_two_quotes_is_marked_once_inside_the_quote():
    text = '"Yes," said Ann. "No," said Ann.'
    cue = Mark(6, 10, "cue", "span", {"class": "cue"})
    mention = Mark(11, 14, "mention", "span", {"class": "who"})
    html = highlight(text, [q(0, 6), q(17, 22), cue, mention, cue, mention])
    assert html.count('class="cue"') == 1 and html.count('class="who"') == 1
    assert parse(html) == text


def test_same_range_quote_wraps_mention_wraps_cue():
    html = highlight("said", [Mark(0, 4, "cue", "span", {"class": "cue"}), q(0, 4),
                              Mark(0, 4, "mention", "span", {"class": "who"})])
    assert html == '<mark class="q" id="q0"><span class="who"><span class="cue">said</span></span></mark>'


@pytest.mark.parametrize("start,end", [(5, 5), (7, 3), (-4, 0), (50, 60)])
def test_empty_inverted_or_outside_ranges_are_dropped(start, end):
    assert highlight("0123456789", [q(start, end)]) == "0123456789"


def test_ranges_past_the_end_are_clamped():
    assert highlight("0123", [q(2, 99)]) == '01<mark class="q" id="q2">23</mark>'


def test_markup_in_text_and_attributes_is_escaped():
    text = '<script>alert("x")</script> said <b>Bo</b>'
    html = highlight(text, [q(0, 27, title='"><script>alert(1)</script>')])
    assert "<script>" not in html and "<b>" not in html
    assert 'title="&#34;&gt;&lt;script&gt;' in html
    assert parse(html) == text


def test_many_random_overlaps_always_nest_and_keep_the_text():
    import random

    rng = random.Random(7)
    text = "".join(rng.choice("ab <&\"'\n") for _ in range(200))
    for _ in range(50):
        marks = []
        for i in range(rng.randint(1, 12)):
            a, b = sorted(rng.sample(range(-5, 210), 2))
            marks.append(Mark(a, b, rng.choice(["quote", "mention", "cue"]), "span", {"data-i": str(i)}))
        html = highlight(text, marks)
        assert parse(html) == text
        firsts = re.findall(r'<span data-i="(\d+)">', html)  # continuations carry data-part too
        assert sorted(firsts) == sorted(m.attrs["data-i"] for m in usable(marks, len(text)))
