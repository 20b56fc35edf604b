"""The administrator's pages for the API's system keys, and the API's documentation page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST
from drf_spectacular.generators import SchemaGenerator

from jobcenter.access import hent_eget, kraev, kraev_rolle

from . import access
from .forms import SystemnoegleForm
from .models import Systemnoegle
from .problemer import PROBLEMER
from .services import opret_systemnoegle, tilbagekald_systemnoegle

kraev_styre = kraev(access.kan_styre_systemnoegler)


@kraev_styre
def liste(request: HttpRequest) -> HttpResponse:
    noegler = Systemnoegle.objects.synlige_for(request.user).select_related("oprettet_af")
    return render(request, "api/systemnoegler.html", {"noegler": noegler})


@kraev_styre
def opret(request: HttpRequest) -> HttpResponse:
    form = SystemnoegleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        noegle, hemmelighed = opret_systemnoegle(bruger=request.user, **form.cleaned_data)
        # Shown in this answer only: the page is not cached (NoStoreMiddleware) and the secret
        # is stored nowhere but as its hash.
        side = {"noegle": noegle, "hemmelighed": hemmelighed}
        return render(request, "api/systemnoegle_oprettet.html", side)
    return render(request, "api/systemnoegle_opret.html", {"form": form})


@require_POST
def tilbagekald(request: HttpRequest, pk: int) -> HttpResponse:
    noegle = hent_eget(request, Systemnoegle, pk)
    kraev_rolle(access.kan_styre_systemnoegler(request.user))
    tilbagekald_systemnoegle(noegle=noegle)
    messages.success(request, f"Nøglen til {noegle.navn} er tilbagekaldt og virker ikke længere.")
    return redirect("systemnoegler:liste")


@login_not_required
def dokumentation(request: HttpRequest) -> HttpResponse:
    """The API's operations, read from the same OpenAPI schema /api/v1/schema/ serves, as a
    plain page: no script from elsewhere, under the product's CSP."""
    skema = SchemaGenerator(patterns=None).get_schema(request=None, public=True)
    operationer = [
        {
            "metode": metode.upper(),
            "sti": sti,
            "resume": op.get("summary") or op.get("description", ""),
            "parametre": [p["name"] for p in op.get("parameters", []) if p["in"] == "query"],
            "svar": sorted(op.get("responses", {})),
        }
        for sti, metoder in skema["paths"].items()
        for metode, op in metoder.items()
    ]
    problemer = [
        {"kode": kode, "status": status, "titel": titel}
        for kode, (status, titel) in PROBLEMER.items()
    ]
    return render(
        request,
        "api/dokumentation.html",
        {"operationer": operationer, "problemer": problemer, "info": skema["info"]},
    )
