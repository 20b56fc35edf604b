import base64
from collections.abc import Callable

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.db.models import Model
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from . import services
from .access import kan_se_ledertavler, mangler_totrin
from .forms import TotrinForm
from .paneler import paneler, tavler


def forside(request: HttpRequest) -> HttpResponse:
    """The home page: each app renders its own panel for the user's role (AppConfig.forside).
    A leader lands on an overview of the jobcentre first (AppConfig.ledertavler); consultants
    keep their task-first page."""
    context = {
        "tavler": tavler(request) if kan_se_ledertavler(request.user) else [],
        "paneler": paneler("forside", request),
    }
    return render(request, "jobcenter/forside.html", context)


def formularside(
    request: HttpRequest,
    form: forms.BaseForm,
    *,
    titel: str,
    tilbage: str,
    gem: Callable[[forms.BaseForm], Model | str],
    besked: str | Callable[[Model | str], str],
    knap: str = "Gem",
) -> HttpResponse:
    """The create/edit page every app uses: a valid POST is saved by `gem`, which returns the
    object to go to; otherwise the form is shown (again, with its errors)."""
    if request.method == "POST" and form.is_valid():
        objekt = gem(form)
        messages.success(request, besked(objekt) if callable(besked) else besked)
        return redirect(objekt)
    context = {"titel": titel, "form": form, "tilbage": tilbage, "knap": knap}
    return render(request, "form_side.html", context)


SUNDHED_TIMEOUT = 5


@login_not_required
def sundhed(request: HttpRequest) -> JsonResponse:
    """For the load balancer and monitoring: the database answers, and a task makes a real
    round trip through the queue to a worker and back. 503 if either fails."""
    from .tasks import ping

    status = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        status["database"] = "ok"
    except Exception as error:  # noqa: BLE001 – any failure is reported, never raised
        status["database"] = f"fejl: {type(error).__name__}"
    try:
        svar = ping.apply_async(expires=SUNDHED_TIMEOUT).get(timeout=SUNDHED_TIMEOUT)
        status["opgavekoe"] = "ok" if svar == "pong" else f"uventet svar: {svar}"
    except Exception as error:  # noqa: BLE001
        status["opgavekoe"] = f"fejl: {type(error).__name__}"
    status["koe_i_processen"] = bool(settings.CELERY_TASK_ALWAYS_EAGER)
    sund = status["database"] == "ok" and status["opgavekoe"] == "ok"
    return JsonResponse(status, status=200 if sund else 503)


def totrin(request: HttpRequest) -> HttpResponse:
    """The second step of logging in, for administrators and superusers: the code from an
    authenticator app. The first time, the app is set up here from a QR code (or the key)."""
    naeste = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(naeste, {request.get_host()}, request.is_secure()):
        naeste = settings.LOGIN_REDIRECT_URL
    if not mangler_totrin(request.user):
        return redirect(naeste)
    enhed = services.totrinsenhed(request.user)
    udloebet = False
    if enhed is None:
        enhed, ny = services.totrinsopsaetning(bruger=request.user, session=request.session)
        # A code sent for a setup this session no longer has (it expired) belongs to a key
        # that is gone; the page shows the new one.
        udloebet = ny and request.method == "POST"
    if udloebet:
        messages.error(
            request,
            f"Opsætningen er udløbet (efter {settings.TOTRIN_OPSAETNING_MINUTTER} minutter). "
            "Skan den nye QR-kode, og skriv koden fra appen.",
        )
    form = TotrinForm(enhed, None if udloebet else (request.POST or None))
    if request.method == "POST" and form.is_valid():
        ny = not enhed.confirmed
        if not services.godkend_totrin(request, enhed):
            messages.error(
                request, "Der er netop sat en anden app op på kontoen. Skriv koden fra den."
            )
            return redirect(request.get_full_path())
        if ny:
            messages.success(request, "Godkendelsesappen er sat op. Næste gang beder vi om koden.")
        return redirect(naeste)
    context = {"form": form, "next": naeste, "enhed": enhed}
    if not enhed.confirmed:
        context["qr"] = segno.make(enhed.config_url, error="m").svg_inline(
            scale=5, title="QR-kode til godkendelsesappen"
        )
        noegle = base64.b32encode(enhed.bin_key).decode()
        context["noegle"] = " ".join(noegle[i : i + 4] for i in range(0, len(noegle), 4))
    return render(request, "registration/totrin.html", context)
