"""A real browser (Debian's Chromium through Playwright) on the article page of a seed article.

Skipped with the reason when /usr/bin/chromium or playwright is missing, unless
``QUOTESVC_TEST_REQUIRE_SERVICES=1`` (CI), which turns the skip into a failure.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from quotesvc.config import Settings
from quotesvc.store import migrate, open_store

CHROMIUM = Path("/usr/bin/chromium")
SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_03e1215671edafbe.txt"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TRANSPARENT = "rgba(0, 0, 0, 0)"

pytestmark = pytest.mark.browser


def _missing(reason: str):
    if os.environ.get("QUOTESVC_TEST_REQUIRE_SERVICES") == "1":
        pytest.fail(reason + " (QUOTESVC_TEST_REQUIRE_SERVICES=1 requires it)")
    pytest.skip(reason)


@pytest.fixture
def browser():
    """Yield a headless Chromium, or skip (fail under CI) when it cannot run here."""
    if not CHROMIUM.exists():
        _missing(f"{CHROMIUM} is missing (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("the playwright package is missing (pip install -e '.[test]')")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def live(tmp_path):
    """Serve a fresh app on SQLite at 127.0.0.1 on a free port; yield (base URL, app)."""
    from quotesvc.app import create_app

    url = f"sqlite:///{tmp_path / 'quotesvc.db'}"
    store = open_store(url)
    migrate.upgrade(store.engine)
    store.engine.dispose()
    app = create_app(Settings(database_url=url))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", app
    server.shutdown()
    thread.join(5)
    server.server_close()
    app.extensions["quotesvc"]["repository"].engine.dispose()


def test_article_page_highlights_and_filters_by_speaker(browser, live, tmp_path):
    base, app = live
    r = app.test_client().post("/api/v1/articles", json={"text": SEED.read_text(encoding="utf-8"),
                                                           "source": "seed"})
    assert r.status_code == 201
    article = r.get_json()
    karen = next(s["id"] for s in article["speakers"] if s["name"] == "Karen Reissmann")
    hers = [q for q in article["quotes"] if q["speaker"] and q["speaker"]["id"] == karen]
    others = [q for q in article["quotes"] if q not in hers]
    assert len(hers) >= 5 and others

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(15_000)
    page.goto(f"{base}/articles/{article['id']}")
    assert page.evaluate("document.documentElement.classList.contains('js')")

    def style(q, prop):
        return page.eval_on_selector(f"#q-{q['id']}", f"m => getComputedStyle(m).{prop}")

    direct = [q for q in hers if q["kind"] == "direct"]
    for q in hers:
        assert page.locator(f"#q-{q['id']}").is_visible()
    colour = style(direct[0], "backgroundColor")
    assert colour != TRANSPARENT and all(style(q, "backgroundColor") == colour for q in direct)
    assert all(style(q, "backgroundColor") == TRANSPARENT for q in hers if q["kind"] != "direct")
    other_direct = next(q for q in others if q["kind"] == "direct")
    assert style(other_direct, "backgroundColor") not in (TRANSPARENT, colour)  # another speaker, another colour

    # keyboard: a focused quote tells who said it
    page.focus(f"#q-{direct[0]['id']}")
    tip = page.locator("#tip")
    assert tip.is_visible() and "Karen Reissmann" in tip.inner_text() and "direct.after" in tip.inner_text()

    page.screenshot(path=str(tmp_path / "article-all.png"))
    page.get_by_role("button", name="Only Karen Reissmann").click()
    for q in others:
        assert "off" in page.get_attribute(f"#q-{q['id']}", "class")
        assert style(q, "backgroundColor") == TRANSPARENT and style(q, "textDecorationLine") == "none"
        assert page.get_attribute(f"#q-{q['id']}", "tabindex") == "-1"
    assert all(style(q, "backgroundColor") == colour for q in direct)
    checked = page.eval_on_selector_all('input[name="speaker"]:checked', "bs => bs.map(b => b.value)")
    assert checked == [str(karen)]
    assert f"speaker={karen}" in page.url  # the filtered view can be shared

    page.focus(f"#q-{hers[1]['id']}")
    page.screenshot(path=str(tmp_path / "article.png"), full_page=False)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(tmp_path / "article-phone.png"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling on a phone
    page.close()
