from celery import shared_task

from jobcenter.tasks import dag

from . import services


@shared_task
def beregn_kursusnoegletal(dato: str | None = None) -> int:
    return services.beregn_kursusnoegletal(dato=dag(dato))


@shared_task
def advar_om_minimum(dato: str | None = None) -> int:
    return services.advar_om_minimum(dato=dag(dato))


@shared_task
def send_meddelelse(meddelelse_id: int) -> int:
    from .models import Meddelelse

    return services.send_meddelelse(Meddelelse.objects.get(pk=meddelelse_id))


@shared_task
def beregn_indsatskort(runde_id: int) -> int:
    """Both methods for a round: when it closes, or when someone asks."""
    from .models import Runde

    services.beregn_indsatskort(runde=Runde.objects.get(pk=runde_id))
    return runde_id


@shared_task
def send_paamindelser(dato: str | None = None) -> int:
    return services.send_paamindelser(dato=dag(dato))
