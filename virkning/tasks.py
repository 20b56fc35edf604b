from celery import shared_task

from jobcenter.tasks import dag


@shared_task
def beregn_udfald(dato: str | None = None) -> int:
    """`dato` as ISO date; today (Copenhagen) when left out, as the nightly beat sends it."""
    from .services.udfald import beregn_udfald

    return beregn_udfald(dato=dag(dato))
