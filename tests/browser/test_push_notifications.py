"""Notifications on this device, from the Reminders page, in real Chromium (phone and desktop).

A real push subscription needs a push service, which this machine cannot reach: one test
stubs `PushManager` so the browser hands the page a subscription as it would, and checks
that the server keeps it and the page says so; another leaves the real one in place and
checks that the page says clearly that it did not work.
"""

import re

import pytest
from playwright.sync_api import expect

from attunement.notifications.models import Delivery, PushSubscription
from tests.browser.conftest import assert_accessible
from tests.browser.helpers import sign_up

PHONE = {"viewport": {"width": 390, "height": 844}}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}

# The browser's side of a subscription, as pushManager.subscribe() would give it; it lives in
# localStorage so that a reload still finds it, as a real one does.
FAKE_PUSH = """
(() => {
  if (!("PushManager" in self)) return;
  const KEY = "fake-push-endpoint";
  const make = (endpoint) => ({
    endpoint,
    toJSON() {
      return {endpoint, expirationTime: null, keys: {
        p256dh: "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-"
          + "Ts1XbjhazAkj7I99e8QcYP7DkM",
        auth: "tBHItJI5svbpez7KI4CCXg"}};
    },
    unsubscribe() { localStorage.removeItem(KEY); return Promise.resolve(true); },
  });
  PushManager.prototype.subscribe = function (options) {
    if (!options || !options.userVisibleOnly || options.applicationServerKey.length !== 65) {
      return Promise.reject(new DOMException("bad options", "InvalidAccessError"));
    }
    const endpoint = "https://fcm.googleapis.com/fcm/send/browser-" + Date.now();
    localStorage.setItem(KEY, endpoint);
    return Promise.resolve(make(endpoint));
  };
  PushManager.prototype.getSubscription = function () {
    const endpoint = localStorage.getItem(KEY);
    return Promise.resolve(endpoint ? make(endpoint) : null);
  };
})();
"""


@pytest.mark.parametrize("device", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_turning_notifications_on_and_off_for_this_device(people, device):
    page = people(permissions=["notifications"], **device)
    page.add_init_script(FAKE_PUSH)
    email = f"nia.{'phone' if device is PHONE else 'desktop'}@example.com"
    sign_up(page, email, "Nia")
    page.goto("/settings/reminders/")
    status = page.locator("[data-push-status]")
    expect(status).to_have_text("Notifications are off for this device.")
    page.get_by_role("button", name="Turn on notifications on this device").click()
    expect(status).to_have_text("Notifications are on for this device.")
    expect(page.get_by_label("As notifications on my devices")).to_be_checked()
    [row] = PushSubscription.objects.filter(user__email=email)
    assert row.endpoint.startswith("https://fcm.googleapis.com/fcm/send/browser-")
    assert Delivery.objects.get(user=row.user).channel == Delivery.Channel.PUSH

    page.reload()
    expect(status).to_have_text("Notifications are on for this device.")
    expect(page.get_by_role("button", name="Stop notifications on this device")).to_be_visible()
    expect(page.get_by_role("button", name="Turn on notifications on this device")).to_be_hidden()
    expect(page.get_by_label("As notifications on my devices")).to_be_checked()
    expect(page.get_by_text("Notifications are on for 1 device of yours")).to_be_visible()
    assert_accessible(page)
    if device is PHONE:
        page.screenshot(path="/tmp/push-reminders-390.png", full_page=True)

    page.get_by_role("button", name="Stop notifications on this device").click()
    expect(status).to_have_text("Notifications are off for this device.")
    assert not PushSubscription.objects.exists()
    expect(page.get_by_role("button", name="Turn on notifications on this device")).to_be_visible()


def test_choosing_both_keeps_the_email_too(people):
    page = people(permissions=["notifications"], **PHONE)
    page.add_init_script(FAKE_PUSH)
    sign_up(page, "bo.both@example.com", "Bo")
    page.goto("/settings/reminders/")
    page.get_by_role("button", name="Turn on notifications on this device").click()
    expect(page.locator("[data-push-status]")).to_have_text("Notifications are on for this device.")
    page.reload()
    page.get_by_label("Both").check()
    page.get_by_role("button", name="Save reminders").click()
    expect(page.get_by_text("Saved.")).to_be_visible()
    assert Delivery.objects.get(user__email="bo.both@example.com").channel == "both"


def test_a_browser_that_cannot_subscribe_says_so_and_keeps_email(people):
    """No stub: Chromium here has no push service to reach, so subscribing fails."""
    page = people(permissions=["notifications"], **PHONE)
    sign_up(page, "ola.offline@example.com", "Ola")
    page.goto("/settings/reminders/")
    page.get_by_role("button", name="Turn on notifications on this device").click()
    expect(page.locator("[data-push-status]")).to_have_text(
        re.compile("couldn't turn on notifications just now. Reminders still come by email"),
        timeout=20_000,
    )
    assert not PushSubscription.objects.exists()
    expect(page.get_by_role("button", name="Turn on notifications on this device")).to_be_enabled()


def test_notifications_blocked_in_the_browser_get_a_plain_explanation(people):
    page = people(**PHONE)  # permission never granted: headless Chromium answers "denied"
    page.add_init_script(FAKE_PUSH)
    sign_up(page, "bea.blocked@example.com", "Bea")
    page.goto("/settings/reminders/")
    page.get_by_role("button", name="Turn on notifications on this device").click()
    expect(page.locator("[data-push-status]")).to_contain_text(
        "Your browser is set not to show notifications from us"
    )
    assert not PushSubscription.objects.exists()


def test_without_web_push_set_up_the_page_offers_only_email(people, settings):
    settings.VAPID_PRIVATE_KEY = ""
    page = people(permissions=["notifications"], **PHONE)
    sign_up(page, "eli.email@example.com", "Eli")
    page.goto("/settings/reminders/")
    expect(page.get_by_role("heading", name="Reminders")).to_be_visible()
    expect(page.get_by_text("Notifications on this device")).to_have_count(0)
    expect(page.get_by_text("Reminders come by email.")).to_be_visible()
