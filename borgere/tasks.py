import datetime

from celery import shared_task
from django.utils import timezone

from . import services


@shared_task
def beregn_ydelsesbestand(dato: str | None = None) -> int:
    """`dato` as ISO date; today (Copenhagen) when left out, as the nightly beat sends it."""
    dag = datetime.date.fromisoformat(dato) if dato else timezone.localdate()
    return services.beregn_ydelsesbestand(dato=dag)
