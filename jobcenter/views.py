from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .paneler import paneler


def forside(request: HttpRequest) -> HttpResponse:
    """The home page: each app renders its own panel for the user's role (AppConfig.forside)."""
    return render(request, "jobcenter/forside.html", {"paneler": paneler("forside", request)})
