"""Steps that many browser tests share."""

import re

from django.core import mail

from tests.browser.conftest import assert_accessible

PASSWORD = "a long browser password 7"


def sign_up(page: object, email: str, name: str | None = None) -> None:
    """Sign up through the real form and follow the verification link from the email."""
    page.goto("/accounts/signup/")
    assert_accessible(page)
    page.get_by_label(re.compile("first name")).fill(name or email.split("@")[0].title())
    page.get_by_label(re.compile("^Email")).fill(email)
    page.get_by_label(re.compile("^Password:?$")).fill(PASSWORD)
    page.get_by_label(re.compile("^Password \\(again\\)")).fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Sign up", re.I)).click()
    page.wait_for_load_state()
    link = _last_link_to(email, "/accounts/confirm-email/")
    page.goto(link)
    page.get_by_role("button", name=re.compile("Confirm", re.I)).click()
    page.wait_for_url(re.compile(r"/(welcome|today|couple)/"))


def log_in(page: object, email: str, password: str = PASSWORD) -> None:
    page.goto("/accounts/login/")
    page.get_by_label(re.compile("^Email")).fill(email)
    page.get_by_label(re.compile("^Password")).fill(password)
    page.get_by_role("button", name=re.compile("Log in", re.I)).click()
    page.wait_for_load_state()


def _last_link_to(email: str, fragment: str) -> str:
    for message in reversed(mail.outbox):
        if email in message.to:
            match = re.search(r"https?://\S*" + re.escape(fragment) + r"\S*", message.body)
            if match:
                return match.group(0)
    raise AssertionError(f"No email to {email} with a link to {fragment}")
