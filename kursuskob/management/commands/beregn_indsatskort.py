from django.core.management.base import BaseCommand, CommandError

from kursuskob.analysis import BIVARIAT, MULTIPEL
from kursuskob.models import Runde
from kursuskob.services import beregn_analyse


class Command(BaseCommand):
    help = "Beregner en undersøgelsesrundes indsatskort og tabeller (begge metoder), som jobbet."

    def add_arguments(self, parser):
        parser.add_argument("runde", help="Rundens nummer eller navn.")

    def handle(self, *args, runde, **options):
        fundet = Runde.objects.filter(**({"pk": runde} if runde.isdigit() else {"navn": runde}))
        if not fundet.exists():
            raise CommandError(f"Ukendt runde »{runde}«.")
        runde = fundet.get()
        for metode in (MULTIPEL, BIVARIAT):
            analyse = beregn_analyse(runde=runde, metode=metode)
            self.stdout.write(f"{runde}: {metode} beregnet på {analyse.resultat['n']} besvarelser.")
