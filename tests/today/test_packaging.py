"""What the app installs and loads: runtime dependencies only, and no network client in use."""

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_runtime_dependencies_hold_no_test_tools():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    runtime = {d.split("==")[0].split("[")[0].lower() for d in project["dependencies"]}
    dev = {d.split("==")[0].split("[")[0].lower() for d in project["optional-dependencies"]["dev"]}
    assert runtime & dev == set()
    assert {"pytest", "playwright", "schemathesis", "hypothesis", "mypy"} <= dev
    assert all("==" in d for d in project["dependencies"])  # pinned


def test_serve_installs_the_runtime_set_and_test_adds_the_dev_extras():
    script = (ROOT / "attune").read_text()
    assert 'EXTRAS="[dev]"' in script and 'pip install --quiet -e ".$EXTRAS"' in script
    assert script.index('EXTRAS=""') < script.index("= test ]")


def test_the_app_never_loads_a_network_client_it_does_not_use():
    """vaderSentiment declares `requests` for a demo we never run: the app must not import it."""
    code = (
        "import os, sys, django;"
        "os.environ['DJANGO_SETTINGS_MODULE'] = 'attunement.settings';"
        "django.setup();"
        "import attunement.urls;"
        "from attunement.language import analyze_emotions, analyze_safety;"
        "analyze_emotions('we had a lovely walk'); analyze_safety('long day');"
        "print(sorted(m for m in ('requests', 'urllib3', 'httpx') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert out.stdout.strip().splitlines()[-1] == "[]"
