"""Workflows of the organisation core that every app uses."""

import datetime
from collections.abc import Iterator
from contextlib import contextmanager

import django_otp
from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
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


def totrinsenhed(bruger: Bruger) -> TOTPDevice | None:
    """The user's confirmed authenticator app, or None until one is set up."""
    return TOTPDevice.objects.filter(user=bruger, confirmed=True).order_by("pk").first()


# What the owner is told by e-mail: that someone with the password began to set up an app, and
# that an app was set up.
BEGYNDT = "begyndt"
BEKRAEFTET = "bekraeftet"
TOTRIN_BESKEDER = {
    BEGYNDT: (
        "Opsætning af godkendelsesapp på din konto",
        "Nogen har logget ind med adgangskoden til din konto »{brugernavn}« den {tid} og er ved "
        "at sætte en godkendelsesapp op til to-trins-login.\n\nVar det ikke dig, så kontakt "
        "driften straks og skift din adgangskode: en anden kender den.",
    ),
    BEKRAEFTET: (
        "Ny godkendelsesapp på din konto",
        "Der er sat en godkendelsesapp op til to-trins-login på din konto »{brugernavn}« den "
        "{tid}.\n\nVar det ikke dig, så kontakt driften straks: de nulstiller appen, og du "
        "skifter din adgangskode.",
    ),
}


# The session's own app-in-setup. Bound to the session, so whoever else knows the password gets
# a key of their own, never the one the owner is about to confirm.
OPSAETNING_I_SESSION = "totrin_opsaetning"


def totrinsopsaetning(*, bruger: Bruger, session: SessionBase) -> tuple[TOTPDevice, bool]:
    """The app this session is setting up, and whether it is new. A new setup (a new session,
    or one whose setup has expired) gets a new key, and the owner an e-mail: someone who has the
    password has begun to set up an app."""
    from .tasks import send_totrin_besked

    graense = timezone.now() - datetime.timedelta(minutes=settings.TOTRIN_OPSAETNING_MINUTTER)
    TOTPDevice.objects.filter(user=bruger, confirmed=False, created_at__lt=graense).delete()
    enhed = TOTPDevice.objects.filter(
        user=bruger, confirmed=False, pk=session.get(OPSAETNING_I_SESSION)
    ).first()
    if enhed is not None:
        return enhed, False
    enhed = TOTPDevice.objects.create(user=bruger, name="Godkendelsesapp", confirmed=False)
    session[OPSAETNING_I_SESSION] = enhed.pk
    send_totrin_besked.delay_on_commit(bruger.pk, BEGYNDT)
    return enhed, True


@transaction.atomic
def godkend_totrin(request: HttpRequest, enhed: TOTPDevice) -> bool:
    """A correct code was given: the app is set up (if it was new) and this session verified,
    under a new session id. False if another session set up an app first (its confirmation threw
    this one away). A new app is announced by e-mail, so the owner notices if someone else set it
    up."""
    from .tasks import send_totrin_besked

    if not enhed.confirmed:
        # One confirmation at a time per user, so two sessions cannot both set up an app.
        Bruger.objects.select_for_update().get(pk=enhed.user_id)
        if not TOTPDevice.objects.filter(pk=enhed.pk, confirmed=False).update(confirmed=True):
            return False
        enhed.confirmed = True
        TOTPDevice.objects.filter(user=enhed.user, confirmed=False).delete()
        send_totrin_besked.delay_on_commit(enhed.user_id, BEKRAEFTET)
    request.session.pop(OPSAETNING_I_SESSION, None)
    django_otp.login(request, enhed)
    # Whoever learnt the session id before the code was given must not inherit the verified
    # session.
    request.session.cycle_key()
    return True


def send_totrin_besked(bruger: Bruger, trin: str = BEKRAEFTET) -> bool:
    """Tell the user that an authenticator app is being set up (`BEGYNDT`) or was set up
    (`BEKRAEFTET`) on their account. False if the user has no e-mail address."""
    if not bruger.email:
        return False
    emne, tekst = TOTRIN_BESKEDER[trin]
    tid = timezone.localtime().strftime("%d-%m-%Y kl. %H:%M")
    send_mail(emne, tekst.format(brugernavn=bruger.username, tid=tid), None, [bruger.email])
    return True


def nulstil_totrin(bruger: Bruger) -> int:
    """Forget the user's authenticator app (a lost phone): the next login sets up a new one."""
    antal, _ = TOTPDevice.objects.filter(user=bruger).delete()
    return antal
