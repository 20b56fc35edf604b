"""Taking a measurement, the citizen's panel of measurements and screening, the due list and the
leader's tiles about them (issue 16 §2, §8)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from borgere.models import Borger, Handling
from borgere.services import registrer_adgang, registrer_visning
from jobcenter.access import hent_eget, kraev
from jobcenter.paneler import Tavle

from .. import access
from ..forms import ALLE, ForfaldneForm, MaalingForm
from ..models import Art, Instrument, Maaling
from ..services import maaling as services

PER_SIDE = 25


def hent_borger(request: HttpRequest, pk: int) -> Borger:
    borger = hent_eget(request, Borger, pk)
    registrer_adgang(bruger=request.user, borger=borger, handling=Handling.VIST)
    return borger


@kraev(access.kan_maale)
@require_http_methods(["GET", "POST"])
def maal(request: HttpRequest, borger_pk: int, instrument_pk: int) -> HttpResponse:
    borger = hent_borger(request, borger_pk)
    instrument = get_object_or_404(
        Instrument.objects.i_brug(jobcenter_id=request.user.jobcenter_id).prefetch_related(
            "indikatorer"
        ),
        pk=instrument_pk,
    )
    form = MaalingForm(request.POST or None, instrument=instrument, borger=borger)
    if request.method == "POST" and form.is_valid():
        try:
            maaling = services.registrer_maaling(
                bruger=request.user,
                borger=borger,
                instrument=instrument,
                dato=form.cleaned_data["dato"],
                vaerdier=form.vaerdier(),
                idag=timezone.localdate(),
                **form.tilknytning(),
            )
        except ValidationError as fejl:
            form.add_error(None, fejl)
        else:
            besked = f"{instrument.navn} er gemt."
            if maaling.kategori:
                besked += f" Kategori: {maaling.kategori.navn}."
            messages.success(request, besked)
            return redirect(borger)
    return render(
        request,
        "virkning/maaling_form.html",
        {"borger": borger, "instrument": instrument, "form": form},
    )


def hent_maaling(request: HttpRequest, pk: int) -> Maaling:
    maaling = get_object_or_404(
        Maaling.objects.synlige_for(request.user).select_related(
            "borger",
            "instrument",
            "kategori",
            "udfyldt_af",
            "forloeb__type",
            "forloeb__virksomhed",
            "tilmelding__kursuskob__hold__kursus",
        ),
        pk=pk,
    )
    registrer_adgang(bruger=request.user, borger=maaling.borger, handling=Handling.VIST)
    return maaling


@kraev(access.kan_maale)
def maaling(request: HttpRequest, pk: int) -> HttpResponse:
    maaling = hent_maaling(request, pk)
    return render(
        request,
        "virkning/maaling.html",
        {
            "maaling": maaling,
            "svar": maaling.svar.select_related("indikator").order_by(
                "indikator__stilles_til", "indikator__raekkefoelge", "indikator__pk"
            ),
            "tilmelding": maaling.tilmelding and maaling.tilmelding.kursuskob.hold.kursus,
            "kan_slette": access.kan_slette_maaling(request.user, maaling),
        },
    )


@kraev(access.kan_maale)
@require_http_methods(["GET", "POST"])
def slet(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete a measurement: a page that asks, and a POST that does it."""
    maaling = hent_maaling(request, pk)
    if not access.kan_slette_maaling(request.user, maaling):
        raise PermissionDenied
    if request.method == "POST":
        borger = maaling.borger
        services.slet_maaling(bruger=request.user, maaling=maaling)
        messages.success(request, "Målingen er slettet.")
        return redirect(borger)
    return render(request, "virkning/maaling_slet.html", {"maaling": maaling})


@kraev(access.kan_maale)
def forfaldne(request: HttpRequest) -> HttpResponse:
    """The measurements due and soon due, mine by default (see `services.maaling._mine`)."""
    idag = timezone.localdate()
    form = ForfaldneForm(request.GET or None, bruger=request.user)
    konsulent = form.konsulent(request.user)
    side = Paginator(
        services.forfaldne(jobcenter_id=request.user.jobcenter_id, idag=idag, konsulent=konsulent),
        PER_SIDE,
    ).get_page(request.GET.get("side"))
    side.object_list = services.raekker(side.object_list, idag=idag)
    borger_ids = [r.borger.pk for r in side.object_list]
    registrer_visning(bruger=request.user, borger_ids=borger_ids)
    return render(
        request,
        "virkning/forfaldne.html",
        {
            "form": form,
            "side": side,
            "konsulent": konsulent,
            "egne": konsulent == request.user,
            "snart_dage": services.SNART_DAGE,
        },
    )


def borger_panel(request: HttpRequest, borger: Borger) -> str:
    """The citizen page's part (the page logs the access): the latest screening and its reasons,
    the measurements taken, when the next falls due, and a button per instrument."""
    idag = timezone.localdate()
    maalinger = list(
        Maaling.objects.synlige_for(request.user)
        .filter(borger=borger)
        .select_related("instrument", "kategori", "forloeb__type", "forloeb__virksomhed")
        .order_by("-dato", "-pk")
    )
    screening = next((m for m in maalinger if m.instrument.art == Art.SCREENING), None)
    kan_maale = access.kan_maale(request.user)
    instrumenter = (
        list(Instrument.objects.i_brug(jobcenter_id=borger.jobcenter_id).order_by("navn"))
        if kan_maale
        else []
    )
    context = {
        "borger": borger,
        "screening": screening,
        "maalinger": maalinger[:10],
        "flere": max(len(maalinger) - 10, 0),
        "frister": services.naeste_frister(borger=borger, idag=idag),
        "idag": idag,
        "instrumenter": instrumenter,
        "har_screening_instrument": any(i.art == Art.SCREENING for i in instrumenter),
    }
    return render_to_string("virkning/_borger_maaling.html", context, request=request)


def ledertavler(request: HttpRequest) -> list[Tavle]:
    """Two counts for the leader: the measurements overdue, and the share of the target group
    screened. No names."""
    idag = timezone.localdate()
    jobcenter_id = request.user.jobcenter_id
    antal = services.antal_forfaldne(jobcenter_id=jobcenter_id, idag=idag)
    liste = reverse("virkning:forfaldne") + f"?hvem={ALLE}"
    andel = services.screeningsandel(jobcenter_id=jobcenter_id, idag=idag)
    if not andel.har_screening:
        screening = Tavle(
            titel="Screenet af målgruppen",
            tal="–",
            tekst="jobcentret har intet aktivt screeningsinstrument",
            url=liste,
        )
    else:
        screening = Tavle(
            titel="Screenet af målgruppen",
            tal="–" if andel.procent is None else f"{andel.procent} %",
            tekst=f"{andel.screenet} af {andel.i_maalgruppen} borgere i målgruppen er screenet, "
            "siden de kom i den",
            url=liste,
            advarsel=andel.screenet < andel.i_maalgruppen,
        )
    return [
        Tavle(
            titel="Målinger, der er forfaldne",
            tal=str(antal),
            tekst="målinger skulle være taget i dag eller før"
            if antal
            else "ingen målinger er forfaldne",
            url=liste,
            advarsel=antal > 0,
        ),
        screening,
    ]
