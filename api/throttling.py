"""Rate limit per key: API_KALD_PR_MINUT calls a minute, counted in the project's cache (Redis in
production, so every web process counts together)."""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle


class NoegleThrottle(SimpleRateThrottle):
    scope = "systemnoegle"

    def get_rate(self) -> str:
        return f"{settings.API_KALD_PR_MINUT}/min"

    def get_cache_key(self, request, view) -> str | None:
        noegle = request.auth
        if noegle is None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": noegle.pk}
