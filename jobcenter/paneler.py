"""Parts of a page that the apps above render for a page of an app below (design.md §3).

An app offers a part by giving its AppConfig a method named after the hook, taking the request
and the page's object and returning HTML ("" for nothing). The company page, for instance, asks
for `virksomhed_panel(request, virksomhed)` and shows the forløb that the citizens' side knows,
without knowing that side.
"""

from django.apps import apps
from django.http import HttpRequest


def paneler(hook: str, request: HttpRequest, *args) -> list[str]:
    dele = []
    for config in apps.get_app_configs():
        metode = getattr(config, hook, None)
        if metode is not None and (html := metode(request, *args)):
            dele.append(html)
    return dele
