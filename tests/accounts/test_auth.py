import re

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import mail
from django.test import Client, override_settings

from attunement.accounts.models import PersonalToken, User
from tests.conftest import PASSWORD, fresh_login, make_user


def _signup(client: Client, email: str, password: str = "correct horse battery 9"):
    return client.post(
        "/accounts/signup/",
        {"display_name": "Jordan", "email": email, "password1": password, "password2": password},
    )


def test_argon2_hashes_passwords_outside_tests():
    import subprocess
    import sys

    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os; os.environ.pop('PYTEST_VERSION', None); "
            "os.environ['DJANGO_SETTINGS_MODULE']='attunement.settings'; "
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.PASSWORD_HASHERS[0])",
        ],
        capture_output=True,
        text=True,
        env={k: v for k, v in __import__("os").environ.items() if k != "PYTEST_VERSION"},
    )
    assert out.stdout.strip() == "django.contrib.auth.hashers.Argon2PasswordHasher", out.stderr


def test_signup_sends_a_verification_link_and_the_address_starts_unverified(db):
    response = _signup(Client(), "new@example.com")
    assert response.status_code == 302
    assert not EmailAddress.objects.get(email="new@example.com").verified
    assert re.search(r"/accounts/confirm-email/\S+", mail.outbox[-1].body)


def test_signing_up_with_a_taken_address_looks_exactly_like_a_new_one(alice):
    fresh = _signup(Client(), "someone-new@example.com")
    taken = _signup(Client(), alice.email)
    assert fresh.status_code == taken.status_code == 302
    assert fresh["Location"] == taken["Location"]
    assert User.objects.filter(email=alice.email).count() == 1


def test_short_and_common_passwords_are_refused_with_a_clear_message(db):
    short = _signup(Client(), "a@example.com", "short pass")
    assert short.status_code == 200 and "at least 12 characters" in short.content.decode()
    common = _signup(Client(), "b@example.com", "qwerty123456")
    assert "too common" in common.content.decode()
    assert not User.objects.exists()


def test_password_reset_answers_the_same_for_known_and_unknown_addresses(alice):
    known = Client().post("/accounts/password/reset/", {"email": alice.email})
    unknown = Client().post("/accounts/password/reset/", {"email": "nobody@example.com"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]


def test_login_failure_says_the_same_for_unknown_address_and_wrong_password(alice):
    wrong = Client().post(
        "/accounts/login/", {"login": alice.email, "password": "not the password"}
    )
    unknown = Client().post(
        "/accounts/login/", {"login": "nobody@example.com", "password": "whatever"}
    )
    assert wrong.status_code == unknown.status_code == 200
    message = "The email address and/or password you specified are not correct."
    assert message in wrong.content.decode() and message in unknown.content.decode()


@override_settings(ACCOUNT_RATE_LIMITS={**settings.ACCOUNT_RATE_LIMITS, "login_failed": "3/m/ip"})
def test_login_is_throttled_after_repeated_failures(alice):
    client = Client()
    for _ in range(3):
        client.post("/accounts/login/", {"login": alice.email, "password": "wrong wrong wrong"})
    blocked = client.post("/accounts/login/", {"login": alice.email, "password": PASSWORD})
    assert blocked.status_code in (200, 429)
    assert "logging in is paused" in blocked.content.decode()
    assert "Try again in a minute" in blocked.content.decode()
    assert "_auth_user_id" not in client.session


def test_lockout_says_the_longest_wait_of_the_configured_limits():
    from attunement.accounts.adapter import lockout_minutes

    assert lockout_minutes("10/m/ip,5/5m/key") == 5
    assert lockout_minutes("3/m/ip") == 1
    assert lockout_minutes("5/1h/key") == 60
    assert lockout_minutes("5/90s/key") == 2


def test_login_with_the_right_password_works(alice):
    client = Client()
    response = client.post("/accounts/login/", {"login": alice.email, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/today/"


def test_tokens_are_shown_once_stored_hashed_and_revocable(alice):
    as_alice = fresh_login(alice)
    response = as_alice.post(
        "/settings/tokens/", {"name": "my widget", "days": 90, "scope": "read"}, follow=True
    )
    raw = re.search(r'value="(att_[^"]+)"', response.content.decode()).group(1)
    token = PersonalToken.objects.get(user=alice)
    assert raw not in token.token_hash and token.prefix == raw[:10]
    assert raw not in as_alice.get("/settings/tokens/").content.decode()

    api = Client()
    assert api.get("/api/v1/checkins", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200
    assert api.get("/api/v1/checkins", HTTP_AUTHORIZATION="Bearer att_wrong").status_code == 401
    as_alice.post(f"/settings/tokens/{token.uuid}/revoke/")
    assert api.get("/api/v1/checkins", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401


def test_refreshing_the_tokens_page_makes_no_second_token(alice):
    as_alice = fresh_login(alice)
    data = {"name": "my widget", "days": 90, "scope": "read"}
    response = as_alice.post("/settings/tokens/", data)
    assert response.status_code == 302 and response["Location"] == "/settings/tokens/"
    assert "att_" in as_alice.get("/settings/tokens/").content.decode()
    as_alice.get("/settings/tokens/")
    assert PersonalToken.objects.filter(user=alice).count() == 1


def test_nobody_revokes_someone_elses_token(alice, as_bob):
    token, _ = PersonalToken.issue(user=alice, name="x")
    assert as_bob.post(f"/settings/tokens/{token.uuid}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.is_active


def test_settings_validate_time_zone_and_keep_the_old_value(alice, as_alice):
    response = as_alice.post("/settings/", {"display_name": "Al", "time_zone": "Mars/Olympus"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    alice.refresh_from_db()
    assert alice.time_zone == "UTC" and alice.display_name == "Alice"


def _check_in_reminder(user):
    from attunement.notifications.models import Reminder

    return Reminder.objects.get(user=user, kind="check_in")


def _reminders(check_in: bool) -> dict[str, str]:
    from tests.notifications.matrix import FORM

    form = {k: v for k, v in FORM.items() if not k.endswith("_on")}
    return {**form, "check_in_hour": "8", **({"check_in_on": "on"} if check_in else {})}


def test_turning_reminders_on_schedules_the_next_one_at_the_local_hour(alice, as_alice):
    as_alice.post("/settings/", {"display_name": "Alice", "time_zone": "Europe/Paris"})
    as_alice.post("/settings/reminders/", _reminders(check_in=True))
    alice.refresh_from_db()
    local = _check_in_reminder(alice).next_at.astimezone(alice.tz)
    assert (local.hour, local.minute) == (8, 0)


def test_a_new_time_zone_moves_the_reminders_to_the_same_hour_on_the_new_clock(alice, as_alice):
    as_alice.post("/settings/reminders/", _reminders(check_in=True))
    as_alice.post("/settings/", {"display_name": "Alice", "time_zone": "Asia/Tokyo"})
    alice.refresh_from_db()
    local = _check_in_reminder(alice).next_at.astimezone(alice.tz)
    assert (local.hour, local.minute) == (8, 0) and alice.time_zone == "Asia/Tokyo"


def test_turning_reminders_off_cancels_the_next_one(alice, as_alice):
    as_alice.post("/settings/reminders/", _reminders(check_in=True))
    assert _check_in_reminder(alice).next_at is not None
    response = as_alice.post("/settings/reminders/", _reminders(check_in=False))
    assert response.status_code == 302
    assert _check_in_reminder(alice).next_at is None


def test_deleting_the_account_removes_everything_and_tells_only_its_owner(
    alice, bob, couple, django_capture_on_commit_callbacks
):
    as_alice = fresh_login(alice)
    as_alice.post(
        "/checkin/",
        {
            "feelings": ["calm"],
            "intensity": "2",
            "energy": "2",
            "need": "nothing",
            "visibility": "shared",
        },
    )
    wrong = as_alice.post("/settings/delete/", {"password": "nope"})
    assert wrong.status_code == 400 and User.objects.filter(pk=alice.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert as_alice.post("/settings/delete/", {"password": PASSWORD}).status_code == 302
    assert not User.objects.filter(pk=alice.pk).exists()
    # The partner hears nothing; the owner's own address is told, in one content-free line.
    assert [m.to for m in mail.outbox] == [[alice.email]]
    assert "Your account was deleted." in mail.outbox[0].body
    from attunement.couples import access

    access.forget(bob)
    assert access.partner_of(bob) is None


def test_new_accounts_work_through_make_user(db):
    assert make_user("x@example.com", "X").check_password(PASSWORD)
