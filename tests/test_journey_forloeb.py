"""In Chromium: a jobkonsulent takes a citizen through a forløb from creation to the 4-week task;
a consultant fills one of a centre's five places and the place board shows four free."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from borgere.tests.factories import BorgerFactory
from virksomheder.models import Plads, Virksomhedscenter
from virksomheder.tests.factories import VirksomhedFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_forloeb_from_creation_to_the_four_week_task(log_ind, konsulent):
    borger = BorgerFactory(jobcenter=konsulent.jobcenter, fornavn="Brian", efternavn="Bager")
    VirksomhedFactory(navn="Bageriet Nordfyn ApS", cvr="13585628")
    page = log_ind(konsulent)
    page.goto(f"/borgere/{borger.pk}/")
    page.get_by_role("link", name="Nyt forløb").click()
    # A whole CVR number typed without picking still finds its company.
    page.get_by_label("Virksomhed", exact=True).fill("13585628")
    page.get_by_label("Type").select_option(label="Virksomhedspraktik")
    page.get_by_label("Start", exact=True).fill("2026-09-01")
    page.get_by_role("button", name="Opret forløb").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Virksomhedspraktik hos Bageriet Nordfyn ApS"
    )

    page.get_by_role("button", name="Videre til trin 2").click()
    page.get_by_role("button", name="Videre til trin 3").click()
    page.get_by_role("button", name="Start forløbet").click()
    expect(page.get_by_role("alert")).to_contain_text("Der skal altid være et konkret formål")

    page.get_by_role("link", name="Skriv praktikaftalen").click()
    page.get_by_label("Konkret mål").fill("Læreplads som bager efter praktikperioden.")
    page.get_by_label("Timer pr. uge ved start").fill("20")
    page.get_by_role("button", name="Gem").click()
    page.get_by_role("button", name="Start forløbet").click()
    expect(page.locator("[aria-current=step]")).to_contain_text("4. Introduktion")

    page.get_by_label("Deltagere").fill("Brian, mentor og jobkonsulent")
    page.get_by_label("Forløbet indtil nu").fill("Brian trives i bageriet.")
    page.get_by_role("button", name="Gem samtalen").click()
    expect(page.get_by_text("Brian trives i bageriet.")).to_be_visible()

    page.get_by_label("Slutdato", exact=True).fill("2026-11-30")
    page.get_by_label("Udfald").select_option(label="Uddannelse/læreplads")
    page.get_by_role("button", name="Afslut forløbet").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Forløbet er afsluttet. Nye opgaver: »Registrér status 4 uger efter forløbet hos"
    )

    page.get_by_role("navigation", name="Hovedmenu").get_by_role(
        "link", name="Mine opgaver"
    ).click()
    row = page.get_by_role("row", name=re.compile("Registrér status 4 uger efter forløbet"))
    expect(row).to_contain_text("28-12-2026")
    # The task names its citizen (masked CPR) and links to the forløb.
    row.get_by_role("link", name=re.compile(r"\(\d{6}-xxxx\)")).click()
    expect(page.get_by_role("heading", name="Status 4 uger efter")).to_be_visible()


def test_filling_one_of_five_places(log_ind, konsulent):
    borger = BorgerFactory(jobcenter=konsulent.jobcenter, fornavn="Ida", efternavn="Holm")
    center = Virksomhedscenter.objects.create(
        jobcenter=konsulent.jobcenter,
        virksomhed=VirksomhedFactory(navn="Nordfyns Dagligvarer A/S"),
        navn="Butikscentret",
        form="sideproduktion",
    )
    Plads.objects.bulk_create(
        Plads(virksomhedscenter=center, funktion=f"Funktion {n}") for n in range(1, 6)
    )
    page = log_ind(konsulent)
    page.goto("/borgere/pladser/")
    expect(page.get_by_text("5 fri")).to_be_visible()
    page.get_by_role("link", name=re.compile(r"Fyld pladsen\W+Funktion 1 i")).click()
    page.get_by_label("Borger", exact=True).fill(borger.cpr)
    page.get_by_label("Type").select_option(label="Virksomhedspraktik")
    page.get_by_label("Start", exact=True).fill(datetime.date.today().isoformat())
    page.get_by_role("button", name="Opret forløb i pladsen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Nordfyns Dagligvarer")

    # The forløb fills the place from its start; it must be started to run.
    page.get_by_role("link", name="Skriv praktikaftalen").click()
    page.get_by_label("Konkret mål").fill("Ordinært job i butikken.")
    page.get_by_label("Timer pr. uge ved start").fill("15")
    page.get_by_role("button", name="Gem").click()
    page.get_by_role("button", name="Start forløbet").click()

    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Pladser").click()
    expect(page.get_by_text("4 fri")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("Funktion 1 "))).to_contain_text("Ida Holm")
