import datetime

import pytest
from django.urls import reverse

from borgere.models import Ydelsesbestand
from borgere.services import beregn_ydelsesbestand, noegletal
from borgere.tests.factories import BorgerFactory, YdelsesperiodeFactory, ydelse
from jobcenter.models import Beregning

pytestmark = pytest.mark.django_db

DATO = datetime.date(2026, 6, 30)


@pytest.fixture
def historik(jobcenter_a, jobcenter_b):
    """Worked out by hand: on 30-06-2026 Aarhus has 2 on kontanthjælp and 1 on dagpenge,
    Aalborg 1 on kontanthjælp."""
    a1, a2, a3, a4 = BorgerFactory.create_batch(4, jobcenter=jobcenter_a)
    (b1,) = BorgerFactory.create_batch(1, jobcenter=jobcenter_b)
    kontant, dagpenge = ydelse("kontanthjaelp"), ydelse("dagpenge")
    d = datetime.date
    YdelsesperiodeFactory(borger=a1, ydelse=kontant, fra=d(2026, 1, 1), til=None)
    YdelsesperiodeFactory(borger=a2, ydelse=kontant, fra=d(2026, 6, 1), til=DATO)  # ends on it
    YdelsesperiodeFactory(borger=a3, ydelse=dagpenge, fra=DATO, til=d(2026, 12, 31))  # starts
    YdelsesperiodeFactory(borger=a3, ydelse=kontant, fra=d(2026, 1, 1), til=d(2026, 6, 29))
    YdelsesperiodeFactory(borger=a4, ydelse=kontant, fra=d(2026, 7, 1))  # starts the day after
    YdelsesperiodeFactory(borger=b1, ydelse=kontant, fra=d(2025, 1, 1))
    return jobcenter_a, jobcenter_b


def bestand():
    return {
        (row.jobcenter.navn, row.ydelse.kode): row.antal
        for row in Ydelsesbestand.objects.filter(dato=DATO).select_related("jobcenter", "ydelse")
    }


def test_it_counts_citizens_per_jobcentre_and_benefit_on_the_date(historik):
    assert beregn_ydelsesbestand(dato=DATO) == 3
    assert bestand() == {
        ("Jobcenter Aarhus", "kontanthjaelp"): 2,
        ("Jobcenter Aarhus", "dagpenge"): 1,
        ("Jobcenter Aalborg", "kontanthjaelp"): 1,
    }
    assert Beregning.objects.get(navn="ydelsesbestand", dato=DATO).afsluttet is not None


def test_a_rerun_replaces_and_never_doubles(historik):
    beregn_ydelsesbestand(dato=DATO)
    YdelsesperiodeFactory(
        borger=BorgerFactory(jobcenter=historik[1]), ydelse=ydelse("dagpenge"), fra=DATO
    )
    beregn_ydelsesbestand(dato=DATO)
    assert Ydelsesbestand.objects.filter(dato=DATO).count() == 4
    assert bestand()[("Jobcenter Aalborg", "dagpenge")] == 1
    assert Beregning.objects.filter(dato=DATO).count() == 1


def test_a_consultant_sees_own_jobcentre_and_the_national_total(historik, konsulent):
    beregn_ydelsesbestand(dato=DATO)
    tal = noegletal(bruger=konsulent)
    koder = [y.kode for y in tal.ydelser]
    rows = {
        navn: dict(zip(koder, antal, strict=True)) | {"i_alt": i_alt}
        for navn, antal, i_alt in tal.rows
    }
    assert set(rows) == {"Jobcenter Aarhus", "Hele landet"}
    assert rows["Jobcenter Aarhus"]["kontanthjaelp"] == 2
    assert rows["Hele landet"]["kontanthjaelp"] == 3
    assert rows["Hele landet"]["i_alt"] == 4


def test_the_analytiker_sees_every_jobcentre(historik, analytiker):
    beregn_ydelsesbestand(dato=DATO)
    navne = [navn for navn, _, _ in noegletal(bruger=analytiker).rows]
    assert navne == ["Jobcenter Aalborg", "Jobcenter Aarhus", "Hele landet"]


def test_the_page_reads_snapshots_only(
    client_for, konsulent, historik, django_assert_max_num_queries
):
    beregn_ydelsesbestand(dato=DATO)
    client = client_for(konsulent)
    # Eight reads, plus the session's renewal that the inactivity timeout needs.
    with django_assert_max_num_queries(9):
        response = client.get(reverse("borgere:noegletal"))
    html = response.content.decode()
    assert "Beregnet" in html
    assert "30-06-2026" in html
    assert "Jobcenter Aalborg" not in html


def test_the_page_says_so_before_the_first_computation(client_for, konsulent):
    html = client_for(konsulent).get(reverse("borgere:noegletal")).content.decode()
    assert "ikke beregnet endnu" in html


def test_an_administrator_starts_a_recomputation(
    client_for, administrator, jobcenter_a, django_capture_on_commit_callbacks
):
    YdelsesperiodeFactory(borger__jobcenter=jobcenter_a, fra=datetime.date(2020, 1, 1))
    with django_capture_on_commit_callbacks(execute=True) as queued:
        response = client_for(administrator).post(reverse("borgere:noegletal"), follow=True)
    assert len(queued) == 1
    assert "Beregningen er startet" in response.content.decode()
    assert Ydelsesbestand.objects.get().antal == 1


def test_only_an_administrator_may_start_it(client_for, konsulent, analytiker):
    for user in (konsulent, analytiker):
        assert client_for(user).post(reverse("borgere:noegletal")).status_code == 403
    assert not Beregning.objects.exists()
