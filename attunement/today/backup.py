"""Backups that restore: one private tar file holding a consistent copy of the database and the
key files, with a manifest of row counts and checksums per table to check a restore against.

SQLite is copied with its online backup API (a consistent snapshot while the app runs);
PostgreSQL with `pg_dump --format=custom` (one snapshot), restored in one transaction that drops
every table the live database has (a newer release's too) and replays the dump. The files are
0600 in a 0700 folder (lib/files.py). Restoring is for a stopped app: stop `attunement serve`
first. Deletions recorded after the backup was taken are applied again by the caller
(`attunement restore`, see today/erasure.py), so a restore never brings a deleted person back.
"""

import hashlib
import io
import json
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connections, transaction
from django.utils import timezone

from attunement.lib import crypto
from attunement.lib.files import private_dir, write_private

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_NAME = "attunement.sqlite3"
PG_NAME = "attunement.pgdump"
SECRET_NAME = "secret_key.txt"


class BackupError(RuntimeError):
    """A backup or restore that cannot go ahead; the message says what to do."""


def _engine() -> str:
    return "sqlite" if connections["default"].vendor == "sqlite" else "postgresql"


def _rows_digest(rows: Iterator[tuple[Any, ...]]) -> tuple[int, str]:
    digest, count = hashlib.sha256(), 0
    for row in rows:
        digest.update(repr(tuple(str(v) if v is not None else None for v in row)).encode())
        count += 1
    return count, digest.hexdigest()


def sqlite_fingerprint(path: Path) -> dict[str, dict[str, Any]]:
    """{table: {"rows": n, "sha256": ...}} of an SQLite file, in row order."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
                " ORDER BY name"
            )
        ]
        found = {}
        for table in tables:
            rows, sha = _rows_digest(iter(conn.execute(f'SELECT * FROM "{table}" ORDER BY rowid')))
            found[table] = {"rows": rows, "sha256": sha}
        return found
    finally:
        conn.close()


def live_fingerprint() -> dict[str, dict[str, Any]]:
    """The same fingerprint of the live database, through Django's connection."""
    connection = connections["default"]
    if connection.vendor == "sqlite":
        connection.close()
        return sqlite_fingerprint(Path(settings.DATABASES["default"]["NAME"]))
    found = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            pk = connection.introspection.get_primary_key_column(cursor, table)
            order = f' ORDER BY "{pk}"' if pk else ""
            cursor.execute(f'SELECT * FROM "{table}"{order}')
            rows, sha = _rows_digest(iter(cursor.fetchall()))
            found[table] = {"rows": rows, "sha256": sha}
    return found


def _pg_env() -> tuple[list[str], dict[str, str]]:
    db: dict[str, Any] = dict(settings.DATABASES["default"])
    args = ["--dbname", str(db["NAME"])]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            args += [flag, str(db[key])]
    env = {"PGPASSWORD": str(db.get("PASSWORD") or "")}
    return args, env


def _pg_dump(path: Path) -> dict[str, dict[str, Any]]:
    """pg_dump into `path` and return the fingerprint of the very snapshot it dumped: both read
    one exported snapshot, so rows the app writes meanwhile are in neither or in both."""
    import os

    args, env = _pg_env()
    connection = connections["default"]
    connection.ensure_connection()
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            (snapshot,) = cursor.fetchone()
        try:
            subprocess.run(
                [
                    "pg_dump",
                    "--format=custom",
                    "--no-owner",
                    "--snapshot",
                    snapshot,
                    "--file",
                    str(path),
                    *args,
                ],
                check=True,
                env={**os.environ, **env},
            )
        except (OSError, subprocess.CalledProcessError) as exc:
            raise BackupError(
                f"pg_dump could not back up the database ({exc}); it must be installed, of the "
                "same major version as the server."
            ) from exc
        return live_fingerprint()


def _check_sqlite_copy(copy: Path, manifest: dict[str, Any]) -> None:
    """Before the live file is touched: the backup's database must be whole and match its
    manifest, or the restore stops with the live database as it was."""
    damaged = BackupError(
        "the database in this backup is damaged (it does not match its manifest); "
        "nothing was changed. Restore an older backup."
    )
    try:
        conn = sqlite3.connect(f"file:{copy}?mode=ro", uri=True)
        try:
            (verdict,) = conn.execute("PRAGMA integrity_check").fetchone()
        finally:
            conn.close()
        if verdict != "ok" or sqlite_fingerprint(copy) != manifest.get("tables"):
            raise damaged
    except sqlite3.DatabaseError as exc:
        raise damaged from exc


def _pg_restore(dump: Path, work: Path) -> None:
    """Replace every table of the live database by the dump's, in one transaction: drop them all
    (tables a newer release added would otherwise keep foreign keys that stop the drop), then
    replay the dump through psql. If anything fails, nothing changed."""
    import os

    args, env = _pg_env()
    connection = connections["default"]
    with connection.cursor() as cursor:
        live = connection.introspection.table_names(cursor)
    connection.close()
    drops = work / "drop.sql"
    write_private(drops, "".join(f'DROP TABLE IF EXISTS "{t}" CASCADE;\n' for t in live))
    env = {**os.environ, **env}
    psql = ["psql", "--no-psqlrc", "--quiet", "--single-transaction", "-v", "ON_ERROR_STOP=1"]
    sql = work / "restore.sql"
    write_private(sql, "")
    try:
        # The whole dump is read first: a damaged one stops here, before anything is dropped.
        unpacked = subprocess.run(
            ["pg_restore", "--no-owner", "--file", str(sql), str(dump)],
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        if unpacked.returncode != 0:
            raise BackupError(
                f"the database in this backup cannot be read ({unpacked.stderr.strip()}); "
                "nothing was changed. pg_restore must be of the server's major version."
            )
        replay = subprocess.run(
            [*psql, *args, "--file", str(drops), "--file", str(sql)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        if replay.returncode != 0:
            raise BackupError(
                f"the database could not be restored, and is as it was: {replay.stderr.strip()}"
                " (psql must be of the server's major version; stop the app first)."
            )
    except OSError as exc:
        raise BackupError(f"pg_restore and psql are needed to restore ({exc}).") from exc


@contextmanager
def _workdir() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix=".backup-", dir=private_dir(Path(settings.DATA_DIR))))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _add(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = len(data), 0o600, int(timezone.now().timestamp())
    tar.addfile(info, io.BytesIO(data))


def backup(output: Path | None = None) -> tuple[Path, dict[str, Any]]:
    """Write a backup tar (0600) and return its path and manifest."""
    import os

    crypto.ensure_key_file()
    created = timezone.now()
    engine = _engine()
    if output is None:
        folder = private_dir(Path(settings.DATA_DIR) / "backups")
        output = folder / f"attunement-{created:%Y%m%dT%H%M%SZ}.tar"
    with _workdir() as work:
        if engine == "sqlite":
            copy = work / SQLITE_NAME
            source = sqlite3.connect(settings.DATABASES["default"]["NAME"])
            target = sqlite3.connect(copy)
            try:
                source.backup(target)  # a consistent snapshot, while the app keeps running
            finally:
                target.close()
                source.close()
            tables = sqlite_fingerprint(copy)
            dump_name, dump = SQLITE_NAME, copy.read_bytes()
        else:
            dump_path = work / PG_NAME
            tables = _pg_dump(dump_path)
            dump_name, dump = PG_NAME, dump_path.read_bytes()
        keys = crypto.key_file_path()
        manifest = {
            "format": FORMAT,
            "created_at": created.isoformat(),
            "engine": engine,
            "tables": tables,
            "files": [dump_name] + ([crypto.KEY_FILE_NAME] if keys.exists() else []),
        }
        fd = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w") as tar:
            _add(tar, MANIFEST, json.dumps(manifest, indent=1).encode())
            _add(tar, dump_name, dump)
            if keys.exists():
                _add(tar, crypto.KEY_FILE_NAME, keys.read_bytes())
            secret = Path(settings.DATA_DIR) / SECRET_NAME
            if secret.exists():
                _add(tar, SECRET_NAME, secret.read_bytes())
            raw.flush()
            os.fsync(raw.fileno())
    return output, manifest


def _member(tar: tarfile.TarFile, name: str) -> bytes | None:
    try:
        handle = tar.extractfile(name)
    except KeyError:
        return None
    return handle.read() if handle else None


def _restore_keys(saved: bytes | None) -> None:
    """Keep every key: the live file's first (the newest writes with it), then the backup's."""
    if saved is None:
        return
    path = crypto.key_file_path()
    live = path.read_text().split() if path.exists() else []
    keys = list(dict.fromkeys([*live, *saved.decode().split()]))
    write_private(path, "\n".join(keys) + "\n")
    crypto.fernet.cache_clear()


def restore(archive: Path) -> dict[str, Any]:
    """Bring a backup back over the live database; returns its manifest. The app must be
    stopped. Raises BackupError when the file is not a backup of this kind of database."""
    try:
        tar = tarfile.open(archive, mode="r")
    except (OSError, tarfile.TarError) as exc:
        raise BackupError(f"{archive} is not an Attunement backup ({exc}).") from exc
    with tar:
        raw_manifest = _member(tar, MANIFEST)
        if raw_manifest is None:
            raise BackupError(f"{archive} has no {MANIFEST}: not an Attunement backup.")
        manifest: dict[str, Any] = json.loads(raw_manifest)
        if manifest.get("engine") != _engine():
            raise BackupError(
                f"This backup is of a {manifest.get('engine')} database, and this instance "
                f"runs on {_engine()}: restore it on the same kind of database."
            )
        _restore_keys(_member(tar, crypto.KEY_FILE_NAME))
        secret = Path(settings.DATA_DIR) / SECRET_NAME
        saved_secret = _member(tar, SECRET_NAME)
        if saved_secret and not secret.exists():
            write_private(secret, saved_secret.decode())
        connections["default"].close()
        with _workdir() as work:
            if manifest["engine"] == "sqlite":
                copy = work / SQLITE_NAME
                write_private(copy, "")
                copy.write_bytes(_member(tar, SQLITE_NAME) or b"")
                _check_sqlite_copy(copy, manifest)
                source = sqlite3.connect(copy)
                target = sqlite3.connect(settings.DATABASES["default"]["NAME"])
                try:
                    source.backup(target)
                finally:
                    target.close()
                    source.close()
            else:
                dump = work / PG_NAME
                write_private(dump, "")
                dump.write_bytes(_member(tar, PG_NAME) or b"")
                _pg_restore(dump, work)
    return manifest
