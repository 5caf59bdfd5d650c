"""screen_item_at_risk: when an answer to a safety-screen item signals risk."""

import pytest

from attunement.content import loader, screen_item_at_risk


@pytest.mark.parametrize(
    ("risk_at", "answer", "at_risk"),
    [
        (1, 0, False),
        (1, 1, True),
        (1, 3, True),
        (2, 1, False),
        (2, 2, True),
        (3, 2, False),
        (3, 3, True),
    ],
)
def test_ordinary_item_signals_risk_from_risk_at_upwards(risk_at, answer, at_risk):
    assert screen_item_at_risk({"risk_at": risk_at}, answer) is at_risk


@pytest.mark.parametrize(
    ("risk_at", "answer", "at_risk"),
    [
        # "I feel free to disagree": rarely feeling free is the worrying answer.
        (2, 0, True),
        (2, 1, True),
        (2, 2, False),
        (2, 3, False),
        (1, 2, True),
        (1, 3, False),
        (3, 0, True),
        (3, 1, False),
    ],
)
def test_reverse_item_signals_risk_at_or_below_3_minus_risk_at(risk_at, answer, at_risk):
    item = {"risk_at": risk_at, "reverse": True}
    assert screen_item_at_risk(item, answer) is at_risk


@pytest.mark.parametrize("answer", [-1, 4, 1.5, "2", None, True])
def test_answers_off_the_scale_are_refused(answer):
    with pytest.raises(ValueError):
        screen_item_at_risk({"risk_at": 1}, answer)


def test_shipped_items_never_and_often_land_on_opposite_sides():
    for item in loader.load("safety_screen"):
        never, often = screen_item_at_risk(item, 0), screen_item_at_risk(item, 3)
        assert never != often, item["id"]
        assert often is not bool(item.get("reverse"))


def test_shipped_free_to_disagree_item_flags_never_but_not_often():
    item = next(i for i in loader.load("safety_screen") if i.get("reverse"))
    assert screen_item_at_risk(item, 0)
    assert not screen_item_at_risk(item, 3)


def test_an_all_never_screen_is_all_clear_except_for_reverse_items():
    items = loader.load("safety_screen")
    flagged = [item["id"] for item in items if screen_item_at_risk(item, 0)]
    assert flagged == [item["id"] for item in items if item.get("reverse")]
