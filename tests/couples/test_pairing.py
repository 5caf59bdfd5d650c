import re
import threading
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test import Client
from django.utils import timezone

from attunement.accounts.models import hash_token
from attunement.couples import access
from attunement.couples.models import Invitation, Membership
from attunement.couples.services import (
    PairingError,
    accept_invitation,
    create_invitation,
    leave_couple,
)
from tests.builders import check_in
from tests.conftest import login, make_user


def test_invitation_token_is_long_random_and_stored_only_as_a_hash(alice):
    invitation, raw = create_invitation(inviter=alice)
    assert len(raw) >= 43  # 32 random bytes, URL-safe: 256 bits
    assert invitation.token_hash == hash_token(raw)
    assert raw not in str(Invitation.objects.values_list().get(pk=invitation.pk))


def test_partner_joins_through_the_link_and_both_are_paired(alice, bob):
    _, raw = create_invitation(inviter=alice)
    response = login(bob).post(f"/couple/join/{raw}/")
    assert response.status_code == 302
    access.forget(alice)
    assert access.partner_of(alice).pk == bob.pk
    access.forget(bob)
    assert access.partner_of(bob).pk == alice.pk


def test_a_link_works_only_once(alice, bob, charlie):
    _, raw = create_invitation(inviter=alice)
    accept_invitation(raw_token=raw, user=bob)
    with pytest.raises(PairingError):
        accept_invitation(raw_token=raw, user=charlie)
    assert login(charlie).get(f"/couple/join/{raw}/").status_code == 404


def test_a_link_expires_after_seven_days(alice, bob):
    _, raw = create_invitation(inviter=alice)
    with time_machine.travel(timezone.now() + timedelta(days=7, minutes=1)):
        with pytest.raises(PairingError, match="expired"):
            accept_invitation(raw_token=raw, user=bob)
    assert access.current_couple(bob) is None


def test_a_new_link_cancels_the_previous_one(alice, bob):
    _, first = create_invitation(inviter=alice)
    create_invitation(inviter=alice)
    with pytest.raises(PairingError):
        accept_invitation(raw_token=first, user=bob)


def test_nobody_can_accept_their_own_link(alice):
    _, raw = create_invitation(inviter=alice)
    with pytest.raises(PairingError, match="your own"):
        accept_invitation(raw_token=raw, user=alice)


def test_a_person_is_in_at_most_one_couple(alice, bob, charlie, couple):
    with pytest.raises(PairingError):
        create_invitation(inviter=alice)
    _, raw = create_invitation(inviter=charlie)
    with pytest.raises(PairingError, match="already paired"):
        accept_invitation(raw_token=raw, user=bob)
    assert Membership.objects.filter(user=bob, left_at__isnull=True).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_people_accepting_the_same_link_at_once_pair_exactly_once():
    alice = make_user("alice@example.com", "Alice")
    takers = [make_user(f"t{i}@example.com", f"T{i}") for i in range(2)]
    _, raw = create_invitation(inviter=alice)
    barrier = threading.Barrier(2)
    results: list[str] = []

    def take(user):
        barrier.wait()
        try:
            accept_invitation(raw_token=raw, user=user)
            results.append("paired")
        except PairingError:
            results.append("refused")
        except Exception as exc:  # surfaced in the assertion below
            results.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=take, args=(u,)) for u in takers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["paired", "refused"]
    assert Membership.objects.filter(user=alice, left_at__isnull=True).count() == 1


def test_invitation_email_carries_the_link_and_nothing_personal(
    alice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = login(alice).post("/couple/", {"email": "partner@example.com"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "/couple/join/" in body
    assert "Alice" in body


def test_leaving_ends_the_partners_access_on_the_very_next_request(alice, bob, couple):
    c = check_in(alice, couple=couple, note="for bob only", visibility="shared")
    as_bob = login(bob)
    assert as_bob.get(f"/checkin/{c.uuid}/").status_code == 200
    leave_couple(user=alice)
    assert as_bob.get(f"/checkin/{c.uuid}/").status_code == 404
    assert "for bob only" not in as_bob.get("/today/").content.decode()
    # Alice keeps what she wrote.
    assert login(alice).get(f"/checkin/{c.uuid}/").status_code == 200


def test_leaving_sends_no_email_to_anyone(alice, bob, couple):
    response = login(alice).post("/couple/leave/")
    assert response.status_code == 302
    assert mail.outbox == []
    assert access.current_couple(bob) is None


def test_signed_out_partner_is_brought_back_to_the_link_after_logging_in(alice, bob):
    _, raw = create_invitation(inviter=alice)
    client = Client()
    page = client.get(f"/couple/join/{raw}/")
    assert page.status_code == 200 and "Alice invited you" in page.content.decode()
    response = client.post(
        "/accounts/login/", {"login": bob.email, "password": "a long test password 1"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/couple/join/{raw}/"


def test_pairing_pages_refuse_wrong_methods(alice):
    client = login(alice)
    assert client.delete("/couple/").status_code == 405
    assert (
        client.get("/couple/invitations/00000000-0000-0000-0000-000000000000/revoke/").status_code
        == 405
    )


def test_leaving_closes_the_couples_conversations(alice, bob, couple):
    from attunement.listening.services import start_conversation

    conversation = start_conversation(user=alice, mode="typed", topic_id="t-001")
    leave_couple(user=bob)
    conversation.refresh_from_db()
    assert conversation.state == "ended" and conversation.ended_at is not None


def test_join_error_is_shown_once(bob, charlie, couple):
    _, raw = create_invitation(inviter=charlie)
    response = login(bob).post(f"/couple/join/{raw}/")
    assert response.status_code == 409
    page = response.content.decode()
    assert page.count("already paired") == 1
    assert page.count('role="alert"') == 1
    assert Membership.objects.filter(user=bob, left_at__isnull=True).count() == 1


def test_api_and_page_refuse_an_invitation_with_the_same_words(alice, couple):
    client = login(alice)
    page = client.post("/couple/", {"email": ""})
    api = client.post("/api/v1/couple/invitations")
    assert (page.status_code, api.status_code) == (409, 409)
    assert api.json() == {"detail": "You are already paired with someone."}
    assert page.content.decode().count("You are already paired with someone.") == 1
    assert not Invitation.objects.exists()


def _shown_link(page) -> str:
    return re.search(r'id="invite-url" type="text" readonly value="([^"]+)"', page).group(1)


def test_refreshing_the_invite_page_keeps_the_link_and_emails_nobody_again(
    alice, bob, django_capture_on_commit_callbacks
):
    client = login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/couple/", {"email": "partner@example.com"})
    assert response.status_code == 302 and response["Location"] == "/couple/"
    first = client.get("/couple/").content.decode()
    again = client.get("/couple/").content.decode()
    link = _shown_link(first)
    assert _shown_link(again) == link and link.startswith("http://testserver/couple/join/")
    assert "<svg" in again and "QR code of the link" in again
    assert len(mail.outbox) == 1 and Invitation.objects.count() == 1
    # Another device of hers, or anyone else, never sees the raw link.
    assert "invite-url" not in login(alice).get("/couple/").content.decode()
    assert login(bob).post(link.removeprefix("http://testserver")).status_code == 302
    assert access.partner_of(alice) == bob


def test_a_new_link_replaces_the_shown_one(alice):
    client = login(alice)
    client.post("/couple/", {"email": ""})
    first = _shown_link(client.get("/couple/").content.decode())
    client.post("/couple/", {"email": ""})
    second = _shown_link(client.get("/couple/").content.decode())
    assert first != second
    assert Invitation.objects.filter(revoked_at__isnull=True).count() == 1


def test_the_invite_link_uses_the_address_the_inviter_is_using(alice, settings):
    settings.ALLOWED_HOSTS = ["192.168.1.23"]
    client = login(alice)
    client.post("/couple/", {"email": ""}, HTTP_HOST="192.168.1.23:8000")
    link = _shown_link(client.get("/couple/", HTTP_HOST="192.168.1.23:8000").content.decode())
    assert link.startswith("http://192.168.1.23:8000/couple/join/")


def test_opening_your_own_link_says_it_is_yours_with_no_join_button(alice):
    _, raw = create_invitation(inviter=alice)
    page = login(alice).get(f"/couple/join/{raw}/").content.decode()
    assert "This is your own invitation link" in page
    assert "Join Alice" not in page


def test_opening_a_partners_link_signed_in_says_which_account_you_are_using(alice, bob):
    _, raw = create_invitation(inviter=alice)
    client = login(bob)
    page = client.get(f"/couple/join/{raw}/").content.decode()
    assert f"You are logged in as {bob.email}" in page and "Not you?" in page
    assert "Join Alice" in page
    out = client.post("/accounts/logout/", {"next": f"/couple/join/{raw}/"})
    assert out.status_code == 302 and out["Location"] == f"/couple/join/{raw}/"


def test_pairing_ends_every_other_open_link_of_both_people(alice, bob, charlie):
    from attunement.couples import services

    _, bobs_raw = services.create_invitation(inviter=bob)
    _, alices_raw = services.create_invitation(inviter=alice)
    services.accept_invitation(raw_token=alices_raw, user=bob)
    assert services.find_open_invitation(bobs_raw) is None
    with pytest.raises(services.PairingError):
        services.accept_invitation(raw_token=bobs_raw, user=charlie)
