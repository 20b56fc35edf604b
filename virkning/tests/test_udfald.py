import datetime

import numpy as np
import pandas as pd
import pytest
from django.core.management import call_command
from django.urls import reverse
from scipy import stats
from statsmodels.stats.proportion import proportion_confint
from statsmodels.stats.weightstats import DescrStatsW

from borgere.models import Forloebstype, Praktikforloeb, Trin, Ydelsesperiode
from borgere.tests.factories import BorgerFactory, ydelse
from jobcenter.models import Rolle
from jobcenter.tests.factories import BrugerFactory
from kursuskob.models import Tilmelding
from kursuskob.models.kob import Status
from kursuskob.tests.factories import KursuskobFactory
from virkning import tasks
from virkning.analysis.udfald import (
    andel_med_interval,
    middel_med_interval,
    skjul_fratraekning,
    udfald,
)
from virkning.models import Art, Gruppeart, Indikator, Indsatsudfald, Screeningskategori
from virkning.services.udfald import beregn_udfald
from virkning.views.udfald import indikatororden, kolonnenavne, ledertavler
from virksomheder.tests.factories import VirksomhedFactory

from .factories import IndikatorFactory, InstrumentFactory, MaalingFactory, SvarFactory

DATO = datetime.date(2026, 6, 30)
START = datetime.date(2026, 1, 5)
SLUT = datetime.date(2026, 3, 31)  # follow-up day 28-04-2026, before DATO


# The pure analysis against independent calls of the libraries.


def test_the_share_and_its_interval_are_statsmodels_wilson_interval():
    rng = np.random.default_rng(16)
    n = rng.integers(10, 500, size=200)
    taeller = rng.binomial(n, rng.uniform(0.05, 0.95, size=200))
    andel, nedre, oevre = andel_med_interval(taeller, n)
    for i in range(200):
        lav, hoej = proportion_confint(int(taeller[i]), int(n[i]), alpha=0.05, method="wilson")
        assert andel[i] == pytest.approx(taeller[i] / n[i], abs=1e-9)
        assert nedre[i] == pytest.approx(lav, abs=1e-9)
        assert oevre[i] == pytest.approx(hoej, abs=1e-9)


def test_the_mean_change_and_its_interval_are_the_t_interval_of_descrstatsw():
    rng = np.random.default_rng(4)
    for _ in range(50):
        x = rng.integers(-4, 5, size=int(rng.integers(10, 300))).astype(float)
        middel, nedre, oevre = middel_med_interval([x.sum()], [(x**2).sum()], [len(x)])
        lav, hoej = DescrStatsW(x).tconfint_mean(alpha=0.05)
        assert middel[0] == pytest.approx(x.mean(), abs=1e-9)
        assert nedre[0] == pytest.approx(lav, abs=1e-9)
        assert oevre[0] == pytest.approx(hoej, abs=1e-9)


def test_figures_below_ten_are_not_numbers_but_their_n_is_kept():
    andel, nedre, oevre = andel_med_interval([5, 5], [9, 10])
    assert np.isnan(andel[0]) and np.isnan(nedre[0]) and np.isnan(oevre[0])
    assert andel[1] == 0.5
    middel, _, _ = middel_med_interval([9.0, 10.0], [9.0, 10.0], [9, 10])
    assert np.isnan(middel[0]) and middel[1] == 1.0


def test_a_national_figure_is_hidden_when_the_jobcentres_hidden_rows_hold_a_few_cases():
    """An analytiker reads the national row and every jobcentre's: the national figure less the
    shown ones gives the hidden ones together. Company 7: A shows 12, B hides 2 → national hidden.
    Company 8: A shows 12, B hides 9 and C hides 3 → 12 hidden together, national shown.
    Company 9: nothing hidden → shown."""
    df = pd.DataFrame(
        [
            (np.nan, "virksomhed", 7, 14, 0.5),
            (1, "virksomhed", 7, 12, 0.5),
            (2, "virksomhed", 7, 2, np.nan),
            (np.nan, "virksomhed", 8, 24, 0.5),
            (1, "virksomhed", 8, 12, 0.5),
            (2, "virksomhed", 8, 9, np.nan),
            (3, "virksomhed", 8, 3, np.nan),
            (np.nan, "virksomhed", 9, 12, 0.5),
            (1, "virksomhed", 9, 12, 0.5),
        ],
        columns=["jobcenter_id", "art", "gruppe_id", "n", "andel"],
    )
    ud = skjul_fratraekning(df, noegle=["art", "gruppe_id"], kolonner=["andel"], graense=10)
    national = ud[ud["jobcenter_id"].isna()].set_index("gruppe_id")["andel"]
    assert np.isnan(national[7]) and national[8] == 0.5 and national[9] == 0.5
    assert ud[ud["jobcenter_id"] == 1]["andel"].tolist() == [0.5, 0.5, 0.5]
    assert df.loc[0, "andel"] == 0.5  # the input is left as it was


def test_generated_units_give_per_group_and_national_figures_as_the_libraries_do():
    rng = np.random.default_rng(7)
    antal = 3000
    start = pd.Timestamp("2025-01-01") + pd.to_timedelta(rng.integers(0, 300, antal), unit="D")
    enheder = pd.DataFrame(
        {
            "enhed_id": np.arange(antal),
            "borger_id": np.arange(antal),
            "jobcenter_id": rng.integers(1, 4, antal),
            "start": start,
            "slut": start + pd.Timedelta(days=90),
            "selvforsoergende": rng.choice([0.0, 1.0, np.nan], antal, p=[0.5, 0.4, 0.1]),
            "type": rng.integers(1, 5, antal),
        }
    )
    foer = enheder[["borger_id", "start"]].assign(
        dato=enheder["start"] - pd.Timedelta(days=3), vaerdi=rng.integers(1, 6, antal)
    )
    efter = enheder[["borger_id", "slut"]].assign(
        dato=enheder["slut"] + pd.Timedelta(days=3), vaerdi=rng.integers(1, 6, antal)
    )
    svar = pd.concat([foer, efter])[["borger_id", "dato", "vaerdi"]].assign(indikator="i/tro")
    resultat = udfald(enheder, svar, arter=["type"])
    # Independent: per type nationally, straight from the generated columns.
    for t, g in enheder.groupby("type"):
        kendt = g["selvforsoergende"].dropna()
        raekke = resultat.andele[resultat.andele["jobcenter_id"].isna()]
        raekke = raekke[raekke["gruppe_id"] == t].iloc[0]
        lav, hoej = proportion_confint(kendt.sum(), len(kendt), alpha=0.05, method="wilson")
        assert (raekke["antal"], raekke["n"]) == (len(g), len(kendt))
        assert raekke["nedre"] == pytest.approx(lav, abs=1e-9)
        assert raekke["oevre"] == pytest.approx(hoej, abs=1e-9)
        aendring = (
            efter.loc[g.index, "vaerdi"].to_numpy() - foer.loc[g.index, "vaerdi"].to_numpy()
        ).astype(float)
        prog = resultat.progression
        prog = prog[prog["jobcenter_id"].isna() & (prog["gruppe_id"] == t)].iloc[0]
        lav, hoej = stats.t.interval(
            0.95, len(aendring) - 1, loc=aendring.mean(), scale=stats.sem(aendring)
        )
        assert prog["n"] == len(aendring)
        assert prog["middel"] == pytest.approx(aendring.mean(), abs=1e-9)
        assert (prog["nedre"], prog["oevre"]) == (
            pytest.approx(lav, abs=1e-9),
            pytest.approx(hoej, abs=1e-9),
        )


@pytest.mark.parametrize("mindste_antal", [3, 5, 10])
def test_keeping_only_the_jobcentres_that_could_subtract_gives_the_same_answers(
    settings, mindste_antal
):
    """The national rows keep n only for the jobcentres that might be refused; for every
    jobcentre, kan_se_aggregat answers as it would with every count known."""
    from types import SimpleNamespace

    from jobcenter.access import kan_se_aggregat
    from virkning.services.udfald import _dominerende, graense

    settings.MINDSTE_ANTAL = mindste_antal
    rng = np.random.default_rng(mindste_antal)
    raekker = []
    for gruppe in range(300):
        jobcentre = rng.choice(np.arange(1, 9), size=int(rng.integers(1, 5)), replace=False)
        antal = rng.integers(0, 15, size=len(jobcentre))
        raekker += [
            (float(j), "art", gruppe, int(a)) for j, a in zip(jobcentre, antal, strict=True)
        ]
        raekker.append((np.nan, "art", gruppe, int(antal.sum())))
    df = pd.DataFrame(raekker, columns=["jobcenter_id", "art", "gruppe_id", "n"])
    dominerende = _dominerende(df, ["art", "gruppe_id"], graense())
    for gruppe, g in df.groupby("gruppe_id"):
        n = int(g.loc[g["jobcenter_id"].isna(), "n"].iloc[0])
        alle = {int(j): int(a) for j, a in zip(g["jobcenter_id"], g["n"], strict=True) if j == j}
        kept = {int(k): v for k, v in dominerende.get(("art", gruppe), {}).items()}
        for j in range(1, 9):
            bruger = SimpleNamespace(is_authenticated=True, er_i_jobcenter=True, jobcenter_id=j)
            assert kan_se_aggregat(bruger, n=n, enheder=kept, ansvarlig=False) == kan_se_aggregat(
                bruger, n=n, enheder=alle, ansvarlig=False
            )


# The service on a small hand-built data set.


def afsluttet(borger, type_, virksomhed, konsulent, *, start=START, slut=SLUT):
    return Praktikforloeb.objects.create(
        borger=borger,
        virksomhed=virksomhed,
        type=type_,
        jobkonsulent=konsulent,
        start=start,
        faktisk_slut=slut,
        trin=Trin.AFSLUTNING,
    )


@pytest.fixture
def data(jobcenter_a, jobcenter_b, konsulent, outsider):
    praktik, loentilskud = Forloebstype.objects.order_by("pk")[:2]
    firma = VirksomhedFactory(navn="Fælles Firma ApS")
    instrument = InstrumentFactory(oprettet_af=konsulent, kode="jobparathed")
    tro = IndikatorFactory(instrument=instrument, kode="tro", navn="Tro på job")
    screening = InstrumentFactory(oprettet_af=konsulent, kode="screening", art=Art.SCREENING)
    kategori = Screeningskategori.objects.create(instrument=screening, navn="Tæt på job")
    senere = Screeningskategori.objects.create(instrument=screening, navn="Langt fra job")
    borgere = []
    for i in range(12):
        borger = BorgerFactory(jobcenter=jobcenter_a)
        borgere.append(borger)
        afsluttet(borger, praktik, firma, konsulent)
        MaalingFactory(borger=borger, instrument=screening, kategori=kategori, dato=START)
        if i < 9:  # on a benefit on the follow-up day: not self-supporting
            Ydelsesperiode.objects.create(
                borger=borger, ydelse=ydelse("kontanthjaelp"), fra=datetime.date(2026, 4, 1)
            )
        if i < 10:
            foer = MaalingFactory(
                borger=borger, instrument=instrument, dato=START - datetime.timedelta(days=10)
            )
            SvarFactory(maaling=foer, indikator=tro, vaerdi=2)
            efter = MaalingFactory(
                borger=borger, instrument=instrument, dato=SLUT + datetime.timedelta(days=5)
            )
            SvarFactory(maaling=efter, indikator=tro, vaerdi=2 + i % 3)
    # An earlier answer in the window and one outside it: the last in the window counts.
    tidlig = MaalingFactory(
        borger=borgere[0], instrument=instrument, dato=START - datetime.timedelta(days=50)
    )
    SvarFactory(maaling=tidlig, indikator=tro, vaerdi=5)
    # A screening after the start does not make the forløb's category.
    MaalingFactory(
        borger=borgere[0],
        instrument=screening,
        kategori=senere,
        dato=START + datetime.timedelta(days=1),
    )
    # Ended after DATO − 4 weeks: counted, but not yet in the share.
    nylig = BorgerFactory(jobcenter=jobcenter_a)
    afsluttet(nylig, praktik, firma, konsulent, slut=datetime.date(2026, 6, 20))
    for _ in range(4):
        afsluttet(BorgerFactory(jobcenter=jobcenter_a), loentilskud, VirksomhedFactory(), konsulent)
    afsluttet(BorgerFactory(jobcenter=jobcenter_b), praktik, VirksomhedFactory(), outsider)
    # A course: ten participants in jobcentre A whose class ended 31-03-2026, four on a benefit.
    kob = KursuskobFactory(
        tovholder=konsulent,
        hold__startdato=START,
        hold__slutdato=SLUT,
        hold__tilmeldingsfrist=START - datetime.timedelta(days=7),
        hold__kursus__titel="Truckkursus",
    )
    for i in range(10):
        deltager = BorgerFactory(jobcenter=jobcenter_a)
        Tilmelding.objects.create(
            kursuskob=kob, borger=deltager, jobcenter=jobcenter_a, status=Status.GENNEMFOERT
        )
        if i < 4:
            Ydelsesperiode.objects.create(
                borger=deltager, ydelse=ydelse("kontanthjaelp"), fra=datetime.date(2026, 4, 1)
            )
    return {"praktik": praktik, "loentilskud": loentilskud, "kategori": kategori, "firma": firma}


def raekke(art, gruppe_id, jobcenter=None):
    return Indsatsudfald.objects.get(
        dato=DATO, gruppeart=art, gruppe_id=gruppe_id, jobcenter=jobcenter
    )


@pytest.mark.django_db
def test_the_service_writes_counts_shares_and_progression_per_group_and_nationally(
    data, jobcenter_a, jobcenter_b
):
    beregn_udfald(dato=DATO)
    praktik = raekke(Gruppeart.FORLOEBSTYPE, data["praktik"].pk, jobcenter_a)
    assert (praktik.antal, praktik.n, praktik.andel) == (13, 12, 0.25)
    lav, hoej = proportion_confint(3, 12, alpha=0.05, method="wilson")
    assert (praktik.nedre, praktik.oevre) == (pytest.approx(lav), pytest.approx(hoej))
    [tro] = praktik.progression
    aendringer = np.array([i % 3 for i in range(10)], dtype=float)
    assert (tro["indikator"], tro["navn"], tro["n"]) == ("jobparathed/tro", "Tro på job", 10)
    # Its part and place in the instrument: the page's columns follow the instrument.
    indikator = Indikator.objects.get(kode="tro")
    assert (tro["del"], tro["raekkefoelge"]) == ("borger", indikator.raekkefoelge)
    assert tro["middel"] == pytest.approx(0.9)
    lav, hoej = DescrStatsW(aendringer).tconfint_mean()
    assert (tro["nedre"], tro["oevre"]) == (pytest.approx(lav), pytest.approx(hoej))
    landet = raekke(Gruppeart.FORLOEBSTYPE, data["praktik"].pk)
    # Aarhus shows its twelve, Aalborg hides its one: the national figure less Aarhus's would
    # be Aalborg's one citizen, so the national share is hidden too.
    assert (landet.antal, landet.n, landet.andel) == (14, 13, None)
    # Only Aarhus could subtract its own twelve from the thirteen; Aalborg's one is not kept.
    assert landet.enheder == {str(jobcenter_a.pk): 12}
    assert landet.progression[0]["enheder"] == {str(jobcenter_a.pk): 10}
    # Four forløb: too few, stored without a number but with n.
    loentilskud = raekke(Gruppeart.FORLOEBSTYPE, data["loentilskud"].pk, jobcenter_a)
    assert (loentilskud.antal, loentilskud.n, loentilskud.andel, loentilskud.nedre) == (
        4,
        4,
        None,
        None,
    )
    kategori = raekke(Gruppeart.KATEGORI, data["kategori"].pk, jobcenter_a)
    assert (kategori.gruppe_navn, kategori.antal, kategori.n, kategori.andel) == (
        "Tæt på job",
        12,
        12,
        0.25,
    )
    assert not Indsatsudfald.objects.filter(gruppe_navn="Langt fra job").exists()
    firma = raekke(Gruppeart.VIRKSOMHED, data["firma"].pk, jobcenter_a)
    assert (firma.gruppe_navn, firma.n) == ("Fælles Firma ApS", 12)
    oevrige = raekke(Gruppeart.VIRKSOMHED, None, jobcenter_a)
    assert (oevrige.antal, oevrige.andel) == (4, None)
    assert "4 virksomheder" in oevrige.gruppe_navn
    kursus = Indsatsudfald.objects.get(dato=DATO, gruppeart=Gruppeart.KURSUS, jobcenter=jobcenter_a)
    assert (kursus.gruppe_navn, kursus.antal, kursus.n, kursus.andel) == (
        "Truckkursus",
        10,
        10,
        0.6,
    )


@pytest.mark.django_db
def test_a_recompute_replaces_the_days_rows(data):
    foerste = beregn_udfald(dato=DATO)
    anden = beregn_udfald(dato=DATO)
    assert foerste == anden == Indsatsudfald.objects.filter(dato=DATO).count()


@pytest.mark.django_db
def test_the_command_and_the_task_call_the_service(data):
    call_command("beregn_udfald", "--dato", DATO.isoformat())
    antal = Indsatsudfald.objects.filter(dato=DATO).count()
    assert antal > 0
    assert tasks.beregn_udfald.delay(DATO.isoformat()).get() == antal
    assert Indsatsudfald.objects.filter(dato=DATO).count() == antal


# The page.


@pytest.fixture
def beregnet(data):
    beregn_udfald(dato=DATO)
    return data


@pytest.mark.django_db
def test_the_leader_sees_own_and_national_figures_and_too_few_as_too_few(
    beregnet, client_for, leder
):
    svar = client_for(leder).get(reverse("virkning:udfald"))
    assert svar.status_code == 200
    tekst = svar.content.decode()
    assert "25\u00a0%" in tekst  # own share of praktik
    assert "31\u00a0%" in tekst  # the country's 4 of 13
    assert "for få" in tekst
    assert "Truckkursus" in tekst and "60\u00a0%" in tekst
    assert "+0,90" in tekst


@pytest.mark.django_db
def test_the_page_reads_rows_only(beregnet, client_for, leder, django_assert_num_queries):
    klient = client_for(leder)
    klient.get(reverse("virkning:udfald"))
    # …and the two lists of what the jobcentre may see named in the country's rows.
    with django_assert_num_queries(11):
        klient.get(reverse("virkning:udfald"))


@pytest.mark.django_db
def test_another_jobcentres_rows_are_not_shown_to_a_leader(beregnet, client_for, jobcenter_b):
    leder_b = BrugerFactory(rolle=Rolle.LEDER, jobcenter=jobcenter_b)
    tekst = client_for(leder_b).get(reverse("virkning:udfald")).content.decode()
    # The country's rows are shown beside Aalborg's own; nothing of Aarhus's own rows (its
    # companies with few forløb are one row of its own) nor its name, even when asked for.
    assert "Fælles Firma" in tekst and "Jobcenter Aalborg" in tekst
    for side in (tekst, client_for(leder_b).get(reverse("virkning:udfald") + "?jobcenter=751")):
        side = side if isinstance(side, str) else side.content.decode()
        assert "Øvrige 4 virksomheder" not in side
        assert "Jobcenter Aarhus" not in side


@pytest.mark.django_db
def test_the_analytiker_sees_national_figures_and_no_citizen(beregnet, client_for, analytiker):
    klient = client_for(analytiker)
    tekst = klient.get(reverse("virkning:udfald")).content.decode()
    assert "31\u00a0%" in tekst
    # The page's own content: the header names the logged-in analytiker, whose generated
    # surname may be a citizen's too.
    indhold = tekst[tekst.index("<main") : tekst.index("</main>")]
    for efternavn, cpr in Praktikforloeb.objects.values_list("borger__efternavn", "borger__cpr"):
        assert efternavn not in indhold and cpr not in indhold
    valgt = klient.get(reverse("virkning:udfald") + "?jobcenter=751").content.decode()
    assert "25\u00a0%" in valgt  # Aarhus's praktik share, 12 forløb


@pytest.mark.django_db
def test_a_jobcentre_with_9_of_10_national_cases_cannot_read_the_national_figure(
    client_for, leder, jobcenter_a, jobcenter_b
):
    """The subtract attack: knowing its own nine, Aarhus would read Aalborg's one citizen."""
    Indsatsudfald.objects.create(
        dato=DATO,
        jobcenter=None,
        gruppeart=Gruppeart.FORLOEBSTYPE,
        gruppe_id=1,
        gruppe_navn="Virksomhedspraktik",
        antal=10,
        n=10,
        andel=0.5,
        nedre=0.2,
        oevre=0.8,
        enheder={str(jobcenter_a.pk): 9, str(jobcenter_b.pk): 1},
        beregnet=datetime.datetime(2026, 6, 30, 3, 45, tzinfo=datetime.UTC),
    )
    Indsatsudfald.objects.create(
        dato=DATO,
        jobcenter=jobcenter_a,
        gruppeart=Gruppeart.FORLOEBSTYPE,
        gruppe_id=1,
        gruppe_navn="Virksomhedspraktik",
        antal=9,
        n=9,
        beregnet=datetime.datetime(2026, 6, 30, 3, 45, tzinfo=datetime.UTC),
    )
    tekst = client_for(leder).get(reverse("virkning:udfald")).content.decode()
    assert "50\u00a0%" not in tekst and "for få" in tekst
    leder_b = BrugerFactory(rolle=Rolle.LEDER, jobcenter=jobcenter_b)
    # Aalborg has one of ten: the other nine are enough not to give anyone away.
    assert "50\u00a0%" in client_for(leder_b).get(reverse("virkning:udfald")).content.decode()


@pytest.mark.django_db
def test_an_administrator_queues_the_computation_and_a_leader_may_not(
    data, client_for, administrator, leder, django_capture_on_commit_callbacks
):
    assert client_for(leder).post(reverse("virkning:udfald")).status_code == 403
    assert not Indsatsudfald.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        svar = client_for(administrator).post(reverse("virkning:udfald"))
    assert svar.status_code == 302
    assert Indsatsudfald.objects.filter(jobcenter__isnull=True).exists()


@pytest.mark.django_db
def test_the_tile_shows_the_three_best_efforts_with_their_n(beregnet, rf, leder):
    request = rf.get("/")
    request.user = leder
    [tavle] = ledertavler(request)
    assert tavle.titel == "Bedste indsatser"
    assert tavle.tal == "60\u00a0%"
    # What the figure is, then each effort by name with its kind, share and n.
    assert tavle.tekst.startswith(
        "selvforsørgende 4 uger efter: Truckkursus (kursus) 60\u00a0% (n = 10); "
    )
    assert tavle.tekst.count("n = ") == 3
    assert "for få" not in tavle.tekst and "Løntilskud" not in tavle.tekst


def test_the_columns_follow_the_instrument_and_tell_two_parts_same_name_apart():
    """The national template asks »Motivation«-like names of both parts: the header must say
    whose, and the columns come as the instrument asks them, not alphabetically by code."""
    indikatorer = {
        "progression/k-motivation": {
            "navn": "Motivation",
            "hoejere_er_bedre": True,
            "del": "konsulent",
            "raekkefoelge": 1,
        },
        "progression/b-tro": {
            "navn": "Tro på job",
            "hoejere_er_bedre": True,
            "del": "borger",
            "raekkefoelge": 2,
        },
        "progression/b-motivation": {
            "navn": "Motivation",
            "hoejere_er_bedre": True,
            "del": "borger",
            "raekkefoelge": 1,
        },
        # A row computed before the part was stored: last, by its key.
        "gammel/a": {"navn": "Arbejdsidentitet", "hoejere_er_bedre": False},
    }
    koder = sorted(indikatorer, key=lambda k: indikatororden(k, indikatorer[k]))
    assert [k["navn"] for k in kolonnenavne(koder, indikatorer)] == [
        "Motivation (borgerens svar)",
        "Tro på job",
        "Motivation (konsulentens vurdering)",
        "Arbejdsidentitet",
    ]
