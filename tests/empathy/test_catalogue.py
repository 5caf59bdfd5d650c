"""`attunement content check` checks the partner_quiz catalogue like the others."""

import shutil

import pytest

from attunement.content import loader


@pytest.fixture
def data_dir(tmp_path):
    for name in loader.CATALOGUES:
        shutil.copy(loader.DATA_DIR / f"{name}.toml", tmp_path / f"{name}.toml")
    return tmp_path


def with_item(data_dir, text: str) -> list[str]:
    with open(data_dir / "partner_quiz.toml", "a", encoding="utf-8") as f:
        f.write("\n[[item]]\n" + text + "\n")
    return [e for e in loader.check(data_dir)[1] if e.startswith("partner_quiz")]


def test_the_shipped_quiz_is_clean():
    counts, errors = loader.check()
    assert counts["partner_quiz"] >= 150
    assert [e for e in errors if e.startswith("partner_quiz")] == []


@pytest.mark.parametrize(
    ("entry", "error"),
    [
        (
            'id = "pq-901"\ntopic = "hopes"\nanswer = "choice"\ntext = "Tea or coffee, really?"\n'
            'options = ["Tea"]',
            "pq-901: a choice needs 2 to 6 options",
        ),
        (
            'id = "pq-902"\ntopic = "hopes"\nanswer = "ranking"\n'
            'text = "Order the planets you like."\noptions = ["A", "B", "a"]',
            "pq-902: options has a repeated value",
        ),
        (
            'id = "pq-903"\ntopic = "gossip"\nanswer = "text"\n'
            'text = "Who annoys you at work now?"',
            "pq-903: unknown topic 'gossip'",
        ),
        (
            'id = "pq-904"\ntopic = "hopes"\nanswer = "essay"\ntext = "Write about your future."',
            "pq-904: unknown answer 'essay'",
        ),
        (
            'id = "pq-905"\ntopic = "hopes"\nanswer = "text"\ntext = "Name a hope."\n'
            'options = ["x", "y"]',
            "pq-905: a text answer takes no options",
        ),
        (
            'id = "q-1"\ntopic = "hopes"\nanswer = "text"\ntext = "A question with a bad id here."',
            "id should look like pq-001",
        ),
        (
            'id = "pq-906"\ntopic = "favourites"\nanswer = "text"\n'
            'text = "What meal would you choose for a perfect evening in?"',
            "same text as pq-002",
        ),
    ],
)
def test_broken_quiz_items_are_reported(data_dir, entry, error):
    assert any(error in e for e in with_item(data_dir, entry)), error
