"""The leader's front page (issue 14, item 9): an overview of the own jobcentre, each tile a
link to its page; consultants keep their task-first front page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from borgere.models import Forloebstype, Maalsnapshot, Praktikforloeb, Trin
from borgere.services import beregn_maal
from borgere.tests.factories import BorgerFactory, kampagne_med_en_borger
from kursuskob.models import Fase, Tildeling
from kursuskob.tests.factories import KursuskobFactory
from virksomheder.models import Opgave, Plads, Virksomhedscenter
from virksomheder.tests.factories import VirksomhedFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def jobcentret(jobcenter_a, jobcenter_b, konsulent, kollega):
    idag = timezone.localdate()
    kampagne = kampagne_med_en_borger(jobcenter_a, konsulent)
    kampagne.slut = idag + datetime.timedelta(days=30)
    kampagne.save()
    beregn_maal(kampagne=kampagne, dato=datetime.date(2010, 11, 30))
    virksomhed = VirksomhedFactory()
    center = Virksomhedscenter.objects.create(
        jobcenter=jobcenter_a, virksomhed=virksomhed, navn="Centret", form="sideproduktion"
    )
    pladser = Plads.objects.bulk_create(
        Plads(virksomhedscenter=center, funktion=f) for f in ["Lager", "Kantine", "Butik"]
    )
    for plads, trin, slut in (
        (pladser[0], Trin.UNDERVEJS, idag + datetime.timedelta(days=5)),
        (pladser[1], Trin.VISITATION, idag + datetime.timedelta(days=90)),
    ):
        Praktikforloeb.objects.create(
            borger=BorgerFactory(jobcenter=jobcenter_a),
            virksomhed=virksomhed,
            plads=plads,
            type=Forloebstype.objects.get(kode="virksomhedspraktik"),
            jobkonsulent=konsulent,
            start=idag - datetime.timedelta(days=30) if trin == Trin.UNDERVEJS else idag,
            planlagt_slut=slut,
            trin=trin,
        )
    Opgave.objects.create(
        jobcenter=jobcenter_a,
        ansvarlig=kollega,
        titel="Ring tilbage",
        frist=idag - datetime.timedelta(days=3),
    )
    # B's overdue task and B's unconfirmed places are not A's business.
    Opgave.objects.create(
        jobcenter=jobcenter_b,
        ansvarlig=kollega,
        titel="B's",
        frist=idag - datetime.timedelta(days=9),
    )
    kob = KursuskobFactory(tovholder=kollega, fase=Fase.AFTALE_JOBCENTRE)
    Tildeling.objects.create(kursuskob=kob, jobcenter=jobcenter_a, pladser=4)
    return kampagne


def tiles(response) -> dict[str, tuple[str, str, str]]:
    return {t.titel: (t.tal, t.tekst, t.url) for t in response.context["tavler"]}


def test_a_leader_lands_on_an_overview_of_the_own_jobcentre(
    client_for, leder, jobcentret, django_assert_max_num_queries
):
    client = client_for(leder)
    # Each app's tiles take a few queries; »Hvad virker« counts per instrument in use.
    with django_assert_max_num_queries(32):
        response = client.get(reverse("forside"))
    fundet = tiles(response)
    maal1 = fundet["Mål 1: virksomhedsaktiverede"]
    assert maal1 == (
        "1",
        "Virksomhedscenterkampagnen: intet måltal, pr. 30-11-2010",
        jobcentret.get_absolute_url(),
    )
    assert fundet["Pladser i virksomhedscentre"][:2] == ("1 fri", "1 fyldt og 1 reserveret af 3")
    assert fundet["Forløb, der snart slutter"][0] == "1"
    assert fundet["Teamets forfaldne opgaver"][0] == "1"
    assert fundet["Kursuskøb, der venter på jer"][0] == "1"
    html = response.content.decode()
    assert 'data-testid="overblik"' in html and "Overblik over Jobcenter Aarhus" in html
    for _, _, url in fundet.values():  # every tile links to a page the leader can open
        assert f'href="{url}"' in html.replace("&amp;", "&")
        assert client.get(url).status_code == 200, url


def test_the_overview_links_to_the_whole_jobcentres_forloeb(client_for, leder, jobcentret):
    response = client_for(leder).get(reverse("borgere:mine_forloeb"), {"hele": "1"})
    assert response.context["hele"] and len(response.context["snart_slut"]) == 1
    assert client_for(leder).get(reverse("borgere:mine_forloeb")).context["snart_slut"] == []


def test_consultants_keep_their_task_first_front_page(client_for, konsulent, jobcentret):
    response = client_for(konsulent).get(reverse("forside"))
    assert response.context["tavler"] == []
    assert 'data-testid="overblik"' not in response.content.decode()
    assert "Dine opgaver" in response.content.decode()
    hele = client_for(konsulent).get(reverse("borgere:mine_forloeb"), {"hele": "1"})
    assert not hele.context["hele"]  # only a leader sees the whole jobcentre's


def test_the_goal_tile_warns_when_behind_the_straight_line(client_for, leder, jobcentret):
    snapshot = Maalsnapshot.objects.get(jobcenter=leder.jobcenter, maal__kode="maal-1")
    snapshot.maaltal, snapshot.baseline = 100, 0  # about 8 expected by 30-11-2010
    snapshot.save()
    tavle = next(
        t
        for t in client_for(leder).get(reverse("forside")).context["tavler"]
        if t.titel.startswith("Mål 1")
    )
    assert tavle.advarsel and "bagud" in tavle.tekst and "måltal 100" in tavle.tekst
