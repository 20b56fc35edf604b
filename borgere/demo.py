"""Demo citizens with benefit and target-group histories, for `manage.py demodata`."""

import datetime
import random

from jobcenter.models import Jobcenter
from virksomheder.demo import EFTERNAVNE, FORNAVNE, VEJE

from .models import Borger, Maalgruppe, Maalgruppeperiode, Ydelsesperiode, Ydelsestype


def cpr(rng: random.Random) -> str:
    foedt = datetime.date(1960, 1, 1) + datetime.timedelta(days=rng.randint(0, 44 * 365))
    # The 7th digit carries the century: 0–3 for 1900–1999, 4 for 2000–2036.
    aarhundrede = "4" if foedt.year >= 2000 else str(rng.randint(0, 3))
    return f"{foedt:%d%m%y}{aarhundrede}{rng.randint(0, 999):03d}"


def opret_borgere(
    rng: random.Random, jobcentre: list[Jobcenter], antal_per_jobcenter: int, idag: datetime.date
) -> int:
    if Borger.objects.exists():
        return 0
    brugte: set[str] = set()
    borgere = []
    for jobcenter in jobcentre:
        for _ in range(antal_per_jobcenter):
            nummer = cpr(rng)
            while nummer in brugte:
                nummer = cpr(rng)
            brugte.add(nummer)
            borgere.append(
                Borger(
                    jobcenter=jobcenter,
                    cpr=nummer,
                    fornavn=rng.choice(FORNAVNE),
                    efternavn=rng.choice(EFTERNAVNE),
                    adresse=f"{rng.choice(VEJE)} {rng.randint(1, 80)}",
                    postnummer=str(rng.randint(1000, 9990)),
                    by=jobcenter.navn.removeprefix("Jobcenter "),
                )
            )
    Borger.objects.bulk_create(borgere, batch_size=1000)

    ydelser = list(Ydelsestype.objects.order_by("kode"))
    grupper = list(Maalgruppe.objects.order_by("kode"))
    ydelsesperioder, maalgruppeperioder = [], []
    for borger in Borger.objects.order_by("cpr"):
        # One to three benefit periods in a row, back from today. For most the last one still
        # runs; the rest have left benefits some time ago.
        slut = idag - datetime.timedelta(days=rng.randint(1, 300)) if rng.random() < 0.3 else None
        for _ in range(rng.randint(1, 3)):
            start = (slut or idag) - datetime.timedelta(days=rng.randint(60, 700))
            ydelsesperioder.append(
                Ydelsesperiode(borger=borger, ydelse=rng.choice(ydelser), fra=start, til=slut)
            )
            slut = start - datetime.timedelta(days=rng.randint(1, 90))
        skift = idag - datetime.timedelta(days=rng.randint(30, 400))
        maalgruppeperioder += [
            Maalgruppeperiode(
                borger=borger,
                maalgruppe=rng.choice(grupper),
                fra=skift - datetime.timedelta(days=rng.randint(100, 900)),
                til=skift - datetime.timedelta(days=1),
            ),
            Maalgruppeperiode(borger=borger, maalgruppe=rng.choice(grupper), fra=skift),
        ]
    Ydelsesperiode.objects.bulk_create(ydelsesperioder, batch_size=2000)
    Maalgruppeperiode.objects.bulk_create(maalgruppeperioder, batch_size=2000)
    return len(borgere)
