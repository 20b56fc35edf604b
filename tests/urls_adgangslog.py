"""A view that reads a citizen without logging, to show that the access-log hook fails it."""

from django.http import HttpResponse
from django.urls import path

from borgere.models import Borger


def uden_log(request, pk):
    return HttpResponse(Borger.objects.get(pk=pk).navn)


urlpatterns = [path("uden-log/<int:pk>/", uden_log)]
