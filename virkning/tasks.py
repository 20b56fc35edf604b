from celery import shared_task

from jobcenter.tasks import dag

# At module level, as the other apps' tasks: the worker imports its tasks before it forks its
# processes, so they start with pandas, scipy and statsmodels already loaded.
from .services import forsoeg, overlevelse, udfald


@shared_task
def beregn_udfald(dato: str | None = None) -> int:
    """`dato` as ISO date; today (Copenhagen) when left out, as the nightly beat sends it."""
    return udfald.beregn_udfald(dato=dag(dato))


@shared_task
def beregn_overlevelse(dato: str | None = None) -> int:
    """`dato` as ISO date; today (Copenhagen) when left out, as the nightly beat sends it."""
    return overlevelse.beregn_overlevelse(dato=dag(dato))


@shared_task
def traek_lod(dato: str | None = None) -> dict:
    """Draws the newly eligible citizens of every running trial (`manage.py traek_lod`)."""
    return {str(k): v for k, v in forsoeg.traek_lod_i_alle(idag=dag(dato)).items()}
