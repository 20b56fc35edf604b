"""In Chromium, by keyboard (issue 14, item 4): a consultant finds one of two companies of one
name by typing part of the name, picks it with ArrowDown and Enter, and creates the forløb; then
fills a place with a citizen found by part of the name. No CVR or CPR number is typed."""

import re

import pytest
from playwright.sync_api import expect

from borgere.models import Praktikforloeb
from borgere.tests.factories import BorgerFactory
from tests.tilgaengelighed import SKAERME
from virksomheder.models import Plads, Virksomhedscenter
from virksomheder.tests.factories import VirksomhedFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def vaelg_type(page) -> None:
    """The type, chosen from its select. (Typing its first letters into the focused select is
    the keyboard way, but Chromium's type-to-select forgets the letters after a second, which a
    loaded CI machine can take; the journey's keyboard part is the find field.)"""
    page.get_by_label("Type").select_option(label="Virksomhedspraktik")
    expect(page.get_by_label("Type")).to_have_value(re.compile(r"\d+"))


@pytest.mark.parametrize("skaerm", SKAERME.values(), ids=SKAERME.keys())
def test_a_forloeb_with_a_company_and_a_citizen_found_by_keyboard(page, log_ind, konsulent, skaerm):
    brian = BorgerFactory(jobcenter=konsulent.jobcenter, fornavn="Brian", efternavn="Bagge")
    BorgerFactory(jobcenter=konsulent.jobcenter, fornavn="Ida", efternavn="Holm")
    aarhus = VirksomhedFactory(
        navn="Bageriet Nordfyn ApS", adresse="Havnevej 7", postnummer="8000", by="Aarhus"
    )
    bogense = VirksomhedFactory(
        navn="Bageriet Nordfyn ApS", adresse="Storegade 1", postnummer="5400", by="Bogense"
    )
    page.set_viewport_size(dict(zip(("width", "height"), skaerm, strict=True)))
    page = log_ind(konsulent)
    page.goto(f"/borgere/{brian.pk}/")
    page.get_by_role("link", name="Nyt forløb").focus()
    page.keyboard.press("Enter")

    virksomhed = page.get_by_role("combobox", name="Virksomhed")
    virksomhed.focus()
    page.keyboard.type("nordfyn")
    muligheder = page.get_by_role("listbox", name="Forslag").get_by_role("option")
    expect(muligheder).to_have_text([aarhus.betegnelse, bogense.betegnelse])
    expect(virksomhed).to_have_attribute("aria-expanded", "true")
    # Escape closes the list, ArrowDown opens it again on the first option.
    page.keyboard.press("Escape")
    expect(virksomhed).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("ArrowDown")
    expect(muligheder.first).to_have_attribute("aria-selected", "true")
    page.keyboard.press("ArrowDown")
    expect(virksomhed).to_have_attribute("aria-activedescendant", re.compile(r"-1$"))
    page.keyboard.press("Enter")
    expect(virksomhed).to_have_attribute("aria-expanded", "false")
    expect(virksomhed).to_have_value(bogense.betegnelse)
    expect(page.locator("[data-find-valgt]")).to_have_text(f"Valgt: {bogense.betegnelse}")

    vaelg_type(page)
    page.get_by_role("button", name="Opret forløb").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Virksomhedspraktik hos Bageriet Nordfyn ApS"
    )
    assert Praktikforloeb.objects.get().virksomhed == bogense

    # A free place is filled with a citizen found by part of the name.
    center = Virksomhedscenter.objects.create(
        jobcenter=konsulent.jobcenter, virksomhed=aarhus, navn="Bageriet", form="sideproduktion"
    )
    plads = Plads.objects.create(virksomhedscenter=center, funktion="Bager")
    page.goto(f"/borgere/pladser/{plads.pk}/fyld/")
    borger = page.get_by_role("combobox", name="Borger")
    borger.focus()
    page.keyboard.type("hol")
    forslag = page.get_by_role("listbox", name="Forslag").get_by_role("option")
    expect(forslag).to_have_count(1)
    expect(forslag).to_contain_text("Ida Holm")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page.locator("[data-find-valgt]")).to_contain_text("Valgt: Ida Holm")
    vaelg_type(page)
    page.get_by_role("button", name="Opret forløb i pladsen").focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    # A refused form names its errors here, so a failure says why.
    expect(page.locator(".form-error-message")).to_have_count(0)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bageriet Nordfyn ApS")
    assert Praktikforloeb.objects.get(plads=plads).borger.navn == "Ida Holm"
