import threading
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.utils import timezone

from attunement.couples.services import leave_couple
from attunement.listening import services
from attunement.listening.models import Conversation, Rating, Turn
from tests.conftest import make_user, pair
from tests.listening.conftest import PIECE, REFLECTION, fresh, start


def kinds(c: Conversation) -> list[tuple[int, str, str]]:
    return list(Turn.objects.filter(conversation=c).values_list("seq", "kind", "verdict"))


def test_typed_round_records_every_step_in_order_and_switches_roles(typed, alice, bob) -> None:
    services.send_piece(user=alice, conversation=fresh(typed), text=PIECE)
    services.send_reflection(user=bob, conversation=fresh(typed), text="You want a slow morning.")
    services.confirm_reflection(
        user=alice, conversation=fresh(typed), verdict="partly", clarification="And I'm tired."
    )
    services.send_reflection(user=bob, conversation=fresh(typed), text=REFLECTION)
    services.confirm_reflection(user=alice, conversation=fresh(typed), verdict="yes")
    services.send_response(user=bob, conversation=fresh(typed), text="That makes sense.")
    c = fresh(typed)
    assert (c.state, c.speaker_id, c.turn_of_id, c.step) == ("speaking", bob.pk, bob.pk, 7)
    assert kinds(c) == [
        (1, "piece", ""),
        (2, "reflection", ""),
        (3, "confirmation", "partly"),
        (4, "reflection", ""),
        (5, "confirmation", "yes"),
        (6, "response", ""),
        (7, "switch", ""),
    ]
    attempts = dict(Turn.objects.filter(conversation=c).values_list("seq", "attempt"))
    assert (attempts[2], attempts[3], attempts[4], attempts[5]) == (1, 1, 2, 2)


def test_listener_may_pass_without_responding(responding, alice, bob) -> None:
    services.send_response(user=bob, conversation=responding, text="")
    c = fresh(responding)
    assert c.speaker_id == bob.pk and c.state == "speaking"
    assert not Turn.objects.filter(conversation=c, kind="response").exists()


def test_out_of_turn_step_is_refused_and_changes_nothing(typed, alice, bob) -> None:
    with pytest.raises(services.ConversationConflict, match="your partner's turn"):
        services.send_piece(user=bob, conversation=fresh(typed), text=PIECE)
    with pytest.raises(services.ConversationConflict, match="waiting for"):
        services.send_reflection(user=bob, conversation=fresh(typed), text=REFLECTION)
    c = fresh(typed)
    assert (c.state, c.step) == ("speaking", 0)
    assert not Turn.objects.exists()


def test_stale_step_from_an_old_page_is_refused(typed, alice) -> None:
    services.send_piece(user=alice, conversation=fresh(typed), text=PIECE, expected_step=0)
    with pytest.raises(services.ConversationConflict, match="moved on"):
        services.pause_conversation(user=alice, conversation=fresh(typed), expected_step=0)
    assert fresh(typed).state == "reflecting"


def test_in_person_ritual_counts_tries_and_switches(in_person, alice, bob) -> None:
    services.advance_in_person(user=alice, conversation=fresh(in_person), action="pass")
    services.advance_in_person(user=alice, conversation=fresh(in_person), action="not_quite")
    services.advance_in_person(user=bob, conversation=fresh(in_person), action="yes")
    services.advance_in_person(user=bob, conversation=fresh(in_person), action="switch")
    c = fresh(in_person)
    assert (c.state, c.speaker_id, c.turn_of_id) == ("speaking", bob.pk, None)
    confirmations = list(
        Turn.objects.filter(conversation=c, kind="confirmation").values_list(
            "verdict", "attempt", "owner"
        )
    )
    assert confirmations == [("not_quite", 1, alice.pk), ("yes", 2, alice.pk)]
    assert not Turn.objects.exclude(text="").exists()


def test_in_person_taps_that_do_not_fit_are_refused(in_person, alice) -> None:
    with pytest.raises(services.ConversationConflict):
        services.advance_in_person(user=alice, conversation=fresh(in_person), action="yes")
    with pytest.raises(services.ConversationConflict):
        services.send_piece(user=alice, conversation=fresh(in_person), text=PIECE)
    assert fresh(in_person).step == 0


def test_pause_resume_returns_to_the_same_step_and_end_is_final(confirming, alice, bob) -> None:
    services.pause_conversation(user=bob, conversation=confirming)
    with pytest.raises(services.ConversationConflict, match="paused"):
        services.confirm_reflection(user=alice, conversation=fresh(confirming), verdict="yes")
    services.resume_conversation(user=alice, conversation=fresh(confirming))
    c = fresh(confirming)
    assert (c.state, c.turn_of_id) == ("confirming", alice.pk)
    services.end_conversation(user=bob, conversation=c)
    c = fresh(confirming)
    assert c.state == "ended" and c.ended_by_id == bob.pk and c.turn_of_id is None
    with pytest.raises(services.ConversationConflict, match="ended"):
        services.end_conversation(user=alice, conversation=c)


def test_leaving_the_couple_closes_its_conversations(typed, alice, bob) -> None:
    leave_couple(user=alice)
    c = fresh(typed)
    assert c.is_closed and not c.is_active
    with pytest.raises(services.ConversationConflict, match="ended"):
        services.send_piece(user=alice, conversation=c, text=PIECE)
    # leave_couple already marked it ended; closing again finds nothing left to close.
    assert fresh(typed).state == "ended"
    assert services.close_conversations_for_couple(c.couple) == 0


def test_starting_needs_a_partner(db) -> None:
    loner = make_user("lou@example.com", "Lou")
    with pytest.raises(services.ListeningError, match="invite your partner"):
        start(loner)


def test_rating_is_private_and_can_be_changed(confirming, alice) -> None:
    services.rate_conversation(user=alice, conversation=confirming, felt_heard=3, helped=["words"])
    services.rate_conversation(
        user=alice, conversation=confirming, felt_heard=5, helped=[], counts_for_partner=False
    )
    rating = Rating.objects.get()
    assert (rating.felt_heard, rating.visibility, rating.counts_for_partner) == (
        5,
        "private",
        False,
    )


def test_rating_before_anything_happened_is_refused(typed, alice) -> None:
    with pytest.raises(services.ConversationConflict):
        services.rate_conversation(user=alice, conversation=typed, felt_heard=3, helped=[])


def test_partner_is_emailed_that_it_is_their_turn_without_any_content(
    typed, alice, bob, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        services.send_piece(user=alice, conversation=fresh(typed), text=PIECE)
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == [bob.email] and "it's your turn in your conversation" in email.subject
    assert PIECE not in email.body and "Sunday" not in email.body and "t-003" not in email.body
    assert str(typed.uuid) in email.body


def test_turn_emails_are_throttled_per_conversation(
    confirming, alice, bob, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    # The fixture already emailed bob (piece) and alice (reflection) once; nothing more for an hour.
    with django_capture_on_commit_callbacks(execute=True):
        services.confirm_reflection(user=alice, conversation=confirming, verdict="not_quite")
        services.send_reflection(user=bob, conversation=fresh(confirming), text=REFLECTION)
    assert mailoutbox == []


@pytest.mark.django_db(transaction=True)
def test_two_devices_posting_at_once_cannot_both_take_the_step() -> None:
    alice = make_user("alice@example.com", "Alice")
    bob = make_user("bob@example.com", "Bob")
    pair(alice, bob)
    typed = start(alice)
    for attempt in range(3):
        barrier = threading.Barrier(2)
        outcomes: list[str] = []

        def post(
            text: str, barrier: threading.Barrier = barrier, outcomes: list = outcomes
        ) -> None:
            try:
                conversation = fresh(typed)
                barrier.wait()
                services.send_piece(user=alice, conversation=conversation, text=text)
                outcomes.append("sent")
            except services.ConversationConflict:
                outcomes.append("conflict")
            finally:
                connection.close()

        threads = [threading.Thread(target=post, args=(f"piece {n}",)) for n in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(outcomes) == ["conflict", "sent"]
        c = fresh(typed)
        pieces = Turn.objects.filter(conversation=c, kind="piece", owner=alice)
        assert c.state == "reflecting" and pieces.count() == attempt + 1
        # Move the ritual back to the speaker for the next race.
        services.send_reflection(user=bob, conversation=c, text=REFLECTION)
        services.confirm_reflection(user=alice, conversation=fresh(typed), verdict="yes")
        services.send_response(user=bob, conversation=fresh(typed), text="")
        services.send_piece(user=bob, conversation=fresh(typed), text=PIECE)
        services.send_reflection(user=alice, conversation=fresh(typed), text=REFLECTION)
        services.confirm_reflection(user=bob, conversation=fresh(typed), verdict="yes")
        services.send_response(user=alice, conversation=fresh(typed), text="")
    seqs = list(Turn.objects.filter(conversation=typed).values_list("seq", flat=True))
    assert seqs == list(range(1, len(seqs) + 1))


def test_no_turn_email_while_the_partner_watches_the_conversation_live(
    typed, alice, bob, as_bob, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    assert as_bob.get(f"/listening/{typed.uuid}/live/?step=0").status_code in (200, 204)
    with django_capture_on_commit_callbacks(execute=True):
        services.send_piece(user=alice, conversation=fresh(typed), text=PIECE)
    assert mailoutbox == []
    # A minute later, with the page closed, the next turn is emailed again.
    with time_machine.travel(timezone.now() + timedelta(seconds=61)):
        from attunement.listening import presence

        assert not presence.is_watching(typed.uuid, bob.pk)
