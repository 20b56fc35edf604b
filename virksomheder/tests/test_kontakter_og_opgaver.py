import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from virksomheder.models import Kontakt, Opgave, Opgaveart, Virksomhedsforhold
from virksomheder.services import marker_forfaldne_og_send_oversigt, naeste_hverdag
from virksomheder.tests.factories import KontaktpersonFactory, VirksomhedFactory

pytestmark = pytest.mark.django_db

IDAG = datetime.date(2026, 11, 23)  # a Monday


@pytest.fixture
def virksomhed():
    return VirksomhedFactory(navn="Tømrer Hansen ApS")


def kontakt_data(**extra):
    return {
        "dato": "2026-11-20",
        "kanal": "moede_virksomhed",
        "initiativ": "opsoegende",
        "formaal": "faste_pladser",
        "note": "Positive over for to faste pladser.",
        **extra,
    }


def opret_kontakt(client, virksomhed, **extra):
    return client.post(
        reverse("virksomheder:kontakt_opret", args=[virksomhed.pk]), kontakt_data(**extra)
    )


def test_a_contact_with_a_next_step_becomes_a_task(client_for, konsulent, kollega, virksomhed):
    person = KontaktpersonFactory(virksomhed=virksomhed)
    response = opret_kontakt(
        client_for(konsulent),
        virksomhed,
        kontaktperson=person.pk,
        medarbejdere=[konsulent.pk, kollega.pk],
        naeste_skridt="Send udkast til samarbejdsaftale\nMed fokus på lageret",
        opfoelgning_frist="2026-12-01",
        opfoelgning_ansvarlig=kollega.pk,
    )
    assert response.status_code == 302
    kontakt = Kontakt.objects.get()
    assert kontakt.jobcenter == konsulent.jobcenter
    assert set(kontakt.medarbejdere.all()) == {konsulent, kollega}
    opgave = Opgave.objects.get()
    assert opgave.titel == "Send udkast til samarbejdsaftale"
    assert (opgave.ansvarlig, opgave.frist) == (kollega, datetime.date(2026, 12, 1))
    assert opgave.art == Opgaveart.NAESTE_SKRIDT and opgave.kontakt == kontakt


def test_an_inbound_call_creates_a_task_to_offer_a_meeting(
    client_for, konsulent, kollega, virksomhed
):
    Virksomhedsforhold.objects.create(
        jobcenter=konsulent.jobcenter, virksomhed=virksomhed, kontaktansvarlig=kollega
    )
    opret_kontakt(client_for(konsulent), virksomhed, kanal="telefon", initiativ="indgaaende")
    opgave = Opgave.objects.get(art=Opgaveart.MOEDETILBUD)
    assert opgave.ansvarlig == kollega  # the company's one way in
    assert opgave.frist == datetime.date(2026, 11, 23)  # the working day after Friday 20th
    assert "personligt møde" in opgave.titel


def test_an_outbound_call_creates_no_meeting_task(client_for, konsulent, virksomhed):
    opret_kontakt(client_for(konsulent), virksomhed, kanal="telefon")
    assert not Opgave.objects.exists()


def test_the_next_working_day_skips_the_weekend():
    assert naeste_hverdag(datetime.date(2026, 11, 20)) == datetime.date(2026, 11, 23)
    assert naeste_hverdag(datetime.date(2026, 11, 23)) == datetime.date(2026, 11, 24)


@pytest.mark.parametrize(
    ("data", "besked"),
    [
        ({"formaal": ""}, "Vælg kontaktens formål"),
        ({"dato": "2099-01-01"}, "En kontakt kan ikke ligge i fremtiden"),
        ({"naeste_skridt": "Ring igen"}, "Skriv en frist, så næste skridt bliver fulgt op"),
        ({"opfoelgning_frist": "2026-12-01"}, "Beskriv det næste skridt"),
        (
            {"naeste_skridt": "Ring", "opfoelgning_frist": "2026-11-01"},
            "Fristen må ikke ligge før kontaktens dato",
        ),
        ({"kanal": "duepost"}, "Marker en gyldig valgmulighed"),
    ],
)
def test_a_bad_contact_is_explained_and_nothing_saved(
    client_for, konsulent, virksomhed, data, besked
):
    response = opret_kontakt(client_for(konsulent), virksomhed, **data)
    assert response.status_code == 200
    assert besked in response.content.decode()
    assert not Kontakt.objects.exists() and not Opgave.objects.exists()


def test_consultants_from_another_jobcentre_cannot_be_put_on_a_contact(
    client_for, konsulent, outsider, virksomhed
):
    response = opret_kontakt(client_for(konsulent), virksomhed, medarbejdere=[outsider.pk])
    assert response.status_code == 200
    assert not Kontakt.objects.exists()


def test_another_jobcentres_contacts_and_tasks_stay_hidden(
    client_for, konsulent, outsider, virksomhed
):
    opret_kontakt(
        client_for(outsider),
        virksomhed,
        note="Aalborgs hemmelige note",
        naeste_skridt="Aalborgs opgave",
        opfoelgning_frist="2026-12-01",
    )
    html = client_for(konsulent).get(reverse("virksomheder:detalje", args=[virksomhed.pk])).content
    assert "Aalborgs hemmelige note" not in html.decode()
    assert "Aalborgs opgave" not in html.decode()
    opgave = Opgave.objects.get()
    url = reverse("virksomheder:opgave_afslut", args=[opgave.pk])
    assert client_for(konsulent).post(url).status_code == 404
    opgave.refresh_from_db()
    assert opgave.udfoert is None


def test_the_company_page_shows_the_timeline_across_consultants(
    client_for, konsulent, kollega, virksomhed
):
    opret_kontakt(client_for(konsulent), virksomhed, note="Første møde")
    opret_kontakt(client_for(kollega), virksomhed, note="Andet møde", dato="2026-11-21")
    html = client_for(konsulent).get(reverse("virksomheder:detalje", args=[virksomhed.pk])).content
    html = html.decode()
    assert html.index("Andet møde") < html.index("Første møde")


class TestMineOpgaver:
    def opgave(self, ansvarlig, frist, **extra):
        return Opgave.objects.create(
            jobcenter=ansvarlig.jobcenter,
            titel=extra.pop("titel", "Ring"),
            frist=frist,
            ansvarlig=ansvarlig,
            **extra,
        )

    def test_it_groups_own_open_tasks(self, client_for, konsulent, kollega, settings):
        idag = datetime.date.today()
        self.opgave(konsulent, idag - datetime.timedelta(days=3), titel="Gammel")
        self.opgave(konsulent, idag, titel="Nu")
        self.opgave(konsulent, idag + datetime.timedelta(days=3), titel="Senere")
        self.opgave(kollega, idag, titel="Kollegas")
        context = client_for(konsulent).get(reverse("virksomheder:opgaver")).context
        assert [o.titel for o in context["forfaldne"]] == ["Gammel"]
        assert [o.titel for o in context["i_dag"]] == ["Nu"]
        assert [o.titel for o in context["kommende"]] == ["Senere"]

    def test_a_task_is_completed(self, client_for, konsulent):
        opgave = self.opgave(konsulent, datetime.date.today())
        client = client_for(konsulent)
        response = client.post(
            reverse("virksomheder:opgave_afslut", args=[opgave.pk]),
            {"naeste": "/virksomheder/opgaver/"},
        )
        assert response.url == "/virksomheder/opgaver/"
        opgave.refresh_from_db()
        assert opgave.udfoert is not None and opgave.udfoert_af == konsulent
        assert [
            o.titel for o in client.get(reverse("virksomheder:opgaver")).context["udfoerte"]
        ] == ["Ring"]

    def test_completing_never_redirects_off_site(self, client_for, konsulent):
        opgave = self.opgave(konsulent, datetime.date.today())
        response = client_for(konsulent).post(
            reverse("virksomheder:opgave_afslut", args=[opgave.pk]), {"naeste": "//evil.example"}
        )
        assert response.url == reverse("virksomheder:opgaver")

    def test_a_leader_sees_the_teams_overdue_tasks(
        self, client_for, konsulent, kollega, leder, outsider
    ):
        gammel = datetime.date.today() - datetime.timedelta(days=1)
        self.opgave(konsulent, gammel, titel="Konsulentens")
        self.opgave(kollega, gammel, titel="Kollegaens")
        self.opgave(outsider, gammel, titel="Aalborgs")
        titler = {
            o.titel
            for o in client_for(leder).get(reverse("virksomheder:team")).context["forfaldne"]
        }
        assert titler == {"Konsulentens", "Kollegaens"}
        assert client_for(konsulent).get(reverse("virksomheder:team")).status_code == 403

    def test_a_task_needs_an_owner(self, client_for, konsulent):
        virksomhed = VirksomhedFactory()
        response = client_for(konsulent).post(
            reverse("virksomheder:opgave_opret", args=[virksomhed.pk]),
            {"titel": "Ring", "frist": "2026-12-01", "ansvarlig": ""},
        )
        assert "Vælg en ansvarlig for opgaven" in response.content.decode()
        assert not Opgave.objects.exists()


class TestDagligOversigt:
    def test_it_marks_overdue_tasks_and_mails_each_owner_once(self, konsulent, kollega):
        konsulent.email, kollega.email = "mette@aarhus.dk", "lars@aarhus.dk"
        konsulent.save()
        kollega.save()
        jc = konsulent.jobcenter
        gammel = Opgave.objects.create(
            jobcenter=jc,
            titel="Gammel",
            frist=IDAG - datetime.timedelta(days=2),
            ansvarlig=konsulent,
        )
        Opgave.objects.create(jobcenter=jc, titel="I dag", frist=IDAG, ansvarlig=konsulent)
        Opgave.objects.create(
            jobcenter=jc,
            titel="I morgen",
            frist=IDAG + datetime.timedelta(days=1),
            ansvarlig=kollega,
        )

        assert marker_forfaldne_og_send_oversigt(dato=IDAG) == 1
        gammel.refresh_from_db()
        assert gammel.forfalden_siden == IDAG
        assert len(mail.outbox) == 1
        besked = mail.outbox[0]
        assert besked.to == ["mette@aarhus.dk"]
        assert "1 forfaldne, 1 med frist i dag" in besked.subject
        assert (
            "Gammel" in besked.body and "FORFALDEN" in besked.body and "I morgen" not in besked.body
        )

        assert marker_forfaldne_og_send_oversigt(dato=IDAG) == 0
        assert len(mail.outbox) == 1

    def test_it_runs_as_a_management_command(self, konsulent, capsys):
        Opgave.objects.create(
            jobcenter=konsulent.jobcenter,
            titel="Gammel",
            frist=IDAG - datetime.timedelta(days=1),
            ansvarlig=konsulent,
        )
        call_command("send_opgaveoversigt", "--dato", IDAG.isoformat())
        assert "e-mails sendt" in capsys.readouterr().out
        assert Opgave.objects.get().forfalden_siden == IDAG
