"""In Chromium: every main role can reach the main menu and log off on a phone, a tablet and a
laptop at 150 % zoom, and no page is wider than the screen (issue 14, item 1; WCAG 2.1 1.4.10
Reflow, which asks for no sideways scrolling at 320 CSS px).

Zoom is emulated by the CSS viewport, not by `device_scale_factor` (that only makes the pixels
sharper, the layout stays the same): at 150 % browser zoom a window W device-independent pixels
wide lays the page out in W / 1.5 CSS px. So the windows 390 (phone), 768 (tablet) and 1366
(laptop) become viewports of 260, 512 and 911 CSS px, all below DKFDS's 992 px breakpoint, where
the main menu moves into the »Menu« drawer.

A formatted date, percentage or amount must not break inside (no »04-⏎10-2026«, »75,0⏎%«): the
check measures the lines the value's text is laid out on."""

import datetime
import random
import re
from decimal import Decimal

import pytest
from django.test import RequestFactory
from playwright.sync_api import expect

from borgere.models import Maalgruppeperiode, Maaltal, Ydelsesperiode
from borgere.services import beregn_maal
from borgere.tests.factories import BorgerFactory, kampagne_med_en_borger, maalgruppe, ydelse
from jobcenter.context_processors import navigation
from kursuskob.demo import opret_undersoegelse
from kursuskob.models import Runde
from kursuskob.tests.factories import KursuskobFactory
from tests.tilgaengelighed import VINDUER, ZOOM, brud
from virkning.models import Del, Forsoeg, Lodtraekning
from virkning.services.overlevelse import beregn_overlevelse
from virkning.tests.factories import (
    IndikatorFactory,
    InstrumentFactory,
    MaalingFactory,
    SvarFactory,
)
from virksomheder.models import Opgave, Plads, Virksomhedscenter
from virksomheder.tests.factories import VirksomhedFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BREDEST = "() => [document.documentElement.scrollWidth, window.innerWidth]"

# For the failure message: the outermost elements that reach past the right edge.
FOR_BREDE = """() => {
  const ydre = [];
  for (const el of document.querySelectorAll("body *")) {
    if (el.getBoundingClientRect().right <= window.innerWidth + 0.5) continue;
    if (ydre.some((y) => y.contains(el)) || el.closest(".table--responsive-scroll") !== el
        && el.closest(".table--responsive-scroll")) continue;
    ydre.push(el);
  }
  return ydre.slice(0, 5).map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")}`
    + ` (${Math.round(el.getBoundingClientRect().right)} px)`);
}"""

# The lines a piece of text inside `element` is laid out on (1 when it does not break).
LINJER = """([element, tekst]) => {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  const dele = [];
  while (walker.nextNode()) dele.push(walker.currentNode);
  const hele = dele.map((n) => n.data).join("").replace(/\\s/g, " ");
  let start = hele.indexOf(tekst);
  if (start < 0) return -1;
  const range = document.createRange();
  let slut = start + tekst.length;
  for (const node of dele) {
    const n = node.data.length;
    if (start >= 0 && start < n) { range.setStart(node, start); }
    if (slut > 0 && slut <= n) { range.setEnd(node, slut); break; }
    start -= n; slut -= n;
  }
  const toppe = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
  return toppe.size;
}"""


@pytest.fixture
def sider(konsulent):
    """A representative set of pages with data, as (address, roles that may open it)."""
    jobcenter = konsulent.jobcenter
    kampagne = kampagne_med_en_borger(jobcenter, konsulent)
    for kode, maaltal in (("maal-1", Decimal(4)), ("maal-2", Decimal("0.75"))):
        maal = kampagne.maal.get(kode=kode)
        Maaltal.objects.create(maal=maal, jobcenter=jobcenter, vaerdi=maaltal)
    beregn_maal(kampagne=kampagne, dato=datetime.date(2010, 11, 30))

    borger = BorgerFactory(jobcenter=jobcenter, fornavn="Karoline", efternavn="Kristoffersen")
    Ydelsesperiode.objects.create(
        borger=borger, ydelse=ydelse("kontanthjaelp"), fra=datetime.date(2026, 10, 4)
    )
    virksomhed = VirksomhedFactory(navn="Nordfyns Dagligvarer og Logistik A/S")
    center = Virksomhedscenter.objects.create(
        jobcenter=jobcenter, virksomhed=virksomhed, navn="Butikscentret", form="sideproduktion"
    )
    Plads.objects.bulk_create(
        Plads(virksomhedscenter=center, funktion=f"Lager og varemodtagelse {n}")
        for n in range(1, 4)
    )
    Opgave.objects.create(
        jobcenter=jobcenter,
        virksomhed=virksomhed,
        titel="Ring om praktikpladsen på lageret",
        frist=datetime.date(2026, 10, 4),
        ansvarlig=konsulent,
    )
    KursuskobFactory(tovholder=konsulent)

    opret_undersoegelse(random.Random(2026), datetime.date(2026, 11, 23))
    runde = Runde.objects.order_by("-frist").first()

    # What works (issue 16): Karoline's progression, a trial with its draws, curves of time to
    # self-support from twelve citizens who entered the target group.
    instrument = InstrumentFactory(jobcenter=jobcenter, oprettet_af=konsulent)
    tro = IndikatorFactory(instrument=instrument, navn="Tro på at få job")
    parathed = IndikatorFactory(
        instrument=instrument, navn="Afstand til arbejdsmarkedet", stilles_til=Del.KONSULENT
    )
    for dato, vaerdi in ((datetime.date(2026, 6, 1), 2), (datetime.date(2026, 9, 1), 4)):
        maaling = MaalingFactory(borger=borger, instrument=instrument, dato=dato)
        SvarFactory(maaling=maaling, indikator=tro, vaerdi=vaerdi)
        SvarFactory(maaling=maaling, indikator=parathed, vaerdi=vaerdi + 1)
    forsoeg = Forsoeg.objects.create(
        jobcenter=jobcenter,
        navn="Mentor fra første samtale i jobcentret",
        indsats="En mentor fra første samtale",
        fra=datetime.date(2026, 1, 1),
        til=datetime.date(2026, 6, 30),
        slut=datetime.date(2027, 6, 30),
        seed=2026,
    )
    for n in range(12):
        ny = BorgerFactory(jobcenter=jobcenter)
        indgang = datetime.date(2026, 1, 5) + datetime.timedelta(days=n)
        Maalgruppeperiode.objects.create(borger=ny, maalgruppe=maalgruppe(), fra=indgang)
        Ydelsesperiode.objects.create(
            borger=ny,
            ydelse=ydelse("kontanthjaelp"),
            fra=indgang,
            til=indgang + datetime.timedelta(days=30 * n) if n % 3 else None,
        )
        Lodtraekning.objects.create(
            forsoeg=forsoeg,
            borger=ny,
            gruppe="indsats" if n % 2 else "kontrol",
            tal=0.5,
            indgang=indgang,
        )
    beregn_overlevelse(dato=datetime.date(2026, 11, 30))

    alle, ledere = {"jobkonsulent", "leder", "administrator"}, {"leder", "administrator"}
    return [
        ("/", alle),
        ("/borgere/", alle),
        (f"/borgere/{borger.pk}/", alle),
        ("/borgere/pladser/", alle),
        ("/virksomheder/", alle),
        (f"/virksomheder/{virksomhed.pk}/", alle),
        ("/virksomheder/opgaver/", alle),
        (f"/borgere/maal/{kampagne.kode}/", ledere),
        ("/kursuskob/", alle),
        (f"/kursuskob/undersoegelser/{runde.pk}/", ledere),
        ("/virkning/forfaldne/?hvem=alle", alle),
        (f"/virkning/borger/{borger.pk}/maal/{instrument.pk}/", alle),
        ("/virkning/instrumenter/", {"administrator"}),
        (f"/virkning/instrumenter/{instrument.pk}/", {"administrator"}),
        ("/virkning/forsoeg/", ledere),
        (f"/virkning/forsoeg/{forsoeg.pk}/", ledere),
        ("/virkning/overlevelse/", ledere),
    ]


def menupunkter(bruger) -> list[str]:
    request = RequestFactory().get("/")
    request.user = bruger
    bruger.is_verified = lambda: True  # as after the two-step code
    return [punkt["tekst"] for punkt in navigation(request)["navigation"]]


def aabn_menu(page):
    knap = page.get_by_role("button", name="Menu", exact=True)
    expect(knap).to_be_visible()
    knap.click()
    menu = page.get_by_role("dialog", name="Menu")
    expect(menu).to_be_visible()
    return menu


@pytest.mark.parametrize("vindue", VINDUER.values(), ids=VINDUER.keys())
def test_each_role_reaches_the_menu_and_no_page_is_wider_than_the_screen(
    page, log_ind, sider, konsulent, leder, administrator, vindue
):
    bredde = round(vindue / ZOOM)
    page.set_viewport_size({"width": bredde, "height": round(800 / ZOOM)})
    for bruger in (konsulent, leder, administrator):
        punkter = menupunkter(bruger)
        log_ind(bruger)
        for url, roller in sider:
            if bruger.rolle not in roller:
                continue
            page.goto(url)
            scroll_bredde, vindue_bredde = page.evaluate(BREDEST)
            assert vindue_bredde == bredde
            if scroll_bredde > vindue_bredde:
                pytest.fail(f"{url} er {scroll_bredde} px bred: {page.evaluate(FOR_BREDE)}")

            menu = aabn_menu(page)
            for tekst in punkter:
                expect(menu.get_by_role("link", name=tekst, exact=True)).to_be_visible()
            if url == "/":
                assert brud(page) == [], "menuen åben"
            menu.get_by_role("button", name="Luk").click()
            expect(menu).to_be_hidden()

        # The pages seen are checked while the user is still logged in; then log off.
        page.besoeg.tjek()
        aabn_menu(page).get_by_role("button", name="Log af").click()
        page.goto("/")
        expect(page).to_have_url(re.compile("/log-ind/"))


def test_dates_and_percentages_do_not_break_in_a_narrow_table(page, log_ind, sider, leder):
    page.set_viewport_size({"width": round(390 / ZOOM), "height": round(800 / ZOOM)})
    log_ind(leder)
    borger = [url for url, _ in sider if re.fullmatch(r"/borgere/\d+/", url)][0]
    page.goto(borger)
    celle = page.get_by_role("cell", name="04-10-2026").first
    assert page.evaluate(LINJER, [celle.element_handle(), "04-10-2026"]) == 1

    page.goto("/borgere/maal/virksomhedscenterkampagnen/")
    celle = page.get_by_test_id("opfyldelse-maal-1")
    tekst = re.sub(r"\s", " ", celle.inner_text()).strip()
    assert tekst.endswith(" %"), tekst
    assert page.evaluate(LINJER, [celle.element_handle(), tekst]) == 1
