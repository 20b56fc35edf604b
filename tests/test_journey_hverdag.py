"""In Chromium, on a phone, a tablet and a laptop at 150 % zoom (issue 14, items 2, 3, 5 and 9):
a leader lands on the jobcentre's overview and follows its tiles to a place board that shows a
reserved place as reserved and a campaign page that says who counts; an analyst who picks a
jobcentre without figures is never shown national figures under its name; a consultant's task
from a forløb names the citizen, and »Udført« is undone from its message."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from borgere.models import Forloebstype, Praktikforloeb, Trin
from borgere.services import afslut_forloeb, beregn_maal
from borgere.tests.factories import BorgerFactory, kampagne_med_en_borger
from jobcenter.tests.factories import JobcenterFactory
from tests.tilgaengelighed import SKAERME
from virksomheder.models import Plads, Virksomhedscenter
from virksomheder.tests.factories import VirksomhedFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def jobcentret(konsulent):
    idag = datetime.date.today()
    kampagne = kampagne_med_en_borger(konsulent.jobcenter, konsulent)
    kampagne.slut = idag + datetime.timedelta(days=60)
    kampagne.save()
    beregn_maal(kampagne=kampagne, dato=datetime.date(2010, 11, 30))
    virksomhed = VirksomhedFactory(navn="Nordfyns Dagligvarer A/S")
    center = Virksomhedscenter.objects.create(
        jobcenter=konsulent.jobcenter, virksomhed=virksomhed, navn="Centret", form="sideproduktion"
    )
    lager, kantine = Plads.objects.bulk_create(
        Plads(virksomhedscenter=center, funktion=f) for f in ("Lager", "Kantine")
    )
    praktik = Forloebstype.objects.get(kode="virksomhedspraktik")
    Praktikforloeb.objects.create(
        borger=BorgerFactory(jobcenter=konsulent.jobcenter, fornavn="Rita", efternavn="Reserve"),
        virksomhed=virksomhed,
        plads=lager,
        type=praktik,
        jobkonsulent=konsulent,
        start=idag + datetime.timedelta(days=7),
        planlagt_slut=idag + datetime.timedelta(days=97),
        trin=Trin.PRAKTIKAFTALE,
    )
    afbrudt = Praktikforloeb.objects.create(
        borger=BorgerFactory(jobcenter=konsulent.jobcenter, fornavn="Brian", efternavn="Bager"),
        virksomhed=virksomhed,
        type=praktik,
        jobkonsulent=konsulent,
        start=idag - datetime.timedelta(days=30),
        trin=Trin.UNDERVEJS,
    )
    afslut_forloeb(bruger=konsulent, forloeb=afbrudt, slutdato=idag, udfald="afbrudt")
    return kampagne, kantine


@pytest.mark.parametrize("skaerm", SKAERME.values(), ids=SKAERME.keys())
def test_a_day_in_the_jobcentre_on_every_screen(
    page, log_ind, jobcentret, konsulent, leder, analytiker, skaerm
):
    kampagne, kantine = jobcentret
    page.set_viewport_size(dict(zip(("width", "height"), skaerm, strict=True)))

    # Item 9: the leader lands on the overview; each tile is a link to its page.
    log_ind(leder)
    overblik = page.get_by_test_id("overblik")
    expect(overblik).to_be_visible()
    expect(
        overblik.get_by_role("link", name=re.compile("Forløb, der snart slutter"))
    ).to_be_visible()
    overblik.get_by_role("link", name=re.compile("Pladser i virksomhedscentre")).click()

    # Item 2: the reserved place says so, and only the free one offers to be filled.
    expect(page.get_by_role("heading", level=1)).to_have_text("Pladsoversigt")
    lager = page.get_by_role("row", name=re.compile("Lager"))
    expect(lager).to_contain_text("Reserveret af Rita Reserve")
    expect(lager.get_by_role("link", name=re.compile("Fyld pladsen"))).to_have_count(0)
    kantinen = page.get_by_role("row", name=re.compile("Kantine"))
    expect(kantinen.get_by_role("link", name=re.compile("Fyld pladsen"))).to_have_count(1)

    # Item 3: the campaign tile leads to a page that says who counts.
    page.goto("/")
    page.get_by_test_id("overblik").get_by_role("link", name=re.compile("Mål 1")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(kampagne.navn)
    expect(page.locator(".hvem-taeller").first).to_contain_text("Tæller borgere på")

    # Item 3: an analyst who picks a jobcentre without figures sees no figure under its name.
    JobcenterFactory(kommunenummer=492, navn="Jobcenter Læsø")
    log_ind(analytiker)
    page.goto(f"{kampagne.get_absolute_url()}?jobcenter=492")
    expect(page.get_by_role("status").first).to_contain_text(
        "Der er ikke beregnet tal for Jobcenter Læsø"
    )
    expect(page.get_by_test_id("vaerdi-maal-1")).to_have_count(0)
    expect(page.get_by_label("Jobcenter")).not_to_contain_text("Læsø")

    # Item 5: the consultant's task names the citizen, and »Udført« can be undone.
    log_ind(konsulent)
    page.goto("/virksomheder/opgaver/")
    opgave = page.get_by_role("row", name=re.compile("Følg op på det afbrudte forløb"))
    expect(
        opgave.get_by_role("link", name=re.compile(r"Brian Bager \(\d{6}-xxxx\)"))
    ).to_be_visible()
    opgave.get_by_role("button", name=re.compile("Udført")).click()
    besked = page.get_by_role("status").filter(has_text="er udført")
    expect(besked).to_be_visible()
    besked.get_by_role("button", name="Fortryd").click()
    expect(page.get_by_role("status").filter(has_text="er åben igen")).to_be_visible()
    expect(
        page.get_by_role("row", name=re.compile("Følg op på det afbrudte forløb"))
    ).to_be_visible()
