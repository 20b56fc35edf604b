"""Bad input gets a clear Danish message and changes nothing."""

import datetime

import pytest
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from borgere.models import Adgangslog, Borger, Handling, Ydelsesperiode
from borgere.tests.factories import (
    BorgerFactory,
    MaalgruppeperiodeFactory,
    YdelsesperiodeFactory,
    maalgruppe,
    ydelse,
)

pytestmark = pytest.mark.django_db

GYLDIG = {"cpr": "010190-1234", "fornavn": "Karen", "efternavn": "Blixen"}


def test_a_consultant_creates_a_citizen_in_their_own_jobcentre(client_for, konsulent):
    response = client_for(konsulent).post(reverse("borgere:opret"), GYLDIG)
    borger = Borger.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("borgere:detalje", args=[borger.pk])
    assert borger.cpr == "0101901234"
    assert borger.jobcenter == konsulent.jobcenter
    assert Adgangslog.objects.get(borger=borger).handling == Handling.OPRETTET


@pytest.mark.parametrize(
    ("data", "besked"),
    [
        ({**GYLDIG, "cpr": "3102901234"}, "CPR-nummeret er ikke gyldigt"),
        ({**GYLDIG, "cpr": "12345"}, "CPR-nummeret er ikke gyldigt"),
        ({**GYLDIG, "fornavn": ""}, "Dette felt er påkrævet"),
        ({**GYLDIG, "postnummer": "80A0"}, "Postnummeret skal være 4 cifre"),
        ({**GYLDIG, "email": "ikke-en-adresse"}, "gyldig e-mail"),
    ],
)
def test_an_invalid_citizen_is_not_saved(client_for, konsulent, data, besked):
    response = client_for(konsulent).post(reverse("borgere:opret"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert besked in html
    assert "Formularen er ikke gemt" in html
    assert not Borger.objects.exists()
    assert data["cpr"] not in html.replace('value="' + data["cpr"] + '"', "")


def test_editing_keeps_cpr_and_jobcentre(client_for, konsulent, jobcenter_a):
    borger = BorgerFactory(jobcenter=jobcenter_a, cpr="0101901234")
    client_for(konsulent).post(
        reverse("borgere:rediger", args=[borger.pk]),
        {"fornavn": "Ny", "efternavn": "Navn", "cpr": "0202902345"},
    )
    borger.refresh_from_db()
    assert (borger.fornavn, borger.cpr) == ("Ny", "0101901234")


def periode_url(borger, art="ydelse"):
    return reverse("borgere:periode_opret", args=[borger.pk, art])


def test_a_benefit_period_is_added(client_for, konsulent, jobcenter_a):
    borger = BorgerFactory(jobcenter=jobcenter_a)
    response = client_for(konsulent).post(
        periode_url(borger),
        {"ydelse": ydelse().pk, "fra": "2026-01-01", "til": "2026-03-31"},
    )
    assert response.status_code == 302
    periode = Ydelsesperiode.objects.get(borger=borger)
    assert (periode.fra, periode.til) == (datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
    assert Adgangslog.objects.filter(borger=borger, handling=Handling.HISTORIK_RETTET).exists()


@pytest.mark.parametrize(
    ("fra", "til", "besked"),
    [
        ("2026-03-01", "2026-02-01", "Slutdatoen må ikke ligge før startdatoen"),
        ("2026-02-01", "2026-02-10", "overlapper en anden ydelsesperiode"),
        ("2025-12-01", "", "overlapper en anden ydelsesperiode"),
        ("2026-03-31", "2026-04-30", "overlapper en anden ydelsesperiode"),
        ("31-02-2026", "", "Indtast en gyldig dato"),
    ],
)
def test_an_overlapping_or_reversed_period_is_refused(
    client_for, konsulent, jobcenter_a, fra, til, besked
):
    eksisterende = YdelsesperiodeFactory(
        borger__jobcenter=jobcenter_a,
        fra=datetime.date(2026, 1, 1),
        til=datetime.date(2026, 3, 31),
    )
    response = client_for(konsulent).post(
        periode_url(eksisterende.borger), {"ydelse": ydelse("dagpenge").pk, "fra": fra, "til": til}
    )
    assert response.status_code == 200
    assert besked in response.content.decode()
    assert Ydelsesperiode.objects.count() == 1


def test_target_group_periods_do_not_collide_with_benefit_periods(
    client_for, konsulent, jobcenter_a
):
    eksisterende = YdelsesperiodeFactory(borger__jobcenter=jobcenter_a)
    response = client_for(konsulent).post(
        periode_url(eksisterende.borger, "maalgruppe"),
        {"maalgruppe": maalgruppe("aktivitetsparat").pk, "fra": "2026-01-01", "til": ""},
    )
    assert response.status_code == 302


def test_todays_target_groups_are_offered_and_yesterdays_kept_for_their_years(
    client_for, konsulent, jobcenter_a
):
    """Issue 14, item 8: a 2026 jobkonsulent speaks of jobparat and aktivitetsparat, not of
    matchgrupper, which ended with 2013 but stay for the periods of their time."""
    borger = BorgerFactory(jobcenter=jobcenter_a)
    client = client_for(konsulent)
    html = client.get(periode_url(borger, "maalgruppe")).content.decode()
    assert ">Aktivitetsparat<" in html and ">Jobparat<" in html and "Matchgruppe" not in html
    html = client.get(periode_url(borger)).content.decode()
    assert ">Uddannelseshjælp<" in html and "Starthjælp" not in html
    response = client.post(
        periode_url(borger, "maalgruppe"),
        {"maalgruppe": maalgruppe("matchgruppe-2").pk, "fra": "2026-01-01", "til": ""},
    )
    assert "Vælg en målgruppe, der gælder i dag" in response.content.decode()
    assert not borger.maalgruppeperioder.exists()
    gammel = MaalgruppeperiodeFactory(
        borger=borger,
        maalgruppe=maalgruppe("matchgruppe-2"),
        fra=datetime.date(2010, 1, 1),
        til=datetime.date(2010, 12, 31),
    )
    url = reverse("borgere:periode_rediger", args=[borger.pk, "maalgruppe", gammel.pk])
    assert ">Matchgruppe 2 (indsatsklar)<" in client.get(url).content.decode()  # its own, kept
    response = client.post(
        url, {"maalgruppe": gammel.maalgruppe_id, "fra": "2010-01-01", "til": ""}
    )
    assert (
        "Matchgruppe 2 (indsatsklar) gælder 01-01-2009 – 31-12-2013; perioden ligger uden for"
        in response.content.decode()
    )
    response = client.post(
        url, {"maalgruppe": gammel.maalgruppe_id, "fra": "2010-01-01", "til": "2011-06-30"}
    )
    assert response.status_code == 302


def test_a_period_can_be_ended_by_editing_it(client_for, konsulent, jobcenter_a):
    periode = YdelsesperiodeFactory(borger__jobcenter=jobcenter_a)
    url = reverse("borgere:periode_rediger", args=[periode.borger.pk, "ydelse", periode.pk])
    response = client_for(konsulent).post(
        url, {"ydelse": periode.ydelse.pk, "fra": "2026-01-01", "til": "2026-06-30"}
    )
    assert response.status_code == 302
    periode.refresh_from_db()
    assert periode.til == datetime.date(2026, 6, 30)


def test_the_database_refuses_an_end_before_the_start(jobcenter_a):
    borger = BorgerFactory(jobcenter=jobcenter_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        Ydelsesperiode.objects.create(
            borger=borger,
            ydelse=ydelse(),
            fra=datetime.date(2026, 2, 1),
            til=datetime.date(2026, 1, 1),
        )


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the exclusion constraint exists on PostgreSQL"
)
def test_postgresql_refuses_overlapping_periods_written_past_the_forms(jobcenter_a):
    periode = YdelsesperiodeFactory(borger__jobcenter=jobcenter_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        Ydelsesperiode.objects.create(
            borger=periode.borger, ydelse=ydelse("dagpenge"), fra=datetime.date(2026, 5, 1)
        )
    assert Ydelsesperiode.objects.count() == 1
