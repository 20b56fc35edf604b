from django.urls import path

from .views import forsoeg, instrument, maaling, overlevelse, progression, udfald  # noqa: F401

app_name = "virkning"

urlpatterns = [
    # Instruments (administrators).
    path("instrumenter/", instrument.liste, name="instrumenter"),
    # Measurements, screening and what falls due.
    path("forfaldne/", maaling.forfaldne, name="forfaldne"),
    path("borger/<int:borger_pk>/maal/<int:instrument_pk>/", maaling.maal, name="maal"),
    path("maaling/<int:pk>/", maaling.maaling, name="maaling"),
    path("maaling/<int:pk>/slet/", maaling.slet, name="slet_maaling"),
    # The citizen's progression.
    # Outcomes per effort.
    path("udfald/", udfald.udfald, name="udfald"),
    # Time to self-support.
    # Controlled trials.
    path("forsoeg/", forsoeg.forsoeg_liste, name="forsoeg_liste"),
    path("forsoeg/nyt/", forsoeg.forsoeg_opret, name="forsoeg_opret"),
    path("forsoeg/<int:pk>/", forsoeg.forsoeg, name="forsoeg"),
    path("forsoeg/<int:pk>/stop/", forsoeg.forsoeg_stop, name="forsoeg_stop"),
    path("forsoeg/<int:pk>/traek/", forsoeg.forsoeg_traek, name="forsoeg_traek"),
]
