"""Survey responses made elsewhere (`svar`): one row per jobcentre of a round, columns
`kommunenummer;tilfredshed;<item code>…`; an empty cell is an item not answered. A
multiple-choice cell separates its choices with `|`. The whole file or nothing. The round is
the type's parameter: an argument before the file in the command, a choice on the page."""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone

from jobcenter.access import er_drift
from jobcenter.imports import Afvist, Importtype, Parameter, Plan, med_eksempel
from jobcenter.models import Bruger

from .access import kan_importere_svar
from .models import Besvarelse, Runde
from .services.undersoegelse import erstat_svar, spoergsmaal, svarvaerdi


def runder_for(bruger: Bruger):
    """The rounds `bruger` may import responses to: any for the operators, otherwise those
    their jobcentre is asked in (a user imports only their own jobcentre's response)."""
    if er_drift(bruger):
        return Runde.objects.all()
    if not bruger.er_i_jobcenter:
        return Runde.objects.none()
    return Runde.objects.filter(jobcentre=bruger.jobcenter_id)


def aabne_runder(bruger: Bruger) -> list[tuple[str, str]]:
    return [(str(r.pk), r.navn) for r in runder_for(bruger).filter(lukket__isnull=True)]


def find_runde(runde: str | None, bruger: Bruger) -> Runde:
    """The round named by its number or name; unknown, not the user's or closed is refused."""
    runde = str(runde or "").strip()
    if not runde:
        raise Afvist([(1, "Angiv runden (rundens nummer eller navn).")])
    fundet = (
        runder_for(bruger).filter(Q(pk=int(runde)) | Q(navn=runde)).first()
        if runde.isdigit()
        else runder_for(bruger).filter(navn=runde).first()
    )
    if fundet is None:
        raise Afvist([(1, f"Ukendt runde »{runde}«.")])
    if fundet.lukket is not None:
        raise Afvist([(1, f"Runden »{fundet}« er lukket; dens svar kan ikke ændres.")])
    return fundet


def rundens_navn(runde: str) -> str:
    """The round chosen on the page (its number), by name, for the run's page."""
    fundet = Runde.objects.filter(pk=int(runde)).first() if str(runde).isdigit() else None
    return fundet.navn if fundet else str(runde)


def plan_svar(bruger: Bruger, rows, fremskridt, *, runde: Runde, kolonner: list[str]) -> Plan:
    plan = Plan()
    alle = {s.kode.lower(): s for s in spoergsmaal(runde)}
    # A column without a name over empty cells is what Excel leaves after the last one (a
    # trailing ;): it is no column. One over an answer is a mistake, and so is a code twice (which
    # answer counts?) or no code at all (the import would replace the response with nothing).
    navngivne = [i for i, kode in enumerate(kolonner) if kode]
    for i, kode in enumerate(kolonner):
        if not kode and any(i < len(celler) and celler[i].strip() for _, celler in rows):
            plan.fejl.append((1, f"Kolonne {i + 1} har intet navn i første række."))
    koder = [kolonner[i] for i in navngivne[1:]]
    ukendte = [k for k in koder if k not in alle]
    if ukendte:
        plan.fejl.append((1, f"Ukendte kolonner: {', '.join(ukendte)}; brug spørgsmålenes koder."))
    dobbelte = sorted({k for k in koder if koder.count(k) > 1})
    if dobbelte:
        navn = "Kolonnen" if len(dobbelte) == 1 else "Kolonnerne"
        plan.fejl.append((1, f"{navn} {', '.join(dobbelte)} står mere end én gang i første række."))
    if not koder:
        plan.fejl.append(
            (
                1,
                "Første række skal have mindst ét spørgsmåls kode efter kommunenummer, fx "
                "kommunenummer;tilfredshed;B1.",
            )
        )
    if plan.fejl:
        return plan
    jobcentre = {j.kommunenummer: j for j in runde.jobcentre.all()}
    if not er_drift(bruger):
        jobcentre = {n: j for n, j in jobcentre.items() if j.pk == bruger.jobcenter_id}
    eksisterende = set(runde.besvarelser.values_list("jobcenter_id", flat=True))
    raekker, set_ = [], set()
    for linje, celler in rows:
        row = {kolonner[i]: celler[i] if i < len(celler) else "" for i in navngivne}
        nummer = row["kommunenummer"].strip()
        jobcenter = jobcentre.get(int(nummer)) if nummer.isdigit() else None
        if jobcenter is None:
            plan.fejl.append(
                (
                    linje,
                    f"kommunenummer »{nummer}« er ikke et jobcenter i runden, du må importere for.",
                )
            )
            continue
        if jobcenter.pk in set_:
            plan.fejl.append((linje, f"{jobcenter} står i filen mere end én gang."))
            continue
        set_.add(jobcenter.pk)
        vaerdier = {}
        for kode, raa in row.items():
            if kode == "kommunenummer":
                continue
            try:
                vaerdier[alle[kode]] = svarvaerdi(alle[kode], raa.strip())
            except ValidationError as error:
                plan.fejl.append((linje, " ".join(error.messages)))
        raekker.append((jobcenter, vaerdier))
        (plan.opdaterede if jobcenter.pk in eksisterende else plan.nye).append(jobcenter)
        med_eksempel(
            plan,
            {
                "kommunenummer": jobcenter.kommunenummer,
                "jobcenter": jobcenter.navn,
                "besvarede spørgsmål": sum(v is not None for v in vaerdier.values()),
            },
        )

    def skriv(fremskridt):
        for jobcenter, vaerdier in raekker:
            besvarelse, _ = Besvarelse.objects.update_or_create(
                runde=runde,
                jobcenter=jobcenter,
                defaults={"afsendt": timezone.now(), "importeret": True, "besvaret_af": None},
            )
            erstat_svar(besvarelse, vaerdier)

    plan.skriv = skriv
    return plan


RUNDE = Parameter(
    navn="runde",
    label="Undersøgelsesrunde",
    metavar="RUNDE",
    hjaelp="rundens nummer eller navn",
    valg=aabne_runder,
    hent=find_runde,
    vis=rundens_navn,
    ingen=(
        "Der er ingen åben undersøgelsesrunde, du kan importere svar til. En administrator "
        "sender en runde ud under »Undersøgelser«."
    ),
)
SVAR = Importtype(
    kode="svar",
    label="Svar på en undersøgelse",
    kolonner=("kommunenummer",),
    flere_kolonner="<spørgsmålets kode>…",
    planlaeg=plan_svar,
    maa=kan_importere_svar,
    hvem="administratorer og driften",
    parametre=(RUNDE,),
    forklaring=(
        "Én række pr. jobcenter i en åben runde, fx kommunenummer;tilfredshed;B1;…; en tom celle "
        "er ikke besvaret, flere valg adskilles med |. Et jobcenter importerer kun sit eget svar."
    ),
)
IMPORTTYPER = [SVAR]
