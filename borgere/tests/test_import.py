import base64
import csv
import datetime
import io
import os
import time
import tracemalloc
import zipfile

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook

from borgere.models import (
    Borger,
    Importkoersel,
    Maalgruppeperiode,
    Praktikforloeb,
    Trin,
    Ydelsesperiode,
    Ydelsestype,
)
from borgere.tests.factories import BorgerFactory, importkoersel
from jobcenter.imports import Afvist, importer, kopier
from virksomheder.models import Virksomhed

pytestmark = pytest.mark.django_db


def csv_fil(*linjer: str, bom: bool = True) -> bytes:
    return (("\ufeff" if bom else "") + "\n".join(linjer) + "\n").encode()


BORGERE = csv_fil(
    "cpr;navn;kommunenummer",
    "010190-1234;Karen Blixen;751",
    "0202851234;Hans Christian Andersen;751",
)


def importer_som(bruger, type_, indhold, filnavn="fil.csv", skriv=True):
    return importer(type_=type_, indhold=indhold, filnavn=filnavn, bruger=bruger, skriv=skriv)


def test_citizens_are_imported_and_a_second_import_changes_nothing(administrator):
    resultat = importer_som(administrator, "borgere", BORGERE)
    assert (resultat.raekker, resultat.nye) == (2, 2)
    hca = Borger.objects.get(cpr="0202851234")
    assert (hca.fornavn, hca.efternavn, hca.jobcenter) == (
        "Hans Christian",
        "Andersen",
        administrator.jobcenter,
    )
    igen = importer_som(administrator, "borgere", BORGERE)
    assert (igen.nye, igen.opdaterede, igen.uaendrede) == (0, 0, 2)
    assert Borger.objects.count() == 2


def test_a_file_with_bad_rows_is_rejected_whole_with_every_bad_row(administrator, jobcenter_b):
    BorgerFactory(jobcenter=jobcenter_b, cpr="0303801234")
    fil = csv_fil(
        "cpr;navn;kommunenummer",
        "010190-1234;Karen Blixen;751",
        "3102901234;Ingen Dato;751",
        "0404801234;Fra Aalborg;851",
        "0303801234;Anden Borger;751",
        "010190-1234;Karen Igen;751",
        "0505801234;Madonna;751",
    )
    with pytest.raises(Afvist) as afvist:
        importer_som(administrator, "borgere", fil)
    assert afvist.value.fejl == [
        (3, "ugyldigt CPR-nummer"),
        (4, "borgeren hører til kommune 851, ikke til dit jobcenter (751)"),
        (6, "CPR-nummeret står to gange i filen"),
        (7, "navn skal have fornavn og efternavn"),
    ]
    assert Borger.objects.count() == 1  # only the other jobcentre's


def test_the_header_must_be_right(administrator):
    with pytest.raises(Afvist, match="1 fejl") as afvist:
        importer_som(administrator, "borgere", csv_fil("cpr;name;kommune", "0101901234;A B;751"))
    assert "Kolonnerne skal være cpr;navn;kommunenummer" in afvist.value.fejl[0][1]


class TestPerioder:
    @pytest.fixture
    def borgere(self, administrator):
        importer_som(administrator, "borgere", BORGERE)

    def test_benefits_with_danish_dates_comma_separated_and_open_ends(self, administrator, borgere):
        fil = csv_fil(
            "cpr,ydelse,fra,til",
            "0101901234,kontanthjaelp,01-01-2026,31-03-2026",
            "0101901234,Dagpenge,2026-04-01,",
            bom=False,
        )
        assert importer_som(administrator, "ydelser", fil).nye == 2
        perioder = list(
            Ydelsesperiode.objects.order_by("fra").values_list("ydelse__kode", "fra", "til")
        )
        assert perioder == [
            ("kontanthjaelp", datetime.date(2026, 1, 1), datetime.date(2026, 3, 31)),
            ("dagpenge", datetime.date(2026, 4, 1), None),
        ]
        assert importer_som(administrator, "ydelser", fil).uaendrede == 2
        assert Ydelsesperiode.objects.count() == 2

    def test_a_changed_end_date_updates_the_period(self, administrator, borgere):
        importer_som(
            administrator,
            "ydelser",
            csv_fil("cpr;ydelse;fra;til", "0101901234;kontanthjaelp;01-01-2026;"),
        )
        resultat = importer_som(
            administrator,
            "ydelser",
            csv_fil("cpr;ydelse;fra;til", "0101901234;kontanthjaelp;01-01-2026;30-06-2026"),
        )
        assert resultat.opdaterede == 1
        assert Ydelsesperiode.objects.get().til == datetime.date(2026, 6, 30)

    def test_overlaps_unknown_codes_and_reversed_dates_are_listed(self, administrator, borgere):
        importer_som(
            administrator,
            "ydelser",
            csv_fil("cpr;ydelse;fra;til", "0202851234;dagpenge;01-01-2026;"),
        )
        fil = csv_fil(
            "cpr;ydelse;fra;til",
            "0101901234;kontanthjaelp;01-01-2026;31-03-2026",
            "0101901234;dagpenge;15-03-2026;",
            "0202851234;kontanthjaelp;01-06-2026;",
            "0101901234;folkepension;01-01-2027;",
            "0101901234;kontanthjaelp;01-05-2027;01-04-2027",
            "9999999999;kontanthjaelp;01-01-2026;",
            "0101901234;kontanthjaelp;31-02-2028;",
        )
        with pytest.raises(Afvist) as afvist:
            importer_som(administrator, "ydelser", fil)
        linjer = {linje: besked for linje, besked in afvist.value.fejl}
        assert set(linjer) == {3, 4, 5, 6, 7, 8}
        assert "overlapper" in linjer[3] and "overlapper" in linjer[4]
        assert linjer[5] == "ukendt ydelse »folkepension«"
        assert linjer[6] == "til ligger før fra"
        assert linjer[7] == "CPR-nummeret findes ikke blandt jeres borgere"
        assert "er ikke en dato" in linjer[8]
        assert Ydelsesperiode.objects.count() == 1

    def test_target_groups_accept_the_case_systems_spellings(self, administrator, borgere):
        fil = csv_fil(
            "cpr;maalgruppe;fra;til",
            "0101901234;Matchgruppe 2;01-01-2026;31-03-2026",
            "0101901234;3;01-04-2026;",
            "0202851234;matchgruppe-1;01-01-2026;",
        )
        importer_som(administrator, "maalgrupper", fil)
        assert sorted(Maalgruppeperiode.objects.values_list("maalgruppe__kode", flat=True)) == [
            "matchgruppe-1",
            "matchgruppe-2",
            "matchgruppe-3",
        ]

    def test_another_jobcentres_user_cannot_import_these_citizens(self, jobcenter_b, borgere):
        from jobcenter.tests.factories import BrugerFactory

        administrator_b = BrugerFactory(rolle="administrator", jobcenter=jobcenter_b)
        with pytest.raises(Afvist) as afvist:
            importer_som(
                administrator_b,
                "ydelser",
                csv_fil("cpr;ydelse;fra;til", "0101901234;dagpenge;01-01-2026;"),
            )
        assert afvist.value.fejl == [(2, "CPR-nummeret findes ikke blandt jeres borgere")]
        assert not Ydelsesperiode.objects.exists()


class TestKopier:
    """jobcenter.imports.kopier: COPY on PostgreSQL, bulk_create elsewhere; the same rows."""

    def test_instances_are_written_as_they_are_with_field_defaults_and_escapes(self, konsulent):
        navne = ["Tab\tBack\\slash", "Linje\nskift\r", "Æ Ø Å \\N"]
        kopier(
            Borger,
            [
                Borger(jobcenter=konsulent.jobcenter, cpr=f"010190123{i}", fornavn=n, efternavn="B")
                for i, n in enumerate(navne)
            ],
            batch_size=2,
        )
        borgere = list(Borger.objects.order_by("cpr"))
        assert [b.fornavn for b in borgere] == navne
        # pre_save fills auto_now_add as bulk_create does; no save() runs, so no history.
        assert all(b.oprettet and b.opdateret and b.anonymiseret is None for b in borgere)
        assert not Borger.history.exists()

    def test_it_also_writes_through_the_debug_cursor(self, konsulent):
        # DEBUG (`make run`) wraps the cursor in CursorDebugWrapper, whose copy_expert takes no
        # keywords; the nightly »Hvad virker« jobs failed there.
        with CaptureQueriesContext(connection):
            kopier(
                Borger,
                [
                    Borger(
                        jobcenter=konsulent.jobcenter, cpr="0101901234", fornavn="A", efternavn="B"
                    )
                ],
                batch_size=10,
            )
        assert Borger.objects.filter(cpr="0101901234").exists()

    def test_the_database_checks_every_constraint_and_nothing_is_written(self, konsulent):
        borger = BorgerFactory(jobcenter=konsulent.jobcenter)
        ydelse = Ydelsestype.objects.get(kode="dagpenge")
        raekker = [
            Ydelsesperiode(borger=borger, ydelse=ydelse, fra=datetime.date(2026, 1, 1)),
            Ydelsesperiode(borger=borger, ydelse=ydelse, fra=datetime.date(2026, 1, 1)),
        ]
        with pytest.raises(IntegrityError), transaction.atomic():
            kopier(Ydelsesperiode, raekker, batch_size=10)
        assert not Ydelsesperiode.objects.exists()


def test_forloeb_create_unknown_companies_and_end_running_ones(administrator):
    importer_som(administrator, "borgere", BORGERE)
    fil = csv_fil(
        "cpr;cvr;type;start;slut",
        "0101901234;13585628;virksomhedspraktik;01-09-2026;",
        "0202851234;13585628;Løntilskud, privat;01-03-2026;31-08-2026",
    )
    assert importer_som(administrator, "forloeb", fil).nye == 2
    virksomhed = Virksomhed.objects.get(cvr="13585628")
    assert virksomhed.navn == "Virksomhed med CVR 13585628"
    koerende = Praktikforloeb.objects.get(borger__cpr="0101901234")
    assert (koerende.trin, koerende.faktisk_slut, koerende.importeret) == (
        Trin.UNDERVEJS,
        None,
        True,
    )
    assert Praktikforloeb.objects.get(borger__cpr="0202851234").trin == Trin.AFSLUTNING
    slut = csv_fil(
        "cpr;cvr;type;start;slut", "0101901234;13585628;virksomhedspraktik;01-09-2026;30-11-2026"
    )
    assert importer_som(administrator, "forloeb", slut).opdaterede == 1
    koerende.refresh_from_db()
    assert (koerende.trin, koerende.faktisk_slut) == (Trin.AFSLUTNING, datetime.date(2026, 11, 30))
    assert Praktikforloeb.objects.count() == 2 and Virksomhed.objects.count() == 1


def test_a_bad_cvr_rejects_the_forloeb_file(administrator):
    importer_som(administrator, "borgere", BORGERE)
    with pytest.raises(Afvist) as afvist:
        importer_som(
            administrator,
            "forloeb",
            csv_fil(
                "cpr;cvr;type;start;slut", "0101901234;13585627;virksomhedspraktik;01-09-2026;"
            ),
        )
    assert afvist.value.fejl == [(2, "ugyldigt CVR-nummer »13585627«")]
    assert not Virksomhed.objects.exists()


def test_xlsx_files_are_read_like_csv(administrator):
    bog = Workbook()
    ark = bog.active
    ark.append(["cpr", "navn", "kommunenummer"])
    ark.append(["0101901234", "Karen Blixen", 751])
    buffer = io.BytesIO()
    bog.save(buffer)
    assert (
        importer_som(administrator, "borgere", buffer.getvalue(), filnavn="borgere.xlsx").nye == 1
    )


def test_the_command_imports_and_reports_errors(administrator, tmp_path, capsys):
    fil = tmp_path / "borgere.csv"
    fil.write_bytes(BORGERE)
    call_command("importer", "borgere", str(fil), "--bruger", "administrator")
    assert "2 rækker gav 2 nye" in capsys.readouterr().out
    fil.write_bytes(csv_fil("cpr;navn;kommunenummer", "3102901234;Ingen Dato;751"))
    with pytest.raises(CommandError, match="afvist med 1 fejl"):
        call_command("importer", "borgere", str(fil), "--bruger", "administrator")
    assert "linje 2: ugyldigt CPR-nummer" in capsys.readouterr().err
    with pytest.raises(CommandError, match="Ukendt type"):
        call_command("importer", "hemmeligt", str(fil))


class TestSiden:
    def test_an_administrator_checks_sees_a_preview_and_imports(
        self, client_for, administrator, django_capture_on_commit_callbacks
    ):
        client = client_for(administrator)
        fil = io.BytesIO(BORGERE)
        fil.name = "borgere.csv"
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("borgere:import_start"), {"type": "borgere", "fil": fil})
        koersel = Importkoersel.objects.get()
        assert response.url == reverse("borgere:import", args=[koersel.pk])
        html = client.get(response.url).content.decode()
        assert "Klar til import" in html and "010190-xxxx" in html and "0101901234" not in html
        assert not Borger.objects.exists()
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("borgere:import_godkend", args=[koersel.pk]))
        koersel.refresh_from_db()
        assert (koersel.status, koersel.nye) == ("faerdig", 2)
        assert Borger.objects.count() == 2

    def test_a_rejected_file_shows_every_error_and_cannot_be_imported(
        self, client_for, administrator, django_capture_on_commit_callbacks
    ):
        client = client_for(administrator)
        fil = io.BytesIO(
            csv_fil("cpr;navn;kommunenummer", "3102901234;Ingen Dato;751", "0101901234;X;999")
        )
        fil.name = "borgere.csv"
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("borgere:import_start"), {"type": "borgere", "fil": fil})
        koersel = Importkoersel.objects.get()
        html = client.get(reverse("borgere:import", args=[koersel.pk])).content.decode()
        assert "afvist med 2 fejl" in html and "ugyldigt CPR-nummer" in html
        client.post(reverse("borgere:import_godkend", args=[koersel.pk]))
        assert not Borger.objects.exists()

    def test_only_administrators_import_and_only_their_own_runs(
        self, client_for, konsulent, administrator, outsider, jobcenter_b
    ):
        from jobcenter.tests.factories import BrugerFactory

        assert client_for(konsulent).get(reverse("borgere:import_start")).status_code == 403
        koersel = Importkoersel.objects.create(
            jobcenter=administrator.jobcenter, bruger=administrator, type="borgere", filnavn="x.csv"
        )
        url = reverse("borgere:import", args=[koersel.pk])
        # Another jobcentre's id answers 404, whatever the user may import.
        assert client_for(outsider).get(url).status_code == 404
        administrator_b = BrugerFactory(rolle="administrator", jobcenter=jobcenter_b)
        assert client_for(administrator_b).get(url).status_code == 404

    def test_the_wrong_file_type_is_refused(self, client_for, administrator):
        fil = io.BytesIO(b"%PDF")
        fil.name = "borgere.pdf"
        response = client_for(administrator).post(
            reverse("borgere:import_start"), {"type": "borgere", "fil": fil}
        )
        assert "Filen skal være CSV eller Excel" in response.content.decode()
        assert not Importkoersel.objects.exists()


def test_an_administrator_imports_own_targets_from_the_page(
    client_for, administrator, django_capture_on_commit_callbacks
):
    from borgere.models import Maaltal

    fil = io.BytesIO(
        csv_fil("kampagne;maal;kommunenummer;maaltal", "virksomhedscenterkampagnen;maal-1;751;520")
    )
    fil.name = "maaltal.csv"
    client = client_for(administrator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("borgere:import_start"), {"type": "maaltal", "fil": fil})
    koersel = Importkoersel.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("borgere:import_godkend", args=[koersel.pk]))
    assert Maaltal.objects.get(jobcenter=administrator.jobcenter).vaerdi == 520


def test_a_broken_excel_file_is_rejected_with_a_clear_message(administrator):
    """Found by hypothesis (tests/test_egenskaber.py): openpyxl raised BadZipFile."""
    with pytest.raises(Afvist) as afvist:
        importer_som(administrator, "borgere", b"ikke en zip-fil", filnavn="borgere.xlsx")
    assert afvist.value.fejl == [(1, "Filen kan ikke læses som Excel (.xlsx).")]


def test_a_nul_character_rejects_the_file_with_its_line(administrator):
    """Found by hypothesis on PostgreSQL, which refuses NUL in text: it gave a 500."""
    with pytest.raises(Afvist) as afvist:
        importer_som(
            administrator,
            "borgere",
            csv_fil("cpr;navn;kommunenummer", "0101901234;Ka\x00ren B;751"),
        )
    assert afvist.value.fejl == [(2, "linjen indeholder et ugyldigt tegn (NUL)")]
    assert not Borger.objects.exists()


def test_a_stray_carriage_return_is_read_not_crashed_on(administrator):
    """Found by hypothesis: a lone \\r made the csv module raise."""
    with pytest.raises(Afvist):
        importer_som(administrator, "borgere", csv_fil("cpr;navn;kommunenummer", "\r0"))
    assert not Borger.objects.exists()


def xlsx_med_stor_celle(stykke: bytes, antal: int) -> bytes:
    """A real workbook whose one text cell is `antal` times `stykke`, written in pieces: the
    file is small, what it unpacks to is not."""
    bog = Workbook()
    bog.active.append(["cpr", "navn", "kommunenummer"])
    bog.active.append(["0101901234", "PLADSHOLDER", 751])
    original = io.BytesIO()
    bog.save(original)
    bombe = io.BytesIO()
    with (
        zipfile.ZipFile(original) as kilde,
        zipfile.ZipFile(bombe, "w", zipfile.ZIP_DEFLATED) as arkiv,
    ):
        for medlem in kilde.infolist():
            xml = kilde.read(medlem)
            if b"PLADSHOLDER" not in xml:
                arkiv.writestr(medlem, xml)
                continue
            foer, efter = xml.split(b"PLADSHOLDER")
            with arkiv.open(medlem.filename, "w", force_zip64=True) as ud:
                ud.write(foer)
                for _ in range(antal):
                    ud.write(stykke)
                ud.write(efter)
    return bombe.getvalue()


def hukommelse_ved(funktion) -> int:
    """The most memory Python held while `funktion` ran, in bytes."""
    tracemalloc.start()
    try:
        funktion()
    finally:
        _, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return top


class TestGraenser:
    """Issue 13, finding 4: upload bombs and unbounded imports."""

    def test_it_refuses_a_zip_bomb_without_unpacking_it(self, administrator):
        bombe = xlsx_med_stor_celle(b"A" * 1024 * 1024, 20)  # 20 MB of one letter
        assert len(bombe) < 100_000

        def importer_bomben():
            with pytest.raises(Afvist) as afvist:
                importer_som(administrator, "borgere", bombe, filnavn="borgere.xlsx")
            assert afvist.value.fejl == [
                (1, "Filen ligner ikke en Excel-fil (en zip-bombe?); den afvises.")
            ]

        assert hukommelse_ved(importer_bomben) < 5 * 1024 * 1024
        assert not Borger.objects.exists()

    def test_it_refuses_an_xlsx_that_unpacks_to_more_than_the_limit(self, administrator, settings):
        settings.IMPORT_MAKS_UDPAKKET = 2 * 1024 * 1024
        tilfaeldig = base64.b64encode(os.urandom(768 * 1024))  # compresses 1.3 times only
        fil = xlsx_med_stor_celle(tilfaeldig, 3)

        def importer_filen():
            with pytest.raises(Afvist) as afvist:
                importer_som(administrator, "borgere", fil, filnavn="borgere.xlsx")
            assert afvist.value.fejl == [
                (1, "Excel-filen fylder mere end 2 MB udpakket; del den op, eller gem den som CSV.")
            ]

        assert hukommelse_ved(importer_filen) < 1024 * 1024

    def test_it_refuses_one_huge_cell_before_openpyxl_holds_it(self, administrator, monkeypatch):
        fil = xlsx_med_stor_celle(b"A" * 1024, 900)  # under the compression rule's 1 MB

        def aldrig(*args, **kwargs):
            raise AssertionError("openpyxl opened the file")

        monkeypatch.setattr("jobcenter.imports.load_workbook", aldrig)
        with pytest.raises(Afvist) as afvist:
            importer_som(administrator, "borgere", fil, filnavn="borgere.xlsx")
        assert afvist.value.fejl == [(0, "en celle har mere end 2000 tegn")]

    def test_it_refuses_a_csv_cell_longer_than_the_limit(self, administrator, settings):
        settings.IMPORT_MAKS_TEGN = 50
        fil = csv_fil(
            "cpr;navn;kommunenummer", "0101901234;Karen Blixen;751", f"0202851234;{'A' * 51};751"
        )
        with pytest.raises(Afvist) as afvist:
            importer_som(administrator, "borgere", fil)
        assert afvist.value.fejl == [(3, "en celle har mere end 50 tegn")]
        assert csv.field_size_limit() == 131072  # the csv module's own limit is back

    def test_it_refuses_more_rows_than_the_limit(self, administrator, settings):
        settings.IMPORT_MAKS_RAEKKER = 5
        fil = csv_fil("cpr;navn;kommunenummer", *["0101901234;Karen Blixen;751"] * 6)
        with pytest.raises(Afvist) as afvist:
            importer_som(administrator, "borgere", fil)
        assert afvist.value.fejl == [
            (7, "Filen har mere end 5 rækker; del den op, og indlæs delene hver for sig.")
        ]

    def test_it_stops_reading_an_xlsx_at_the_row_limit(self, administrator, settings):
        """One cell in the sheet's last row makes openpyxl yield a million empty rows before it."""
        settings.IMPORT_MAKS_RAEKKER = 1000
        bog = Workbook()
        bog.active.append(["cpr", "navn", "kommunenummer"])
        bog.active.cell(row=1_048_576, column=16_384, value="x")
        buffer = io.BytesIO()
        bog.save(buffer)
        start = time.monotonic()
        with pytest.raises(Afvist) as afvist:
            importer_som(administrator, "borgere", buffer.getvalue(), filnavn="borgere.xlsx")
        assert afvist.value.fejl[0][0] == 1002
        assert time.monotonic() - start < 5

    def test_it_refuses_a_file_larger_than_the_upload_limit(self, administrator, settings):
        settings.IMPORT_MAKS_BYTES = 1024 * 1024
        fil = csv_fil("cpr;navn;kommunenummer", *["0101901234;Karen Blixen;751"] * 40_000)
        with pytest.raises(Afvist) as afvist:
            importer_som(administrator, "borgere", fil)
        assert afvist.value.fejl == [(1, "Filen fylder mere end 1 MB; del den op.")]

    def test_the_command_applies_the_same_limits(self, administrator, tmp_path, settings, capsys):
        settings.IMPORT_MAKS_RAEKKER = 1
        fil = tmp_path / "borgere.csv"
        fil.write_bytes(BORGERE)
        with pytest.raises(CommandError, match="afvist med 1 fejl"):
            call_command("importer", "borgere", str(fil), "--bruger", "administrator")
        assert "linje 3: Filen har mere end 1 rækker" in capsys.readouterr().err
        settings.IMPORT_MAKS_BYTES = 10
        with pytest.raises(CommandError, match="Filen fylder mere end"):
            call_command("importer", "borgere", str(fil), "--bruger", "administrator")
        assert not Borger.objects.exists()

    def test_the_command_lists_the_first_errors_and_counts_the_rest(
        self, administrator, tmp_path, settings, capsys
    ):
        settings.IMPORT_MAKS_FEJL = 2
        fil = tmp_path / "borgere.csv"
        fil.write_bytes(csv_fil("cpr;navn;kommunenummer", *["3102901234;Ingen Dato;751"] * 5))
        with pytest.raises(CommandError, match="afvist med 5 fejl"):
            call_command("importer", "borgere", str(fil), "--bruger", "administrator")
        fejl = capsys.readouterr().err.splitlines()
        assert fejl == [
            "linje 2: ugyldigt CPR-nummer",
            "linje 3: ugyldigt CPR-nummer",
            "og 3 fejl mere",
        ]


class TestCPRIBeskeder:
    """Issue 13, finding 6: a message quotes the cell it is about, and any cell may hold a CPR
    number; every message shows it masked."""

    def test_it_masks_a_cpr_number_quoted_in_an_error(self, administrator):
        importer_som(administrator, "borgere", BORGERE)
        with pytest.raises(Afvist) as afvist:
            importer_som(
                administrator,
                "ydelser",
                csv_fil("cpr;ydelse;fra;til", "0101901234;0801014886;01-01-2026;"),
            )
        assert afvist.value.fejl == [(2, "ukendt ydelse »080101-xxxx«")]

    def test_it_masks_a_header_that_is_a_row_of_data(self, administrator):
        with pytest.raises(Afvist) as afvist:
            importer_som(administrator, "borgere", csv_fil("0801014886;Karen Blixen;751"))
        assert "4886" not in afvist.value.fejl[0][1]
        assert "080101-xxxx;karen blixen;751" in afvist.value.fejl[0][1]

    @pytest.mark.parametrize(
        "type_", ["jobcentre", "borgere", "ydelser", "maalgrupper", "forloeb", "maaltal"]
    )
    def test_no_message_of_any_import_type_shows_a_cpr_number(self, jobcenter_a, type_):
        from jobcenter.imports import importtyper
        from jobcenter.models import Rolle
        from jobcenter.tests.factories import BrugerFactory

        KOLONNER = {kode: t.kolonner for kode, t in importtyper().items()}
        drift = BrugerFactory(is_superuser=True, jobcenter=jobcenter_a, rolle=Rolle.ADMINISTRATOR)
        BorgerFactory(jobcenter=jobcenter_a, cpr="0801014886")
        former = ["0801014886", "080101-4886", "080101 4886"]
        fil = csv_fil(
            ";".join(KOLONNER[type_]),
            *[";".join([form] * len(KOLONNER[type_])) for form in former],
            ";".join(["0801014886", "x", "1", "0801014886", "080101-4886"][: len(KOLONNER[type_])]),
        )
        with pytest.raises(Afvist) as afvist:
            importer_som(drift, type_, fil)
        beskeder = " ".join(besked for _, besked in afvist.value.fejl)
        assert "4886" not in beskeder, beskeder


def upload(navn: str, indhold: bytes) -> io.BytesIO:
    fil = io.BytesIO(indhold)
    fil.name = navn
    return fil


class TestKoersel:
    """Issue 13, findings 4 and 6: the upload is stored, parsed only in the worker, never left
    running, and its content is gone when the run ends."""

    def test_it_does_not_parse_the_file_in_the_request(
        self, client_for, administrator, monkeypatch, django_capture_on_commit_callbacks
    ):
        laest = []

        def laes_ikke(*args, **kwargs):
            laest.append(args)
            raise AssertionError("the request parsed the file")

        monkeypatch.setattr("openpyxl.reader.excel.ExcelReader.read", laes_ikke)
        monkeypatch.setattr("jobcenter.imports.laes", laes_ikke)
        bog = Workbook()
        bog.active.append(["cpr", "navn", "kommunenummer"])
        indhold = io.BytesIO()
        bog.save(indhold)
        with django_capture_on_commit_callbacks(execute=False) as opgaver:
            response = client_for(administrator).post(
                reverse("borgere:import_start"),
                {"type": "borgere", "fil": upload("borgere.xlsx", indhold.getvalue())},
            )
        koersel = Importkoersel.objects.get()
        assert response.status_code == 302 and response.url == koersel.get_absolute_url()
        assert laest == [] and len(opgaver) == 1
        assert koersel.status == "venter" and koersel.fil.read() == indhold.getvalue()

    def test_the_worker_estimates_an_xlsx_rows_from_its_declared_size(self, administrator):
        from borgere.services.importer import anslaaede_raekker

        bog = Workbook()
        for n in range(41):
            bog.active.append([f"{n}", "Karen Blixen", 751])
        indhold = io.BytesIO()
        bog.save(indhold)
        assert anslaaede_raekker(indhold.getvalue(), "borgere.xlsx") == 40
        assert anslaaede_raekker(b"ikke en zip", "borgere.xlsx") == 0

    def test_a_file_name_longer_than_its_column_is_cut_keeping_the_extension(
        self, client_for, administrator, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = client_for(administrator).post(
                reverse("borgere:import_start"),
                {"type": "borgere", "fil": upload("b" * 300 + ".csv", BORGERE)},
            )
        koersel = Importkoersel.objects.get()
        assert response.status_code == 302
        assert len(koersel.filnavn) == 200 and koersel.filnavn.endswith("….csv")
        assert (koersel.status, koersel.nye) == ("kontrolleret", 2)

    def test_no_sql_statement_carries_the_uploaded_file(
        self, client_for, administrator, django_capture_on_commit_callbacks
    ):
        """PostgreSQL logs a failing statement with its values, and psycopg2 puts them in the
        statement: the file, with its CPR numbers, must never be one of them."""
        from django.db import connection

        statements = []

        def optag(execute, sql, params, many, context):
            try:
                return execute(sql, params, many, context)
            finally:
                # psycopg2 keeps the statement it sent, values and all; SQLite has no such thing.
                sendt = getattr(context["cursor"].cursor, "query", None)
                statements.append(sendt.decode() if sendt else f"{sql} {params!r}")

        client = client_for(administrator)
        with (
            connection.execute_wrapper(optag),
            django_capture_on_commit_callbacks(execute=True),
        ):
            client.post(
                reverse("borgere:import_start"),
                {"type": "borgere", "fil": upload("b" * 300 + ".csv", BORGERE)},
            )
        assert Importkoersel.objects.get().status == "kontrolleret"
        # The check itself looks citizens up by CPR; the run's own statements never carry one.
        koersel = [s for s in statements if "borgere_importkoersel" in s]
        assert any(s.startswith("INSERT") for s in koersel)
        for tegn in ("0202851234", b"0202851234".hex()):
            assert not [s for s in koersel if tegn in s], tegn

    def test_the_file_is_deleted_when_the_run_is_imported(
        self, client_for, administrator, settings, django_capture_on_commit_callbacks
    ):
        client = client_for(administrator)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                reverse("borgere:import_start"),
                {"type": "borgere", "fil": upload("borgere.csv", BORGERE)},
            )
        koersel = Importkoersel.objects.get()
        assert koersel.status == "kontrolleret" and koersel.fil  # the import still needs it
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("borgere:import_godkend", args=[koersel.pk]))
        koersel.refresh_from_db()
        assert (koersel.status, koersel.nye, koersel.fil.name) == ("faerdig", 2, "")
        assert list(settings.IMPORT_MAPPE.iterdir()) == []
        assert koersel.eksempel[0] == {"cpr": "010190-xxxx", "navn": "Karen Blixen"}

    def test_the_file_is_deleted_and_the_first_errors_kept_when_the_run_is_rejected(
        self, client_for, administrator, settings, django_capture_on_commit_callbacks
    ):
        settings.IMPORT_MAKS_FEJL = 3
        client = client_for(administrator)
        fil = csv_fil("cpr;navn;kommunenummer", *["3102901234;Ingen Dato;751"] * 5)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                reverse("borgere:import_start"), {"type": "borgere", "fil": upload("b.csv", fil)}
            )
        koersel = Importkoersel.objects.get()
        assert (koersel.status, len(koersel.fejl), koersel.fejl_i_alt) == ("afvist", 3, 5)
        assert koersel.fil.name == "" and list(settings.IMPORT_MAPPE.iterdir()) == []
        html = client.get(koersel.get_absolute_url()).content.decode()
        assert "afvist med 5 fejl" in html and "og 2 fejl mere" in html

    @pytest.mark.parametrize(
        ("fejl", "aarsag"),
        [
            (RuntimeError("0202851234"), "Jobbet stoppede med en uventet fejl. Intet er gemt."),
            (MemoryError(), "Filen krævede mere hukommelse, end serveren har. Intet er gemt."),
            (SoftTimeLimitExceeded(), "Jobbet tog mere end 900 sekunder og blev stoppet."),
        ],
    )
    def test_a_run_whose_task_raises_is_marked_failed_with_a_reason(
        self, administrator, settings, monkeypatch, caplog, fejl, aarsag
    ):
        from borgere import tasks

        settings.CELERY_TASK_SOFT_TIME_LIMIT = 900

        def fejler(**kwargs):
            raise fejl

        monkeypatch.setattr("jobcenter.imports.importer", fejler)
        koersel = importkoersel(bruger=administrator, indhold=BORGERE)
        assert tasks.kontroller_import(koersel.pk) == "fejlet"
        koersel.refresh_from_db()
        assert koersel.status == "fejlet" and koersel.aarsag.startswith(aarsag)
        assert koersel.afsluttet is not None and koersel.fil.name == ""
        assert list(settings.IMPORT_MAPPE.iterdir()) == []
        assert "0202851234" not in caplog.text and type(fejl).__name__ in caplog.text

    def test_a_run_stuck_past_the_time_limits_is_marked_failed_by_the_cleanup(
        self, administrator, settings
    ):
        from django.core.files.base import ContentFile
        from django.utils import timezone

        from borgere.services.importer import haengende_graense

        for_laenge = timezone.now() - haengende_graense() - datetime.timedelta(minutes=1)
        haenger = importkoersel(
            bruger=administrator, indhold=BORGERE, status="kontrollerer", startet=for_laenge
        )
        koerer = importkoersel(
            bruger=administrator, indhold=BORGERE, status="importerer", startet=timezone.now()
        )
        lager = Importkoersel._meta.get_field("fil").storage
        gammel = lager.save("forladt", ContentFile(b"0202851234"))
        ny = lager.save("ny", ContentFile(b"0202851234"))  # its run may not be committed yet
        os.utime(lager.path(gammel), (for_laenge.timestamp(), for_laenge.timestamp()))

        call_command("ryd_importer")

        haenger.refresh_from_db()
        koerer.refresh_from_db()
        assert (haenger.status, haenger.fil.name) == ("fejlet", "")
        assert haenger.aarsag.startswith("Jobbet blev ikke færdigt")
        assert koerer.status == "importerer" and lager.exists(koerer.fil.name)
        assert not lager.exists(gammel) and lager.exists(ny)


def test_a_checked_file_nobody_imports_is_deleted_after_a_while(
    client_for, administrator, settings
):
    """A new administrator who spots a mistake in the preview uploads a corrected file instead
    of importing the checked one. That run stayed »Klar til import« with its file, CPR numbers
    and all, in IMPORT_MAPPE for ever: only ended runs had their file deleted."""
    from django.utils import timezone

    settings.IMPORT_KONTROLLERET_TIMER = 24
    for_laenge = timezone.now() - datetime.timedelta(hours=25)
    glemt = importkoersel(
        bruger=administrator, indhold=BORGERE, status="kontrolleret", startet=for_laenge
    )
    venter = importkoersel(
        bruger=administrator, indhold=BORGERE, status="kontrolleret", startet=timezone.now()
    )
    lager = Importkoersel._meta.get_field("fil").storage
    fil = glemt.fil.name

    call_command("ryd_importer")

    glemt.refresh_from_db()
    venter.refresh_from_db()
    assert (glemt.status, glemt.fil.name) == ("fejlet", "") and not lager.exists(fil)
    assert glemt.aarsag == (
        "Filen blev kontrolleret, men ikke importeret inden for 24 timer, så den er slettet. "
        "Intet er gemt. Indlæs filen igen."
    )
    assert venter.status == "kontrolleret" and lager.exists(venter.fil.name)
    # Approving it now says so, instead of »Importen er startet«.
    response = client_for(administrator).post(
        reverse("borgere:import_godkend", args=[glemt.pk]), follow=True
    )
    html = response.content.decode()
    assert "Importen blev ikke startet; kørslen er fejlet." in html
    assert "Importen er startet" not in html and not Borger.objects.exists()


@pytest.mark.parametrize(
    ("type_", "kolonner", "raekke", "besked"),
    [
        ("borgere", ["cpr", "navn", "kommunenummer"], ["Karen Blixen", 751], "ugyldigt CPR-nummer"),
        (
            "ydelser",
            ["cpr", "ydelse", "fra", "til"],
            ["dagpenge", "01-01-2026", ""],
            "CPR-nummeret findes ikke blandt jeres borgere",
        ),
        (
            "forloeb",
            ["cpr", "cvr", "type", "start", "slut"],
            ["13585628", "virksomhedspraktik", "01-01-2026", ""],
            "CPR-nummeret findes ikke blandt jeres borgere",
        ),
    ],
)
def test_a_cpr_number_excel_stored_as_a_number_gets_a_message_that_says_why(
    administrator, type_, kolonner, raekke, besked
):
    """A new administrator's export from Excel, with the CPR column as numbers: every citizen
    born on the 1st–9th lost the leading 0 and was just »ugyldigt« or »findes ikke«."""
    BorgerFactory(jobcenter=administrator.jobcenter, cpr="0101901234")
    bog = Workbook()
    bog.active.append(kolonner)
    bog.active.append([101901234, *raekke])
    buffer = io.BytesIO()
    bog.save(buffer)
    with pytest.raises(Afvist) as afvist:
        importer_som(administrator, type_, buffer.getvalue(), filnavn="fil.xlsx")
    assert afvist.value.fejl == [
        (
            2,
            f"{besked}: det har 9 cifre – Excel fjerner et 0 foran, når kolonnen er tal; "
            "formatér CPR-kolonnen som tekst, og gem filen igen",
        )
    ]
