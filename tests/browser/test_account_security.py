"""Two-step login, "Confirm it's you" and the sessions page, on a phone-sized screen."""

import re
import time
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.browser.helpers import PASSWORD, log_in, sign_up
from tests.trust.totp import totp

PHONE = {"viewport": {"width": 390, "height": 844}}
SHOTS = Path("/tmp/shots-trust-auth")


def shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def fresh_code(secret: str) -> str:
    """A code with at least 3 seconds of its 30-second window left."""
    if 30 - time.time() % 30 < 3:
        time.sleep(30 - time.time() % 30 + 0.5)
    return totp(secret)


def confirm_its_me(page) -> None:
    expect(page.get_by_role("heading", name="Confirm it's you")).to_be_visible()
    assert_accessible(page)
    shot(page, "confirm-its-you")
    page.get_by_label(re.compile("^Password")).fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()


def test_turning_on_two_step_login_then_logging_in_with_a_code(people):
    page = people(**PHONE)
    sign_up(page, "robin.2fa@example.com", "Robin")
    page.goto("/settings/")
    page.get_by_role("link", name="Two-step login").click()
    assert_accessible(page)
    shot(page, "two-step-off")
    page.get_by_role("link", name="Turn on two-step login").click()
    confirm_its_me(page)
    expect(page.get_by_role("heading", name="Turn on two-step login")).to_be_visible()
    assert_accessible(page)
    shot(page, "two-step-turn-on")
    secret = page.locator("#totp-secret").inner_text()
    page.get_by_label("Authenticator code").fill(fresh_code(secret))
    page.get_by_role("button", name="Turn on").click()
    expect(page.get_by_role("heading", name="Recovery codes")).to_be_visible()
    assert_accessible(page)
    shot(page, "recovery-codes")

    page.goto("/accounts/logout/")
    page.get_by_role("main").get_by_role("button", name="Log out").click()
    log_in(page, "robin.2fa@example.com")
    expect(page.get_by_role("heading", name="Your login code")).to_be_visible()
    assert_accessible(page)
    shot(page, "login-code")
    page.get_by_label("Code").fill(fresh_code(secret))
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/today/"))
    expect(page.get_by_role("heading", name="Hello, Robin")).to_be_visible()


def test_adding_an_email_address_asks_for_the_password_first(people):
    page = people(**PHONE)
    sign_up(page, "kit.reauth@example.com", "Kit")
    page.goto("/settings/")
    page.get_by_role("link", name="Email address").click()
    page.get_by_label(re.compile("^Email")).fill("kit.new@example.com")
    page.get_by_role("button", name="Add address").click()
    confirm_its_me(page)
    page.wait_for_url(re.compile(r"/accounts/email/"))
    expect(page.get_by_text("We've sent a link to kit.new@example.com")).to_be_visible()
    expect(page.get_by_label(re.compile("kit.new@example.com"))).to_be_visible()


def test_ending_another_session_from_the_sessions_page(people):
    phone = people(**PHONE)
    sign_up(phone, "jo.sessions@example.com", "Jo")
    laptop = people(
        **PHONE,
        user_agent="Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) Gecko/20100101 Firefox/128.0",
    )
    log_in(laptop, "jo.sessions@example.com")
    laptop.wait_for_url(re.compile(r"/today/"))
    laptop.goto("/settings/")
    laptop.get_by_role("link", name="Where you're logged in").click()
    expect(laptop.get_by_role("heading", name="Where you're logged in")).to_be_visible()
    expect(laptop.get_by_text("this device")).to_be_visible()
    assert_accessible(laptop)
    shot(laptop, "sessions")
    laptop.get_by_role("button", name=re.compile("^Log out Chrom")).click()
    expect(laptop.get_by_text("That device is logged out.")).to_be_visible()
    phone.goto("/today/")
    phone.wait_for_url(re.compile(r"/accounts/login/"))
    laptop.goto("/today/")
    expect(laptop.get_by_role("heading", name="Hello, Jo")).to_be_visible()


def test_a_token_with_a_long_unbroken_name_fits_a_phone_screen(people):
    page = people(**PHONE)
    sign_up(page, "robin.tokens@example.com", "Robin")
    page.goto("/settings/tokens/")
    page.get_by_label("Name this token").fill("x" * 60)
    page.get_by_role("button", name="Create token").click()
    confirm_its_me(page)
    expect(page.get_by_text("Your new token")).to_be_visible()
    shot(page, "token-long-name")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
