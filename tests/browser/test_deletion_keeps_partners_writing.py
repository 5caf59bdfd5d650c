"""Alex deletes their account in the browser; Sam, on a phone and on a desktop, still reads what
Sam wrote on Alex's rows (replies to check-ins and answers, stories, highlights, appreciations),
and every page of Sam's history answers (issue 12, item 9)."""

import re

from attunement.today.demo import PASSWORD, create_demo
from tests.browser.conftest import ARTIFACTS, assert_accessible
from tests.browser.helpers import log_in

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def test_sams_replies_to_alexs_check_ins_outlive_alexs_account(people: object) -> None:
    create_demo()
    alex = people()
    log_in(alex, "alex@example.com", PASSWORD)
    alex.goto("/settings/delete/")
    alex.get_by_label(re.compile("password", re.I)).fill(PASSWORD)
    alex.get_by_role("button", name="Delete my account").click()
    alex.wait_for_load_state()
    if "/reauthenticate/" in alex.url:  # "Confirm it's you", then the deletion goes on
        alex.get_by_label(re.compile("^Password")).fill(PASSWORD)
        alex.get_by_role("button", name="Confirm").click()
        alex.wait_for_load_state()
    assert "everything you wrote are deleted" in alex.content()

    for options in (PHONE, {}):
        sam = people(**options)
        log_in(sam, "sam@example.com", PASSWORD)
        sam.goto("/checkin/history/")
        kept = sam.get_by_role("region", name="Your replies to check-ins that were deleted")
        assert kept.get_by_role("article").count() == 13
        assert_accessible(sam)
        if options:
            ARTIFACTS.mkdir(exist_ok=True)
            kept.evaluate("section => section.scrollIntoView({block: 'start'})")
            sam.screenshot(path=str(ARTIFACTS / "deletion-kept-replies-390.png"))
        kept_elsewhere = {
            "/questions/history/": "Your replies to answers that were deleted",
            "/empathy/perspective/": "Your stories from disagreements that were deleted",
            "/together/memories/": "Your highlights of plans that were deleted",
        }
        for path, heading in kept_elsewhere.items():
            assert sam.goto(path).status == 200, path
            section = sam.get_by_role("region", name=heading)
            assert section.is_visible(), path
            assert_accessible(sam)
            if options:
                section.evaluate("section => section.scrollIntoView({block: 'start'})")
                name = path.strip("/").replace("/", "-")
                sam.screenshot(path=str(ARTIFACTS / f"deletion-kept-{name}-390.png"))
        for path in ("/empathy/accuracy/", "/today/"):
            assert sam.goto(path).status == 200, path
        sam.goto("/appreciations/")
        sent = sam.get_by_role("region", name="From you")
        assert "Thanks for remembering my dad" in sent.inner_text()
