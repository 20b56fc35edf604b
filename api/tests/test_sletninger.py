"""The deletion feed: a system that syncs with `aendret_efter` learns which rows went, once each,
whichever way they went (a delete, a cascade, an import replacing a changed period), and only of
rows it could have read."""

import datetime

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from api.models import Sletning
from api.ressourcer import router
from api.sletninger import RESSOURCER, ryd_sletninger, sporede
from borgere.models import Borger, Ydelsesperiode
from borgere.services.bevaring import anonymiser
from borgere.tests.factories import (
    BorgerFactory,
    MaalgruppeperiodeFactory,
    YdelsesperiodeFactory,
)
from jobcenter.models import Rolle
from jobcenter.tests.factories import BrugerFactory
from kursuskob.models import Status, Tilmelding
from kursuskob.tests.factories import KursuskobFactory
from virksomheder.models import Formaal, Initiativ, Jobordre, Kanal, Kontakt, Virksomhed
from virksomheder.tests.factories import VirksomhedFactory

from .factories import api_klient, systemnoegle
from .test_synkronisering import BORGERE, importer_som

pytestmark = pytest.mark.django_db

SYNKRONISEREDE = {
    "virksomheder",
    "kontakter",
    "borgere",
    "ydelsesperioder",
    "maalgruppeperioder",
    "praktikforloeb",
    "opgaver",
    "jobordrer",
    "aftaler",
    "virksomhedscentre",
    "kursustilmeldinger",
}
BORGERDATA = {"borgere", "ydelsesperioder", "maalgruppeperioder", "praktikforloeb"}


def sletninger(klient, **parametre) -> list[tuple[str, int, str]]:
    """Every page of /api/v1/sletninger/, following `next`, two rows a page."""
    svar = klient.get("/api/v1/sletninger/", {"antal": 2, **parametre})
    raekker = []
    while True:
        assert svar.status_code == 200, svar.content
        data = svar.json()
        for r in data["results"]:
            assert set(r) == {"ressource", "id", "slettet"}
            raekker.append((r["ressource"], r["id"], r["slettet"]))
        if not data["next"]:
            return raekker
        svar = klient.get(data["next"])


def uden_tid(raekker) -> list[tuple[str, int]]:
    return [(ressource, id_) for ressource, id_, _ in raekker]


def slet(raekke) -> int:
    """Delete a row with `Model.delete` (which forgets its pk); its id."""
    pk = raekke.pk
    raekke.delete()
    return pk


def kontakt(jobcenter, virksomhed) -> Kontakt:
    return Kontakt.objects.create(
        jobcenter=jobcenter,
        virksomhed=virksomhed,
        dato=datetime.date(2026, 11, 1),
        kanal=Kanal.TELEFON,
        initiativ=Initiativ.OPSOEGENDE,
        formaal=Formaal.SAELGE_BORGER,
    )


def test_every_synced_resource_is_tracked_and_only_companies_are_shared():
    sporet = {s.ressource: s for s in sporede().values()}
    assert set(sporet) == SYNKRONISEREDE == set(RESSOURCER)
    assert {r for r, s in sporet.items() if s.borgerdata} == BORGERDATA | {"kursustilmeldinger"}
    assert [r for r, s in sporet.items() if s.ejer is None] == ["virksomheder"]
    # The feed itself is no synced resource of the router.
    assert "sletninger" not in {prefix for prefix, _, _ in router.registry}


def test_a_sync_gets_each_deletion_once_however_the_row_was_deleted(administrator, jobcenter_a):
    virksomhed = VirksomhedFactory()
    egen_kontakt = kontakt(jobcenter_a, virksomhed)
    jobordre = Jobordre.objects.create(
        jobcenter=jobcenter_a, virksomhed=virksomhed, stilling="Smed"
    )
    borger = BorgerFactory(jobcenter=jobcenter_a)
    ydelse = YdelsesperiodeFactory(borger=borger)
    maalgruppe = MaalgruppeperiodeFactory(borger=borger)
    klient = api_klient(systemnoegle(administrator)[1])
    assert sletninger(klient) == []
    skel = timezone.now().isoformat()

    kontakt_id = slet(egen_kontakt)
    Jobordre.objects.filter(pk=jobordre.pk).delete()
    # A cascade: the citizen's periods go with them.
    Borger.objects.get(pk=borger.pk).delete()

    foerste = sletninger(klient, aendret_efter=skel)
    assert sorted(uden_tid(foerste)) == sorted(
        [
            ("kontakter", kontakt_id),
            ("jobordrer", jobordre.pk),
            ("borgere", borger.pk),
            ("ydelsesperioder", ydelse.pk),
            ("maalgruppeperioder", maalgruppe.pk),
        ]
    )
    # In the order of deletion: the periods before their citizen.
    tider = [t for _, _, t in foerste]
    assert tider == sorted(tider)
    assert uden_tid(foerste)[-1] == ("borgere", borger.pk)
    # Nothing of the row's content is kept.
    assert borger.cpr not in str(list(Sletning.objects.values()))
    assert sletninger(klient, aendret_efter=max(tider)) == []

    # A company is shared: its deletion (and its contacts') is everyone's.
    anden_kontakt = kontakt(jobcenter_a, virksomhed)
    skel = max(tider)
    Virksomhed.objects.filter(pk=virksomhed.pk).delete()
    assert sorted(uden_tid(sletninger(klient, aendret_efter=skel))) == [
        ("kontakter", anden_kontakt.pk),
        ("virksomheder", virksomhed.pk),
    ]
    assert uden_tid(sletninger(klient, aendret_efter=skel, ressource="virksomheder")) == [
        ("virksomheder", virksomhed.pk)
    ]


def test_an_imported_period_that_changes_is_the_deletion_of_its_old_id(administrator):
    importer_som(administrator, "borgere", BORGERE)
    foer = (
        "cpr;ydelse;fra;til\n0101901234;kontanthjaelp;01-01-2026;\n"
        "0202851234;kontanthjaelp;01-01-2026;"
    )
    efter = foer.replace("01-01-2026;\n", "01-01-2026;30-06-2026\n", 1)
    importer_som(administrator, "ydelser", foer)
    gammel = Ydelsesperiode.objects.get(borger__cpr="0101901234")
    klient = api_klient(systemnoegle(administrator)[1])
    skel = timezone.now().isoformat()

    assert importer_som(administrator, "ydelser", foer).uaendrede == 2
    assert sletninger(klient, aendret_efter=skel) == []
    assert importer_som(administrator, "ydelser", efter).opdaterede == 1
    ny = Ydelsesperiode.objects.get(borger__cpr="0101901234")
    assert ny.pk != gammel.pk
    assert uden_tid(sletninger(klient, aendret_efter=skel)) == [("ydelsesperioder", gammel.pk)]
    assert uden_tid(sletninger(klient, aendret_efter=skel, ressource="borgere")) == []


def test_a_course_enrolment_deleted_with_its_purchase_is_recorded_for_its_jobcentre(
    administrator, konsulent, jobcenter_a
):
    kob = KursuskobFactory(tovholder=konsulent)
    tilmelding = Tilmelding.objects.create(
        kursuskob=kob,
        borger=BorgerFactory(jobcenter=jobcenter_a),
        jobcenter=jobcenter_a,
        status=Status.HENVIST,
    )
    kob.delete()
    assert list(
        Sletning.objects.values_list("ressource", "raekke_id", "jobcenter", "borgerdata")
    ) == [("kursustilmeldinger", tilmelding.pk, jobcenter_a.pk, True)]


def test_a_delete_that_rolls_back_and_an_anonymisation_record_nothing(jobcenter_a):
    borger = BorgerFactory(jobcenter=jobcenter_a)
    YdelsesperiodeFactory(borger=borger)
    with pytest.raises(RuntimeError), transaction.atomic():
        Borger.objects.filter(pk=borger.pk).delete()
        assert Sletning.objects.count() == 2
        raise RuntimeError
    assert Borger.objects.filter(pk=borger.pk).exists()
    # Anonymisation keeps the rows (without anyone to name): nothing went.
    assert anonymiser(Borger.objects.filter(pk=borger.pk)) == 1
    assert not Sletning.objects.exists()


def test_a_key_sees_only_deletions_of_rows_it_could_have_read(
    administrator, jobcenter_a, jobcenter_b
):
    virksomhed = VirksomhedFactory()
    faelles = VirksomhedFactory()
    # B's rows, among them a citizen with periods; then A's own.
    b_kontakt = kontakt(jobcenter_b, virksomhed)
    b_borger = BorgerFactory(jobcenter=jobcenter_b)
    YdelsesperiodeFactory(borger=b_borger)
    a_kontakt = kontakt(jobcenter_a, virksomhed)
    a_borger = BorgerFactory(jobcenter=jobcenter_a)
    b_kontakt, b_borger, a_kontakt, a_borger, faelles = (
        slet(r) for r in (b_kontakt, b_borger, a_kontakt, a_borger, faelles)
    )

    med_borgerdata = api_klient(systemnoegle(administrator)[1])
    assert sorted(uden_tid(sletninger(med_borgerdata))) == [
        ("borgere", a_borger),
        ("kontakter", a_kontakt),
        ("virksomheder", faelles),
    ]
    uden_borgerdata = api_klient(systemnoegle(administrator, borgerdata=False, navn="Uden")[1])
    assert sorted(uden_tid(sletninger(uden_borgerdata))) == [
        ("kontakter", a_kontakt),
        ("virksomheder", faelles),
    ]
    assert sletninger(uden_borgerdata, ressource="borgere") == []

    # B's own key sees B's rows and the shared one, never A's.
    administrator_b = BrugerFactory(
        username="administrator_b", rolle=Rolle.ADMINISTRATOR, jobcenter=jobcenter_b
    )
    b_klient = api_klient(systemnoegle(administrator_b)[1])
    b_ser = uden_tid(sletninger(b_klient))
    assert ("kontakter", a_kontakt) not in b_ser
    assert ("borgere", a_borger) not in b_ser
    assert ("borgere", b_borger) in b_ser
    assert len(b_ser) == 4


@pytest.mark.parametrize(
    ("parametre", "felt"),
    [
        ({"aendret_efter": "i går"}, "aendret_efter"),
        ({"ressource": "sletninger"}, "ressource"),
        ({"ressource": "kampagner"}, "ressource"),
        ({"aendret_efer": "2026-01-01T00:00:00Z"}, "aendret_efer"),
        ({"antal": "0"}, "antal"),
    ],
)
def test_a_bad_parameter_is_a_danish_problem_detail(administrator, parametre, felt):
    klient = api_klient(systemnoegle(administrator)[1])
    svar = klient.get("/api/v1/sletninger/", parametre)
    assert svar.status_code == 400
    assert svar["Content-Type"] == "application/problem+json"
    assert svar.json()["kode"] == "ugyldig-forespoergsel"
    assert felt in svar.json()["fejl"]


def test_the_feed_needs_a_key_that_may_read(administrator):
    assert api_klient(None).get("/api/v1/sletninger/").status_code == 401
    _, skriver = systemnoegle(administrator, laese=False, borgerdata=False, skrive=True)
    assert api_klient(skriver).get("/api/v1/sletninger/").status_code == 403
    assert api_klient(skriver).post("/api/v1/sletninger/").status_code in (403, 405)


def test_records_older_than_the_limit_are_purged_by_the_nightly_task_and_the_command(
    jobcenter_a, settings, capsys
):
    from api.tasks import ryd_sletninger as opgave
    from config.celery import app

    assert app.conf.beat_schedule["ryd-sletninger"]["task"] == opgave.name
    settings.API_SLETNINGER_DAGE = 90
    for _ in range(3):
        kontakt(jobcenter_a, VirksomhedFactory()).delete()
    nu = timezone.now()
    gammel, midt, ny = Sletning.objects.filter(ressource="kontakter").order_by("pk")
    Sletning.objects.filter(pk=gammel.pk).update(slettet=nu - datetime.timedelta(days=91))
    Sletning.objects.filter(pk=midt.pk).update(slettet=nu - datetime.timedelta(days=89))
    assert ryd_sletninger(nu=nu - datetime.timedelta(days=2)) == 0
    assert opgave.delay().get() == 1
    assert set(Sletning.objects.filter(ressource="kontakter")) == {midt, ny}
    Sletning.objects.filter(pk=midt.pk).update(slettet=nu - datetime.timedelta(days=95))
    call_command("ryd_sletninger")
    assert "1 sletninger ældre end 90 dage slettet." in capsys.readouterr().out
    assert set(Sletning.objects.filter(ressource="kontakter")) == {ny}
