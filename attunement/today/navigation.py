"""The app's places, in the order the nav shows them: one entry per place.

A strategy adds its place with one line here. `bar` places sit in the phone's bottom bar (and
stay visible in the desktop header); the rest are under "More", grouped by `group`. `also` names
the other pages (URL names) that belong to a place, so the nav marks it as current there.
"""

from dataclasses import dataclass
from functools import cache

from django.urls import reverse


@dataclass(frozen=True)
class Place:
    url_name: str
    label: str
    group: str  # "bar", "Practice" or "You"
    also: tuple[str, ...] = ()


PLACES: list[Place] = [
    Place("today", "Today", "bar"),
    Place("check_in", "Check in", "bar", also=("check_in_detail", "respond")),
    Place("sharing_today", "Questions", "bar", also=("sharing_question", "sharing_history")),
    Place("listening", "Listening", "Practice", also=("listening_conversation", "listening_start")),
    Place("appreciations", "Appreciations", "Practice"),
    Place(
        "together",
        "Together",
        "Practice",
        also=(
            "together_swipe",
            "together_filters",
            "together_plan_new",
            "together_plan",
            "together_highlight",
            "together_memories",
            "together_calendar",
        ),
    ),
    Place(
        "empathy",
        "Empathy",
        "Practice",
        also=(
            "empathy_round_new",
            "empathy_round",
            "empathy_guess",
            "empathy_accuracy",
            "empathy_quiz",
            "empathy_self",
            "empathy_words",
            "empathy_perspective",
            "empathy_disagreement",
        ),
    ),
    Place(
        "differences",
        "Styles",
        "Practice",
        also=("differences_take", "differences_step", "differences_guess", "differences_map"),
    ),
    Place("insights", "Insights", "You", also=("insights_pulse", "insights_focus")),
    Place("history", "History", "You"),
    Place("couple", "Couple", "You"),
    Place(
        "profile",
        "Settings",
        "You",
        also=("tokens", "delete_account", "sessions", "reminders", "mfa_index"),
    ),
]


@dataclass(frozen=True)
class Link:
    href: str
    label: str
    group: str
    names: frozenset[str]


@cache
def links() -> tuple[Link, ...]:
    """The places with their addresses, reversed once per process."""
    return tuple(
        Link(reverse(p.url_name), p.label, p.group, frozenset((p.url_name, *p.also)))
        for p in PLACES
    )


def nav_for(url_name: str | None) -> dict[str, object]:
    """What base.html draws: the bar, the "More" groups, and which place is current."""
    items = [
        {
            "href": link.href,
            "label": link.label,
            "group": link.group,
            "current": url_name in link.names,
        }
        for link in links()
    ]
    groups: dict[str, list[dict[str, object]]] = {}
    for item in items:
        if item["group"] != "bar":
            groups.setdefault(str(item["group"]), []).append(item)
    return {
        "bar": [i for i in items if i["group"] == "bar"],
        "groups": list(groups.items()),
        "more_current": any(i["current"] for i in items if i["group"] != "bar"),
    }
