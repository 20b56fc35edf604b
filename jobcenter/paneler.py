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


def tavler(request: HttpRequest) -> list[Tavle]:
    """The leader's overview: each app's `ledertavler(request)` in app order."""
    return [
        tavle
        for config in apps.get_app_configs()
        if hasattr(config, "ledertavler")
        for tavle in config.ledertavler(request)
    ]


def paneler(hook: str, request: HttpRequest, *args) -> list[str]:
    dele = []
    for config in apps.get_app_configs():
        metode = getattr(config, hook, None)
        if metode is not None and (html := metode(request, *args)):
            dele.append(html)
    return dele


def emner(hook: str, request: HttpRequest, objekter) -> list:
    """Rows of a lower app's list (its tasks, say) told what they are about by the apps above:
    each app's hook `hook(request, objekter)` returns {pk: html}; the html is set on the row as
    `emne`. The list, which knows no citizen, can then name one."""
    objekter = list(objekter)
    for config in apps.get_app_configs():
        metode = getattr(config, hook, None)
        if metode is not None and objekter:
            fundet = metode(request, objekter)
            for objekt in objekter:
                if objekt.pk in fundet:
                    objekt.emne = fundet[objekt.pk]
    return objekter
