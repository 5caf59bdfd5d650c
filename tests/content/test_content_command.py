"""`attunement content check [--json]` output and exit codes."""

import io
import json
import shutil

from attunement.content import command, loader


def run(as_json):
    stdout, stderr = io.StringIO(), io.StringIO()
    code = command.run(as_json=as_json, stdout=stdout, stderr=stderr)
    return code, stdout.getvalue(), stderr.getvalue()


def test_json_output_is_one_object_of_counts():
    code, out, err = run(as_json=True)
    assert code == 0
    assert err == ""
    assert out.count("\n") == 1
    counts = json.loads(out)
    assert list(counts) == list(loader.CATALOGUES)
    assert counts == {name: len(loader.load(name)) for name in loader.CATALOGUES}


def test_table_output_lists_every_catalogue():
    code, out, _ = run(as_json=False)
    assert code == 0
    for name in loader.CATALOGUES:
        assert name in out
    assert str(len(loader.load("questions"))) in out
    assert "All catalogues are valid." in out


def broken_data_dir(tmp_path, monkeypatch):
    for name in loader.CATALOGUES:
        shutil.copy(loader.DATA_DIR / f"{name}.toml", tmp_path / f"{name}.toml")
    path = tmp_path / "conversation_topics.toml"
    path.write_text(path.read_text().replace('level = "hard"', 'level = "brutal"', 1))
    monkeypatch.setattr(loader, "DATA_DIR", tmp_path)


def test_json_output_stays_parseable_when_invalid_and_errors_go_to_stderr(tmp_path, monkeypatch):
    broken_data_dir(tmp_path, monkeypatch)
    code, out, err = run(as_json=True)
    assert code == 1
    assert json.loads(out)["conversation_topics"] > 0
    assert "unknown level 'brutal'" in err


def test_table_output_shows_errors_and_exits_1_when_invalid(tmp_path, monkeypatch):
    broken_data_dir(tmp_path, monkeypatch)
    code, out, _ = run(as_json=False)
    assert code == 1
    assert "1 error(s):" in out
    assert "unknown level 'brutal'" in out
