"""Shared fixtures: the personas every access test speaks of.

- `konsulent`: a jobkonsulent in jobcentre A
- `kollega`: a virksomhedskonsulent in the same jobcentre A
- `administrator` and `leder` of jobcentre A
- `outsider`: a jobkonsulent in another jobcentre, B
- `analytiker`: reads aggregated figures across jobcentres, belongs to none
"""

import os
from importlib import import_module

import pytest
from django.apps import apps
from hypothesis import settings as hypothesis_settings

from config.celery import app as celery_app
from jobcenter.models import Rolle
from jobcenter.tests.factories import BrugerFactory, JobcenterFactory, totrinsenhed

# CI runs the same examples for the same commit; a developer's run explores new ones.
hypothesis_settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")


def pytest_configure(config):
    """The test client and the live server (browser tests) speak plain http, so the redirect to
    https, on by default without DEBUG, is turned off for the test run. Here, before any client
    or server loads its middleware; `test_the_tests_themselves_speak_plain_http` pins it."""
    from django.conf import settings

    settings.SECURE_SSL_REDIRECT = False


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _static_files_without_collectstatic(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _importmappe(settings, tmp_path_factory):
    """Uploaded import files go to a directory of the test's own, never the project's."""
    settings.IMPORT_MAPPE = tmp_path_factory.mktemp("importfiler")


@pytest.fixture(autouse=True)
def _celery_in_process(request):
    """Tasks run in-process, except in tests that start a real worker (marker `worker`)."""
    eager = request.node.get_closest_marker("worker") is None
    before = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = eager
    yield
    celery_app.conf.task_always_eager = before


@pytest.fixture
def jobcenter_a(db):
    return JobcenterFactory(kommunenummer=751, navn="Jobcenter Aarhus")


@pytest.fixture
def jobcenter_b(db):
    return JobcenterFactory(kommunenummer=851, navn="Jobcenter Aalborg")


@pytest.fixture
def konsulent(jobcenter_a):
    return BrugerFactory(username="konsulent", rolle=Rolle.JOBKONSULENT, jobcenter=jobcenter_a)


@pytest.fixture
def kollega(jobcenter_a):
    return BrugerFactory(
        username="kollega", rolle=Rolle.VIRKSOMHEDSKONSULENT, jobcenter=jobcenter_a
    )


@pytest.fixture
def leder(jobcenter_a):
    return BrugerFactory(username="leder", rolle=Rolle.LEDER, jobcenter=jobcenter_a)


@pytest.fixture
def administrator(jobcenter_a):
    return BrugerFactory(username="administrator", rolle=Rolle.ADMINISTRATOR, jobcenter=jobcenter_a)


@pytest.fixture
def outsider(jobcenter_b):
    return BrugerFactory(username="outsider", rolle=Rolle.JOBKONSULENT, jobcenter=jobcenter_b)


@pytest.fixture
def analytiker(db):
    return BrugerFactory(username="analytiker", rolle=Rolle.ANALYTIKER, jobcenter=None)


@pytest.fixture
def client_for(client):
    """`client_for(user)`: the test client, logged in as that user; an administrator's or
    superuser's session has passed two-factor login too (that step has tests of its own)."""
    from django_otp import DEVICE_ID_SESSION_KEY

    def login(user):
        client.force_login(user)
        if user.kraever_totrin:
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = totrinsenhed(user).persistent_id
            session.save()
        return client

    return login


@pytest.fixture(autouse=True)
def _adgangslog_kraeves(monkeypatch):
    """The access-log hook (issue 8, item 2): in every test, a request that loads a citizen's
    row from the database and answers successfully must write an access-log row, or the test
    fails. Loading is seen where Django builds a Borger or one of its history rows from a
    database row (also through select_related); the log where the SQL inserts into the access
    log. It covers the operators' Django admin as every other page."""
    import threading

    from django.core.handlers.base import BaseHandler
    from django.db import connection

    from borgere.models import Borger

    lokal = threading.local()
    original_from_db = Borger.from_db.__func__
    original_get_response = BaseHandler.get_response

    def from_db(cls, db, field_names, values):
        if getattr(lokal, "saa", None) is not None:
            lokal.saa["laest"] = True
        return original_from_db(cls, db, field_names, values)

    def get_response(self, request):
        lokal.saa = saa = {"laest": False, "logget": False}

        def optag(execute, sql, params, many, context):
            saa["logget"] = saa["logget"] or 'INTO "borgere_adgangslog"' in sql
            return execute(sql, params, many, context)

        try:
            with connection.execute_wrapper(optag):
                response = original_get_response(self, request)
        finally:
            lokal.saa = None
        if saa["laest"] and not saa["logget"] and response.status_code < 400:
            raise AssertionError(
                f"{request.method} {request.path} læste borgeroplysninger uden at skrive i "
                "adgangsloggen."
            )
        return response

    monkeypatch.setattr(Borger, "from_db", classmethod(from_db))
    # A citizen's history rows (the admin's »Historik«) are the citizen's data too.
    original_historik = Borger.history.model.from_db.__func__

    def historik_from_db(cls, db, field_names, values):
        if getattr(lokal, "saa", None) is not None:
            lokal.saa["laest"] = True
        return original_historik(cls, db, field_names, values)

    monkeypatch.setattr(Borger.history.model, "from_db", classmethod(historik_from_db))
    monkeypatch.setattr(BaseHandler, "get_response", get_response)


# The data migrations that ship reference data (municipalities, industries, benefits, ...).
REFERENCEDATA = [
    "jobcenter.migrations.0002_kommuner",
    "virksomheder.migrations.0002_brancher",
    "borgere.migrations.0002_ydelser_og_maalgrupper",
    "borgere.migrations.0006_forloebstyper",
    "borgere.migrations.0010_virksomhedscenterkampagnen",
    "kursuskob.migrations.0003_skabelon",
    "kursuskob.migrations.0006_spoergsmaal_kort_tekst",
    "borgere.migrations.0021_dagens_ydelser_og_maalgrupper",
]


@pytest.fixture(autouse=True)
def _referencedata(request):
    """A transactional test (browser, worker) empties every table when it ends, the rows of the
    data migrations too; put them back before each. (Serialized rollback cannot do it here:
    Playwright's event loop makes Django hand the test a fresh connection object.)"""
    marker = request.node.get_closest_marker("django_db")
    if marker is None or not marker.kwargs.get("transaction"):
        return
    request.getfixturevalue("transactional_db")
    for module in REFERENCEDATA:
        import_module(module).opret(apps, None)
