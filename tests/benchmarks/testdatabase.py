"""What every benchmark script needs: Django set up, and a throw-away database to run in, so a
benchmark never touches real data.

BEHOLD_DB=1 keeps the test database after the run and, when it already exists, runs in it as it
is (no migration, no drop): a benchmark whose data take minutes to generate can then be re-run
for its computations alone (see `virkning_landsskala.py`). The kept database is named
`bench_<name>`, apart from the tests' `test_<name>`, so pytest can run meanwhile. Drop it
afterwards with `dropdb bench_<name>`."""

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

BEHOLD = os.environ.get("BEHOLD_DB") == "1"


def _findes(navn: str) -> bool:
    with connection._nodb_cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [navn])
        return cursor.fetchone() is not None


def i_testdatabase(koer: Callable[[], None]) -> None:
    """Create the test database (migrated, with the reference data), run, and drop it; with
    BEHOLD_DB=1 reuse it if it exists, and keep it."""
    setup_test_environment()
    if BEHOLD:
        connection.settings_dict["TEST"]["NAME"] = f"bench_{connection.settings_dict['NAME']}"
    navn = connection.creation._get_test_db_name()
    if BEHOLD and connection.vendor == "postgresql" and _findes(navn):
        connection.close()
        connection.settings_dict["NAME"] = navn
        print(f"Genbruger testdatabasen {navn} (BEHOLD_DB=1).")
    else:
        navn = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        koer()
    finally:
        if not BEHOLD:
            connection.creation.destroy_test_db(navn, verbosity=0)
