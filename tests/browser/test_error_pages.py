"""Error pages in a real browser: the 404 page on a phone and signed in, with no axe violation."""

from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.browser.helpers import sign_up


def test_the_404_page_is_accessible_on_a_phone_and_leads_back_to_today(people):
    page = people()
    page.set_viewport_size({"width": 390, "height": 844})
    response = page.goto("/no-such-page/")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", name="We couldn't find that page")).to_be_visible()
    expect(page.get_by_role("link", name="Exit this page", exact=True)).to_be_visible()
    assert_accessible(page)

    sign_up(page, "robin.lost@example.com", "Robin")
    page.goto("/checkin/not-a-check-in/")
    assert_accessible(page)
    page.get_by_role("link", name="Go to Today").click()
    page.wait_for_url("**/today/")
