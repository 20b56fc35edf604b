"""Import of the national case system's exports: parse, validate every row, write all-or-nothing.

Files are CSV (UTF-8, with or without BOM, `;` or `,` separated, dates as 23-11-2026 or
2026-11-23) or XLSX, with the column names in the first row. Every import is keyed on natural
keys, so importing the same file twice changes nothing. A file with any bad row is rejected
whole, with every bad row listed by line number; nothing is written.

The types declared at the end (citizens, benefits, target groups, forløb, targets) are this
app's part of the registry (jobcenter.imports.importtyper), offered by BorgereConfig.
"""

import datetime
from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from django.db.models import Model
from django.utils import timezone
from stdnum.dk import cvr as stdnum_cvr

from jobcenter.access import er_drift
from jobcenter.imports import (
    Fremskridt,
    Importtype,
    Plan,
    dato,
    felter,
    kopier,
    med_eksempel,
    slet,
)
from jobcenter.models import Bruger, Jobcenter
from virksomheder.services import opret_ukendte_virksomheder

from .access import kan_importere_borgerdata, kan_importere_maaltal
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

BATCH = 5000
KOPI_BATCH = 25000  # rows a COPY: few statements, and progress now and then
FREMSKRIDT_HVER = 5000


def fremskridt_hver(fremskridt: Fremskridt | None, nummer: int) -> None:
    if fremskridt is not None and nummer % FREMSKRIDT_HVER == 0:
        fremskridt(nummer)


def cpr_besked(cpr: str, besked: str) -> str:
    """The message about a CPR cell, never quoting it. Nine digits is what Excel makes of a CPR
    number born on the 1st–9th in a column of numbers: it drops the leading 0; say so."""
    if cpr.isdigit() and len(cpr) == 9:
        return (
            f"{besked}: det har 9 cifre – Excel fjerner et 0 foran, når kolonnen er tal; "
            "formatér CPR-kolonnen som tekst, og gem filen igen"
        )
    return besked


def egne_borgere(bruger: Bruger) -> dict[str, int]:
    return dict(Borger.objects.filter(jobcenter_id=bruger.jobcenter_id).values_list("cpr", "pk"))


def kode_opslag(model: type[Model]) -> dict[str, int]:
    """Codes and names, case-insensitive, to ids: 'kontanthjaelp' and 'Kontanthjælp' alike."""
    opslag = {}
    for pk, kode, navn in model.objects.values_list("pk", "kode", "navn"):
        opslag[kode.lower()] = pk
        opslag[navn.lower()] = pk
    return opslag


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
            plan.fejl.append((nummer, cpr_besked(cpr, "ugyldigt CPR-nummer")))
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
                plan.fejl.append(
                    (
                        nummer,
                        cpr_besked(
                            normaliser_cpr(cpr), "CPR-nummeret findes ikke blandt jeres borgere"
                        ),
                    )
                )
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
                slet(model, aendrede[start : start + BATCH])
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
    fil: dict[tuple, tuple[int, datetime.date | None]] = {}
    for nummer, row in rows:
        fremskridt_hver(fremskridt, nummer)
        cpr, cvr, type_, start, slut = felter(row, 5)
        borger_id = borgere.get(normaliser_cpr(cpr))
        if borger_id is None:
            besked = "CPR-nummeret findes ikke blandt jeres borgere"
            plan.fejl.append((nummer, cpr_besked(normaliser_cpr(cpr), besked)))
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
        # A company the file names that nobody has registered yet is created by its own app.
        cvr_id = opret_ukendte_virksomheder(
            cvr_numre={n[1] for n in fil}, jobcenter=bruger.jobcenter
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
                faktisk_slut=slut_dato,
                trin=Trin.AFSLUTNING if slut_dato else Trin.UNDERVEJS,
                opdateret=timezone.now(),
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
        if not er_drift(bruger) and jobcenter_id != bruger.jobcenter_id:
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


BORGERE = Importtype(
    kode="borgere",
    label="Borgere",
    kolonner=("cpr", "navn", "kommunenummer"),
    planlaeg=plan_borgere,
    maa=kan_importere_borgerdata,
    hvem="administratorer i et jobcenter",
    forklaring="Nøglen er CPR-nummeret i jeres jobcenter; kommunenummeret skal være jeres.",
)
YDELSER = Importtype(
    kode="ydelser",
    label="Ydelser",
    kolonner=("cpr", "ydelse", "fra", "til"),
    valgfri=("til",),
    planlaeg=periodeplan(Ydelsesperiode, "ydelse", lambda t: t.strip().lower()),
    maa=kan_importere_borgerdata,
    hvem="administratorer i et jobcenter",
    forklaring="Nøglen er CPR-nummer og fra-dato; tom til betyder, at perioden løber endnu.",
)
MAALGRUPPER = Importtype(
    kode="maalgrupper",
    label="Målgrupper",
    kolonner=("cpr", "maalgruppe", "fra", "til"),
    valgfri=("til",),
    planlaeg=periodeplan(Maalgruppeperiode, "maalgruppe", maalgruppekode),
    maa=kan_importere_borgerdata,
    hvem="administratorer i et jobcenter",
    forklaring="Som ydelser; målgruppen som »2«, »matchgruppe 2« eller »matchgruppe-2«.",
)
FORLOEB = Importtype(
    kode="forloeb",
    label="Forløb",
    kolonner=("cpr", "cvr", "type", "start", "slut"),
    valgfri=("slut",),
    planlaeg=plan_forloeb,
    maa=kan_importere_borgerdata,
    hvem="administratorer i et jobcenter",
    forklaring=(
        "Nøglen er CPR, CVR, type og start; tom slut betyder, at forløbet er i gang. Et ukendt "
        "CVR-nummer opretter virksomheden med det, der vides."
    ),
)
MAALTAL = Importtype(
    kode="maaltal",
    label="Måltal",
    kolonner=("kampagne", "maal", "kommunenummer", "maaltal"),
    planlaeg=plan_maaltal,
    maa=kan_importere_maaltal,
    hvem="administratorer og driften",
    forklaring=(
        "Nøglen er mål og jobcenter; tomt kommunenummer er landet (kun driften). Tal som "
        "»9.000«, »0,20« eller »20 %«."
    ),
)
IMPORTTYPER = [BORGERE, YDELSER, MAALGRUPPER, FORLOEB, MAALTAL]
