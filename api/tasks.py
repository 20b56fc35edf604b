from celery import shared_task


@shared_task
def ryd_idempotensnoegler() -> int:
    """Nightly: the API's Idempotency-Keys older than API_IDEMPOTENS_TIMER hours are deleted."""
    from .idempotens import ryd_idempotensnoegler

    return ryd_idempotensnoegler()


@shared_task
def ryd_sletninger() -> int:
    """Nightly: the deletion feed's records older than API_SLETNINGER_DAGE days are deleted."""
    from .sletninger import ryd_sletninger

    return ryd_sletninger()
