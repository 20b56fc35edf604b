"""Accessibility (issue 8, item 10). Every browser journey runs axe-core on the pages it saw (the
`page` fixture); here: proof that the check can fail, the pages no journey reaches in the state
that matters (forms with errors, two-factor login), and a consultant's main tasks done with the
keyboard alone, with the focus visible at every stop."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from borgere.tests.factories import BorgerFactory
from jobcenter.tests.factories import engangskode, totrinsenhed
from tests.tilgaengelighed import brud
from virkning.tests.factories import IndikatorFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_check_finds_what_is_wrong(page):
    page.set_content(
        "<html><body><main><img src='graf.png'><input type='text'>"
        "<section><h2>Udvikling</h2><canvas></canvas></section></main></body></html>"
    )
    fund = brud(page)
    assert any(linje.startswith("image-alt") for linje in fund), fund
    assert any(linje.startswith("label") for linje in fund), fund
    assert any(linje.startswith("html-has-lang") for linje in fund), fund
    assert any(linje.startswith("diagram uden tabel") for linje in fund), fund


def test_forms_with_errors_pass(log_ind, konsulent):
    page = log_ind(konsulent)
    for url, knap in (("/virksomheder/ny/", "Opret"), ("/borgere/ny/", "Opret")):
        page.goto(url)
        page.get_by_role("button", name=knap).click()
        expect(page.locator(".form-error-message").first).to_be_visible()
        assert brud(page) == [], url


def test_the_what_works_forms_with_errors_pass(log_ind, leder):
    borger = BorgerFactory(jobcenter=leder.jobcenter)
    indikator = IndikatorFactory(
        instrument__jobcenter=leder.jobcenter, instrument__oprettet_af=leder
    )
    page = log_ind(leder)
    for url, knap in (
        (f"/virkning/borger/{borger.pk}/maal/{indikator.instrument_id}/", "Gem målingen"),
        ("/virkning/forsoeg/nyt/", "Opret forsøg"),
    ):
        page.goto(url)
        page.get_by_role("button", name=knap).click()
        expect(page.locator(".form-error-message, .alert-error").first).to_be_visible()
        assert brud(page) == [], url


def test_login_pages_pass_also_with_errors(page, administrator):
    page.goto("/log-ind/")
    page.get_by_label("Brugernavn").fill("administrator")
    page.get_by_label("Adgangskode").fill("forkert")
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert brud(page) == []

    page.get_by_label("Adgangskode").fill("korrekt-hest-batteri-haefteklamme")
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Opsæt godkendelsesapp")
    assert brud(page) == []
    page.get_by_label("Engangskode").fill("12")
    page.get_by_role("button", name="Bekræft").click()
    expect(page.locator(".form-error-message")).to_contain_text("Koden har 6 cifre.")
    assert brud(page) == []


# --- Keyboard only -------------------------------------------------------------------------

FOKUS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return {navn: "", synlig: false};
  const label = el.labels && el.labels.length ? el.labels[0].innerText : "";
  const navn = (el.getAttribute("aria-label") || label || el.innerText || el.value || "").trim();
  const stil = getComputedStyle(el);
  // The calendar button inside a date field has the focus when the field itself does not
  // match :focus; Chromium draws its own focus ring around it.
  const synlig = (stil.outlineStyle !== "none" && parseFloat(stil.outlineWidth) > 0)
    || stil.boxShadow !== "none" || (el.type === "date" && !el.matches(":focus"));
  return {navn, synlig};
}"""


def tab_til(page, navn: str, *, tilbage: bool = False, hoejst: int = 120) -> None:
    """Press Tab (or Shift+Tab) until the focus is on the control whose label or text starts
    with `navn`; every control passed on the way must show where the focus is."""
    for _ in range(hoejst):
        page.keyboard.press("Shift+Tab" if tilbage else "Tab")
        fokus = page.evaluate(FOKUS)
        if fokus["navn"]:
            assert fokus["synlig"], f"fokus ses ikke på »{fokus['navn']}«"
        if fokus["navn"].startswith(navn):
            return
    raise AssertionError(f"Tab nåede aldrig »{navn}«")


def enter(page) -> None:
    """Press Enter on a link or in a form, and wait for the page it leads to."""
    with page.expect_navigation():
        page.keyboard.press("Enter")


def skriv(page, felt: str, tekst: str) -> None:
    tab_til(page, felt)
    page.keyboard.type(tekst)


def skriv_dato(page, felt: str, dato: datetime.date) -> None:
    """Type a date as a person does: the digits in the order the browser's date field shows
    (day first in Danish, month first in Debian's Chromium, which has only en-US), found on a
    scratch page in the same browser."""
    proeve = page.context.new_page()
    proeve.set_content("<input type='date'>")
    proeve.keyboard.press("Tab")
    proeve.keyboard.type("01022030")
    dag_foerst = proeve.evaluate("() => document.querySelector('input').value") == "2030-02-01"
    proeve.close()
    skriv(page, felt, f"{dato:%d%m%Y}" if dag_foerst else f"{dato:%m%d%Y}")


def test_a_consultants_main_tasks_with_the_keyboard_alone(page, konsulent):
    borger = BorgerFactory(jobcenter=konsulent.jobcenter, fornavn="Karen", efternavn="Blixen")
    page.goto("/log-ind/")
    tab_til(page, "Gå til sidens indhold")  # the skip link comes first
    skriv(page, "Brugernavn", "konsulent")
    skriv(page, "Adgangskode", "korrekt-hest-batteri-haefteklamme")
    enter(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Goddag")

    # Register a company.
    tab_til(page, "Virksomheder")
    enter(page)
    tab_til(page, "Opret virksomhed")
    enter(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text("virksomhed")
    skriv(page, "CVR-nummer", "13585628")
    skriv(page, "Navn", "Bornholms Rengøring ApS")
    skriv(page, "Branche", "N Rejse")
    skriv(page, "Sektor", "Privat")
    skriv(page, "Størrelse", "20")
    skriv(page, "Kommune", "Bornholm")
    tab_til(page, "Opret")
    enter(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Bornholms Rengøring ApS")

    # Log a call with a next step and a deadline; it becomes a task.
    tab_til(page, "Registrér kontakt")
    enter(page)
    skriv(page, "Kanal", "Telefon")
    skriv(page, "Initiativ", "Opsøgende")
    skriv(page, "Formål", "Sælge")
    skriv(page, "Note", "Vil gerne se en kandidat.")
    skriv(page, "Aftalt næste skridt", "Send profil på kandidat")
    skriv_dato(page, "Frist for næste skridt", datetime.date(2030, 1, 15))
    tab_til(page, "Registrér kontakt")
    enter(page)
    expect(page.get_by_role("status")).to_contain_text("har givet 1 opgave")

    # Complete the task from the task list.
    tab_til(page, "Mine opgaver", tilbage=True)
    enter(page)
    expect(page.get_by_role("row", name=re.compile("Send profil på kandidat"))).to_contain_text(
        "15-01-2030"
    )
    tab_til(page, "Udført")
    enter(page)
    expect(page.get_by_role("status")).to_contain_text("er udført")

    # Find a citizen by CPR number (a POST, so the number is never in an address).
    tab_til(page, "Borgere", tilbage=True)
    enter(page)
    skriv(page, "Søg på navn eller CPR-nummer", borger.cpr)
    enter(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Karen Blixen")
    assert borger.cpr not in page.url


def test_an_administrator_logs_in_with_two_factor_by_keyboard(page, administrator):
    enhed = totrinsenhed(administrator)
    page.goto("/log-ind/")
    skriv(page, "Brugernavn", "administrator")
    skriv(page, "Adgangskode", "korrekt-hest-batteri-haefteklamme")
    enter(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Engangskode")
    # The code field has the focus already, as the form is the page's one task.
    page.keyboard.type(engangskode(enhed))
    enter(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Goddag")
