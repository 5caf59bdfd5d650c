"""What active listening gives Insights: conversations where the person, as speaker, felt heard,
and conversations to try (a topic from the catalogue). Own ratings only; two queries."""

import hashlib

from django.urls import reverse

from attunement import content
from attunement.accounts.models import User
from attunement.couples import access
from attunement.lib.insights import (
    Action,
    Figure,
    Series,
    Strategy,
    Window,
    count,
    mean,
    per_window,
    span,
)
from attunement.listening.models import Conversation, Level, Mode, Rating

FELT_HEARD = Figure(
    "listening.felt_heard",
    Strategy.LISTENING,
    "Conversations where you felt heard",
    "",
    0,
    5,
    "How many conversations you rated 4 or 5 for feeling heard.",
)
FELT_HEARD_MEAN = Figure(
    "listening.felt_heard_mean",
    Strategy.LISTENING,
    "How heard you felt",
    "",
    1,
    5,
    "Your own average rating of feeling heard, from 1 to 5. Only you see it.",
)
HEARD_AT = 4


class ListeningInsights:
    strategy = Strategy.LISTENING

    def figures(self, user: User, windows: list[Window]) -> list[Series]:
        start, stop = span(windows, user.tz)
        tz = user.tz
        ratings = [
            (at.astimezone(tz).date(), value)
            for at, value in access.own(user, Rating.objects)
            .filter(created_at__gte=start, created_at__lt=stop)
            .values_list("created_at", "felt_heard")
        ]
        heard = [(d, 1.0) for d, v in ratings if v >= HEARD_AT]
        return [
            Series(FELT_HEARD, per_window(heard, windows, count)),
            Series(FELT_HEARD_MEAN, per_window([(d, float(v)) for d, v in ratings], windows, mean)),
        ]

    def actions(self, user: User) -> list[Action]:
        start = reverse("listening_start")
        topics = content.load("conversation_topics")
        light = [t for t in topics if t["level"] == "light"]
        medium = [t for t in topics if t["level"] == "medium"]
        # A steady pick per person, so the suggestion does not change on every visit.
        seed = int(hashlib.sha256(str(user.pk).encode()).hexdigest(), 16)
        light_title = light[seed % len(light)]["title"] if light else ""
        medium_title = medium[seed % len(medium)]["title"] if medium else ""
        actions = [
            Action(
                "listening.light_topic",
                self.strategy,
                "Have a ten-minute listening conversation",
                start,
                f"A light topic to start with: “{light_title}”." if light else "",
            ),
            Action(
                "listening.medium_topic",
                self.strategy,
                "Take turns on a topic that matters more",
                start,
                f"For example: “{medium_title}”." if medium else "",
            ),
            Action(
                "listening.in_person",
                self.strategy,
                "Do one conversation in person, phones down",
                start,
                "Sit together with one device: the app keeps the turns for you.",
            ),
        ]
        return actions

    def tried(self, user: User, window: Window) -> set[str]:
        start, stop = span([window], user.tz)
        rows = access.took_part_in(user, Conversation.objects).filter(
            created_at__gte=start, created_at__lt=stop
        )
        done = set()
        for level, mode in rows.values_list("level", "mode"):
            done.add("listening.light_topic" if level == Level.LIGHT else "listening.medium_topic")
            if mode == Mode.IN_PERSON:
                done.add("listening.in_person")
        return done
