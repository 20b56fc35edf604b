from jobcenter.kommandoer import DatoCommand
from virksomheder.services import marker_forfaldne_og_send_oversigt


class Command(DatoCommand):
    help = (
        "Markerer forfaldne opgaver og sender hver ansvarlig dagens oversigt pr. e-mail "
        "(som det daglige job gør). Sender kun én gang pr. dato."
    )

    def run(self, dato):
        sendt = marker_forfaldne_og_send_oversigt(dato=dato)
        return f"Opgaveoversigt for {dato:%d-%m-%Y}: {sendt} e-mails sendt."
