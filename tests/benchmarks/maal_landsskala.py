"""Benchmark: compute Mål 1 and Mål 2 for one date on national-scale data, beside hand-written
SQL that computes both goals, per jobcentre and nationally. Not a test. PostgreSQL only.

    DATABASE_URL=postgres://… SECRET_KEY=… .venv/bin/python tests/benchmarks/maal_landsskala.py

SECRET_KEY must be a strong key: with DEBUG off the settings refuse a weak one (see README).

Data (generated in a throw-away test database with generate_series): 98 jobcentres, 300 000
citizens, 1 000 000 forløb, 3 000 000 ydelsesperioder, 600 000 målgruppeperioder.

The hand-written SQL counts what the goal kinds (borgere/services/maalarter.py) count, from the
goals' own definitions (forløb types, benefits, target groups, public benefits, weeks, window):
- Mål 1 (Bestand): citizens in the target group in a running forløb of the types on the date,
  distinct citizens per jobcentre, and nationally distinct persons (CPR numbers);
- Mål 2 (Andel): ended forløb whose follow-up day (end + N weeks) falls in the window up to the
  date and whose citizen was in the target group on the end date; the self-supporting are those
  not on any of the public benefits on the follow-up day (`med_selvforsoergelse`); per
  jobcentre, and nationally the sum.
The script checks that beregn_maal's snapshot rows hold exactly the hand-written figures.
Goal: `beregn_maal` (both goals, written as rows) within 1.5 × the hand-written SQL.
"""

import datetime
import os
import statistics
import sys
import time

from django.db import connection
from landsdata import DATO, generer, sql, tal
from testdatabase import i_testdatabase  # sets Django up

GANGE = 5
MAAL = 1.5


def main() -> None:
    if connection.vendor != "postgresql":
        sys.exit("Kræver PostgreSQL: sæt DATABASE_URL.")
    i_testdatabase(koer)


DEFINITION = """
SELECT m.uger_efter, m.vindue_maaneder,
  ARRAY(SELECT forloebstype_id FROM borgere_maal_forloebstyper WHERE maal_id = m.id),
  ARRAY(SELECT ydelsestype_id FROM borgere_maal_ydelser WHERE maal_id = m.id),
  ARRAY(SELECT maalgruppe_id FROM borgere_maal_maalgrupper WHERE maal_id = m.id),
  ARRAY(SELECT ydelsestype_id FROM borgere_maal_offentlige_ydelser WHERE maal_id = m.id)
FROM borgere_maal m JOIN borgere_kampagne k ON k.id = m.kampagne_id
WHERE k.kode = 'virksomhedscenterkampagnen' AND m.kode = %s
"""

# Mål 1: per jobcentre distinct citizens; the grand total (GROUPING = 1) distinct CPR numbers.
MAAL_1 = """
SELECT b.jobcenter_id, GROUPING(b.jobcenter_id) = 1, count(DISTINCT f.borger_id),
       count(DISTINCT b.cpr)
FROM borgere_praktikforloeb f JOIN borgere_borger b ON b.id = f.borger_id
WHERE f.type_id = ANY(%(typer)s)
  AND f.trin >= 4 AND f.start <= %(dato)s AND (f.faktisk_slut IS NULL OR f.faktisk_slut >= %(dato)s)
  AND EXISTS (SELECT 1 FROM borgere_ydelsesperiode y WHERE y.borger_id = f.borger_id
      AND y.ydelse_id = ANY(%(ydelser)s) AND y.fra <= %(dato)s AND (y.til IS NULL OR y.til >= %(dato)s))
  AND EXISTS (SELECT 1 FROM borgere_maalgruppeperiode m WHERE m.borger_id = f.borger_id
      AND m.maalgruppe_id = ANY(%(maalgrupper)s) AND m.fra <= %(dato)s
      AND (m.til IS NULL OR m.til >= %(dato)s))
GROUP BY GROUPING SETS ((b.jobcenter_id), ())
"""

# Mål 2: (self-supporting, all) ended forløb per jobcentre and in all.
MAAL_2 = """
SELECT b.jobcenter_id, GROUPING(b.jobcenter_id) = 1,
  count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM borgere_ydelsesperiode y
      WHERE y.borger_id = f.borger_id AND y.ydelse_id = ANY(%(offentlige)s)
      AND y.fra <= f.faktisk_slut + %(dage)s AND (y.til IS NULL OR y.til >= f.faktisk_slut + %(dage)s))),
  count(*)
FROM borgere_praktikforloeb f JOIN borgere_borger b ON b.id = f.borger_id
WHERE f.type_id = ANY(%(typer)s) AND f.trin = 5
  AND f.faktisk_slut > %(fra)s AND f.faktisk_slut <= %(til)s
  AND EXISTS (SELECT 1 FROM borgere_ydelsesperiode y WHERE y.borger_id = f.borger_id
      AND y.ydelse_id = ANY(%(ydelser)s) AND y.fra <= f.faktisk_slut
      AND (y.til IS NULL OR y.til >= f.faktisk_slut))
  AND EXISTS (SELECT 1 FROM borgere_maalgruppeperiode m WHERE m.borger_id = f.borger_id
      AND m.maalgruppe_id = ANY(%(maalgrupper)s) AND m.fra <= f.faktisk_slut
      AND (m.til IS NULL OR m.til >= f.faktisk_slut))
GROUP BY GROUPING SETS ((b.jobcenter_id), ())
"""


def haandskrevet(dato: datetime.date) -> dict[str, dict]:
    """Both goals by hand: the goals' definitions in one small query, then one query a goal.
    Per goal {jobcentre or None (the country): (numerator, denominator or None)}."""
    from borgere.services.maalarter import maaneder_foer

    definition = {}
    for kode in ("maal-1", "maal-2"):
        uger, vindue, typer, ydelser, grupper, offentlige = sql(DEFINITION, [kode])[0]
        definition[kode] = {
            "uger": uger,
            "vindue": vindue,
            "typer": typer,
            "ydelser": ydelser,
            "maalgrupper": grupper,
            "offentlige": offentlige,
        }
    m1 = definition["maal-1"]
    maal1 = {
        None if landet else jobcenter_id: (personer if landet else borgere, None)
        for jobcenter_id, landet, borgere, personer in sql(MAAL_1, {**m1, "dato": dato})
    }
    m2 = definition["maal-2"]
    efter = datetime.timedelta(weeks=m2["uger"])
    raekker = sql(
        MAAL_2,
        {
            **m2,
            "dage": efter.days,
            "fra": maaneder_foer(dato, m2["vindue"]) - efter,
            "til": dato - efter,
        },
    )
    maal2 = {None if landet else j: (taeller, naevner) for j, landet, taeller, naevner in raekker}
    # With no forløb at all, the grand total is still one row; a goal kind says the same.
    maal2.setdefault(None, (0, 0))
    return {"maal-1": maal1, "maal-2": maal2}


def belastning() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def tid(funktion) -> tuple[float, object]:
    start = time.perf_counter()
    resultat = funktion()
    return time.perf_counter() - start, resultat


def koer() -> None:
    from borgere.models import Kampagne, Maalsnapshot
    from borgere.services import beregn_maal

    foer = belastning()
    generer()
    kampagne = Kampagne.objects.get(kode="virksomhedscenterkampagnen")
    beregn_maal(kampagne=kampagne, dato=kampagne.start)  # the baseline, computed once
    # Taken in turns, so that both meet the same state of the caches and of the machine.
    haand_tider, beregning_tider = [], []
    for _ in range(GANGE):
        t, haand = tid(lambda: haandskrevet(DATO))
        haand_tider.append(t)
        t, _ = tid(lambda: beregn_maal(kampagne=kampagne, dato=DATO))
        beregning_tider.append(t)
    haand_tid, beregning = statistics.median(haand_tider), statistics.median(beregning_tider)
    beregnet = {}
    for s in Maalsnapshot.objects.filter(dato=DATO).select_related("maal"):
        beregnet.setdefault(s.maal.kode, {})[s.jobcenter_id] = (s.taeller, s.naevner)
    for kode in ("maal-1", "maal-2"):
        # A jobcentre with nothing to count has no row by hand; beregn_maal writes it with 0 when
        # it has a target or a value at the start.
        skrevet = {j: v for j, v in beregnet[kode].items() if j is None or any(v)}
        assert skrevet == haand[kode], (kode, skrevet, haand[kode])
    landet = {s.maal.kode: s for s in Maalsnapshot.objects.filter(dato=DATO, jobcenter=None)}
    maal1, maal2 = landet["maal-1"], landet["maal-2"]
    print(
        f"Håndskrevet SQL, Mål 1 og Mål 2 pr. jobcenter og for landet den {DATO:%d-%m-%Y}: "
        f"{haand_tid:6.2f} s"
    )
    print(
        f"beregn_maal, Mål 1 og Mål 2 pr. jobcenter og for landet, skrevet som rækker: "
        f"{beregning:6.2f} s"
    )
    print(
        f"  Mål 1: {tal(maal1.taeller)} borgere; Mål 2: {maal2.vaerdi * 100:.1f} % "
        f"({tal(maal2.taeller)} af {tal(maal2.naevner)} forløb); samme tal begge veje"
    )
    print(
        f"  tider (s), håndskrevet: {' '.join(f'{t:.3f}' for t in haand_tider)}; "
        f"beregn_maal: {' '.join(f'{t:.3f}' for t in beregning_tider)}"
    )
    print(f"Forhold: {beregning / haand_tid:.2f} × (mål: højst {MAAL} ×)")
    print(f"Maskinens belastning (1, 5, 15 min) før: {foer}, ved slut: {belastning()}")


if __name__ == "__main__":
    main()
