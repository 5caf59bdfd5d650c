"""Encryption at rest for free text: Fernet (AES-128-CBC + HMAC) with key rotation.

Keys come from ENCRYPTION_KEYS (comma-separated, newest first) or, in the embedded set-up,
from a key file generated in the data folder on first use. Losing the key loses the text:
back the file up with the database.
"""

import logging
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import models

log = logging.getLogger(__name__)
KEY_FILE_NAME = "encryption_keys.txt"
PREFIX = "f1:"


def _key_file_keys() -> list[str]:
    path = settings.DATA_DIR / KEY_FILE_NAME
    if not path.exists():
        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(Fernet.generate_key().decode() + "\n")
        path.chmod(0o600)
        log.warning(
            "Generated a new encryption key in %s. Back it up with the database: "
            "without it, notes and messages cannot be read.",
            path,
        )
    return [line.strip() for line in path.read_text().splitlines() if line.strip()]


@cache
def fernet() -> MultiFernet:
    keys = [k for k in settings.ENCRYPTION_KEYS if k] or _key_file_keys()
    return MultiFernet([Fernet(k.encode()) for k in keys])


def encrypt(text: str) -> str:
    return PREFIX + fernet().encrypt(text.encode()).decode()


def decrypt(token: str) -> str:
    if not token.startswith(PREFIX):
        raise ValueError("Not an encrypted value")
    try:
        return fernet().decrypt(token[len(PREFIX) :].encode()).decode()
    except InvalidToken as exc:
        raise ValueError("Cannot decrypt: the key that wrote this value is missing") from exc


def rotate(token: str) -> str:
    return PREFIX + fernet().rotate(token[len(PREFIX) :].encode()).decode()


class EncryptedTextField(models.TextField):
    """A TextField stored encrypted. Empty strings stay empty (nothing to hide)."""

    def get_prep_value(self, value: object) -> object:
        value = super().get_prep_value(value)
        if value in (None, ""):
            return value
        return encrypt(str(value))

    def from_db_value(
        self, value: str | None, expression: object, connection: object
    ) -> str | None:
        if value in (None, ""):
            return value
        return decrypt(value)
