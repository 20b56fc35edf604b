"""Middleware of our own: two-factor login for the roles that need it, and no caching of what a
logged-in user is shown."""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.defaults import page_not_found

from .access import mangler_totrin

# What a user half-way through logging in may reach: the two-factor page, logging out, and the
# health check (which needs no login at all). Full view names, namespace and all, so a page
# elsewhere that happens to share a name (the admin's »admin:logout«) is not let through.
UDEN_TOTRIN = {"totrin", "logout", "sundhed"}


class TotrinMiddleware:
    """A user who must use two-factor login (`Bruger.kraever_totrin`) and has not yet given a
    code in this session is sent to the two-factor page, whatever page they asked for. Runs
    after django-otp's OTPMiddleware, which tells whether the session is verified."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if mangler_totrin(request.user) and request.resolver_match.view_name not in UDEN_TOTRIN:
            return redirect_to_login(request.get_full_path(), reverse("totrin"))
        return None


class NoStoreMiddleware:
    """Nothing a logged-in user is shown is kept by the browser or a proxy: pages and exports
    carry citizens' personal data, and a shared office computer's cache or back button must not
    show them to the next person. Every answer to a logged-in user, rather than a list of pages
    or content types, so a new page cannot be forgotten. Static files are served by WhiteNoise
    before this runs and stay cacheable."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated:
            patch_cache_control(response, no_store=True)
        return response


class Dansk404Middleware:
    """With DEBUG on (`make run`), Django answers a missing page with its technical page, which
    lists every URL of the product; a user trying the demo gets the Danish page instead, as in
    production. Off with DEBUG off, where Django's own handler already shows 404.html."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            settings.DEBUG
            and response.status_code == 404
            and response.get("Content-Type", "").startswith("text/html")
        ):
            return page_not_found(request, Http404())
        return response


def adresse_bag_proxy(request: HttpRequest) -> str | None:
    """The browser's address behind the reverse proxy (BAG_HTTPS_PROXY), for the login lockout:
    the last entry of X-Forwarded-For, the one the proxy nearest us wrote (deploy/nginx sets it
    to the address it was called from; a proxy that appends puts it last, after any the browser
    claimed). Without the header, the connection's own address."""
    videresendt = request.META.get("HTTP_X_FORWARDED_FOR", "")
    sidste = videresendt.rsplit(",", 1)[-1].strip()
    return sidste or request.META.get("REMOTE_ADDR")
