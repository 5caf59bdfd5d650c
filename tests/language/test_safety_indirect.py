"""Issue 10's indirect risks, casual spellings and long texts (written for these tests; none of
these sentences is in the training or evaluation files)."""

from __future__ import annotations

import numpy as np
import pytest

from attunement.language import analyze_safety, analyze_safety_batch, encoder
from attunement.language.safety import written_out


@pytest.mark.parametrize(
    ("casual", "written"),
    [
        ("i wanna die", "i want to die"),
        ("kms fr", "kill myself fr"),
        ("im so done w it n ur no help", "i'm so done with it and your no help"),
    ],
)
def test_casual_spellings_are_written_out(casual: str, written: str) -> None:
    assert written_out(casual) == written


def test_real_words_are_left_alone() -> None:
    # "ill" and "cd" are words too; they are not expanded
    assert written_out("I feel ill, can you put a CD on") == "I feel ill, can you put a CD on"


@pytest.mark.parametrize(
    "text",
    ["i wanna die", "honestly wana die rn", "kms", "thinking about unaliving myself tbh"],
)
def test_casual_spellings_of_wanting_to_die_get_the_card(text: str) -> None:
    result = analyze_safety(text)
    assert (result.level, result.risk) == ("clear", "self_harm"), result


@pytest.mark.parametrize(
    ("text", "risk"),
    [
        ("Honestly it would be simpler for everyone if I just wasn't around.", "self_harm"),
        ("Been reading about the quickest way to go. Don't worry about it.", "self_harm"),
        ("i burned my arms with a lighter again last night", "self_harm"),
        ("She wants a selfie every half hour to prove where I am.", "abuse"),
        ("He keeps saying he'll take the kids away from me if I tell anyone.", "abuse"),
        ("He says he'll get me deported if I ever leave.", "abuse"),
        ("Last night his hands were round my neck again.", "abuse"),
        ("I'm frightened of him when he's been drinking.", "abuse"),
        ("She keeps going even after I said no.", "abuse"),
        ("I keep getting urges to hurt her when she yells and it terrifies me.", "harm_to_others"),
    ],
)
def test_indirect_risk_of_every_kind_in_issue_10_is_noticed(text: str, risk: str) -> None:
    result = analyze_safety(text)
    assert result.level != "none", (text, result)
    assert result.risk == risk, (text, result)


@pytest.mark.parametrize(
    "text",
    [
        "Broke my phone screen again, third time this year.",
        "Sending you a selfie every hour of the hike so you can see the views!",
        "We agreed the kids spend Christmas with their dad this year.",
        "My visa renewal came through, thank you for all the forms.",
    ],
)
def test_ordinary_uses_of_those_ideas_get_no_card(text: str) -> None:
    assert analyze_safety(text).level != "clear", text


def test_a_text_twice_in_one_call_is_encoded_once_and_matches(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(encoder, "_CACHE_SIZE", 0)
    seen: list[int] = []
    real = encoder.Encoder._encode_into

    def counting(self: encoder.Encoder, texts: list[str], *rest: object) -> None:
        seen.append(len(texts))
        real(self, texts, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(encoder.Encoder, "_encode_into", counting)
    statement = "I felt alone at the party last night."
    both = encoder.encode([statement, "You felt alone.", statement, statement])
    assert seen == [2]
    alone = encoder.encode([statement])
    assert np.array_equal(both[0], alone[0]) and np.array_equal(both[2], alone[0])


def test_a_plain_statement_of_risk_anywhere_in_a_long_text_gets_the_card() -> None:
    day = "Walked the dog, answered email, made soup and called my sister about the weekend. "
    risky = day * 30 + "I don't want to be alive any more. " + day * 30
    assert analyze_safety_batch([risky])[0].level == "clear"
