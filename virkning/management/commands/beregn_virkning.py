from jobcenter.kommandoer import DatoCommand
from virkning.services.natlig import beregn_virkning


class Command(DatoCommand):
    help = (
        "Beregner »Hvad virker« for en dato: udfald pr. indsats og kurverne for tid til "
        "selvforsørgelse, pr. jobcenter og for landet (den natlige kørsel)."
    )

    def run(self, dato):
        antal = beregn_virkning(dato=dato)
        return (
            f"»Hvad virker« for {dato:%d-%m-%Y}: {antal['udfald']} udfaldsrækker og "
            f"{antal['overlevelse']} overlevelseskurver skrevet."
        )
