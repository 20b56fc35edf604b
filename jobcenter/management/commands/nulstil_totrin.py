"""For the operators: a user has lost the phone with the authenticator app."""

from django.core.management.base import BaseCommand, CommandError

from jobcenter.models import Bruger
from jobcenter.services import nulstil_totrin


class Command(BaseCommand):
    help = (
        "Glemmer brugerens godkendelsesapp (to-trins-login), fx efter en mistet telefon. "
        "Ved næste login sætter brugeren en ny app op."
    )

    def add_arguments(self, parser):
        parser.add_argument("brugernavn")

    def handle(self, *args, brugernavn, **options):
        try:
            bruger = Bruger.objects.get(username=brugernavn)
        except Bruger.DoesNotExist as error:
            raise CommandError(
                f"Der findes ingen bruger med brugernavnet »{brugernavn}«."
            ) from error
        antal = nulstil_totrin(bruger)
        self.stdout.write(f"{bruger.username}: {antal} godkendelsesapp(s) glemt.")
