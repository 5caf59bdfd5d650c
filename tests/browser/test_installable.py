"""Installable on a phone: Chromium finds nothing missing, and offline shows a friendly page."""

from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import CHROMIUM, FLAGS, assert_accessible
from tests.browser.helpers import sign_up


@pytest.fixture
def phone(browser, live_server, tmp_path, request) -> Iterator[object]:
    """A phone with a real profile on disk: Chromium never offers to install from incognito,
    which is what a plain new_context() is."""
    context = browser.browser_type.launch_persistent_context(
        str(tmp_path / "profile"),
        executable_path=CHROMIUM,
        args=FLAGS,
        headless=True,
        base_url=live_server.url,
        viewport={"width": 390, "height": 844},
    )
    context.set_default_timeout(10_000)
    page = context.pages[0] if context.pages else context.new_page()
    request.node._pages = [page]
    yield page
    context.close()


def test_app_is_installable_and_offline_shows_a_friendly_page(phone):
    page = phone
    sign_up(page, "ira.install@example.com", "Ira")
    page.goto("/today/")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    cdp = page.context.new_cdp_session(page)
    errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
    assert errors == []
    manifest = cdp.send("Page.getAppManifest")
    assert not manifest.get("errors"), manifest.get("errors")

    page.reload()  # now the worker controls the page
    assert page.evaluate("!!navigator.serviceWorker.controller")
    cached = page.evaluate(
        """async () => {
          const out = [];
          for (const name of await caches.keys()) {
            const cache = await caches.open(name);
            for (const r of await cache.keys()) out.push(new URL(r.url).pathname);
          }
          return out;
        }"""
    )
    # Static files and the offline page only: no signed-in page is ever kept.
    assert "/offline/" in cached
    assert all(p.startswith("/static/") or p == "/offline/" for p in cached), cached

    page.context.set_offline(True)
    page.goto("/today/")
    expect(page.get_by_role("heading", name="You're offline")).to_be_visible()
    assert_accessible(page)
    page.context.set_offline(False)
    page.get_by_role("link", name="Try again").click()
    expect(page.get_by_role("heading", name="Hello, Ira")).to_be_visible()
