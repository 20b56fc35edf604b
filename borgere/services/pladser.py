"""The place board (pladsoversigt): every virksomhedscenter place of the jobcentre, free or
filled, and how long a free place has stood empty. Bornholm keeps "en opgørelse over tomme og
fyldte pladser", updated every week (N p.4)."""

import datetime
from dataclasses import dataclass

from django.db.models import Max, Q
from django.db.models.functions import Coalesce

from jobcenter.models import Jobcenter
from virksomheder.models import Plads

from ..models import Praktikforloeb


@dataclass(frozen=True)
class Pladsstatus:
    plads: Plads
    forloeb: Praktikforloeb | None
    fri_siden: datetime.date | None

    @property
    def fri(self) -> bool:
        return self.forloeb is None

    def dage_tom(self, dato: datetime.date) -> int | None:
        return None if self.forloeb or self.fri_siden is None else (dato - self.fri_siden).days


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
    i_brug = {
        f.plads_id: f
        # Not the citizens: the page that shows them loads and logs them (the exports never).
        for f in Praktikforloeb.objects.filter(plads__in=pladser).koerende(dato)
    }
    sidst_brugt = dict(
        Praktikforloeb.objects.filter(plads__in=pladser)
        .annotate(slut=Coalesce("faktisk_slut", "planlagt_slut"))
        .filter(slut__lt=dato)
        .values("plads")
        .annotate(seneste=Max("slut"))
        .values_list("plads", "seneste")
    )
    oversigt = []
    for plads in pladser:
        forloeb = i_brug.get(plads.pk)
        fri_siden = None
        if forloeb is None:
            seneste = sidst_brugt.get(plads.pk)
            fri_siden = seneste + datetime.timedelta(days=1) if seneste else plads.oprettet
        if kun_fri and forloeb is not None:
            continue
        oversigt.append(Pladsstatus(plads=plads, forloeb=forloeb, fri_siden=fri_siden))
    return oversigt
