import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from attunement.couples.services import leave_couple
from attunement.listening import services
from attunement.listening.models import Conversation, Rating, Turn
from tests.conftest import login
from tests.listening.conftest import PIECE, REFLECTION, fresh, start

HARSH = "You never listen to me and you are so selfish and lazy."
GENTLE = "I feel lonely about our evenings lately. I need some time with you."


def url(c: Conversation, tail: str = "") -> str:
    return f"/listening/{c.uuid}/{tail}"


def test_both_partners_see_the_conversation_and_an_outsider_gets_404(
    typed, alice, as_alice, as_bob, as_charlie
) -> None:
    services.send_piece(user=alice, conversation=fresh(typed), text=PIECE)
    for client in (as_alice, as_bob):
        body = client.get(url(typed)).content.decode()
        assert PIECE in body and "A small wish for our days" in body
    assert as_charlie.get(url(typed)).status_code == 404
    assert as_charlie.get(url(typed, "live/")).status_code == 404
    assert as_charlie.post(url(typed, "pause/")).status_code == 404


@pytest.mark.parametrize(
    "tail,method",
    [
        ("", "post"),
        ("live/", "post"),
        ("piece/", "get"),
        ("reflection/check/", "get"),
        ("reflection/", "get"),
        ("confirm/", "get"),
        ("respond/", "get"),
        ("step/", "get"),
        ("pause/", "get"),
        ("resume/", "get"),
        ("end/", "get"),
        ("rate/", "delete"),
    ],
)
def test_wrong_method_is_405(typed, as_alice, tail: str, method: str) -> None:
    assert getattr(as_alice, method)(url(typed, tail)).status_code == 405


@pytest.mark.parametrize("path", ["/listening/", "/listening/start/", "/listening/progress/"])
def test_pages_refuse_posting_where_they_only_show(as_alice, path: str, couple) -> None:
    method = "put" if path == "/listening/start/" else "post"
    assert getattr(as_alice, method)(path).status_code == 405


def test_after_leaving_each_keeps_their_own_turns_and_the_old_link_opens_read_only(
    typed, alice, bob, as_alice, as_bob, as_charlie
) -> None:
    services.send_piece(user=alice, conversation=fresh(typed), text=PIECE)
    services.send_reflection(user=bob, conversation=fresh(typed), text=REFLECTION)
    leave_couple(user=alice)
    for client, mine, theirs in ((as_alice, PIECE, REFLECTION), (as_bob, REFLECTION, PIECE)):
        listing = client.get("/listening/").content.decode()
        assert "A small wish for our days" in listing and "None yet" not in listing
        assert "Ended" in listing
        # The old link (as in the "your turn" email) opens, closed, with only my own words.
        r = client.get(url(typed))
        body = r.content.decode().replace("&#x27;", "'")
        assert r.status_code == 200 and "This conversation has ended." in body
        assert mine in body and theirs not in body
        assert "only what you wrote here stays readable" in body
        assert theirs not in client.get(url(typed, "live/")).content.decode()
        r = client.post(url(typed, "piece/"), {"text": GENTLE})
        assert r.status_code == 409 and "This conversation has ended." in r.content.decode()
    assert as_charlie.get(url(typed)).status_code == 404


def test_the_api_keeps_each_persons_own_turns_after_leaving(typed, alice, bob) -> None:
    services.send_piece(user=alice, conversation=fresh(typed), text=PIECE)
    services.send_reflection(user=bob, conversation=fresh(typed), text=REFLECTION)
    leave_couple(user=bob)
    api = f"/api/v1/listening/conversations/{typed.uuid}"
    r = login(bob).get(api)
    assert r.status_code == 200 and r.json()["state"] == "ended" and r.json()["closed"]
    assert [t["text"] for t in r.json()["turns"]] == [REFLECTION]
    assert [c["uuid"] for c in login(bob).get("/api/v1/listening/conversations").json()] == [
        str(typed.uuid)
    ]


def test_start_a_typed_conversation_on_a_catalogue_topic(as_alice, alice, couple) -> None:
    r = as_alice.post(
        "/listening/start/", {"topic": "t-010", "mode": "typed", "timer_minutes": "0"}
    )
    c = Conversation.objects.get()
    assert r.status_code == 302 and r["Location"] == url(c)
    assert (c.owner_id, c.speaker_id, c.turn_of_id, c.mode, c.topic_id) == (
        alice.pk,
        alice.pk,
        alice.pk,
        "typed",
        "t-010",
    )


def screened_texts(monkeypatch) -> list[str]:
    screened: list[str] = []
    monkeypatch.setattr(
        "attunement.safety.screening.screen",
        lambda *, user, text, where: screened.append(text) if text else None,
    )
    return screened


def test_own_topic_is_encrypted_and_screened(as_alice, couple, monkeypatch) -> None:
    screened = screened_texts(monkeypatch)
    r = as_alice.post(
        "/listening/start/", {"topic": "own", "own_topic": "Our holiday plans", "mode": "in_person"}
    )
    assert r.status_code == 302
    c = Conversation.objects.get()
    assert c.title == "Our holiday plans" and c.level == "own" and screened == ["Our holiday plans"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT own_topic FROM listening_conversation")
        assert "holiday" not in cursor.fetchone()[0]


def test_start_form_errors_sit_beside_the_field(as_alice, couple) -> None:
    r = as_alice.post("/listening/start/", {"topic": "own", "own_topic": " ", "mode": "typed"})
    assert r.status_code == 400 and "Write a few words about your topic." in r.content.decode()
    r = as_alice.post("/listening/start/", {"topic": "t-999", "mode": "typed"})
    assert r.status_code == 400
    assert not Conversation.objects.exists()


@pytest.mark.parametrize(
    "topic,mode,blocked",
    [
        ("t-040", "typed", True),
        ("own", "typed", True),
        ("t-001", "typed", False),
        ("t-040", "in_person", False),
    ],
)
def test_safety_gate_turns_off_typed_harder_topics_with_a_neutral_message(
    as_alice, couple, monkeypatch, topic: str, mode: str, blocked: bool
) -> None:
    monkeypatch.setattr("attunement.safety.hooks.joint_exercises_allowed", lambda couple: False)
    r = as_alice.post("/listening/start/", {"topic": topic, "own_topic": "Money", "mode": mode})
    if blocked:
        body = r.content.decode()
        assert r.status_code == 409 and "Some exercises aren&#x27;t available right now." in body
        assert "safety" not in body.split("<main")[1].split("</main>")[0].lower()
        assert not Conversation.objects.exists()
    else:
        assert r.status_code == 302


def test_gentle_start_suggests_a_rephrase_privately_then_sends_anyway(
    typed, as_alice, as_bob
) -> None:
    r = as_alice.post(url(typed, "piece/"), {"text": HARSH, "step": 0})
    body = r.content.decode()
    assert r.status_code == 200 and "Before you send: a gentler start" in body and "I feel" in body
    assert HARSH in body and "Send anyway" in body
    assert not Turn.objects.exists() and fresh(typed).step == 0
    assert "gentler start" not in as_bob.get(url(typed)).content.decode()
    r = as_alice.post(url(typed, "piece/"), {"text": HARSH, "step": 0, "send_anyway": "1"})
    assert r.status_code == 302 and Turn.objects.get().text == HARSH


def test_a_gentle_piece_goes_straight_through(typed, as_alice) -> None:
    assert as_alice.post(url(typed, "piece/"), {"text": GENTLE, "step": 0}).status_code == 302


def test_every_typed_piece_goes_through_the_safety_screen(
    typed, as_alice, as_bob, monkeypatch
) -> None:
    screened = screened_texts(monkeypatch)
    as_alice.post(url(typed, "piece/"), {"text": GENTLE, "step": 0})
    as_bob.post(url(typed, "reflection/"), {"text": REFLECTION, "step": 1})
    as_alice.post(
        url(typed, "confirm/"), {"verdict": "partly", "clarification": "More than that.", "step": 2}
    )
    assert screened == [GENTLE, REFLECTION, "More than that."]


def test_reflection_feedback_is_private_immediate_and_never_stored(
    typed, alice, as_alice, as_bob
) -> None:
    services.send_piece(user=alice, conversation=fresh(typed), text=PIECE)
    poor = "You should just relax, but Sundays are busy for me too."
    turns_before = Turn.objects.count()
    r = as_bob.post(url(typed, "reflection/check/"), {"text": poor}, HTTP_HX_REQUEST="true")
    body = r.content.decode()
    assert r.status_code == 200 and 'id="feedback"' in body and "<html" not in body
    assert "advice slipped in" in body and "One tip:" in body and "isn't saved" in body
    assert Turn.objects.count() == turns_before and fresh(typed).state == "reflecting"
    assert poor not in as_alice.get(url(typed)).content.decode()
    # Without JavaScript the same button shows the whole page, draft kept for revising.
    r = as_bob.post(url(typed, "reflection/check/"), {"text": poor})
    assert (
        r.status_code == 200 and "<html" in r.content.decode() and "One tip:" in r.content.decode()
    )
    assert poor in r.content.decode()


def test_only_the_listener_can_ask_for_feedback(typed, alice, as_alice) -> None:
    services.send_piece(user=alice, conversation=fresh(typed), text=PIECE)
    r = as_alice.post(url(typed, "reflection/check/"), {"text": "x"}, HTTP_HX_REQUEST="true")
    assert r.status_code == 409


def test_empty_reflection_gets_a_message_beside_the_field(typed, alice, as_bob) -> None:
    services.send_piece(user=alice, conversation=fresh(typed), text=PIECE)
    r = as_bob.post(url(typed, "reflection/"), {"text": "  ", "step": 1})
    assert r.status_code == 400 and "Write a few words first." in r.content.decode()
    r = as_bob.post(url(typed, "reflection/check/"), {"text": ""}, HTTP_HX_REQUEST="true")
    assert r.status_code == 400 and "Write a few words first." in r.content.decode()


def test_out_of_turn_post_is_409_with_a_clear_message_and_changes_nothing(typed, as_bob) -> None:
    r = as_bob.post(url(typed, "piece/"), {"text": GENTLE, "step": 0})
    assert r.status_code == 409
    assert "It&#x27;s your partner&#x27;s turn" in r.content.decode()
    assert fresh(typed).step == 0 and not Turn.objects.exists()


def test_the_speaker_confirms_and_the_listener_tries_again_until_that_is_it(
    confirming, as_alice, as_bob
) -> None:
    r = as_alice.post(
        url(confirming, "confirm/"), {"verdict": "not_quite", "clarification": "It's the mornings."}
    )
    assert r.status_code == 302 and fresh(confirming).state == "reflecting"
    assert "It&#x27;s the mornings." in as_bob.get(url(confirming)).content.decode()
    assert as_bob.post(url(confirming, "respond/"), {"text": "ok"}).status_code == 409
    as_bob.post(url(confirming, "reflection/"), {"text": REFLECTION})
    as_alice.post(url(confirming, "confirm/"), {"verdict": "yes"})
    r = as_bob.post(url(confirming, "respond/"), {"skip": "1"})
    c = fresh(confirming)
    assert r.status_code == 302 and c.state == "speaking" and c.speaker_id == c.partner_id


def test_missing_verdict_is_400(confirming, as_alice) -> None:
    r = as_alice.post(url(confirming, "confirm/"), {"clarification": "hm"})
    assert r.status_code == 400 and "Choose one of the answers." in r.content.decode()


def test_live_part_answers_204_until_something_changes(typed, alice, as_bob) -> None:
    assert as_bob.get(url(typed, "live/"), {"step": 0}).status_code == 204
    services.send_piece(user=alice, conversation=fresh(typed), text=PIECE)
    r = as_bob.get(url(typed, "live/"), {"step": 0})
    body = r.content.decode()
    assert (
        r.status_code == 200
        and PIECE in body
        and "<html" not in body
        and 'hx-trigger="every 3s"' in body
    )
    assert "Say back what you heard" in body


def test_in_person_floor_card_cue_cards_and_buttons(in_person, as_alice) -> None:
    body = as_alice.get(url(in_person)).content.decode()
    assert (
        "Alice has the floor" in body
        and "Bob, listener" in body
        and "About 3 minutes per turn" in body
    )
    as_alice.post(url(in_person, "step/"), {"action": "pass", "step": 0})
    body = as_alice.get(url(in_person)).content.decode()
    assert "That's it" in body and "Not quite" in body
    r = as_alice.post(url(in_person, "step/"), {"action": "pass", "step": 0})
    assert r.status_code == 409 and "moved on" in r.content.decode()
    assert as_alice.post(url(in_person, "step/"), {"action": "dance"}).status_code == 400


def test_pause_resume_end_and_rate(typed, as_alice, as_bob, bob) -> None:
    assert as_bob.post(url(typed, "pause/"), {"step": 0}).status_code == 302
    assert "paused" in as_alice.get(url(typed)).content.decode()
    assert as_bob.post(url(typed, "pause/")).status_code == 409
    assert as_alice.post(url(typed, "resume/")).status_code == 302
    r = as_bob.post(url(typed, "end/"))
    assert r.status_code == 302 and r["Location"] == url(typed, "rate/")
    r = as_bob.post(
        url(typed, "rate/"), {"felt_heard": "4", "helped": ["words"], "note": "private bit"}
    )
    assert r.status_code == 409  # nothing was said yet
    assert not Rating.objects.exists()


def test_each_persons_rating_stays_theirs(confirming, as_alice, as_bob) -> None:
    r = as_alice.post(
        url(confirming, "rate/"), {"felt_heard": "2", "helped": ["feeling"], "note": "just mine"}
    )
    assert r.status_code == 302
    assert "just mine" in as_alice.get(url(confirming, "rate/")).content.decode()
    bob_page = as_bob.get(url(confirming, "rate/")).content.decode()
    assert "just mine" not in bob_page and 'value="2" checked' not in bob_page
    assert as_alice.post(url(confirming, "rate/"), {"felt_heard": "9"}).status_code == 400


def test_index_lists_open_and_past_conversations(typed, in_person, alice, as_bob) -> None:
    services.end_conversation(user=alice, conversation=fresh(in_person))
    body = as_bob.get("/listening/").content.decode()
    assert body.count("A small wish for our days") == 1 and "A moment I enjoyed" in body


def test_today_shows_a_conversation_waiting_for_me_with_constant_queries(
    alice, bob, couple, django_assert_max_num_queries
) -> None:
    client = login(bob)
    client.get("/today/")
    first = start(alice)
    services.send_piece(user=alice, conversation=fresh(first), text=PIECE)
    with CaptureQueriesContext(connection) as few:
        body = client.get("/today/").content.decode()
    assert "Your turn in a conversation" in body
    for _ in range(4):
        c = start(alice)
        services.send_piece(user=alice, conversation=fresh(c), text=PIECE)
    with CaptureQueriesContext(connection) as many:
        client.get("/today/")
    assert len(many) == len(few)
    assert "Your turn in a conversation" not in login(alice).get("/today/").content.decode()


def test_progress_shows_only_my_own_listening(alice, bob, couple, as_bob) -> None:
    for verdicts in (["yes"], ["not_quite", "yes"], ["yes"]):
        c = start(alice)
        services.send_piece(user=alice, conversation=fresh(c), text=PIECE)
        for verdict in verdicts:
            services.send_reflection(user=bob, conversation=fresh(c), text=REFLECTION)
            services.confirm_reflection(user=alice, conversation=fresh(c), verdict=verdict)
        services.rate_conversation(user=alice, conversation=fresh(c), felt_heard=4, helped=[])
    body = as_bob.get("/listening/progress/").content.decode()
    assert "67%" in body and "2 of 3" in body and "4.0 / 5" in body
    assert 'role="img"' in body and "Show the chart as a table" in body
    alice_body = login(alice).get("/listening/progress/").content.decode()
    assert (
        "Nothing yet" in alice_body and "4.0 / 5" in alice_body
    )  # her own felt-heard, not bob's score


def test_partner_ratings_need_three_and_consent(alice, bob, couple, as_bob) -> None:
    for n in range(3):
        c = start(alice)
        services.send_piece(user=alice, conversation=fresh(c), text=PIECE)
        services.rate_conversation(
            user=alice, conversation=fresh(c), felt_heard=5, helped=[], counts_for_partner=n != 0
        )
    body = as_bob.get("/listening/progress/").content.decode()
    assert "Shows once your partner has rated at least three" in body


def test_demo_seeder_adds_finished_conversations(db) -> None:
    from attunement.today.demo import create_demo

    create_demo(days=28)
    assert Conversation.objects.filter(state="ended").count() == 3
    assert Rating.objects.count() == 6
    sam = login(Conversation.objects.first().partner)
    assert sam.get("/listening/progress/").status_code == 200


def test_api_walks_a_typed_round_and_refuses_out_of_turn(alice, bob, couple) -> None:
    a, b = login(alice), login(bob)
    base = "/api/v1/listening/conversations"

    def post(client, path, data):
        return client.post(path, json.dumps(data), content_type="application/json")

    r = post(a, base, {"mode": "typed", "topic_id": "t-003"})
    assert r.status_code == 201
    c = r.json()
    assert c["state"] == "speaking" and c["my_turn"] and c["allowed_actions"][0] == "piece"
    u = f"{base}/{c['uuid']}"
    assert post(b, f"{u}/pieces", {"text": GENTLE}).status_code == 409
    r = post(a, f"{u}/pieces", {"text": HARSH})
    assert r.status_code == 409 and "gentler start" in r.json()["detail"]
    assert (
        post(a, f"{u}/pieces", {"text": HARSH, "send_anyway": True, "step": 0}).status_code == 201
    )
    r = post(b, f"{u}/reflections/check", {"text": "You should relax."})
    assert r.status_code == 200 and r.json()["advice"] is True
    assert post(b, f"{u}/reflections", {"text": "  "}).status_code == 422
    assert post(b, f"{u}/reflections", {"text": REFLECTION}).status_code == 201
    assert post(a, f"{u}/confirmations", {"verdict": "maybe"}).status_code == 422
    assert post(a, f"{u}/confirmations", {"verdict": "yes"}).status_code == 201
    r = post(b, f"{u}/responses", {"text": "That makes sense."})
    assert r.status_code == 201 and r.json()["speaker"] == "Bob"
    assert [t["kind"] for t in r.json()["turns"]] == [
        "piece",
        "reflection",
        "confirmation",
        "response",
        "switch",
    ]
    r = b.put(f"{u}/rating", json.dumps({"felt_heard": 6}), content_type="application/json")
    assert r.status_code == 422
    r = a.put(
        f"{u}/rating",
        json.dumps({"felt_heard": 5, "helped": ["words"]}),
        content_type="application/json",
    )
    assert r.status_code == 200
    assert b.get(f"{u}/rating").status_code == 404
    assert post(a, f"{u}/end", {}).status_code == 200
    assert post(a, f"{u}/pause", {}).status_code == 409
    assert post(a, base, {"mode": "typed"}).status_code == 422
    assert a.get("/api/v1/listening/progress").json()["first_try_share"] is None
    assert b.get("/api/v1/listening/progress").json()["first_try_share"] == 100
    assert len(a.get("/api/v1/listening/topics").json()) >= 60
