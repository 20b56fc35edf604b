"""Benchmark: compute Mål 1 and Mål 2 for one date on national-scale data, beside one
hand-written SQL query that counts Mål 1 for all jobcentres. Not a test. PostgreSQL only.

    DATABASE_URL=postgres://… SECRET_KEY=x .venv/bin/python tests/benchmarks/maal_landsskala.py

Data (generated in a throw-away test database with generate_series): 98 jobcentres, 300 000
citizens, 1 000 000 forløb, 3 000 000 ydelsesperioder, 600 000 målgruppeperioder. Goal: the
computation within 3 × the hand-written query.
"""

import datetime
import os
import statistics
import sys
import time

from django.db import connection
from testdatabase import i_testdatabase  # sets Django up

BORGERE = int(os.environ.get("BORGERE", 300_000))
DATO = datetime.date(2010, 11, 30)


def main() -> None:
    if connection.vendor != "postgresql":
        sys.exit("Kræver PostgreSQL: sæt DATABASE_URL.")
    i_testdatabase(koer)


def sql(tekst: str, params=None):
    with connection.cursor() as cursor:
        cursor.execute(tekst, params)
        return cursor.fetchall() if cursor.description else None


def generer() -> None:
    start = time.perf_counter()
    # A benchmark database: the exclusion constraints only slow the load; the data are
    # generated without overlaps anyway.
    for tabel in ("borgere_ydelsesperiode", "borgere_maalgruppeperiode"):
        sql(f"ALTER TABLE {tabel} DROP CONSTRAINT {tabel}_ingen_overlap")
    sql("ALTER TABLE borgere_praktikforloeb DROP CONSTRAINT praktikforloeb_plads_ingen_overlap")
    sql("""INSERT INTO jobcenter_jobcenter (kommunenummer, navn, beskaeftigelsesregion)
           SELECT kommunenummer, 'Jobcenter ' || navn, beskaeftigelsesregion FROM jobcenter_kommune""")
    sql("""INSERT INTO jobcenter_bruger (password, is_superuser, username, first_name, last_name,
           email, is_staff, is_active, date_joined, rolle, jobcenter_id)
           SELECT '', false, 'bench', '', '', '', false, true, now(), 'jobkonsulent', min(id)
           FROM jobcenter_jobcenter""")
    sql("""INSERT INTO virksomheder_virksomhed (cvr, navn, branche_id, sektor, stoerrelse, adresse,
           postnummer, by, kommune_id, telefon, email, hjemmeside, oprettet, opdateret)
           SELECT (10000000 + i)::text, 'Virksomhed ' || i, (SELECT min(id) FROM virksomheder_branche),
           'privat', '10-19', '', '', '', (SELECT min(id) FROM jobcenter_kommune), '', '', '', now(), now()
           FROM generate_series(1, 20000) i""")
    sql(
        """INSERT INTO borgere_borger (jobcenter_id, cpr, fornavn, efternavn, adresse, postnummer,
           by, telefon, email, oprettet, opdateret)
           SELECT (SELECT min(id) FROM jobcenter_jobcenter) + mod(i, 98), lpad(i::text, 10, '0'),
           'B', 'B' || i, '', '', '', '', '', now(), now()
           FROM generate_series(1, %s) i""",
        [BORGERE],
    )
    # Ten benefit periods per citizen, 50 days each with 10 days between, from 2008; the last
    # runs on, except for one in five whose last ends in autumn 2010, so that some are
    # self-supporting in Mål 2's window. The benefit rotates through the six types.
    sql("""INSERT INTO borgere_ydelsesperiode (borger_id, ydelse_id, fra, til)
           SELECT b.id, y.ids[1 + (b.id / 7 + k) % array_length(y.ids, 1)],
           DATE '2008-01-01' + int4(k * 60 + b.id % 20),
           CASE WHEN k = 9 AND b.id % 5 <> 0 THEN NULL WHEN k = 9 THEN DATE '2010-09-01' + int4(b.id % 90) ELSE DATE '2008-01-01' + int4(k * 60 + b.id % 20 + 49) END
           FROM borgere_borger b, generate_series(0, 9) k,
           (SELECT array_agg(id ORDER BY id) ids FROM borgere_ydelsestype) y""")
    # Two target-group periods per citizen: until 2009-12-31, and from then on.
    sql("""INSERT INTO borgere_maalgruppeperiode (borger_id, maalgruppe_id, fra, til)
           SELECT b.id, g.ids[1 + (b.id / 11 + k) % array_length(g.ids, 1)],
           CASE WHEN k = 0 THEN DATE '2007-01-01' ELSE DATE '2010-01-01' END,
           CASE WHEN k = 0 THEN DATE '2009-12-31' ELSE NULL END
           FROM borgere_borger b, generate_series(0, 1) k,
           (SELECT array_agg(id ORDER BY id) ids FROM borgere_maalgruppe) g""")
    # Three or four forløb per citizen (1 000 000 in all), 90 days each; a tenth still running.
    sql("""INSERT INTO borgere_praktikforloeb (borger_id, virksomhed_id, type_id, jobkonsulent_id,
           trin, start, faktisk_slut, udfald, afslutningsnote, importeret, oprettet)
           SELECT b.id, v.min + (b.id * 7 + k) % 20000, t.ids[1 + (b.id + k) % array_length(t.ids, 1)],
           u.id, CASE WHEN (b.id + k) % 10 = 0 THEN 4 ELSE 5 END,
           DATE '2009-03-01' + int4(k * 150 + b.id % 60),
           CASE WHEN (b.id + k) % 10 = 0 THEN NULL ELSE DATE '2009-03-01' + int4(k * 150 + b.id % 60 + 89) END,
           '', '', true, now()
           FROM borgere_borger b, generate_series(0, 3) k,
           (SELECT min(id) FROM virksomheder_virksomhed) v,
           (SELECT array_agg(id ORDER BY id) ids FROM borgere_forloebstype) t,
           (SELECT id FROM jobcenter_bruger WHERE username = 'bench') u
           WHERE k < 3 OR b.id % 3 = 0""")
    sql("ANALYZE")
    antal = {
        tabel: sql(f"SELECT count(*) FROM {tabel}")[0][0]
        for tabel in (
            "jobcenter_jobcenter",
            "borgere_borger",
            "borgere_praktikforloeb",
            "borgere_ydelsesperiode",
            "borgere_maalgruppeperiode",
        )
    }
    print(
        f"Data genereret på {time.perf_counter() - start:.0f} s: "
        + ", ".join(f"{tabel.split('_', 1)[1]} {tal(n)}" for tabel, n in antal.items())
    )


def tal(n: int) -> str:
    return f"{n:,}".replace(",", ".")


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
