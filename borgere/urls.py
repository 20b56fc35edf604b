from django.urls import path

from . import views

app_name = "borgere"

urlpatterns = [
    path("", views.liste, name="liste"),
    path("noegletal/", views.noegletal, name="noegletal"),
    path("jobordre/<int:jobordre_pk>/kandidat/", views.jobordre_kandidat, name="jobordre_kandidat"),
    path("kandidat/<int:kandidat_pk>/status/", views.kandidat_status, name="kandidat_status"),
    path("ny/", views.opret, name="opret"),
    path("<int:pk>/", views.detalje, name="detalje"),
    path("<int:pk>/rediger/", views.rediger, name="rediger"),
    path("<int:pk>/adgangslog/", views.adgangslog_eksport, name="adgangslog"),
    path("<int:pk>/<slug:art>/ny/", views.periode, name="periode_opret"),
    path("<int:pk>/<slug:art>/<int:periode_pk>/", views.periode, name="periode_rediger"),
]
