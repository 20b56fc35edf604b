"""The place board (pladsoversigt): every virksomhedscenter place of the jobcentre, free or
filled, and how long a free place has stood empty. Bornholm keeps "en opgørelse over tomme og
fyldte pladser", updated every week (N p.4)."""

import datetime
from dataclasses import dataclass

from django.db.models import F, Max, Q

from jobcenter.models import Jobcenter
from virksomheder.models import Plads

from ..models import Praktikforloeb, Trin


class Tilstand:
    FRI = "Fri"
    RESERVERET = "Reserveret"
    FYLDT = "Fyldt"


@dataclass(frozen=True)
class Pladsstatus:
    """A place on a date: filled by a running forløb, reserved by one that holds it but has not
    started (created, or starting later), or free since the day after the last forløb that
    actually ran in it ended (or since the place was created)."""

    plads: Plads
    forloeb: Praktikforloeb | None
    fri_siden: datetime.date | None
    tilstand: str = Tilstand.FRI

    @property
    def fri(self) -> bool:
        return self.tilstand == Tilstand.FRI

    @property
    def reserveret(self) -> bool:
        return self.tilstand == Tilstand.RESERVERET

    def dage_tom(self, dato: datetime.date) -> int | None:
        return (dato - self.fri_siden).days if self.fri and self.fri_siden else None


def pladsoversigt(
    *,
    jobcenter: Jobcenter,
    dato: datetime.date,
    virksomhed: str = "",
    branche=None,
    funktion: str = "",
    maalgruppe: str = "",
    kun_fri: bool = False,
) -> list[Pladsstatus]:
    """Three queries, whatever the number of places."""
    pladser = Plads.objects.filter(
        aktiv=True,
        virksomhedscenter__aktiv=True,
        virksomhedscenter__jobcenter=jobcenter,
    ).select_related("virksomhedscenter__virksomhed__branche")
    if virksomhed:
        pladser = pladser.filter(virksomhedscenter__virksomhed__navn__icontains=virksomhed)
    if branche:
        pladser = pladser.filter(virksomhedscenter__virksomhed__branche=branche)
    if funktion:
        pladser = pladser.filter(funktion__icontains=funktion)
    if maalgruppe:
        pladser = pladser.filter(
            Q(maalgruppe__icontains=maalgruppe)
            | Q(virksomhedscenter__maalgruppe__icontains=maalgruppe)
        )
    pladser = list(
        pladser.order_by("virksomhedscenter__virksomhed__navn", "virksomhedscenter__navn", "pk")
    )
    i_pladserne = Praktikforloeb.objects.filter(plads__in=pladser)
    # Not the citizens: the page that shows them loads and logs them (the exports never).
    i_brug = {f.plads_id: f for f in i_pladserne.koerende(dato)}
    reserveret = {}
    for f in i_pladserne.optager(dato, None).exclude(pk__in=[f.pk for f in i_brug.values()]):
        if f.plads_id not in reserveret or f.start < reserveret[f.plads_id].start:
            reserveret[f.plads_id] = f
    # Free since the last forløb that actually ran ended: a reservation that never started
    # did not use the place.
    sidst_brugt = dict(
        i_pladserne.filter(
            trin=Trin.AFSLUTNING, faktisk_slut__lt=dato, start__lte=F("faktisk_slut")
        )
        .values("plads")
        .annotate(seneste=Max("faktisk_slut"))
        .values_list("plads", "seneste")
    )
    oversigt = []
    for plads in pladser:
        if forloeb := i_brug.get(plads.pk):
            status = Pladsstatus(
                plads=plads, forloeb=forloeb, fri_siden=None, tilstand=Tilstand.FYLDT
            )
        elif forloeb := reserveret.get(plads.pk):
            status = Pladsstatus(
                plads=plads, forloeb=forloeb, fri_siden=None, tilstand=Tilstand.RESERVERET
            )
        else:
            seneste = sidst_brugt.get(plads.pk)
            fri_siden = (
                max(seneste + datetime.timedelta(days=1), plads.oprettet)
                if seneste
                else plads.oprettet
            )
            status = Pladsstatus(plads=plads, forloeb=None, fri_siden=fri_siden)
        if kun_fri and not status.fri:
            continue
        oversigt.append(status)
    return oversigt
