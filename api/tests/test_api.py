"""The API's behaviour for a system: keys, scopes, problem details, paging, the access log."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from api.models import Systemnoegle, hash_af
from api.services import tilbagekald_systemnoegle
from borgere.models import Adgangslog, Handling
from borgere.tests.factories import BorgerFactory, YdelsesperiodeFactory
from virksomheder.models import Kontakt
from virksomheder.tests.factories import VirksomhedFactory

from .factories import api_klient, systemnoegle

pytestmark = pytest.mark.django_db


@pytest.fixture
def noegle(administrator):
    return systemnoegle(administrator)


@pytest.fixture
def klient(noegle):
    return api_klient(noegle[1])


def test_a_key_is_stored_only_as_its_hash_and_acts_as_an_inactive_system_user(noegle):
    objekt, hemmelighed = noegle
    assert len(hemmelighed) >= 43
    assert objekt.hash == hash_af(hemmelighed) != hemmelighed
    assert objekt.prefix == hemmelighed[:8]
    assert not Systemnoegle.objects.filter(hash=hemmelighed).exists()
    assert objekt.bruger.username == f"system-{objekt.prefix}"
    assert objekt.bruger.is_active is False
    assert not objekt.bruger.has_usable_password()
    assert objekt.bruger.jobcenter_id == objekt.jobcenter_id


def test_without_a_key_the_api_answers_401_as_a_problem_detail(client):
    svar = client.get("/api/v1/virksomheder/")
    assert svar.status_code == 401
    assert svar["Content-Type"] == "application/problem+json"
    assert svar["WWW-Authenticate"].startswith("Bearer")
    data = svar.json()
    assert data["kode"] == "ikke-logget-ind"
    assert data["type"] == "/api/v1/problemer/ikke-logget-ind"
    assert data["status"] == 401
    assert data["title"] and data["detail"]


@pytest.mark.parametrize("tilstand", ["ukendt", "udloebet", "tilbagekaldt"])
def test_an_unknown_expired_or_revoked_key_is_refused_alike(administrator, tilstand):
    objekt, hemmelighed = systemnoegle(administrator)
    if tilstand == "ukendt":
        hemmelighed = hemmelighed[::-1]
    elif tilstand == "udloebet":
        Systemnoegle.objects.filter(pk=objekt.pk).update(
            udloeber=timezone.now() - datetime.timedelta(seconds=1)
        )
    else:
        tilbagekald_systemnoegle(noegle=objekt)
    svar = api_klient(hemmelighed).get("/api/v1/virksomheder/")
    assert svar.status_code == 401
    assert svar.json()["detail"] == "Nøglen er ukendt, udløbet eller tilbagekaldt."


def test_last_use_is_written_at_most_once_a_minute(noegle, klient):
    objekt, _ = noegle
    klient.get("/api/v1/virksomheder/")
    objekt.refresh_from_db()
    foerste = objekt.sidst_brugt
    assert foerste is not None
    klient.get("/api/v1/virksomheder/")
    objekt.refresh_from_db()
    assert objekt.sidst_brugt == foerste
    Systemnoegle.objects.filter(pk=objekt.pk).update(
        sidst_brugt=foerste - datetime.timedelta(minutes=2)
    )
    klient.get("/api/v1/virksomheder/")
    objekt.refresh_from_db()
    assert objekt.sidst_brugt > foerste - datetime.timedelta(minutes=1)


def test_a_key_without_borgerdata_gets_403_on_citizens_but_reads_companies(administrator):
    _, hemmelighed = systemnoegle(administrator, borgerdata=False)
    klient = api_klient(hemmelighed)
    VirksomhedFactory()
    assert klient.get("/api/v1/virksomheder/").status_code == 200
    for sti in ("borgere", "ydelsesperioder", "maalgruppeperioder", "praktikforloeb"):
        svar = klient.get(f"/api/v1/{sti}/")
        assert svar.status_code == 403, sti
        assert svar.json()["kode"] == "ingen-adgang"
    svar = klient.post("/api/v1/borgere/opslag/", {"cpr": "0101901234"}, "application/json")
    assert svar.status_code == 403


def test_a_key_that_may_only_write_reads_nothing(administrator):
    _, hemmelighed = systemnoegle(administrator, laese=False, borgerdata=False, skrive=True)
    assert api_klient(hemmelighed).get("/api/v1/virksomheder/").status_code == 403


def test_an_unknown_address_under_the_api_is_a_404_problem(klient):
    svar = klient.get("/api/v1/findes-ikke/")
    assert svar.status_code == 404
    assert svar["Content-Type"] == "application/problem+json"
    assert svar.json()["kode"] == "ikke-fundet"


def test_a_list_page_of_three_citizens_writes_three_log_rows_by_the_system(
    noegle, klient, jobcenter_a
):
    borgere = BorgerFactory.create_batch(3, jobcenter=jobcenter_a)
    svar = klient.get("/api/v1/borgere/")
    assert svar.status_code == 200
    assert sorted(r["id"] for r in svar.json()["results"]) == sorted(b.pk for b in borgere)
    log = Adgangslog.objects.all()
    assert log.count() == 3
    assert {r.borger_id for r in log} == {b.pk for b in borgere}
    assert {r.bruger_id for r in log} == {noegle[0].bruger_id}
    assert {r.brugernavn for r in log} == {noegle[0].bruger.username}
    assert {r.handling for r in log} == {Handling.LISTE}


def test_a_citizens_detail_and_periods_are_logged_too(noegle, klient, jobcenter_a):
    borger = BorgerFactory(jobcenter=jobcenter_a)
    periode = YdelsesperiodeFactory(borger=borger)
    assert klient.get(f"/api/v1/borgere/{borger.pk}/").status_code == 200
    assert klient.get(f"/api/v1/ydelsesperioder/{periode.pk}/").status_code == 200
    assert klient.get("/api/v1/ydelsesperioder/").status_code == 200
    log = Adgangslog.objects.filter(borger=borger, bruger=noegle[0].bruger)
    assert sorted(log.values_list("handling", flat=True)) == sorted(
        [Handling.VIST, Handling.VIST, Handling.LISTE]
    )


def test_cpr_is_masked_in_lists_and_details(klient, jobcenter_a):
    borger = BorgerFactory(jobcenter=jobcenter_a, cpr="0101901234")
    liste = klient.get("/api/v1/borgere/").json()["results"]
    detalje = klient.get(f"/api/v1/borgere/{borger.pk}/").json()
    assert liste[0]["cpr"] == detalje["cpr"] == "010190-xxxx"
    assert b"0101901234" not in klient.get("/api/v1/borgere/").content


def test_a_look_up_by_cpr_finds_the_own_citizen_with_the_full_number_and_logs_it(
    noegle, klient, jobcenter_a
):
    borger = BorgerFactory(jobcenter=jobcenter_a, cpr="0101901234")
    svar = klient.post("/api/v1/borgere/opslag/", {"cpr": "010190-1234"}, "application/json")
    assert svar.status_code == 200
    assert svar.json()["id"] == borger.pk
    assert svar.json()["cpr"] == "0101901234"
    assert Adgangslog.objects.get().handling == Handling.FUNDET_VED_CPR


def test_a_look_up_answers_the_same_for_another_jobcentres_citizen_as_for_nobody(
    klient, jobcenter_b
):
    BorgerFactory(jobcenter=jobcenter_b, cpr="0101901234")
    andens = klient.post("/api/v1/borgere/opslag/", {"cpr": "0101901234"}, "application/json")
    ingens = klient.post("/api/v1/borgere/opslag/", {"cpr": "0202901234"}, "application/json")
    assert andens.status_code == ingens.status_code == 404
    assert andens.content == ingens.content
    assert Adgangslog.objects.count() == 0


def test_a_malformed_cpr_is_a_400_with_field_errors_that_do_not_repeat_it(klient):
    svar = klient.post("/api/v1/borgere/opslag/", {"cpr": "12ab567890"}, "application/json")
    assert svar.status_code == 400
    data = svar.json()
    assert data["kode"] == "ugyldig-forespoergsel"
    assert list(data["fejl"]) == ["cpr"]
    assert b"12ab567890" not in svar.content


@pytest.mark.parametrize(
    "parametre",
    [
        {"aendret_efter": "i går"},
        {"aendret_efter": "9999-12-31T23:59:59-23:00"},
        {"antal": "0"},
        {"antal": "501"},
        {"antal": "x"},
        {"aendret_efer": "2026-01-01T00:00:00Z"},
    ],
)
def test_bad_query_parameters_are_a_400_problem(klient, parametre):
    # 9999-12-31 at -23:00 lies beyond year 9999 in UTC: once a 500, found by Schemathesis.
    svar = klient.get("/api/v1/virksomheder/", parametre)
    assert svar.status_code == 400
    assert list(svar.json()["fejl"]) == list(parametre)


def test_a_far_offset_is_read_in_utc(klient, jobcenter_a):
    BorgerFactory(jobcenter=jobcenter_a)
    svar = klient.get("/api/v1/borgere/", {"aendret_efter": "2000-05-10T07:53:33-22:52"})
    assert svar.status_code == 200
    assert len(svar.json()["results"]) == 1


def test_a_bad_cursor_is_a_404_problem(klient):
    svar = klient.get("/api/v1/virksomheder/", {"cursor": "ikke-en-markoer"})
    assert svar.status_code == 404
    assert svar.json()["kode"] == "ikke-fundet"


def test_contacts_are_the_own_jobcentres_only(klient, jobcenter_a, jobcenter_b):
    virksomhed = VirksomhedFactory()
    fælles = {"virksomhed": virksomhed, "kanal": "mail", "initiativ": "opsoegende"}
    egen = Kontakt.objects.create(jobcenter=jobcenter_a, formaal="information", **fælles)
    Kontakt.objects.create(jobcenter=jobcenter_b, formaal="information", note="B", **fælles)
    svar = klient.get("/api/v1/kontakter/").json()
    assert [r["id"] for r in svar["results"]] == [egen.pk]


def test_an_unchanged_answer_is_304_with_its_etag(klient):
    VirksomhedFactory()
    svar = klient.get("/api/v1/virksomheder/")
    etag = svar["ETag"]
    assert etag
    igen = klient.get("/api/v1/virksomheder/", headers={"If-None-Match": etag})
    assert igen.status_code == 304
    assert igen.content == b""
    VirksomhedFactory()
    assert klient.get("/api/v1/virksomheder/", headers={"If-None-Match": etag}).status_code == 200


def test_too_many_calls_are_a_429_problem_with_retry_after(klient, settings):
    settings.API_KALD_PR_MINUT = 2
    assert klient.get("/api/v1/virksomheder/").status_code == 200
    assert klient.get("/api/v1/virksomheder/").status_code == 200
    svar = klient.get("/api/v1/virksomheder/")
    assert svar.status_code == 429
    assert int(svar["Retry-After"]) > 0
    assert svar.json()["kode"] == "for-mange-kald"


def test_the_rate_limit_counts_per_key(administrator, settings):
    settings.API_KALD_PR_MINUT = 1
    _, en = systemnoegle(administrator, navn="Et")
    _, to = systemnoegle(administrator, navn="To")
    klient = api_klient(en)
    assert klient.get("/api/v1/virksomheder/").status_code == 200
    assert klient.get("/api/v1/virksomheder/").status_code == 429
    anden = klient.get("/api/v1/virksomheder/", headers={"Authorization": f"Bearer {to}"})
    assert anden.status_code == 200


def test_the_schema_is_valid_openapi_and_the_docs_page_lists_it(client):
    from drf_spectacular.validation import validate_schema

    svar = client.get("/api/v1/schema/", {"format": "json"})
    assert svar.status_code == 200
    skema = svar.json()
    validate_schema(skema)
    assert "/api/v1/borgere/opslag/" in skema["paths"]
    assert skema["components"]["securitySchemes"]["systemnoegle"]["scheme"] == "bearer"
    side = client.get(reverse("api:dokumentation"))
    assert side.status_code == 200
    tekst = side.content.decode()
    assert "/api/v1/borgere/opslag/" in tekst
    assert "ugyldig-forespoergsel" in tekst
    assert "<script" not in tekst.split("</main>")[0].split("<main")[-1]
