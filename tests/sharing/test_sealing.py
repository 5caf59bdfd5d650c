"""The seal: before the reveal, the partner learns nothing of the other's answer."""

import re
import threading

import pytest
from django.core import mail
from django.db import connection

from attunement.sharing import services
from attunement.sharing.models import Answer, Reaction, ServedQuestion
from tests.conftest import login, make_user, pair
from tests.sharing.helpers import OTHER, SECRET, answer, both_answer, today

LONG = "x" * 1900


def bobs_view(as_bob, served: ServedQuestion) -> dict[str, str]:
    """Everything Bob can open about today's question, with per-response noise removed."""
    urls = [
        "/questions/",
        f"/questions/{served.uuid}/",
        "/questions/history/",
        "/today/",
        "/questions/together/",
        "/questions/comfort/",
        "/api/v1/sharing/comfort",
        "/api/v1/sharing/today",
        f"/api/v1/sharing/questions/{served.uuid}",
        "/api/v1/sharing/history",
    ]
    pages = {}
    for url in urls:
        response = as_bob.get(url)
        assert response.status_code == 200, url
        body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())
        pages[url] = body
    return pages


def test_partner_sees_exactly_the_same_before_and_after_the_other_answers_skips_or_writes_more(
    alice, bob, couple, as_bob
):
    served = today(bob)
    nothing = bobs_view(as_bob, served)
    answer(alice, "short")
    assert bobs_view(as_bob, served) == nothing
    answer(alice, LONG)
    assert bobs_view(as_bob, served) == nothing
    services.skip_question(user=alice, served=served)
    assert bobs_view(as_bob, served) == nothing


def test_partners_own_answer_waits_without_telling_whether_the_other_answered(
    alice, bob, couple, as_bob
):
    answer(bob, OTHER)
    waiting_alone = bobs_view(as_bob, today(bob))
    services.skip_question(user=alice, served=today(alice))
    assert bobs_view(as_bob, today(bob)) == waiting_alone
    assert "Waiting for Alice" in as_bob.get("/today/").content.decode()


def test_sealed_answer_is_hidden_by_the_privacy_gate_itself(alice, bob, couple):
    from attunement.couples import access

    answer(alice)
    assert not access.partners_rows(bob, Answer.objects.all()).exists()
    assert list(access.visible(bob, Answer.objects.all())) == []


def test_second_answer_reveals_both_to_both(alice, bob, couple, as_alice, as_bob):
    answer(alice, SECRET)
    response = as_bob.post(f"/questions/{today(bob).uuid}/answer/", {"text": OTHER}, follow=True)
    assert (
        SECRET in response.content.decode()
        and "You have both answered" in response.content.decode()
    )
    page = as_alice.get("/questions/").content.decode()
    assert OTHER in page and SECRET in page
    assert "Read both answers" in as_alice.get("/today/").content.decode()


def test_reveal_email_says_that_answers_are_readable_and_nothing_more(
    alice, bob, couple, django_capture_on_commit_callbacks
):
    for person in (alice, bob):
        person.partner_emails = True
        person.save(update_fields=["partner_emails"])
    answer(alice, SECRET)
    with django_capture_on_commit_callbacks(execute=True):
        answer(bob, OTHER)
    assert sorted(m.to[0] for m in mail.outbox) == ["alice@example.com", "bob@example.com"]
    for message in mail.outbox:
        assert "you can now read each other's answers" in message.subject
        assert SECRET not in message.body and OTHER not in message.body
        assert today(alice).text not in message.body


def test_no_email_before_the_reveal(alice, bob, couple, django_capture_on_commit_callbacks):
    bob.partner_emails = True
    bob.save(update_fields=["partner_emails"])
    with django_capture_on_commit_callbacks(execute=True):
        answer(alice)
        services.skip_question(user=bob, served=today(bob))
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_two_answers_arriving_at_the_same_moment_reveal_exactly_once():
    alice, bob = make_user("alice@example.com", "Alice"), make_user("bob@example.com", "Bob")
    for person in (alice, bob):
        person.partner_emails = True
        person.save(update_fields=["partner_emails"])
    pair(alice, bob)
    served = today(alice)
    barrier = threading.Barrier(2)
    errors: list[str] = []
    reveals: list[bool] = []
    original = services.reveal_if_complete

    def counting(**kwargs: object) -> bool:
        revealed = original(**kwargs)
        reveals.append(revealed)
        return revealed

    services.reveal_if_complete = counting
    try:

        def write(person, text):
            barrier.wait()
            try:
                services.submit_answer(user=person, served=served, text=text)
            except Exception as exc:  # surfaced below
                errors.append(repr(exc))
            finally:
                connection.close()

        threads = [threading.Thread(target=write, args=a) for a in ((alice, SECRET), (bob, OTHER))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        services.reveal_if_complete = original
    assert errors == []
    assert reveals.count(True) == 1
    served.refresh_from_db()
    assert served.revealed_at is not None
    assert set(Answer.objects.values_list("revealed_at", flat=True)) == {served.revealed_at}
    assert len(mail.outbox) == 2


def test_answers_and_replies_are_encrypted_at_rest(alice, bob, couple):
    served = both_answer(alice, bob)
    target = Answer.objects.get(served=served, owner=alice)
    services.react_to_answer(user=bob, answer=target, kind="moved", reply="what a place to learn")
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM sharing_answer")
        raw = [row[0] for row in cursor.fetchall()]
        cursor.execute("SELECT reply FROM sharing_reaction")
        raw_reply = cursor.fetchone()[0]
    assert all(value.startswith("f1:") for value in raw)
    assert SECRET not in " ".join(raw) and "learn" not in raw_reply


def test_after_leaving_each_keeps_only_their_own_revealed_answer(alice, bob, couple, as_bob):
    from attunement.couples.services import leave_couple

    served = both_answer(alice, bob)
    leave_couple(user=alice)
    page = login(bob).get(f"/questions/{served.uuid}/").content.decode()
    assert OTHER in page and SECRET not in page
    assert SECRET not in login(bob).get("/questions/history/").content.decode()
    data = login(bob).get(f"/api/v1/sharing/questions/{served.uuid}").json()
    assert [a["text"] for a in data["answers"]] == [OTHER]
    assert Reaction.objects.count() == 0


def test_after_leaving_the_ex_partners_reactions_disappear_from_my_answer(alice, bob, couple):
    from attunement.couples.services import leave_couple

    served = both_answer(alice, bob)
    target = Answer.objects.get(served=served, owner=alice)
    services.react_to_answer(user=bob, answer=target, kind="moved", reply="Take me there one day")
    assert (
        "Take me there one day" in login(alice).get(f"/questions/{served.uuid}/").content.decode()
    )
    leave_couple(user=alice)
    page = login(alice).get(f"/questions/{served.uuid}/").content.decode()
    assert SECRET in page and "Take me there one day" not in page and OTHER not in page
