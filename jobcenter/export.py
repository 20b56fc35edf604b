"""CSV downloads that Danish Excel opens as they are: `;`-separated, UTF-8 with BOM, and every
cell that a spreadsheet would run as a formula escaped."""

import csv
from collections.abc import Iterable, Sequence

from django.http import HttpResponse

FORMEL_TEGN = ("=", "+", "-", "@", "\t", "\r")


def csv_celle(value: object) -> str:
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
