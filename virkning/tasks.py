from celery import shared_task

from jobcenter.tasks import dag


@shared_task
def beregn_udfald(dato: str | None = None) -> int:
    """`dato` as ISO date; today (Copenhagen) when left out, as the nightly beat sends it."""
    from .services.udfald import beregn_udfald

    return beregn_udfald(dato=dag(dato))


@shared_task
def beregn_overlevelse(dato: str | None = None) -> int:
    """`dato` as ISO date; today (Copenhagen) when left out, as the nightly beat sends it."""
    from .services.overlevelse import beregn_overlevelse

    return beregn_overlevelse(dato=dag(dato))


@shared_task
def traek_lod(dato: str | None = None) -> dict:
    """Draws the newly eligible citizens of every running trial (`manage.py traek_lod`)."""
    from .services.forsoeg import traek_lod_i_alle

    return {str(k): v for k, v in traek_lod_i_alle(idag=dag(dato)).items()}
