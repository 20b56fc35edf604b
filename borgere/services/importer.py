"""Imports started from the administrator's page, run as background jobs with progress."""

import io

from django.db import transaction
from django.utils import timezone
from openpyxl import load_workbook

from jobcenter.imports import Afvist

from .. import imports
from ..models import Importkoersel, Importstatus


@transaction.atomic
def start_import(*, koersel: Importkoersel) -> Importkoersel:
    """Save an uploaded file and queue its check once the upload is committed."""
    from ..tasks import kontroller_import

    koersel.raekker = anslaaede_raekker(bytes(koersel.indhold), koersel.filnavn)
    koersel.save()
    kontroller_import.delay_on_commit(koersel.pk)
    return koersel


def anslaaede_raekker(indhold: bytes, filnavn: str) -> int:
    """The number of data rows, cheaply, for the progress bar before the check has run."""
    if filnavn.lower().endswith(".xlsx"):
        try:
            ark = load_workbook(io.BytesIO(indhold), read_only=True).active
        except Exception:  # noqa: BLE001 – the check reports a broken file properly
            return 0
        return max((ark.max_row or 1) - 1, 0)
    return max(indhold.rstrip(b"\r\n").count(b"\n"), 0)


@transaction.atomic
def godkend_import(*, koersel: Importkoersel) -> Importkoersel:
    """Queue the import of a checked file, once."""
    from ..tasks import udfoer_import

    laast = Importkoersel.objects.select_for_update().get(pk=koersel.pk)
    if laast.status != Importstatus.KONTROLLERET:
        return laast
    laast.status = Importstatus.IMPORTERER
    laast.behandlet = 0
    laast.save(update_fields=["status", "behandlet"])
    udfoer_import.delay_on_commit(laast.pk)
    return laast


def koer_import(*, koersel_id: int, skriv: bool) -> str:
    """Check (skriv=False) or import (skriv=True) a file; the row's status and progress are
    saved as it goes, so the page can show them. Rerunning a finished step does nothing."""
    koersel = Importkoersel.objects.select_related("bruger__jobcenter").get(pk=koersel_id)
    forventet = Importstatus.IMPORTERER if skriv else Importstatus.VENTER
    if koersel.status not in (forventet, Importstatus.KONTROLLERER):
        return koersel.status
    if not skriv:
        koersel.status = Importstatus.KONTROLLERER
        koersel.save(update_fields=["status"])

    def fremskridt(antal: int) -> None:
        Importkoersel.objects.filter(pk=koersel.pk).update(behandlet=antal)

    try:
        resultat = imports.importer(
            type_=koersel.type,
            indhold=bytes(koersel.indhold),
            filnavn=koersel.filnavn,
            bruger=koersel.bruger,
            skriv=skriv,
            fremskridt=fremskridt,
        )
    except Afvist as afvist:
        koersel.status = Importstatus.AFVIST
        koersel.fejl = [[linje, besked] for linje, besked in afvist.fejl]
    else:
        koersel.status = Importstatus.FAERDIG if skriv else Importstatus.KONTROLLERET
        koersel.raekker = resultat.raekker
        koersel.behandlet = resultat.raekker
        koersel.nye, koersel.opdaterede = resultat.nye, resultat.opdaterede
        koersel.uaendrede = resultat.uaendrede
        koersel.eksempel = resultat.eksempel
    if koersel.status != Importstatus.KONTROLLERET:
        koersel.afsluttet = timezone.now()
    koersel.save()
    return koersel.status
