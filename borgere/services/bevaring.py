"""Retention: citizens with no activity for the configured period are anonymised. Their benefit
periods, target groups and forløb stay (without anyone to name), so statistics and the computed
figures survive; their name, CPR number, contact details and the change history that holds the
old values go."""

import datetime

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from ..models import Adgangslog, Borger, Maalgruppeperiode, Praktikforloeb, Ydelsesperiode


def inaktive(*, dato: datetime.date, dage: int) -> QuerySet[Borger]:
    """Not changed since the cut-off, and no benefit, target group or forløb running or ended
    after it."""
    graense = dato - datetime.timedelta(days=dage)
    aktiv_periode = Q(til__isnull=True) | Q(til__gte=graense)
    return (
        Borger.objects.filter(anonymiseret__isnull=True, opdateret__date__lt=graense)
        .exclude(pk__in=Ydelsesperiode.objects.filter(aktiv_periode).values("borger_id"))
        .exclude(pk__in=Maalgruppeperiode.objects.filter(aktiv_periode).values("borger_id"))
        .exclude(
            pk__in=Praktikforloeb.objects.filter(
                Q(faktisk_slut__isnull=True) | Q(faktisk_slut__gte=graense)
            ).values("borger_id")
        )
    )


@transaction.atomic
def anonymiser(borgere: QuerySet[Borger]) -> int:
    nu = timezone.now()
    antal = 0
    for borger in borgere.select_for_update():
        # Day 00 is no real date of birth, so the pseudonym never collides with a CPR number.
        borger.cpr = f"00{borger.pk:08d}"
        borger.fornavn, borger.efternavn = "Anonymiseret", "borger"
        borger.adresse = borger.postnummer = borger.by = borger.telefon = borger.email = ""
        borger.anonymiseret = nu
        borger.save_without_historical_record()
        borger.history.all().delete()
        antal += 1
    return antal


def ryd_adgangslog(*, dato: datetime.date, dage: int) -> int:
    """The access log is kept ADGANGSLOG_DAGE days. This is its only deletion path: the model
    refuses to change or delete a row, and this job deletes whole days past the period."""
    graense = timezone.make_aware(
        datetime.datetime.combine(dato - datetime.timedelta(days=dage), datetime.time.min)
    )
    antal, _ = Adgangslog.objects.filter(tidspunkt__lt=graense).delete()
    return antal
