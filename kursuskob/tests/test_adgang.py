"""The rules about a purchase, a network and a questionnaire (kursuskob/access.py): who runs
the purchase, who commits money, who refers, who changes a network or a questionnaire. The
referral rule is one: the page offers the form exactly when the service would accept."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from jobcenter.models import Rolle
from jobcenter.tests.factories import BrugerFactory, JobcenterFactory

from .. import access, services
from ..models import Fase, Kursuskob, Netvaerk, Netvaerksmedlem, Runde, Spoergeskema, Tildeling
from .conftest import FOER_FRIST
from .factories import KursuskobFactory

pytestmark = pytest.mark.django_db


def test_the_tovholder_and_the_primary_jobcentres_leaders_run_the_purchase(
    kob, kollega, leder, konsulent, leder_b, administrator
):
    assert access.er_tovholder(kollega, kob)
    assert access.er_tovholder(leder, kob) and access.er_tovholder(administrator, kob)
    assert not access.er_tovholder(konsulent, kob)
    assert not access.er_tovholder(leder_b, kob)


def test_leaders_commit_their_jobcentre_and_the_tovholder_the_primary_one(
    kob, kollega, leder, konsulent, leder_b, analytiker, jobcenter_b
):
    assert access.kan_forpligte(leder, kob) and access.kan_forpligte(leder_b, kob)
    assert access.kan_forpligte(kollega, kob)
    assert not access.kan_forpligte(konsulent, kob)
    assert not access.kan_forpligte(analytiker, kob)
    tovholder_b = BrugerFactory(rolle=Rolle.JOBKONSULENT, jobcenter=jobcenter_b)
    Kursuskob.objects.filter(pk=kob.pk).update(tovholder=tovholder_b)
    kob.refresh_from_db()
    # The tovholder commits the primary jobcentre only, and B is not it.
    assert not access.kan_forpligte(tovholder_b, kob)


def test_a_jobcentre_buys_places_when_it_is_in_the_purchase_or_its_network(kob, konsulent):
    udenfor = BrugerFactory(rolle=Rolle.LEDER, jobcenter=JobcenterFactory())
    assert access.kan_koebe(konsulent, kob)
    assert not access.kan_koebe(udenfor, kob)
    netvaerk = Netvaerk.objects.create(navn="Job7", organisering="fast")
    Netvaerksmedlem.objects.create(netvaerk=netvaerk, jobcenter=udenfor.jobcenter)
    Kursuskob.objects.filter(pk=kob.pk).update(netvaerk=netvaerk)
    kob.refresh_from_db()
    assert access.kan_koebe(udenfor, kob)


def test_the_referral_rule_and_the_service_give_the_same_answer(kob, konsulent, borgere_a):
    """Each way the rule says no, the service refuses with the rule's own words."""
    frist = kob.hold.tilmeldingsfrist
    udenfor = BrugerFactory(rolle=Rolle.JOBKONSULENT, jobcenter=JobcenterFactory())
    fase_3 = Kursuskob.objects.get(pk=kob.pk)
    fase_3.fase = Fase.AFTALE_INSTITUTION
    tilfaelde = [
        (
            konsulent,
            kob,
            frist + datetime.timedelta(days=1),
            f"Tilmeldingsfristen var {frist:%d-%m-%Y}",
        ),
        (udenfor, kob, FOER_FRIST, "ingen pladser"),
        (konsulent, fase_3, FOER_FRIST, "kun ske i fase 4; kursuskøbet er i fase 3"),
    ]
    for bruger, kursuskob, idag, grund in tilfaelde:
        assert not access.kan_henvise(bruger, kursuskob, idag=idag)
        assert grund in access.henvisning_afvises(bruger, kursuskob, idag=idag)
    with pytest.raises(ValidationError, match="Tilmeldingsfristen var"):
        services.henvis(
            bruger=konsulent, kob=kob, borger=borgere_a[0], idag=frist + datetime.timedelta(days=1)
        )
    assert access.kan_henvise(konsulent, kob, idag=frist)
    assert access.henvisning_afvises(konsulent, kob, idag=frist) == ""
    services.henvis(bruger=konsulent, kob=kob, borger=borgere_a[0], idag=frist)


def test_the_analyst_refers_nobody(kob, analytiker):
    assert not access.kan_henvise(analytiker, kob, idag=FOER_FRIST)


def test_a_jobcentre_refers_its_own_citizens_only(konsulent, borgere_a, borgere_b):
    assert access.kan_henvise_borger(konsulent, borgere_a[0])
    assert not access.kan_henvise_borger(konsulent, borgere_b[0])


@pytest.mark.parametrize("dage_til_fristen", [3, -1])
def test_the_purchase_page_offers_the_referral_form_exactly_when_the_rule_allows(
    client_for, kob, konsulent, dage_til_fristen
):
    idag = timezone.localdate()
    kob.hold.tilmeldingsfrist = idag + datetime.timedelta(days=dage_til_fristen)
    kob.hold.startdato = max(kob.hold.startdato, kob.hold.tilmeldingsfrist)
    kob.hold.save()
    html = client_for(konsulent).get(reverse("kursuskob:kob", args=[kob.pk])).content.decode()
    tilladt = access.kan_henvise(konsulent, kob, idag=idag)
    assert tilladt is (dage_til_fristen >= 0)
    assert ("<h3>Henvis en borger</h3>" in html) is tilladt


def test_a_leader_of_a_member_jobcentre_changes_the_network(
    client_for, leder, konsulent, leder_b, jobcenter_a
):
    netvaerk = Netvaerk.objects.create(navn="Job7", organisering="fast")
    Netvaerksmedlem.objects.create(netvaerk=netvaerk, jobcenter=jobcenter_a)
    assert access.kan_rette_netvaerk(leder, netvaerk)
    assert not access.kan_rette_netvaerk(konsulent, netvaerk)
    assert not access.kan_rette_netvaerk(leder_b, netvaerk)
    url = reverse("kursuskob:netvaerk_rediger", args=[netvaerk.pk])
    assert client_for(konsulent).get(url).status_code == 403
    assert client_for(leder).get(url).status_code == 200


def test_the_owning_administrators_edit_a_copy_until_a_round_uses_it(
    administrator, leder, jobcenter_b
):
    skabelon = Spoergeskema.objects.get(skabelon=True)
    kopi = services.kopier_skema(skema=skabelon, jobcenter=administrator.jobcenter)
    andres = BrugerFactory(rolle=Rolle.ADMINISTRATOR, jobcenter=jobcenter_b)
    assert access.kan_rette_skema(administrator, kopi)
    assert not access.kan_rette_skema(leder, kopi)
    assert not access.kan_rette_skema(andres, kopi)
    assert not access.kan_rette_skema(administrator, skabelon)
    Runde.objects.create(
        skema=kopi,
        navn="Runde",
        frist=timezone.localdate() + datetime.timedelta(days=30),
        oprettet_af=administrator,
    )
    assert not access.kan_rette_skema(administrator, kopi)


def test_a_citizens_page_offers_the_purchases_the_referral_rule_allows(
    kob, konsulent, kollega, jobcenter_a, jobcenter_b
):
    """The list of purchases (a QuerySet) and the rule about one purchase agree."""
    fase_3 = KursuskobFactory(tovholder=kollega, fase=Fase.AFTALE_INSTITUTION)
    kun_b = KursuskobFactory(tovholder=kollega, fase=Fase.VISITATION)
    uden_frist = KursuskobFactory(tovholder=kollega, fase=Fase.VISITATION)
    uden_frist.hold.tilmeldingsfrist = None
    uden_frist.hold.save()
    for kursuskob, jobcenter in (
        (fase_3, jobcenter_a),
        (kun_b, jobcenter_b),
        (uden_frist, jobcenter_a),
    ):
        Tildeling.objects.create(kursuskob=kursuskob, jobcenter=jobcenter, pladser=4)
    frist = kob.hold.tilmeldingsfrist
    for idag, forventet in (
        (frist, {kob, uden_frist}),
        (frist + datetime.timedelta(days=1), {uden_frist}),
    ):
        tilbudt = set(access.kob_til_henvisning(jobcenter_a.pk, idag=idag))
        assert tilbudt == forventet
        alle = Kursuskob.objects.all()
        assert tilbudt == {k for k in alle if access.kan_henvise(konsulent, k, idag=idag)}


def test_only_those_who_can_recompute_the_indsatskort_are_told_they_can(
    client_for, administrator, jobcenter_a, jobcenter_b
):
    runde = Runde.objects.create(
        skema=Spoergeskema.objects.get(skabelon=True),
        navn="Kursuskøb 2027",
        frist=timezone.localdate() + datetime.timedelta(days=30),
        oprettet_af=administrator,
    )
    runde.jobcentre.set([jobcenter_a, jobcenter_b])
    andres = BrugerFactory(rolle=Rolle.ADMINISTRATOR, jobcenter=jobcenter_b)
    url = reverse("kursuskob:indsatskort", args=[runde.pk])
    tekst = "eller når du beder om det på rundens side"
    assert tekst in client_for(administrator).get(url).content.decode()
    html = client_for(andres).get(url).content.decode()
    assert "Indsatskortet er ikke beregnet endnu" in html and tekst not in html
