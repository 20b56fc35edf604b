from jobcenter.kommandoer import DatoCommand
from kursuskob.services import advar_om_minimum


class Command(DatoCommand):
    help = (
        "Advarer tovholderen, når et hold nærmer sig tilmeldingsfristen med færre henviste end "
        "holdets minimum (én gang pr. kursuskøb, som natjobbet)."
    )

    def run(self, dato):
        return f"{advar_om_minimum(dato=dato)} tovholdere advaret pr. {dato:%d-%m-%Y}."
