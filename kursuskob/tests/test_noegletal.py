"""The dashboard's figures: computed by the job, read by the page."""

import datetime

import pytest
from django.urls import reverse

from .. import services
from ..models import Kursusnoegletal, Status, Tilmelding
from .conftest import FOER_FRIST
from .factories import START, KursuskobFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def afsluttet(kob, kollega, konsulent, leder_b, borgere_a, borgere_b):
    """A finished class: A enrolled 6 of 8 (4 in job, 1 in education), B 4 of 8 (1 in job)."""
    for borger in borgere_a[:6]:
        services.henvis(bruger=konsulent, kob=kob, borger=borger, idag=FOER_FRIST)
    for borger in borgere_b[:4]:
        services.henvis(bruger=leder_b, kob=kob, borger=borger, idag=FOER_FRIST)
    kob.hold.minimum = 10
    kob.hold.save()
    services.book_henviste(bruger=kollega, kob=kob)
    services.naeste_fase(bruger=kollega, kob=kob, idag=START)
    slut = kob.hold.slutdato
    udfald = {konsulent: ["job"] * 4 + ["uddannelse", "ledig"], leder_b: ["job", "", "", ""]}
    for bruger, liste in udfald.items():
        startede = Tilmelding.objects.filter(jobcenter=bruger.jobcenter, status=Status.STARTET)
        for tilmelding, u in zip(startede, liste, strict=True):
            services.registrer_opfoelgning(
                bruger=bruger,
                tilmelding=tilmelding,
                status=Status.GENNEMFOERT,
                udfald=u,
                udfald_dato=slut if u else None,
                note="",
            )
    return kob


def test_the_figures_per_jobcentre_and_for_the_country(afsluttet, jobcenter_a, jobcenter_b):
    KursuskobFactory(tovholder=afsluttet.tovholder)  # phase 1, A alone: not cross-municipal
    dato = afsluttet.hold.slutdato + datetime.timedelta(weeks=4)
    services.beregn_kursusnoegletal(dato=dato)
    landet = services.seneste().tal
    a = services.seneste(jobcenter_id=jobcenter_a.pk).tal
    b = services.seneste(jobcenter_id=jobcenter_b.pk).tal
    assert landet["faser"] == {"1": 1, "2": 0, "3": 0, "4": 0, "5": 1}
    assert landet["tvaerkommunale_pr_aar"] == {"2026": 1}
    assert (landet["optagne"], landet["kapacitet"], landet["fyldningsgrad"]) == (10, 16, 0.625)
    # Empty committed places at 10.000 kr.: A 2, B 4.
    assert (a["tomme_pladser"], a["tomme_beloeb"]) == (2, "20000.00")
    assert (b["tomme_pladser"], b["tomme_beloeb"]) == (4, "40000.00")
    assert (landet["tomme_pladser"], landet["tomme_beloeb"]) == (6, "60000.00")
    assert a["udfald"] | {"andel": round(a["udfald"]["andel"], 4)} == {
        "deltagere": 6,
        "job": 4,
        "uddannelse": 1,
        "uden_status": 0,
        "uger": 4,
        "andel": 0.8333,
        "jobcentre": {str(jobcenter_a.pk): 6},
    }
    assert landet["udfald"]["jobcentre"] == {str(jobcenter_a.pk): 6, str(jobcenter_b.pk): 4}
    assert (b["udfald"]["job"], b["udfald"]["uden_status"], b["udfald"]["andel"]) == (1, 3, 0.25)
    assert [h["egne_optagne"] for h in a["hold"]] == [6]
    assert a["faser"]["1"] == 1 and b["faser"]["1"] == 0


def test_outcomes_count_only_once_the_weeks_have_passed(afsluttet):
    dato = afsluttet.hold.slutdato + datetime.timedelta(weeks=4) - datetime.timedelta(days=1)
    services.beregn_kursusnoegletal(dato=dato)
    assert services.seneste().tal["udfald"]["deltagere"] == 0


def test_a_rerun_replaces_the_days_rows(afsluttet):
    dato = datetime.date(2027, 3, 1)
    antal = services.beregn_kursusnoegletal(dato=dato)
    assert services.beregn_kursusnoegletal(dato=dato) == antal
    assert Kursusnoegletal.objects.filter(dato=dato).count() == antal


def test_the_dashboard_reads_one_row_in_a_fixed_number_of_queries(
    afsluttet, client_for, leder, django_assert_max_num_queries
):
    services.beregn_kursusnoegletal(dato=datetime.date(2027, 3, 1))
    klient = client_for(leder)
    with django_assert_max_num_queries(10):
        side = klient.get(reverse("kursuskob:overblik")).content.decode()
    assert 'data-testid="tomme">20.000,00\u00a0kr.' in side
    assert "4 i job og 1 i uddannelse af 6 deltagere" in side


def test_the_analyst_sees_the_country_and_never_a_link_to_a_purchase(
    afsluttet, client_for, analytiker
):
    services.beregn_kursusnoegletal(dato=datetime.date(2027, 3, 1))
    side = client_for(analytiker).get(reverse("kursuskob:overblik")).content.decode()
    assert "Hele landet" in side and "62,5\u00a0%" in side
    assert reverse("kursuskob:kob", args=[afsluttet.pk]) not in side
    assert client_for(analytiker).get(afsluttet.get_absolute_url()).status_code == 403


def test_the_tovholder_is_warned_once_when_the_minimum_is_out_of_reach(
    kob, kollega, konsulent, borgere_a, mailoutbox, settings
):
    kollega.email = "tovholder@aarhus.example"
    kollega.save()
    settings.KURSUSKOB_ADVARSEL_DAGE = 14
    for borger in borgere_a[:5]:
        services.henvis(bruger=konsulent, kob=kob, borger=borger, idag=FOER_FRIST)
    frist = kob.hold.tilmeldingsfrist
    assert services.advar_om_minimum(dato=frist - datetime.timedelta(days=15)) == 0
    assert services.advar_om_minimum(dato=frist - datetime.timedelta(days=10)) == 1
    assert services.advar_om_minimum(dato=frist - datetime.timedelta(days=9)) == 0
    assert len(mailoutbox) == 1
    assert "har 5 henviste, men kræver mindst 12" in mailoutbox[0].body
    assert mailoutbox[0].to == ["tovholder@aarhus.example"]


def test_no_warning_when_the_minimum_is_reached(kob, konsulent, leder_b, borgere_a, borgere_b):
    for borger in borgere_a[:8]:
        services.henvis(bruger=konsulent, kob=kob, borger=borger, idag=FOER_FRIST)
    for borger in borgere_b[:4]:
        services.henvis(bruger=leder_b, kob=kob, borger=borger, idag=FOER_FRIST)
    assert services.advar_om_minimum(dato=kob.hold.tilmeldingsfrist) == 0
