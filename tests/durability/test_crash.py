"""A short crash drill in the suite: SIGKILL the real server mid-write, lose nothing confirmed.

The full drill (30 trials per database) is `python -m tests.durability.crash --trials 30`
(add --postgres); its figures are in docs/operations.md.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_no_confirmed_write_is_lost_when_the_server_is_killed() -> None:
    command = [sys.executable, "-m", "tests.durability.crash", "--trials", "3"]
    if os.getenv("DATABASE_URL", "").startswith("postgres"):
        command.append("--postgres")
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 failed trials" in done.stdout
    assert " 0 lost" in done.stdout
