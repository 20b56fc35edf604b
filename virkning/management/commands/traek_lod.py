"""Draws the newly eligible citizens of every running trial (the nightly job; also by hand)."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from virkning.services.forsoeg import traek_lod_i_alle


class Command(BaseCommand):
    help = "Trækker lod for nye borgere i alle forsøg, der kører."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dato", help="Dagen, der trækkes for (ÅÅÅÅ-MM-DD); i dag som standard."
        )

    def handle(self, *args, dato=None, **options):
        try:
            idag = datetime.date.fromisoformat(dato) if dato else timezone.localdate()
        except ValueError as fejl:
            raise CommandError("Datoen skal skrives ÅÅÅÅ-MM-DD.") from fejl
        trukket = traek_lod_i_alle(idag=idag)
        for pk, antal in trukket.items():
            self.stdout.write(f"Forsøg {pk}: {antal} trukket")
        self.stdout.write(f"{sum(trukket.values())} borgere trukket i {len(trukket)} forsøg.")
