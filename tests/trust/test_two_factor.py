"""Two-step login with an authenticator app and recovery codes (issue 12, item 3)."""

import re
from datetime import timedelta

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from django.core import mail
from django.test import Client
from django.utils import timezone

from attunement.accounts.models import User
from tests.conftest import PASSWORD, fresh_login
from tests.trust.totp import secret_on, totp

LOGIN = "/accounts/login/"
CODE_PAGE = "/accounts/2fa/authenticate/"


@pytest.fixture
def still():
    """A clock that stands still, so a code never straddles two 30-second windows."""
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        yield traveller


def turn_on(user: User) -> str:
    client = fresh_login(user)
    secret = secret_on(client.get("/accounts/2fa/totp/activate/").content.decode())
    response = client.post("/accounts/2fa/totp/activate/", {"code": totp(secret)})
    assert response.status_code == 302
    return secret


def password_step(client: Client, user: User):
    return client.post(LOGIN, {"login": user.email, "password": PASSWORD})


def signed_in(client: Client) -> bool:
    return client.get("/today/").status_code == 200


def test_turning_it_on_stores_the_secret_encrypted(alice, still):
    secret = turn_on(alice)
    stored = Authenticator.objects.get(user=alice, type="totp").data["secret"]
    assert secret not in stored and stored.startswith("f1:")


def test_after_turning_it_on_the_password_alone_does_not_log_in(alice, still):
    secret = turn_on(alice)
    still.shift(timedelta(seconds=30))
    client = Client()
    response = password_step(client, alice)
    assert response["Location"] == CODE_PAGE and not signed_in(client)
    page = client.get(CODE_PAGE).content.decode()
    assert "Your login code" in page
    wrong = "000000" if totp(secret) != "000000" else "111111"
    assert client.post(CODE_PAGE, {"code": wrong}).status_code == 200
    assert not signed_in(client)
    client.post(CODE_PAGE, {"code": totp(secret)})
    assert signed_in(client)


def test_a_code_works_only_once(alice, still):
    secret = turn_on(alice)
    still.shift(timedelta(seconds=30))
    first = Client()
    password_step(first, alice)
    first.post(CODE_PAGE, {"code": totp(secret)})
    assert signed_in(first)
    second = Client()
    password_step(second, alice)
    second.post(CODE_PAGE, {"code": totp(secret)})
    assert not signed_in(second), "the same code in the same 30 seconds was accepted twice"


def test_a_recovery_code_logs_in_once(alice, still):
    turn_on(alice)
    codes = Authenticator.objects.get(user=alice, type="recovery_codes").wrap().get_unused_codes()
    first = Client()
    password_step(first, alice)
    first.post(CODE_PAGE, {"code": codes[0]})
    assert signed_in(first)
    again = Client()
    password_step(again, alice)
    again.post(CODE_PAGE, {"code": codes[0]})
    assert not signed_in(again)


def test_a_password_reset_does_not_skip_the_second_step(alice, still):
    secret = turn_on(alice)
    client = Client()
    client.post("/accounts/password/reset/", {"email": alice.email})
    link = re.search(r"http://\S+/accounts/password/reset/key/\S+/", mail.outbox[-1].body).group(0)
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    new = "a reset long password 5"
    client.post(form_url, {"password1": new, "password2": new})
    assert not signed_in(client), "the reset itself logged the person in"
    still.shift(timedelta(seconds=30))
    response = client.post(LOGIN, {"login": alice.email, "password": new})
    assert response["Location"] == CODE_PAGE and not signed_in(client)
    client.post(CODE_PAGE, {"code": totp(secret)})
    assert signed_in(client)


def test_turning_it_off_asks_first_and_tells_the_address(
    alice, still, django_capture_on_commit_callbacks
):
    turn_on(alice)
    client = fresh_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/2fa/totp/deactivate/")
    assert not Authenticator.objects.filter(user=alice, type="totp").exists()
    bodies = [m.body for m in mail.outbox if m.to == [alice.email]]
    assert any("turned off" in b for b in bodies)


def test_the_admin_has_no_login_of_its_own(alice):
    """/admin/ sends people to the app's login, with its throttling and second step."""
    alice.is_staff = alice.is_superuser = True
    alice.save()
    client = Client()
    first = client.get("/admin/", follow=True).redirect_chain
    assert first[-1][0].startswith("/accounts/login/")
    # Posting a password to the admin's own form logs nobody in.
    client.post("/admin/login/", {"username": alice.email, "password": PASSWORD})
    assert client.get("/admin/").status_code == 302


def test_the_admin_asks_for_the_code_of_a_staff_member_with_two_step_login(alice, still):
    alice.is_staff = alice.is_superuser = True
    alice.save()
    secret = turn_on(alice)
    still.shift(timedelta(seconds=30))
    client = Client()
    password_step(client, alice)
    assert client.get("/admin/").status_code == 302
    client.post(CODE_PAGE, {"code": totp(secret)})
    assert client.get("/admin/").status_code == 200


def test_a_wrong_code_is_explained_in_plain_words(alice, still):
    client = fresh_login(alice)
    secret = secret_on(client.get("/accounts/2fa/totp/activate/").content.decode())
    wrong = "000000" if totp(secret) != "000000" else "111111"
    page = client.post("/accounts/2fa/totp/activate/", {"code": wrong}).content.decode()
    assert "That code didn&#x27;t work." in page and "Incorrect code" not in page


def test_logging_in_with_a_code_says_log_in_in_the_apps_words(alice, still):
    secret = turn_on(alice)
    still.shift(timedelta(seconds=30))
    client = Client()
    password_step(client, alice)
    page = client.post(CODE_PAGE, {"code": totp(secret)}, follow=True).content.decode()
    assert "You&#x27;re logged in." in page and "signed in" not in page
