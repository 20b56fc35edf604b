import csv
import datetime
import io

import pandas as pd
import pytest
from django.db import IntegrityError, connection, transaction
from django.urls import URLPattern, reverse
from django.utils import timezone

from borgere import urls as borger_urls
from borgere.models import (
    Adgangslog,
    Forloebsopgaveart,
    Forloebstype,
    Praktikaftale,
    Praktikforloeb,
    Trin,
    Udfald,
)
from borgere.services import afslut_forloeb, naeste_trin, pladsoversigt
from borgere.tests.factories import BorgerFactory
from virksomheder.models import Opgave, Opgaveart, Plads, Virksomhedscenter
from virksomheder.tests.factories import VirksomhedFactory

pytestmark = pytest.mark.django_db

START = datetime.date(2026, 9, 1)


def praktik() -> Forloebstype:
    return Forloebstype.objects.get(kode="virksomhedspraktik")


@pytest.fixture
def borger(jobcenter_a):
    return BorgerFactory(jobcenter=jobcenter_a, fornavn="Brian", efternavn="Bager")


@pytest.fixture
def virksomhed():
    return VirksomhedFactory(navn="Nordfyns Dagligvarer A/S", cvr="13585628")


def lav_forloeb(borger, virksomhed, konsulent, **extra) -> Praktikforloeb:
    return Praktikforloeb.objects.create(
        borger=borger,
        virksomhed=virksomhed,
        type=praktik(),
        jobkonsulent=konsulent,
        start=extra.pop("start", START),
        planlagt_slut=extra.pop("planlagt_slut", START + datetime.timedelta(weeks=13, days=-1)),
        **extra,
    )


def test_a_consultant_creates_a_forloeb_from_the_citizens_page(
    client_for, konsulent, borger, virksomhed
):
    response = client_for(konsulent).post(
        reverse("borgere:forloeb_opret", args=[borger.pk]),
        {
            "virksomhed_soeg": "1358 5628",
            "type": praktik().pk,
            "jobkonsulent": konsulent.pk,
            "start": "2026-09-01",
        },
    )
    forloeb = Praktikforloeb.objects.get()
    assert response.url == forloeb.get_absolute_url()
    assert (forloeb.virksomhed, forloeb.trin) == (virksomhed, Trin.VISITATION)
    assert forloeb.planlagt_slut == datetime.date(2026, 11, 30)  # the type's usual 13 weeks
    assert Adgangslog.objects.filter(borger=borger, handling="forloeb_rettet").exists()


@pytest.mark.parametrize(
    ("data", "besked"),
    [
        ({"virksomhed_soeg": "12345678"}, "Ingen virksomhed har det CVR-nummer"),
        ({"planlagt_slut": "2026-08-01"}, "Den planlagte slutdato må ikke ligge før starten"),
        ({"start": ""}, "Dette felt er påkrævet"),
    ],
)
def test_a_bad_forloeb_is_refused(client_for, konsulent, borger, virksomhed, data, besked):
    response = client_for(konsulent).post(
        reverse("borgere:forloeb_opret", args=[borger.pk]),
        {
            "virksomhed_soeg": "13585628",
            "type": praktik().pk,
            "jobkonsulent": konsulent.pk,
            "start": "2026-09-01",
            **data,
        },
    )
    assert besked in response.content.decode()
    assert not Praktikforloeb.objects.exists()


def test_a_forloeb_cannot_start_without_a_concrete_goal(konsulent, borger, virksomhed):
    forloeb = lav_forloeb(borger, virksomhed, konsulent, trin=Trin.PRAKTIKAFTALE)
    with pytest.raises(Exception, match="Der skal altid være et konkret formål"):
        naeste_trin(bruger=konsulent, forloeb=forloeb)
    Praktikaftale.objects.create(forloeb=forloeb, maal="   ", timer_pr_uge=15)
    with pytest.raises(Exception, match="konkret formål"):
        naeste_trin(bruger=konsulent, forloeb=forloeb)
    forloeb.refresh_from_db()
    assert forloeb.trin == Trin.PRAKTIKAFTALE


def test_the_steps_through_the_pages(client_for, konsulent, borger, virksomhed):
    forloeb = lav_forloeb(borger, virksomhed, konsulent)
    client = client_for(konsulent)
    trin = reverse("borgere:naeste_trin", args=[forloeb.pk])
    client.post(trin)  # 1 -> 2
    response = client.post(
        reverse("borgere:praktikaftale", args=[forloeb.pk]),
        {
            "maal": "Ordinært job i bageriet efter 13 uger.",
            "formaalstype": "springbraet",
            "timer_pr_uge": "15",
            "timer_pr_uge_slut": "25",
        },
    )
    assert response.status_code == 302
    forloeb.refresh_from_db()
    assert forloeb.trin == Trin.PRAKTIKAFTALE  # writing the agreement is step 3
    html = client.get(forloeb.get_absolute_url()).content.decode()
    assert "Afslut forløbet" not in html  # nothing to end before it has started
    html = client.post(trin, follow=True).content.decode()
    forloeb.refresh_from_db()
    assert forloeb.trin == Trin.UNDERVEJS
    assert "Forløbet er startet." in html
    assert "Ordinært job i bageriet" in html and 'aria-current="step"' in html
    assert "Afslut forløbet" in html


def test_a_forloeb_that_has_not_started_cannot_be_ended(client_for, konsulent, borger, virksomhed):
    forloeb = lav_forloeb(borger, virksomhed, konsulent, trin=Trin.PRAKTIKAFTALE)
    html = (
        client_for(konsulent)
        .post(
            reverse("borgere:forloeb_handling", args=[forloeb.pk, "afslut"]),
            {"afslut-slutdato": "2026-09-20", "afslut-udfald": "andet"},
            follow=True,
        )
        .content.decode()
    )
    assert "Et forløb afsluttes, når det er startet" in html
    forloeb.refresh_from_db()
    assert forloeb.trin == Trin.PRAKTIKAFTALE and not Opgave.objects.exists()


def test_the_status_question_is_a_fieldset_whose_options_have_labels(
    client_for, konsulent, borger, virksomhed
):
    forloeb = lav_forloeb(
        borger,
        virksomhed,
        konsulent,
        trin=Trin.AFSLUTNING,
        faktisk_slut=datetime.date(2026, 9, 30),
    )
    html = client_for(konsulent).get(forloeb.get_absolute_url()).content.decode()
    assert 'for=""' not in html
    assert (
        '<legend class="form-label">Er borgeren selvforsørgende 4 uger efter forløbet?</legend>'
        in html
    )
    assert 'id="id_status-selvforsoergende_0"' in html
    assert 'for="id_status-selvforsoergende_0">Ja</label>' in html


def test_a_falling_hours_plan_is_refused(client_for, konsulent, borger, virksomhed):
    forloeb = lav_forloeb(borger, virksomhed, konsulent)
    response = client_for(konsulent).post(
        reverse("borgere:praktikaftale", args=[forloeb.pk]),
        {
            "maal": "Job",
            "formaalstype": "springbraet",
            "timer_pr_uge": "25",
            "timer_pr_uge_slut": "15",
        },
    )
    assert "En timeplan kan stige, men ikke falde" in response.content.decode()
    assert not Praktikaftale.objects.exists()


def test_follow_up_extension_and_ending_with_the_four_week_task(
    client_for, konsulent, borger, virksomhed
):
    forloeb = lav_forloeb(borger, virksomhed, konsulent, trin=Trin.UNDERVEJS)
    client = client_for(konsulent)
    handling = lambda art: reverse("borgere:forloeb_handling", args=[forloeb.pk, art])  # noqa: E731
    client.post(
        handling("opfoelgning"),
        {
            "opfoelgning-dato": "2026-09-15",
            "opfoelgning-deltagere": "Brian, mentor og jobkonsulent",
            "opfoelgning-note": "Godt i gang.",
        },
    )
    assert forloeb.opfoelgninger.get().deltagere == "Brian, mentor og jobkonsulent"
    client.post(
        handling("forlaengelse"),
        {
            "forlaengelse-ny_slut": "2026-12-31",
            "forlaengelse-tekst": "Med mulighed for læreplads efter praktikperioden",
        },
    )
    forloeb.refresh_from_db()
    assert forloeb.planlagt_slut == datetime.date(2026, 12, 31)
    assert forloeb.forlaengelser.get().tidligere_slut == datetime.date(2026, 11, 30)
    client.post(
        handling("afslut"), {"afslut-slutdato": "2026-12-20", "afslut-udfald": "uddannelse"}
    )
    forloeb.refresh_from_db()
    assert (forloeb.trin, forloeb.faktisk_slut, forloeb.udfald) == (
        Trin.AFSLUTNING,
        datetime.date(2026, 12, 20),
        "uddannelse",
    )
    opgave = Opgave.objects.get()
    assert (opgave.art, opgave.frist, opgave.ansvarlig) == (
        Opgaveart.FRA_ANDEN_DEL,
        datetime.date(2027, 1, 17),
        konsulent,
    )
    # A link, not a URL; the kind is the citizens' side's, for the task's side knows no forløb.
    assert [(link.opgave, link.art) for link in forloeb.opgaver.all()] == [
        (opgave, Forloebsopgaveart.STATUS_4_UGER)
    ]
    client.post(handling("status"), {"status-selvforsoergende": "ja"})
    forloeb.refresh_from_db()
    opgave.refresh_from_db()
    assert forloeb.selvforsoergende_4_uger is True and opgave.udfoert is not None


def test_an_interrupted_forloeb_gets_an_immediate_follow_up_task(konsulent, borger, virksomhed):
    forloeb = lav_forloeb(borger, virksomhed, konsulent, trin=Trin.UNDERVEJS)
    afslut_forloeb(
        bruger=konsulent,
        forloeb=forloeb,
        slutdato=datetime.date(2026, 9, 20),
        udfald=Udfald.AFBRUDT,
    )
    arter = set(forloeb.opgaver.values_list("art", flat=True))
    assert arter == {Forloebsopgaveart.STATUS_4_UGER, Forloebsopgaveart.FORLOEB_AFBRUDT}
    afbrudt = forloeb.opgaver.get(art=Forloebsopgaveart.FORLOEB_AFBRUDT).opgave
    assert afbrudt.frist == datetime.date.today()


def test_the_status_task_falls_due_after_the_configured_weeks(
    konsulent, borger, virksomhed, settings
):
    """FORLOEB_STATUS_UGER, not a constant: the weeks of the status task and of the forløb's
    reading of the benefit data."""
    settings.FORLOEB_STATUS_UGER = 6
    forloeb = lav_forloeb(borger, virksomhed, konsulent, trin=Trin.UNDERVEJS)
    afslut_forloeb(
        bruger=konsulent,
        forloeb=forloeb,
        slutdato=datetime.date(2026, 9, 20),
        udfald=Udfald.ORDINAERT_JOB,
    )
    opgave = forloeb.opgaver.get(art=Forloebsopgaveart.STATUS_4_UGER).opgave
    assert opgave.frist == datetime.date(2026, 11, 1)
    assert opgave.titel.startswith("Registrér status 6 uger efter forløbet")


class TestOpgaverFraForloeb:
    """Issue 14, item 5: a task from a forløb names its citizen and links to the forløb; the
    message after ending lists every task; »Udført« can be undone for a while."""

    @pytest.fixture
    def afsluttet(self, client_for, konsulent, borger, virksomhed):
        forloeb = lav_forloeb(borger, virksomhed, konsulent, trin=Trin.UNDERVEJS)
        response = client_for(konsulent).post(
            reverse("borgere:forloeb_handling", args=[forloeb.pk, "afslut"]),
            {"afslut-slutdato": "2026-09-20", "afslut-udfald": "afbrudt"},
            follow=True,
        )
        return forloeb, response.content.decode()

    def test_the_message_after_ending_lists_every_task_it_created(self, afsluttet, konsulent):
        _, html = afsluttet
        idag = datetime.date.today()
        assert "Forløbet er afsluttet. Nye opgaver: " in html
        assert (
            f"»Følg op på det afbrudte forløb hos Nordfyns Dagligvarer A/S« (frist "
            f"{idag:%d-%m-%Y}, {konsulent})" in html
        )
        assert "»Registrér status 4 uger efter forløbet hos Nordfyns Dagligvarer A/S« (frist " in (
            html
        )

    def test_a_forloeb_task_names_the_citizen_and_links_to_the_forloeb(
        self, client_for, konsulent, borger, afsluttet
    ):
        forloeb, _ = afsluttet
        Adgangslog.objects.all().delete()
        for url in (reverse("virksomheder:opgaver"), reverse("forside")):
            html = client_for(konsulent).get(url).content.decode()
            link = f'<a href="{forloeb.get_absolute_url()}">Brian Bager ({borger.cpr_maskeret})</a>'
            assert link in html, url
            assert "Følg op på afbrudt forløb" in html, url
            assert borger.cpr not in html
        assert Adgangslog.objects.filter(borger=borger, handling="liste").count() == 2

    def test_a_colleague_in_another_jobcentre_never_sees_the_tasks(
        self, client_for, outsider, afsluttet
    ):
        html = client_for(outsider).get(reverse("virksomheder:opgaver")).content.decode()
        assert "Brian Bager" not in html and "afbrudte forløb" not in html

    def test_done_can_be_undone_for_a_while(self, client_for, konsulent, afsluttet, settings):
        client = client_for(konsulent)
        opgave = Opgave.objects.get(
            pk=afsluttet[0].opgaver.get(art=Forloebsopgaveart.FORLOEB_AFBRUDT).opgave_id
        )
        html = client.post(
            reverse("virksomheder:opgave_afslut", args=[opgave.pk]), follow=True
        ).content.decode()
        fortryd = reverse("virksomheder:opgave_fortryd", args=[opgave.pk])
        assert f'action="{fortryd}"' in html and ">Fortryd</button>" in html
        html = client.post(fortryd, follow=True).content.decode()
        opgave.refresh_from_db()
        assert opgave.udfoert is None and "er åben igen" in html
        client.post(reverse("virksomheder:opgave_afslut", args=[opgave.pk]))
        Opgave.objects.filter(pk=opgave.pk).update(
            udfoert=timezone.now()
            - datetime.timedelta(minutes=settings.OPGAVE_FORTRYD_MINUTTER + 1)
        )
        html = client.post(fortryd, follow=True).content.decode()
        opgave.refresh_from_db()
        assert opgave.udfoert is not None
        assert "»Udført« kan kun fortrydes i 15 minutter" in html


@pytest.mark.parametrize(
    ("art", "data", "besked"),
    [
        (
            "forlaengelse",
            {"forlaengelse-ny_slut": "2026-10-01", "forlaengelse-tekst": "x"},
            "Den nye slutdato skal ligge efter den nuværende",
        ),
        (
            "afslut",
            {"afslut-slutdato": "2026-08-01", "afslut-udfald": "andet"},
            "Slutdatoen må ikke ligge før forløbets start",
        ),
        (
            "afslut",
            {"afslut-slutdato": "2026-10-01", "afslut-udfald": ""},
            "Udfald: Dette felt er påkrævet",
        ),
        ("status", {"status-selvforsoergende": "ja"}, "registreres, når forløbet er afsluttet"),
    ],
)
def test_bad_workflow_input_changes_nothing(
    client_for, konsulent, borger, virksomhed, art, data, besked
):
    forloeb = lav_forloeb(borger, virksomhed, konsulent, trin=Trin.UNDERVEJS)
    response = client_for(konsulent).post(
        reverse("borgere:forloeb_handling", args=[forloeb.pk, art]), data, follow=True
    )
    assert besked in response.content.decode()
    forloeb.refresh_from_db()
    assert (forloeb.trin, forloeb.planlagt_slut, forloeb.faktisk_slut) == (
        Trin.UNDERVEJS,
        datetime.date(2026, 11, 30),
        None,
    )
    assert not Opgave.objects.exists()


def test_a_forloeb_past_its_planned_end_shows_as_overdue(client_for, konsulent, borger, virksomhed):
    lav_forloeb(
        borger,
        virksomhed,
        konsulent,
        trin=Trin.UNDERVEJS,
        start=datetime.date(2025, 1, 1),
        planlagt_slut=datetime.date(2025, 3, 31),
    )
    context = client_for(konsulent).get(reverse("borgere:mine_forloeb")).context
    assert len(context["overskredne"]) == 1 and not context["koerende"]


def test_a_long_forloeb_is_warned_about(client_for, konsulent, borger, virksomhed):
    response = client_for(konsulent).post(
        reverse("borgere:forloeb_opret", args=[borger.pk]),
        {
            "virksomhed_soeg": "13585628",
            "type": praktik().pk,
            "jobkonsulent": konsulent.pk,
            "start": "2026-09-01",
            "planlagt_slut": "2027-06-30",
        },
        follow=True,
    )
    assert "det sædvanlige for virksomhedspraktik er højst 13 uger" in response.content.decode()
    assert Praktikforloeb.objects.count() == 1


def forloeb_urls(forloeb, plads):
    for pattern in borger_urls.urlpatterns:
        assert isinstance(pattern, URLPattern)
        params = set(pattern.pattern.converters)
        if "forloeb_pk" in params:
            kwargs = {"forloeb_pk": forloeb.pk}
            if "art" in params:
                kwargs["art"] = "afslut"
            yield reverse(f"borgere:{pattern.name}", kwargs=kwargs)
        elif "plads_pk" in params:
            yield reverse(f"borgere:{pattern.name}", kwargs={"plads_pk": plads.pk})


def test_other_jobcentres_forloeb_and_places_are_404_everywhere(
    client_for, outsider, konsulent, borger, virksomhed
):
    center = Virksomhedscenter.objects.create(
        jobcenter=konsulent.jobcenter, virksomhed=virksomhed, navn="C", form="virtuelt"
    )
    plads = Plads.objects.create(virksomhedscenter=center, funktion="Lager")
    forloeb = lav_forloeb(borger, virksomhed, konsulent, trin=Trin.UNDERVEJS, plads=plads)
    urls = list(forloeb_urls(forloeb, plads))
    assert len(urls) == 6
    client = client_for(outsider)
    for url in urls:
        assert client.get(url).status_code in (404, 405), url
        assert (
            client.post(
                url, {"afslut-slutdato": "2026-10-01", "afslut-udfald": "andet"}
            ).status_code
            == 404
        ), url
    forloeb.refresh_from_db()
    assert forloeb.trin == Trin.UNDERVEJS
    html = client.get(reverse("virksomheder:detalje", args=[virksomhed.pk])).content.decode()
    assert "Brian Bager" not in html
    assert (
        "Brian Bager"
        in client_for(konsulent)
        .get(reverse("virksomheder:detalje", args=[virksomhed.pk]))
        .content.decode()
    )


class TestPladsoversigt:
    @pytest.fixture
    def center(self, konsulent, virksomhed):
        center = Virksomhedscenter.objects.create(
            jobcenter=konsulent.jobcenter,
            virksomhed=virksomhed,
            navn="Butikscentret",
            form="sideproduktion",
        )
        Plads.objects.bulk_create(
            Plads(virksomhedscenter=center, funktion=f, oprettet=datetime.date(2026, 1, 1))
            for f in ["Lager", "Kantine", "Butik", "Butik", "Rengøring"]
        )
        return center

    def test_filling_one_of_five_places_leaves_four_free(
        self, client_for, konsulent, borger, center
    ):
        plads = center.pladser.get(funktion="Lager")
        response = client_for(konsulent).post(
            reverse("borgere:plads_fyld", args=[plads.pk]),
            {
                "borger_soeg": borger.cpr,
                "type": praktik().pk,
                "jobkonsulent": konsulent.pk,
                "start": str(datetime.date.today()),
            },
        )
        assert response.status_code == 302
        naeste_trin_til(Praktikforloeb.objects.get(), konsulent)
        oversigt = pladsoversigt(jobcenter=konsulent.jobcenter, dato=datetime.date.today())
        assert sum(s.fri for s in oversigt) == 4
        assert [s.plads for s in oversigt if not s.fri] == [plads]

    def test_a_place_cannot_hold_two_overlapping_forloeb(
        self, client_for, konsulent, borger, center, jobcenter_a
    ):
        plads = center.pladser.first()
        lav_forloeb(borger, center.virksomhed, konsulent, plads=plads, trin=Trin.UNDERVEJS)
        anden = BorgerFactory(jobcenter=jobcenter_a)
        response = client_for(konsulent).post(
            reverse("borgere:plads_fyld", args=[plads.pk]),
            {
                "borger_soeg": anden.cpr,
                "type": praktik().pk,
                "jobkonsulent": konsulent.pk,
                "start": "2026-10-01",
            },
        )
        assert "Pladsen er optaget af et andet forløb i perioden" in response.content.decode()
        assert Praktikforloeb.objects.count() == 1
        # After the first has ended, the place is free again.
        response = client_for(konsulent).post(
            reverse("borgere:plads_fyld", args=[plads.pk]),
            {
                "borger_soeg": anden.cpr,
                "type": praktik().pk,
                "jobkonsulent": konsulent.pk,
                "start": "2026-12-01",
            },
        )
        assert response.status_code == 302

    @pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the exclusion constraint exists on PostgreSQL"
    )
    def test_postgresql_refuses_overlap_written_past_the_forms(self, konsulent, borger, center):
        plads = center.pladser.first()
        lav_forloeb(borger, center.virksomhed, konsulent, plads=plads)
        with pytest.raises(IntegrityError), transaction.atomic():
            lav_forloeb(
                borger, center.virksomhed, konsulent, plads=plads, start=datetime.date(2026, 10, 1)
            )

    def test_free_places_show_how_long_they_have_been_empty(self, konsulent, borger, center):
        plads = center.pladser.get(funktion="Kantine")
        f = lav_forloeb(
            borger,
            center.virksomhed,
            konsulent,
            plads=plads,
            trin=Trin.AFSLUTNING,
            start=datetime.date(2026, 3, 1),
            faktisk_slut=datetime.date(2026, 5, 31),
        )
        assert f.afsluttet
        oversigt = {
            s.plads.pk: s
            for s in pladsoversigt(jobcenter=konsulent.jobcenter, dato=datetime.date(2026, 6, 30))
        }
        assert oversigt[plads.pk].fri_siden == datetime.date(2026, 6, 1)
        assert oversigt[plads.pk].dage_tom(datetime.date(2026, 6, 30)) == 29
        lager = center.pladser.get(funktion="Lager")
        assert oversigt[lager.pk].fri_siden == datetime.date(2026, 1, 1)

    def test_a_forloeb_created_but_not_started_reserves_its_place(
        self, client_for, konsulent, borger, center
    ):
        """The trial's finding: a place held by a forløb in preparation showed as »Fri« with
        »Fyld pladsen«, and filling it then failed."""
        plads = center.pladser.get(funktion="Lager")
        idag = datetime.date.today()
        lav_forloeb(
            borger,
            center.virksomhed,
            konsulent,
            plads=plads,
            trin=Trin.VISITATION,
            start=idag + datetime.timedelta(days=14),
            planlagt_slut=idag + datetime.timedelta(days=100),
        )
        status = {s.plads.pk: s for s in pladsoversigt(jobcenter=konsulent.jobcenter, dato=idag)}
        assert (status[plads.pk].tilstand, status[plads.pk].fri) == ("Reserveret", False)
        assert status[plads.pk].dage_tom(idag) is None
        response = client_for(konsulent).get(reverse("borgere:pladsoversigt"))
        html = response.content.decode()
        fyld = reverse("borgere:plads_fyld", args=[plads.pk])
        assert "Reserveret</span> af" in html and "Brian Bager" in html
        assert f"{idag + datetime.timedelta(days=14):%d-%m-%Y}" in html
        assert fyld not in html  # nothing is offered that would fail
        assert (response.context["fri"], response.context["reserverede"]) == (4, 1)
        rows = list(
            csv.reader(
                io.StringIO(
                    client_for(konsulent)
                    .get(reverse("borgere:pladsoversigt"), {"format": "csv"})
                    .content.decode("utf-8-sig")
                ),
                delimiter=";",
            )
        )
        assert sorted(r[5] for r in rows[1:]) == ["Fri"] * 4 + ["Reserveret"]

    def test_days_empty_count_from_the_last_forloeb_that_ran(self, konsulent, borger, center):
        """A forløb that was planned in the place but never started did not use it; nor does its
        planned end say when the place became free."""
        plads = center.pladser.get(funktion="Kantine")
        lav_forloeb(
            borger,
            center.virksomhed,
            konsulent,
            plads=plads,
            trin=Trin.AFSLUTNING,
            start=datetime.date(2026, 2, 1),
            faktisk_slut=datetime.date(2026, 3, 31),
        )
        lav_forloeb(
            BorgerFactory(jobcenter=konsulent.jobcenter),
            center.virksomhed,
            konsulent,
            plads=plads,
            trin=Trin.PRAKTIKAFTALE,
            start=datetime.date(2026, 4, 15),
            planlagt_slut=datetime.date(2026, 5, 31),
        )
        dato = datetime.date(2026, 6, 30)
        status = {s.plads.pk: s for s in pladsoversigt(jobcenter=konsulent.jobcenter, dato=dato)}
        assert status[plads.pk].fri_siden == datetime.date(2026, 4, 1)
        assert status[plads.pk].dage_tom(dato) == 90

    def test_it_filters_and_exports_without_citizens(self, client_for, konsulent, borger, center):
        lav_forloeb(
            borger,
            center.virksomhed,
            konsulent,
            plads=center.pladser.get(funktion="Lager"),
            trin=Trin.UNDERVEJS,
            start=datetime.date.today(),
            planlagt_slut=None,
        )
        client = client_for(konsulent)
        assert (
            len(
                client.get(reverse("borgere:pladsoversigt"), {"funktion": "butik"}).context[
                    "oversigt"
                ]
            )
            == 2
        )
        assert (
            len(client.get(reverse("borgere:pladsoversigt"), {"kun_fri": "on"}).context["oversigt"])
            == 4
        )
        from jobcenter.tests.eksportlaeser import laes_csv, laes_excel, raekker

        side = client.get(reverse("borgere:pladsoversigt"))
        response = client.get(reverse("borgere:pladsoversigt"), {"format": "csv"})
        data = laes_csv(response)
        assert list(data.columns[:6]) == [
            "virksomhed",
            "virksomhedscenter",
            "plads",
            "funktion",
            "målgruppe",
            "status",
        ]
        assert sorted(data["status"]) == ["Fri"] * 4 + ["Fyldt"]
        assert "Brian" not in response.content.decode("utf-8-sig")
        # The figures of the page: days empty per place, dates as the page writes them.
        paa_siden = {s.plads.pk: (dage, s) for s, dage in side.context["oversigt"]}
        for _, r in data.iterrows():
            dage, status = paa_siden[r["plads"]]
            assert (None if pd.isna(r["dage tom"]) else r["dage tom"]) == dage
            if status.fri:
                assert r["fri siden"] == f"{status.fri_siden:%d-%m-%Y}"
            else:
                assert r["forløb fra"] == f"{status.forloeb.start:%d-%m-%Y}"
        ark = laes_excel(
            client.get(reverse("borgere:pladsoversigt"), {"format": "xlsx"}), titel="Pladsoversigt"
        )
        assert ark.max_row == 6 and ark["F1"].value == "status"
        for r in raekker(ark):
            dage, status = paa_siden[r["plads"].value]
            assert r["dage tom"].value == dage and r["dage tom"].number_format == "#,##0"
            if status.fri:
                assert r["fri siden"].value.date() == status.fri_siden
                assert r["fri siden"].number_format == "dd-mm-yyyy"
            else:
                assert r["forløb fra"].value.date() == status.forloeb.start

    def test_the_board_shows_only_own_centres(self, client_for, outsider, center):
        assert client_for(outsider).get(reverse("borgere:pladsoversigt")).context["oversigt"] == []


def naeste_trin_til(forloeb, bruger):
    Praktikaftale.objects.create(forloeb=forloeb, maal="Job", timer_pr_uge=20)
    while forloeb.trin < Trin.UNDERVEJS:
        naeste_trin(bruger=bruger, forloeb=forloeb)


def test_a_company_contact_is_linked_to_the_citizen_from_the_citizens_side(
    client_for, konsulent, outsider, borger, virksomhed
):
    from virksomheder.models import Kontakt

    egen = Kontakt.objects.create(
        jobcenter=konsulent.jobcenter,
        virksomhed=virksomhed,
        kanal="telefon",
        initiativ="opsoegende",
        formaal="saelge_borger",
    )
    fremmed = Kontakt.objects.create(
        jobcenter=outsider.jobcenter,
        virksomhed=virksomhed,
        kanal="telefon",
        initiativ="opsoegende",
        formaal="saelge_borger",
    )
    client = client_for(konsulent)
    url = reverse("borgere:kontakt_tilknyt", args=[borger.pk])
    assert client.post(url, {"kontakt": fremmed.pk}).status_code == 200  # not a choice
    assert not borger.kontakter.exists()
    client.post(url, {"kontakt": egen.pk})
    assert [k.kontakt for k in borger.kontakter.all()] == [egen]
    html = client.get(borger.get_absolute_url()).content.decode()
    assert "Sælge en borger".lower() in html.lower()
    # The company's page, shared by all jobcentres, does not name the citizen.
    html = client_for(outsider).get(reverse("virksomheder:detalje", args=[virksomhed.pk])).content
    assert "Brian Bager" not in html.decode()
