"""The project wiring: settings, URLs, the Celery app with its beat schedule, WSGI and ASGI.

It sits above every app and no app imports it (an import-linter contract in pyproject.toml).
"""

# Loaded with Django, so @shared_task in the apps binds to this app and `celery -A config` finds it.
from .celery import app as celery_app

__all__ = ("celery_app",)
