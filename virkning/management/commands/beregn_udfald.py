from jobcenter.kommandoer import DatoCommand
from virkning.services.udfald import beregn_udfald


class Command(DatoCommand):
    help = "Beregner udfald pr. indsats (»Hvad virker«) pr. jobcenter og for landet på en dato."

    def run(self, dato):
        rows = beregn_udfald(dato=dato)
        return f"Udfald pr. indsats for {dato:%d-%m-%Y}: {rows} rækker skrevet."
