"""Lighthouse scores of a few pages, on mobile emulation, against a running server.

    npm install lighthouse          # once, anywhere (e.g. in /tmp); Node 18+
    attunement serve --demo --port 8732
    CHROME_PATH=/usr/bin/chromium python benchmarks/lighthouse.py \\
        --lighthouse /tmp/node_modules/.bin/lighthouse --url http://127.0.0.1:8732

Logs in as the demo's Alex for the signed-in pages (the session cookie goes to Lighthouse as
a header) and prints the four category scores (performance, accessibility, best practices,
SEO) of each page, plus the audits that lost points. Runs offline.
"""

import argparse
import http.cookiejar
import json
import re
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
from pathlib import Path

PAGES = [
    ("landing", "/", False),
    ("login", "/accounts/login/", False),
    ("today", "/today/", True),
    ("check-in", "/checkin/", True),
    ("listening", "/listening/start/", True),
    ("question", "/questions/", True),
    ("history", "/checkin/history/", True),
    ("insights", "/insights/", True),
    ("together", "/together/", True),
    ("empathy", "/empathy/", True),
    ("differences", "/differences/", True),
]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


def session_cookie(base: str, email: str, password: str) -> str:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base}/accounts/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token, "no CSRF token on the login page"
    data = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token.group(1), "login": email, "password": password}
    ).encode()
    request = urllib.request.Request(
        f"{base}/accounts/login/", data=data, headers={"Referer": f"{base}/accounts/login/"}
    )
    opener.open(request).read()
    cookies = {c.name: c.value for c in jar}
    assert any("session" in name for name in cookies), "login failed"
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


def run(lighthouse: str, url: str, cookie: str | None, out: Path) -> dict:
    command = [
        lighthouse,
        url,
        "--quiet",
        "--output=json",
        f"--output-path={out}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--chrome-flags=--headless --no-sandbox --disable-gpu",
    ]
    if cookie:
        command.append(f"--extra-headers={json.dumps({'Cookie': cookie})}")
    # On a busy machine Chromium sometimes loses the trace (NO_NAVSTART): try again.
    for attempt in range(3):
        if subprocess.run(command).returncode == 0:
            break
        if attempt == 2:
            raise SystemExit(f"lighthouse failed three times on {url}")
    report: dict = json.loads(out.read_text())
    return report


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lighthouse", default="lighthouse")
    parser.add_argument("--url", default="http://127.0.0.1:8732")
    parser.add_argument("--email", default="alex@example.com")
    parser.add_argument("--password", default="attunement-demo-2026")
    args = parser.parse_args()
    base = args.url.rstrip("/")
    cookie = session_cookie(base, args.email, args.password)
    worst = 100
    with tempfile.TemporaryDirectory() as tmp:
        for name, path, signed_in in PAGES:
            report = run(
                args.lighthouse,
                base + path,
                cookie if signed_in else None,
                Path(tmp) / f"{name}.json",
            )
            scores = {c: round(100 * (report["categories"][c]["score"] or 0)) for c in CATEGORIES}
            worst = min(worst, *scores.values())
            print(f"{name:10} " + "  ".join(f"{c} {s}" for c, s in scores.items()))
            for category in CATEGORIES:
                for ref in report["categories"][category]["auditRefs"]:
                    audit = report["audits"][ref["id"]]
                    if ref["weight"] and audit["score"] is not None and audit["score"] < 0.9:
                        print(f"    {category}: {audit['id']} ({audit['score']}) {audit['title']}")
    return 0 if worst >= 95 else 1


if __name__ == "__main__":
    sys.exit(main())
