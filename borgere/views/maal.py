"""The campaign dashboard. It reads computed snapshots only; no figure is computed here."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from jobcenter import export
from jobcenter.access import kraev_maal, kraev_rolle
from jobcenter.models import Beregning, Jobcenter

from .. import access, services, tasks
from ..models import Handling, Kampagne
from ..services.maal import bag_tallet, maal_noegle, vis_for

# A column holds one kind of number: a share goal's figures stand under »andel«, a stock goal's
# under »antal«.
EKSPORT = export.Eksport(
    "Kampagnemål",
    [
        export.tekst("mål"),
        export.tekst("jobcenter"),
        export.dato("dato"),
        export.procent("andel"),
        export.heltal("antal"),
        export.heltal("tæller"),
        export.heltal("nævner"),
        export.procent("måltal, andel"),
        export.heltal("måltal, antal"),
        export.procent("målopfyldelse"),
        export.procent("ved start, andel"),
        export.heltal("ved start, antal"),
        export.tidspunkt("beregnet"),
    ],
)


@kraev_maal
def kampagner(request: HttpRequest) -> HttpResponse:
    return render(request, "borgere/kampagner.html", {"kampagner": Kampagne.objects.all()})


def valgt_jobcenter(request: HttpRequest) -> Jobcenter | None:
    """A leader sees their own jobcentre; an analyst chooses one, or the country."""
    if request.user.er_i_jobcenter:
        return request.user.jobcenter
    nummer = request.GET.get("jobcenter", "")
    return Jobcenter.objects.filter(kommunenummer=nummer).first() if nummer.isdigit() else None


def eksportraekker(tavler):
    def som(andel: bool, value):
        return (value, None) if andel else (None, value)

    for tavle in tavler:
        andel = tavle.art.enhedstegn == "%"
        for s in (tavle.egen, tavle.landet):
            if s is not None:
                yield [
                    tavle.maal.navn,
                    s.jobcenter.navn if s.jobcenter else "Hele landet",
                    s.dato,
                    *som(andel, s.vaerdi),
                    # A count is its own numerator; only a figure with a denominator shows both.
                    s.taeller if s.naevner is not None else None,
                    s.naevner,
                    *som(andel, s.maaltal),
                    s.maalopfyldelse,
                    *som(andel, s.baseline),
                    s.beregnet,
                ]


@kraev_maal
def kampagne(request: HttpRequest, kode: str) -> HttpResponse:
    kampagne = get_object_or_404(Kampagne, kode=kode)
    if request.method == "POST":
        kraev_rolle(access.kan_beregne_maal(request.user))
        dato = min(timezone.localdate(), kampagne.slut)
        tasks.beregn_maal.delay_on_commit(kampagne.pk, dato.isoformat())
        messages.info(request, "Beregningen er startet; siden viser den, til den er færdig.")
        return redirect(kampagne)
    jobcenter = valgt_jobcenter(request)
    idag = timezone.localdate()
    dato, tavler = services.maaloversigt(
        kampagne=kampagne, jobcenter_id=jobcenter.pk if jobcenter else None
    )
    tavler = vis_for(tavler, bruger=request.user)
    filnavn = f"{kampagne.kode}-{dato or 'ikke-beregnet'}"
    if request.GET.get("format") in export.FORMATER:
        return EKSPORT.svar(request.GET["format"], filnavn, eksportraekker(tavler))
    context = {
        "kampagne": kampagne,
        "jobcenter": jobcenter,
        # An analyst is offered the jobcentres the campaign has figures for.
        "jobcentre": None
        if request.user.er_i_jobcenter
        else Jobcenter.objects.filter(maalsnapshot__maal__kampagne=kampagne).distinct(),
        "om_natten": kampagne.beregnes_om_natten(idag),
        "idag": idag,
        "dato": dato,
        "tavler": tavler,
        "beregning": Beregning.objects.filter(navn=maal_noegle(kampagne))
        .order_by("-startet")
        .first(),
        "eksport": request.GET.urlencode(),
    }
    return render(request, "borgere/kampagne.html", context)


@kraev_maal
def bag_maal(request: HttpRequest, kode: str, maal_kode: str) -> HttpResponse:
    """The forløb and citizens behind the jobcentre's latest figure. Own jobcentre only; each
    citizen shown is written to the access log."""
    kraev_rolle(access.kan_se_bag_maal(request.user))
    kampagne = get_object_or_404(Kampagne, kode=kode)
    maal = get_object_or_404(kampagne.maal, kode=maal_kode)
    snapshot = maal.snapshots.filter(jobcenter=request.user.jobcenter).order_by("-dato").first()
    forloeb = []
    if snapshot is not None:
        forloeb = list(
            bag_tallet(maal, snapshot.dato)
            .filter(borger__jobcenter=request.user.jobcenter)
            .select_related("borger", "virksomhed", "type")
            .order_by("borger__efternavn", "start")
        )
        services.registrer_visning(
            bruger=request.user,
            borger_ids=[f.borger_id for f in forloeb],
            handling=Handling.BAG_NOEGLETAL,
        )
    art = maal.maalart
    context = {
        "kampagne": kampagne,
        "maal": maal,
        "art": art,
        "snapshot": snapshot,
        "kolonne": art.bag_kolonne(maal),
        "forloeb": forloeb,
        "raekker": [(f, art.bag_vaerdi(f)) for f in forloeb],
    }
    return render(request, "borgere/bag_maal.html", context)
