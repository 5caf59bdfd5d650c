import re
import secrets
import subprocess
import sys

from tests.conftest import login

PAGES = ["/today/", "/checkin/", "/checkin/history/", "/appreciations/", "/couple/", "/settings/"]


def test_signed_in_pages_are_never_cached_and_carry_a_strict_csp(alice):
    client = login(alice)
    for url in PAGES:
        response = client.get(url)
        assert response["Cache-Control"] == "no-store", url
        csp = response["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp, url
        assert "unsafe-inline" not in csp
        assert response["X-Frame-Options"] == "DENY"


def test_no_page_loads_anything_from_another_host(alice):
    client = login(alice)
    for url in PAGES + ["/accounts/login/"]:
        html = client.get(url).content.decode()
        # Resources the browser fetches by itself (links a person clicks are not requests).
        tags = re.findall(
            r"<(?:script|img|link|iframe|source|video|audio|embed|object)\b[^>]*>", html
        )
        external = [t for t in tags if re.search(r'(?:src|href|data)="(?:https?:)?//', t)]
        assert external == [], f"{url} loads {external}"
        assert "<script>" not in html and " style=" not in html, f"inline script or style on {url}"


def test_deploy_checks_pass_with_production_settings(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "SECURE": "1",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "attunement.example.org",
        "ATTUNEMENT_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "attunement.settings",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_cookies_are_host_prefixed_and_secure(tmp_path):
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME, s.SESSION_COOKIE_SECURE, "
        "s.SECURE_HSTS_SECONDS)"
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "SECURE": "1",
        "SECRET_KEY": "x" * 60,
        "ATTUNEMENT_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "attunement.settings",
    }
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env
    ).stdout.split()
    assert out == ["__Host-session", "__Host-csrftoken", "True", "63072000"]
