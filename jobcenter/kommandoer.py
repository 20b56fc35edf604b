"""The base of the management commands that run a scheduled job by hand for one date."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone


class DatoCommand(BaseCommand):
    def add_arguments(self, parser):
        parser.add_argument("--dato", help="ÅÅÅÅ-MM-DD; i dag, hvis den udelades.")

    def handle(self, *args, dato=None, **options):
        try:
            dag = datetime.date.fromisoformat(dato) if dato else timezone.localdate()
        except ValueError as error:
            raise CommandError(f"Ugyldig dato: {dato!r}. Skriv den som ÅÅÅÅ-MM-DD.") from error
        self.stdout.write(self.run(dag))

    def run(self, dato: datetime.date) -> str:
        raise NotImplementedError
