"""The course dashboard: it reads the nightly figures (services.noegletal) and computes
nothing itself."""

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from jobcenter.access import kraev_noegletal, kraev_rolle
from jobcenter.models import Beregning, Jobcenter

from .. import access, services, tasks
from ..models import Fase, Netvaerk


def omfang(request: HttpRequest) -> tuple[Jobcenter | None, Netvaerk | None, list[Netvaerk]]:
    """Staff see their jobcentre or one of its networks; the analyst any network or the country."""
    user = request.user
    valgbare = list(
        Netvaerk.objects.med_medlem(user.jobcenter_id)
        if user.er_i_jobcenter
        else Netvaerk.objects.all()
    )
    valgt = request.GET.get("netvaerk", "")
    netvaerk = next((n for n in valgbare if str(n.pk) == valgt), None)
    jobcenter = user.jobcenter if user.er_i_jobcenter and netvaerk is None else None
    return jobcenter, netvaerk, valgbare


@kraev_noegletal
def overblik(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        kraev_rolle(access.kan_beregne_kursusnoegletal(request.user))
        tasks.beregn_kursusnoegletal.delay_on_commit()
        messages.info(request, "Beregningen er startet; siden viser den, til den er færdig.")
        return redirect(request.get_full_path())
    jobcenter, netvaerk, valgbare = omfang(request)
    raekke = services.seneste(
        jobcenter_id=jobcenter.pk if jobcenter else None,
        netvaerk_id=netvaerk.pk if netvaerk else None,
    )
    context = {
        "jobcenter": jobcenter,
        "netvaerk": netvaerk,
        "valgbare": valgbare,
        "raekke": raekke,
        "tal": raekke.tal if raekke else None,
        "udfald_vises": raekke is not None and access.kan_se_udfald(request.user, raekke),
        "mindste_antal": settings.MINDSTE_ANTAL,
        "faser": Fase.choices,
        "beregning": Beregning.objects.filter(navn=services.KURSUSNOEGLETAL)
        .order_by("-startet")
        .first(),
    }
    return render(request, "kursuskob/overblik.html", context)
