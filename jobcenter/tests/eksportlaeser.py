"""Reading a download back as a user's spreadsheet would: the CSV with pandas as Danish Excel
reads it, the XLSX with openpyxl, checking what every export must have (issue 14, item 6)."""

import codecs
import io

import pandas as pd
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from jobcenter.export import XLSX_TYPE


def laes_csv(svar) -> pd.DataFrame:
    assert svar.status_code == 200
    assert svar["Content-Type"] == "text/csv; charset=utf-8"
    assert svar.content.startswith(codecs.BOM_UTF8)
    return pd.read_csv(io.BytesIO(svar.content), sep=";", decimal=",", encoding="utf-8-sig")


def laes_excel(svar, *, titel: str) -> Worksheet:
    """The sheet, named, its header frozen and filtered over all the data."""
    assert svar.status_code == 200
    assert svar["Content-Type"] == XLSX_TYPE
    ark = load_workbook(io.BytesIO(svar.content)).active
    assert ark.title == titel
    assert ark.freeze_panes == "A2"
    assert ark.auto_filter.ref == f"A1:{get_column_letter(ark.max_column)}{ark.max_row}"
    return ark


def raekker(ark: Worksheet) -> list[dict]:
    """The rows as header → cell, so a test reads both a cell's value and its format."""
    overskrifter = [c.value for c in ark[1]]
    return [dict(zip(overskrifter, raekke, strict=True)) for raekke in ark.iter_rows(min_row=2)]
