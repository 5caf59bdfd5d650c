from attunement.accounts.models import User
from attunement.empathy.models import FeelingGuess, FeelingRound, QuizRound, SelfAnswer, Story
from attunement.today.demo import create_demo
from tests.conftest import login


def test_demo_couple_has_rounds_a_quiz_and_a_perspective_exchange(db):
    create_demo()
    alex, sam = (User.objects.get(email=e) for e in ("alex@example.com", "sam@example.com"))
    assert FeelingRound.objects.count() == FeelingGuess.objects.count() >= 14
    assert QuizRound.objects.filter(revealed_at__isnull=False).count() >= 6
    assert SelfAnswer.objects.filter(owner=alex).count() >= 6
    assert Story.objects.count() == 2
    as_alex, as_sam = login(alex), login(sam)
    chart = as_alex.get("/empathy/accuracy/").content.decode()
    assert "<polyline" in chart and "Your guesses" in chart
    # Alex's own guesses only, one row each: never a score of Sam's guesses.
    assert chart.count("<tr><td>") == FeelingGuess.objects.filter(owner=alex).count() == 7
    assert "Who forgot the bins" in as_sam.get("/empathy/perspective/").content.decode()
    for url in ("/empathy/", "/empathy/quiz/", "/empathy/about-me/", "/today/"):
        assert as_sam.get(url).status_code == 200, url
