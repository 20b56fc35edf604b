"""In Chromium: a consultant logs a call whose next step becomes a task and completes it; an
administrator makes a virksomhedscenter contract with 5 places and sees them on the company page."""

import re

import pytest
from playwright.sync_api import expect

from virksomheder.tests.factories import VirksomhedFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_logged_call_becomes_a_task_that_is_completed(log_ind, konsulent):
    virksomhed = VirksomhedFactory(navn="Bornholms Bageri ApS")
    page = log_ind(konsulent)
    page.goto(f"/virksomheder/{virksomhed.pk}/")
    page.get_by_role("link", name="Registrér kontakt").click()
    page.get_by_label("Kanal").select_option(label="Telefon")
    page.get_by_label("Initiativ").select_option(label="Opsøgende (jobcentret tog kontakt)")
    page.get_by_label("Formål").select_option(label="Sælge en borger")
    page.get_by_label("Note").fill("Bageriet vil gerne se en kandidat til pakning.")
    page.get_by_label("Aftalt næste skridt").fill("Send profil på kandidat")
    page.get_by_label("Frist for næste skridt").fill("2030-01-15")
    page.get_by_role("button", name="Registrér kontakt").click()

    expect(page.get_by_role("status")).to_contain_text("har givet 1 opgave")
    expect(page.get_by_text("Bageriet vil gerne se en kandidat til pakning.")).to_be_visible()

    page.get_by_role("navigation", name="Hovedmenu").get_by_role(
        "link", name="Mine opgaver"
    ).click()
    row = page.get_by_role("row", name=re.compile("Send profil på kandidat"))
    expect(row).to_contain_text("Bornholms Bageri ApS")
    expect(row).to_contain_text("15-01-2030")
    row.get_by_role("button", name=re.compile("Udført")).click()

    expect(page.get_by_role("status")).to_contain_text("er udført")
    expect(page.get_by_role("heading", name="Udført de seneste 14 dage")).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile("Kommende"))).to_have_count(0)


def test_an_administrator_makes_a_centre_contract_with_five_places(log_ind, administrator):
    virksomhed = VirksomhedFactory(navn="Nordfyns Dagligvarer A/S")
    page = log_ind(administrator)
    page.goto(f"/virksomheder/{virksomhed.pk}/")
    page.get_by_role("link", name="Ny aftale").click()
    page.get_by_label("Aftaletype").select_option(label="Virksomhedscenterkontrakt")
    page.get_by_label("Titel").fill("Virksomhedscenter i butikken")
    page.get_by_label("Status").select_option(label="Aktiv")
    page.get_by_label("Formål").fill("Praktik for ledige i match 2 med ordinært job som mål.")
    page.get_by_label("Antal borgere/pladser").fill("5")
    page.get_by_label("Start", exact=True).fill("2026-01-01")
    page.get_by_role("button", name="Gem aftale").click()

    expect(page.get_by_role("status")).to_contain_text("Opret nu virksomhedscentret")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Nyt virksomhedscenter")
    page.get_by_label("Navn").fill("Butikscentret")
    page.get_by_label("Form").select_option(label="Den åbne sideproduktion")
    expect(page.get_by_label("Kontrakt")).to_have_value(re.compile(r"\d+"))
    page.get_by_label("Antal pladser").fill("5")
    page.get_by_label("Funktion for pladserne").fill("Butik og varepræsentation")
    page.get_by_role("button", name="Opret").click()
    expect(page.get_by_role("status")).to_contain_text("oprettet med 5 pladser")

    page.goto(f"/virksomheder/{virksomhed.pk}/")
    centre = page.locator(
        "section", has=page.get_by_role("heading", name="Virksomhedscentre og pladser")
    )
    expect(centre.get_by_role("link", name="Butikscentret")).to_be_visible()
    expect(centre.get_by_role("row", name=re.compile("Butik og varepræsentation"))).to_have_count(5)
    aftaler = page.locator("section", has=page.get_by_role("heading", name="Aftaler", exact=True))
    expect(
        aftaler.get_by_role("row", name=re.compile("Virksomhedscenter i butikken"))
    ).to_contain_text("5")


def test_a_printed_agreement_has_signatures_and_no_screen_messages(log_ind, administrator):
    """Issue 14, item 11: the printout carried the page's messages and no place to sign."""
    import datetime

    from virksomheder.models import Aftale

    aftale = Aftale.objects.create(
        jobcenter=administrator.jobcenter,
        virksomhed=VirksomhedFactory(navn="Nordfyns Dagligvarer A/S"),
        type="generel",
        titel="Samarbejdsaftale",
        status="aktiv",
        formaal="Praktik med ordinært job som mål.",
        start=datetime.date(2026, 1, 1),
        ansvarlig=administrator,
    )
    page = log_ind(administrator)
    page.goto(f"/virksomheder/aftaler/{aftale.pk}/rediger/")
    page.get_by_role("button", name="Gem aftale").click()
    expect(page.get_by_role("status")).to_be_visible()
    underskrifter = page.get_by_role("region", name="Underskrifter")
    expect(underskrifter).to_be_hidden()  # on the screen, no signature lines
    page.emulate_media(media="print")
    expect(page.get_by_role("status")).to_be_hidden()
    expect(underskrifter).to_be_visible()
    expect(underskrifter).to_contain_text("For Jobcenter Aarhus")
    expect(underskrifter).to_contain_text("For Nordfyns Dagligvarer A/S")
    expect(page.get_by_role("button", name="Udskriv aftalen")).to_be_hidden()
    page.emulate_media(media="screen")
