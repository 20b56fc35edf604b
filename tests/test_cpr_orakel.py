"""No answer may depend on whether a CPR number exists in another jobcentre (issue 13, finding 1).

The attack: a consultant in jobcentre A sends the CPR number of a citizen of jobcentre B, then an
unused CPR number, to every form, search and import that takes one, and compares what comes back:
the page, its messages, the rows written and the SQL the request ran (its timing class). A
jobcentre's record of a citizen is its own (unique per jobcentre and CPR), so both must be the same.
"""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from borgere.models import Borger, Ydelsesperiode
from borgere.tests.factories import BorgerFactory
from jobcenter.imports import Afvist, importer
from virksomheder.models import Jobordre, Plads, Virksomhedscenter
from virksomheder.tests.factories import VirksomhedFactory

pytestmark = pytest.mark.django_db

I_B = "0303801234"  # a citizen of jobcentre B
UBRUGT = "0404801234"  # nobody's


@pytest.fixture
def fremmed(jobcenter_b):
    return BorgerFactory(jobcenter=jobcenter_b, cpr=I_B, fornavn="Bodil", efternavn="Bager")


def uden_cpr(tekst: str, cpr: str) -> str:
    """The text with the number sent (in any written form) and the per-request tokens blanked."""
    tekst = tekst.replace(f"{cpr[:6]}-{cpr[6:]}", "CPR").replace(cpr, "CPR")
    tekst = tekst.replace(f"{cpr[:6]}-xxxx", "CPR")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", tekst)


def svar(client, url: str, data: dict, cpr: str) -> tuple[int, str, list[str]]:
    """The status, the page and the SQL of one POST, with the CPR number blanked out."""
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, {k: v.format(cpr=cpr) for k, v in data.items()})
    # Literals (the number, the session, timestamps) and generated names differ from request to
    # request; the statements run must not.
    sql = [re.sub(r"'(?:[^']|'')*'", "?", q["sql"]) for q in queries.captured_queries]
    sql = [re.sub(r'"(s|_django_curs_)\d+_\w+"', "NAVN", s) for s in sql]
    return response.status_code, uden_cpr(response.content.decode(), cpr), sql


def samme_svar(client, url: str, data: dict) -> tuple[int, str, list[str]]:
    kendt = svar(client, url, data, I_B)
    ukendt = svar(client, url, data, UBRUGT)
    assert kendt[0] == ukendt[0]
    assert kendt[1] == ukendt[1]
    assert kendt[2] == ukendt[2]
    return kendt


def test_creating_a_citizen_answers_the_same_for_another_jobcentres_cpr(
    client_for, konsulent, fremmed
):
    """The probe's reproduction: a CPR number of Aalborg's with an invalid postnummer answered
    »Der findes allerede en borger med dette CPR-nummer«, an unused one did not."""
    client = client_for(konsulent)
    data = {"cpr": "{cpr}", "fornavn": "Test", "efternavn": "Person", "postnummer": "12"}
    status, side, _ = samme_svar(client, reverse("borgere:opret"), data)
    assert status == 200 and "postnummer" in side.lower()
    assert "findes allerede" not in side
    assert Borger.objects.count() == 1


def test_a_citizen_who_moved_gets_a_record_of_the_new_jobcentres_own(
    client_for, konsulent, fremmed, jobcenter_a
):
    response = client_for(konsulent).post(
        reverse("borgere:opret"), {"cpr": I_B, "fornavn": "Bodil", "efternavn": "Bager"}
    )
    assert response.status_code == 302
    ny = Borger.objects.get(jobcenter=jobcenter_a)
    assert ny.cpr == I_B and ny.pk != fremmed.pk
    fremmed.refresh_from_db()
    assert fremmed.jobcenter_id != jobcenter_a.pk  # B's record is untouched and B's alone


def test_an_own_citizen_is_not_created_twice(client_for, konsulent, jobcenter_a):
    BorgerFactory(jobcenter=jobcenter_a, cpr=UBRUGT)
    response = client_for(konsulent).post(
        reverse("borgere:opret"), {"cpr": UBRUGT, "fornavn": "To", "efternavn": "Gange"}
    )
    assert (
        "Jeres jobcenter har allerede en borger med dette CPR-nummer" in response.content.decode()
    )
    assert Borger.objects.filter(jobcenter=jobcenter_a).count() == 1


def test_the_search_answers_the_same_for_another_jobcentres_cpr(client_for, konsulent, fremmed):
    status, side, _ = samme_svar(client_for(konsulent), reverse("borgere:liste"), {"soeg": "{cpr}"})
    assert status == 200 and "Bager" not in side


def test_matching_to_a_job_order_answers_the_same(client_for, konsulent, fremmed, jobcenter_a):
    jobordre = Jobordre.objects.create(
        jobcenter=jobcenter_a, virksomhed=VirksomhedFactory(), stilling="Lager"
    )
    url = reverse("borgere:jobordre_kandidat", args=[jobordre.pk])
    samme_svar(client_for(konsulent), url, {"borger_soeg": "{cpr}"})


def test_a_new_forloeb_in_a_place_answers_the_same(client_for, konsulent, fremmed, jobcenter_a):
    center = Virksomhedscenter.objects.create(
        jobcenter=jobcenter_a, virksomhed=VirksomhedFactory(), navn="Centret", form="sideproduktion"
    )
    plads = Plads.objects.create(
        virksomhedscenter=center, funktion="Lager", oprettet=datetime.date(2026, 1, 1)
    )
    url = reverse("borgere:plads_fyld", args=[plads.pk])
    data = {
        "borger_soeg": "{cpr}",
        "type": "",
        "jobkonsulent": str(konsulent.pk),
        "start": "2026-09-01",
    }
    _, side, _ = samme_svar(client_for(konsulent), url, data)
    assert "Ingen borger i jeres jobcenter har det CPR-nummer" in side


def importer_som(bruger, type_, *linjer):
    indhold = ("\n".join(linjer) + "\n").encode()
    return importer(type_=type_, indhold=indhold, filnavn="f.csv", bruger=bruger, skriv=True)


def test_the_citizen_import_does_not_tell_whose_cpr_a_number_is(
    administrator, fremmed, jobcenter_a
):
    """The bulk version: an import listed »CPR-nummeret tilhører en borger i et andet jobcenter«
    for exactly the other jobcentre's citizens. Now the number is a new citizen here."""
    resultat = importer_som(
        administrator,
        "borgere",
        "cpr;navn;kommunenummer",
        f"{I_B};Bodil Bager;751",
        f"{UBRUGT};Ny Borger;751",
    )
    assert (resultat.nye, resultat.opdaterede) == (2, 0)
    assert set(Borger.objects.filter(jobcenter=jobcenter_a).values_list("cpr", flat=True)) == {
        I_B,
        UBRUGT,
    }
    fremmed.refresh_from_db()
    assert (fremmed.fornavn, fremmed.jobcenter_id) == ("Bodil", fremmed.jobcenter_id)


def test_a_period_import_rejects_both_numbers_with_the_same_message(administrator, fremmed):
    fejl = []
    for cpr in (I_B, UBRUGT):
        with pytest.raises(Afvist) as afvist:
            importer_som(
                administrator, "ydelser", "cpr;ydelse;fra;til", f"{cpr};dagpenge;01-01-2026;"
            )
        fejl.append([(linje, uden_cpr(besked, cpr)) for linje, besked in afvist.value.fejl])
    assert fejl[0] == fejl[1]
    assert not Ydelsesperiode.objects.exists()
