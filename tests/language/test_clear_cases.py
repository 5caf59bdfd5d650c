"""Hand-written clear cases each analyzer must get right."""

from __future__ import annotations

import pytest

from attunement.language import (
    GOEMOTIONS_LABELS,
    analyze_conflict,
    analyze_emotions,
    analyze_empathy,
    analyze_listening,
    analyze_safety,
)

# ---------------------------------------------------------------- listening


def test_faithful_reflection_scores_high() -> None:
    result = analyze_listening(
        "I feel unheard when you look at your phone while I'm telling you about my day.",
        "It sounds like you feel unheard when I'm on my phone while you tell me about your day.",
    )
    assert result.act == "reflection"
    assert result.question is None
    assert result.fidelity >= 0.65
    assert not result.advice and not result.judgment


def test_a_reflection_in_everyday_words_catches_the_feeling() -> None:
    # The issue's own example: "wore you down" mirrors "stressed" without repeating it.
    result = analyze_listening(
        "I was so stressed at work today", "It sounds like today really wore you down."
    )
    assert result.act == "reflection"
    assert result.fidelity >= 0.65
    assert not any("missed how they felt" in tip for tip in result.tips)


def test_contradiction_scores_low_despite_shared_words() -> None:
    result = analyze_listening(
        "I want more evenings alone, just to read and recharge.",
        "You want every evening together.",
    )
    assert result.fidelity < 0.4
    assert any("different" in tip for tip in result.tips)


def test_reflection_that_drops_the_feeling_gets_a_feeling_tip() -> None:
    result = analyze_listening(
        "My sister cancelled on me again and I'm really hurt.",
        "Your sister cancelled on you again.",
    )
    assert result.act == "reflection"
    assert any("how they felt" in tip and "hurt" in tip for tip in result.tips)
    faithful = analyze_listening(
        "My sister cancelled on me again and I'm really hurt.",
        "Your sister cancelled again and you're really hurt.",
    )
    assert faithful.fidelity > result.fidelity


@pytest.mark.parametrize(
    ("reply", "kind"),
    [
        ("What was the hardest part of work this month?", "open"),
        ("How are you holding up?", "open"),
        ("Are you going to ask for time off?", "closed"),
        ("Did you want me to do them tonight?", "closed"),
    ],
)
def test_questions_are_open_or_closed(reply: str, kind: str) -> None:
    result = analyze_listening("Work has been exhausting this month.", reply)
    assert result.act == "question"
    assert result.question == kind


def test_advice_is_flagged() -> None:
    result = analyze_listening(
        "Work has been exhausting this month and I come home with nothing left.",
        "You should just quit and find something better.",
    )
    assert result.advice
    assert result.act == "other"
    assert any("solutions" in tip for tip in result.tips)


@pytest.mark.parametrize(
    "reply",
    [
        "But you're on your phone all the time too.",
        "You're overreacting, it was only twenty minutes.",
    ],
)
def test_counter_attack_and_dismissal_are_judgment(reply: str) -> None:
    result = analyze_listening("I felt lonely at the party when you went off with friends.", reply)
    assert result.judgment
    assert result.act == "other"


def test_turning_to_oneself_is_not_a_reflection_nor_a_verdict() -> None:
    result = analyze_listening(
        "I felt lonely at the party when you went off with friends.",
        "What about me? I do the mornings every single day.",
    )
    assert result.act == "other"


def test_tips_speak_of_your_partner_and_are_at_most_two() -> None:
    result = analyze_listening("I'm scared about the move.", "Okay.")
    assert 1 <= len(result.tips) <= 2
    for tip in result.tips:
        assert "Sam" not in tip
        assert "your partner" in tip or "you" in tip.lower()


# ---------------------------------------------------------------- empathy


def test_empathic_response_scores_on_all_three() -> None:
    result = analyze_empathy(
        "I lost my job today and I don't know how to tell my family.",
        "I'm so sorry, that must be really hard. I went through the same last year. "
        "How are you feeling about telling them?",
    )
    assert result.emotional_reactions >= 1
    assert result.interpretations == 2
    assert result.explorations == 2


def test_flat_response_scores_zero() -> None:
    result = analyze_empathy(
        "I lost my job today and I don't know how to tell my family.",
        "Update your CV and apply to more places.",
    )
    assert result.as_dict() == {"emotional_reactions": 0, "interpretations": 0, "explorations": 0}


# ---------------------------------------------------------------- emotions


def test_emotions_cover_every_label_best_first() -> None:
    result = analyze_emotions("Thank you so much, this made my day!")
    labels = [label for label, _ in result.emotions]
    assert sorted(labels) == sorted(GOEMOTIONS_LABELS)
    scores = [score for _, score in result.emotions]
    assert scores == sorted(scores, reverse=True)
    assert result.emotions[0][0] == "gratitude"
    assert "gratitude" in result.present


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("I'm terrified of what the doctor will say tomorrow.", "fear"),
        ("I'm so sorry, that was my fault and I feel awful about it.", "remorse"),
        ("I love you so much.", "love"),
        ("Why would they even do that? I don't get it.", "confusion"),
        ("The bus leaves at nine.", "neutral"),
    ],
)
def test_clear_emotion_is_present(text: str, label: str) -> None:
    assert label in analyze_emotions(text).present


def test_present_falls_back_to_the_best_label() -> None:
    result = analyze_emotions("hm")
    assert len(result.present) >= 1
    assert result.present[0] == result.emotions[0][0] or result.emotions[0][1] >= 0.5


# ---------------------------------------------------------------- conflict


@pytest.mark.parametrize(
    ("text", "horseman"),
    [
        ("You never listen to me, you're so selfish.", "criticism"),
        ("What's wrong with you? A child could do this.", "contempt"),
        ("It's not my fault, you didn't remind me.", "defensiveness"),
        ("I'm done talking. This conversation is over.", "stonewalling"),
    ],
)
def test_each_horseman_is_caught(text: str, horseman: str) -> None:
    result = analyze_conflict(text)
    assert horseman in result.flagged
    assert getattr(result, horseman) >= 0.5
    assert result.gentle_rewrite_tips


def test_gentle_start_up_is_calm() -> None:
    result = analyze_conflict(
        "I feel lonely when we don't eat together. Could we have dinner together this week?"
    )
    assert result.flagged == []
    assert result.gentle_rewrite_tips == []


def test_criticism_tip_quotes_the_words_used() -> None:
    result = analyze_conflict("You always leave your clothes on the floor.")
    assert any("\u201cYou always\u201d" in tip for tip in result.gentle_rewrite_tips)


# ---------------------------------------------------------------- safety


@pytest.mark.parametrize(
    ("text", "risk"),
    [
        ("I don't want to be alive anymore.", "self_harm"),
        ("Some nights I think everyone would be better off without me.", "self_harm"),
        ("I cut myself again last night.", "self_harm"),
        ("I'm going to hurt him when he gets home.", "harm_to_others"),
        ("He hits me when he's been drinking.", "abuse"),
        ("I'm scared of my partner.", "abuse"),
        ("She checks my phone every night.", "abuse"),
        ("He won't let me see my friends anymore.", "abuse"),
    ],
)
def test_risk_is_caught(text: str, risk: str) -> None:
    result = analyze_safety(text)
    assert result.risk == risk
    assert result.at_risk


@pytest.mark.parametrize(
    "text",
    [
        "This movie killed me, I laughed so hard.",
        "I'm dying to see you this weekend.",
        "We had a lovely walk by the river.",
        "Can you pick up milk on the way home?",
    ],
)
def test_everyday_text_is_not_flagged(text: str) -> None:
    result = analyze_safety(text)
    assert result.risk == "none"
    assert not result.at_risk


def test_a_risk_late_in_a_long_text_is_found() -> None:
    filler = "We went to the market and bought apples and bread for the week. " * 80
    result = analyze_safety(filler + "Honestly I don't want to be alive anymore.")
    assert result.risk == "self_harm"


def test_moving_for_staying_is_a_contradiction() -> None:
    faithful = analyze_listening("I want to stay in this city.", "You want to stay in this city.")
    swapped = analyze_listening("I want to stay in this city.", "You want to move away.")
    assert swapped.fidelity < 0.4 < faithful.fidelity


def test_reassurance_is_other_but_not_advice() -> None:
    # issue 10: reassurance is not a reflection; our couple pairs label it neither advice
    result = analyze_listening(
        "I'm nervous about meeting your parents on Sunday.", "Don't worry, they'll love you."
    )
    assert result.act == "other" and not result.advice


@pytest.mark.parametrize(
    "reply",
    [
        "If I were you I'd tell her how you feel.",
        "You need to stop worrying, it'll be fine.",
    ],
)
def test_reassurance_and_fixes_are_advice_not_reflection(reply: str) -> None:
    result = analyze_listening("I'm nervous about meeting your parents on Sunday.", reply)
    assert result.advice
    assert result.act == "other"


def test_a_feeling_mirrored_without_a_stock_opener_is_a_reflection() -> None:
    result = analyze_listening(
        "I'm nervous about meeting your parents on Sunday.",
        "You're nervous about meeting my parents on Sunday.",
    )
    assert result.act == "reflection"
    assert result.fidelity >= 0.65
    assert not result.judgment


@pytest.mark.parametrize(
    ("text", "risk"),
    [
        ("I've been researching how many pills it would take.", "self_harm"),
        ("What's the point of anything anymore. I'm tired of existing.", "self_harm"),
        ("He deserves to get his head kicked in and I'm the one who'll do it.", "harm_to_others"),
        ("I have to hand over my wages to him every Friday.", "abuse"),
        ("She gets violent when she drinks.", "abuse"),
    ],
)
def test_plain_language_risk_is_caught(text: str, risk: str) -> None:
    assert analyze_safety(text).risk == risk


@pytest.mark.parametrize(
    "text",
    [
        "I'm going to kill this presentation tomorrow.",
        "She hit me with a surprise party, I cried.",
        "He's killing it at his new job.",
    ],
)
def test_idioms_of_harm_are_not_flagged(text: str) -> None:
    assert analyze_safety(text).risk == "none"
