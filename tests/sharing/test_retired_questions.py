"""Merged questions are retired, not deleted: history keeps their words, and they are not served."""

from attunement import content
from attunement.sharing.models import ServedQuestion
from attunement.sharing.selection import choose_question, deck

RETIRED = ("q-0101", "q-0107", "q-0165", "q-0204", "q-0292")


def test_a_served_retired_question_keeps_its_words_and_depth():
    for qid in RETIRED:
        served = ServedQuestion(question_id=qid)
        assert served.text == content.get("questions", qid)["text"]
        assert served.text != "(This question was retired.)"
        assert served.depth in content.DEPTHS


def test_retired_questions_are_never_chosen_again():
    history: list[str] = []
    for _ in range(len(content.load("questions"))):
        history.append(choose_question(seed="s", history=history, deepest="deep"))
    assert not set(RETIRED) & set(history)
    for depth in content.DEPTHS:
        assert not set(RETIRED) & {q["id"] for q in deck(seed="s", depth=depth, size=400)}
