"""What every file import shares: reading CSV and XLSX the way Danish Excel writes them, dates,
the result, the rejection of a whole file with every bad row, and the registry of import types.

An import type is one `Importtype` declared in the app that owns the data and offered by its
AppConfig's `importtyper()` hook; `importtyper()` collects them. The command
(`manage.py importer TYPE FILE`) and the import page read only that registry: its types, their
columns, who may import them and how they run. The organisation's own type, `jobcentre`, is
declared at the end of this module."""

import csv
import datetime
import decimal
import functools
import gc
import io
import json
import operator
import re
import uuid
import xml.parsers.expat
import zipfile
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connections, models, router, transaction
from openpyxl import load_workbook

from .access import kan_importere_jobcentre
from .models import Beskaeftigelsesregion, Jobcenter, Kommune

DATOFORMATER = ("%d-%m-%Y", "%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y")
# openpyxl pads every row to the width a sheet declares (up to 16 384 columns); no import type has
# more than a few dozen, so columns after these are never read.
MAKS_KOLONNER = 100
# An XLSX is a zip of a dozen XML files, each compressed 2–40 times; a zip bomb has thousands of
# members or a member compressed ~1000 times. Small members are left out of the ratio: their
# ratios say nothing, and they cannot unpack to much.
MAKS_FILER_I_XLSX = 1000
MAKS_KOMPRIMERING = 100
KOMPRIMERING_FRA_BYTES = 1024 * 1024
# Ten digits that could be a CPR number, written 0101901234, 010190-1234, 010190 1234,
# 010190/1234 or 010190.1234.
CPR_LIGNENDE = re.compile(r"(?<!\d)(\d{6})[-/. ]?(\d{4})(?!\d)")


def maskeret(tekst: str) -> str:
    """A message with every CPR-like number shown as lists show it ('010190-xxxx'): an error
    quotes the cell it is about, and any cell, even a header, may hold a CPR number."""
    return CPR_LIGNENDE.sub(r"\1-xxxx", tekst)


class Afvist(Exception):
    """The whole file is refused; nothing was written. Every message is masked here, the one
    place they all pass, so no import message shows a CPR number (design.md §5)."""

    def __init__(self, fejl: list[tuple[int, str]]):
        super().__init__(f"{len(fejl)} fejl")
        self.fejl = [(linje, maskeret(besked)) for linje, besked in fejl]


@dataclass
class Resultat:
    raekker: int = 0
    nye: int = 0
    opdaterede: int = 0
    uaendrede: int = 0
    eksempel: list[dict] = field(default_factory=list)


# Called now and then with the number of rows handled, for a progress display.
Fremskridt = Callable[[int], None]


def megabytes(antal: int) -> str:
    return f"{antal / 1024 / 1024:.0f} MB"


def laes(indhold: bytes, filnavn: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the data rows with their line numbers (the header is line 1).

    The limits in settings (IMPORT_MAKS_*) are enforced while the file is read, row by row, so
    an oversized file is refused before it has cost much memory or time."""
    if len(indhold) > settings.IMPORT_MAKS_BYTES:
        raise Afvist(
            [(1, f"Filen fylder mere end {megabytes(settings.IMPORT_MAKS_BYTES)}; del den op.")]
        )
    excel = filnavn.lower().endswith(".xlsx")
    kilde = excel_raekker(indhold) if excel else csv_raekker(indhold)
    rows = []
    with closing(kilde):
        for nummer, row in enumerate(kilde, start=1):
            if nummer > settings.IMPORT_MAKS_RAEKKER + 1:
                raise Afvist(
                    [
                        (
                            nummer,
                            f"Filen har mere end {settings.IMPORT_MAKS_RAEKKER} rækker; "
                            "del den op, og indlæs delene hver for sig.",
                        )
                    ]
                )
            if row and max(map(len, row)) > settings.IMPORT_MAKS_TEGN:
                raise Afvist([(nummer, for_lang_celle())])
            rows.append(row)
    if not rows:
        raise Afvist([(1, "Filen er tom.")])
    # A NUL character is no text any database stores; refuse the file, naming every such line.
    # (A CSV without a NUL byte has none in any row.)
    if excel or b"\x00" in indhold:
        nul = [
            (nummer, "linjen indeholder et ugyldigt tegn (NUL)")
            for nummer, row in enumerate(rows, start=1)
            if any("\x00" in felt for felt in row)
        ]
        if nul:
            raise Afvist(nul)
    header = [kolonne.strip().lower() for kolonne in rows[0]]
    data = [(nummer, row) for nummer, row in enumerate(rows[1:], start=2) if "".join(row).strip()]
    return header, data


@contextmanager
def uden_cyklisk_oprydning() -> Iterator[None]:
    """Reading and checking a file makes hundreds of thousands of objects (rows, keys, model
    instances) and no reference cycles; Python's cycle collector would walk all of them again
    and again as they grow, half the time of a check. It is paused meanwhile (reference counting
    still frees everything) and runs as usual afterwards."""
    var_slaaet_til = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if var_slaaet_til:
            gc.enable()


def for_lang_celle() -> str:
    return f"en celle har mere end {settings.IMPORT_MAKS_TEGN} tegn"


def csv_raekker(indhold: bytes) -> Iterator[list[str]]:
    tekst = io.TextIOWrapper(io.BytesIO(indhold), encoding="utf-8-sig", newline="")
    # The csv module's field limit is global to the process: set it only while this file is
    # read, and put the old one back.
    foer = csv.field_size_limit(settings.IMPORT_MAKS_TEGN)
    try:
        foerste = tekst.readline()
        skilletegn = ";" if foerste.count(";") >= foerste.count(",") else ","
        tekst.seek(0)
        raekker = csv.reader(tekst, delimiter=skilletegn)
        yield from raekker
    except UnicodeDecodeError as error:
        raise Afvist([(1, "Filen er ikke UTF-8. Gem den som »CSV UTF-8« i Excel.")]) from error
    except csv.Error as error:
        # The csv module says only "field larger than field limit (N)" for a too long cell, which
        # it refuses as soon as it has read that much of it.
        if "field limit" in str(error):
            raise Afvist([(raekker.line_num, for_lang_celle())]) from error
        raise Afvist([(1, f"Filen kan ikke læses som CSV: {error}.")]) from error
    finally:
        csv.field_size_limit(foer)


def excel_raekker(indhold: bytes) -> Iterator[list[str]]:
    kontroller_xlsx(indhold)
    try:
        bog = load_workbook(io.BytesIO(indhold), read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 – openpyxl raises many kinds for a broken file
        raise Afvist([(1, "Filen kan ikke læses som Excel (.xlsx).")]) from error
    try:
        ark = bog.active
        # Rows are padded to this width: the declared one, as always, but never past the limit.
        bredde = min(ark.max_column or MAKS_KOLONNER, MAKS_KOLONNER)
        for row in ark.iter_rows(values_only=True, max_col=bredde):
            yield ["" if v is None else celle(v) for v in row]
    except Exception as error:  # noqa: BLE001 – a broken sheet surfaces while it is read
        raise Afvist([(1, "Filen kan ikke læses som Excel (.xlsx).")]) from error
    finally:
        bog.close()


def kontroller_xlsx(indhold: bytes) -> None:
    """Refuse a zip bomb before openpyxl opens it. The sizes a zip declares are what Python's
    zipfile will unpack at most, so their sum bounds the work; then every XML member is streamed
    through expat once, in constant memory, so one huge cell (openpyxl holds every shared string
    in memory) or a DTD (how entity bombs start; an XLSX has none) is refused cheaply."""
    ulaeselig = Afvist([(1, "Filen kan ikke læses som Excel (.xlsx).")])
    try:
        with zipfile.ZipFile(io.BytesIO(indhold)) as arkiv:
            medlemmer = arkiv.infolist()
            udpakket = sum(medlem.file_size for medlem in medlemmer)
            if len(medlemmer) > MAKS_FILER_I_XLSX or any(
                medlem.file_size > KOMPRIMERING_FRA_BYTES
                and medlem.file_size > MAKS_KOMPRIMERING * max(medlem.compress_size, 1)
                for medlem in medlemmer
            ):
                raise Afvist([(1, "Filen ligner ikke en Excel-fil (en zip-bombe?); den afvises.")])
            if udpakket > settings.IMPORT_MAKS_UDPAKKET:
                raise Afvist(
                    [
                        (
                            1,
                            "Excel-filen fylder mere end "
                            f"{megabytes(settings.IMPORT_MAKS_UDPAKKET)} udpakket; del den op, "
                            "eller gem den som CSV.",
                        )
                    ]
                )
            for medlem in medlemmer:
                if medlem.filename.endswith((".xml", ".rels")):
                    with arkiv.open(medlem) as xml_fil:
                        kontroller_xml(xml_fil)
    except Afvist:
        raise
    except Exception as error:  # noqa: BLE001 – zipfile, zlib and expat raise many kinds
        raise ulaeselig from error


class ForLangTekst(Exception):
    pass


def kontroller_xml(kilde) -> None:
    parser = xml.parsers.expat.ParserCreate()
    laengde = 0

    def ny_tekst(*_) -> None:
        nonlocal laengde
        laengde = 0

    def tekst(stykke: str) -> None:
        nonlocal laengde
        laengde += len(stykke)
        if laengde > settings.IMPORT_MAKS_TEGN:
            raise ForLangTekst

    def dtd(*_) -> None:
        raise ValueError("DTD i en XLSX")

    parser.StartElementHandler = parser.EndElementHandler = ny_tekst
    parser.CharacterDataHandler = tekst
    parser.StartDoctypeDeclHandler = dtd
    try:
        while stykke := kilde.read(64 * 1024):
            parser.Parse(stykke, False)
        parser.Parse(b"", True)
    except ForLangTekst as error:
        raise Afvist([(0, for_lang_celle())]) from error


def celle(value) -> str:
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def dato(tekst: str, felt: str) -> datetime.date:
    fundet = fortolket_dato(tekst.strip())
    if fundet is None:
        raise ValueError(f"{felt} »{tekst}« er ikke en dato (skriv 23-11-2026 eller 2026-11-23)")
    return fundet


@functools.lru_cache(maxsize=8192)
def fortolket_dato(tekst: str) -> datetime.date | None:
    """A file's dates repeat (a hundred thousand periods start on a few thousand days), so each
    text is read once; strptime is slow."""
    for format_ in DATOFORMATER:
        try:
            return datetime.datetime.strptime(tekst, format_).date()
        except ValueError:
            continue
    return None


@dataclass
class Plan:
    """What a checked file would do: rows to create and to change, and every bad row. `skriv`
    writes them; the import calls it inside one transaction, only when no row is bad."""

    fejl: list[tuple[int, str]] = field(default_factory=list)
    nye: list = field(default_factory=list)
    opdaterede: list = field(default_factory=list)
    eksempel: list[dict] = field(default_factory=list)
    skriv: Callable[[Fremskridt | None], None] = lambda fremskridt: None


def med_eksempel(plan: Plan, raekke: dict) -> None:
    if len(plan.eksempel) < 10:
        plan.eksempel.append({k: str(v) if v is not None else "" for k, v in raekke.items()})


def felter(row: list[str], antal: int) -> list[str]:
    return [(row[i] if i < len(row) else "").strip() for i in range(antal)]


@dataclass(frozen=True)
class Parameter:
    """Something an import type needs besides the file, such as the survey round the answers
    belong to. The command takes it as an argument before the file (`metavar`), the page as a
    choice among `valg(bruger)`; `hent(tekst, bruger)` turns either into what the planner gets
    as keyword `navn`, or raises Afvist; `vis(tekst)` says what was chosen, for the run's page,
    and `ingen` why the page has nothing to choose, when `valg` is empty."""

    navn: str
    label: str
    metavar: str
    hjaelp: str
    valg: Callable[[Any], list[tuple[str, str]]]
    hent: Callable[[str | None, Any], Any]
    vis: Callable[[str], str] = str
    ingen: str = ""


@dataclass(frozen=True)
class Importtype:
    """One import type, declared once in the app that owns its data.

    `kode`: the name in the command and in Importkoersel.type; `label`: the page's Danish name;
    `kolonner`: the first row, in order; `flere_kolonner`: more columns the type reads after
    those (described for people; the planner then gets the whole first row as `kolonner`);
    `planlaeg(bruger, rows, fremskridt, **parametre) -> Plan` checks every row and says how to
    write them; `maa(bruger)`: who may import it (an access predicate of the owning app), and
    `hvem` the same in words for the refusal; `forklaring`: a note for the page; `valgfri`: the
    columns a row may leave empty (the API's schema marks the others required)."""

    kode: str
    label: str
    kolonner: tuple[str, ...]
    planlaeg: Callable[..., Plan]
    maa: Callable[[Any], bool]
    hvem: str
    forklaring: str = ""
    flere_kolonner: str = ""
    parametre: tuple[Parameter, ...] = ()
    # Columns a row may leave empty (an open period's `til`); the others the planner requires.
    valgfri: tuple[str, ...] = ()

    @property
    def foerste_raekke(self) -> str:
        return ";".join((*self.kolonner, *([self.flere_kolonner] if self.flere_kolonner else [])))

    def koer(
        self,
        *,
        indhold: bytes,
        filnavn: str,
        bruger,
        skriv: bool = True,
        fremskridt: Fremskridt | None = None,
        **parametre: str,
    ) -> Resultat:
        """Check every row; with `skriv`, also write them in one transaction. Raises Afvist with
        every bad row; then nothing is written."""
        if not self.maa(bruger):
            raise Afvist([(0, f"Kun {self.hvem} kan importere {self.label.lower()}.")])
        ukendte = set(parametre) - {p.navn for p in self.parametre}
        if ukendte:
            raise TypeError(f"{self.kode} tager ikke {', '.join(sorted(ukendte))}")
        vaerdier = {p.navn: p.hent(parametre.get(p.navn), bruger) for p in self.parametre}
        with uden_cyklisk_oprydning():
            header, rows = laes(indhold, filnavn)
            if not any(header):
                raise Afvist(
                    [
                        (
                            1,
                            "Første række er tom; den skal være kolonnenavnene: "
                            f"{self.foerste_raekke}.",
                        )
                    ]
                )
            if header[: len(self.kolonner)] != list(self.kolonner):
                begynde = " begynde med" if self.flere_kolonner else " være"
                raise Afvist(
                    [
                        (
                            1,
                            f"Kolonnerne skal{begynde} {';'.join(self.kolonner)}, "
                            f"ikke {';'.join(header)}.",
                        )
                    ]
                )
            if not rows:
                raise Afvist(
                    [
                        (
                            2,
                            "Filen har kun kolonnenavnene og ingen rækker; "
                            "der er intet at importere.",
                        )
                    ]
                )
            if self.flere_kolonner:
                vaerdier["kolonner"] = header
        return self.koer_raekker(
            rows=rows, bruger=bruger, skriv=skriv, fremskridt=fremskridt, **vaerdier
        )

    def koer_raekker(
        self,
        *,
        rows: list[tuple[int, list[str]]],
        bruger,
        skriv: bool = True,
        fremskridt: Fremskridt | None = None,
        **vaerdier: Any,
    ) -> Resultat:
        """The rows' part of `koer`: rows already read, as (number, cells in the order of
        `kolonner`), checked by the planner and written in one transaction, all or nothing.
        The file import reaches it through `koer`; the API's bulk endpoints call it with the
        rows of a JSON list, after their own check of who may (the key's scopes). Raises
        Afvist with every bad row (by the number it was given); then nothing is written."""
        with uden_cyklisk_oprydning():
            plan = self.planlaeg(bruger, rows, fremskridt, **vaerdier)
        if plan.fejl:
            raise Afvist(sorted(plan.fejl))
        resultat = Resultat(
            raekker=len(rows),
            nye=len(plan.nye),
            opdaterede=len(plan.opdaterede),
            uaendrede=len(rows) - len(plan.nye) - len(plan.opdaterede),
            eksempel=plan.eksempel,
        )
        if skriv:
            with transaction.atomic():
                plan.skriv(fremskridt)
        return resultat


def importtyper() -> dict[str, Importtype]:
    """Every import type, in app order: each app's `AppConfig.importtyper()` returns the
    `Importtype`s it declares. The one registry the command and the page read."""
    from .paneler import hooks

    typer: dict[str, Importtype] = {}
    for metode in hooks("importtyper"):
        for importtype in metode():
            if importtype.kode in typer:
                raise ImproperlyConfigured(f"Importtypen »{importtype.kode}« er erklæret to gange.")
            typer[importtype.kode] = importtype
    return typer


def importtyper_for(bruger) -> list[Importtype]:
    """The types `bruger` may import: what the import page offers them."""
    return [t for t in importtyper().values() if bruger.is_authenticated and t.maa(bruger)]


def importtype(kode: str) -> Importtype:
    typer = importtyper()
    if kode not in typer:
        raise Afvist([(0, f"Ukendt importtype »{kode}«; vælg blandt {', '.join(typer)}.")])
    return typer[kode]


def importer(*, type_: str, **argumenter) -> Resultat:
    """Import a file of the type named `type_` (see Importtype.koer for the arguments)."""
    return importtype(type_).koer(**argumenter)


# The organisation's own import type: jobcentres, by the operators.

REGIONER = {
    **{label.lower(): value for value, label in Beskaeftigelsesregion.choices},
    **{value: value for value in Beskaeftigelsesregion.values},
    "hovedstaden": Beskaeftigelsesregion.HOVEDSTADEN_SJAELLAND,
    "sjælland": Beskaeftigelsesregion.HOVEDSTADEN_SJAELLAND,
    "nord": Beskaeftigelsesregion.NORDJYLLAND,
    "midt": Beskaeftigelsesregion.MIDTJYLLAND,
    "syd": Beskaeftigelsesregion.SYDDANMARK,
}


def plan_jobcentre(bruger, rows, fremskridt) -> Plan:
    plan = Plan()
    kommuner = set(Kommune.objects.values_list("kommunenummer", flat=True))
    eksisterende = {j.kommunenummer: j for j in Jobcenter.objects.all()}
    set_i_fil: set[int] = set()
    for nummer, row in rows:
        kommunenummer, navn, region = felter(row, 3)
        if not kommunenummer.isdigit() or int(kommunenummer) not in kommuner:
            plan.fejl.append((nummer, f"ukendt kommunenummer »{kommunenummer}«"))
            continue
        nr = int(kommunenummer)
        if nr in set_i_fil:
            plan.fejl.append((nummer, f"kommunenummer {nr} står to gange i filen"))
            continue
        set_i_fil.add(nr)
        if not navn:
            plan.fejl.append((nummer, "navn mangler"))
            continue
        if region.lower() not in REGIONER:
            plan.fejl.append((nummer, f"ukendt beskæftigelsesregion »{region}«"))
            continue
        ny = Jobcenter(kommunenummer=nr, navn=navn, beskaeftigelsesregion=REGIONER[region.lower()])
        gammel = eksisterende.get(nr)
        if gammel is None:
            plan.nye.append(ny)
        elif (gammel.navn, gammel.beskaeftigelsesregion) != (ny.navn, ny.beskaeftigelsesregion):
            ny.pk = gammel.pk
            plan.opdaterede.append(ny)
        med_eksempel(
            plan,
            {"kommunenummer": nr, "navn": navn, "region": ny.get_beskaeftigelsesregion_display()},
        )

    def skriv(fremskridt):
        Jobcenter.objects.bulk_create(plan.nye)
        Jobcenter.objects.bulk_update(plan.opdaterede, ["navn", "beskaeftigelsesregion"])

    plan.skriv = skriv
    return plan


JOBCENTRE = Importtype(
    kode="jobcentre",
    label="Jobcentre",
    kolonner=("kommunenummer", "navn", "region"),
    planlaeg=plan_jobcentre,
    maa=kan_importere_jobcentre,
    hvem="driften (superbrugere)",
    forklaring="Nøglen er kommunenummeret; region som »Midtjylland« eller »midt«.",
)
IMPORTTYPER = [JOBCENTRE]


# COPY's text format: a value per column, tab-separated, NULL as \N, with backslash escapes.
COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def copy_tekst(vaerdi) -> str:
    if vaerdi is None:
        return "\\N"
    if isinstance(vaerdi, bool):
        return "t" if vaerdi else "f"
    if isinstance(vaerdi, str):
        return vaerdi.translate(COPY_ESCAPES)
    if isinstance(vaerdi, int | float | decimal.Decimal | uuid.UUID):
        return str(vaerdi)
    if isinstance(vaerdi, datetime.date | datetime.time):  # a datetime too, with its offset
        return vaerdi.isoformat()
    raise TypeError(f"{type(vaerdi).__name__} kan ikke skrives med COPY")


class CopyStroem(io.TextIOBase):
    """A file that COPY reads, filled line by line from a generator: the rows are never all in
    memory as text."""

    def __init__(self, linjer: Iterator[str]):
        self.linjer = linjer
        self.rest = ""

    def readable(self) -> bool:
        return True

    def read(self, antal: int = -1) -> str:
        dele, laengde = [self.rest], len(self.rest)
        for linje in self.linjer:
            dele.append(linje)
            laengde += len(linje)
            if 0 <= antal <= laengde:
                break
        tekst = "".join(dele)
        if antal < 0:
            self.rest = ""
            return tekst
        self.rest = tekst[antal:]
        return tekst[:antal]


def kopier(model: type[models.Model], objekter: list[models.Model], *, batch_size: int) -> None:
    """Write new model instances with PostgreSQL's COPY, the fastest way in; elsewhere (SQLite,
    the embedded default) with bulk_create. Like bulk_create it runs no save() and sends no
    signals, so it writes no history (django-simple-history records on save), calls each
    field's pre_save (auto_now_add) and leaves the database to check every constraint; unlike
    it, the instances get no primary key. Run it in the caller's transaction: a violated
    constraint raises IntegrityError and the whole COPY is undone."""
    if not objekter:
        return
    alias = router.db_for_write(model)
    forbindelse = connections[alias]
    if forbindelse.vendor != "postgresql":
        model.objects.using(alias).bulk_create(objekter, batch_size=batch_size)
        return
    meta = model._meta
    felter = [f for f in meta.concrete_fields if f is not meta.auto_field]
    hentes = [hentning(f, forbindelse) for f in felter]
    kolonner = ", ".join(forbindelse.ops.quote_name(f.column) for f in felter)
    sql = f"COPY {forbindelse.ops.quote_name(meta.db_table)} ({kolonner}) FROM STDIN"
    linjer = ("\t".join([copy_tekst(hent(obj)) for hent in hentes]) + "\n" for obj in objekter)
    with forbindelse.cursor() as cursor, forbindelse.wrap_database_errors:
        # The block size positionally: under DEBUG Django's CursorDebugWrapper.copy_expert takes
        # (sql, file, *args) and refuses the keyword.
        cursor.copy_expert(sql, CopyStroem(linjer), 1 << 16)


def slet(model: type[models.Model], pks: list[int]) -> int:
    """Delete rows by primary key with one DELETE, as `kopier` writes them: no per-row signals
    or cascades (a row that others point at makes the database refuse and the caller's
    transaction undo). The apps above are told first, in the same transaction, which rows go
    (`AppConfig.foer_sletning(model, pks)`: the API records them for its deletion feed).
    Returns the number deleted."""
    from .paneler import hooks

    for metode in hooks("foer_sletning"):
        metode(model, pks)
    alias = router.db_for_write(model)
    return model._base_manager.using(alias).filter(pk__in=pks)._raw_delete(alias)


# Columns whose value on the instance is already what the database stores.
SOM_DE_ER = {
    "AutoField",
    "BigAutoField",
    "SmallAutoField",
    "IntegerField",
    "BigIntegerField",
    "SmallIntegerField",
    "PositiveIntegerField",
    "PositiveBigIntegerField",
    "PositiveSmallIntegerField",
    "BooleanField",
    "CharField",
    "SlugField",
    "TextField",
    "DateField",
}


def hentning(felt, forbindelse) -> Callable:
    """How a column's value is read off an instance: straight, or as bulk_create reads it
    (pre_save, then the database's form of the value)."""
    art = (felt.target_field if felt.many_to_one else felt).get_internal_type()
    if art == "JSONField":
        # The text Django's own adapter sends (json.dumps with the field's encoder); None as SQL
        # NULL.
        def json_tekst(obj):
            vaerdi = felt.pre_save(obj, True)
            return None if vaerdi is None else json.dumps(vaerdi, cls=felt.encoder)

        return json_tekst
    tidsstempel = getattr(felt, "auto_now", False) or getattr(felt, "auto_now_add", False)
    if art in SOM_DE_ER and not tidsstempel:
        return operator.attrgetter(felt.attname)
    if art == "DateTimeField" and tidsstempel:
        # pre_save gives timezone.now(), aware, which PostgreSQL takes as it is: Django's
        # conversion would only check that (and cost more than the rest of the row).
        return lambda obj: felt.pre_save(obj, True)
    return lambda obj: felt.get_db_prep_save(felt.pre_save(obj, True), forbindelse)
