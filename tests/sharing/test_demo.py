from attunement.accounts.models import User
from attunement.couples import access
from attunement.sharing.models import Answer, Reaction, ServedQuestion, depth_counts
from attunement.today.demo import create_demo
from tests.conftest import login


def test_demo_couple_has_weeks_of_revealed_answers_and_reactions(db):
    create_demo()
    alex, sam = (
        User.objects.get(email="alex@example.com"),
        User.objects.get(email="sam@example.com"),
    )
    served = ServedQuestion.objects.all()
    assert served.count() >= 14 and all(s.revealed_at for s in served)
    assert Answer.objects.count() == 2 * served.count()
    assert Reaction.objects.exists()
    counts = depth_counts(access.opened_up_questions(alex, ServedQuestion.objects, Answer.objects))
    assert counts["light"] > 0 and counts["personal"] > 0
    page = login(sam).get("/questions/history/").content.decode()
    assert "Lighthouse keeper" in page
    assert login(alex).get("/questions/").status_code == 200
