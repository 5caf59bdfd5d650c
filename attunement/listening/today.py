from django.urls import reverse

from attunement.accounts.http import SignedInRequest
from attunement.couples import access
from attunement.lib.panels import NextStep, Panel, Practice
from attunement.listening import machine
from attunement.listening.models import Conversation, State

STATUS: dict[str, str] = {
    State.SPEAKING: "Share a piece of what's on your mind.",
    State.REFLECTING: "Say back what you heard.",
    State.CONFIRMING: "Say whether the reflection got it.",
    State.RESPONDING: "Validate or respond, then the floor passes to you.",
}


def panel(request: SignedInRequest) -> Panel | None:
    """An open typed conversation where it's this person's move (one query, however many)."""
    user = request.user
    couple = access.current_couple(user)
    if couple is None:
        return None
    conversation = (
        access.visible(
            user,
            Conversation.objects.filter(couple=couple, turn_of=user, state__in=machine.ACTIVE),
        )
        .select_related("owner", "partner")
        .order_by("-updated_at")
        .first()
    )
    if conversation is None:
        return None
    other = conversation.other_name_for(user.pk)
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
