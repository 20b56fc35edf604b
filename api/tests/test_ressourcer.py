"""The rest of issue 17's read resources: the company side (api/samarbejde.py) and the computed
figures (api/tal.py). Personas: jobcentre A's key (the caller) and jobcentre B, the outsider."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from borgere.models import (
    Adgangslog,
    Forloebsopgave,
    Forloebsopgaveart,
    Forloebstype,
    Handling,
    Kampagne,
    Maalsnapshot,
    Praktikforloeb,
    Trin,
)
from borgere.tests.factories import BorgerFactory
from jobcenter.models import Rolle
from jobcenter.tests.factories import BrugerFactory
from kursuskob.models import Fase, Runde, Spoergeskema, Tildeling, Tilmelding
from kursuskob.services import beregn_analyse, gem_besvarelse
from kursuskob.tests.factories import KursuskobFactory
from virksomheder.models import (
    Aftale,
    Jobordre,
    Opgave,
    Opgaveart,
    Plads,
    Segment,
    Virksomhedscenter,
    Virksomhedsforhold,
    Virksomhedsnotat,
)
from virksomheder.tests.factories import VirksomhedFactory

from .factories import api_klient, systemnoegle

pytestmark = pytest.mark.django_db


@pytest.fixture
def klient(administrator):
    return api_klient(systemnoegle(administrator)[1])


@pytest.fixture
def uden_borgerdata(administrator):
    return api_klient(systemnoegle(administrator, navn="Lager", borgerdata=False)[1])


@pytest.fixture
def virksomhed():
    return VirksomhedFactory(navn="Fælles Fabrik A/S")


def opgave(jobcenter, virksomhed, ansvarlig, titel="Ring tilbage"):
    return Opgave.objects.create(
        jobcenter=jobcenter,
        virksomhed=virksomhed,
        titel=titel,
        frist=datetime.date(2026, 12, 1),
        ansvarlig=ansvarlig,
    )


def jobordre(jobcenter, virksomhed, ansvarlig):
    return Jobordre.objects.create(jobcenter=jobcenter, virksomhed=virksomhed, stilling="Smed")


def aftale(jobcenter, virksomhed, ansvarlig):
    return Aftale.objects.create(
        jobcenter=jobcenter,
        virksomhed=virksomhed,
        type="partnerskab",
        titel="Partnerskab",
        formaal="Flere i praktik",
        start=datetime.date(2026, 1, 1),
        ansvarlig=ansvarlig,
    )


def virksomhedscenter(jobcenter, virksomhed, ansvarlig):
    center = Virksomhedscenter.objects.create(
        jobcenter=jobcenter, virksomhed=virksomhed, navn="Centret", form="virtuelt"
    )
    Plads.objects.create(virksomhedscenter=center, funktion="Lager")
    return center


@pytest.mark.parametrize(
    ("adresse", "opret"),
    [
        ("opgaver", opgave),
        ("jobordrer", jobordre),
        ("aftaler", aftale),
        ("virksomhedscentre", virksomhedscenter),
    ],
)
def test_each_company_side_resource_shows_the_own_jobcentres_rows_and_never_anothers(
    klient, konsulent, outsider, virksomhed, adresse, opret
):
    egen = opret(konsulent.jobcenter, virksomhed, konsulent)
    fremmed = opret(outsider.jobcenter, virksomhed, outsider)
    liste = klient.get(f"/api/v1/{adresse}/")
    assert liste.status_code == 200
    assert [r["id"] for r in liste.json()["results"]] == [egen.pk]
    assert klient.get(f"/api/v1/{adresse}/{egen.pk}/").json()["id"] == egen.pk
    svar = klient.get(f"/api/v1/{adresse}/{fremmed.pk}/")
    assert svar.status_code == 404
    assert svar["Content-Type"] == "application/problem+json"
    assert svar.json()["kode"] == "ikke-fundet"


def test_a_virksomhedscenter_carries_its_places_and_its_tovholder_by_name(klient, konsulent):
    konsulent.first_name, konsulent.last_name = "Tove", "Holder"
    konsulent.save()
    center = virksomhedscenter(konsulent.jobcenter, VirksomhedFactory(), konsulent)
    center.tovholder = konsulent
    center.save()
    data = klient.get(f"/api/v1/virksomhedscentre/{center.pk}/").json()
    assert data["tovholder"] == "Tove Holder"
    assert [p["funktion"] for p in data["pladser"]] == ["Lager"]


def test_the_jobcentres_relation_to_a_shared_company_never_shows_anothers(
    klient, konsulent, outsider, virksomhed
):
    konsulent.first_name, konsulent.last_name = "Karen", "Kontakt"
    konsulent.save()
    forhold = Virksomhedsforhold.objects.create(
        jobcenter=konsulent.jobcenter,
        virksomhed=virksomhed,
        kontaktansvarlig=konsulent,
        prioritetsgruppe=2,
    )
    forhold.segmenter.add(Segment.objects.create(jobcenter=konsulent.jobcenter, navn="Byggeri"))
    Virksomhedsnotat.objects.create(
        jobcenter=konsulent.jobcenter, virksomhed=virksomhed, tekst="Vil gerne have to i praktik"
    )
    andet = Virksomhedsforhold.objects.create(
        jobcenter=outsider.jobcenter, virksomhed=virksomhed, kontaktansvarlig=outsider
    )
    andet.segmenter.add(Segment.objects.create(jobcenter=outsider.jobcenter, navn="B-SEGMENT"))
    Virksomhedsnotat.objects.create(
        jobcenter=outsider.jobcenter, virksomhed=virksomhed, tekst="B-NOTAT"
    )

    svar = klient.get(f"/api/v1/virksomheder/{virksomhed.pk}/jobcenter/")
    assert svar.status_code == 200
    data = svar.json()
    assert data["virksomhed"] == virksomhed.pk
    assert data["kontaktansvarlig"] == "Karen Kontakt"
    assert data["prioritetsgruppe"] == 2
    assert data["segmenter"] == ["Byggeri"]
    assert [n["tekst"] for n in data["notater"]] == ["Vil gerne have to i praktik"]
    assert "B-" not in svar.content.decode()


def test_a_company_the_jobcentre_has_no_relation_to_answers_empty_and_an_unknown_one_404(
    klient, virksomhed
):
    data = klient.get(f"/api/v1/virksomheder/{virksomhed.pk}/jobcenter/").json()
    assert data == {
        "virksomhed": virksomhed.pk,
        "kontaktansvarlig": None,
        "prioritetsgruppe": None,
        "segmenter": [],
        "notater": [],
    }
    assert klient.get(f"/api/v1/virksomheder/{virksomhed.pk + 999}/jobcenter/").status_code == 404


@pytest.fixture
def forloebsopgave(konsulent, virksomhed):
    borger = BorgerFactory(jobcenter=konsulent.jobcenter, fornavn="Bodil")
    forloeb = Praktikforloeb.objects.create(
        borger=borger,
        virksomhed=virksomhed,
        type=Forloebstype.objects.first(),
        jobkonsulent=konsulent,
        start=datetime.date(2026, 9, 1),
        trin=Trin.UNDERVEJS,
    )
    o = opgave(konsulent.jobcenter, virksomhed, konsulent, titel="Registrér status")
    o.art = Opgaveart.FRA_ANDEN_DEL
    o.save()
    Forloebsopgave.objects.create(forloeb=forloeb, opgave=o, art=Forloebsopgaveart.STATUS_4_UGER)
    return o, forloeb


def test_a_task_from_a_forloeb_names_no_citizen_and_gives_the_forloeb_only_with_borgerdata(
    klient, uden_borgerdata, forloebsopgave
):
    o, forloeb = forloebsopgave
    uden = uden_borgerdata.get("/api/v1/opgaver/")
    assert uden.json()["results"][0]["praktikforloeb"] is None
    assert uden_borgerdata.get(f"/api/v1/opgaver/{o.pk}/").json()["praktikforloeb"] is None
    assert Adgangslog.objects.count() == 0
    for tekst in (uden.content.decode(), klient.get("/api/v1/opgaver/").content.decode()):
        assert "Bodil" not in tekst
        assert forloeb.borger.cpr[:6] not in tekst

    assert klient.get(f"/api/v1/opgaver/{o.pk}/").json()["praktikforloeb"] == forloeb.pk
    log = list(Adgangslog.objects.order_by("pk").values_list("borger_id", "handling"))
    assert log == [
        (forloeb.borger_id, Handling.LISTE),
        (forloeb.borger_id, Handling.FORLOEB_VIST),
    ]


def test_agreements_sync_by_aendret_efter(klient, konsulent, virksomhed):
    gammel = aftale(konsulent.jobcenter, virksomhed, konsulent)
    ny = aftale(konsulent.jobcenter, virksomhed, konsulent)
    Aftale.objects.filter(pk=gammel.pk).update(
        opdateret=timezone.now() - datetime.timedelta(days=2)
    )
    skel = (timezone.now() - datetime.timedelta(days=1)).isoformat()
    svar = klient.get("/api/v1/aftaler/", {"aendret_efter": skel})
    assert [r["id"] for r in svar.json()["results"]] == [ny.pk]
    # Computed figures have no time of change: the parameter is refused, not ignored.
    assert klient.get("/api/v1/kampagner/", {"aendret_efter": skel}).status_code == 400


def test_an_unchanged_answer_is_304_with_its_etag(klient, konsulent, virksomhed):
    aftale(konsulent.jobcenter, virksomhed, konsulent)
    foerste = klient.get("/api/v1/aftaler/")
    etag = foerste["ETag"]
    assert klient.get("/api/v1/aftaler/", headers={"If-None-Match": etag}).status_code == 304
    aftale(konsulent.jobcenter, virksomhed, konsulent)
    assert klient.get("/api/v1/aftaler/", headers={"If-None-Match": etag}).status_code == 200


# Campaigns.


def test_a_campaign_shows_the_own_and_the_national_figure_never_another_jobcentres(
    klient, jobcenter_a, jobcenter_b
):
    kampagne = Kampagne.objects.get(kode="virksomhedscenterkampagnen")
    maal = kampagne.maal.get(kode="maal-1")
    dato = kampagne.start + datetime.timedelta(days=40)
    for jobcenter, vaerdi in ((jobcenter_a, "12"), (jobcenter_b, "4242"), (None, "9000")):
        Maalsnapshot.objects.create(
            maal=maal,
            dato=dato,
            jobcenter=jobcenter,
            vaerdi=Decimal(vaerdi),
            taeller=int(vaerdi),
            beregnet=timezone.now(),
        )
    liste = klient.get("/api/v1/kampagner/").json()["results"]
    assert kampagne.pk in [k["id"] for k in liste]
    svar = klient.get(f"/api/v1/kampagner/{kampagne.pk}/")
    assert svar.status_code == 200
    data = svar.json()
    assert data["dato"] == dato.isoformat()
    tavle = next(t for t in data["tavler"] if t["maal"]["kode"] == "maal-1")
    assert Decimal(tavle["egen"]["vaerdi"]) == 12
    assert Decimal(tavle["landet"]["vaerdi"]) == 9000
    assert [Decimal(p["egen"]) for p in tavle["udvikling"]] == [12]
    assert "4242" not in svar.content.decode()


# Course purchases.


@pytest.fixture
def kursuskob(konsulent, outsider):
    """B's purchase with places for A: A sees the counts of both, and its own citizen only."""
    kob = KursuskobFactory(tovholder=outsider, fase=Fase.VISITATION)
    Tildeling.objects.create(kursuskob=kob, jobcenter=outsider.jobcenter, pladser=6)
    Tildeling.objects.create(kursuskob=kob, jobcenter=konsulent.jobcenter, pladser=4)
    egen = Tilmelding.objects.create(
        kursuskob=kob,
        borger=BorgerFactory(jobcenter=konsulent.jobcenter),
        jobcenter=konsulent.jobcenter,
        status="optaget",
    )
    fremmed = Tilmelding.objects.create(
        kursuskob=kob,
        borger=BorgerFactory(jobcenter=outsider.jobcenter, fornavn="B-BORGER"),
        jobcenter=outsider.jobcenter,
        status="optaget",
    )
    return kob, egen, fremmed


def test_a_course_purchase_shows_places_per_jobcentre_and_no_citizen(klient, kursuskob, outsider):
    kob, _, _ = kursuskob
    uden_del = KursuskobFactory(tovholder=outsider)
    liste = klient.get("/api/v1/kursuskob/").json()["results"]
    assert [(r["id"], r["optagne"], r["tilsagn"]) for r in liste] == [(kob.pk, 2, 10)]
    svar = klient.get(f"/api/v1/kursuskob/{kob.pk}/")
    linjer = {li["kommunenummer"]: li for li in svar.json()["pladser"]}
    assert {k: (li["pladser"], li["optagne"]) for k, li in linjer.items()} == {
        outsider.jobcenter.kommunenummer: (6, 1),
        kob.tildelinger.get(pladser=4).jobcenter.kommunenummer: (4, 1),
    }
    assert "borger" not in svar.content.decode().lower()
    assert klient.get(f"/api/v1/kursuskob/{uden_del.pk}/").status_code == 404
    assert Adgangslog.objects.count() == 0


def test_enrolled_citizens_are_only_the_own_jobcentres_need_borgerdata_and_are_logged(
    klient, uden_borgerdata, kursuskob
):
    _, egen, fremmed = kursuskob
    assert uden_borgerdata.get("/api/v1/kursustilmeldinger/").status_code == 403
    liste = klient.get("/api/v1/kursustilmeldinger/").json()["results"]
    assert [(r["id"], r["borger"]) for r in liste] == [(egen.pk, egen.borger_id)]
    assert klient.get(f"/api/v1/kursustilmeldinger/{fremmed.pk}/").status_code == 404
    assert klient.get(f"/api/v1/kursustilmeldinger/{egen.pk}/").status_code == 200
    assert list(Adgangslog.objects.order_by("pk").values_list("borger_id", "handling")) == [
        (egen.borger_id, Handling.LISTE),
        (egen.borger_id, Handling.KURSUS),
    ]


# Survey rounds.


def runde(navn, afsender, jobcentre, svarende):
    r = Runde.objects.create(
        skema=Spoergeskema.objects.get(skabelon=True),
        navn=navn,
        frist=datetime.date(2027, 1, 31),
        oprettet_af=afsender,
    )
    r.jobcentre.set(jobcentre)
    for jobcenter in svarende:
        leder = BrugerFactory(rolle=Rolle.LEDER, jobcenter=jobcenter)
        gem_besvarelse(bruger=leder, runde=r, svar={"B1": 3, "D1": 4}, afsend=True)
    beregn_analyse(runde=r)
    return r


def test_a_round_answered_by_one_other_jobcentre_is_suppressed(
    klient, jobcenter_a, jobcenter_b, outsider
):
    """One response of B's: A, asked in the same round, could read B's answers from it."""
    r = runde("Lille runde", outsider, [jobcenter_a, jobcenter_b], [jobcenter_b])
    assert r.pk in [x["id"] for x in klient.get("/api/v1/runder/").json()["results"]]
    svar = klient.get(f"/api/v1/runder/{r.pk}/analyse/")
    assert svar.status_code == 200
    grupper = svar.json()[0]["grupper"]
    assert grupper
    assert all(g["vises"] is False and g["faktorer"] == [] for g in grupper)


def test_a_round_answered_only_by_the_own_jobcentre_shows_its_indsatskort(
    klient, jobcenter_a, administrator
):
    r = runde("Egen runde", administrator, [jobcenter_a], [jobcenter_a])
    alle = klient.get(f"/api/v1/runder/{r.pk}/analyse/").json()[0]["grupper"][0]
    assert (alle["navn"], alle["n"], alle["vises"]) == ("Alle", 1, True)
    assert {f["type"] for f in alle["faktorer"]} <= {"barriere", "drivkraft"}
    assert alle["faktorer"]


def test_another_jobcentres_round_is_404_with_its_analysis(klient, jobcenter_b, outsider):
    r = runde("Aalborgs runde", outsider, [jobcenter_b], [jobcenter_b])
    assert klient.get("/api/v1/runder/").json()["results"] == []
    for adresse in (f"/api/v1/runder/{r.pk}/", f"/api/v1/runder/{r.pk}/analyse/"):
        svar = klient.get(adresse)
        assert svar.status_code == 404
        assert svar.json()["kode"] == "ikke-fundet"
