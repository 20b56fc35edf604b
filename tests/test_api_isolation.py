"""Zero leaks between jobcentres through the API: a key of jobcentre A tries every id on every
API address that takes one, and gets a 404 problem detail for every row of B (companies, which
are shared, answer without B's own data). A key that is revoked or expired gets 401 everywhere, a
key without borgerdata 403 on every citizen address."""

import datetime
import random
from decimal import Decimal

import pytest
from django.urls import URLPattern, get_resolver, reverse
from django.utils import timezone

from api.models import Systemnoegle
from api.services import tilbagekald_systemnoegle
from api.tests.factories import api_klient, systemnoegle
from borgere.models import (
    Adgangslog,
    Forloebsopgave,
    Forloebsopgaveart,
    Kampagne,
    Maalsnapshot,
)
from tests.test_isolation import HEMMELIG, aalborg, fingeraftryk  # noqa: F401 (a fixture)
from virksomheder.models import Opgave, Opgaveart

pytestmark = pytest.mark.django_db

# Shared rows: companies and (national) campaigns answer every jobcentre, never with B's own
# data (B's figures in a campaign: api/tests/test_ressourcer.py).
FAELLES = ("/api/v1/virksomheder/", "/api/v1/kampagner/")


def api_moenstre() -> list[tuple[str, list[str]]]:
    """The API's named addresses: (name, the names of their integer parameters)."""
    api = next(p for p in get_resolver().url_patterns if getattr(p, "namespace", None) == "api")
    return [
        (f"api:{p.name}", [k for k, c in p.pattern.converters.items() if heltal(c)])
        for p in api.url_patterns
        if isinstance(p, URLPattern) and p.name
    ]


def heltal(converter) -> bool:
    return type(converter).__name__ == "IntConverter"


def adresser(ider) -> list[str]:
    urls = []
    for navn, heltal in api_moenstre():
        if navn in ("api:skema", "api:dokumentation"):
            continue
        if heltal:
            urls += [reverse(navn, kwargs=dict.fromkeys(heltal, id_)) for id_ in ider]
        else:
            urls.append(reverse(navn))
    return urls


# B's own figure in the national campaign: a value no other row has.
B_TAL = "4242.4242"


@pytest.fixture
def aalborg_api(aalborg, jobcenter_b):  # noqa: F811
    """What the API shows besides the pages' rows of B (the `aalborg` fixture has B's tasks,
    job orders, agreements, centres and places, course purchase, enrolment and survey round):
    B's figure in a campaign, and a task that B's forløb gave."""
    maal = Kampagne.objects.get(kode="virksomhedscenterkampagnen").maal.first()
    Maalsnapshot.objects.create(
        maal=maal,
        dato=maal.kampagne.start,
        jobcenter=jobcenter_b,
        vaerdi=Decimal(B_TAL),
        taeller=1,
        naevner=1,
        beregnet=timezone.now(),
    )
    forloeb = aalborg["virksomhed"].forloeb.get()
    opgave = Opgave.objects.create(
        jobcenter=jobcenter_b,
        virksomhed=forloeb.virksomhed,
        art=Opgaveart.FRA_ANDEN_DEL,
        titel=HEMMELIG,
        frist=datetime.date(2026, 12, 1),
        ansvarlig=forloeb.jobkonsulent,
    )
    Forloebsopgave.objects.create(
        forloeb=forloeb, opgave=opgave, art=Forloebsopgaveart.STATUS_4_UGER
    )
    return aalborg


def test_a_key_of_a_gets_404_on_every_row_of_b(aalborg_api, administrator, jobcenter_b, settings):
    # Every address with every id is more calls than a minute's limit.
    settings.API_KALD_PR_MINUT = 100_000
    _, hemmelighed = systemnoegle(administrator)
    klient = api_klient(hemmelighed)
    foer = fingeraftryk(jobcenter_b)
    rng = random.Random(2026)
    ider = sorted({*range(1, 60), *(rng.randint(60, 100_000) for _ in range(10))})
    detaljer = [n for n, heltal in api_moenstre() if heltal]
    assert len(detaljer) >= 6
    forsoeg = 0
    for url in adresser(ider):
        svar = klient.get(url)
        forsoeg += 1
        assert HEMMELIG not in svar.content.decode(errors="replace"), url
        assert B_TAL not in svar.content.decode(errors="replace"), url
        assert svar.status_code != 500, url
        if url.startswith(FAELLES):
            assert svar.status_code in (200, 404), url
        elif any(del_.isdigit() for del_ in url.split("/")):
            assert svar.status_code == 404, (url, svar.status_code)
            assert svar["Content-Type"] == "application/problem+json"
            assert svar.json()["kode"] == "ikke-fundet"
        elif url.endswith(("/opslag/", "/bulk/")):
            assert svar.status_code == 405, url
        else:
            assert svar.status_code == 200, url
            assert svar.json()["results"] == [], url
    assert forsoeg > 6 * len(ider)
    # B's citizen, looked up by CPR from A: the same 404 as a number nobody has.
    borger_b = aalborg_api["virksomhed"].forloeb.get().borger
    opslag = klient.post("/api/v1/borgere/opslag/", {"cpr": borger_b.cpr}, "application/json")
    assert opslag.status_code == 404
    # A key of A that may write cannot write about B's citizen, by id or by CPR.
    _, skriver = systemnoegle(administrator, skrive=True, navn="Skriver")
    klient = api_klient(skriver)
    periode = {"borger": borger_b.pk, "ydelse": "kontanthjaelp", "fra": "2026-01-01"}
    svar = klient.post("/api/v1/ydelsesperioder/", periode, "application/json")
    assert svar.status_code == 400
    raekke = {"cpr": borger_b.cpr, "ydelse": "kontanthjaelp", "fra": "2026-01-01"}
    svar = klient.post("/api/v1/ydelsesperioder/bulk/", [raekke], "application/json")
    assert svar.status_code == 400
    assert Adgangslog.objects.filter(jobcenter=jobcenter_b).count() == 0
    assert fingeraftryk(jobcenter_b) == foer


@pytest.mark.parametrize("tilstand", ["tilbagekaldt", "udloebet"])
def test_a_revoked_or_expired_key_gets_401_on_every_api_address(administrator, tilstand):
    noegle, hemmelighed = systemnoegle(administrator)
    if tilstand == "tilbagekaldt":
        tilbagekald_systemnoegle(noegle=noegle)
    else:
        Systemnoegle.objects.filter(pk=noegle.pk).update(
            udloeber=timezone.now() - datetime.timedelta(minutes=1)
        )
    klient = api_klient(hemmelighed)
    for url in adresser([1]):
        for metode in ("get", "post"):
            svar = getattr(klient, metode)(url)
            assert svar.status_code == 401, (metode, url)
            assert svar.json()["kode"] == "ikke-logget-ind"


def test_a_key_without_borgerdata_gets_403_on_every_citizen_address(aalborg, administrator):  # noqa: F811
    _, hemmelighed = systemnoegle(administrator, borgerdata=False)
    klient = api_klient(hemmelighed)
    borgeradresser = [
        u
        for u in adresser([1, 2, 3])
        if u.split("/")[3]
        in (
            "borgere",
            "ydelsesperioder",
            "maalgruppeperioder",
            "praktikforloeb",
            "kursustilmeldinger",
        )
    ]
    assert len(borgeradresser) >= 8
    for url in borgeradresser:
        svar = klient.post(url) if url.endswith("/opslag/") else klient.get(url)
        assert svar.status_code == 403, url
        assert svar.json()["kode"] == "ingen-adgang"
    assert Adgangslog.objects.count() == 0
