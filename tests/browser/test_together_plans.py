"""Time together in a real browser: two partners swipe in private (one on a 390 px phone), a
match appears, one plans it, both see it on their own clocks and download the .ics."""

import re
from datetime import time, timedelta
from pathlib import Path

from icalendar import Calendar
from playwright.sync_api import expect

from attunement import content
from attunement.couples.models import Visibility
from attunement.together import services
from attunement.together.models import Swipe
from tests.browser.conftest import assert_accessible
from tests.browser.helpers import PASSWORD, log_in
from tests.conftest import make_user, pair
from tests.together.helpers import MATCHED_TEXT, REFUSED, REFUSED_TEXT, both_say

SHOTS = Path("/tmp/shots-together")


def make_people():
    alex = make_user("alex@example.com", "Alex", time_zone="Europe/London")
    sam = make_user("sam@example.com", "Sam", time_zone="America/New_York")
    for person in (alex, sam):
        person.set_password(PASSWORD)
        person.save(update_fields=["password"])
    return alex, sam, pair(alex, sam)


def shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_both_swipe_a_match_appears_one_plans_both_see_it_and_download_it(people) -> None:
    alex_user, sam_user, couple = make_people()
    alex, sam = people(), people()
    sam.set_viewport_size({"width": 390, "height": 844})
    log_in(alex, "alex@example.com")
    log_in(sam, "sam@example.com")

    # Alex marks the first card yes, and a second one no.
    alex.goto("/today/")
    alex.locator("summary", has_text="More").click()  # the practices sit in the nav's menu
    alex.get_by_role("link", name="Together", exact=True).click()
    assert_accessible(alex)
    alex.get_by_role("link", name="Mark activities").click()
    assert_accessible(alex)
    card = alex.locator("#card-title").inner_text()
    activity_id = alex.locator('input[name="activity"]').get_attribute("value")
    alex.get_by_role("button", name="Yes").click()
    expect(alex.get_by_text("178 of 179 left")).to_be_visible()
    refused = alex.locator("#card-title").inner_text()
    alex.get_by_role("button", name="No").click()
    expect(alex.get_by_text("A match!")).to_have_count(0)

    # Sam has been through everything else already (marked yes to all of it).
    Swipe.objects.bulk_create(
        Swipe(
            owner=sam_user,
            couple=couple,
            activity_id=a["id"],
            choice="yes",
            visibility=Visibility.PRIVATE,
        )
        for a in content.load("activities")
        if a["id"] != activity_id
    )
    sam.goto("/together/swipe/")
    assert_accessible(sam)
    expect(sam.locator("#card-title")).to_have_text(card)
    expect(sam.get_by_text("1 of 179 left")).to_be_visible()
    shot(sam, "swipe-390")
    sam.get_by_role("button", name="Yes").click()
    expect(sam.get_by_text(f"A match! You both want to: {card}")).to_be_visible()
    expect(sam.get_by_role("heading", name="You've marked them all")).to_be_visible()

    # The match shows for both; Alex's "no" shows nowhere for Sam.
    sam.goto("/together/")
    assert_accessible(sam)
    matches = sam.locator(
        "section", has=sam.get_by_role("heading", name=re.compile("You both want to"))
    )
    expect(matches).to_contain_text(card)
    expect(matches).to_contain_text("You both said yes")
    expect(sam.get_by_text(refused)).to_have_count(0)
    expect(sam.get_by_text(re.compile("said yes and the other maybe"))).to_have_count(0)
    shot(sam, "overview-390")
    alex.goto("/together/")
    expect(alex.get_by_text(card).first).to_be_visible()

    # Sam plans it on the phone, on Sam's own clock (New York).
    matches.get_by_role("link", name=card).click()
    assert_accessible(sam)
    expect(sam.get_by_text("On your clock (America/New_York)")).to_be_visible()
    sam.get_by_label("Day").fill("2026-06-20")
    sam.get_by_label("Time").fill("14:00")
    sam.get_by_label("How long").select_option("90")
    sam.get_by_label("Place (optional)").fill("The little park on Elm Street")
    shot(sam, "plan-new-390")
    sam.get_by_role("button", name="Plan it").click()
    expect(sam.get_by_text("Planned. It's on both your pages now.")).to_be_visible()
    expect(sam.locator(".plan-when")).to_contain_text("Sat 20 Jun 2026, 14:00")
    expect(sam.locator(".plan-when")).to_contain_text("Sat 20 Jun 2026, 19:00 for Alex")
    assert_accessible(sam)
    shot(sam, "plan-390")

    # Alex sees it under "Coming up", on London time, and both download the .ics.
    alex.goto("/together/")
    coming = alex.locator("section", has=alex.get_by_role("heading", name="Coming up"))
    expect(coming).to_contain_text("Sat 20 Jun 2026, 19:00")
    coming.get_by_role("link", name=card).click()
    expect(alex.locator(".plan-when")).to_contain_text("Sat 20 Jun 2026, 19:00")
    expect(alex.get_by_text("The little park on Elm Street")).to_be_visible()
    for page in (alex, sam):
        with page.expect_download() as info:
            page.get_by_role("link", name="Add to my calendar (.ics)").click()
        body = Path(info.value.path()).read_bytes()
        (event,) = Calendar.from_ical(body).walk("VEVENT")
        assert str(event["SUMMARY"]) == card
        assert event.decoded("DTSTART").isoformat() == "2026-06-20T18:00:00+00:00"
        assert str(event["LOCATION"]) == "The little park on Elm Street"

    # Today shows the plan to both.
    alex.goto("/today/")
    expect(alex.locator(".together-today")).to_contain_text(card)
    sam.goto("/today/")
    expect(sam.locator(".together-today")).to_contain_text("Sat 20 Jun 2026, 14:00")
    assert_accessible(sam)
    shot(sam, "today-390")


def test_a_mark_changed_to_no_ends_the_match_and_cancelling_asks_first(people) -> None:
    alex_user, sam_user, couple = make_people()
    both_say(alex_user, sam_user)  # both said yes to MATCHED
    both_say(alex_user, sam_user, REFUSED)
    plan = services.plan_activity(
        user=alex_user,
        activity_id=REFUSED,
        day=alex_user.local_today() + timedelta(days=3),
        at=time(19),
    )
    alex, sam = people(), people()
    sam.set_viewport_size({"width": 390, "height": 844})
    log_in(alex, "alex@example.com")
    log_in(sam, "sam@example.com")
    alex.goto("/together/")
    matches = alex.locator(
        "section", has=alex.get_by_role("heading", name=re.compile("You both want to"))
    )
    expect(matches).to_contain_text(MATCHED_TEXT)

    # Sam, on the phone, changes an earlier yes to no from "Your answers".
    sam.goto("/together/swipe/")
    sam.get_by_role("link", name="Your answers (2)").click()
    assert_accessible(sam)
    yes = sam.locator("#answers-yes")
    expect(yes).to_contain_text(MATCHED_TEXT)
    shot(sam, "answers-390")
    yes.get_by_role("form", name=f"Change your answer to: {MATCHED_TEXT}").get_by_role(
        "button", name="No"
    ).click()
    expect(sam.get_by_text("Changed to no. Only you know.")).to_be_visible()
    expect(sam.locator("#answers-yes")).not_to_contain_text(MATCHED_TEXT)
    sam.locator("#answers-no summary").click()
    expect(sam.locator("#answers-no")).to_contain_text(MATCHED_TEXT)
    assert_accessible(sam)

    # For Alex the match is simply gone, as if Sam had never marked it.
    alex.goto("/together/")
    expect(matches).not_to_contain_text(MATCHED_TEXT)
    expect(alex.get_by_text(MATCHED_TEXT)).to_have_count(0)

    # Taking it back puts it in Sam's cards again.
    sam.locator("#answers-no").get_by_role("button", name="Take back").click()
    expect(sam.get_by_text("Taken back. It's back in your cards to mark.")).to_be_visible()
    sam.goto("/together/swipe/")
    expect(sam.get_by_text("1 of 179 left")).to_have_count(0)

    # Sam cancels Alex's plan on the phone: a question first, and "Keep the plan" keeps it.
    sam.goto(f"/together/plans/{plan.uuid}/")
    sam.get_by_role("link", name="Cancel this plan…").click()
    expect(sam.get_by_role("heading", name="Cancel this plan?")).to_be_visible()
    expect(sam.get_by_text("Alex will see on their Time together page")).to_be_visible()
    assert_accessible(sam)
    shot(sam, "cancel-390")
    sam.get_by_role("link", name="Keep the plan").click()
    expect(sam.get_by_role("heading", name=REFUSED_TEXT, exact=False)).to_be_visible()
    expect(sam.get_by_text("Cancelled", exact=True)).to_have_count(0)
    sam.get_by_role("link", name="Cancel this plan…").click()
    sam.get_by_role("button", name="Yes, cancel the plan").click()
    expect(sam.get_by_text("Cancelled. No reminders will go out for it.")).to_be_visible()
    shot(sam, "cancelled-390")

    # Alex learns it in the app: on Today and on Time together.
    alex.goto("/today/")
    expect(alex.locator(".together-today")).to_contain_text("Sam cancelled")
    alex.goto("/together/")
    cancelled = alex.locator("section", has=alex.get_by_role("heading", name="Cancelled this week"))
    expect(cancelled).to_contain_text("Sam cancelled it.")
    expect(
        alex.locator("section", has=alex.get_by_role("heading", name="Coming up"))
    ).to_contain_text("Nothing planned yet")
    assert_accessible(alex)
    shot(alex, "cancelled-desktop")
