from django.conf import settings
from django.core.management.base import BaseCommand

from api.idempotens import ryd_idempotensnoegler


class Command(BaseCommand):
    help = "Sletter API'ets idempotensnøgler ældre end API_IDEMPOTENS_TIMER timer (som natjobbet)."

    def handle(self, *args, **options):
        antal = ryd_idempotensnoegler()
        self.stdout.write(
            f"{antal} idempotensnøgler ældre end {settings.API_IDEMPOTENS_TIMER} timer slettet."
        )
