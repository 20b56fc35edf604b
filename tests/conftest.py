"""Fixtures for the cross-app tests: a real Chromium for browser journeys."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from jobcenter.tests.factories import engangskode, totrinsenhed
from tests.tilgaengelighed import Besoeg

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
# As root, in a closed network: no sandbox, and no background calls that would be refused.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} mangler: .ci/run skal installere Debians chromium.")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium); CI has it.")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls are
    # still plain synchronous code.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A page on the live server. Every journey also proves that nothing broke the
    Content-Security-Policy, no script failed, and every page it saw passes axe-core's
    WCAG 2.1 AA rules with its charts beside their tables (tests/tilgaengelighed.py)."""
    context = browser.new_context(base_url=live_server.url, locale="da-DK")
    context.set_default_timeout(15_000)
    page = context.new_page()
    problemer = []
    page.on(
        "console",
        lambda besked: (
            problemer.append(besked.text) if "Content Security Policy" in besked.text else None
        ),
    )
    page.on("pageerror", lambda fejl: problemer.append(str(fejl)))
    page.besoeg = Besoeg(page)
    yield page
    page.besoeg.tjek()
    context.close()
    assert problemer == [], problemer
    assert page.besoeg.fejl == {}, "WCAG 2.1 AA-brud (axe-core)"


@pytest.fixture
def log_ind(page):
    """`log_ind(user)`: log in through the login page, as a person would."""

    def login(user, password="korrekt-hest-batteri-haefteklamme"):
        page.besoeg.tjek()  # the last user's pages, while they are still logged in
        page.goto("/log-ind/")
        page.get_by_label("Brugernavn").fill(user.username)
        page.get_by_label("Adgangskode").fill(password)
        page.get_by_role("button", name="Log ind").click()
        if user.kraever_totrin:
            page.wait_for_url("/log-ind/totrin/**")
            page.get_by_label("Engangskode").fill(engangskode(totrinsenhed(user)))
            page.get_by_role("button", name="Bekræft").click()
        page.wait_for_url("/")
        return page

    return login


def url_of_the_test_database() -> str:
    """The test database as a DATABASE_URL for the processes a test starts. They need PostgreSQL
    and Redis: CI sets both, elsewhere the test is skipped."""
    if not settings.CELERY_BROKER_URL or connection.vendor != "postgresql":
        if os.environ.get("CI"):
            pytest.fail("CI skal sætte CELERY_BROKER_URL (Redis) og DATABASE_URL (PostgreSQL).")
        pytest.skip("needs CELERY_BROKER_URL and a PostgreSQL DATABASE_URL, as CI sets them")
    s = connection.settings_dict
    return f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST']}:{s['PORT']}/{s['NAME']}"


def start_worker(queue: str, *, pool: str = "solo", **env: str) -> subprocess.Popen:
    """A real Celery worker process on a queue of its own, pointed at the test database, in a
    process group of its own (so a test can kill it, children and all). `env` overrides
    settings for this worker only, e.g. CELERY_BROKER_URL."""
    database_url = url_of_the_test_database()
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            f"--pool={pool}",
            "--concurrency=1",
            "--queues",
            queue,
            "--hostname",
            f"{queue}-{os.urandom(3).hex()}@%h",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--loglevel=INFO",
        ],
        cwd=settings.BASE_DIR,
        # The worker reads uploaded files where this test's web side stored them.
        env={
            **os.environ,
            "DATABASE_URL": database_url,
            "IMPORT_MAPPE": str(settings.IMPORT_MAPPE),
            **env,
        },
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )


def stop_worker(process: subprocess.Popen) -> str:
    """Stop a worker (if it still runs) and return what it logged; the log is printed too, so a
    failing test shows it."""
    if process.poll() is None:
        process.terminate()
    output, _ = process.communicate(timeout=60)
    print(output)
    return output
