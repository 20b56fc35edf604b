"""Demo jobcentres and one user per role, for `manage.py demodata`."""

from .models import Bruger, Jobcenter, Kommune, Rolle

DEMO_ADGANGSKODE = "demo-jobcenter-2026"

# Jobcentres the sources mention, in all four beskæftigelsesregioner.
DEMO_JOBCENTRE = [751, 851, 860, 480, 400, 210]

DEMO_BRUGERE = [
    # (brugernavn, fornavn, efternavn, rolle, index in DEMO_JOBCENTRE or None)
    ("jobkonsulent", "Mette", "Kjær", Rolle.JOBKONSULENT, 0),
    ("virksomhedskonsulent", "Lars", "Bundgaard", Rolle.VIRKSOMHEDSKONSULENT, 0),
    ("leder", "Rikke", "Holm", Rolle.LEDER, 0),
    ("administrator", "Søren", "Dahl", Rolle.ADMINISTRATOR, 0),
    ("analytiker", "Anna", "Winther", Rolle.ANALYTIKER, None),
    ("konsulent-aalborg", "Jens", "Thomsen", Rolle.JOBKONSULENT, 1),
]


def opret_jobcentre() -> list[Jobcenter]:
    jobcentre = []
    for nummer in DEMO_JOBCENTRE:
        kommune = Kommune.objects.get(kommunenummer=nummer)
        jobcenter, _ = Jobcenter.objects.get_or_create(
            kommunenummer=nummer,
            defaults={
                "navn": f"Jobcenter {kommune.navn}",
                "beskaeftigelsesregion": kommune.beskaeftigelsesregion,
            },
        )
        jobcentre.append(jobcenter)
    return jobcentre


def opret_brugere(jobcentre: list[Jobcenter]) -> list[Bruger]:
    brugere = []
    for brugernavn, fornavn, efternavn, rolle, index in DEMO_BRUGERE:
        bruger, oprettet = Bruger.objects.get_or_create(
            username=brugernavn,
            defaults={
                "first_name": fornavn,
                "last_name": efternavn,
                "rolle": rolle,
                "jobcenter": None if index is None else jobcentre[index],
            },
        )
        if oprettet:
            bruger.set_password(DEMO_ADGANGSKODE)
            bruger.save(update_fields=["password"])
        brugere.append(bruger)
    return brugere
