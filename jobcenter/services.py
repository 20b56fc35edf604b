"""Workflows of the organisation core that every app uses."""

import datetime
from collections.abc import Iterator
from contextlib import contextmanager

import django_otp
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import Beregning, Bruger


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


def totrinsenhed(bruger: Bruger) -> TOTPDevice:
    """The user's authenticator app: the confirmed one, or else the one being set up (kept until
    it is confirmed, so reloading the page shows the same QR code)."""
    enhed = TOTPDevice.objects.filter(user=bruger).order_by("-confirmed", "pk").first()
    return enhed or TOTPDevice.objects.create(user=bruger, name="Godkendelsesapp", confirmed=False)


def godkend_totrin(request: HttpRequest, enhed: TOTPDevice) -> None:
    """A correct code was given: the app is set up (if it was new) and this session verified."""
    if not enhed.confirmed:
        enhed.confirmed = True
        enhed.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=enhed.user, confirmed=False).delete()
    django_otp.login(request, enhed)


def nulstil_totrin(bruger: Bruger) -> int:
    """Forget the user's authenticator app (a lost phone): the next login sets up a new one."""
    antal, _ = TOTPDevice.objects.filter(user=bruger).delete()
    return antal
