"""Issue 14, item 6: one declaration per export gives CSV and Excel that open right in Danish
Excel; item 7: their numbers are rounded as the page rounds them."""

import datetime
from decimal import Decimal

import pytest

from jobcenter import export
from jobcenter.tests.eksportlaeser import laes_csv, laes_excel, raekker

KOLONNER = [
    export.tekst("navn"),
    export.heltal("antal"),
    export.decimaltal("score", 2),
    export.procent("andel"),
    export.dato("dato"),
    export.tidspunkt("beregnet"),
    export.beloeb("pris"),
]
# 23:30 UTC is 00:30 the next day in Copenhagen: the reader's clock, not UTC's.
BEREGNET = datetime.datetime(2026, 11, 22, 23, 30, tzinfo=datetime.UTC)
RAEKKER = [
    ['=HYPERLINK("x")', 9000, 2.675, 3 / 55, datetime.date(2026, 11, 23), BEREGNET, 1234.5],
    ["-Aarhus", 2, -0.25, Decimal(51) / Decimal(57), None, None, None],
    ["Aalborg", None, None, Decimal("0.9375"), None, None, Decimal("0.005")],
]
EKSPORT = export.Eksport("Nøgletal: [2026/27]?", KOLONNER)


def test_the_csv_opens_in_danish_excel_with_the_figures_of_the_page():
    svar = EKSPORT.som_csv("x.csv", RAEKKER)
    assert svar["Content-Disposition"] == 'attachment; filename="x.csv"'
    tekst = svar.content.decode("utf-8-sig")
    assert tekst.splitlines()[0] == "navn;antal;score;andel (%);dato;beregnet;pris (kr.)"
    assert tekst.splitlines()[1].endswith(";9000;2,68;5,5;23-11-2026;23-11-2026 00:30;1234,50")
    data = laes_csv(EKSPORT.som_csv("x.csv", RAEKKER))
    assert list(data["navn"]) == ['\'=HYPERLINK("x")', "'-Aarhus", "Aalborg"]  # no formula
    assert list(data["andel (%)"]) == [5.5, 89.5, 93.8]  # rounded half up, not cut
    assert list(data["score"][:2]) == [2.68, -0.25]  # a negative number is not escaped
    assert data["antal"][0] == 9000 and data["pris (kr.)"][2] == 0.01


def test_the_workbook_has_typed_cells_a_named_sheet_and_a_frozen_filtered_header():
    ark = laes_excel(EKSPORT.som_excel("x.xlsx", RAEKKER), titel="Nøgletal- -2026-27--")
    forste, anden, tredje = raekker(ark)
    assert forste["navn"].value == '\'=HYPERLINK("x")' and forste["navn"].data_type == "s"
    assert (forste["antal"].value, forste["antal"].number_format) == (9000, "#,##0")
    assert (forste["score"].value, forste["score"].number_format) == (2.68, "#,##0.00")
    # Excel's »%« multiplies by 100: the share, as the page rounds it.
    andele = [r["andel"].value for r in (forste, anden, tredje)]
    assert andele == [0.055, 0.895, 0.938] and forste["andel"].number_format == "0.0 %"
    assert forste["dato"].value == datetime.datetime(2026, 11, 23)  # a date, not text
    assert forste["dato"].number_format == "dd-mm-yyyy"
    assert forste["beregnet"].value == datetime.datetime(2026, 11, 23, 0, 30)
    assert forste["beregnet"].number_format == "dd-mm-yyyy hh:mm"
    assert (forste["pris"].value, forste["pris"].number_format) == (1234.5, '#,##0.00 "kr."')
    assert anden["dato"].value is None and anden["antal"].value == 2


def test_a_sheet_name_keeps_within_excels_rules():
    assert export.arknavn("Indsatskort: Alle / [netværk]*?") == "Indsatskort- Alle - -netværk---"
    assert len(export.arknavn("x" * 40)) == 31
    assert export.arknavn("") == "Ark1"


def test_an_empty_export_still_has_its_header_frozen_and_filtered():
    ark = laes_excel(EKSPORT.som_excel("x.xlsx", []), titel="Nøgletal- -2026-27--")
    assert ark.max_row == 1 and ark.auto_filter.ref == "A1:G1"
    assert list(laes_csv(EKSPORT.som_csv("x.csv", [])).columns)[3] == "andel (%)"


def test_a_format_is_chosen_by_name_and_a_wrong_one_is_refused():
    assert EKSPORT.svar("xlsx", "x", [])["Content-Disposition"].endswith('x.xlsx"')
    assert EKSPORT.svar("csv", "x", [])["Content-Disposition"].endswith('x.csv"')
    with pytest.raises(ValueError, match="Ukendt format"):
        EKSPORT.svar("pdf", "x", [])
