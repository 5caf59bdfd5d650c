"""People choose whether they get content-free "something needs you" emails."""

from django.core import mail

from attunement.listening import services as listening
from tests.listening.conftest import PIECE, start
from tests.sharing.helpers import OTHER, SECRET, answer


def test_turn_and_reveal_emails_stop_when_a_person_turns_them_off(
    alice, bob, couple, as_bob, django_capture_on_commit_callbacks
):
    as_bob.post(
        "/settings/",
        {"display_name": "Bob", "time_zone": "UTC"},  # box left unticked
    )
    bob.refresh_from_db()
    assert bob.partner_emails is False
    with django_capture_on_commit_callbacks(execute=True):
        conversation = start(alice)
        listening.send_piece(user=alice, conversation=conversation, text=PIECE)
        answer(alice, SECRET)
        answer(bob, OTHER)
    assert [m.to for m in mail.outbox] == [["alice@example.com"]]  # only alice's reveal email
    assert "read each other's answers" in mail.outbox[0].subject


def test_the_settings_page_offers_the_choice_ticked_by_default(alice, as_alice):
    page = as_alice.get("/settings/").content.decode()
    assert 'name="partner_emails"' in page and "never what was written" in page
    assert alice.partner_emails is True
