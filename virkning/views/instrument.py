"""(placeholder: replaced by its helper)"""

from django.http import HttpResponse


def liste(request):
    return HttpResponse("")
