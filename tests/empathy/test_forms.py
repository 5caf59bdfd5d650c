"""What a person sees when a feelings-round form comes back with something missing."""

from django.test import Client

CHECK_IN_NOTICE = "Filled in from your check-in"


def test_a_round_sent_back_for_a_missing_feeling_does_not_claim_a_check_in(
    couple: object, as_alice: Client
):
    page = as_alice.post(
        "/empathy/rounds/new/", {"because": "a long day", "from_check_in": "False"}
    )
    assert page.status_code == 400
    html = page.content.decode()
    assert "Pick at least one feeling." in html and "a long day" in html
    assert CHECK_IN_NOTICE not in html


def test_a_round_from_a_check_in_keeps_saying_so_when_sent_back(couple: object, as_alice: Client):
    assert CHECK_IN_NOTICE in as_alice.get("/empathy/rounds/new/?from_check_in=1").content.decode()
    page = as_alice.post("/empathy/rounds/new/", {"from_check_in": "True"})
    assert CHECK_IN_NOTICE in page.content.decode()


def test_a_guess_without_a_strength_says_what_is_missing_in_plain_words(
    alice, bob, couple: object, as_bob: Client
):
    from tests.empathy.helpers import feeling_round

    made = feeling_round(alice)
    page = as_bob.get(f"/empathy/rounds/{made.uuid}/").content.decode()
    assert '<p class="lead">Pick the feelings you think Alice has' in page
    sent_back = as_bob.post(f"/empathy/rounds/{made.uuid}/guess/", {"feelings": ["calm"]})
    html = sent_back.content.decode()
    assert sent_back.status_code == 400
    assert "Choose how strong, from 1 to 5." in html and "This field is required" not in html


def test_a_blank_disagreement_topic_is_asked_for_in_plain_words(couple: object, as_alice: Client):
    html = as_alice.post("/empathy/perspective/", {"topic": "   "}).content.decode()
    assert "Give it a few words" in html and "This field is required" not in html


def test_someone_without_a_partner_is_not_handed_a_round_form_they_cannot_send(
    as_alice: Client,
):
    html = as_alice.get("/empathy/rounds/new/").content.decode()
    assert "On your own for now" in html and "answer questions about yourself" in html
    assert "Seal it and ask for a guess" not in html


def test_a_quiz_guess_says_whose_answer_is_being_guessed(alice, bob, couple, as_bob: Client):
    # The question is written to the person it is about ("where were you happiest?"), so the
    # card for a guess says it is the partner's answer being guessed.
    from tests.empathy.helpers import quiz_rounds

    quiz_rounds(alice, bob)
    html = as_bob.get("/empathy/quiz/").content.decode()
    assert "How would Alice answer?" in html and "About you" in html
