"""The collaboration survey: questionnaires, rounds, answering, and the indsatskort.

Aggregated results are shown to every jobcentre in the round (and the analyst) when enough
jobcentres have answered; a smaller group's results, a single jobcentre's answers and who has
answered only to that jobcentre and to the round's administrators (access.kan_se_gruppe)."""

from csp.decorators import csp_update
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from jobcenter import export
from jobcenter.access import kraev_jobcenter, kraev_noegletal, kraev_rolle
from jobcenter.models import Beregning
from jobcenter.sprog import genitiv
from jobcenter.views import formularside

from .. import access, analysis, services, tasks
from ..forms import BesvarelseForm, IndsatsForm, RundeForm, SektionForm, SpoergsmaalForm
from ..models import (
    Besvarelse,
    Indsats,
    Netvaerk,
    Runde,
    Sektion,
    Spoergeskema,
    Spoergsmaal,
    Svar,
)
from ..models.undersoegelse import forkort


@kraev_jobcenter
def skemaer(request: HttpRequest) -> HttpResponse:
    skemaer = Spoergeskema.objects.prefetch_related("runder")
    return render(request, "kursuskob/skemaer.html", {"skemaer": skemaer})


@kraev_jobcenter
def skema(request: HttpRequest, pk: int) -> HttpResponse:
    skema = get_object_or_404(Spoergeskema, pk=pk)
    context = {
        "skema": skema,
        "sektioner": skema.sektioner.prefetch_related("spoergsmaal"),
        "kan_rette": access.kan_rette_skema(request.user, skema),
    }
    return render(request, "kursuskob/skema.html", context)


@kraev_jobcenter
@require_POST
def skema_kopier(request: HttpRequest, pk: int) -> HttpResponse:
    kraev_rolle(access.kan_kopiere_skema(request.user))
    kopi = services.kopier_skema(
        skema=get_object_or_404(Spoergeskema, pk=pk), jobcenter=request.user.jobcenter
    )
    messages.success(request, f"{kopi} er oprettet; ret spørgsmålene, før en runde sendes ud.")
    return redirect(kopi)


def hent_til_rettelse(request: HttpRequest, model, pk: int, sti: str):
    """A questionnaire, section or question to edit: another jobcentre's (or the template's,
    which no jobcentre owns) is not found, so an id reveals nothing; `sti` leads to the
    questionnaire's owner."""
    return get_object_or_404(model, pk=pk, **{sti: request.user.jobcenter_id})


def rettes(request: HttpRequest, skema: Spoergeskema) -> None:
    kraev_rolle(access.kan_rette_skema(request.user, skema))


@kraev_jobcenter
def sektion_opret(request: HttpRequest, pk: int) -> HttpResponse:
    skema = hent_til_rettelse(request, Spoergeskema, pk, "jobcenter_id")
    rettes(request, skema)
    return formularside(
        request,
        SektionForm(request.POST or None, instance=Sektion(skema=skema)),
        titel=f"Ny sektion i {skema}",
        tilbage=skema.get_absolute_url(),
        gem=lambda form: form.save().skema,
        besked="Sektionen er oprettet.",
    )


@kraev_jobcenter
def spoergsmaal_opret(request: HttpRequest, pk: int) -> HttpResponse:
    sektion = hent_til_rettelse(request, Sektion, pk, "skema__jobcenter_id")
    rettes(request, sektion.skema)
    return formularside(
        request,
        SpoergsmaalForm(request.POST or None, instance=Spoergsmaal(sektion=sektion)),
        titel=f"Nyt spørgsmål i {sektion}",
        tilbage=sektion.skema.get_absolute_url(),
        gem=lambda form: form.save().sektion.skema,
        besked="Spørgsmålet er oprettet.",
    )


@kraev_jobcenter
def spoergsmaal_rediger(request: HttpRequest, pk: int) -> HttpResponse:
    spoergsmaal = hent_til_rettelse(request, Spoergsmaal, pk, "sektion__skema__jobcenter_id")
    rettes(request, spoergsmaal.sektion.skema)
    return formularside(
        request,
        SpoergsmaalForm(request.POST or None, instance=spoergsmaal),
        titel=f"Ret {spoergsmaal.kode}",
        tilbage=spoergsmaal.sektion.skema.get_absolute_url(),
        gem=lambda form: form.save().sektion.skema,
        besked="Spørgsmålet er gemt.",
    )


@kraev_noegletal
def runder(request: HttpRequest) -> HttpResponse:
    runder = Runde.objects.synlige_for(request.user).select_related("skema", "netvaerk")
    return render(request, "kursuskob/runder.html", {"runder": runder})


@kraev_jobcenter
def runde_opret(request: HttpRequest) -> HttpResponse:
    kraev_rolle(access.kan_sende_runde_ud(request.user))
    form = RundeForm(
        request.POST or None, netvaerk=Netvaerk.objects.med_medlem(request.user.jobcenter_id)
    )

    def gem(form: RundeForm) -> Runde:
        return services.opret_runde(
            bruger=request.user, runde=form.save(commit=False), jobcentre=form.modtagere()
        )

    return formularside(
        request,
        form,
        titel="Send en undersøgelse ud",
        tilbage=reverse("kursuskob:runder"),
        gem=gem,
        besked=lambda runde: f"{runde} er sendt til {runde.jobcentre.count()} jobcentre.",
        knap="Send ud",
    )


def hent_runde(request: HttpRequest, pk: int) -> Runde:
    return get_object_or_404(
        Runde.objects.synlige_for(request.user).select_related("skema", "netvaerk", "oprettet_af"),
        pk=pk,
    )


@kraev_noegletal
def runde(request: HttpRequest, pk: int) -> HttpResponse:
    runde = hent_runde(request, pk)
    if request.method == "POST":
        kraev_rolle(access.kan_styre(request.user, runde))
        try:
            if "luk" in request.POST:
                services.luk_runde(bruger=request.user, runde=runde)
                messages.success(request, "Runden er lukket; indsatskortet beregnes nu.")
            else:
                messages.info(request, "Indsatskortet beregnes igen.")
        except ValidationError as fejl:
            messages.error(request, " ".join(fejl.messages))
        else:
            tasks.beregn_indsatskort.delay_on_commit(runde.pk)
        return redirect(runde)
    besvaret, i_alt = services.svarprocent(runde)
    kan_styre = access.kan_styre(request.user, runde)
    # Who has answered is for the round's administrators, who follow up on it; the others see
    # the rate and their own jobcentre's status (fewer answers than MINDSTE_ANTAL must not be
    # traceable to the jobcentres that gave them).
    besvarelser = {b.jobcenter_id: b for b in services.synlige_besvarelser(request.user, runde)}
    jobcentre = [
        (jobcenter, besvarelser.get(jobcenter.pk))
        for jobcenter in runde.jobcentre.all()
        if kan_styre or jobcenter.pk == request.user.jobcenter_id
    ]
    context = {
        "runde": runde,
        "jobcentre": jobcentre,
        "besvaret": besvaret,
        "i_alt": i_alt,
        "andel": besvaret / i_alt if i_alt else None,
        "kan_besvare": access.kan_besvare(request.user, runde) and runde.lukket is None,
        "kan_styre": kan_styre,
        "beregning": Beregning.objects.filter(navn=services.indsatskort_noegle(runde))
        .order_by("-startet")
        .first(),
        "analyse": runde.analyser.filter(metode=analysis.MULTIPEL).first(),
    }
    return render(request, "kursuskob/runde.html", context)


@kraev_jobcenter
def besvar(request: HttpRequest, pk: int) -> HttpResponse:
    runde = hent_runde(request, pk)
    kraev_rolle(access.kan_besvare(request.user, runde) and runde.lukket is None)
    spoergsmaal = services.undersoegelse.spoergsmaal(runde)
    besvarelse = runde.besvarelser.filter(jobcenter_id=request.user.jobcenter_id).first()
    gemte = (
        {s.spoergsmaal.kode: s.vaerdi for s in Svar.objects.filter(besvarelse=besvarelse)}
        if besvarelse
        else {}
    )
    form = BesvarelseForm(
        request.POST or None,
        spoergsmaal=spoergsmaal,
        initial={k: v if isinstance(v, list) else str(v) for k, v in gemte.items()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.gem_besvarelse(
                bruger=request.user,
                runde=runde,
                svar=form.cleaned_data,
                afsend="afsend" in request.POST,
            )
        except ValidationError as fejl:
            form.add_error(None, fejl)
        else:
            if "afsend" in request.POST:
                messages.success(request, "Besvarelsen er sendt. Tak.")
                return redirect(runde)
            messages.success(request, "Svarene er gemt; I kan fortsætte senere.")
            return redirect("kursuskob:besvar", runde.pk)
    context = {"runde": runde, "form": form, "besvarelse": besvarelse}
    return render(request, "kursuskob/besvar.html", context)


@kraev_jobcenter
def besvarelse(request: HttpRequest, pk: int) -> HttpResponse:
    besvarelse = get_object_or_404(Besvarelse.objects.select_related("runde", "jobcenter"), pk=pk)
    if not services.synlige_besvarelser(request.user, besvarelse.runde).filter(pk=pk).exists():
        raise Http404
    svar = {s.spoergsmaal_id: s.vaerdi for s in besvarelse.svar.all()}
    linjer = [(s, svar.get(s.pk)) for s in services.undersoegelse.spoergsmaal(besvarelse.runde)]
    context = {"besvarelse": besvarelse, "linjer": linjer}
    return render(request, "kursuskob/besvarelse.html", context)


def valgt_kort(request: HttpRequest, runde: Runde):
    """The method, the group and the computed result the indsatskort page shows."""
    metode = request.GET.get("metode", analysis.MULTIPEL)
    if metode not in (analysis.MULTIPEL, analysis.BIVARIAT):
        raise Http404
    analyse = runde.analyser.filter(metode=metode).first()
    grupper = analyse.resultat["grupper"] if analyse else []
    gruppe = request.GET.get("gruppe", "0")
    nummer = int(gruppe) if gruppe.isdigit() and int(gruppe) < len(grupper) else 0
    return metode, analyse, grupper, nummer


def forrige_runde(request: HttpRequest, runde: Runde, metode: str, gruppe: str) -> dict | None:
    """The same network's (or questionnaire's) previous computed round, for the arrows: one
    the user may see, and only its group's figures the user may see."""
    analyse = services.undersoegelse.forrige_analyse(
        runde, metode, Runde.objects.synlige_for(request.user).select_related("oprettet_af")
    )
    if analyse is None:
        return None
    forrige = analyse.runde
    for g in analyse.resultat["grupper"]:
        if g["navn"] == gruppe and access.kan_se_gruppe(request.user, forrige, g):
            return {"runde": forrige, "kort": g["kort"], "analyse": analyse, "gruppe": g}
    return None


# Two places, as the table on the page shows them.
EKSPORT = export.Eksport(
    "Indsatskort",
    [
        export.tekst("faktor"),
        export.tekst("type"),
        export.decimaltal("x_betydning", 2),
        export.decimaltal("x_ci_lav", 2),
        export.decimaltal("x_ci_hoej", 2),
        export.decimaltal("y_score", 2),
        export.heltal("n"),
        export.tekst("kvadrant"),
    ],
)


def eksportraekker(kort: dict):
    for type_ in ("barriere", "drivkraft"):
        for f in kort.get(type_, {}).get("faktorer", []):
            yield [
                f["kode"],
                type_,
                f["x"],
                f["ci_lav"],
                f["ci_hoej"],
                f["y"],
                f["n"],
                f["kvadrant"],
            ]


@kraev_noegletal
def indsatskort(request: HttpRequest, pk: int) -> HttpResponse:
    runde = hent_runde(request, pk)
    metode, analyse, grupper, nummer = valgt_kort(request, runde)
    gruppe = grupper[nummer] if grupper else None
    vises = gruppe is not None and access.kan_se_gruppe(request.user, runde, gruppe)
    if request.GET.get("format") in export.FORMATER:
        if not vises:
            raise Http404
        return EKSPORT.svar(
            request.GET["format"],
            f"indsatskort-{runde.pk}-{metode}",
            eksportraekker(gruppe["kort"]),
        )
    forrige = forrige_runde(request, runde, metode, gruppe["navn"]) if vises else None
    leder_i_netvaerk = access.kan_lave_indsats(request.user, runde)

    def indsats_form(f: dict) -> IndsatsForm | None:
        if not leder_i_netvaerk or f["kvadrant"] != analysis.INDSATSOMRAADE:
            return None
        return IndsatsForm(prefix=f"indsats-{f['kode']}", jobcentre=runde.jobcentre.all())

    korte = analyse.resultat.get("korte", {}) if analyse else {}
    kort = []
    for type_ in ("barriere", "drivkraft"):
        if vises and type_ in gruppe["kort"]:
            nu = services.undersoegelse.til_visning(gruppe["kort"][type_], korte)
            foer = (
                {f["kode"]: f for f in forrige["kort"].get(type_, {}).get("faktorer", [])}
                if forrige
                else {}
            )
            kort.append(
                {
                    "type": type_,
                    "data": nu,
                    "raekker": [(f, foer.get(f["kode"]), indsats_form(f)) for f in nu["faktorer"]],
                    # The action field is marked by a flag, not by its name in the template.
                    "raad": [
                        (navn, *analysis.RAAD[type_][navn], navn == analysis.INDSATSOMRAADE)
                        for navn in analysis.KVADRANTER.values()
                    ],
                    "usikre": sum(f["usikker"] for f in nu["faktorer"]),
                }
            )
    context = {
        "runde": runde,
        "analyse": analyse,
        "metode": metode,
        "grupper": grupper,
        "nummer": nummer,
        "gruppe": gruppe,
        "vises": vises,
        "mindste_antal": settings.MINDSTE_ANTAL,
        "kort": kort,
        "forrige": forrige,
        "fordelinger": [
            f
            | {
                "tekst": analyse.resultat["tekster"].get(f["spoergsmaal"], ""),
                "kort": korte.get(f["spoergsmaal"])
                or forkort(analyse.resultat["tekster"].get(f["spoergsmaal"], "")),
                # A question answered by fewer than the group is its own small group.
                "vises": access.kan_se_gruppe(request.user, runde, gruppe, n=f["n"]),
            }
            for f in (analyse.resultat["fordelinger"] if analyse else [])
            if vises and f["gruppe"] == gruppe["navn"]
        ],
        "leder_i_netvaerk": leder_i_netvaerk,
        "kan_styre": access.kan_styre(request.user, runde),
        "indsatser": [
            (i, korte.get(i.faktor, i.faktor))
            for i in Indsats.objects.filter(runde=runde).select_related("ansvarlig")
        ],
        "forespoergsel": request.GET.urlencode(),
    }
    return render(request, "kursuskob/indsatskort.html", context)


# The SVG carries matplotlib's own <style>; it is an image and runs no script.
@csp_update({"style-src": ["'unsafe-inline'"]})
@kraev_noegletal
def indsatskort_diagram(request: HttpRequest, pk: int, type_: str, format_: str) -> HttpResponse:
    """The chart as SVG or PNG, for the page, for download and for print."""
    runde = hent_runde(request, pk)
    metode, analyse, grupper, nummer = valgt_kort(request, runde)
    if not grupper or type_ not in grupper[nummer]["kort"] or format_ not in ("svg", "png"):
        raise Http404
    gruppe = grupper[nummer]
    if not access.kan_se_gruppe(request.user, runde, gruppe):
        raise Http404
    # The arrows the user may see decide which stored picture is theirs; one that is not
    # stored (another previous round, or one recomputed since) is drawn for the request.
    forrige = forrige_runde(request, runde, metode, gruppe["navn"])
    indhold = services.undersoegelse.gemt_diagram(
        analyse,
        gruppe=nummer,
        type_=type_,
        format_=format_,
        forrige=forrige["analyse"] if forrige else None,
    )
    if indhold is None:
        svg, png = services.undersoegelse.tegn_diagram(
            runde,
            gruppe,
            type_,
            analyse.resultat.get("korte", {}),
            (forrige["gruppe"], forrige["analyse"].resultat.get("korte", {})) if forrige else None,
        )
        indhold = svg.encode() if format_ == "svg" else png
    svar = HttpResponse(indhold, content_type="image/svg+xml" if format_ == "svg" else "image/png")
    if request.GET.get("hent"):
        svar["Content-Disposition"] = (
            f'attachment; filename="indsatskort-{runde.pk}-{type_}.{format_}"'
        )
    return svar


@kraev_jobcenter
@require_POST
def indsats_opret(request: HttpRequest, pk: int, faktor: str) -> HttpResponse:
    """Turn an item of the indsatsområde into an action in the network's plan."""
    runde = hent_runde(request, pk)
    kraev_rolle(access.kan_lave_indsats(request.user, runde))
    form = IndsatsForm(request.POST, prefix=f"indsats-{faktor}", jobcentre=runde.jobcentre.all())
    if form.is_valid():
        indsats = form.save(commit=False)
        indsats.netvaerk, indsats.runde, indsats.faktor = runde.netvaerk, runde, faktor
        indsats.save()
        messages.success(
            request, f"Indsatsen »{indsats}« er sat på {genitiv(runde.netvaerk)} plan."
        )
    else:
        messages.error(request, "Indsatsen er ikke gemt: giv den en titel og en ansvarlig.")
    return redirect(reverse("kursuskob:indsatskort", args=[runde.pk]))
