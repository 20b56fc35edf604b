"""In Chromium: a tovholder in jobcentre A creates a purchase with jobcentre B (8 + 8 places),
A and B each refer citizens, B releases 2 places that A buys, the class starts, and the
follow-up shows outcomes; a user of B never sees A's citizens."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from borgere.tests.factories import BorgerFactory
from jobcenter.models import Rolle
from jobcenter.tests.factories import BrugerFactory
from kursuskob.models import Hold
from kursuskob.tests.factories import InstitutionskontaktFactory, KursusFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def handling(page, knap: str):
    page.get_by_role("button", name=knap).click()


def test_a_joint_purchase_from_need_to_outcome(page, log_ind, kollega, jobcenter_b):
    leder_b = BrugerFactory(
        username="leder-b", rolle=Rolle.LEDER, jobcenter=jobcenter_b, email="leder@aalborg.example"
    )
    kollega.email = "tovholder@aarhus.example"
    kollega.save()
    kontakt = InstitutionskontaktFactory(institution__navn="Roskilde Tekniske Skole")
    KursusFactory(titel="Maskinføring")
    a = [BorgerFactory(jobcenter=kollega.jobcenter, efternavn=f"Aarhusianer{n}") for n in range(4)]
    b = [BorgerFactory(jobcenter=jobcenter_b, efternavn=f"Aalborgenser{n}") for n in range(2)]
    idag = timezone.localdate()
    start = idag + datetime.timedelta(days=20)

    # A's tovholder: phase 1, the need, with 8 places for A.
    log_ind(kollega)
    page.goto("/kursuskob/nyt/")
    page.get_by_label("Kursus", exact=True).select_option(label="Maskinføring")
    page.get_by_label("Institution", exact=True).select_option(label="Roskilde Tekniske Skole")
    page.get_by_label("Pladser på holdet").fill("16")
    page.get_by_label("Startdato").fill(start.isoformat())
    page.get_by_label("Behov og begrundelse").fill("NCC og Zacho-Lind mangler maskinførere.")
    page.get_by_label("Målrettede job").fill("Maskinfører")
    page.get_by_label("Pladser til jeres jobcenter").fill("8")
    handling(page, "Opret kursuskøb")
    expect(page.get_by_role("heading", level=1)).to_have_text("Maskinføring")
    url = page.url
    handling(page, "Afslut fase 1")
    expect(page.locator("[aria-current=step]")).to_contain_text("Fase 2")

    # Phase 2: 8 places for B, which B must confirm before the phase can close.
    page.get_by_label("Jobcenter", exact=True).select_option(label="Jobcenter Aalborg")
    page.get_by_label("Pladser", exact=True).fill("8")
    handling(page, "Gem pladserne")
    handling(page, "Afslut fase 2")
    expect(page.get_by_role("alert")).to_contain_text("venter på lederen i Jobcenter Aalborg")

    log_ind(leder_b)
    page.goto(url)
    handling(page, "Bekræft pladserne")
    expect(page.locator('tr[data-jobcenter="851"]')).not_to_contain_text("Afventer")

    # Phase 3: the agreement with the school.
    log_ind(kollega)
    page.goto(url)
    handling(page, "Afslut fase 2")
    page.get_by_role("link", name="Ret holdet").click()
    page.get_by_label("Mindste antal deltagere").fill("6")
    page.get_by_label("Slutdato").fill((start + datetime.timedelta(days=21)).isoformat())
    page.get_by_label("Tilmeldingsfrist").fill((idag + datetime.timedelta(days=10)).isoformat())
    page.get_by_label("Pris pr. plads").fill("12000")
    page.get_by_label("Kontaktperson på skolen").select_option(label=str(kontakt))
    page.get_by_label(re.compile(r"^Underviser \(")).fill("Ole Faglærer")
    handling(page, "Gem")
    page.get_by_role("link", name="Aftalen med institutionen").click()
    page.get_by_label("Aftale med institutionen indgået").fill(idag.isoformat())
    page.get_by_label("Afbudsbetingelser").fill("Afbud senest 14 dage før start.")
    handling(page, "Gem")
    handling(page, "Afslut fase 3")
    expect(page.locator("[aria-current=step]")).to_contain_text("Fase 4")
    handling(page, "Send kick-off-besked til jobcentrene")
    expect(page.locator(".kickoff")).to_contain_text("Jobcenter Aalborg: 8 pladser")

    # Phase 4: each jobcentre refers its own citizens from the citizen's page.
    def henvis(borger):
        page.goto(f"/borgere/{borger.pk}/")
        page.get_by_label("Hold", exact=True).select_option(index=1)
        handling(page, "Henvis borgeren")
        expect(page.get_by_role("status")).to_contain_text("er henvist til Maskinføring")

    for borger in a[:3]:
        henvis(borger)
    log_ind(leder_b)
    for borger in b:
        henvis(borger)
    page.goto(url)
    page.get_by_label("Pladser at frigive").fill("2")
    handling(page, "Frigiv pladser")
    expect(page.locator('tr[data-jobcenter="851"] td').nth(1)).to_have_text("2")  # released

    log_ind(kollega)
    page.goto(url)
    page.get_by_label("Pladser at købe").fill("2")
    handling(page, "Køb pladser")
    rk_a = page.locator('tr[data-jobcenter="751"] td')
    expect(rk_a.nth(0)).to_have_text("10")
    expect(page.locator('tr[data-jobcenter="851"] td').nth(0)).to_have_text("6")
    henvis(a[3])
    page.goto(url)
    handling(page, "Book de henviste hos skolen")
    expect(page.get_by_role("status")).to_contain_text("6 henviste er booket")

    # Time passes: the start date comes.
    Hold.objects.update(
        tilmeldingsfrist=idag - datetime.timedelta(days=7),
        startdato=idag,
        slutdato=idag + datetime.timedelta(days=1),
    )
    page.goto(url)
    handling(page, "Holdet er startet")
    expect(page.locator("[aria-current=step]")).to_contain_text("Fase 5")
    expect(rk_a.nth(3)).to_have_text("4")  # enrolled
    expect(rk_a.nth(5)).to_have_text("6")  # empty places A pays for
    expect(rk_a.nth(6)).to_have_text(re.compile(r"120\.000,00"))

    # Phase 5: follow-up on an own participant.
    page.get_by_role("link", name=a[0].navn).click()
    page.get_by_label("Status på kurset").select_option(label="Gennemført")
    page.get_by_label("Situation efter kurset").select_option(label="I job")
    handling(page, "Gem opfølgningen")
    expect(page.get_by_test_id("egne-borgere")).to_contain_text("I job")

    # B sees the class and the counts, never who A's citizens are.
    log_ind(leder_b)
    page.goto(url)
    expect(page.locator('tr[data-jobcenter="751"]')).to_be_visible()
    indhold = page.content()
    assert all(borger.efternavn not in indhold for borger in a)
    expect(page.get_by_test_id("egne-borgere")).to_contain_text(b[0].navn)
