"""The API's writes: single rows through the pages' forms and services, bulk upserts through the
import types' planners, scopes, another jobcentre's rows, the access log and Idempotency-Key."""

import contextlib
import datetime
import json

import pytest
from django.utils import timezone

from api.idempotens import ryd_idempotensnoegler
from api.models import Idempotensnoegle
from borgere.models import (
    Adgangslog,
    Forloebstype,
    Handling,
    Maalgruppe,
    Maalgruppeperiode,
    Praktikforloeb,
    Ydelsesperiode,
)
from borgere.tests.factories import BorgerFactory, YdelsesperiodeFactory
from virksomheder.models import Kontakt, Opgave
from virksomheder.tests.factories import VirksomhedFactory

from .factories import api_klient, systemnoegle

pytestmark = pytest.mark.django_db

CPR_A = "0101901234"
CPR_B = "0202902345"


@pytest.fixture
def noegle(administrator):
    return systemnoegle(administrator, skrive=True)


@pytest.fixture
def klient(noegle):
    return api_klient(noegle[1])


@pytest.fixture
def borger(jobcenter_a):
    return BorgerFactory(jobcenter=jobcenter_a, cpr=CPR_A)


@pytest.fixture
def fremmed(jobcenter_b):
    """Another jobcentre's citizen."""
    return BorgerFactory(jobcenter=jobcenter_b, cpr=CPR_B)


def post(klient, adresse, data, **headers):
    return klient.post(adresse, json.dumps(data), content_type="application/json", **headers)


def kontakt_data(virksomhed, **andet):
    return {
        "virksomhed": virksomhed.pk,
        "kanal": "telefon",
        "initiativ": "indgaaende",
        "formaal": "information",
        **andet,
    }


def test_a_contact_is_created_through_the_pages_service_with_its_tasks(klient, noegle):
    virksomhed = VirksomhedFactory()
    svar = post(klient, "/api/v1/kontakter/", kontakt_data(virksomhed, note="Ringede"))
    assert svar.status_code == 201, svar.json()
    kontakt = Kontakt.objects.get(pk=svar.json()["id"])
    assert kontakt.jobcenter_id == noegle[0].jobcenter_id
    assert kontakt.oprettet_af == noegle[0].bruger
    assert kontakt.dato == timezone.localdate()
    # The service's rule: an inbound phone call gives a task to offer a meeting.
    assert Opgave.objects.filter(kontakt=kontakt, art="moedetilbud").exists()


def test_a_contact_without_purpose_or_in_the_future_is_refused_by_field(klient):
    virksomhed = VirksomhedFactory()
    data = kontakt_data(virksomhed)
    del data["formaal"]
    svar = post(klient, "/api/v1/kontakter/", data)
    assert svar.status_code == 400
    assert svar.json()["kode"] == "ugyldig-forespoergsel"
    assert "formaal" in svar.json()["fejl"]
    imorgen = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    svar = post(klient, "/api/v1/kontakter/", kontakt_data(virksomhed, dato=imorgen))
    assert svar.status_code == 400
    assert svar.json()["fejl"]["dato"] == ["En kontakt kan ikke ligge i fremtiden."]
    # The form's own rule: a next step needs a due date.
    svar = post(klient, "/api/v1/kontakter/", kontakt_data(virksomhed, naeste_skridt="Møde"))
    assert svar.status_code == 400
    assert "opfoelgning_frist" in svar.json()["fejl"]
    assert not Kontakt.objects.exists()


def test_a_key_without_write_cannot_write_and_a_write_only_key_cannot_read(administrator):
    virksomhed = VirksomhedFactory()
    _, laeser = systemnoegle(administrator)
    svar = post(api_klient(laeser), "/api/v1/kontakter/", kontakt_data(virksomhed))
    assert svar.status_code == 403
    assert svar.json()["kode"] == "ingen-adgang"
    _, skriver = systemnoegle(administrator, laese=False, borgerdata=False, skrive=True)
    klient = api_klient(skriver)
    assert post(klient, "/api/v1/kontakter/", kontakt_data(virksomhed)).status_code == 201
    assert klient.get("/api/v1/kontakter/").status_code == 403
    assert not Kontakt.objects.filter(jobcenter=None).exists()


def test_a_period_about_a_citizen_needs_borgerdata_besides_write(administrator, borger):
    _, hemmelighed = systemnoegle(administrator, borgerdata=False, skrive=True)
    data = {"borger": borger.pk, "ydelse": "kontanthjaelp", "fra": "2026-01-01"}
    svar = post(api_klient(hemmelighed), "/api/v1/ydelsesperioder/", data)
    assert svar.status_code == 403
    assert not Ydelsesperiode.objects.exists()


def test_a_benefit_period_is_saved_and_logged_with_the_system_as_actor(klient, noegle, borger):
    data = {"borger": borger.pk, "ydelse": "kontanthjaelp", "fra": "2026-01-01", "til": None}
    svar = post(klient, "/api/v1/ydelsesperioder/", data)
    assert svar.status_code == 201, svar.json()
    assert svar.json()["ydelse"] == "kontanthjaelp"
    periode = Ydelsesperiode.objects.get(pk=svar.json()["id"])
    assert periode.borger == borger
    assert Adgangslog.objects.filter(
        borger=borger, bruger=noegle[0].bruger, handling=Handling.HISTORIK_RETTET
    ).exists()


def test_an_overlapping_period_or_unknown_code_is_refused_with_danish_field_errors(klient, borger):
    YdelsesperiodeFactory(borger=borger, fra=datetime.date(2026, 1, 1), til=None)
    data = {"borger": borger.pk, "ydelse": "kontanthjaelp", "fra": "2026-03-01"}
    svar = post(klient, "/api/v1/ydelsesperioder/", data)
    assert svar.status_code == 400
    assert svar.json()["kode"] == "ugyldig-forespoergsel"
    assert svar.json()["fejl"]
    svar = post(klient, "/api/v1/ydelsesperioder/", {**data, "ydelse": "findes-ikke"})
    assert svar.json()["fejl"] == {"ydelse": ["Ukendt kode »findes-ikke«."]}
    assert Ydelsesperiode.objects.count() == 1


def test_a_target_group_period_is_saved_with_a_group_valid_today(klient, borger):
    gruppe = Maalgruppe.objects.gyldige(timezone.localdate()).first()
    data = {"borger": borger.pk, "maalgruppe": gruppe.kode, "fra": "2026-11-01"}
    svar = post(klient, "/api/v1/maalgruppeperioder/", data)
    assert svar.status_code == 201, svar.json()
    assert Maalgruppeperiode.objects.get().maalgruppe == gruppe


def test_another_jobcentres_citizen_gets_the_same_answer_as_an_unknown_id(klient, fremmed):
    data = {"ydelse": "kontanthjaelp", "fra": "2026-01-01"}
    fremmed_svar = post(klient, "/api/v1/ydelsesperioder/", {**data, "borger": fremmed.pk})
    ukendt_svar = post(klient, "/api/v1/ydelsesperioder/", {**data, "borger": 99_999_999})
    assert fremmed_svar.status_code == ukendt_svar.status_code == 400
    assert fremmed_svar.json() == ukendt_svar.json()
    forloeb = {
        "virksomhed": VirksomhedFactory().pk,
        "type": Forloebstype.objects.first().kode,
        "jobkonsulent": 1,
        "start": "2026-12-01",
    }
    a = post(klient, "/api/v1/praktikforloeb/", {**forloeb, "borger": fremmed.pk})
    b = post(klient, "/api/v1/praktikforloeb/", {**forloeb, "borger": 99_999_999})
    assert a.json()["fejl"]["borger"] == b.json()["fejl"]["borger"]
    assert not Ydelsesperiode.objects.exists() and not Praktikforloeb.objects.exists()


def test_a_forloeb_is_created_in_step_1_through_the_pages_form(klient, noegle, borger, konsulent):
    type_ = Forloebstype.objects.exclude(maks_uger=None).first()
    data = {
        "borger": borger.pk,
        "virksomhed": VirksomhedFactory().pk,
        "type": type_.kode,
        "jobkonsulent": konsulent.pk,
        "start": "2026-12-07",
    }
    svar = post(klient, "/api/v1/praktikforloeb/", data)
    assert svar.status_code == 201, svar.json()
    forloeb = Praktikforloeb.objects.get(pk=svar.json()["id"])
    assert forloeb.trin == 1
    # The form's rule: an empty planned end gets the type's usual length.
    assert forloeb.planlagt_slut == datetime.date(2026, 12, 7) + datetime.timedelta(
        weeks=type_.maks_uger, days=-1
    )
    assert Adgangslog.objects.filter(
        borger=borger, bruger=noegle[0].bruger, handling=Handling.FORLOEB_RETTET
    ).exists()
    # A consultant of another jobcentre (or the system user itself) is no choice.
    svar = post(klient, "/api/v1/praktikforloeb/", {**data, "jobkonsulent": noegle[0].bruger.pk})
    assert svar.status_code == 400
    assert "jobkonsulent" in svar.json()["fejl"]


def perioder(*raekker):
    return [{"cpr": c, "ydelse": y, "fra": f, "til": t} for c, y, f, t in raekker]


def test_bulk_periods_are_upserted_and_a_second_post_changes_nothing(klient, noegle, borger):
    raekker = perioder(
        (CPR_A, "kontanthjaelp", "2026-01-01", "2026-03-31"),
        ("010190-1234", "Kontanthjælp", "01-04-2026", None),
    )
    svar = post(klient, "/api/v1/ydelsesperioder/bulk/", raekker)
    assert svar.status_code == 200, svar.json()
    assert svar.json() == {"raekker": 2, "nye": 2, "opdaterede": 0, "uaendrede": 0}
    foer = list(Ydelsesperiode.objects.order_by("fra").values_list("pk", "fra", "til"))
    svar = post(klient, "/api/v1/ydelsesperioder/bulk/", raekker)
    assert svar.json() == {"raekker": 2, "nye": 0, "opdaterede": 0, "uaendrede": 2}
    assert list(Ydelsesperiode.objects.order_by("fra").values_list("pk", "fra", "til")) == foer
    assert Adgangslog.objects.filter(
        borger=borger, bruger=noegle[0].bruger, handling=Handling.HISTORIK_RETTET
    ).exists()


def test_bulk_with_a_bad_row_writes_nothing_and_names_every_bad_rows_index(klient, borger, fremmed):
    raekker = perioder(
        (CPR_A, "kontanthjaelp", "2026-01-01", None),
        (CPR_B, "kontanthjaelp", "2026-01-01", None),
        (CPR_A, "ukendt", "2026-05-01", None),
    ) + [{"cpr": CPR_A, "ydelse": "kontanthjaelp"}, {"cpr": CPR_A, "tl": "x"}, "tekst"]
    svar = post(klient, "/api/v1/ydelsesperioder/bulk/", raekker)
    assert svar.status_code == 400
    data = svar.json()
    assert data["kode"] == "ugyldige-raekker"
    assert [r["indeks"] for r in data["raekker"]] == [3, 4, 5]
    assert "fra" in data["raekker"][0]["fejl"]
    assert "tl" in data["raekker"][1]["fejl"]
    # The rows of the right shape go on to the planner, which finds the rest.
    svar = post(klient, "/api/v1/ydelsesperioder/bulk/", raekker[:3])
    data = svar.json()
    assert [r["indeks"] for r in data["raekker"]] == [1, 2]
    # Another jobcentre's CPR number reads exactly as an unknown one; no number is quoted.
    assert data["raekker"][0]["fejl"] == "CPR-nummeret findes ikke blandt jeres borgere"
    assert CPR_B not in svar.content.decode()
    assert not Ydelsesperiode.objects.exists()


def test_bulk_forloeb_and_target_groups_use_their_imports_rules(klient, borger):
    type_ = Forloebstype.objects.first()
    raekke = {"cpr": CPR_A, "cvr": "13585628", "type": type_.kode, "start": "2026-09-01"}
    svar = post(klient, "/api/v1/praktikforloeb/bulk/", [raekke])
    assert svar.json()["nye"] == 1, svar.json()
    svar = post(klient, "/api/v1/praktikforloeb/bulk/", [{**raekke, "slut": "2026-10-01"}])
    assert svar.json() == {"raekker": 1, "nye": 0, "opdaterede": 1, "uaendrede": 0}
    assert Praktikforloeb.objects.get().faktisk_slut == datetime.date(2026, 10, 1)
    svar = post(
        klient,
        "/api/v1/maalgruppeperioder/bulk/",
        [{"cpr": CPR_A, "maalgruppe": "2", "fra": "2020-01-01", "til": "2020-06-30"}],
    )
    assert svar.json()["nye"] == 1, svar.json()


def test_bulk_refuses_more_rows_than_the_limit_and_an_empty_list(klient, borger, settings):
    settings.API_BULK_MAKS_RAEKKER = 2
    raekker = perioder(*[(CPR_A, "kontanthjaelp", f"2026-0{m}-01", None) for m in (1, 2, 3)])
    svar = post(klient, "/api/v1/ydelsesperioder/bulk/", raekker)
    assert svar.status_code == 413
    assert svar["Content-Type"] == "application/problem+json"
    assert svar.json()["kode"] == "for-mange-raekker"
    assert post(klient, "/api/v1/ydelsesperioder/bulk/", []).status_code == 400
    assert post(klient, "/api/v1/ydelsesperioder/bulk/", {"cpr": CPR_A}).status_code == 400
    assert not Ydelsesperiode.objects.exists()


def test_an_idempotency_key_replays_the_first_answer_without_writing_again(klient):
    data = kontakt_data(VirksomhedFactory(), kanal="mail")
    foerste = post(klient, "/api/v1/kontakter/", data, HTTP_IDEMPOTENCY_KEY="abc-1")
    anden = post(klient, "/api/v1/kontakter/", data, HTTP_IDEMPOTENCY_KEY="abc-1")
    assert foerste.status_code == anden.status_code == 201
    assert anden.json() == foerste.json()
    assert anden["Idempotent-Replayed"] == "true"
    assert Kontakt.objects.count() == 1
    # The same key with another body is a mistake, and writes nothing.
    svar = post(klient, "/api/v1/kontakter/", {**data, "note": "x"}, HTTP_IDEMPOTENCY_KEY="abc-1")
    assert svar.status_code == 422
    assert svar.json()["kode"] == "idempotensnoegle-genbrugt"
    assert Kontakt.objects.count() == 1
    # Without the key, or with a new one, the same body writes again.
    assert post(klient, "/api/v1/kontakter/", data).status_code == 201
    assert post(klient, "/api/v1/kontakter/", data, HTTP_IDEMPOTENCY_KEY="abc-2").status_code == 201
    assert Kontakt.objects.count() == 3


def test_an_idempotency_key_is_per_system_key_and_a_refusal_is_not_remembered(
    klient, administrator
):
    virksomhed = VirksomhedFactory()
    data = kontakt_data(virksomhed)
    del data["formaal"]
    assert post(klient, "/api/v1/kontakter/", data, HTTP_IDEMPOTENCY_KEY="k").status_code == 400
    assert not Idempotensnoegle.objects.exists()
    rettet = kontakt_data(virksomhed)
    assert post(klient, "/api/v1/kontakter/", rettet, HTTP_IDEMPOTENCY_KEY="k").status_code == 201
    _, anden = systemnoegle(administrator, skrive=True, navn="Andet")
    svar = post(api_klient(anden), "/api/v1/kontakter/", rettet, HTTP_IDEMPOTENCY_KEY="k")
    assert svar.status_code == 201
    assert "Idempotent-Replayed" not in svar
    assert Kontakt.objects.count() == 2
    svar = post(klient, "/api/v1/kontakter/", rettet, HTTP_IDEMPOTENCY_KEY="x" * 256)
    assert svar.status_code == 400
    assert "Idempotency-Key" in svar.json()["fejl"]


def test_bulk_replays_with_the_same_idempotency_key(klient, borger):
    raekker = perioder((CPR_A, "kontanthjaelp", "2026-01-01", None))
    post(klient, "/api/v1/ydelsesperioder/bulk/", raekker, HTTP_IDEMPOTENCY_KEY="b")
    svar = post(klient, "/api/v1/ydelsesperioder/bulk/", raekker, HTTP_IDEMPOTENCY_KEY="b")
    assert svar.json()["nye"] == 1
    assert svar["Idempotent-Replayed"] == "true"


def test_idempotency_keys_older_than_the_limit_are_purged(klient):
    post(klient, "/api/v1/kontakter/", kontakt_data(VirksomhedFactory()), HTTP_IDEMPOTENCY_KEY="g")
    nu = timezone.now()
    assert ryd_idempotensnoegler(nu=nu + datetime.timedelta(hours=23)) == 0
    assert ryd_idempotensnoegler(nu=nu + datetime.timedelta(hours=25)) == 1
    assert not Idempotensnoegle.objects.exists()


def test_the_nightly_task_and_the_command_purge_old_idempotency_keys(klient, noegle):
    from django.core.management import call_command

    from api.tasks import ryd_idempotensnoegler as opgave
    from config.celery import app

    assert app.conf.beat_schedule["ryd-idempotensnoegler"]["task"] == opgave.name
    post(klient, "/api/v1/kontakter/", kontakt_data(VirksomhedFactory()), HTTP_IDEMPOTENCY_KEY="n")
    Idempotensnoegle.objects.update(oprettet=timezone.now() - datetime.timedelta(hours=25))
    assert opgave.delay().get() == 1
    post(klient, "/api/v1/kontakter/", kontakt_data(VirksomhedFactory()), HTTP_IDEMPOTENCY_KEY="m")
    Idempotensnoegle.objects.update(oprettet=timezone.now() - datetime.timedelta(hours=25))
    call_command("ryd_idempotensnoegler")
    assert not Idempotensnoegle.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_concurrent_repeat_waits_for_the_first_request_and_gets_its_answer(klient, noegle):
    """The first request's row is inserted but not yet committed (held open in another thread):
    the repeat waits on the unique constraint, then replays the stored answer, writing nothing."""
    import hashlib
    import threading

    from django.db import connections, transaction

    from tests.traade import holdt_i_anden_traad

    krop = json.dumps(kontakt_data(VirksomhedFactory())).encode()
    hash_ = hashlib.sha256(b"\n".join([b"POST", b"/api/v1/kontakter/", krop])).hexdigest()

    @contextlib.contextmanager
    def foerste_kald_midt_i_sin_transaktion():
        with transaction.atomic():
            Idempotensnoegle.objects.create(
                systemnoegle=noegle[0],
                noegle="samtidig",
                forespoergsel=hash_,
                status=201,
                svar={"id": 4711},
            )
            yield

    svar = []

    def gentag():
        try:
            svar.append(
                klient.post(
                    "/api/v1/kontakter/",
                    krop,
                    content_type="application/json",
                    HTTP_IDEMPOTENCY_KEY="samtidig",
                )
            )
        finally:
            connections.close_all()  # this thread's own connection

    with holdt_i_anden_traad(foerste_kald_midt_i_sin_transaktion):
        gentagelse = threading.Thread(target=gentag)
        gentagelse.start()
        gentagelse.join(timeout=1)
        assert gentagelse.is_alive(), "gentagelsen ventede ikke på den første"
    gentagelse.join(timeout=30)
    assert svar[0].status_code == 201
    assert svar[0].json() == {"id": 4711}
    assert svar[0]["Idempotent-Replayed"] == "true"
    assert not Kontakt.objects.exists()
