import pytest
from django.urls import reverse

from borgere.models import Adgangslog, Jobordrekandidat, Kandidatstatus
from borgere.tests.factories import BorgerFactory
from virksomheder.models import Jobordre
from virksomheder.tests.factories import VirksomhedFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def jobordre(jobcenter_a):
    return Jobordre.objects.create(
        jobcenter=jobcenter_a, virksomhed=VirksomhedFactory(), stilling="Lagermedarbejder"
    )


def match(client, jobordre, cpr):
    return client.post(
        reverse("borgere:jobordre_kandidat", args=[jobordre.pk]), {"borger_soeg": cpr}, follow=True
    )


def test_a_consultant_matches_an_own_citizen_by_cpr(client_for, konsulent, jobordre, jobcenter_a):
    borger = BorgerFactory(jobcenter=jobcenter_a, fornavn="Ida", efternavn="Holm")
    response = match(client_for(konsulent), jobordre, f"{borger.cpr[:6]}-{borger.cpr[6:]}")
    kandidat = Jobordrekandidat.objects.get()
    assert (kandidat.borger, kandidat.status) == (borger, Kandidatstatus.FORESLAAET)
    html = response.content.decode()
    assert "Ida Holm" in html and borger.cpr_maskeret in html and borger.cpr not in html
    assert Adgangslog.objects.filter(borger=borger, handling="fundet_ved_cpr").exists()


def test_another_jobcentres_citizen_cannot_be_matched(client_for, konsulent, jobordre, jobcenter_b):
    fremmed = BorgerFactory(jobcenter=jobcenter_b)
    response = match(client_for(konsulent), jobordre, fremmed.cpr)
    assert "Ingen borger i jeres jobcenter har det CPR-nummer" in response.content.decode()
    assert not Jobordrekandidat.objects.exists()


def test_a_citizen_is_matched_once(client_for, konsulent, jobordre, jobcenter_a):
    borger = BorgerFactory(jobcenter=jobcenter_a)
    client = client_for(konsulent)
    match(client, jobordre, borger.cpr)
    response = match(client, jobordre, borger.cpr)
    assert "er allerede matchet til jobordren" in response.content.decode()
    assert Jobordrekandidat.objects.count() == 1


def test_the_status_follows_the_candidate(client_for, konsulent, jobordre, jobcenter_a):
    kandidat = Jobordrekandidat.objects.create(
        jobordre=jobordre, borger=BorgerFactory(jobcenter=jobcenter_a)
    )
    client_for(konsulent).post(
        reverse("borgere:kandidat_status", args=[kandidat.pk]), {"status": "ansat"}
    )
    kandidat.refresh_from_db()
    assert kandidat.status == Kandidatstatus.ANSAT


def test_other_jobcentres_jobordrer_and_candidates_are_404(
    client_for, outsider, jobordre, jobcenter_a
):
    kandidat = Jobordrekandidat.objects.create(
        jobordre=jobordre, borger=BorgerFactory(jobcenter=jobcenter_a)
    )
    client = client_for(outsider)
    assert client.get(reverse("virksomheder:jobordre", args=[jobordre.pk])).status_code == 404
    assert (
        client.post(
            reverse("borgere:jobordre_kandidat", args=[jobordre.pk]), {"borger_soeg": "0101901234"}
        ).status_code
        == 404
    )
    assert (
        client.post(
            reverse("borgere:kandidat_status", args=[kandidat.pk]), {"status": "afvist"}
        ).status_code
        == 404
    )
    kandidat.refresh_from_db()
    assert kandidat.status == Kandidatstatus.FORESLAAET
