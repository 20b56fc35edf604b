"""Controlled trials (issue 16 §6): eligibility, the reproducible draw, the result against an
independent computation, stopping early, access and the citizen's page."""

import datetime
import io
import logging
import math
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from scipy import stats
from statsmodels.stats.weightstats import CompareMeans, DescrStatsW

from borgere.models import Adgangslog
from borgere.tests.factories import (
    BorgerFactory,
    MaalgruppeperiodeFactory,
    YdelsesperiodeFactory,
    maalgruppe,
    ydelse,
)
from virkning.analysis.forsoeg import analyser_forsoeg, forklaring
from virkning.forms import ForsoegForm
from virkning.models import Art, Forsoeg, Gruppe, Lodtraekning, Screeningskategori
from virkning.services import forsoeg as services
from virkning.tests.factories import (
    IndikatorFactory,
    InstrumentFactory,
    MaalingFactory,
    SvarFactory,
)

pytestmark = pytest.mark.django_db

FRA = datetime.date(2026, 3, 1)
TIL = datetime.date(2026, 5, 31)
SLUT = datetime.date(2026, 12, 31)
IDAG = datetime.date(2026, 6, 15)


def nyt_forsoeg(leder, **felter) -> Forsoeg:
    data = {
        "navn": "Mentor fra dag ét",
        "indsats": "en mentor fra første dag",
        "fra": FRA,
        "til": TIL,
        "slut": SLUT,
        "andel": 0.5,
        "uger": 13,
        **felter,
    }
    return services.opret_forsoeg(bruger=leder, forsoeg=Forsoeg(**data))


def indtraeder(jobcenter, dato, *, kode="matchgruppe-2", **borger):
    b = BorgerFactory(jobcenter=jobcenter, **borger)
    MaalgruppeperiodeFactory(borger=b, maalgruppe=maalgruppe(kode), fra=dato)
    return b


# The draw.


def test_the_same_seed_gives_the_same_groups_whatever_the_order():
    ider = list(range(1, 501))
    frem = {i: services.gruppe_for(services.lodtal(42, i), 0.5) for i in ider}
    bagud = {i: services.gruppe_for(services.lodtal(42, i), 0.5) for i in reversed(ider)}
    andet = {i: services.gruppe_for(services.lodtal(43, i), 0.5) for i in ider}
    assert frem == bagud
    assert frem != andet
    assert all(0 <= services.lodtal(42, i) < 1 for i in ider)


@pytest.mark.parametrize("andel", [0.5, 0.3])
def test_the_draw_is_balanced_within_what_chance_allows(andel):
    """2 000 citizens: the share in the effort group lies within the binomial 99.9 % bound."""
    n = 2000
    i_indsats = sum(
        services.gruppe_for(services.lodtal(2026_12_01, i), andel) == Gruppe.INDSATS
        for i in range(1, n + 1)
    )
    nedre, oevre = stats.binom.interval(0.999, n, andel)
    assert nedre <= i_indsats <= oevre


def test_a_trial_draws_each_eligible_citizen_once_and_reproducibly(leder, caplog):
    forsoeg = nyt_forsoeg(leder)
    borgere = [indtraeder(leder.jobcenter, FRA + datetime.timedelta(days=i)) for i in range(30)]
    with caplog.at_level(logging.INFO, logger="virkning.services.forsoeg"):
        assert services.traek_lod(forsoeg=forsoeg, idag=IDAG) == 30
    foerste = dict(forsoeg.lodtraekninger.values_list("borger_id", "gruppe"))
    assert foerste == {
        b.pk: services.gruppe_for(services.lodtal(forsoeg.seed, b.pk), forsoeg.andel)
        for b in borgere
    }
    # A rerun draws nobody and changes nothing.
    assert services.traek_lod(forsoeg=forsoeg, idag=IDAG) == 0
    assert dict(forsoeg.lodtraekninger.values_list("borger_id", "gruppe")) == foerste
    # The log names trial, citizen and group, never CPR or name.
    tekst = caplog.text
    assert f"forsøg {forsoeg.pk}: borger {borgere[0].pk} trukket til" in tekst
    assert all(b.cpr not in tekst and b.efternavn not in tekst for b in borgere)


def test_a_draw_is_never_changed():
    lod = Lodtraekning.objects.none().model
    traek = lod(pk=1, gruppe=Gruppe.INDSATS)
    with pytest.raises(ValidationError):
        traek.save()


def test_the_seed_is_drawn_at_creation_and_not_in_the_form(leder):
    forsoeg = nyt_forsoeg(leder)
    assert 0 <= forsoeg.seed < 2**63
    assert "seed" not in ForsoegForm(bruger=leder).fields
    assert nyt_forsoeg(leder).seed != forsoeg.seed


# Eligibility.


def test_only_citizens_entering_the_window_of_the_target_group_are_eligible(leder, jobcenter_b):
    forsoeg = nyt_forsoeg(leder, maalgruppe=maalgruppe("matchgruppe-2"))
    inde = indtraeder(leder.jobcenter, FRA)
    sidste_dag = indtraeder(leder.jobcenter, TIL)
    indtraeder(leder.jobcenter, FRA - datetime.timedelta(days=1))
    indtraeder(leder.jobcenter, TIL + datetime.timedelta(days=1))
    indtraeder(leder.jobcenter, FRA, kode="matchgruppe-3")
    indtraeder(jobcenter_b, FRA)
    services.traek_lod(forsoeg=forsoeg, idag=IDAG)
    assert set(forsoeg.lodtraekninger.values_list("borger_id", flat=True)) == {
        inde.pk,
        sidste_dag.pk,
    }
    assert forsoeg.lodtraekninger.get(borger=inde).indgang == FRA


def test_a_citizen_entering_later_than_today_waits(leder):
    forsoeg = nyt_forsoeg(leder)
    senere = indtraeder(leder.jobcenter, datetime.date(2026, 4, 10))
    services.traek_lod(forsoeg=forsoeg, idag=datetime.date(2026, 4, 9))
    assert not forsoeg.lodtraekninger.exists()
    services.traek_lod(forsoeg=forsoeg, idag=datetime.date(2026, 4, 10))
    assert forsoeg.lodtraekninger.get().borger == senere


def test_a_benefit_criterion_asks_for_the_benefit_on_the_day_of_entry(leder):
    forsoeg = nyt_forsoeg(leder, ydelse=ydelse("kontanthjaelp"))
    paa = indtraeder(leder.jobcenter, FRA)
    YdelsesperiodeFactory(borger=paa, ydelse=ydelse("kontanthjaelp"), fra=FRA)
    anden = indtraeder(leder.jobcenter, FRA)
    YdelsesperiodeFactory(borger=anden, ydelse=ydelse("dagpenge"), fra=FRA)
    senere = indtraeder(leder.jobcenter, FRA)
    YdelsesperiodeFactory(borger=senere, ydelse=ydelse("kontanthjaelp"), fra=TIL)
    services.traek_lod(forsoeg=forsoeg, idag=IDAG)
    assert list(forsoeg.lodtraekninger.values_list("borger_id", flat=True)) == [paa.pk]


def screening(leder):
    instrument = InstrumentFactory(oprettet_af=leder, art=Art.SCREENING)
    lav = Screeningskategori.objects.create(instrument=instrument, navn="Langt fra", raekkefoelge=0)
    hoej = Screeningskategori.objects.create(instrument=instrument, navn="Tæt på", raekkefoelge=1)
    return instrument, lav, hoej


def test_a_screening_criterion_uses_the_screening_at_entry(leder):
    instrument, lav, hoej = screening(leder)
    forsoeg = nyt_forsoeg(leder, kategori=lav)
    dag = datetime.date(2026, 4, 1)
    lige_efter = indtraeder(leder.jobcenter, dag)
    MaalingFactory(
        borger=lige_efter,
        instrument=instrument,
        dato=dag + datetime.timedelta(days=5),
        kategori=lav,
    )
    for_sent = indtraeder(leder.jobcenter, dag)
    MaalingFactory(
        borger=for_sent, instrument=instrument, dato=dag + datetime.timedelta(days=20), kategori=lav
    )
    anden = indtraeder(leder.jobcenter, dag)
    MaalingFactory(borger=anden, instrument=instrument, dato=dag, kategori=hoej)
    foer = indtraeder(leder.jobcenter, dag)
    MaalingFactory(
        borger=foer, instrument=instrument, dato=dag - datetime.timedelta(days=60), kategori=lav
    )
    # Within the 14 days, the citizen screened before entry waits for a screening after entry.
    services.traek_lod(forsoeg=forsoeg, idag=dag + datetime.timedelta(days=6))
    assert list(forsoeg.lodtraekninger.values_list("borger_id", flat=True)) == [lige_efter.pk]
    services.traek_lod(forsoeg=forsoeg, idag=IDAG)
    assert set(forsoeg.lodtraekninger.values_list("borger_id", flat=True)) == {
        lige_efter.pk,
        foer.pk,
    }


# Stopping early.


def test_a_stopped_trial_is_recorded_and_draws_no_more(leder, client_for):
    forsoeg = nyt_forsoeg(
        leder,
        fra=datetime.date(2026, 1, 1),
        til=datetime.date(2027, 1, 1),
        slut=datetime.date(2027, 6, 1),
    )
    indtraeder(leder.jobcenter, datetime.date(2026, 1, 5))
    services.traek_lod(forsoeg=forsoeg, idag=datetime.date(2026, 2, 1))
    client = client_for(leder)
    url = reverse("virkning:forsoeg_stop", args=[forsoeg.pk])
    svar = client.post(url, {"grund": "  "})
    forsoeg.refresh_from_db()
    assert forsoeg.stoppet is None
    # The page again, the error at the reason's field (not a message far above it).
    assert svar.status_code == 200
    assert svar.context["stopform"].errors["grund"] == ["Skriv, hvorfor forsøget stoppes."]
    assert 'id="stop"' in svar.content.decode() and 'aria-invalid="true"' in svar.content.decode()
    svar = client.post(url, {"grund": "Indsatsen kan ikke længere leveres."}, follow=True)
    assert "Forsøget er stoppet" in svar.content.decode()
    forsoeg.refresh_from_db()
    assert forsoeg.stoppet is not None and forsoeg.stoppet_af == leder
    assert forsoeg.stopgrund == "Indsatsen kan ikke længere leveres."
    indtraeder(leder.jobcenter, datetime.date(2026, 1, 20))
    assert services.traek_lod(forsoeg=forsoeg, idag=datetime.date(2026, 2, 1)) == 0
    assert forsoeg.lodtraekninger.count() == 1
    assert "Stoppet før tid" in client.get(forsoeg.get_absolute_url()).content.decode()


# The result against an independent computation.


def genererede_data(art: str, n: int = 400, effekt: float = 0.15, seed: int = 7) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    gruppe = np.where(rng.random(n) < 0.5, "indsats", "kontrol")
    if art == "selvforsoergelse":
        udfald = (rng.random(n) < np.where(gruppe == "indsats", 0.35 + effekt, 0.35)).astype(float)
    else:
        udfald = rng.normal(np.where(gruppe == "indsats", 0.3 + 4 * effekt, 0.3), 1.2).round()
    udfald[rng.random(n) < 0.1] = np.nan  # not yet known
    return pd.DataFrame(
        {
            "gruppe": gruppe,
            "alder": rng.integers(18, 65, n),
            "ydelse": rng.choice(["Kontanthjælp", "Dagpenge", ""], n),
            "kategori": rng.choice(["Langt fra", "Tæt på"], n),
            "udfald": udfald,
        }
    )


def test_a_share_difference_equals_the_wald_interval_and_z_test_computed_independently():
    data = genererede_data("selvforsoergelse")
    resultat = analyser_forsoeg(data, art="selvforsoergelse", mindste=10)
    a = data.loc[data.gruppe == "indsats", "udfald"].dropna()
    b = data.loc[data.gruppe == "kontrol", "udfald"].dropna()
    p1, p2 = a.mean(), b.mean()
    se = math.sqrt(p1 * (1 - p1) / len(a) + p2 * (1 - p2) / len(b))
    z = stats.norm.ppf(0.975)
    f = resultat.forskel
    assert f.estimat == pytest.approx(p1 - p2, abs=1e-9)
    assert f.nedre == pytest.approx(p1 - p2 - z * se, abs=1e-9)
    assert f.oevre == pytest.approx(p1 - p2 + z * se, abs=1e-9)
    assert f.p == pytest.approx(2 * stats.norm.sf(abs(p1 - p2) / se), abs=1e-9)
    # The known effect (15 points) lies in the interval, and it is clear.
    assert f.nedre < 0.15 < f.oevre and f.p < 0.05
    assert (
        resultat.udfald_indsats == len(a)
        and resultat.antal_indsats == (data.gruppe == "indsats").sum()
    )


def test_a_mean_change_difference_equals_welchs_test_computed_independently():
    data = genererede_data("progression")
    resultat = analyser_forsoeg(data, art="progression", mindste=10)
    a = data.loc[data.gruppe == "indsats", "udfald"].dropna()
    b = data.loc[data.gruppe == "kontrol", "udfald"].dropna()
    sammen = CompareMeans(DescrStatsW(a.to_numpy()), DescrStatsW(b.to_numpy()))
    nedre, oevre = sammen.tconfint_diff(alpha=0.05, usevar="unequal")
    _, p, _ = sammen.ttest_ind(usevar="unequal")
    f = resultat.forskel
    assert f.estimat == pytest.approx(a.mean() - b.mean(), abs=1e-9)
    assert f.nedre == pytest.approx(nedre, abs=1e-9)
    assert f.oevre == pytest.approx(oevre, abs=1e-9)
    assert f.p == pytest.approx(p, abs=1e-9)


def test_the_balance_shows_age_and_the_groups_at_entry():
    data = genererede_data("selvforsoergelse", n=200)
    resultat = analyser_forsoeg(data, art="selvforsoergelse", mindste=10)
    alder = data.loc[data.gruppe == "kontrol", "alder"]
    assert resultat.alder_kontrol == pytest.approx((alder.mean(), alder.std(ddof=1)))
    dagpenge = next(r for r in resultat.fordelinger if r.vaerdi == "Dagpenge")
    indsats = data[data.gruppe == "indsats"]
    assert dagpenge.antal_indsats == (indsats.ydelse == "Dagpenge").sum()
    assert dagpenge.andel_indsats == pytest.approx((indsats.ydelse == "Dagpenge").mean())
    assert {r.vaerdi for r in resultat.fordelinger if r.egenskab == "Ydelse"} == {
        "Dagpenge",
        "Kontanthjælp",
        "Ingen",
    }


def test_a_small_trial_warns_and_shows_no_difference():
    data = genererede_data("selvforsoergelse", n=30)
    resultat = analyser_forsoeg(data, art="selvforsoergelse", mindste=20)
    assert resultat.for_lille and resultat.forskel is None
    assert "for lille til at konkludere" in forklaring(resultat)


def test_the_sentence_says_what_the_difference_means():
    resultat = analyser_forsoeg(
        genererede_data("selvforsoergelse"), art="selvforsoergelse", mindste=10
    )
    saetning = forklaring(resultat)
    assert saetning.startswith("Indsatsgruppen blev selvforsørgende ")
    assert "procentpoint oftere" in saetning and "95 %-interval" in saetning
    assert "opstår sjældent af tilfældighed" in saetning
    assert resultat.forskel.p < 0.001 and resultat.forskel.p_vist == "< 0,001"
    intet = analyser_forsoeg(
        genererede_data("selvforsoergelse", effekt=0.0, seed=3), art="selvforsoergelse", mindste=10
    )
    assert "kan sagtens skyldes tilfældighed" in forklaring(intet)


# The trial on the database's data, end to end.


def test_self_support_is_read_from_the_benefits_on_the_day_n_weeks_after_entry(leder):
    forsoeg = nyt_forsoeg(leder, uger=4)
    selv = indtraeder(leder.jobcenter, FRA)
    YdelsesperiodeFactory(borger=selv, fra=FRA, til=FRA + datetime.timedelta(weeks=3))
    paa = indtraeder(leder.jobcenter, FRA)
    YdelsesperiodeFactory(borger=paa, fra=FRA)
    ikke_endnu = indtraeder(leder.jobcenter, TIL)
    services.traek_lod(forsoeg=forsoeg, idag=IDAG)
    data = services.forsoegsdata(forsoeg=forsoeg, idag=IDAG)
    udfald = dict(
        zip(forsoeg.lodtraekninger.values_list("borger_id", flat=True), data.udfald, strict=True)
    )
    assert udfald[selv.pk] == 1.0 and udfald[paa.pk] == 0.0 and math.isnan(udfald[ikke_endnu.pk])
    alder = dict(
        zip(forsoeg.lodtraekninger.values_list("borger_id", flat=True), data.alder, strict=True)
    )
    assert alder[selv.pk] == services.alder(selv.foedselsdato, FRA)


def test_progression_is_the_change_from_the_baseline_to_n_weeks_after(leder):
    indikator = IndikatorFactory(instrument=InstrumentFactory(oprettet_af=leder))
    forsoeg = nyt_forsoeg(leder, udfald="progression", indikator=indikator, uger=8)
    b = indtraeder(leder.jobcenter, FRA)
    for dage, vaerdi in ((-3, 2), (10, 3), (30, 4), (60, 5), (90, 1)):
        maaling = MaalingFactory(
            borger=b, instrument=indikator.instrument, dato=FRA + datetime.timedelta(days=dage)
        )
        SvarFactory(maaling=maaling, indikator=indikator, vaerdi=vaerdi)
    services.traek_lod(forsoeg=forsoeg, idag=IDAG)
    # The baseline is day 10 (3); the first at least 8 weeks (56 days) after is day 60 (5).
    assert services.forsoegsdata(forsoeg=forsoeg, idag=IDAG).udfald.tolist() == [2.0]


def test_a_leader_creates_a_trial_and_sees_assignment_and_results(leder, client_for):
    client = client_for(leder)
    svar = client.post(
        reverse("virkning:forsoeg_opret"),
        {
            "navn": "Tidlig virksomhedspraktik",
            "indsats": "virksomhedspraktik inden for fire uger",
            "fra": "2026-01-01",
            "til": "2026-02-28",
            "andel": "30",
            "udfald": "selvforsoergelse",
            "uger": "8",
            "slut": "2026-12-31",
            "seed": "1",
        },
    )
    forsoeg = Forsoeg.objects.get()
    assert svar.status_code == 302 and svar.url == forsoeg.get_absolute_url()
    assert forsoeg.jobcenter == leder.jobcenter and forsoeg.seed != 1
    # Typed in percent, stored as a share.
    assert forsoeg.andel == Decimal("0.3")
    for i in range(60):
        b = indtraeder(leder.jobcenter, datetime.date(2026, 1, 1) + datetime.timedelta(days=i % 50))
        gruppe = services.gruppe_for(services.lodtal(forsoeg.seed, b.pk), forsoeg.andel)
        # A known effect: the effort group leaves benefits within four weeks more often.
        varer = 4 if (gruppe == Gruppe.INDSATS and i % 3) or i % 5 == 0 else 30
        YdelsesperiodeFactory(
            borger=b,
            fra=datetime.date(2025, 12, 1),
            til=datetime.date(2026, 1, 1) + datetime.timedelta(weeks=varer),
        )
    call_command("traek_lod", "--dato", "2026-11-01", stdout=io.StringIO())
    assert forsoeg.lodtraekninger.count() == 60
    side = client.get(forsoeg.get_absolute_url()).content.decode()
    resultat = services.forsoegsresultat(forsoeg=forsoeg, idag=timezone.localdate())
    assert "Indsatsgruppen blev selvforsørgende" in side
    assert str(resultat.antal_indsats) in side and str(resultat.antal_kontrol) in side
    assert "Borgere trukket" in side
    assert f'<td class="text-align-right">{escape(resultat.forskel.p_vist)}</td>' in side
    # Counts only: no citizen's name on the trial's page.
    assert not any(
        t.borger.cpr_maskeret in side or f">{t.borger.navn}<" in side
        for t in forsoeg.lodtraekninger.select_related("borger")
    )


def test_the_form_refuses_bad_input_in_danish(leder):
    form = ForsoegForm(
        {
            "navn": "x" * 121,
            "indsats": "y" * 2001,
            "fra": "2026-05-01",
            "til": "2026-04-01",
            "slut": "2026-04-01",
            "andel": "95",
            "udfald": "progression",
            "uger": "13",
        },
        bruger=leder,
    )
    assert not form.is_valid()
    fejl = form.errors
    assert "Optaget skal slutte på eller efter" in fejl["til"][0]
    assert "Andelen må højst være 90 %." in fejl["andel"]
    komma = ForsoegForm({"andel": "0,5"}, bruger=leder)
    assert komma.errors["andel"] == ["Skriv andelen som et helt tal i procent, fx 50."]
    assert "Vælg den indikator, progressionen måles på." in fejl["indikator"]
    assert "navn" in fejl and "indsats" in fejl
    assert not Forsoeg.objects.exists()


def test_the_form_offers_only_the_jobcentres_own_indicators(leder, outsider):
    egen = IndikatorFactory(instrument=InstrumentFactory(oprettet_af=leder))
    fremmed = IndikatorFactory(instrument=InstrumentFactory(oprettet_af=outsider))
    valg = ForsoegForm(bruger=leder).fields["indikator"].queryset
    assert egen in valg and fremmed not in valg


def test_the_indicators_are_offered_by_instrument_and_part_and_a_foreign_one_is_refused(
    leder, outsider
):
    """Both parts of the national template ask »Jobsøgning«: the list groups by instrument and
    part so the leader can tell them apart; the grouping offers nothing the queryset does not."""
    instrument = InstrumentFactory(oprettet_af=leder, navn="Vores måling")
    borgerens = IndikatorFactory(instrument=instrument, navn="Jobsøgning", stilles_til="borger")
    konsulentens = IndikatorFactory(
        instrument=instrument, navn="Jobsøgning", stilles_til="konsulent"
    )
    fremmed = IndikatorFactory(instrument=InstrumentFactory(oprettet_af=outsider))
    grupper = dict(ForsoegForm(bruger=leder).fields["indikator"].choices)
    assert grupper["Vores måling – borgerens del"] == [(borgerens.pk, "Jobsøgning")]
    assert grupper["Vores måling – konsulentens del"] == [(konsulentens.pk, "Jobsøgning")]
    assert all(fremmed.pk not in dict(v) for v in grupper.values() if isinstance(v, list))
    form = ForsoegForm(
        {
            "navn": "Forsøg",
            "indsats": "Mentor",
            "fra": "2026-05-01",
            "til": "2026-06-01",
            "slut": "2026-12-01",
            "andel": "0,5",
            "udfald": "progression",
            "uger": "13",
            "indikator": str(fremmed.pk),
        },
        bruger=leder,
    )
    assert not form.is_valid() and "indikator" in form.errors


# Access.


def test_leaders_run_trials_and_consultants_do_not(leder, administrator, konsulent, client_for):
    forsoeg = nyt_forsoeg(leder)
    for bruger, forventet in ((leder, 200), (administrator, 200), (konsulent, 403)):
        client = client_for(bruger)
        assert client.get(reverse("virkning:forsoeg_liste")).status_code == forventet
        assert client.get(reverse("virkning:forsoeg_opret")).status_code == forventet
        assert client.get(forsoeg.get_absolute_url()).status_code == forventet
    svar = client_for(konsulent).post(
        reverse("virkning:forsoeg_stop", args=[forsoeg.pk]), {"grund": "nej"}
    )
    assert svar.status_code == 403
    forsoeg.refresh_from_db()
    assert forsoeg.stoppet is None


def test_another_jobcentres_trial_is_not_found(leder, outsider, client_for):
    aalborg_leder = type(outsider).objects.create_user(
        username="aalborg-leder", rolle="leder", jobcenter=outsider.jobcenter
    )
    forsoeg = nyt_forsoeg(aalborg_leder, navn="Aalborgs hemmelige forsøg")
    client = client_for(leder)
    for navn in ("forsoeg", "forsoeg_stop", "forsoeg_traek"):
        metode = client.get if navn == "forsoeg" else client.post
        assert metode(reverse(f"virkning:{navn}", args=[forsoeg.pk])).status_code == 404
    assert (
        "Aalborgs hemmelige" not in client.get(reverse("virkning:forsoeg_liste")).content.decode()
    )


def test_the_leaders_tile_counts_running_trials(leder, rf):
    from virkning.views.forsoeg import ledertavler

    nyt_forsoeg(
        leder,
        fra=datetime.date(2020, 1, 1),
        til=datetime.date(2020, 2, 1),
        slut=datetime.date(2099, 1, 1),
    )
    nyt_forsoeg(
        leder,
        fra=datetime.date(2020, 1, 1),
        til=datetime.date(2020, 2, 1),
        slut=datetime.date(2098, 5, 1),
    )
    slut = nyt_forsoeg(
        leder,
        fra=datetime.date(2020, 1, 1),
        til=datetime.date(2020, 2, 1),
        slut=datetime.date(2020, 3, 1),
    )
    assert slut
    anmodning = rf.get("/")
    anmodning.user = leder
    (tavle,) = ledertavler(anmodning)
    assert tavle.titel == "Forsøg, der kører" and tavle.tal == "2"
    assert "01-05-2098" in tavle.tekst and tavle.url == reverse("virkning:forsoeg_liste")


def test_the_citizen_page_shows_the_assignment_and_logs_the_visit(leder, konsulent, client_for):
    forsoeg = nyt_forsoeg(leder)
    b = indtraeder(leder.jobcenter, FRA)
    services.traek_lod(forsoeg=forsoeg, idag=IDAG)
    gruppe = forsoeg.lodtraekninger.get(borger=b).gruppe
    side = client_for(konsulent).get(b.get_absolute_url()).content.decode()
    assert "Mentor fra dag ét" in side
    if gruppe == Gruppe.INDSATS:
        assert "Borgeren er i indsatsgruppen: tilbyd en mentor fra første dag" in side
    else:
        assert "Borgeren er i kontrolgruppen: sædvanlig indsats" in side
    assert Adgangslog.objects.filter(borger=b, bruger=konsulent).exists()


@pytest.mark.parametrize("art", ["selvforsoergelse", "progression"])
@pytest.mark.parametrize(
    ("indsats", "kontrol", "p"), [(0.0, 0.0, 1.0), (1.0, 1.0, 1.0), (1.0, 0.0, 0.0)]
)
def test_groups_without_variance_give_a_point_and_no_warning(art, indsats, kontrol, p):
    data = pd.DataFrame(
        {
            "gruppe": ["indsats", "kontrol"] * 12,
            "alder": [30] * 24,
            "ydelse": [""] * 24,
            "kategori": [""] * 24,
            "udfald": [indsats, kontrol] * 12,
        }
    )
    with np.errstate(all="raise"):
        f = analyser_forsoeg(data, art=art, mindste=10).forskel
    assert (f.estimat, f.nedre, f.oevre, f.p) == (indsats - kontrol,) * 3 + (p,)


def test_the_page_draws_only_when_asked_by_post(leder, client_for, monkeypatch):
    forsoeg = nyt_forsoeg(leder, fra=datetime.date(2026, 1, 1), slut=datetime.date(2099, 1, 1))
    indtraeder(leder.jobcenter, datetime.date(2026, 1, 2))
    client = client_for(leder)
    assert client.get(forsoeg.get_absolute_url()).status_code == 200
    assert not forsoeg.lodtraekninger.exists()
    monkeypatch.setattr(timezone, "localdate", lambda: datetime.date(2026, 6, 1))
    svar = client.post(reverse("virkning:forsoeg_traek", args=[forsoeg.pk]), follow=True)
    assert "1 ny borger er trukket." in svar.content.decode()
    assert forsoeg.lodtraekninger.count() == 1
    # Nobody new: say why, rather than »0 nye borgere er trukket«.
    svar = client.post(reverse("virkning:forsoeg_traek", args=[forsoeg.pk]), follow=True)
    assert "Ingen nye borgere at trække lod for" in svar.content.decode()


def test_the_command_draws_in_every_running_trial_and_no_other(leder):
    koerer = nyt_forsoeg(leder)
    stoppet = nyt_forsoeg(leder)
    services.stop_forsoeg(forsoeg=stoppet, bruger=leder, grund="Indsatsen er nedlagt.")
    indtraeder(leder.jobcenter, FRA)
    ud = io.StringIO()
    call_command("traek_lod", "--dato", IDAG.isoformat(), stdout=ud)
    assert "1 borgere trukket i 1 forsøg." in ud.getvalue()
    assert koerer.lodtraekninger.count() == 1 and not stoppet.lodtraekninger.exists()


def test_the_nightly_task_is_scheduled_and_draws_as_the_command_does(leder):
    from config.celery import app

    from ..tasks import traek_lod as opgave

    assert app.conf.beat_schedule["traek-lod"]["task"] == opgave.name == "virkning.tasks.traek_lod"
    koerer = nyt_forsoeg(leder)
    indtraeder(leder.jobcenter, FRA)
    assert opgave(IDAG.isoformat()) == {str(koerer.pk): 1}
    assert opgave(IDAG.isoformat()) == {str(koerer.pk): 0}
    assert koerer.lodtraekninger.count() == 1
