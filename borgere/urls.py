from django.urls import path

from .views import borger, forloeb, importer, maal, pladser

app_name = "borgere"

urlpatterns = [
    path("", borger.liste, name="liste"),
    path("noegletal/", borger.noegletal, name="noegletal"),
    path("find/", borger.find, name="find"),
    path(
        "jobordre/<int:jobordre_pk>/kandidat/", borger.jobordre_kandidat, name="jobordre_kandidat"
    ),
    path("kandidat/<int:kandidat_pk>/status/", borger.kandidat_status, name="kandidat_status"),
    path("forloeb/", forloeb.mine_forloeb, name="mine_forloeb"),
    path("forloeb/<int:forloeb_pk>/", forloeb.forloeb, name="forloeb"),
    path("forloeb/<int:forloeb_pk>/rediger/", forloeb.forloeb_rediger, name="forloeb_rediger"),
    path("forloeb/<int:forloeb_pk>/praktikaftale/", forloeb.praktikaftale, name="praktikaftale"),
    path("forloeb/<int:forloeb_pk>/naeste-trin/", forloeb.naeste_trin, name="naeste_trin"),
    path("forloeb/<int:forloeb_pk>/<slug:art>/", forloeb.handling, name="forloeb_handling"),
    path("pladser/", pladser.pladsoversigt, name="pladsoversigt"),
    path("pladser/<int:plads_pk>/fyld/", pladser.plads_fyld, name="plads_fyld"),
    path("maal/", maal.kampagner, name="kampagner"),
    path("maal/<slug:kode>/", maal.kampagne, name="kampagne"),
    path("maal/<slug:kode>/<slug:maal_kode>/", maal.bag_maal, name="bag_maal"),
    path("import/", importer.import_start, name="import_start"),
    path("import/<int:koersel_pk>/", importer.import_koersel, name="import"),
    path("import/<int:koersel_pk>/godkend/", importer.import_godkend, name="import_godkend"),
    path("ny/", borger.opret, name="opret"),
    path("<int:pk>/", borger.detalje, name="detalje"),
    path("<int:pk>/rediger/", borger.rediger, name="rediger"),
    path("<int:pk>/adgangslog/", borger.adgangslog_eksport, name="adgangslog"),
    path("<int:pk>/forloeb/", forloeb.forloeb_opret, name="forloeb_opret"),
    path("<int:pk>/kontakt/", forloeb.kontakt_tilknyt, name="kontakt_tilknyt"),
    path("<int:pk>/<slug:art>/ny/", borger.periode, name="periode_opret"),
    path("<int:pk>/<slug:art>/<int:periode_pk>/", borger.periode, name="periode_rediger"),
]
