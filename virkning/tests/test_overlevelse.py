"""Time to self-support (issue 16, item 5): the estimates against an independent scipy
computation, event times from benefit periods, the nightly rows, suppression and the page."""

import datetime

import numpy as np
import pandas as pd
import pytest
from django.urls import reverse
from scipy import stats

from borgere.models import Forloebstype, Maalgruppeperiode, Praktikforloeb, Trin, Ydelsesperiode
from borgere.tests.factories import BorgerFactory, maalgruppe, ydelse
from jobcenter.models import Beregning
from virksomheder.tests.factories import VirksomhedFactory

from ..access import kan_se_kurve
from ..analysis.overlevelse import RISIKODAGE, haendelsestider, kaplan_meier, logrank
from ..models import Gruppering, Logranktest, Overlevelseskurve, Screeningskategori, StartArt
from ..services.overlevelse import EGET, RESTEN, beregn_overlevelse
from .factories import InstrumentFactory, MaalingFactory

DAG = datetime.date(2026, 11, 30)


# The estimates against scipy, on generated data with a known effect.


@pytest.fixture(scope="module")
def to_grupper():
    """Group 1 becomes self-supporting twice as fast as group 0 (exponential, means 100 and 50
    days), both censored by an independent exponential follow-up (mean 250 days)."""
    rng = np.random.default_rng(16)
    gruppe = rng.integers(0, 2, 600)
    t = np.ceil(rng.exponential(np.where(gruppe == 0, 100.0, 50.0)))
    c = np.ceil(rng.exponential(250.0, 600))
    return np.minimum(t, c), t <= c, gruppe


def scipy_data(tid, haendelse):
    return stats.CensoredData(uncensored=tid[haendelse], right=tid[~haendelse])


def test_the_curve_and_its_band_equal_scipys_kaplan_meier_and_log_log_interval(to_grupper):
    tid, haendelse, gruppe = to_grupper
    for g in (0, 1):
        t, h = tid[gruppe == g], haendelse[gruppe == g]
        kurve = kaplan_meier(t, h)
        punkter = np.array(
            [[np.nan if v is None else v for v in p] for p in kurve.punkter], dtype=float
        )
        sf = stats.ecdf(scipy_data(t, h)).sf
        baand = sf.confidence_interval(confidence_level=0.95, method="log-log")
        tider = np.unique(t[h])
        np.testing.assert_array_equal(punkter[:, 0], tider)
        np.testing.assert_allclose(punkter[:, 1], sf.evaluate(tider), rtol=0, atol=1e-9)
        lav, hoej = baand.low.evaluate(tider), baand.high.evaluate(tider)
        defineret = ~np.isnan(lav)
        assert defineret.sum() > 50
        np.testing.assert_allclose(punkter[defineret, 2], lav[defineret], rtol=0, atol=1e-9)
        np.testing.assert_allclose(punkter[defineret, 3], hoej[defineret], rtol=0, atol=1e-9)
        # At risk just before each event time, and on the table's fixed days.
        np.testing.assert_array_equal(punkter[:, 4], [(t >= x).sum() for x in tider])
        assert kurve.i_risiko == {d: int((t >= d).sum()) for d in RISIKODAGE}
        assert kurve.n == len(t) and kurve.haendelser == int(h.sum())


def test_counted_rows_give_the_same_curve_as_one_row_per_start(to_grupper):
    """The rest of the country comes as (time, event, number) rows: the same curve, band,
    median and numbers at risk as the starts one by one."""
    tid, haendelse, gruppe = to_grupper
    t, h = tid[gruppe == 0], haendelse[gruppe == 0]
    par, antal = np.unique(np.column_stack([t, h]), axis=0, return_counts=True)
    assert len(par) < len(t)
    optalt = kaplan_meier(par[:, 0], par[:, 1].astype(bool), antal=antal)
    assert optalt == kaplan_meier(t, h)
    assert optalt.median is not None and optalt.median_nedre is not None


def test_the_median_and_its_interval_equal_an_independent_computation_from_scipy(to_grupper):
    """The median: the first event time where the curve is below one half. Its interval: the
    event times whose log-log band holds one half, up to the next event time after the last."""
    tid, haendelse, gruppe = to_grupper
    medianer = []
    for g in (0, 1):
        t, h = tid[gruppe == g], haendelse[gruppe == g]
        kurve = kaplan_meier(t, h)
        sf = stats.ecdf(scipy_data(t, h)).sf
        baand = sf.confidence_interval(method="log-log")
        tider = np.unique(t[h])
        s = sf.evaluate(tider)
        median = tider[np.flatnonzero(s < 0.5)[0]]
        holder = np.flatnonzero(
            (baand.low.evaluate(tider) <= 0.5) & (baand.high.evaluate(tider) >= 0.5)
        )
        nedre, oevre = tider[holder[0]], tider[holder[-1] + 1]
        assert kurve.median == pytest.approx(median, abs=1e-9)
        assert kurve.median_nedre == pytest.approx(nedre, abs=1e-9)
        assert kurve.median_oevre == pytest.approx(oevre, abs=1e-9)
        medianer.append(kurve.median)
    # The known effect: group 1's median (about 35 days) well below group 0's (about 69).
    assert medianer[1] < medianer[0] * 0.75


def test_the_log_rank_test_equals_scipys_and_finds_the_known_effect(to_grupper):
    tid, haendelse, gruppe = to_grupper
    test = logrank(tid, haendelse, gruppe)
    reference = stats.logrank(
        scipy_data(tid[gruppe == 0], haendelse[gruppe == 0]),
        scipy_data(tid[gruppe == 1], haendelse[gruppe == 1]),
    )
    assert test.frihedsgrader == 1
    assert test.statistik == pytest.approx(reference.statistic**2, abs=1e-9)
    assert test.p == pytest.approx(reference.pvalue, rel=1e-9, abs=1e-12)
    assert test.p < 1e-6


def test_the_log_rank_test_finds_no_effect_between_groups_of_one_distribution(to_grupper):
    tid, haendelse, gruppe = to_grupper
    eens = gruppe == 0
    tilfaeldig = np.random.default_rng(3).integers(0, 2, eens.sum())
    test = logrank(tid[eens], haendelse[eens], tilfaeldig)
    reference = stats.logrank(
        scipy_data(tid[eens][tilfaeldig == 0], haendelse[eens][tilfaeldig == 0]),
        scipy_data(tid[eens][tilfaeldig == 1], haendelse[eens][tilfaeldig == 1]),
    )
    assert test.p == pytest.approx(reference.pvalue, abs=1e-9)
    assert test.p > 0.05


def test_a_single_group_or_no_event_gives_no_test():
    assert logrank([1, 2, 3], [True, True, False], [0, 0, 0]) is None
    assert logrank([1, 2, 3], [False, False, False], [0, 1, 0]) is None


# Event times from benefit periods.


def d(tekst):
    return pd.Timestamp(tekst)


def tider(starter, perioder, censur="2026-11-30"):
    s = pd.DataFrame(starter, columns=["borger", "start"])
    s["start"] = pd.to_datetime(s["start"])
    y = pd.DataFrame(perioder, columns=["borger", "fra", "til"])
    y["fra"], y["til"] = pd.to_datetime(y["fra"]), pd.to_datetime(y["til"])
    c = pd.Series([d(censur)] * len(s)) if isinstance(censur, str) else pd.Series(censur)
    ud = haendelsestider(s, y, censur=c)
    return list(zip(ud["tid"].tolist(), ud["haendelse"].tolist(), strict=True))


def test_a_gap_between_periods_is_self_support_on_the_first_free_day():
    # Benefit 1 Jan – 31 Mar, again from 15 Apr: self-supporting 1 April, 90 days after start.
    assert tider(
        [(1, "2026-01-01")], [(1, "2026-01-01", "2026-03-31"), (1, "2026-04-15", None)]
    ) == [(90, True)]


def test_back_to_back_periods_are_continuous_benefit_and_censored():
    assert tider(
        [(1, "2026-01-01")],
        [(1, "2026-01-01", "2026-03-31"), (1, "2026-04-01", "2026-12-31")],
    ) == [(333, False)]


def test_an_open_period_is_censored_on_the_computation_day():
    assert tider([(1, "2026-06-01")], [(1, "2025-01-01", None)]) == [(182, False)]


def test_a_start_without_benefit_that_day_is_self_support_on_day_zero():
    assert tider([(1, "2026-06-01")], [(1, "2026-06-02", None)]) == [(0, True)]


def test_the_day_after_the_last_period_is_the_event_unless_it_comes_after_censoring():
    starter = [(1, "2026-01-10"), (2, "2026-01-10")]
    perioder = [(1, "2026-01-01", "2026-02-28"), (2, "2026-01-01", "2026-02-28")]
    # Citizen 2 was anonymised on 15 February: censored then, before the benefit ended.
    censur = [d("2026-11-30"), d("2026-02-15")]
    assert tider(starter, perioder, censur) == [(50, True), (36, False)]


def test_periods_of_other_citizens_and_earlier_blocks_do_not_count():
    starter = [(1, "2026-05-01"), (2, "2026-05-01")]
    perioder = [
        (1, "2025-01-01", "2025-06-30"),  # an old block
        (1, "2026-04-01", "2026-05-09"),  # the block the start falls in
        (2, "2026-01-01", None),
    ]
    assert tider(starter, perioder) == [(9, True), (213, False)]


# The nightly rows.


@pytest.fixture
def data(jobcenter_a, jobcenter_b, konsulent):
    """Jobcenter Aarhus: 24 citizens entering the target group; 9 of the 12 screened »Klar«
    leave benefit after 20 days, 3 of the 12 unscreened after 200, the rest stay on benefit.
    Jobcenter Aalborg: 3 citizens. Each Aarhus citizen also starts a forløb on entering."""
    start = datetime.date(2026, 3, 1)
    instrument = InstrumentFactory(jobcenter=jobcenter_a, oprettet_af=konsulent)
    klar = Screeningskategori.objects.create(instrument=instrument, navn="Klar")
    praktik = Forloebstype.objects.get(kode="virksomhedspraktik")
    virksomhed = VirksomhedFactory()
    for i in range(24):
        borger = BorgerFactory(jobcenter=jobcenter_a, fornavn=f"Hemmeligborger{i}")
        Maalgruppeperiode.objects.create(borger=borger, maalgruppe=maalgruppe(), fra=start)
        dage = 20 if i < 12 else 200
        til = (
            None if (i % 4 == 3 if i < 12 else i % 4) else start + datetime.timedelta(days=dage - 1)
        )
        Ydelsesperiode.objects.create(borger=borger, ydelse=ydelse(), fra=start, til=til)
        if i < 12:
            MaalingFactory(
                borger=borger,
                instrument=instrument,
                dato=start - datetime.timedelta(days=3),
                kategori=klar,
            )
        Praktikforloeb.objects.create(
            borger=borger,
            virksomhed=virksomhed,
            type=praktik,
            jobkonsulent=konsulent,
            start=start,
            trin=Trin.UNDERVEJS,
        )
    for i in range(3):
        borger = BorgerFactory(jobcenter=jobcenter_b, fornavn=f"Aalborgborger{i}")
        Maalgruppeperiode.objects.create(borger=borger, maalgruppe=maalgruppe(), fra=start)
        Ydelsesperiode.objects.create(
            borger=borger, ydelse=ydelse(), fra=start, til=start + datetime.timedelta(days=9)
        )
    return start


def kurve(**filtre):
    return Overlevelseskurve.objects.get(dato=DAG, **filtre)


@pytest.mark.django_db
def test_the_service_writes_the_curves_of_each_group_and_jobcentre(data, jobcenter_a, jobcenter_b):
    beregn_overlevelse(dato=DAG)
    klar = kurve(
        jobcenter=jobcenter_a, start_art=StartArt.MAALGRUPPE, gruppering="screening", gruppe="Klar"
    )
    # 9 of the 12 left benefit on day 20; 3 are still on it, followed for 274 days.
    assert (klar.n, klar.haendelser, klar.median) == (12, 9, 20)
    assert klar.punkter[0][:2] == [20.0, 0.25] and klar.punkter[0][4] == 12
    assert klar.i_risiko == {"0": 12, "30": 3, "90": 3, "180": 3, "365": 0, "730": 0}
    assert klar.laengste == 274
    ikke = kurve(
        jobcenter=jobcenter_a,
        start_art=StartArt.MAALGRUPPE,
        gruppering="screening",
        gruppe="Ikke screenet",
    )
    assert (ikke.n, ikke.haendelser, ikke.median) == (12, 3, None)
    landet = kurve(jobcenter=None, start_art=StartArt.MAALGRUPPE, gruppering="alle")
    assert (landet.n, landet.enheder) == (27, {str(jobcenter_a.pk): 24, str(jobcenter_b.pk): 3})
    aalborg = kurve(jobcenter=jobcenter_b, start_art=StartArt.MAALGRUPPE, gruppering="alle")
    assert (aalborg.gruppe, aalborg.n, aalborg.median) == ("Jobcenter Aalborg", 3, 10)
    resten = kurve(
        jobcenter=jobcenter_a, start_art=StartArt.MAALGRUPPE, gruppering="jobcenter", gruppe=RESTEN
    )
    assert resten.n == 3 and resten.enheder == {str(jobcenter_b.pk): 3}
    assert (resten.punkter, resten.median) == (aalborg.punkter, 10)
    typer = kurve(jobcenter=jobcenter_a, start_art=StartArt.FORLOEB, gruppering="forloebstype")
    assert typer.n == 24
    test = Logranktest.objects.get(
        dato=DAG, jobcenter=jobcenter_a, start_art=StartArt.MAALGRUPPE, gruppering="screening"
    )
    assert test.grupper == 2 and test.p < 0.01
    # Aalborg's 3 are too few to be tested: no test between jobcentres with one left.
    assert not Logranktest.objects.filter(dato=DAG, gruppering=Gruppering.JOBCENTER).exists()
    assert Beregning.objects.get(navn="overlevelse", dato=DAG).afsluttet is not None


@pytest.mark.django_db
def test_without_screenings_or_citizens_the_service_writes_what_there_is(jobcenter_a):
    assert beregn_overlevelse(dato=DAG) == 0
    borger = BorgerFactory(jobcenter=jobcenter_a)
    Maalgruppeperiode.objects.create(borger=borger, maalgruppe=maalgruppe(), fra=DAG)
    assert beregn_overlevelse(dato=DAG) == 4  # the country, the jobcentre, its one group each
    assert kurve(jobcenter=None, gruppering="screening").gruppe == "Ikke screenet"


@pytest.mark.django_db
def test_a_rerun_replaces_the_days_rows(data):
    foerste = beregn_overlevelse(dato=DAG)
    assert foerste == beregn_overlevelse(dato=DAG) == Overlevelseskurve.objects.count()
    assert Logranktest.objects.count() == Logranktest.objects.filter(dato=DAG).count() > 0


@pytest.mark.django_db
def test_the_command_computes_the_day(data):
    from django.core.management import call_command

    call_command("beregn_overlevelse", "--dato", DAG.isoformat())
    assert Overlevelseskurve.objects.filter(dato=DAG).exists()


@pytest.mark.django_db
def test_the_two_nightly_tasks_are_scheduled_together_and_compute_the_day(data):
    """The curves and the outcomes per effort are two tasks beat sends at the same time, so two
    worker processes compute them side by side; each is a command too."""
    from django.core.management import call_command

    from config.celery import app

    from ..models import Indsatsudfald
    from ..tasks import beregn_overlevelse, beregn_udfald

    planlagt = {post["task"]: post["schedule"] for post in app.conf.beat_schedule.values()}
    assert planlagt[beregn_udfald.name] == planlagt[beregn_overlevelse.name]
    antal = beregn_overlevelse(DAG.isoformat())
    assert antal == Overlevelseskurve.objects.filter(dato=DAG).count() > 0
    assert beregn_udfald(DAG.isoformat()) == Indsatsudfald.objects.filter(dato=DAG).count()
    call_command("beregn_overlevelse", "--dato", DAG.isoformat())
    assert Overlevelseskurve.objects.filter(dato=DAG).count() == antal


# Suppression.


@pytest.mark.django_db
def test_a_national_group_mostly_of_own_citizens_is_hidden_from_that_jobcentres_leader(
    leder, analytiker, jobcenter_a, jobcenter_b, settings
):
    """Twelve citizens, eleven of them the leader's own: showing the figure would give the one
    other jobcentre's citizen away. The analytiker, who has none of them, may see it."""
    settings.MINDSTE_ANTAL = 5
    gruppe = Overlevelseskurve(n=12, enheder={str(jobcenter_a.pk): 11, str(jobcenter_b.pk): 1})
    assert not kan_se_kurve(leder, gruppe)
    assert kan_se_kurve(analytiker, gruppe)
    # Too small for anyone: below max(10, MINDSTE_ANTAL).
    assert not kan_se_kurve(analytiker, Overlevelseskurve(n=9, enheder={str(jobcenter_b.pk): 9}))
    settings.MINDSTE_ANTAL = 20
    assert not kan_se_kurve(analytiker, gruppe)


@pytest.mark.django_db
def test_a_leader_cannot_read_another_jobcentres_small_group(client_for, leder, data):
    beregn_overlevelse(dato=DAG)
    side = client_for(leder).get(
        reverse("virkning:overlevelse"), {"start": "maalgruppe", "gruppering": "alle"}
    )
    aalborg = next(g for g in side.context["data"].jobcentre if g.gruppe == "Jobcenter Aalborg")
    assert aalborg.kurve is None and aalborg.n is None
    indhold = side.content.decode()
    raekke = indhold[indhold.index("Jobcenter Aalborg") :]
    assert raekke[: raekke.index("</tr>")].count("For få til at vise") == 1
    # Nor by the rest of the country against their own.
    side = client_for(leder).get(
        reverse("virkning:overlevelse"), {"start": "maalgruppe", "gruppering": "jobcenter"}
    )
    grupper = {g.gruppe: g for g in side.context["data"].grupper}
    assert grupper[EGET].kurve is not None and grupper[RESTEN].kurve is None
    assert [g["gruppe"] for g in side.context["graf"]] == [EGET]


# The page.


@pytest.mark.django_db
def test_a_consultant_may_not_see_the_page(client_for, konsulent):
    assert client_for(konsulent).get(reverse("virkning:overlevelse")).status_code == 403


@pytest.mark.django_db
def test_the_leader_sees_their_groups_the_test_and_no_citizen(
    client_for, leder, data, django_assert_max_num_queries
):
    beregn_overlevelse(dato=DAG)
    klient = client_for(leder)
    with django_assert_max_num_queries(12):  # session, user, then four reads of rows
        side = klient.get(reverse("virkning:overlevelse"))
    assert side.status_code == 200
    indhold = side.content.decode()
    assert "Klar" in indhold and "Ikke screenet" in indhold
    assert "Forskellen mellem grupperne er større, end tilfældet kan forklare (p" in indhold
    assert 'id="overlevelse-data"' in indhold and "Beregnet" in indhold
    assert "Hemmeligborger" not in indhold and "Aalborgborger" not in indhold
    assert "<script>" not in indhold and "style=" not in indhold


@pytest.mark.django_db
def test_the_page_reads_rows_in_a_fixed_number_of_queries(
    client_for, leder, data, django_assert_num_queries
):
    beregn_overlevelse(dato=DAG)
    klient = client_for(leder)
    klient.get(reverse("virkning:overlevelse"))
    with django_assert_num_queries(_forespoergsler(klient)):
        # The same count for another grouping, whatever the number of groups.
        klient.get(reverse("virkning:overlevelse"), {"start": "forloeb", "gruppering": "alle"})


def _forespoergsler(klient) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as fanget:
        klient.get(reverse("virkning:overlevelse"))
    return len(fanget)


@pytest.mark.django_db
def test_the_analytiker_sees_the_country_and_every_jobcentres_median(client_for, analytiker, data):
    beregn_overlevelse(dato=DAG)
    side = client_for(analytiker).get(
        reverse("virkning:overlevelse"), {"start": "forloeb", "gruppering": "forloebstype"}
    )
    assert side.status_code == 200
    grupper = side.context["data"].grupper
    assert [(g.gruppe, g.n) for g in grupper] == [("Virksomhedspraktik", 24)]
    jobcentre = {g.gruppe: g.n for g in side.context["data"].jobcentre}
    assert jobcentre == {"Jobcenter Aarhus": 24}
    indhold = side.content.decode()
    assert "Hemmeligborger" not in indhold


@pytest.mark.django_db
def test_by_jobcentre_the_analytiker_is_told_where_the_jobcentres_are(
    client_for, analytiker, leder, data
):
    """The country gets one curve when split by jobcentre; without a word the analytiker wonders
    where the jobcentres went. The leader sees own against the rest and needs no note."""
    beregn_overlevelse(dato=DAG)
    valg = {"start": "maalgruppe", "gruppering": "jobcenter"}
    side = client_for(analytiker).get(reverse("virkning:overlevelse"), valg).content.decode()
    assert 'data-testid="landskurve"' in side and 'href="#jobcentre"' in side
    side = client_for(leder).get(reverse("virkning:overlevelse"), valg).content.decode()
    assert 'data-testid="landskurve"' not in side


@pytest.mark.django_db
def test_a_bad_choice_gets_a_danish_message_and_the_default_view(client_for, leder, data):
    beregn_overlevelse(dato=DAG)
    side = client_for(leder).get(
        reverse("virkning:overlevelse"), {"start": "maalgruppe", "gruppering": "forloebstype"}
    )
    assert side.status_code == 200
    assert "Forløbstype kan kun vælges, når tiden regnes fra et forløbs start." in (
        side.content.decode()
    )
    side = client_for(leder).get(reverse("virkning:overlevelse"), {"start": "x" * 5000})
    assert side.status_code == 200
    assert "Marker en gyldig valgmulighed." in side.content.decode()
