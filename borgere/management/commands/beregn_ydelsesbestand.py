import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from borgere.services import beregn_ydelsesbestand


class Command(BaseCommand):
    help = "Beregner antal borgere på hver ydelse per jobcenter på en dato (som natjobbet gør)."

    def add_arguments(self, parser):
        parser.add_argument("--dato", help="ÅÅÅÅ-MM-DD; i dag, hvis den udelades.")

    def handle(self, *args, dato=None, **options):
        try:
            dag = datetime.date.fromisoformat(dato) if dato else timezone.localdate()
        except ValueError as error:
            raise CommandError(f"Ugyldig dato: {dato!r}. Skriv den som ÅÅÅÅ-MM-DD.") from error
        rows = beregn_ydelsesbestand(dato=dag)
        self.stdout.write(f"Ydelsesbestand for {dag:%d-%m-%Y}: {rows} rækker skrevet.")
