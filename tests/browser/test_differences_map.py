"""Emotional styles in a real browser: both take the reflection (one on a phone), share, guess
each other, see the map side by side with its cards; Sam's check-in then offers Alex the quick
responses that fit how Sam likes to be supported."""

import os
import re
from pathlib import Path

from playwright.sync_api import expect

from attunement.differences import scoring
from attunement.differences.demo import answers_for
from tests.browser.conftest import assert_accessible
from tests.browser.helpers import log_in
from tests.browser.test_sharing_daily_question import make_people
from tests.differences.helpers import ALICE as TALKS_NOW
from tests.differences.helpers import BOB as THINKS_FIRST

SHOTS = Path(os.getenv("SHOTS_DIR", "/tmp/shots-differences"))


def take_reflection(page, targets, check=False):
    page.goto("/today/")
    page.get_by_role("link", name="Take the reflection").click()
    answers = answers_for(targets)
    for n, dimension in enumerate(scoring.dimensions()):
        expect(page.get_by_role("heading", name=dimension.title, level=1)).to_be_visible()
        expect(page.get_by_text(f"Screen {n + 1} of 7")).to_be_visible()
        if check and n in (0, 3):
            assert_accessible(page)
        for item in dimension.items:
            page.locator(f"input[name='{item['id']}'][value='{answers[item['id']]}']").check()
        last = n == len(scoring.dimensions()) - 1
        page.get_by_role("button", name="See my profile" if last else "Next").click()
    expect(page.get_by_text("Your profile is ready. Only you can see it.")).to_be_visible()


def guess(page, partner, targets):
    page.goto("/differences/")
    page.get_by_role("link", name=f"Guess {partner}'s style").click()
    for key, value in targets.items():
        page.locator(f"input[name='{key}'][value='{value}']").check()
    page.get_by_role("button", name="Seal my guess").click()


def test_both_take_it_guess_see_the_map_and_the_style_shapes_quick_responses(people) -> None:
    make_people()
    alex, sam = people(), people()
    sam.set_viewport_size({"width": 390, "height": 844})
    log_in(alex, "alex@example.com")
    log_in(sam, "sam@example.com")

    take_reflection(alex, TALKS_NOW, check=True)
    assert_accessible(alex)
    take_reflection(sam, THINKS_FIRST)
    expect(
        sam.get_by_text("Thinks it over first").or_(
            sam.get_by_text("You like some quiet time to sort out what you feel")
        )
    ).to_be_visible()
    sam.screenshot(path=str(SHOTS / "browser-sam-profile-390.png"), full_page=True)

    # Each shares, then guesses; Alex's guess stays sealed until Sam has guessed too.
    for page, partner in ((alex, "Sam"), (sam, "Alex")):
        page.get_by_role("button", name=f"Share with {partner}").click()
        expect(page.get_by_text(f"Shared with {partner}.")).to_be_visible()
    guess(alex, "Sam", {**THINKS_FIRST, "support_practical": 4})
    expect(alex.get_by_text("Saved and sealed until you have both guessed.")).to_be_visible()
    alex.goto("/differences/map/")
    expect(alex.get_by_text("The map opens when Sam has taken the reflection")).to_be_visible()
    assert_accessible(alex)

    sam.goto("/differences/guess/")
    assert_accessible(sam)
    guess(sam, "Alex", TALKS_NOW)
    expect(sam.get_by_text("Your map is ready.", exact=False)).to_be_visible()
    expect(sam.get_by_role("heading", name="Sam and Alex, side by side")).to_be_visible()
    expect(sam.get_by_role("img", name=re.compile("Both profiles on one chart"))).to_be_visible()
    expect(sam.get_by_role("table")).to_contain_text("Alex's guess of Sam")
    expect(sam.get_by_text("Alex knew Sam very well")).to_be_visible()
    expect(sam.get_by_role("heading", name="Where you differ most")).to_be_visible()
    expect(sam.get_by_role("heading", name="Talking now or thinking first")).to_be_visible()
    width = sam.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the map scrolls sideways on a phone ({width}px)"
    assert_accessible(sam)
    sam.screenshot(path=str(SHOTS / "browser-sam-map-390.png"), full_page=True)

    alex.goto("/today/")
    alex.get_by_role("link", name="See your map").click()
    expect(
        alex.get_by_text(
            "Alex tends to want to talk things through right away;"
            " Sam tends to need time to think first."
        )
    ).to_be_visible()
    expect(alex.get_by_text("Sam knew Alex very well")).to_be_visible()
    alex.emulate_media(color_scheme="dark")
    assert_accessible(alex)
    alex.emulate_media(color_scheme="light")

    # Sam has a hard day and asks to be listened to; Sam's style says practical help and
    # some space help most, comfort little: Alex is offered what fits.
    sam.goto("/checkin/")
    sam.get_by_label("Stressed").check()
    sam.locator("input[name=intensity][value='4']").check()
    sam.locator("input[name=energy][value='2']").check()
    sam.get_by_label("To be listened to").check()
    sam.get_by_role("button", name="Check in").click()
    expect(sam.get_by_text("Checked in.")).to_be_visible()

    alex.goto("/today/")
    expect(
        alex.get_by_text("From Sam's style profile: practical help and some space")
    ).to_be_visible()
    plate = alex.get_by_role("button", name="Let me take something off your plate today.")
    expect(plate).to_be_visible()
    expect(
        alex.get_by_role("button", name="Take the time you need. I'm here when you're ready.")
    ).to_be_visible()
    expect(alex.get_by_role("button", name="Sending you a big hug.")).to_have_count(0)
    assert_accessible(alex)
    plate.click()
    expect(alex.get_by_text("Sent. Sam will see it on their Today.")).to_be_visible()


def test_partners_mark_a_card_they_talked_about_and_both_see_when(people) -> None:
    from attunement.accounts.models import User
    from tests.differences.helpers import both_done

    make_people()
    both_done(User.objects.get(email="alex@example.com"), User.objects.get(email="sam@example.com"))
    alex, sam = people(), people()
    sam.set_viewport_size({"width": 390, "height": 844})
    log_in(alex, "alex@example.com")
    log_in(sam, "sam@example.com")

    sam.goto("/differences/map/")
    card = sam.locator(
        "article", has=sam.get_by_role("heading", name="Talking now or thinking first")
    )
    card.scroll_into_view_if_needed()
    sam.screenshot(path=str(SHOTS / "browser-sam-card-to-mark-390.png"))
    card.get_by_role("button", name="We talked about this one").click()
    expect(sam.get_by_text("Noted. You'll both see the day you talked about it.")).to_be_visible()
    card = sam.locator(
        "article", has=sam.get_by_role("heading", name="Talking now or thinking first")
    )
    expect(card).to_contain_text("You talked about this today.")
    # Nothing more to mark today; only a way to take a mis-tap back.
    expect(card.get_by_role("button", name="We talked about")).to_have_count(0)
    expect(card.get_by_role("button", name="Undo: we haven't yet")).to_be_visible()
    width = sam.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the map scrolls sideways on a phone ({width}px)"
    assert_accessible(sam)
    sam.screenshot(path=str(SHOTS / "browser-sam-card-talked-390.png"))

    alex.goto("/differences/map/")
    card = alex.locator(
        "article", has=alex.get_by_role("heading", name="Talking now or thinking first")
    )
    expect(card).to_contain_text("You talked about this today.")
    others = alex.get_by_role("button", name="We talked about this one")
    expect(others.first).to_be_visible()  # the other cards can still be marked
    assert_accessible(alex)

    # Alex takes Sam's tap back (they haven't talked yet): both see it unmarked again.
    card.get_by_role("button", name="Undo: we haven't yet").click()
    expect(alex.get_by_text("Taken back")).to_be_visible()
    card = alex.locator(
        "article", has=alex.get_by_role("heading", name="Talking now or thinking first")
    )
    expect(card).not_to_contain_text("You talked about")
    expect(card.get_by_role("button", name="We talked about this one")).to_be_visible()
