from jobcenter.kommandoer import DatoCommand
from kursuskob.services import beregn_kursusnoegletal


class Command(DatoCommand):
    help = "Beregner kursuskøbenes nøgletal for hvert jobcenter, netværk og landet (som natjobbet)."

    def run(self, dato):
        rows = beregn_kursusnoegletal(dato=dato)
        return f"Kursusnøgletal for {dato:%d-%m-%Y}: {rows} rækker skrevet."
