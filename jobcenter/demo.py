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


def demobruger(brugernavn: str, fornavn: str, efternavn: str, rolle: str, jobcenter) -> Bruger:
    """A demo user with the demo password and an e-mail address (reserved domain), so the
    e-mails the product sends can be read in the console of `make run`."""
    bruger, oprettet = Bruger.objects.get_or_create(
        username=brugernavn,
        defaults={
            "first_name": fornavn,
            "last_name": efternavn,
            "email": f"{brugernavn}@demo.example",
            "rolle": rolle,
            "jobcenter": jobcenter,
        },
    )
    if oprettet:
        bruger.set_password(DEMO_ADGANGSKODE)
        bruger.save(update_fields=["password"])
    return bruger


def opret_brugere(jobcentre: list[Jobcenter]) -> list[Bruger]:
    return [
        demobruger(brugernavn, fornavn, efternavn, rolle, None if i is None else jobcentre[i])
        for brugernavn, fornavn, efternavn, rolle, i in DEMO_BRUGERE
    ]
