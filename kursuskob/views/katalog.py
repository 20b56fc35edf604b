"""The shared catalogue: education institutions with their contacts, and courses. Every
jobcentre reads and keeps it, as with companies."""

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from jobcenter.access import kraev_jobcenter
from jobcenter.forms import Soegning
from jobcenter.views import formularside

from ..forms import InstitutionForm, InstitutionskontaktForm, KursusForm
from ..models import (
    Institutionskontakt,
    Institutionstype,
    Kursus,
    Kursuskob,
    Uddannelsesinstitution,
)


@kraev_jobcenter
def institutioner(request: HttpRequest) -> HttpResponse:
    institutioner = Uddannelsesinstitution.objects.select_related("kommune")
    soegning = Soegning(request.GET, label="Navn eller kommune")
    if soeg := soegning.tekst:
        institutioner = institutioner.filter(
            Q(navn__icontains=soeg) | Q(kommune__navn__icontains=soeg)
        )
    if (type_ := request.GET.get("type", "")) in Institutionstype.values:
        institutioner = institutioner.filter(type=type_)
    side = Paginator(institutioner, 25).get_page(request.GET.get("side"))
    context = {"side": side, "soegning": soegning, "type": type_, "typer": Institutionstype.choices}
    return render(request, "kursuskob/institutioner.html", context)


@kraev_jobcenter
def institution(request: HttpRequest, pk: int) -> HttpResponse:
    institution = get_object_or_404(Uddannelsesinstitution, pk=pk)
    context = {
        "institution": institution,
        "kontakter": institution.kontakter.all(),
        "kob": Kursuskob.objects.synlige_for(request.user)
        .filter(hold__institution=institution)
        .select_related("hold__kursus"),
    }
    return render(request, "kursuskob/institution.html", context)


@kraev_jobcenter
def institution_opret(request: HttpRequest) -> HttpResponse:
    return formularside(
        request,
        InstitutionForm(request.POST or None),
        titel="Ny uddannelsesinstitution",
        tilbage=reverse("kursuskob:institutioner"),
        gem=lambda form: form.save(),
        besked=lambda institution: f"{institution} er oprettet.",
        knap="Opret",
    )


@kraev_jobcenter
def institution_rediger(request: HttpRequest, pk: int) -> HttpResponse:
    institution = get_object_or_404(Uddannelsesinstitution, pk=pk)
    return formularside(
        request,
        InstitutionForm(request.POST or None, instance=institution),
        titel=f"Ret {institution}",
        tilbage=institution.get_absolute_url(),
        gem=lambda form: form.save(),
        besked="Institutionen er gemt.",
    )


@kraev_jobcenter
def kontakt_opret(request: HttpRequest, pk: int) -> HttpResponse:
    institution = get_object_or_404(Uddannelsesinstitution, pk=pk)
    return formularside(
        request,
        InstitutionskontaktForm(
            request.POST or None, instance=Institutionskontakt(institution=institution)
        ),
        titel=f"Ny kontaktperson hos {institution}",
        tilbage=institution.get_absolute_url(),
        gem=lambda form: form.save().institution,
        besked="Kontaktpersonen er oprettet.",
        knap="Opret",
    )


@kraev_jobcenter
def kurser(request: HttpRequest) -> HttpResponse:
    kurser = Kursus.objects.all()
    soegning = Soegning(request.GET, label="Titel, AMU-kode eller job")
    if soeg := soegning.tekst:
        kurser = kurser.filter(
            Q(titel__icontains=soeg) | Q(amu_kode=soeg) | Q(maaljob__icontains=soeg)
        )
    side = Paginator(kurser, 25).get_page(request.GET.get("side"))
    return render(request, "kursuskob/kurser.html", {"side": side, "soegning": soegning})


@kraev_jobcenter
def kursus(request: HttpRequest, pk: int) -> HttpResponse:
    kursus = get_object_or_404(Kursus, pk=pk)
    context = {
        "kursus": kursus,
        "kob": Kursuskob.objects.synlige_for(request.user)
        .filter(hold__kursus=kursus)
        .select_related("hold__institution"),
    }
    return render(request, "kursuskob/kursus.html", context)


@kraev_jobcenter
def kursus_opret(request: HttpRequest) -> HttpResponse:
    return formularside(
        request,
        KursusForm(request.POST or None),
        titel="Nyt kursus",
        tilbage=reverse("kursuskob:kurser"),
        gem=lambda form: form.save(),
        besked=lambda kursus: f"{kursus} er oprettet.",
        knap="Opret",
    )


@kraev_jobcenter
def kursus_rediger(request: HttpRequest, pk: int) -> HttpResponse:
    kursus = get_object_or_404(Kursus, pk=pk)
    return formularside(
        request,
        KursusForm(request.POST or None, instance=kursus),
        titel=f"Ret {kursus}",
        tilbage=kursus.get_absolute_url(),
        gem=lambda form: form.save(),
        besked="Kurset er gemt.",
    )
