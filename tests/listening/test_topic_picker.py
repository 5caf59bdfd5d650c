"""Choosing a topic: a short list of suggestions, the rest by depth, and your own just works."""

import re

from attunement.listening.models import Conversation


def _radios_outside_details(html: str) -> int:
    without = re.sub(r"<details.*?</details>", "", html, flags=re.S)
    return without.count('type="radio" name="topic"')


def test_start_page_shows_four_suggestions_and_the_rest_by_depth(as_alice, couple) -> None:
    html = as_alice.get("/listening/start/").content.decode()
    assert _radios_outside_details(html) == 4
    for label in ("More light topics", "Medium topics", "Harder topics"):
        assert label in html
    # Every catalogue topic is still one tap away, each once.
    assert html.count('type="radio" name="topic"') == 76
    assert "Our own topic" not in html  # no option to tick for your own words


def test_writing_your_own_topic_is_enough_without_ticking_anything(as_alice, couple) -> None:
    r = as_alice.post(
        "/listening/start/", {"own_topic": "Our Sunday mornings", "mode": "in_person"}
    )
    assert r.status_code == 302
    assert Conversation.objects.get().own_topic == "Our Sunday mornings"


def test_a_ticked_topic_stays_the_topic(as_alice, couple) -> None:
    r = as_alice.post(
        "/listening/start/", {"topic": "t-001", "own_topic": "Our move", "mode": "in_person"}
    )
    assert r.status_code == 302
    conversation = Conversation.objects.get()
    assert (conversation.topic_id, conversation.own_topic) == ("t-001", "")


def test_neither_a_topic_nor_words_asks_warmly_once(as_alice, couple) -> None:
    r = as_alice.post("/listening/start/", {"mode": "in_person"})
    html = r.content.decode()
    assert r.status_code == 400 and html.count("Choose a topic, or write your own.") == 1
    assert "This field is required" not in html


def test_a_topic_chosen_from_a_closed_group_opens_that_group(as_alice, couple) -> None:
    html = as_alice.get("/listening/start/?topic=t-040").content.decode()
    opened = re.findall(r"<details class=\"topic-more\" open>.*?</details>", html, flags=re.S)
    assert len(opened) == 1 and 'value="t-040" checked' in opened[0]


# "How heard did you feel?" waits for a full round.

RATE = "How heard did you feel?"


def test_no_rating_link_while_the_first_piece_is_still_being_heard(
    confirming, as_alice, as_bob
) -> None:
    for client in (as_alice, as_bob):
        assert RATE not in client.get(f"/listening/{confirming.uuid}/").content.decode()


def test_the_speaker_is_asked_once_their_piece_landed(responding, as_alice, as_bob) -> None:
    assert RATE in as_alice.get(f"/listening/{responding.uuid}/").content.decode()
    assert RATE not in as_bob.get(f"/listening/{responding.uuid}/").content.decode()
