"""Every computation takes its lock in its service, under the key one function builds, so a
run by hand (the management command) and the scheduled run (the Celery task) never overlap: while
one holds the lock, the other waits. Shown by holding the lock on a connection of the test's
own and letting the command and the task run into PostgreSQL's lock timeout."""

import datetime
from collections.abc import Callable

import pytest
from django.core.management import call_command
from django.db import OperationalError, connection
from django.utils import timezone

from borgere import tasks as borgertasks
from borgere.models import Kampagne
from borgere.services import YDELSESBESTAND
from borgere.services.maal import maal_noegle
from jobcenter.services import laast_beregning
from kursuskob import services as kursusservices
from kursuskob import tasks as kursustasks
from kursuskob.models import Runde, Spoergeskema
from tests.traade import holdt_i_anden_traad
from virksomheder import tasks as virksomhedstasks
from virksomheder.services import OPGAVEOVERSIGT

pytestmark = pytest.mark.django_db(transaction=True)

DATO = datetime.date(2027, 1, 31)


def laasen_holdes(navn: str, dato: datetime.date):
    """Hold the computation's lock, as a running job does, on a connection of its own until the
    block ends."""
    return holdt_i_anden_traad(lambda: laast_beregning(navn=navn, dato=dato))


def venter_paa_laasen(koersel: Callable[[], object]) -> bool:
    """Whether `koersel` waits for a lock held elsewhere (it gives up after a short timeout
    instead of waiting for the holder)."""
    with connection.cursor() as cursor:
        cursor.execute("SET lock_timeout = '300ms'")
    try:
        koersel()
    except OperationalError as error:
        return "lock timeout" in str(error)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET lock_timeout")
    return False


def runde() -> Runde:
    skema = Spoergeskema.objects.create(navn="Låsetest")
    return Runde.objects.create(skema=skema, navn="Låsetest", frist=DATO)


def kampagne() -> Kampagne:
    return Kampagne.objects.create(
        kode="laasetest", navn="Låsetest", start=DATO, slut=DATO + datetime.timedelta(days=365)
    )


# (the object the computation is for, its key, the command's arguments, the task's call)
BEREGNINGER = {
    "indsatskort": (
        runde,
        lambda r: kursusservices.indsatskort_noegle(r),
        lambda r: ["beregn_indsatskort", str(r.pk)],
        lambda r: kursustasks.beregn_indsatskort(r.pk),
    ),
    "kursusnøgletal": (
        lambda: None,
        lambda _: kursusservices.KURSUSNOEGLETAL,
        lambda _: ["beregn_kursusnoegletal", f"--dato={DATO}"],
        lambda _: kursustasks.beregn_kursusnoegletal(DATO.isoformat()),
    ),
    "ydelsesbestand": (
        lambda: None,
        lambda _: YDELSESBESTAND,
        lambda _: ["beregn_ydelsesbestand", f"--dato={DATO}"],
        lambda _: borgertasks.beregn_ydelsesbestand(DATO.isoformat()),
    ),
    "mål": (
        kampagne,
        maal_noegle,
        lambda k: ["beregn_maal", k.kode, f"--dato={DATO}"],
        lambda k: borgertasks.beregn_maal(k.pk, DATO.isoformat()),
    ),
    "opgaveoversigt": (
        lambda: None,
        lambda _: OPGAVEOVERSIGT,
        lambda _: ["send_opgaveoversigt", f"--dato={DATO}"],
        lambda _: virksomhedstasks.send_opgaveoversigt(DATO.isoformat()),
    ),
}


@pytest.mark.parametrize("beregning", BEREGNINGER)
def test_the_command_waits_for_the_lock_the_task_holds_and_the_other_way_round(beregning):
    opret, noegle, kommando, opgave = BEREGNINGER[beregning]
    genstand = opret()
    # The indsatskort is computed for today, the date the job and the command both use.
    dato = timezone.localdate() if beregning == "indsatskort" else DATO
    with laasen_holdes(noegle(genstand), dato):
        assert venter_paa_laasen(lambda: call_command(*kommando(genstand)))
        assert venter_paa_laasen(lambda: opgave(genstand))
