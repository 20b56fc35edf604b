"""A consultant never sees another jobcentre's citizens: every citizen URL answers 404."""

import pytest
from django.urls import URLPattern, reverse

from borgere import urls as borger_urls
from borgere.models import Adgangslog
from borgere.tests.factories import BorgerFactory, YdelsesperiodeFactory

pytestmark = pytest.mark.django_db


def borger_url_kwargs(borger, periode):
    """Every URL of the citizens' app that names a citizen, filled in for `borger`."""
    for pattern in borger_urls.urlpatterns:
        assert isinstance(pattern, URLPattern)
        params = set(pattern.pattern.converters)
        if "pk" not in params:
            continue
        kwargs = {"pk": borger.pk}
        if "art" in params:
            for art in ("ydelse", "maalgruppe"):
                extra = {"art": art}
                if "periode_pk" in params:
                    extra["periode_pk"] = periode.pk
                yield pattern.name, {**kwargs, **extra}
        else:
            yield pattern.name, kwargs


@pytest.fixture
def fremmed_borger(jobcenter_b):
    periode = YdelsesperiodeFactory(borger=BorgerFactory(jobcenter=jobcenter_b))
    return periode.borger, periode


def test_every_citizen_url_is_covered():
    periode = YdelsesperiodeFactory.build(pk=1, borger=BorgerFactory.build(pk=1))
    names = {name for name, _ in borger_url_kwargs(periode.borger, periode)}
    assert names == {
        "detalje",
        "rediger",
        "adgangslog",
        "periode_opret",
        "periode_rediger",
        "forloeb_opret",
        "kontakt_tilknyt",
    }


@pytest.mark.parametrize("persona", ["konsulent", "kollega", "leder", "administrator"])
def test_it_hides_other_jobcentres_borgere_on_every_url(
    persona, request, client_for, fremmed_borger
):
    client = client_for(request.getfixturevalue(persona))
    borger, periode = fremmed_borger
    for name, kwargs in borger_url_kwargs(borger, periode):
        url = reverse(f"borgere:{name}", kwargs=kwargs)
        assert client.get(url).status_code in (404, 405), url
        assert client.post(url, {"fornavn": "Ændret"}).status_code == 404, url
    borger.refresh_from_db()
    assert borger.fornavn != "Ændret"
    assert not Adgangslog.objects.filter(borger=borger).exists()


def test_the_analytiker_sees_no_citizen(client_for, analytiker, fremmed_borger):
    client = client_for(analytiker)
    borger, periode = fremmed_borger
    assert client.get(reverse("borgere:liste")).status_code == 403
    for name, kwargs in borger_url_kwargs(borger, periode):
        assert client.get(reverse(f"borgere:{name}", kwargs=kwargs)).status_code in (403, 404)


def test_a_colleague_in_the_same_jobcentre_sees_the_citizen(client_for, kollega, jobcenter_a):
    borger = BorgerFactory(jobcenter=jobcenter_a)
    response = client_for(kollega).get(reverse("borgere:detalje", args=[borger.pk]))
    assert response.status_code == 200
    assert borger.navn in response.content.decode()


def test_the_list_shows_only_own_jobcentre_and_masks_cpr(
    client_for, konsulent, jobcenter_a, jobcenter_b
):
    egen = BorgerFactory(jobcenter=jobcenter_a, fornavn="Egen", efternavn="Borgersen")
    fremmed = BorgerFactory(jobcenter=jobcenter_b, fornavn="Fremmed", efternavn="Borgersen")
    html = client_for(konsulent).get(reverse("borgere:liste")).content.decode()
    assert "Egen Borgersen" in html
    assert "Fremmed Borgersen" not in html
    assert egen.cpr_maskeret in html
    assert egen.cpr not in html
    assert fremmed.cpr[:6] not in html


def test_cpr_search_is_a_post_and_finds_only_own_citizens(
    client_for, konsulent, jobcenter_a, jobcenter_b
):
    egen = BorgerFactory(jobcenter=jobcenter_a)
    fremmed = BorgerFactory(jobcenter=jobcenter_b)
    client = client_for(konsulent)
    url = reverse("borgere:liste")

    response = client.post(url, {"soeg": f"{egen.cpr[:6]}-{egen.cpr[6:]}"})
    assert response.status_code == 302
    assert response.url == reverse("borgere:detalje", args=[egen.pk])
    assert egen.cpr not in response.url
    assert Adgangslog.objects.filter(borger=egen, handling="fundet_ved_cpr").count() == 1

    response = client.post(url, {"soeg": fremmed.cpr})
    assert response.status_code == 200
    assert "Ingen borgere i jeres jobcenter matcher" in response.content.decode()
    assert not Adgangslog.objects.filter(borger=fremmed).exists()


def test_a_get_with_a_cpr_in_the_url_searches_nothing(client_for, konsulent, jobcenter_a):
    egen = BorgerFactory(jobcenter=jobcenter_a)
    response = client_for(konsulent).get(reverse("borgere:liste"), {"soeg": egen.cpr})
    assert response.status_code == 200
    # The list shows the citizen (and logs that); nothing was searched for by CPR.
    assert not Adgangslog.objects.filter(borger=egen, handling="fundet_ved_cpr").exists()
    assert Adgangslog.objects.filter(borger=egen, handling="liste").count() == 1


def test_name_search_finds_by_every_word(client_for, konsulent, jobcenter_a):
    BorgerFactory(jobcenter=jobcenter_a, fornavn="Hanne", efternavn="Kjær")
    BorgerFactory(jobcenter=jobcenter_a, fornavn="Hanne", efternavn="Holm")
    html = (
        client_for(konsulent).post(reverse("borgere:liste"), {"soeg": "hanne kjær"}).content
    ).decode()
    assert "Hanne Kjær" in html
    assert "Hanne Holm" not in html
