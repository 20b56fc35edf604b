"""Agreements (edited by administrators, read by everyone in the jobcentre), and the
virksomhedscentre with their places and mentors."""

from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from jobcenter.access import hent_eget, kraev_jobcenter, kraev_rolle
from jobcenter.historik import historik
from jobcenter.paneler import emner, paneler
from jobcenter.views import formularside

from .. import access, services
from ..forms import (
    AftaleForm,
    MentorForm,
    PladsForm,
    VirksomhedscenterForm,
    VirksomhedscenterOpretForm,
)
from ..models import Aftale, Aftalestatus, Aftaletype, Mentor, Plads, Virksomhedscenter
from .virksomhed import hent_virksomhed

CENTERDELE = {
    "plads": (Plads, PladsForm, "plads", "pladsen"),
    "mentor": (Mentor, MentorForm, "mentor", "mentoren"),
}


@kraev_jobcenter
def aftaler(request: HttpRequest) -> HttpResponse:
    alle = Aftale.objects.synlige_for(request.user).select_related("virksomhed", "ansvarlig")
    status = request.GET.get("status") or Aftalestatus.AKTIV
    if status not in Aftalestatus.values and status != "alle":
        raise Http404
    context = {
        "aftaler": alle if status == "alle" else alle.filter(status=status),
        "status": status,
        "statusser": Aftalestatus.choices,
        "centre": Virksomhedscenter.objects.synlige_for(request.user)
        .filter(aktiv=True)
        .select_related("virksomhed", "tovholder")
        .annotate(antal_pladser=Count("pladser", filter=Q(pladser__aktiv=True))),
    }
    return render(request, "virksomheder/aftaler.html", context)


@kraev_jobcenter
def aftale(request: HttpRequest, pk: int) -> HttpResponse:
    aftale = hent_eget(request, Aftale, pk)
    context = {
        "aftale": aftale,
        "centre": aftale.virksomhedscentre.annotate(
            antal_pladser=Count("pladser", filter=Q(pladser__aktiv=True))
        ),
        "historik": historik(aftale),
        "opgaver": emner(
            "opgave_emner", request, aftale.opgaver.aabne().select_related("ansvarlig")
        ),
        "paneler": paneler("aftale_panel", request, aftale),
        "idag": timezone.localdate(),
    }
    return render(request, "virksomheder/aftale.html", context)


def aftaleformular(request: HttpRequest, aftale: Aftale, titel: str) -> HttpResponse:
    kraev_rolle(access.kan_rette_aftale(request.user))

    def gem(form: AftaleForm) -> Aftale | str:
        aftale = services.gem_aftale(bruger=request.user, aftale=form.save(commit=False))
        if aftale.type == Aftaletype.VIRKSOMHEDSCENTER and not aftale.virksomhedscentre.exists():
            # A centre contract is followed at once by the centre and its places.
            url = reverse("virksomheder:center_opret", args=[aftale.virksomhed_id])
            return f"{url}?aftale={aftale.pk}"
        return aftale

    return formularside(
        request,
        AftaleForm(request.POST or None, instance=aftale, bruger=request.user),
        titel=titel,
        tilbage=(aftale if aftale.pk else aftale.virksomhed).get_absolute_url(),
        gem=gem,
        besked=lambda videre: (
            "Aftalen er gemt."
            + (" Opret nu virksomhedscentret og dets pladser." if isinstance(videre, str) else "")
        ),
        knap="Gem aftale",
    )


@kraev_jobcenter
def aftale_opret(request: HttpRequest, pk: int) -> HttpResponse:
    virksomhed = hent_virksomhed(pk)
    return aftaleformular(
        request, Aftale(virksomhed=virksomhed), f"Ny aftale med {virksomhed.navn}"
    )


@kraev_jobcenter
def aftale_rediger(request: HttpRequest, pk: int) -> HttpResponse:
    aftale = hent_eget(request, Aftale, pk)
    return aftaleformular(request, aftale, f"Ret aftalen »{aftale.titel}«")


@kraev_jobcenter
def center(request: HttpRequest, pk: int) -> HttpResponse:
    center = hent_eget(request, Virksomhedscenter, pk)
    context = {
        "center": center,
        "pladser": center.pladser.all(),
        "mentorer": center.mentorer.all(),
        "paneler": paneler("center_panel", request, center),
    }
    return render(request, "virksomheder/center.html", context)


@kraev_jobcenter
def center_opret(request: HttpRequest, pk: int) -> HttpResponse:
    kraev_rolle(access.kan_rette_center(request.user))
    virksomhed = hent_virksomhed(pk)
    return formularside(
        request,
        VirksomhedscenterOpretForm(
            request.POST or None,
            instance=Virksomhedscenter(virksomhed=virksomhed),
            bruger=request.user,
            initial={"aftale": request.GET.get("aftale"), "antal_pladser": 4},
        ),
        titel=f"Nyt virksomhedscenter hos {virksomhed.navn}",
        tilbage=virksomhed.get_absolute_url(),
        gem=lambda form: services.opret_virksomhedscenter(
            bruger=request.user,
            center=form.save(commit=False),
            antal_pladser=form.cleaned_data["antal_pladser"],
            funktion=form.cleaned_data["funktion"],
        ),
        besked=lambda center: f"{center.navn} er oprettet med {center.pladser.count()} pladser.",
        knap="Opret",
    )


@kraev_jobcenter
def center_rediger(request: HttpRequest, pk: int) -> HttpResponse:
    center = hent_eget(request, Virksomhedscenter, pk)
    kraev_rolle(access.kan_rette_center(request.user))
    return formularside(
        request,
        VirksomhedscenterForm(request.POST or None, instance=center, bruger=request.user),
        titel=f"Ret {center.navn}",
        tilbage=center.get_absolute_url(),
        gem=lambda form: form.save(),
        besked="Virksomhedscentret er gemt.",
    )


@kraev_jobcenter
def center_del(request: HttpRequest, pk: int, art: str, del_pk: int | None = None):
    """Add or change a place (art=plads) or a mentor (art=mentor) of a centre."""
    if art not in CENTERDELE:
        raise Http404
    center = hent_eget(request, Virksomhedscenter, pk)
    kraev_rolle(access.kan_rette_center(request.user))
    model, form_class, navn, bestemt = CENTERDELE[art]
    instance = (
        get_object_or_404(model, pk=del_pk, virksomhedscenter=center)
        if del_pk
        else model(virksomhedscenter=center)
    )
    return formularside(
        request,
        form_class(request.POST or None, instance=instance),
        titel=f"{'Ret' if del_pk else 'Tilføj'} {navn} i {center.navn}",
        tilbage=center.get_absolute_url(),
        gem=lambda form: form.save().virksomhedscenter,
        besked=f"{bestemt.capitalize()} er gemt.",
    )
