from celery import shared_task
from django.utils import timezone

from jobcenter.services import laast_beregning
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
    from .analysis import BIVARIAT, MULTIPEL
    from .models import Runde

    runde = Runde.objects.get(pk=runde_id)
    # The fill-state row shows the round's page that the computation is under way.
    with laast_beregning(navn=f"indsatskort:{runde.pk}", dato=timezone.localdate()):
        for metode in (MULTIPEL, BIVARIAT):
            services.beregn_analyse(runde=runde, metode=metode)
    return runde_id


@shared_task
def send_paamindelser(dato: str | None = None) -> int:
    return services.send_paamindelser(dato=dag(dato))
