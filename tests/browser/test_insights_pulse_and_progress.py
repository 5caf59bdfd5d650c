"""The weekly pulse and the progress page in a real browser: one partner on a phone (390 px),
the other on a desktop; each answers privately, and the closeness lines meet only because both
chose it."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.browser.helpers import PASSWORD, log_in
from tests.conftest import make_user, pair

SHOTS = Path("/tmp/shots-insights")


def make_people():
    alex = make_user("alex@example.com", "Alex")
    sam = make_user("sam@example.com", "Sam")
    for person in (alex, sam):
        person.set_password(PASSWORD)
        person.save(update_fields=["password"])
    pair(alex, sam)


@pytest.fixture
def phone(browser, live_server, request):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 390, "height": 844}, color_scheme="dark"
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    request.node._pages = [page]
    yield page
    context.close()


def take_pulse(page, choices: dict[str, str], closeness: str, together: bool) -> None:
    page.goto("/insights/")
    page.get_by_role("link", name="Take this week's pulse").click()
    expect(page.get_by_role("heading", name="Your weekly pulse")).to_be_visible()
    assert_accessible(page)
    for item, value in choices.items():
        page.get_by_role("group", name=item).get_by_label(value, exact=True).check()
    page.get_by_label(re.compile("How close did you feel")).fill(closeness)
    if together:
        page.get_by_label(re.compile("Show our closeness lines side by side")).check()
    page.get_by_role("button", name="Save my pulse").click()
    expect(page.get_by_text("Your pulse is saved, just for you.")).to_be_visible()


ITEMS = [
    "This week I felt listened to.",
    "This week I shared something that mattered to me.",
    "This week I felt understood.",
    "This week we had time that was just ours.",
    "This week my ways of feeling and doing things were respected.",
    "This week I felt supported.",
]


def test_each_takes_the_pulse_and_progress_shows_closeness_together(people, phone) -> None:
    make_people()
    SHOTS.mkdir(exist_ok=True)
    sam = people()
    log_in(phone, "alex@example.com")
    log_in(sam, "sam@example.com")

    # Alex, on a phone in dark mode: the browser itself asks for a missing answer.
    phone.goto("/insights/pulse/")
    phone.get_by_role("group", name=ITEMS[0]).get_by_label("6", exact=True).check()
    phone.get_by_role("button", name="Save my pulse").click()
    expect(phone).to_have_url(re.compile("/insights/pulse/$"))
    phone.screenshot(path=str(SHOTS / "pulse-390-dark.png"), full_page=True)
    take_pulse(phone, dict(zip(ITEMS, "652436", strict=True)), "72", together=True)

    # Alex's progress: their own answers, and only their own closeness line so far.
    expect(phone.get_by_role("heading", name="Insights", exact=True)).to_be_visible()
    expect(phone.get_by_text("Only your own line.")).to_be_visible()
    phone.get_by_text("Show as a table").first.click()
    expect(phone.get_by_role("cell", name="72", exact=True)).to_be_visible()
    assert_accessible(phone)
    phone.screenshot(path=str(SHOTS / "progress-390-dark.png"), full_page=True)

    # Sam answers differently on a desktop; neither ever sees the other's items.
    take_pulse(sam, dict(zip(ITEMS, "344562", strict=True)), "55", together=True)
    expect(sam.get_by_text("Alex (squares)")).to_be_visible()
    expect(sam.get_by_role("img", name=re.compile("How close you felt"))).to_be_visible()
    sam.get_by_text("Show as a table").first.click()
    expect(sam.get_by_role("row", name=re.compile(r"55 72$"))).to_be_visible()
    assert_accessible(sam)
    sam.screenshot(path=str(SHOTS / "progress-desktop.png"), full_page=True)

    phone.goto("/insights/")
    expect(phone.get_by_text("Sam (squares)")).to_be_visible()

    # The focus of the week: the lowest mean of both pulses pulls it (Alex's 2 and Sam's 4 for
    # feeling understood), with empathy's own actions; Alex picks another focus.
    phone.get_by_role("link", name="This week's focus").click()
    expect(
        phone.get_by_role("heading", name="Understanding each other", exact=True)
    ).to_be_visible()
    expect(phone.get_by_role("heading", name="Three things to try")).to_be_visible()
    expect(phone.locator("main a[href^='/empathy/']")).to_have_count(3)
    assert_accessible(phone)
    phone.screenshot(path=str(SHOTS / "focus-390-dark.png"), full_page=True)
    phone.get_by_label("Listening").check()
    phone.get_by_role("button", name="Make it our focus").click()
    expect(phone.get_by_text("you chose this one")).to_be_visible()
    sam.goto("/today/")
    expect(sam.get_by_text("Your focus together:")).to_contain_text("Listening")
    expect(sam.get_by_text("Your weekly pulse is in.")).to_be_visible()


def test_reminder_settings_on_a_phone(phone) -> None:
    make_people()
    SHOTS.mkdir(exist_ok=True)
    log_in(phone, "alex@example.com")
    phone.goto("/settings/reminders/")
    assert_accessible(phone)
    phone.get_by_label("Remind me once a week").check()
    phone.get_by_role("button", name="Save reminders").click()
    expect(phone.get_by_text("Saved. Reminders follow your own time zone.")).to_be_visible()
    expect(phone.get_by_label("Remind me once a week")).to_be_checked()
    phone.screenshot(path=str(SHOTS / "reminders-390-dark.png"), full_page=True)


def test_demo_progress_shows_empathic_accuracy_and_time_together(phone) -> None:
    from attunement.accounts.models import User
    from attunement.today.demo import create_demo

    create_demo()
    alex = User.objects.get(email="alex@example.com")
    alex.set_password(PASSWORD)
    alex.save(update_fields=["password"])
    SHOTS.mkdir(exist_ok=True)
    log_in(phone, "alex@example.com")
    phone.goto("/insights/")
    for heading in ("Understanding each other", "Time together"):
        expect(phone.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    accuracy = phone.locator(
        "figure", has=phone.get_by_role("heading", name="How close your guesses came")
    )
    expect(accuracy.get_by_role("img")).to_be_visible()
    accuracy.get_by_text("Show as a table").click()
    expect(accuracy.get_by_role("table", name="How close your guesses came")).to_be_visible()
    dates = phone.locator(
        "figure", has=phone.get_by_role("heading", name="Time together: dates you had")
    )
    expect(dates.get_by_role("img")).to_be_visible()
    assert_accessible(phone)
    phone.screenshot(path=str(SHOTS / "progress-demo-390-dark.png"), full_page=True)
    for name in ("empathy", "together"):
        section = phone.locator(f"section[aria-labelledby='section-{name}']")
        section.screenshot(path=str(SHOTS / f"progress-demo-{name}-390-dark.png"))
