"""The import page: upload, check with a preview, import, with progress. It offers every import
type of the registry (jobcenter.imports.importtyper) that the user may import, and nothing
else: the list, the columns, the check of who may and the run all come from the declarations."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from jobcenter.access import hent_eget, kraev, kraev_rolle
from jobcenter.imports import Importtype, importtyper, importtyper_for, maskeret, megabytes

from .. import services
from ..models import Importkoersel, Importstatus


class ImportForm(forms.Form):
    """The type among those `typer` the user may import, what that type needs besides the file
    (a survey round, say: one optional field per parameter, required for its types), and the
    file."""

    # A parameter's field is required for its types only; its label says which.
    skjul_frivilligt = True
    type = forms.CharField(label="Hvad indeholder filen?")
    fil = forms.FileField(
        label="Fil",
        help_text="CSV (UTF-8, ; eller ,) eller Excel (.xlsx) med kolonnenavnene i første række.",
    )

    def __init__(self, *args, typer: list[Importtype], bruger, **kwargs):
        super().__init__(*args, **kwargs)
        self.typer = {t.kode: t for t in typer}
        self.fields["type"].widget = forms.Select(
            choices=[(t.kode, f"{t.label} ({t.foerste_raekke})") for t in typer]
        )
        fil = self.fields.pop("fil")
        for importtype in typer:
            for parameter in importtype.parametre:
                if parameter.navn in self.fields:
                    continue
                brugere = [t.label.lower() for t in typer if parameter in t.parametre]
                self.fields[parameter.navn] = forms.ChoiceField(
                    label=f"{parameter.label} (kun til {' og '.join(brugere)})",
                    choices=[("", "Vælg")] + parameter.valg(bruger),
                    required=False,
                )
        self.fields["fil"] = fil

    def clean_type(self) -> str:
        kode = self.cleaned_data["type"]
        if kode not in self.typer:
            importtype = importtyper().get(kode)
            if importtype is None:
                raise forms.ValidationError(
                    f"Der er ingen importtype, der hedder »{maskeret(kode)}«."
                )
            raise forms.ValidationError(
                f"Kun {importtype.hvem} kan importere {importtype.label.lower()}; du kan vælge "
                "blandt typerne på listen."
            )
        return kode

    def clean(self):
        cleaned = super().clean()
        importtype = self.typer.get(cleaned.get("type"))
        for parameter in importtype.parametre if importtype else ():
            if not cleaned.get(parameter.navn):
                # With nothing to choose, »Vælg …« would send them to an empty list.
                tom = len(self.fields[parameter.navn].choices) <= 1 and parameter.ingen
                self.add_error(
                    parameter.navn,
                    tom or f"Vælg {parameter.label.lower()} for {importtype.label.lower()}.",
                )
        return cleaned

    def clean_fil(self):
        fil = self.cleaned_data["fil"]
        if not fil.name.lower().endswith((".csv", ".txt", ".xlsx")):
            raise forms.ValidationError("Filen skal være CSV eller Excel (.xlsx).")
        if fil.size > settings.IMPORT_MAKS_BYTES:
            raise forms.ValidationError(
                f"Filen må højst fylde {megabytes(settings.IMPORT_MAKS_BYTES)}; del den op."
            )
        return fil

    @property
    def parametre(self) -> dict[str, str]:
        importtype = self.typer[self.cleaned_data["type"]]
        return {p.navn: self.cleaned_data[p.navn] for p in importtype.parametre}


# The page is for those who may import at least one type. A run's pages load the run first
# (another jobcentre's id answers 404, as everywhere), then check its type.
kraev_importtyper = kraev(lambda user: bool(importtyper_for(user)))


def kraev_importtype(request: HttpRequest, koersel: Importkoersel) -> Importtype:
    """The run's type, or 403 unless the user may import it (now: a right can be taken away)."""
    importtype = importtyper().get(koersel.type)
    kraev_rolle(importtype is not None and importtype.maa(request.user))
    return importtype


@kraev_importtyper
def import_start(request: HttpRequest) -> HttpResponse:
    typer = importtyper_for(request.user)
    form = ImportForm(request.POST or None, request.FILES or None, typer=typer, bruger=request.user)
    if request.method == "POST" and form.is_valid():
        koersel = services.start_import(
            koersel=Importkoersel(
                jobcenter=request.user.jobcenter if request.user.er_i_jobcenter else None,
                bruger=request.user,
                type=form.cleaned_data["type"],
                parametre=form.parametre,
            ),
            fil=form.cleaned_data["fil"],
        )
        return redirect(koersel)
    labels = {t.kode: t.label for t in typer}
    koersler = list(Importkoersel.objects.synlige_for(request.user).filter(type__in=labels)[:20])
    for koersel in koersler:
        # The list says what was imported in Danish, as the choice did, not the type's code.
        koersel.label = labels[koersel.type]
    context = {"form": form, "typer": typer, "koersler": koersler}
    return render(request, "borgere/import_start.html", context)


def import_koersel(request: HttpRequest, koersel_pk: int) -> HttpResponse:
    koersel = hent_eget(request, Importkoersel, koersel_pk)
    importtype = kraev_importtype(request, koersel)
    # What the run was started with besides the file (the survey round), so the one who
    # approves it sees where the rows go.
    parametre = [
        (p.label, p.vis(koersel.parametre[p.navn]))
        for p in importtype.parametre
        if koersel.parametre.get(p.navn)
    ]
    context = {"koersel": koersel, "importtype": importtype, "parametre": parametre}
    return render(request, "borgere/import.html", context)


@require_POST
def import_godkend(request: HttpRequest, koersel_pk: int) -> HttpResponse:
    koersel = hent_eget(request, Importkoersel, koersel_pk)
    kraev_importtype(request, koersel)
    koersel = services.godkend_import(koersel=koersel)
    if koersel.status == Importstatus.IMPORTERER:
        messages.info(request, "Importen er startet.")
    else:
        # Approved twice, or after the check expired: say what it is, not that it started.
        messages.warning(
            request,
            f"Importen blev ikke startet; kørslen er {koersel.get_status_display().lower()}.",
        )
    return redirect(koersel)
