"""What cultivating empathy gives Insights: the person's own empathic accuracy (their guesses
at the partner's feelings, never a score of the partner's feelings) and the quiz rounds they
played, and four kinds of action. Own rows only, through the gate; two queries."""

from django.urls import reverse

from attunement.accounts.models import User
from attunement.couples import access
from attunement.empathy.models import FeelingGuess, FeelingRound, QuizEntry, Story
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
    within,
)

ACCURACY = Figure(
    "empathy.accuracy",
    Strategy.EMPATHY,
    "How close your guesses came",
    "%",
    0,
    100,
    "Your average empathic-accuracy score when you guessed how your partner felt, from 0 to 100%.",
)
QUIZ_ROUNDS = Figure(
    "empathy.quiz_rounds",
    Strategy.EMPATHY,
    "Quiz rounds you played",
    "",
    0,
    7,
    "How many quiz questions you answered about yourself or guessed about your partner.",
)


class EmpathyInsights:
    strategy = Strategy.EMPATHY

    def figures(self, user: User, windows: list[Window]) -> list[Series]:
        start, stop = span(windows, user.tz)
        tz = user.tz
        guesses = [
            (at.astimezone(tz).date(), 100.0 * (score or 0.0))
            for at, score in access.own(user, FeelingGuess.objects)
            .filter(created_at__gte=start, created_at__lt=stop, accuracy__isnull=False)
            .values_list("created_at", "accuracy")
        ]
        played = [
            (at.astimezone(tz).date(), 1.0)
            for at in access.own(user, QuizEntry.objects)
            .filter(created_at__gte=start, created_at__lt=stop)
            .values_list("created_at", flat=True)
        ]
        return [
            Series(ACCURACY, per_window(guesses, windows, mean)),
            Series(QUIZ_ROUNDS, per_window(played, windows, count)),
        ]

    def actions(self, user: User) -> list[Action]:
        return [
            Action(
                "empathy.guess",
                self.strategy,
                "Guess how your partner feels today",
                reverse("empathy"),
                "When they share how they feel, guess before you look: the score shows how "
                "close you came.",
            ),
            Action(
                "empathy.share_feelings",
                self.strategy,
                "Share how you feel for your partner to guess",
                reverse("empathy_round_new"),
                "A feeling or two and how strong: it stays sealed until they guess.",
            ),
            Action(
                "empathy.quiz",
                self.strategy,
                "Play a quiz round",
                reverse("empathy_quiz"),
                "One question about each of you: answer for yourself, guess for them.",
            ),
            Action(
                "empathy.perspective",
                self.strategy,
                "Write what a recent disagreement was like for them",
                reverse("empathy_perspective"),
                "Tell it from their side; they tell it from yours, and you each say how close "
                "it came.",
            ),
        ]

    def tried(self, user: User, window: Window) -> set[str]:
        done = set()
        for kind, model in (
            ("empathy.guess", FeelingGuess),
            ("empathy.share_feelings", FeelingRound),
            ("empathy.quiz", QuizEntry),
            ("empathy.perspective", Story),
        ):
            if within(access.own(user, model.objects), window, user.tz).exists():
                done.add(kind)
        return done
