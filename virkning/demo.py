"""Demo measurements for `manage.py demodata` (issue 16): progression measurements 13 weeks
apart around demo citizens' forløb, with the gentle upward trend a good effort shows, and
screenings with the category the rules give.

They are taken with the national templates (codes `progression` and `jobmobilitet`); where a
template is not there, nothing is made for it."""

import datetime
import random

from borgere.models import Borger, Praktikforloeb

from .models import Instrument, Maaling, Svar
from .services.screening import kategori_for

# The demo jobcentres with staff (jobcenter/demo.py): Aarhus and Aalborg.
JOBCENTRE = [751, 851]
FORLOEB_PER_JOBCENTER = 30
SCREENINGER_PER_JOBCENTER = 25
INTERVAL = datetime.timedelta(weeks=13)


def national(kode: str) -> Instrument | None:
    return (
        Instrument.objects.filter(kode=kode, jobcenter__isnull=True, aktiv=True)
        .prefetch_related("indikatorer")
        .first()
    )


def _bedre(vaerdi: int, skridt: int, indikator) -> int:
    """`skridt` points better on the indicator's scale, kept within it."""
    ny = vaerdi + (skridt if indikator.hoejere_er_bedre else -skridt)
    return max(indikator.skala_min, min(indikator.skala_max, ny))


def _start(rng: random.Random, indikator) -> int:
    """A value in the worse half of the scale: where a citizen starts."""
    midt = (indikator.skala_min + indikator.skala_max) // 2
    svag = rng.randint(indikator.skala_min, midt)
    return svag if indikator.hoejere_er_bedre else indikator.skala_min + indikator.skala_max - svag


def opret_progression(rng: random.Random, idag: datetime.date, instrument: Instrument) -> int:
    """Two to four measurements per forløb, the first a week before it starts, then every 13
    weeks up to today; each step a little better on most indicators."""
    indikatorer = list(instrument.indikatorer.all())
    if not indikatorer:
        return 0
    nye: list[tuple[Maaling, list[Svar]]] = []
    for kommunenummer in JOBCENTRE:
        forloeb = (
            Praktikforloeb.objects.filter(
                borger__jobcenter__kommunenummer=kommunenummer,
                start__lte=idag - INTERVAL - datetime.timedelta(weeks=1),
            )
            .select_related("borger")
            .order_by("start", "pk")[:FORLOEB_PER_JOBCENTER]
        )
        maalte = set()
        for f in forloeb:
            if f.borger_id in maalte:
                continue  # one series per citizen
            maalte.add(f.borger_id)
            foerste = f.start - datetime.timedelta(days=7)
            datoer = [foerste + INTERVAL * n for n in range(rng.randint(2, 4))]
            vaerdier = {i.pk: _start(rng, i) for i in indikatorer}
            for nummer, dato in enumerate(d for d in datoer if d <= idag):
                if nummer:
                    vaerdier = {
                        i.pk: _bedre(vaerdier[i.pk], rng.choice([-1, 0, 1, 1, 2]), i)
                        for i in indikatorer
                    }
                maaling = Maaling(
                    borger=f.borger,
                    jobcenter_id=f.borger.jobcenter_id,
                    instrument=instrument,
                    dato=dato,
                    forloeb=f,
                    udfyldt_af_id=f.jobkonsulent_id,
                )
                # Now and then one indicator is left unanswered.
                sprunget = rng.choice(indikatorer) if rng.random() < 0.1 else None
                svar = [
                    Svar(indikator=i, vaerdi=vaerdier[i.pk]) for i in indikatorer if i != sprunget
                ]
                nye.append((maaling, svar))
    return _gem(nye)


def opret_screeninger(rng: random.Random, idag: datetime.date, instrument: Instrument) -> int:
    """One screening each for some citizens, sorted into a category by the instrument's rules."""
    indikatorer = list(instrument.indikatorer.all())
    if not indikatorer:
        return 0
    nye = []
    for kommunenummer in JOBCENTRE:
        borgere = Borger.objects.filter(jobcenter__kommunenummer=kommunenummer).order_by("cpr")[
            :SCREENINGER_PER_JOBCENTER
        ]
        for borger in borgere:
            vaerdier = {i.pk: rng.randint(i.skala_min, i.skala_max) for i in indikatorer}
            kategori, begrundelse = kategori_for(instrument=instrument, vaerdier=vaerdier)
            maaling = Maaling(
                borger=borger,
                jobcenter_id=borger.jobcenter_id,
                instrument=instrument,
                dato=idag - datetime.timedelta(days=rng.randint(0, 300)),
                kategori=kategori,
                begrundelse=begrundelse,
            )
            nye.append((maaling, [Svar(indikator_id=pk, vaerdi=v) for pk, v in vaerdier.items()]))
    return _gem(nye)


def _gem(nye: list[tuple[Maaling, list[Svar]]]) -> int:
    maalinger = Maaling.objects.bulk_create([m for m, _ in nye], batch_size=1000)
    svar = []
    for maaling, maalingens in zip(maalinger, (s for _, s in nye), strict=True):
        for s in maalingens:
            s.maaling = maaling
        svar += maalingens
    Svar.objects.bulk_create(svar, batch_size=2000)
    return len(maalinger)


def opret_maalinger(rng: random.Random, idag: datetime.date) -> str:
    """The demo's measurements, once: nothing when there are measurements already."""
    if Maaling.objects.exists():
        return "ingen nye målinger"
    progression = national("progression")
    jobmobilitet = national("jobmobilitet")
    maalinger = opret_progression(rng, idag, progression) if progression else 0
    screeninger = opret_screeninger(rng, idag, jobmobilitet) if jobmobilitet else 0
    return f"{maalinger} nye progressionsmålinger og {screeninger} nye screeninger"
