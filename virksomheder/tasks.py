from celery import shared_task

from jobcenter.tasks import dag

from . import services


@shared_task
def send_opgaveoversigt(dato: str | None = None) -> int:
    """Mark overdue tasks and e-mail each owner the day's digest; `dato` as ISO date."""
    return services.marker_forfaldne_og_send_oversigt(dato=dag(dato))


@shared_task
def opret_aftaleopgaver(dato: str | None = None) -> int:
    return services.opret_aftaleopgaver(dato=dag(dato))
