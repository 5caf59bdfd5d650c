"""Encryption at rest for free text: Fernet (AES-128-CBC + HMAC) with key rotation.

Keys come from ENCRYPTION_KEYS (comma-separated, newest first) or, in the embedded set-up,
from a key file in the data folder that `attunement serve` creates before the web workers
start (ensure_key_file). Losing the key loses the text:
back the file up with the database.
"""

import logging
import os
import secrets
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import models

from attunement.lib.files import private_dir, private_file

if TYPE_CHECKING:
    from django.db.models.expressions import Combinable

log = logging.getLogger(__name__)
KEY_FILE_NAME = "encryption_keys.txt"
PREFIX = "f1:"


class MissingKeyError(RuntimeError):
    """Encrypted text is stored but the key file that wrote it is gone: starting would lose it."""


def key_file_path() -> Path:
    return Path(settings.DATA_DIR) / KEY_FILE_NAME


def _encrypted_rows_exist() -> bool:
    """Whether any encrypted free text is stored (a few queries; run only when no key exists)."""
    from django.apps import apps
    from django.db import DatabaseError, transaction

    for model in apps.get_models():
        for f in model._meta.concrete_fields:
            if isinstance(f, EncryptedTextField):
                try:
                    # A pattern lookup leaves its value unprepared: nothing is encrypted (and
                    # no key asked for) to check whether encrypted values are stored. In a
                    # savepoint: inside a migration on PostgreSQL, a missing table must not
                    # abort the migration's own transaction.
                    with transaction.atomic():
                        rows = model._default_manager.filter(**{f"{f.name}__startswith": PREFIX})
                        if rows.exists():
                            return True
                except DatabaseError:  # not migrated yet: nothing stored
                    return False
    return False


def ensure_key_file() -> Path | None:
    """Make sure the embedded set-up has its key file, before any web worker starts.

    The key is written to a private temporary file and published with a hard link, which fails
    when the file exists: two processes racing here end up with one key, and neither ever
    reads a half-written file. When encrypted text is stored but the key file is missing, a
    new key could never read it: refuse with MissingKeyError instead.
    """
    if any(settings.ENCRYPTION_KEYS):
        return None
    path = key_file_path()
    if path.exists():
        return private_file(path)  # 0600, also for a file an older version left readable
    if _encrypted_rows_exist():
        raise MissingKeyError(
            f"The database holds encrypted notes, but the key file {path} is missing. "
            f"Restore {KEY_FILE_NAME} from your backup into the data folder (or set "
            "ENCRYPTION_KEYS): a new key could not read what is stored."
        )
    private_dir(path.parent)
    tmp = path.with_name(f".{KEY_FILE_NAME}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w") as out:
            out.write(Fernet.generate_key().decode() + "\n")
            out.flush()
            os.fsync(out.fileno())
        os.link(tmp, path)
        log.warning(
            "Generated a new encryption key in %s. Back it up with the database: "
            "without it, notes and messages cannot be read.",
            path,
        )
    except FileExistsError:
        pass  # another process won the race: use its key
    finally:
        tmp.unlink(missing_ok=True)
    return path


def _key_file_keys() -> list[str]:
    path = key_file_path()
    if not path.exists():
        ensure_key_file()
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


# TextField is generic only in the stubs (django-stubs-ext would patch it at run time).
if TYPE_CHECKING:
    _TextField = models.TextField[str | Combinable, str]
else:
    _TextField = models.TextField


class EncryptedTextField(_TextField):
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


# For the type checker the attribute is a bool; at run time it is an encrypted text column.
if TYPE_CHECKING:
    _EncryptedBoolBase = models.Field[bool | Combinable, bool]
else:
    _EncryptedBoolBase = EncryptedTextField


class EncryptedBooleanField(_EncryptedBoolBase):
    """A yes/no stored encrypted (a fresh ciphertext each time), for facts such as "this
    person's safety check suggested risk" that a leaked database file must not reveal.
    It cannot be filtered on in SQL: read the rows and decide in Python."""

    def get_prep_value(self, value: object) -> object:
        if value is None:
            return None
        return encrypt("1" if value in (True, "1", "true", "True") else "0")

    def from_db_value(
        self, value: str | None, expression: object, connection: object
    ) -> bool | None:
        if value in (None, ""):
            return None
        return decrypt(value) == "1"

    def to_python(self, value: object) -> object:
        if isinstance(value, bool) or value is None:
            return value
        return str(value) in ("1", "true", "True")
