"""Speaker–Listener conversations in a real browser: typed on two devices, and in person."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.browser.helpers import log_in
from tests.conftest import PASSWORD, make_user, pair

PIECE = "I feel worn out when our Sundays fill up with errands. I need one slow morning with you."


def _pair() -> None:
    alex = make_user("alex@example.com", "Alex")
    sam = make_user("sam@example.com", "Sam")
    pair(alex, sam)


def test_typed_conversation_with_private_feedback_confirm_and_switch(people: object) -> None:
    _pair()
    alex, sam = people(), people()
    log_in(alex, "alex@example.com", PASSWORD)
    log_in(sam, "sam@example.com", PASSWORD)

    alex.goto("/listening/")
    assert_accessible(alex)
    alex.get_by_role("link", name="Start a conversation").click()
    assert_accessible(alex)
    alex.get_by_role("radio", name=re.compile("A small wish for our days")).check()
    alex.get_by_label("Typed, each on our own device").check()
    alex.get_by_role("button", name="Start").click()
    expect(alex.get_by_role("heading", name="You have the floor")).to_be_visible()
    assert_accessible(alex)

    # Sam's page is open and waiting; it updates by itself when Alex sends.
    conversation = alex.url
    sam.goto(conversation)
    expect(sam.get_by_text("Waiting for Alex to share a piece.")).to_be_visible()
    assert_accessible(sam)

    alex.get_by_label("Your piece").fill(PIECE)
    alex.get_by_role("button", name="Send").click()
    expect(alex.get_by_text("Waiting for Sam to say back what they heard.")).to_be_visible()

    expect(sam.get_by_text(PIECE)).to_be_visible(timeout=8000)
    poor = "You should just skip the errands, but I like our Sundays."
    sam.get_by_label("Your reflection").fill(poor)
    sam.get_by_role("button", name="Check my reflection").click()
    feedback = sam.locator("#feedback")
    expect(feedback).to_contain_text("One tip:")
    expect(feedback).to_contain_text("advice slipped in")
    assert_accessible(sam)
    sam.get_by_label("Your reflection").fill(
        "You feel worn out when our Sundays fill up with errands, "
        "and you need one slow morning with me."
    )
    sam.get_by_role("button", name="Check my reflection").click()
    expect(feedback).to_contain_text("This reads as a reflection")
    sam.get_by_role("button", name="Send reflection").click()
    expect(sam.get_by_text("Waiting for Alex to say whether you got it.")).to_be_visible()

    alex.reload()
    expect(alex.get_by_text("you need one slow morning with me")).to_be_visible()
    expect(alex.get_by_text("advice slipped in")).to_have_count(0)
    expect(alex.get_by_text("skip the errands")).to_have_count(0)
    assert_accessible(alex)
    alex.get_by_label("Yes, that's it").check()
    alex.get_by_role("button", name="Send").click()

    sam.reload()
    assert_accessible(sam)
    validation = "That makes sense, because the week is so full."
    sam.get_by_label("Validate or respond (optional)").fill(validation)
    sam.get_by_role("button", name="Send and take the floor").click()
    expect(sam.get_by_role("heading", name="You have the floor")).to_be_visible()
    alex.reload()
    expect(alex.get_by_role("heading", name="Sam has the floor")).to_be_visible()
    expect(alex.get_by_text("Roles switched: Sam has the floor")).to_be_visible()

    sam.get_by_role("button", name="End the conversation").click()
    expect(sam.get_by_role("heading", name="How heard did you feel?")).to_be_visible()
    assert_accessible(sam)
    sam.get_by_label("5").check()
    sam.get_by_label("They named my feeling").check()
    sam.get_by_role("button", name="Save").click()
    expect(sam.get_by_text("Your answer is saved, just for you.")).to_be_visible()

    sam.goto("/listening/progress/")
    assert_accessible(sam)
    expect(sam.get_by_role("img", name="Your listening, week by week")).to_be_visible()
    expect(sam.locator(".listening-stats")).to_contain_text("100%")


def test_in_person_ritual_on_one_device(people: object) -> None:
    _pair()
    page = people()
    log_in(page, "alex@example.com", PASSWORD)
    page.goto("/listening/start/")
    page.get_by_role("radio", name=re.compile("A moment I enjoyed this week")).check()
    page.get_by_label("In person, sitting together with one device").check()
    page.get_by_label("Timer for each turn (in person)").select_option("2")
    page.get_by_role("button", name="Start").click()

    expect(page.get_by_role("heading", name="Alex has the floor")).to_be_visible()
    expect(page.get_by_role("heading", name="Sam, listener")).to_be_visible()
    page.get_by_role("button", name="Start the timer").click()
    expect(page.locator(".timer-clock")).to_have_text(re.compile(r"^[12]:\d\d$"))
    assert_accessible(page)
    page.get_by_role("button", name=re.compile("Alex is done")).click()
    expect(page.get_by_role("button", name="That's it")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Not quite, try again").click()
    expect(page.get_by_text("(Try 2.)")).to_be_visible()
    page.get_by_role("button", name="That's it").click()
    page.get_by_role("button", name="Switch roles: Sam takes the floor").click()
    expect(page.get_by_role("heading", name="Sam has the floor")).to_be_visible()
    expect(page.get_by_role("heading", name="Alex, listener")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="End the conversation").click()
    page.get_by_label("4").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Your answer is saved, just for you.")).to_be_visible()
    assert_accessible(page)
