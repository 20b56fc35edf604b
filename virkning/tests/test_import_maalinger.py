"""Issue 16, item 7: measurements made elsewhere, imported with `manage.py importer maalinger FILE`
or on the import page: `cpr;instrument;dato;<indikator-kode>…`, per jobcentre, all or nothing
with line numbers, idempotent, and never telling whether a CPR number exists elsewhere."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from borgere.models import Importkoersel
from borgere.tests.factories import BorgerFactory
from jobcenter.imports import importtyper, importtyper_for
from virkning.models import Indikator, Instrument, Maaling, Svar
from virkning.services.instrument import kopier_instrument

pytestmark = pytest.mark.django_db

KAREN = "0101901234"
HANS = "0202851234"
FREMMED = "0303801234"  # a citizen of jobcentre B
UKENDT = "0404701234"  # nobody's


@pytest.fixture
def borgere(jobcenter_a, jobcenter_b):
    return {
        "karen": BorgerFactory(jobcenter=jobcenter_a, cpr=KAREN),
        "hans": BorgerFactory(jobcenter=jobcenter_a, cpr=HANS),
        "fremmed": BorgerFactory(jobcenter=jobcenter_b, cpr=FREMMED),
    }


def fil(tmp_path, *linjer: str):
    sti = tmp_path / "maalinger.csv"
    sti.write_bytes(("\n".join(linjer) + "\n").encode())
    return str(sti)


def importer(sti: str) -> None:
    call_command("importer", "maalinger", sti, "--bruger", "administrator")


def svar(maaling: Maaling) -> dict[str, int]:
    return {s.indikator.kode: s.vaerdi for s in maaling.svar.select_related("indikator")}


GODE = (
    "cpr;instrument;dato;b-jobsoegning;b-tro-paa-job;k-jobsoegning;uddannelse;erfaring;"
    "forandringsparathed;selvtillid;brancheskift;transport",
    f"{KAREN};progression;01-09-2026;4;;7;;;;;;",
    f"{HANS};jobmobilitet;2026-09-02;;;;1;2;2;1;4;5",
)


def test_the_command_imports_measurements_and_a_second_run_changes_nothing(
    administrator, borgere, tmp_path, capsys
):
    sti = fil(tmp_path, *GODE)
    importer(sti)
    assert "2 rækker gav 2 nye, 0 ændrede og 0 uændrede" in capsys.readouterr().out
    progression = Maaling.objects.get(borger=borgere["karen"])
    assert progression.instrument == Instrument.objects.get(jobcenter=None, kode="progression")
    assert (progression.jobcenter, progression.importeret, str(progression.dato)) == (
        administrator.jobcenter,
        True,
        "2026-09-01",
    )
    # The empty cell is no answer.
    assert svar(progression) == {"b-jobsoegning": 4, "k-jobsoegning": 7}
    assert progression.kategori is None
    screening = Maaling.objects.get(borger=borgere["hans"])
    # Faglige (1, 2) and personlige (2, 1) both under 3: the first category.
    assert screening.kategori.navn == "Udfordring på flere dimensioner"
    assert screening.begrundelse == [
        "Faglige kvalifikationer: 1,5 (under 3,0)",
        "Personlige kompetencer og forandringsparathed: 1,5 (under 3,0)",
    ]
    foer = sorted(Svar.objects.values_list("pk", "maaling_id", "indikator_id", "vaerdi"))

    importer(sti)
    assert "2 rækker gav 0 nye, 0 ændrede og 2 uændrede" in capsys.readouterr().out
    assert sorted(Svar.objects.values_list("pk", "maaling_id", "indikator_id", "vaerdi")) == foer


def test_a_row_with_other_answers_replaces_the_measurements_answers(
    administrator, borgere, tmp_path, capsys
):
    importer(fil(tmp_path, *GODE))
    importer(
        fil(
            tmp_path,
            "cpr;instrument;dato;b-jobsoegning;uddannelse;erfaring;forandringsparathed;"
            "selvtillid;brancheskift;transport",
            f"{KAREN};progression;01-09-2026;5;;;;;;",
            f"{HANS};jobmobilitet;02-09-2026;;5;5;5;5;1;2",
        )
    )
    assert "2 rækker gav 0 nye, 2 ændrede og 0 uændrede" in capsys.readouterr().out
    assert Maaling.objects.count() == 2
    assert svar(Maaling.objects.get(borger=borgere["karen"])) == {"b-jobsoegning": 5}
    screening = Maaling.objects.get(borger=borgere["hans"])
    assert screening.kategori.navn == "Mobilitetsudfordring"
    assert screening.begrundelse == ["Faglig og geografisk mobilitet: 1,5 (under 3,0)"]


def test_every_bad_row_is_named_by_line_and_nothing_is_written(
    administrator, borgere, tmp_path, capsys
):
    sti = fil(
        tmp_path,
        "cpr;instrument;dato;b-jobsoegning;k-jobsoegning;uddannelse",
        f"{KAREN};progression;01-09-2026;4;7;",  # good
        f"{KAREN};progression;01-09-2026;3;;",  # the same measurement twice
        f"{HANS};progression;01-09-2026;6;11;",  # off the scale, both
        f"{HANS};ukendt;01-09-2026;3;;",
        f"{HANS};progression;31-02-2026;3;;",
        f"{HANS};progression;02-09-2026;;;",  # no answers
        f"{HANS};progression;03-09-2026;3;;4",  # uddannelse is the screening's
        f"{HANS};jobmobilitet;03-09-2026;;;4",  # good
        f"{HANS};progression;04-09-2026;tre;;",
        f"{HANS};progression;01-09-2099;3;;",
    )
    with pytest.raises(CommandError, match="afvist med 9 fejl; intet er gemt"):
        importer(sti)
    assert capsys.readouterr().err.splitlines() == [
        "linje 3: samme borger, instrument og dato står to gange i filen",
        "linje 4: b-jobsoegning: »6« ligger ikke på skalaen 1–5",
        "linje 4: k-jobsoegning: »11« ligger ikke på skalaen 0–10",
        "linje 5: ukendt instrument »ukendt«; brug instrumentets kode",
        "linje 6: dato »31-02-2026« er ikke en dato (skriv 23-11-2026 eller 2026-11-23)",
        "linje 7: rækken har ingen svar",
        "linje 8: uddannelse er ikke en indikator i Progressionsmåling",
        "linje 10: b-jobsoegning: »tre« ligger ikke på skalaen 1–5",
        "linje 11: datoen ligger i fremtiden",
    ]
    assert not Maaling.objects.exists() and not Svar.objects.exists()


def test_columns_that_are_no_indicator_are_refused_before_any_row(
    administrator, borgere, tmp_path, capsys
):
    with pytest.raises(CommandError, match="afvist"):
        importer(fil(tmp_path, "cpr;instrument;dato;hemmelig;b-jobsoegning;b-jobsoegning", "x"))
    assert capsys.readouterr().err.splitlines() == [
        "linje 1: Ukendte kolonner: hemmelig; brug indikatorernes koder.",
        "linje 1: b-jobsoegning står mere end én gang i første række.",
    ]
    with pytest.raises(CommandError, match="afvist"):
        importer(fil(tmp_path, "cpr;instrument;dato", f"{KAREN};progression;01-09-2026"))
    assert "mindst én indikators kode" in capsys.readouterr().err
    assert not Maaling.objects.exists()


def test_another_jobcentres_cpr_gets_the_same_answer_as_an_unknown_one(
    administrator, borgere, tmp_path, capsys
):
    udfald = []
    for cpr in (FREMMED, UKENDT):
        with pytest.raises(CommandError) as fejl:
            importer(
                fil(
                    tmp_path,
                    "cpr;instrument;dato;b-jobsoegning",
                    f"{cpr};progression;01-09-2026;3",
                )
            )
        udfald.append((str(fejl.value), capsys.readouterr()))
    assert udfald[0] == udfald[1]
    assert "linje 2: CPR-nummeret findes ikke blandt jeres borgere" in udfald[0][1].err
    assert FREMMED[:6] not in udfald[0][1].err
    assert not Maaling.objects.exists()


def test_the_jobcentres_own_version_takes_the_place_of_the_template(
    administrator, borgere, tmp_path
):
    skabelon = Instrument.objects.get(jobcenter=None, kode="progression")
    eget = kopier_instrument(
        instrument=skabelon, jobcenter=administrator.jobcenter, bruger=administrator
    )
    Indikator.objects.filter(instrument=eget, kode="b-jobsoegning").update(skala_max=10)
    importer(
        fil(tmp_path, "cpr;instrument;dato;b-jobsoegning", f"{KAREN};progression;01-09-2026;9")
    )
    maaling = Maaling.objects.get()
    assert maaling.instrument == eget
    assert svar(maaling) == {"b-jobsoegning": 9}


def test_only_administrators_may_import_measurements(
    konsulent, administrator, borgere, tmp_path, capsys
):
    assert "maalinger" in importtyper()
    assert "maalinger" in [t.kode for t in importtyper_for(administrator)]
    assert "maalinger" not in [t.kode for t in importtyper_for(konsulent)]
    with pytest.raises(CommandError):
        call_command("importer", "maalinger", fil(tmp_path, *GODE), "--bruger", "konsulent")
    assert "Kun administratorer i et jobcenter kan importere målinger." in capsys.readouterr().err
    assert not Maaling.objects.exists()


def test_the_import_page_offers_the_type_and_imports_after_approval(
    client_for, administrator, borgere, django_capture_on_commit_callbacks
):
    client = client_for(administrator)
    side = client.get(reverse("borgere:import_start"))
    assert "maalinger" in [k for k, _ in side.context["form"].fields["type"].widget.choices]
    assert "<code>cpr;instrument;dato;&lt;indikatorens kode&gt;…</code>" in side.content.decode()
    upload = io.BytesIO(("\n".join(GODE) + "\n").encode())
    upload.name = "maalinger.csv"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("borgere:import_start"), {"type": "maalinger", "fil": upload}
        )
    koersel = Importkoersel.objects.get()
    assert (koersel.type, koersel.status, koersel.nye) == ("maalinger", "kontrolleret", 2)
    assert not Maaling.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("borgere:import_godkend", args=[koersel.pk]))
    koersel.refresh_from_db()
    assert (koersel.status, koersel.nye) == ("faerdig", 2)
    assert Maaling.objects.filter(importeret=True).count() == 2
    assert response.status_code == 302


def test_a_bad_file_on_the_page_is_refused_with_its_line_numbers(
    client_for, administrator, borgere, django_capture_on_commit_callbacks
):
    upload = io.BytesIO(
        f"cpr;instrument;dato;b-jobsoegning\n{FREMMED};progression;01-09-2026;3\n"
        f"{KAREN};progression;01-09-2026;9\n".encode()
    )
    upload.name = "maalinger.csv"
    with django_capture_on_commit_callbacks(execute=True):
        client_for(administrator).post(
            reverse("borgere:import_start"), {"type": "maalinger", "fil": upload}
        )
    koersel = Importkoersel.objects.get()
    assert koersel.status == "afvist"
    assert koersel.fejl == [
        [2, "CPR-nummeret findes ikke blandt jeres borgere"],
        [3, "b-jobsoegning: »9« ligger ikke på skalaen 1–5"],
    ]
    assert not Maaling.objects.exists()
