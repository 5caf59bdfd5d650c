"""The first hour of a new couple: Alex sets it up on a laptop, Sam joins from a phone.

Sign up with a name, the welcome, a check-in alone, an invitation by link (with its QR code,
still working after a refresh), Sam joining on a 390x844 phone, both finishing the day and
seeing the calm done state. axe runs on every page on the way, the error pages included.
"""

import re

from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.browser.helpers import sign_up

PHONE = {"width": 390, "height": 844}


def _check_in(page, feeling: str, need: str) -> None:
    page.get_by_label(feeling).check()
    page.locator("input[name=intensity][value='3']").check()
    page.locator("input[name=energy][value='3']").check()
    page.get_by_label(need).check()
    page.get_by_role("button", name="Check in").click()
    expect(page.get_by_text("Checked in.")).to_be_visible()
    assert_accessible(page)


def _answer_todays_question(page, text: str) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Questions").click()
    assert_accessible(page)
    page.get_by_label("Your answer").fill(text)
    page.get_by_role("button", name="Answer").click()
    expect(page.get_by_text(re.compile(r"^Saved"))).to_be_visible()
    assert_accessible(page)


def test_first_hour_laptop_and_phone(people) -> None:
    alex, sam = people(), people()
    sam.set_viewport_size(PHONE)

    # The landing page and an unknown address, before anyone has an account.
    alex.goto("/")
    assert_accessible(alex)
    assert alex.goto("/no-such-page/").status == 404
    assert_accessible(alex)

    # Alex signs up with a name and meets the welcome.
    sign_up(alex, "alex.first@example.com", "Alex")
    expect(alex.get_by_role("heading", name="Welcome, Alex")).to_be_visible()
    expect(alex.get_by_role("heading", name="What stays private")).to_be_visible()
    assert_accessible(alex)
    alex.get_by_role("link", name="Continue on my own").click()

    # A check-in alone: nobody can see it, so it says so.
    assert_accessible(alex)
    _check_in(alex, "Hopeful", "Nothing in particular")
    expect(alex.locator(".tag", has_text="Just for you")).to_be_visible()

    # The invitation, by link and QR code; a refresh keeps the first link working.
    alex.get_by_role("navigation", name="Main").get_by_text("More").click()
    alex.get_by_role("link", name="Couple").click()
    assert_accessible(alex)
    alex.get_by_role("button", name="Create an invitation link").click()
    link = alex.get_by_label("Your invitation link").input_value()
    expect(alex.get_by_role("img", name="QR code of the link")).to_be_visible()
    assert_accessible(alex)
    alex.reload()
    assert alex.get_by_label("Your invitation link").input_value() == link

    # Sam, on a phone, opens the link, signs up and joins.
    sam.goto(link)
    expect(sam.get_by_role("heading", name="Alex invited you")).to_be_visible()
    assert_accessible(sam)
    sign_up(sam, "sam.first@example.com", "Sam")
    sam.goto(link)
    assert_accessible(sam)
    sam.get_by_role("button", name="Join Alex").click()
    expect(sam.get_by_text("You and Alex are now paired.")).to_be_visible()
    assert_accessible(sam)

    # On the phone the nav is one compact bar at the bottom, and quick exit is one tap away.
    nav = sam.get_by_role("navigation", name="Main")
    box = nav.bounding_box()
    assert box and box["height"] <= 80 and box["y"] + box["height"] >= PHONE["height"] - 1
    exit_button = sam.get_by_role("link", name="Exit this page", exact=True)
    exit_box = exit_button.bounding_box()
    assert exit_box and exit_box["y"] < 80
    sam.mouse.wheel(0, 2000)
    expect(exit_button).to_be_in_viewport()
    nav.get_by_text("More").click()
    expect(nav.get_by_role("link", name="Settings")).to_be_visible()
    assert_accessible(sam)
    nav.get_by_text("More").click()

    # Sam checks in from the bottom bar; both answer the day's question.
    nav.get_by_role("link", name="Check in").click()
    assert_accessible(sam)
    _check_in(sam, "Tired", "To be listened to")
    expect(sam.locator(".tag", has_text="Shared with Alex")).to_be_visible()
    _answer_todays_question(sam, "A slow breakfast together on Saturday.")
    expect(sam.get_by_role("heading", name="Waiting for Alex")).to_be_visible()
    _answer_todays_question(alex, "Walking home in the rain, laughing.")
    expect(alex.get_by_role("heading", name="You have both answered")).to_be_visible()

    # Alex turns toward Sam's check-in; then neither has anything waiting.
    alex.goto("/today/")
    assert_accessible(alex)
    alex.get_by_role("button", name="I'm here. Want to talk tonight?").click()
    expect(alex.get_by_text("Sent. Sam will see it on their Today.")).to_be_visible()
    for page in (alex, sam):
        page.goto("/today/")
        expect(page.get_by_role("heading", name="You're all set for today")).to_be_visible()
        assert_accessible(page)

    # The error pages, signed in, on the phone.
    assert sam.goto("/checkin/00000000-0000-0000-0000-000000000000/").status == 404
    assert_accessible(sam)
