"""A real Celery worker process takes a task from Redis and writes its result to PostgreSQL."""

import datetime
import uuid

import pytest

from borgere import tasks
from borgere.models import Ydelsesbestand
from borgere.tests.factories import YdelsesperiodeFactory
from tests.conftest import start_worker, stop_worker

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker():
    """A worker on a queue of its own, pointed at the test database."""
    queue = f"test-{uuid.uuid4().hex}"
    process = start_worker(queue)
    yield queue
    stop_worker(process)


def test_a_real_worker_computes_key_figures_into_postgresql(worker, jobcenter_a):
    dato = datetime.date(2026, 6, 30)
    YdelsesperiodeFactory.create_batch(
        3, borger__jobcenter=jobcenter_a, fra=datetime.date(2026, 1, 1)
    )

    result = tasks.beregn_ydelsesbestand.apply_async(args=[dato.isoformat()], queue=worker)

    assert result.get(timeout=120) == 1
    row = Ydelsesbestand.objects.get(dato=dato)
    assert (row.jobcenter, row.ydelse.kode, row.antal) == (jobcenter_a, "kontanthjaelp", 3)


def test_a_real_worker_runs_the_daily_overdue_job(worker, konsulent):
    from virksomheder import tasks as virksomhedstasks
    from virksomheder.models import Opgave

    dato = datetime.date(2026, 11, 23)
    opgave = Opgave.objects.create(
        jobcenter=konsulent.jobcenter,
        titel="Ring tilbage",
        frist=dato - datetime.timedelta(days=3),
        ansvarlig=konsulent,
    )

    result = virksomhedstasks.send_opgaveoversigt.apply_async(args=[dato.isoformat()], queue=worker)

    assert result.get(timeout=120) == 0  # the persona has no e-mail address
    opgave.refresh_from_db()
    assert opgave.forfalden_siden == dato


def test_a_real_worker_checks_an_uploaded_import(worker, administrator):
    from borgere import tasks as borgertasks
    from borgere.models import Borger
    from borgere.tests.factories import importkoersel

    koersel = importkoersel(
        bruger=administrator, indhold=b"cpr;navn;kommunenummer\n0101901234;Karen Blixen;751\n"
    )

    result = borgertasks.kontroller_import.apply_async(args=[koersel.pk], queue=worker)

    assert result.get(timeout=120) == "kontrolleret"
    koersel.refresh_from_db()
    assert (koersel.raekker, koersel.nye) == (1, 1)
    assert not Borger.objects.exists()  # checked, not written


def test_a_real_worker_computes_a_goal_snapshot(worker, jobcenter_a, konsulent):
    from borgere import tasks as borgertasks
    from borgere.models import Maalsnapshot
    from borgere.tests.factories import kampagne_med_en_borger

    dato = datetime.date(2010, 11, 30)
    kampagne = kampagne_med_en_borger(jobcenter_a, konsulent)

    result = borgertasks.beregn_maal.apply_async(args=[kampagne.pk, dato.isoformat()], queue=worker)

    assert result.get(timeout=120) > 0
    landet = Maalsnapshot.objects.get(maal__kode="maal-1", dato=dato, jobcenter=None)
    assert (landet.vaerdi, landet.maaltal) == (1, 9000)


def test_a_real_worker_computes_an_indsatskort(worker, administrator, jobcenter_a):
    import random

    from jobcenter.tests.factories import BrugerFactory, JobcenterFactory
    from kursuskob import tasks as kursustasks
    from kursuskob.models import Analyse, Runde, Spoergeskema
    from kursuskob.services import gem_besvarelse

    rng = random.Random(7)
    runde = Runde.objects.create(
        skema=Spoergeskema.objects.get(skabelon=True),
        navn="Kursuskøb 2027",
        frist=datetime.date(2027, 1, 31),
        oprettet_af=administrator,
    )
    jobcentre = [jobcenter_a, *JobcenterFactory.create_batch(19)]
    runde.jobcentre.set(jobcentre)
    for jobcenter in jobcentre:
        leder = BrugerFactory(rolle="leder", jobcenter=jobcenter)
        b1, b2 = rng.randint(1, 5), rng.randint(1, 5)
        svar = {"B1": b1, "B2": b2, "D1": rng.randint(1, 5), "D2": rng.randint(1, 5)}
        svar["tilfredshed"] = max(1, min(5, 5 - b1 // 2 - b2 // 3 + rng.randint(-1, 1)))
        gem_besvarelse(bruger=leder, runde=runde, svar=svar, afsend=True)

    result = kursustasks.beregn_indsatskort.apply_async(args=[runde.pk], queue=worker)

    assert result.get(timeout=180) == runde.pk
    analyser = {a.metode: a.resultat for a in Analyse.objects.filter(runde=runde)}
    assert set(analyser) == {"multipel", "bivariat"}
    barrierer = analyser["multipel"]["grupper"][0]["kort"]["barriere"]
    assert barrierer["n"] == 20
    assert [f["kode"] for f in barrierer["faktorer"] if f["x"] is not None] == ["B1", "B2"]
