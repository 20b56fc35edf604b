"""The citizen's progression (issue 16, item 3): each indicator over time, the change since the
first and the previous measurement in the indicator's direction, the forløb and courses on the
same time axis, and nothing of another jobcentre's."""

import datetime
import json
import re
from html import unescape
from itertools import pairwise

import pytest
from django.test import RequestFactory

from borgere.models import Forloebstype, Praktikforloeb, Trin
from borgere.tests.factories import BorgerFactory
from kursuskob.models import Status, Tilmelding
from kursuskob.tests.factories import HoldFactory, KursuskobFactory
from virksomheder.tests.factories import VirksomhedFactory

from ..analysis.progression import (
    BEDRE,
    DAARLIGERE,
    UAENDRET,
    Aendring,
    Indikatorraekke,
    Maalingsraekke,
    Periode,
    progression,
)
from ..models import Art, Del
from .factories import IndikatorFactory, InstrumentFactory, MaalingFactory, SvarFactory

pytestmark = pytest.mark.django_db

D1, D2, D3 = datetime.date(2026, 1, 5), datetime.date(2026, 4, 6), datetime.date(2026, 7, 6)


def indikator(kode, *, hoejere_er_bedre=True, stilles_til=Del.BORGER, raekkefoelge=0):
    return Indikatorraekke(
        kode=kode,
        navn=kode.capitalize(),
        stilles_til=stilles_til,
        skala_min=1,
        skala_max=5,
        label_min="Slet ikke",
        label_max="Helt",
        hoejere_er_bedre=hoejere_er_bedre,
        raekkefoelge=raekkefoelge,
    )


def maaling(dato, svar, indikatorer, *, version=1, kode="progression", navn="Progression"):
    return Maalingsraekke(dato, kode, navn, version, tuple(indikatorer), svar)


# The pure computation.


def test_changes_are_read_in_the_indicators_direction():
    tro = indikator("tro")
    bekymring = indikator("bekymring", hoejere_er_bedre=False, raekkefoelge=1)
    alle = [tro, bekymring]
    resultat = progression(
        [
            maaling(D2, {"tro": 3, "bekymring": 4}, alle),
            maaling(D1, {"tro": 2, "bekymring": 5}, alle),
            maaling(D3, {"tro": 2, "bekymring": 4}, alle),
        ]
    )
    (instrument,) = resultat.instrumenter
    assert instrument.datoer == (D1, D2, D3)
    tro_f, bekymring_f = instrument.indikatorer
    assert [p.vaerdi for p in tro_f.punkter] == [2, 3, 2]
    assert [p.fra_foerste for p in tro_f.punkter] == [
        None,
        Aendring(1, BEDRE),
        Aendring(0, UAENDRET),
    ]
    assert [p.fra_forrige for p in tro_f.punkter] == [
        None,
        Aendring(1, BEDRE),
        Aendring(-1, DAARLIGERE),
    ]
    # Less worry is better: 5 → 4 is one point better.
    assert [p.fra_foerste for p in bekymring_f.punkter] == [
        None,
        Aendring(-1, BEDRE),
        Aendring(-1, BEDRE),
    ]
    assert bekymring_f.samlet == Aendring(-1, BEDRE)
    assert Aendring(-1, BEDRE).tekst == "−1\u00a0point, bedre"
    assert Aendring(2, DAARLIGERE).tekst == "+2\u00a0point, dårligere"


def test_an_unanswered_indicator_has_no_value_and_the_next_compares_with_the_last_answer():
    tro = indikator("tro")
    resultat = progression(
        [
            maaling(D1, {"tro": 2}, [tro]),
            maaling(D2, {}, [tro]),
            maaling(D3, {"tro": 4}, [tro]),
        ]
    )
    punkter = resultat.instrumenter[0].indikatorer[0].punkter
    assert [(p.vaerdi, p.stillet) for p in punkter] == [(2, True), (None, True), (4, True)]
    assert punkter[1].fra_foerste is None and punkter[1].fra_forrige is None
    assert punkter[2].fra_forrige == Aendring(2, BEDRE)
    assert punkter[2].fra_foerste == Aendring(2, BEDRE)


def test_two_versions_are_joined_by_the_indicators_code_and_described_by_the_newest():
    gammel = indikator("tro", raekkefoelge=0)
    ny = Indikatorraekke(**{**gammel.__dict__, "navn": "Tro på job", "raekkefoelge": 1})
    kun_ny = indikator("netvaerk", raekkefoelge=0)
    kun_gammel = indikator("transport", raekkefoelge=1)
    resultat = progression(
        [
            maaling(D1, {"tro": 1, "transport": 3}, [gammel, kun_gammel], navn="Gammel"),
            maaling(D2, {"tro": 3, "netvaerk": 2}, [kun_ny, ny], version=2, navn="Ny"),
        ]
    )
    (instrument,) = resultat.instrumenter
    assert instrument.navn == "Ny"
    assert [f.indikator.kode for f in instrument.indikatorer] == ["netvaerk", "tro", "transport"]
    tro = instrument.indikatorer[1]
    assert tro.indikator.navn == "Tro på job"
    assert [p.vaerdi for p in tro.punkter] == [1, 3]
    assert tro.punkter[1].fra_foerste == Aendring(2, BEDRE)
    netvaerk = instrument.indikatorer[0]
    assert [(p.vaerdi, p.stillet) for p in netvaerk.punkter] == [(None, False), (2, True)]


def test_periods_are_sorted_on_the_axis():
    senere = Periode("Kursus", "Stillads", D2, D3)
    foer = Periode("Forløb", "Virksomhedspraktik", D1, None)
    resultat = progression([], [senere, foer])
    assert resultat.instrumenter == ()
    assert resultat.perioder == (foer, senere)


# The citizen's page.


@pytest.fixture
def borger(jobcenter_a):
    return BorgerFactory(jobcenter=jobcenter_a, fornavn="Karoline")


@pytest.fixture
def instrument(konsulent):
    return InstrumentFactory(
        oprettet_af=konsulent, kode="progression", navn="Progressionsmåling", version=1
    )


def maal(borger, instrument, dato, **svar):
    """A measurement of `borger` on `dato` with answers by indicator code."""
    m = MaalingFactory(borger=borger, instrument=instrument, dato=dato)
    for i in instrument.indikatorer.all():
        if i.kode in svar:
            SvarFactory(maaling=m, indikator=i, vaerdi=svar[i.kode])
    return m


def tabeller(html: str) -> dict[str, list[tuple[str, str]]]:
    """Each indicator table's rows as (ISO date, value) from the page."""
    ud = {}
    for kode, krop in re.findall(r'data-indikator="([^"]+)".*?<tbody>(.*?)</tbody>', html, re.S):
        ud[kode] = re.findall(r'data-dato="([^"]*)".*?data-vaerdi="([^"]*)"', krop, re.S)
    return ud


def tekst(vaerdi: int | None) -> str:
    return "" if vaerdi is None else str(vaerdi)


def panel(html: str) -> str:
    return html.split('data-testid="progression"')[1].split("</section>")[0]


def grafdata(html: str) -> list[dict]:
    return [
        json.loads(unescape(data))
        for data in re.findall(
            r'<script id="progression-[^"]+" type="application/json">(.*?)</script>', html, re.S
        )
    ]


@pytest.fixture
def med_forloeb(borger, konsulent):
    forloeb = Praktikforloeb.objects.create(
        borger=borger,
        virksomhed=VirksomhedFactory(navn="Bageriet A/S"),
        type=Forloebstype.objects.get(kode="virksomhedspraktik"),
        jobkonsulent=konsulent,
        start=datetime.date(2026, 2, 2),
        planlagt_slut=datetime.date(2026, 5, 3),
        trin=Trin.UNDERVEJS,
    )
    kob = KursuskobFactory(
        tovholder=konsulent,
        hold=HoldFactory(
            kursus__titel="Stillads",
            startdato=datetime.date(2026, 5, 11),
            slutdato=datetime.date(2026, 5, 22),
            tilmeldingsfrist=datetime.date(2026, 5, 1),
        ),
    )
    Tilmelding.objects.create(
        kursuskob=kob, borger=borger, jobcenter=borger.jobcenter, status=Status.GENNEMFOERT
    )
    # Withdrawn before the start: no course on the axis.
    Tilmelding.objects.create(
        kursuskob=KursuskobFactory(tovholder=konsulent, hold__kursus__titel="Rengøring"),
        borger=borger,
        jobcenter=borger.jobcenter,
        status=Status.AFMELDT,
    )
    return forloeb


def test_the_citizens_page_shows_each_indicator_over_time_with_the_forloeb_on_the_axis(
    client_for, konsulent, borger, instrument, med_forloeb
):
    IndikatorFactory(instrument=instrument, kode="tro", navn="Tro på job")
    IndikatorFactory(instrument=instrument, kode="bekymring", hoejere_er_bedre=False)
    IndikatorFactory(instrument=instrument, kode="vurdering", stilles_til=Del.KONSULENT)
    maal(borger, instrument, D1, tro=2, bekymring=5, vurdering=1)
    maal(borger, instrument, D2, tro=4, bekymring=3)
    response = client_for(konsulent).get(borger.get_absolute_url())
    html = response.content.decode()
    assert "Progressionsmåling" in html
    assert "+2\u00a0point, bedre" in html  # tro 2 → 4
    assert "−2\u00a0point, bedre" in html  # bekymring 5 → 3, less is better
    assert "Ikke besvaret" in html  # the consultant's part in the second measurement
    assert tabeller(html) == {
        "tro": [("2026-01-05", "2"), ("2026-04-06", "4")],
        "bekymring": [("2026-01-05", "5"), ("2026-04-06", "3")],
        "vurdering": [("2026-01-05", "1"), ("2026-04-06", "")],
    }
    borgerens, konsulentens = grafdata(html)
    assert [s["kode"] for s in borgerens["serier"]] == ["tro", "bekymring"]
    assert [s["kode"] for s in konsulentens["serier"]] == ["vurdering"]
    assert borgerens["serier"][0]["navn"] == "Tro på job"
    # The chart's data are the tables' numbers.
    fra_grafer = {
        s["kode"]: [
            (p["dato"], "" if p["vaerdi"] is None else f"{p['vaerdi']}") for p in s["punkter"]
        ]
        for graf in (borgerens, konsulentens)
        for s in graf["serier"]
    }
    assert fra_grafer == tabeller(html)
    # The forløb and the course (not the withdrawn one) on the axis and in the table.
    perioder = [
        {
            "art": "Forløb",
            "navn": "Virksomhedspraktik hos Bageriet A/S",
            "start": "2026-02-02",
            "slut": "2026-05-03",
        },
        {
            "art": "Kursus",
            "navn": "Stillads (gennemført)",
            "start": "2026-05-11",
            "slut": "2026-05-22",
        },
    ]
    assert borgerens["perioder"] == konsulentens["perioder"] == perioder
    periodetabel = html.split('data-testid="progression-perioder"')[1].split("</table>")[0]
    assert re.findall(r'data-dato="([^"]*)"', periodetabel) == [
        "2026-02-02",
        "2026-05-03",
        "2026-05-11",
        "2026-05-22",
    ]
    assert "Stillads (gennemført)" in periodetabel and "Rengøring" not in panel(html)
    assert "(planlagt)" in periodetabel
    assert 'src="/static/js/progression.js"' in html


def test_two_versions_of_an_instrument_make_one_line_per_indicator_code(
    client_for, konsulent, borger, instrument
):
    IndikatorFactory(instrument=instrument, kode="tro", navn="Tro (gammel)")
    instrument.aktiv = False
    instrument.save()
    ny = InstrumentFactory(
        oprettet_af=konsulent, kode="progression", version=2, forgaenger=instrument
    )
    IndikatorFactory(instrument=ny, kode="tro", navn="Tro på job")
    maal(borger, instrument, D1, tro=1)
    maal(borger, ny, D2, tro=3)
    html = client_for(konsulent).get(borger.get_absolute_url()).content.decode()
    assert tabeller(html) == {"tro": [("2026-01-05", "1"), ("2026-04-06", "3")]}
    (graf,) = grafdata(html)
    assert graf["serier"] == [
        {
            "kode": "tro",
            "navn": "Tro på job",
            "punkter": [{"dato": "2026-01-05", "vaerdi": 1}, {"dato": "2026-04-06", "vaerdi": 3}],
        }
    ]
    assert "Tro (gammel)" not in html


def test_a_citizen_without_measurements_gets_the_empty_state(client_for, konsulent, borger):
    html = client_for(konsulent).get(borger.get_absolute_url()).content.decode()
    assert "Karoline" in html
    assert "har ingen progressionsmålinger endnu" in html
    assert "progression.js" not in html


def test_screenings_and_another_jobcentres_measurements_never_appear(
    client_for, konsulent, outsider, borger, instrument
):
    IndikatorFactory(instrument=instrument, kode="tro")
    maal(borger, instrument, D1, tro=2)
    # The citizen measured while in Aalborg, on Aalborg's instrument (the row keeps Aalborg).
    aalborgs = InstrumentFactory(oprettet_af=outsider, kode="progression", navn="HEMMELIG måling")
    IndikatorFactory(instrument=aalborgs, kode="tro", navn="HEMMELIG indikator")
    m = MaalingFactory(borger=borger, jobcenter=outsider.jobcenter, instrument=aalborgs, dato=D2)
    SvarFactory(maaling=m, indikator=aalborgs.indikatorer.get(), vaerdi=5)
    screening = InstrumentFactory(oprettet_af=konsulent, kode="jobmobilitet", art=Art.SCREENING)
    IndikatorFactory(instrument=screening, kode="mobilitet", navn="Geografisk mobilitet")
    maal(borger, screening, D2, mobilitet=4)
    html = client_for(konsulent).get(borger.get_absolute_url()).content.decode()
    assert tabeller(html) == {"tro": [("2026-01-05", "2")]}
    assert "HEMMELIG" not in html
    assert "Geografisk mobilitet" not in html


def test_the_outsider_cannot_open_the_citizen_at_all(client_for, outsider, borger, instrument):
    IndikatorFactory(instrument=instrument, kode="tro")
    maal(borger, instrument, D1, tro=2)
    assert client_for(outsider).get(borger.get_absolute_url()).status_code == 404


def test_the_panel_s_query_count_does_not_grow_with_the_measurements(
    client_for, konsulent, borger, instrument, med_forloeb, django_assert_max_num_queries
):
    from ..views.progression import borger_panel

    for kode in ("tro", "netvaerk", "vurdering"):
        IndikatorFactory(instrument=instrument, kode=kode)
    ny = InstrumentFactory(oprettet_af=konsulent, kode="progression", version=2, aktiv=False)
    IndikatorFactory(instrument=ny, kode="tro")
    datoer = [D1 + datetime.timedelta(weeks=13 * n) for n in range(8)]
    for n, dato in enumerate(datoer):
        maal(borger, ny if n % 2 else instrument, dato, tro=1 + n % 5, netvaerk=2, vurdering=3)

    request = RequestFactory().get(borger.get_absolute_url())
    request.user = konsulent
    with django_assert_max_num_queries(5):
        html = borger_panel(request, borger)
    assert len(tabeller(html)["tro"]) == 8


# The demo.


def nationale_skabeloner():
    """The national templates as h1's data migration ships them, or made here if it has not."""
    from ..models import Instrument, Screeningsbetingelse, Screeningskategori

    progression_ = Instrument.objects.filter(
        kode="progression", jobcenter__isnull=True, aktiv=True
    ).first()
    if progression_ is None:
        progression_ = InstrumentFactory(jobcenter=None, oprettet_af=None, kode="progression")
        IndikatorFactory(instrument=progression_, kode="tro")
        IndikatorFactory(instrument=progression_, kode="bekymring", hoejere_er_bedre=False)
        IndikatorFactory(instrument=progression_, kode="parat", stilles_til=Del.KONSULENT)
    screening = Instrument.objects.filter(
        kode="jobmobilitet", jobcenter__isnull=True, aktiv=True
    ).first()
    if screening is None:
        screening = InstrumentFactory(
            jobcenter=None, oprettet_af=None, kode="jobmobilitet", art=Art.SCREENING
        )
        IndikatorFactory(instrument=screening, kode="geografi", dimension="Mobilitet")
        lav = Screeningskategori.objects.create(instrument=screening, navn="Lav", raekkefoelge=0)
        Screeningsbetingelse.objects.create(kategori=lav, dimension="Mobilitet", graense=3)
        Screeningskategori.objects.create(instrument=screening, navn="Øvrige", raekkefoelge=1)
    return progression_, screening


def test_the_demo_measures_citizens_around_their_forloeb_and_screens_some(db):
    from django.core.management import call_command

    from ..models import Maaling

    progression_, screening = nationale_skabeloner()
    call_command("demodata", "--virksomheder", "60", "--borgere-per-jobcenter", "40")
    maalinger = Maaling.objects.filter(instrument=progression_).select_related("forloeb")
    assert maalinger.exists()
    serier: dict[int, list] = {}
    for m in maalinger.order_by("dato"):
        serier.setdefault(m.borger_id, []).append(m)
        assert m.forloeb.borger_id == m.borger_id
        assert m.jobcenter_id == m.borger.jobcenter_id
    assert all(2 <= len(s) <= 4 for s in serier.values())
    for s in serier.values():
        assert all(b.dato - a.dato == datetime.timedelta(weeks=13) for a, b in pairwise(s))
    # The trend is upward: the citizens' last measurement is better than their first on average.
    retning = {i.pk: 1 if i.hoejere_er_bedre else -1 for i in progression_.indikatorer.all()}

    def score(m):
        return sum(retning[s.indikator_id] * s.vaerdi for s in m.svar.all())

    fremgang = [score(s[-1]) - score(s[0]) for s in serier.values() if len(s) >= 2]
    assert sum(fremgang) / len(fremgang) > 0
    screeninger = Maaling.objects.filter(instrument=screening)
    assert screeninger.exists()
    assert not screeninger.filter(kategori__isnull=True).exists()
    assert screeninger.filter(kategori__instrument=screening).count() == screeninger.count()
    # Running it again makes nothing more.
    antal = Maaling.objects.count()
    call_command("demodata", "--virksomheder", "60", "--borgere-per-jobcenter", "40")
    assert Maaling.objects.count() == antal


def test_the_demo_makes_no_measurements_without_the_national_templates(db):
    from django.core.management import call_command

    from ..models import Instrument, Maaling

    Instrument.objects.filter(jobcenter__isnull=True).update(aktiv=False)
    call_command("demodata", "--virksomheder", "60", "--borgere-per-jobcenter", "40")
    assert not Maaling.objects.exists()
