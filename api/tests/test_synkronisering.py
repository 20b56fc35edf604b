"""A system syncs incrementally: all pages once, then only what changed since, each row once."""

import pytest

from borgere.models import Borger
from borgere.tests.factories import BorgerFactory

from .factories import api_klient, systemnoegle

pytestmark = pytest.mark.django_db


def synkroniser(klient, aendret_efter=None) -> list[dict]:
    """Every page of /api/v1/borgere/, following `next`, two rows a page."""
    parametre = {"antal": 2}
    if aendret_efter:
        parametre["aendret_efter"] = aendret_efter
    svar = klient.get("/api/v1/borgere/", parametre)
    raekker = []
    while True:
        assert svar.status_code == 200
        data = svar.json()
        raekker += data["results"]
        if not data["next"]:
            return raekker
        svar = klient.get(data["next"])


def test_two_incremental_syncs_see_every_row_once_and_the_change_once(
    administrator, jobcenter_a, jobcenter_b
):
    borgere = BorgerFactory.create_batch(5, jobcenter=jobcenter_a)
    BorgerFactory(jobcenter=jobcenter_b)
    klient = api_klient(systemnoegle(administrator)[1])

    foerste = synkroniser(klient)
    ider = [r["id"] for r in foerste]
    assert len(ider) == len(set(ider)) == 5
    assert set(ider) == {b.pk for b in borgere}
    senest = max(r["opdateret"] for r in foerste)

    assert synkroniser(klient, senest) == []
    aendret = Borger.objects.get(pk=borgere[2].pk)
    aendret.efternavn = "Nyt-Navn"
    aendret.save()

    anden = synkroniser(klient, senest)
    assert [(r["id"], r["efternavn"]) for r in anden] == [(aendret.pk, "Nyt-Navn")]
    assert synkroniser(klient, max(r["opdateret"] for r in anden)) == []


def test_a_change_during_paging_does_not_repeat_a_row_already_read(administrator, jobcenter_a):
    BorgerFactory.create_batch(4, jobcenter=jobcenter_a)
    klient = api_klient(systemnoegle(administrator)[1])
    svar = klient.get("/api/v1/borgere/", {"antal": 2})
    foerste_side = svar.json()["results"]
    # A row of the next page changes while the system reads: it moves to the end, read once.
    ulaest = Borger.objects.exclude(pk__in=[r["id"] for r in foerste_side]).first()
    ulaest.save()
    resten = []
    url = svar.json()["next"]
    while url:
        data = klient.get(url).json()
        resten += data["results"]
        url = data["next"]
    ider = [r["id"] for r in foerste_side + resten]
    assert sorted(ider) == sorted(set(ider))
    assert len(ider) == 4
