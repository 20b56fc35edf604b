from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from borgere.models import Kampagne
from borgere.services import beregn_maal
from jobcenter.tasks import dag


class Command(BaseCommand):
    help = (
        "Beregner en kampagnes mål på en dato (i dag, hvis den udelades), eller for hver "
        "månedsslut fra kampagnens start med --backfill. En ny beregning erstatter den gamle."
    )

    def add_arguments(self, parser):
        parser.add_argument("kampagne", help="Kampagnens kode, fx virksomhedscenterkampagnen.")
        gruppe = parser.add_mutually_exclusive_group()
        gruppe.add_argument("--dato", help="ÅÅÅÅ-MM-DD")
        gruppe.add_argument("--backfill", action="store_true")

    def handle(self, *args, kampagne, dato=None, backfill=False, **options):
        fundet = Kampagne.objects.filter(kode=kampagne).first()
        if fundet is None:
            koder = ", ".join(Kampagne.objects.values_list("kode", flat=True))
            raise CommandError(f"Ukendt kampagne »{kampagne}«. Kendte: {koder}.")
        try:
            datoer = fundet.maanedsslut(timezone.localdate()) if backfill else [dag(dato)]
        except ValueError as error:
            raise CommandError(f"Ugyldig dato: {dato!r}. Skriv den som ÅÅÅÅ-MM-DD.") from error
        for paa_dagen in datoer:
            rows = beregn_maal(kampagne=fundet, dato=paa_dagen)
            self.stdout.write(f"{fundet.navn} {paa_dagen:%d-%m-%Y}: {rows} rækker.")
