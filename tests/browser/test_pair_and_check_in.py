"""The foundation flow in a real browser, two people on two devices."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.browser.helpers import sign_up


def test_alex_invites_sam_checks_in_and_sam_turns_toward(people: object) -> None:
    alex, sam = people(), people()

    sign_up(alex, "alex@example.com", "Alex")
    alex.goto("/today/")
    assert_accessible(alex)
    expect(alex.get_by_role("link", name="Check in for today")).to_be_visible()

    alex.goto("/couple/")
    assert_accessible(alex)
    alex.get_by_role("button", name="Create an invitation link").click()
    link = alex.get_by_label("Your invitation link").input_value()
    assert "/couple/join/" in link
    expect(alex.get_by_role("img", name="QR code of the link")).to_be_visible()
    assert_accessible(alex)
    alex.reload()  # a refresh keeps the link already sent working
    assert alex.get_by_label("Your invitation link").input_value() == link

    sam.goto(link)
    expect(sam.get_by_role("heading", name="Alex invited you")).to_be_visible()
    assert_accessible(sam)
    sign_up(sam, "sam@example.com")
    # After verifying, Sam comes back to the invitation and joins.
    sam.goto(link)
    sam.get_by_role("button", name="Join Alex").click()
    expect(sam.get_by_text("You and Alex are now paired.")).to_be_visible()
    sam.goto("/settings/")
    sam.get_by_label(re.compile("first name")).fill("Sam")
    sam.get_by_role("button", name="Save").click()

    alex.goto("/checkin/")
    assert_accessible(alex)
    alex.get_by_label("Stressed").check()
    alex.get_by_label("Tired").check()
    alex.locator("input[name=intensity][value='4']").check()
    alex.locator("input[name=energy][value='2']").check()
    alex.get_by_label("To be listened to").check()
    alex.get_by_label(re.compile("Anything you'd like to add")).fill(
        "Long day, the deadline moved again."
    )
    alex.get_by_role("button", name="Check in").click()
    expect(alex.get_by_text("Checked in.")).to_be_visible()
    assert_accessible(alex)

    sam.goto("/today/")
    assert_accessible(sam)
    expect(sam.get_by_text("Alex feels")).to_contain_text("Stressed")
    expect(sam.get_by_text("Alex feels")).to_contain_text("Tired")
    expect(sam.locator(".need")).to_have_text("to be listened to")
    expect(sam.get_by_text("Long day, the deadline moved again.")).to_be_visible()
    sam.get_by_role("button", name="I'm here. Want to talk tonight?").click()
    expect(sam.get_by_text("Sent. Alex will see it on their Today.")).to_be_visible()

    alex.goto("/today/")
    expect(alex.locator(".response")).to_contain_text("I'm here. Want to talk tonight?")
    expect(alex.locator(".response")).to_contain_text("Sam")

    alex.goto("/checkin/history/")
    assert_accessible(alex)
    expect(
        alex.get_by_role("img", name="Energy and feelings, since your first check-in")
    ).to_be_visible()
    detail = alex.get_by_role("link", name=re.compile(r"\d{4}")).first.get_attribute("href")

    alex.goto("/couple/leave/")
    assert_accessible(alex)
    alex.get_by_role("button", name="Leave the couple").click()
    expect(alex.get_by_text("You have left the couple.")).to_be_visible()

    sam.goto("/today/")
    expect(sam.get_by_text("Long day, the deadline moved again.")).to_have_count(0)
    expect(sam.get_by_text("Alex feels")).to_have_count(0)
    response = sam.goto(detail)
    assert response.status == 404
