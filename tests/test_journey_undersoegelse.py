"""In Chromium: an administrator sends the survey out, a leader answers it in two sittings, and
the indsatskort of the demo's national round renders with its split lines and the marked
indsatsområde."""

import datetime
import random

import pytest
from playwright.sync_api import expect

from kursuskob.demo import opret_undersoegelse
from kursuskob.models import Besvarelse, Runde

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_survey_from_sending_to_the_indsatskort(page, log_ind, administrator, leder):
    opret_undersoegelse(random.Random(2026), datetime.date(2026, 11, 23))

    log_ind(administrator)
    page.goto("/kursuskob/undersoegelser/")
    page.get_by_role("link", name="Send en undersøgelse ud").click()
    page.get_by_label("Spørgeskema").select_option(label="Samarbejde om kursuskøb (Rambøll 2018)")
    page.get_by_label("Navn").fill("Samarbejdet om kursuskøb 2027")
    page.get_by_label("Svarfrist").fill("2027-01-31")
    page.get_by_label("Send til").select_option(label="Alle jobcentre")
    page.get_by_role("button", name="Send ud").click()
    expect(page.get_by_role("status")).to_contain_text("er sendt til 98 jobcentre")

    log_ind(leder)
    page.goto("/kursuskob/undersoegelser/")
    page.get_by_role("link", name="Samarbejdet om kursuskøb 2027").click()
    page.get_by_role("link", name="Besvar for Jobcenter Aarhus").click()
    page.get_by_label("B2 Begrænset fleksibilitet").select_option("5")
    page.get_by_role("button", name="Gem", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("I kan fortsætte senere")
    expect(page.get_by_label("B2 Begrænset fleksibilitet")).to_have_value("5")
    page.get_by_label("Hvor tilfreds er jobcentret").select_option("3")
    page.get_by_label("Regional positivliste").check()
    page.get_by_role("button", name="Send besvarelsen").click()
    expect(page.get_by_test_id("svarprocent")).to_have_text("1,0 %")
    besvarelse = Besvarelse.objects.get(runde__navn="Samarbejdet om kursuskøb 2027")
    assert {s.spoergsmaal.kode: s.vaerdi for s in besvarelse.svar.all()} == {
        "B2": 5,
        "tilfredshed": 3,
        "redskaber": ["Regional positivliste"],
    }

    # The demo's national round: 57 responses, and a previous round to compare with.
    runde = Runde.objects.get(navn="Samarbejdet om kursuskøb 2026")
    page.goto(f"/kursuskob/undersoegelser/{runde.pk}/indsatskort/")
    expect(page.get_by_text("pile viser bevægelsen siden")).to_be_visible()
    for type_ in ("barriere", "drivkraft"):
        billede = page.get_by_test_id(f"diagram-{type_}")
        expect(billede).to_be_visible()
        page.wait_for_function(
            "el => el.complete && el.naturalWidth > 0", arg=billede.element_handle()
        )
        svg = page.evaluate("url => fetch(url).then(r => r.text())", billede.get_attribute("src"))
        assert 'id="skillelinje-x"' in svg and 'id="skillelinje-y"' in svg
        assert 'id="indsatsomraade"' in svg and "Indsatsområde" in svg
        expect(page.get_by_test_id(f"tabel-{type_}")).to_contain_text("Indsatsområde")
