"""The first-run welcome: where sign-up lands, shown once, and what it offers."""

import re

from django.core import mail
from django.test import Client

from tests.conftest import login, pair

SIGNUP = {
    "display_name": "Jordan",
    "email": "jordan@example.com",
    "password1": "correct horse battery 9",
    "password2": "correct horse battery 9",
}


def _confirm(client: Client) -> str:
    link = re.search(r"https?://\S*/accounts/confirm-email/\S*", mail.outbox[-1].body)
    assert link
    response = client.post(link.group(0).split("testserver")[-1])
    assert response.status_code == 302
    return response["Location"]


def test_sign_up_lands_on_the_welcome_once(db):
    client = Client()
    client.post("/accounts/signup/", SIGNUP)
    assert _confirm(client) == "/welcome/"
    page = client.get("/welcome/").content.decode()
    assert "Welcome, Jordan" in page
    assert "What stays private" in page and "encrypted" in page
    assert "The one thing to do first" in page and "Check in" in page
    assert "Invite your partner" in page and "Continue on my own" in page
    # Later logins go to Today, not to the welcome again.
    client.logout()
    response = client.post(
        "/accounts/login/", {"login": SIGNUP["email"], "password": SIGNUP["password1"]}
    )
    assert response["Location"] == "/today/"


def test_welcome_for_someone_already_paired_names_the_partner_and_offers_no_invite(alice, bob):
    pair(alice, bob)
    page = login(alice).get("/welcome/").content.decode()
    assert "<strong>Bob</strong> will see the check-ins you choose to share" in page
    assert "Invite your partner" not in page


def test_welcome_query_count_is_small(alice, django_assert_max_num_queries):
    client = login(alice)
    with django_assert_max_num_queries(6):
        assert client.get("/welcome/").status_code == 200


def test_landing_page_names_every_practice(db):
    page = Client().get("/").content.decode()
    for practice in (
        "Check in",
        "A daily question",
        "Listen to each other",
        "Understand each other",
        "Time together",
        "Honour your differences",
    ):
        assert practice in page


def test_someone_who_signs_up_through_a_partners_link_meets_the_welcome_after_joining(alice):
    from attunement.couples.services import create_invitation

    _, raw = create_invitation(inviter=alice)
    client = Client()
    client.get(f"/couple/join/{raw}/")
    # Another address: confirmation emails are rate-limited per address across tests.
    client.post("/accounts/signup/", {**SIGNUP, "email": "jordan.invited@example.com"})
    assert _confirm(client) == f"/couple/join/{raw}/"
    response = client.post(f"/couple/join/{raw}/")
    assert response["Location"] == "/welcome/"
    page = client.get("/welcome/").content.decode()
    assert "You and Alice are now paired." in page and "Welcome, Jordan" in page
    # Only once: a later link (or Today) goes on as usual.
    assert "welcome_after_joining" not in client.session
