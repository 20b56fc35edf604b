"""Holding something open on a connection of its own while a test checks what others see."""

import threading
from collections.abc import Callable
from contextlib import AbstractContextManager, contextmanager

from django.db import connections


@contextmanager
def holdt_i_anden_traad(aabn: Callable[[], AbstractContextManager], *, timeout: float = 300):
    """Enter `aabn()` in a thread of its own (so on a database connection of its own), stay
    inside it until the block ends, then leave it. A failure to enter fails the test."""
    inde, slip = threading.Event(), threading.Event()
    fejl = []

    def hold():
        try:
            with aabn():
                inde.set()
                slip.wait(timeout=timeout)
        except Exception as error:  # noqa: BLE001 – reported in the test's thread
            fejl.append(error)
            inde.set()
        finally:
            connections.close_all()

    traad = threading.Thread(target=hold)
    traad.start()
    inde.wait(timeout=60)
    assert not fejl, fejl
    try:
        yield
    finally:
        slip.set()
        traad.join(timeout=60)
