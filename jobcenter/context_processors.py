from django.apps import apps
from django.urls import reverse

from .access import Tilladelser, er_drift, mangler_totrin


def navigation(request) -> dict:
    """The main menu for the user's role. Each app declares its own items (AppConfig.navigation),
    so the organisation core needs no knowledge of the apps above it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or mangler_totrin(user):
        return {"navigation": []}
    punkter = [{"tekst": "Forside", "url": reverse("forside")}]
    for config in apps.get_app_configs():
        for tekst, url_name in getattr(config, "navigation", lambda _user: [])(user):
            punkter.append({"tekst": tekst, "url": reverse(url_name)})
    if er_drift(user):
        punkter.append({"tekst": "Administration", "url": reverse("admin:index")})
    # The item whose address is the longest prefix of the current page is the current one.
    matcher = [p for p in punkter if request.path.startswith(p["url"]) and p["url"] != "/"]
    aktiv = max(matcher, key=lambda p: len(p["url"]), default=punkter[0])
    for punkt in punkter:
        punkt["aktiv"] = punkt is aktiv
    return {"navigation": punkter}


def tilladelser(request) -> dict:
    """`kan` in every template: the apps' access predicates for the user, asked when read
    (`{% if kan.virksomheder.rette_aftale %}`); see `jobcenter.access.Tilladelser`."""
    return {"kan": Tilladelser(getattr(request, "user", None))}
