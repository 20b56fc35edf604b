"""Campaign goals computed in the database, one aggregate query per goal and date, grouped by
jobcentre and with the national figure. Definitions (types, benefits, target groups, weeks,
window) are data on the goal (domain §5); how a goal is counted, compared and written is its
kind's (borgere.services.maalarter)."""

import datetime
from dataclasses import dataclass, replace
from decimal import Decimal

from django.db.models import Max, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from jobcenter.services import laast_beregning

from ..models import Kampagne, Maal, Maalsnapshot
from .maalarter import FIRE, Maalart, Taelling


def bag_tallet(maal: Maal, dato: datetime.date):
    """The forløb behind a goal's figure on a date."""
    return maal.maalart.bag_tallet(maal, dato)


def taelling(maal: Maal, dato: datetime.date) -> Taelling:
    return maal.maalart.taelling(maal, dato)


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
        # The goals' definitions and targets in five queries for all the goals.
        definition = ["forloebstyper", "ydelser", "maalgrupper", "offentlige_ydelser"]
        for maal in kampagne.maal.prefetch_related("maaltal", *definition):
            art = maal.maalart
            nu = taelling(maal, dato)
            ved_start = nu if dato == kampagne.start else startvaerdier(maal, kampagne.start)
            maaltal = {m.jobcenter_id: m.vaerdi for m in maal.maaltal.all()}
            tom = art.tom
            for jobcenter_id in [*sorted((set(nu) | set(ved_start) | set(maaltal)) - {None}), None]:
                t, n = nu.get(jobcenter_id, tom)
                t0, n0 = ved_start.get(jobcenter_id, tom)
                rows.append(
                    Maalsnapshot(
                        maal=maal,
                        dato=dato,
                        jobcenter_id=jobcenter_id,
                        vaerdi=art.vaerdi(t, n),
                        taeller=t,
                        naevner=n,
                        maaltal=maaltal.get(jobcenter_id),
                        baseline=art.vaerdi(t0, n0),
                        beregnet=beregnet,
                    )
                )
        Maalsnapshot.objects.filter(maal__kampagne=kampagne, dato=dato).delete()
        Maalsnapshot.objects.bulk_create(rows)
    return len(rows)


def startvaerdier(maal: Maal, start: datetime.date) -> Taelling:
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
    """What jobcentres are compared on, as the goal's kind says."""
    return None if snapshot is None else snapshot.maal.maalart.sammenlignes(snapshot)


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
    for_faa: bool = False  # the chosen jobcentre's figure rests on too few to show this user

    @property
    def art(self) -> Maalart:
        return self.maal.maalart

    @property
    def hvem_taeller(self) -> str:
        """Who counts, in one sentence, from the goal's own definition (its four relations are
        prefetched by maaloversigt)."""
        return self.art.hvem_taeller(self.maal)

    @property
    def graf(self) -> list[dict]:
        """The trend for the chart, rounded by the kind as the table beside it shows it (a
        share in percent with one place, 93.8 for 15/16; a count whole). The chart only writes
        the numbers with the kind's unit (maal.js)."""
        rund = self.art.rund
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
    """A jobcentre's figure that its kind hides for this user (a small n, design.md §5) is
    taken out of the tile, its pace and its trend."""
    vist = []
    for tavle in tavler:
        egen = tavle.egen
        if egen and tavle.art.for_faa(egen, bruger=bruger):
            tavle = replace(
                tavle,
                egen=None,
                tempo=None,
                for_faa=True,
                udvikling=[{**punkt, "egen": None} for punkt in tavle.udvikling],
            )
        vist.append(tavle)
    return vist
