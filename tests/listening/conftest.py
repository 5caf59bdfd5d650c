import pytest

from attunement.accounts.models import User
from attunement.couples.models import Couple
from attunement.listening import services
from attunement.listening.models import Conversation

PIECE = "I feel tired on Sundays when the whole day fills up with errands. I need one slow morning."
REFLECTION = "You feel tired when our Sundays fill up with errands, and you need one slow morning."


def start(
    user: User, mode: str = "typed", topic_id: str = "t-003", **kwargs: object
) -> Conversation:
    return services.start_conversation(user=user, mode=mode, topic_id=topic_id, **kwargs)


def fresh(conversation: Conversation) -> Conversation:
    return Conversation.objects.select_related("couple", "owner", "partner", "speaker").get(
        pk=conversation.pk
    )


@pytest.fixture
def typed(alice: User, bob: User, couple: Couple) -> Conversation:
    return start(alice)


@pytest.fixture
def in_person(alice: User, bob: User, couple: Couple) -> Conversation:
    return start(alice, mode="in_person", topic_id="t-001", timer_minutes=3)


@pytest.fixture
def confirming(typed: Conversation, alice: User, bob: User) -> Conversation:
    services.send_piece(user=alice, conversation=fresh(typed), text=PIECE)
    services.send_reflection(user=bob, conversation=fresh(typed), text=REFLECTION)
    return fresh(typed)


@pytest.fixture
def responding(confirming: Conversation, alice: User) -> Conversation:
    services.confirm_reflection(user=alice, conversation=confirming, verdict="yes")
    return fresh(confirming)
