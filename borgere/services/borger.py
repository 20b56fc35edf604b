"""Workflows on citizens. Each writes the access-log rows its action requires."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max, Q, Sum
from django.utils import timezone

from jobcenter.models import Beregning, Bruger
from jobcenter.services import laast_beregning
from virksomheder.models import Jobordre

from ..access import kan_se_alle_jobcentres_noegletal
from ..models import (
    Adgangslog,
    Borger,
    Handling,
    Jobordrekandidat,
    Maalgruppeperiode,
    Praktikforloeb,
    Ydelsesbestand,
    Ydelsesperiode,
    Ydelsestype,
    ligner_cpr,
    normaliser_cpr,
)

YDELSESBESTAND = "ydelsesbestand"


def registrer_adgang(*, bruger: Bruger, borger: Borger, handling: str) -> Adgangslog:
    return Adgangslog.objects.create(
        bruger=bruger,
        brugernavn=bruger.get_username(),
        jobcenter_id=borger.jobcenter_id,
        borger=borger,
        handling=handling,
    )


def registrer_visning(*, bruger: Bruger, borger_ids, handling: str = Handling.LISTE) -> int:
    """One access-log row per citizen a page showed (a list, a panel, a table). Staff only see
    their own jobcentre's citizens; an operator (no jobcentre) may see any, and each row is
    logged under the citizen's jobcentre, so that jobcentre's export shows it."""
    ider = {pk for pk in borger_ids if pk is not None}
    if bruger.jobcenter_id is not None:
        jobcentre = dict.fromkeys(ider, bruger.jobcenter_id)
    else:
        jobcentre = dict(Borger.objects.filter(pk__in=ider).values_list("pk", "jobcenter_id"))
    Adgangslog.objects.bulk_create(
        Adgangslog(
            bruger=bruger,
            brugernavn=bruger.get_username(),
            jobcenter_id=jobcentre[pk],
            borger_id=pk,
            handling=handling,
        )
        for pk in sorted(jobcentre)
    )
    return len(jobcentre)


def registrer_drift(*, bruger: Bruger, objekter) -> int:
    """The citizens behind rows an operator's admin page listed: citizens themselves, rows with a
    citizen, and the parts of a forløb."""
    ider = {o.pk for o in objekter if isinstance(o, Borger)}
    ider |= {o.borger_id for o in objekter if isinstance(getattr(o, "borger_id", None), int)}
    forloeb = {o.forloeb_id for o in objekter if isinstance(getattr(o, "forloeb_id", None), int)}
    if forloeb:
        ider |= set(
            Praktikforloeb.objects.filter(pk__in=forloeb).values_list("borger_id", flat=True)
        )
    return registrer_visning(bruger=bruger, borger_ids=ider, handling=Handling.VIST)


@transaction.atomic
def gem_borger(*, bruger: Bruger, borger: Borger) -> Borger:
    """Create (in the user's own jobcentre) or update a citizen, and log it."""
    ny = borger._state.adding
    if ny:
        borger.jobcenter_id = bruger.jobcenter_id
    borger.save()
    registrer_adgang(
        bruger=bruger, borger=borger, handling=Handling.OPRETTET if ny else Handling.RETTET
    )
    return borger


@transaction.atomic
def gem_periode(
    *, bruger: Bruger, periode: Ydelsesperiode | Maalgruppeperiode
) -> Ydelsesperiode | Maalgruppeperiode:
    periode.save()
    registrer_adgang(bruger=bruger, borger=periode.borger, handling=Handling.HISTORIK_RETTET)
    return periode


def find_ved_cpr(*, bruger: Bruger, cpr: str) -> Borger | None:
    """The user's own citizen with this CPR number, if any; a hit is logged."""
    borger = Borger.objects.synlige_for(bruger).filter(cpr=normaliser_cpr(cpr)).first()
    if borger is not None:
        registrer_adgang(bruger=bruger, borger=borger, handling=Handling.FUNDET_VED_CPR)
    return borger


def find_borgere(*, bruger: Bruger, tekst: str, antal: int) -> list[Borger]:
    """The user's own citizens a search finds, to pick one: by a whole CPR number through
    `find_ved_cpr` (another jobcentre's number finds nothing, as an unused one does), otherwise
    at most `antal` by name. Every citizen returned is written to the access log."""
    tekst = tekst.strip()
    if ligner_cpr(tekst):
        borger = find_ved_cpr(bruger=bruger, cpr=tekst)
        return [borger] if borger is not None else []
    if not tekst:
        return []
    borgere = list(Borger.objects.synlige_for(bruger).soeg_navn(tekst)[:antal])
    registrer_visning(bruger=bruger, borger_ids=[b.pk for b in borgere])
    return borgere


def beregn_ydelsesbestand(*, dato: datetime.date) -> int:
    """Count, per jobcentre and benefit, the citizens receiving it on `dato`, in one aggregate
    query. A rerun for the same date replaces the rows; returns how many rows it wrote."""
    with laast_beregning(navn=YDELSESBESTAND, dato=dato):
        beregnet = timezone.now()
        optalt = (
            Ydelsesperiode.objects.paa_dato(dato)
            .values("borger__jobcenter_id", "ydelse_id")
            .annotate(antal=Count("borger_id", distinct=True))
            .order_by()
        )
        rows = [
            Ydelsesbestand(
                dato=dato,
                jobcenter_id=row["borger__jobcenter_id"],
                ydelse_id=row["ydelse_id"],
                antal=row["antal"],
                beregnet=beregnet,
            )
            for row in optalt
        ]
        Ydelsesbestand.objects.filter(dato=dato).delete()
        Ydelsesbestand.objects.bulk_create(rows)
    return len(rows)


@dataclass(frozen=True)
class Noegletal:
    dato: datetime.date | None
    beregnet: datetime.datetime | None
    ydelser: list[Ydelsestype]
    # (jobcentre's name, counts in the order of `ydelser`, total); the national row last.
    rows: list[tuple[str, list[int], int]]


def noegletal(*, bruger: Bruger) -> Noegletal:
    """The latest computed benefit counts: every jobcentre for an analytiker, the user's own
    for everyone else, and the national total for all. Reads snapshot rows only."""
    seneste = (
        Beregning.objects.filter(navn=YDELSESBESTAND, afsluttet__isnull=False)
        .order_by("-dato")
        .first()
    )
    ydelser = list(Ydelsestype.objects.all())
    if seneste is None:
        return Noegletal(dato=None, beregnet=None, ydelser=ydelser, rows=[])
    # One query, summed in the database: the front page of every leader shows these, and the
    # nation has ~600 rows a day. An analytiker sees every jobcentre's rows.
    bestand = Ydelsesbestand.objects.filter(dato=seneste.dato).order_by()
    per_jobcenter: dict[str, dict[int, int]] = defaultdict(dict)
    landet: dict[int, int] = defaultdict(int)
    if kan_se_alle_jobcentres_noegletal(bruger):
        for navn, ydelse_id, antal in bestand.values_list("jobcenter__navn", "ydelse_id", "antal"):
            landet[ydelse_id] += antal
            per_jobcenter[navn][ydelse_id] = antal
    else:
        egen = Q(jobcenter_id=bruger.jobcenter_id)
        summer = bestand.values("ydelse_id").annotate(
            i_alt=Sum("antal"),
            navn=Max("jobcenter__navn", filter=egen),
            egne=Sum("antal", filter=egen),
        )
        kolonner = ("ydelse_id", "i_alt", "navn", "egne")
        for ydelse_id, i_alt, navn, egne in summer.values_list(*kolonner):
            landet[ydelse_id] = i_alt
            if navn is not None:
                per_jobcenter[navn][ydelse_id] = egne

    def raekke(navn: str, antal: dict[int, int]) -> tuple[str, list[int], int]:
        tal = [antal.get(ydelse.pk, 0) for ydelse in ydelser]
        return navn, tal, sum(tal)

    rows = [raekke(navn, antal) for navn, antal in sorted(per_jobcenter.items())]
    rows.append(raekke("Hele landet", landet))
    return Noegletal(dato=seneste.dato, beregnet=seneste.afsluttet, ydelser=ydelser, rows=rows)


@transaction.atomic
def match_til_jobordre(*, bruger: Bruger, jobordre: Jobordre, borger: Borger) -> Jobordrekandidat:
    """Match one of the user's own citizens to a jobordre."""
    if borger.jobcenter_id != bruger.jobcenter_id or jobordre.jobcenter_id != bruger.jobcenter_id:
        raise ValidationError("Kun jeres egne borgere kan matches til jeres egne jobordrer.")
    if Jobordrekandidat.objects.filter(jobordre=jobordre, borger=borger).exists():
        raise ValidationError(f"{borger.navn} er allerede matchet til jobordren.")
    return Jobordrekandidat.objects.create(jobordre=jobordre, borger=borger, tilfoejet_af=bruger)
