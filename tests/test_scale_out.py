"""Two app servers against one PostgreSQL (and Redis) behind a local round-robin proxy.

A person logs in through the proxy, checks in, and reads Today and the API, with consecutive
requests landing on different servers: nothing a request needs may live in one server's memory.
Runs when the suite runs on PostgreSQL (DATABASE_URL); skipped on SQLite.
"""

import http.client
import itertools
import os
import re
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.hashers import Argon2PasswordHasher

from attunement.accounts.models import User
from tests.conftest import make_user, pair

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "two servers one database"

pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="scale-out runs against PostgreSQL (set DATABASE_URL)",
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Proxy(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, backends: list[int]) -> None:
        self.backends = itertools.cycle(backends)
        self.served: list[int] = []
        self.lock = threading.Lock()
        super().__init__(("127.0.0.1", 0), ProxyHandler)


class ProxyHandler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def _forward(self) -> None:
        with self.server.lock:
            port = next(self.server.backends)
            self.server.served.append(port)
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
        headers = {k: v for k, v in self.headers.items() if k.lower() != "connection"}
        conn.request(self.command, self.path, body or None, headers)
        response = conn.getresponse()
        data = response.read()
        self.send_response(response.status)
        for key, value in response.getheaders():
            if key.lower() not in ("connection", "transfer-encoding", "content-length"):
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        conn.close()

    do_GET = do_POST = do_PUT = _forward


@pytest.fixture
def servers(transactional_db, tmp_path):
    db = settings.DATABASES["default"]
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    env = {
        **{k: v for k, v in os.environ.items() if k != "PYTEST_VERSION"},
        "DATABASE_URL": url,
        "REDIS_URL": "redis://127.0.0.1:6379/15",
        "DEBUG": "0",
        "SECRET_KEY": settings.SECRET_KEY,
        "ENCRYPTION_KEYS": ",".join(settings.ENCRYPTION_KEYS),
        "ATTUNEMENT_DATA_DIR": str(tmp_path),
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    ports = [_free_port(), _free_port()]
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "attunement.wsgi",
                "--bind",
                f"127.0.0.1:{p}",
                "--workers",
                "1",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        for p in ports
    ]
    try:
        deadline = time.monotonic() + 30
        for port in ports:
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    assert time.monotonic() < deadline, "app server did not start"
                    time.sleep(0.2)
        proxy = Proxy(ports)
        threading.Thread(target=proxy.serve_forever, daemon=True).start()
        yield proxy, ports
        proxy.shutdown()
    finally:
        for proc in procs:
            proc.terminate()
            proc.wait(timeout=10)


def test_a_person_uses_two_app_servers_as_one(servers):
    import requests

    proxy, ports = servers
    alice, bob = make_user("alice@example.com", "Alice"), make_user("bob@example.com", "Bob")
    pair(alice, bob)
    # The servers run with production hashers (Argon2), not the tests' fast one.
    argon2 = Argon2PasswordHasher()
    User.objects.filter(pk=alice.pk).update(password=argon2.encode(PASSWORD, argon2.salt()))
    base = f"http://127.0.0.1:{proxy.server_address[1]}"
    web = requests.Session()

    page = web.get(f"{base}/accounts/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    login = web.post(
        f"{base}/accounts/login/",
        data={"login": alice.email, "password": PASSWORD, "csrfmiddlewaretoken": token},
        headers={"Referer": f"{base}/accounts/login/"},
        allow_redirects=False,
    )
    assert login.status_code == 302, login.text[:500]

    form = web.get(f"{base}/checkin/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
    saved = web.post(
        f"{base}/checkin/",
        data={
            "feelings": ["grateful"],
            "intensity": "3",
            "energy": "4",
            "need": "celebrate",
            "note": "Two servers, one us.",
            "visibility": "shared",
            "csrfmiddlewaretoken": token,
        },
        headers={"Referer": f"{base}/checkin/"},
        allow_redirects=False,
    )
    assert saved.status_code == 302
    for _ in range(2):  # one request on each server
        assert "Grateful" in web.get(f"{base}/today/").text
        api = web.get(f"{base}/api/v1/checkins").json()
        assert api[0]["note"] == "Two servers, one us."
    assert set(proxy.served) == set(ports)
