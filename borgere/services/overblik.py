"""The leader's overview of the jobcentre (the front page): campaign goals, places and forløb
ending soon, read from computed snapshots and a few counts; no citizen is loaded."""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, OuterRef, Q, Subquery

from jobcenter.models import Jobcenter

from ..models import Kampagne, Maalsnapshot, Praktikforloeb, Trin
from ..models.forloeb import SNART
from .maal import Tempo, tempo
from .pladser import pladsoversigt


@dataclass(frozen=True)
class Forloebstal:
    snart_slut: int
    overskredne: int


def egne_maal(
    *, jobcenter: Jobcenter, idag: datetime.date
) -> list[tuple[Maalsnapshot, Tempo | None]]:
    """The jobcentre's latest figure on each goal of the campaigns computed now. One query."""
    seneste = (
        Maalsnapshot.objects.filter(maal=OuterRef("maal"), jobcenter=jobcenter)
        .order_by("-dato")
        .values("dato")[:1]
    )
    snapshots = (
        Maalsnapshot.objects.filter(
            jobcenter=jobcenter,
            maal__kampagne__in=Kampagne.objects.beregnes_om_natten(idag),
            dato=Subquery(seneste),
        )
        .select_related("maal__kampagne")
        .order_by("maal__kampagne__navn", "maal__raekkefoelge")
    )
    return [(s, tempo(s, s.maal.kampagne)) for s in snapshots]


def pladstal(*, jobcenter: Jobcenter, idag: datetime.date) -> Counter:
    """Places by state: Fri, Reserveret, Fyldt."""
    return Counter(s.tilstand for s in pladsoversigt(jobcenter=jobcenter, dato=idag))


def forloebstal(*, jobcenter: Jobcenter, idag: datetime.date) -> Forloebstal:
    tal = Praktikforloeb.objects.filter(borger__jobcenter=jobcenter, trin=Trin.UNDERVEJS).aggregate(
        snart=Count("pk", filter=Q(planlagt_slut__gte=idag, planlagt_slut__lte=idag + SNART)),
        over=Count("pk", filter=Q(planlagt_slut__lt=idag)),
    )
    return Forloebstal(snart_slut=tal["snart"], overskredne=tal["over"])
