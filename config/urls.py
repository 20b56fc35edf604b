from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from jobcenter import views

urlpatterns = [
    path("", views.forside, name="forside"),
    path("sundhed/", views.sundhed, name="sundhed"),
    # Browsers ask for /favicon.ico on pages without our <link rel="icon"> (the admin, a PDF).
    path(
        "favicon.ico",
        login_not_required(RedirectView.as_view(url=static("img/favicon.svg"), permanent=True)),
    ),
    path("log-ind/", auth_views.LoginView.as_view(), name="login"),
    path("log-ind/totrin/", views.totrin, name="totrin"),
    path("log-af/", auth_views.LogoutView.as_view(), name="logout"),
    path("virksomheder/", include("virksomheder.urls")),
    path("borgere/", include("borgere.urls")),
    path("kursuskob/", include("kursuskob.urls")),
    path("admin/", admin.site.urls),
]
