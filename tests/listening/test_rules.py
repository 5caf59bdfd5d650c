"""Each rule of a listening write lives once, in the service: every caller (page, API, a command
that doesn't exist yet) gets the same refusal in the same words, and every free-text write is
screened without needing a request."""

import json

import pytest

from attunement.couples import access
from attunement.couples.services import delete_account, leave_couple
from attunement.lib.errors import InvalidInput
from attunement.listening import feedback, services
from attunement.listening.models import FORMER_PARTNER, Conversation, Rating, Turn
from attunement.safety.models import SafetyEvent
from tests.conftest import login
from tests.listening.conftest import PIECE, REFLECTION, fresh, start
from tests.safety.conftest import take_screen

MEDIUM = "t-027"
HARSH = "You never listen to me and you are so selfish and lazy."
CRISIS = "I can't see the point in going on. I've been thinking about ending my life."
API = "/api/v1/listening/conversations"


def post_json(client, path: str, data: dict):
    return client.post(path, json.dumps(data), content_type="application/json")


def page_text(response) -> str:
    return response.content.decode().replace("&#x27;", "'")


def test_a_third_caller_cannot_skip_the_safety_gate(alice, bob, couple) -> None:
    take_screen(bob, at_risk=True)
    with pytest.raises(services.ListeningError) as refused:
        start(alice, topic_id=MEDIUM)
    assert refused.value.message == services.UNAVAILABLE
    with pytest.raises(services.ListeningError):
        start(alice, topic_id="", own_topic="Money")  # the couple's own topic counts as hard
    assert not Conversation.objects.exists()
    # Light topics, and anything in person, stay available.
    assert start(alice, topic_id="t-001").level == "light"
    assert start(alice, mode="in_person", topic_id=MEDIUM).level == "medium"


def test_the_service_looks_up_the_topics_level(alice, bob, couple) -> None:
    take_screen(alice, at_risk=False)  # medium and hard typed topics open once both have
    take_screen(bob, at_risk=False)
    assert start(alice, topic_id=MEDIUM).level == "medium"
    own = start(alice, topic_id="", own_topic="  Our holiday  ")
    assert (own.level, own.own_topic) == ("own", "Our holiday")
    with pytest.raises(InvalidInput, match="Write a few words about your topic."):
        start(alice, topic_id="", own_topic="   ")
    with pytest.raises(InvalidInput):
        start(alice, topic_id="t-999")
    with pytest.raises(InvalidInput):
        start(alice, mode="by pigeon")


def test_blank_text_is_refused_by_the_service_for_every_caller(typed, alice) -> None:
    with pytest.raises(InvalidInput, match="Write a few words first."):
        services.send_piece(user=alice, conversation=fresh(typed), text="  \n ")
    assert fresh(typed).step == 0 and not Turn.objects.exists()


def test_the_gentle_start_suggestion_is_a_rule_of_sending_a_piece(typed, alice) -> None:
    with pytest.raises(services.GentleStartSuggested) as held:
        services.send_piece(user=alice, conversation=fresh(typed), text=HARSH)
    assert held.value.suggestion.tips and "gentler start" in held.value.message
    assert fresh(typed).step == 0 and not Turn.objects.exists()  # the claim was rolled back
    services.send_piece(user=alice, conversation=fresh(typed), text=HARSH, send_anyway=True)
    assert Turn.objects.get().text == HARSH


def test_someone_writing_about_being_at_risk_is_never_asked_to_soften_first(typed, alice) -> None:
    at_risk_and_harsh = "You never listen and I'm so tired of it. I don't want to be alive anymore."
    assert feedback.gentle_start(at_risk_and_harsh) is not None  # harsh enough for a suggestion
    services.send_piece(user=alice, conversation=fresh(typed), text=at_risk_and_harsh)
    assert Turn.objects.get().text == at_risk_and_harsh
    assert SafetyEvent.objects.get().kind == "self_harm"


def test_crisis_words_in_a_piece_record_a_safety_event_without_a_request(typed, alice) -> None:
    services.send_piece(user=alice, conversation=fresh(typed), text=CRISIS, send_anyway=True)
    event = SafetyEvent.objects.get()
    assert event.owner_id == alice.pk and event.where == "listening.send_piece"
    assert event.kind in ("self_harm", "abuse")


def test_every_free_text_write_is_screened_once_by_its_service(
    alice, bob, couple, monkeypatch
) -> None:
    screened: list[tuple[str, str, str]] = []
    monkeypatch.setattr(
        "attunement.safety.screening.screen",
        lambda *, user, text, where: screened.append((user.name, text, where)),
    )
    take_screen(alice, at_risk=False)  # an own topic counts as hard: both must have the check
    take_screen(bob, at_risk=False)
    c = start(alice, topic_id="", own_topic="Our Sundays")
    services.send_piece(user=alice, conversation=fresh(c), text=PIECE)
    services.send_reflection(user=bob, conversation=fresh(c), text=REFLECTION)
    services.confirm_reflection(
        user=alice, conversation=fresh(c), verdict="partly", clarification=" More. "
    )
    services.send_reflection(user=bob, conversation=fresh(c), text=REFLECTION)
    services.confirm_reflection(user=alice, conversation=fresh(c), verdict="yes")
    services.send_response(user=bob, conversation=fresh(c), text="That makes sense.")
    services.rate_conversation(user=alice, conversation=fresh(c), felt_heard=4, helped=[], note="x")
    assert screened == [
        ("Alice", "Our Sundays", "listening.start_conversation"),
        ("Alice", PIECE, "listening.send_piece"),
        ("Bob", REFLECTION, "listening.send_reflection"),
        ("Alice", "More.", "listening.confirm_reflection"),
        ("Bob", REFLECTION, "listening.send_reflection"),
        ("Alice", "", "listening.confirm_reflection"),
        ("Bob", "That makes sense.", "listening.send_response"),
        ("Alice", "x", "listening.rate_conversation"),
    ]


def test_api_and_page_refuse_with_the_same_words(in_person, typed, alice, bob) -> None:
    page, api = login(alice), login(alice)
    # In person, the typed steps are refused in one set of words.
    r = page.post(f"/listening/{in_person.uuid}/confirm/", {"verdict": "yes"})
    assert r.status_code == 409 and services.IN_PERSON_TAPS in page_text(r)
    for tail, body in (("confirmations", {"verdict": "yes"}), ("responses", {"text": "ok"})):
        r = post_json(api, f"{API}/{in_person.uuid}/{tail}", body)
        assert r.status_code == 409 and r.json() == {"detail": services.IN_PERSON_TAPS}
    # Feedback on a draft is for the listener while they reflect: the speaker is refused.
    services.send_piece(user=alice, conversation=fresh(typed), text=PIECE)
    r = page.post(f"/listening/{typed.uuid}/reflection/check/", {"text": "You feel tired."})
    assert r.status_code == 409 and services.FEEDBACK_IS_FOR_THE_LISTENER in page_text(r)
    r = page.post(
        f"/listening/{typed.uuid}/reflection/check/",
        {"text": "You feel tired."},
        HTTP_HX_REQUEST="true",
    )
    assert r.status_code == 409 and services.FEEDBACK_IS_FOR_THE_LISTENER in page_text(r)
    r = post_json(api, f"{API}/{typed.uuid}/reflections/check", {"text": "You feel tired."})
    assert r.json() == {"detail": services.FEEDBACK_IS_FOR_THE_LISTENER}
    # Blank text: 400 on the page, 422 in the API, the same words.
    r = post_json(login(bob), f"{API}/{typed.uuid}/reflections", {"text": "   "})
    assert r.status_code == 422 and r.json() == {"detail": "Write a few words first."}


def test_feedback_is_refused_once_the_conversation_has_closed(typed, alice, bob) -> None:
    services.send_piece(user=alice, conversation=fresh(typed), text=PIECE)
    leave_couple(user=alice)
    with pytest.raises(services.ConversationConflict):
        services.check_reflection(user=bob, conversation=fresh(typed), text=REFLECTION)
    r = login(bob).post(f"/listening/{typed.uuid}/reflection/check/", {"text": REFLECTION})
    assert r.status_code == 409 and services.FEEDBACK_IS_FOR_THE_LISTENER in page_text(r)


def test_deleting_an_account_keeps_the_partners_own_turns(typed, alice, bob) -> None:
    services.send_piece(user=alice, conversation=fresh(typed), text=PIECE)
    services.send_reflection(user=bob, conversation=fresh(typed), text=REFLECTION)
    services.rate_conversation(user=bob, conversation=fresh(typed), felt_heard=4, helped=[])
    services.rate_conversation(user=alice, conversation=fresh(typed), felt_heard=2, helped=[])
    delete_account(user=alice)

    c = fresh(typed)
    assert (c.owner_id, c.speaker_id, c.partner_id) == (None, None, bob.pk) and c.is_closed
    assert list(Turn.objects.values_list("owner", "text")) == [(bob.pk, REFLECTION)]
    assert list(Rating.objects.values_list("owner", flat=True)) == [bob.pk]
    client = login(bob)
    listing = client.get("/listening/").content.decode()
    assert "A small wish for our days" in listing
    body = page_text(client.get(f"/listening/{c.uuid}/"))
    assert REFLECTION in body and PIECE not in body and FORMER_PARTNER in body
    assert FORMER_PARTNER in page_text(client.get(f"/listening/{c.uuid}/rate/"))
    r = client.get(f"{API}/{c.uuid}")
    assert r.status_code == 200 and r.json()["speaker"] == FORMER_PARTNER
    assert [t["text"] for t in r.json()["turns"]] == [REFLECTION]
    assert client.get("/listening/progress/").status_code == 200


def test_deleting_the_partners_account_keeps_the_starters_conversation(typed, alice, bob) -> None:
    services.send_piece(user=alice, conversation=fresh(typed), text=PIECE)
    delete_account(user=bob)
    c = fresh(typed)
    assert (c.owner_id, c.partner_id) == (alice.pk, None)
    body = page_text(login(alice).get(f"/listening/{c.uuid}/"))
    assert PIECE in body and "This conversation has ended." in body


def test_the_partners_average_needs_three_ratings_they_allowed_in_this_couple(
    alice, bob, couple
) -> None:
    windows: list[tuple[object, object]] = [(None, None)]
    for n, counts in enumerate([True, False, True, True]):
        c = start(alice)
        services.send_piece(user=alice, conversation=fresh(c), text=PIECE)
        services.rate_conversation(
            user=alice,
            conversation=fresh(c),
            felt_heard=2 + n,
            helped=[],
            counts_for_partner=counts,
        )
        shown = access.partners_felt_heard(bob, Rating.objects, windows)
        if n < 3:
            assert shown[0][0] is None  # never fewer than three ratings
    assert access.partners_felt_heard(bob, Rating.objects, windows) == [(round(11 / 3, 1), 3)]
    # Only the partner's: her own average is not "how heard her partner felt".
    assert access.partners_felt_heard(alice, Rating.objects, windows) == [(None, 0)]
    leave_couple(user=alice)
    access.forget(bob)  # as on his next request
    assert access.partners_felt_heard(bob, Rating.objects, windows) == [(None, 0)]


def test_the_writer_alone_gets_care_in_the_api_response(typed, alice, bob) -> None:
    r = post_json(login(alice), f"{API}/{typed.uuid}/pieces", {"text": CRISIS, "send_anyway": True})
    assert r.status_code == 201 and r.json()["care"]["resources"]
    assert "care" not in login(bob).get(f"{API}/{typed.uuid}").json()
    assert "care" not in login(alice).get(f"{API}/{typed.uuid}").json()


def test_the_starters_own_topic_is_theirs_once_the_couple_ends(alice, bob, couple) -> None:
    """A privacy review found the own-topic words outliving the couple for the other person."""
    words = "words only Alice wrote about us"
    own = start(alice, topic_id="", own_topic=words, mode="in_person")
    as_alice, as_bob = login(alice), login(bob)
    assert words in page_text(as_bob.get("/listening/"))  # while paired: shared, as before
    leave_couple(user=alice)
    for path in ("/listening/", f"/listening/{own.uuid}/"):
        shown = page_text(as_bob.get(path))
        assert words not in shown and "Our own topic" in shown
    api = as_bob.get(f"{API}/{own.uuid}").json()
    assert api["title"] == "Our own topic"
    assert words not in json.dumps(as_bob.get(API).json())
    assert words in page_text(as_alice.get(f"/listening/{own.uuid}/"))  # still hers
    delete_account(user=alice)
    assert words not in json.dumps(login(bob).get(API).json())


def test_no_single_rating_can_be_worked_out_from_the_figures_shown(alice, bob, couple) -> None:
    """A privacy review subtracted a trailing average from the overall one to read back the
    newest rating. Figures are now means of whole blocks of three."""
    from datetime import timedelta

    from django.utils import timezone

    from attunement.listening import progress

    def rate(felt: int, weeks_ago: int) -> None:
        c = start(alice)
        services.send_piece(user=alice, conversation=fresh(c), text=PIECE)
        r = services.rate_conversation(
            user=alice, conversation=fresh(c), felt_heard=felt, helped=[]
        )
        Rating.objects.filter(pk=r.pk).update(
            created_at=timezone.now() - timedelta(weeks=weeks_ago)
        )

    for felt in (5, 5, 4):
        rate(felt, weeks_ago=6)
    rate(1, weeks_ago=0)
    shown = progress.summary_for(bob)
    assert (shown.partner_felt_heard, shown.partner_ratings) == (4.7, 3)  # the 1 waits
    assert {w.felt_heard for w in shown.weeks} <= {None, 4.7}
    rate(2, weeks_ago=0)
    rate(3, weeks_ago=0)
    shown = progress.summary_for(bob)
    assert (shown.partner_felt_heard, shown.partner_ratings) == (3.3, 6)
    assert shown.weeks[-1].felt_heard == 2.0  # this week: the mean of the newest block only


def test_a_blocked_exercise_offers_the_same_neutral_way_forward_to_both(
    alice, bob, couple, as_alice, as_bob
) -> None:
    take_screen(bob, at_risk=True)
    pages = [
        page_text(c.post("/listening/start/", {"topic": MEDIUM, "mode": "typed"}))
        for c in (as_alice, as_bob)
    ]
    for page in pages:
        main = page.split("<main", 1)[1].split("</main>", 1)[0]
        assert "Some exercises aren't available right now." in main
        assert "A light topic is open as always, and so is talking in person" in main
        assert "safety" not in main.lower()
    # Word for word the same, whoever answered what.
    strip = [p.split('role="alert">', 1)[1].split("</div>", 1)[0] for p in pages]
    assert strip[0] == strip[1]
    # And the way forward works: a light topic, or the same topic in person.
    assert (
        as_alice.post("/listening/start/", {"topic": "t-001", "mode": "typed"}).status_code == 302
    )


def test_the_progress_chart_draws_no_empty_weeks_before_the_first_data(alice, bob, couple) -> None:
    from attunement.listening import progress

    # Nothing yet: one week (this one), not eight empty ones.
    assert len(progress.summary_for(bob).weeks) == 1
    c = start(alice)
    services.send_piece(user=alice, conversation=fresh(c), text=PIECE)
    services.send_reflection(user=bob, conversation=fresh(c), text=REFLECTION)
    services.confirm_reflection(user=alice, conversation=fresh(c), verdict="yes")
    weeks = progress.summary_for(bob).weeks
    assert len(weeks) == 1 and weeks[0].share == 100
    # The one week spans the chart's width, so its bar sits in the middle, not at the left edge.
    assert progress.LEFT < weeks[0].x and abs(weeks[0].x - progress.WIDTH // 2) <= 2
