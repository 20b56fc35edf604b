"""Measurement instruments: everyone in a jobcentre reads them (they measure with them);
administrators copy them into their jobcentre and edit their own. A national template is read
only, another jobcentre's instrument is not found, and an edit of a used instrument lands on a
new version (services.instrument)."""

from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from jobcenter.access import kraev, kraev_rolle
from jobcenter.views import formularside

from .. import access
from ..forms import IndikatorForm, InstrumentForm, KategoriForm
from ..models import Del, Indikator, Instrument, Screeningskategori
from ..services import instrument as services

kraev_maale = kraev(access.kan_maale)


def instrument_url(instrument: Instrument) -> str:
    return reverse("virkning:instrument", args=[instrument.pk])


@kraev_maale
def liste(request: HttpRequest) -> HttpResponse:
    instrumenter = (
        Instrument.objects.synlige_for(request.user)
        .annotate(antal_maalinger=Count("maalinger"))
        .select_related("jobcenter")
        .order_by("jobcenter_id", "navn", "kode", "-version")
    )
    context = {
        "skabeloner": [i for i in instrumenter if i.jobcenter_id is None],
        "egne": [i for i in instrumenter if i.jobcenter_id is not None],
    }
    return render(request, "virkning/instrumenter.html", context)


@kraev_maale
def instrument(request: HttpRequest, pk: int) -> HttpResponse:
    instrument = get_object_or_404(
        Instrument.objects.synlige_for(request.user).select_related("forgaenger"), pk=pk
    )
    indikatorer = list(instrument.indikatorer.all())
    kategorier = instrument.kategorier.prefetch_related("betingelser")
    versioner = Instrument.objects.filter(
        jobcenter_id=instrument.jobcenter_id, kode=instrument.kode
    ).annotate(antal_maalinger=Count("maalinger"))
    context = {
        "instrument": instrument,
        "dele": [
            (label, [i for i in indikatorer if i.stilles_til == del_])
            for del_, label in Del.choices
            if any(i.stilles_til == del_ for i in indikatorer)
        ],
        "kategorier": kategorier,
        "versioner": versioner,
        "maalgrupper": instrument.maalgrupper.order_by("navn"),
        "kan_rette": access.kan_rette_instrumenter(request.user)
        and instrument.jobcenter_id == request.user.jobcenter_id
        and instrument.aktiv,
        "brugt": services.er_brugt(instrument),
    }
    return render(request, "virkning/instrument.html", context)


@kraev_maale
@require_POST
def kopier(request: HttpRequest, pk: int) -> HttpResponse:
    kilde = get_object_or_404(Instrument.objects.synlige_for(request.user), pk=pk)
    kraev_rolle(access.kan_rette_instrumenter(request.user))
    kopi = services.kopier_instrument(
        instrument=kilde, jobcenter=request.user.jobcenter, bruger=request.user
    )
    messages.success(
        request, f"{kopi.navn} (kode {kopi.kode}) er kopieret til jobcentret; nu kan du rette den."
    )
    return redirect(instrument_url(kopi))


def til_rettelse(request: HttpRequest, model, pk: int, sti: str = ""):
    """The jobcentre's own active instrument (or its indicator or category) to edit: a template,
    another jobcentre's or an old version is not found, so an id reveals nothing; then only an
    administrator may."""
    objekt = get_object_or_404(
        model,
        pk=pk,
        **{f"{sti}jobcenter_id": request.user.jobcenter_id, f"{sti}aktiv": True},
    )
    kraev_rolle(access.kan_rette_instrumenter(request.user))
    return objekt


def besked(foer: Instrument, efter: Instrument, tekst: str) -> str:
    if efter.pk != foer.pk:
        return (
            f"{tekst} Instrumentet er brugt til målinger, så ændringen er gemt som version "
            f"{efter.version}; målingerne beholder version {foer.version}."
        )
    return tekst


def formular(request, form, *, titel: str, instrument: Instrument, gem, tekst: str):
    resultat = {}

    def gem_og_husk(form):
        resultat["efter"] = gem(form)
        return instrument_url(resultat["efter"])

    return formularside(
        request,
        form,
        titel=titel,
        tilbage=instrument_url(instrument),
        gem=gem_og_husk,
        besked=lambda _: besked(instrument, resultat["efter"], tekst),
    )


@kraev_maale
def rediger(request: HttpRequest, pk: int) -> HttpResponse:
    instrument = til_rettelse(request, Instrument, pk)
    return formular(
        request,
        InstrumentForm(request.POST or None, instance=instrument),
        titel=f"Ret {instrument.navn}",
        instrument=instrument,
        gem=lambda form: services.ret_instrument(
            instrument=instrument,
            felter=form.cleaned_data,
            maalgrupper=form.cleaned_data["maalgrupper"],
            bruger=request.user,
        ),
        tekst="Instrumentet er gemt.",
    )


@kraev_maale
def indikator_opret(request: HttpRequest, pk: int) -> HttpResponse:
    instrument = til_rettelse(request, Instrument, pk)
    return formular(
        request,
        IndikatorForm(request.POST or None, instance=Indikator(instrument=instrument)),
        titel=f"Ny indikator i {instrument.navn}",
        instrument=instrument,
        gem=lambda form: services.gem_indikator(
            instrument=instrument, indikator=None, felter=form.cleaned_data, bruger=request.user
        ),
        tekst="Indikatoren er oprettet.",
    )


@kraev_maale
def indikator_rediger(request: HttpRequest, pk: int) -> HttpResponse:
    indikator = til_rettelse(request, Indikator, pk, "instrument__")
    instrument = indikator.instrument
    # The form validates against a copy, so the row itself is changed only by the service.
    gemt = Indikator.objects.get(pk=indikator.pk)
    return formular(
        request,
        IndikatorForm(request.POST or None, instance=indikator),
        titel=f"Ret indikatoren {gemt.navn}",
        instrument=instrument,
        gem=lambda form: services.gem_indikator(
            instrument=instrument, indikator=gemt, felter=form.cleaned_data, bruger=request.user
        ),
        tekst="Indikatoren er gemt.",
    )


@kraev_maale
@require_POST
def indikator_slet(request: HttpRequest, pk: int) -> HttpResponse:
    indikator = til_rettelse(request, Indikator, pk, "instrument__")
    efter = services.fjern_indikator(indikator=indikator, bruger=request.user)
    messages.success(
        request, besked(indikator.instrument, efter, f"Indikatoren {indikator.navn} er fjernet.")
    )
    return redirect(instrument_url(efter))


def dimensioner(instrument: Instrument) -> dict[str, tuple[int, int]]:
    """The instrument's dimensions and the span of their indicators' scales."""
    spaend: dict[str, tuple[int, int]] = {}
    for i in instrument.indikatorer.exclude(dimension=""):
        fra, til = spaend.get(i.dimension, (i.skala_min, i.skala_max))
        spaend[i.dimension] = (min(fra, i.skala_min), max(til, i.skala_max))
    return spaend


def kategoriformular(request, instrument: Instrument, kategori: Screeningskategori | None):
    gemt = Screeningskategori.objects.get(pk=kategori.pk) if kategori else None
    form = KategoriForm(
        request.POST or None,
        instance=kategori or Screeningskategori(instrument=instrument),
        dimensioner=dimensioner(instrument),
    )
    return formular(
        request,
        form,
        titel=f"Ret kategorien {gemt.navn}" if gemt else f"Ny kategori i {instrument.navn}",
        instrument=instrument,
        gem=lambda form: services.gem_kategori(
            instrument=instrument,
            kategori=gemt,
            felter=form.cleaned_data,
            graenser=form.graenser(),
            bruger=request.user,
        ),
        tekst="Kategorien er gemt.",
    )


@kraev_maale
def kategori_opret(request: HttpRequest, pk: int) -> HttpResponse:
    instrument = til_rettelse(request, Instrument, pk)
    return kategoriformular(request, instrument, None)


@kraev_maale
def kategori_rediger(request: HttpRequest, pk: int) -> HttpResponse:
    kategori = til_rettelse(request, Screeningskategori, pk, "instrument__")
    return kategoriformular(request, kategori.instrument, kategori)


@kraev_maale
@require_POST
def kategori_slet(request: HttpRequest, pk: int) -> HttpResponse:
    kategori = til_rettelse(request, Screeningskategori, pk, "instrument__")
    efter = services.fjern_kategori(kategori=kategori, bruger=request.user)
    messages.success(
        request, besked(kategori.instrument, efter, f"Kategorien {kategori.navn} er fjernet.")
    )
    return redirect(instrument_url(efter))
