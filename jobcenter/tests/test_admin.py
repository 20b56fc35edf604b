import pytest
from django.apps import apps
from django.contrib import admin

from jobcenter.tests.factories import BrugerFactory

pytestmark = pytest.mark.django_db

OWN_APPS = ["jobcenter", "virksomheder", "borgere", "kursuskob"]


def test_every_model_has_an_admin():
    # simple-history's tables are shown through their model's admin ("Historik").
    models = [
        m
        for name in OWN_APPS
        for m in apps.get_app_config(name).get_models()
        if not hasattr(m, "history_id")
    ]
    assert models
    assert [m.__name__ for m in models if not admin.site.is_registered(m)] == []


def test_every_admin_list_renders_for_a_superuser(client_for):
    superuser = BrugerFactory(is_superuser=True, is_staff=True, jobcenter=None, rolle="")
    client = client_for(superuser)
    for model in admin.site._registry:
        if model._meta.app_label in OWN_APPS:
            url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
            assert client.get(url).status_code == 200, url
