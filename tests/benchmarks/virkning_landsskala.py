"""Benchmark: »Hvad virker«'s computations for all 98 jobcentres and the country on
national-scale data. Not a test: prints the time of each computation and the total. PostgreSQL
only.

    DATABASE_URL=postgres://… SECRET_KEY=… .venv/bin/python tests/benchmarks/virkning_landsskala.py

Data: the Mål benchmark's (landsdata.generer: 98 jobcentres, 300 000 citizens, 1 000 000 forløb,
3 000 000 benefit periods), and measurements for a share of the citizens (one in MAALTE, five
unless set): a progression measurement with three indicators five days before each forløb's
start and five days after its end, and one screening (one of three categories) before the
first forløb for every other citizen, and for the curves of time to self-support a second
screening category for two citizens in three in December 2009 (`screeninger`).

Generating the data takes minutes. BEHOLD_DB=1 keeps the test database and, when it exists,
runs only the computations in it (see `testdatabase.py`); each run replaces the day's rows.
The line »Kontrolsum« after each run is a checksum of the rows written (without the time they
were computed), to compare outputs before and after a change.

Each computation is a (name, callable) in BEREGNINGER; add the next one beside it.
Goal (issue 16): the whole job under 10 s.
"""

import hashlib
import os
import sys
import time

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


# What the nightly job (`virkning.services.natlig.beregn_virkning`) shares between its two
# computations: the benefit periods, loaded once.
FAELLES: dict = {}


def ydelser() -> str:
    from virkning.services.udfald import ydelsesperioder

    FAELLES["ydelser"] = ydelsesperioder(DATO)
    return f"{tal(len(FAELLES['ydelser']))} perioder, delt af de to beregninger"


def udfald() -> str:
    from virkning.services.udfald import beregn_udfald

    return f"{tal(beregn_udfald(dato=DATO, ydelser=FAELLES['ydelser']))} rækker"


def omfang() -> str:
    """What the job wrote, read after the clock has stopped."""
    from virkning.models import Indsatsudfald

    raekker = Indsatsudfald.objects.filter(dato=DATO)
    jobcentre = raekker.filter(jobcenter__isnull=False).values("jobcenter").distinct().count()
    landet = raekker.filter(jobcenter=None)
    vist = landet.filter(andel__isnull=False).count()
    return (
        f"{jobcentre} jobcentre og landet; {tal(landet.count())} landsrækker, "
        f"{tal(vist)} med en andel over grænsen"
    )


def overlevelse() -> str:
    from virkning.models import Logranktest
    from virkning.services.overlevelse import beregn_overlevelse

    kurver = beregn_overlevelse(dato=DATO, ydelser=FAELLES["ydelser"])
    return (
        f"{tal(kurver)} kurver, {tal(Logranktest.objects.filter(dato=DATO).count())} log-rank-test"
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


# (name, callable) per step of the job, as `beregn_virkning` takes them; each returns a line
# about what it did.
BEREGNINGER = [
    ("Ydelsesperioder (COPY)", ydelser),
    ("Udfald pr. indsats (beregn_udfald)", udfald),
    ("Tid til selvforsørgelse (beregn_overlevelse)", overlevelse),
]


def koer() -> None:
    if sql("SELECT EXISTS (SELECT 1 FROM borgere_borger)")[0][0]:
        print(f"Data findes: {tal(sql('SELECT count(*) FROM borgere_borger')[0][0])} borgere.")
    else:
        generer()
        maalinger()
        screeninger()
    print(f"Belastning (1/5/15 min): {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    i_alt = 0.0
    for navn, beregning in BEREGNINGER:
        start = time.perf_counter()
        om = beregning()
        tid = time.perf_counter() - start
        i_alt += tid
        print(f"{navn}: {tid:6.2f} s ({om})")
    print(f"I alt: {i_alt:6.2f} s (mål: under {MAAL_SEKUNDER} s)")
    print(f"  {omfang()}")
    print(f"Belastning (1/5/15 min): {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"Kontrolsum: {kontrolsum()}")


if __name__ == "__main__":
    main()
