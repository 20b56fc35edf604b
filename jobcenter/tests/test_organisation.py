import os
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
    ]
    menu = [p["tekst"] for p in client_for(analytiker).get("/").context["navigation"]]
    assert menu == ["Forside", "Kampagnemål", "Nøgletal", "Kursusoverblik", "Undersøgelser"]


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


def run_django(env_overrides: dict[str, str]) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG")}
    env |= {"DJANGO_SETTINGS_MODULE": "jobcenter.settings", **env_overrides}
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
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
    assert run_django({"DEBUG": "false", "SECRET_KEY": "x" * 50}).returncode == 0
    assert run_django({"DEBUG": "true"}).returncode == 0
