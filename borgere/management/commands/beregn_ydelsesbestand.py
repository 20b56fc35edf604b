from borgere.services import beregn_ydelsesbestand
from jobcenter.kommandoer import DatoCommand


class Command(DatoCommand):
    help = "Beregner antal borgere på hver ydelse per jobcenter på en dato (som natjobbet gør)."

    def run(self, dato):
        rows = beregn_ydelsesbestand(dato=dato)
        return f"Ydelsesbestand for {dato:%d-%m-%Y}: {rows} rækker skrevet."
