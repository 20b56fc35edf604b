from django.urls import path

from .views import katalog, kob, netvaerk, overblik, undersoegelse

app_name = "kursuskob"

urlpatterns = [
    path("", kob.liste, name="liste"),
    path("nyt/", kob.opret, name="opret"),
    path("overblik/", overblik.overblik, name="overblik"),
    path("<int:pk>/", kob.detalje, name="kob"),
    path("<int:pk>/behov/", kob.rediger, name="rediger"),
    path("<int:pk>/hold/", kob.hold_rediger, name="hold_rediger"),
    path("<int:pk>/aftale/", kob.aftale, name="aftale"),
    path("<int:pk>/henvis/", kob.henvis_borger, name="henvis_borger"),
    path("<int:pk>/<slug:art>/", kob.handling, name="handling"),
    path("tilmelding/<int:pk>/", kob.tilmelding, name="tilmelding"),
    path("borger/<int:borger_pk>/henvis/", kob.henvis, name="henvis"),
    path("institutioner/", katalog.institutioner, name="institutioner"),
    path("institutioner/ny/", katalog.institution_opret, name="institution_opret"),
    path("institutioner/<int:pk>/", katalog.institution, name="institution"),
    path(
        "institutioner/<int:pk>/rediger/", katalog.institution_rediger, name="institution_rediger"
    ),
    path("institutioner/<int:pk>/kontakt/", katalog.kontakt_opret, name="kontakt_opret"),
    path("kurser/", katalog.kurser, name="kurser"),
    path("kurser/nyt/", katalog.kursus_opret, name="kursus_opret"),
    path("kurser/<int:pk>/", katalog.kursus, name="kursus"),
    path("kurser/<int:pk>/rediger/", katalog.kursus_rediger, name="kursus_rediger"),
    path("netvaerk/", netvaerk.liste, name="netvaerk_liste"),
    path("netvaerk/nyt/", netvaerk.opret, name="netvaerk_opret"),
    path("netvaerk/<int:pk>/", netvaerk.detalje, name="netvaerk"),
    path("netvaerk/<int:pk>/rediger/", netvaerk.rediger, name="netvaerk_rediger"),
    path("netvaerk/<int:pk>/medlem/", netvaerk.medlem_opret, name="medlem_opret"),
    path("netvaerk/<int:pk>/moede/", netvaerk.moede_opret, name="moede_opret"),
    path("skemaer/", undersoegelse.skemaer, name="skemaer"),
    path("skemaer/<int:pk>/", undersoegelse.skema, name="skema"),
    path("skemaer/<int:pk>/kopier/", undersoegelse.skema_kopier, name="skema_kopier"),
    path("skemaer/<int:pk>/sektion/", undersoegelse.sektion_opret, name="sektion_opret"),
    path(
        "sektioner/<int:pk>/spoergsmaal/",
        undersoegelse.spoergsmaal_opret,
        name="spoergsmaal_opret",
    ),
    path("spoergsmaal/<int:pk>/", undersoegelse.spoergsmaal_rediger, name="spoergsmaal_rediger"),
    path("undersoegelser/", undersoegelse.runder, name="runder"),
    path("undersoegelser/ny/", undersoegelse.runde_opret, name="runde_opret"),
    path("undersoegelser/<int:pk>/", undersoegelse.runde, name="runde"),
    path("undersoegelser/<int:pk>/besvar/", undersoegelse.besvar, name="besvar"),
    path("undersoegelser/<int:pk>/indsatskort/", undersoegelse.indsatskort, name="indsatskort"),
    path(
        "undersoegelser/<int:pk>/indsatskort/<slug:type_>.<slug:format_>",
        undersoegelse.indsatskort_diagram,
        name="indsatskort_diagram",
    ),
    path(
        "undersoegelser/<int:pk>/indsats/<slug:faktor>/",
        undersoegelse.indsats_opret,
        name="indsats_opret",
    ),
    path("besvarelser/<int:pk>/", undersoegelse.besvarelse, name="besvarelse"),
]
