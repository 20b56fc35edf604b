from celery import shared_task


@shared_task
def ryd_idempotensnoegler() -> int:
    """Nightly: the API's Idempotency-Keys older than API_IDEMPOTENS_TIMER hours are deleted."""
    from .idempotens import ryd_idempotensnoegler

    return ryd_idempotensnoegler()
