"""Pages: answering, bad input, reactions and coaching, solo journal, history, together, comfort."""

import json
import re

import pytest
from django.urls import reverse

from attunement.sharing import services
from attunement.sharing.models import Answer, Reaction, ServedQuestion
from tests.conftest import login, pair
from tests.sharing.helpers import (
    OTHER,
    SECRET,
    answer,
    both_answer,
    journal_entry,
    past_question,
    today,
)


def alices_answer(served: ServedQuestion, alice) -> Answer:
    return Answer.objects.get(served=served, owner=alice)


# Bad input: a clear 4xx, nothing changes.


def test_empty_answer_is_refused_beside_the_field_and_nothing_is_saved(alice, couple, as_alice):
    response = as_alice.post(f"/questions/{today(alice).uuid}/answer/", {"text": "   "})
    assert response.status_code == 400
    assert "Write a few words first, or skip this one." in response.content.decode()
    assert Answer.objects.count() == 0


def test_oversized_answer_is_refused_and_the_earlier_answer_stays(alice, couple, as_alice):
    answer(alice, SECRET)
    response = as_alice.post(f"/questions/{today(alice).uuid}/answer/", {"text": "y" * 2001})
    assert response.status_code == 400
    assert "under 2000 characters" in response.content.decode()
    assert Answer.objects.get().text == SECRET


def test_answering_a_question_from_another_day_is_a_conflict(alice, couple, as_alice):
    old = past_question(alice)
    response = as_alice.post(f"/questions/{old.uuid}/answer/", {"text": "late"})
    assert response.status_code == 409
    assert "from another day" in response.content.decode()
    assert Answer.objects.count() == 0


def test_answering_someone_elses_question_is_not_found(alice, couple, as_charlie):
    response = as_charlie.post(f"/questions/{today(alice).uuid}/answer/", {"text": "hi"})
    assert response.status_code == 404
    assert Answer.objects.count() == 0


def test_answers_cannot_change_after_the_reveal(alice, bob, couple, as_alice):
    served = both_answer(alice, bob)
    response = as_alice.post(f"/questions/{served.uuid}/answer/", {"text": "changed"})
    assert response.status_code == 409
    assert alices_answer(served, alice).text == SECRET


def test_api_refuses_empty_oversized_and_old_answers(alice, couple, as_alice):
    url = f"/api/v1/sharing/questions/{today(alice).uuid}/answer"
    for body in ({"text": ""}, {"text": "z" * 2001}, {}):
        assert (
            as_alice.post(url, json.dumps(body), content_type="application/json").status_code == 422
        )
    old = f"/api/v1/sharing/questions/{past_question(alice).uuid}/answer"
    assert (
        as_alice.post(old, json.dumps({"text": "hi"}), content_type="application/json").status_code
        == 409
    )
    assert Answer.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("sharing_today", "post"),
        ("sharing_history", "post"),
        ("sharing_together", "post"),
        ("sharing_comfort", "delete"),
        ("sharing_question", "post"),
        ("sharing_answer", "get"),
        ("sharing_skip", "get"),
        ("sharing_favourite", "get"),
        ("sharing_react", "get"),
        ("sharing_check_reply", "get"),
        ("sharing_share", "get"),
    ],
)
def test_wrong_method_is_405(name, method, alice, bob, couple, as_alice):
    served = both_answer(alice, bob)
    kwargs = {}
    if name in ("sharing_question", "sharing_answer", "sharing_skip", "sharing_favourite"):
        kwargs = {"uuid": served.uuid}
    elif name in ("sharing_react", "sharing_check_reply", "sharing_share"):
        kwargs = {"uuid": alices_answer(served, alice).uuid}
    assert getattr(as_alice, method)(reverse(name, kwargs=kwargs)).status_code == 405


# Skipping.


def test_skip_needs_no_reason_and_can_be_undone_the_same_day(alice, couple, as_alice):
    served = today(alice)
    response = as_alice.post(f"/questions/{served.uuid}/skip/", follow=True)
    assert "No reason needed" in response.content.decode()
    assert Answer.objects.get().skipped
    as_alice.post(f"/questions/{served.uuid}/answer/", {"text": SECRET})
    row = Answer.objects.get()
    assert not row.skipped and row.text == SECRET


def test_a_skip_does_not_reveal_the_partners_answer(alice, bob, couple):
    answer(alice, SECRET)
    services.skip_question(user=bob, served=today(bob))
    today(alice).refresh_from_db()
    assert ServedQuestion.objects.get().revealed_at is None


# Reactions and coaching.


def test_partner_reacts_and_the_author_sees_it_with_their_answer(
    alice, bob, couple, as_alice, as_bob
):
    served = both_answer(alice, bob)
    target = alices_answer(served, alice)
    response = as_bob.post(
        f"/questions/answers/{target.uuid}/react/",
        {"kind": "tell_me_more", "reply": "Which beach was it?"},
    )
    assert response.status_code == 302
    page = as_alice.get(f"/questions/{served.uuid}/").content.decode()
    assert "Tell me more" in page and "Which beach was it?" in page


def test_the_reactor_sees_their_own_reaction_under_the_partners_answer(alice, bob, couple, as_bob):
    served = both_answer(alice, bob)
    target = alices_answer(served, alice)
    as_bob.post(
        f"/questions/answers/{target.uuid}/react/",
        {"kind": "tell_me_more", "reply": "Which beach was it?"},
    )
    page = as_bob.get(f"/questions/{served.uuid}/").content.decode()
    assert "You reacted: Tell me more “Which beach was it?”" in page
    assert f'action="/questions/answers/{target.uuid}/react/"' in page


def test_reacting_again_replaces_the_reaction(alice, bob, couple, as_bob):
    target = alices_answer(both_answer(alice, bob), alice)
    as_bob.post(f"/questions/answers/{target.uuid}/react/", {"kind": "moved"})
    as_bob.post(
        f"/questions/answers/{target.uuid}/react/", {"kind": "thank_you", "reply": "Thank you"}
    )
    reaction = Reaction.objects.get()
    assert (reaction.kind, reaction.reply) == ("thank_you", "Thank you")


def test_empty_or_unknown_reaction_is_refused(alice, bob, couple, as_bob):
    target = alices_answer(both_answer(alice, bob), alice)
    url = f"/questions/answers/{target.uuid}/react/"
    assert as_bob.post(url, {"kind": "", "reply": " "}).status_code == 400
    assert as_bob.post(url, {"kind": "meh"}).status_code == 400
    assert as_bob.post(url, {"reply": "r" * 501}).status_code == 400
    assert Reaction.objects.count() == 0


def test_nobody_reacts_to_a_sealed_answer_or_their_own(alice, bob, couple, as_alice, as_bob):
    mine = answer(alice, SECRET)
    for url in (f"/questions/answers/{mine.uuid}/react/", f"/questions/answers/{mine.uuid}/check/"):
        assert as_bob.post(url, {"kind": "moved", "reply": "hi"}).status_code == 404
        assert as_alice.post(url, {"kind": "moved", "reply": "hi"}).status_code == 404
    api = f"/api/v1/sharing/answers/{mine.uuid}/reactions"
    assert (
        as_bob.post(api, json.dumps({"kind": "moved"}), content_type="application/json").status_code
        == 404
    )


def test_check_my_reply_flags_a_reply_that_turns_to_oneself_and_stores_nothing(
    alice, bob, couple, as_bob
):
    target = alices_answer(both_answer(alice, bob), alice)
    response = as_bob.post(
        f"/questions/answers/{target.uuid}/check/",
        {"reply": "Me too, when I was a kid I went swimming every summer."},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "A gentle thought." in body and "<html" not in body
    assert Reaction.objects.count() == 0


def test_check_my_reply_praises_a_curious_question(alice, bob, couple, as_bob):
    target = alices_answer(both_answer(alice, bob), alice)
    response = as_bob.post(
        f"/questions/answers/{target.uuid}/check/",
        {"reply": "What was it like learning to swim there?"},
        HTTP_HX_REQUEST="true",
    )
    assert "curious question" in response.content.decode()


def test_check_my_reply_without_javascript_keeps_the_draft_on_the_full_page(
    alice, bob, couple, as_bob
):
    target = alices_answer(both_answer(alice, bob), alice)
    response = as_bob.post(
        f"/questions/answers/{target.uuid}/check/", {"reply": "You should just go back there."}
    )
    body = response.content.decode()
    assert response.status_code == 200 and "<html" in body
    assert "You should just go back there." in body and "Advice can wait" in body
    assert Reaction.objects.count() == 0


# Solo journal.


def test_alone_answers_are_a_private_journal(alice, as_alice):
    served = today(alice)
    response = as_alice.post(f"/questions/{served.uuid}/answer/", {"text": SECRET}, follow=True)
    assert "In your journal" in response.content.decode()
    row = Answer.objects.get()
    assert row.visibility == "private" and row.couple_id is None
    assert SECRET in as_alice.get("/questions/history/").content.decode()


def test_a_journal_answer_can_later_be_shared_with_a_new_partner(alice, bob, as_alice):
    entry = journal_entry(alice)
    from tests.conftest import pair

    pair(alice, bob)
    bob_client = login(bob)
    assert SECRET not in bob_client.get("/questions/history/").content.decode()
    assert as_alice.post(f"/questions/answers/{entry.uuid}/share/").status_code == 302
    assert SECRET in bob_client.get("/questions/history/").content.decode()
    assert bob_client.get(f"/questions/{entry.served.uuid}/").status_code == 200


def test_sharing_needs_a_partner(alice, as_alice):
    entry = journal_entry(alice)
    assert as_alice.post(f"/questions/answers/{entry.uuid}/share/").status_code == 409
    assert Answer.objects.get().visibility == "private"


def test_todays_sealed_answer_cannot_be_shared_early(alice, bob, couple, as_alice):
    mine = answer(alice)
    assert as_alice.post(f"/questions/answers/{mine.uuid}/share/").status_code == 409
    assert Answer.objects.get().visibility == "sealed"


# History, favourites, depth count.


def test_history_filters_by_theme_and_favourites_and_counts_depth(alice, bob, couple, as_alice):
    served = both_answer(alice, bob)
    theme = served.question["theme"]
    other_theme = next(t for t in ("fun_play", "appreciation") if t != theme)
    assert SECRET in as_alice.get("/questions/history/", {"theme": theme}).content.decode()
    assert (
        SECRET not in as_alice.get("/questions/history/", {"theme": other_theme}).content.decode()
    )
    assert SECRET not in as_alice.get("/questions/history/", {"favourites": "on"}).content.decode()
    as_alice.post(f"/questions/{served.uuid}/favourite/")
    assert SECRET in as_alice.get("/questions/history/", {"favourites": "on"}).content.decode()
    page = as_alice.get("/questions/history/").content.decode()
    assert "<strong>1</strong> light" in page
    assert as_alice.get("/questions/history/", {"theme": "nope"}).status_code == 400


def test_favourites_are_personal(alice, bob, couple, as_alice, as_bob):
    served = both_answer(alice, bob)
    as_alice.post(f"/questions/{served.uuid}/favourite/")
    assert SECRET not in as_bob.get("/questions/history/", {"favourites": "on"}).content.decode()


# Together mode.


def test_together_mode_steps_through_a_deck_without_typing(alice, couple, as_alice):
    first = as_alice.get(
        "/questions/together/", {"depth": "light", "timer": "0", "n": "0"}
    ).content.decode()
    assert "Question 1 of 12" in first and "Next question" in first and "Previous" not in first
    assert "<textarea" not in first
    second = as_alice.get(
        "/questions/together/", {"depth": "light", "timer": "4", "n": "1"}
    ).content.decode()
    assert "Question 2 of 12" in second and "Previous" in second
    assert 'data-timer-minutes="4"' in second and "About 4 minutes each" in second
    last = as_alice.get("/questions/together/", {"depth": "light", "n": "11"}).content.decode()
    assert "whole deck" in last
    assert as_alice.get("/questions/together/", {"depth": "light", "n": "12"}).status_code == 400


def test_together_mode_offers_only_depths_both_are_comfortable_with(alice, bob, couple, as_alice):
    services.set_comfort(user=bob, ceiling="personal")
    page = as_alice.get("/questions/together/").content.decode()
    assert 'value="personal"' in page and 'value="deep"' not in page
    assert as_alice.get("/questions/together/", {"depth": "deep", "n": "0"}).status_code == 400


def test_comfort_ceiling_saves_and_bad_values_are_refused(alice, as_alice):
    assert as_alice.post("/questions/comfort/", {"ceiling": "light"}).status_code == 302
    assert services.comfort_of(alice) == "light"
    response = as_alice.post("/questions/comfort/", {"ceiling": "abyss"})
    assert response.status_code == 400 and services.comfort_of(alice) == "light"


# API.


def test_api_today_answer_reveal_react_and_history(alice, bob, couple, as_alice, as_bob):
    t = as_alice.get("/api/v1/sharing/today").json()
    assert t["state"] == "answer" and t["answers"] == []
    url = f"/api/v1/sharing/questions/{t['uuid']}/answer"
    r = as_alice.post(url, json.dumps({"text": SECRET}), content_type="application/json")
    assert r.status_code == 201 and r.json()["state"] == "waiting"
    assert as_bob.get("/api/v1/sharing/today").json()["answers"] == []
    r = as_bob.post(url, json.dumps({"text": OTHER}), content_type="application/json")
    assert r.json()["state"] == "revealed"
    texts = {a["author"]: a["text"] for a in r.json()["answers"]}
    assert texts == {"Alice": SECRET, "Bob": OTHER}
    alice_answer = next(a for a in r.json()["answers"] if a["author"] == "Alice")
    r = as_bob.post(
        f"/api/v1/sharing/answers/{alice_answer['uuid']}/reactions",
        json.dumps({"kind": "love_knowing", "reply": "Take me there"}),
        content_type="application/json",
    )
    assert r.status_code == 201
    history = as_alice.get("/api/v1/sharing/history").json()
    assert history[0]["answers"][0]["reactions"][0]["reply"] == "Take me there"
    assert (
        as_alice.put(
            "/api/v1/sharing/comfort",
            json.dumps({"ceiling": "nope"}),
            content_type="application/json",
        ).status_code
        == 422
    )


def _notice_and_rest(html: str) -> tuple[str, str]:
    notice = re.search(r'<p class="message[^"]*">(.*?)</p>', html, flags=re.S)
    assert notice
    main = html.split('<main id="main"', 1)[1]
    return notice.group(1), main.replace(notice.group(0), "")


@pytest.mark.parametrize("paired", [True, False])
def test_notice_after_answering_does_not_repeat_the_heading_below_it(alice, bob, paired):
    if paired:
        pair(alice, bob)
    served = today(alice)
    html = (
        login(alice)
        .post(f"/questions/{served.uuid}/answer/", {"text": SECRET}, follow=True)
        .content.decode()
    )
    notice, rest = _notice_and_rest(html)
    for sentence in filter(None, (s.strip(" .") for s in notice.split("."))):
        assert sentence not in rest, sentence


def test_notice_after_skipping_does_not_repeat_the_page(alice, bob):
    pair(alice, bob)
    served = today(alice)
    html = login(alice).post(f"/questions/{served.uuid}/skip/", follow=True).content.decode()
    notice, rest = _notice_and_rest(html)
    assert notice == "Skipped." and "No reason needed" in rest
