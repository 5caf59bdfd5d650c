"""The empathic-accuracy score (empathy/accuracy.py; worked examples in docs/empathy.md)."""

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from attunement.content.feelings import BY_ID, GROUPS
from attunement.empathy.accuracy import accuracy, credit, feelings_match, intensity_match

IDS = sorted(BY_ID)
SETS = st.lists(st.sampled_from(IDS), min_size=1, max_size=5, unique=True)
LEVELS = st.integers(min_value=1, max_value=5)


@given(SETS, LEVELS)
def test_identical_sets_and_intensity_score_one(felt, intensity):
    assert feelings_match(felt, list(reversed(felt))) == 1
    assert accuracy(felt, intensity, felt, intensity) == 1


@given(SETS, LEVELS, SETS, LEVELS)
def test_the_score_is_symmetric_and_between_zero_and_one(felt, fi, guessed, gi):
    assert accuracy(felt, fi, guessed, gi) == accuracy(guessed, gi, felt, fi)
    assert 0 <= accuracy(felt, fi, guessed, gi) <= 1


def test_opposite_valence_scores_low():
    pleasant = [f.id for f in BY_ID.values() if f.valence >= 0.6]
    unpleasant = [f.id for f in BY_ID.values() if f.valence <= -0.6]
    for a, b in itertools.product(pleasant, unpleasant):
        assert credit(a, b) == 0, (a, b)
    # Even with the same intensity, the feelings part is lost: at most the 20% of intensity.
    assert accuracy(["joyful"], 4, ["sad"], 4) == pytest.approx(0.2)
    assert accuracy(["joyful", "grateful"], 3, ["angry", "lonely"], 1) < 0.15


def test_a_near_feeling_earns_part_credit_and_a_far_one_none():
    assert 0.4 < credit("anxious", "stressed") < 0.5
    assert credit("sad", "lonely") > credit("sad", "tired") > credit("sad", "joyful") == 0


def test_a_scattershot_guess_pays_for_its_misses():
    exact = accuracy(["content"], 2, ["content"], 2)
    every_guess = accuracy(["content"], 2, [g.feelings[0].id for g in GROUPS[:5]], 2)
    assert every_guess < 0.6 < exact


def test_intensity_counts_a_fifth():
    assert intensity_match(1, 5) == 0 and intensity_match(3, 4) == 0.75
    assert accuracy(["calm"], 1, ["calm"], 5) == pytest.approx(0.8)


@pytest.mark.parametrize(
    ("felt", "fi", "guessed", "gi", "score"),
    [
        (["anxious", "tired"], 3, ["anxious", "tired"], 3, 1.0),
        (["anxious", "tired"], 3, ["stressed"], 4, 0.39),
        (["joyful"], 4, ["sad"], 2, 0.10),
        (["sad"], 3, ["lonely"], 3, 0.56),
        (["content"], 2, ["content", "excited", "proud", "anxious", "sad"], 2, 0.48),
    ],
)
def test_the_worked_examples_in_the_docs(felt, fi, guessed, gi, score):
    assert accuracy(felt, fi, guessed, gi) == pytest.approx(score, abs=0.005)


def test_every_feeling_has_a_place_on_the_map_and_a_meaning():
    for feeling in BY_ID.values():
        assert -1 <= feeling.valence <= 1 and -1 <= feeling.arousal <= 1
        assert feeling.meaning.endswith(".")
    for group in GROUPS:
        assert group.meaning
