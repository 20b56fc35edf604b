"""In Chromium, what works for whom (issue 16): a consultant screens a citizen and follows the
progression around a forløb; a leader runs a controlled trial from the form to its result; an
analyst reads the national curves of time to self-support without meeting a citizen."""

import datetime
import re
from importlib import import_module

import pytest
from django.apps import apps
from django.utils import timezone
from playwright.sync_api import expect

from borgere.models import (
    Forloebstype,
    Maalgruppeperiode,
    Praktikforloeb,
    Trin,
    Ydelsesperiode,
)
from borgere.tests.factories import BorgerFactory, maalgruppe, ydelse
from jobcenter.afrunding import afrund
from jobcenter.templatetags.tal import fortegn_procent
from virkning.models import Forsoeg, Gruppe, Instrument, Screeningskategori
from virkning.services.overlevelse import beregn_overlevelse
from virkning.services.udfald import beregn_udfald
from virkning.tests.factories import InstrumentFactory, MaalingFactory
from virksomheder.tests.factories import VirksomhedFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _nationale_skabeloner(_referencedata):
    """The national templates (progression, jobmobilitet) that the data migration ships: a
    transactional test empties their tables when it ends, so put them back if they are gone."""
    if not Instrument.objects.filter(jobcenter__isnull=True).exists():
        import_module("virkning.migrations.0002_instrumenter").opret(apps, None)


def dage(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def svar(page, formulering: str, vaerdi: int):
    """Tick one step of an indicator's scale, found by its question and the step's label."""
    page.get_by_role("group", name=formulering).get_by_label(
        re.compile(rf"^{vaerdi}( –|$)")
    ).check()


def test_a_consultant_screens_a_citizen_and_sees_the_progression_around_a_forloeb(
    log_ind, konsulent
):
    borger = BorgerFactory(jobcenter=konsulent.jobcenter, fornavn="Sofie", efternavn="Skov")
    Maalgruppeperiode.objects.create(borger=borger, maalgruppe=maalgruppe(), fra=dage(-90))
    forloeb = Praktikforloeb.objects.create(
        borger=borger,
        virksomhed=VirksomhedFactory(navn="Skovens Gartneri ApS"),
        type=Forloebstype.objects.get(kode="virksomhedspraktik"),
        jobkonsulent=konsulent,
        start=dage(-60),
        faktisk_slut=dage(-10),
        trin=Trin.AFSLUTNING,
    )
    page = log_ind(konsulent)

    # The forløb has ended, so Sofie is not yet »mine«: the whole jobcentre shows her screening
    # as overdue since two weeks after she entered the target group.
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Målinger").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Målinger, der forfalder")
    expect(page.get_by_text("Sofie Skov")).to_have_count(0)
    page.get_by_label("Vis målinger for").select_option(label="Hele jobcentret")
    page.get_by_role("button", name="Vis").click()
    screening = page.get_by_role("row", name=re.compile("Sofie Skov.*Screening af jobmobilitet"))
    expect(screening).to_contain_text(borger.cpr_maskeret)
    expect(screening).to_contain_text("dage over")
    expect(screening).to_contain_text("Ikke screenet")
    assert borger.cpr not in page.content()
    screening.get_by_role("link", name="Tag målingen").click()

    # The screening: low professional qualifications, a strong personal dimension.
    expect(page.get_by_role("heading", level=1)).to_have_text("Screening af jobmobilitet")
    page.get_by_label("Dato for målingen").fill(dage(-3).isoformat())
    svar(page, "Har borgeren en uddannelse, der efterspørges på arbejdsmarkedet i dag?", 1)
    svar(page, "Har borgeren erfaring fra et fag eller en branche med ledige job?", 2)
    svar(page, "Kan borgerens kompetencer bruges i andre brancher end den, borgeren kommer fra?", 2)
    svar(
        page,
        "Hvor parat er borgeren til at prøve noget nyt (nyt fag, ny arbejdsplads, nye opgaver)?",
        4,
    )
    svar(page, "Hvor stor tiltro har borgeren til egne evner i et nyt job?", 4)
    page.get_by_role("button", name="Gem målingen").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Screening af jobmobilitet er gemt. Kategori: Faglig udfordring."
    )
    panel = page.locator("section", has=page.get_by_role("heading", name="Målinger og screening"))
    expect(panel).to_contain_text(
        "Screening: Faglig udfordring – Faglige kvalifikationer: 1,7 (under 3,0)"
    )

    # Having screened her, she is the consultant's own on the due list, category and reasons too.
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Målinger").click()
    progression = page.get_by_role("row", name=re.compile("Sofie Skov.*Progressionsmåling"))
    expect(progression).to_contain_text("Faglig udfordring – Faglige kvalifikationer: 1,7")
    expect(
        page.get_by_role("row", name=re.compile("Sofie Skov.*Screening af jobmobilitet"))
    ).to_have_count(0)

    # Two progression measurements: one before the forløb and one after it, tied to it.
    progression.get_by_role("link", name="Tag målingen").click()
    page.get_by_label("Dato for målingen").fill(dage(-75).isoformat())
    svar(
        page,
        "Hvor meget tror du på, at du kan få et job eller komme i uddannelse inden for et år?",
        2,
    )
    svar(page, "Hvor tæt er borgeren på at kunne varetage et ordinært job?", 3)
    page.get_by_role("button", name="Gem målingen").click()
    expect(page.get_by_role("status")).to_contain_text("Progressionsmåling er gemt.")

    page.get_by_role("link", name="Tag Progressionsmåling").click()
    page.get_by_label("Dato for målingen").fill(dage(-5).isoformat())
    page.get_by_label("Hører til").select_option(label=f"Forløb: {forloeb}")
    svar(
        page,
        "Hvor meget tror du på, at du kan få et job eller komme i uddannelse inden for et år?",
        4,
    )
    svar(page, "Hvor tæt er borgeren på at kunne varetage et ordinært job?", 7)
    page.get_by_role("button", name="Gem målingen").click()
    expect(page.get_by_role("status")).to_contain_text("Progressionsmåling er gemt.")

    # The change since the first measurement, in the tables ...
    sektion = page.get_by_test_id("progression")
    expect(sektion).to_contain_text("2 målinger fra")
    tro = sektion.locator("table[data-indikator='b-tro-paa-job'] tbody tr")
    expect(tro).to_have_count(2)
    expect(tro.nth(0).locator("td").nth(1)).to_have_text("2")
    expect(tro.nth(1).locator("td").nth(1)).to_have_text("4")
    expect(tro.nth(1).locator("td").nth(2)).to_have_text("+2\u00a0point, bedre")
    naer = sektion.locator("table[data-indikator='k-jobparathed'] tbody tr")
    expect(naer.nth(1).locator("td").nth(2)).to_have_text("+4\u00a0point, bedre")
    # ... and the forløb on the time axis, between the two measurements.
    perioder = page.get_by_test_id("progression-perioder")
    raekke = perioder.get_by_role("row", name=re.compile("Skovens Gartneri ApS"))
    expect(raekke).to_contain_text("Forløb")
    expect(raekke.locator("td").nth(2)).to_have_attribute("data-dato", dage(-60).isoformat())
    expect(raekke.locator("td").nth(3)).to_have_attribute("data-dato", dage(-10).isoformat())

    # ... and in the chart: the citizen's part has the two points of »Tro på at få job«.
    graf = sektion.locator("canvas[data-progression='progression-0-0']")
    expect(graf).to_be_visible()
    page.wait_for_function("c => c.chart !== undefined", arg=graf.element_handle())
    serier = graf.evaluate(
        "c => Object.fromEntries(c.chart.data.datasets.map(d => [d.label, d.data.map(p => p.y)]))"
    )
    assert serier["Tro på at få job"] == [2, 4]
    perioder_i_grafen = graf.evaluate("c => c.perioder.map(p => [p.art, p.start, p.slut])")
    assert perioder_i_grafen == [["Forløb", dage(-60).isoformat(), dage(-10).isoformat()]]
    konsulentens = sektion.locator("canvas[data-progression='progression-0-1']")
    page.wait_for_function("c => c.chart !== undefined", arg=konsulentens.element_handle())
    serier = konsulentens.evaluate(
        "c => Object.fromEntries(c.chart.data.datasets.map(d => [d.label, d.data.map(p => p.y)]))"
    )
    assert serier["Afstand til arbejdsmarkedet"] == [3, 7]
    assert graf.evaluate("c => c.width > 0 && c.height > 0")


def test_a_leader_creates_a_trial_and_sees_assignment_and_results(log_ind, leder, konsulent):
    # 60 citizens entered the target group between 200 and 100 days ago, each on benefit since.
    gruppe = maalgruppe("jobparat")
    borgere = []
    for i in range(60):
        borger = BorgerFactory(jobcenter=leder.jobcenter, fornavn=f"Forsøgsborger{i}")
        indgang = dage(-200 + i)
        Maalgruppeperiode.objects.create(borger=borger, maalgruppe=gruppe, fra=indgang)
        Ydelsesperiode.objects.create(borger=borger, ydelse=ydelse(), fra=indgang, til=None)
        borgere.append(borger)
    # One who entered before the window is not in the trial.
    tidligere = BorgerFactory(jobcenter=leder.jobcenter)
    Maalgruppeperiode.objects.create(borger=tidligere, maalgruppe=gruppe, fra=dage(-300))

    page = log_ind(leder)
    page.get_by_test_id("overblik").get_by_role(
        "link", name=re.compile("Forsøg, der kører")
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kontrollerede forsøg")
    page.get_by_role("link", name="Nyt forsøg").click()
    page.get_by_label("Navn", exact=True).fill("Mentor fra første dag")
    page.get_by_label("Indsatsen", exact=True).fill("En mentor fra første samtale")
    page.get_by_label(re.compile("^Målgruppe")).select_option(label=str(gruppe))
    page.get_by_label("Optag fra", exact=True).fill(dage(-200).isoformat())
    page.get_by_label("Optag til", exact=True).fill(dage(-100).isoformat())
    page.get_by_label("Andel til indsatsen", exact=True).fill("50")
    page.get_by_label("Udfaldsmål", exact=True).select_option(
        label="Selvforsørgende et antal uger efter indgang"
    )
    page.get_by_label("Uger efter indgang", exact=True).fill("13")
    page.get_by_label("Forsøget slutter", exact=True).fill(dage(100).isoformat())
    page.get_by_role("button", name="Opret forsøg").click()
    expect(
        page.get_by_role("status").filter(has_text="Forsøget »Mentor fra første dag« er oprettet")
    ).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mentor fra første dag")

    page.get_by_role("button", name="Træk lod nu").click()
    expect(page.get_by_role("status").filter(has_text="60 nye borgere er trukket.")).to_be_visible()
    forsoeg = Forsoeg.objects.get(navn="Mentor fra første dag")
    traek = {t.borger_id: t for t in forsoeg.lodtraekninger.all()}
    assert set(traek) == {b.pk for b in borgere}
    indsats = sorted(pk for pk, t in traek.items() if t.gruppe == Gruppe.INDSATS)
    kontrol = sorted(pk for pk, t in traek.items() if t.gruppe == Gruppe.KONTROL)
    assert len(indsats) >= 10 and len(kontrol) >= 10
    grupper = page.get_by_role("region", name="Grupperne")
    trukket = grupper.get_by_role("row", name=re.compile("Borgere trukket"))
    expect(trukket.locator("td")).to_have_text([str(len(indsats)), str(len(kontrol))])
    expect(grupper.get_by_role("row", name=re.compile("Alder, gennemsnit"))).to_be_visible()
    ydelsesraekke = grupper.get_by_role("row", name=re.compile("Kontanthjælp", re.IGNORECASE))
    expect(ydelsesraekke.locator("td")).to_have_text(
        [f"{len(indsats)} (100 %)", f"{len(kontrol)} (100 %)"]
    )
    # The outcome 13 weeks after entry: known for everyone (they entered 100–200 days ago).
    expect(grupper.get_by_role("row", name=re.compile("Heraf med kendt udfald"))).to_contain_text(
        str(len(indsats))
    )

    # The effort works: 70 % of the effort group leave benefit within 30 days, 30 % of the rest.
    def selvforsoergende(ider, andel):
        valgte = ider[: round(len(ider) * andel)]
        for pk in valgte:
            periode = Ydelsesperiode.objects.get(borger_id=pk)
            periode.til = periode.fra + datetime.timedelta(days=30)
            periode.save()
        return len(valgte)

    a = selvforsoergende(indsats, 0.7) / len(indsats)
    b = selvforsoergende(kontrol, 0.3) / len(kontrol)
    page.reload()
    resultat = page.get_by_role("region", name="Resultatet")
    raekke = resultat.get_by_role("row", name=re.compile("Selvforsørgende"))
    # The table shows one decimal, the sentence none (both rounded half up).
    expect(raekke.locator("td").nth(2)).to_contain_text(fortegn_procent(a - b, True))
    forskel = afrund((a - b) * 100)
    expect(raekke.locator("td").nth(3)).to_contain_text(" til ")
    expect(raekke.locator("td").nth(4)).to_contain_text(re.compile(r"0,\d+"))
    saetning = re.compile(
        rf"^Indsatsgruppen blev selvforsørgende {forskel} procentpoint oftere end kontrolgruppen "
        r"\(95 %-interval \d+ til \d+\); så stor en forskel opstår sjældent af tilfældighed "
        r"\(p [=<] 0,\d+\)\.$"
    )
    expect(page.get_by_text(saetning)).to_be_visible()

    # A consultant sees on the citizen's page what to offer.
    log_ind(konsulent)
    page.goto(f"/borgere/{indsats[0]}/")
    forsoegsdel = page.locator("section", has=page.get_by_role("heading", name="Forsøg"))
    expect(forsoegsdel).to_contain_text("Mentor fra første dag")
    expect(forsoegsdel).to_contain_text(
        "Borgeren er i indsatsgruppen: tilbyd En mentor fra første samtale."
    )
    page.goto(f"/borgere/{kontrol[0]}/")
    expect(page.locator("section", has=page.get_by_role("heading", name="Forsøg"))).to_contain_text(
        "Borgeren er i kontrolgruppen: sædvanlig indsats, ikke forsøgets indsats."
    )

    # The leader stops the trial early: recorded with the reason; no more draws.
    log_ind(leder)
    page.goto(forsoeg.get_absolute_url())
    page.get_by_role("button", name="Stop forsøget").click()
    expect(page.get_by_role("alert")).to_contain_text("Skriv, hvorfor forsøget stoppes.")
    page.get_by_label("Hvorfor stoppes forsøget før tid?").fill("Mentorerne er ikke til rådighed.")
    page.get_by_role("button", name="Stop forsøget").click()
    expect(page.get_by_role("status").filter(has_text="Forsøget er stoppet.")).to_be_visible()
    stoppet = page.get_by_role("row", name=re.compile("Stoppet før tid"))
    expect(stoppet).to_contain_text("Mentorerne er ikke til rådighed.")
    expect(page.get_by_role("button", name="Træk lod nu")).to_have_count(0)
    forsoeg.refresh_from_db()
    assert forsoeg.stoppet is not None and forsoeg.stoppet_af == leder
    page.get_by_role("link", name="Alle forsøg").click()
    expect(page.get_by_role("row", name=re.compile("Mentor fra første dag"))).to_contain_text(
        "Stoppet før tid"
    )


def test_the_analyst_sees_national_outcomes_and_survival_curves_and_no_citizen(
    log_ind, analytiker, jobcenter_a, jobcenter_b, konsulent, outsider
):
    """Two jobcentres, 14 citizens each entering the target group 200 days ago: 7 screened
    »Klar«, 6 of whom leave benefit after 20 days; 7 not screened, 2 of whom leave after 100.
    Each had a forløb that ended 120 days ago, so 16 of the 28 were self-supporting 4 weeks
    after it."""
    start = dage(-200)
    type_ = Forloebstype.objects.get(kode="virksomhedspraktik")
    virksomhed = VirksomhedFactory(navn="Fælles Værksted")
    borgere = []
    for jobcenter, ejer in ((jobcenter_a, konsulent), (jobcenter_b, outsider)):
        klar = Screeningskategori.objects.create(
            instrument=InstrumentFactory(jobcenter=jobcenter, oprettet_af=ejer), navn="Klar"
        )
        for i in range(14):
            borger = BorgerFactory(jobcenter=jobcenter, fornavn=f"Hemmeligborger{i}")
            Maalgruppeperiode.objects.create(borger=borger, maalgruppe=maalgruppe(), fra=start)
            screenet = i < 7
            forlader = (i < 6) if screenet else (i in (7, 8))
            til = start + datetime.timedelta(days=(19 if screenet else 99)) if forlader else None
            Ydelsesperiode.objects.create(borger=borger, ydelse=ydelse(), fra=start, til=til)
            if screenet:
                MaalingFactory(
                    borger=borger,
                    instrument=klar.instrument,
                    dato=start - datetime.timedelta(days=3),
                    kategori=klar,
                )
            Praktikforloeb.objects.create(
                borger=borger,
                virksomhed=virksomhed,
                type=type_,
                jobkonsulent=ejer,
                trin=Trin.AFSLUTNING,
                start=dage(-190),
                faktisk_slut=dage(-120),
            )
            borgere.append(borger)
    beregn_overlevelse(dato=timezone.localdate())
    beregn_udfald(dato=timezone.localdate())

    page = log_ind(analytiker)
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Hvad virker").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hvad virker")
    typer = page.get_by_role("region", name=re.compile("^Forløbstype"))
    raekke = typer.get_by_role("row", name=re.compile(type_.navn))
    # 16 of 28, with its Wilson interval.
    expect(raekke).to_contain_text("57 % (39 %–73 %; n = 28)")
    assert "Hemmeligborger" not in page.content()
    page.get_by_role("navigation", name="Hvad virker for hvem").get_by_role(
        "link", name="Tid til selvforsørgelse"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tid til selvforsørgelse")
    expect(page.get_by_text("Hele landet og hvert jobcenter")).to_be_visible()

    graf = page.locator("canvas[data-overlevelse]")
    expect(graf).to_be_visible()
    page.wait_for_function("c => c.chart !== undefined", arg=graf.element_handle())
    etiketter = graf.evaluate("c => c.chart.data.datasets.map(d => d.label)")
    assert any("Klar" in e for e in etiketter) and any("Ikke screenet" in e for e in etiketter)
    assert graf.evaluate("c => c.width > 0 && c.height > 0")

    risiko = page.get_by_test_id("i-risiko")
    klar = risiko.get_by_role("row", name=re.compile("^Klar"))
    expect(klar.locator("td").nth(0)).to_have_text("14")
    expect(klar.locator("td").nth(1)).to_have_text("2")
    ikke = risiko.get_by_role("row", name=re.compile("^Ikke screenet"))
    expect(ikke.locator("td").nth(0)).to_have_text("14")
    expect(page.get_by_test_id("logrank")).to_contain_text(
        "Forskellen mellem grupperne er større, end tilfældet kan forklare (p"
    )
    jobcentre = page.get_by_test_id("jobcentre")
    expect(jobcentre).to_contain_text(jobcenter_a.navn)
    expect(jobcentre).to_contain_text(jobcenter_b.navn)

    indhold = page.content()
    assert "Hemmeligborger" not in indhold
    for borger in borgere:
        assert borger.cpr not in indhold and borger.cpr_maskeret not in indhold
    adresser = page.locator("a[href]").evaluate_all("as => as.map(a => a.pathname)")
    assert not [a for a in adresser if re.match(r"^/borgere/\d+/", a)]
