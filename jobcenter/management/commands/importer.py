from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from jobcenter.imports import Afvist, importtyper, megabytes
from jobcenter.models import Bruger


def parameterhjaelp() -> str:
    """»for typen svar først RUNDE (rundens nummer eller navn)«, from the registry."""
    dele = [
        f"for typen {t.kode} først " + " ".join(f"{p.metavar} ({p.hjaelp})" for p in t.parametre)
        for t in importtyper().values()
        if t.parametre
    ]
    return "Filen" + (f"; {', '.join(dele)}." if dele else ".")


class Command(BaseCommand):
    help = (
        "Importerer en fil fra fagsystemet (CSV eller XLSX, kolonnenavne i første række). "
        "En fil med en eneste fejl afvises helt, og alle fejl vises med linjenummer."
    )

    def add_arguments(self, parser):
        parser.add_argument("type", help="Hvad filen indeholder: " + ", ".join(importtyper()))
        parser.add_argument(
            "argumenter", nargs="+", metavar="[PARAMETER …] FIL", help=parameterhjaelp()
        )
        parser.add_argument(
            "--bruger",
            help=(
                "Brugernavnet, der importerer; borgerdata hører til brugerens jobcenter. "
                "Uden: driften (en superbruger uden jobcenter)."
            ),
        )
        parser.add_argument("--kontroller", action="store_true", help="Kontrollér uden at gemme.")

    def handle(self, *args, type, argumenter, bruger=None, kontroller=False, **options):
        *vaerdier, fil = argumenter
        fil = Path(fil)
        typer = importtyper()
        if type not in typer:
            raise CommandError(f"Ukendt type »{type}«. Vælg blandt: {', '.join(typer)}.")
        importtype = typer[type]
        if len(vaerdier) != len(importtype.parametre):
            brug = " ".join(["importer", type, *(p.metavar for p in importtype.parametre), "FIL"])
            raise CommandError(f"Typen {type} skal have: {brug}.")
        if not fil.is_file():
            raise CommandError(f"Filen {fil} findes ikke.")
        # The import refuses it too, but only after the whole file is in memory.
        if fil.stat().st_size > settings.IMPORT_MAKS_BYTES:
            raise CommandError(
                f"Filen fylder mere end {megabytes(settings.IMPORT_MAKS_BYTES)} "
                "(IMPORT_MAKS_BYTES); del den op."
            )
        if bruger:
            importoer = Bruger.objects.filter(username=bruger).first()
            if importoer is None:
                raise CommandError(f"Ukendt bruger »{bruger}«.")
        else:
            importoer = Bruger(username="drift", is_superuser=True)
        try:
            resultat = importtype.koer(
                indhold=fil.read_bytes(),
                filnavn=fil.name,
                bruger=importoer,
                skriv=not kontroller,
                **{p.navn: v for p, v in zip(importtype.parametre, vaerdier, strict=True)},
            )
        except Afvist as afvist:
            for linje, besked in afvist.fejl[: settings.IMPORT_MAKS_FEJL]:
                self.stderr.write(f"linje {linje}: {besked}")
            if len(afvist.fejl) > settings.IMPORT_MAKS_FEJL:
                self.stderr.write(f"og {len(afvist.fejl) - settings.IMPORT_MAKS_FEJL} fejl mere")
            raise CommandError(
                f"Filen er afvist med {len(afvist.fejl)} fejl; intet er gemt."
            ) from None
        handling = "ville give" if kontroller else "gav"
        self.stdout.write(
            f"{fil.name}: {resultat.raekker} rækker {handling} {resultat.nye} nye, "
            f"{resultat.opdaterede} ændrede og {resultat.uaendrede} uændrede."
        )
