"""/api/v1/: the resources, the OpenAPI schema, the documentation page; every other address
under /api/v1/ answers a 404 problem detail, not the product's HTML page."""

from django.contrib.auth.decorators import login_not_required
from django.urls import path, re_path
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView
from rest_framework.decorators import (
    api_view,
    authentication_classes,
    permission_classes,
    throttle_classes,
)
from rest_framework.exceptions import NotFound
from rest_framework.routers import SimpleRouter

from . import samarbejde, sletninger, views
from .ressourcer import router

app_name = "api"

# The deletion feed (api/sletninger.py) of the resources that have `aendret_efter`.
sletning_router = SimpleRouter(use_regex_path=False)
sletning_router.register("sletninger", sletninger.SletningViewSet, basename="sletning")
virksomhed_jobcenter = samarbejde.VirksomhedJobcenterViewSet.as_view({"get": "retrieve"})
samarbejde_urls = [
    path(
        "virksomheder/<int:pk>/jobcenter/",
        virksomhed_jobcenter,
        name="virksomhed-jobcenter",
    ),
]


class Skema(SpectacularAPIView):
    """The schema is public (it holds no data), so an outside client can read it first."""

    authentication_classes = []
    permission_classes = []
    throttle_classes = []


@extend_schema(exclude=True)
@api_view(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"])
@authentication_classes([])
@permission_classes([])
@throttle_classes([])
def ikke_fundet(request, *args, **kwargs):
    raise NotFound


# The API authenticates by key, not by the login session: Django's LoginRequiredMiddleware
# must let its requests through to DRF, which answers 401 itself.
for moenster in [*router.urls, *sletning_router.urls, *samarbejde_urls]:
    moenster.callback.login_required = False

urlpatterns = [
    *router.urls,
    *sletning_router.urls,
    *samarbejde_urls,
    path("schema/", login_not_required(Skema.as_view()), name="skema"),
    path("docs/", views.dokumentation, name="dokumentation"),
    re_path(r"^.*$", login_not_required(ikke_fundet)),
]
