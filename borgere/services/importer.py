"""Imports started from the import page, run as background jobs with progress.

The request only checks the upload's size and kind and stores it (in IMPORT_MAPPE, never in
the database); the worker reads, checks and imports it. A run ends imported, rejected or failed,
never left running, and its file is deleted when it ends: only the summary stays."""

import datetime
import io
import logging
import re
import traceback
import zipfile
from pathlib import PurePath

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from jobcenter import imports
from jobcenter.imports import Afvist, maskeret

from ..models import Importkoersel, Importstatus

logger = logging.getLogger(__name__)

KOERENDE = (Importstatus.VENTER, Importstatus.KONTROLLERER, Importstatus.IMPORTERER)
AFSLUTTEDE = (Importstatus.FAERDIG, Importstatus.AFVIST, Importstatus.FEJLET)


def afkortet_filnavn(filnavn: str, laengde: int) -> str:
    """The uploader's file name cut to fit its column, keeping the extension the import reads."""
    navn = PurePath(filnavn).name
    if len(navn) <= laengde:
        return navn
    endelse = PurePath(navn).suffix[:10]
    return navn[: laengde - len(endelse) - 1] + "…" + endelse


@transaction.atomic
def start_import(*, koersel: Importkoersel, fil: File) -> Importkoersel:
    """Store an uploaded file and queue its check once the row is committed. The file is not
    read here: a bomb costs the worker, not the web server (design.md §5)."""
    from ..tasks import kontroller_import

    # The name is shown in the list of runs and in the run page's title (so in the browser's
    # history), and a file may be named after the citizen it is about: masked as in every list.
    koersel.filnavn = afkortet_filnavn(
        maskeret(fil.name), Importkoersel._meta.get_field("filnavn").max_length
    )
    koersel.startet = timezone.now()
    koersel.fil.save("", fil, save=False)
    try:
        koersel.save()
    except BaseException:
        koersel.fil.delete(save=False)
        raise
    kontroller_import.delay_on_commit(koersel.pk)
    return koersel


# The first sheet's declared size, e.g. <dimension ref="A1:E250001"/>.
DIMENSION = re.compile(rb'<dimension ref="[A-Z]+\d+:[A-Z]+(\d+)"')


def anslaaede_raekker(indhold: bytes, filnavn: str) -> int:
    """The number of data rows, cheaply, for the progress bar while the check runs. An XLSX's
    first sheet declares it in its first bytes; only those are unpacked."""
    if not filnavn.lower().endswith(".xlsx"):
        return max(indhold.rstrip(b"\r\n").count(b"\n"), 0)
    try:
        with zipfile.ZipFile(io.BytesIO(indhold)) as arkiv:
            ark = sorted(n for n in arkiv.namelist() if n.startswith("xl/worksheets/sheet"))
            with arkiv.open(ark[0]) as xml:
                fundet = DIMENSION.search(xml.read(4096))
    except Exception:  # noqa: BLE001 – the check reports a broken file properly
        return 0
    return max(int(fundet.group(1)) - 1, 0) if fundet else 0


@transaction.atomic
def godkend_import(*, koersel: Importkoersel) -> Importkoersel:
    """Queue the import of a checked file, once."""
    from ..tasks import udfoer_import

    laast = Importkoersel.objects.select_for_update().get(pk=koersel.pk)
    if laast.status != Importstatus.KONTROLLERET:
        return laast
    laast.status = Importstatus.IMPORTERER
    laast.behandlet = 0
    laast.startet = timezone.now()
    laast.save(update_fields=["status", "behandlet", "startet"])
    udfoer_import.delay_on_commit(laast.pk)
    return laast


def koer_import(*, koersel_id: int, skriv: bool) -> str:
    """Check (skriv=False) or import (skriv=True) a file; the row's status and progress are
    saved as it goes, so the page can show them. Rerunning a finished step does nothing. Any
    error marks the run failed with a reason; it is never left running."""
    koersel = Importkoersel.objects.select_related("bruger__jobcenter").get(pk=koersel_id)
    forventet = Importstatus.IMPORTERER if skriv else Importstatus.VENTER
    if koersel.status not in (forventet, Importstatus.KONTROLLERER):
        return koersel.status
    koersel.startet = timezone.now()
    if not skriv:
        koersel.status = Importstatus.KONTROLLERER
    koersel.save(update_fields=["status", "startet"])

    def fremskridt(antal: int) -> None:
        Importkoersel.objects.filter(pk=koersel.pk).update(behandlet=antal)

    try:
        with koersel.fil.open("rb") as fil:
            indhold = fil.read()
        if not skriv:
            koersel.raekker = anslaaede_raekker(indhold, koersel.filnavn)
            koersel.save(update_fields=["raekker"])
        # A jobcentre's run imports into the user's jobcentre: one who has moved since the upload
        # would read (and write) the new jobcentre's citizens for the old one's staff to see.
        if koersel.jobcenter_id is not None and (
            koersel.bruger is None or koersel.bruger.jobcenter_id != koersel.jobcenter_id
        ):
            raise Afvist(
                [
                    (
                        0,
                        "Den, der indlæste filen, er ikke længere i jobcentret. Intet er "
                        "gemt; indlæs filen igen.",
                    )
                ]
            )
        # The type's own check of who may import runs again here, with the user as they are now.
        resultat = imports.importer(
            type_=koersel.type,
            indhold=indhold,
            filnavn=koersel.filnavn,
            bruger=koersel.bruger,
            skriv=skriv,
            fremskridt=fremskridt,
            **koersel.parametre,
        )
    except Afvist as afvist:
        koersel.status = Importstatus.AFVIST
        koersel.fejl = [
            [linje, besked] for linje, besked in afvist.fejl[: settings.IMPORT_MAKS_FEJL]
        ]
        koersel.fejl_i_alt = len(afvist.fejl)
    except Exception as error:  # noqa: BLE001 – MemoryError and SoftTimeLimitExceeded included
        koersel.status = Importstatus.FEJLET
        koersel.aarsag = aarsag(error)
        # The type and where, never the message: it may quote a cell, or a database error the
        # CPR number of a row.
        logger.error(
            "Importkørsel %s fejlede med %s:\n%s",
            koersel.pk,
            type(error).__name__,
            "".join(traceback.format_tb(error.__traceback__)),
        )
    else:
        koersel.status = Importstatus.FAERDIG if skriv else Importstatus.KONTROLLERET
        koersel.raekker = resultat.raekker
        koersel.behandlet = resultat.raekker
        koersel.nye, koersel.opdaterede = resultat.nye, resultat.opdaterede
        koersel.uaendrede = resultat.uaendrede
        koersel.eksempel = [
            {kolonne: maskeret(str(vaerdi)) for kolonne, vaerdi in raekke.items()}
            for raekke in resultat.eksempel
        ]
    if koersel.status != Importstatus.KONTROLLERET:
        koersel.afsluttet = timezone.now()
    koersel.save()
    if koersel.status in AFSLUTTEDE:
        slet_fil(koersel)
    return koersel.status


def aarsag(error: Exception) -> str:
    if isinstance(error, SoftTimeLimitExceeded):
        return (
            f"Jobbet tog mere end {settings.CELERY_TASK_SOFT_TIME_LIMIT} sekunder og blev stoppet. "
            "Intet er gemt. Del filen op, og indlæs delene hver for sig."
        )
    if isinstance(error, MemoryError):
        return (
            "Filen krævede mere hukommelse, end serveren har. Intet er gemt. Del filen op, og "
            "indlæs delene hver for sig."
        )
    return (
        "Jobbet stoppede med en uventet fejl. Intet er gemt. Driften kan se fejlen i loggen "
        "under importkørslens nummer."
    )


def slet_fil(koersel: Importkoersel) -> None:
    """Delete a run's uploaded file; its summary (counts, errors, preview) stays."""
    if koersel.fil:
        koersel.fil.delete(save=False)
        Importkoersel.objects.filter(pk=koersel.pk).update(fil="")


def haengende_graense() -> datetime.timedelta:
    """How long a step may go without ending. Past Redis' redelivery of a task whose worker died
    (the visibility timeout) plus a whole new run up to the hard time limit, no worker can still
    be on it."""
    return datetime.timedelta(
        seconds=settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
        + settings.CELERY_TASK_TIME_LIMIT
    )


def ryd_importer(*, nu: datetime.datetime | None = None) -> int:
    """Every ~10 minutes: a run whose worker died or was killed at the hard time limit (no code
    of ours ran to mark it), or whose checked file waited IMPORT_KONTROLLERET_TIMER for an
    approval that never came, is marked failed; files of ended runs, and files no run knows, are
    deleted. Returns the number of runs marked failed."""
    nu = nu or timezone.now()
    graense = nu - haengende_graense()
    haengende = list(
        Importkoersel.objects.alias(siden=Coalesce("startet", "oprettet"))
        .filter(status__in=KOERENDE, siden__lt=graense)
        .values_list("pk", flat=True)
    )
    markerede = Importkoersel.objects.filter(pk__in=haengende, status__in=KOERENDE).update(
        status=Importstatus.FEJLET,
        aarsag=(
            "Jobbet blev ikke færdigt: workeren stoppede, eller tidsgrænsen blev nået. "
            "Intet er gemt. Indlæs filen igen."
        ),
        afsluttet=nu,
    )
    # A checked file nobody imported (a new file was uploaded instead, say) is not kept for ever.
    glemt = nu - datetime.timedelta(hours=settings.IMPORT_KONTROLLERET_TIMER)
    markerede += (
        Importkoersel.objects.alias(siden=Coalesce("startet", "oprettet"))
        .filter(status=Importstatus.KONTROLLERET, siden__lt=glemt)
        .update(
            status=Importstatus.FEJLET,
            aarsag=(
                f"Filen blev kontrolleret, men ikke importeret inden for "
                f"{settings.IMPORT_KONTROLLERET_TIMER} timer, så den er slettet. Intet er gemt. "
                "Indlæs filen igen."
            ),
            afsluttet=nu,
        )
    )
    for koersel in Importkoersel.objects.filter(status__in=AFSLUTTEDE).exclude(Q(fil="")):
        slet_fil(koersel)
    kendte = set(Importkoersel.objects.exclude(fil="").values_list("fil", flat=True))
    lager = Importkoersel._meta.get_field("fil").storage
    if lager.exists(""):
        for navn in lager.listdir("")[1]:
            if navn not in kendte and lager.get_modified_time(navn) < graense:
                lager.delete(navn)
    return markerede
