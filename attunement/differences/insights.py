"""What honouring differences gives Insights: three kinds of action, and no weekly figure.

A style reflection is taken once in a while, not weekly, so a per-week series would be empty
most weeks and say nothing; the profile and the map live on the differences pages instead.

`tried` reads rows through the gate. Reading the difference cards leaves no row (a page view is
not recorded), so `differences.cards` counts when either partner marked "We talked about this
one" on a card (a CardTalk, shared: they talked together, so it counts for both)."""

from django.urls import reverse

from attunement.accounts.models import User
from attunement.couples import access
from attunement.differences.models import CardTalk, StyleGuess, StyleTake
from attunement.lib.insights import Action, Series, Strategy, Window, within


class DifferencesInsights:
    strategy = Strategy.DIFFERENCES

    def figures(self, user: User, windows: list[Window]) -> list[Series]:
        return []

    def actions(self, user: User) -> list[Action]:
        return [
            Action(
                "differences.cards",
                self.strategy,
                "Read your difference cards together",
                reverse("differences_map"),
                "Where your styles differ most, and what each of you can try. Talk one over, "
                "then mark it. They appear once you've both shared a profile and guessed.",
            ),
            Action(
                "differences.reflection",
                self.strategy,
                "Take the style reflection",
                reverse("differences_take"),
                "About four minutes of short statements on how you feel and like to be "
                "supported. Private until you choose to share it.",
            ),
            Action(
                "differences.guess",
                self.strategy,
                "Guess your partner's style",
                reverse("differences_guess"),
                "Sealed until you've both guessed: then you see how well you know each other.",
            ),
        ]

    def tried(self, user: User, window: Window) -> set[str]:
        done = set()
        taken = access.own(user, StyleTake.objects)
        if within(taken, window, user.tz, "completed_at").exists():
            done.add("differences.reflection")
        if within(access.own(user, StyleGuess.objects), window, user.tz, "updated_at").exists():
            done.add("differences.guess")
        if within(access.visible(user, CardTalk.objects), window, user.tz).exists():
            done.add("differences.cards")
        return done
