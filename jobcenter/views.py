from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from .paneler import paneler


def forside(request: HttpRequest) -> HttpResponse:
    """The home page: each app renders its own panel for the user's role (AppConfig.forside)."""
    return render(request, "jobcenter/forside.html", {"paneler": paneler("forside", request)})


def formularside(
    request: HttpRequest,
    form: forms.BaseForm,
    *,
    titel: str,
    tilbage: str,
    gem: Callable[[forms.BaseForm], Model | str],
    besked: str | Callable[[Model | str], str],
    knap: str = "Gem",
) -> HttpResponse:
    """The create/edit page every app uses: a valid POST is saved by `gem`, which returns the
    object to go to; otherwise the form is shown (again, with its errors)."""
    if request.method == "POST" and form.is_valid():
        objekt = gem(form)
        messages.success(request, besked(objekt) if callable(besked) else besked)
        return redirect(objekt)
    context = {"titel": titel, "form": form, "tilbage": tilbage, "knap": knap}
    return render(request, "form_side.html", context)
