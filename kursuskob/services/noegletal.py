"""The course dashboard's figures, computed by the nightly job for every jobcentre, every
network and the whole country, and stored one row per (scope, date); the page only reads them.

The figures (issue 6): purchases by phase; fill rate per class and overall; what committed but
empty places cost; the participants' situation KURSUSKOB_UDFALD_UGER weeks after the course; and
the number of cross-municipal purchases per year, which the national mapping could not count
because nobody registered it (domain/kursuskob.md §5 row 1).
"""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Q

from jobcenter.models import Jobcenter
from jobcenter.services import laast_beregning

from ..models import (
    OPTAGNE,
    Fase,
    Kursuskob,
    Kursusnoegletal,
    Netvaerk,
    Status,
    Tildeling,
    Tilmelding,
    Udfald,
)

# The fill-state key of the nightly figures: the service locks it, the overview reads it.
KURSUSNOEGLETAL = "kursuskob"

DELTAGERE = [Status.STARTET, Status.GENNEMFOERT, Status.AFBRUDT]


def _kob_data(dato: datetime.date) -> list[dict]:
    """Every purchase with its places and counts per jobcentre: three queries in all."""
    kob = list(Kursuskob.objects.select_related("hold__kursus", "hold__institution").order_by("pk"))
    tildelinger = defaultdict(dict)
    for kob_id, jc, pladser in Tildeling.objects.values_list(
        "kursuskob_id", "jobcenter_id", "pladser"
    ):
        tildelinger[kob_id][jc] = pladser
    uger = settings.KURSUSKOB_UDFALD_UGER
    taelling = defaultdict(dict)
    for row in Tilmelding.objects.values("kursuskob_id", "jobcenter_id").annotate(
        optagne=Count("pk", filter=Q(status__in=OPTAGNE)),
        deltagere=Count("pk", filter=Q(status__in=DELTAGERE)),
        job=Count("pk", filter=Q(status__in=DELTAGERE, udfald=Udfald.JOB)),
        uddannelse=Count("pk", filter=Q(status__in=DELTAGERE, udfald=Udfald.UDDANNELSE)),
        uden_status=Count("pk", filter=Q(status__in=DELTAGERE, udfald="")),
    ):
        taelling[row["kursuskob_id"]][row["jobcenter_id"]] = row
    data = []
    for k in kob:
        hold = k.hold
        slut = hold.slutdato
        data.append(
            {
                "kob": k,
                "tildelinger": tildelinger[k.pk],
                "taelling": taelling[k.pk],
                "aar": (hold.startdato or k.oprettet.date()).year,
                "udfald_kendt": slut is not None
                and k.fase == Fase.OPFOELGNING
                and slut + datetime.timedelta(weeks=uger) <= dato,
            }
        )
    return data


def _tal(data: list[dict], jobcenter_id: int | None) -> dict:
    """The figures for the purchases in `data`; for a jobcentre, its own places and citizens."""
    faser = {str(f.value): 0 for f in Fase}
    hold, pr_aar = [], defaultdict(int)
    kapacitet_i_alt = optagne_i_alt = 0
    tomme = tomme_beloeb = Decimal(0)
    udfald = {"deltagere": 0, "job": 0, "uddannelse": 0, "uden_status": 0}
    udfald_jobcentre = defaultdict(int)
    for d in data:
        k = d["kob"]
        faser[str(k.fase)] += 1
        if len(d["tildelinger"]) >= 2:
            pr_aar[str(d["aar"])] += 1
        rows = d["taelling"]
        if jobcenter_id is not None:
            rows = {jobcenter_id: rows[jobcenter_id]} if jobcenter_id in rows else {}
        optagne = sum(r["optagne"] for r in d["taelling"].values())
        tilsagn = (
            d["tildelinger"].get(jobcenter_id, 0)
            if jobcenter_id is not None
            else sum(d["tildelinger"].values())
        )
        egne_optagne = sum(r["optagne"] for r in rows.values())
        if k.fase >= Fase.VISITATION:
            kapacitet_i_alt += k.hold.kapacitet
            optagne_i_alt += optagne
            hold.append(
                {
                    "id": k.pk,
                    "titel": k.hold.kursus.titel,
                    "institution": k.hold.institution.navn,
                    "start": k.hold.startdato.isoformat() if k.hold.startdato else None,
                    "fase": k.fase,
                    "kapacitet": k.hold.kapacitet,
                    "optagne": optagne,
                    "fyldningsgrad": optagne / k.hold.kapacitet,
                    "tilsagn": tilsagn,
                    "egne_optagne": egne_optagne,
                }
            )
        if k.fase == Fase.OPFOELGNING:
            tomme_her = (
                max(0, tilsagn - egne_optagne)
                if jobcenter_id
                else sum(
                    max(0, p - d["taelling"].get(jc, {}).get("optagne", 0))
                    for jc, p in d["tildelinger"].items()
                )
            )
            tomme += tomme_her
            tomme_beloeb += tomme_her * (k.hold.pris_pr_plads or 0)
        if d["udfald_kendt"]:
            for jc, r in rows.items():
                for felt in udfald:
                    udfald[felt] += r[felt]
                udfald_jobcentre[jc] += r["deltagere"]
    n = udfald["deltagere"]
    return {
        "antal_kob": len(data),
        "faser": faser,
        "hold": hold,
        "fyldningsgrad": optagne_i_alt / kapacitet_i_alt if kapacitet_i_alt else None,
        "kapacitet": kapacitet_i_alt,
        "optagne": optagne_i_alt,
        "tomme_pladser": int(tomme),
        "tomme_beloeb": str(tomme_beloeb.quantize(Decimal("0.01"))),
        "udfald": {
            **udfald,
            "uger": settings.KURSUSKOB_UDFALD_UGER,
            "andel": (udfald["job"] + udfald["uddannelse"]) / n if n else None,
            # How many of each jobcentre's citizens the outcome counts (access.kan_se_udfald).
            "jobcentre": {
                str(jc): antal for jc, antal in sorted(udfald_jobcentre.items()) if antal
            },
        },
        "tvaerkommunale_pr_aar": dict(sorted(pr_aar.items())),
    }


def beregn_kursusnoegletal(*, dato: datetime.date) -> int:
    """Replace the figures for `dato` for every jobcentre, network and the country."""
    with laast_beregning(navn=KURSUSNOEGLETAL, dato=dato):
        data = _kob_data(dato)
        Kursusnoegletal.objects.filter(dato=dato).delete()
        raekker = [Kursusnoegletal(dato=dato, tal=_tal(data, None))]
        for jobcenter_id in Jobcenter.objects.values_list("pk", flat=True):
            egne = [
                d
                for d in data
                if jobcenter_id in d["tildelinger"]
                or d["kob"].primaert_jobcenter_id == jobcenter_id
            ]
            raekker.append(
                Kursusnoegletal(dato=dato, jobcenter_id=jobcenter_id, tal=_tal(egne, jobcenter_id))
            )
        for netvaerk_id in Netvaerk.objects.values_list("pk", flat=True):
            egne = [d for d in data if d["kob"].netvaerk_id == netvaerk_id]
            raekker.append(
                Kursusnoegletal(dato=dato, netvaerk_id=netvaerk_id, tal=_tal(egne, None))
            )
        Kursusnoegletal.objects.bulk_create(raekker)
    return len(raekker)


def seneste(
    *, jobcenter_id: int | None = None, netvaerk_id: int | None = None
) -> Kursusnoegletal | None:
    """The dashboard's one read."""
    return (
        Kursusnoegletal.objects.filter(jobcenter_id=jobcenter_id, netvaerk_id=netvaerk_id)
        .order_by("-dato")
        .first()
    )
