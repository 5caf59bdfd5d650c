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


def test_embedded_setup_generates_a_private_key_file_once(tmp_path, settings):
    settings.ENCRYPTION_KEYS = []
    settings.DATA_DIR = tmp_path
    token = crypto.encrypt("hello")
    key_file = tmp_path / crypto.KEY_FILE_NAME
    assert key_file.exists() and oct(key_file.stat().st_mode)[-3:] == "600"
    crypto.fernet.cache_clear()
    assert crypto.decrypt(token) == "hello"
