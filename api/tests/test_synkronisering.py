"""A system syncs incrementally: all pages once, then only what changed since, each row once,
whichever way the row was written (page, service, import, bulk)."""

import datetime

import pytest
from django.utils import timezone

from borgere.models import (
    Borger,
    Forloebstype,
    Maalgruppeperiode,
    Praktikforloeb,
    Ydelsesperiode,
)
from borgere.tests.factories import BorgerFactory
from jobcenter.imports import importer
from kursuskob.models import Fase, Status, Tilmelding
from kursuskob.tests.factories import KursuskobFactory
from virksomheder.models import (
    Formaal,
    Initiativ,
    Jobordre,
    Kanal,
    Kontakt,
    Opgave,
    Plads,
    Virksomhedscenter,
)
from virksomheder.services import afslut_opgave
from virksomheder.tests.factories import VirksomhedFactory

from .factories import api_klient, systemnoegle

pytestmark = pytest.mark.django_db


def synkroniser(klient, aendret_efter=None) -> list[dict]:
    """Every page of /api/v1/borgere/, following `next`, two rows a page."""
    parametre = {"antal": 2}
    if aendret_efter:
        parametre["aendret_efter"] = aendret_efter
    svar = klient.get("/api/v1/borgere/", parametre)
    raekker = []
    while True:
        assert svar.status_code == 200
        data = svar.json()
        raekker += data["results"]
        if not data["next"]:
            return raekker
        svar = klient.get(data["next"])


def test_two_incremental_syncs_see_every_row_once_and_the_change_once(
    administrator, jobcenter_a, jobcenter_b
):
    borgere = BorgerFactory.create_batch(5, jobcenter=jobcenter_a)
    BorgerFactory(jobcenter=jobcenter_b)
    klient = api_klient(systemnoegle(administrator)[1])

    foerste = synkroniser(klient)
    ider = [r["id"] for r in foerste]
    assert len(ider) == len(set(ider)) == 5
    assert set(ider) == {b.pk for b in borgere}
    senest = max(r["opdateret"] for r in foerste)

    assert synkroniser(klient, senest) == []
    aendret = Borger.objects.get(pk=borgere[2].pk)
    aendret.efternavn = "Nyt-Navn"
    aendret.save()

    anden = synkroniser(klient, senest)
    assert [(r["id"], r["efternavn"]) for r in anden] == [(aendret.pk, "Nyt-Navn")]
    assert synkroniser(klient, max(r["opdateret"] for r in anden)) == []


def test_a_change_during_paging_does_not_repeat_a_row_already_read(administrator, jobcenter_a):
    BorgerFactory.create_batch(4, jobcenter=jobcenter_a)
    klient = api_klient(systemnoegle(administrator)[1])
    svar = klient.get("/api/v1/borgere/", {"antal": 2})
    foerste_side = svar.json()["results"]
    # A row of the next page changes while the system reads: it moves to the end, read once.
    ulaest = Borger.objects.exclude(pk__in=[r["id"] for r in foerste_side]).first()
    ulaest.save()
    resten = []
    url = svar.json()["next"]
    while url:
        data = klient.get(url).json()
        resten += data["results"]
        url = data["next"]
    ider = [r["id"] for r in foerste_side + resten]
    assert sorted(ider) == sorted(set(ider))
    assert len(ider) == 4


# Every resource with a time of change, and every way its rows are written.


BORGERE = "cpr;navn;kommunenummer\n0101901234;Karen Blixen;751\n0202851234;H C Andersen;751"


def importer_som(bruger, type_: str, tekst: str):
    return importer(type_=type_, indhold=tekst.encode(), filnavn="fil.csv", bruger=bruger)


def skub_tilbage(*modeller) -> str:
    """Every row of these models changed two days ago; the answer is the sync's mark, one day
    ago (so the test needs no sleeping between writes)."""
    for model in modeller:
        model.objects.update(opdateret=timezone.now() - datetime.timedelta(days=2))
    return (timezone.now() - datetime.timedelta(days=1)).isoformat()


def aendrede(klient, adresse: str, skel: str) -> list[int]:
    svar = klient.get(f"/api/v1/{adresse}/", {"aendret_efter": skel})
    assert svar.status_code == 200
    return [r["id"] for r in svar.json()["results"]]


@pytest.mark.parametrize(
    ("importtype", "adresse", "model", "foer", "efter"),
    [
        (
            "ydelser",
            "ydelsesperioder",
            Ydelsesperiode,
            "cpr;ydelse;fra;til\n0101901234;kontanthjaelp;01-01-2026;\n"
            "0202851234;kontanthjaelp;01-01-2026;",
            "cpr;ydelse;fra;til\n0101901234;kontanthjaelp;01-01-2026;30-06-2026\n"
            "0202851234;kontanthjaelp;01-01-2026;",
        ),
        (
            "maalgrupper",
            "maalgruppeperioder",
            Maalgruppeperiode,
            "cpr;maalgruppe;fra;til\n0101901234;2;01-01-2026;\n0202851234;2;01-01-2026;",
            "cpr;maalgruppe;fra;til\n0101901234;2;01-01-2026;30-06-2026\n0202851234;2;01-01-2026;",
        ),
        (
            "forloeb",
            "praktikforloeb",
            Praktikforloeb,
            "cpr;cvr;type;start;slut\n0101901234;13585628;virksomhedspraktik;01-09-2026;\n"
            "0202851234;13585628;virksomhedspraktik;01-09-2026;",
            "cpr;cvr;type;start;slut\n"
            "0101901234;13585628;virksomhedspraktik;01-09-2026;30-11-2026\n"
            "0202851234;13585628;virksomhedspraktik;01-09-2026;",
        ),
    ],
)
def test_an_import_that_changes_a_row_shows_it_to_the_next_sync_and_an_unchanged_one_does_not(
    administrator, importtype, adresse, model, foer, efter
):
    importer_som(administrator, "borgere", BORGERE)
    importer_som(administrator, importtype, foer)
    klient = api_klient(systemnoegle(administrator)[1])
    skel = skub_tilbage(model)

    assert importer_som(administrator, importtype, foer).uaendrede == 2
    assert aendrede(klient, adresse, skel) == []

    assert importer_som(administrator, importtype, efter).opdaterede == 1
    aendret = model.objects.get(borger__cpr="0101901234")
    assert aendrede(klient, adresse, skel) == [aendret.pk]


def test_a_save_of_some_fields_is_a_change_a_sync_sees(administrator, konsulent):
    virksomhed = VirksomhedFactory()
    opgaver = [
        Opgave.objects.create(
            jobcenter=konsulent.jobcenter,
            virksomhed=virksomhed,
            titel=titel,
            frist=datetime.date(2026, 12, 1),
            ansvarlig=konsulent,
        )
        for titel in ("Ring", "Skriv")
    ]
    klient = api_klient(systemnoegle(administrator)[1])
    skel = skub_tilbage(Opgave)
    assert aendrede(klient, "opgaver", skel) == []
    afslut_opgave(bruger=konsulent, opgave=Opgave.objects.get(pk=opgaver[1].pk))
    assert aendrede(klient, "opgaver", skel) == [opgaver[1].pk]


def test_a_row_whose_reference_is_deleted_is_a_change_a_sync_sees(administrator, konsulent):
    """Deleting a job order or a contact empties the references to it (SET_NULL_AND_TOUCH):
    the forløb and the task that pointed at it come to the next sync without the reference."""
    virksomhed = VirksomhedFactory()
    jobordre = Jobordre.objects.create(
        jobcenter=konsulent.jobcenter, virksomhed=virksomhed, stilling="Lagermedarbejder"
    )
    forloeb, andet = (
        Praktikforloeb.objects.create(
            borger=BorgerFactory(jobcenter=konsulent.jobcenter),
            virksomhed=virksomhed,
            type=Forloebstype.objects.first(),
            jobkonsulent=konsulent,
            start=datetime.date(2026, 11, 1),
            jobordre=jobordre if i == 0 else None,
        )
        for i in range(2)
    )
    kontakt = Kontakt.objects.create(
        jobcenter=konsulent.jobcenter,
        virksomhed=virksomhed,
        kanal=Kanal.TELEFON,
        initiativ=Initiativ.OPSOEGENDE,
        formaal=Formaal.OPFOELGNING,
    )
    opgave = Opgave.objects.create(
        jobcenter=konsulent.jobcenter,
        virksomhed=virksomhed,
        kontakt=kontakt,
        titel="Ring",
        frist=datetime.date(2026, 12, 1),
        ansvarlig=konsulent,
    )
    klient = api_klient(systemnoegle(administrator)[1])
    skel = skub_tilbage(Praktikforloeb, Opgave)
    assert aendrede(klient, "praktikforloeb", skel) == aendrede(klient, "opgaver", skel) == []
    jobordre.delete()
    kontakt.delete()
    assert aendrede(klient, "praktikforloeb", skel) == [forloeb.pk]
    assert aendrede(klient, "opgaver", skel) == [opgave.pk]
    forloeb.refresh_from_db()
    opgave.refresh_from_db()
    assert forloeb.jobordre is None and opgave.kontakt is None
    assert Praktikforloeb.objects.get(pk=andet.pk).opdateret < forloeb.opdateret


def test_a_changed_place_shows_its_virksomhedscenter_to_the_next_sync(administrator, konsulent):
    virksomhed = VirksomhedFactory()
    centre = [
        Virksomhedscenter.objects.create(
            jobcenter=konsulent.jobcenter, virksomhed=virksomhed, navn=navn, form="virtuelt"
        )
        for navn in ("Nord", "Syd")
    ]
    plads = Plads.objects.create(virksomhedscenter=centre[0], funktion="Lager")
    klient = api_klient(systemnoegle(administrator)[1])
    skel = skub_tilbage(Virksomhedscenter)
    assert aendrede(klient, "virksomhedscentre", skel) == []
    plads.aktiv = False
    plads.save()
    svar = klient.get("/api/v1/virksomhedscentre/", {"aendret_efter": skel}).json()["results"]
    assert [(r["id"], r["pladser"][0]["aktiv"]) for r in svar] == [(centre[0].pk, False)]


def test_rows_of_every_synced_resource_come_in_order_of_change(administrator, konsulent):
    virksomhed = VirksomhedFactory()
    kontakter = [
        Kontakt.objects.create(
            jobcenter=konsulent.jobcenter,
            virksomhed=virksomhed,
            dato=datetime.date(2026, 11, 1),
            kanal=Kanal.TELEFON,
            initiativ=Initiativ.OPSOEGENDE,
            formaal=Formaal.SAELGE_BORGER,
        )
        for _ in range(3)
    ]
    jobordrer = [
        Jobordre.objects.create(jobcenter=konsulent.jobcenter, virksomhed=virksomhed, stilling=s)
        for s in ("Smed", "Bager", "Maler")
    ]
    klient = api_klient(systemnoegle(administrator)[1])
    skel = skub_tilbage(Kontakt, Jobordre)
    # The first row changes last: it comes last, after the others, each once.
    for raekker in (kontakter, jobordrer):
        for raekke in reversed(raekker):
            raekke.save()
    assert aendrede(klient, "kontakter", skel) == [k.pk for k in reversed(kontakter)]
    assert aendrede(klient, "jobordrer", skel) == [j.pk for j in reversed(jobordrer)]


def test_a_course_enrolment_saved_with_some_fields_is_synced_and_its_history_kept(
    administrator, konsulent
):
    kob = KursuskobFactory(tovholder=konsulent, fase=Fase.VISITATION)
    tilmeldinger = [
        Tilmelding.objects.create(
            kursuskob=kob,
            borger=BorgerFactory(jobcenter=konsulent.jobcenter),
            jobcenter=konsulent.jobcenter,
            status=Status.HENVIST,
        )
        for _ in range(2)
    ]
    klient = api_klient(systemnoegle(administrator)[1])
    skel = skub_tilbage(Tilmelding)
    assert aendrede(klient, "kursustilmeldinger", skel) == []
    aendret = Tilmelding.objects.get(pk=tilmeldinger[0].pk)
    aendret.status = Status.OPTAGET
    aendret.save(update_fields=["status"])
    assert aendrede(klient, "kursustilmeldinger", skel) == [aendret.pk]
    assert aendret.history.count() == 2


def test_rows_sharing_one_change_time_are_paged_through_each_once(administrator, jobcenter_a):
    """A migration that added `opdateret` gave every existing row the same time, and a bulk
    update may too: more rows of one time than DRF's cursor counts past (1 000) must still
    page through, each once."""
    borgere = BorgerFactory.create_batch(2103, jobcenter=jobcenter_a)
    Borger.objects.update(opdateret=timezone.now())
    klient = api_klient(systemnoegle(administrator)[1])

    def sider(url, retning):
        svar, ider = klient.get(url, {"antal": 500} if "?" not in url else None), []
        for _ in range(10):
            assert svar.status_code == 200
            data = svar.json()
            ider.append([r["id"] for r in data["results"]])
            if not data[retning]:
                return ider, data
            svar = klient.get(data[retning])
        raise AssertionError("the pages do not end")

    frem, sidste = sider("/api/v1/borgere/", "next")
    ider = [i for side in frem for i in side]
    assert len(ider) == len(set(ider)) == 2103
    assert ider == sorted(b.pk for b in borgere)
    # Back from the last page through `previous`: the same pages, in reverse.
    tilbage, _ = sider(sidste["previous"], "previous")
    assert [i for side in reversed(tilbage) for i in side] + frem[-1] == ider
    assert klient.get("/api/v1/borgere/", {"cursor": "cD1ub2dldA=="}).status_code == 404
