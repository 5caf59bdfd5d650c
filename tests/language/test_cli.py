"""`attunement analyze KIND` honours its contract line for line."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from attunement.language import cli

LISTENING_LINES = [
    b'{"statement": "I want more evenings alone.", "reply": "You want some evenings alone."}',
    b"not json",
    b'{"statement": "I want more evenings alone."}',
    b'{"statement": "hi", "reply": 3}',
    b'{"statement": "   ", "reply": "ok"}',
    b"\xff\xfe\xfa",
    b"[1, 2]",
    b"",
    b'{"statement": "' + b"a" * (cli.MAX_FIELD_CHARS + 1) + b'", "reply": "ok"}',
    '{"statement": "Ça va?", "reply": "Is it going well?", "extra": 1}'.encode(),
]


def run_lines(kind: str, lines: list[bytes]) -> tuple[int, list[dict[str, object]]]:
    out = io.StringIO()
    code = cli.run(kind, io.BytesIO(b"\n".join(lines) + b"\n"), out)
    return code, [json.loads(line) for line in out.getvalue().splitlines()]


def test_one_answer_per_line_in_order_with_errors_for_bad_lines() -> None:
    code, answers = run_lines("listening", LISTENING_LINES)
    assert code == 0
    assert len(answers) == len(LISTENING_LINES)
    good = answers[0]
    assert set(good) == {"act", "question", "fidelity", "advice", "judgment", "tips"}
    expected_errors = [
        "JSON",
        "missing field 'reply'",
        "must be a string",
        "empty",
        "UTF-8",
        "object",
        "empty line",
        "longer than",
    ]
    for answer, fragment in zip(answers[1:9], expected_errors, strict=True):
        assert set(answer) == {"error"}
        assert fragment in str(answer["error"])
    assert "act" in answers[9]


@pytest.mark.parametrize(
    ("kind", "line", "keys"),
    [
        (
            "empathy",
            {"seeker": "I failed my exam.", "response": "I'm so sorry. What happened?"},
            {"emotional_reactions", "interpretations", "explorations"},
        ),
        ("emotions", {"text": "I'm thrilled!"}, {"emotions"}),
        (
            "conflict",
            {"text": "You never listen."},
            {"criticism", "contempt", "defensiveness", "stonewalling", "gentle_rewrite_tips"},
        ),
        ("safety", {"text": "He hits me."}, {"risk", "score", "level"}),
    ],
)
def test_every_kind_answers_with_its_contract_fields(
    kind: str, line: dict[str, str], keys: set[str]
) -> None:
    code, answers = run_lines(kind, [json.dumps(line).encode(), b'{"wrong": "field"}'])
    assert code == 0
    assert set(answers[0]) == keys
    assert "error" in answers[1]


def test_emotions_are_label_score_pairs_best_first() -> None:
    _, answers = run_lines("emotions", [b'{"text": "thank you so much!"}'])
    emotions = answers[0]["emotions"]
    assert isinstance(emotions, list) and len(emotions) == 28
    scores = [pair[1] for pair in emotions]
    assert scores == sorted(scores, reverse=True)


def test_text_streams_and_a_last_line_without_newline_work() -> None:
    out = io.StringIO()
    assert cli.run("safety", io.StringIO('{"text": "hello"}\n{"text": "He hits me."}'), out) == 0
    answers = [json.loads(x) for x in out.getvalue().splitlines()]
    assert [a["risk"] for a in answers] == ["none", "abuse"]
    assert [a["level"] for a in answers] == ["none", "clear"]


def test_unknown_kind_exits_2_with_a_message(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.run("horoscope", io.BytesIO(b""), io.StringIO()) == 2
    assert "unknown kind" in capsys.readouterr().err


def test_module_entry_point_runs_as_a_process() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "attunement.language", "conflict"],
        input=b'{"text": "Whatever. I\'m done talking."}\nnope\n',
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.decode().splitlines()
    assert len(lines) == 2
    assert json.loads(lines[0])["stonewalling"] >= 0.5
    assert "error" in json.loads(lines[1])


def test_an_enormous_line_is_refused_and_the_next_line_still_runs() -> None:
    huge = b'{"text": "' + b"x" * (3 * cli.MAX_LINE_BYTES) + b'"}'
    code, answers = run_lines("emotions", [huge, b'{"text": "Thank you!"}'])
    assert code == 0
    assert len(answers) == 2
    assert "longer than" in str(answers[0]["error"])
    assert "emotions" in answers[1]


def test_lines_split_across_reads_are_joined() -> None:
    class Trickle(io.BytesIO):
        def read1(self, size: int = -1) -> bytes:
            return super().read1(3)

    out = io.StringIO()
    stream = Trickle(b'{"text": "He hits me."}\n{"text": "hello"}\n')
    assert cli.run("safety", stream, out) == 0
    assert [json.loads(x)["risk"] for x in out.getvalue().splitlines()] == ["abuse", "none"]
