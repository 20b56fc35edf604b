"""Filters for the log: what the operators read should say what happened, on one line."""

import logging


class Afvisning403UdenSpor(logging.Filter):
    """A 403 is a rule doing its job (a consultant opening a leader's page), not a fault: Django
    logs it with the PermissionDenied traceback, which buries real errors. Keep the one line
    (»Forbidden (Permission denied): /sti/«) and drop the traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 403:
            record.exc_info = None
            record.exc_text = None
        return True
