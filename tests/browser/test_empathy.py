"""Empathy in a real browser, two partners: a feelings round started from a check-in, a quiz
round, and a perspective-taking exchange. Sam is on a phone (390 x 844), Alex on a desktop."""

import re

import pytest
from playwright.sync_api import expect

from attunement.empathy import quiz
from attunement.safety import demo as safety_demo
from attunement.support.models import CheckIn
from tests.browser.conftest import assert_accessible
from tests.browser.helpers import PASSWORD, log_in
from tests.conftest import make_user, pair

SHOTS = "/tmp/shots-empathy"


def make_people():
    alex = make_user("alex@example.com", "Alex")
    sam = make_user("sam@example.com", "Sam")
    for person in (alex, sam):
        person.set_password(PASSWORD)
        person.save(update_fields=["password"])
    couple = pair(alex, sam)
    # Both have taken the private safety check (nothing at risk): perspective-taking is a joint
    # exercise, open only then (docs/safety.md).
    safety_demo.seed(alex, sam, couple, 0)
    return alex


def shot(page, name: str) -> None:
    page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


@pytest.fixture
def two(people):
    alex_user = make_people()
    alex, sam = people(), people()
    sam.set_viewport_size({"width": 390, "height": 844})
    log_in(alex, "alex@example.com")
    log_in(sam, "sam@example.com")
    return alex_user, alex, sam


def test_a_feelings_round_from_a_check_in(two) -> None:
    alex_user, alex, sam = two
    alex.goto("/checkin/")
    for feeling in ("Anxious", "Tired"):
        alex.get_by_label(feeling, exact=True).check()
    alex.locator("input[name=intensity][value='4']").check()
    alex.locator("input[name=energy][value='2']").check()
    alex.locator("input[name=need]").first.check()
    alex.get_by_role("button", name="Check in").click()
    alex.goto(f"/checkin/{CheckIn.objects.get(owner=alex_user).uuid}/")
    alex.get_by_role("link", name="Ask your partner to guess how you're feeling").click()
    expect(alex.get_by_text("Filled in from your check-in.")).to_be_visible()
    expect(alex.get_by_label("Anxious", exact=True)).to_be_checked()
    assert_accessible(alex)
    alex.get_by_role("button", name="Seal it and ask for a guess").click()
    expect(alex.get_by_text("Waiting for your partner's guess.")).to_be_visible()

    sam.goto("/today/")
    sam.get_by_role("link", name="Guess how they feel").click()
    expect(sam.get_by_text("Guess before you read it")).to_be_visible()
    expect(sam.get_by_text("Tired, Anxious")).to_have_count(0)
    assert_accessible(sam)
    shot(sam, "round-guess-390")
    sam.get_by_label("Stressed", exact=True).check()
    sam.locator("input[name=intensity][value='4']").check()
    sam.get_by_role("button", name="Guess").click()
    expect(sam.get_by_role("heading", name="44% close")).to_be_visible()
    expect(sam.get_by_text("Tired, Anxious")).to_be_visible()
    expect(sam.get_by_text("what did you miss?")).to_be_visible()
    assert_accessible(sam)
    shot(sam, "round-reveal-390")
    sam.get_by_role("link", name="Your accuracy over time").click()
    expect(sam.get_by_role("cell", name="44%")).to_be_visible()
    assert_accessible(sam)
    shot(sam, "accuracy-390")

    alex.reload()
    expect(alex.get_by_text("Sam guessed")).to_be_visible()
    expect(alex.get_by_role("heading", name="44% close")).to_be_visible()


def test_a_quiz_round_revealed_together(two, monkeypatch) -> None:
    _, alex, sam = two
    # One text question, so the steps are known (the live server runs in this process).
    monkeypatch.setattr(quiz, "item_ids", lambda: ["pq-002"])
    alex.goto("/empathy/quiz/")
    assert_accessible(alex)
    alex.locator("#me-value").fill("Ramen on the sofa")
    alex.get_by_role("button", name="Answer about me").click()
    expect(alex.get_by_text("Saved and sealed until you've both answered.")).to_be_visible()
    alex.locator("#them-value").fill("Pizza and a film")
    alex.get_by_role("button", name="Guess for Sam").click()

    sam.goto("/empathy/quiz/")
    expect(sam.get_by_text("Ramen on the sofa")).to_have_count(0)
    expect(sam.get_by_text("Pizza and a film")).to_have_count(0)
    assert_accessible(sam)
    shot(sam, "quiz-390")
    sam.locator("#them-value").fill("Something with noodles")
    sam.get_by_role("button", name="Guess for Alex").click()
    sam.locator("#me-value").fill("Curry with friends")
    sam.get_by_role("button", name="Answer about me").click()
    expect(sam.get_by_text("Ramen on the sofa")).to_be_visible()
    expect(sam.get_by_text("Pizza and a film")).to_be_visible()
    expect(sam.get_by_text("Alex will say how close you came.")).to_be_visible()

    alex.goto("/empathy/quiz/")
    alex.get_by_label("Close", exact=True).check()
    alex.get_by_role("button", name="Mark it").first.click()
    expect(alex.get_by_text("Close. Something to ask about: tell Sam")).to_be_visible()
    assert_accessible(alex)
    sam.reload()
    expect(sam.get_by_text("Close. Something to ask about: ask Alex")).to_be_visible()
    sam.get_by_label("Not quite", exact=True).check()
    sam.get_by_role("button", name="Mark it").click()
    expect(sam.get_by_text(re.compile("^Something to ask about"))).to_have_count(1)
    expect(sam.get_by_text(re.compile("Something to ask about: "))).to_have_count(2)
    expect(sam.get_by_role("button", name="Next question")).to_be_visible()
    shot(sam, "quiz-revealed-390")


def test_a_perspective_taking_exchange(two) -> None:
    _, alex, sam = two
    alex.goto("/empathy/perspective/")
    assert_accessible(alex)
    alex.get_by_label(re.compile("What was it about")).fill("The washing-up rota")
    alex.get_by_role("button", name="Start").click()
    alex.get_by_label("What I think it was like for you").fill(
        "You came home tired and felt let down that the kitchen was a mess again."
    )
    alex.get_by_role("button", name="Seal my story").click()
    expect(alex.get_by_text("Just for you: how your story reads")).to_be_visible()
    expect(alex.get_by_text("It stays in their shoes.")).to_be_visible()
    assert_accessible(alex)
    shot(alex, "perspective-alex-desktop")

    sam.goto("/empathy/perspective/")
    sam.get_by_role("link", name="The washing-up rota").click()
    expect(sam.get_by_text("kitchen was a mess")).to_have_count(0)
    sam.get_by_label("What I think it was like for you").fill(
        "You felt criticised the moment I brought it up, and worried about work."
    )
    sam.get_by_role("button", name="Seal my story").click()
    expect(sam.get_by_text("kitchen was a mess again")).to_be_visible()
    sam.locator("input[name=captured][value='4']").check()
    sam.get_by_label("What did it miss? (optional)").fill("I was embarrassed too.")
    sam.get_by_role("button", name="Send my rating").click()
    expect(sam.get_by_text("Thank you. Ratings show once you've both rated.")).to_be_visible()
    assert_accessible(sam)
    shot(sam, "perspective-sam-390")

    alex.reload()
    expect(alex.get_by_text("worried about work")).to_be_visible()
    alex.locator("input[name=captured][value='5']").check()
    alex.get_by_role("button", name="Send my rating").click()
    expect(alex.get_by_text("Your story: 4/5")).to_be_visible()
    expect(
        alex.get_by_text("Feelings in their note that your story didn't name: embarrassed.")
    ).to_be_visible()
    sam.reload()
    expect(sam.get_by_text("Your story: 5/5")).to_be_visible()
    shot(sam, "perspective-done-390")


def test_solo_about_me_and_finer_words_on_a_phone(people) -> None:
    alone = make_user("robin@example.com", "Robin")
    alone.set_password(PASSWORD)
    alone.save(update_fields=["password"])
    page = people()
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, "robin@example.com")
    page.goto("/empathy/")
    expect(page.get_by_role("heading", name="On your own for now")).to_be_visible()
    page.get_by_role("link", name="answer questions about yourself").click()
    expect(page.get_by_text("0 of 154 answered.")).to_be_visible()
    page.get_by_label("Summer").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("1 of 154 answered.")).to_be_visible()
    expect(page.get_by_role("link", name="Which season do you enjoy most?")).to_be_visible()
    assert_accessible(page)
    shot(page, "about-me-390")
    page.goto("/empathy/words/")
    page.get_by_role("link", name="Tense").click()
    page.get_by_role("link", name="Stressed").click()
    expect(page.get_by_role("heading", name="You're feeling stressed")).to_be_visible()
    expect(page.get_by_text("Too much, too fast.").first).to_be_visible()
    assert_accessible(page)
    shot(page, "words-390")


def test_both_opening_the_quiz_at_once_see_the_same_questions(two, monkeypatch) -> None:
    """Alex (desktop) and Sam (phone) open the quiz at the same moment: one question about each
    of them, the same on both screens, not one each."""
    import time

    from attunement.empathy.models import QuizRound

    _, alex, sam = two
    choose = quiz.choose_item

    def slowly(**kwargs):
        time.sleep(0.5)  # hold the first request between "any round yet?" and creating one
        return choose(**kwargs)

    monkeypatch.setattr(quiz, "choose_item", slowly)
    alex.evaluate("window.location.href = '/empathy/quiz/'")  # starts, doesn't wait
    sam.goto("/empathy/quiz/")
    alex.wait_for_url("**/empathy/quiz/")
    alex.wait_for_load_state()

    def questions(page) -> list[tuple[str, str]]:
        return sorted(
            (h.get_attribute("id") or "", h.inner_text())
            for h in page.locator("h2.question-text").all()
        )

    expect(alex.locator("h2.question-text")).to_have_count(2)
    expect(sam.locator("h2.question-text")).to_have_count(2)
    assert questions(alex) == questions(sam)
    assert QuizRound.objects.count() == 2
    assert_accessible(sam)
