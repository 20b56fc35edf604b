from celery import shared_task

from jobcenter.tasks import dag

from .services.overlevelse import beregn_overlevelse as _beregn_overlevelse


@shared_task
def beregn_overlevelse(dato: str | None = None) -> int:
    """`dato` as ISO date; today (Copenhagen) when left out, as the nightly beat sends it."""
    return _beregn_overlevelse(dato=dag(dato))
