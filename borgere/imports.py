"""Import of the national case system's exports: parse, validate every row, write all-or-nothing.

Files are CSV (UTF-8, with or without BOM, `;` or `,` separated, dates as 23-11-2026 or
2026-11-23) or XLSX, with the column names in the first row. Every import is keyed on natural
keys, so importing the same file twice changes nothing. A file with any bad row is rejected
whole, with every bad row listed by line number; nothing is written.
"""

import datetime
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Model
from stdnum.dk import cvr as stdnum_cvr

from jobcenter.imports import (
    Afvist,
    Fremskridt,
    Resultat,
    dato,
    kopier,
    laes,
    uden_cyklisk_oprydning,
)
from jobcenter.models import Beskaeftigelsesregion, Bruger, Jobcenter, Kommune
from virksomheder.models import Branche, Sektor, Stoerrelse, Virksomhed

from .models import (
    Borger,
    Forloebstype,
    Maal,
    Maalgruppeperiode,
    Maaltal,
    Praktikforloeb,
    Trin,
    Ydelsesperiode,
    normaliser_cpr,
)
from .models.borger import validate_cpr

KOLONNER = {
    "jobcentre": ["kommunenummer", "navn", "region"],
    "borgere": ["cpr", "navn", "kommunenummer"],
    "ydelser": ["cpr", "ydelse", "fra", "til"],
    "maalgrupper": ["cpr", "maalgruppe", "fra", "til"],
    "forloeb": ["cpr", "cvr", "type", "start", "slut"],
    "maaltal": ["kampagne", "maal", "kommunenummer", "maaltal"],
}
BORGERDATA = {"borgere", "ydelser", "maalgrupper", "forloeb"}
BATCH = 5000
KOPI_BATCH = 25000  # rows a COPY: few statements, and progress now and then
FREMSKRIDT_HVER = 5000


def kontroller_header(type_: str, header: list[str]) -> None:
    forventet = KOLONNER[type_]
    if header[: len(forventet)] != forventet:
        raise Afvist([(1, f"Kolonnerne skal være {';'.join(forventet)}, ikke {';'.join(header)}.")])


def fremskridt_hver(fremskridt: Fremskridt | None, nummer: int) -> None:
    if fremskridt is not None and nummer % FREMSKRIDT_HVER == 0:
        fremskridt(nummer)


def egne_borgere(bruger: Bruger) -> dict[str, int]:
    return dict(Borger.objects.filter(jobcenter_id=bruger.jobcenter_id).values_list("cpr", "pk"))


def kode_opslag(model: type[Model]) -> dict[str, int]:
    """Codes and names, case-insensitive, to ids: 'kontanthjaelp' and 'Kontanthjælp' alike."""
    opslag = {}
    for pk, kode, navn in model.objects.values_list("pk", "kode", "navn"):
        opslag[kode.lower()] = pk
        opslag[navn.lower()] = pk
    return opslag


def importer(
    *,
    type_: str,
    indhold: bytes,
    filnavn: str,
    bruger: Bruger,
    skriv: bool = True,
    fremskridt: Fremskridt | None = None,
) -> Resultat:
    """Check every row; with `skriv`, also write them in one transaction. Raises Afvist with
    every bad row; then nothing is written."""
    if type_ not in KOLONNER:
        raise Afvist([(0, f"Ukendt importtype »{type_}«; vælg blandt {', '.join(KOLONNER)}.")])
    if type_ in BORGERDATA and not bruger.er_i_jobcenter:
        raise Afvist([(0, "Kun en medarbejder i et jobcenter kan importere borgerdata.")])
    if type_ == "jobcentre" and not bruger.is_superuser:
        raise Afvist([(0, "Kun driften (superbrugere) kan importere jobcentre.")])
    if type_ == "maaltal" and not (bruger.is_superuser or bruger.er_administrator):
        raise Afvist([(0, "Kun administratorer og driften kan importere måltal.")])
    with uden_cyklisk_oprydning():
        header, rows = laes(indhold, filnavn)
        kontroller_header(type_, header)
        plan = PLANER[type_](bruger, rows, fremskridt)
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


@dataclass
class Plan:
    """What a checked file would do: rows to create and to change, and every bad row."""

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


REGIONER = {
    **{label.lower(): value for value, label in Beskaeftigelsesregion.choices},
    **{value: value for value in Beskaeftigelsesregion.values},
    "hovedstaden": Beskaeftigelsesregion.HOVEDSTADEN_SJAELLAND,
    "sjælland": Beskaeftigelsesregion.HOVEDSTADEN_SJAELLAND,
    "nord": Beskaeftigelsesregion.NORDJYLLAND,
    "midt": Beskaeftigelsesregion.MIDTJYLLAND,
    "syd": Beskaeftigelsesregion.SYDDANMARK,
}


def plan_jobcentre(bruger: Bruger, rows, fremskridt) -> Plan:
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


def plan_borgere(bruger: Bruger, rows, fremskridt) -> Plan:
    plan = Plan()
    jobcenter = bruger.jobcenter
    # Only the own jobcentre's records: a CPR number known elsewhere is a new citizen here.
    eksisterende = {
        b.cpr: b
        for b in Borger.objects.filter(
            jobcenter=jobcenter, cpr__in=[normaliser_cpr(r[0]) for _, r in rows if r]
        )
    }
    set_i_fil: set[str] = set()
    for nummer, row in rows:
        fremskridt_hver(fremskridt, nummer)
        cpr, navn, kommunenummer = felter(row, 3)
        cpr = normaliser_cpr(cpr)
        try:
            validate_cpr(cpr)
        except Exception:
            plan.fejl.append((nummer, "ugyldigt CPR-nummer"))
            continue
        if cpr in set_i_fil:
            plan.fejl.append((nummer, "CPR-nummeret står to gange i filen"))
            continue
        set_i_fil.add(cpr)
        if kommunenummer != str(jobcenter.kommunenummer):
            plan.fejl.append(
                (
                    nummer,
                    f"borgeren hører til kommune {kommunenummer or '(tom)'}, ikke til dit "
                    f"jobcenter ({jobcenter.kommunenummer})",
                )
            )
            continue
        dele = navn.split()
        if len(dele) < 2:
            plan.fejl.append((nummer, "navn skal have fornavn og efternavn"))
            continue
        fornavn, efternavn = " ".join(dele[:-1]), dele[-1]
        gammel = eksisterende.get(cpr)
        if gammel is None:
            plan.nye.append(
                Borger(jobcenter=jobcenter, cpr=cpr, fornavn=fornavn, efternavn=efternavn)
            )
        elif (gammel.fornavn, gammel.efternavn) != (fornavn, efternavn):
            gammel.fornavn, gammel.efternavn = fornavn, efternavn
            plan.opdaterede.append(gammel)
        med_eksempel(plan, {"cpr": f"{cpr[:6]}-xxxx", "navn": f"{fornavn} {efternavn}"})

    def skriv(fremskridt):
        Borger.objects.bulk_create(plan.nye, batch_size=BATCH)
        Borger.objects.bulk_update(plan.opdaterede, ["fornavn", "efternavn"], batch_size=BATCH)

    plan.skriv = skriv
    return plan


def periodeplan(
    model: type[Ydelsesperiode] | type[Maalgruppeperiode],
    felt: str,
    normaliser: Callable[[str], str],
) -> Callable:
    """A plan for benefit or target-group periods: keyed on (citizen, from-date); the file's
    periods together with the citizen's other periods may not overlap."""

    def plan_perioder(bruger: Bruger, rows, fremskridt) -> Plan:
        plan = Plan()
        borgere = egne_borgere(bruger)
        koder = kode_opslag(model._meta.get_field(felt).related_model)
        fil: dict[tuple[int, datetime.date], tuple[int, int, datetime.date | None]] = {}
        for nummer, row in rows:
            fremskridt_hver(fremskridt, nummer)
            cpr, kode, fra, til = felter(row, 4)
            borger_id = borgere.get(normaliser_cpr(cpr))
            if borger_id is None:
                plan.fejl.append((nummer, "CPR-nummeret findes ikke blandt jeres borgere"))
                continue
            kategori = koder.get(normaliser(kode))
            if kategori is None:
                plan.fejl.append((nummer, f"ukendt {felt} »{kode}«"))
                continue
            try:
                fra_dato = dato(fra, "fra")
                til_dato = dato(til, "til") if til else None
            except ValueError as error:
                plan.fejl.append((nummer, str(error)))
                continue
            if til_dato and til_dato < fra_dato:
                plan.fejl.append((nummer, "til ligger før fra"))
                continue
            if (borger_id, fra_dato) in fil:
                plan.fejl.append(
                    (nummer, "en periode med samme CPR-nummer og fra-dato står to gange")
                )
                continue
            fil[(borger_id, fra_dato)] = (nummer, kategori, til_dato)
        eksisterende = {
            (b, f): (pk, k, t)
            for pk, b, f, k, t in model.objects.filter(
                borger_id__in={b for b, _ in fil}
            ).values_list("pk", "borger_id", "fra", f"{felt}_id", "til")
        }
        # Overlap: the citizen's periods after the import, sorted by start.
        samlet: dict[int, list[tuple[datetime.date, datetime.date | None, int]]] = defaultdict(list)
        for (borger_id, fra_dato), (_, _, til_dato) in eksisterende.items():
            if (borger_id, fra_dato) not in fil:
                samlet[borger_id].append((fra_dato, til_dato, 0))
        for (borger_id, fra_dato), (nummer, _, til_dato) in fil.items():
            samlet[borger_id].append((fra_dato, til_dato, nummer))
        for perioder in samlet.values():
            perioder.sort(key=lambda p: p[0])
            for (_, til1, nr1), (fra2, _, nr2) in zip(perioder, perioder[1:], strict=False):
                if til1 is None or til1 >= fra2:
                    linje = nr2 or nr1
                    plan.fejl.append(
                        (linje, f"perioden overlapper en anden {felt}speriode for borgeren")
                    )
        aendrede = []
        for (borger_id, fra_dato), (nummer, kategori, til_dato) in fil.items():
            gammel = eksisterende.get((borger_id, fra_dato))
            raekke = model(
                borger_id=borger_id, fra=fra_dato, til=til_dato, **{f"{felt}_id": kategori}
            )
            if gammel is None:
                plan.nye.append(raekke)
            elif gammel[1:] != (kategori, til_dato):
                plan.opdaterede.append(raekke)
                aendrede.append(gammel[0])
            med_eksempel(plan, {"linje": nummer, "fra": fra_dato, "til": til_dato})

        def skriv(fremskridt):
            # Changed periods are replaced: deleting first means the rows written never overlap,
            # not even halfway (PostgreSQL checks its exclusion constraint row by row).
            for start in range(0, len(aendrede), BATCH):
                model.objects.filter(pk__in=aendrede[start : start + BATCH]).delete()
            # New and replaced rows with COPY (bulk_create on SQLite), in batches for the progress
            # display; no history or signals either way.
            raekker = plan.nye + plan.opdaterede
            for start in range(0, len(raekker), KOPI_BATCH):
                kopier(model, raekker[start : start + KOPI_BATCH], batch_size=BATCH)
                if fremskridt:
                    fremskridt(min(start + KOPI_BATCH, len(raekker)))

        plan.skriv = skriv
        return plan

    return plan_perioder


def maalgruppekode(tekst: str) -> str:
    """'2', 'Matchgruppe 2' and 'matchgruppe-2' are the same target group."""
    tekst = tekst.strip().lower()
    if tekst.isdigit():
        return f"matchgruppe-{tekst}"
    return tekst.replace(" ", "-") if tekst.startswith("matchgruppe ") else tekst


def plan_forloeb(bruger: Bruger, rows, fremskridt) -> Plan:
    plan = Plan()
    borgere = egne_borgere(bruger)
    typer = kode_opslag(Forloebstype)
    virksomheder = dict(Virksomhed.objects.values_list("cvr", "pk"))
    nye_virksomheder: dict[str, Virksomhed] = {}
    fil: dict[tuple, tuple[int, datetime.date | None]] = {}
    for nummer, row in rows:
        fremskridt_hver(fremskridt, nummer)
        cpr, cvr, type_, start, slut = felter(row, 5)
        borger_id = borgere.get(normaliser_cpr(cpr))
        if borger_id is None:
            plan.fejl.append((nummer, "CPR-nummeret findes ikke blandt jeres borgere"))
            continue
        cvr = "".join(cvr.split())
        if not stdnum_cvr.is_valid(cvr):
            plan.fejl.append((nummer, f"ugyldigt CVR-nummer »{cvr}«"))
            continue
        type_id = typer.get(type_.lower())
        if type_id is None:
            plan.fejl.append((nummer, f"ukendt forløbstype »{type_}«"))
            continue
        try:
            start_dato = dato(start, "start")
            slut_dato = dato(slut, "slut") if slut else None
        except ValueError as error:
            plan.fejl.append((nummer, str(error)))
            continue
        if slut_dato and slut_dato < start_dato:
            plan.fejl.append((nummer, "slut ligger før start"))
            continue
        if cvr not in virksomheder and cvr not in nye_virksomheder:
            nye_virksomheder[cvr] = Virksomhed(cvr=cvr, navn=f"Virksomhed med CVR {cvr}")
        noegle = (borger_id, cvr, type_id, start_dato)
        if noegle in fil:
            plan.fejl.append((nummer, "samme forløb står to gange i filen"))
            continue
        fil[noegle] = (nummer, slut_dato)
    eksisterende = {
        (b, cvr, t, s): (pk, slut)
        for pk, b, cvr, t, s, slut in Praktikforloeb.objects.filter(
            borger_id__in={n[0] for n in fil}
        ).values_list("pk", "borger_id", "virksomhed__cvr", "type_id", "start", "faktisk_slut")
    }
    for noegle, (nummer, slut_dato) in fil.items():
        borger_id, cvr, type_id, start_dato = noegle
        gammel = eksisterende.get(noegle)
        if gammel is None:
            plan.nye.append(noegle)
        elif gammel[1] != slut_dato:
            plan.opdaterede.append((gammel[0], slut_dato))
        med_eksempel(plan, {"linje": nummer, "cvr": cvr, "start": start_dato, "slut": slut_dato})

    def skriv(fremskridt):
        if nye_virksomheder:
            standard = {
                "branche": Branche.objects.get(kode="S"),
                "sektor": Sektor.PRIVAT,
                "stoerrelse": Stoerrelse.ANSATTE_1_4,
                "kommune": Kommune.objects.get(kommunenummer=bruger.jobcenter.kommunenummer),
            }
            for virksomhed in nye_virksomheder.values():
                for navn, value in standard.items():
                    setattr(virksomhed, navn, value)
            Virksomhed.objects.bulk_create(nye_virksomheder.values(), batch_size=BATCH)
        cvr_id = dict(
            Virksomhed.objects.filter(cvr__in={n[1] for n in fil}).values_list("cvr", "pk")
        )
        Praktikforloeb.objects.bulk_create(
            (
                Praktikforloeb(
                    borger_id=borger_id,
                    virksomhed_id=cvr_id[cvr],
                    type_id=type_id,
                    start=start_dato,
                    faktisk_slut=fil[(borger_id, cvr, type_id, start_dato)][1],
                    trin=Trin.AFSLUTNING
                    if fil[(borger_id, cvr, type_id, start_dato)][1]
                    else Trin.UNDERVEJS,
                    jobkonsulent=bruger,
                    importeret=True,
                )
                for borger_id, cvr, type_id, start_dato in plan.nye
            ),
            batch_size=BATCH,
        )
        for pk, slut_dato in plan.opdaterede:
            Praktikforloeb.objects.filter(pk=pk).update(
                faktisk_slut=slut_dato, trin=Trin.AFSLUTNING if slut_dato else Trin.UNDERVEJS
            )

    plan.skriv = skriv
    return plan


def maaltal_vaerdi(tekst: str) -> Decimal:
    """'9000', '9.000', '0,20' and '20 %' as the case system and Danish Excel write them."""
    tekst = tekst.strip().replace(" ", "")
    procent = tekst.endswith("%")
    tekst = tekst.rstrip("%")
    if "," in tekst:
        tekst = tekst.replace(".", "").replace(",", ".")
    elif tekst.count(".") == 1 and len(tekst.split(".")[1]) == 3:
        tekst = tekst.replace(".", "")  # 9.000
    try:
        vaerdi = Decimal(tekst)
    except InvalidOperation as error:
        raise ValueError(f"måltal »{tekst}« er ikke et tal") from error
    return vaerdi / 100 if procent else vaerdi


def plan_maaltal(bruger: Bruger, rows, fremskridt) -> Plan:
    plan = Plan()
    maal = {(m.kampagne.kode, m.kode): m for m in Maal.objects.select_related("kampagne")}
    jobcentre = dict(Jobcenter.objects.values_list("kommunenummer", "pk"))
    eksisterende = {(m.maal_id, m.jobcenter_id): m for m in Maaltal.objects.all()}
    set_i_fil = set()
    for nummer, row in rows:
        kampagne, maal_kode, kommunenummer, tal = felter(row, 4)
        fundet = maal.get((kampagne, maal_kode))
        if fundet is None:
            plan.fejl.append((nummer, f"ukendt mål »{maal_kode}« i kampagnen »{kampagne}«"))
            continue
        if kommunenummer:
            jobcenter_id = jobcentre.get(int(kommunenummer)) if kommunenummer.isdigit() else None
            if jobcenter_id is None:
                plan.fejl.append((nummer, f"intet jobcenter har kommunenummer »{kommunenummer}«"))
                continue
        else:
            jobcenter_id = None
        if not bruger.is_superuser and jobcenter_id != bruger.jobcenter_id:
            plan.fejl.append((nummer, "du kan kun importere måltal for dit eget jobcenter"))
            continue
        try:
            vaerdi = maaltal_vaerdi(tal)
        except ValueError as error:
            plan.fejl.append((nummer, str(error)))
            continue
        hoejst = fundet.maalart.stoerste_maaltal
        if vaerdi <= 0 or (hoejst is not None and vaerdi > hoejst):
            plan.fejl.append((nummer, "måltallet skal være positivt, og en andel højst 100 %"))
            continue
        if (fundet.pk, jobcenter_id) in set_i_fil:
            plan.fejl.append((nummer, "samme mål og jobcenter står to gange i filen"))
            continue
        set_i_fil.add((fundet.pk, jobcenter_id))
        gammel = eksisterende.get((fundet.pk, jobcenter_id))
        if gammel is None:
            plan.nye.append(Maaltal(maal=fundet, jobcenter_id=jobcenter_id, vaerdi=vaerdi))
        elif gammel.vaerdi != vaerdi:
            gammel.vaerdi = vaerdi
            plan.opdaterede.append(gammel)
        med_eksempel(
            plan,
            {"mål": fundet.navn, "kommunenummer": kommunenummer or "hele landet", "måltal": vaerdi},
        )

    def skriv(fremskridt):
        Maaltal.objects.bulk_create(plan.nye)
        Maaltal.objects.bulk_update(plan.opdaterede, ["vaerdi"])

    plan.skriv = skriv
    return plan


PLANER = {
    "jobcentre": plan_jobcentre,
    "borgere": plan_borgere,
    "ydelser": periodeplan(Ydelsesperiode, "ydelse", lambda t: t.strip().lower()),
    "maalgrupper": periodeplan(Maalgruppeperiode, "maalgruppe", maalgruppekode),
    "forloeb": plan_forloeb,
    "maaltal": plan_maaltal,
}
