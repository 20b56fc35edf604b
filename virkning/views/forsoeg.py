"""Controlled trials: the leader's list, the new trial, the trial's page (counts only, no
citizen), stopping early and drawing now; the citizen's assignment on the citizen's page; the
tile of running trials."""

from django.contrib import messages
from django.db.models import Count, Min, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from borgere.models import Borger
from jobcenter.access import hent_eget, kraev, kraev_rolle
from jobcenter.paneler import Tavle

from .. import access
from ..analysis.forsoeg import forklaring
from ..forms import ForsoegForm, StopForm
from ..models import Forsoeg, Gruppe, Lodtraekning
from ..services import forsoeg as services


def med_antal(qs):
    return qs.annotate(
        antal_indsats=Count("lodtraekninger", filter=Q(lodtraekninger__gruppe=Gruppe.INDSATS)),
        antal_kontrol=Count("lodtraekninger", filter=Q(lodtraekninger__gruppe=Gruppe.KONTROL)),
    )


@kraev(access.kan_styre_forsoeg)
def forsoeg_liste(request: HttpRequest) -> HttpResponse:
    alle = med_antal(Forsoeg.objects.synlige_for(request.user))
    return render(
        request,
        "virkning/forsoeg_liste.html",
        {"forsoegene": alle, "idag": timezone.localdate()},
    )


@kraev(access.kan_styre_forsoeg)
def forsoeg_opret(request: HttpRequest) -> HttpResponse:
    form = ForsoegForm(request.POST or None, bruger=request.user)
    if request.method == "POST" and form.is_valid():
        forsoeg = services.opret_forsoeg(bruger=request.user, forsoeg=form.save(commit=False))
        messages.success(
            request,
            f"Forsøget »{forsoeg.navn}« er oprettet. Borgerne trækkes lod hver nat, "
            "eller når du trykker »Træk lod nu«.",
        )
        return redirect(forsoeg)
    return render(request, "virkning/forsoeg_opret.html", {"form": form})


def hent_forsoeg(request: HttpRequest, pk: int) -> Forsoeg:
    """The user's own jobcentre's trial or 404; then 403 unless they may run trials."""
    forsoeg = hent_eget(request, Forsoeg, pk)
    kraev_rolle(access.kan_styre_forsoeg(request.user))
    return forsoeg


def forsoeg(request: HttpRequest, pk: int) -> HttpResponse:
    return vis_forsoeg(request, hent_forsoeg(request, pk), StopForm())


def vis_forsoeg(request: HttpRequest, forsoeg: Forsoeg, stopform: StopForm) -> HttpResponse:
    idag = timezone.localdate()
    resultat = services.forsoegsresultat(forsoeg=forsoeg, idag=idag)
    indikator = forsoeg.indikator.navn if forsoeg.indikator_id else ""
    context = {
        "forsoeg": forsoeg,
        "resultat": resultat,
        "saetning": forklaring(resultat, indikator=indikator),
        "traekker": services.traekker(forsoeg, idag),
        "stopform": stopform,
        "idag": idag,
    }
    return render(request, "virkning/forsoeg.html", context)


@require_POST
def forsoeg_stop(request: HttpRequest, pk: int) -> HttpResponse:
    forsoeg = hent_forsoeg(request, pk)
    form = StopForm(request.POST)
    if forsoeg.stoppet is not None:
        messages.info(request, "Forsøget er allerede stoppet.")
    elif form.is_valid():
        services.stop_forsoeg(
            forsoeg=forsoeg, bruger=request.user, grund=form.cleaned_data["grund"]
        )
        messages.success(request, "Forsøget er stoppet. Der trækkes ikke flere borgere.")
    else:
        # The page again with the error at the field (the form's address ends in #stop).
        return vis_forsoeg(request, forsoeg, form)
    return redirect(forsoeg)


@require_POST
def forsoeg_traek(request: HttpRequest, pk: int) -> HttpResponse:
    forsoeg = hent_forsoeg(request, pk)
    idag = timezone.localdate()
    if not services.traekker(forsoeg, idag):
        messages.error(
            request, "Forsøget trækker ikke lod: det er stoppet, slut eller ikke begyndt."
        )
    else:
        antal = services.traek_lod(forsoeg=forsoeg, idag=idag)
        if antal == 0:
            messages.info(
                request,
                "Ingen nye borgere at trække lod for: ingen, der opfylder kriterierne, er kommet "
                "ind i målgruppen i optaget siden sidste lodtrækning.",
            )
        else:
            messages.success(
                request,
                f"{antal} nye borgere er trukket." if antal != 1 else "1 ny borger er trukket.",
            )
    return redirect(forsoeg)


def borger_panel(request: HttpRequest, borger: Borger) -> str:
    """The citizen's trials, on the citizen's page (which writes the access log)."""
    traek = Lodtraekning.objects.filter(
        borger=borger, forsoeg__jobcenter_id=borger.jobcenter_id
    ).select_related("forsoeg")
    if not traek:
        return ""
    return render_to_string(
        "virkning/_borger_forsoeg.html", {"lodtraekninger": traek}, request=request
    )


def ledertavler(request: HttpRequest) -> list[Tavle]:
    """»Forsøg, der kører«: how many, and the nearest end."""
    if not access.kan_styre_forsoeg(request.user):
        return []
    idag = timezone.localdate()
    koerende = Forsoeg.objects.synlige_for(request.user).filter(
        stoppet__isnull=True, fra__lte=idag, slut__gte=idag
    )
    tal = koerende.aggregate(antal=Count("pk"), naeste=Min("slut"))
    antal = tal["antal"]
    tekst = f"næste slutter {tal['naeste']:%d-%m-%Y}" if antal else "ingen forsøg kører lige nu"
    return [
        Tavle(
            titel="Forsøg, der kører",
            tal=str(antal),
            tekst=tekst,
            url=reverse("virkning:forsoeg_liste"),
        )
    ]
