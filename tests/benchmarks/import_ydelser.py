"""Benchmark: import 100 000 ydelser rows (the case system's benefit periods) and print rows per
second, for the check alone and for check and write. Not a test.

    DATABASE_URL=postgres://… SECRET_KEY=… .venv/bin/python tests/benchmarks/import_ydelser.py

SECRET_KEY must be a strong key: with DEBUG off the settings refuse a weak one (see README).

It runs in a database of its own (the test database, created and dropped by the script), so it
touches no real data.
"""

import datetime
import os
import random
import time

from django.db import connection
from testdatabase import i_testdatabase  # sets Django up

RAEKKER = int(os.environ.get("RAEKKER", 100_000))
PERIODER_PER_BORGER = 4


def main() -> None:
    i_testdatabase(koer)


def koer() -> None:
    from borgere.models import Borger, Ydelsesperiode
    from jobcenter.imports import importer
    from jobcenter.models import Bruger, Jobcenter, Rolle

    rng = random.Random(1)
    jobcenter = Jobcenter.objects.create(
        kommunenummer=751, navn="Jobcenter Aarhus", beskaeftigelsesregion="midtjylland"
    )
    bruger = Bruger.objects.create(username="bench", rolle=Rolle.ADMINISTRATOR, jobcenter=jobcenter)
    antal_borgere = RAEKKER // PERIODER_PER_BORGER
    cprs = []
    for n in range(antal_borgere):
        foedt = datetime.date(1960, 1, 1) + datetime.timedelta(days=n % 14000)
        cprs.append(f"{foedt:%d%m%y}{n // 14000 % 4}{n % 1000:03d}")
    Borger.objects.bulk_create(
        (
            Borger(jobcenter=jobcenter, cpr=c, fornavn="B", efternavn=str(i))
            for i, c in enumerate(cprs)
        ),
        batch_size=5000,
    )
    linjer = ["cpr;ydelse;fra;til"]
    ydelser = ["kontanthjaelp", "dagpenge", "sygedagpenge", "uddannelseshjaelp"]
    for cpr in cprs:
        dag = datetime.date(2020, 1, 1) + datetime.timedelta(days=rng.randint(0, 60))
        for periode in range(PERIODER_PER_BORGER):
            slut = dag + datetime.timedelta(days=rng.randint(30, 300))
            til = "" if periode == PERIODER_PER_BORGER - 1 else f"{slut:%d-%m-%Y}"
            linjer.append(f"{cpr};{rng.choice(ydelser)};{dag:%d-%m-%Y};{til}")
            dag = slut + datetime.timedelta(days=rng.randint(1, 30))
    indhold = ("\n".join(linjer) + "\n").encode()

    def maal(skriv: bool) -> float:
        start = time.perf_counter()
        resultat = importer(
            type_="ydelser", indhold=indhold, filnavn="ydelser.csv", bruger=bruger, skriv=skriv
        )
        sekunder = time.perf_counter() - start
        trin = "kontrol og skrivning" if skriv else "kun kontrol"
        print(
            f"  {trin:22} {resultat.raekker:>7} rækker på {sekunder:6.2f} s = "
            f"{resultat.raekker / sekunder:>8,.0f} rækker/s "
            f"({resultat.nye} nye, {resultat.opdaterede} ændrede, {resultat.uaendrede} uændrede)"
        )
        return sekunder

    print(
        f"Import af {len(linjer) - 1} ydelsesrækker for {antal_borgere} borgere "
        f"({connection.vendor}, {os.cpu_count()} kerner):"
    )
    maal(skriv=False)
    maal(skriv=True)
    maal(skriv=True)  # the same file again: idempotent, nothing to write
    # Every running period ended: a quarter of the rows change.
    linjer = [linje + "31-12-2026" if linje.endswith(";") else linje for linje in linjer]
    indhold = ("\n".join(linjer) + "\n").encode()
    maal(skriv=True)
    assert Ydelsesperiode.objects.count() == len(linjer) - 1


if __name__ == "__main__":
    main()
