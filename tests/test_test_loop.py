"""The test loop itself: a throwaway data folder, a test database without fsync, a fixed clock."""

import os
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from tests.conftest import NOON

ROOT = Path(__file__).resolve().parents[1]


def test_without_a_data_folder_tests_get_a_throwaway_one(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "ATTUNEMENT_DATA_DIR"}
    env |= {
        "HOME": str(tmp_path),
        "PYTEST_VERSION": "9",
        "DJANGO_SETTINGS_MODULE": "attunement.settings",
    }
    code = "from django.conf import settings; print(settings.DATA_DIR)"
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out and not out.startswith(str(tmp_path)), out
    assert not Path(out).exists(), "the throwaway folder outlived the process"
    assert not (tmp_path / ".local").exists()


@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="SQLite pragmas",
)
@pytest.mark.django_db
def test_the_sqlite_test_database_is_a_real_file_in_wal_mode_without_fsync() -> None:
    with connection.cursor() as cursor:
        assert cursor.execute("PRAGMA synchronous").fetchone()[0] == 0
        assert cursor.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert cursor.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert Path(connection.settings_dict["NAME"]).is_file()


def test_the_clock_starts_at_midday_utc_and_ticks() -> None:
    first = timezone.now()
    assert NOON <= first < NOON + timedelta(hours=1)
    time.sleep(0.01)
    assert timezone.now() > first
