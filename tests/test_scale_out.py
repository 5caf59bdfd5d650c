"""Two app servers against one PostgreSQL (and Redis) behind Debian's nginx, round-robin.

A person logs in through the proxy, checks in, and reads Today and the API, with consecutive
requests landing on different servers: nothing a request needs may live in one server's memory.
Runs when the suite runs on PostgreSQL (DATABASE_URL); skipped on SQLite.
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import time
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


NGINX = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)
NGINX_CONF = """
{user}worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 256; }}
http {{
  access_log off;
  client_body_temp_path {dir}/body;
  proxy_temp_path {dir}/proxy;
  fastcgi_temp_path {dir}/fastcgi;
  uwsgi_temp_path {dir}/uwsgi;
  scgi_temp_path {dir}/scgi;
  upstream attunement {{ {servers} }}
  server {{
    listen 127.0.0.1:{port};
    location / {{
      proxy_pass http://attunement;
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_set_header X-Forwarded-Proto $scheme;
      add_header X-Served-By $upstream_addr always;
    }}
  }}
}}
"""


class Nginx:
    """Debian's nginx, round-robin over the app servers, each response saying which served it."""

    def __init__(self, backends: list[int], folder: Path) -> None:
        if NGINX is None:
            if os.getenv("CI"):
                pytest.fail("nginx is missing in CI: .ci/run must install Debian's nginx")
            pytest.skip("No nginx found (apt-get install nginx to run the scale-out test)")
        self.port = _free_port()
        conf = folder / "nginx.conf"
        conf.write_text(
            NGINX_CONF.format(
                user="user root;\n" if os.geteuid() == 0 else "",
                dir=folder,
                port=self.port,
                servers=" ".join(f"server 127.0.0.1:{p};" for p in backends),
            )
        )
        self.proc = subprocess.Popen(
            [NGINX, "-p", str(folder), "-c", str(conf), "-g", "daemon off;"]
        )
        deadline = time.monotonic() + 15
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                break
            except OSError:
                assert self.proc.poll() is None, (folder / "error.log").read_text()
                assert time.monotonic() < deadline, "nginx did not start"
                time.sleep(0.1)

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


# Each test gets a Redis database of its own, emptied first, so neither earlier runs nor a test
# running beside it (pytest-xdist) share its rate-limit counters.
REDIS_DB = {
    "test_a_person_uses_two_app_servers_as_one": 14,
    "test_failed_logins_are_counted_across_both_servers": 15,
}


@pytest.fixture
def servers(request, transactional_db, tmp_path):
    import redis

    redis_url = f"redis://127.0.0.1:6379/{REDIS_DB[request.node.name]}"
    redis.Redis.from_url(redis_url).flushdb()
    db = settings.DATABASES["default"]
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    env = {
        **{k: v for k, v in os.environ.items() if k != "PYTEST_VERSION"},
        "DATABASE_URL": url,
        "REDIS_URL": redis_url,
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
        (tmp_path / "nginx").mkdir()
        proxy = Nginx(ports, tmp_path / "nginx")
        yield proxy, ports
        proxy.stop()
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
    base = f"http://127.0.0.1:{proxy.port}"
    served = set()
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
        today = web.get(f"{base}/today/")
        assert "Grateful" in today.text
        api = web.get(f"{base}/api/v1/checkins")
        assert api.json()[0]["note"] == "Two servers, one us."
        served |= {r.headers["X-Served-By"] for r in (today, api)}
    assert served == {f"127.0.0.1:{p}" for p in ports}


def test_failed_logins_are_counted_across_both_servers(servers):
    import requests

    proxy, ports = servers
    alice = make_user("alice@example.com", "Alice")
    argon2 = Argon2PasswordHasher()
    User.objects.filter(pk=alice.pk).update(password=argon2.encode(PASSWORD, argon2.salt()))
    base = f"http://127.0.0.1:{proxy.port}"
    web = requests.Session()
    page = web.get(f"{base}/accounts/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)

    def log_in(password: str) -> requests.Response:
        return web.post(
            f"{base}/accounts/login/",
            data={"login": alice.email, "password": password, "csrfmiddlewaretoken": token},
            headers={"Referer": f"{base}/accounts/login/"},
            allow_redirects=False,
        )

    wrong = [log_in("not the password") for _ in range(5)]
    assert {r.status_code for r in wrong} == {200}
    assert {r.headers["X-Served-By"] for r in wrong} == {f"127.0.0.1:{p}" for p in ports}
    # The limit is 5 failures per address: the sixth try is refused whichever server takes it,
    # even with the right password.
    for _ in range(2):
        blocked = log_in(PASSWORD)
        assert blocked.status_code != 302
        assert "too many" in blocked.text.lower()


def _mailed(folder: Path) -> list[str]:
    """The addresses of every email the file backend wrote into `folder`, one per message."""
    if not folder.exists():
        return []
    return [
        line.removeprefix("To: ").strip()
        for path in folder.iterdir()
        for line in path.read_text().splitlines()
        if line.startswith("To: ")
    ]


def test_two_workers_on_two_machines_send_each_due_reminder_exactly_once(
    transactional_db, tmp_path
):
    """Two `attunement worker` processes, each with the environment of a machine of its own
    (its own data folder and mail folder), against the one PostgreSQL database: every due
    reminder goes out once, both workers take part, and both stop cleanly on SIGTERM."""
    import signal
    from collections import Counter
    from datetime import timedelta

    from django.utils import timezone

    from attunement.notifications import reminders
    from attunement.notifications.models import Reminder

    count = 1200  # more than two of a worker's batches, so neither can take them all at once
    assert count > 2 * reminders.BATCH
    people = User.objects.bulk_create(
        User(email=f"person{i}@example.com", display_name=f"Person {i}") for i in range(count)
    )
    db = settings.DATABASES["default"]
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    machines = []
    for name in ("a", "b"):
        folder = tmp_path / f"machine-{name}"
        env = {
            **{k: v for k, v in os.environ.items() if k not in ("PYTEST_VERSION", "REDIS_URL")},
            "DATABASE_URL": url,
            "DEBUG": "0",
            "SECRET_KEY": settings.SECRET_KEY,
            "ENCRYPTION_KEYS": ",".join(settings.ENCRYPTION_KEYS),
            "ATTUNEMENT_DATA_DIR": str(folder),  # mail goes to its mail/ folder
            "ALLOWED_HOSTS": "127.0.0.1",
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "WORKER_POLL_SECONDS": "1",
        }
        folder.mkdir()
        log = (folder / "worker.log").open("w")
        proc = subprocess.Popen(
            [sys.executable, "-m", "attunement.cli", "worker"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        machines.append((folder, proc))
    try:
        deadline = time.monotonic() + 30
        for folder, proc in machines:
            while "Worker started." not in (folder / "worker.log").read_text():
                assert proc.poll() is None, (folder / "worker.log").read_text()
                assert time.monotonic() < deadline, "a worker did not start"
                time.sleep(0.1)

        due = timezone.now() - timedelta(minutes=1)
        Reminder.objects.bulk_create(
            Reminder(user=p, kind="check_in", enabled=True, hour=9, next_at=due) for p in people
        )
        started = time.monotonic()
        while (
            sum(len(_mailed(f / "mail")) for f, _ in machines) < count
            or Reminder.objects.filter(next_at__lte=timezone.now()).exists()
        ):
            assert time.monotonic() < deadline, "the reminders were not all sent in time"
            time.sleep(0.2)
        seconds = time.monotonic() - started
        time.sleep(1.5)  # one more poll each: nothing is sent twice after the fact
    finally:
        for _, proc in machines:
            proc.send_signal(signal.SIGTERM)
        for folder, proc in machines:
            assert proc.wait(timeout=10) == 0, (folder / "worker.log").read_text()

    for folder, _ in machines:
        assert "Worker stopped." in (folder / "worker.log").read_text()
    per_machine = [_mailed(folder / "mail") for folder, _ in machines]
    sent = Counter(a for mailed in per_machine for a in mailed)
    assert set(sent) == {p.email for p in people}
    assert set(sent.values()) == {1}, [a for a, n in sent.items() if n > 1][:5]
    assert all(per_machine), [len(m) for m in per_machine]  # both machines did some of the work
    assert not Reminder.objects.exclude(claimed_by="").exists()
    assert not Reminder.objects.filter(next_at__lte=timezone.now()).exists()
    print(
        f"\nWORKERS reminders={count} seconds={seconds:.1f}"
        f" split={'/'.join(str(len(m)) for m in per_machine)}"
    )
