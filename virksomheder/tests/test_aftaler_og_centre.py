import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse

from virksomheder.models import (
    Aftale,
    Aftalestatus,
    Kontakt,
    Opgave,
    Opgaveart,
    Plads,
    Segment,
    Virksomhedscenter,
    Virksomhedsforhold,
)
from virksomheder.services import daekning, opret_aftaleopgaver
from virksomheder.tests.factories import VirksomhedFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def virksomhed():
    return VirksomhedFactory(navn="Netto Nordfyn")


def aftale_data(ansvarlig, **extra):
    return {
        "type": "virksomhedscenter",
        "titel": "Virksomhedscenter Netto",
        "status": "aktiv",
        "formaal": "Praktik for kontanthjælpsmodtagere i match 2 med job for øje.",
        "antal_pladser": "5",
        "start": "2026-01-01",
        "slut": "2027-12-31",
        "ansvarlig": ansvarlig.pk,
        **extra,
    }


def lav_aftale(jobcenter, virksomhed, ansvarlig, **extra) -> Aftale:
    defaults = {
        "type": "virksomhedscenter",
        "titel": "Kontrakt",
        "status": Aftalestatus.AKTIV,
        "formaal": "Formål",
        "antal_pladser": 5,
        "start": datetime.date(2026, 1, 1),
    }
    return Aftale.objects.create(
        jobcenter=jobcenter, virksomhed=virksomhed, ansvarlig=ansvarlig, **(defaults | extra)
    )


def test_an_administrator_creates_a_centre_contract_then_the_centre_with_its_places(
    client_for, administrator, virksomhed
):
    client = client_for(administrator)
    response = client.post(
        reverse("virksomheder:aftale_opret", args=[virksomhed.pk]), aftale_data(administrator)
    )
    aftale = Aftale.objects.get()
    assert aftale.jobcenter == administrator.jobcenter
    assert aftale.naeste_evaluering == datetime.date(2027, 1, 1)  # a year after the start
    assert (
        response.url
        == reverse("virksomheder:center_opret", args=[virksomhed.pk]) + f"?aftale={aftale.pk}"
    )

    response = client.post(
        reverse("virksomheder:center_opret", args=[virksomhed.pk]),
        {
            "navn": "Netto-centret",
            "form": "sideproduktion",
            "aftale": aftale.pk,
            "antal_pladser": 5,
            "funktion": "Butik og varepræsentation",
            "aktiv": "on",
        },
    )
    center = Virksomhedscenter.objects.get()
    assert response.url == reverse("virksomheder:center", args=[center.pk])
    assert center.pladser.filter(funktion="Butik og varepræsentation").count() == 5
    html = client.get(reverse("virksomheder:detalje", args=[virksomhed.pk])).content.decode()
    assert "Netto-centret" in html and html.count("Butik og varepræsentation") == 5


@pytest.mark.parametrize(
    ("extra", "besked"),
    [
        ({"formaal": ""}, "Skriv aftalens formål"),
        ({"slut": "2025-12-31"}, "Slutdatoen må ikke ligge før startdatoen"),
        ({"type": "hemmelig"}, "Marker en gyldig valgmulighed"),
        ({"start": ""}, "Dette felt er påkrævet"),
    ],
)
def test_a_bad_agreement_is_refused(client_for, administrator, virksomhed, extra, besked):
    response = client_for(administrator).post(
        reverse("virksomheder:aftale_opret", args=[virksomhed.pk]),
        aftale_data(administrator, **extra),
    )
    assert besked in response.content.decode()
    assert not Aftale.objects.exists()


def test_an_agreement_cannot_have_fewer_places_than_its_centres(
    client_for, administrator, virksomhed
):
    aftale = lav_aftale(administrator.jobcenter, virksomhed, administrator, antal_pladser=5)
    center = Virksomhedscenter.objects.create(
        jobcenter=administrator.jobcenter,
        virksomhed=virksomhed,
        aftale=aftale,
        navn="C",
        form="virtuelt",
    )
    Plads.objects.bulk_create(Plads(virksomhedscenter=center, funktion="Lager") for _ in range(4))
    response = client_for(administrator).post(
        reverse("virksomheder:aftale_rediger", args=[aftale.pk]),
        aftale_data(administrator, antal_pladser="3"),
    )
    assert "færre pladser (3), end dens virksomhedscentre rummer (4)" in response.content.decode()
    aftale.refresh_from_db()
    assert aftale.antal_pladser == 5


def test_a_centre_cannot_hold_more_places_than_its_contract(client_for, administrator, virksomhed):
    aftale = lav_aftale(administrator.jobcenter, virksomhed, administrator, antal_pladser=5)
    client = client_for(administrator)
    url = reverse("virksomheder:center_opret", args=[virksomhed.pk])
    data = {
        "navn": "A",
        "form": "virtuelt",
        "aftale": aftale.pk,
        "antal_pladser": 3,
        "funktion": "Lager",
        "aktiv": "on",
    }
    client.post(url, data)
    response = client.post(url, {**data, "navn": "B"})
    assert "Der er plads til 2 mere" in response.content.decode()
    assert Virksomhedscenter.objects.count() == 1
    center = Virksomhedscenter.objects.get()
    client.post(
        reverse("virksomheder:center_del_opret", args=[center.pk, "plads"]),
        {"funktion": "Kantine", "aktiv": "on"},
    )
    client.post(
        reverse("virksomheder:center_del_opret", args=[center.pk, "plads"]),
        {"funktion": "Kantine", "aktiv": "on"},
    )
    response = client.post(
        reverse("virksomheder:center_del_opret", args=[center.pk, "plads"]),
        {"funktion": "Kantine", "aktiv": "on"},
    )
    assert "Der er plads til 0 mere" in response.content.decode()
    assert Plads.objects.count() == 5


def test_only_administrators_edit_agreements_but_everyone_in_the_jobcentre_reads_them(
    client_for, konsulent, administrator, outsider, virksomhed
):
    aftale = lav_aftale(administrator.jobcenter, virksomhed, administrator)
    assert (
        client_for(konsulent).get(reverse("virksomheder:aftale", args=[aftale.pk])).status_code
        == 200
    )
    assert (
        client_for(konsulent)
        .get(reverse("virksomheder:aftale_rediger", args=[aftale.pk]))
        .status_code
        == 403
    )
    assert (
        client_for(konsulent)
        .post(reverse("virksomheder:aftale_opret", args=[virksomhed.pk]), aftale_data(konsulent))
        .status_code
        == 403
    )
    for name in ("aftale", "aftale_rediger"):
        assert (
            client_for(outsider).get(reverse(f"virksomheder:{name}", args=[aftale.pk])).status_code
            == 404
        )
    assert Aftale.objects.count() == 1


def test_another_jobcentres_centre_is_404(client_for, outsider, administrator, virksomhed):
    center = Virksomhedscenter.objects.create(
        jobcenter=administrator.jobcenter, virksomhed=virksomhed, navn="C", form="virtuelt"
    )
    for name, args in [
        ("center", [center.pk]),
        ("center_rediger", [center.pk]),
        ("center_del_opret", [center.pk, "plads"]),
    ]:
        assert (
            client_for(outsider).get(reverse(f"virksomheder:{name}", args=args)).status_code == 404
        )


def test_changes_to_an_agreement_are_kept_with_who_and_what(client_for, administrator, virksomhed):
    client = client_for(administrator)
    client.post(
        reverse("virksomheder:aftale_opret", args=[virksomhed.pk]),
        aftale_data(administrator, type="partnerskab"),
    )
    aftale = Aftale.objects.get()
    client.post(
        reverse("virksomheder:aftale_rediger", args=[aftale.pk]),
        aftale_data(administrator, type="partnerskab", antal_pladser="8", status="opsagt"),
    )
    html = client.get(reverse("virksomheder:aftale", args=[aftale.pk])).content.decode()
    assert "Antal borgere/pladser: 5 → 8" in html
    assert "Status: Aktiv → Opsagt" in html
    assert str(administrator) in html


class TestAftalejob:
    def test_it_creates_evaluation_and_expiry_tasks_once(self, administrator, virksomhed):
        aftale = lav_aftale(
            administrator.jobcenter,
            virksomhed,
            administrator,
            naeste_evaluering=datetime.date(2026, 12, 10),
            slut=datetime.date(2027, 1, 15),
        )
        idag = datetime.date(2026, 11, 23)
        assert opret_aftaleopgaver(dato=idag) == 2
        assert opret_aftaleopgaver(dato=idag) == 0
        arter = dict(Opgave.objects.values_list("art", "frist"))
        assert arter == {
            Opgaveart.EVALUERING: datetime.date(2026, 12, 10),
            Opgaveart.UDLOEB: datetime.date(2027, 1, 15),
        }
        assert all(
            o.ansvarlig == administrator and o.aftale == aftale for o in Opgave.objects.all()
        )

    def test_nothing_is_due_far_ahead(self, administrator, virksomhed):
        lav_aftale(
            administrator.jobcenter,
            virksomhed,
            administrator,
            naeste_evaluering=datetime.date(2027, 6, 1),
            slut=datetime.date(2028, 1, 1),
        )
        assert opret_aftaleopgaver(dato=datetime.date(2026, 11, 23)) == 0

    def test_an_active_agreement_past_its_end_expires(self, administrator, virksomhed):
        aftale = lav_aftale(
            administrator.jobcenter, virksomhed, administrator, slut=datetime.date(2026, 11, 1)
        )
        call_command("opret_aftaleopgaver", "--dato", "2026-11-23")
        aftale.refresh_from_db()
        assert aftale.status == Aftalestatus.UDLOEBET

    def test_finishing_the_evaluation_moves_the_next_one_a_year_on(
        self, client_for, administrator, virksomhed
    ):
        aftale = lav_aftale(
            administrator.jobcenter,
            virksomhed,
            administrator,
            naeste_evaluering=datetime.date(2026, 12, 10),
        )
        opret_aftaleopgaver(dato=datetime.date(2026, 11, 23))
        opgave = Opgave.objects.get()
        client_for(administrator).post(reverse("virksomheder:opgave_afslut", args=[opgave.pk]))
        aftale.refresh_from_db()
        assert aftale.naeste_evaluering == datetime.date(2027, 12, 10)


class TestSegmentering:
    def test_each_jobcentre_sets_its_own_priority_and_segments(
        self, client_for, konsulent, outsider, virksomhed
    ):
        url = reverse("virksomheder:segmentering", args=[virksomhed.pk])
        client_for(konsulent).post(
            url, {"prioritetsgruppe": "2", "nyt_segment": "  Højt   sygefravær "}
        )
        client_for(outsider).post(url, {"prioritetsgruppe": "4"})
        egen = Virksomhedsforhold.objects.get(jobcenter=konsulent.jobcenter)
        assert egen.prioritetsgruppe == 2
        assert [s.navn for s in egen.segmenter.all()] == ["Højt sygefravær"]
        assert Virksomhedsforhold.objects.get(jobcenter=outsider.jobcenter).prioritetsgruppe == 4
        html = (
            client_for(konsulent)
            .get(reverse("virksomheder:detalje", args=[virksomhed.pk]))
            .content.decode()
        )
        assert "forslag til virksomhedscenterkontrakt" in html  # the group's contact method

    def test_another_jobcentres_segment_cannot_be_used(
        self, client_for, konsulent, outsider, virksomhed
    ):
        fremmed = Segment.objects.create(jobcenter=outsider.jobcenter, navn="Aalborgs")
        client_for(konsulent).post(
            reverse("virksomheder:segmentering", args=[virksomhed.pk]), {"segmenter": [fremmed.pk]}
        )
        assert not Virksomhedsforhold.objects.exists()

    def test_coverage_counts_contacts_in_the_last_twelve_months_and_never(
        self, konsulent, outsider
    ):
        jc = konsulent.jobcenter
        idag = datetime.date(2026, 11, 23)
        nylig, gammel, aldrig, fremmed_kontakt = VirksomhedFactory.create_batch(4)
        for virksomhed in (nylig, gammel, aldrig, fremmed_kontakt):
            Virksomhedsforhold.objects.create(
                jobcenter=jc, virksomhed=virksomhed, prioritetsgruppe=1
            )
        for virksomhed, dato, jobcenter in [
            (nylig, idag - datetime.timedelta(days=30), jc),
            (gammel, idag - datetime.timedelta(days=400), jc),
            (fremmed_kontakt, idag, outsider.jobcenter),  # another jobcentre's contact counts not
        ]:
            Kontakt.objects.create(
                jobcenter=jobcenter,
                virksomhed=virksomhed,
                dato=dato,
                kanal="mail",
                initiativ="opsoegende",
                formaal="information",
            )
        rows = {row.noegle: row for row in daekning(jobcenter=jc, dato=idag)}
        assert (rows["p1"].antal, rows["p1"].kontaktet, rows["p1"].aldrig) == (4, 1, 2)
        assert rows["p1"].andel == 0.25
        assert rows["p2"].antal == 0 and rows["p2"].andel is None

    def test_the_page_rounds_the_share_contacted_half_up(self, client_for, konsulent):
        """Issue 14, item 7: 15 of 16 is 93,8 % (widthratio gave 94 %, and 12,5 % as 12 %)."""
        virksomheder = VirksomhedFactory.create_batch(16)
        for nummer, virksomhed in enumerate(virksomheder):
            Virksomhedsforhold.objects.create(
                jobcenter=konsulent.jobcenter, virksomhed=virksomhed, prioritetsgruppe=1
            )
            if nummer:
                Kontakt.objects.create(
                    jobcenter=konsulent.jobcenter,
                    virksomhed=virksomhed,
                    kanal="mail",
                    initiativ="opsoegende",
                    formaal="information",
                )
        html = client_for(konsulent).get(reverse("virksomheder:daekning")).content.decode()
        assert '<td class="tal">93,8\u00a0%</td>' in html

    def test_the_never_contacted_list(self, client_for, konsulent):
        jc = konsulent.jobcenter
        kontaktet, aldrig = (
            VirksomhedFactory(navn="Kontaktet A/S"),
            VirksomhedFactory(navn="Aldrig ApS"),
        )
        for virksomhed in (kontaktet, aldrig):
            Virksomhedsforhold.objects.create(
                jobcenter=jc, virksomhed=virksomhed, prioritetsgruppe=3
            )
        Kontakt.objects.create(
            jobcenter=jc,
            virksomhed=kontaktet,
            kanal="mail",
            initiativ="opsoegende",
            formaal="information",
        )
        response = client_for(konsulent).get(reverse("virksomheder:daekning"), {"segment": "p3"})
        assert [v.navn for v in response.context["side"]] == ["Aldrig ApS"]
        assert (
            client_for(konsulent)
            .get(reverse("virksomheder:daekning"), {"segment": "x9"})
            .status_code
            == 404
        )


def test_mentors_are_recorded_trained_or_not(client_for, administrator, virksomhed):
    center = Virksomhedscenter.objects.create(
        jobcenter=administrator.jobcenter, virksomhed=virksomhed, navn="C", form="netvaerk"
    )
    client_for(administrator).post(
        reverse("virksomheder:center_del_opret", args=[center.pk, "mentor"]),
        {"navn": "Birthe", "uddannet": "on"},
    )
    assert center.mentorer.get().uddannet is True


def test_a_jobordre_needs_at_least_one_position(client_for, konsulent, virksomhed):
    url = reverse("virksomheder:jobordre_opret", args=[virksomhed.pk])
    response = client_for(konsulent).post(url, {"stilling": "Kok", "antal": "0", "status": "aaben"})
    assert "Mindst én stilling" in response.content.decode()
    response = client_for(konsulent).post(url, {"stilling": "Kok", "antal": "2", "status": "aaben"})
    assert response.status_code == 302


def test_the_tovholder_must_work_in_the_jobcentre(client_for, administrator, outsider, virksomhed):
    response = client_for(administrator).post(
        reverse("virksomheder:center_opret", args=[virksomhed.pk]),
        {
            "navn": "C",
            "form": "virtuelt",
            "antal_pladser": 0,
            "tovholder": outsider.pk,
            "aktiv": "on",
        },
    )
    assert response.status_code == 200
    assert not Virksomhedscenter.objects.exists()
