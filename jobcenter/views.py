from django.apps import apps
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def forside(request: HttpRequest) -> HttpResponse:
    """The home page: each app renders its own panel for the user's role (AppConfig.forside)."""
    paneler = [
        panel
        for config in apps.get_app_configs()
        if (panel := getattr(config, "forside", lambda _request: "")(request))
    ]
    return render(request, "jobcenter/forside.html", {"paneler": paneler})
