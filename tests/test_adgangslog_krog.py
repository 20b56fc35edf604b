"""Item 2 of issue 8: every request that reads a citizen writes an access-log row. The hook in
the root conftest.py enforces it in every test; these tests show that it can fail, and the
retention of the log."""

import datetime

import pytest
from django.utils import timezone

from borgere.models import Adgangslog, Handling
from borgere.services.bevaring import ryd_adgangslog
from borgere.tests.factories import BorgerFactory

pytestmark = pytest.mark.django_db


@pytest.mark.urls("tests.urls_adgangslog")
def test_a_view_that_reads_a_citizen_without_logging_fails(client_for, konsulent, jobcenter_a):
    borger = BorgerFactory(jobcenter=jobcenter_a)
    with pytest.raises(AssertionError, match="læste borgeroplysninger uden at skrive"):
        client_for(konsulent).get(f"/uden-log/{borger.pk}/")


def test_lists_and_panels_log_the_citizens_they_show(client_for, konsulent, jobcenter_a):
    borgere = BorgerFactory.create_batch(3, jobcenter=jobcenter_a)
    client_for(konsulent).get("/borgere/")
    logget = Adgangslog.objects.filter(bruger=konsulent, handling=Handling.LISTE)
    assert sorted(logget.values_list("borger_id", flat=True)) == sorted(b.pk for b in borgere)


def test_the_log_is_kept_for_the_configured_period_and_then_deleted(konsulent, jobcenter_a):
    borger = BorgerFactory(jobcenter=jobcenter_a)
    idag = datetime.date(2026, 11, 23)
    for dage in (0, 9, 10, 11, 400):
        Adgangslog.objects.create(
            bruger=konsulent,
            brugernavn="konsulent",
            jobcenter=jobcenter_a,
            borger=borger,
            handling=Handling.VIST,
            tidspunkt=timezone.make_aware(datetime.datetime(2026, 11, 23, 12))
            - datetime.timedelta(days=dage),
        )
    assert ryd_adgangslog(dato=idag, dage=10) == 2
    assert Adgangslog.objects.count() == 3
    with pytest.raises(ValueError, match="kan ikke slettes"):
        Adgangslog.objects.first().delete()
