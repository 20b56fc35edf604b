"""The place board: every virksomhedscenter place of the jobcentre, free, reserved or filled."""

from collections import Counter

from django import forms
from django.db.models import prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from jobcenter import export
from jobcenter.access import hent_eget, kraev_jobcenter
from jobcenter.forms import Soegefelt
from jobcenter.views import formularside
from virksomheder.models import Branche, Plads

from .. import services
from ..forms import ForloebOpretForm
from ..models import Praktikforloeb
from ..services.pladser import Tilstand
from .forloeb import opret_og_advar

EKSPORT = export.Eksport(
    "Pladsoversigt",
    [
        export.tekst("virksomhed"),
        export.tekst("virksomhedscenter"),
        export.heltal("plads"),
        export.tekst("funktion"),
        export.tekst("målgruppe"),
        export.tekst("status"),
        export.dato("forløb fra"),
        export.dato("forløb til"),
        export.dato("fri siden"),
        export.heltal("dage tom"),
    ],
)


class PladsFilter(forms.Form):
    virksomhed = Soegefelt(label="Virksomhed", widget=forms.TextInput)
    branche = forms.ModelChoiceField(
        label="Branche", queryset=Branche.objects.all(), required=False, empty_label="Alle"
    )
    funktion = Soegefelt(label="Funktion", widget=forms.TextInput)
    maalgruppe = Soegefelt(label="Målgruppe", widget=forms.TextInput)
    kun_fri = forms.BooleanField(label="Kun fri pladser", required=False)
    skjul_frivilligt = True


def rows(oversigt, dato):
    """The board as plain rows: no citizen, only whether the place is filled."""
    for status in oversigt:
        plads, forloeb = status.plads, status.forloeb
        yield [
            plads.virksomhedscenter.virksomhed.navn,
            plads.virksomhedscenter.navn,
            plads.pk,
            plads.funktion,
            plads.maalgruppe or plads.virksomhedscenter.maalgruppe,
            status.tilstand,
            forloeb and forloeb.start,
            forloeb and (forloeb.faktisk_slut or forloeb.planlagt_slut),
            status.fri_siden,
            status.dage_tom(dato) if status.fri else None,
        ]


@kraev_jobcenter
def pladsoversigt(request: HttpRequest) -> HttpResponse:
    dato = timezone.localdate()
    filter_ = PladsFilter(request.GET or None)
    kriterier = filter_.cleaned_data if filter_.is_valid() else {}
    oversigt = services.pladsoversigt(jobcenter=request.user.jobcenter, dato=dato, **kriterier)
    filnavn = f"pladsoversigt-{dato:%Y-%m-%d}"
    if request.GET.get("format") in export.FORMATER:
        return EKSPORT.svar(request.GET["format"], filnavn, rows(oversigt, dato))
    holdte = [status.forloeb for status in oversigt if status.forloeb]
    prefetch_related_objects(holdte, "borger")
    services.registrer_visning(bruger=request.user, borger_ids=[f.borger_id for f in holdte])
    antal = Counter(status.tilstand for status in oversigt)
    context = {
        "filter": filter_,
        "oversigt": [(status, status.dage_tom(dato)) for status in oversigt],
        "fri": antal[Tilstand.FRI],
        "reserverede": antal[Tilstand.RESERVERET],
        "fyldte": antal[Tilstand.FYLDT],
        "dato": dato,
        "eksport": request.GET.urlencode(),
    }
    return render(request, "borgere/pladsoversigt.html", context)


@kraev_jobcenter
def plads_fyld(request: HttpRequest, plads_pk: int) -> HttpResponse:
    """Fill a free place by creating a forløb in it for one of the jobcentre's citizens."""
    plads = hent_eget(request, Plads, plads_pk, aktiv=True)
    center = plads.virksomhedscenter
    return formularside(
        request,
        ForloebOpretForm(
            request.POST or None,
            instance=Praktikforloeb(virksomhed=center.virksomhed, plads=plads),
            bruger=request.user,
        ),
        titel=f"Fyld en plads i {center.navn}: {plads.funktion}",
        tilbage=reverse("borgere:pladsoversigt"),
        gem=opret_og_advar(request),
        besked="Forløbet er oprettet i pladsen. Skriv praktikaftalen, før det kan starte.",
        knap="Opret forløb i pladsen",
    )
