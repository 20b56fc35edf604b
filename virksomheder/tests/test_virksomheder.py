import pytest
from django.urls import reverse

from jobcenter.tests.factories import BrugerFactory, kommune
from virksomheder.models import (
    Arbejdssted,
    Branche,
    Kontaktperson,
    Virksomhed,
    Virksomhedsforhold,
    Virksomhedsnotat,
)
from virksomheder.tests.factories import VirksomhedFactory

pytestmark = pytest.mark.django_db


def gyldig(**extra):
    return {
        "cvr": "1358 5628",
        "navn": "Bornholms Rengøring ApS",
        "branche": Branche.objects.get(kode="N").pk,
        "sektor": "privat",
        "stoerrelse": "20-49",
        "kommune": kommune(400).pk,
        **extra,
    }


def test_a_consultant_creates_a_company(client_for, konsulent):
    response = client_for(konsulent).post(reverse("virksomheder:opret"), gyldig())
    virksomhed = Virksomhed.objects.get()
    assert response.url == reverse("virksomheder:detalje", args=[virksomhed.pk])
    assert virksomhed.cvr == "13585628"


@pytest.mark.parametrize(
    ("data", "besked"),
    [
        ({"cvr": "13585627"}, "CVR-nummeret er ikke gyldigt"),
        ({"cvr": "1234"}, "CVR-nummeret er ikke gyldigt"),
        ({"navn": ""}, "Dette felt er påkrævet"),
        ({"sektor": "halvoffentlig"}, "Marker en gyldig valgmulighed"),
        ({"telefon": "12"}, "Telefonnummeret skal være 8 cifre"),
    ],
)
def test_an_invalid_company_is_not_saved(client_for, konsulent, data, besked):
    response = client_for(konsulent).post(reverse("virksomheder:opret"), gyldig(**data))
    assert response.status_code == 200
    assert besked in response.content.decode()
    assert not Virksomhed.objects.exists()


def test_a_duplicate_cvr_is_refused(client_for, konsulent):
    VirksomhedFactory(cvr="13585628")
    response = client_for(konsulent).post(reverse("virksomheder:opret"), gyldig())
    assert "Der findes allerede en virksomhed med dette CVR-nummer" in response.content.decode()
    assert Virksomhed.objects.count() == 1


def test_companies_are_shared_by_all_jobcentres(client_for, outsider):
    virksomhed = VirksomhedFactory(navn="Fælles Fabrik A/S")
    response = client_for(outsider).get(reverse("virksomheder:detalje", args=[virksomhed.pk]))
    assert response.status_code == 200
    assert "Fælles Fabrik A/S" in response.content.decode()


def test_a_jobcentres_notes_are_its_own(client_for, konsulent, kollega, outsider):
    virksomhed = VirksomhedFactory()
    url = reverse("virksomheder:notat", args=[virksomhed.pk])
    client_for(konsulent).post(url, {"tekst": "Vil gerne tage to i praktik i foråret"})
    notat = Virksomhedsnotat.objects.get()
    assert notat.jobcenter == konsulent.jobcenter
    detalje = reverse("virksomheder:detalje", args=[virksomhed.pk])
    assert "to i praktik" in client_for(kollega).get(detalje).content.decode()
    assert "to i praktik" not in client_for(outsider).get(detalje).content.decode()


def test_an_empty_note_is_not_saved(client_for, konsulent):
    virksomhed = VirksomhedFactory()
    response = client_for(konsulent).post(
        reverse("virksomheder:notat", args=[virksomhed.pk]), {"tekst": ""}, follow=True
    )
    assert "Notatet blev ikke gemt" in response.content.decode()
    assert not Virksomhedsnotat.objects.exists()


def test_each_jobcentre_has_its_own_kontaktansvarlig(client_for, konsulent, kollega, outsider):
    virksomhed = VirksomhedFactory()
    url = reverse("virksomheder:kontaktansvarlig", args=[virksomhed.pk])
    client_for(konsulent).post(url, {"kontaktansvarlig": kollega.pk})
    client_for(outsider).post(url, {"kontaktansvarlig": outsider.pk})
    ansvar = dict(
        Virksomhedsforhold.objects.values_list("jobcenter__navn", "kontaktansvarlig__username")
    )
    assert ansvar == {"Jobcenter Aarhus": "kollega", "Jobcenter Aalborg": "outsider"}


def test_a_kontaktansvarlig_from_another_jobcentre_is_refused(client_for, konsulent, outsider):
    virksomhed = VirksomhedFactory()
    response = client_for(konsulent).post(
        reverse("virksomheder:kontaktansvarlig", args=[virksomhed.pk]),
        {"kontaktansvarlig": outsider.pk},
        follow=True,
    )
    assert "Vælg en medarbejder fra jeres eget jobcenter" in response.content.decode()
    assert not Virksomhedsforhold.objects.exists()


def test_workplaces_and_contact_persons_are_added(client_for, konsulent):
    virksomhed = VirksomhedFactory()
    client = client_for(konsulent)
    response = client.post(
        reverse("virksomheder:underside_opret", args=[virksomhed.pk, "arbejdssted"]),
        {"pnummer": "1003 388 394", "navn": "Lageret", "kommune": kommune().pk},
    )
    assert response.status_code == 302
    assert Arbejdssted.objects.get().pnummer == "1003388394"
    response = client.post(
        reverse("virksomheder:underside_opret", args=[virksomhed.pk, "kontaktperson"]),
        {"navn": "Birthe Værkfører", "niveau": "vaerkfoerer", "telefon": "12345678"},
    )
    assert response.status_code == 302
    assert Kontaktperson.objects.get().virksomhed == virksomhed


def test_an_unknown_sub_page_is_404(client_for, konsulent):
    virksomhed = VirksomhedFactory()
    url = reverse("virksomheder:underside_opret", args=[virksomhed.pk, "borger"])
    assert client_for(konsulent).get(url).status_code == 404


def test_a_contact_person_of_another_company_cannot_be_edited_through_this_one(
    client_for, konsulent
):
    person = Kontaktperson.objects.create(virksomhed=VirksomhedFactory(), navn="Anden", niveau="hr")
    url = reverse(
        "virksomheder:underside_rediger",
        args=[VirksomhedFactory().pk, "kontaktperson", person.pk],
    )
    assert client_for(konsulent).get(url).status_code == 404


class TestListen:
    @pytest.fixture
    def virksomheder(self):
        return {
            "fabrik": VirksomhedFactory(
                navn="Aarhus Metal A/S",
                cvr="13585628",
                branche=Branche.objects.get(kode="C"),
                stoerrelse="100-249",
            ),
            "kommunen": VirksomhedFactory(
                navn="Vej og Park Bornholm",
                sektor="offentlig",
                branche=Branche.objects.get(kode="O"),
                kommune=kommune(400),
            ),
        }

    @pytest.mark.parametrize(
        ("params", "forventet"),
        [
            ({}, {"fabrik", "kommunen"}),
            ({"q": "metal"}, {"fabrik"}),
            ({"q": "1358 5628"}, {"fabrik"}),
            ({"sektor": "offentlig"}, {"kommunen"}),
            ({"stoerrelse": "100-249"}, {"fabrik"}),
            ({"branche": "branche:O"}, {"kommunen"}),
            ({"kommune": "kommune:400"}, {"kommunen"}),
            ({"q": "ingen-findes"}, set()),
        ],
    )
    def test_it_searches_and_filters(self, client_for, konsulent, virksomheder, params, forventet):
        params = {
            key: (
                Branche.objects.get(kode=v.split(":")[1]).pk
                if v.startswith("branche:")
                else kommune(int(v.split(":")[1])).pk
                if v.startswith("kommune:")
                else v
            )
            for key, v in params.items()
        }
        html = client_for(konsulent).get(reverse("virksomheder:liste"), params).content.decode()
        for key, virksomhed in virksomheder.items():
            assert (virksomhed.navn in html) == (key in forventet), key

    def test_it_pages_by_25(self, client_for, konsulent):
        VirksomhedFactory.create_batch(30)
        client = client_for(konsulent)
        assert len(client.get(reverse("virksomheder:liste")).context["side"].object_list) == 25
        side2 = client.get(reverse("virksomheder:liste"), {"side": 2}).context["side"]
        assert len(side2.object_list) == 5


def test_the_analytiker_has_no_company_pages(client_for, analytiker):
    virksomhed = VirksomhedFactory()
    client = client_for(analytiker)
    assert client.get(reverse("virksomheder:liste")).status_code == 403
    assert client.get(reverse("virksomheder:detalje", args=[virksomhed.pk])).status_code == 403


def test_an_inactive_colleague_cannot_be_made_kontaktansvarlig(client_for, konsulent):
    tidligere = BrugerFactory(jobcenter=konsulent.jobcenter, is_active=False)
    virksomhed = VirksomhedFactory()
    client_for(konsulent).post(
        reverse("virksomheder:kontaktansvarlig", args=[virksomhed.pk]),
        {"kontaktansvarlig": tidligere.pk},
    )
    assert not Virksomhedsforhold.objects.exists()
