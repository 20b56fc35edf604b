from django.urls import path

from . import views

app_name = "virksomheder"

urlpatterns = [
    path("", views.liste, name="liste"),
    path("ny/", views.opret, name="opret"),
    path("<int:pk>/", views.detalje, name="detalje"),
    path("<int:pk>/rediger/", views.rediger, name="rediger"),
    path("<int:pk>/notat/", views.notat, name="notat"),
    path("<int:pk>/kontaktansvarlig/", views.kontaktansvarlig, name="kontaktansvarlig"),
    path("<int:pk>/<slug:art>/ny/", views.underside, name="underside_opret"),
    path("<int:pk>/<slug:art>/<int:del_pk>/", views.underside, name="underside_rediger"),
]
