"""Today's next step follows the day's practice in order, and says so when the day is done."""

from django.test import Client

from attunement.accounts.models import User
from attunement.couples.models import Couple, Visibility
from attunement.lib.panels import NextStep, Panel, Practice, next_step
from attunement.listening import services as listening
from attunement.support import services as support
from attunement.support.models import CheckIn
from tests.builders import check_in
from tests.sharing.helpers import answer

ALL_SET = "You're all set for today"


def step_label(client: Client) -> str | None:
    step = client.get("/today/").context["next_step"]
    return step.label if step else None


def test_the_earliest_open_practice_wins_whatever_the_panel_order():
    later = Panel("a.html", next_step=NextStep("Talk", "/t", practice=Practice.CONVERSATION_TURN))
    sooner = Panel("b.html", next_step=NextStep("Answer", "/q", practice=Practice.DAILY_QUESTION))
    assert next_step([later, Panel("c.html"), sooner]) == sooner.next_step
    assert next_step([Panel("c.html")]) is None


def test_a_couples_day_goes_check_in_question_respond_then_all_set(
    alice: User, bob: User, couple: Couple, as_alice: Client
):
    assert step_label(as_alice) == "Check in for today"
    check_in(alice, couple=couple)
    assert step_label(as_alice) == "Answer today's question"
    check_in(bob, couple=couple, visibility=Visibility.SHARED)
    assert step_label(as_alice) == "Answer today's question"
    answer(alice)
    assert step_label(as_alice) == "Turn toward Bob"
    theirs = CheckIn.objects.get(owner=bob)
    support.respond_to_check_in(user=alice, check_in=theirs, quick="hug", message="")
    page = as_alice.get("/today/").content.decode()
    assert ALL_SET in page
    assert "Your next step" not in page
    assert "streak" not in page.lower()


def test_your_turn_in_a_conversation_comes_after_the_question_and_keeps_the_day_open(
    alice: User, bob: User, couple: Couple, as_alice: Client
):
    check_in(alice, couple=couple)
    listening.start_conversation(user=alice, mode="typed", topic_id="t-003")
    assert step_label(as_alice) == "Answer today's question"
    answer(alice)
    assert step_label(as_alice) == "Your turn in your conversation with Bob"
    assert ALL_SET not in as_alice.get("/today/").content.decode()


def test_alone_the_day_is_done_after_a_check_in_and_the_question(alice: User, as_alice: Client):
    check_in(alice)
    assert step_label(as_alice) == "Answer today's question"
    answer(alice)
    page = as_alice.get("/today/").content.decode()
    assert ALL_SET in page and "Better together" in page
    assert "appreciate" not in page  # nobody to thank yet


def test_waiting_for_the_partner_to_answer_does_not_keep_your_day_open(
    alice: User, bob: User, couple: Couple, as_alice: Client
):
    check_in(alice, couple=couple)
    answer(alice)
    assert ALL_SET in as_alice.get("/today/").content.decode()
