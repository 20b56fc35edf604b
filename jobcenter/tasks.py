import datetime

from celery import shared_task
from django.utils import timezone


def dag(dato: str | None) -> datetime.date:
    """A task's or command's date argument: an ISO date, or today (Copenhagen) when left out,
    as the nightly beat sends it. A malformed date raises ValueError."""
    return datetime.date.fromisoformat(dato) if dato else timezone.localdate()


@shared_task(acks_late=False)
def ping() -> str:
    """The health endpoint's round trip through the task queue."""
    return "pong"


@shared_task
def send_totrin_besked(bruger_id: int, trin: str = "bekraeftet") -> bool:
    from .models import Bruger
    from .services import send_totrin_besked

    return send_totrin_besked(Bruger.objects.get(pk=bruger_id), trin)
