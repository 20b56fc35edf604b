"""Jobordrer: a company's recruitment need, followed "til dørs" (K p.21)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from jobcenter.access import hent_eget, kraev_jobcenter
from jobcenter.paneler import paneler
from jobcenter.views import formularside

from ..forms import JobordreForm
from ..models import Jobordre, Jobordrestatus
from .virksomhed import hent_virksomhed


@kraev_jobcenter
def jobordrer(request: HttpRequest) -> HttpResponse:
    aabne = (
        Jobordre.objects.synlige_for(request.user)
        .filter(status__in=[Jobordrestatus.AABEN, Jobordrestatus.FORMIDLET])
        .select_related("virksomhed")
    )
    return render(request, "virksomheder/jobordrer.html", {"jobordrer": aabne})


@kraev_jobcenter
def jobordre(request: HttpRequest, pk: int) -> HttpResponse:
    jobordre = hent_eget(request, Jobordre, pk)
    context = {"jobordre": jobordre, "paneler": paneler("jobordre_panel", request, jobordre)}
    return render(request, "virksomheder/jobordre.html", context)


def jobordreformular(request: HttpRequest, jobordre: Jobordre, titel: str) -> HttpResponse:
    def gem(form: JobordreForm) -> Jobordre:
        jobordre = form.save(commit=False)
        if jobordre._state.adding:
            jobordre.jobcenter_id = request.user.jobcenter_id
            jobordre.oprettet_af = request.user
        jobordre.save()
        return jobordre

    return formularside(
        request,
        JobordreForm(request.POST or None, instance=jobordre, virksomhed=jobordre.virksomhed),
        titel=titel,
        tilbage=(jobordre if jobordre.pk else jobordre.virksomhed).get_absolute_url(),
        gem=gem,
        besked="Jobordren er gemt.",
    )


@kraev_jobcenter
def jobordre_opret(request: HttpRequest, pk: int) -> HttpResponse:
    virksomhed = hent_virksomhed(pk)
    return jobordreformular(
        request, Jobordre(virksomhed=virksomhed), f"Ny jobordre fra {virksomhed.navn}"
    )


@kraev_jobcenter
def jobordre_rediger(request: HttpRequest, pk: int) -> HttpResponse:
    jobordre = hent_eget(request, Jobordre, pk)
    return jobordreformular(request, jobordre, f"Ret jobordren »{jobordre.stilling}«")
