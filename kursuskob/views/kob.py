"""The purchase: list, creation, its page with the phase checklist and the place arithmetic,
and the actions of each phase. Every jobcentre in the purchase sees the class and the counts;
the citizens on its page are the viewer's own jobcentre's only."""

import dataclasses

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from borgere.models import Borger, Handling
from borgere.services import registrer_adgang, registrer_visning
from borgere.views.borger import hent_borger
from jobcenter.access import hent_eget, kraev_jobcenter, kraev_rolle
from jobcenter.forms import Soegning
from jobcenter.historik import historik
from jobcenter.paneler import Tavle
from jobcenter.views import formularside

from .. import access, services, tasks
from ..forms import (
    AftaleForm,
    AntalForm,
    BekraeftForm,
    FordelingForm,
    HenvisBorgerForm,
    HenvisForm,
    HoldForm,
    HoldOpretForm,
    KursuskobForm,
    KursuskobOpretForm,
    OpfoelgningForm,
)
from ..models import Fase, Kursuskob, Status, Tilmelding


def hent_kob(request: HttpRequest, pk: int) -> Kursuskob:
    return get_object_or_404(
        Kursuskob.objects.synlige_for(request.user).select_related(
            "hold__kursus",
            "hold__institution",
            "hold__skolekontakt",
            "tovholder",
            "primaert_jobcenter",
            "netvaerk",
        ),
        pk=pk,
    )


@kraev_jobcenter
def liste(request: HttpRequest) -> HttpResponse:
    kob = (
        Kursuskob.objects.synlige_for(request.user)
        .med_tal()
        .select_related("hold__kursus", "hold__institution", "primaert_jobcenter")
    )
    fase = request.GET.get("fase", "")
    if fase.isdigit():
        kob = kob.filter(fase=int(fase))
    soegning = Soegning(request.GET, label="Kursus")
    if soeg := soegning.tekst:
        kob = kob.filter(hold__kursus__titel__icontains=soeg)
    if request.GET.get("til_koeb"):
        kob = kob.filter(fase__in=[Fase.AFTALE_INSTITUTION, Fase.VISITATION], til_koeb__gt=0)
    side = Paginator(kob.order_by("-oprettet"), 25).get_page(request.GET.get("side"))
    context = {"side": side, "faser": Fase.choices, "fase": fase, "soegning": soegning}
    return render(request, "kursuskob/liste.html", context)


@kraev_jobcenter
def opret(request: HttpRequest) -> HttpResponse:
    hold_form = HoldOpretForm(request.POST or None, prefix="hold")
    kob_form = KursuskobOpretForm(request.POST or None, prefix="kob")
    if request.method == "POST" and hold_form.is_valid() and kob_form.is_valid():
        try:
            with transaction.atomic():
                kob = services.opret_kursuskob(
                    bruger=request.user,
                    hold=hold_form.save(commit=False),
                    kob=kob_form.save(commit=False),
                    egne_pladser=kob_form.cleaned_data.get("egne_pladser"),
                )
                kob_form.save_m2m()
        except ValidationError as fejl:
            kob_form.add_error("egne_pladser", fejl)
        else:
            messages.success(request, "Kursuskøbet er oprettet i fase 1. Du er tovholder.")
            return redirect(kob)
    context = {"hold_form": hold_form, "kob_form": kob_form}
    return render(request, "kursuskob/opret.html", context)


def aendringer(kob: Kursuskob) -> list:
    """The purchase's, its class's and its places' changes, newest first."""
    alle = historik(kob, 30) + historik(kob.hold, 30)
    for tildeling in kob.tildelinger.select_related("jobcenter"):
        alle += [
            dataclasses.replace(a, handling=f"{a.handling}: pladser til {tildeling.jobcenter}")
            for a in historik(tildeling, 10)
        ]
    return sorted(alle, key=lambda a: a.tidspunkt, reverse=True)[:40]


@kraev_jobcenter
def detalje(request: HttpRequest, pk: int) -> HttpResponse:
    kob = hent_kob(request, pk)
    user = request.user
    idag = timezone.localdate()
    regnskab = services.pladsregnskab(kob)
    egne = list(Tilmelding.objects.synlige_for(user).filter(kursuskob=kob).select_related("borger"))
    registrer_visning(bruger=user, borger_ids=[t.borger_id for t in egne], handling=Handling.KURSUS)
    tovholder = access.er_tovholder(user, kob)
    egen_linje = regnskab.linje(user.jobcenter_id)
    context = {
        "kob": kob,
        "hold": kob.hold,
        "faser": Fase.choices,
        "regnskab": regnskab,
        "egen_linje": egen_linje,
        "tjekliste": services.tjekliste(kob, regnskab, idag),
        "egne": egne,
        "tovholder": tovholder,
        "kan_forpligte": access.kan_forpligte(user, kob),
        "til_koeb_for_os": regnskab.til_koeb_for(user.jobcenter_id),
        "kan_koebe": access.kan_koebe(user, kob) and regnskab.til_koeb_for(user.jobcenter_id) > 0,
        "minimum_i_fare": services.minimum_i_fare(kob, regnskab, idag),
        "fordeling_form": FordelingForm(prefix="fordeling"),
        "bekraeft_form": BekraeftForm(
            prefix="bekraeft",
            jobcenter=user.jobcenter,
            initial={"noegleperson": egen_linje.tildeling.noegleperson_id or user.pk}
            if egen_linje
            else None,
        ),
        "frigiv_form": AntalForm(prefix="frigiv", label=ANTAL["frigiv"]),
        "koeb_form": AntalForm(prefix="koeb", label=ANTAL["koeb"]),
        "meddelelser": kob.meddelelser.select_related("sendt_af"),
        "historik": aendringer(kob),
        "kan_henvise": access.kan_henvise(user, kob, idag=idag),
        "henvis_form": HenvisBorgerForm(prefix="henvis", bruger=user),
    }
    return render(request, "kursuskob/kob.html", context)


def kun_tovholder(request: HttpRequest, kob: Kursuskob) -> None:
    kraev_rolle(access.er_tovholder(request.user, kob))


@kraev_jobcenter
def rediger(request: HttpRequest, pk: int) -> HttpResponse:
    kob = hent_kob(request, pk)
    kun_tovholder(request, kob)
    return formularside(
        request,
        KursuskobForm(request.POST or None, instance=kob),
        titel=f"Behov og samarbejde: {kob.hold.kursus.titel}",
        tilbage=kob.get_absolute_url(),
        gem=lambda form: form.save(),
        besked="Kursuskøbet er gemt.",
    )


@kraev_jobcenter
def hold_rediger(request: HttpRequest, pk: int) -> HttpResponse:
    kob = hent_kob(request, pk)
    kun_tovholder(request, kob)
    if kob.fase == Fase.OPFOELGNING:
        raise Http404
    return formularside(
        request,
        HoldForm(request.POST or None, instance=kob.hold),
        titel=f"Holdet: {kob.hold.kursus.titel}",
        tilbage=kob.get_absolute_url(),
        gem=lambda form: (form.save(), kob)[1],
        besked="Holdet er gemt.",
    )


@kraev_jobcenter
def aftale(request: HttpRequest, pk: int) -> HttpResponse:
    kob = hent_kob(request, pk)
    kun_tovholder(request, kob)
    return formularside(
        request,
        AftaleForm(request.POST or None, instance=kob),
        titel=f"Aftalen med {kob.hold.institution}",
        tilbage=kob.get_absolute_url(),
        gem=lambda form: form.save(),
        besked="Aftalen med institutionen er gemt. Datoer, pris og minimum står på holdet.",
    )


def _fordel(request, kob):
    form = FordelingForm(request.POST, prefix="fordeling")
    if not form.is_valid():
        raise ValidationError(
            [f"{form.fields[f].label}: {' '.join(e)}" for f, e in form.errors.items()]
        )
    services.fordel_pladser(bruger=request.user, kob=kob, **form.cleaned_data)
    return "Fordelingsnøglen er gemt."


def _bekraeft(request, kob):
    form = BekraeftForm(request.POST, prefix="bekraeft", jobcenter=request.user.jobcenter)
    if not form.is_valid():
        raise ValidationError("Vælg en nøgleperson fra jeres eget jobcenter.")
    services.bekraeft_pladser(bruger=request.user, kob=kob, **form.cleaned_data)
    return "Jeres pladser er bekræftet."


ANTAL = {"frigiv": "Pladser at frigive", "koeb": "Pladser at købe"}


def _antal(request, prefix: str) -> int:
    form = AntalForm(request.POST, prefix=prefix, label=ANTAL[prefix])
    if not form.is_valid():
        raise ValidationError("Skriv et antal pladser fra 1 og op.")
    return form.cleaned_data["antal"]


def _frigiv(request, kob):
    antal = _antal(request, "frigiv")
    services.frigiv_pladser(bruger=request.user, kob=kob, antal=antal)
    return (
        f"{antal} pladser er tilbudt netværket. "
        "I betaler for dem, til et andet jobcenter køber dem."
    )


def _koeb(request, kob):
    antal = _antal(request, "koeb")
    services.koeb_ledige_pladser(bruger=request.user, kob=kob, antal=antal)
    return f"Jeres jobcenter har købt {antal} pladser på holdet."


def _naeste_fase(request, kob):
    kob = services.naeste_fase(bruger=request.user, kob=kob, idag=timezone.localdate())
    return f"Kursuskøbet er nu i fase {kob.fase}: {kob.get_fase_display()}."


def _book(request, kob):
    antal = services.book_henviste(bruger=request.user, kob=kob)
    return f"{antal} henviste er booket hos skolen."


def _kickoff(request, kob):
    meddelelse = services.opret_kickoff(bruger=request.user, kob=kob)
    tasks.send_meddelelse.delay_on_commit(meddelelse.pk)
    return f"Kick-off-beskeden sendes nu til {meddelelse.modtagere}."


HANDLINGER = {
    "fordel": _fordel,
    "bekraeft": _bekraeft,
    "frigiv": _frigiv,
    "koeb": _koeb,
    "naeste-fase": _naeste_fase,
    "book": _book,
    "kickoff": _kickoff,
}


@kraev_jobcenter
@require_POST
def handling(request: HttpRequest, pk: int, art: str) -> HttpResponse:
    """One action of the purchase's page; a broken rule is shown as an error and saves nothing."""
    kob = hent_kob(request, pk)
    udfoer = HANDLINGER.get(art)
    if udfoer is None:
        raise Http404
    try:
        with transaction.atomic():
            besked = udfoer(request, kob)
    except ValidationError as fejl:
        messages.error(request, " ".join(fejl.messages))
    else:
        messages.success(request, besked)
    return redirect(kob)


@kraev_jobcenter
@require_POST
def henvis(request: HttpRequest, borger_pk: int) -> HttpResponse:
    """From the citizen's page: refer the citizen to a class their jobcentre has places on."""
    borger = hent_borger(request, borger_pk, Handling.KURSUS)
    form = HenvisForm(request.POST, borger=borger)
    if not form.is_valid():
        messages.error(request, "Vælg et hold, som jeres jobcenter har pladser på.")
        return redirect(borger)
    try:
        tilmelding = services.henvis(
            bruger=request.user,
            kob=form.cleaned_data["kursuskob"],
            borger=borger,
            idag=timezone.localdate(),
            arbejdsgivererklaering=form.cleaned_data["arbejdsgivererklaering"],
            note=form.cleaned_data["note"],
        )
    except ValidationError as fejl:
        messages.error(request, " ".join(fejl.messages))
    else:
        meld_henvisning(request, tilmelding)
    return redirect(borger)


def meld_henvisning(request: HttpRequest, tilmelding: Tilmelding) -> None:
    borger = tilmelding.borger
    if tilmelding.status == Status.VENTELISTE:
        messages.warning(
            request, f"{borger.navn} står på venteliste: jeres pladser og overbookning er brugt."
        )
    else:
        messages.success(request, f"{borger.navn} er henvist til {tilmelding.kursuskob}.")


@kraev_jobcenter
def henvis_borger(request: HttpRequest, pk: int) -> HttpResponse:
    """From the purchase's page: refer an own citizen, found by searching, to the class. A
    search without JavaScript, or a rule the referral breaks, shows the form on a page of its
    own."""
    kob = hent_kob(request, pk)
    form = HenvisBorgerForm(request.POST or None, prefix="henvis", bruger=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            tilmelding = services.henvis(
                bruger=request.user,
                kob=kob,
                borger=form.cleaned_data["borger"],
                idag=timezone.localdate(),
                arbejdsgivererklaering=form.cleaned_data["arbejdsgivererklaering"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as fejl:
            form.add_error(None, fejl)
        else:
            meld_henvisning(request, tilmelding)
            return redirect(kob)
    context = {
        "titel": f"Henvis en borger til {kob.hold.kursus.titel}",
        "form": form,
        "tilbage": kob.get_absolute_url(),
        "knap": "Henvis borgeren",
    }
    return render(request, "form_side.html", context)


@kraev_jobcenter
def tilmelding(request: HttpRequest, pk: int) -> HttpResponse:
    """One referral: withdraw it before the start, follow up after. Own jobcentre only."""
    tilmelding = hent_eget(request, Tilmelding, pk)
    kob = tilmelding.kursuskob
    registrer_adgang(bruger=request.user, borger=tilmelding.borger, handling=Handling.KURSUS)
    form = OpfoelgningForm(
        request.POST or None,
        initial={
            "status": tilmelding.status,
            "udfald": tilmelding.udfald,
            "udfald_dato": tilmelding.udfald_dato or timezone.localdate(),
            "note": tilmelding.note,
        },
    )
    if request.method == "POST":
        try:
            if "afmeld" in request.POST:
                rykket_op = services.afmeld(bruger=request.user, tilmelding=tilmelding)
                besked = f"{tilmelding.borger.navn} er afmeldt."
                if rykket_op:
                    besked += f" {rykket_op.borger.navn} er rykket op fra ventelisten."
            elif form.is_valid():
                services.registrer_opfoelgning(
                    bruger=request.user, tilmelding=tilmelding, **form.cleaned_data
                )
                besked = "Opfølgningen er gemt."
            else:
                raise ValidationError("Udfyld status og dato.")
        except ValidationError as fejl:
            messages.error(request, " ".join(fejl.messages))
        else:
            messages.success(request, besked)
            return redirect(kob)
    context = {
        "tilmelding": tilmelding,
        "kob": kob,
        "form": form,
        "historik": historik(tilmelding, 20),
    }
    return render(request, "kursuskob/tilmelding.html", context)


def borger_panel(request: HttpRequest, borger: Borger) -> str:
    from django.template.loader import render_to_string

    context = {
        "borger": borger,
        "tilmeldinger": borger.kursustilmeldinger.select_related(
            "kursuskob__hold__kursus", "kursuskob__hold__institution"
        ),
        "form": HenvisForm(borger=borger),
        "url": reverse("kursuskob:henvis", args=[borger.pk]),
    }
    return render_to_string("kursuskob/borger_panel.html", context, request=request)


def ledertavler(request: HttpRequest) -> list[Tavle]:
    """The courses' tile of the leader's overview."""
    antal = services.venter_paa_jobcenter(
        jobcenter_id=request.user.jobcenter_id, idag=timezone.localdate()
    )
    return [
        Tavle(
            titel="Kursuskøb, der venter på jer",
            tal=str(antal),
            tekst="pladser at bekræfte, borgere at henvise eller deltagere at følge op på"
            if antal
            else "intet kursuskøb venter på jobcentret",
            url=reverse("kursuskob:liste"),
            advarsel=antal > 0,
        )
    ]
