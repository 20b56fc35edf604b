"""Mål 1 and Mål 2 on small hand-built data with answers worked out by hand."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from borgere.models import (
    Forloebstype,
    Kampagne,
    Maal,
    Maalgruppe,
    Maalgruppeperiode,
    Maalsnapshot,
    Maaltal,
    Praktikforloeb,
    Trin,
    Ydelsesperiode,
    Ydelsestype,
)
from borgere.services import beregn_maal, tempo
from borgere.tests.factories import BorgerFactory
from virksomheder.tests.factories import VirksomhedFactory

pytestmark = pytest.mark.django_db

d = datetime.date
DATO = d(2026, 6, 30)


def lav_kampagne() -> Kampagne:
    kampagne = Kampagne.objects.create(
        kode="test", navn="Testkampagnen", start=d(2026, 1, 1), slut=d(2026, 12, 31)
    )
    for nummer, (kode, art) in enumerate([("maal-1", "bestand"), ("maal-2", "andel")], start=1):
        maal = Maal.objects.create(
            kampagne=kampagne, kode=kode, navn=kode, art=art, raekkefoelge=nummer
        )
        maal.forloebstyper.set(Forloebstype.objects.filter(virksomhedsaktivering=True))
        maal.ydelser.set(Ydelsestype.objects.filter(kode__in=["kontanthjaelp", "starthjaelp"]))
        maal.maalgrupper.set(Maalgruppe.objects.filter(kode="matchgruppe-2"))
        maal.offentlige_ydelser.set(Ydelsestype.objects.all())
    return kampagne


class Data:
    def __init__(self, jobcenter_a, jobcenter_b, konsulent):
        self.konsulent = konsulent
        self.virksomhed = VirksomhedFactory()
        self.a, self.b = jobcenter_a, jobcenter_b

    def borger(self, jobcenter, ydelser=(), grupper=()):
        borger = BorgerFactory(jobcenter=jobcenter)
        for kode, fra, til in ydelser:
            Ydelsesperiode.objects.create(
                borger=borger, ydelse=Ydelsestype.objects.get(kode=kode), fra=fra, til=til
            )
        for kode, fra, til in grupper:
            Maalgruppeperiode.objects.create(
                borger=borger, maalgruppe=Maalgruppe.objects.get(kode=kode), fra=fra, til=til
            )
        return borger

    def forloeb(self, borger, start, slut=None, type_="virksomhedspraktik", trin=None):
        return Praktikforloeb.objects.create(
            borger=borger,
            virksomhed=self.virksomhed,
            type=Forloebstype.objects.get(kode=type_),
            jobkonsulent=self.konsulent,
            start=start,
            faktisk_slut=slut,
            trin=trin or (Trin.AFSLUTNING if slut else Trin.UNDERVEJS),
        )


@pytest.fixture
def data(jobcenter_a, jobcenter_b, konsulent):
    return Data(jobcenter_a, jobcenter_b, konsulent)


KONTANT_HELE_AARET = [("kontanthjaelp", d(2025, 1, 1), None)]
MATCH2_HELE_AARET = [("matchgruppe-2", d(2025, 1, 1), None)]


@pytest.fixture
def maal1_data(data):
    """On 30-06-2026: jobcentre A has 2 (b1, b2), B has 1 (b7). At the start (01-01-2026) only
    b1 was in: A 1, B 0."""
    a, b = data.a, data.b
    b1 = data.borger(a, KONTANT_HELE_AARET, MATCH2_HELE_AARET)
    data.forloeb(b1, d(2025, 12, 1))  # running since before the start
    data.forloeb(b1, d(2026, 6, 1), type_="loentilskud-privat")  # two forløb: counts once
    b2 = data.borger(a, KONTANT_HELE_AARET, MATCH2_HELE_AARET)
    data.forloeb(b2, d(2026, 4, 1), slut=DATO)  # ends on the date: counts
    b3 = data.borger(a, [("dagpenge", d(2025, 1, 1), None)], MATCH2_HELE_AARET)
    data.forloeb(b3, d(2026, 4, 1))  # not a benefit of the goal
    b4 = data.borger(
        a,
        KONTANT_HELE_AARET,
        [("matchgruppe-2", d(2025, 1, 1), d(2026, 6, 29)), ("matchgruppe-3", d(2026, 6, 30), None)],
    )
    data.forloeb(b4, d(2026, 4, 1))  # left the target group the day before
    b5 = data.borger(a, [("starthjaelp", d(2025, 1, 1), None)], MATCH2_HELE_AARET)
    data.forloeb(b5, d(2026, 4, 1), trin=Trin.PRAKTIKAFTALE)  # not started
    b6 = data.borger(a, KONTANT_HELE_AARET, MATCH2_HELE_AARET)
    data.forloeb(b6, d(2026, 7, 1))  # starts the day after
    b7 = data.borger(b, [("starthjaelp", d(2025, 1, 1), None)], MATCH2_HELE_AARET)
    data.forloeb(b7, d(2026, 3, 1))
    return data


def snapshots(maal_kode):
    return {
        (s.jobcenter.navn if s.jobcenter else "landet"): s
        for s in Maalsnapshot.objects.filter(maal__kode=maal_kode, dato=DATO).select_related(
            "jobcenter"
        )
    }


def test_maal_1_counts_distinct_citizens_in_the_target_group_on_the_date(maal1_data):
    kampagne = lav_kampagne()
    Maaltal.objects.create(maal=kampagne.maal.get(kode="maal-1"), jobcenter=maal1_data.a, vaerdi=4)
    Maaltal.objects.create(maal=kampagne.maal.get(kode="maal-1"), jobcenter=None, vaerdi=10)
    beregn_maal(kampagne=kampagne, dato=DATO)
    s = snapshots("maal-1")
    assert {k: v.vaerdi for k, v in s.items()} == {
        "Jobcenter Aarhus": 2,
        "Jobcenter Aalborg": 1,
        "landet": 3,
    }
    aarhus = s["Jobcenter Aarhus"]
    assert (aarhus.baseline, aarhus.maaltal, aarhus.maalopfyldelse, aarhus.stigning) == (
        1,
        4,
        Decimal("0.5"),
        1,
    )
    assert (s["landet"].baseline, s["landet"].maaltal) == (1, 10)
    assert s["Jobcenter Aalborg"].maaltal is None and s["Jobcenter Aalborg"].stigning is None  # 1/0


@pytest.fixture
def maal2_data(data):
    """Follow-up days (end + 4 weeks) in the window (30-03-2026, 30-06-2026]: A has c1
    (self-supporting) and c2 (a benefit starts on the follow-up day): 1 of 2. B has c5: 1 of 1.
    Nationally 2 of 3."""
    a, b = data.a, data.b
    c1 = data.borger(a, [("kontanthjaelp", d(2025, 1, 1), d(2026, 4, 28))], MATCH2_HELE_AARET)
    data.forloeb(c1, d(2026, 1, 5), slut=d(2026, 4, 1))  # follow-up 29-04: no benefit
    c2 = data.borger(
        a,
        [("kontanthjaelp", d(2025, 1, 1), d(2026, 5, 10)), ("dagpenge", d(2026, 5, 29), None)],
        MATCH2_HELE_AARET,
    )
    data.forloeb(c2, d(2026, 2, 1), slut=d(2026, 5, 1))  # follow-up 29-05: dagpenge from 29-05
    c3 = data.borger(a, [("kontanthjaelp", d(2025, 1, 1), d(2026, 6, 10))], MATCH2_HELE_AARET)
    data.forloeb(c3, d(2026, 3, 1), slut=d(2026, 6, 10))  # follow-up 08-07: after the date
    c4 = data.borger(a, KONTANT_HELE_AARET, [("matchgruppe-1", d(2025, 1, 1), None)])
    data.forloeb(c4, d(2026, 1, 15), slut=d(2026, 4, 15))  # not in the target group at the end
    c0 = data.borger(a, [("kontanthjaelp", d(2025, 1, 1), d(2026, 3, 1))], MATCH2_HELE_AARET)
    data.forloeb(c0, d(2025, 12, 1), slut=d(2026, 3, 1))  # follow-up 29-03: just before
    c5 = data.borger(b, [("starthjaelp", d(2025, 1, 1), d(2026, 5, 31))], MATCH2_HELE_AARET)
    data.forloeb(c5, d(2026, 2, 15), slut=d(2026, 5, 15))  # follow-up 12-06: no benefit
    return data


def test_a_citizen_with_a_record_in_two_jobcentres_counts_once_nationally(data):
    """A person who moved has a record in each jobcentre (one CPR number, two citizens); when
    both records are in the target group with a running forløb on the date, each jobcentre
    counts its own record and the nation counts the person once."""
    i_a = data.borger(data.a, KONTANT_HELE_AARET, MATCH2_HELE_AARET)
    i_b = BorgerFactory(jobcenter=data.b, cpr=i_a.cpr)
    for kode, model in [("kontanthjaelp", Ydelsesperiode), ("matchgruppe-2", Maalgruppeperiode)]:
        felt = "ydelse" if model is Ydelsesperiode else "maalgruppe"
        kategori = (Ydelsestype if model is Ydelsesperiode else Maalgruppe).objects.get(kode=kode)
        model.objects.create(borger=i_b, fra=d(2026, 5, 1), **{felt: kategori})
    data.forloeb(i_a, d(2026, 3, 1))
    data.forloeb(i_b, d(2026, 6, 1))
    beregn_maal(kampagne=lav_kampagne(), dato=DATO)
    assert {k: v.vaerdi for k, v in snapshots("maal-1").items()} == {
        "Jobcenter Aarhus": 1,
        "Jobcenter Aalborg": 1,
        "landet": 1,
    }


def test_maal_2_is_the_share_self_supporting_four_weeks_after(maal2_data):
    kampagne = lav_kampagne()
    Maaltal.objects.create(
        maal=kampagne.maal.get(kode="maal-2"), jobcenter=None, vaerdi=Decimal("0.20")
    )
    beregn_maal(kampagne=kampagne, dato=DATO)
    s = snapshots("maal-2")
    assert {k: (v.taeller, v.naevner, v.vaerdi) for k, v in s.items()} == {
        "Jobcenter Aarhus": (1, 2, Decimal("0.5")),
        "Jobcenter Aalborg": (1, 1, Decimal("1")),
        "landet": (2, 3, Decimal("0.6667")),
    }
    assert s["landet"].maalopfyldelse == Decimal("0.6667") / Decimal("0.20")
    assert s["landet"].baseline is None  # nobody ended in the window before the start


def test_a_rerun_replaces_and_never_doubles(maal1_data):
    kampagne = lav_kampagne()
    foerste = beregn_maal(kampagne=kampagne, dato=DATO)
    assert beregn_maal(kampagne=kampagne, dato=DATO) == foerste
    assert Maalsnapshot.objects.filter(dato=DATO).count() == foerste
    maal1_data.forloeb(
        maal1_data.borger(maal1_data.b, KONTANT_HELE_AARET, MATCH2_HELE_AARET), d(2026, 6, 1)
    )
    beregn_maal(kampagne=kampagne, dato=DATO)
    assert snapshots("maal-1")["Jobcenter Aalborg"].vaerdi == 2


def test_the_pace_is_judged_against_the_straight_line_to_the_target(maal1_data):
    kampagne = lav_kampagne()
    Maaltal.objects.create(maal=kampagne.maal.get(kode="maal-1"), jobcenter=maal1_data.a, vaerdi=4)
    beregn_maal(kampagne=kampagne, dato=DATO)
    aarhus = snapshots("maal-1")["Jobcenter Aarhus"]
    # From 1 on 01-01 to 4 on 31-12: 180 of 364 days gone, so 1 + 3 × 180/364 ≈ 2.48 expected.
    t = tempo(aarhus, kampagne)
    assert t.forventet == Decimal("2.4835") and t.foran is False


def test_the_commands_backfill_month_ends_and_export_csv(maal1_data, capsys):
    kampagne = lav_kampagne()
    kampagne.slut = d(2026, 3, 31)
    kampagne.save()
    call_command("beregn_maal", "test", "--backfill")
    assert sorted(set(Maalsnapshot.objects.values_list("dato", flat=True))) == [
        d(2026, 1, 31),
        d(2026, 2, 28),
        d(2026, 3, 31),
    ]
    capsys.readouterr()
    call_command("eksporter_maal", "test", "--dato", "2026-03-31")
    linjer = capsys.readouterr().out.strip().splitlines()
    assert linjer[0].startswith("kampagne;maal;kommunenummer;jobcenter;vaerdi;taeller;naevner")
    assert any(linje.startswith("test;maal-1;;Hele landet;2;2;;") for linje in linjer)  # b1, b7


def test_the_sources_campaign_ships_as_a_ready_definition():
    kampagne = Kampagne.objects.get(kode="virksomhedscenterkampagnen")
    maal1, maal2 = kampagne.maal.order_by("raekkefoelge")
    assert (maal1.art, maal2.art, maal2.uger_efter) == ("bestand", "andel", 4)
    assert set(maal1.ydelser.values_list("kode", flat=True)) == {"kontanthjaelp", "starthjaelp"}
    assert list(maal1.maalgrupper.values_list("kode", flat=True)) == ["matchgruppe-2"]
    assert maal1.maaltal.get(jobcenter=None).vaerdi == 9000
    assert maal2.maaltal.get(jobcenter=None).vaerdi == Decimal("0.20")


def test_targets_are_imported_per_jobcentre_and_nationally(jobcenter_a, tmp_path, capsys):
    from jobcenter.tests.factories import BrugerFactory

    BrugerFactory(username="drift", is_superuser=True, jobcenter=None, rolle="")
    fil = tmp_path / "maaltal.csv"
    fil.write_text(
        "kampagne;maal;kommunenummer;maaltal\n"
        "virksomhedscenterkampagnen;maal-1;751;520\n"
        "virksomhedscenterkampagnen;maal-1;;9.000\n"
        "virksomhedscenterkampagnen;maal-2;;20 %\n",
        encoding="utf-8",
    )
    call_command("importer", "maaltal", str(fil), "--bruger", "drift")
    maal1 = Maal.objects.get(kampagne__kode="virksomhedscenterkampagnen", kode="maal-1")
    assert maal1.maaltal.get(jobcenter=jobcenter_a).vaerdi == 520
    assert maal1.maaltal.get(jobcenter=None).vaerdi == 9000
    assert Maaltal.objects.get(maal__kode="maal-2", jobcenter=None).vaerdi == Decimal("0.20")


def test_an_administrator_imports_only_own_targets(administrator, jobcenter_b):
    from jobcenter.imports import Afvist, importer

    fil = (
        b"kampagne;maal;kommunenummer;maaltal\n"
        b"virksomhedscenterkampagnen;maal-1;751;520\n"
        b"virksomhedscenterkampagnen;maal-1;851;400\n"
        b"virksomhedscenterkampagnen;maal-2;751;1,5\n"
        b"virksomhedscenterkampagnen;maal-9;751;5\n"
    )
    with pytest.raises(Afvist) as afvist:
        importer(type_="maaltal", indhold=fil, filnavn="m.csv", bruger=administrator)
    assert [linje for linje, _ in afvist.value.fejl] == [3, 4, 5]
    assert not Maaltal.objects.filter(jobcenter__isnull=False).exists()


class TestDashboard:
    @pytest.fixture
    def beregnet(self, maal1_data):
        kampagne = lav_kampagne()
        maal1 = kampagne.maal.get(kode="maal-1")
        Maaltal.objects.create(maal=maal1, jobcenter=maal1_data.a, vaerdi=4)
        Maaltal.objects.create(maal=maal1, jobcenter=maal1_data.b, vaerdi=4)
        Maaltal.objects.create(maal=maal1, jobcenter=None, vaerdi=10)
        for dato in (d(2026, 4, 30), d(2026, 5, 31), DATO):
            beregn_maal(kampagne=kampagne, dato=dato)
        return kampagne

    def url(self, kampagne):
        from django.urls import reverse

        return reverse("borgere:kampagne", args=[kampagne.kode])

    def test_a_leader_sees_own_tiles_beside_the_national_figure(
        self, client_for, leder, beregnet, django_assert_max_num_queries
    ):
        client = client_for(leder)
        with django_assert_max_num_queries(16):  # 4 of them: the goals' definitions
            response = client.get(self.url(beregnet))
        html = response.content.decode()
        tavle = response.context["tavler"][0]
        assert (tavle.egen.vaerdi, tavle.landet.vaerdi, tavle.egen.maalopfyldelse) == (
            2,
            3,
            Decimal("0.5"),
        )
        # b1, b2 and b4 on 30-04 and 31-05; b4 left matchgruppe 2 on 29-06.
        assert [p["egen"] for p in tavle.udvikling] == [Decimal(3), Decimal(3), Decimal(2)]
        # Compared on målopfyldelse: Aarhus 2/4 = 50 %, Aalborg 1/4 = 25 %, the country 3/10 = 30 %.
        assert (tavle.placering, tavle.over_landet, tavle.egen_over_landet) == (1, 1, True)
        assert 'data-testid="vaerdi-maal-1">2<' in html and "Beregnet" in html
        assert 'id="graf-maal-1"' in html and "Tallene bag grafen" in html

    def test_the_trend_is_month_by_month_however_many_nights_are_computed(
        self, client_for, leder, beregnet, django_assert_max_num_queries
    ):
        for dag in (1, 2, 15):  # the nightly job computes every day
            beregn_maal(kampagne=beregnet, dato=d(2026, 5, dag))
        client = client_for(leder)
        with django_assert_max_num_queries(16):  # 4 of them: the goals' definitions
            tavle = client.get(self.url(beregnet)).context["tavler"][0]
        assert [p["dato"] for p in tavle.udvikling] == ["2026-04-30", "2026-05-31", "2026-06-30"]
        assert [p["egen"] for p in tavle.udvikling] == [Decimal(3), Decimal(3), Decimal(2)]
        assert tavle.i_alt == 2  # the ranking reads the latest date only

    def test_consultants_do_not_see_dashboards_and_analysts_see_aggregates(
        self, client_for, konsulent, analytiker, beregnet
    ):
        assert client_for(konsulent).get(self.url(beregnet)).status_code == 403
        client = client_for(analytiker)
        national = client.get(self.url(beregnet)).context
        assert national["jobcenter"] is None and national["tavler"][0].egen is None
        valgt = client.get(self.url(beregnet), {"jobcenter": "851"}).context
        assert valgt["tavler"][0].egen.vaerdi == 1
        from django.urls import reverse

        assert (
            client.get(reverse("borgere:bag_maal", args=[beregnet.kode, "maal-1"])).status_code
            == 403
        )

    def test_a_jobcentre_without_figures_is_never_shown_national_figures_under_its_name(
        self, client_for, analytiker, beregnet
    ):
        """The trial's finding: ?jobcenter=492 said there was nothing for the jobcentre and then
        showed the national figures labelled as its own."""
        from jobcenter.tests.factories import JobcenterFactory

        JobcenterFactory(kommunenummer=492, navn="Jobcenter Læsø")
        response = client_for(analytiker).get(self.url(beregnet), {"jobcenter": "492"})
        html = response.content.decode()
        assert "Der er ikke beregnet tal for Jobcenter Læsø" in html
        assert 'data-testid="vaerdi-maal-1"' not in html  # no tile under Læsø's name
        assert "Intet beregnet for Jobcenter Læsø. Hele landet: 3 borgere" in html
        # Only jobcentres with figures are offered.
        assert [j.kommunenummer for j in response.context["jobcentre"]] == [851, 751]

    def test_every_tile_says_who_counts_from_the_goals_data(self, client_for, leder, beregnet):
        html = client_for(leder).get(self.url(beregnet)).content.decode()
        assert (
            "Tæller borgere på kontanthjælp eller starthjælp i matchgruppe 2 (indsatsklar), som på "
            "dagen er i løntilskud, offentlig eller løntilskud, privat eller virksomhedspraktik; "
            "hver borger tælles én gang." in html
        )
        assert "hvor borgeren 4 uger efter ikke modtager " in html
        maal = beregnet.maal.get(kode="maal-1")
        maal.ydelser.set(Ydelsestype.objects.filter(kode="kontanthjaelp"))
        html = client_for(leder).get(self.url(beregnet)).content.decode()
        assert "Tæller borgere på kontanthjælp i matchgruppe 2 (indsatsklar)" in html

    def test_a_share_is_ranked_with_its_n_and_a_share_of_nothing_is_not_ranked(
        self, client_for, leder, beregnet
    ):
        """»nr. 2 af 6« at 0,0 % said nothing of how few forløb it was."""
        andel = beregnet.maal.get(kode="maal-2")
        andel.snapshots.filter(jobcenter__isnull=False).delete()
        Maalsnapshot.objects.create(
            maal=andel,
            dato=DATO,
            jobcenter=leder.jobcenter,
            vaerdi=0,
            taeller=0,
            naevner=2,
            beregnet=timezone.now(),
        )
        Maalsnapshot.objects.create(
            maal=andel,
            dato=DATO,
            jobcenter=self.b(leder),
            vaerdi=None,
            taeller=0,
            naevner=0,
            beregnet=timezone.now(),
        )
        response = client_for(leder).get(self.url(beregnet))
        tavle = response.context["tavler"][1]
        assert (tavle.placering, tavle.i_alt) == (1, 1)
        assert "nr. 1 af 1 med 0 af 2 forløb" in response.content.decode()

    def test_a_share_of_few_forloeb_is_not_shown_outside_the_jobcentre(
        self, client_for, leder, analytiker, beregnet
    ):
        """Issue 13, finding 3's rule on the dashboards: 1 of 2 would tell an analyst whether the
        jobcentre's two citizens became self-supporting."""
        andel = beregnet.maal.get(kode="maal-2")
        andel.snapshots.filter(jobcenter=leder.jobcenter).delete()
        Maalsnapshot.objects.create(
            maal=andel,
            dato=DATO,
            jobcenter=leder.jobcenter,
            vaerdi=Decimal("0.5"),
            taeller=1,
            naevner=2,
            beregnet=timezone.now(),
        )
        response = client_for(analytiker).get(self.url(beregnet), {"jobcenter": "751"})
        tavle = response.context["tavler"][1]
        assert (tavle.egen, tavle.for_faa) == (None, True)
        assert all(p["egen"] is None for p in tavle.udvikling)
        assert "For få afsluttede forløb i Jobcenter Aarhus til at vise andelen" in (
            response.content.decode()
        )
        eksport = client_for(analytiker).get(
            self.url(beregnet), {"jobcenter": "751", "format": "csv"}
        )
        raekker = [r.split(";") for r in eksport.content.decode("utf-8-sig").splitlines()]
        assert [r[1] for r in raekker if r[0] == andel.navn] == ["Hele landet"]
        assert [r[1] for r in raekker if r[0] == "maal-1"] == ["Jobcenter Aarhus", "Hele landet"]
        egen = client_for(leder).get(self.url(beregnet)).context["tavler"][1]
        assert (egen.egen.taeller, egen.egen.naevner, egen.for_faa) == (1, 2, False)

    @staticmethod
    def b(leder):
        from jobcenter.models import Jobcenter

        return Jobcenter.objects.exclude(pk=leder.jobcenter_id).get(kommunenummer=851)

    def test_an_ended_campaign_never_computed_offers_to_compute_now(
        self, client_for, administrator, leder
    ):
        kampagne = Kampagne.objects.create(
            kode="gammel", navn="Gammel", start=d(2020, 1, 1), slut=d(2020, 12, 31)
        )
        html = client_for(administrator).get(self.url(kampagne)).content.decode()
        assert "aldrig blevet beregnet, og den beregnes ikke om natten" in html
        assert 'den sluttede <span class="nowrap">31-12-2020</span>' in html
        assert ">Beregn nu</button>" in html
        assert "beregnes hver nat" not in html
        html = client_for(leder).get(self.url(kampagne)).content.decode()
        assert "En administrator kan beregne den" in html and "Beregn nu</button>" not in html

    def test_the_drill_down_lists_own_citizens_and_logs_each(self, client_for, leder, beregnet):
        from django.urls import reverse

        from borgere.models import Adgangslog

        response = client_for(leder).get(
            reverse("borgere:bag_maal", args=[beregnet.kode, "maal-1"])
        )
        forloeb = response.context["forloeb"]
        assert {f.borger.jobcenter.navn for f in forloeb} == {"Jobcenter Aarhus"}
        assert len({f.borger_id for f in forloeb}) == 2
        assert Adgangslog.objects.filter(handling="bag_noegletal").count() == 2

    def test_the_table_exports_as_csv_and_excel(self, client_for, leder, beregnet):
        from jobcenter.tests.eksportlaeser import laes_csv, laes_excel, raekker

        client = client_for(leder)
        data = laes_csv(client.get(self.url(beregnet), {"format": "csv"}))
        assert list(data.columns[:5]) == ["mål", "jobcenter", "dato", "andel (%)", "antal"]
        assert list(data["jobcenter"][:2]) == ["Jobcenter Aarhus", "Hele landet"]
        assert list(data["antal"][:2]) == [2, 3] and list(data["dato"][:1]) == ["30-06-2026"]
        ark = laes_excel(client.get(self.url(beregnet), {"format": "xlsx"}), titel="Kampagnemål")
        aarhus = raekker(ark)[0]
        assert (aarhus["jobcenter"].value, aarhus["antal"].value) == ("Jobcenter Aarhus", 2)
        assert aarhus["dato"].value == datetime.datetime(2026, 6, 30)
        assert aarhus["målopfyldelse"].value == 0.5
        assert aarhus["målopfyldelse"].number_format == "0.0 %"
        assert isinstance(aarhus["beregnet"].value, datetime.datetime)

    def test_page_chart_and_exports_round_a_share_the_same_way(self, client_for, leder, beregnet):
        """Issue 14, item 7: 51/57 is 89,5 % (not 89,4), a target of 15/16 93,8 % (not 93,7)
        and a start of 3/55 5,5 % (not 5,4) – on the page, in the chart and in both exports."""
        from jobcenter.tests.eksportlaeser import laes_csv, laes_excel, raekker

        andel = beregnet.maal.get(kode="maal-2")
        andel.snapshots.filter(jobcenter=leder.jobcenter).delete()
        Maalsnapshot.objects.create(
            maal=andel,
            dato=DATO,
            jobcenter=leder.jobcenter,
            vaerdi=Decimal("0.8947"),  # 51/57, stored with four places
            taeller=51,
            naevner=57,
            maaltal=Decimal("0.9375"),  # 15/16
            baseline=Decimal("0.0545"),  # 3/55
            beregnet=timezone.now(),
        )
        client = client_for(leder)
        response = client.get(self.url(beregnet))
        html = response.content.decode()
        assert 'data-testid="vaerdi-maal-2">89,5\u00a0%<' in html
        assert 'data-testid="maaltal-maal-2">93,8\u00a0%<' in html
        assert 'data-testid="opfyldelse-maal-2">95,4\u00a0%<' in html  # 0.8947 / 0.9375
        assert "(fra 5,5\u00a0%)" in html
        tavle = response.context["tavler"][1]
        assert tavle.graf[-1] | {"landet": None} == {
            "dato": DATO.isoformat(),
            "egen": Decimal("89.5"),
            "landet": None,
            "maaltal": Decimal("93.8"),
        }
        assert '"egen": "89.5"' in html  # what the chart reads (json_script)
        data = laes_csv(client.get(self.url(beregnet), {"format": "csv"}))
        egen = data[(data["mål"] == andel.navn) & (data["jobcenter"] == "Jobcenter Aarhus")]
        assert egen[["andel (%)", "måltal, andel (%)", "målopfyldelse (%)"]].values.tolist() == [
            [89.5, 93.8, 95.4]
        ]
        assert egen["ved start, andel (%)"].tolist() == [5.5]
        assert egen[["tæller", "nævner"]].values.tolist() == [[51, 57]]
        excel = laes_excel(client.get(self.url(beregnet), {"format": "xlsx"}), titel="Kampagnemål")
        (raekke,) = [
            r
            for r in raekker(excel)
            if r["mål"].value == andel.navn and r["jobcenter"].value == "Jobcenter Aarhus"
        ]
        assert [raekke[k].value for k in ("andel", "måltal, andel", "ved start, andel")] == [
            0.895,
            0.938,
            0.055,
        ]
        assert raekke["andel"].number_format == "0.0 %" and raekke["antal"].value is None

    def test_an_administrator_recomputes(
        self, client_for, administrator, leder, beregnet, django_capture_on_commit_callbacks
    ):
        assert client_for(leder).post(self.url(beregnet)).status_code == 403
        with django_capture_on_commit_callbacks(execute=True) as queued:
            response = client_for(administrator).post(self.url(beregnet), follow=True)
        assert len(queued) == 1
        assert "Beregningen er startet" in response.content.decode()


def test_a_stored_baseline_is_reused_and_equals_a_fresh_count(
    maal1_data, django_assert_max_num_queries
):
    kampagne = lav_kampagne()
    beregn_maal(kampagne=kampagne, dato=DATO)
    frisk = {s.jobcenter_id: s.baseline for s in Maalsnapshot.objects.filter(dato=DATO)}
    beregn_maal(kampagne=kampagne, dato=kampagne.start)
    beregn_maal(kampagne=kampagne, dato=DATO)
    genbrugt = {s.jobcenter_id: s.baseline for s in Maalsnapshot.objects.filter(dato=DATO)}
    assert genbrugt == frisk and frisk[maal1_data.a.pk] == 1


def test_a_new_goal_kind_is_one_class_computed_and_shown_end_to_end(
    maal1_data, client_for, leder, monkeypatch
):
    """design.md §7: adding a goal kind is one class in the registry; the computation, the
    choices of Maal.art, the dashboard and the chart read it, and nothing else changes."""
    from django.urls import reverse

    from borgere.services import maalarter

    monkeypatch.setattr(maalarter, "MAALARTER", dict(maalarter.MAALARTER))

    @maalarter.registrer
    class Startede(maalarter.Maalart):
        """Forløb of the goal's types started in the window up to the date."""

        kode = "startede"
        navn = "Antal forløb startet i perioden"
        enhedsnavn = "startede forløb"

        def bag_tallet(self, maal, dato):
            return Praktikforloeb.objects.filter(
                type_id__in=maalarter.ider(maal.forloebstyper),
                trin__gte=Trin.UNDERVEJS,
                start__gt=maalarter.maaneder_foer(dato, maal.vindue_maaneder),
                start__lte=dato,
            )

        def hvem_taeller(self, maal):
            return (
                f"Tæller forløb i {maalarter.eller(maal.forloebstyper)}, der er startet i de "
                f"seneste {maal.vindue_maaneder} måneder."
            )

    assert ("startede", "Antal forløb startet i perioden") in Maal._meta.get_field("art").choices
    kampagne = Kampagne.objects.create(
        kode="ny", navn="Ny kampagne", start=d(2026, 1, 1), slut=d(2026, 12, 31)
    )
    maal = Maal.objects.create(kampagne=kampagne, kode="startede", navn="Startede", art="startede")
    maal.forloebstyper.set(Forloebstype.objects.filter(virksomhedsaktivering=True))
    Maaltal.objects.create(maal=maal, jobcenter=maal1_data.a, vaerdi=8)
    beregn_maal(kampagne=kampagne, dato=DATO)
    # Started in (30-03, 30-06]: b1's second (01-06), b2, b3 and b4 (01-04) in Aarhus; b5 has not
    # started, b6 starts 01-07 and b7 started 01-03.
    s = snapshots("startede")
    assert {k: (v.taeller, v.naevner, v.vaerdi) for k, v in s.items()} == {
        "Jobcenter Aarhus": (4, None, 4),
        "landet": (4, None, 4),
    }
    assert s["Jobcenter Aarhus"].maalopfyldelse == Decimal("0.5")
    html = client_for(leder).get(reverse("borgere:kampagne", args=["ny"])).content.decode()
    assert 'data-testid="vaerdi-startede">4<' in html
    assert "startede forløb, Jobcenter Aarhus" in html
    assert "Tæller forløb i løntilskud, offentlig eller" in html
    assert 'data-enhed="" data-landet="0"' in html


def test_self_support_has_one_definition_for_maal_2_and_the_forloeb_page(
    maal2_data, client_for, konsulent
):
    """Mål 2 and the forløb's page read the benefit data the same way
    (Praktikforloeb.objects.med_selvforsoergelse); the consultant's answer stands beside it."""
    from django.urls import reverse

    from borgere.services.maal import bag_tallet

    kampagne = lav_kampagne()
    maal2 = kampagne.maal.get(kode="maal-2")
    i_maal_2 = {f.pk: f.paa_ydelse for f in bag_tallet(maal2, DATO)}
    direkte = dict(
        Praktikforloeb.objects.filter(pk__in=i_maal_2)
        .med_selvforsoergelse(uger=4)
        .values_list("pk", "paa_ydelse")
    )
    assert direkte == i_maal_2 and sorted(i_maal_2.values()) == [False, False, True]
    client = client_for(konsulent)
    for pk, paa_ydelse in i_maal_2.items():
        forloeb = Praktikforloeb.objects.get(pk=pk)
        if forloeb.borger.jobcenter_id != konsulent.jobcenter_id:
            continue
        html = client.get(reverse("borgere:forloeb", args=[pk])).content.decode()
        ventet = "på ydelse" if paa_ydelse else "selvforsørgende"
        assert f'data-testid="ifoelge-ydelser">Ifølge ydelsesdata: {ventet}<' in html
        assert "Jobkonsulentens svar: Ikke registreret endnu" in html
