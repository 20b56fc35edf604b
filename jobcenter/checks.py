"""Our own system checks: the product must not run without its Content-Security-Policy."""

from django.conf import settings
from django.core.checks import Error, Tags, register

UTRYGT = ("'unsafe-inline'", "'unsafe-eval'", "*")


@register(Tags.security)
def content_security_policy(app_configs, **kwargs) -> list[Error]:
    fejl = []
    if "csp.middleware.CSPMiddleware" not in settings.MIDDLEWARE:
        fejl.append(
            Error(
                "Content-Security-Policy mangler: csp.middleware.CSPMiddleware står ikke "
                "i MIDDLEWARE.",
                id="jobcenter.E001",
            )
        )
    direktiver = (getattr(settings, "CONTENT_SECURITY_POLICY", None) or {}).get("DIRECTIVES", {})
    for navn in ("default-src", "script-src", "style-src"):
        if navn not in direktiver:
            fejl.append(Error(f"Content-Security-Policy mangler {navn}.", id="jobcenter.E002"))
    for navn, kilder in direktiver.items():
        if any(kilde in UTRYGT for kilde in kilder):
            fejl.append(
                Error(
                    f"Content-Security-Policy tillader {navn} {' '.join(kilder)}; "
                    "brug kun egne statiske filer.",
                    id="jobcenter.E003",
                )
            )
    return fejl
