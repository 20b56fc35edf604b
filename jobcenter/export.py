"""Downloads for spreadsheets: CSV that Danish Excel opens as it is (`;`-separated, UTF-8 with
BOM) and XLSX; in both, every cell that a spreadsheet would run as a formula is escaped."""

import csv
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.http import HttpResponse
from openpyxl import Workbook

FORMEL_TEGN = ("=", "+", "-", "@", "\t", "\r")


def csv_celle(value: object) -> str:
    """A number is written as it is (-0.25 is no formula); text that starts like one is
    escaped."""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return str(value)
    tekst = "" if value is None else str(value)
    return "'" + tekst if tekst.startswith(FORMEL_TEGN) else tekst


def csv_response(filnavn: str, kolonner: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filnavn}"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(kolonner)
    for row in rows:
        writer.writerow([csv_celle(value) for value in row])
    return response


def excel_tal(value):
    return float(value) if isinstance(value, Decimal) else value


def excel_response(filnavn: str, kolonner: list[str], data) -> HttpResponse:
    bog = Workbook()
    ark = bog.active
    ark.append(kolonner)
    for row in data:
        ark.append([csv_celle(v) if isinstance(v, str) else excel_tal(v) for v in row])
    buffer = io.BytesIO()
    bog.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filnavn}"'
    return response
