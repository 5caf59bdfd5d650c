"""`attunement serve --lan`: a phone on the same Wi-Fi can open the app and join."""

import json
import os
import socket
import subprocess
import sys

from attunement import cli


def test_serving_on_the_local_network_allows_the_machines_own_addresses():
    env, address = cli.web_environment("0.0.0.0", 8000, {}, "192.168.1.23")
    assert address == "http://192.168.1.23:8000/"
    hosts = env["ALLOWED_HOSTS"].split(",")
    assert {"192.168.1.23", "localhost", "127.0.0.1", socket.gethostname()} <= set(hosts)
    assert env["SITE_ROOT"] == "http://192.168.1.23:8000"


def test_explicit_hosts_and_site_root_are_kept():
    given = {"ALLOWED_HOSTS": "couple.example", "SITE_ROOT": "https://couple.example"}
    env, _ = cli.web_environment("0.0.0.0", 8000, given, "192.168.1.23")
    assert env["ALLOWED_HOSTS"] == "couple.example"
    assert env["SITE_ROOT"] == "https://couple.example"


def test_serving_on_loopback_changes_no_hosts():
    env, address = cli.web_environment("127.0.0.1", 8101, {}, None)
    assert address == "http://127.0.0.1:8101/" and "ALLOWED_HOSTS" not in env


def test_the_web_process_reads_the_hosts_it_is_given():
    env, _ = cli.web_environment("0.0.0.0", 8000, dict(os.environ), "192.168.1.23")
    code = (
        "import os, json; os.environ['DJANGO_SETTINGS_MODULE'] = 'attunement.settings';"
        "from django.conf import settings; print(json.dumps(settings.ALLOWED_HOSTS))"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "192.168.1.23" in json.loads(out.stdout)


def test_finding_the_lan_address_sends_nothing(monkeypatch):
    calls = []

    class Recorder:
        def __init__(self, family, kind):
            calls.append(("socket", family, kind))

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def connect(self, address):
            calls.append(("connect", address))

        def getsockname(self):
            return ("192.168.1.23", 40000)

        def __getattr__(self, name):  # send, sendto, ...: any of them would be traffic
            raise AssertionError(f"lan_address must not call {name}")

    monkeypatch.setattr(cli.socket, "socket", Recorder)
    assert cli.lan_address() == "192.168.1.23"
    assert calls[0] == ("socket", socket.AF_INET, socket.SOCK_DGRAM)  # UDP: connect is local
    assert calls[1][0] == "connect" and calls[1][1][0].startswith("10.")


def test_lan_address_is_none_without_a_network(monkeypatch):
    def offline(*args):
        raise OSError("Network is unreachable")

    monkeypatch.setattr(cli.socket, "socket", offline)
    assert cli.lan_address() is None


def test_serve_lan_binds_every_interface_and_prints_the_phone_address(monkeypatch, capsys, db):
    started = []

    class Process:
        def __init__(self, argv, env):
            started.append((argv, env))

        def wait(self):
            return 0

        def terminate(self):
            pass

    monkeypatch.setattr(cli, "_manage", lambda *args: None)
    monkeypatch.setattr(cli, "lan_address", lambda: "192.168.1.23")
    monkeypatch.setattr(cli.subprocess, "Popen", Process)
    monkeypatch.setattr(cli.signal, "signal", lambda *args: None)
    monkeypatch.delenv("ALLOWED_HOSTS", raising=False)
    monkeypatch.delenv("SITE_ROOT", raising=False)
    assert cli.main(["serve", "--lan", "--port", "8123"]) == 0
    web_argv, web_env = started[1]
    assert "0.0.0.0:8123" in web_argv
    assert "192.168.1.23" in web_env["ALLOWED_HOSTS"].split(",")
    assert "open http://192.168.1.23:8123/" in capsys.readouterr().out
