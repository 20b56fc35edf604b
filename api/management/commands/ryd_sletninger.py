from django.conf import settings
from django.core.management.base import BaseCommand

from api.sletninger import ryd_sletninger


class Command(BaseCommand):
    help = "Sletter API'ets sletningslog ældre end API_SLETNINGER_DAGE dage (som natjobbet)."

    def handle(self, *args, **options):
        antal = ryd_sletninger()
        self.stdout.write(
            f"{antal} sletninger ældre end {settings.API_SLETNINGER_DAGE} dage slettet."
        )
