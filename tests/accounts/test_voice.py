"""Every account page and email speaks in the app's own words and layout."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client

from attunement.accounts.models import User
from tests.conftest import PASSWORD, login, make_user

LIBRARY_WORDS = ["Sign In", "Sign Out", "Sign in", "Sign out", "Remember Me", "Signup"]
SIGNUP = {
    "display_name": "Jordan",
    "email": "jordan.smith@example.com",
    "password1": "correct horse battery 9",
    "password2": "correct horse battery 9",
}


def _assert_our_page(html: str) -> None:
    assert 'class="skip"' in html and "Quick exit" in html  # the app's own layout
    for words in LIBRARY_WORDS:
        assert words not in html, words


@pytest.mark.parametrize(
    "url",
    [
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
        "/accounts/password/reset/done/",
        "/accounts/password/reset/key/done/",
        "/accounts/password/reset/key/1-bogus/",
        "/accounts/confirm-email/",
        "/accounts/confirm-email/bogus/",
        "/accounts/inactive/",
    ],
)
def test_signed_out_account_pages_use_the_app_layout_and_words(db, url):
    response = Client().get(url)
    assert response.status_code == 200
    _assert_our_page(response.content.decode())


@pytest.mark.parametrize(
    "url",
    [
        "/accounts/logout/",
        "/accounts/email/",
        "/accounts/password/change/",
        "/accounts/reauthenticate/",
    ],
)
def test_signed_in_account_pages_use_the_app_layout_and_words(alice, url):
    response = login(alice).get(url)
    assert response.status_code == 200
    _assert_our_page(response.content.decode())


def test_login_says_log_in_and_keep_me_logged_in(db):
    html = Client().get("/accounts/login/").content.decode()
    assert "<h1>Log in</h1>" in html and ">Log in</button>" in html
    assert "Keep me logged in on this device" in html


def test_logout_page_says_log_out(alice):
    html = login(alice).get("/accounts/logout/").content.decode()
    assert "<h1>Log out</h1>" in html and ">Log out</button>" in html


def test_signup_asks_for_the_name_the_partner_sees_first(db):
    html = Client().get("/accounts/signup/").content.decode()
    labels = re.findall(r'<label for="id_(\w+)"', html)
    assert labels == ["display_name", "email", "password1", "password2"]
    assert "what your partner sees" in html


def test_signup_stores_the_name_and_greets_by_it(db):
    assert Client().post("/accounts/signup/", SIGNUP).status_code == 302
    user = User.objects.get(email=SIGNUP["email"])
    assert user.display_name == "Jordan"
    EmailAddress.objects.filter(user=user).update(verified=True)
    html = login(user).get("/today/").content.decode()
    main = html.split("<main")[1].split("</main>")[0]
    assert "Hello, Jordan" in main and "jordan.smith" not in main


def test_signup_without_a_name_is_refused(db):
    response = Client().post("/accounts/signup/", {**SIGNUP, "display_name": "  "})
    assert response.status_code == 200
    assert not User.objects.exists()
    assert "Tell us the name your partner will see." in response.content.decode()


def test_the_name_stays_editable_but_cannot_be_blanked(alice):
    client = login(alice)
    data = {"time_zone": "UTC"}
    assert client.post("/settings/", {**data, "display_name": "Ali"}).status_code == 302
    alice.refresh_from_db()
    assert alice.display_name == "Ali"
    assert client.post("/settings/", {**data, "display_name": ""}).status_code == 400
    alice.refresh_from_db()
    assert alice.display_name == "Ali"


# allauth throttles emails per address and the clock is frozen: each test uses its own address.
def test_the_verification_email_names_the_app_not_the_host(db):
    Client().post(
        "/accounts/signup/", {**SIGNUP, "email": "jordan.host@example.com"}, HTTP_HOST="127.0.0.1"
    )
    message = mail.outbox[-1]
    assert message.subject == "[Attunement] Confirm your email address"
    assert message.body.startswith("Hello Jordan,")
    assert "127.0.0.1" not in message.body.replace("http://127.0.0.1/", "")
    assert "Hello from" not in message.body and "Thank you for using" not in message.body
    assert "Attunement" in message.body
    assert re.search(r"/accounts/confirm-email/\S+", message.body)


def test_the_confirm_page_does_not_speak_of_users(db):
    Client().post("/accounts/signup/", {**SIGNUP, "email": "jordan.confirm@example.com"})
    link = re.search(r"https?://\S+(/accounts/confirm-email/\S+)", mail.outbox[-1].body)
    html = Client().get(link.group(1)).content.decode()
    assert "is an email address for user" not in html
    assert "Confirm that <strong>jordan.confirm@example.com</strong> is your address." in html
    _assert_our_page(html)


def test_a_taken_address_and_a_password_reset_get_our_emails(db):
    taken = make_user("taken.voice@example.com", "Taken")
    Client().post("/accounts/signup/", {**SIGNUP, "email": taken.email})
    Client().post("/accounts/password/reset/", {"email": taken.email})
    Client().post("/accounts/password/reset/", {"email": "nobody.voice@example.com"})
    subjects = [m.subject for m in mail.outbox]
    assert subjects == [
        "[Attunement] You already have an account",
        "[Attunement] Choose a new password",
        "[Attunement] About your request",
    ]
    for message in mail.outbox:
        greeting = message.body.split("http")[0]
        assert "Hello from" not in greeting and "testserver" not in greeting
        assert message.body.rstrip().endswith("— Attunement")


def test_login_with_a_password_still_works(alice):
    response = Client().post("/accounts/login/", {"login": alice.email, "password": PASSWORD})
    assert response.status_code == 302
