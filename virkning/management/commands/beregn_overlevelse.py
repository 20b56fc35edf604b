from jobcenter.kommandoer import DatoCommand
from virkning.services.overlevelse import beregn_overlevelse


class Command(DatoCommand):
    help = (
        "Beregner kurverne over tid til selvforsørgelse og log-rank-testene på en dato "
        "(som natjobbet gør)."
    )

    def run(self, dato):
        kurver = beregn_overlevelse(dato=dato)
        return f"Tid til selvforsørgelse for {dato:%d-%m-%Y}: {kurver} kurver skrevet."
