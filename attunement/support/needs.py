"""What a person needs today, and the quick responses that fit each need."""

from django.db import models


class Need(models.TextChoices):
    LISTENED = "listened", "To be listened to"
    COMFORT = "comfort", "Comfort"
    HELP = "help", "Practical help"
    SPACE = "space", "Some space"
    CELEBRATE = "celebrate", "To celebrate"
    NOTHING = "nothing", "Nothing in particular"


# Quick responses (id -> text). Ids are stored; texts can be reworded safely.
QUICK_RESPONSES: dict[str, str] = {
    "here_tonight": "I'm here. Want to talk tonight?",
    "tell_me": "I'd love to hear about it whenever you're ready.",
    "hug": "Sending you a big hug.",
    "thinking_of_you": "Thinking of you today.",
    "how_help": "How can I help?",
    "take_task": "Let me take something off your plate today.",
    "take_time": "Take the time you need. I'm here when you're ready.",
    "so_happy": "So happy for you!",
    "celebrate_tonight": "Let's celebrate tonight!",
    "thanks_sharing": "Thanks for letting me know how you are.",
}

FITTING: dict[str, tuple[str, ...]] = {
    Need.LISTENED: ("here_tonight", "tell_me", "hug"),
    Need.COMFORT: ("hug", "thinking_of_you", "here_tonight"),
    Need.HELP: ("how_help", "take_task", "hug"),
    Need.SPACE: ("take_time", "thinking_of_you"),
    Need.CELEBRATE: ("so_happy", "celebrate_tonight", "hug"),
    Need.NOTHING: ("thanks_sharing", "thinking_of_you", "hug"),
}


def quick_responses_for(need: str) -> list[tuple[str, str]]:
    return [(key, QUICK_RESPONSES[key]) for key in FITTING.get(need, ("hug",))]
