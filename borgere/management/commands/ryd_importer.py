from django.core.management.base import BaseCommand

from borgere.services import ryd_importer


class Command(BaseCommand):
    help = (
        "Markerer importkørsler, der hænger ud over tidsgrænserne, som fejlet, og sletter "
        "indlæste filer fra afsluttede kørsler (som jobbet hvert 10. minut)."
    )

    def handle(self, *args, **options):
        antal = ryd_importer()
        self.stdout.write(f"{antal} importkørsler, der hang, er markeret som fejlet.")
