from celery import shared_task


@shared_task(acks_late=False)
def ping() -> str:
    """The health endpoint's round trip through the task queue."""
    return "pong"
