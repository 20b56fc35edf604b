from jobcenter.kommandoer import DatoCommand
from kursuskob.services import send_paamindelser


class Command(DatoCommand):
    help = (
        "Minder lederne i jobcentre, der ikke har besvaret en undersøgelsesrunde, om svarfristen "
        "en uge og en dag før (én gang pr. dag, som natjobbet)."
    )

    def run(self, dato):
        return f"{send_paamindelser(dato=dato)} påmindelser sendt pr. {dato:%d-%m-%Y}."
