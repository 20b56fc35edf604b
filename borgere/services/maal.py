"""Campaign goals computed in the database, one aggregate query per goal, date and kind of
count, grouped by jobcentre. Definitions (types, benefits, target groups, weeks, window) are
data on the goal (domain §5)."""

import calendar
import datetime
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, DateField, Exists, F, Max, OuterRef, Q
from django.db.models.functions import Cast, TruncMonth
from django.utils import timezone

from jobcenter import afrunding
from jobcenter.access import kan_se_aggregat
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


def ider(relation) -> list[int]:
    """A goal's definition as plain id lists: the planner does better with literal lists than
    with subqueries through the many-to-many tables."""
    return list(relation.values_list("pk", flat=True))


def i_maalgruppe(maal: Maal, paa) -> Q:
    return Q(
        paa_dato(Ydelsesperiode, paa, ydelse_id__in=ider(maal.ydelser)),
        paa_dato(Maalgruppeperiode, paa, maalgruppe_id__in=ider(maal.maalgrupper)),
    )


def bag_tallet(maal: Maal, dato: datetime.date):
    """The forløb behind a goal's figure on a date (annotated `paa_ydelse` for a share)."""
    forloeb = Praktikforloeb.objects.filter(type_id__in=ider(maal.forloebstyper))
    if not maal.er_andel:
        # Running forløb of citizens in the target group on the date.
        return forloeb.koerende(dato).filter(i_maalgruppe(maal, dato))
    # Ended forløb whose follow-up day (end + N weeks) falls in the window up to the date, and
    # whose citizen was in the target group on the end date; self-supporting if the citizen
    # receives none of the public benefits on the follow-up day.
    efter = datetime.timedelta(weeks=maal.uger_efter)
    seneste_slut = dato - efter
    foerste_slut = maaneder_foer(dato, maal.vindue_maaneder) - efter
    return (
        forloeb.filter(
            trin=Trin.AFSLUTNING, faktisk_slut__gt=foerste_slut, faktisk_slut__lte=seneste_slut
        )
        .filter(i_maalgruppe(maal, OuterRef("faktisk_slut")))
        .annotate(opfoelgningsdag=Cast(F("faktisk_slut") + efter, DateField()))
        .annotate(
            paa_ydelse=paa_dato(
                Ydelsesperiode,
                OuterRef("opfoelgningsdag"),
                ydelse_id__in=ider(maal.offentlige_ydelser),
            )
        )
    )


def taelling(maal: Maal, dato: datetime.date) -> dict[int | None, tuple[int, int | None]]:
    """Per jobcentre, and nationally under the key None: (distinct citizens, None) for a stock;
    (self-supporting, all forløb) for a share. One aggregate query, and one more for a stock:
    a person who moved has a record in each jobcentre (design.md §5), and the nation counts the
    person once, by CPR number, without the figures showing the link."""
    grupperet = bag_tallet(maal, dato).values("borger__jobcenter_id").order_by()
    if not maal.er_andel:
        rows = grupperet.annotate(n=Count("borger_id", distinct=True))
        tal = {r["borger__jobcenter_id"]: (r["n"], None) for r in rows}
        personer = bag_tallet(maal, dato).aggregate(n=Count("borger__cpr", distinct=True))["n"]
        return {**tal, None: (personer, None)}
    rows = grupperet.annotate(naevner=Count("pk"), taeller=Count("pk", filter=Q(paa_ydelse=False)))
    tal = {r["borger__jobcenter_id"]: (r["taeller"], r["naevner"]) for r in rows}
    return {**tal, None: (sum(t for t, _ in tal.values()), sum(n for _, n in tal.values()))}


def vaerdi(taeller: int, naevner: int | None) -> Decimal | None:
    if naevner is None:
        return Decimal(taeller)
    if naevner == 0:
        return None
    return (Decimal(taeller) / Decimal(naevner)).quantize(FIRE, ROUND_HALF_UP)


def maal_noegle(kampagne: Kampagne) -> str:
    """The fill-state key of a campaign's goals: the service locks it, the page reads it."""
    return f"maal:{kampagne.kode}"


def beregn_maal(*, kampagne: Kampagne, dato: datetime.date) -> int:
    """Write every goal's snapshot for `dato`, per jobcentre and nationally, with target and
    the value at the campaign's start. A rerun replaces the date's rows; an overlapping run
    waits for the lock. Returns the number of rows."""
    with laast_beregning(navn=maal_noegle(kampagne), dato=dato):
        beregnet = timezone.now()
        rows = []
        for maal in kampagne.maal.prefetch_related("maaltal"):
            nu = taelling(maal, dato)
            ved_start = nu if dato == kampagne.start else startvaerdier(maal, kampagne.start)
            maaltal = {m.jobcenter_id: m.vaerdi for m in maal.maaltal.all()}
            tom = (0, 0 if maal.er_andel else None)
            for jobcenter_id in [*sorted((set(nu) | set(ved_start) | set(maaltal)) - {None}), None]:
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


def startvaerdier(maal: Maal, start: datetime.date) -> dict[int | None, tuple[int, int | None]]:
    """The counts on the campaign's start date: from its snapshot if it has been computed,
    so the nightly run needs one query per goal; otherwise counted now."""
    gemte = maal.snapshots.filter(dato=start).values_list("jobcenter_id", "taeller", "naevner")
    if gemte:
        return {jobcenter_id: (t, n) for jobcenter_id, t, n in gemte}
    return taelling(maal, start)


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


def sammenlignes(snapshot: Maalsnapshot | None) -> Decimal | None:
    """What jobcentres are compared on: a share as it is; a stock by målopfyldelse, as the
    sources compare them ("6 ud af 10 jobcentre ligger over landsgennemsnittet mht.
    målopfyldelse", N p.1), since a count depends on the jobcentre's size."""
    if snapshot is None:
        return None
    return snapshot.vaerdi if snapshot.maal.er_andel else snapshot.maalopfyldelse


@dataclass(frozen=True)
class Maaltavle:
    """One goal on the dashboard: the chosen jobcentre's figure (None in the national view),
    the national figure, pace, monthly trend, and where the jobcentre stands among all."""

    maal: Maal
    egen: Maalsnapshot | None
    landet: Maalsnapshot | None
    tempo: Tempo | None
    udvikling: list[dict]
    fordeling: list[tuple[str, Decimal | None, bool]]
    landsgennemsnit: Decimal | None
    over_landet: int
    i_alt: int
    for_faa: bool = False  # the chosen jobcentre's share rests on too few to show this user

    @property
    def graf(self) -> list[dict]:
        """The trend for the chart, rounded as the table beside it shows it: a share in percent
        with one place (93.8 for 15/16), a count whole. The chart only formats (maal.js)."""
        rund = afrunding.procent if self.maal.er_andel else afrunding.afrund
        return [
            {"dato": p["dato"]} | {k: rund(p[k]) for k in ("egen", "landet", "maaltal")}
            for p in self.udvikling
        ]

    @property
    def egen_over_landet(self) -> bool | None:
        egen = sammenlignes(self.egen)
        if None in (egen, self.landsgennemsnit):
            return None
        return egen > self.landsgennemsnit

    @property
    def placering(self) -> int | None:
        for nummer, (_, _, egen) in enumerate(self.fordeling, start=1):
            if egen:
                return nummer
        return None


def maaloversigt(
    *, kampagne: Kampagne, jobcenter_id: int | None
) -> tuple[datetime.date | None, list[Maaltavle]]:
    """Reads snapshot rows only, and only those the page shows, however many nights have been
    computed: every jobcentre's on the latest date (the ranking), and the country's and the
    chosen jobcentre's on the last computed day of each month (the trend). Two queries."""
    alle = Maalsnapshot.objects.filter(maal__kampagne=kampagne)
    # The country's row is written for every computed date, so its dates are all the dates.
    datoer = list(
        alle.filter(jobcenter=None)
        .annotate(maaned=TruncMonth("dato"))
        .values("maaned")
        .annotate(sidste=Max("dato"))
        .values_list("sidste", flat=True)
    )
    if not datoer:
        return None, []
    seneste = max(datoer)
    snapshots = list(
        alle.filter(
            Q(dato=seneste)
            | Q(dato__in=datoer) & (Q(jobcenter=None) | Q(jobcenter_id=jobcenter_id))
        )
        .select_related("jobcenter", "maal")
        .order_by("dato", "jobcenter__navn")
    )
    tavler = []
    definition = ["forloebstyper", "ydelser", "maalgrupper", "offentlige_ydelser"]
    for maal in kampagne.maal.prefetch_related(*definition):
        egne = [s for s in snapshots if s.maal_id == maal.pk]
        landet = {s.dato: s for s in egne if s.jobcenter_id is None}
        valgt = {s.dato: s for s in egne if jobcenter_id and s.jobcenter_id == jobcenter_id}
        paa_dagen = [s for s in egne if s.dato == seneste and s.jobcenter_id is not None]
        # A share of nothing (no forløb ended in the window) has no place in the ranking.
        fordeling = sorted(
            (
                (s.jobcenter.navn, sammenlignes(s), s.jobcenter_id == jobcenter_id)
                for s in paa_dagen
                if sammenlignes(s) is not None
            ),
            key=lambda r: (-r[1], r[0]),
        )
        national = landet.get(seneste)
        niveau = sammenlignes(national)
        egen = valgt.get(seneste)
        vist = egen if jobcenter_id else national
        tavler.append(
            Maaltavle(
                maal=maal,
                egen=egen,
                landet=national,
                tempo=tempo(vist, kampagne) if vist else None,
                udvikling=[
                    {
                        "dato": dato.isoformat(),
                        "egen": valgt[dato].vaerdi if dato in valgt else None,
                        "landet": landet[dato].vaerdi,
                        "maaltal": (
                            valgt[dato] if jobcenter_id and dato in valgt else landet[dato]
                        ).maaltal,
                    }
                    for dato in sorted(landet)
                ],
                fordeling=fordeling,
                landsgennemsnit=niveau,
                over_landet=sum(
                    1 for _, v, _ in fordeling if None not in (v, niveau) and v > niveau
                ),
                i_alt=len(fordeling),
            )
        )
    return seneste, tavler


def vis_for(tavler: list[Maaltavle], *, bruger) -> list[Maaltavle]:
    """A jobcentre's share of few forløb is not shown outside the jobcentre (MINDSTE_ANTAL,
    design.md §5): it would tell whether its few citizens became self-supporting."""
    vist = []
    for tavle in tavler:
        egen = tavle.egen
        if egen and tavle.maal.er_andel:
            n = egen.naevner or 0
            if not kan_se_aggregat(bruger, n=n, enheder={egen.jobcenter_id: n}, ansvarlig=False):
                tavle = replace(
                    tavle,
                    egen=None,
                    tempo=None,
                    for_faa=True,
                    udvikling=[{**punkt, "egen": None} for punkt in tavle.udvikling],
                )
        vist.append(tavle)
    return vist
