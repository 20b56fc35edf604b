from jobcenter.kommandoer import DatoCommand
from virksomheder.services import opret_aftaleopgaver


class Command(DatoCommand):
    help = (
        "Opretter opgaver for aftalers årlige evaluering og udløb og markerer udløbne aftaler "
        "(som det daglige job gør). Kan køres igen uden at oprette dubletter."
    )

    def run(self, dato):
        nye = opret_aftaleopgaver(dato=dato)
        return f"Aftaleopgaver pr. {dato:%d-%m-%Y}: {nye} nye opgaver."
