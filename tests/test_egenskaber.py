"""Property-based: random and malformed input to the forms and the imports. The product
answers with errors, never with a 500, and never writes part of a bad import."""

import os
import string

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from borgere.models import Borger, Ydelsesperiode
from borgere.tests.factories import BorgerFactory
from jobcenter.imports import Afvist, importer, importtyper
from virksomheder.models import Kontakt, Virksomhed
from virksomheder.tests.factories import VirksomhedFactory

pytestmark = pytest.mark.django_db

# Text as people and machines actually send it: digits, dashes, Danish letters, control
# characters, very long strings, numbers that look like CPR and dates.
tekst = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=string.digits + "-. ", max_size=14),
    st.sampled_from(
        [
            "",
            " ",
            "0101901234",
            "010190-1234",
            "3102901234",
            "31-02-2026",
            "2026-13-01",
            "ÆØÅ æøå",
            "=1+2",
            "\x00",
            "9" * 300,
            "-1",
            "1e9",
        ]
    ),
)
# More examples for a deeper search: EKSEMPLER=500 make test.
HURTIG = settings(
    max_examples=int(os.environ.get("EKSEMPLER", 40)),
    deadline=None,
    suppress_health_check=list(HealthCheck),
)


@HURTIG
@given(cpr=tekst, fornavn=tekst, efternavn=tekst, postnummer=tekst, email=tekst)
def test_the_citizen_form_never_fails_on_any_input(
    client_for, konsulent, cpr, fornavn, efternavn, postnummer, email
):
    foer = Borger.objects.count()
    svar = client_for(konsulent).post(
        reverse("borgere:opret"),
        {
            "cpr": cpr,
            "fornavn": fornavn,
            "efternavn": efternavn,
            "postnummer": postnummer,
            "email": email,
        },
    )
    assert svar.status_code in (200, 302)
    if svar.status_code == 200:
        assert Borger.objects.count() == foer


@HURTIG
@given(fra=tekst, til=tekst, ydelse=st.one_of(st.integers(-5, 50), tekst))
def test_the_period_form_never_fails_on_any_input(client_for, konsulent, fra, til, ydelse):
    borger = BorgerFactory(jobcenter=konsulent.jobcenter)
    svar = client_for(konsulent).post(
        reverse("borgere:periode_opret", args=[borger.pk, "ydelse"]),
        {"ydelse": ydelse, "fra": fra, "til": til},
    )
    assert svar.status_code in (200, 302)


@HURTIG
@given(cvr=tekst, navn=tekst, telefon=tekst, hjemmeside=tekst)
def test_the_company_form_never_fails_on_any_input(
    client_for, konsulent, cvr, navn, telefon, hjemmeside
):
    foer = Virksomhed.objects.count()
    svar = client_for(konsulent).post(
        reverse("virksomheder:opret"),
        {
            "cvr": cvr,
            "navn": navn,
            "branche": 1,
            "sektor": "privat",
            "stoerrelse": "1-4",
            "kommune": 1,
            "telefon": telefon,
            "hjemmeside": hjemmeside,
        },
    )
    assert svar.status_code in (200, 302)
    if svar.status_code == 200:
        assert Virksomhed.objects.count() == foer


@HURTIG
@given(dato=tekst, kanal=tekst, formaal=tekst, naeste=tekst, frist=tekst)
def test_the_contact_form_never_fails_on_any_input(
    client_for, konsulent, dato, kanal, formaal, naeste, frist
):
    virksomhed = VirksomhedFactory()
    foer = Kontakt.objects.count()
    svar = client_for(konsulent).post(
        reverse("virksomheder:kontakt_opret", args=[virksomhed.pk]),
        {
            "dato": dato,
            "kanal": kanal,
            "initiativ": "opsoegende",
            "formaal": formaal,
            "naeste_skridt": naeste,
            "opfoelgning_frist": frist,
        },
    )
    assert svar.status_code in (200, 302)
    if svar.status_code == 200:
        assert Kontakt.objects.count() == foer


raekke = st.lists(tekst, min_size=0, max_size=6).map(lambda felter: ";".join(felter))


@HURTIG
@given(
    raekker=st.lists(raekke, max_size=12),
    type_=st.sampled_from(["borgere", "ydelser", "maalgrupper", "forloeb", "maaltal"]),
)
def test_a_malformed_import_is_rejected_whole_or_written_whole(administrator, raekker, type_):
    # Hypothesis runs every example in the same test transaction.
    if not Borger.objects.filter(cpr="0101901234").exists():
        BorgerFactory(jobcenter=administrator.jobcenter, cpr="0101901234")

    indhold = "\n".join(
        [";".join(importtyper()[type_].kolonner), *raekker, "0101901234;kontanthjaelp;01-01-2026;"]
    ).encode()
    foer = (Borger.objects.count(), Ydelsesperiode.objects.count())
    try:
        importer(type_=type_, indhold=indhold, filnavn="x.csv", bruger=administrator)
    except Afvist as afvist:
        assert afvist.fejl and all(
            isinstance(linje, int) and besked for linje, besked in afvist.fejl
        )
        assert (Borger.objects.count(), Ydelsesperiode.objects.count()) == foer


@HURTIG
@given(indhold=st.binary(max_size=200), filnavn=st.sampled_from(["x.csv", "x.xlsx", "x.txt"]))
def test_any_bytes_as_an_import_file_are_answered_without_a_crash(administrator, indhold, filnavn):
    foer = Borger.objects.count()
    try:
        importer(type_="borgere", indhold=indhold, filnavn=filnavn, bruger=administrator)
    except Afvist as afvist:
        assert afvist.fejl
    assert Borger.objects.count() == foer
