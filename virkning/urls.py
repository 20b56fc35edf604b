from django.urls import path

from .views import forsoeg, instrument, maaling, overlevelse, progression, udfald  # noqa: F401

app_name = "virkning"

urlpatterns = [
    # Instruments (administrators).
    path("instrumenter/", instrument.liste, name="instrumenter"),
    # Measurements, screening and what falls due.
    path("forfaldne/", maaling.forfaldne, name="forfaldne"),
    # The citizen's progression.
    # Outcomes per effort.
    path("udfald/", udfald.udfald, name="udfald"),
    # Time to self-support.
    path("overlevelse/", overlevelse.overlevelse, name="overlevelse"),
    # Controlled trials.
]
