"""Quick exit and private care in a real browser: Back after an exit never shows the app."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.browser.helpers import log_in, sign_up

NEUTRAL = re.compile(r"/health/$")


@pytest.fixture
def neutral(settings, live_server):
    # A neutral page served by the live server itself, so no test leaves loopback.
    settings.QUICK_EXIT_URL = f"{live_server.url}/health/"


def _shows_the_neutral_page(page) -> None:
    page.wait_for_url(NEUTRAL)
    expect(page.locator("body")).to_have_text("ok")


def test_quick_exit_by_button_shift_three_times_and_hidden_link(people, neutral):
    page = people()
    page.goto("/safety/quick-exit/")
    assert_accessible(page)
    sign_up(page, "quinn.safety@example.com", "Quinn")
    page.goto("/today/")
    page.goto("/safety/")
    assert_accessible(page)
    expect(page.get_by_role("heading", name="Safety & care")).to_be_visible()

    page.get_by_role("link", name="Exit this page", exact=True).click()
    _shows_the_neutral_page(page)
    page.go_back()
    _shows_the_neutral_page(page)

    page.goto("/journal/")
    assert_accessible(page)
    for _ in range(3):
        page.keyboard.press("Shift")
    _shows_the_neutral_page(page)
    page.go_back()
    _shows_the_neutral_page(page)

    page.goto("/today/")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    hidden = page.get_by_role("link", name="Exit this page quickly")
    expect(hidden).to_be_focused()
    expect(hidden).to_be_in_viewport()
    page.keyboard.press("Enter")
    _shows_the_neutral_page(page)
    page.go_back()
    _shows_the_neutral_page(page)

    # Quick exit signed Quinn out: coming back on purpose means signing in again.
    page.goto("/today/")
    expect(page).to_have_url(re.compile("/accounts/login/"))
    log_in(page, "quinn.safety@example.com")
    page.goto("/today/")
    expect(page.get_by_role("heading", name=re.compile("Hello"))).to_be_visible()


def test_a_crisis_in_the_journal_shows_care_and_the_screen_is_private(people, neutral):
    page = people()
    sign_up(page, "robin.safety@example.com", "Robin")
    page.goto("/journal/")
    page.get_by_label("Write whatever is on your mind").fill(
        "Some days I want to die and disappear."
    )
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="You're not alone")).to_be_visible()
    expect(page.get_by_text("Only you can see this.")).to_be_visible()
    assert_accessible(page)
    page.reload()
    expect(page.get_by_role("heading", name="You're not alone")).to_have_count(0)

    page.goto("/safety/screen/")
    assert_accessible(page)
    page.get_by_role("button", name="Save my answers").click()
    expect(page.get_by_role("alert")).to_contain_text("Please answer every question")
    assert_accessible(page)
    for group in page.get_by_role("main").get_by_role("group").all():
        group.get_by_label("Never").check()
    page.get_by_role("group", name=re.compile("free to disagree")).get_by_label("Often").check()
    page.get_by_role("button", name="Save my answers").click()
    expect(page.get_by_text("Nothing here suggests")).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_back_after_quick_exit_never_shows_the_journal(browser, live_server, neutral, javascript):
    """Issue 12, item 14: with JavaScript off, Back used to show the full journal again."""
    from attunement.safety.models import JournalEntry
    from tests.browser.helpers import log_in
    from tests.conftest import PASSWORD, make_user

    person = make_user("jo.exit@example.com", "Jo")
    JournalEntry.objects.create(owner=person, text="lanterns-in-the-journal")
    context = browser.new_context(
        base_url=live_server.url,
        java_script_enabled=javascript,
        viewport={"width": 390, "height": 844},
    )
    context.set_default_timeout(10_000)
    try:
        page = context.new_page()
        log_in(page, "jo.exit@example.com", PASSWORD)
        page.goto("/journal/")
        expect(page.get_by_text("lanterns-in-the-journal")).to_be_visible()
        page.screenshot(path=f"/tmp/shots-trust-data/journal-before-exit-{javascript}.png")

        page.get_by_role("link", name="Exit this page", exact=True).click()
        _shows_the_neutral_page(page)
        page.go_back()
        page.wait_for_load_state()
        assert "lanterns-in-the-journal" not in page.content()
        assert re.search(r"/health/$|/accounts/login/", page.url), page.url
        page.screenshot(path=f"/tmp/shots-trust-data/back-after-exit-{javascript}.png")

        # Signed out: the journal from history, or typed, asks for the password again.
        page.goto("/journal/")
        assert "/accounts/login/" in page.url
        assert "lanterns-in-the-journal" not in page.content()
    finally:
        context.close()
