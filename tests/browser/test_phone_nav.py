"""The phone's nav works without JavaScript: the More menu is a <details>."""

import re

from playwright.sync_api import expect

from tests.browser.helpers import log_in
from tests.conftest import PASSWORD, make_user


def test_phone_menu_opens_and_leads_somewhere_without_javascript(browser, live_server) -> None:
    make_user("nav.nojs@example.com", "Noa")
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 390, "height": 844}, java_script_enabled=False
    )
    try:
        page = context.new_page()
        log_in(page, "nav.nojs@example.com", PASSWORD)
        page.goto("/today/")
        nav = page.get_by_role("navigation", name="Main")
        expect(nav.get_by_role("link", name="Settings")).to_be_hidden()
        nav.get_by_text("More").click()
        expect(nav.get_by_role("link", name="Settings")).to_be_visible()
        nav.get_by_role("link", name="Settings").click()
        expect(page).to_have_url(re.compile("/settings/$"))
        expect(page.get_by_role("heading", name="Settings")).to_be_visible()
    finally:
        context.close()
