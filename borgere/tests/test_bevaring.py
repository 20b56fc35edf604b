import datetime

import pytest
from django.core.management import call_command

from borgere import tasks
from borgere.models import Borger, Ydelsesperiode
from borgere.services.bevaring import anonymiser, inaktive
from borgere.tests.factories import BorgerFactory, YdelsesperiodeFactory

pytestmark = pytest.mark.django_db

IDAG = datetime.date(2031, 6, 30)
d = datetime.date


@pytest.fixture
def borgere(jobcenter_a):
    """Five years before 30-06-2031 is 01-07-2026: only `gammel` has been still since then."""
    gammel = BorgerFactory(jobcenter=jobcenter_a, fornavn="Gammel", cpr="0101801234")
    YdelsesperiodeFactory(borger=gammel, fra=d(2020, 1, 1), til=d(2026, 6, 1))
    aktiv = BorgerFactory(jobcenter=jobcenter_a, fornavn="Aktiv")
    YdelsesperiodeFactory(borger=aktiv, fra=d(2020, 1, 1), til=None)
    nylig = BorgerFactory(jobcenter=jobcenter_a, fornavn="Nylig")
    YdelsesperiodeFactory(borger=nylig, fra=d(2020, 1, 1), til=d(2027, 1, 1))
    gammel.history.update(history_date=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC))
    Borger.objects.update(opdateret=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC))
    return gammel, aktiv, nylig


def test_only_citizens_without_activity_in_the_period_are_found(borgere):
    assert [b.fornavn for b in inaktive(dato=IDAG, dage=5 * 365)] == ["Gammel"]


def test_anonymising_removes_the_person_but_keeps_the_history_for_statistics(borgere):
    from borgere.models import Ydelsesbestand
    from borgere.services import beregn_ydelsesbestand

    gammel = borgere[0]
    beregn_ydelsesbestand(dato=d(2025, 1, 1))
    foer = list(Ydelsesbestand.objects.values_list("jobcenter", "ydelse", "antal"))
    assert anonymiser(inaktive(dato=IDAG, dage=5 * 365)) == 1
    assert list(Ydelsesbestand.objects.values_list("jobcenter", "ydelse", "antal")) == foer
    beregn_ydelsesbestand(dato=d(2025, 1, 1))  # and a recomputation still counts the period
    assert list(Ydelsesbestand.objects.values_list("jobcenter", "ydelse", "antal")) == foer
    gammel.refresh_from_db()
    assert (gammel.fornavn, gammel.cpr[:2], gammel.anonymiseret is not None) == (
        "Anonymiseret",
        "00",
        True,
    )
    assert Ydelsesperiode.objects.filter(borger=gammel).count() == 1  # statistics survive
    assert not gammel.history.exists()  # the old values are gone from the change history
    assert not inaktive(dato=IDAG, dage=5 * 365).exists()  # done once


def test_the_command_reports_first_and_anonymises_only_when_told(borgere, capsys, settings):
    call_command("anonymiser_inaktive", "--dato", IDAG.isoformat())
    assert "Prøvekørsel: 1 borgere" in capsys.readouterr().out
    assert Borger.objects.filter(anonymiseret__isnull=False).count() == 0
    call_command("anonymiser_inaktive", "--dato", IDAG.isoformat(), "--udfoer")
    assert Borger.objects.filter(anonymiseret__isnull=False).count() == 1


def test_the_nightly_job_does_nothing_until_switched_on(borgere, settings):
    settings.BEVARING_DAGE = 0
    Borger.objects.update(opdateret=datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC))
    Ydelsesperiode.objects.all().delete()
    assert tasks.anonymiser_inaktive() == 0
    settings.BEVARING_AKTIV = True
    assert tasks.anonymiser_inaktive() == 3
