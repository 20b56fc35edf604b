"""Every jobcentre in a purchase sees the class, the places and the counts; only a citizen's own
jobcentre sees who the citizen is (issue 6, item 5)."""

import pytest
from django.urls import reverse

from borgere.models import Adgangslog, Handling
from jobcenter.models import Rolle
from jobcenter.tests.factories import BrugerFactory, JobcenterFactory

from .. import services
from ..models import Tilmelding
from .conftest import FOER_FRIST

pytestmark = pytest.mark.django_db


@pytest.fixture
def henviste(kob, konsulent, leder_b, borgere_a, borgere_b):
    for borger in borgere_a[:6]:
        services.henvis(bruger=konsulent, kob=kob, borger=borger, idag=FOER_FRIST)
    for borger in borgere_b[:3]:
        services.henvis(bruger=leder_b, kob=kob, borger=borger, idag=FOER_FRIST)
    return borgere_a[:6], borgere_b[:3]


def test_b_sees_the_class_and_the_counts_but_not_who_a_referred(client_for, kob, leder_b, henviste):
    a, b = henviste
    side = client_for(leder_b).get(kob.get_absolute_url()).content.decode()
    assert kob.hold.kursus.titel in side
    assert '<tr data-jobcenter="751">' in side  # A's line with its counts
    assert all(borger.navn in side for borger in b)
    for borger in a:
        assert borger.efternavn not in side and borger.cpr[:6] not in side


def test_b_gets_404_for_a_referral_or_a_citizen_of_a(client_for, kob, leder_b, henviste):
    klient = client_for(leder_b)
    for tilmelding in Tilmelding.objects.filter(jobcenter__kommunenummer=751):
        assert klient.get(reverse("kursuskob:tilmelding", args=[tilmelding.pk])).status_code == 404
        assert (
            klient.post(
                reverse("kursuskob:tilmelding", args=[tilmelding.pk]), {"afmeld": "1"}
            ).status_code
            == 404
        )
        assert klient.get(tilmelding.borger.get_absolute_url()).status_code == 404
    assert Tilmelding.objects.filter(status="afmeldt").count() == 0


def test_a_jobcentre_outside_the_purchase_sees_nothing_of_it(client_for, kob, henviste):
    fremmed = BrugerFactory(rolle=Rolle.LEDER, jobcenter=JobcenterFactory())
    klient = client_for(fremmed)
    assert klient.get(kob.get_absolute_url()).status_code == 404
    for art in ("fordel", "bekraeft", "frigiv", "koeb", "naeste-fase", "book", "kickoff"):
        assert klient.post(reverse("kursuskob:handling", args=[kob.pk, art])).status_code == 404
    assert kob.hold.kursus.titel not in klient.get(reverse("kursuskob:liste")).content.decode()


def test_the_purchase_page_logs_the_own_citizens_it_shows(client_for, kob, konsulent, henviste):
    a, _ = henviste
    client_for(konsulent).get(kob.get_absolute_url())
    vist = Adgangslog.objects.filter(handling=Handling.KURSUS, bruger=konsulent)
    # One row for each referral (when referred) and one for each citizen shown on the page.
    assert sorted(vist.values_list("borger_id", flat=True)) == sorted([b.pk for b in a] * 2)


def test_the_kickoff_message_names_places_and_contacts_never_a_citizen(
    kob, kollega, leder_b, henviste, mailoutbox, django_capture_on_commit_callbacks
):
    kollega.email, leder_b.email = "tovholder@aarhus.example", "leder@aalborg.example"
    kollega.save(), leder_b.save()
    with django_capture_on_commit_callbacks(execute=True):
        from ..tasks import send_meddelelse

        meddelelse = services.opret_kickoff(bruger=kollega, kob=kob)
        send_meddelelse.delay_on_commit(meddelelse.pk)
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert sorted(mail.to) == ["leder@aalborg.example", "tovholder@aarhus.example"]
    assert "Jobcenter Aalborg: 8 pladser, nøgleperson" in mail.body
    assert "Kontaktperson på skolen: Karen Skov" in mail.body
    a, b = henviste
    assert not any(borger.efternavn in mail.body for borger in a + b)
    assert kob.meddelelser.get().tekst == mail.body
