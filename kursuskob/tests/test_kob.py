"""The phases' rules, the place arithmetic across jobcentres and the bad input the issue names."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from borgere.models import Adgangslog, Handling
from jobcenter.models import Rolle
from jobcenter.tests.factories import BrugerFactory, JobcenterFactory

from .. import services
from ..models import Fase, Kursuskob, Netvaerk, Netvaerksmedlem, Status, Tildeling, Tilmelding
from .conftest import FOER_FRIST
from .factories import START, HoldFactory, KursusFactory, KursuskobFactory

pytestmark = pytest.mark.django_db


def tilstand(kob):
    """Everything a refused action must leave as it was."""
    return (
        sorted(
            Tildeling.objects.filter(kursuskob=kob).values_list(
                "jobcenter_id", "pladser", "frigivet"
            )
        ),
        sorted(Tilmelding.objects.filter(kursuskob=kob).values_list("borger_id", "status")),
        Kursuskob.objects.get(pk=kob.pk).fase,
    )


def henvis(bruger, kob, borger, idag=FOER_FRIST):
    return services.henvis(bruger=bruger, kob=kob, borger=borger, idag=idag)


# --- Phase 1 and 2: the need and the agreement between jobcentres -----------------------------


def test_creating_a_purchase_makes_the_user_tovholder_of_the_primary_jobcentre(
    client_for, kollega, jobcenter_a
):
    kursus = KursusFactory()
    hold = HoldFactory.build(kursus=kursus)
    svar = client_for(kollega).post(
        reverse("kursuskob:opret"),
        {
            "hold-kursus": kursus.pk,
            "hold-institution": HoldFactory().institution.pk,
            "hold-kapacitet": 16,
            "hold-startdato": hold.startdato.isoformat(),
            "kob-samarbejdsmodel": "netvaerk",
            "kob-behov": "Femern Bælt mangler maskinførere.",
            "kob-egne_pladser": 8,
        },
    )
    kob = Kursuskob.objects.get(hold__kursus=kursus)
    assert svar.status_code == 302 and svar["Location"] == kob.get_absolute_url()
    assert (kob.fase, kob.tovholder, kob.primaert_jobcenter) == (1, kollega, jobcenter_a)
    linje = kob.tildelinger.get()
    assert (linje.jobcenter, linje.pladser, linje.noegleperson) == (jobcenter_a, 8, kollega)
    assert linje.bekraeftet is not None


def test_a_purchase_with_more_own_places_than_the_class_holds_is_not_created(client_for, kollega):
    kursus = KursusFactory()
    svar = client_for(kollega).post(
        reverse("kursuskob:opret"),
        {
            "hold-kursus": kursus.pk,
            "hold-institution": HoldFactory().institution.pk,
            "hold-kapacitet": 10,
            "kob-samarbejdsmodel": "netvaerk",
            "kob-egne_pladser": 11,
        },
    )
    assert svar.status_code == 200
    assert "Holdet har 10 pladser" in svar.content.decode()
    assert not Kursuskob.objects.filter(hold__kursus=kursus).exists()


def test_phase_1_closes_only_when_the_need_is_described(kollega):
    kob = KursuskobFactory(tovholder=kollega, behov="", maaljob="")
    with pytest.raises(ValidationError, match="Behovet og begrundelsen"):
        services.naeste_fase(bruger=kollega, kob=kob, idag=FOER_FRIST)
    kob.behov, kob.maaljob = "Virksomhederne mangler stilladsmontører.", "Stilladsmontør"
    kob.save()
    assert services.naeste_fase(bruger=kollega, kob=kob, idag=FOER_FRIST).fase == 2


def test_phase_2_waits_until_every_jobcentre_has_confirmed_its_places(
    kollega, leder_b, jobcenter_a, jobcenter_b
):
    kob = KursuskobFactory(tovholder=kollega, fase=Fase.AFTALE_JOBCENTRE)
    services.fordel_pladser(bruger=kollega, kob=kob, jobcenter=jobcenter_a, pladser=8)
    services.fordel_pladser(bruger=kollega, kob=kob, jobcenter=jobcenter_b, pladser=8)
    with pytest.raises(ValidationError, match="Jobcenter Aalborg"):
        services.naeste_fase(bruger=kollega, kob=kob, idag=FOER_FRIST)
    services.bekraeft_pladser(bruger=leder_b, kob=kob, noegleperson=leder_b)
    assert services.naeste_fase(bruger=kollega, kob=kob, idag=FOER_FRIST).fase == 3


def test_a_changed_line_must_be_confirmed_again(kollega, leder_b, jobcenter_b):
    kob = KursuskobFactory(tovholder=kollega, fase=Fase.AFTALE_JOBCENTRE)
    services.fordel_pladser(bruger=kollega, kob=kob, jobcenter=jobcenter_b, pladser=8)
    services.bekraeft_pladser(bruger=leder_b, kob=kob, noegleperson=leder_b)
    services.fordel_pladser(bruger=kollega, kob=kob, jobcenter=jobcenter_b, pladser=6)
    assert kob.tildelinger.get(jobcenter=jobcenter_b).bekraeftet is None


def test_more_places_committed_than_the_class_holds_is_refused_and_nothing_changes(
    kollega, jobcenter_a, jobcenter_b
):
    kob = KursuskobFactory(tovholder=kollega, fase=Fase.AFTALE_JOBCENTRE)
    services.fordel_pladser(bruger=kollega, kob=kob, jobcenter=jobcenter_a, pladser=10)
    foer = tilstand(kob)
    with pytest.raises(ValidationError, match="højst 6 til Jobcenter Aalborg"):
        services.fordel_pladser(bruger=kollega, kob=kob, jobcenter=jobcenter_b, pladser=7)
    assert tilstand(kob) == foer


def test_only_the_tovholder_sets_the_key_and_only_a_jobcentres_leaders_confirm_for_it(
    kollega, konsulent, leder_b, jobcenter_b
):
    kob = KursuskobFactory(tovholder=kollega, fase=Fase.AFTALE_JOBCENTRE)
    with pytest.raises(ValidationError, match="Kun tovholderen"):
        services.fordel_pladser(bruger=leder_b, kob=kob, jobcenter=jobcenter_b, pladser=8)
    services.fordel_pladser(bruger=kollega, kob=kob, jobcenter=jobcenter_b, pladser=8)
    konsulent_b = BrugerFactory(rolle=Rolle.JOBKONSULENT, jobcenter=jobcenter_b)
    with pytest.raises(ValidationError, match="ledere"):
        services.bekraeft_pladser(bruger=konsulent_b, kob=kob, noegleperson=konsulent_b)
    with pytest.raises(ValidationError, match="eget jobcenter"):
        services.bekraeft_pladser(bruger=leder_b, kob=kob, noegleperson=konsulent)


def test_phase_3_needs_the_agreement_with_the_institution(kollega):
    kob = KursuskobFactory(
        tovholder=kollega,
        fase=Fase.AFTALE_INSTITUTION,
        hold__pris_pr_plads=None,
        aftale_indgaaet=None,
    )
    with pytest.raises(ValidationError) as fejl:
        services.naeste_fase(bruger=kollega, kob=kob, idag=FOER_FRIST)
    assert "Pris pr. plads" in str(fejl.value) and "Aftalen med institutionen" in str(fejl.value)
    assert Kursuskob.objects.get(pk=kob.pk).fase == Fase.AFTALE_INSTITUTION


# --- Phase 4: referral, overbooking and the waiting list --------------------------------------


def test_referrals_beyond_own_places_and_overbooking_go_on_the_waiting_list(
    kob, konsulent, borgere_a
):
    tilmeldinger = [henvis(konsulent, kob, b) for b in borgere_a[:10]]
    statusser = [t.status for t in tilmeldinger]
    # 8 own places + 1 overbooking hold a place; the 10th waits.
    assert statusser == [Status.HENVIST] * 9 + [Status.VENTELISTE]
    linje = services.pladsregnskab(kob).linje(konsulent.jobcenter_id)
    assert (linje.henviste, linje.optagne, linje.venteliste) == (9, 0, 1)


def test_a_citizen_referred_twice_to_one_class_is_refused(kob, konsulent, borgere_a):
    henvis(konsulent, kob, borgere_a[0])
    foer = tilstand(kob)
    with pytest.raises(ValidationError, match="allerede henvist"):
        henvis(konsulent, kob, borgere_a[0])
    assert tilstand(kob) == foer


def test_referral_after_the_deadline_is_refused(kob, konsulent, borgere_a):
    frist = kob.hold.tilmeldingsfrist
    with pytest.raises(ValidationError, match=f"Tilmeldingsfristen var {frist:%d-%m-%Y}"):
        henvis(konsulent, kob, borgere_a[0], idag=frist + datetime.timedelta(days=1))
    assert not Tilmelding.objects.exists()
    assert henvis(konsulent, kob, borgere_a[0], idag=frist).status == Status.HENVIST


def test_a_jobcentre_refers_only_its_own_citizens_and_only_with_places(kob, konsulent, borgere_b):
    with pytest.raises(ValidationError, match="sine egne borgere"):
        henvis(konsulent, kob, borgere_b[0])
    udenfor = JobcenterFactory()
    konsulent_c = BrugerFactory(rolle=Rolle.JOBKONSULENT, jobcenter=udenfor)
    from borgere.tests.factories import BorgerFactory

    with pytest.raises(ValidationError, match="ingen pladser"):
        henvis(konsulent_c, kob, BorgerFactory(jobcenter=udenfor))
    assert not Tilmelding.objects.exists()


def test_referral_is_only_possible_in_phase_4(kob, konsulent, borgere_a):
    Kursuskob.objects.filter(pk=kob.pk).update(fase=Fase.AFTALE_INSTITUTION)
    kob.refresh_from_db()
    with pytest.raises(ValidationError, match="fase 4"):
        henvis(konsulent, kob, borgere_a[0])


def test_withdrawing_a_citizen_moves_the_first_on_the_waiting_list_up(kob, konsulent, borgere_a):
    tilmeldinger = [henvis(konsulent, kob, b) for b in borgere_a[:11]]
    rykket = services.afmeld(bruger=konsulent, tilmelding=tilmeldinger[0])
    assert rykket == tilmeldinger[9]
    assert Tilmelding.objects.get(pk=tilmeldinger[9].pk).status == Status.HENVIST
    assert Tilmelding.objects.get(pk=tilmeldinger[10].pk).status == Status.VENTELISTE


def test_booking_enrols_up_to_own_places_and_the_start_turns_the_rest_away(
    kob, kollega, konsulent, leder_b, borgere_a, borgere_b
):
    a = [henvis(konsulent, kob, b) for b in borgere_a[:10]]
    [henvis(leder_b, kob, b) for b in borgere_b[:5]]
    assert services.book_henviste(bruger=kollega, kob=kob) == 8 + 5
    regnskab = services.pladsregnskab(kob)
    assert [(li.jobcenter.navn, li.henviste, li.optagne) for li in regnskab.linjer] == [
        ("Jobcenter Aalborg", 5, 5),
        ("Jobcenter Aarhus", 9, 8),
    ]
    assert services.book_henviste(bruger=kollega, kob=kob) == 0  # idempotent
    services.naeste_fase(bruger=kollega, kob=kob, idag=START)
    statusser = Tilmelding.objects.filter(pk__in=[t.pk for t in a]).order_by("henvist", "pk")
    assert [t.status for t in statusser] == [Status.STARTET] * 8 + [Status.AFMELDT] * 2


def test_the_class_cannot_start_before_its_date_or_below_its_minimum(
    kob, kollega, konsulent, borgere_a
):
    [henvis(konsulent, kob, b) for b in borgere_a[:8]]
    services.book_henviste(bruger=kollega, kob=kob)
    with pytest.raises(ValidationError) as fejl:
        services.naeste_fase(bruger=kollega, kob=kob, idag=START - datetime.timedelta(days=1))
    besked = str(fejl.value)
    assert "Mindst 12 optaget" in besked and "Holdet starter 14-12-2026" in besked
    assert "Jobcenter Aalborg" in besked  # B has referred nobody: who must act
    assert Kursuskob.objects.get(pk=kob.pk).fase == Fase.VISITATION


# --- Places across jobcentres: release, claim, pay ------------------------------------------


def test_places_released_by_b_and_claimed_by_a_move_between_them(kob, konsulent, leder, leder_b):
    services.frigiv_pladser(bruger=leder_b, kob=kob, antal=2)
    regnskab = services.pladsregnskab(kob)
    b = regnskab.linje(leder_b.jobcenter_id)
    # B still pays for all 8 until someone buys the two; it keeps 6 for its citizens.
    assert (b.tilsagn, b.frigivet, b.egne, regnskab.til_koeb) == (8, 2, 6, 2)
    services.koeb_ledige_pladser(bruger=leder, kob=kob, antal=2)
    regnskab = services.pladsregnskab(kob)
    a, b = regnskab.linje(leder.jobcenter_id), regnskab.linje(leder_b.jobcenter_id)
    assert (a.tilsagn, a.egne, b.tilsagn, b.frigivet, regnskab.til_koeb) == (10, 10, 6, 0, 0)
    assert regnskab.tilsagn == 16


def test_a_claim_takes_released_places_before_uncommitted_ones(kob, leder, leder_b, jobcenter_b):
    Tildeling.objects.filter(kursuskob=kob, jobcenter=jobcenter_b).update(pladser=6)
    services.frigiv_pladser(bruger=leder_b, kob=kob, antal=1)
    services.koeb_ledige_pladser(bruger=leder, kob=kob, antal=3)
    b = Tildeling.objects.get(kursuskob=kob, jobcenter=jobcenter_b)
    assert (b.pladser, b.frigivet) == (5, 0)
    assert Tildeling.objects.get(kursuskob=kob, jobcenter=leder.jobcenter).pladser == 11


def test_a_jobcentre_outside_the_purchase_and_its_network_cannot_claim(kob, leder_b):
    services.frigiv_pladser(bruger=leder_b, kob=kob, antal=2)
    leder_c = BrugerFactory(rolle=Rolle.LEDER, jobcenter=JobcenterFactory(navn="Jobcenter Tønder"))
    foer = tilstand(kob)
    with pytest.raises(ValidationError, match="ikke med i kursuskøbet eller dets netværk"):
        services.koeb_ledige_pladser(bruger=leder_c, kob=kob, antal=1)
    assert tilstand(kob) == foer
    # A member of the purchase's network may buy them: a secondary purchase.
    kob.netvaerk = Netvaerk.objects.create(navn="En sønderjysk klynge", organisering="forum")
    kob.save()
    Netvaerksmedlem.objects.create(netvaerk=kob.netvaerk, jobcenter=leder_c.jobcenter)
    linje = services.koeb_ledige_pladser(bruger=leder_c, kob=kob, antal=1)
    assert (linje.pladser, linje.sekundaer) == (1, True)


def test_nobody_claims_or_releases_more_than_there_is(kob, konsulent, leder, leder_b, borgere_b):
    [henvis(leder_b, kob, b) for b in borgere_b[:7]]
    foer = tilstand(kob)
    with pytest.raises(ValidationError, match="1 pladser, som ingen borger er henvist til"):
        services.frigiv_pladser(bruger=leder_b, kob=kob, antal=2)
    with pytest.raises(ValidationError, match="Der er 0 pladser til køb"):
        services.koeb_ledige_pladser(bruger=leder, kob=kob, antal=1)
    with pytest.raises(ValidationError, match="ledere"):
        services.frigiv_pladser(bruger=konsulent, kob=kob, antal=1)
    assert tilstand(kob) == foer


def test_each_jobcentre_pays_for_its_committed_places_also_the_empty_ones(
    kob, kollega, konsulent, leder_b, borgere_a, borgere_b
):
    [henvis(konsulent, kob, b) for b in borgere_a[:7]]
    [henvis(leder_b, kob, b) for b in borgere_b[:5]]
    services.book_henviste(bruger=kollega, kob=kob)
    services.naeste_fase(bruger=kollega, kob=kob, idag=START)
    regnskab = services.pladsregnskab(kob)
    a = regnskab.linje(konsulent.jobcenter_id)
    b = regnskab.linje(leder_b.jobcenter_id)
    assert (a.optagne, a.tomme, b.optagne, b.tomme) == (7, 1, 5, 3)
    assert (a.betaling, a.tomme_beloeb) == (Decimal("80000.00"), Decimal("10000.00"))
    assert b.tomme_beloeb == Decimal("30000.00")
    # 80 pct. driftsrefusion: the municipality pays a fifth.
    assert a.netto == Decimal("16000.00")
    assert (regnskab.betaling, regnskab.tomme, regnskab.fyldningsgrad) == (
        Decimal("160000.00"),
        4,
        0.75,
    )


# --- Phase 5: follow-up -----------------------------------------------------------------------


@pytest.fixture
def startet(kob, kollega, konsulent, leder_b, borgere_a, borgere_b):
    [henvis(konsulent, kob, b) for b in borgere_a[:8]]
    [henvis(leder_b, kob, b) for b in borgere_b[:4]]
    services.book_henviste(bruger=kollega, kob=kob)
    return services.naeste_fase(bruger=kollega, kob=kob, idag=START)


def test_follow_up_records_status_and_situation_with_a_date(startet, konsulent, leder_b):
    tilmelding = Tilmelding.objects.filter(jobcenter=konsulent.jobcenter).first()
    with pytest.raises(ValidationError, match="dato"):
        services.registrer_opfoelgning(
            bruger=konsulent,
            tilmelding=tilmelding,
            status=Status.GENNEMFOERT,
            udfald="job",
            udfald_dato=None,
            note="",
        )
    with pytest.raises(ValidationError, match="eget jobcenter"):
        services.registrer_opfoelgning(
            bruger=leder_b,
            tilmelding=tilmelding,
            status=Status.GENNEMFOERT,
            udfald="job",
            udfald_dato=START,
            note="",
        )
    services.registrer_opfoelgning(
        bruger=konsulent,
        tilmelding=tilmelding,
        status=Status.GENNEMFOERT,
        udfald="job",
        udfald_dato=START + datetime.timedelta(days=30),
        note="Ansat hos NCC",
    )
    tilmelding.refresh_from_db()
    assert (tilmelding.status, tilmelding.udfald) == (Status.GENNEMFOERT, "job")
    assert Adgangslog.objects.filter(borger=tilmelding.borger, handling=Handling.KURSUS).exists()


def test_phase_5_checklist_names_the_jobcentres_that_must_follow_up(startet, konsulent):
    slut = startet.hold.slutdato
    for t in Tilmelding.objects.filter(jobcenter=konsulent.jobcenter, status=Status.STARTET):
        services.registrer_opfoelgning(
            bruger=konsulent,
            tilmelding=t,
            status=Status.GENNEMFOERT,
            udfald="job",
            udfald_dato=slut,
            note="",
        )
    punkter = services.tjekliste(startet, services.pladsregnskab(startet), slut)
    assert [(p.opfyldt, p.hvem) for p in punkter] == [
        (False, "en jobkonsulent i Jobcenter Aalborg"),
        (True, None),
    ]


# --- Through the pages: errors are shown, nothing is saved ---------------------------------


def test_a_refused_action_shows_the_rule_and_saves_nothing(client_for, kob, kollega, jobcenter_b):
    Kursuskob.objects.filter(pk=kob.pk).update(fase=Fase.AFTALE_JOBCENTRE)
    foer = tilstand(kob)
    svar = client_for(kollega).post(
        reverse("kursuskob:handling", args=[kob.pk, "fordel"]),
        {"fordeling-jobcenter": jobcenter_b.pk, "fordeling-pladser": 9},
        follow=True,
    )
    assert "højst 8 til Jobcenter Aalborg" in svar.content.decode()
    assert tilstand(kob) == foer


def test_referral_from_the_citizens_page(client_for, kob, konsulent, borgere_a):
    borger = borgere_a[0]
    klient = client_for(konsulent)
    side = klient.get(borger.get_absolute_url()).content.decode()
    assert "Henvis borgeren" in side and kob.hold.kursus.titel in side
    svar = klient.post(
        reverse("kursuskob:henvis", args=[borger.pk]),
        {"kursuskob": kob.pk, "note": "Motiveret"},
        follow=True,
    )
    assert f"{borger.navn} er henvist" in svar.content.decode()
    assert Tilmelding.objects.get(borger=borger).henvist_af == konsulent


# --- Issue 14, item 11: free seats, who must act, Danish genitive ----------------------------


def test_it_shows_free_seats_as_the_places_nobody_is_enrolled_on(
    client_for, kob, kollega, konsulent, leder_b, borgere_a, borgere_b
):
    """All 16 places are committed (8 + 8), so none are for sale; 3 + 2 enrolled leave 11 free."""
    [henvis(konsulent, kob, b) for b in borgere_a[:3]]
    [henvis(leder_b, kob, b) for b in borgere_b[:2]]
    services.book_henviste(bruger=kollega, kob=kob)
    liste = client_for(konsulent).get(reverse("kursuskob:liste")).content.decode()
    assert 'data-testid="ledige">11<' in liste
    assert 'data-testid="til-koeb">–<' in liste
    assert "Ledige <span" in liste and "Til køb" in liste
    side = client_for(konsulent).get(kob.get_absolute_url()).content.decode()
    assert "5 er optaget" in side and "11 er ledige" in side


def test_it_lists_the_places_for_sale_apart_from_the_free_seats(
    client_for, kob, konsulent, leder_b
):
    services.frigiv_pladser(bruger=leder_b, kob=kob, antal=2)
    klient = client_for(konsulent)
    liste = klient.get(reverse("kursuskob:liste")).content.decode()
    assert 'data-testid="ledige">16<' in liste
    assert '<span class="badge badge-success">2</span>' in liste
    filtreret = klient.get(reverse("kursuskob:liste"), {"til_koeb": "1"}).content.decode()
    assert kob.hold.kursus.titel in filtreret
    side = klient.get(kob.get_absolute_url()).content.decode()
    assert "2 kan købes af netværkets jobcentre" in side


def test_it_writes_aarhus_borgere_with_an_apostrophe(client_for, kob, konsulent):
    side = client_for(konsulent).get(kob.get_absolute_url()).content.decode()
    assert "Jobcenter Aarhus&#x27; borgere på holdet" in side
    assert "Aarhuss" not in side


def test_it_names_the_role_a_blocked_phase_waits_for(kollega, jobcenter_a, jobcenter_b):
    kob = KursuskobFactory(tovholder=kollega, behov="", maaljob="")
    with pytest.raises(ValidationError, match=r"venter på tovholderen \("):
        services.naeste_fase(bruger=kollega, kob=kob, idag=FOER_FRIST)
    Kursuskob.objects.filter(pk=kob.pk).update(fase=Fase.AFTALE_JOBCENTRE)
    services.fordel_pladser(bruger=kollega, kob=kob, jobcenter=jobcenter_a, pladser=8)
    services.fordel_pladser(bruger=kollega, kob=kob, jobcenter=jobcenter_b, pladser=8)
    with pytest.raises(ValidationError, match="venter på lederen i Jobcenter Aalborg"):
        services.naeste_fase(bruger=kollega, kob=kob, idag=FOER_FRIST)


def test_it_names_the_consultants_that_must_refer_citizens(kob, kollega, konsulent, borgere_a):
    [henvis(konsulent, kob, b) for b in borgere_a[:8]]
    with pytest.raises(ValidationError, match="venter på en jobkonsulent i Jobcenter Aalborg"):
        services.naeste_fase(bruger=kollega, kob=kob, idag=START)


def test_it_gives_the_demo_a_leader_who_can_confirm_a_purchase_waiting_for_one():
    """The demo's phase-2 purchase waits for the leaders of its jobcentres, and the demo has a
    leader in each of them who can confirm."""
    import random

    from jobcenter.demo import opret_brugere, opret_jobcentre

    from ..demo import opret_kursuskob, opret_kursusledere

    opret_brugere(opret_jobcentre())
    opret_kursusledere()
    opret_kursuskob(random.Random(2026), START)
    kob = Kursuskob.objects.get(fase=Fase.AFTALE_JOBCENTRE)
    with pytest.raises(ValidationError) as fejl:
        services.naeste_fase(bruger=kob.tovholder, kob=kob, idag=START)
    besked = str(fejl.value)
    jobcentre = list(kob.tildelinger.values_list("jobcenter__navn", flat=True))
    assert len(jobcentre) == 2 and "venter på lederen i " in besked
    assert all(navn in besked for navn in jobcentre)
    for tildeling in kob.tildelinger.all():
        leder = tildeling.jobcenter.medarbejdere.get(rolle=Rolle.LEDER)
        services.bekraeft_pladser(bruger=leder, kob=kob, noegleperson=leder)
    naeste = services.naeste_fase(bruger=kob.tovholder, kob=kob, idag=START)
    assert naeste.fase == Fase.AFTALE_INSTITUTION


def test_an_agreement_cannot_be_entered_into_in_the_future(client_for, kollega):
    """Issue 14, item 11: »Aftale indgået« could lie after today."""
    kob = KursuskobFactory(tovholder=kollega, fase=Fase.AFTALE_INSTITUTION, aftale_indgaaet=None)
    imorgen = datetime.date.today() + datetime.timedelta(days=1)
    data = {
        "aftale_indgaaet": imorgen.isoformat(),
        "afbudsbetingelser": "14 dage",
        "refusionsprocent": 80,
        "overbookning": 0,
    }
    svar = client_for(kollega).post(reverse("kursuskob:aftale", args=[kob.pk]), data)
    assert "kan ikke ligge i fremtiden" in svar.content.decode()
    kob.refresh_from_db()
    assert kob.aftale_indgaaet is None
    data["aftale_indgaaet"] = datetime.date.today().isoformat()
    assert (
        client_for(kollega).post(reverse("kursuskob:aftale", args=[kob.pk]), data).status_code
        == 302
    )
