from django.urls import path

from .views import forsoeg, instrument, maaling, overlevelse, progression, udfald  # noqa: F401

app_name = "virkning"

urlpatterns = [
    # Instruments (administrators).
    path("instrumenter/", instrument.liste, name="instrumenter"),
    path("instrumenter/<int:pk>/", instrument.instrument, name="instrument"),
    path("instrumenter/<int:pk>/kopier/", instrument.kopier, name="instrument_kopier"),
    path("instrumenter/<int:pk>/ret/", instrument.rediger, name="instrument_rediger"),
    path("instrumenter/<int:pk>/indikator/", instrument.indikator_opret, name="indikator_opret"),
    path("indikatorer/<int:pk>/ret/", instrument.indikator_rediger, name="indikator_rediger"),
    path("indikatorer/<int:pk>/fjern/", instrument.indikator_slet, name="indikator_slet"),
    path("instrumenter/<int:pk>/kategori/", instrument.kategori_opret, name="kategori_opret"),
    path("kategorier/<int:pk>/ret/", instrument.kategori_rediger, name="kategori_rediger"),
    path("kategorier/<int:pk>/fjern/", instrument.kategori_slet, name="kategori_slet"),
    # Measurements, screening and what falls due.
    path("forfaldne/", maaling.forfaldne, name="forfaldne"),
    path("borger/<int:borger_pk>/maal/<int:instrument_pk>/", maaling.maal, name="maal"),
    path("maaling/<int:pk>/", maaling.maaling, name="maaling"),
    path("maaling/<int:pk>/slet/", maaling.slet, name="slet_maaling"),
    # The citizen's progression.
    # Outcomes per effort.
    path("udfald/", udfald.udfald, name="udfald"),
    # Time to self-support.
    path("overlevelse/", overlevelse.overlevelse, name="overlevelse"),
    # Controlled trials.
    path("forsoeg/", forsoeg.forsoeg_liste, name="forsoeg_liste"),
    path("forsoeg/nyt/", forsoeg.forsoeg_opret, name="forsoeg_opret"),
    path("forsoeg/<int:pk>/", forsoeg.forsoeg, name="forsoeg"),
    path("forsoeg/<int:pk>/stop/", forsoeg.forsoeg_stop, name="forsoeg_stop"),
    path("forsoeg/<int:pk>/traek/", forsoeg.forsoeg_traek, name="forsoeg_traek"),
]
