from celery import shared_task
from django.utils import timezone

from jobcenter.tasks import dag

from . import services


@shared_task
def beregn_ydelsesbestand(dato: str | None = None) -> int:
    """`dato` as ISO date; today (Copenhagen) when left out, as the nightly beat sends it."""
    return services.beregn_ydelsesbestand(dato=dag(dato))


@shared_task
def kontroller_import(koersel_id: int) -> str:
    """Check every row of an uploaded file and keep a preview; writes nothing."""
    return services.koer_import(koersel_id=koersel_id, skriv=False)


@shared_task
def udfoer_import(koersel_id: int) -> str:
    return services.koer_import(koersel_id=koersel_id, skriv=True)


@shared_task
def ryd_importer() -> int:
    """Runs stuck past every time limit are marked failed; left-over upload files deleted."""
    return services.ryd_importer()


@shared_task
def beregn_maal(kampagne_id: int, dato: str) -> int:
    from .models import Kampagne

    kampagne = Kampagne.objects.get(pk=kampagne_id)
    return services.beregn_maal(kampagne=kampagne, dato=dag(dato))


@shared_task
def beregn_alle_maal(dato: str | None = None) -> int:
    """Nightly: every campaign that runs, or ended less than half a year ago, for today (or
    its last day)."""
    from .models import Kampagne

    idag = dag(dato)
    aktive = Kampagne.objects.beregnes_om_natten(idag)
    for kampagne in aktive:
        beregn_maal.delay(kampagne.pk, min(idag, kampagne.slut).isoformat())
    return len(aktive)


@shared_task
def ryd_adgangslog(dato: str | None = None) -> int:
    from django.conf import settings

    from .services.bevaring import ryd_adgangslog

    return ryd_adgangslog(dato=dag(dato), dage=settings.ADGANGSLOG_DAGE)


@shared_task
def anonymiser_inaktive() -> int:
    """Nightly retention; does nothing until BEVARING_AKTIV is switched on."""
    from django.conf import settings

    from .services.bevaring import anonymiser, inaktive

    if not settings.BEVARING_AKTIV:
        return 0
    return anonymiser(inaktive(dato=timezone.localdate(), dage=settings.BEVARING_DAGE))
