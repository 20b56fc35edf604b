"""Workflows of the organisation core that every app uses."""

import datetime
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction
from django.utils import timezone

from .models import Beregning


@contextmanager
def laast_beregning(*, navn: str, dato: datetime.date) -> Iterator[Beregning]:
    """Run a computation for (navn, dato) in one transaction that holds the lock on its
    fill-state row: a rerun replaces what the last run wrote, and an overlapping run waits."""
    Beregning.objects.get_or_create(navn=navn, dato=dato)
    # Outside the transaction, so a page can show that the computation is under way.
    Beregning.objects.filter(navn=navn, dato=dato).update(startet=timezone.now())
    with transaction.atomic():
        beregning = Beregning.objects.select_for_update().get(navn=navn, dato=dato)
        yield beregning
        beregning.afsluttet = timezone.now()
        beregning.save(update_fields=["afsluttet"])
