import pytest
from django.urls import reverse
from django.utils import timezone

from borgere.models import Adgangslog, Handling
from borgere.tests.factories import BorgerFactory
from jobcenter.tests.eksportlaeser import laes_csv

pytestmark = pytest.mark.django_db


@pytest.fixture
def borger(jobcenter_a):
    return BorgerFactory(jobcenter=jobcenter_a)


def test_viewing_a_citizen_writes_who_when_and_which(client_for, konsulent, borger):
    client_for(konsulent).get(reverse("borgere:detalje", args=[borger.pk]))
    log = Adgangslog.objects.get(borger=borger)
    assert log.bruger == konsulent
    assert log.brugernavn == "konsulent"
    assert log.jobcenter == borger.jobcenter
    assert log.handling == Handling.VIST
    assert log.tidspunkt is not None


def test_every_view_is_a_new_row(client_for, konsulent, kollega, borger):
    client_for(konsulent).get(reverse("borgere:detalje", args=[borger.pk]))
    client_for(kollega).get(reverse("borgere:detalje", args=[borger.pk]))
    client_for(kollega).get(reverse("borgere:detalje", args=[borger.pk]))
    assert list(
        Adgangslog.objects.filter(borger=borger)
        .order_by("tidspunkt", "pk")
        .values_list("brugernavn", flat=True)
    ) == ["konsulent", "kollega", "kollega"]


def test_the_log_cannot_be_changed_or_deleted(client_for, konsulent, borger):
    client_for(konsulent).get(reverse("borgere:detalje", args=[borger.pk]))
    log = Adgangslog.objects.get(borger=borger)
    log.handling = Handling.RETTET
    with pytest.raises(ValueError, match="kan ikke ændres"):
        log.save()
    with pytest.raises(ValueError, match="kan ikke slettes"):
        log.delete()
    assert Adgangslog.objects.get(borger=borger).handling == Handling.VIST


def test_an_administrator_exports_the_citizens_log(client_for, konsulent, administrator, borger):
    client_for(konsulent).get(reverse("borgere:detalje", args=[borger.pk]))
    response = client_for(administrator).post(reverse("borgere:adgangslog", args=[borger.pk]))
    data = laes_csv(response)
    assert list(data.columns) == ["tidspunkt", "bruger", "handling"]
    brugere = list(data["bruger"])
    assert "konsulent" in brugere
    assert "administrator" in brugere  # the export itself is logged first
    # To the second, on the jobcentre's clock, as Danish Excel reads a date and time.
    logget = [
        f"{timezone.localtime(t):%d-%m-%Y %H:%M:%S}"
        for t in borger.adgangslog.values_list("tidspunkt", flat=True)
    ]
    assert sorted(data["tidspunkt"]) == sorted(logget)
    egne = Adgangslog.objects.filter(bruger=administrator).values_list("handling", flat=True)
    assert list(egne) == [Handling.LOG_EKSPORTERET]  # one row, not a view besides
    assert borger.cpr not in response.content.decode("utf-8-sig")


def test_only_an_administrator_may_export_the_log(client_for, konsulent, leder, borger):
    for user in (konsulent, leder):
        response = client_for(user).post(reverse("borgere:adgangslog", args=[borger.pk]))
        assert response.status_code == 403
    assert not Adgangslog.objects.exists()  # refused before the citizen is read


def test_the_log_is_shown_to_the_administrator_only(client_for, konsulent, administrator, borger):
    url = reverse("borgere:detalje", args=[borger.pk])
    assert "Adgangslog" not in client_for(konsulent).get(url).content.decode()
    assert "Eksportér adgangslog" in client_for(administrator).get(url).content.decode()


def test_an_operators_view_in_the_django_admin_is_logged_too(client_for, borger):
    from jobcenter.tests.factories import BrugerFactory

    drift = BrugerFactory(
        username="drift", is_superuser=True, is_staff=True, jobcenter=None, rolle=""
    )
    client = client_for(drift)
    assert client.get(f"/admin/borgere/borger/{borger.pk}/change/").status_code == 200
    assert Adgangslog.objects.get(borger=borger).brugernavn == "drift"


def test_changes_to_a_citizen_are_kept_and_shown_to_the_administrator(
    client_for, konsulent, administrator, borger
):
    client_for(konsulent).post(
        reverse("borgere:rediger", args=[borger.pk]),
        {"fornavn": "Nyt", "efternavn": borger.efternavn, "telefon": "12345678"},
    )
    html = client_for(administrator).get(reverse("borgere:detalje", args=[borger.pk])).content
    html = html.decode()
    assert "Ændringer af borgerens oplysninger" in html
    assert f"Fornavn: {borger.fornavn} → Nyt" in html
    assert "Telefon: – → 12345678" in html
    assert str(konsulent) in html
    assert "Ændringer af borgerens" not in (
        client_for(konsulent).get(reverse("borgere:detalje", args=[borger.pk])).content.decode()
    )


def test_a_cpr_change_in_the_history_is_masked(borger):
    from jobcenter.historik import historik

    gammel = borger.cpr
    borger.cpr = "0202902345"
    borger.save()
    felter = historik(borger)[0].felter
    assert ("CPR-nummer", f"{gammel[:6]}-xxxx", "020290-xxxx") in felter
    assert gammel not in str(felter) and "0202902345" not in str(felter)
