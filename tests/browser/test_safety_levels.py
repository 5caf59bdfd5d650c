"""The three outcomes of the safety screen, on a phone: a care card that can be told it misread,
a quiet line, and nothing."""

import re

from playwright.sync_api import expect

from attunement.safety import screening
from attunement.safety.care import QUIET_LINE
from tests.browser.conftest import assert_accessible
from tests.browser.helpers import sign_up

PHONE = {"width": 390, "height": 844}


def write_in_journal(page, text: str) -> None:
    page.goto("/journal/")
    page.get_by_label("Write whatever is on your mind").fill(text)
    page.get_by_role("button", name="Save").click()


def test_a_card_that_misread_can_be_hidden_and_a_possible_flag_is_a_quiet_line(people, monkeypatch):
    page = people()
    page.set_viewport_size(PHONE)
    sign_up(page, "sky.levels@example.com", "Sky")

    write_in_journal(page, "I keep thinking everyone would be better off without me.")
    expect(page.get_by_role("heading", name="You're not alone")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="This isn't what I meant").click()
    expect(page.get_by_role("heading", name="You're not alone")).to_have_count(0)
    expect(page.get_by_text("Hidden. Thank you for telling us")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/journal/$"))

    # What the screen is only unsure about gets one quiet line, no alarm (the analyzer's own
    # grading is measured in tests/language; here the page's handling of it is under test).
    monkeypatch.setattr(screening, "_analyze", lambda text: ("self_harm", 0.5, "possible"))
    write_in_journal(page, "Not sure I can keep doing all of this.")
    expect(page.get_by_text(QUIET_LINE)).to_be_visible()
    expect(page.get_by_role("heading", name="You're not alone")).to_have_count(0)
    expect(page.get_by_role("link", name="Safety & care").first).to_be_visible()
    assert_accessible(page)

    monkeypatch.setattr(screening, "_analyze", lambda text: ("none", 0.0, "none"))
    write_in_journal(page, "Tea and a long bath tonight.")
    expect(page.get_by_text(QUIET_LINE)).to_have_count(0)
    expect(page.get_by_role("heading", name="You're not alone")).to_have_count(0)
