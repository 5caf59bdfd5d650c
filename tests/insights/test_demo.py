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


def test_demo_progress_shows_time_together_and_empathic_accuracy_with_tables(db):
    from tests.conftest import login

    create_demo()
    alex = User.objects.get(email="alex@example.com")
    page = login(alex).get("/insights/").content.decode()
    for heading in ("Understanding each other", "Time together"):
        assert f">{heading}</h2>" in page
    for label in (
        "How close your guesses came",
        "Quiz rounds you played",
        "Plans made",
        "Time together: dates you had",
        "How connected you felt on your dates",
    ):
        assert f"<caption>{label}</caption>" in page, label  # the table beside the chart
    assert "Your average empathic-accuracy score when you guessed" in page  # the chart's <desc>
    p = progress.progress_for(alex)
    accuracy = next(s for s in p.series if s.figure.key == "empathy.accuracy")
    dates = next(s for s in p.series if s.figure.key == "together.plans_done")
    assert any(v is not None for v in accuracy.values)
    assert sum(v or 0 for v in dates.values) >= 3
