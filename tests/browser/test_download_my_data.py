"""Settings > Download my data: the password first, then a JSON file of everything the person
wrote (issue 12, item 7), on a desktop and on a phone-sized screen."""

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.browser.helpers import PASSWORD, sign_up

SHOTS = Path("/tmp/shots-export")
SCREENS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.mark.parametrize("screen", sorted(SCREENS))
def test_download_my_data_after_the_password_gives_the_check_in_note(people, screen):
    page = people(viewport=SCREENS[screen])
    sign_up(page, f"noor.{screen}@example.com", "Noor")
    page.goto("/checkin/")
    page.get_by_label("Tired").check()
    page.locator("input[name=intensity][value='3']").check()
    page.locator("input[name=energy][value='2']").check()
    page.get_by_label("To be listened to").check()
    page.get_by_label(re.compile("Anything you'd like to add")).fill("The bus was late again.")
    page.get_by_role("button", name="Check in").click()
    expect(page.get_by_text("Checked in.")).to_be_visible()

    page.goto("/settings/")
    expect(page.get_by_role("heading", name="Your data")).to_be_visible()
    assert_accessible(page)
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"settings-{screen}.png"), full_page=True)
    page.get_by_role("link", name="Download my data").click()

    expect(page.get_by_role("heading", name="Confirm it's you")).to_be_visible()
    page.get_by_label(re.compile("^Password")).fill(PASSWORD)
    with page.expect_download() as download:
        page.get_by_role("button", name="Confirm").click()
    file = download.value
    assert re.fullmatch(r"attunement-export-\d{4}-\d{2}-\d{2}\.json", file.suggested_filename)
    document = json.loads(Path(file.path()).read_text())
    assert document["format"] == "attunement-export"
    notes = [c["note"] for c in document["sections"]["support"]["check_ins"]]
    assert notes == ["The bus was late again."]
    assert document["sections"]["accounts"]["profile"][0]["display_name"] == "Noor"
    # The page stays as it was after the file comes: it says so, and offers the way back.
    expect(page.get_by_text(re.compile("your file downloads to this device"))).to_be_visible()
    page.screenshot(path=str(SHOTS / f"after-download-{screen}.png"), full_page=True)
    page.get_by_role("link", name="go back to Settings").click()
    expect(page.get_by_role("heading", name="Your data")).to_be_visible()
