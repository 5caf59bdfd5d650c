"""Sessions people control, stored so that a leaked database hands out none (issue 12, item 4)."""

import time
from datetime import timedelta

import time_machine
from django.conf import settings
from django.db import connection
from django.test import Client, override_settings
from django.utils import timezone

from attunement.trust.models import Session, hash_session_key
from tests.conftest import PASSWORD

PHONE = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36"
LAPTOP = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) Gecko/20100101 Firefox/128.0"


def log_in(user, agent: str = PHONE) -> Client:
    client = Client(HTTP_USER_AGENT=agent)
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def cookie(client: Client) -> str:
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def signed_in(client: Client) -> bool:
    return client.get("/today/").status_code == 200


def test_the_database_holds_no_cookie_that_would_log_anyone_in(alice):
    client = log_in(alice)
    raw = cookie(client)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {Session._meta.db_table}")
        dump = repr(cursor.fetchall())
    assert raw not in dump
    assert hash_session_key(raw) in dump
    # What a leaked file does hold, replayed as a cookie, opens nothing.
    thief = Client()
    thief.cookies[settings.SESSION_COOKIE_NAME] = hash_session_key(raw)
    assert not signed_in(thief)
    assert signed_in(client)


def test_the_sessions_page_lists_each_device_with_its_browser(alice):
    phone, laptop = log_in(alice, PHONE), log_in(alice, LAPTOP)
    page = laptop.get("/settings/sessions/").content.decode()
    assert "Chrome on Android" in page and "Firefox on Mac" in page
    assert "this device" in page and "Last seen" in page
    assert signed_in(phone)


def test_logging_out_one_other_device_ends_its_session(alice, bob):
    phone, laptop = log_in(alice, PHONE), log_in(alice, LAPTOP)
    bobs = log_in(bob)
    row = Session.objects.get(session_key=hash_session_key(cookie(phone)))
    assert laptop.post(f"/settings/sessions/{row.uuid}/end/").status_code == 302
    assert not signed_in(phone) and signed_in(laptop) and signed_in(bobs)


def test_nobody_ends_someone_elses_session(alice, bob):
    phone = log_in(alice)
    row = Session.objects.get(session_key=hash_session_key(cookie(phone)))
    assert log_in(bob).post(f"/settings/sessions/{row.uuid}/end/").status_code == 404
    assert signed_in(phone)


def test_logging_out_everywhere_else_keeps_only_this_device(alice, bob):
    phone, tablet, laptop = log_in(alice), log_in(alice), log_in(alice, LAPTOP)
    bobs = log_in(bob)
    laptop.post("/settings/sessions/end-others/")
    assert not signed_in(phone) and not signed_in(tablet)
    assert signed_in(laptop) and signed_in(bobs)


@override_settings(SESSION_IDLE_SECONDS=3600)
def test_a_session_unused_for_the_idle_time_ends(alice):
    client = log_in(alice)
    with time_machine.travel(timezone.now() + timedelta(minutes=50)):
        assert signed_in(client)  # use pushes the deadline on
    with time_machine.travel(timezone.now() + timedelta(minutes=100)):
        assert signed_in(client)
    with time_machine.travel(timezone.now() + timedelta(minutes=170)):
        assert not signed_in(client)


@override_settings(SESSION_IDLE_SECONDS=3600, SESSION_COOKIE_AGE=3 * 3600)
def test_a_session_ends_after_its_absolute_lifetime_however_much_it_is_used(alice):
    client = log_in(alice)
    start = timezone.now()
    for minutes in (40, 80, 120, 160):
        with time_machine.travel(start + timedelta(minutes=minutes)):
            assert signed_in(client)
    with time_machine.travel(start + timedelta(minutes=185)):
        assert not signed_in(client)


def test_the_page_costs_the_same_queries_however_many_devices(alice, django_assert_num_queries):
    client = log_in(alice)
    client.get("/settings/sessions/")
    with django_assert_num_queries(3):
        client.get("/settings/sessions/")
    for _ in range(5):
        log_in(alice)
    with django_assert_num_queries(3):
        client.get("/settings/sessions/")


def test_changing_the_password_logs_out_every_other_device(alice):
    phone, laptop = log_in(alice, PHONE), log_in(alice, LAPTOP)
    new = "a changed long password 4"
    session = laptop.session
    session["account_authentication_methods"] = [
        {"method": "password", "at": time.time(), "reauthenticated": True}
    ]
    session["account_authentication_methods_user"] = str(alice.pk)
    session.save()
    laptop.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": new, "password2": new},
    )
    assert signed_in(laptop) and not signed_in(phone)
    assert Session.objects.filter(user=alice).count() == 1
