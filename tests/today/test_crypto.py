import pytest
from cryptography.fernet import Fernet
from django.db import connection
from django.test import override_settings

from attunement.lib import crypto
from attunement.support.models import Appreciation
from attunement.today.rotation import rotate_all
from tests.builders import appreciation


@pytest.fixture(autouse=True)
def fresh_keys():
    crypto.fernet.cache_clear()
    yield
    crypto.fernet.cache_clear()


def _stored(pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM support_appreciation WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def test_values_round_trip_and_are_not_stored_in_plain_text(alice, bob, couple):
    a = appreciation(alice, bob, couple=couple, text="tea in bed")
    assert "tea" not in _stored(a.pk)
    assert Appreciation.objects.get(pk=a.pk).text == "tea in bed"


def test_rotation_moves_every_value_to_the_newest_key_and_old_key_can_then_go(alice, bob, couple):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    with override_settings(ENCRYPTION_KEYS=[old]):
        crypto.fernet.cache_clear()
        a = appreciation(alice, bob, couple=couple, text="tea in bed")
        before = _stored(a.pk)
    with override_settings(ENCRYPTION_KEYS=[new, old]):
        crypto.fernet.cache_clear()
        assert rotate_all() >= 1
        assert _stored(a.pk) != before
    with override_settings(ENCRYPTION_KEYS=[new]):
        crypto.fernet.cache_clear()
        assert Appreciation.objects.get(pk=a.pk).text == "tea in bed"


def test_a_missing_key_fails_loudly_instead_of_showing_garbage(alice, bob, couple):
    with override_settings(ENCRYPTION_KEYS=[Fernet.generate_key().decode()]):
        crypto.fernet.cache_clear()
        a = appreciation(alice, bob, couple=couple, text="tea")
    with override_settings(ENCRYPTION_KEYS=[Fernet.generate_key().decode()]):
        crypto.fernet.cache_clear()
        with pytest.raises(ValueError, match="key that wrote this value is missing"):
            Appreciation.objects.get(pk=a.pk)


def test_embedded_setup_generates_a_private_key_file_once(db, tmp_path, settings):
    settings.ENCRYPTION_KEYS = []
    settings.DATA_DIR = tmp_path
    token = crypto.encrypt("hello")
    key_file = tmp_path / crypto.KEY_FILE_NAME
    assert key_file.exists() and oct(key_file.stat().st_mode)[-3:] == "600"
    crypto.fernet.cache_clear()
    assert crypto.decrypt(token) == "hello"


def test_processes_starting_at_once_end_up_with_one_key(transactional_db, tmp_path, settings):
    """Two web workers used to each write their own key; text saved under the loser was lost."""
    import threading

    settings.ENCRYPTION_KEYS = []
    settings.DATA_DIR = tmp_path
    start = threading.Barrier(8)
    tokens: list[str] = []

    def boot() -> None:
        start.wait()
        crypto.ensure_key_file()
        tokens.append(crypto.Fernet(crypto._key_file_keys()[0].encode()).encrypt(b"x").decode())

    threads = [threading.Thread(target=boot) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    keys = (tmp_path / crypto.KEY_FILE_NAME).read_text().split()
    assert len(keys) == 1
    assert len(tokens) == 8
    assert [p.name for p in tmp_path.iterdir()] == [crypto.KEY_FILE_NAME]  # no temp files left
    one_key = crypto.Fernet(keys[0].encode())
    assert {one_key.decrypt(t.encode()) for t in tokens} == {b"x"}


def test_a_lost_key_file_with_stored_notes_refuses_to_start(alice, bob, couple, tmp_path, settings):
    Appreciation.objects.create(owner=alice, recipient=bob, couple=couple, text="tea in bed")
    settings.ENCRYPTION_KEYS = []
    settings.DATA_DIR = tmp_path
    with pytest.raises(crypto.MissingKeyError, match="Restore encryption_keys.txt"):
        crypto.ensure_key_file()
    assert not (tmp_path / crypto.KEY_FILE_NAME).exists()


def test_serve_says_why_it_will_not_start_without_the_key(
    alice, bob, couple, tmp_path, settings, monkeypatch, capsys
):
    from attunement import cli

    Appreciation.objects.create(owner=alice, recipient=bob, couple=couple, text="tea in bed")
    settings.ENCRYPTION_KEYS = []
    settings.DATA_DIR = tmp_path
    monkeypatch.setattr(cli, "_django", lambda: None)
    monkeypatch.setattr(cli, "_manage", lambda *args: None)
    started = []
    monkeypatch.setattr(cli.subprocess, "Popen", lambda *a, **k: started.append(a))
    code = cli.main(["serve"])
    assert code == 1
    assert "the key file" in capsys.readouterr().err
    assert started == []  # neither the web server nor the worker
