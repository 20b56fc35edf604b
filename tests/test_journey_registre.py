"""In Chromium: a consultant logs in, creates a company and a citizen, and finds both."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_consultant_creates_and_finds_a_company_and_a_citizen(log_ind, konsulent):
    page = log_ind(konsulent)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Goddag")

    page.get_by_role("navigation", name="Hovedmenu").get_by_role(
        "link", name="Virksomheder"
    ).click()
    page.get_by_role("link", name="Opret virksomhed").click()
    page.get_by_label("CVR-nummer").fill("1358 5628")
    page.get_by_label("Navn").fill("Bornholms Rengøring ApS")
    page.get_by_label("Branche").select_option(
        label="N Rejsebureauer, rengøring og anden operationel service"
    )
    page.get_by_label("Sektor").select_option(label="Privat")
    page.get_by_label("Størrelse").select_option(label="20–49 ansatte")
    page.get_by_label("Kommune").select_option(label="Bornholm")
    page.get_by_role("button", name="Opret").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bornholms Rengøring ApS")
    expect(page.get_by_role("status")).to_contain_text("er oprettet")

    page.get_by_role("link", name="Tilbage til virksomheder").click()
    page.get_by_label("Søg på navn, CVR- eller P-nummer").fill("13585628")
    page.get_by_role("button", name="Søg").click()
    expect(page.get_by_role("link", name="Bornholms Rengøring ApS")).to_be_visible()

    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Borgere").click()
    page.get_by_role("link", name="Opret borger").click()
    page.get_by_label("CPR-nummer").fill("010190-1234")
    page.get_by_label("Fornavn").fill("Karen")
    page.get_by_label("Efternavn").fill("Blixen")
    page.get_by_role("button", name="Opret").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Karen Blixen")

    page.get_by_role("link", name="Tilbage til borgere").click()
    page.get_by_label("Søg på navn eller CPR-nummer").fill("blixen")
    page.get_by_role("button", name="Søg").click()
    row = page.get_by_role("row", name=re.compile("Karen Blixen"))
    expect(row).to_contain_text("010190-xxxx")

    page.get_by_label("Søg på navn eller CPR-nummer").fill("0101901234")
    page.get_by_role("button", name="Søg").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Karen Blixen")
    assert "0101901234" not in page.url and "010190" not in page.url


def test_a_bad_cpr_is_explained_and_nothing_is_saved(log_ind, konsulent):
    page = log_ind(konsulent)
    page.goto("/borgere/ny/")
    page.get_by_label("CPR-nummer").fill("310290-1234")
    page.get_by_label("Fornavn").fill("Ingen")
    page.get_by_label("Efternavn").fill("Dato")
    page.get_by_role("button", name="Opret").click()
    expect(page.get_by_role("alert")).to_contain_text("CPR-nummeret er ikke gyldigt")
    expect(page.get_by_label("CPR-nummer")).to_have_attribute("aria-invalid", "true")
    page.goto("/borgere/")
    expect(page.get_by_text("Jobcentret har endnu ingen borgere")).to_be_visible()
