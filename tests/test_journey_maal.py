"""In Chromium: the campaign dashboard from the demo data, with the right tiles and a chart
that has its target line."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from borgere.models import Maalsnapshot
from jobcenter.models import Bruger

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_dashboard_renders_from_the_demo_data(log_ind):
    call_command("demodata", "--virksomheder", "120", "--borgere-per-jobcenter", "150")
    leder = Bruger.objects.get(username="leder")
    page = log_ind(leder, password="demo-jobcenter-2026")
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Kampagnemål").click()
    page.get_by_role("link", name="Virksomhedskampagnen").click()

    snapshot = Maalsnapshot.objects.filter(maal__kode="maal-1", jobcenter=leder.jobcenter).latest(
        "dato"
    )
    expect(page.get_by_test_id("vaerdi-maal-1")).to_have_text(str(int(snapshot.vaerdi)))
    expect(page.get_by_test_id("maaltal-maal-1")).to_have_text("10")
    expect(page.get_by_text("Beregnet").first).to_be_visible()

    graf = page.locator("canvas[data-graf='graf-maal-1']")
    expect(graf).to_be_visible()
    # The canvas shows before maal.js has drawn on it: wait for the chart, not for the element.
    page.wait_for_function("c => c.chart !== undefined", arg=graf.element_handle())
    serier = graf.evaluate("c => c.chart.data.datasets.map(d => d.label)")
    assert serier == ["Jobcenter Aarhus", "Måltal"]
    maaltal = graf.evaluate("c => c.chart.data.datasets[1].data")
    assert set(maaltal) == {10}
    assert graf.evaluate("c => c.width > 0 && c.height > 0")
