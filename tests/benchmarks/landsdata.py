"""National-scale data for the benchmarks, generated in PostgreSQL with generate_series: 98
jobcentres, 20 000 companies, BORGERE citizens (300 000 unless set), about 3⅓ forløb, ten
benefit periods and two target-group periods per citizen, around the goal date DATO."""

import datetime
import os
import time

from django.db import connection

BORGERE = int(os.environ.get("BORGERE", 300_000))
DATO = datetime.date(2010, 11, 30)


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
    sql("""INSERT INTO borgere_ydelsesperiode (borger_id, ydelse_id, fra, til, opdateret)
           SELECT b.id, y.ids[1 + (b.id / 7 + k) % array_length(y.ids, 1)],
           DATE '2008-01-01' + int4(k * 60 + b.id % 20),
           CASE WHEN k = 9 AND b.id % 5 <> 0 THEN NULL WHEN k = 9 THEN DATE '2010-09-01' + int4(b.id % 90) ELSE DATE '2008-01-01' + int4(k * 60 + b.id % 20 + 49) END, now()
           FROM borgere_borger b, generate_series(0, 9) k,
           (SELECT array_agg(id ORDER BY id) ids FROM borgere_ydelsestype) y""")
    # Two target-group periods per citizen: until 2009-12-31, and from then on.
    sql("""INSERT INTO borgere_maalgruppeperiode (borger_id, maalgruppe_id, fra, til, opdateret)
           SELECT b.id, g.ids[1 + (b.id / 11 + k) % array_length(g.ids, 1)],
           CASE WHEN k = 0 THEN DATE '2007-01-01' ELSE DATE '2010-01-01' END,
           CASE WHEN k = 0 THEN DATE '2009-12-31' ELSE NULL END, now()
           FROM borgere_borger b, generate_series(0, 1) k,
           (SELECT array_agg(id ORDER BY id) ids FROM borgere_maalgruppe) g""")
    # Three or four forløb per citizen (1 000 000 in all), 90 days each; a tenth still running.
    sql("""INSERT INTO borgere_praktikforloeb (borger_id, virksomhed_id, type_id, jobkonsulent_id,
           trin, start, faktisk_slut, udfald, afslutningsnote, importeret, oprettet, opdateret)
           SELECT b.id, v.min + (b.id * 7 + k) % 20000, t.ids[1 + (b.id + k) % array_length(t.ids, 1)],
           u.id, CASE WHEN (b.id + k) % 10 = 0 THEN 4 ELSE 5 END,
           DATE '2009-03-01' + int4(k * 150 + b.id % 60),
           CASE WHEN (b.id + k) % 10 = 0 THEN NULL ELSE DATE '2009-03-01' + int4(k * 150 + b.id % 60 + 89) END,
           '', '', true, now(), now()
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
