"""Benchmark: import 100 000 ydelser rows (the case system's benefit periods) and print rows per
second, for the check alone and for check and write, beside PostgreSQL's COPY of the same
100 000 rows into the same table (emptied, with the same indexes and constraints). Not a test.

    DATABASE_URL=postgres://… SECRET_KEY=… .venv/bin/python tests/benchmarks/import_ydelser.py

SECRET_KEY must be a strong key: with DEBUG off the settings refuse a weak one (see README).

It runs in a database of its own (the test database, created and dropped by the script), so it
touches no real data.

The import of 100 000 new rows (checking included) and the COPY each run RUNDER (3) times in
turns, each into the emptied table (TRUNCATE) and each in one transaction with its commit; the
medians are compared. Goal: the import within 1.5 × the COPY.
"""

import datetime
import io
import os
import random
import statistics
import time

from django.db import connection, transaction
from testdatabase import i_testdatabase  # sets Django up

RAEKKER = int(os.environ.get("RAEKKER", 100_000))
PERIODER_PER_BORGER = 4
RUNDER = int(os.environ.get("RUNDER", 3))
MAAL = 1.5


def main() -> None:
    i_testdatabase(koer)


def koer() -> None:
    from borgere.models import Borger, Ydelsesperiode
    from jobcenter.imports import fortolket_dato, importer, importtyper
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
        fortolket_dato.cache_clear()  # every import reads its dates afresh
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
    # The apps' import types (and the modules they import: pandas, statsmodels) loaded before
    # the clock, as in a running web process or worker.
    importtyper()
    maal(skriv=False)
    # 100 000 new rows: the import and a raw COPY of the same rows, in turns into the emptied
    # table.
    import_tider, copy_tider, copy_tekst = [], [], None
    for runde in range(RUNDER):
        if runde:
            tom_tabel()
        import_tider.append(maal(skriv=True))
        if copy_tekst is None:
            copy_tekst = som_copy(Ydelsesperiode)
        tom_tabel()
        copy_tider.append(copy(copy_tekst))
    assert Ydelsesperiode.objects.count() == len(linjer) - 1
    importen, copy_tid = statistics.median(import_tider), statistics.median(copy_tider)
    print(
        f"  {'COPY, samme rækker':22} {len(linjer) - 1:>7} rækker på {copy_tid:6.2f} s = "
        f"{(len(linjer) - 1) / copy_tid:>8,.0f} rækker/s (tider: "
        f"{' '.join(f'{t:.2f}' for t in copy_tider)})"
    )
    print(
        f"  import med kontrol og skrivning mod COPY: {importen:.2f} s / {copy_tid:.2f} s = "
        f"{importen / copy_tid:.2f} × (mål: højst {MAAL} ×; medianer af {RUNDER} runder)"
    )
    maal(skriv=True)  # the same file again: idempotent, nothing to write
    # Every running period ended: a quarter of the rows change.
    linjer = [linje + "31-12-2026" if linje.endswith(";") else linje for linje in linjer]
    indhold = ("\n".join(linjer) + "\n").encode()
    maal(skriv=True)
    assert Ydelsesperiode.objects.count() == len(linjer) - 1
    belastning = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"Maskinens belastning (1, 5, 15 min) ved slut: {belastning}")


def tom_tabel() -> None:
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE borgere_ydelsesperiode")


def som_copy(model) -> str:
    """The table's rows (as the import wrote them, in its order) in COPY's text format."""
    raekker = model.objects.order_by("pk").values_list(
        "borger_id", "ydelse_id", "fra", "til", "opdateret"
    )
    return "".join(
        f"{b}\t{y}\t{fra.isoformat()}\t{til.isoformat() if til else chr(92) + 'N'}\t"
        f"{opdateret.isoformat()}\n"
        for b, y, fra, til, opdateret in raekker
    )


def copy(tekst: str) -> float:
    """COPY into the table in one transaction, commit included, as the import writes."""
    start = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.copy_expert(
            "COPY borgere_ydelsesperiode (borger_id, ydelse_id, fra, til, opdateret) FROM STDIN",
            io.StringIO(tekst),
        )
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
