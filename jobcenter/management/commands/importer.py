import inspect
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from jobcenter.imports import Afvist, importtyper, megabytes
from jobcenter.models import Bruger


class Command(BaseCommand):
    help = (
        "Importerer en fil fra fagsystemet (CSV eller XLSX, kolonnenavne i første række). "
        "En fil med en eneste fejl afvises helt, og alle fejl vises med linjenummer."
    )

    def add_arguments(self, parser):
        parser.add_argument("type", help="Hvad filen indeholder: " + ", ".join(importtyper()))
        parser.add_argument(
            "argumenter",
            nargs="+",
            metavar="[RUNDE] FIL",
            help="Filen; for typen svar først undersøgelsesrunden (nummer eller navn).",
        )
        parser.add_argument(
            "--bruger",
            help="Brugernavnet, der importerer; borgerdata hører til brugerens jobcenter.",
        )
        parser.add_argument("--kontroller", action="store_true", help="Kontrollér uden at gemme.")

    def handle(self, *args, type, argumenter, bruger=None, kontroller=False, **options):
        *parametre, fil = argumenter
        fil = Path(fil)
        typer = importtyper()
        if type not in typer:
            raise CommandError(f"Ukendt type »{type}«. Vælg blandt: {', '.join(typer)}.")
        if len(parametre) > 1 or (
            parametre and "runde" not in inspect.signature(typer[type]).parameters
        ):
            raise CommandError(f"For mange argumenter til typen {type}.")
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
            resultat = typer[type](
                indhold=fil.read_bytes(),
                filnavn=fil.name,
                bruger=importoer,
                skriv=not kontroller,
                **({"runde": parametre[0]} if parametre else {}),
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
