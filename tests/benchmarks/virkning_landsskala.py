"""Benchmark: »Hvad virker«'s nightly job for all 98 jobcentres and the country on
national-scale data, run by a real Celery worker. Not a test: prints the job's time and each
task's. PostgreSQL and Redis (CELERY_BROKER_URL, CELERY_RESULT_BACKEND) only.

    DATABASE_URL=postgres://… CELERY_BROKER_URL=redis://… CELERY_RESULT_BACKEND=redis://… \
    SECRET_KEY=… .venv/bin/python tests/benchmarks/virkning_landsskala.py

Data: the Mål benchmark's (landsdata.generer: 98 jobcentres, 300 000 citizens, 1 000 000 forløb,
3 000 000 benefit periods), and measurements for a share of the citizens (one in MAALTE, five
unless set): a progression measurement with three indicators five days before each forløb's
start and five days after its end, and one screening (one of three categories) before the
first forløb for every other citizen, and for the curves of time to self-support a second
screening category for two citizens in three in December 2009 (`screeninger`).

The job is what beat sends at 03:45: the two tasks at once, to a worker with two processes (one
per core, as `deploy/start worker` starts it on these machines). The clock runs from sending
to both results; it runs twice, the first time in a worker started just before (its processes
have imported the tasks' libraries, but have no database connection or warm caches yet), the
second as in a worker that has run before.

Generating the data takes minutes. BEHOLD_DB=1 keeps the test database and, when it exists,
runs only the job in it (see `testdatabase.py`); each run replaces the day's rows. The line
»Kontrolsum« is a checksum of the rows written (without the time they were computed), to
compare outputs before and after a change.

Goal (issue 16): the job under 10 s.
"""

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.db import connection
from landsdata import DATO, generer, sql, tal
from testdatabase import i_testdatabase  # sets Django up

MAALTE = int(os.environ.get("MAALTE", 5))
MAAL_SEKUNDER = 10


def main() -> None:
    if connection.vendor != "postgresql":
        sys.exit("Kræver PostgreSQL: sæt DATABASE_URL.")
    i_testdatabase(koer)


def maalinger() -> None:
    """Instruments through the ORM (a handful of rows), measurements with generate_series."""
    from virkning.models import Art, Indikator, Instrument, Screeningskategori

    start = time.perf_counter()
    progression = Instrument.objects.create(
        jobcenter=None, kode="jobparathed", navn="Jobparathed", art=Art.PROGRESSION
    )
    for i, kode in enumerate(["tro", "helbred", "netvaerk"]):
        Indikator.objects.create(
            instrument=progression,
            kode=kode,
            stilles_til="borger",
            navn=kode.capitalize(),
            formulering=kode,
            label_min="lav",
            label_max="høj",
            raekkefoelge=i,
        )
    screening = Instrument.objects.create(
        jobcenter=None, kode="screening", navn="Screening", art=Art.SCREENING
    )
    for i, navn in enumerate(["Tæt på job", "Et stykke fra job", "Langt fra job"]):
        Screeningskategori.objects.create(instrument=screening, navn=navn, raekkefoelge=i)
    # Before each forløb's start and after its end, for one in MAALTE citizens.
    sql(
        """INSERT INTO virkning_maaling (borger_id, jobcenter_id, instrument_id, dato, forloeb_id,
           oprettet, importeret, begrundelse)
           SELECT f.borger_id, b.jobcenter_id, %(instrument)s, d.dato, f.id, now(), true, '[]'
           FROM borgere_praktikforloeb f JOIN borgere_borger b ON b.id = f.borger_id,
           LATERAL (VALUES (f.start - 5), (f.faktisk_slut + 5)) d(dato)
           WHERE f.borger_id %% %(maalte)s = 0 AND d.dato IS NOT NULL""",
        {"instrument": progression.pk, "maalte": MAALTE},
    )
    sql(
        """INSERT INTO virkning_svar (maaling_id, indikator_id, vaerdi)
           SELECT m.id, i.id, 1 + (m.id * 7 + i.id * 3) %% 5
           FROM virkning_maaling m, virkning_indikator i
           WHERE m.instrument_id = %(instrument)s AND i.instrument_id = %(instrument)s""",
        {"instrument": progression.pk},
    )
    sql(
        """INSERT INTO virkning_maaling (borger_id, jobcenter_id, instrument_id, dato, kategori_id,
           oprettet, importeret, begrundelse)
           SELECT b.id, b.jobcenter_id, %(instrument)s, DATE '2009-02-01',
           k.ids[1 + b.id %% 3], now(), true, '[]'
           FROM borgere_borger b,
           (SELECT array_agg(id ORDER BY id) ids FROM virkning_screeningskategori) k
           WHERE b.id %% 2 = 0""",
        {"instrument": screening.pk},
    )
    sql("ANALYZE")
    antal = {
        t: sql(f"SELECT count(*) FROM {t}")[0][0] for t in ("virkning_maaling", "virkning_svar")
    }
    print(
        f"Målinger genereret på {time.perf_counter() - start:.0f} s: "
        + ", ".join(f"{t.split('_', 1)[1]} {tal(n)}" for t, n in antal.items())
    )


def screeninger() -> None:
    """The survival benchmark's screenings: two citizens in three, in December 2009."""
    from virkning.models import Art, Instrument, Screeningskategori

    instrument = Instrument.objects.create(
        jobcenter=None, kode="screening-bench", navn="Screening 2", art=Art.SCREENING
    )
    for raekkefoelge, navn in enumerate(("Tæt på job", "Brug for støtte", "Langt fra job")):
        Screeningskategori.objects.create(
            instrument=instrument, navn=navn, raekkefoelge=raekkefoelge
        )
    sql(
        """INSERT INTO virkning_maaling (borger_id, jobcenter_id, instrument_id, dato, oprettet,
           importeret, kategori_id, begrundelse)
           SELECT b.id, b.jobcenter_id, %(instrument)s, DATE '2009-12-01' + int4(b.id %% 20), now(),
           true, k.ids[1 + b.id %% 3], '[]'
           FROM borgere_borger b,
           (SELECT array_agg(id ORDER BY id) ids FROM virkning_screeningskategori
            WHERE instrument_id = %(instrument)s) k
           WHERE b.id %% 3 <> 0""",
        {"instrument": instrument.pk},
    )
    sql("ANALYZE virkning_maaling")


# The nightly job as beat sends it: the two tasks at once (config/celery.py).
OPGAVER = ("virkning.tasks.beregn_udfald", "virkning.tasks.beregn_overlevelse")
NAVNE = {
    "virkning.tasks.beregn_udfald": "udfald",
    "virkning.tasks.beregn_overlevelse": "overlevelse",
}


def start_worker(koe: str) -> subprocess.Popen:
    """A Celery worker with two processes, as `deploy/start worker` starts one on a two-core
    machine, on a queue of its own and pointed at the benchmark's database."""
    s = connection.settings_dict
    url = f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST']}:{s['PORT']}/{s['NAME']}"
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "--quiet",
            "worker",
            "--concurrency=2",
            "--queues",
            koe,
            "--hostname",
            f"{koe}@%h",
            "--without-gossip",
            "--without-mingle",
            "--loglevel=WARNING",
        ],
        cwd=Path(__file__).resolve().parents[2],
        env={**os.environ, "DATABASE_URL": url},
        start_new_session=True,
    )


def vent_paa(koe: str) -> None:
    """Until the worker answers (its processes are then up)."""
    from celery import current_app

    for _ in range(120):
        if any(koe in navn for svar in current_app.control.ping(timeout=0.5) for navn in svar):
            return
    sys.exit("Workeren svarede ikke.")


def koer_jobbet(koe: str) -> tuple[float, dict[str, float], dict[str, int]]:
    """Send both tasks, wait for both; the wall time, each task's own time (its computation's
    start to end, from the fill-state rows) and what each wrote."""
    from celery import current_app

    from jobcenter.models import Beregning

    start = time.perf_counter()
    resultater = [
        current_app.send_task(opgave, args=[DATO.isoformat()], queue=koe) for opgave in OPGAVER
    ]
    antal = {NAVNE[o]: r.get(timeout=600) for o, r in zip(OPGAVER, resultater, strict=True)}
    vaeg = time.perf_counter() - start
    egen = {
        b.navn: (b.afsluttet - b.startet).total_seconds()
        for b in Beregning.objects.filter(dato=DATO, navn__in=list(antal))
    }
    return vaeg, egen, antal


def omfang() -> str:
    """What the job wrote, read after the clock has stopped."""
    from virkning.models import Indsatsudfald, Logranktest

    raekker = Indsatsudfald.objects.filter(dato=DATO)
    jobcentre = raekker.filter(jobcenter__isnull=False).values("jobcenter").distinct().count()
    landet = raekker.filter(jobcenter=None)
    vist = landet.filter(andel__isnull=False).count()
    return (
        f"{jobcentre} jobcentre og landet; {tal(landet.count())} landsrækker, "
        f"{tal(vist)} med en andel over grænsen; "
        f"{tal(Logranktest.objects.filter(dato=DATO).count())} log-rank-test"
    )


def kontrolsum() -> str:
    """Row counts and a SHA-256 of the rows the job wrote for the day, ordered, without `id` and
    `beregnet` (both differ from run to run)."""
    linjer = []
    for tabel, orden in (
        ("virkning_indsatsudfald", "jobcenter_id, gruppeart, gruppe_id, gruppe_navn"),
        ("virkning_overlevelseskurve", "jobcenter_id, start_art, gruppering, gruppe"),
        ("virkning_logranktest", "jobcenter_id, start_art, gruppering"),
    ):
        kolonner = [
            r[0]
            for r in sql(
                "SELECT column_name FROM information_schema.columns WHERE table_name = %s "
                "AND column_name NOT IN ('id', 'beregnet') ORDER BY column_name",
                [tabel],
            )
        ]
        raekker = sql(
            f"SELECT {', '.join(kolonner)} FROM {tabel} WHERE dato = %s "
            f"ORDER BY {orden} NULLS FIRST",
            [DATO],
        )
        summen = hashlib.sha256(repr(raekker).encode()).hexdigest()[:16]
        linjer.append(f"{tabel.split('_', 1)[1]} {tal(len(raekker))} {summen}")
    return "; ".join(linjer)


def koer() -> None:
    if sql("SELECT EXISTS (SELECT 1 FROM borgere_borger)")[0][0]:
        print(f"Data findes: {tal(sql('SELECT count(*) FROM borgere_borger')[0][0])} borgere.")
    else:
        generer()
        maalinger()
        screeninger()
    koe = f"virkning-bench-{os.getpid()}"
    worker = start_worker(koe)
    try:
        vent_paa(koe)
        for kørsel in (
            "Første kørsel (en nystartet worker)",
            "Anden kørsel (som en worker, der har kørt før)",
        ):
            print(f"Belastning (1/5/15 min): {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
            vaeg, egen, antal = koer_jobbet(koe)
            print(f"{kørsel}: {vaeg:6.2f} s (mål: under {MAAL_SEKUNDER} s)")
            print(
                f"  udfald {egen['udfald']:.2f} s ({tal(antal['udfald'])} rækker), "
                f"overlevelse {egen['overlevelse']:.2f} s ({tal(antal['overlevelse'])} kurver), "
                "side om side"
            )
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(timeout=60)
    print(f"  {omfang()}")
    print(f"Kontrolsum: {kontrolsum()}")


if __name__ == "__main__":
    main()
