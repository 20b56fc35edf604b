"""`borgere.analysis.paa_ydelse` is the same predicate as Mål 2's
`Praktikforloeb.objects.med_selvforsoergelse` (`paa_dato` over `Ydelsesperiode`), pair for pair."""

import datetime
import random

import numpy as np
import pandas as pd
import pytest

from borgere.analysis import paa_ydelse
from borgere.models import Forloebstype, Praktikforloeb, Trin, Ydelsesperiode, Ydelsestype
from borgere.tests.factories import BorgerFactory
from virksomheder.tests.factories import VirksomhedFactory

START = datetime.date(2010, 1, 1)


def _dage(raekker) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "borger": [r[0] for r in raekker],
            "dag": pd.to_datetime(pd.Series([r[1] for r in raekker], dtype="object")),
        }
    )


def _perioder(raekker) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "borger": [r[0] for r in raekker],
            "fra": pd.to_datetime(pd.Series([r[1] for r in raekker], dtype="object")),
            "til": pd.to_datetime(pd.Series([r[2] for r in raekker], dtype="object")),
        }
    )


def test_a_day_is_covered_from_the_first_to_the_last_day_and_an_open_period_runs_on():
    d = datetime.date
    perioder = _perioder([(1, d(2010, 1, 10), d(2010, 1, 20)), (1, d(2010, 2, 1), None)])
    dage = _dage(
        [
            (1, d(2010, 1, 9)),  # the day before
            (1, d(2010, 1, 10)),  # the first day
            (1, d(2010, 1, 20)),  # the last day
            (1, d(2010, 1, 21)),  # the day after: a gap
            (1, d(2030, 1, 1)),  # on an open period
            (2, d(2010, 1, 15)),  # another citizen, no periods
            (1, None),  # no day: never covered, as SQL's NULL
        ]
    )
    assert paa_ydelse(dage, perioder).tolist() == [False, True, True, False, True, False, False]


def test_overlapping_periods_cover_a_day_any_of_them_covers():
    """The database forbids overlaps, but the predicate does not need them: a short period
    inside a long one does not hide the long one's later days."""
    d = datetime.date
    perioder = _perioder([(1, d(2010, 1, 1), d(2010, 12, 31)), (1, d(2010, 3, 1), d(2010, 3, 5))])
    dage = _dage([(1, d(2010, 6, 1)), (1, d(2011, 1, 1))])
    assert paa_ydelse(dage, perioder).tolist() == [True, False]


def test_random_periods_give_the_brute_force_answer():
    rng = random.Random(16)
    perioder, dage = [], []
    for borger in range(1, 60):
        for _ in range(rng.randint(0, 5)):
            fra = START + datetime.timedelta(days=rng.randint(0, 300))
            til = None if rng.random() < 0.2 else fra + datetime.timedelta(days=rng.randint(0, 60))
            perioder.append((borger, fra, til))
        for _ in range(8):
            dage.append((borger, START + datetime.timedelta(days=rng.randint(-10, 400))))
    svar = paa_ydelse(_dage(dage).set_axis(np.arange(len(dage))[::-1]), _perioder(perioder))
    ventet = [
        any(b == borger and fra <= dag and (til is None or til >= dag) for b, fra, til in perioder)
        for borger, dag in dage
    ]
    assert svar.tolist() == ventet and list(svar.index) == list(range(len(dage)))[::-1]


@pytest.mark.django_db
@pytest.mark.parametrize("uger", [0, 4])
def test_generated_periods_and_forloeb_give_exactly_the_querysets_answers(konsulent, uger):
    """Open periods, back-to-back periods, one-day gaps, longer gaps, a citizen without
    periods; follow-up days on every period's first and last day and the days around them."""
    rng = random.Random(uger)
    typer = list(Ydelsestype.objects.order_by("pk"))
    forloebstype = Forloebstype.objects.order_by("pk").first()
    virksomhed = VirksomhedFactory()
    efter = datetime.timedelta(weeks=uger)
    slutdage = []
    for i in range(25):
        borger = BorgerFactory(jobcenter=konsulent.jobcenter)
        fra = START + datetime.timedelta(days=rng.randint(0, 20))
        for k in range(0 if i == 0 else rng.randint(1, 5)):
            sidste = k == 4 or rng.random() < 0.2
            til = (
                None
                if sidste and rng.random() < 0.5
                else fra + datetime.timedelta(rng.randint(0, 40))
            )
            Ydelsesperiode.objects.create(borger=borger, ydelse=rng.choice(typer), fra=fra, til=til)
            for dag in (fra - datetime.timedelta(1), fra, til, til and til + datetime.timedelta(1)):
                if dag is not None:
                    slutdage.append((borger, dag - efter))
            if til is None or sidste:
                break
            fra = til + datetime.timedelta(days=rng.choice([1, 2, 3, 30]))
        slutdage.append((borger, START + datetime.timedelta(days=rng.randint(0, 200)) - efter))
    for borger, slut in dict.fromkeys(slutdage):  # one forløb per (citizen, start)
        Praktikforloeb.objects.create(
            borger=borger,
            virksomhed=virksomhed,
            type=forloebstype,
            jobkonsulent=konsulent,
            start=slut - datetime.timedelta(days=10),
            faktisk_slut=slut,
            trin=Trin.AFSLUTNING,
        )
    offentlige = [t.pk for t in typer[: len(typer) // 2]]
    for filtre, ydelser in (
        ({}, Ydelsesperiode.objects.all()),
        ({"offentlige_ydelser": offentlige}, Ydelsesperiode.objects.filter(ydelse__in=offentlige)),
    ):
        qs = Praktikforloeb.objects.med_selvforsoergelse(uger=uger, **filtre).values_list(
            "borger_id", "opfoelgningsdag", "paa_ydelse"
        )
        raekker = list(qs)
        svar = paa_ydelse(
            _dage([(b, d) for b, d, _ in raekker]),
            _perioder(list(ydelser.values_list("borger_id", "fra", "til"))),
        )
        assert svar.tolist() == [p for _, _, p in raekker]
        assert 0 < sum(svar) < len(raekker)
