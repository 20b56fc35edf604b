"""`Authorization: Bearer <nøgle>`: the request acts as the key's system user."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from .services import find_systemnoegle, marker_brugt


class SystemnoegleAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        dele = authentication.get_authorization_header(request).split()
        if not dele or dele[0].lower() != b"bearer":
            return None
        if len(dele) != 2:
            raise exceptions.AuthenticationFailed(
                "Headeren Authorization skal have formen »Bearer <nøgle>«."
            )
        try:
            hemmelighed = dele[1].decode("ascii")
        except UnicodeDecodeError:
            hemmelighed = ""
        noegle = find_systemnoegle(hemmelighed)
        if noegle is None:
            raise exceptions.AuthenticationFailed("Nøglen er ukendt, udløbet eller tilbagekaldt.")
        marker_brugt(noegle)
        return noegle.bruger, noegle

    def authenticate_header(self, request) -> str:
        # Makes DRF answer 401 (with WWW-Authenticate), not 403, when the key is missing.
        return 'Bearer realm="api"'


class SystemnoegleScheme(OpenApiAuthenticationExtension):
    target_class = SystemnoegleAuthentication
    name = "systemnoegle"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "En systemnøgle, oprettet af jobcentrets administrator.",
        }
