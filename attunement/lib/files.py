"""Files private to the host: the data folder is 0700 and what it holds is 0600.

A copied database, key file or backup must not be readable by other accounts on the machine.
SQLite creates its -wal and -shm files with the mode of the database file, so creating the
database file 0600 before the first connection keeps all three private.
"""

import os
import secrets
from pathlib import Path

DIR_MODE = 0o700
FILE_MODE = 0o600


def private_dir(path: Path) -> Path:
    """Create `path` (and parents) if needed and make it 0700."""
    path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    if path.stat().st_mode & 0o777 != DIR_MODE:
        path.chmod(DIR_MODE)
    return path


def private_file(path: Path) -> Path:
    """Create `path` empty if missing (never truncating it) and make it 0600."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, FILE_MODE))
    if path.stat().st_mode & 0o777 != FILE_MODE:
        path.chmod(FILE_MODE)
    return path


def write_private(path: Path, text: str) -> Path:
    """Write `text` to `path` atomically, 0600 from the first byte (rename over the old one)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        with os.fdopen(fd, "w") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def secure_sqlite(data_dir: Path, database: Path) -> None:
    """The embedded set-up: a private data folder, and a private database with its WAL and
    shared-memory files (existing installs are tightened too)."""
    private_dir(data_dir)
    private_file(database)
    for suffix in ("-wal", "-shm"):
        side = database.with_name(database.name + suffix)
        if side.exists():
            private_file(side)
