"""Agreements (edited by administrators, read by everyone in the jobcentre), and the
virksomhedscentre with their places and mentors."""

from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from jobcenter.access import hent_eget, kraev_jobcenter, kraev_rolle
from jobcenter.historik import historik
from jobcenter.paneler import paneler

from .. import services
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
        "opgaver": aftale.opgaver.aabne().select_related("ansvarlig"),
        "paneler": paneler("aftale_panel", request, aftale),
        "idag": timezone.localdate(),
    }
    return render(request, "virksomheder/aftale.html", context)


def aftaleformular(request: HttpRequest, aftale: Aftale, titel: str) -> HttpResponse:
    kraev_rolle(request, request.user.er_administrator)
    form = AftaleForm(request.POST or None, instance=aftale, bruger=request.user)
    if request.method == "POST" and form.is_valid():
        aftale = services.gem_aftale(bruger=request.user, aftale=form.save(commit=False))
        messages.success(request, f"Aftalen »{aftale.titel}« er gemt.")
        if aftale.type == Aftaletype.VIRKSOMHEDSCENTER and not aftale.virksomhedscentre.exists():
            messages.info(request, "Opret nu virksomhedscentret og dets pladser under kontrakten.")
            url = reverse("virksomheder:center_opret", args=[aftale.virksomhed_id])
            return redirect(f"{url}?aftale={aftale.pk}")
        return redirect(aftale)
    tilbage = aftale if aftale.pk else aftale.virksomhed
    context = {"titel": titel, "form": form, "tilbage_objekt": tilbage, "knap": "Gem aftale"}
    return render(request, "form_side.html", context)


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
    kraev_rolle(request, request.user.er_administrator)
    virksomhed = hent_virksomhed(pk)
    form = VirksomhedscenterOpretForm(
        request.POST or None,
        instance=Virksomhedscenter(virksomhed=virksomhed),
        bruger=request.user,
        initial={"aftale": request.GET.get("aftale"), "antal_pladser": 4},
    )
    if request.method == "POST" and form.is_valid():
        center = services.opret_virksomhedscenter(
            bruger=request.user,
            center=form.save(commit=False),
            antal_pladser=form.cleaned_data["antal_pladser"],
            funktion=form.cleaned_data["funktion"],
        )
        messages.success(
            request, f"{center.navn} er oprettet med {center.pladser.count()} pladser."
        )
        return redirect(center)
    context = {"titel": f"Nyt virksomhedscenter hos {virksomhed.navn}", "form": form}
    return render(
        request, "form_side.html", {**context, "tilbage_objekt": virksomhed, "knap": "Opret"}
    )


@kraev_jobcenter
def center_rediger(request: HttpRequest, pk: int) -> HttpResponse:
    center = hent_eget(request, Virksomhedscenter, pk)
    kraev_rolle(request, request.user.er_administrator)
    form = VirksomhedscenterForm(request.POST or None, instance=center, bruger=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Virksomhedscentret er gemt.")
        return redirect(center)
    context = {"titel": f"Ret {center.navn}", "form": form, "tilbage_objekt": center}
    return render(request, "form_side.html", {**context, "knap": "Gem"})


@kraev_jobcenter
def center_del(request: HttpRequest, pk: int, art: str, del_pk: int | None = None):
    """Add or change a place (art=plads) or a mentor (art=mentor) of a centre."""
    if art not in CENTERDELE:
        raise Http404
    center = hent_eget(request, Virksomhedscenter, pk)
    kraev_rolle(request, request.user.er_administrator)
    model, form_class, navn, bestemt = CENTERDELE[art]
    instance = (
        get_object_or_404(model, pk=del_pk, virksomhedscenter=center)
        if del_pk
        else model(virksomhedscenter=center)
    )
    form = form_class(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"{bestemt.capitalize()} er gemt.")
        return redirect(center)
    titel = f"{'Ret' if del_pk else 'Tilføj'} {navn} i {center.navn}"
    context = {"titel": titel, "form": form, "tilbage_objekt": center, "knap": "Gem"}
    return render(request, "form_side.html", context)
