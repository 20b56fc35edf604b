import datetime

from celery import shared_task
from django.utils import timezone

from . import services


@shared_task
def beregn_ydelsesbestand(dato: str | None = None) -> int:
    """`dato` as ISO date; today (Copenhagen) when left out, as the nightly beat sends it."""
    dag = datetime.date.fromisoformat(dato) if dato else timezone.localdate()
    return services.beregn_ydelsesbestand(dato=dag)


@shared_task
def kontroller_import(koersel_id: int) -> str:
    """Check every row of an uploaded file and keep a preview; writes nothing."""
    return services.koer_import(koersel_id=koersel_id, skriv=False)


@shared_task
def udfoer_import(koersel_id: int) -> str:
    return services.koer_import(koersel_id=koersel_id, skriv=True)
