from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.views.generic import RedirectView

from jobcenter import views

urlpatterns = [
    path("", views.forside, name="forside"),
    path("sundhed/", views.sundhed, name="sundhed"),
    # Browsers ask for /favicon.ico on pages without our <link rel="icon"> (the admin, a PDF).
    # The hashed name is looked up per request: at import, before `collectstatic` has written the
    # manifest, it would stop `manage.py check` and `makemigrations --check` with DEBUG off.
    path(
        "favicon.ico",
        login_not_required(
            RedirectView.as_view(url=lazy(static, str)("img/favicon.svg"), permanent=True)
        ),
    ),
    path("log-ind/", auth_views.LoginView.as_view(), name="login"),
    path("log-ind/totrin/", views.totrin, name="totrin"),
    path("log-af/", auth_views.LogoutView.as_view(), name="logout"),
    path("virksomheder/", include("virksomheder.urls")),
    path("borgere/", include("borgere.urls")),
    path("kursuskob/", include("kursuskob.urls")),
    path("virkning/", include("virkning.urls")),
    path("systemnoegler/", include("api.urls_noegler")),
    path("api/v1/", include("api.urls")),
    path("admin/", admin.site.urls),
]
