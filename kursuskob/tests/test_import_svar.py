"""Survey responses made elsewhere (`svar`) imported from the import page as from the command:
the round is the type's parameter, and a jobcentre's administrator imports its own response."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from borgere.models import Importkoersel
from jobcenter.tests.factories import BrugerFactory, JobcenterFactory

from ..models import Besvarelse, Runde, Spoergeskema, Spoergsmaal

pytestmark = pytest.mark.django_db


def upload(indhold: str) -> io.BytesIO:
    fil = io.BytesIO(indhold.encode())
    fil.name = "svar.csv"
    return fil


@pytest.fixture
def runde(administrator, jobcenter_a, jobcenter_b):
    runde = Runde.objects.create(
        skema=Spoergeskema.objects.get(skabelon=True),
        navn="Kursuskøb 2027",
        frist=datetime.date(2027, 1, 31),
        oprettet_af=administrator,
    )
    runde.jobcentre.set([jobcenter_a, jobcenter_b])
    return runde


def test_an_administrator_imports_the_jobcentres_response_through_the_page(
    client_for, administrator, runde, jobcenter_a, django_capture_on_commit_callbacks
):
    client = client_for(administrator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("borgere:import_start"),
            {
                "type": "svar",
                "runde": str(runde.pk),
                "fil": upload("kommunenummer;tilfredshed;B1;model\n751;4;3;Primær kommune\n"),
            },
        )
    koersel = Importkoersel.objects.get()
    assert response.url == koersel.get_absolute_url()
    assert (koersel.type, koersel.parametre, koersel.status) == (
        "svar",
        {"runde": str(runde.pk)},
        "kontrolleret",
    )
    html = client.get(response.url).content.decode()
    assert "Import af svar på en undersøgelse" in html and "Jobcenter Aarhus" in html
    assert not Besvarelse.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("borgere:import_godkend", args=[koersel.pk]))
    koersel.refresh_from_db()
    assert (koersel.status, koersel.nye) == ("faerdig", 1)
    besvarelse = Besvarelse.objects.get()
    assert (besvarelse.runde, besvarelse.jobcenter, besvarelse.importeret) == (
        runde,
        jobcenter_a,
        True,
    )
    assert {s.spoergsmaal.kode: s.vaerdi for s in besvarelse.svar.all()} == {
        "tilfredshed": 4,
        "B1": 3,
        "model": "Primær kommune",
    }


def test_the_page_offers_the_open_rounds_of_the_users_jobcentre_and_requires_one(
    client_for, administrator, runde, django_capture_on_commit_callbacks
):
    skema = Spoergeskema.objects.get(skabelon=True)
    lukket = Runde.objects.create(
        skema=skema, navn="Lukket", frist=runde.frist, lukket=timezone.now()
    )
    lukket.jobcentre.set([administrator.jobcenter])
    fremmed = Runde.objects.create(skema=skema, navn="Andres runde", frist=runde.frist)
    fremmed.jobcentre.set([JobcenterFactory()])
    client = client_for(administrator)
    felt = client.get(reverse("borgere:import_start")).context["form"].fields["runde"]
    assert felt.choices == [("", "Vælg"), (str(runde.pk), "Kursuskøb 2027")]
    fil = "kommunenummer;tilfredshed\n751;4\n"
    with django_capture_on_commit_callbacks(execute=True):
        uden = client.post(reverse("borgere:import_start"), {"type": "svar", "fil": upload(fil)})
        anden = client.post(
            reverse("borgere:import_start"),
            {"type": "svar", "runde": str(fremmed.pk), "fil": upload(fil)},
        )
    assert uden.context["form"].errors["runde"] == [
        "Vælg undersøgelsesrunde for svar på en undersøgelse."
    ]
    assert "runde" in anden.context["form"].errors
    assert not Importkoersel.objects.exists() and not Besvarelse.objects.exists()


def test_an_administrator_imports_only_their_own_jobcentres_response(
    client_for, administrator, runde, django_capture_on_commit_callbacks
):
    client = client_for(administrator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("borgere:import_start"),
            {
                "type": "svar",
                "runde": str(runde.pk),
                "fil": upload("kommunenummer;tilfredshed\n751;4\n851;2\n"),
            },
        )
    koersel = Importkoersel.objects.get()
    assert koersel.status == "afvist"
    assert koersel.fejl == [
        [3, "kommunenummer »851« er ikke et jobcenter i runden, du må importere for."]
    ]
    assert not Besvarelse.objects.exists()


def test_an_operator_imports_every_jobcentres_response_from_the_page(
    client_for, runde, jobcenter_a, jobcenter_b, django_capture_on_commit_callbacks
):
    drift = BrugerFactory(username="drift", is_superuser=True, jobcenter=None, rolle="")
    client = client_for(drift)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("borgere:import_start"),
            {
                "type": "svar",
                "runde": str(runde.pk),
                "fil": upload("kommunenummer;tilfredshed\n751;4\n851;2\n"),
            },
        )
    koersel = Importkoersel.objects.get()
    assert (koersel.jobcenter, koersel.status, koersel.nye) == (None, "kontrolleret", 2)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("borgere:import_godkend", args=[koersel.pk]))
    assert set(Besvarelse.objects.values_list("jobcenter", flat=True)) == {
        jobcenter_a.pk,
        jobcenter_b.pk,
    }


def test_a_cpr_number_in_a_response_file_is_masked_in_the_kept_errors(
    client_for, administrator, runde, django_capture_on_commit_callbacks
):
    """Every message passes Afvist, so a survey file's messages are masked like any other."""
    with django_capture_on_commit_callbacks(execute=True):
        client_for(administrator).post(
            reverse("borgere:import_start"),
            {
                "type": "svar",
                "runde": str(runde.pk),
                "fil": upload("kommunenummer;tilfredshed;B1\n751;0801014886;3\n"),
            },
        )
    koersel = Importkoersel.objects.get()
    assert koersel.status == "afvist"
    assert koersel.fejl == [[2, "tilfredshed: »080101-xxxx« er ikke et tal fra 1 til 5."]]


def importer_svar(client, runde, indhold: str, commit) -> Importkoersel:
    with commit(execute=True):
        client.post(
            reverse("borgere:import_start"),
            {"type": "svar", "runde": str(runde.pk), "fil": upload(indhold)},
        )
    return Importkoersel.objects.latest("pk")


def test_an_empty_column_after_the_last_is_no_column(
    client_for, administrator, runde, django_capture_on_commit_callbacks
):
    """Excel writes a `;` after the last column when a cell beyond it was ever touched; the
    import refused it with »Ukendte kolonner: ; brug spørgsmålenes koder.«"""
    koersel = importer_svar(
        client_for(administrator),
        runde,
        "kommunenummer;tilfredshed;\n751;4;\n",
        django_capture_on_commit_callbacks,
    )
    assert (koersel.status, koersel.fejl, koersel.nye) == ("kontrolleret", [], 1)


@pytest.mark.parametrize(
    ("indhold", "fejl"),
    [
        ("kommunenummer;tilfredshed;\n751;4;3\n", "Kolonne 3 har intet navn i første række."),
        (
            "kommunenummer;tilfredshed;tilfredshed\n751;4;1\n",
            "Kolonnen tilfredshed står mere end én gang i første række.",
        ),
        (
            "kommunenummer\n751\n",
            "Første række skal have mindst ét spørgsmåls kode efter kommunenummer, fx "
            "kommunenummer;tilfredshed;B1.",
        ),
    ],
)
def test_a_response_file_whose_columns_say_nothing_clear_changes_no_response(
    client_for, administrator, runde, jobcenter_a, django_capture_on_commit_callbacks, indhold, fejl
):
    """An answer under no name was refused as »Ukendte kolonner: «, a code twice kept the last
    answer without a word, and a file with no code at all replaced the jobcentre's sent response
    with an empty one."""
    besvarelse = Besvarelse.objects.create(
        runde=runde, jobcenter=jobcenter_a, afsendt=timezone.now()
    )
    tilfredshed = Spoergsmaal.objects.get(sektion__skema=runde.skema, kode="tilfredshed")
    besvarelse.svar.create(spoergsmaal=tilfredshed, vaerdi=5)
    client = client_for(administrator)
    koersel = importer_svar(client, runde, indhold, django_capture_on_commit_callbacks)
    assert (koersel.status, koersel.fejl) == ("afvist", [[1, fejl]])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("borgere:import_godkend", args=[koersel.pk]))
    assert [s.vaerdi for s in besvarelse.svar.all()] == [5]


def test_the_run_says_which_round_and_the_list_says_what_in_danish(
    client_for, administrator, runde, django_capture_on_commit_callbacks
):
    """The page to approve a response file did not say which round it goes into (an
    administrator with two open rounds could not see that they chose the wrong one), and the
    list of runs named the type by its code (»svar«, »maalgrupper«)."""
    client = client_for(administrator)
    koersel = importer_svar(
        client, runde, "kommunenummer;tilfredshed\n751;4\n", django_capture_on_commit_callbacks
    )
    assert koersel.status == "kontrolleret"
    side = client.get(koersel.get_absolute_url()).content.decode()
    assert "Undersøgelsesrunde: <strong>Kursuskøb 2027</strong>" in side
    liste = client.get(reverse("borgere:import_start")).content.decode()
    assert "<td>Svar på en undersøgelse</td>" in liste and "<td>svar</td>" not in liste


def test_with_no_open_round_the_page_says_why_instead_of_asking_to_choose_one(
    client_for, administrator, django_capture_on_commit_callbacks
):
    """A new administrator whose jobcentre is in no open round was offered »Svar på en
    undersøgelse« and told »Vælg undersøgelsesrunde …« beside a list with nothing to choose."""
    client = client_for(administrator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("borgere:import_start"),
            {"type": "svar", "fil": upload("kommunenummer;tilfredshed\n751;4\n")},
        )
    assert response.context["form"].errors["runde"] == [
        "Der er ingen åben undersøgelsesrunde, du kan importere svar til. En administrator "
        "sender en runde ud under »Undersøgelser«."
    ]
    assert not Importkoersel.objects.exists()
