from django.urls import reverse

from attunement.accounts.http import SignedInRequest
from attunement.accounts.models import User
from attunement.couples import access
from attunement.lib.panels import Asked, Asks, NextStep, Panel, Practice, first_row, row_of
from attunement.listening import machine
from attunement.listening.models import Conversation, State

STATUS: dict[str, str] = {
    State.SPEAKING: "Share a piece of what's on your mind.",
    State.REFLECTING: "Say back what you heard.",
    State.CONFIRMING: "Say whether the reflection got it.",
    State.RESPONDING: "Validate or respond, then the floor passes to you.",
}
SHOWN = ("uuid", "topic_id", "own_topic", "state")


def asks(user: User) -> Asks:
    """An open typed conversation of the current couple where it's this person's move (the
    columns the panel shows, in Today's one query, however many conversations)."""
    couple = access.current_couple(user)
    if couple is None:
        return {}
    waiting = access.visible(
        user, Conversation.objects.filter(couple=couple, turn_of=user, state__in=machine.ACTIVE)
    ).order_by("-updated_at")
    return first_row("listening", waiting, *SHOWN)


def panel(request: SignedInRequest, asked: Asked) -> Panel | None:
    partner = access.partner_of(request.user)
    conversation = row_of(asked, "listening", Conversation)
    if conversation is None or partner is None:
        return None
    # In the current couple, the other person is the current partner.
    other = partner.name
    url = reverse("listening_conversation", args=[conversation.uuid])
    context = {
        "conversation": conversation,
        "other": other,
        "status": STATUS.get(conversation.state, ""),
    }
    return Panel(
        "listening/_today.html",
        context,
        NextStep(
            f"Your turn in your conversation with {other}",
            url,
            practice=Practice.CONVERSATION_TURN,
        ),
    )
