from django.urls import path

from . import views

app_name = "systemnoegler"

urlpatterns = [
    path("", views.liste, name="liste"),
    path("opret/", views.opret, name="opret"),
    path("<int:pk>/tilbagekald/", views.tilbagekald, name="tilbagekald"),
]
