"""The safety screen is about the writer: a supportive reply that names the reader's harm ("please
don't hurt yourself, I'm here") gets no care card, while the writer's own words about themself
keep their whole weight, also when they speak to "you" (a burden, a farewell). Sentences written
for these tests; none is in the training or evaluation files."""

from __future__ import annotations

import numpy as np
import pytest

from attunement.language import analyze_safety
from attunement.language.safety import RISKS, person_weight, weigh_by_person


@pytest.mark.parametrize(
    "text",
    [
        "I want to hurt myself tonight.",
        "You'd honestly all be calmer if I wasn't in the picture anymore.",
        "sometimes i think u deserve someone who isnt such a mess",
        "this is the last thing ill send. look after urself for me ok",
        "im so tired of everything, i dont want to be here",
        "Rope's in the car.",
    ],
)
def test_the_writers_own_words_keep_their_whole_weight(text: str) -> None:
    assert person_weight(text) == 1.0


@pytest.mark.parametrize(
    "text",
    [
        "Please don't hurt yourself, I'm right here.",
        "you dont have to kill urself. your family needs you, please reach out to someone",
        "If you ever feel suicidal, you can always wake me up, whatever the time.",
    ],
)
def test_harm_named_as_the_readers_weighs_less(text: str) -> None:
    assert person_weight(text) < 0.5


def test_a_piece_that_speaks_to_you_throughout_weighs_less() -> None:
    text = (
        "You are stronger than you think. Your sister loves you, your friends love you, and you "
        "will get through this. Call your doctor tomorrow."
    )
    assert person_weight(text) < 0.6
    # a writer who speaks of "me" about as often as of "you" keeps the whole weight
    assert (
        person_weight("You'd have more time if you didn't have to look after me. I'm a drag.")
        == 1.0
    )


def test_only_the_self_harm_share_moves_to_none() -> None:
    probs = np.array([[0.1, 0.6, 0.2, 0.1], [0.1, 0.6, 0.2, 0.1]])
    out = weigh_by_person(probs, ["Please don't hurt yourself, I'm here.", "I give up."])
    assert out[1] == pytest.approx(probs[1])
    assert out[0, RISKS.index("self_harm")] == pytest.approx(0.6 * 0.35)
    assert out[0, RISKS.index("harm_to_others")] == pytest.approx(0.2)
    assert out[0, RISKS.index("abuse")] == pytest.approx(0.1)
    assert out.sum(axis=1) == pytest.approx([1.0, 1.0])


@pytest.mark.parametrize(
    "text",
    [
        "Please don't hurt yourself tonight, I'm here and I'm not going anywhere.",
        "You don't have to go through this alone. If you ever think about ending your life, "
        "tell me, and we'll call someone together.",
    ],
)
def test_a_supportive_reply_to_a_partner_gets_no_care_card(text: str) -> None:
    assert analyze_safety(text).level != "clear", analyze_safety(text)


def test_the_same_words_about_oneself_still_get_the_card() -> None:
    result = analyze_safety("I'm going to hurt myself tonight, I can't do this anymore.")
    assert (result.level, result.risk) == ("clear", "self_harm"), result
