"""The package imports and runs with no network at all."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys

import pytest

SCRIPT = (
    "from attunement.language import analyze_listening, analyze_safety, warm_up\n"
    "warm_up()\n"
    "print(analyze_listening('I am tired.', 'You are tired.').act)\n"
    "print(analyze_safety('He hits me.').risk)\n"
)


def _unshare_works() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-rn", "true"], capture_output=True, check=False)
    return probe.returncode == 0


def test_runs_in_a_process_without_network() -> None:
    if not _unshare_works():
        pytest.skip("unshare -rn is not available here; see the socket test below")
    done = subprocess.run(
        ["unshare", "-rn", sys.executable, "-c", SCRIPT],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode().split() == ["reflection", "abuse"]


def test_analysis_opens_no_socket(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("attunement.language tried to use the network")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    from attunement.language import analyze_emotions, analyze_listening

    assert analyze_listening("I am tired.", "You are tired.").act == "reflection"
    assert analyze_emotions("yay").emotions
