import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import IntegrityError
from django.urls import reverse

from jobcenter.models import Jobcenter, Kommune, Rolle
from jobcenter.tests.factories import BrugerFactory

pytestmark = pytest.mark.django_db


def test_the_98_municipalities_ship_with_the_product():
    assert Kommune.objects.count() == 98
    assert Kommune.objects.get(kommunenummer=400).navn == "Bornholm"


@pytest.mark.parametrize("url", ["/", "/borgere/", "/virksomheder/", "/borgere/noegletal/"])
def test_every_page_needs_a_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_the_login_page_is_danish(client):
    html = client.get(reverse("login")).content.decode()
    assert '<html lang="da">' in html
    assert "Log ind" in html
    assert "Brugernavn" in html


def test_a_wrong_password_gets_a_danish_message(client, konsulent):
    response = client.post(reverse("login"), {"username": "konsulent", "password": "forkert"})
    assert "Indtast venligst korrekt brugernavn og adgangskode" in response.content.decode()


def test_the_menu_follows_the_role(client_for, konsulent, analytiker):
    menu = [p["tekst"] for p in client_for(konsulent).get("/").context["navigation"]]
    assert menu == [
        "Forside",
        "Mine opgaver",
        "Virksomheder",
        "Dækning",
        "Aftaler",
        "Jobordrer",
        "Borgere",
        "Mine forløb",
        "Pladser",
        "Nøgletal",
        "Kursuskøb",
        "Målinger",
    ]
    menu = [p["tekst"] for p in client_for(analytiker).get("/").context["navigation"]]
    assert menu == [
        "Forside",
        "Kampagnemål",
        "Nøgletal",
        "Kursusoverblik",
        "Undersøgelser",
        "Hvad virker",
    ]


def test_the_current_menu_item_covers_the_pages_under_it_and_never_claims_another(
    client_for, leder
):
    """»Hvad virker« covers its curves and trials, »Målinger« its instruments; a page under no
    item (a citizen's measurement form) marks none, not »Forside«."""

    def aktiv(url):
        menu = client_for(leder).get(url).context["navigation"]
        return [p["tekst"] for p in menu if p["aktiv"]]

    assert aktiv("/") == ["Forside"]
    assert aktiv(reverse("virkning:udfald")) == ["Hvad virker"]
    assert aktiv(reverse("virkning:overlevelse")) == ["Hvad virker"]
    assert aktiv(reverse("virkning:forsoeg_opret")) == ["Hvad virker"]
    assert aktiv(reverse("virkning:instrumenter")) == ["Målinger"]
    assert aktiv(reverse("borgere:liste")) == ["Borgere"]
    assert aktiv(reverse("virkning:maal", args=[1, 1])) == []


def test_an_analytiker_belongs_to_no_jobcentre_and_staff_to_one(jobcenter_a):
    with pytest.raises(IntegrityError):
        BrugerFactory(rolle=Rolle.ANALYTIKER, jobcenter=jobcenter_a)


def test_staff_must_belong_to_a_jobcentre():
    with pytest.raises(IntegrityError):
        BrugerFactory(rolle=Rolle.JOBKONSULENT, jobcenter=None)


def test_the_django_admin_is_for_superusers_only(client_for, administrator):
    assert client_for(administrator).get("/admin/").status_code == 302
    superuser = BrugerFactory(is_superuser=True, is_staff=True, jobcenter=None, rolle="")
    assert client_for(superuser).get("/admin/").status_code == 200
    assert Jobcenter.objects.count() == 1


# What a production key looks like (the README's recipe); the tests' own key is one too.
STAERK_NOEGLE = secrets.token_urlsafe(50)
# The environment a subprocess starts from: everything but the settings under test.
PROEVEDE = ("SECRET_KEY", "DEBUG", "HTTPS_VED_PROXY", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS")


def run_django(
    env_overrides: dict[str, str], kode: str = "import django; django.setup()"
) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in PROEVEDE}
    env |= {"DJANGO_SETTINGS_MODULE": "config.settings", **env_overrides}
    return subprocess.run(
        [sys.executable, "-c", kode],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_product_refuses_to_start_without_a_secret_key_when_debug_is_off():
    result = run_django({"DEBUG": "false"})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_it_starts_with_a_secret_key_or_in_debug():
    assert run_django({"DEBUG": "false", "SECRET_KEY": STAERK_NOEGLE}).returncode == 0
    assert run_django({"DEBUG": "true"}).returncode == 0


def eksempelnoegle() -> str:
    """The SECRET_KEY line of .env.example, which someone will copy as it is."""
    linjer = (settings.BASE_DIR / ".env.example").read_text().splitlines()
    return next(
        linje.removeprefix("SECRET_KEY=") for linje in linjer if linje.startswith("SECRET_KEY=")
    )


@pytest.mark.parametrize(
    "noegle",
    [
        STAERK_NOEGLE[:49],  # too short
        "ab" * 30,  # too few different characters
        "django-insecure-" + STAERK_NOEGLE,  # Django's own development key
        eksempelnoegle(),
    ],
    ids=["kort", "ensformig", "django-insecure", "eksemplet"],
)
def test_it_refuses_to_start_with_a_weak_secret_key_when_debug_is_off(noegle):
    result = run_django({"DEBUG": "false", "SECRET_KEY": noegle})
    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY er for svag" in result.stderr
    assert noegle not in result.stderr  # a secret is never printed, not even a weak one
    assert run_django({"DEBUG": "true", "SECRET_KEY": noegle}).returncode == 0


def test_the_example_key_is_refused_for_being_the_example_and_not_for_its_length():
    assert len(eksempelnoegle()) >= 50 and len(set(eksempelnoegle())) >= 5


SIKKERHED = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS)"
)


def test_it_redirects_to_https_and_sends_hsts_in_production_unless_the_proxy_does():
    drift = run_django({"DEBUG": "false", "SECRET_KEY": STAERK_NOEGLE}, SIKKERHED)
    bag_proxy = run_django(
        {"DEBUG": "false", "SECRET_KEY": STAERK_NOEGLE, "HTTPS_VED_PROXY": "true"}, SIKKERHED
    )
    udvikling = run_django({"DEBUG": "true"}, SIKKERHED)
    assert drift.stdout.split() == ["True", str(365 * 24 * 60 * 60)], drift.stderr
    assert bag_proxy.stdout.split() == ["False", "0"], bag_proxy.stderr
    assert udvikling.stdout.split() == ["False", "0"], udvikling.stderr


def test_the_tests_themselves_speak_plain_http():
    """conftest.py turns the redirect off for the test client and the live server."""
    assert settings.SECURE_SSL_REDIRECT is False
