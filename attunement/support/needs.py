"""What a person needs today, and the quick responses that fit each need (and their style)."""

from django.db import models

from attunement.couples.style import StyleHints


class Need(models.TextChoices):
    LISTENED = "listened", "To be listened to"
    COMFORT = "comfort", "Comfort"
    HELP = "help", "Practical help"
    SPACE = "space", "Some space"
    CELEBRATE = "celebrate", "To celebrate"
    NOTHING = "nothing", "Nothing in particular"


class QuickResponse(models.TextChoices):
    """One-tap responses to a check-in. Values are stored; labels can be reworded safely."""

    HERE_TONIGHT = "here_tonight", "I'm here. Want to talk tonight?"
    TELL_ME = "tell_me", "I'd love to hear about it whenever you're ready."
    HUG = "hug", "Sending you a big hug."
    THINKING_OF_YOU = "thinking_of_you", "Thinking of you today."
    HOW_HELP = "how_help", "How can I help?"
    TAKE_TASK = "take_task", "Let me take something off your plate today."
    TAKE_TIME = "take_time", "Take the time you need. I'm here when you're ready."
    SO_HAPPY = "so_happy", "So happy for you!"
    CELEBRATE_TONIGHT = "celebrate_tonight", "Let's celebrate tonight!"
    THANKS_SHARING = "thanks_sharing", "Thanks for letting me know how you are."
    MIND_OFF = "mind_off", "Fancy doing something fun to take your mind off it?"


Q = QuickResponse
FITTING: dict[str, tuple[QuickResponse, ...]] = {
    Need.LISTENED: (Q.HERE_TONIGHT, Q.TELL_ME, Q.HUG),
    Need.COMFORT: (Q.HUG, Q.THINKING_OF_YOU, Q.HERE_TONIGHT),
    Need.HELP: (Q.HOW_HELP, Q.TAKE_TASK, Q.HUG),
    Need.SPACE: (Q.TAKE_TIME, Q.THINKING_OF_YOU),
    Need.CELEBRATE: (Q.SO_HAPPY, Q.CELEBRATE_TONIGHT, Q.HUG),
    Need.NOTHING: (Q.THANKS_SHARING, Q.THINKING_OF_YOU, Q.HUG),
}


# The quick responses that fit each kind of support a person may prefer when stressed
# (couples.style.SUPPORT_KINDS).
BY_SUPPORT: dict[str, tuple[QuickResponse, ...]] = {
    "listening": (Q.TELL_ME, Q.HERE_TONIGHT),
    "comfort": (Q.HUG, Q.THINKING_OF_YOU),
    "practical": (Q.TAKE_TASK, Q.HOW_HELP),
    "distraction": (Q.MIND_OFF,),
    "space": (Q.TAKE_TIME,),
}
MOST_OFFERED = 4
# The needs of a hard day, where how a person likes to be supported when stressed applies.
STRAINED = frozenset({Need.LISTENED, Need.COMFORT, Need.HELP, Need.SPACE})
SUPPORT_WORDS = {
    "listening": "being listened to",
    "comfort": "comfort",
    "practical": "practical help",
    "distraction": "something to take their mind off it",
    "space": "some space",
}


def quick_responses_for(need: str, style: StyleHints | None = None) -> list[tuple[str, str]]:
    """The quick responses a partner is offered on a check-in with this need.

    With the writer's shared style (couples.style.style_hints), their support preferences
    decide the rest of the list: today's need keeps its first response, then come the
    responses that fit the kinds of support they like most, then the need's others; responses
    of kinds that help them little are left out. A celebration is not stress: unchanged.
    """
    fitting = FITTING.get(need, (Q.HUG,))
    if style is None or need == Need.CELEBRATE:
        return [(q.value, q.label) for q in fitting]
    little = {q for kind in style.helps_little for q in BY_SUPPORT.get(kind, ())}
    preferred = [q for kind in style.prefers for q in BY_SUPPORT.get(kind, ())]
    rest = [q for q in fitting[1:] if q not in little]
    chosen = list(dict.fromkeys([fitting[0], *preferred, *rest]))[:MOST_OFFERED]
    return [(q.value, q.label) for q in chosen]


def support_words(need: str, style: StyleHints | None) -> str:
    """'practical help and some space': the kinds of support the writer likes most, when
    their style shapes the quick responses for this need (else "")."""
    if style is None or need not in STRAINED:
        return ""
    kinds = [SUPPORT_WORDS[k] for k in style.prefers if k in SUPPORT_WORDS]
    return " and ".join(kinds)
