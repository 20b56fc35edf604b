"""Campaign goals computed in the database, one aggregate query per goal, date and kind of
count, grouped by jobcentre. Definitions (types, benefits, target groups, weeks, window) are
data on the goal (domain §5)."""

import calendar
import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, DateField, Exists, F, OuterRef, Q
from django.db.models.functions import Cast
from django.utils import timezone

from jobcenter.services import laast_beregning

from ..models import (
    Kampagne,
    Maal,
    Maalgruppeperiode,
    Maalsnapshot,
    Praktikforloeb,
    Trin,
    Ydelsesperiode,
)

FIRE = Decimal("0.0001")


def maaneder_foer(dato: datetime.date, maaneder: int) -> datetime.date:
    aar, maaned = divmod(dato.year * 12 + dato.month - 1 - maaneder, 12)
    return datetime.date(aar, maaned + 1, min(dato.day, calendar.monthrange(aar, maaned + 1)[1]))


def paa_dato(model, paa, **filtre) -> Exists:
    """The outer forløb's citizen has a period of `model` covering `paa` (a date or a
    reference to the outer row's date), matching `filtre`."""
    return Exists(
        model.objects.filter(borger=OuterRef("borger"), fra__lte=paa, **filtre).filter(
            Q(til__isnull=True) | Q(til__gte=paa)
        )
    )


def i_maalgruppe(maal: Maal, paa) -> Q:
    return Q(
        paa_dato(Ydelsesperiode, paa, ydelse__in=maal.ydelser.all()),
        paa_dato(Maalgruppeperiode, paa, maalgruppe__in=maal.maalgrupper.all()),
    )


def taelling(maal: Maal, dato: datetime.date) -> dict[int, tuple[int, int | None]]:
    """Per jobcentre: (count, None) for a stock; (self-supporting, all) for a share."""
    forloeb = Praktikforloeb.objects.filter(type__in=maal.forloebstyper.all())
    if not maal.er_andel:
        # Distinct citizens with a running forløb who are in the target group on the date.
        rows = (
            forloeb.koerende(dato)
            .filter(i_maalgruppe(maal, dato))
            .values("borger__jobcenter_id")
            .annotate(n=Count("borger_id", distinct=True))
            .order_by()
        )
        return {r["borger__jobcenter_id"]: (r["n"], None) for r in rows}
    # Ended forløb whose follow-up day (end + N weeks) falls in the window up to the date, and
    # whose citizen was in the target group on the end date; self-supporting if the citizen
    # receives none of the public benefits on the follow-up day.
    efter = datetime.timedelta(weeks=maal.uger_efter)
    seneste_slut = dato - efter
    foerste_slut = maaneder_foer(dato, maal.vindue_maaneder) - efter
    kohorte = (
        forloeb.filter(
            trin=Trin.AFSLUTNING, faktisk_slut__gt=foerste_slut, faktisk_slut__lte=seneste_slut
        )
        .filter(i_maalgruppe(maal, OuterRef("faktisk_slut")))
        .annotate(opfoelgningsdag=Cast(F("faktisk_slut") + efter, DateField()))
        .annotate(
            paa_ydelse=paa_dato(
                Ydelsesperiode,
                OuterRef("opfoelgningsdag"),
                ydelse__in=maal.offentlige_ydelser.all(),
            )
        )
    )
    rows = (
        kohorte.values("borger__jobcenter_id")
        .annotate(naevner=Count("pk"), taeller=Count("pk", filter=Q(paa_ydelse=False)))
        .order_by()
    )
    return {r["borger__jobcenter_id"]: (r["taeller"], r["naevner"]) for r in rows}


def vaerdi(taeller: int, naevner: int | None) -> Decimal | None:
    if naevner is None:
        return Decimal(taeller)
    if naevner == 0:
        return None
    return (Decimal(taeller) / Decimal(naevner)).quantize(FIRE, ROUND_HALF_UP)


def beregn_maal(*, kampagne: Kampagne, dato: datetime.date) -> int:
    """Write every goal's snapshot for `dato`, per jobcentre and nationally, with target and
    the value at the campaign's start. A rerun replaces the date's rows; an overlapping run
    waits for the lock. Returns the number of rows."""
    with laast_beregning(navn=f"maal:{kampagne.kode}", dato=dato):
        beregnet = timezone.now()
        rows = []
        for maal in kampagne.maal.prefetch_related("maaltal"):
            nu, ved_start = taelling(maal, dato), taelling(maal, kampagne.start)
            maaltal = {m.jobcenter_id: m.vaerdi for m in maal.maaltal.all()}
            tom = (0, 0 if maal.er_andel else None)
            for jobcenter_id in [*sorted((set(nu) | set(ved_start) | set(maaltal)) - {None}), None]:
                if jobcenter_id is None:  # nationally: the sum of the jobcentres
                    t, n = samlet(nu.values(), maal.er_andel)
                    t0, n0 = samlet(ved_start.values(), maal.er_andel)
                else:
                    t, n = nu.get(jobcenter_id, tom)
                    t0, n0 = ved_start.get(jobcenter_id, tom)
                rows.append(
                    Maalsnapshot(
                        maal=maal,
                        dato=dato,
                        jobcenter_id=jobcenter_id,
                        vaerdi=vaerdi(t, n),
                        taeller=t,
                        naevner=n,
                        maaltal=maaltal.get(jobcenter_id),
                        baseline=vaerdi(t0, n0),
                        beregnet=beregnet,
                    )
                )
        Maalsnapshot.objects.filter(maal__kampagne=kampagne, dato=dato).delete()
        Maalsnapshot.objects.bulk_create(rows)
    return len(rows)


def samlet(taellinger, er_andel: bool) -> tuple[int, int | None]:
    taellinger = list(taellinger)
    return (
        sum(t for t, _ in taellinger),
        sum(n for _, n in taellinger) if er_andel else None,
    )


@dataclass(frozen=True)
class Tempo:
    forventet: Decimal
    foran: bool


def tempo(snapshot: Maalsnapshot, kampagne: Kampagne) -> Tempo | None:
    """Ahead of or behind the straight line from the value at the start to the target at the
    campaign's end."""
    if snapshot.maaltal is None or snapshot.baseline is None or snapshot.vaerdi is None:
        return None
    varighed = max((kampagne.slut - kampagne.start).days, 1)
    andel_gaaet = min(max((snapshot.dato - kampagne.start).days / varighed, 0), 1)
    forventet = snapshot.baseline + (snapshot.maaltal - snapshot.baseline) * Decimal(andel_gaaet)
    return Tempo(forventet=forventet.quantize(FIRE), foran=snapshot.vaerdi >= forventet)
