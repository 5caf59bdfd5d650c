"""Changes that hand the account to someone else ask for the password again, and the old address
hears of each one (issue 12, item 1): the unlocked-phone takeover no longer works silently."""

import time_machine
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client, override_settings

from attunement.accounts.models import PersonalToken, User
from tests.conftest import NOON, PASSWORD, fresh_login, login

REAUTH = "/accounts/reauthenticate/"


def _add_address(client: Client, email: str = "mallory@example.com"):
    return client.post("/accounts/email/", {"email": email, "action_add": ""})


def _confirm_password(client: Client, prompt: str):
    """Answer the "Confirm it's you" page the change was sent to; allauth then carries the
    change out."""
    return client.post(prompt, {"password": PASSWORD}, follow=True)


def test_adding_an_address_asks_for_the_password_first(alice):
    client = login(alice)
    response = _add_address(client)
    assert response.status_code == 302 and response["Location"].startswith(REAUTH)
    assert not EmailAddress.objects.filter(email="mallory@example.com").exists()
    page = client.get(response["Location"]).content.decode()
    assert "Confirm it's you" in page and "Enter your password" in page


def test_after_confirming_the_password_the_address_is_added_and_the_old_one_told(
    alice, django_capture_on_commit_callbacks
):
    client = login(alice)
    prompt = _add_address(client)["Location"]
    with django_capture_on_commit_callbacks(execute=True):
        _confirm_password(client, prompt)
    assert EmailAddress.objects.filter(user=alice, email="mallory@example.com").exists()
    notices = [m for m in mail.outbox if m.to == [alice.email]]
    assert any("A new email address was added" in m.body for m in notices)
    # Content-free: the notice names no address, so it tells a reader of the old inbox nothing.
    assert all("mallory" not in m.body + m.subject for m in notices)


def test_a_wrong_password_changes_nothing(alice):
    client = login(alice)
    _add_address(client)
    response = client.post(REAUTH, {"password": "not it at all"})
    assert response.status_code == 200
    assert not EmailAddress.objects.filter(email="mallory@example.com").exists()


def test_making_another_address_primary_and_removing_the_old_one_tells_the_old_one(
    alice, django_capture_on_commit_callbacks
):
    EmailAddress.objects.create(user=alice, email="new@example.com", verified=True)
    client = fresh_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/email/", {"email": "new@example.com", "action_primary": ""})
    assert EmailAddress.objects.get(email="new@example.com").primary
    told = [m for m in mail.outbox if m.to == ["alice@example.com"]]
    assert any("different address" in m.body for m in told)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/email/", {"email": "alice@example.com", "action_remove": ""})
    assert not EmailAddress.objects.filter(email="alice@example.com").exists()
    assert any(m.to == ["alice@example.com"] and "was removed" in m.body for m in mail.outbox), (
        "the removed address itself hears that it was removed"
    )


def test_making_an_address_primary_without_a_recent_login_asks_first(alice):
    EmailAddress.objects.create(user=alice, email="new@example.com", verified=True)
    response = login(alice).post(
        "/accounts/email/", {"email": "new@example.com", "action_primary": ""}
    )
    assert response["Location"].startswith(REAUTH)
    assert EmailAddress.objects.get(email="alice@example.com").primary


def test_changing_the_password_asks_first_and_then_tells_the_address(
    alice, django_capture_on_commit_callbacks
):
    new = "a new long password 9"
    data = {"oldpassword": PASSWORD, "password1": new, "password2": new}
    assert login(alice).post("/accounts/password/change/", data)["Location"].startswith(REAUTH)
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)
    with django_capture_on_commit_callbacks(execute=True):
        fresh_login(alice).post("/accounts/password/change/", data)
    alice.refresh_from_db()
    assert alice.check_password(new)
    assert any(m.to == [alice.email] and "password was changed" in m.body for m in mail.outbox)


def test_creating_a_token_asks_first_then_tells_the_address(
    alice, django_capture_on_commit_callbacks
):
    data = {"name": "widget", "days": 90, "scope": "read"}
    response = login(alice).post("/settings/tokens/", data)
    assert response["Location"].startswith(REAUTH) and not PersonalToken.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        fresh_login(alice).post("/settings/tokens/", data)
    assert PersonalToken.objects.filter(user=alice).count() == 1
    assert any("access token was created" in m.body for m in mail.outbox)


def test_deleting_the_account_asks_first(alice):
    response = login(alice).post("/settings/delete/", {"password": PASSWORD})
    assert response["Location"].startswith(REAUTH)
    assert User.objects.filter(pk=alice.pk).exists()


def test_turning_on_two_step_login_asks_first(alice):
    response = login(alice).get("/accounts/2fa/totp/activate/")
    assert response["Location"].startswith(REAUTH)


@override_settings(ACCOUNT_REAUTHENTICATION_TIMEOUT=60)
def test_a_confirmation_lasts_only_the_configured_window(alice):
    client = fresh_login(alice)
    assert client.get("/accounts/2fa/totp/activate/").status_code == 200
    with time_machine.travel(NOON.timestamp() + 3600):
        assert client.get("/accounts/2fa/totp/activate/")["Location"].startswith(REAUTH)
