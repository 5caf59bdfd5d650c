"""Backup and restore drill with the real command line (issue 12, items 8 and 9).

Back up a running instance's data, change it, restore, and compare every table's row count and
checksum with the backup; delete an account after the backup and check that a restore deletes
that person again. Timed, so the figures in docs/operations.md come from here.
"""

import json
import os
import stat
import tarfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest

from attunement.today.backup import MANIFEST, PG_NAME, SQLITE_NAME, sqlite_fingerprint
from tests.portability.test_private_files import run_cli

ON_POSTGRES = os.getenv("DATABASE_URL", "").startswith("postgres")
sqlite_only = pytest.mark.skipif(
    ON_POSTGRES, reason="reads the SQLite file of a fresh data folder (the drill runs on both)"
)

CHANGE = (
    "from attunement.accounts.models import User;"
    "from attunement.safety import services;"
    "alex = User.objects.get(email='alex@example.com');"
    "services.write_journal_entry(user=alex, text='written after the backup');"
    "User.objects.filter(email='sam@example.com').update(display_name='Samuel')"
)
DELETE_ALEX = (
    "from attunement.accounts.models import User;"
    "from attunement.couples.services import delete_account;"
    "delete_account(user=User.objects.get(email='alex@example.com'))"
)
WHO = (
    "from attunement.accounts.models import User;"
    "from attunement.today.models import DeletionRecord;"
    "print(sorted(User.objects.values_list('email', flat=True)), DeletionRecord.objects.count())"
)
NEWER_TABLE = (
    "from django.db import connection;"
    "connection.cursor().execute('CREATE TABLE drill_newer (id integer PRIMARY KEY,"
    " person_id bigint NOT NULL REFERENCES accounts_user (id))');"
    "connection.cursor().execute('INSERT INTO drill_newer SELECT id, id FROM accounts_user')"
)
FINGERPRINT = (
    "import json;"
    "from attunement.today.backup import live_fingerprint;"
    "print(json.dumps(live_fingerprint()))"
)


@dataclass
class Instance:
    """A fresh instance run by the real command line: its data folder, the environment its
    commands need, the database file's name in a backup, and its tables' fingerprint."""

    data: Path
    env: dict[str, str]
    dump_name: str
    fingerprint: Callable[[], dict[str, Any]]

    def run(self, *args: str) -> Any:
        return run_cli(self.data, *args, **self.env)


@pytest.fixture
def instance(tmp_path) -> Iterator[Instance]:
    """SQLite in a fresh data folder; when the suite runs on PostgreSQL, a scratch database of
    its own on that server instead (created and dropped here), never the tests' databases."""
    data = tmp_path / "data"
    if not ON_POSTGRES:
        yield Instance(data, {}, SQLITE_NAME, lambda: sqlite_fingerprint(data / SQLITE_NAME))
        return
    import psycopg

    server = urlsplit(os.environ["DATABASE_URL"])
    name = f"attunement_drill_{uuid.uuid4().hex[:12]}"
    admin = psycopg.connect(urlunsplit(server._replace(scheme="postgresql")), autocommit=True)
    admin.execute(f'CREATE DATABASE "{name}"')
    env = {"DATABASE_URL": urlunsplit(server._replace(path=f"/{name}"))}

    def fingerprint() -> dict[str, Any]:
        out = run_cli(data, "manage", "shell", "-c", FINGERPRINT, **env)
        assert out.returncode == 0, out.stderr
        return json.loads(out.stdout.strip().splitlines()[-1])

    try:
        yield Instance(data, env, PG_NAME, fingerprint)
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def test_backup_change_restore_gives_back_every_row_and_deletions_stay_deleted(instance, tmp_path):
    assert instance.run("demo").returncode == 0
    archive = tmp_path / "drill.tar"

    started = time.monotonic()
    out = instance.run("backup", "--output", str(archive))
    backup_seconds = time.monotonic() - started
    assert out.returncode == 0, out.stderr
    assert "Backed up" in out.stdout
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    at_backup = instance.fingerprint()
    with tarfile.open(archive) as tar:
        names = set(tar.getnames())
        manifest = json.loads(tar.extractfile(MANIFEST).read())  # type: ignore[union-attr]
        saved_keys = tar.extractfile("encryption_keys.txt").read()  # type: ignore[union-attr]
    assert {instance.dump_name, "encryption_keys.txt", MANIFEST} <= names
    assert manifest["tables"] == at_backup
    rows = sum(t["rows"] for t in at_backup.values())
    assert rows > 100  # four weeks of the demo couple

    assert instance.run("manage", "shell", "-c", CHANGE).returncode == 0
    changed = instance.fingerprint()
    assert changed != at_backup
    # A table the backup does not know (as a newer release would add), pointing at a person:
    # the restore gives back the backup's tables and only those.
    assert instance.run("manage", "shell", "-c", NEWER_TABLE).returncode == 0
    # The key file is lost with the disk: the restore brings it back.
    key_file = instance.data / "encryption_keys.txt"
    key_file.unlink()

    started = time.monotonic()
    out = instance.run("restore", str(archive))
    restore_seconds = time.monotonic() - started
    assert out.returncode == 0, out.stderr
    assert "every table's row count and checksum matches the backup" in out.stdout
    assert instance.fingerprint() == at_backup
    assert key_file.read_bytes() == saved_keys
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    notes = instance.run(
        "manage",
        "shell",
        "-c",
        "from attunement.support.models import CheckIn;"
        "print(sum(bool(c.note) for c in CheckIn.objects.all()))",
    )
    assert notes.returncode == 0, notes.stderr
    assert int(notes.stdout.split()[-1]) > 0  # the stored notes read with the restored key
    print(
        f"\nDRILL {instance.dump_name} rows={rows} tables={len(at_backup)}"
        f" size={archive.stat().st_size} backup={backup_seconds:.1f}s"
        f" restore={restore_seconds:.1f}s"
    )

    # A deletion made after the backup is made again by the restore, from the ledger: the
    # result is the backup minus that person, the same rows as right after the deletion.
    assert instance.run("manage", "shell", "-c", DELETE_ALEX).returncode == 0
    after_deletion = instance.fingerprint()
    out = instance.run("restore", str(archive))
    assert out.returncode == 0, out.stderr
    assert "Deleted again 1 account(s)" in out.stdout
    who = instance.run("manage", "shell", "-c", WHO)
    assert who.stdout.strip().splitlines()[-1] == "['sam@example.com'] 1"
    restored = instance.fingerprint()
    assert {t: v["rows"] for t, v in restored.items()} == {
        t: v["rows"] for t, v in after_deletion.items()
    }
    # Same rows, same contents, except the moment the couple ended: the time of the deletion
    # made again, not of the first one.
    differ = sorted(t for t in after_deletion if restored[t] != after_deletion[t])
    assert set(differ) <= {"couples_couple", "couples_membership"}, differ


@sqlite_only
def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    data = tmp_path / "data"
    not_a_backup = tmp_path / "notes.tar"
    not_a_backup.write_text("hello")
    out = run_cli(data, "restore", str(not_a_backup))
    assert out.returncode == 1
    assert "not an Attunement backup" in out.stderr


@sqlite_only
def test_every_entry_point_refuses_encrypted_rows_without_the_key_file(tmp_path):
    data = tmp_path / "data"
    assert run_cli(data, "demo").returncode == 0
    (data / "encryption_keys.txt").unlink()
    for command in (["demo"], ["backup"], ["rotate-keys"]):
        out = run_cli(data, *command)
        assert out.returncode == 1, command
        assert "Restore encryption_keys.txt from your backup" in out.stderr, command
    assert not Path(data / "encryption_keys.txt").exists()  # no new key was made silently


def test_the_command_line_offers_backup_and_restore():
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-m", "attunement.cli", "--help"], capture_output=True, text=True
    )
    assert "backup" in out.stdout and "restore" in out.stdout


def test_a_restore_that_fails_leaves_the_database_as_it_was(instance, tmp_path):
    assert instance.run("demo").returncode == 0
    archive = tmp_path / "good.tar"
    assert instance.run("backup", "--output", str(archive)).returncode == 0
    before = instance.fingerprint()
    broken = tmp_path / "broken.tar"
    with tarfile.open(archive) as good, tarfile.open(broken, "w") as bad:
        for member in good.getmembers():
            data = good.extractfile(member).read()  # type: ignore[union-attr]
            if member.name == instance.dump_name:
                data = data[: len(data) // 2]  # cut off half-way, as by a full disk
            member.size = len(data)
            bad.addfile(member, __import__("io").BytesIO(data))

    out = instance.run("restore", str(broken))
    assert out.returncode == 1
    assert "Attunement cannot restore" in out.stderr
    assert "Traceback" not in out.stderr
    assert instance.fingerprint() == before
