"""The administrator's pages for system keys."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from api.models import Systemnoegle, hash_af

from .factories import api_klient, systemnoegle

pytestmark = pytest.mark.django_db


def udloeb(dage: int) -> str:
    return f"{timezone.localdate() + datetime.timedelta(days=dage):%Y-%m-%d}"


def test_the_administrator_creates_a_key_and_sees_its_secret_once(client_for, administrator):
    klient = client_for(administrator)
    assert "Systemnøgler" in klient.get(reverse("forside")).content.decode()
    svar = klient.post(
        reverse("systemnoegler:opret"),
        {"navn": "  Fagsystemet  ", "udloeber": udloeb(90), "laese": "on", "borgerdata": "on"},
    )
    assert svar.status_code == 200
    hemmelighed = re.search(r'<code id="systemnoegle">([^<]+)</code>', svar.content.decode())[1]
    noegle = Systemnoegle.objects.get()
    assert noegle.navn == "Fagsystemet"
    assert noegle.hash == hash_af(hemmelighed)
    assert noegle.omfang == ["read", "borgerdata"]
    assert noegle.oprettet_af == administrator
    assert "no-store" in svar["Cache-Control"]
    liste = klient.get(reverse("systemnoegler:liste")).content.decode()
    assert noegle.prefix in liste
    assert hemmelighed not in liste
    assert api_klient(hemmelighed).get("/api/v1/virksomheder/").status_code == 200


@pytest.mark.parametrize(
    "data, fejl",
    [
        ({"navn": "X", "udloeber": udloeb(0), "laese": "on"}, "efter i dag"),
        ({"navn": "X", "udloeber": udloeb(400), "laese": "on"}, "højst et år"),
        ({"navn": "X", "udloeber": udloeb(30)}, "mindst læse eller skrive"),
        ({"navn": "X", "udloeber": udloeb(30), "skrive": "on", "borgerdata": "on"}, "kræver"),
        ({"navn": "X" * 101, "udloeber": udloeb(30), "laese": "on"}, "100 tegn"),
    ],
)
def test_a_bad_key_form_explains_itself_and_creates_nothing(client_for, administrator, data, fejl):
    svar = client_for(administrator).post(reverse("systemnoegler:opret"), data)
    assert svar.status_code == 200
    assert fejl in svar.content.decode()
    assert not Systemnoegle.objects.exists()


def test_the_administrator_revokes_a_key_and_it_stops_working(client_for, administrator):
    noegle, hemmelighed = systemnoegle(administrator)
    svar = client_for(administrator).post(reverse("systemnoegler:tilbagekald", args=[noegle.pk]))
    assert svar.status_code == 302
    noegle.refresh_from_db()
    assert noegle.tilbagekaldt is not None
    assert noegle.status == "Tilbagekaldt"
    assert api_klient(hemmelighed).get("/api/v1/virksomheder/").status_code == 401


def test_others_may_not_manage_keys(client_for, konsulent, leder, administrator, outsider):
    noegle, _ = systemnoegle(administrator)
    for bruger in (konsulent, leder):
        klient = client_for(bruger)
        assert klient.get(reverse("systemnoegler:liste")).status_code == 403
        assert klient.post(reverse("systemnoegler:opret"), {}).status_code == 403
        svar = klient.post(reverse("systemnoegler:tilbagekald", args=[noegle.pk]))
        assert svar.status_code == 403
        assert "Systemnøgler" not in klient.get(reverse("forside")).content.decode()
    svar = client_for(outsider).post(reverse("systemnoegler:tilbagekald", args=[noegle.pk]))
    assert svar.status_code == 404
    noegle.refresh_from_db()
    assert noegle.tilbagekaldt is None


def test_an_administrator_sees_only_the_own_jobcentres_keys(client_for, administrator, jobcenter_b):
    from jobcenter.models import Rolle
    from jobcenter.tests.factories import BrugerFactory

    anden = BrugerFactory(username="b-admin", rolle=Rolle.ADMINISTRATOR, jobcenter=jobcenter_b)
    systemnoegle(anden, navn="Aalborgs hemmelige system")
    side = client_for(administrator).get(reverse("systemnoegler:liste")).content.decode()
    assert "Aalborgs hemmelige system" not in side
    assert "ingen systemnøgler" in side
