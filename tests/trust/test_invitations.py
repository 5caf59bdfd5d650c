"""Invitation emails cannot be turned against strangers (issue 12, item 12)."""

from django.core import mail
from django.test import override_settings

from attunement.couples.models import Invitation
from tests.conftest import login


def _invite(client, email: str = "partner@example.com"):
    return client.post("/couple/", {"email": email})


@override_settings(INVITATION_EMAILS_PER_HOUR=3)
def test_a_person_sends_only_a_few_invitation_emails_an_hour(
    alice, django_capture_on_commit_callbacks
):
    client = login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        for i in range(3):
            assert _invite(client, f"p{i}@example.com").status_code == 302
        refused = _invite(client, "p9@example.com")
    assert refused.status_code == 409
    assert "several invitation emails in the last hour" in refused.content.decode()
    assert len(mail.outbox) == 3
    # A link to copy still works: only the emails are limited.
    assert client.post("/couple/", {"email": ""}).status_code == 302
    assert Invitation.objects.filter(inviter=alice).count() == 4


def test_the_inviters_name_never_reaches_the_subject(alice, django_capture_on_commit_callbacks):
    alice.display_name = "Your bank: verify now"
    alice.save()
    with django_capture_on_commit_callbacks(execute=True):
        _invite(login(alice))
    (message,) = mail.outbox
    assert "bank" not in message.subject and message.subject == "You're invited to Attunement"


def test_a_line_break_in_a_name_is_removed_and_never_breaks_a_page_or_an_email(
    alice, django_capture_on_commit_callbacks
):
    client = login(alice)
    response = client.post(
        "/settings/",
        {
            "display_name": "Ali\r\nBcc: everyone@example.com\u202e",
            "time_zone": "UTC",
        },
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.display_name == "Ali Bcc: everyone@example.com"
    with django_capture_on_commit_callbacks(execute=True):
        assert _invite(client).status_code == 302
    assert len(mail.outbox) == 1


def test_a_name_stored_with_a_line_break_is_shown_without_it(alice, bob, couple):
    alice.display_name = "Ali\nce"
    alice.save(update_fields=["display_name"])
    assert alice.name == "Ali ce"
    assert login(bob).get("/couple/").status_code == 200


def test_sign_up_cleans_the_name_too(db):
    from django.test import Client

    from attunement.accounts.models import User

    password = "a long test password 1"
    Client().post(
        "/accounts/signup/",
        {
            "display_name": "Sam\x00\x1b[31m",
            "email": "sam@example.com",
            "password1": password,
            "password2": password,
        },
    )
    assert User.objects.get(email="sam@example.com").display_name == "Sam[31m"
