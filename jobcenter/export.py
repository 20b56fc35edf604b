"""Downloads for spreadsheets, declared once per export: its title and its columns, each with a
kind (text, integer, decimal, percent, date, datetime, amount). From that one declaration come

- CSV that Danish Excel opens as it is: `;`-separated, UTF-8 with BOM, decimal comma, no more
  decimals than the page shows (rounded as the page rounds, jobcenter.afrunding), dates as
  dd-mm-åååå;
- XLSX with real numbers and dates in Danish number formats (Excel shows them with the reader's
  own separators), a named sheet, and a frozen, filtered header row.

In both, text that a spreadsheet would run as a formula is escaped.

    PLADSER = Eksport("Pladsoversigt", [tekst("virksomhed"), heltal("dage tom"), ...])
    return PLADSER.svar(request.GET["format"], "pladsoversigt-2026-11-23", raekker)
"""

import csv
import datetime
import enum
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from . import afrunding

FORMEL_TEGN = ("=", "+", "-", "@", "\t", "\r")
FORMATER = ("csv", "xlsx")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class Slags(enum.Enum):
    TEKST = "tekst"
    HELTAL = "heltal"
    DECIMALTAL = "decimaltal"
    PROCENT = "procent"
    DATO = "dato"
    TIDSPUNKT = "tidspunkt"
    BELOEB = "beløb"


@dataclass(frozen=True)
class Kolonne:
    navn: str
    slags: Slags = Slags.TEKST
    decimaler: int = 0
    sekunder: bool = False  # a datetime to the second (an access log), else to the minute

    @property
    def overskrift_csv(self) -> str:
        """A CSV cell holds the bare number; the header says its unit."""
        if self.slags is Slags.PROCENT:
            return f"{self.navn} (%)"
        if self.slags is Slags.BELOEB:
            return f"{self.navn} (kr.)"
        return self.navn

    @property
    def talformat(self) -> str:
        """Excel's number format; Excel shows it with the reader's own separators."""
        komma = "." + "0" * self.decimaler if self.decimaler else ""
        return {
            Slags.HELTAL: "#,##0",
            Slags.DECIMALTAL: "#,##0" + komma,
            Slags.PROCENT: "0" + komma + " %",
            Slags.DATO: "dd-mm-yyyy",
            Slags.TIDSPUNKT: "dd-mm-yyyy hh:mm" + (":ss" if self.sekunder else ""),
            Slags.BELOEB: '#,##0.00 "kr."',
        }.get(self.slags, "General")

    def tal(self, value) -> Decimal | None:
        """The number as the page shows it: rounded half up to the decimals shown; a percent
        in percent (93.8 for 15/16)."""
        if self.slags is Slags.PROCENT:
            return afrunding.procent(value, self.decimaler)
        return afrunding.afrund(value, self.decimaler)

    def csv(self, value) -> str:
        if value is None or value == "":
            return ""
        if self.slags is Slags.TEKST:
            return escape(value)
        if self.slags is Slags.DATO:
            return f"{value:%d-%m-%Y}"
        if self.slags is Slags.TIDSPUNKT:
            return lokal(value).strftime("%d-%m-%Y %H:%M" + (":%S" if self.sekunder else ""))
        return f"{self.tal(value):f}".replace(".", ",")

    def excel(self, value):
        if value is None or value == "":
            return None
        if self.slags is Slags.TEKST:
            return escape(value)
        if self.slags is Slags.DATO:
            return value
        if self.slags is Slags.TIDSPUNKT:
            # Excel knows no time zone: the time as the reader's clock showed it.
            return lokal(value).replace(tzinfo=None)
        if self.slags is Slags.HELTAL:
            return int(self.tal(value))
        if self.slags is Slags.PROCENT:
            # Excel's »%« multiplies by 100: the share, rounded to what the page shows.
            return float(self.tal(value) / 100)
        return float(self.tal(value))


def tekst(navn: str) -> Kolonne:
    return Kolonne(navn)


def heltal(navn: str) -> Kolonne:
    return Kolonne(navn, Slags.HELTAL)


def decimaltal(navn: str, decimaler: int) -> Kolonne:
    return Kolonne(navn, Slags.DECIMALTAL, decimaler)


def procent(navn: str) -> Kolonne:
    """A share (0.9375) shown as a percent with one place (93,8 %)."""
    return Kolonne(navn, Slags.PROCENT, afrunding.PROCENT_DECIMALER)


def dato(navn: str) -> Kolonne:
    return Kolonne(navn, Slags.DATO)


def tidspunkt(navn: str, *, sekunder: bool = False) -> Kolonne:
    return Kolonne(navn, Slags.TIDSPUNKT, sekunder=sekunder)


def beloeb(navn: str) -> Kolonne:
    return Kolonne(navn, Slags.BELOEB, 2)


def escape(value) -> str:
    """Text that starts like a formula is escaped; a number never is (-0,25 is no formula)."""
    tekst = str(value)
    return "'" + tekst if tekst.startswith(FORMEL_TEGN) else tekst


def lokal(tid: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(tid) if timezone.is_aware(tid) else tid


def arknavn(titel: str) -> str:
    """Excel's rules for a sheet's name: at most 31 characters, none of []:*?/\\ ."""
    return re.sub(r"[\[\]:*?/\\]", "-", titel).strip("' ")[:31] or "Ark1"


@dataclass(frozen=True)
class Eksport:
    titel: str
    kolonner: Sequence[Kolonne]

    def svar(self, format_: str, filnavn: str, raekker: Iterable[Sequence]) -> HttpResponse:
        """`format_` is one of FORMATER; `filnavn` has no extension."""
        if format_ == "csv":
            return self.som_csv(f"{filnavn}.csv", raekker)
        if format_ == "xlsx":
            return self.som_excel(f"{filnavn}.xlsx", raekker)
        raise ValueError(f"Ukendt format: {format_!r}")

    def skriv_csv(self, fil, raekker: Iterable[Sequence]) -> None:
        writer = csv.writer(fil, delimiter=";")
        writer.writerow([k.overskrift_csv for k in self.kolonner])
        for raekke in raekker:
            writer.writerow([k.csv(v) for k, v in zip(self.kolonner, raekke, strict=True)])

    def som_csv(self, filnavn: str, raekker: Iterable[Sequence]) -> HttpResponse:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filnavn}"'
        response.write("\ufeff")
        self.skriv_csv(response, raekker)
        return response

    def som_excel(self, filnavn: str, raekker: Iterable[Sequence]) -> HttpResponse:
        bog = Workbook()
        ark = bog.active
        ark.title = arknavn(self.titel)
        ark.append([k.navn for k in self.kolonner])
        for raekke in raekker:
            ark.append([k.excel(v) for k, v in zip(self.kolonner, raekke, strict=True)])
        for nummer, kolonne in enumerate(self.kolonner, start=1):
            bogstav = get_column_letter(nummer)
            for (celle,) in ark.iter_rows(min_row=2, min_col=nummer, max_col=nummer):
                celle.number_format = kolonne.talformat
            ark.column_dimensions[bogstav].width = max(10, len(kolonne.navn) + 4)
        ark.freeze_panes = "A2"
        ark.auto_filter.ref = f"A1:{get_column_letter(len(self.kolonner))}{ark.max_row}"
        buffer = io.BytesIO()
        bog.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{filnavn}"'
        return response
