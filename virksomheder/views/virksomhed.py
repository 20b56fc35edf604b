"""The company register and the company page that speaks with one voice."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from jobcenter.access import kraev_jobcenter
from jobcenter.find import forslag
from jobcenter.paneler import emner, paneler
from jobcenter.views import formularside

from .. import services
from ..filters import VirksomhedFilter
from ..forms import (
    ArbejdsstedForm,
    KontaktansvarligForm,
    KontaktpersonForm,
    NotatForm,
    SegmenteringForm,
    VirksomhedForm,
    VirksomhedOpretForm,
)
from ..models import (
    Aftale,
    Arbejdssted,
    Jobordre,
    Kontakt,
    Kontaktperson,
    Opgave,
    Plads,
    Virksomhed,
    Virksomhedscenter,
    Virksomhedsforhold,
    Virksomhedsnotat,
)
from ..opslag import VirksomhedOpslag

PER_SIDE = 25
UNDERSIDER = {
    "arbejdssted": (Arbejdssted, ArbejdsstedForm, "arbejdssted", "arbejdsstedet"),
    "kontaktperson": (Kontaktperson, KontaktpersonForm, "kontaktperson", "kontaktpersonen"),
}


def hent_virksomhed(pk: int) -> Virksomhed:
    """Companies are shared by all jobcentres; what a jobcentre keeps about one is scoped on
    the page itself."""
    return get_object_or_404(Virksomhed.objects.select_related("branche", "kommune"), pk=pk)


@kraev_jobcenter
def liste(request: HttpRequest) -> HttpResponse:
    filter_ = VirksomhedFilter(
        request.GET or None,
        queryset=Virksomhed.objects.select_related("branche", "kommune"),
    )
    side = Paginator(filter_.qs, PER_SIDE).get_page(request.GET.get("side"))
    return render(request, "virksomheder/liste.html", {"filter": filter_, "side": side})


@kraev_jobcenter
def detalje(request: HttpRequest, pk: int) -> HttpResponse:
    """Everything the user's jobcentre has with the company, on one page."""
    virksomhed = hent_virksomhed(pk)
    bruger = request.user
    forhold = (
        Virksomhedsforhold.objects.filter(jobcenter_id=bruger.jobcenter_id, virksomhed=virksomhed)
        .select_related("kontaktansvarlig")
        .prefetch_related("segmenter")
        .first()
    )
    context = {
        "virksomhed": virksomhed,
        "forhold": forhold,
        "arbejdssteder": virksomhed.arbejdssteder.select_related("kommune"),
        "kontaktpersoner": virksomhed.kontaktpersoner.all(),
        "kontakter": Kontakt.objects.synlige_for(bruger)
        .filter(virksomhed=virksomhed)
        .select_related("kontaktperson", "arbejdssted")
        .prefetch_related("medarbejdere")[:50],
        "opgaver": emner(
            "opgave_emner",
            request,
            Opgave.objects.synlige_for(bruger)
            .aabne()
            .filter(virksomhed=virksomhed)
            .select_related("ansvarlig"),
        ),
        "aftaler": Aftale.objects.synlige_for(bruger).filter(virksomhed=virksomhed),
        "centre": Virksomhedscenter.objects.synlige_for(bruger)
        .filter(virksomhed=virksomhed)
        .select_related("tovholder", "aftale")
        .prefetch_related(Prefetch("pladser", queryset=Plads.objects.filter(aktiv=True))),
        "jobordrer": Jobordre.objects.synlige_for(bruger).filter(virksomhed=virksomhed),
        "notater": Virksomhedsnotat.objects.synlige_for(bruger)
        .filter(virksomhed=virksomhed)
        .select_related("forfatter"),
        "notat_form": NotatForm(),
        "kontaktansvarlig_form": KontaktansvarligForm(
            jobcenter=bruger.jobcenter,
            initial={"kontaktansvarlig": forhold.kontaktansvarlig if forhold else None},
        ),
        "segmentering_form": SegmenteringForm(
            jobcenter=bruger.jobcenter,
            initial={
                "prioritetsgruppe": forhold.prioritetsgruppe if forhold else None,
                "segmenter": list(forhold.segmenter.all()) if forhold else [],
            },
        ),
        "paneler": paneler("virksomhed_panel", request, virksomhed),
        "idag": timezone.localdate(),
    }
    return render(request, "virksomheder/detalje.html", context)


@kraev_jobcenter
def opret(request: HttpRequest) -> HttpResponse:
    return formularside(
        request,
        VirksomhedOpretForm(request.POST or None),
        titel="Opret virksomhed",
        tilbage=reverse("virksomheder:liste"),
        gem=lambda form: form.save(),
        besked=lambda virksomhed: f"{virksomhed.navn} er oprettet.",
        knap="Opret",
    )


@kraev_jobcenter
def rediger(request: HttpRequest, pk: int) -> HttpResponse:
    virksomhed = hent_virksomhed(pk)
    return formularside(
        request,
        VirksomhedForm(request.POST or None, instance=virksomhed),
        titel=f"Ret {virksomhed.navn}",
        tilbage=virksomhed.get_absolute_url(),
        gem=lambda form: form.save(),
        besked="Virksomhedens oplysninger er gemt.",
    )


@kraev_jobcenter
def underside(request: HttpRequest, pk: int, art: str, del_pk: int | None = None):
    """Add or change a workplace (art=arbejdssted) or a contact person (art=kontaktperson)."""
    if art not in UNDERSIDER:
        raise Http404
    model, form_class, navn, bestemt = UNDERSIDER[art]
    virksomhed = hent_virksomhed(pk)
    instance = (
        get_object_or_404(model, pk=del_pk, virksomhed=virksomhed)
        if del_pk
        else model(virksomhed=virksomhed)
    )
    return formularside(
        request,
        form_class(request.POST or None, instance=instance),
        titel=f"{'Ret' if del_pk else 'Tilføj'} {navn} hos {virksomhed.navn}",
        tilbage=virksomhed.get_absolute_url(),
        gem=lambda form: form.save().virksomhed,
        besked=f"{bestemt.capitalize()} er gemt.",
    )


@kraev_jobcenter
@require_POST
def notat(request: HttpRequest, pk: int) -> HttpResponse:
    virksomhed = hent_virksomhed(pk)
    form = NotatForm(request.POST)
    if form.is_valid():
        services.opret_notat(
            bruger=request.user, virksomhed=virksomhed, tekst=form.cleaned_data["tekst"]
        )
        messages.success(request, "Notatet er gemt.")
    else:
        messages.error(request, "Notatet blev ikke gemt: skriv en tekst.")
    return redirect(virksomhed)


@kraev_jobcenter
@require_POST
def kontaktansvarlig(request: HttpRequest, pk: int) -> HttpResponse:
    virksomhed = hent_virksomhed(pk)
    form = KontaktansvarligForm(request.POST, jobcenter=request.user.jobcenter)
    if form.is_valid():
        services.saet_kontaktansvarlig(
            bruger=request.user,
            virksomhed=virksomhed,
            kontaktansvarlig=form.cleaned_data["kontaktansvarlig"],
        )
        messages.success(request, "Kontaktansvarlig er gemt.")
    else:
        messages.error(request, "Vælg en medarbejder fra jeres eget jobcenter.")
    return redirect(virksomhed)


@kraev_jobcenter
@require_POST
def segmentering(request: HttpRequest, pk: int) -> HttpResponse:
    virksomhed = hent_virksomhed(pk)
    form = SegmenteringForm(request.POST, jobcenter=request.user.jobcenter)
    if form.is_valid():
        services.saet_segmentering(bruger=request.user, virksomhed=virksomhed, **form.cleaned_data)
        messages.success(request, "Prioritetsgruppe og segmenter er gemt.")
    else:
        messages.error(request, "Segmenteringen blev ikke gemt: vælg blandt jeres egne segmenter.")
    return redirect(virksomhed)


def forside_panel(request: HttpRequest) -> str:
    """The companies' part of the home page."""
    bruger = request.user
    context = {
        "antal_virksomheder": Virksomhed.objects.count(),
        "antal_med_ansvar": Virksomhedsforhold.objects.filter(
            jobcenter_id=bruger.jobcenter_id, kontaktansvarlig__isnull=False
        ).count(),
        "mine": Virksomhed.objects.filter(
            forhold__jobcenter_id=bruger.jobcenter_id, forhold__kontaktansvarlig=bruger
        )[:10],
        "opgaver": emner(
            "opgave_emner",
            request,
            Opgave.objects.synlige_for(bruger)
            .aabne()
            .filter(ansvarlig=bruger)
            .select_related("virksomhed")[:5],
        ),
        "idag": timezone.localdate(),
    }
    return render_to_string("virksomheder/forside_panel.html", context, request=request)


@require_POST
@kraev_jobcenter
def find(request: HttpRequest) -> HttpResponse:
    """The type-ahead of the company pickers (POST: what is typed never stands in a URL)."""
    return forslag(request, VirksomhedOpslag(request.user))
