"""Files private to the host: a 0700 data folder; database, WAL, shm, keys and backups 0600."""

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from attunement.lib import files

ROOT = Path(__file__).resolve().parents[2]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def run_cli(data_dir: Path, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    """The real command line on a fresh data folder, as a host runs it (not in test mode)."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTEST_VERSION", "ENCRYPTION_KEYS")}
    env.pop("DATABASE_URL", None)  # SQLite in the data folder, unless the caller names one
    env.update(ATTUNEMENT_DATA_DIR=str(data_dir), PYTHONPATH=str(ROOT), **extra)
    return subprocess.run(
        [sys.executable, "-m", "attunement.cli", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_helpers_make_private_folders_and_files_and_tighten_old_ones(tmp_path):
    folder = files.private_dir(tmp_path / "data")
    assert mode(folder) == 0o700
    old = folder / "old.txt"
    old.write_text("kept")
    old.chmod(0o644)
    assert mode(files.private_file(old)) == 0o600
    assert old.read_text() == "kept"  # tightening never truncates
    written = files.write_private(folder / "new.txt", "x")
    assert mode(written) == 0o600 and written.read_text() == "x"
    loose = tmp_path / "loose"
    loose.mkdir(mode=0o755)
    assert mode(files.private_dir(loose)) == 0o700


def test_a_fresh_install_keeps_every_file_private(tmp_path):
    data = tmp_path / "attunement"
    os.umask(0o022)  # the usual umask, which used to leave the database 0644
    out = run_cli(data, "demo")
    assert out.returncode == 0, out.stderr
    assert mode(data) == 0o700
    database = data / "attunement.sqlite3"
    names = {p.name for p in data.iterdir()}
    assert {"attunement.sqlite3", "encryption_keys.txt", "secret_key.txt"} <= names
    for name in ("attunement.sqlite3", "encryption_keys.txt", "secret_key.txt"):
        assert mode(data / name) == 0o600, name
    for suffix in ("-wal", "-shm"):
        side = database.with_name(database.name + suffix)
        if side.exists():  # SQLite removes them on a clean close
            assert mode(side) == 0o600, suffix


@pytest.mark.parametrize("suffix", ["-wal", "-shm"])
def test_sqlite_gives_its_wal_and_shm_files_the_database_files_mode(tmp_path, suffix):
    import sqlite3

    database = tmp_path / "db.sqlite3"
    files.secure_sqlite(tmp_path, database)
    conn = sqlite3.connect(database)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE t (x)")
    conn.execute("INSERT INTO t VALUES (1)")
    conn.commit()
    side = database.with_name(database.name + suffix)
    assert side.exists() and mode(side) == 0o600
    conn.close()
