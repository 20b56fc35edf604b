from django.urls import path

from .views import aftale, jobordre, kontakt, virksomhed

app_name = "virksomheder"

urlpatterns = [
    path("", virksomhed.liste, name="liste"),
    path("ny/", virksomhed.opret, name="opret"),
    path("find/", virksomhed.find, name="find"),
    path("kontakter/find/", kontakt.find_kontakt, name="find_kontakt"),
    path("<int:pk>/", virksomhed.detalje, name="detalje"),
    path("<int:pk>/rediger/", virksomhed.rediger, name="rediger"),
    path("<int:pk>/notat/", virksomhed.notat, name="notat"),
    path("<int:pk>/kontaktansvarlig/", virksomhed.kontaktansvarlig, name="kontaktansvarlig"),
    path("<int:pk>/segmentering/", virksomhed.segmentering, name="segmentering"),
    path("<int:pk>/kontakt/", kontakt.kontakt_opret, name="kontakt_opret"),
    path("<int:pk>/opgave/", kontakt.opgave_opret, name="opgave_opret"),
    path("<int:pk>/aftale/", aftale.aftale_opret, name="aftale_opret"),
    path("<int:pk>/virksomhedscenter/", aftale.center_opret, name="center_opret"),
    path("<int:pk>/jobordre/", jobordre.jobordre_opret, name="jobordre_opret"),
    path("<int:pk>/<slug:art>/ny/", virksomhed.underside, name="underside_opret"),
    path("<int:pk>/<slug:art>/<int:del_pk>/", virksomhed.underside, name="underside_rediger"),
    path("opgaver/", kontakt.opgaver, name="opgaver"),
    path("opgaver/team/", kontakt.team, name="team"),
    path("opgaver/<int:pk>/udfoert/", kontakt.opgave_afslut, name="opgave_afslut"),
    path("opgaver/<int:pk>/fortryd/", kontakt.opgave_fortryd, name="opgave_fortryd"),
    path("daekning/", kontakt.daekning, name="daekning"),
    path("aftaler/", aftale.aftaler, name="aftaler"),
    path("aftaler/<int:pk>/", aftale.aftale, name="aftale"),
    path("aftaler/<int:pk>/rediger/", aftale.aftale_rediger, name="aftale_rediger"),
    path("centre/<int:pk>/", aftale.center, name="center"),
    path("centre/<int:pk>/rediger/", aftale.center_rediger, name="center_rediger"),
    path("centre/<int:pk>/<slug:art>/ny/", aftale.center_del, name="center_del_opret"),
    path("centre/<int:pk>/<slug:art>/<int:del_pk>/", aftale.center_del, name="center_del_rediger"),
    path("jobordrer/", jobordre.jobordrer, name="jobordrer"),
    path("jobordrer/<int:pk>/", jobordre.jobordre, name="jobordre"),
    path("jobordrer/<int:pk>/rediger/", jobordre.jobordre_rediger, name="jobordre_rediger"),
]
