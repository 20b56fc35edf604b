"""Attacks on the deletion feed and the sync resources' keyset cursors by a key of another
jobcentre (B against A, and A's own key without borgerdata): forged cursors, the feed's filters
and every way a row can go. Nothing of A may show: no row, no id, no count."""

import base64
import datetime
import json
import urllib.parse

import pytest
from django.utils import timezone

from api.models import Sletning
from borgere.models import Ydelsesperiode
from borgere.tests.factories import BorgerFactory, YdelsesperiodeFactory
from jobcenter.models import Rolle
from jobcenter.tests.factories import BrugerFactory
from kursuskob.models import Status, Tilmelding
from kursuskob.tests.factories import KursuskobFactory
from virksomheder.models import Kontakt, Virksomhed
from virksomheder.tests.factories import VirksomhedFactory

from .factories import api_klient, systemnoegle
from .test_sletninger import kontakt, sletninger, uden_tid

pytestmark = pytest.mark.django_db

CPR_A = "0101901234"


@pytest.fixture
def administrator_b(jobcenter_b):
    return BrugerFactory(
        username="administrator_b", rolle=Rolle.ADMINISTRATOR, jobcenter=jobcenter_b
    )


def markoer(position: str, *, baglaens: bool = False) -> str:
    """A cursor as the client could forge it: base64 of the querystring DRF reads."""
    qs = {"p": position, **({"r": "1"} if baglaens else {})}
    return base64.b64encode(urllib.parse.urlencode(qs).encode()).decode()


def position(url: str) -> str:
    cursor = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)["cursor"][0]
    return urllib.parse.parse_qs(base64.b64decode(cursor).decode())["p"][0]


def alle_sider(klient, adresse: str, **parametre) -> tuple[list, list]:
    """Every page forwards from the start, then every page backwards from the last one's
    `previous`: the rows' ids each way."""
    svar = klient.get(adresse, {"antal": 2, **parametre}).json()
    frem = [r["id"] for r in svar["results"]]
    while svar["next"]:
        sidste = svar
        svar = klient.get(svar["next"]).json()
        frem += [r["id"] for r in svar["results"]]
    # The last page is empty only when the one before was full; read back from a full one.
    svar = svar if svar["results"] else sidste
    tilbage = [r["id"] for r in svar["results"]]
    while svar["previous"]:
        svar = klient.get(svar["previous"]).json()
        tilbage = [r["id"] for r in svar["results"]] + tilbage
    return frem, tilbage


def test_the_feeds_cursor_holds_no_count_of_other_jobcentres_deletions(
    administrator, jobcenter_a, jobcenter_b
):
    """The record's own id is a sequence shared by every jobcentre: in a cursor, the gap between
    two of A's deletions would be the number of rows B (or anyone) deleted in between."""
    virksomhed = VirksomhedFactory()
    foerste = kontakt(jobcenter_a, virksomhed)
    foerste_id = foerste.pk
    foerste.delete()
    for _ in range(5):
        kontakt(jobcenter_b, virksomhed).delete()
    anden = kontakt(jobcenter_a, virksomhed)
    anden_id = anden.pk
    anden.delete()
    klient = api_klient(systemnoegle(administrator)[1])

    side = klient.get("/api/v1/sletninger/", {"antal": 1}).json()
    [raekke] = side["results"]
    assert (raekke["ressource"], raekke["id"]) == ("kontakter", foerste_id)
    naeste = klient.get(side["next"]).json()
    assert [r["id"] for r in naeste["results"]] == [anden_id]
    # Each cursor holds what its row showed, and nothing else.
    for url, vist in ((side["next"], raekke), (naeste["previous"], naeste["results"][0])):
        tid, ressource, id_ = position(url).split("|")
        assert datetime.datetime.fromisoformat(tid) == datetime.datetime.fromisoformat(
            vist["slettet"]
        )
        assert (ressource, int(id_)) == (vist["ressource"], vist["id"])
    egne = Sletning.objects.filter(jobcenter=jobcenter_a).values_list("pk", flat=True)
    assert max(egne) - min(egne) == 6  # the records' own ids would have told "5 in between"


@pytest.mark.parametrize("baglaens", [False, True])
@pytest.mark.parametrize(
    ("adresse", "p"),
    [
        # Offsets Python accepts and PostgreSQL refuses (±16:00 and beyond): read in UTC.
        ("sletninger", "2026-01-01T00:00:00+20:00|kontakter|1"),
        ("kontakter", "2026-01-01T00:00:00-23:59|1"),
        ("ydelsesperioder", "2026-01-01T00:00:00+16:00|1"),
        # Ids beyond bigint.
        ("sletninger", "2026-01-01T00:00:00+00:00|borgere|99999999999999999999999"),
        ("kontakter", "2026-01-01T00:00:00+00:00|-99999999999999999999999"),
    ],
)
def test_a_forged_cursor_with_odd_but_valid_values_pages_the_keys_rows_only(
    administrator_b, jobcenter_a, adresse, p, baglaens
):
    borger = BorgerFactory(jobcenter=jobcenter_a, cpr=CPR_A)
    YdelsesperiodeFactory(borger=borger)
    kontakt(jobcenter_a, VirksomhedFactory())
    kontakt(jobcenter_a, VirksomhedFactory()).delete()
    YdelsesperiodeFactory(borger=BorgerFactory(jobcenter=jobcenter_a)).delete()
    klient = api_klient(systemnoegle(administrator_b)[1])
    svar = klient.get(f"/api/v1/{adresse}/", {"cursor": markoer(p, baglaens=baglaens)})
    assert svar.status_code == 200, svar.content
    assert svar.json()["results"] == []


@pytest.mark.parametrize(
    ("adresse", "p"),
    [
        ("kontakter", "2026-01-01T00:00:00|1"),  # no time zone
        ("kontakter", "2026-01-01|1"),
        ("kontakter", "|1"),
        ("kontakter", "2026-01-01T00:00:00+00:00|"),
        ("kontakter", "2026-01-01T00:00:00+00:00|1.5"),
        ("kontakter", "2026-01-01T00:00:00+00:00|kontakter|1"),  # one part too many
        ("kontakter", "0001-01-01T00:00:00+10:00|1"),  # before year 1 in UTC
        ("kontakter", "9999-12-31T23:59:59-10:00|1"),  # after year 9999 in UTC
        ("kontakter", "x" * 5000),
        ("kontakter", "2026-01-01T00:00:00+00:00|" + "9" * 5000),
        ("borgere", "2026-01-01T00:00:00+25:00|1"),
        ("sletninger", "2026-01-01T00:00:00+00:00|1"),  # one part too few
        ("sletninger", "2026-01-01T00:00:00|kontakter|1"),
        ("sletninger", "2026-01-01T00:00:00+00:00|" + "k" * 5000 + "|1"),
        ("sletninger", "2026-01-01T00:00:00+00:00|kontakter|x"),
        ("sletninger", "2026-01-01T00:00:00+00:00|kont\x00akter|1"),  # PostgreSQL refuses NUL
        ("sletninger", "2026-01-01T00:00:00+00:00|kontækter|1"),
        ("sletninger", "2026-01-01T00:00:00+00:00||1"),
    ],
)
@pytest.mark.parametrize("baglaens", [False, True])
def test_a_malformed_cursor_is_a_danish_404_problem_never_a_500(
    administrator_b, adresse, p, baglaens
):
    klient = api_klient(systemnoegle(administrator_b)[1])
    svar = klient.get(f"/api/v1/{adresse}/", {"cursor": markoer(p, baglaens=baglaens)})
    assert svar.status_code == 404, svar.content
    assert svar["Content-Type"] == "application/problem+json"
    assert svar.json()["kode"] == "ikke-fundet"
    assert svar.json()["title"] == "Ikke fundet"


def test_a_forged_cursor_from_either_end_reaches_no_other_jobcentres_row(
    administrator, administrator_b, jobcenter_a, jobcenter_b
):
    virksomhed = VirksomhedFactory()
    a_kontakter = [kontakt(jobcenter_a, virksomhed) for _ in range(3)]
    b_kontakt = kontakt(jobcenter_b, virksomhed)
    a_ids = [k.pk for k in a_kontakter]
    for k in a_kontakter:
        k.delete()
    b_id = b_kontakt.pk
    b_kontakt.delete()
    b_klient = api_klient(systemnoegle(administrator_b)[1])
    for adresse, start, slut in (
        ("sletninger", "0001-01-01T00:00:00+00:00|a|-1", "9999-12-31T00:00:00+00:00|zz|9"),
        ("kontakter", "0001-01-01T00:00:00+00:00|-1", "9999-12-31T00:00:00+00:00|9"),
    ):
        for p, baglaens in ((start, False), (slut, True), (start, True), (slut, False)):
            svar = b_klient.get(
                f"/api/v1/{adresse}/", {"cursor": markoer(p, baglaens=baglaens), "antal": 500}
            )
            assert svar.status_code == 200
            ids = {r["id"] for r in svar.json()["results"]}
            assert not ids & set(a_ids)
    assert uden_tid(sletninger(b_klient, ressource="kontakter")) == [("kontakter", b_id)]


def test_paging_forward_and_back_through_rows_of_one_time_never_repeats_or_skips(
    administrator, jobcenter_a, jobcenter_b
):
    virksomhed = VirksomhedFactory()
    for i in range(9):
        kontakt(jobcenter_a if i % 3 else jobcenter_b, virksomhed)
    for _ in range(4):
        YdelsesperiodeFactory(borger=BorgerFactory(jobcenter=jobcenter_a))
    Kontakt.objects.all().delete()
    Ydelsesperiode.objects.all().delete()
    # Every record and every contact one time: only the columns after it order them.
    ens = timezone.now()
    Sletning.objects.update(slettet=ens)
    egne = list(
        Sletning.objects.filter(jobcenter=jobcenter_a)
        .order_by("ressource", "raekke_id")
        .values_list("raekke_id", flat=True)
    )
    assert len(egne) == 10
    klient = api_klient(systemnoegle(administrator)[1])
    frem, tilbage = alle_sider(klient, "/api/v1/sletninger/")
    assert frem == tilbage == egne

    for _ in range(7):
        kontakt(jobcenter_a, virksomhed)
    kontakt(jobcenter_b, virksomhed)
    Kontakt.objects.update(opdateret=ens)
    frem, tilbage = alle_sider(klient, "/api/v1/kontakter/")
    assert (
        frem
        == tilbage
        == list(
            Kontakt.objects.filter(jobcenter=jobcenter_a)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
    )


def test_a_bulk_write_replacing_a_period_is_seen_by_its_own_borgerdata_key_only(
    administrator, administrator_b, jobcenter_a
):
    BorgerFactory(jobcenter=jobcenter_a, cpr=CPR_A)
    skriver = api_klient(systemnoegle(administrator, skrive=True)[1])
    raekke = {"cpr": CPR_A, "ydelse": "kontanthjaelp", "fra": "2026-01-01", "til": None}

    def bulk(data):
        svar = skriver.post(
            "/api/v1/ydelsesperioder/bulk/", json.dumps([data]), content_type="application/json"
        )
        assert svar.status_code == 200, svar.content
        return svar.json()

    bulk(raekke)
    gammel = Ydelsesperiode.objects.get().pk
    assert bulk({**raekke, "til": "2026-06-30"})["opdaterede"] == 1
    assert Ydelsesperiode.objects.get().pk != gammel

    assert uden_tid(sletninger(skriver)) == [("ydelsesperioder", gammel)]
    uden = api_klient(systemnoegle(administrator, borgerdata=False, navn="Uden")[1])
    assert sletninger(uden) == []
    assert sletninger(uden, ressource="ydelsesperioder") == []
    b_klient = api_klient(systemnoegle(administrator_b)[1])
    assert sletninger(b_klient) == []


def test_another_jobcentres_deletion_of_a_shared_row_shows_it_only_the_shared_row(
    administrator, administrator_b, konsulent, jobcenter_a, jobcenter_b
):
    """B deletes a company A has contacts with, and a course purchase A's citizen is enrolled
    on: the cascades delete A's rows, recorded for A; B sees the company only."""
    virksomhed = VirksomhedFactory()
    a_kontakt = kontakt(jobcenter_a, virksomhed)
    kob = KursuskobFactory(tovholder=BrugerFactory(username="tovholder_b", jobcenter=jobcenter_b))
    a_tilmelding = Tilmelding.objects.create(
        kursuskob=kob,
        borger=BorgerFactory(jobcenter=jobcenter_a),
        jobcenter=jobcenter_a,
        status=Status.HENVIST,
    )
    Virksomhed.objects.filter(pk=virksomhed.pk).delete()
    kob.delete()

    b_ser = uden_tid(sletninger(api_klient(systemnoegle(administrator_b)[1])))
    assert b_ser == [("virksomheder", virksomhed.pk)]
    a_ser = uden_tid(sletninger(api_klient(systemnoegle(administrator)[1])))
    assert sorted(a_ser) == sorted(
        [
            ("kontakter", a_kontakt.pk),
            ("virksomheder", virksomhed.pk),
            ("kursustilmeldinger", a_tilmelding.pk),
        ]
    )
    uden = uden_tid(sletninger(api_klient(systemnoegle(administrator, borgerdata=False)[1])))
    assert ("kursustilmeldinger", a_tilmelding.pk) not in uden
