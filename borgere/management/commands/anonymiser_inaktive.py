from django.conf import settings

from borgere.services.bevaring import anonymiser, inaktive
from jobcenter.kommandoer import DatoCommand


class Command(DatoCommand):
    help = (
        "Rapport over borgere uden aktivitet i BEVARING_DAGE dage, pr. jobcenter (prøvekørsel). "
        "Med --udfoer anonymiseres de, som det natlige job gør, når BEVARING_AKTIV er slået til."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--udfoer", action="store_true", help="Anonymisér (ellers kun rapport)."
        )

    def handle(self, *args, udfoer=False, **options):
        self.udfoer = udfoer
        super().handle(*args, **options)

    def run(self, dato):
        borgere = inaktive(dato=dato, dage=settings.BEVARING_DAGE)
        if self.udfoer:
            return f"{anonymiser(borgere)} borgere anonymiseret."
        per_jobcenter: dict[str, int] = {}
        for navn in borgere.values_list("jobcenter__navn", flat=True):
            per_jobcenter[navn] = per_jobcenter.get(navn, 0) + 1
        return "\n".join(
            [
                f"Prøvekørsel: {sum(per_jobcenter.values())} borgere uden aktivitet i "
                f"{settings.BEVARING_DAGE} dage ville blive anonymiseret:",
                *(f"  {navn}: {antal}" for navn, antal in sorted(per_jobcenter.items())),
            ]
        )
