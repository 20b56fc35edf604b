"""`manage.py importer svar RUNDE FIL`: a round's responses made elsewhere, one row per jobcentre,
columns `kommunenummer;tilfredshed;<item code>…`; an empty cell is an item not answered. A
multiple-choice cell separates its choices with `|`. The whole file or nothing."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from jobcenter.imports import Afvist, Resultat, laes
from jobcenter.models import Bruger

from .models import Besvarelse, Runde
from .services.undersoegelse import erstat_svar, spoergsmaal, svarvaerdi


def find_runde(runde: str | Runde | None) -> Runde:
    if isinstance(runde, Runde):
        return runde
    if not runde:
        raise Afvist([(1, "Angiv runden: importer svar RUNDE FIL (rundens nummer eller navn).")])
    fundet = (
        Runde.objects.filter(pk=int(runde)).first()
        if str(runde).isdigit()
        else Runde.objects.filter(navn=runde).first()
    )
    if fundet is None:
        raise Afvist([(1, f"Ukendt runde »{runde}«.")])
    return fundet


def importer_svar(
    *, indhold: bytes, filnavn: str, bruger: Bruger, skriv: bool, runde=None, fremskridt=None
) -> Resultat:
    runde = find_runde(runde)
    if runde.lukket is not None:
        raise Afvist([(1, f"Runden »{runde}« er lukket; dens svar kan ikke ændres.")])
    header, data = laes(indhold, filnavn)
    alle = {s.kode.lower(): s for s in spoergsmaal(runde)}
    fejl = []
    if "kommunenummer" not in header:
        fejl.append((1, "Kolonnen kommunenummer mangler."))
    ukendte = [k for k in header if k != "kommunenummer" and k not in alle]
    if ukendte:
        fejl.append((1, f"Ukendte kolonner: {', '.join(ukendte)}; brug spørgsmålenes koder."))
    if fejl:
        raise Afvist(fejl)
    jobcentre = {j.kommunenummer: j for j in runde.jobcentre.all()}
    if not bruger.is_superuser:
        jobcentre = {n: j for n, j in jobcentre.items() if j.pk == bruger.jobcenter_id}
    raekker, set_ = [], set()
    for linje, celler in data:
        row = dict(zip(header, celler + [""] * (len(header) - len(celler)), strict=False))
        nummer = row["kommunenummer"].strip()
        jobcenter = jobcentre.get(int(nummer)) if nummer.isdigit() else None
        if jobcenter is None:
            fejl.append(
                (
                    linje,
                    f"kommunenummer »{nummer}« er ikke et jobcenter i runden, du må importere for.",
                )
            )
            continue
        if jobcenter.pk in set_:
            fejl.append((linje, f"{jobcenter} står i filen mere end én gang."))
            continue
        set_.add(jobcenter.pk)
        vaerdier = {}
        for kode, raa in row.items():
            if kode == "kommunenummer":
                continue
            try:
                vaerdier[alle[kode]] = svarvaerdi(alle[kode], raa.strip())
            except ValidationError as error:
                fejl.append((linje, " ".join(error.messages)))
        raekker.append((jobcenter, vaerdier))
    if fejl:
        raise Afvist(fejl)
    resultat = Resultat(raekker=len(raekker))
    eksisterende = set(runde.besvarelser.values_list("jobcenter_id", flat=True))
    for jobcenter, _ in raekker:
        if jobcenter.pk in eksisterende:
            resultat.opdaterede += 1
        else:
            resultat.nye += 1
    if skriv:
        with transaction.atomic():
            for jobcenter, vaerdier in raekker:
                besvarelse, _ = Besvarelse.objects.update_or_create(
                    runde=runde,
                    jobcenter=jobcenter,
                    defaults={"afsendt": timezone.now(), "importeret": True, "besvaret_af": None},
                )
                erstat_svar(besvarelse, vaerdier)
    return resultat
