import random

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from borgere.demo import opret_borgere, opret_forloeb, opret_kampagne
from borgere.services import beregn_ydelsesbestand
from jobcenter.demo import DEMO_ADGANGSKODE, opret_brugere, opret_jobcentre
from jobcenter.paneler import hooks
from kursuskob.demo import opret_kursuskob, opret_kursusledere, opret_undersoegelse
from kursuskob.services import beregn_kursusnoegletal
from virksomheder.demo import opret_samarbejde, opret_virksomheder


class Command(BaseCommand):
    help = (
        "Opretter deterministiske demodata: jobcentre i alle fire beskæftigelsesregioner, én "
        "bruger per rolle, virksomheder og borgere med historik. Gør intet, hvis de findes."
    )

    def add_arguments(self, parser):
        parser.add_argument("--virksomheder", type=int, default=400)
        parser.add_argument("--borgere-per-jobcenter", type=int, default=500)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, **options):
        rng = random.Random(options["seed"])
        idag = timezone.localdate()
        with transaction.atomic():
            jobcentre = opret_jobcentre()
            brugere = opret_brugere(jobcentre)
            virksomheder = opret_virksomheder(rng, jobcentre, options["virksomheder"])
            kontakter = opret_samarbejde(rng, brugere, idag)
            borgere = opret_borgere(rng, jobcentre, options["borgere_per_jobcenter"], idag)
            forloeb = opret_forloeb(rng, brugere, idag)
            # After the others, so their random draws among a jobcentre's staff stay the same.
            brugere += opret_kursusledere()
            kursuskob = opret_kursuskob(rng, idag)
            besvarelser = opret_undersoegelse(rng, idag)
            # The apps above kursuskob (virkning's measurements) add theirs through the hook.
            oevrige = [metode(rng=rng, idag=idag) for metode in hooks("demodata")]
        beregn_ydelsesbestand(dato=idag)
        beregn_kursusnoegletal(dato=idag)
        kampagne = opret_kampagne(idag, jobcentre)
        self.stdout.write(
            f"Demodata: {len(jobcentre)} jobcentre, {virksomheder} nye virksomheder, "
            f"{kontakter} nye kontakter, {borgere} nye borgere, {forloeb} nye forløb, "
            f"{kursuskob} nye kursuskøb, {besvarelser} svar på samarbejdsundersøgelsen"
            f"{''.join(', ' + tekst for tekst in oevrige)}; {kampagne.navn} beregnet."
        )
        self.stdout.write(f"Log ind på http://127.0.0.1:8000 med adgangskoden {DEMO_ADGANGSKODE}:")
        for bruger in brugere:
            sted = bruger.jobcenter or "alle jobcentre (kun samlede tal)"
            self.stdout.write(f"  {bruger.username:22} {bruger.get_rolle_display():22} {sted}")
