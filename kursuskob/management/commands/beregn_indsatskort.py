from django.core.management.base import BaseCommand, CommandError

from kursuskob.models import Runde
from kursuskob.services import beregn_indsatskort


class Command(BaseCommand):
    help = "Beregner en undersøgelsesrundes indsatskort og tabeller (begge metoder), som jobbet."

    def add_arguments(self, parser):
        parser.add_argument("runde", help="Rundens nummer eller navn.")

    def handle(self, *args, runde, **options):
        fundet = Runde.objects.filter(**({"pk": runde} if runde.isdigit() else {"navn": runde}))
        if not fundet.exists():
            raise CommandError(f"Ukendt runde »{runde}«.")
        runde = fundet.get()
        # The service takes the round's lock, so a run by hand waits for the job's.
        for analyse in beregn_indsatskort(runde=runde):
            self.stdout.write(
                f"{runde}: {analyse.metode} beregnet på {analyse.resultat['n']} besvarelser."
            )
