"""Personal tokens: named, expiring, scoped, and ended by anything that says "not me any more"
(issue 12, item 2)."""

import re
from datetime import timedelta

import time_machine
from django.core import mail
from django.test import Client
from django.utils import timezone

from attunement.accounts.models import PersonalToken
from tests.conftest import PASSWORD, fresh_login

CHECKINS = "/api/v1/checkins"
APPRECIATIONS = "/api/v1/appreciations"


def _bearer(raw: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def _make(client: Client, **data: object) -> str:
    body = {"name": "widget", "days": 90, "scope": "read", **data}
    page = client.post("/settings/tokens/", body, follow=True).content.decode()
    return re.search(r'value="(att_[^"]+)"', page).group(1)


def test_a_new_token_has_a_name_a_scope_and_works_for_ninety_days_by_default(alice):
    before = timezone.now()
    _make(fresh_login(alice))
    token = PersonalToken.objects.get(user=alice)
    assert token.name == "widget" and token.scope == "read"
    assert timedelta(days=89) < token.expires_at - before <= timedelta(days=90, minutes=1)
    page = fresh_login(alice).get("/settings/tokens/").content.decode()
    assert "read only" in page and "works until" in page


def test_a_token_stops_working_when_it_expires(alice):
    raw = _make(fresh_login(alice), days=30)
    assert Client().get(CHECKINS, **_bearer(raw)).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        assert Client().get(CHECKINS, **_bearer(raw)).status_code == 401


def test_a_read_only_token_reads_but_may_not_write(alice, couple):
    raw = _make(fresh_login(alice), scope="read")
    api = Client()
    assert api.get(CHECKINS, **_bearer(raw)).status_code == 200
    refused = api.post(
        APPRECIATIONS, {"text": "thank you"}, content_type="application/json", **_bearer(raw)
    )
    assert refused.status_code == 403 and "only read" in refused.json()["detail"]


def test_a_read_and_write_token_may_write(alice, couple):
    raw = _make(fresh_login(alice), scope="write")
    sent = Client().post(
        APPRECIATIONS, {"text": "thank you"}, content_type="application/json", **_bearer(raw)
    )
    assert sent.status_code == 201


def test_changing_the_password_ends_every_token(alice):
    client = fresh_login(alice)
    raw = _make(client)
    new = "another long password 7"
    client.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": new, "password2": new},
    )
    assert Client().get(CHECKINS, **_bearer(raw)).status_code == 401


def test_resetting_the_password_ends_every_token(alice):
    raw = _make(fresh_login(alice))
    Client().post("/accounts/password/reset/", {"email": alice.email})
    link = re.search(r"http://\S+/accounts/password/reset/key/\S+/", mail.outbox[-1].body).group(0)
    stranger = Client()
    form_url = stranger.get(link, follow=True).redirect_chain[-1][0]
    new = "a reset long password 3"
    stranger.post(form_url, {"password1": new, "password2": new})
    alice.refresh_from_db()
    assert alice.check_password(new)
    assert Client().get(CHECKINS, **_bearer(raw)).status_code == 401


def test_logging_out_everywhere_else_ends_every_token(alice):
    client = fresh_login(alice)
    raw = _make(client)
    client.post("/settings/sessions/end-others/")
    assert Client().get(CHECKINS, **_bearer(raw)).status_code == 401


def test_a_token_form_sent_back_after_confirm_its_you_still_posts_to_the_tokens_page(alice):
    # The first POST asks "Confirm it's you"; allauth then replays it, so the page comes back
    # at the confirmation address. Sending the form again must reach the tokens page, and a
    # missing name is asked for in plain words.
    from tests.conftest import login

    client = login(alice)
    prompt = client.post("/settings/tokens/", {"name": "", "days": 90, "scope": "read"})
    assert prompt.status_code == 302 and prompt["Location"].startswith("/accounts/reauthenticate/")
    replayed = client.post(prompt["Location"], {"password": PASSWORD})
    html = replayed.content.decode()
    assert 'action="/settings/tokens/"' in html
    assert "Give it a name, so you can tell your tokens apart." in html
    assert "This field is required" not in html
    made = client.post("/settings/tokens/", {"name": "My widget", "days": 90, "scope": "read"})
    assert made.status_code == 302 and PersonalToken.objects.filter(name="My widget").exists()


def test_quick_api_calls_write_last_used_once_and_the_page_says_so_truthfully(alice):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    raw = _make(fresh_login(alice))
    api = Client()
    writes = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as ctx:
            assert api.get(CHECKINS, **_bearer(raw)).status_code == 200
        writes += [q["sql"] for q in ctx.captured_queries if q["sql"].startswith("UPDATE")]
    assert len([w for w in writes if "accounts_personaltoken" in w]) == 1, writes
    page = fresh_login(alice).get("/settings/tokens/").content.decode()
    assert "used in the last few minutes" in page

    # Minutes later the next call writes the time again; an hour later the page says when.
    later = timezone.now() + timedelta(minutes=6)
    with time_machine.travel(later, tick=False):
        assert api.get(CHECKINS, **_bearer(raw)).status_code == 200
        assert PersonalToken.objects.get(user=alice).last_used_at == later
    with time_machine.travel(later + timedelta(hours=2)):
        page = fresh_login(alice).get("/settings/tokens/").content.decode()
    assert "last used 2\xa0hours ago" in page
