import csv
import datetime

from django.core.management.base import BaseCommand, CommandError

from borgere.models import Maalsnapshot
from jobcenter.export import escape

KOLONNER = [
    "kampagne",
    "maal",
    "kommunenummer",
    "jobcenter",
    "vaerdi",
    "taeller",
    "naevner",
    "maaltal",
    "maalopfyldelse",
    "baseline",
    "beregnet",
]


class Command(BaseCommand):
    help = "Skriver en kampagnes beregnede mål på en dato som CSV: én række pr. mål og jobcenter."

    def add_arguments(self, parser):
        parser.add_argument("kampagne")
        parser.add_argument("--dato", required=True, help="ÅÅÅÅ-MM-DD")

    def handle(self, *args, kampagne, dato, **options):
        try:
            dag = datetime.date.fromisoformat(dato)
        except ValueError as error:
            raise CommandError(f"Ugyldig dato: {dato!r}. Skriv den som ÅÅÅÅ-MM-DD.") from error
        rows = (
            Maalsnapshot.objects.filter(maal__kampagne__kode=kampagne, dato=dag)
            .select_related("maal__kampagne", "jobcenter")
            .order_by("maal__raekkefoelge", "jobcenter__kommunenummer")
        )
        if not rows:
            raise CommandError(f"Intet beregnet for »{kampagne}« den {dag:%d-%m-%Y}.")
        writer = csv.writer(self.stdout, delimiter=";", lineterminator="\n")
        writer.writerow(KOLONNER)
        for s in rows:
            writer.writerow(
                [
                    escape(s.maal.kampagne.kode),
                    escape(s.maal.kode),
                    s.jobcenter.kommunenummer if s.jobcenter else "",
                    escape(s.jobcenter.navn) if s.jobcenter else "Hele landet",
                    tal(s.vaerdi),
                    s.taeller,
                    s.naevner,
                    tal(s.maaltal),
                    tal(s.maalopfyldelse),
                    tal(s.baseline),
                    s.beregnet.isoformat(timespec="seconds"),
                ]
            )


def tal(value) -> str:
    return "" if value is None else f"{value.normalize():f}"
