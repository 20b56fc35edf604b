"""Issue 14, item 4: from the purchase's page a jobcentre refers its own citizens, found by
searching (the type-ahead, or without JavaScript the "Søg" button and a radio list)."""

import datetime

import pytest
from django.urls import reverse

from borgere.models import Adgangslog, Handling

from ..models import Status, Tilmelding

pytestmark = pytest.mark.django_db


@pytest.fixture
def aaben(kob):
    """Open for referrals today."""
    kob.hold.tilmeldingsfrist = datetime.date.today() + datetime.timedelta(days=7)
    kob.hold.save()
    return kob


def test_the_purchase_page_offers_the_citizen_search(client_for, aaben, konsulent):
    html = client_for(konsulent).get(aaben.get_absolute_url()).text
    assert 'role="combobox"' in html and reverse("borgere:find") in html
    assert reverse("kursuskob:henvis_borger", args=[aaben.pk]) in html


def test_without_javascript_a_citizen_is_searched_and_referred(
    client_for, aaben, konsulent, borgere_a, borgere_b
):
    borger = borgere_a[3]
    client = client_for(konsulent)
    url = reverse("kursuskob:henvis_borger", args=[aaben.pk])
    side = client.post(url, {"find": "henvis-borger", "henvis-borger_soeg": borger.efternavn})
    assert side.status_code == 200 and not Tilmelding.objects.exists()
    assert f'name="henvis-borger" value="{borger.pk}"' in side.text
    assert Adgangslog.objects.filter(borger=borger, handling=Handling.LISTE).exists()

    svar = client.post(url, {"henvis-borger": str(borger.pk), "henvis-note": "Motiveret"})
    assert svar.status_code == 302 and svar.url == aaben.get_absolute_url()
    tilmelding = Tilmelding.objects.get()
    assert (tilmelding.borger, tilmelding.status, tilmelding.note) == (
        borger,
        Status.HENVIST,
        "Motiveret",
    )


def test_another_jobcentres_citizen_cannot_be_picked(client_for, aaben, konsulent, borgere_b):
    url = reverse("kursuskob:henvis_borger", args=[aaben.pk])
    html = client_for(konsulent).post(url, {"henvis-borger": str(borgere_b[0].pk)}).text
    assert "Søg borgeren frem" in html and borgere_b[0].efternavn not in html
    assert not Tilmelding.objects.exists()


def test_a_rule_the_referral_breaks_is_shown_on_the_form(client_for, aaben, konsulent, borgere_a):
    client = client_for(konsulent)
    url = reverse("kursuskob:henvis_borger", args=[aaben.pk])
    client.post(url, {"henvis-borger": str(borgere_a[0].pk)})
    html = client.post(url, {"henvis-borger": str(borgere_a[0].pk)}).text
    assert "Borgeren er allerede henvist til holdet." in html
    assert Tilmelding.objects.count() == 1
