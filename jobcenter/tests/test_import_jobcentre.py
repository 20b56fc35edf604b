"""The jobcentres themselves (`jobcentre`): declared by the organisation's app, imported by the
operators only – from the command and from the import page alike."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from borgere.models import Importkoersel
from jobcenter.imports import Afvist, importer
from jobcenter.models import Jobcenter

from .factories import BrugerFactory

pytestmark = pytest.mark.django_db

FIL = (
    "kommunenummer;navn;region\n"
    "101;Jobcenter København;Hovedstaden og Sjælland\n"
    "751;Jobcenter Aarhus C;midt\n"
).encode()


@pytest.fixture
def drift(db):
    return BrugerFactory(username="drift", is_superuser=True, jobcenter=None, rolle="")


def test_an_operator_imports_jobcentres_through_the_page(
    client_for, drift, administrator, jobcenter_a, django_capture_on_commit_callbacks
):
    client = client_for(drift)
    fil = io.BytesIO(FIL)
    fil.name = "jobcentre.csv"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("borgere:import_start"), {"type": "jobcentre", "fil": fil})
    koersel = Importkoersel.objects.get()
    assert (koersel.jobcenter, koersel.status, koersel.nye, koersel.opdaterede) == (
        None,
        "kontrolleret",
        1,
        1,
    )
    assert "Jobcenter København" in client.get(response.url).content.decode()
    assert not Jobcenter.objects.filter(kommunenummer=101).exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("borgere:import_godkend", args=[koersel.pk]))
    koersel.refresh_from_db()
    assert koersel.status == "faerdig"
    koebenhavn = Jobcenter.objects.get(kommunenummer=101)
    assert koebenhavn.beskaeftigelsesregion == "hovedstaden_sjaelland"
    jobcenter_a.refresh_from_db()
    assert (jobcenter_a.navn, jobcenter_a.beskaeftigelsesregion) == (
        "Jobcenter Aarhus C",
        "midtjylland",
    )
    # The operators' run is theirs: a jobcentre's administrator neither lists nor opens it.
    admin = client_for(administrator)
    assert koersel not in admin.get(reverse("borgere:import_start")).context["koersler"]
    assert admin.get(koersel.get_absolute_url()).status_code == 404


def test_only_the_operators_import_jobcentres_from_the_command(administrator, tmp_path, capsys):
    fil = tmp_path / "jobcentre.csv"
    fil.write_bytes(FIL)
    with pytest.raises(CommandError, match="afvist med 1 fejl"):
        call_command("importer", "jobcentre", str(fil), "--bruger", "administrator")
    assert "Kun driften (superbrugere) kan importere jobcentre." in capsys.readouterr().err
    assert not Jobcenter.objects.filter(kommunenummer=101).exists()
    call_command("importer", "jobcentre", str(fil))
    assert "2 rækker gav 1 nye, 1 ændrede" in capsys.readouterr().out
    assert Jobcenter.objects.filter(kommunenummer__in=[101, 751]).count() == 2


def test_bad_rows_are_listed_and_nothing_is_written(drift):
    fil = (
        "kommunenummer;navn;region\n"
        "101;Jobcenter København;hovedstaden\n"
        "999;Intet;midt\n"
        "101;Igen;midt\n"
        "147;;midt\n"
        "147;Frederiksberg;Østjylland\n"
    ).encode()
    with pytest.raises(Afvist) as afvist:
        importer(type_="jobcentre", indhold=fil, filnavn="j.csv", bruger=drift)
    assert afvist.value.fejl == [
        (3, "ukendt kommunenummer »999«"),
        (4, "kommunenummer 101 står to gange i filen"),
        (5, "navn mangler"),
        (6, "kommunenummer 147 står to gange i filen"),
    ]
    assert not Jobcenter.objects.exists()
