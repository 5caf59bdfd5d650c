"""The demo couple arrives with some weeks of pulse answers and a progress page to look at."""

from attunement.accounts.models import User
from attunement.insights import progress
from attunement.insights.models import PulseAnswer
from attunement.today.demo import create_demo


def test_demo_couple_has_weeks_of_pulse_answers_and_closeness_side_by_side(db):
    create_demo()
    alex = User.objects.get(email="alex@example.com")
    weeks = PulseAnswer.objects.filter(owner=alex).count()
    assert weeks >= 4
    assert PulseAnswer.objects.filter(owner__email="sam@example.com").count() == weeks
    p = progress.progress_for(alex)
    assert p.together is not None and sum(v is not None for v in p.together) == weeks
    listening = next(s for s in p.series if s.figure.key == "pulse.listening")
    assert sum(v is not None for v in listening.values) == weeks
