"""The Speaker–Listener ritual as a state machine: which step may happen when, and by whom.

Pure Python, no database: services ask `check()` before they claim a step with a conditional
UPDATE, so the rules live in one table that tests can walk completely.

Typed mode (each partner on their own device):

    speaking --piece (speaker)--> reflecting --reflection (listener)--> confirming
    confirming --yes (speaker)--> responding
    confirming --partly | not_quite (speaker)--> reflecting      (the listener tries again)
    responding --respond | switch (listener)--> speaking          (the roles switch)

In-person mode (one device, both partners sitting together; either may tap):

    speaking --pass--> reflecting --yes--> responding --switch--> speaking (roles switch)
    reflecting --not_quite--> reflecting                         (the listener tries again)

In both modes: any active state --pause--> paused --resume--> the state it was paused in;
anything but ended --end--> ended.
"""

from dataclasses import dataclass

TYPED, IN_PERSON = "typed", "in_person"
MODES = (TYPED, IN_PERSON)

SPEAKING, REFLECTING, CONFIRMING, RESPONDING = "speaking", "reflecting", "confirming", "responding"
PAUSED, ENDED = "paused", "ended"
ACTIVE = (SPEAKING, REFLECTING, CONFIRMING, RESPONDING)
STATES = (*ACTIVE, PAUSED, ENDED)

SPEAKER, LISTENER, EITHER = "speaker", "listener", "either"

# Actions of the ritual itself (the rest are pause, resume, end).
PIECE, REFLECTION, YES, PARTLY, NOT_QUITE, RESPOND, SWITCH, PASS = (
    "piece",
    "reflection",
    "yes",
    "partly",
    "not_quite",
    "respond",
    "switch",
    "pass",
)
PAUSE, RESUME, END = "pause", "resume", "end"
VERDICTS = (YES, PARTLY, NOT_QUITE)


@dataclass(frozen=True)
class Move:
    actor: str  # SPEAKER, LISTENER or EITHER
    to: str
    switch_roles: bool = False


TRANSITIONS: dict[str, dict[str, dict[str, Move]]] = {
    TYPED: {
        SPEAKING: {PIECE: Move(SPEAKER, REFLECTING)},
        REFLECTING: {REFLECTION: Move(LISTENER, CONFIRMING)},
        CONFIRMING: {
            YES: Move(SPEAKER, RESPONDING),
            PARTLY: Move(SPEAKER, REFLECTING),
            NOT_QUITE: Move(SPEAKER, REFLECTING),
        },
        RESPONDING: {
            RESPOND: Move(LISTENER, SPEAKING, switch_roles=True),
            SWITCH: Move(LISTENER, SPEAKING, switch_roles=True),
        },
    },
    IN_PERSON: {
        SPEAKING: {PASS: Move(EITHER, REFLECTING)},
        REFLECTING: {YES: Move(EITHER, RESPONDING), NOT_QUITE: Move(EITHER, REFLECTING)},
        RESPONDING: {SWITCH: Move(EITHER, SPEAKING, switch_roles=True)},
    },
}

# What the conversation is waiting for, to explain a refused step.
WAITING_FOR = {
    SPEAKING: "the speaker to share a piece",
    REFLECTING: "the listener to say back what they heard",
    CONFIRMING: "the speaker to say whether the reflection got it",
    RESPONDING: "the listener to respond before the roles switch",
}


class IllegalMove(Exception):
    """A step that may not happen now; the message is safe to show to either partner."""


def check(mode: str, state: str, action: str, role: str) -> Move:
    """The move `action` makes from `state`, when `role` ("speaker" or "listener") may take it.

    Raises IllegalMove with a clear message otherwise.
    """
    if action == END:
        if state == ENDED:
            raise IllegalMove("This conversation has already ended.")
        return Move(EITHER, ENDED)
    if state == ENDED:
        raise IllegalMove("This conversation has ended.")
    if action == PAUSE:
        if state == PAUSED:
            raise IllegalMove("This conversation is already paused.")
        return Move(EITHER, PAUSED)
    if action == RESUME:
        if state != PAUSED:
            raise IllegalMove("This conversation isn't paused.")
        return Move(EITHER, "")  # back to the state it was paused in
    if state == PAUSED:
        raise IllegalMove("This conversation is paused. Resume it to carry on.")
    move = TRANSITIONS.get(mode, {}).get(state, {}).get(action)
    if move is None:
        raise IllegalMove(
            "That step doesn't fit right now: "
            f"the conversation is waiting for {WAITING_FOR[state]}."
        )
    if move.actor != EITHER and move.actor != role:
        raise IllegalMove(
            f"It's your partner's turn: the conversation is waiting for {WAITING_FOR[state]}."
        )
    return move


def actor_of(mode: str, state: str) -> str | None:
    """Whose move it is in `state` (SPEAKER, LISTENER, EITHER), or None when nobody's."""
    moves = TRANSITIONS.get(mode, {}).get(state, {})
    actors = {m.actor for m in moves.values()}
    return actors.pop() if len(actors) == 1 else None


def allowed_actions(mode: str, state: str, role: str) -> list[str]:
    """Every action `role` may take in `state`, ritual steps first."""
    result = [
        action
        for action, move in TRANSITIONS.get(mode, {}).get(state, {}).items()
        if move.actor in (EITHER, role)
    ]
    if state in ACTIVE:
        result.append(PAUSE)
    if state == PAUSED:
        result.append(RESUME)
    if state != ENDED:
        result.append(END)
    return result
