"""A shared style changes the rest of the app: the quick responses a partner is offered on a
check-in, and a line at the start of a listening conversation (through couples.style)."""

import pytest

from attunement.couples.models import Visibility
from attunement.differences.hints import from_scores
from attunement.listening import services as listening
from attunement.support.needs import quick_responses_for
from tests import builders
from tests.differences.helpers import ALICE, BOB, take

pytestmark = pytest.mark.django_db

PLATE = "Let me take something off your plate today."
HUG = "Sending you a big hug."


def test_bobs_shared_style_decides_what_alice_is_offered_on_his_check_in(
    alice, bob, couple, as_alice
):
    take(bob, BOB, shared=True)  # practical help and space help most; comfort little
    c = builders.check_in(bob, couple=couple, need="listened", visibility=Visibility.SHARED)
    for url in ("/today/", f"/checkin/{c.uuid}/"):
        page = as_alice.get(url).content.decode()
        assert PLATE in page, url
        assert HUG not in page, url
        assert "practical help and some space help most" in page


def test_a_private_style_changes_nothing(alice, bob, couple, as_alice):
    take(bob, BOB)
    c = builders.check_in(bob, couple=couple, need="listened", visibility=Visibility.SHARED)
    page = as_alice.get(f"/checkin/{c.uuid}/").content.decode()
    assert HUG in page and PLATE not in page
    assert "style profile" not in page


def test_a_celebration_keeps_its_own_responses():
    style = from_scores({"support_practical": 7.0, "support_comfort": 1.0})
    assert quick_responses_for("celebrate", style) == quick_responses_for("celebrate")


def test_todays_need_comes_first_then_the_preferred_kinds():
    style = from_scores({"support_comfort": 7.0, "support_listening": 6.0, "support_space": 2.0})
    offered = [key for key, _ in quick_responses_for("space", style)]
    assert offered[0] == "take_time"
    assert offered[1:3] == ["hug", "thinking_of_you"]
    assert len(offered) <= 4


def test_the_conversation_starts_with_a_line_about_the_partners_processing(
    alice, bob, couple, as_alice, as_bob
):
    take(bob, BOB, shared=True)  # thinks first
    take(alice, ALICE, shared=True)  # talks now
    conversation = listening.start_conversation(user=alice, mode="typed", topic_id="t-001")
    url = f"/listening/{conversation.uuid}/"
    assert (
        "Bob likes time to think first: it&#x27;s fine to pause."
        in as_alice.get(url).content.decode()
    )
    assert "Alice likes to talk things through as they come" in as_bob.get(url).content.decode()


def test_no_line_without_a_shared_profile(alice, bob, couple, as_alice):
    take(bob, BOB)
    conversation = listening.start_conversation(user=alice, mode="typed", topic_id="t-001")
    assert "think first" not in as_alice.get(f"/listening/{conversation.uuid}/").content.decode()
