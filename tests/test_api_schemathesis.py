"""An outside client tests the API from its live schema (issue 17, item 5): Schemathesis reads
/api/v1/schema/ from the running application, calls every operation with generated valid and
invalid data, with a key of a jobcentre that has data, and checks every answer: no 5xx, status
codes, content types and bodies as the schema says, invalid data refused, a missing key refused.
Runs in the ordinary test run (CI), a few dozen examples per operation."""

import datetime
from decimal import Decimal

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode, checks

from api.tests.factories import api_klient, systemnoegle
from borgere.models import Forloebstype, Kampagne, Maalsnapshot, Praktikforloeb, Trin
from borgere.tests.factories import BorgerFactory, MaalgruppeperiodeFactory, YdelsesperiodeFactory
from config.wsgi import application
from kursuskob.models import Runde, Spoergeskema, Tildeling, Tilmelding
from kursuskob.services import beregn_analyse, gem_besvarelse
from kursuskob.tests.factories import KursuskobFactory
from virksomheder.models import (
    Aftale,
    Jobordre,
    Kontakt,
    Opgave,
    Plads,
    Segment,
    Virksomhedscenter,
    Virksomhedsforhold,
    Virksomhedsnotat,
)
from virksomheder.tests.factories import VirksomhedFactory

# Examples per operation and mode (valid, invalid): enough to find a 5xx, quick in every run.
EKSEMPLER = 12


@pytest.fixture
def api_skema(db, settings):
    settings.API_KALD_PR_MINUT = 100_000
    # Called straight through WSGI, each request's end would close the test's database
    # connection, in the middle of its transaction; Django's test client holds it open alike.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    skema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)
    # The key is the test's own (below); a generated Authorization header would replace it.
    skema.config.generation.update(with_security_parameters=False)
    yield skema
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def api_noegle(administrator, jobcenter_a, konsulent, leder):
    """A key with every scope, of a jobcentre with a row of every resource."""
    virksomhed = VirksomhedFactory()
    Kontakt.objects.create(
        jobcenter=jobcenter_a,
        virksomhed=virksomhed,
        kanal="mail",
        initiativ="opsoegende",
        formaal="information",
    )
    for _ in range(3):
        borger = BorgerFactory(jobcenter=jobcenter_a)
        YdelsesperiodeFactory(borger=borger)
        MaalgruppeperiodeFactory(borger=borger)
    Praktikforloeb.objects.create(
        borger=borger,
        virksomhed=virksomhed,
        type=Forloebstype.objects.first(),
        jobkonsulent=konsulent,
        start=datetime.date(2026, 9, 1),
        trin=Trin.UNDERVEJS,
    )
    # The company side and the computed figures (api/samarbejde.py, api/tal.py).
    forhold = Virksomhedsforhold.objects.create(
        jobcenter=jobcenter_a, virksomhed=virksomhed, kontaktansvarlig=konsulent
    )
    forhold.segmenter.add(Segment.objects.create(jobcenter=jobcenter_a, navn="Byggeri"))
    Virksomhedsnotat.objects.create(jobcenter=jobcenter_a, virksomhed=virksomhed, tekst="Notat")
    Opgave.objects.create(
        jobcenter=jobcenter_a,
        virksomhed=virksomhed,
        titel="Ring",
        frist=datetime.date(2026, 12, 1),
        ansvarlig=konsulent,
    )
    Jobordre.objects.create(jobcenter=jobcenter_a, virksomhed=virksomhed, stilling="Smed")
    aftale = Aftale.objects.create(
        jobcenter=jobcenter_a,
        virksomhed=virksomhed,
        type="virksomhedscenter",
        titel="Kontrakt",
        formaal="Pladser",
        start=datetime.date(2026, 1, 1),
        ansvarlig=konsulent,
        mentortimer=Decimal("2.5"),
    )
    center = Virksomhedscenter.objects.create(
        jobcenter=jobcenter_a, virksomhed=virksomhed, aftale=aftale, navn="C", form="virtuelt"
    )
    Plads.objects.create(virksomhedscenter=center, funktion="Lager")
    maal = Kampagne.objects.get(kode="virksomhedscenterkampagnen").maal.first()
    for jobcenter in (jobcenter_a, None):
        Maalsnapshot.objects.create(
            maal=maal,
            dato=maal.kampagne.start,
            jobcenter=jobcenter,
            vaerdi=Decimal("3"),
            taeller=3,
            maaltal=Decimal("10"),
            baseline=Decimal("1"),
            beregnet=timezone.now(),
        )
    kob = KursuskobFactory(tovholder=konsulent)
    Tildeling.objects.create(kursuskob=kob, jobcenter=jobcenter_a, pladser=4)
    Tilmelding.objects.create(kursuskob=kob, borger=borger, jobcenter=jobcenter_a, status="optaget")
    runde = Runde.objects.create(
        skema=Spoergeskema.objects.get(skabelon=True),
        navn="Runden",
        frist=datetime.date(2027, 1, 31),
        oprettet_af=administrator,
    )
    runde.jobcentre.set([jobcenter_a])
    gem_besvarelse(bruger=leder, runde=runde, svar={"B1": 3, "D1": 4}, afsend=True)
    beregn_analyse(runde=runde)
    # Every scope: the writes are called too (they may create rows; none may answer 5xx).
    _, hemmelighed = systemnoegle(administrator, skrive=True)
    api_klient(None)  # the rate limit's counters start afresh
    return hemmelighed


def undtagne(case) -> list:
    """A write's body can be valid by the schema and still break a rule the schema cannot say
    (an id of no row of the jobcentre, overlapping periods): a 400 problem detail is then the
    right answer, so a write is not held to »valid data is accepted«. Every other check, and
    no 5xx, still applies to it."""
    skriver = case.method.upper() == "POST" and not case.path.endswith("/opslag/")
    return [checks.positive_data_acceptance] if skriver else []


def test_every_operation_answers_as_its_schema_says(api_skema, api_noegle):
    operationer = [resultat.ok() for resultat in api_skema.get_all_operations()]
    assert len(operationer) >= 13
    for operation in operationer:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(
                max_examples=EKSEMPLER,
                deadline=None,
                derandomize=True,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            def kald(case):
                case.call_and_validate(
                    headers={"Authorization": f"Bearer {api_noegle}"},
                    excluded_checks=undtagne(case),
                )

            kald()
