"""Parts of a page that the apps above render for a page of an app below (design.md §3).

An app offers a part by giving its AppConfig a method named after the hook, taking the request
and the page's object and returning HTML ("" for nothing). The company page, for instance, asks
for `virksomhed_panel(request, virksomhed)` and shows the forløb that the citizens' side knows,
without knowing that side.
"""

from dataclasses import dataclass

from django.apps import apps
from django.http import HttpRequest


@dataclass(frozen=True)
class Tavle:
    """A tile of the leader's overview: a figure, one sentence about it, and the page behind it.
    `advarsel`: the figure wants the leader's attention."""

    titel: str
    tal: str
    tekst: str
    url: str
    advarsel: bool = False


def hooks(navn: str) -> list:
    """Every app's AppConfig method named `navn`, in app order: the one way a lower app asks
    the apps above (panels, tiles, the subjects of its rows, what an admin page showed)."""
    return [metode for config in apps.get_app_configs() if (metode := getattr(config, navn, None))]


def tavler(request: HttpRequest) -> list[Tavle]:
    """The leader's overview: each app's `ledertavler(request)` in app order."""
    return [tavle for metode in hooks("ledertavler") for tavle in metode(request)]


def paneler(hook: str, request: HttpRequest, *args) -> list[str]:
    return [html for metode in hooks(hook) if (html := metode(request, *args))]


def emner(hook: str, request: HttpRequest, objekter) -> list:
    """Rows of a lower app's list (its tasks, say) told what they are about by the apps above:
    each app's hook `hook(request, objekter)` returns {pk: html}; the html is set on the row as
    `emne`. The list, which knows no citizen, can then name one."""
    objekter = list(objekter)
    if not objekter:
        return objekter
    for metode in hooks(hook):
        fundet = metode(request, objekter)
        for objekt in objekter:
            if objekt.pk in fundet:
                objekt.emne = fundet[objekt.pk]
    return objekter
