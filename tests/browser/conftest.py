"""Real-browser tests: Playwright driving Debian's Chromium against a live server.

Locally they skip when no Chromium is found; in CI (CI=true) a missing browser is a failure.
Each test gets a `people` factory: every call opens an independent browser context (its own
cookies), so two calls are two partners on two devices. Screenshots land in test-artifacts/
when a test fails.
"""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = next(
    (
        p
        for p in ("/usr/lib/chromium/chromium", "/usr/bin/chromium", shutil.which("chromium") or "")
        if p and Path(p).exists()
    ),
    None,
)
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if CHROMIUM is None:
        if os.getenv("CI"):
            pytest.fail("Chromium is missing in CI: .ci/run must install Debian's chromium")
        pytest.skip("No Chromium found (apt-get install chromium to run the browser tests)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield browser
        browser.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    if report.when == "call" and report.failed:
        pages = getattr(item, "_pages", [])
        ARTIFACTS.mkdir(exist_ok=True)
        for n, page in enumerate(pages):
            try:
                page.screenshot(path=str(ARTIFACTS / f"{item.name}-{n}.png"), full_page=True)
            except Exception:  # a closed page has nothing to show
                pass


@pytest.fixture
def people(
    request: pytest.FixtureRequest, browser: object, live_server: object
) -> Iterator[object]:
    """people() -> a new Page in a fresh context (a separate person), base URL set."""
    contexts = []
    request.node._pages = []

    def open_person(**options: object) -> object:
        """`options` go to the new context (a phone's viewport, a user agent)."""
        context = browser.new_context(base_url=live_server.url, **options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        request.node._pages.append(page)
        return page

    yield open_person
    for context in contexts:
        context.close()


def assert_accessible(page: object) -> None:
    """axe-core (bundled with axe-playwright-python, runs offline): no violations at all."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    violations = results.response["violations"]
    summary = [
        f"{v['id']}: {v['help']} ({', '.join(n['target'][0] for n in v['nodes'][:3])})"
        for v in violations
    ]
    assert not violations, f"axe violations on {page.url}: {summary}"
