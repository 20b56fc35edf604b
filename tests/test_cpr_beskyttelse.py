"""A CPR number never lands in a URL, a log line, a Celery task argument, an error page or a
default export. The flows that handle CPR numbers run here with everything captured."""

import io
import logging
import re

import pytest
from celery.app.task import Task
from django.urls import reverse

from borgere.models import Borger, Importkoersel
from borgere.tests.factories import BorgerFactory
from virksomheder.models import Jobordre, Plads, Virksomhedscenter
from virksomheder.tests.factories import VirksomhedFactory

pytestmark = pytest.mark.django_db

NY_CPR = "0101901234"
FINDES_CPR = "0202852345"


def cpr_i(tekst: str) -> list[str]:
    """Every CPR number of the test in `tekst`, with or without dash."""
    return [cpr for cpr in (NY_CPR, FINDES_CPR) if re.search(rf"{cpr[:6]}-?{cpr[6:]}", tekst)]


@pytest.fixture
def opfanget(monkeypatch, caplog):
    """All log records at every level, and the arguments of every task queued."""
    caplog.set_level(logging.DEBUG)
    opgaver = []
    original = Task.apply_async

    def optag(self, args=None, kwargs=None, **options):
        opgaver.append((self.name, args, kwargs))
        return original(self, args, kwargs, **options)

    monkeypatch.setattr(Task, "apply_async", optag)
    return caplog, opgaver


def test_no_cpr_leaves_the_forms(
    client_for, administrator, opfanget, django_capture_on_commit_callbacks
):
    caplog, opgaver = opfanget
    client = client_for(administrator)
    borger = BorgerFactory(jobcenter=administrator.jobcenter, cpr=FINDES_CPR)
    virksomhed = VirksomhedFactory()
    center = Virksomhedscenter.objects.create(
        jobcenter=administrator.jobcenter, virksomhed=virksomhed, navn="C", form="virtuelt"
    )
    plads = Plads.objects.create(virksomhedscenter=center, funktion="Lager")
    jobordre = Jobordre.objects.create(
        jobcenter=administrator.jobcenter, virksomhed=virksomhed, stilling="Kok"
    )
    svar = []
    svar.append(
        client.post(
            reverse("borgere:opret"), {"cpr": "010190-1234", "fornavn": "Ny", "efternavn": "Borger"}
        )
    )
    svar.append(
        client.post(
            reverse("borgere:opret"), {"cpr": "3102901234", "fornavn": "X", "efternavn": "Y"}
        )
    )
    svar.append(
        client.post(reverse("borgere:liste"), {"soeg": f"{FINDES_CPR[:6]}-{FINDES_CPR[6:]}"})
    )
    svar.append(client.post(reverse("borgere:liste"), {"soeg": "1111111111"}))
    svar.append(client.get(reverse("borgere:detalje", args=[borger.pk])))
    svar.append(
        client.post(
            reverse("borgere:jobordre_kandidat", args=[jobordre.pk]), {"borger_soeg": FINDES_CPR}
        )
    )
    svar.append(
        client.post(
            reverse("borgere:plads_fyld", args=[plads.pk]),
            {
                "borger_soeg": FINDES_CPR,
                "type": 1,
                "jobkonsulent": administrator.pk,
                "start": "2026-09-01",
            },
        )
    )
    fil = io.BytesIO(
        f"cpr;navn;kommunenummer\n{NY_CPR[:6]}-{NY_CPR[6:]};Karen Blixen;751\n".encode()
    )
    fil.name = "borgere.csv"
    with django_capture_on_commit_callbacks(execute=True):
        svar.append(client.post(reverse("borgere:import_start"), {"type": "borgere", "fil": fil}))
    koersel = Importkoersel.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        svar.append(client.post(reverse("borgere:import_godkend", args=[koersel.pk])))
    svar.append(client.get(reverse("borgere:detalje", args=[999_999])))
    svar.append(client.post(reverse("borgere:adgangslog", args=[borger.pk])))
    svar.append(client.get(reverse("borgere:pladsoversigt"), {"format": "csv"}))

    assert Borger.objects.filter(cpr=NY_CPR).exists()  # the flows did run
    assert opgaver, "the import queued its tasks"
    for response in svar:
        assert cpr_i(response.get("Location", "")) == [], response.get("Location")
    for response in svar[-3:]:  # an error page and the default exports
        assert cpr_i(response.content.decode("utf-8-sig", errors="replace")) == []
    assert "Siden findes ikke" in svar[-3].content.decode()
    assert cpr_i(str(opgaver)) == [], opgaver
    for record in caplog.records:
        assert cpr_i(record.getMessage()) == [], record.getMessage()


def test_a_cpr_number_in_the_files_name_is_masked_in_the_runs_list_and_title(
    client_for, administrator, django_capture_on_commit_callbacks
):
    """A file named after its citizen stood unmasked in »Seneste importer«, in the run page's
    heading and in its title (so in the browser's history on a shared office pc)."""
    client = client_for(administrator)
    fil = io.BytesIO(f"cpr;navn;kommunenummer\n{NY_CPR};Karen Blixen;751\n".encode())
    fil.name = f"borger {NY_CPR[:6]}-{NY_CPR[6:]}.csv"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("borgere:import_start"), {"type": "borgere", "fil": fil})
    koersel = Importkoersel.objects.get()
    assert (koersel.filnavn, koersel.status) == (f"borger {NY_CPR[:6]}-xxxx.csv", "kontrolleret")
    for side in (client.get(response.url), client.get(reverse("borgere:import_start"))):
        html = side.content.decode()
        assert cpr_i(html) == [] and f"{NY_CPR[:6]}-xxxx.csv" in html
