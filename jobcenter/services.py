"""Workflows of the organisation core that every app uses."""

import datetime
from collections.abc import Iterator
from contextlib import contextmanager

import django_otp
from django.core.mail import send_mail
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
    """A correct code was given: the app is set up (if it was new) and this session verified.
    A new app is announced by e-mail, so the owner notices if someone else set it up."""
    from .tasks import send_totrin_besked

    if not enhed.confirmed:
        enhed.confirmed = True
        enhed.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=enhed.user, confirmed=False).delete()
        send_totrin_besked.delay_on_commit(enhed.user_id)
    django_otp.login(request, enhed)


def send_totrin_besked(bruger: Bruger) -> bool:
    """Tell the user that an authenticator app was set up on their account. False if the user
    has no e-mail address."""
    if not bruger.email:
        return False
    tid = timezone.localtime().strftime("%d-%m-%Y kl. %H:%M")
    send_mail(
        "Ny godkendelsesapp på din konto",
        f"Der er sat en godkendelsesapp op til to-trins-login på din konto »{bruger.username}« "
        f"den {tid}.\n\nVar det ikke dig, så kontakt driften straks: de nulstiller appen, og du "
        "skifter din adgangskode.",
        None,
        [bruger.email],
    )
    return True


def nulstil_totrin(bruger: Bruger) -> int:
    """Forget the user's authenticator app (a lost phone): the next login sets up a new one."""
    antal, _ = TOTPDevice.objects.filter(user=bruger).delete()
    return antal
