"""The contact log, follow-up tasks ("Mine opgaver") and the segment coverage view."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Min
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from jobcenter.access import hent_eget, kraev_jobcenter, kraev_rolle
from jobcenter.find import forslag
from jobcenter.paneler import Tavle, emner
from jobcenter.views import formularside

from .. import access, services
from ..forms import KontaktForm, OpgaveForm
from ..models import Kontakt, Opgave
from ..opslag import KontaktOpslag
from .virksomhed import hent_virksomhed

UDFOERT_VIST = datetime.timedelta(days=14)


@kraev_jobcenter
def kontakt_opret(request: HttpRequest, pk: int) -> HttpResponse:
    virksomhed = hent_virksomhed(pk)
    form = KontaktForm(
        request.POST or None,
        instance=Kontakt(virksomhed=virksomhed),
        virksomhed=virksomhed,
        bruger=request.user,
    )

    def gem(form: KontaktForm) -> Kontakt:
        data = form.cleaned_data
        return services.registrer_kontakt(
            bruger=request.user,
            kontakt=form.save(commit=False),
            medarbejdere=list(data["medarbejdere"]),
            opfoelgning_frist=data["opfoelgning_frist"],
            opfoelgning_ansvarlig=data["opfoelgning_ansvarlig"],
        ).virksomhed

    return formularside(
        request,
        form,
        titel=f"Registrér kontakt med {virksomhed.navn}",
        tilbage=virksomhed.get_absolute_url(),
        gem=gem,
        besked=lambda _: kontakt_besked(form.instance),
        knap="Registrér kontakt",
    )


def kontakt_besked(kontakt: Kontakt) -> str:
    opgaver = kontakt.opgaver.count()
    if not opgaver:
        return "Kontakten er registreret."
    return f"Kontakten er registreret og har givet {opgaver} opgave{'r' if opgaver > 1 else ''}."


@kraev_jobcenter
def opgave_opret(request: HttpRequest, pk: int) -> HttpResponse:
    virksomhed = hent_virksomhed(pk)
    return formularside(
        request,
        OpgaveForm(
            request.POST or None, instance=Opgave(virksomhed=virksomhed), bruger=request.user
        ),
        titel=f"Ny opgave om {virksomhed.navn}",
        tilbage=virksomhed.get_absolute_url(),
        gem=lambda form: (
            services.opret_opgave(bruger=request.user, opgave=form.save(commit=False)).virksomhed
        ),
        besked="Opgaven er oprettet.",
        knap="Opret",
    )


@kraev_jobcenter
@require_POST
def opgave_afslut(request: HttpRequest, pk: int) -> HttpResponse:
    opgave = hent_eget(request, Opgave, pk, udfoert__isnull=True)
    services.afslut_opgave(bruger=request.user, opgave=opgave)
    # The message carries the undo button (templates/includes/beskeder.html).
    messages.success(
        request,
        f"»{opgave.titel}« er udført.",
        extra_tags=reverse("virksomheder:opgave_fortryd", args=[opgave.pk]),
    )
    return tilbage(request)


@kraev_jobcenter
@require_POST
def opgave_fortryd(request: HttpRequest, pk: int) -> HttpResponse:
    opgave = hent_eget(request, Opgave, pk, udfoert__isnull=False)
    try:
        services.fortryd_opgave(bruger=request.user, opgave=opgave)
    except ValidationError as fejl:
        messages.error(request, " ".join(fejl.messages))
    else:
        messages.success(request, f"»{opgave.titel}« er åben igen.")
    return tilbage(request)


def tilbage(request: HttpRequest) -> HttpResponse:
    """Back to the page the button was on (a local path only), or to Mine opgaver."""
    naeste = request.POST.get("naeste", "")
    return redirect(
        naeste if naeste.startswith("/") and not naeste.startswith("//") else "virksomheder:opgaver"
    )


@kraev_jobcenter
def opgaver(request: HttpRequest) -> HttpResponse:
    """Mine opgaver: the user's open tasks, overdue first, and what they finished lately."""
    idag = timezone.localdate()
    egne = Opgave.objects.synlige_for(request.user).filter(ansvarlig=request.user)
    aabne = emner("opgave_emner", request, egne.aabne().select_related("virksomhed"))
    context = {
        "forfaldne": [o for o in aabne if o.frist < idag],
        "i_dag": [o for o in aabne if o.frist == idag],
        "kommende": [o for o in aabne if o.frist > idag],
        "udfoerte": emner(
            "opgave_emner",
            request,
            egne.filter(udfoert__gte=timezone.now() - UDFOERT_VIST)
            .select_related("virksomhed")
            .order_by("-udfoert"),
        ),
        "idag": idag,
    }
    return render(request, "virksomheder/opgaver.html", context)


@kraev_jobcenter
def team(request: HttpRequest) -> HttpResponse:
    """For a leader: the team's overdue tasks, by owner."""
    kraev_rolle(access.kan_se_teamets_opgaver(request.user))
    idag = timezone.localdate()
    forfaldne = emner(
        "opgave_emner",
        request,
        Opgave.objects.synlige_for(request.user)
        .forfaldne(idag)
        .select_related("ansvarlig", "virksomhed")
        .order_by("ansvarlig__first_name", "ansvarlig__last_name", "frist"),
    )
    return render(request, "virksomheder/team.html", {"forfaldne": forfaldne, "idag": idag})


@kraev_jobcenter
def daekning(request: HttpRequest) -> HttpResponse:
    """Per segment: contacted in the last 12 months, and the companies never contacted."""
    jobcenter = request.user.jobcenter
    context = {"rows": services.daekning(jobcenter=jobcenter, dato=timezone.localdate())}
    if noegle := request.GET.get("segment"):
        fundet = services.aldrig_kontaktet(jobcenter=jobcenter, noegle=noegle)
        if fundet is None:
            raise Http404
        context["segment"], virksomheder = fundet
        context["side"] = Paginator(virksomheder.select_related("kommune"), 25).get_page(
            request.GET.get("side")
        )
    return render(request, "virksomheder/daekning.html", context)


def ledertavler(request: HttpRequest) -> list[Tavle]:
    """The companies' tile of the leader's overview: the team's overdue tasks."""
    tal = (
        Opgave.objects.synlige_for(request.user)
        .forfaldne(timezone.localdate())
        .aggregate(antal=Count("pk"), aeldste=Min("frist"))
    )
    return [
        Tavle(
            titel="Teamets forfaldne opgaver",
            tal=str(tal["antal"]),
            tekst=f"den ældste med frist {tal['aeldste']:%d-%m-%Y}"
            if tal["aeldste"]
            else "ingen opgave har passeret sin frist",
            url=reverse("virksomheder:team"),
            advarsel=tal["antal"] > 0,
        )
    ]


@require_POST
@kraev_jobcenter
def find_kontakt(request: HttpRequest) -> HttpResponse:
    """The type-ahead of the contact pickers: the jobcentre's own contacts only."""
    return forslag(request, KontaktOpslag(request.user))
