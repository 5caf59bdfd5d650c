"""The demo couple have both taken the private check, so what it opens works in the demo."""

from attunement.accounts.models import User
from attunement.couples.access import current_couple
from attunement.safety.hooks import joint_exercises_allowed
from attunement.safety.models import ScreenResult
from attunement.today.demo import create_demo


def test_the_demo_couple_can_use_the_joint_exercises(db):
    create_demo(days=7)
    alex = User.objects.get(email="alex@example.com")
    assert joint_exercises_allowed(current_couple(alex))
    assert ScreenResult.objects.filter(skipped=False).count() == 2
