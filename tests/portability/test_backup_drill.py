"""Backup and restore drill with the real command line (issue 12, items 8 and 9).

Back up a running instance's data, change it, restore, and compare every table's row count and
checksum with the backup; delete an account after the backup and check that a restore deletes
that person again. Timed, so the figures in docs/operations.md come from here.
"""

import json
import stat
import tarfile
import time
from pathlib import Path

import pytest

from attunement.today.backup import MANIFEST, sqlite_fingerprint
from tests.portability.test_private_files import run_cli

pytestmark = pytest.mark.skipif(
    __import__("os").getenv("DATABASE_URL", "").startswith("postgres"),
    reason="the drill reads the SQLite file of a fresh data folder",
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


def test_backup_change_restore_gives_back_every_row_and_deletions_stay_deleted(tmp_path):
    data = tmp_path / "data"
    assert run_cli(data, "demo").returncode == 0
    database = data / "attunement.sqlite3"
    archive = tmp_path / "drill.tar"

    started = time.monotonic()
    out = run_cli(data, "backup", "--output", str(archive))
    backup_seconds = time.monotonic() - started
    assert out.returncode == 0, out.stderr
    assert "Backed up" in out.stdout
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    at_backup = sqlite_fingerprint(database)
    with tarfile.open(archive) as tar:
        names = set(tar.getnames())
        manifest = json.loads(tar.extractfile(MANIFEST).read())  # type: ignore[union-attr]
    assert {"attunement.sqlite3", "encryption_keys.txt", MANIFEST} <= names
    assert manifest["tables"] == at_backup
    rows = sum(t["rows"] for t in at_backup.values())
    assert rows > 100  # four weeks of the demo couple

    assert run_cli(data, "manage", "shell", "-c", CHANGE).returncode == 0
    changed = sqlite_fingerprint(database)
    assert changed != at_backup

    started = time.monotonic()
    out = run_cli(data, "restore", str(archive))
    restore_seconds = time.monotonic() - started
    assert out.returncode == 0, out.stderr
    assert "every table's row count and checksum matches the backup" in out.stdout
    assert sqlite_fingerprint(database) == at_backup
    print(
        f"\nDRILL rows={rows} tables={len(at_backup)} size={archive.stat().st_size}"
        f" backup={backup_seconds:.1f}s restore={restore_seconds:.1f}s"
    )

    # A deletion made after the backup is made again by the restore, from the ledger.
    assert run_cli(data, "manage", "shell", "-c", DELETE_ALEX).returncode == 0
    out = run_cli(data, "restore", str(archive))
    assert out.returncode == 0, out.stderr
    assert "Deleted again 1 account(s)" in out.stdout
    who = run_cli(data, "manage", "shell", "-c", WHO)
    assert who.stdout.strip().splitlines()[-1] == "['sam@example.com'] 1"


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    data = tmp_path / "data"
    not_a_backup = tmp_path / "notes.tar"
    not_a_backup.write_text("hello")
    out = run_cli(data, "restore", str(not_a_backup))
    assert out.returncode == 1
    assert "not an Attunement backup" in out.stderr


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
