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
