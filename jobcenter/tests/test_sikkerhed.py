"""Headers, the deployment check, login lockout, session timeout and the health endpoint."""

import base64
import datetime
import os
import re
import subprocess
import sys

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core.management import CommandError
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

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


@pytest.mark.parametrize(
    "https", [{}, {"HTTPS_VED_PROXY": "true"}], ids=["django", "https-ved-proxy"]
)
def test_check_deploy_is_clean_with_production_settings(https):
    """With the defaults (Django redirects to https and sends HSTS, nothing to opt into), and with
    a proxy that does both."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DEBUG", "SECRET_KEY", "HTTPS_VED_PROXY") and not k.startswith("SECURE_")
    }
    env |= {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "false",
        "SECRET_KEY": "p" * 20 + "-en-lang-og-tilfaeldig-produktionsnoegle-" + "q" * 20,
        "ALLOWED_HOSTS": "jobcenter.example.dk",
        "SECURE_HSTS_PRELOAD": "true",
        **https,
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


def test_it_answers_a_failed_csrf_check_in_danish(konsulent):
    client = Client(enforce_csrf_checks=True)
    svar = client.post(
        reverse("login"),
        {"username": "konsulent", "password": "korrekt-hest-batteri-haefteklamme"},
    )
    assert svar.status_code == 403
    html = svar.content.decode()
    assert '<html lang="da">' in html and "Formularen kunne ikke sendes" in html
    assert "CSRF verification failed" not in html


def test_it_keeps_pages_and_exports_with_personal_data_out_of_caches(client_for, administrator):
    from borgere.tests.factories import BorgerFactory

    borger = BorgerFactory(jobcenter=administrator.jobcenter)
    client = client_for(administrator)
    side = client.get(reverse("borgere:detalje", args=[borger.pk]))
    eksport = client.post(reverse("borgere:adgangslog", args=[borger.pk]))
    assert (side.status_code, eksport.status_code) == (200, 200)
    assert eksport["Content-Type"].startswith("text/csv")
    for svar in (side, eksport):
        assert "no-store" in svar["Cache-Control"]


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

    @override_settings(AXES_CLIENT_IP_CALLABLE="jobcenter.middleware.adresse_bag_proxy")
    def test_behind_the_proxy_it_locks_the_browsers_address_not_the_proxys(self, client, konsulent):
        """BAG_HTTPS_PROXY: every request comes from nginx (127.0.0.1); the address is the one
        nginx wrote last in X-Forwarded-For, whatever the browser claimed before it."""

        def login(password, videresendt):
            return client.post(
                reverse("login"),
                {"username": "konsulent", "password": password},
                REMOTE_ADDR="127.0.0.1",
                HTTP_X_FORWARDED_FOR=videresendt,
            )

        for _ in range(settings.AXES_FAILURE_LIMIT):
            login("forkert", "10.0.0.1")
        assert login("korrekt-hest-batteri-haefteklamme", "10.0.0.1").status_code == 429
        # Claiming another address in front of the proxy's entry does not help.
        assert login("korrekt-hest-batteri-haefteklamme", "10.9.9.9, 10.0.0.1").status_code == 429
        # The same user elsewhere, behind the same proxy, gets in.
        assert login("korrekt-hest-batteri-haefteklamme", "10.0.0.2").status_code == 302

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


def test_it_redirects_to_https_except_the_health_check(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    svar = client.get(reverse("login"))
    assert (svar.status_code, svar.url) == (301, "https://testserver/log-ind/")
    assert client.get(reverse("sundhed")).status_code == 200


def test_the_health_endpoint_reports_a_dead_queue(client, monkeypatch):
    from jobcenter import tasks

    def doed(*args, **kwargs):
        raise ConnectionError("ingen broker")

    monkeypatch.setattr(tasks.ping, "apply_async", doed)
    response = client.get(reverse("sundhed"))
    assert response.status_code == 503
    assert response.json()["opgavekoe"] == "fejl: ConnectionError"


class TestTotrin:
    """Two-factor login (issue 8, item 4): administrators and superusers need a code from an
    authenticator app after the password; the other roles do not."""

    ADMINSIDE = "/borgere/import/"

    def log_ind(self, client, username="administrator"):
        svar = client.post(
            reverse("login"),
            {"username": username, "password": "korrekt-hest-batteri-haefteklamme"},
        )
        assert svar.status_code == 302
        return svar

    def test_a_password_alone_lets_an_administrator_reach_nothing(self, client, administrator):
        self.log_ind(client)
        for url in ("/", self.ADMINSIDE, "/borgere/", "/admin/"):
            svar = client.get(url)
            assert svar.status_code == 302, url
            assert svar.url.startswith("/log-ind/totrin/?next="), url
        assert client.post(self.ADMINSIDE).status_code == 302

    def test_the_first_login_sets_up_the_app_from_a_qr_code(
        self, client, administrator, mailoutbox, django_capture_on_commit_callbacks
    ):
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from jobcenter.tests.factories import engangskode

        administrator.email = "administrator@aarhus.dk"
        administrator.save()
        self.log_ind(client)
        side = client.get(f"/log-ind/totrin/?next={self.ADMINSIDE}")
        html = side.content.decode()
        assert "Opsæt godkendelsesapp" in html and "totrin-qr" in html
        enhed = TOTPDevice.objects.get(user=administrator)
        assert not enhed.confirmed
        # Reloading shows the same key; a wrong code is refused and sets up nothing.
        client.get("/log-ind/totrin/")
        assert TOTPDevice.objects.filter(user=administrator).count() == 1
        rigtig = engangskode(enhed)
        forkert = client.post(
            "/log-ind/totrin/", {"kode": f"{(int(rigtig) + 1) % 10**6:06d}", "next": self.ADMINSIDE}
        )
        assert "Koden er forkert eller udløbet" in forkert.content.decode()
        enhed.refresh_from_db()
        assert not enhed.confirmed
        assert client.get(self.ADMINSIDE).status_code == 302
        TOTPDevice.objects.update(throttling_failure_count=0)  # no need to wait out the pause

        with django_capture_on_commit_callbacks(execute=True):
            svar = client.post(
                "/log-ind/totrin/", {"kode": engangskode(enhed), "next": self.ADMINSIDE}
            )

        assert (svar.status_code, svar.url) == (302, self.ADMINSIDE)
        enhed.refresh_from_db()
        assert enhed.confirmed
        assert client.get(self.ADMINSIDE).status_code == 200
        # The owner is told, so a stranger who knew the password cannot set it up unnoticed.
        (besked,) = mailoutbox
        assert besked.to == [administrator.email]
        assert "administrator" in besked.body and "kontakt driften" in besked.body
        assert enhed.key not in besked.body

    def test_later_logins_ask_for_the_code_and_not_the_qr_code(
        self, client, administrator, mailoutbox, django_capture_on_commit_callbacks
    ):
        from jobcenter.tests.factories import engangskode, totrinsenhed

        administrator.email = "administrator@aarhus.dk"
        administrator.save()
        enhed = totrinsenhed(administrator)
        self.log_ind(client)
        html = client.get("/log-ind/totrin/").content.decode()
        assert "Engangskode" in html and "totrin-qr" not in html
        assert str(enhed.key) not in html
        kode = engangskode(enhed)
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post("/log-ind/totrin/", {"kode": kode}).url == "/"
        assert mailoutbox == []  # only a new app is announced
        assert client.get(self.ADMINSIDE).status_code == 200
        # Logging out ends it: the next login asks again, and the used code is refused.
        client.post(reverse("logout"))
        self.log_ind(client)
        igen = client.post("/log-ind/totrin/", {"kode": kode})
        assert igen.status_code == 200
        assert "Koden er forkert eller udløbet" in igen.content.decode()

    @pytest.mark.parametrize("kode", ["", "12345", "abcdef", "1234567"])
    def test_a_malformed_code_gets_a_danish_message(self, client, administrator, kode):
        from jobcenter.tests.factories import totrinsenhed

        totrinsenhed(administrator)
        self.log_ind(client)
        svar = client.post("/log-ind/totrin/", {"kode": kode})
        assert svar.status_code == 200
        assert any(
            besked in svar.content.decode()
            for besked in ("Skriv koden", "Koden har 6 cifre", "Koden består kun af cifre")
        )

    def test_repeated_wrong_codes_are_slowed_down_after_a_few_free_tries(
        self, client, administrator
    ):
        """Issue 14, item 11: one typo cost a wait, and the wait said »1 sekunder«."""
        from jobcenter.forms import FRIE_FORSOEG
        from jobcenter.tests.factories import engangskode, totrinsenhed

        enhed = totrinsenhed(administrator)
        self.log_ind(client)
        rigtig = engangskode(enhed)
        forkert = f"{(int(rigtig) + 1) % 1_000_000:06d}"
        for _ in range(FRIE_FORSOEG - 1):
            svar = client.post("/log-ind/totrin/", {"kode": forkert})
            html = svar.content.decode()
            assert "Koden er forkert eller udløbet" in html and "Vent" not in html
            assert "Du er ikke logget ind endnu. Ret koden herunder." in html
            assert "Formularen er ikke gemt" not in html
        client.post("/log-ind/totrin/", {"kode": forkert})  # the last free one
        svar = client.post("/log-ind/totrin/", {"kode": rigtig})
        assert "For mange forkerte koder i træk. Vent 1 sekund, og prøv igen." in (
            svar.content.decode()
        )
        assert client.get(self.ADMINSIDE).status_code == 302
        enhed.refresh_from_db()
        enhed.throttling_failure_count += 2
        enhed.throttling_failure_timestamp = timezone.now()
        enhed.save()
        svar = client.post("/log-ind/totrin/", {"kode": rigtig})
        # 2 ** (5 - 3) seconds from the last failure; a slow machine may have used one of them.
        assert re.search(r"Vent [34] sekunder", svar.content.decode())

    def test_a_right_code_after_a_typo_logs_in(self, client, administrator):
        from jobcenter.tests.factories import engangskode, totrinsenhed

        enhed = totrinsenhed(administrator)
        self.log_ind(client)
        rigtig = engangskode(enhed)
        client.post("/log-ind/totrin/", {"kode": f"{(int(rigtig) + 1) % 1_000_000:06d}"})
        assert client.post("/log-ind/totrin/", {"kode": rigtig}).status_code == 302
        assert client.get(self.ADMINSIDE).status_code == 200

    def test_a_next_address_elsewhere_is_not_followed(self, client, administrator):
        from jobcenter.tests.factories import engangskode, totrinsenhed

        enhed = totrinsenhed(administrator)
        self.log_ind(client)
        svar = client.post(
            "/log-ind/totrin/", {"kode": engangskode(enhed), "next": "https://example.com/"}
        )
        assert svar.url == "/"

    def test_a_consultant_is_not_asked(self, client, konsulent):
        self.log_ind(client, "konsulent")
        assert client.get("/borgere/").status_code == 200
        assert client.get("/log-ind/totrin/").status_code == 302

    def test_it_shows_each_setup_session_its_own_key_so_a_stranger_cannot_capture_the_app(
        self, client, administrator
    ):
        """Finding 2 of issue 13: a stranger with the password (session A) opens the setup page
        before the owner (session B) and reads the key; the owner sets up the app. A code from
        the key the stranger saw must not let them in."""
        from django.test import Client
        from django_otp.oath import TOTP
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from jobcenter.tests.factories import engangskode

        angriber = Client()
        self.log_ind(angriber)
        set_af_angriber = angriber.get("/log-ind/totrin/").context["noegle"]
        self.log_ind(client)
        set_af_ejer = client.get("/log-ind/totrin/").context["noegle"]
        assert set_af_ejer != set_af_angriber
        ejers = next(
            e
            for e in TOTPDevice.objects.filter(user=administrator)
            if base64.b32encode(e.bin_key).decode() == set_af_ejer.replace(" ", "")
        )
        assert client.post("/log-ind/totrin/", {"kode": engangskode(ejers)}).status_code == 302
        assert client.get(self.ADMINSIDE).status_code == 200
        # As if the stranger waited for the next 30 seconds, so the owner's code is not reused.
        TOTPDevice.objects.update(last_t=-1)

        noegle = base64.b32decode(set_af_angriber.replace(" ", ""))
        kode = f"{TOTP(noegle).token():06d}"
        svar = angriber.post("/log-ind/totrin/", {"kode": kode})

        assert "Koden er forkert eller udløbet" in svar.content.decode()
        assert angriber.get(self.ADMINSIDE).status_code == 302
        assert list(TOTPDevice.objects.filter(user=administrator)) == [ejers]

    def test_it_refuses_a_setup_older_than_the_time_limit(self, client, administrator, settings):
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from jobcenter.tests.factories import engangskode

        self.log_ind(client)
        client.get("/log-ind/totrin/")
        gammel = TOTPDevice.objects.get(user=administrator)
        TOTPDevice.objects.update(
            created_at=timezone.now()
            - datetime.timedelta(minutes=settings.TOTRIN_OPSAETNING_MINUTTER, seconds=1)
        )

        svar = client.post("/log-ind/totrin/", {"kode": engangskode(gammel)})

        assert svar.status_code == 200
        html = svar.content.decode()
        assert "Opsætningen er udløbet" in html and "totrin-qr" in html
        assert not TOTPDevice.objects.filter(pk=gammel.pk).exists()
        assert not TOTPDevice.objects.filter(user=administrator, confirmed=True).exists()
        assert client.get(self.ADMINSIDE).status_code == 302

    def test_it_emails_the_owner_when_a_setup_begins(
        self, client, administrator, mailoutbox, django_capture_on_commit_callbacks
    ):
        from django_otp.plugins.otp_totp.models import TOTPDevice

        administrator.email = "administrator@aarhus.dk"
        administrator.save()
        self.log_ind(client)
        with django_capture_on_commit_callbacks(execute=True):
            client.get("/log-ind/totrin/")
            client.get("/log-ind/totrin/")  # a reload is the same setup: one e-mail

        (besked,) = mailoutbox
        assert besked.to == [administrator.email]
        assert "administrator" in besked.body and "kontakt driften" in besked.body
        assert "adgangskode" in besked.body
        assert TOTPDevice.objects.get(user=administrator).key not in besked.body

    def test_it_gives_the_session_a_new_id_once_the_code_is_given(self, client, administrator):
        from jobcenter.tests.factories import engangskode, totrinsenhed

        enhed = totrinsenhed(administrator)
        self.log_ind(client)
        foer = client.session.session_key

        client.post("/log-ind/totrin/", {"kode": engangskode(enhed)})

        assert client.session.session_key != foer
        assert client.get(self.ADMINSIDE).status_code == 200

    def test_it_exempts_only_our_own_pages_by_their_full_name(self, client, administrator):
        """The admin's logout is also called »logout«, but in the namespace »admin«."""
        self.log_ind(client)
        svar = client.get("/admin/logout/")
        assert svar.status_code == 302
        assert svar.url.startswith("/log-ind/totrin/?next=")

    def test_the_operators_can_forget_a_lost_app(self, administrator):
        from django.core.management import call_command
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from jobcenter.tests.factories import totrinsenhed

        totrinsenhed(administrator)
        call_command("nulstil_totrin", "administrator")
        assert not TOTPDevice.objects.filter(user=administrator).exists()
        with pytest.raises(CommandError, match="ingen bruger"):
            call_command("nulstil_totrin", "ukendt")


def test_a_refusal_is_logged_as_one_line_without_a_traceback(client_for, konsulent, caplog):
    """Issue 14, item 11: a consultant opening a leader's page filled the log with a traceback."""
    caplog.set_level("WARNING", logger="django.request")
    svar = client_for(konsulent).get(reverse("borgere:kampagner"))
    assert svar.status_code == 403
    (linje,) = [r for r in caplog.records if r.name == "django.request"]
    assert linje.getMessage() == "Forbidden (Permission denied): /borgere/maal/"
    assert linje.exc_info is None and "Traceback" not in caplog.text


@pytest.mark.parametrize("sti", ["/findes-ikke/", "/borgere/999999/"])
def test_make_run_shows_the_danish_404_page_not_the_list_of_urls(
    client_for, konsulent, settings, sti
):
    """Issue 14, item 11: with DEBUG on, a missing page listed every URL of the product."""
    settings.DEBUG = True
    svar = client_for(konsulent).get(sti)
    html = svar.content.decode()
    assert svar.status_code == 404
    assert "Siden findes ikke" in html
    assert "URLconf" not in html and "borgere/&lt;int:pk&gt;" not in html


def test_the_product_has_a_favicon(client, client_for, konsulent):
    assert (
        'rel="icon" href="/static/img/favicon.svg"'
        in client_for(konsulent).get("/").content.decode()
    )
    svar = client.get("/favicon.ico")
    assert (svar.status_code, svar["Location"]) == (301, "/static/img/favicon.svg")
    from django.contrib.staticfiles import finders

    assert finders.find("img/favicon.svg")
