"""Headers, the deployment check, login lockout, session timeout and the health endpoint."""

import datetime
import os
import subprocess
import sys

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import override_settings
from django.urls import reverse

from jobcenter.checks import content_security_policy

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/log-ind/", "/", "/borgere/", "/virksomheder/"])
def test_every_page_has_a_strict_content_security_policy(client_for, konsulent, url):
    response = client_for(konsulent).get(url)
    politik = response["Content-Security-Policy"]
    assert "default-src 'self'" in politik and "script-src 'self'" in politik
    assert "unsafe-inline" not in politik and "unsafe-eval" not in politik
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_our_check_fails_without_the_policy():
    assert content_security_policy(None) == []
    uden = [m for m in settings.MIDDLEWARE if m != "csp.middleware.CSPMiddleware"]
    with override_settings(MIDDLEWARE=uden):
        assert [f.id for f in content_security_policy(None)] == ["jobcenter.E001"]
    svag = {
        "DIRECTIVES": {
            **settings.CONTENT_SECURITY_POLICY["DIRECTIVES"],
            "script-src": ["'self'", "'unsafe-inline'"],
        }
    }
    with override_settings(CONTENT_SECURITY_POLICY=svag):
        assert [f.id for f in content_security_policy(None)] == ["jobcenter.E003"]


def test_check_deploy_is_clean_with_production_settings():
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECRET_KEY")}
    env |= {
        "DJANGO_SETTINGS_MODULE": "jobcenter.settings",
        "DEBUG": "false",
        "SECRET_KEY": "p" * 20 + "-en-lang-og-tilfaeldig-produktionsnoegle-" + "q" * 20,
        "ALLOWED_HOSTS": "jobcenter.example.dk",
        "SECURE_SSL_REDIRECT": "true",
        "SECURE_HSTS_PRELOAD": "true",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


class TestLockout:
    def login(self, client, password, ip="10.0.0.1", username="konsulent"):
        return client.post(
            reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip
        )

    def test_repeated_failures_lock_that_user_from_that_address_only(
        self, client, konsulent, kollega
    ):
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            assert self.login(client, "forkert").status_code == 200
        assert self.login(client, "forkert").status_code == 429  # the fifth failure locks
        spaerret = self.login(client, "korrekt-hest-batteri-haefteklamme")
        assert spaerret.status_code == 429
        assert "For mange forkerte forsøg" in spaerret.content.decode()
        # The same user from another address, and a colleague behind the same proxy, get in.
        assert (
            self.login(client, "korrekt-hest-batteri-haefteklamme", ip="10.0.0.2").status_code
            == 302
        )
        assert (
            self.login(client, "korrekt-hest-batteri-haefteklamme", username="kollega").status_code
            == 302
        )

    def test_the_lock_expires(self, client, konsulent):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            self.login(client, "forkert")
        assert self.login(client, "korrekt-hest-batteri-haefteklamme").status_code == 429
        AccessAttempt.objects.update(
            attempt_time=datetime.datetime.now(datetime.UTC)
            - settings.AXES_COOLOFF_TIME
            - datetime.timedelta(minutes=1)
        )
        assert self.login(client, "korrekt-hest-batteri-haefteklamme").status_code == 302


def test_a_session_ends_after_half_an_hour_without_requests(client, konsulent):
    client.post(
        reverse("login"), {"username": "konsulent", "password": "korrekt-hest-batteri-haefteklamme"}
    )
    client.get("/")
    assert client.session.get_expiry_age() == 30 * 60
    assert client.session.get_expire_at_browser_close()


def test_the_health_endpoint_checks_database_and_queue(client):
    response = client.get(reverse("sundhed"))
    assert response.status_code == 200
    assert response.json()["database"] == "ok" and response.json()["opgavekoe"] == "ok"


def test_the_health_endpoint_reports_a_dead_queue(client, monkeypatch):
    from jobcenter import tasks

    def doed(*args, **kwargs):
        raise ConnectionError("ingen broker")

    monkeypatch.setattr(tasks.ping, "apply_async", doed)
    response = client.get(reverse("sundhed"))
    assert response.status_code == 503
    assert response.json()["opgavekoe"] == "fejl: ConnectionError"
