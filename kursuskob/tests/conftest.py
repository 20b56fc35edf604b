"""A purchase between jobcentre A (Aarhus, the tovholder's) and B (Aalborg), 8 + 8 places."""

import datetime

import factory
import pytest
from django.utils import timezone

from borgere.tests.factories import BorgerFactory
from jobcenter.models import Rolle
from jobcenter.tests.factories import BrugerFactory

from ..models import Fase, Tildeling
from .factories import START, KursuskobFactory

FOER_FRIST = START - datetime.timedelta(days=10)


@pytest.fixture
def leder_b(jobcenter_b):
    return BrugerFactory(username="leder-b", rolle=Rolle.LEDER, jobcenter=jobcenter_b)


@pytest.fixture
def kob(kollega, jobcenter_a, jobcenter_b, leder_b):
    """In phase 4 with both lines confirmed; the tovholder is `kollega` in A."""
    kob = KursuskobFactory(tovholder=kollega, fase=Fase.VISITATION)
    for jobcenter, noegleperson in ((jobcenter_a, kollega), (jobcenter_b, leder_b)):
        Tildeling.objects.create(
            kursuskob=kob,
            jobcenter=jobcenter,
            pladser=8,
            bekraeftet=timezone.now(),
            noegleperson=noegleperson,
        )
    return kob


@pytest.fixture
def borgere_a(jobcenter_a):
    return BorgerFactory.create_batch(
        12, jobcenter=jobcenter_a, efternavn=factory.Sequence(lambda n: f"Aarhusianer{n}")
    )


@pytest.fixture
def borgere_b(jobcenter_b):
    return BorgerFactory.create_batch(
        12, jobcenter=jobcenter_b, efternavn=factory.Sequence(lambda n: f"Aalborgenser{n}")
    )
