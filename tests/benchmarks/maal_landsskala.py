"""Benchmark: compute Mål 1 and Mål 2 for one date on national-scale data, beside one
hand-written SQL query that counts Mål 1 for all jobcentres. Not a test. PostgreSQL only.

    DATABASE_URL=postgres://… SECRET_KEY=… .venv/bin/python tests/benchmarks/maal_landsskala.py

SECRET_KEY must be a strong key: with DEBUG off the settings refuse a weak one (see README).

Data (generated in a throw-away test database with generate_series): 98 jobcentres, 300 000
citizens, 1 000 000 forløb, 3 000 000 ydelsesperioder, 600 000 målgruppeperioder. Goal: the
computation within 3 × the hand-written query.
"""

import statistics
import sys
import time

from django.db import connection
from landsdata import DATO, generer, sql, tal
from testdatabase import i_testdatabase  # sets Django up


def main() -> None:
    if connection.vendor != "postgresql":
        sys.exit("Kræver PostgreSQL: sæt DATABASE_URL.")
    i_testdatabase(koer)


HAANDSKREVET = """
SELECT b.jobcenter_id, count(DISTINCT f.borger_id)
FROM borgere_praktikforloeb f JOIN borgere_borger b ON b.id = f.borger_id
WHERE f.type_id IN (SELECT id FROM borgere_forloebstype WHERE virksomhedsaktivering)
  AND f.trin >= 4 AND f.start <= %(dato)s AND (f.faktisk_slut IS NULL OR f.faktisk_slut >= %(dato)s)
  AND EXISTS (SELECT 1 FROM borgere_ydelsesperiode y WHERE y.borger_id = f.borger_id
      AND y.ydelse_id IN (SELECT id FROM borgere_ydelsestype WHERE kode IN ('kontanthjaelp', 'starthjaelp'))
      AND y.fra <= %(dato)s AND (y.til IS NULL OR y.til >= %(dato)s))
  AND EXISTS (SELECT 1 FROM borgere_maalgruppeperiode m WHERE m.borger_id = f.borger_id
      AND m.maalgruppe_id = (SELECT id FROM borgere_maalgruppe WHERE kode = 'matchgruppe-2')
      AND m.fra <= %(dato)s AND (m.til IS NULL OR m.til >= %(dato)s))
GROUP BY b.jobcenter_id
"""


def tid(funktion, gange: int = 3) -> tuple[float, object]:
    resultater = []
    for _ in range(gange):
        start = time.perf_counter()
        resultat = funktion()
        resultater.append(time.perf_counter() - start)
    return statistics.median(resultater), resultat


def koer() -> None:
    from borgere.models import Kampagne, Maalsnapshot
    from borgere.services import beregn_maal

    generer()
    kampagne = Kampagne.objects.get(kode="virksomhedscenterkampagnen")
    haand, rows = tid(lambda: sql(HAANDSKREVET, {"dato": DATO}))
    maal1_haand = sum(n for _, n in rows)
    beregn_maal(kampagne=kampagne, dato=kampagne.start)  # the baseline, computed once
    beregning, _ = tid(lambda: beregn_maal(kampagne=kampagne, dato=DATO))
    landet = {s.maal.kode: s for s in Maalsnapshot.objects.filter(dato=DATO, jobcenter=None)}
    assert landet["maal-1"].vaerdi == maal1_haand, (landet["maal-1"].vaerdi, maal1_haand)
    maal2 = landet["maal-2"]
    print(
        f"Håndskrevet SQL, Mål 1 for alle jobcentre den {DATO:%d-%m-%Y}: {haand:6.2f} s "
        f"({tal(maal1_haand)} borgere)"
    )
    print(
        f"beregn_maal, Mål 1 og Mål 2 pr. jobcenter og for landet:     {beregning:6.2f} s "
        f"(Mål 2: {maal2.vaerdi * 100:.1f} % af {tal(maal2.naevner)} forløb)"
    )
    print(f"Forhold: {beregning / haand:.2f} × (mål: højst 3 ×)")


if __name__ == "__main__":
    main()
