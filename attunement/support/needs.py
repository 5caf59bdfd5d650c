"""What a person needs today, and the quick responses that fit each need."""

from django.db import models


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


Q = QuickResponse
FITTING: dict[str, tuple[QuickResponse, ...]] = {
    Need.LISTENED: (Q.HERE_TONIGHT, Q.TELL_ME, Q.HUG),
    Need.COMFORT: (Q.HUG, Q.THINKING_OF_YOU, Q.HERE_TONIGHT),
    Need.HELP: (Q.HOW_HELP, Q.TAKE_TASK, Q.HUG),
    Need.SPACE: (Q.TAKE_TIME, Q.THINKING_OF_YOU),
    Need.CELEBRATE: (Q.SO_HAPPY, Q.CELEBRATE_TONIGHT, Q.HUG),
    Need.NOTHING: (Q.THANKS_SHARING, Q.THINKING_OF_YOU, Q.HUG),
}


def quick_responses_for(need: str) -> list[tuple[str, str]]:
    return [(q.value, q.label) for q in FITTING.get(need, (Q.HUG,))]
