"""The account pages in a real browser: the app's words, and no axe violations."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.browser.helpers import log_in, sign_up


def test_account_pages_speak_plainly_and_pass_axe(people):
    page = people()
    for url in ["/accounts/login/", "/accounts/password/reset/", "/accounts/confirm-email/bogus/"]:
        page.goto(url)
        assert_accessible(page)
    sign_up(page, "casey.voice@example.com", "Casey")
    expect(page.get_by_role("heading", name="Welcome, Casey")).to_be_visible()
    for url in ["/accounts/email/", "/accounts/password/change/", "/accounts/logout/"]:
        page.goto(url)
        assert_accessible(page)
    page.get_by_role("main").get_by_role("button", name="Log out").click()
    log_in(page, "casey.voice@example.com")
    page.wait_for_url(re.compile(r"/today/"))
