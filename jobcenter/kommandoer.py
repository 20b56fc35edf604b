"""The base of the management commands that run a scheduled job by hand for one date."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from .tasks import dag


class DatoCommand(BaseCommand):
    def add_arguments(self, parser):
        parser.add_argument("--dato", help="ÅÅÅÅ-MM-DD; i dag, hvis den udelades.")

    def handle(self, *args, dato=None, **options):
        try:
            dato = dag(dato)
        except ValueError as error:
            raise CommandError(f"Ugyldig dato: {dato!r}. Skriv den som ÅÅÅÅ-MM-DD.") from error
        self.stdout.write(self.run(dato))

    def run(self, dato: datetime.date) -> str:
        raise NotImplementedError
