"""Scoring the reflection: reverse keying, missing answers refused, the 1..7 boundaries."""

import pytest

from attunement import content
from attunement.content import styles
from attunement.differences import scoring
from attunement.differences.demo import answers_for
from attunement.lib.errors import InvalidInput

ITEMS = content.load("style_items")


def every(value: int) -> dict[str, object]:
    return {item["id"]: value for item in ITEMS}


def test_answering_7_everywhere_scores_7_on_plain_items_and_1_on_reversed_ones():
    # A scale with reversed items gets (7 + ... + 1 + ...) / n: not 7.
    scores = scoring.score(every(7))
    for key, scale in scoring.scales().items():
        items = [i for i in ITEMS if scoring.scale_of(i) == key]
        reversed_ = sum(1 for i in items if i.get("reverse"))
        expected = round((7 * (len(items) - reversed_) + 1 * reversed_) / len(items), 1)
        assert scores[key] == expected, scale.title


def test_a_reverse_keyed_item_is_flipped_before_scoring():
    answers = every(4)
    item = next(i for i in ITEMS if i["dimension"] == "processing" and i.get("reverse"))
    answers[item["id"]] = 1  # "Talking it through is how I figure out..." not like me at all
    # Flipped to 7: this person leans to thinking first.
    assert scoring.score(answers)["processing"] == round((4 * 4 + 7) / 5, 1)


def test_answers_built_for_targets_score_exactly_those_targets():
    targets = {key: n % 7 + 1 for n, key in enumerate(scoring.scales())}
    assert scoring.score(answers_for(targets)) == {k: float(v) for k, v in targets.items()}


def test_the_extremes_are_1_and_7():
    lowest = answers_for(dict.fromkeys(scoring.scales(), 1))
    highest = answers_for(dict.fromkeys(scoring.scales(), 7))
    assert set(scoring.score(lowest).values()) == {1.0}
    assert set(scoring.score(highest).values()) == {7.0}


def test_one_missing_answer_is_refused():
    answers = every(4)
    del answers[ITEMS[-1]["id"]]
    with pytest.raises(InvalidInput, match="Answer every statement"):
        scoring.score(answers)


@pytest.mark.parametrize("bad", [0, 8, -1, True, "4", 4.5, None])
def test_answers_outside_whole_numbers_1_to_7_are_refused(bad):
    answers = every(4)
    answers[ITEMS[0]["id"]] = bad
    with pytest.raises(InvalidInput):
        scoring.score(answers)


def test_an_unknown_item_is_refused():
    with pytest.raises(InvalidInput):
        scoring.score({**every(4), "i-99": 4})


@pytest.mark.parametrize(
    ("value", "band"),
    [(1.0, "low"), (3.4, "low"), (3.5, "middle"), (4.0, "middle"), (4.5, "middle"),
     (4.6, "high"), (7.0, "high")],
)  # fmt: skip
def test_bands_at_their_boundaries(value, band):
    assert scoring.band(value) == band


def test_every_scale_explains_each_band_in_its_own_words():
    for scale in scoring.scales().values():
        texts = [scale.explain(v) for v in (2.0, 4.0, 6.0)]
        assert len(set(texts)) == 3 and all(texts)


def test_the_catalogue_has_seven_dimensions_of_five_or_more_items_with_reversed_ones():
    dims = scoring.dimensions()
    assert len(dims) >= 7
    assert {d.id for d in dims} >= {
        "closeness", "space", "processing", "support", "expressiveness", "disagreement",
        "recharge",
    }  # fmt: skip
    for d in dims:
        assert len(d.items) >= 5, d.id
    support = {s.id for s in scoring.dimension("support").scales}
    assert support == {f"support_{k}" for k in styles_kinds()}
    assert sum(1 for i in ITEMS if i.get("reverse")) >= 10


def styles_kinds():
    from attunement.couples.style import SUPPORT_KINDS

    return SUPPORT_KINDS


def test_at_least_twenty_cards_each_with_two_or_three_ideas():
    cards = content.load("difference_cards")
    assert len(cards) >= 20
    assert all(2 <= len(c["ideas"]) <= 3 for c in cards)
    assert {c["scale"] for c in cards} == set(scoring.scales())


def test_the_check_refuses_a_card_with_an_unknown_name_or_too_few_ideas():
    card = {"id": "d-99", "scale": "space", "when": "both_high", "title": "T",
            "text": "{high} and {low}", "ideas": ["one"]}  # fmt: skip
    errors = styles.check_card("difference_cards: d-99", card, {})
    assert any("{high}" in e for e in errors)
    assert any("ideas" in e for e in errors)


def test_the_check_refuses_a_dimension_with_too_few_items():
    doc = {"dimensions": {"space": {}}, "scales": {"space": {"dimension": "space"}}}
    entries = [{"id": f"i-0{n}", "dimension": "space"} for n in range(1, 5)]
    assert styles.check_item_counts(doc, entries) == [
        "style_items: dimension space has 4 items (at least 5)"
    ]


def test_the_shipped_catalogues_pass_the_check():
    counts, errors = content.check()
    assert not [e for e in errors if "style_items" in e or "difference_cards" in e]
    assert counts["style_items"] == len(ITEMS)
    assert counts["difference_cards"] >= 20
