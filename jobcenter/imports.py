"""What every file import shares: reading CSV and XLSX the way Danish Excel writes them, dates,
the result, and the rejection of a whole file with every bad row. The import types themselves
live in the apps (AppConfig.importtyper) and are run by `manage.py importer TYPE FILE`."""

import csv
import datetime
import io
from collections.abc import Callable
from dataclasses import dataclass, field

from openpyxl import load_workbook

DATOFORMATER = ("%d-%m-%Y", "%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y")


class Afvist(Exception):
    """The whole file is refused; nothing was written."""

    def __init__(self, fejl: list[tuple[int, str]]):
        super().__init__(f"{len(fejl)} fejl")
        self.fejl = fejl


@dataclass
class Resultat:
    raekker: int = 0
    nye: int = 0
    opdaterede: int = 0
    uaendrede: int = 0
    eksempel: list[dict] = field(default_factory=list)


# Called now and then with the number of rows handled, for a progress display.
Fremskridt = Callable[[int], None]


def laes(indhold: bytes, filnavn: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the data rows with their line numbers (the header is line 1)."""
    if filnavn.lower().endswith(".xlsx"):
        try:
            ark = load_workbook(io.BytesIO(indhold), read_only=True, data_only=True).active
        except Exception as error:  # noqa: BLE001 – openpyxl raises many kinds for a broken file
            raise Afvist([(1, "Filen kan ikke læses som Excel (.xlsx).")]) from error
        rows = [
            ["" if v is None else celle(v) for v in row] for row in ark.iter_rows(values_only=True)
        ]
    else:
        try:
            tekst = indhold.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise Afvist([(1, "Filen er ikke UTF-8. Gem den som »CSV UTF-8« i Excel.")]) from error
        foerste = tekst.split("\n", 1)[0]
        skilletegn = ";" if foerste.count(";") >= foerste.count(",") else ","
        try:
            rows = list(csv.reader(io.StringIO(tekst, newline=""), delimiter=skilletegn))
        except csv.Error as error:
            raise Afvist([(1, f"Filen kan ikke læses som CSV: {error}.")]) from error
    if not rows:
        raise Afvist([(1, "Filen er tom.")])
    # A NUL character is no text any database stores; refuse the file, naming every such line.
    nul = [
        (nummer, "linjen indeholder et ugyldigt tegn (NUL)")
        for nummer, row in enumerate(rows, start=1)
        if any("\x00" in felt for felt in row)
    ]
    if nul:
        raise Afvist(nul)
    header = [kolonne.strip().lower() for kolonne in rows[0]]
    data = [
        (nummer, row) for nummer, row in enumerate(rows[1:], start=2) if any(c.strip() for c in row)
    ]
    return header, data


def celle(value) -> str:
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def dato(tekst: str, felt: str) -> datetime.date:
    for format_ in DATOFORMATER:
        try:
            return datetime.datetime.strptime(tekst.strip(), format_).date()
        except ValueError:
            continue
    raise ValueError(f"{felt} »{tekst}« er ikke en dato (skriv 23-11-2026 eller 2026-11-23)")


def importtyper() -> dict[str, Callable]:
    """Every app's import types: AppConfig.importtyper() returns {name: function}."""
    from django.apps import apps

    typer = {}
    for config in apps.get_app_configs():
        if hasattr(config, "importtyper"):
            typer.update(config.importtyper())
    return typer
