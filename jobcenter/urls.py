from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.forside, name="forside"),
    path("sundhed/", views.sundhed, name="sundhed"),
    path("log-ind/", auth_views.LoginView.as_view(), name="login"),
    path("log-ind/totrin/", views.totrin, name="totrin"),
    path("log-af/", auth_views.LogoutView.as_view(), name="logout"),
    path("virksomheder/", include("virksomheder.urls")),
    path("borgere/", include("borgere.urls")),
    path("kursuskob/", include("kursuskob.urls")),
    path("admin/", admin.site.urls),
]
