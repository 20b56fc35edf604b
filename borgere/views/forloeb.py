"""Praktikforløb: created from the citizen's page, followed through the five steps on their own
page, and shown on the company's, agreement's and centre's pages from this side."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from jobcenter.access import er_i_jobcenter, hent_eget, kraev_jobcenter
from jobcenter.historik import historik
from jobcenter.views import formularside
from virksomheder.models import Aftale, Virksomhed, Virksomhedscenter

from .. import access, services
from ..forms import (
    AfslutForm,
    ForlaengelseForm,
    ForloebOpretForm,
    ForloebRedigerForm,
    KontaktTilknytForm,
    OpfoelgningForm,
    PraktikaftaleForm,
    StatusForm,
)
from ..models import (
    Forloebsopgave,
    Handling,
    Opfoelgningssamtale,
    Praktikaftale,
    Praktikforloeb,
    Trin,
)
from ..models.forloeb import SNART
from .borger import hent_borger


def hent_forloeb(request: HttpRequest, pk: int) -> Praktikforloeb:
    """The user's own forløb, or 404; it names its citizen, so loading it is logged."""
    forloeb = hent_eget(request, Praktikforloeb, pk)
    services.registrer_adgang(
        bruger=request.user, borger=forloeb.borger, handling=Handling.FORLOEB_VIST
    )
    return forloeb


def advar_om_laengde(request: HttpRequest, forloeb: Praktikforloeb) -> None:
    if forloeb.laengdeadvarsel:
        messages.warning(request, forloeb.laengdeadvarsel)


def opret_og_advar(request: HttpRequest):
    def gem(form: ForloebOpretForm) -> Praktikforloeb:
        forloeb = services.opret_forloeb(bruger=request.user, forloeb=form.save(commit=False))
        advar_om_laengde(request, forloeb)
        return forloeb

    return gem


@kraev_jobcenter
def forloeb_opret(request: HttpRequest, pk: int) -> HttpResponse:
    borger = hent_borger(request, pk)
    return formularside(
        request,
        ForloebOpretForm(
            request.POST or None,
            instance=Praktikforloeb(borger=borger),
            bruger=request.user,
        ),
        titel=f"Nyt forløb for {borger.navn}",
        tilbage=borger.get_absolute_url(),
        gem=opret_og_advar(request),
        besked="Forløbet er oprettet i trin 1. Skriv praktikaftalen, før det kan starte.",
        knap="Opret forløb",
    )


@kraev_jobcenter
def forloeb(request: HttpRequest, forloeb_pk: int) -> HttpResponse:
    forloeb = hent_forloeb(request, forloeb_pk)
    context = {
        "forloeb": forloeb,
        "trin": Trin.choices,
        "praktikaftale": Praktikaftale.objects.filter(forloeb=forloeb).first(),
        "opfoelgninger": forloeb.opfoelgninger.select_related("oprettet_af"),
        "forlaengelser": forloeb.forlaengelser.select_related("besluttet_af"),
        "opfoelgning_form": OpfoelgningForm(prefix="opfoelgning"),
        "forlaengelse_form": ForlaengelseForm(prefix="forlaengelse"),
        "afslut_form": AfslutForm(prefix="afslut", initial={"slutdato": timezone.localdate()}),
        "status_form": StatusForm(prefix="status"),
        "status_uger": settings.FORLOEB_STATUS_UGER,
        "ifoelge_ydelser": services.forloeb.selvforsoergende_ifoelge_ydelser(
            forloeb, idag=timezone.localdate()
        ),
        "historik": historik(forloeb, 20),
    }
    return render(request, "borgere/forloeb.html", context)


@kraev_jobcenter
def forloeb_rediger(request: HttpRequest, forloeb_pk: int) -> HttpResponse:
    forloeb = hent_forloeb(request, forloeb_pk)

    def gem(form: ForloebRedigerForm) -> Praktikforloeb:
        forloeb = form.save()
        services.registrer_adgang(
            bruger=request.user, borger=forloeb.borger, handling=Handling.FORLOEB_RETTET
        )
        advar_om_laengde(request, forloeb)
        return forloeb

    return formularside(
        request,
        ForloebRedigerForm(request.POST or None, instance=forloeb, bruger=request.user),
        titel=f"Ret forløbet: {forloeb}",
        tilbage=forloeb.get_absolute_url(),
        gem=gem,
        besked="Forløbet er gemt.",
    )


@kraev_jobcenter
def praktikaftale(request: HttpRequest, forloeb_pk: int) -> HttpResponse:
    forloeb = hent_forloeb(request, forloeb_pk)
    aftale = Praktikaftale.objects.filter(forloeb=forloeb).first() or Praktikaftale(forloeb=forloeb)
    return formularside(
        request,
        PraktikaftaleForm(request.POST or None, instance=aftale),
        titel=f"Praktikaftale for {forloeb.borger.navn}",
        tilbage=forloeb.get_absolute_url(),
        gem=lambda form: (
            services.gem_praktikaftale(bruger=request.user, aftale=form.save(commit=False)).forloeb
        ),
        besked="Praktikaftalen er gemt.",
    )


def udfoer(request: HttpRequest, forloeb: Praktikforloeb, handling, besked):
    """Run a workflow step; a rule it breaks becomes an error message on the forløb's page.
    `besked` is the message, or a function of the step's result that returns it."""
    try:
        resultat = handling()
    except ValidationError as fejl:
        messages.error(request, " ".join(fejl.messages))
    else:
        messages.success(request, besked(resultat) if callable(besked) else besked)
    return redirect(forloeb)


def afsluttet_besked(forloeb: Praktikforloeb) -> str:
    """Every task the ending created, with its due date and owner."""
    opgaver = [
        f"»{link.opgave.titel}« (frist {link.opgave.frist:%d-%m-%Y}, {link.opgave.ansvarlig})"
        for link in forloeb.opgaver.select_related("opgave__ansvarlig").order_by("opgave__frist")
    ]
    return f"Forløbet er afsluttet. Nye opgaver: {'; '.join(opgaver)}."


@kraev_jobcenter
@require_POST
def naeste_trin(request: HttpRequest, forloeb_pk: int) -> HttpResponse:
    forloeb = hent_forloeb(request, forloeb_pk)
    return udfoer(
        request,
        forloeb,
        lambda: services.naeste_trin(bruger=request.user, forloeb=forloeb),
        lambda forloeb: (
            "Forløbet er startet."
            if forloeb.trin == Trin.UNDERVEJS
            else f"Forløbet er gået videre til {forloeb.get_trin_display()}."
        ),
    )


# The forms on the forløb's page: (form, the service it calls, the message when it worked).
HANDLINGER = {
    "opfoelgning": (
        lambda data, forloeb: OpfoelgningForm(
            data, prefix="opfoelgning", instance=Opfoelgningssamtale(forloeb=forloeb)
        ),
        lambda bruger, forloeb, form: services.registrer_opfoelgning(
            bruger=bruger, samtale=form.save(commit=False)
        ),
        "Opfølgningssamtalen er gemt.",
    ),
    "forlaengelse": (
        lambda data, forloeb: ForlaengelseForm(data, prefix="forlaengelse"),
        lambda bruger, forloeb, form: services.forlaeng(
            bruger=bruger, forloeb=forloeb, **form.cleaned_data
        ),
        "Forløbet er forlænget.",
    ),
    "afslut": (
        lambda data, forloeb: AfslutForm(data, prefix="afslut"),
        lambda bruger, forloeb, form: services.afslut_forloeb(
            bruger=bruger, forloeb=forloeb, **form.cleaned_data
        ),
        afsluttet_besked,
    ),
    "status": (
        lambda data, forloeb: StatusForm(data, prefix="status"),
        lambda bruger, forloeb, form: services.registrer_status_4_uger(
            bruger=bruger, forloeb=forloeb, **form.cleaned_data
        ),
        "Status 4 uger efter forløbet er registreret.",
    ),
}


@kraev_jobcenter
@require_POST
def handling(request: HttpRequest, forloeb_pk: int, art: str) -> HttpResponse:
    if art not in HANDLINGER:
        raise Http404
    forloeb = hent_forloeb(request, forloeb_pk)
    form_class, service, besked = HANDLINGER[art]
    form = form_class(request.POST, forloeb)
    if not form.is_valid():
        fejl = " ".join(
            f"{form.fields[felt].label}: {' '.join(beskeder)}"
            if felt in form.fields
            else " ".join(beskeder)
            for felt, beskeder in form.errors.items()
        )
        messages.error(request, f"Ikke gemt. {fejl}")
        return redirect(forloeb)
    return udfoer(request, forloeb, lambda: service(request.user, forloeb, form), besked)


@kraev_jobcenter
def mine_forloeb(request: HttpRequest) -> HttpResponse:
    idag = timezone.localdate()
    # A leader may see the whole jobcentre's (the overview links there).
    hele = access.kan_se_hele_jobcentrets_forloeb(request.user) and request.GET.get("hele") == "1"
    egne = Praktikforloeb.objects.synlige_for(request.user).select_related(
        "borger", "virksomhed", "type", "jobkonsulent"
    )
    if not hele:
        egne = egne.filter(jobkonsulent=request.user)
    koerende = list(egne.filter(trin=Trin.UNDERVEJS))
    context = {
        "overskredne": [f for f in koerende if f.planlagt_slut and f.planlagt_slut < idag],
        "snart_slut": [
            f for f in koerende if f.planlagt_slut and idag <= f.planlagt_slut <= idag + SNART
        ],
        "koerende": [f for f in koerende if not f.planlagt_slut or f.planlagt_slut > idag + SNART],
        "forberedes": egne.filter(trin__lt=Trin.UNDERVEJS),
        "mangler_status": egne.filter(
            trin=Trin.AFSLUTNING,
            selvforsoergende_4_uger__isnull=True,
            faktisk_slut__lte=idag - services.forloeb.status_efter(),
        ),
        "idag": idag,
        "hele": hele,
    }
    context["forberedes"] = list(context["forberedes"])
    context["mangler_status"] = list(context["mangler_status"])
    services.registrer_visning(
        bruger=request.user,
        borger_ids=[
            f.borger_id
            for navn in ("overskredne", "snart_slut", "koerende", "forberedes", "mangler_status")
            for f in context[navn]
        ],
    )
    return render(request, "borgere/mine_forloeb.html", context)


@kraev_jobcenter
def kontakt_tilknyt(request: HttpRequest, pk: int) -> HttpResponse:
    borger = hent_borger(request, pk)
    return formularside(
        request,
        KontaktTilknytForm(request.POST or None, bruger=request.user),
        titel=f"Knyt en virksomhedskontakt til {borger.navn}",
        tilbage=borger.get_absolute_url(),
        gem=lambda form: (
            services.tilknyt_kontakt(
                bruger=request.user, borger=borger, kontakt=form.cleaned_data["kontakt"]
            ).borger
        ),
        besked="Kontakten er knyttet til borgeren.",
        knap="Knyt kontakt",
    )


def forloebstabel(request: HttpRequest, forloeb, titel: str, tom: str, **extra) -> str:
    forloeb = list(forloeb)
    services.registrer_visning(bruger=request.user, borger_ids=[f.borger_id for f in forloeb])
    context = {
        "forloeb": forloeb,
        "titel": titel,
        "tom": tom,
        "idag": timezone.localdate(),
        **extra,
    }
    return render_to_string("borgere/forloeb_panel.html", context, request=request)


def virksomhed_panel(request: HttpRequest, virksomhed: Virksomhed) -> str:
    """The forløb at a company, for the company's page: the user's own jobcentre's only."""
    forloeb = (
        Praktikforloeb.objects.synlige_for(request.user)
        .filter(virksomhed=virksomhed)
        .select_related("borger", "type", "jobkonsulent")[:50]
    )
    return forloebstabel(
        request, forloeb, "Forløb hos virksomheden", "Jobcentret har ingen forløb hos virksomheden."
    )


def aftale_panel(request: HttpRequest, aftale: Aftale) -> str:
    """Delivered against agreed: the citizens placed under the agreement."""
    alle = Praktikforloeb.objects.synlige_for(request.user).filter(aftale=aftale)
    tal = alle.aggregate(i_alt=Count("pk"), i_gang=Count("pk", filter=Q(trin=Trin.UNDERVEJS)))
    return forloebstabel(
        request,
        alle.select_related("borger", "type", "jobkonsulent")[:50],
        "Forløb under aftalen",
        "Ingen forløb er endnu placeret under aftalen.",
        leveret=tal,
        aftalt=aftale.antal_pladser,
    )


def center_panel(request: HttpRequest, center: Virksomhedscenter) -> str:
    forloeb = (
        Praktikforloeb.objects.synlige_for(request.user)
        .filter(plads__virksomhedscenter=center)
        .koerende(timezone.localdate())
        .select_related("borger", "type", "jobkonsulent", "plads")
    )
    return forloebstabel(
        request, forloeb, "Forløb i centrets pladser i dag", "Alle centrets pladser er fri i dag."
    )


def opgave_emner(request: HttpRequest, opgaver) -> dict[int, str]:
    """Whose task each forløb task is, for the task lists: the citizen (name and masked CPR)
    with a link to the forløb, and the task's kind, for the user's own jobcentre only; each
    citizen shown is logged."""
    if not er_i_jobcenter(request.user):
        return {}
    links = list(
        Forloebsopgave.objects.filter(
            opgave__in=[o.pk for o in opgaver],
            forloeb__in=Praktikforloeb.objects.synlige_for(request.user),
        ).select_related("forloeb__borger")
    )
    services.registrer_visning(
        bruger=request.user, borger_ids=[link.forloeb.borger_id for link in links]
    )
    return {
        link.opgave_id: format_html(
            '<a href="{}">{} ({})</a><br><span class="small-text">{}</span>',
            link.forloeb.get_absolute_url(),
            link.forloeb.borger.navn,
            link.forloeb.borger.cpr_maskeret,
            link.get_art_display(),
        )
        for link in links
    }
