"""The daily question in a real browser: two partners, sealed answers, the reveal, reactions."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.browser.helpers import PASSWORD, log_in
from tests.conftest import make_user, pair

ALEX_ANSWER = "The smell of cut grass on the way to my gran's house."
SAM_ANSWER = "Pancakes on Sundays and the radio far too loud."


def make_people():
    alex = make_user("alex@example.com", "Alex")
    sam = make_user("sam@example.com", "Sam")
    for person in (alex, sam):
        person.set_password(PASSWORD)
        person.save(update_fields=["password"])
    pair(alex, sam)


def test_both_answer_the_reveal_appears_for_both_and_each_reacts(people: object) -> None:
    make_people()
    alex, sam = people(), people()
    log_in(alex, "alex@example.com")
    log_in(sam, "sam@example.com")

    alex.goto("/today/")
    assert_accessible(alex)
    alex.get_by_role("link", name="Questions").click()
    assert_accessible(alex)
    question = alex.locator("h1.question-text").inner_text()
    alex.get_by_label("Your answer").fill(ALEX_ANSWER)
    alex.get_by_role("button", name="Answer").click()
    expect(alex.get_by_text("Saved and sealed.")).to_be_visible()
    expect(alex.get_by_role("heading", name="Waiting for Sam")).to_be_visible()
    assert_accessible(alex)
    alex.goto("/today/")
    expect(alex.get_by_text("Waiting for Sam", exact=True)).to_be_visible()

    # Before the reveal Sam sees only the question, and Today says nothing about Alex.
    sam.goto("/today/")
    expect(sam.get_by_text(question)).to_be_visible()
    expect(sam.get_by_role("link", name="Answer it")).to_be_visible()
    expect(sam.get_by_text(ALEX_ANSWER)).to_have_count(0)
    sam.goto("/questions/")
    assert_accessible(sam)
    expect(sam.get_by_text(ALEX_ANSWER)).to_have_count(0)
    sam.get_by_label("Your answer").fill(SAM_ANSWER)
    sam.get_by_role("button", name="Answer").click()
    expect(sam.get_by_role("heading", name="You have both answered")).to_be_visible()
    expect(sam.get_by_text(ALEX_ANSWER)).to_be_visible()
    assert_accessible(sam)

    # Sam checks a draft privately (htmx), then sends a curious reply.
    sam.get_by_label("A few words back (optional)").fill(
        "Me too, I remember when I was small and we had a garden."
    )
    sam.get_by_role("button", name="Check my reply").click()
    expect(sam.locator(".coaching")).to_contain_text("A gentle thought.")
    assert "/check/" not in sam.url
    assert_accessible(sam)
    sam.get_by_label("A few words back (optional)").fill("Which way did you walk to her house?")
    sam.get_by_role("button", name="Check my reply").click()
    expect(sam.locator(".coaching")).to_contain_text("curious question")
    sam.get_by_label("Tell me more").check()
    sam.get_by_role("button", name="Send").click()
    expect(sam.get_by_text("Sent. Alex will see it with their answer.")).to_be_visible()

    alex.goto("/today/")
    expect(alex.get_by_role("link", name="Read both answers")).to_be_visible()
    alex.get_by_role("link", name="Read both answers").click()
    expect(alex.get_by_text(SAM_ANSWER)).to_be_visible()
    expect(alex.locator(".reaction")).to_contain_text("Which way did you walk to her house?")
    alex.get_by_label("This moves me").check()
    alex.get_by_role("button", name="Send").click()
    expect(alex.get_by_text("Sent. Sam will see it with their answer.")).to_be_visible()
    assert_accessible(alex)

    sam.goto("/questions/history/")
    assert_accessible(sam)
    expect(sam.get_by_text(ALEX_ANSWER)).to_be_visible()
    sam.goto("/questions/")
    expect(sam.locator(".reaction")).to_contain_text("This moves me")


def test_together_mode_and_comfort_pages_are_accessible(people: object) -> None:
    make_people()
    alex = people()
    log_in(alex, "alex@example.com")
    alex.goto("/questions/together/")
    assert_accessible(alex)
    alex.get_by_label("Timer").select_option("2")
    alex.get_by_role("button", name="Start").click()
    expect(alex.get_by_text("Question 1 of 12")).to_be_visible()
    alex.get_by_role("button", name="Start the timer").click()
    expect(alex.locator(".timer-clock")).to_have_text(re.compile(r"^[12]:\d\d$"))
    assert_accessible(alex)
    alex.get_by_role("link", name="Next question").click()
    expect(alex.get_by_text("Question 2 of 12")).to_be_visible()
    alex.goto("/questions/comfort/")
    assert_accessible(alex)
    alex.get_by_role("radio", name=re.compile("Personal")).check()
    alex.get_by_role("button", name="Save").click()
    expect(alex.get_by_text("Saved. It applies from the next question on.")).to_be_visible()
