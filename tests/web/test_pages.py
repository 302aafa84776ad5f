"""The viewer's pages through Flask's test client: search, article, try, speaker, errors."""

from __future__ import annotations

import re

import pytest

from tests.conftest import CO_OPS, NURSES


def post(client, text, **meta):
    r = client.post("/api/v1/articles", json={"text": text, **meta})
    assert r.status_code == 201, r.get_json()
    return r.get_json()


@pytest.fixture
def stored(client, canned_extract):
    """Store the two canned articles; return their JSON."""
    return (post(client, NURSES, source="bbc", published_at="2024-03-01"),
            post(client, CO_OPS, source="guardian", published_at="2024-05-02"))


def marks(html):
    """Return (speaker key, kind, text without tags) of every first fragment of a quote."""
    found = []
    for m in re.finditer(r'<mark class="q q-(\w+) c\w+( off)?" data-speaker="(\w+)"[^>]*?id="q-\d+"', html):
        found.append((m.group(3), m.group(1), bool(m.group(2))))
    return found


def test_article_highlights_every_quote_with_its_speaker_mention_and_cue(client, stored):
    nurses, _ = stored
    karen = next(s["id"] for s in nurses["speakers"] if s["name"] == "Karen Reissmann")
    r = client.get(f"/articles/{nurses['id']}")
    assert r.status_code == 200 and r.mimetype == "text/html"
    html = r.text
    assert [(k, kind) for k, kind, _ in marks(html)] == [
        (str(q["speaker"]["id"]), q["kind"]) for q in nurses["quotes"]]
    assert [k for k, _, _ in marks(html)][:2] == [str(karen)] * 2
    for q in nurses["quotes"]:
        assert f'id="q-{q["id"]}" tabindex="0">' in html
    assert re.search(r'<span class="mention c0" data-speaker="\d+">Karen Reissmann</span>', html)
    assert f'<span class="mention c0" data-speaker="{karen}">Ms Reissmann</span>' in html
    assert f'<span class="cue" data-speaker="{karen}">added</span>' in html
    assert "confidence 0.95 · rule direct.after" in html  # the tooltip of the first quote
    assert f'href="/api/v1/articles/{nurses["id"]}"' in html
    # the panel: real checkboxes and buttons, per-article counts, most quoted first
    panel = html[html.index('class="panel"'):html.index('class="text-col"')]
    assert re.findall(r'<span class="who">([^<]+)</span>\s*<span class="count"[^>]*>(\d+)', panel) == [
        ("Karen Reissmann", "2"), ("Unison", "1")]
    assert panel.count('type="checkbox" name="speaker"') == 2 and panel.count('name="only"') == 2
    assert "mental health nurse" in panel


def test_the_speaker_filter_works_without_javascript(client, stored):
    nurses, _ = stored
    karen = str(nurses["quotes"][0]["speaker"]["id"])
    html = client.get(f"/articles/{nurses['id']}?only={karen}").text
    assert [(k, off) for k, _, off in marks(html)] == [(karen, False), (karen, False), (str(nurses["quotes"][2]["speaker"]["id"]), True)]
    assert 'tabindex="-1"' in html  # hidden quotes leave the tab order
    html = client.get(f"/articles/{nurses['id']}?filter=1").text  # every box unticked
    assert all(off for _, _, off in marks(html))
    html = client.get(f"/articles/{nurses['id']}?filter=1&speaker={karen}&all=1").text
    assert not any(off for _, _, off in marks(html))


def test_a_missing_article_is_an_html_404(client):
    for url in ("/articles/999", "/articles/99999999999", "/speakers/5"):
        r = client.get(url)
        assert r.status_code == 404 and r.mimetype == "text/html"
        assert "does not exist" in r.text


def test_article_text_with_markup_shows_as_text(client):
    text = ('<script>alert("pwned")</script>\n\n<b>Bold</b> move <img src=x onerror=alert(1)>\n\n'
            '"We will <i>never</i> give up," said Ann Lee, a <em>nurse</em>.')
    article = post(client, text)
    html = client.get(f"/articles/{article['id']}").text
    assert "<script>alert" not in html and "<img src=x" not in html and "<i>never" not in html
    assert "&lt;script&gt;alert(&#34;pwned&#34;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert article["quotes"], "the extractor should find Ann Lee's quote"
    assert re.search(r'<mark class="q q-direct[^>]*>[^<]*We will &lt;i&gt;never&lt;/i&gt; give up', html)
    assert html.count("<script") == 1  # only the viewer's own script tag


def test_search_lists_quotes_newest_first_with_speaker_article_source_and_date(client, stored):
    r = client.get("/")
    assert r.status_code == 200
    html = r.text
    assert html.index("Our members SAID so") < html.index("We are angry about the cuts")
    assert "Co-ops thrive" in html and "guardian" in html and '<time datetime="2024-05-02T00:00:00">' in html
    assert '<option value="Karen Reissmann">' in html  # suggestions without JavaScript
    assert 'data-suggest="/api/v1/speakers"' in html


@pytest.mark.parametrize("query,expected", [
    ("speaker=reissmann", {"We are angry", "staff were leaving", "good news"}),
    ("speaker=Mr+Mayo", {"Mutual businesses", "Our members"}),
    ("kind=partial&kind=indirect", {"staff were leaving", "good news"}),
    ("min_confidence=0.9", {"We are angry", "Mutual businesses"}),
    ("q=disaster", {"This is a disaster"}),
    ("q=nothing+like+this", set()),
    ("min_confidence=oops&kind=bogus", {"We are angry", "staff were leaving", "This is a disaster",
                                        "Mutual businesses", "Our members", "good news"}),
])
def test_search_filters(client, stored, query, expected):
    html = client.get(f"/?{query}").text
    quotes = {"We are angry", "staff were leaving", "This is a disaster", "Mutual businesses", "Our members",
              "good news"}
    assert {q for q in quotes if q in html.split('class="results"')[1]} == expected


def test_search_pages_keep_the_filters(client, stored, monkeypatch):
    import quotesvc.web.views

    monkeypatch.setattr(quotesvc.web.views, "PAGE_SIZE", 2)
    html = client.get("/?speaker=Karen+Reissmann").text
    assert html.count("<blockquote>") == 2 and "More results" in html
    next_url = re.search(r'<a href="([^"]+)" rel="next">', html).group(1).replace("&amp;", "&")
    assert "speaker=Karen+Reissmann" in next_url and "cursor=" in next_url
    html = client.get(next_url).text
    assert html.count("<blockquote>") == 1 and 'rel="next"' not in html and "First page" in html
    assert client.get("/?cursor=garbage").status_code == 422


def test_speaker_page_shows_names_roles_chart_and_quotes(client, stored):
    nurses, co_ops = stored
    karen = nurses["quotes"][0]["speaker"]["id"]
    r = client.get(f"/speakers/{karen}")
    assert r.status_code == 200
    html = r.text
    assert "<h1>Karen Reissmann</h1>" in html
    assert "Ms Reissmann" in html and "mental health nurse" in html
    assert "3 times in 2 articles" in html
    bars = re.findall(r"<title>(\d{4}-\d\d): (\d+)</title>", html)
    assert bars == [("2024-03", "2"), ("2024-04", "0"), ("2024-05", "1")]
    assert f'href="/articles/{co_ops["id"]}#q-{co_ops["quotes"][2]["id"]}"' in html
    assert html.index("good news") < html.index("We are angry")


def test_try_form_renders_and_posts_without_storing(client):
    assert 'method="post"' in client.get("/try").text
    text = '"We will win," said Ann Lee, a nurse. <b>Not</b> bold.'
    r = client.post("/try", data={"text": text})
    assert r.status_code == 200
    html = r.text
    assert re.search(r'<mark class="q q-direct c0" data-speaker="t0"[^>]*>(&#34;)?We will win,(&#34;)?</mark>', html)
    assert '<span class="mention c0" data-speaker="t0">Ann Lee</span>' in html
    assert "&lt;b&gt;Not&lt;/b&gt;" in html and "<b>Not" not in html
    assert client.get("/api/v1/articles").get_json()["items"] == []
    # the filter re-posts the text, so it works without JavaScript too
    html = client.post("/try", data={"text": text, "filter": "1"}).text
    assert 'class="q q-direct c0 off"' in html and "tabindex=\"0\"" not in html


def test_try_reads_html_and_reports_empty_input(client):
    page = ("<html><head><title>T</title></head><body><article><p>" + "Filler words for a body. " * 6
            + '</p><p>"It works," said Ann Lee.</p></article></body></html>')
    html = client.post("/try", data={"text": page, "format": "html"}).text
    assert 'data-speaker="t0"' in html and "Filler words" in html
    r = client.post("/try", data={"text": "   "})
    assert r.status_code == 422 and 'role="alert"' in r.text and "empty" in r.text


def test_assets_are_served_from_the_package(client):
    for name, needle in (("viewer.css", "mark.q-partial"), ("viewer.js", "filterSpeakers")):
        with client.get(f"/viewer/static/{name}") as r:  # closes the file Flask streams
            assert r.status_code == 200 and needle in r.text


def test_pages_are_public_reads_and_load_only_their_own_assets(make_app, settings, repo):
    from dataclasses import replace

    client = make_app(replace(settings, api_keys=("secret",))).test_client()
    r = client.get("/")
    assert r.status_code == 200
    policy = r.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "unsafe-inline" not in policy
    assert not re.search(r"<script>|<style>| style=\"| on\w+=", r.text)  # nothing inline for the CSP to block
    assert client.get("/speakers/1").status_code == 404
    r = client.get("/?q=%00")
    assert r.status_code == 422 and r.mimetype == "text/html"


def test_error_pages_keep_the_headers_of_the_error(make_app, settings, repo):
    from dataclasses import replace

    client = make_app(replace(settings, api_keys=("secret",), public_reads=False)).test_client()
    r = client.get("/")
    assert r.status_code == 401 and r.mimetype == "text/html" and "WWW-Authenticate" in r.headers
    assert client.get("/", headers={"X-API-Key": "secret"}).status_code == 200


def test_try_page_works_when_api_keys_are_set(tmp_path):
    """Pasting text on /try stores nothing, so it needs no write key."""
    from quotesvc.app import create_app
    from quotesvc.config import Settings

    settings = Settings.from_env({
        "QUOTESVC_DATABASE_URL": f"sqlite:///{tmp_path / 'keys.db'}",
        "QUOTESVC_API_KEYS": "s3cret-key-for-tests",
    })
    client = create_app(settings).test_client()
    resp = client.post("/try", data={"text": '"We will win," said Dana Pike.'})
    assert resp.status_code == 200
    assert b"Dana Pike" in resp.data
