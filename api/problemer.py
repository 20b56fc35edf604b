"""Errors as RFC 9457 problem details (`application/problem+json`), in Danish, each with a
stable machine code `kode`; `type` is `/api/v1/problemer/<kode>`. The codes are listed in
PROBLEMER (and in the README); a client decides by `kode`, never by the text."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler

PROBLEMTYPE = "application/problem+json"

# kode: (status, title)
PROBLEMER = {
    "ugyldig-forespoergsel": (400, "Forespørgslen er ugyldig"),
    "ugyldige-raekker": (400, "En eller flere rækker er ugyldige"),
    "ikke-logget-ind": (401, "Nøglen mangler eller gælder ikke"),
    "ingen-adgang": (403, "Ingen adgang"),
    "ikke-fundet": (404, "Ikke fundet"),
    "metode-ikke-tilladt": (405, "Metoden er ikke tilladt"),
    "ikke-acceptabel": (406, "Svarformatet kan ikke leveres"),
    "for-mange-raekker": (413, "For mange rækker"),
    "ikke-understoettet-medietype": (415, "Formatet understøttes ikke"),
    "idempotensnoegle-genbrugt": (422, "Idempotensnøglen er brugt til en anden forespørgsel"),
    "for-mange-kald": (429, "For mange kald"),
    "serverfejl": (500, "Der skete en fejl"),
}

KODE_FOR = {
    exceptions.ValidationError: "ugyldig-forespoergsel",
    exceptions.ParseError: "ugyldig-forespoergsel",
    exceptions.AuthenticationFailed: "ikke-logget-ind",
    exceptions.NotAuthenticated: "ikke-logget-ind",
    exceptions.PermissionDenied: "ingen-adgang",
    exceptions.NotFound: "ikke-fundet",
    exceptions.MethodNotAllowed: "metode-ikke-tilladt",
    exceptions.NotAcceptable: "ikke-acceptabel",
    exceptions.UnsupportedMediaType: "ikke-understoettet-medietype",
    exceptions.Throttled: "for-mange-kald",
}

DETALJE = {
    "ikke-logget-ind": "Send en gyldig systemnøgle i headeren »Authorization: Bearer <nøgle>«.",
    "ingen-adgang": "Nøglen har ikke det omfang, denne handling kræver.",
    "ikke-fundet": "Der findes intet her, som nøglen har adgang til.",
    "metode-ikke-tilladt": "Adressen understøtter ikke denne metode.",
    "ikke-acceptabel": "API'et svarer kun med JSON (application/json).",
    "ikke-understoettet-medietype": "Send JSON (Content-Type: application/json).",
}


def problem(kode: str, detalje: str = "", *, fejl=None, raekker=None, headers=None) -> Response:
    status, titel = PROBLEMER[kode]
    data = {
        "type": f"/api/v1/problemer/{kode}",
        "title": titel,
        "status": status,
        "detail": detalje or DETALJE.get(kode, titel),
        "kode": kode,
    }
    if fejl is not None:
        data["fejl"] = fejl
    if raekker is not None:
        data["raekker"] = raekker
    return Response(data, status=status, headers=headers, content_type=PROBLEMTYPE)


def felt_fejl(detail) -> dict[str, list[str]]:
    """DRF's error detail as {felt: [beskeder]}; errors not about one field under "ikke_felt"."""
    if isinstance(detail, dict):
        return {
            str(felt): [str(b) for b in (beskeder if isinstance(beskeder, list) else [beskeder])]
            for felt, beskeder in detail.items()
        }
    beskeder = detail if isinstance(detail, list) else [detail]
    return {"ikke_felt": [str(b) for b in beskeder]}


def haandter_fejl(exc, context) -> Response | None:
    """DRF's EXCEPTION_HANDLER."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    svar = exception_handler(exc, context)
    if svar is None:
        return None  # an unexpected error: Django's 500 handling and error reporting
    kode = next((k for cls, k in KODE_FOR.items() if isinstance(exc, cls)), None)
    if kode is None:
        kode = next((k for k, (s, _) in PROBLEMER.items() if s == svar.status_code), "serverfejl")
    headers = {
        navn: svar[navn] for navn in ("WWW-Authenticate", "Retry-After", "Allow") if navn in svar
    }
    if kode == "ugyldig-forespoergsel":
        return problem(
            kode,
            "Et eller flere felter eller parametre er ugyldige; se »fejl«.",
            fejl=felt_fejl(exc.detail),
            headers=headers,
        )
    detalje = DETALJE.get(kode, "")
    if kode == "for-mange-kald":
        vent = svar.get("Retry-After", "60")
        detalje = f"Nøglen har brugt sine kald for nu. Prøv igen om {vent} sekunder."
    elif kode == "ikke-logget-ind" and isinstance(exc, exceptions.AuthenticationFailed):
        detalje = str(exc.detail)
    return problem(kode, detalje, headers=headers)
