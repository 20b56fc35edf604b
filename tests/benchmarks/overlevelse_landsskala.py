"""Benchmark: the curves of time to self-support (issue 16, item 5) for all 98 jobcentres on
national-scale data. Not a test. PostgreSQL only.

    BORGERE=100000 DATABASE_URL=postgres://… SECRET_KEY=… \
        .venv/bin/python tests/benchmarks/overlevelse_landsskala.py

Data: `landsdata.generer` (98 jobcentres, BORGERE citizens with ten benefit periods, two
target-group periods and three or four forløb each), and a screening in one of three
categories for two citizens in three. Goal: `beregn_overlevelse` (every curve and test, written
as rows) in under 10 s.
"""

import statistics
import sys
import time

from django.db import connection
from landsdata import DATO, generer, sql, tal
from testdatabase import i_testdatabase  # sets Django up

GANGE = 3
MAAL_SEKUNDER = 10.0


def screeninger() -> None:
    from virkning.models import Art, Instrument, Screeningskategori

    instrument = Instrument.objects.create(
        jobcenter=None, kode="screening-bench", navn="Screening", art=Art.SCREENING
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


def koer() -> None:
    from virkning.models import Logranktest, Overlevelseskurve
    from virkning.services.overlevelse import beregn_overlevelse, indlaes

    generer()
    screeninger()
    start = time.perf_counter()
    indlaes(dato=DATO)
    print(f"Indlæsning og hændelsestider alene: {time.perf_counter() - start:.2f} s")
    tider = []
    for _ in range(GANGE):
        start = time.perf_counter()
        kurver = beregn_overlevelse(dato=DATO)
        tider.append(time.perf_counter() - start)
    median = statistics.median(tider)
    print(
        f"beregn_overlevelse: median {median:.2f} s over {GANGE} kørsler "
        f"({', '.join(f'{t:.2f}' for t in tider)}); {tal(kurver)} kurver, "
        f"{tal(Logranktest.objects.filter(dato=DATO).count())} log-rank-test, "
        f"{tal(Overlevelseskurve.objects.filter(dato=DATO, jobcenter__isnull=False).values('jobcenter').distinct().count())} jobcentre"
    )
    if median >= MAAL_SEKUNDER:
        sys.exit(f"For langsomt: {median:.2f} s ≥ {MAAL_SEKUNDER:.0f} s.")
    print(f"OK: under {MAAL_SEKUNDER:.0f} s.")


def main() -> None:
    if connection.vendor != "postgresql":
        sys.exit("Kræver PostgreSQL: sæt DATABASE_URL.")
    i_testdatabase(koer)


if __name__ == "__main__":
    main()
