"""The administrator's import page: upload, check with a preview, import, with progress."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from jobcenter.access import hent_eget, kraev_jobcenter, kraev_rolle
from jobcenter.imports import megabytes

from .. import services
from ..imports import KOLONNER
from ..models import Importkoersel

TYPER = [
    ("borgere", "Borgere (cpr;navn;kommunenummer)"),
    ("ydelser", "Ydelser (cpr;ydelse;fra;til)"),
    ("maalgrupper", "Målgrupper (cpr;maalgruppe;fra;til)"),
    ("forloeb", "Forløb (cpr;cvr;type;start;slut)"),
    ("maaltal", "Måltal for jeres jobcenter (kampagne;maal;kommunenummer;maaltal)"),
]


class ImportForm(forms.Form):
    type = forms.ChoiceField(label="Hvad indeholder filen?", choices=TYPER)
    fil = forms.FileField(
        label="Fil",
        help_text="CSV (UTF-8, ; eller ,) eller Excel (.xlsx) med kolonnenavnene i første række.",
    )

    def clean_fil(self):
        fil = self.cleaned_data["fil"]
        if not fil.name.lower().endswith((".csv", ".txt", ".xlsx")):
            raise forms.ValidationError("Filen skal være CSV eller Excel (.xlsx).")
        if fil.size > settings.IMPORT_MAKS_BYTES:
            raise forms.ValidationError(
                f"Filen må højst fylde {megabytes(settings.IMPORT_MAKS_BYTES)}; del den op."
            )
        return fil


@kraev_jobcenter
def import_start(request: HttpRequest) -> HttpResponse:
    kraev_rolle(request.user.er_administrator)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        koersel = services.start_import(
            koersel=Importkoersel(
                jobcenter=request.user.jobcenter,
                bruger=request.user,
                type=form.cleaned_data["type"],
            ),
            fil=form.cleaned_data["fil"],
        )
        return redirect(koersel)
    context = {
        "form": form,
        "kolonner": KOLONNER,
        "koersler": Importkoersel.objects.synlige_for(request.user)[:20],
    }
    return render(request, "borgere/import_start.html", context)


@kraev_jobcenter
def import_koersel(request: HttpRequest, koersel_pk: int) -> HttpResponse:
    koersel = hent_eget(request, Importkoersel, koersel_pk)
    kraev_rolle(request.user.er_administrator)
    return render(request, "borgere/import.html", {"koersel": koersel})


@kraev_jobcenter
@require_POST
def import_godkend(request: HttpRequest, koersel_pk: int) -> HttpResponse:
    koersel = hent_eget(request, Importkoersel, koersel_pk)
    kraev_rolle(request.user.er_administrator)
    koersel = services.godkend_import(koersel=koersel)
    messages.info(request, "Importen er startet.")
    return redirect(koersel)
