"""Helpers for the safety tests: screens taken as a person would, and written crisis examples."""

import json

import pytest

from attunement import content
from attunement.accounts.models import User
from attunement.couples import access
from attunement.safety.models import ScreenResult
from tests.safety.matrix import ALL_CLEAR

# Our own sentences: a clear crisis statement for each kind of text, and everyday ones that
# must not raise any alarm (figures of speech included).
CRISIS = {
    "check_in_note": "I can't see the point in going on. I've been thinking about ending my life.",
    "response": "Honestly I feel like hurting myself tonight, I don't know what else to do.",
    "appreciation": "Thank you for trying so hard, but I don't want to be alive anymore.",
    "journal": "He hit me again last night and I'm scared to go home.",
}
EVERYDAY = [
    "Slow morning with coffee. Feeling good.",
    "Thank you for making dinner when I got home late.",
    "This deadline is killing me.",
    "I'm dying to see that film with you!",
]
CARE_TITLE = "You're not alone"


def at_risk_answers() -> dict[str, int]:
    return {**ALL_CLEAR, "s-01": 2}


def form_data(answers: dict[str, int]) -> dict[str, str]:
    return {k: str(v) for k, v in answers.items()}


def take_screen(user: User, *, at_risk: bool) -> ScreenResult:
    answers = at_risk_answers() if at_risk else dict(ALL_CLEAR)
    assert set(answers) == {i["id"] for i in content.load("safety_screen")}
    return ScreenResult.objects.create(
        owner=user,
        couple=access.current_couple(user),
        at_risk=at_risk,
        answers=json.dumps(answers),
    )


@pytest.fixture
def crisis() -> dict[str, str]:
    return dict(CRISIS)
