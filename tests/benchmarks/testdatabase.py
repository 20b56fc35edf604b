"""What every benchmark script needs: Django set up, and a throw-away database to run in, so a
benchmark never touches real data."""

import os
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402


def i_testdatabase(koer: Callable[[], None]) -> None:
    """Create the test database (migrated, with the reference data), run, and drop it."""
    setup_test_environment()
    navn = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        koer()
    finally:
        connection.creation.destroy_test_db(navn, verbosity=0)
