import datetime

from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from api.services import opret_systemnoegle


def systemnoegle(administrator, *, navn="Fagsystemet", dage=30, **omfang):
    """A key of the administrator's jobcentre (read and borgerdata unless told) and its secret."""
    omfang = {"laese": True, "borgerdata": True, **omfang}
    return opret_systemnoegle(
        bruger=administrator,
        navn=navn,
        udloeber=timezone.now() + datetime.timedelta(days=dage),
        **omfang,
    )


def api_klient(hemmelighed: str | None) -> Client:
    """A test client that sends the key in every request, as a system would. The rate limit's
    counters start afresh."""
    cache.clear()
    headers = {"Authorization": f"Bearer {hemmelighed}"} if hemmelighed else {}
    return Client(headers=headers)
