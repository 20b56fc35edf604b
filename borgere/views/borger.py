from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from jobcenter import export
from jobcenter.access import hent_eget, kraev_jobcenter, kraev_noegletal, kraev_rolle
from jobcenter.find import forslag
from jobcenter.historik import historik
from jobcenter.paneler import Tavle, paneler
from jobcenter.views import formularside
from virksomheder.models import Jobordre

from .. import access, services, tasks
from ..forms import (
    BorgerOpretForm,
    BorgerRedigerForm,
    KandidatForm,
    KandidatstatusForm,
    MaalgruppeperiodeForm,
    SoegForm,
    YdelsesperiodeForm,
)
from ..models import (
    Borger,
    Handling,
    Jobordrekandidat,
    Maalgruppeperiode,
    Ydelsesperiode,
    ligner_cpr,
)
from ..models.forloeb import SNART
from ..opslag import BorgerOpslag
from ..services import overblik

PER_SIDE = 25
SOEGERESULTATER = 100
PERIODER = {
    "ydelse": (Ydelsesperiode, YdelsesperiodeForm, "ydelsesperiode", "Ydelser"),
    "maalgruppe": (Maalgruppeperiode, MaalgruppeperiodeForm, "målgruppeperiode", "Målgrupper"),
}


def hent_borger(request: HttpRequest, pk: int, handling: str = Handling.VIST) -> Borger:
    """The user's own citizen, or 404; loading it is written to the access log."""
    borger = hent_eget(request, Borger, pk)
    services.registrer_adgang(bruger=request.user, borger=borger, handling=handling)
    return borger


@kraev_jobcenter
def liste(request: HttpRequest) -> HttpResponse:
    borgere = Borger.objects.synlige_for(request.user).med_status(timezone.localdate())
    form = SoegForm(request.POST or None)
    soegning = request.method == "POST" and form.is_valid()
    if soegning:
        tekst = form.cleaned_data["soeg"]
        if ligner_cpr(tekst):
            borger = services.find_ved_cpr(bruger=request.user, cpr=tekst)
            if borger is not None:
                return redirect(borger)
            borgere = borgere.none()
        else:
            borgere = borgere.soeg_navn(tekst)
        side = Paginator(borgere, SOEGERESULTATER).get_page(1)
    else:
        side = Paginator(borgere, PER_SIDE).get_page(request.GET.get("side"))
    side.object_list = list(side.object_list)
    services.registrer_visning(bruger=request.user, borger_ids=[b.pk for b in side.object_list])
    return render(request, "borgere/liste.html", {"form": form, "side": side, "soegning": soegning})


@kraev_jobcenter
def detalje(request: HttpRequest, pk: int) -> HttpResponse:
    borger = hent_borger(request, pk)
    context = {
        "borger": borger,
        "historik": [
            {
                "art": art,
                "titel": titel,
                "kolonne": model._meta.get_field(model.kategori_felt).verbose_name.capitalize(),
                "navn": navn,
                "perioder": model.objects.filter(borger=borger).select_related(model.kategori_felt),
            }
            for art, (model, _, navn, titel) in PERIODER.items()
        ],
        "forloeb": borger.forloeb.select_related("virksomhed", "type", "jobkonsulent", "borger"),
        "kontakter": borger.kontakter.select_related("kontakt__virksomhed"),
        "idag": timezone.localdate(),
        "adgangslog": borger.adgangslog.all()[:20]
        if access.kan_se_adgangslog(request.user)
        else None,
        "aendringer": historik(borger, 20) if access.kan_se_aendringer(request.user) else None,
        "paneler": paneler("borger_panel", request, borger),
    }
    return render(request, "borgere/detalje.html", context)


def gem_borger(request: HttpRequest):
    return lambda form: services.gem_borger(bruger=request.user, borger=form.save(commit=False))


@kraev_jobcenter
def opret(request: HttpRequest) -> HttpResponse:
    return formularside(
        request,
        BorgerOpretForm(request.POST or None, instance=Borger(jobcenter=request.user.jobcenter)),
        titel="Opret borger",
        tilbage=reverse("borgere:liste"),
        gem=gem_borger(request),
        besked=lambda borger: f"{borger.navn} er oprettet.",
        knap="Opret",
    )


@kraev_jobcenter
def rediger(request: HttpRequest, pk: int) -> HttpResponse:
    borger = hent_borger(request, pk)
    return formularside(
        request,
        BorgerRedigerForm(request.POST or None, instance=borger),
        titel=f"Ret {borger.navn}",
        tilbage=borger.get_absolute_url(),
        gem=gem_borger(request),
        besked="Borgerens oplysninger er gemt.",
    )


@kraev_jobcenter
def periode(request: HttpRequest, pk: int, art: str, periode_pk: int | None = None):
    """Add or change one period of the citizen's benefit (art=ydelse) or target-group
    (art=maalgruppe) history."""
    if art not in PERIODER:
        raise Http404
    model, form_class, navn, _ = PERIODER[art]
    borger = hent_borger(request, pk)
    instance = (
        get_object_or_404(model, pk=periode_pk, borger=borger)
        if periode_pk
        else model(borger=borger)
    )
    return formularside(
        request,
        form_class(request.POST or None, instance=instance),
        titel=f"{'Ret' if periode_pk else 'Tilføj'} {navn} for {borger.navn}",
        tilbage=borger.get_absolute_url(),
        gem=lambda form: (
            services.gem_periode(bruger=request.user, periode=form.save(commit=False)).borger
        ),
        besked=f"{navn.capitalize()}n er gemt.",
    )


ADGANGSLOG = export.Eksport(
    "Adgangslog",
    [
        export.tidspunkt("tidspunkt", sekunder=True),
        export.tekst("bruger"),
        export.tekst("handling"),
    ],
)


@kraev_jobcenter
@require_POST
def adgangslog_eksport(request: HttpRequest, pk: int) -> HttpResponse:
    """The citizen's access log as CSV (the citizen's right of access), for administrators. A
    POST, because the export itself is written to the log."""
    borger = hent_eget(request, Borger, pk)  # logged below, once the export is allowed
    kraev_rolle(access.kan_se_adgangslog(request.user))
    services.registrer_adgang(bruger=request.user, borger=borger, handling=Handling.LOG_EKSPORTERET)
    rows = (
        (log.tidspunkt, log.brugernavn, log.get_handling_display())
        for log in borger.adgangslog.all()
    )
    return ADGANGSLOG.som_csv(f"adgangslog-borger-{borger.pk}.csv", rows)


@kraev_noegletal
def noegletal(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        kraev_rolle(access.kan_beregne_noegletal(request.user))
        dato = timezone.localdate()
        tasks.beregn_ydelsesbestand.delay_on_commit(dato.isoformat())
        messages.info(
            request,
            "Beregningen er startet. Tallene herunder skifter, når den er færdig; "
            "se tidspunktet ved »Beregnet«.",
        )
        return redirect("borgere:noegletal")
    return render(
        request, "borgere/noegletal.html", {"tal": services.noegletal(bruger=request.user)}
    )


def forside_panel(request: HttpRequest) -> str:
    """The citizens' part of the home page."""
    context = {"tal": services.noegletal(bruger=request.user)}
    if request.user.er_i_jobcenter:
        context["antal_borgere"] = Borger.objects.synlige_for(request.user).count()
    return render_to_string("borgere/forside_panel.html", context, request=request)


@kraev_jobcenter
@require_POST
def jobordre_kandidat(request: HttpRequest, jobordre_pk: int) -> HttpResponse:
    """Match a citizen, picked by searching, to a jobordre. A search without JavaScript, or a
    citizen not picked, shows the form on a page of its own (POSTed: no CPR in a URL)."""
    jobordre = hent_eget(request, Jobordre, jobordre_pk)
    form = KandidatForm(request.POST, bruger=request.user)
    if not form.is_valid():
        context = {
            "titel": f"Match en borger til {jobordre}",
            "form": form,
            "tilbage": jobordre.get_absolute_url(),
            "knap": "Match borgeren",
        }
        return render(request, "form_side.html", context)
    try:
        kandidat = services.match_til_jobordre(
            bruger=request.user, jobordre=jobordre, borger=form.cleaned_data["borger"]
        )
    except ValidationError as fejl:
        messages.error(request, " ".join(fejl.messages))
    else:
        messages.success(request, f"{kandidat.borger.navn} er matchet til jobordren.")
    return redirect(jobordre)


@kraev_jobcenter
@require_POST
def kandidat_status(request: HttpRequest, kandidat_pk: int) -> HttpResponse:
    kandidat = get_object_or_404(Jobordrekandidat.objects.synlige_for(request.user), pk=kandidat_pk)
    services.registrer_adgang(bruger=request.user, borger=kandidat.borger, handling=Handling.LISTE)
    form = KandidatstatusForm(request.POST, instance=kandidat)
    if form.is_valid():
        form.save()
        messages.success(request, f"Status for {kandidat.borger.navn} er gemt.")
    else:
        messages.error(request, "Vælg en gyldig status.")
    return redirect(kandidat.jobordre)


def jobordre_panel(request: HttpRequest, jobordre: Jobordre) -> str:
    """The citizens matched to a jobordre, for the jobordre's page."""
    kandidater = list(
        Jobordrekandidat.objects.synlige_for(request.user)
        .filter(jobordre=jobordre)
        .select_related("borger")
    )
    services.registrer_visning(bruger=request.user, borger_ids=[k.borger_id for k in kandidater])
    context = {
        "jobordre": jobordre,
        "kandidater": [(k, KandidatstatusForm(instance=k, prefix=f"k{k.pk}")) for k in kandidater],
        "form": KandidatForm(bruger=request.user),
    }
    return render_to_string("borgere/jobordre_panel.html", context, request=request)


def ledertavler(request: HttpRequest) -> list[Tavle]:
    """The citizens' tiles of the leader's overview: each goal of the running campaigns, the
    places, and the forløb ending soon."""
    jobcenter, idag = request.user.jobcenter, timezone.localdate()
    resultat = []
    for snapshot, fart in overblik.egne_maal(jobcenter=jobcenter, idag=idag):
        maal = snapshot.maal
        vis = maal.maalart.vis
        maaltal = (
            f"måltal {vis(snapshot.maaltal)}" if snapshot.maaltal is not None else "intet måltal"
        )
        resultat.append(
            Tavle(
                titel=maal.navn,
                tal=vis(snapshot.vaerdi),
                tekst=f"{maal.kampagne.navn}: {maaltal}, pr. {snapshot.dato:%d-%m-%Y}"
                + ("" if fart is None else (", foran planen" if fart.foran else ", bagud")),
                url=maal.kampagne.get_absolute_url(),
                advarsel=fart is not None and not fart.foran,
            )
        )
    pladser = overblik.pladstal(jobcenter=jobcenter, idag=idag)
    if pladser:
        resultat.append(
            Tavle(
                titel="Pladser i virksomhedscentre",
                tal=f"{pladser['Fri']} fri",
                tekst=f"{pladser['Fyldt']} fyldt og {pladser['Reserveret']} reserveret af "
                f"{pladser.total()}",
                url=reverse("borgere:pladsoversigt"),
            )
        )
    forloeb = overblik.forloebstal(jobcenter=jobcenter, idag=idag)
    resultat.append(
        Tavle(
            titel="Forløb, der snart slutter",
            tal=str(forloeb.snart_slut),
            tekst=f"inden for {SNART.days} dage; {forloeb.overskredne} har passeret deres slutdato",
            url=f"{reverse('borgere:mine_forloeb')}?hele=1",
            advarsel=forloeb.overskredne > 0,
        )
    )
    return resultat


@require_POST
@kraev_jobcenter
def find(request: HttpRequest) -> HttpResponse:
    """The type-ahead of the citizen pickers: the jobcentre's own citizens, each one shown
    written to the access log; POST, so a CPR number never stands in a URL."""
    return forslag(request, BorgerOpslag(request.user))
