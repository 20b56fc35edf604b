"""Networks of jobcentres. Every jobcentre can see which networks exist and who is in them (the
national mapping is public); the meetings and minutes are for the members."""

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from jobcenter.access import kraev_jobcenter, kraev_rolle
from jobcenter.views import formularside

from .. import access
from ..forms import MedlemForm, MoedeForm, NetvaerkForm
from ..models import Kursuskob, Netvaerk, Netvaerksmedlem, Netvaerksmoede


@kraev_jobcenter
def liste(request: HttpRequest) -> HttpResponse:
    netvaerk = Netvaerk.objects.prefetch_related("medlemmer__jobcenter")
    egne = set(Netvaerk.objects.med_medlem(request.user.jobcenter_id).values_list("pk", flat=True))
    return render(request, "kursuskob/netvaerk_liste.html", {"netvaerk": netvaerk, "egne": egne})


@kraev_jobcenter
def detalje(request: HttpRequest, pk: int) -> HttpResponse:
    netvaerk = get_object_or_404(Netvaerk, pk=pk)
    medlem = netvaerk.har_medlem(request.user.jobcenter_id)
    context = {
        "netvaerk": netvaerk,
        "medlemmer": netvaerk.medlemmer.select_related("jobcenter"),
        "medlem": medlem,
        "leder": medlem and access.kan_rette_netvaerk(request.user, netvaerk),
        "moeder": netvaerk.moeder.select_related("oprettet_af") if medlem else None,
        "kob": Kursuskob.objects.synlige_for(request.user)
        .filter(netvaerk=netvaerk)
        .select_related("hold__kursus", "hold__institution"),
    }
    return render(request, "kursuskob/netvaerk.html", context)


@kraev_jobcenter
def opret(request: HttpRequest) -> HttpResponse:
    """A leader creates a network; their jobcentre is its first member."""
    kraev_rolle(access.kan_oprette_netvaerk(request.user))

    @transaction.atomic
    def gem(form):
        netvaerk = form.save()
        Netvaerksmedlem.objects.create(netvaerk=netvaerk, jobcenter=request.user.jobcenter)
        return netvaerk

    return formularside(
        request,
        NetvaerkForm(request.POST or None),
        titel="Nyt netværk",
        tilbage=reverse("kursuskob:netvaerk_liste"),
        gem=gem,
        besked=lambda netvaerk: f"{netvaerk} er oprettet med jeres jobcenter som medlem.",
        knap="Opret",
    )


def hent_som_medlem(request: HttpRequest, pk: int, *, leder: bool) -> Netvaerk:
    """A network the user's jobcentre is a member of, or 404; 403 when a leader is needed."""
    netvaerk = get_object_or_404(Netvaerk.objects.med_medlem(request.user.jobcenter_id), pk=pk)
    kraev_rolle(not leder or access.kan_rette_netvaerk(request.user, netvaerk))
    return netvaerk


@kraev_jobcenter
def rediger(request: HttpRequest, pk: int) -> HttpResponse:
    netvaerk = hent_som_medlem(request, pk, leder=True)
    return formularside(
        request,
        NetvaerkForm(request.POST or None, instance=netvaerk),
        titel=f"Ret {netvaerk}",
        tilbage=netvaerk.get_absolute_url(),
        gem=lambda form: form.save(),
        besked="Netværket er gemt.",
    )


@kraev_jobcenter
def medlem_opret(request: HttpRequest, pk: int) -> HttpResponse:
    netvaerk = hent_som_medlem(request, pk, leder=True)
    return formularside(
        request,
        MedlemForm(request.POST or None, instance=Netvaerksmedlem(netvaerk=netvaerk)),
        titel=f"Nyt medlem af {netvaerk}",
        tilbage=netvaerk.get_absolute_url(),
        gem=lambda form: form.save().netvaerk,
        besked="Medlemmet er tilføjet.",
        knap="Tilføj",
    )


@kraev_jobcenter
def moede_opret(request: HttpRequest, pk: int) -> HttpResponse:
    netvaerk = hent_som_medlem(request, pk, leder=False)

    def gem(form):
        moede = form.save(commit=False)
        moede.oprettet_af = request.user
        moede.save()
        return netvaerk

    return formularside(
        request,
        MoedeForm(request.POST or None, instance=Netvaerksmoede(netvaerk=netvaerk)),
        titel=f"Nyt møde i {netvaerk}",
        tilbage=netvaerk.get_absolute_url(),
        gem=gem,
        besked="Mødet er gemt.",
    )
