"""Issue 13, finding 7 b: a NUL character in a search gives a clear Danish message, never a 500
(PostgreSQL refuses NUL in a query's text)."""

import pytest
from django.urls import reverse

from jobcenter.tests.factories import BrugerFactory

pytestmark = pytest.mark.django_db

NUL = "Maskin\x00føring"
BESKED = "Søgningen indeholder et ugyldigt tegn (NUL)"


@pytest.mark.parametrize(
    ("navn", "felt"),
    [
        ("kursuskob:liste", "q"),
        ("kursuskob:kurser", "q"),
        ("kursuskob:institutioner", "q"),
        ("virksomheder:liste", "q"),
        ("borgere:pladsoversigt", "virksomhed"),
        ("borgere:pladsoversigt", "funktion"),
        ("borgere:pladsoversigt", "maalgruppe"),
    ],
)
def test_it_refuses_a_nul_character_in_a_search_with_a_message(client_for, konsulent, navn, felt):
    svar = client_for(konsulent).get(reverse(navn), {felt: NUL})
    assert svar.status_code == 200
    assert BESKED in svar.content.decode()


def test_it_refuses_a_nul_character_in_the_citizen_search(client_for, konsulent):
    svar = client_for(konsulent).post(reverse("borgere:liste"), {"soeg": NUL})
    assert svar.status_code == 200
    assert BESKED in svar.content.decode()


@pytest.mark.parametrize(
    "navn",
    [
        "admin:kursuskob_kursus_changelist",
        "admin:borgere_borger_changelist",
        "admin:virksomheder_virksomhed_changelist",
        "admin:jobcenter_jobcenter_changelist",
    ],
)
def test_the_admins_search_survives_a_nul_character(client_for, navn):
    superbruger = BrugerFactory(is_superuser=True, is_staff=True, jobcenter=None, rolle="")
    assert client_for(superbruger).get(reverse(navn), {"q": NUL}).status_code in (200, 400)
