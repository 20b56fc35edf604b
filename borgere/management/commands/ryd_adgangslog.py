from django.conf import settings

from borgere.services.bevaring import ryd_adgangslog
from jobcenter.kommandoer import DatoCommand


class Command(DatoCommand):
    help = "Sletter adgangslog ældre end ADGANGSLOG_DAGE dage (som natjobbet)."

    def run(self, dato):
        antal = ryd_adgangslog(dato=dato, dage=settings.ADGANGSLOG_DAGE)
        return f"{antal} rækker i adgangsloggen ældre end {settings.ADGANGSLOG_DAGE} dage slettet."
