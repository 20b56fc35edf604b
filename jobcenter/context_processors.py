from django.apps import apps
from django.urls import reverse

from .access import Tilladelser, er_drift, mangler_totrin


def navigation(request) -> dict:
    """The main menu for the user's role. Each app declares its own items (AppConfig.navigation),
    so the organisation core needs no knowledge of the apps above it. An item is (text, url name)
    or (text, url name, further url names): the pages under those addresses belong to the item
    too (»Hvad virker« covers the curves and the trials, which have no item of their own)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or mangler_totrin(user):
        return {"navigation": []}
    punkter = [{"tekst": "Forside", "url": reverse("forside"), "omfatter": []}]
    for config in apps.get_app_configs():
        for tekst, url_name, *flere in getattr(config, "navigation", lambda _user: [])(user):
            url = reverse(url_name)
            omfatter = [url, *(reverse(navn) for navn in (flere[0] if flere else ()))]
            punkter.append({"tekst": tekst, "url": url, "omfatter": omfatter})
    if er_drift(user):
        url = reverse("admin:index")
        punkter.append({"tekst": "Administration", "url": url, "omfatter": [url]})

    def daekning(punkt) -> int:
        """How much of the current page's address the item covers (0: none of it)."""
        return max((len(u) for u in punkt["omfatter"] if request.path.startswith(u)), default=0)

    # The item with the longest address that prefixes the current page is the current one. A
    # page under no item (a citizen's measurement form) marks none: »Forside« only on itself.
    aktiv = max(punkter, key=daekning)
    if not daekning(aktiv):
        aktiv = punkter[0] if request.path == punkter[0]["url"] else None
    for punkt in punkter:
        punkt["aktiv"] = punkt is aktiv
    return {"navigation": punkter}


def tilladelser(request) -> dict:
    """`kan` in every template: the apps' access predicates for the user, asked when read
    (`{% if kan.virksomheder.rette_aftale %}`); see `jobcenter.access.Tilladelser`."""
    return {"kan": Tilladelser(getattr(request, "user", None))}
