"""Issue 16, item 1: instruments as data. Two national templates ship with the product;
administrators copy them into their jobcentre and edit the copy; an edit of an instrument that
has been measured with makes a new version, and the measurements keep theirs."""

import pytest
from django.urls import reverse

from borgere.models import Maalgruppe
from virkning.models import Art, Del, Indikator, Instrument, Maaling, Screeningskategori
from virkning.services.instrument import kopier_instrument, ny_version_hvis_brugt
from virkning.services.screening import kategori_for

from .factories import IndikatorFactory, InstrumentFactory, MaalingFactory, SvarFactory

pytestmark = pytest.mark.django_db


def skabelon(kode: str) -> Instrument:
    return Instrument.objects.get(jobcenter=None, kode=kode)


@pytest.fixture
def eget(administrator):
    """The jobcentre's own copy of the progression template."""
    return kopier_instrument(
        instrument=skabelon("progression"), jobcenter=administrator.jobcenter, bruger=administrator
    )


def indikatordata(**aendret) -> dict:
    return {
        "kode": "ny-indikator",
        "stilles_til": Del.BORGER,
        "navn": "Ny indikator",
        "formulering": "Hvor godt går det?",
        "skala_min": "1",
        "skala_max": "5",
        "label_min": "Dårligt",
        "label_max": "Godt",
        "hoejere_er_bedre": "on",
        "raekkefoelge": "20",
        **aendret,
    }


def test_the_two_templates_ship_with_a_citizen_part_a_consultant_part_and_three_dimensions():
    progression = skabelon("progression")
    assert (progression.art, progression.interval_uger, progression.frist_dage) == (
        Art.PROGRESSION,
        13,
        14,
    )
    dele = {d: progression.indikatorer.filter(stilles_til=d).count() for d in Del.values}
    assert dele == {"borger": 9, "konsulent": 8}
    assert not progression.maalgrupper.exists()  # none: every target group
    screening = skabelon("jobmobilitet")
    assert (screening.art, screening.interval_uger) == (Art.SCREENING, None)
    assert set(screening.indikatorer.values_list("dimension", flat=True)) == {
        "Faglige kvalifikationer",
        "Personlige kompetencer og forandringsparathed",
        "Faglig og geografisk mobilitet",
    }
    sidste = screening.kategorier.last()
    assert (sidste.navn, sidste.betingelser.count()) == ("Ingen tydelig mobilitetsudfordring", 0)
    # Everyone at the top of every scale falls through to the catch-all.
    alle_hoejt = {i.pk: i.skala_max for i in screening.indikatorer.all()}
    assert kategori_for(instrument=screening, vaerdier=alle_hoejt) == (sidste, [])


def test_a_copy_has_every_indicator_category_and_condition_and_keeps_the_code(administrator, eget):
    assert (eget.jobcenter, eget.kode, eget.navn, eget.version) == (
        administrator.jobcenter,
        "progression",
        "Progressionsmåling",
        1,
    )
    kilde = skabelon("jobmobilitet")
    kopi = kopier_instrument(
        instrument=kilde, jobcenter=administrator.jobcenter, bruger=administrator
    )
    felter = ("kode", "dimension", "skala_min", "skala_max", "formulering")
    assert list(kopi.indikatorer.values_list(*felter)) == list(
        kilde.indikatorer.values_list(*felter)
    )
    assert [
        (k.navn, sorted((b.dimension, b.graense) for b in k.betingelser.all()))
        for k in kopi.kategorier.all()
    ] == [
        (k.navn, sorted((b.dimension, b.graense) for b in k.betingelser.all()))
        for k in kilde.kategorier.all()
    ]
    # A second copy of the same code gets a free one.
    igen = kopier_instrument(
        instrument=kilde, jobcenter=administrator.jobcenter, bruger=administrator
    )
    assert (igen.kode, igen.navn) == ("jobmobilitet-2", "Kopi af Screening af jobmobilitet")


def test_the_copy_button_copies_a_template_into_the_administrators_jobcentre(
    client_for, administrator
):
    client = client_for(administrator)
    response = client.post(
        reverse("virkning:instrument_kopier", args=[skabelon("jobmobilitet").pk])
    )
    kopi = Instrument.objects.get(jobcenter=administrator.jobcenter)
    assert response.url == reverse("virkning:instrument", args=[kopi.pk])
    assert kopi.indikatorer.count() == 9 and kopi.kategorier.count() == 5


def test_editing_an_unused_instrument_changes_it_in_place(client_for, administrator, eget):
    indikator = eget.indikatorer.get(kode="b-jobsoegning")
    response = client_for(administrator).post(
        reverse("virkning:indikator_rediger", args=[indikator.pk]),
        indikatordata(kode="b-jobsoegning", navn="Søger job"),
    )
    assert response.status_code == 302
    indikator.refresh_from_db()
    assert (indikator.navn, indikator.instrument_id) == ("Søger job", eget.pk)
    assert Instrument.objects.filter(jobcenter=administrator.jobcenter).count() == 1


def test_editing_an_instrument_with_measurements_makes_a_new_version_and_keeps_the_old(
    client_for, administrator, eget
):
    gammel_indikator = eget.indikatorer.get(kode="b-jobsoegning")
    maaling = MaalingFactory(instrument=eget, borger__jobcenter=administrator.jobcenter)
    SvarFactory(maaling=maaling, indikator=gammel_indikator, vaerdi=2)
    client = client_for(administrator)
    response = client.post(
        reverse("virkning:indikator_rediger", args=[gammel_indikator.pk]),
        indikatordata(kode="b-jobsoegning", navn="Søger job", skala_min="0", skala_max="10"),
    )
    ny = Instrument.objects.get(jobcenter=administrator.jobcenter, aktiv=True)
    assert response.url == reverse("virkning:instrument", args=[ny.pk])
    assert (ny.version, ny.forgaenger, ny.kode) == (2, eget, "progression")
    eget.refresh_from_db()
    assert not eget.aktiv
    # The edit landed on the new version; the old one and its measurement are unchanged.
    assert ny.indikatorer.get(kode="b-jobsoegning").navn == "Søger job"
    assert (ny.indikatorer.get(kode="b-jobsoegning").skala_max) == 10
    gammel_indikator.refresh_from_db()
    assert (gammel_indikator.navn, gammel_indikator.skala_max) == ("Jobsøgning", 5)
    assert ny.indikatorer.count() == eget.indikatorer.count()
    maaling.refresh_from_db()
    assert maaling.instrument == eget
    assert [(s.indikator, s.vaerdi) for s in maaling.svar.all()] == [(gammel_indikator, 2)]
    html = client.get(response.url).content.decode()
    assert "ændringen er gemt som version 2" in html
    # The old version is read only now.
    assert (
        client.post(
            reverse("virkning:instrument_rediger", args=[eget.pk]), {"navn": "x"}
        ).status_code
        == 404
    )


def test_removing_an_indicator_of_a_used_instrument_leaves_it_on_the_old_version(
    client_for, administrator, eget
):
    indikator = eget.indikatorer.get(kode="b-motivation")
    MaalingFactory(instrument=eget, borger__jobcenter=administrator.jobcenter)
    client_for(administrator).post(reverse("virkning:indikator_slet", args=[indikator.pk]))
    ny = Instrument.objects.get(jobcenter=administrator.jobcenter, aktiv=True)
    assert not ny.indikatorer.filter(kode="b-motivation").exists()
    assert Indikator.objects.filter(pk=indikator.pk, instrument=eget).exists()


def test_a_new_version_is_made_only_once_used(administrator, eget):
    assert ny_version_hvis_brugt(instrument=eget, bruger=administrator) == eget
    MaalingFactory(instrument=eget, borger__jobcenter=administrator.jobcenter)
    ny = ny_version_hvis_brugt(instrument=eget, bruger=administrator)
    assert (ny.version, ny.aktiv) == (2, True)
    assert Maaling.objects.get().instrument == eget


def test_the_schedule_and_target_groups_are_edited(client_for, administrator, eget):
    jobparat = Maalgruppe.objects.first()
    response = client_for(administrator).post(
        reverse("virkning:instrument_rediger", args=[eget.pk]),
        {
            "navn": "Vores progression",
            "beskrivelse": "",
            "frist_dage": "7",
            "interval_uger": "8",
            "maalgrupper": [jobparat.pk],
        },
    )
    assert response.status_code == 302
    eget.refresh_from_db()
    assert (eget.navn, eget.frist_dage, eget.interval_uger) == ("Vores progression", 7, 8)
    assert list(eget.maalgrupper.all()) == [jobparat]


def test_a_category_and_its_conditions_are_edited(client_for, administrator):
    kopi = kopier_instrument(
        instrument=skabelon("jobmobilitet"), jobcenter=administrator.jobcenter, bruger=administrator
    )
    kategori = kopi.kategorier.get(navn="Faglig udfordring")
    client = client_for(administrator)
    side = client.get(reverse("virkning:kategori_rediger", args=[kategori.pk]))
    form = side.context["form"]
    felter = {f.label: navn for navn, f in form.fields.items() if navn.startswith("graense_")}
    data = {"navn": "Faglig udfordring", "forklaring": "", "raekkefoelge": "2"}
    data[felter["Faglige kvalifikationer: under"]] = "2,5"
    data[felter["Faglig og geografisk mobilitet: under"]] = "4"
    response = client.post(reverse("virkning:kategori_rediger", args=[kategori.pk]), data)
    assert response.status_code == 302
    assert sorted((b.dimension, str(b.graense)) for b in kategori.betingelser.all()) == [
        ("Faglig og geografisk mobilitet", "4.0"),
        ("Faglige kvalifikationer", "2.5"),
    ]
    data[felter["Faglige kvalifikationer: under"]] = "7"
    fejl = client.post(reverse("virkning:kategori_rediger", args=[kategori.pk]), data)
    assert fejl.context["form"].errors[felter["Faglige kvalifikationer: under"]] == [
        "Grænsen for Faglige kvalifikationer skal ligge over 1 og højst være 5."
    ]
    ny = client.post(
        reverse("virkning:kategori_opret", args=[kopi.pk]),
        {"navn": "Faglig udfordring", "forklaring": "", "raekkefoelge": "9"},
    )
    assert ny.context["form"].errors["navn"] == [
        "Instrumentet har allerede kategorien »Faglig udfordring«."
    ]


@pytest.mark.parametrize(
    ("aendret", "felt", "besked"),
    [
        (
            {"skala_min": "5", "skala_max": "5"},
            "skala_max",
            "Skalaens øverste værdi skal være større end den nederste.",
        ),
        ({"skala_max": "500"}, "skala_max", "Skalaen skal ligge mellem 0 og 100."),
        (
            {"kode": "b-tro-paa-job"},
            "kode",
            "Instrumentet har allerede en indikator med koden »b-tro-paa-job«.",
        ),
        (
            {"kode": "tro på job"},
            "kode",
            "Koden må kun have små bogstaver a–z, tal og bindestreger (fx tro-paa-job).",
        ),
        (
            {"kode": "dato"},
            "kode",
            "»dato« er en af importfilens faste kolonner; vælg en anden kode.",
        ),
        (
            {"formulering": "x" * 501},
            "formulering",
            "Denne værdi må højst have 500 tegn (den har 501).",
        ),
    ],
)
def test_a_bad_indicator_gets_a_clear_message_and_changes_nothing(
    client_for, administrator, eget, aendret, felt, besked
):
    antal = Indikator.objects.count()
    response = client_for(administrator).post(
        reverse("virkning:indikator_opret", args=[eget.pk]), indikatordata(**aendret)
    )
    assert response.status_code == 200
    assert besked in response.context["form"].errors[felt]
    assert Indikator.objects.count() == antal


def test_a_code_in_capitals_is_kept_in_lower_case(client_for, administrator, eget):
    client_for(administrator).post(
        reverse("virkning:indikator_opret", args=[eget.pk]), indikatordata(kode="Ny-Kode")
    )
    assert eget.indikatorer.filter(kode="ny-kode").exists()


def test_a_template_cannot_be_edited_only_copied(client_for, administrator):
    progression = skabelon("progression")
    indikator = progression.indikatorer.first()
    kategori = skabelon("jobmobilitet").kategorier.first()
    client = client_for(administrator)
    for url in (
        reverse("virkning:instrument_rediger", args=[progression.pk]),
        reverse("virkning:indikator_opret", args=[progression.pk]),
        reverse("virkning:indikator_rediger", args=[indikator.pk]),
        reverse("virkning:indikator_slet", args=[indikator.pk]),
        reverse("virkning:kategori_rediger", args=[kategori.pk]),
        reverse("virkning:kategori_slet", args=[kategori.pk]),
    ):
        assert client.post(url, indikatordata()).status_code == 404, url
    indikator.refresh_from_db()
    assert indikator.navn == "Jobsøgning"
    html = client.get(reverse("virkning:instrument", args=[progression.pk])).content.decode()
    assert "Kopiér til jobcentret" in html and "Ny indikator" not in html


def test_another_jobcentres_instrument_is_not_found(client_for, administrator, outsider):
    fremmed = InstrumentFactory(oprettet_af=outsider, navn="Aalborgs måling")
    indikator = IndikatorFactory(instrument=fremmed)
    kategori = Screeningskategori.objects.create(instrument=fremmed, navn="Aalborgs kategori")
    client = client_for(administrator)
    for navn, pk in [
        ("virkning:instrument", fremmed.pk),
        ("virkning:instrument_kopier", fremmed.pk),
        ("virkning:instrument_rediger", fremmed.pk),
        ("virkning:indikator_opret", fremmed.pk),
        ("virkning:indikator_rediger", indikator.pk),
        ("virkning:kategori_rediger", kategori.pk),
    ]:
        assert client.get(reverse(navn, args=[pk])).status_code in (404, 405)
        assert client.post(reverse(navn, args=[pk])).status_code == 404
    assert "Aalborgs måling" not in client.get(reverse("virkning:instrumenter")).content.decode()
    assert Instrument.objects.filter(jobcenter=administrator.jobcenter).count() == 0


def test_a_consultant_reads_instruments_but_cannot_change_them(
    client_for, konsulent, eget, administrator
):
    client = client_for(konsulent)
    liste = client.get(reverse("virkning:instrumenter")).content.decode()
    assert "Screening af jobmobilitet" in liste and "Progressionsmåling" in liste
    side = client.get(reverse("virkning:instrument", args=[eget.pk]))
    html = side.content.decode()
    assert side.status_code == 200 and "Hvor meget tror du på" in html
    assert "Kopiér til jobcentret" not in html and "Ny indikator" not in html
    indikator = eget.indikatorer.first()
    for url in (
        reverse("virkning:instrument_kopier", args=[eget.pk]),
        reverse("virkning:instrument_rediger", args=[eget.pk]),
        reverse("virkning:indikator_rediger", args=[indikator.pk]),
        reverse("virkning:indikator_slet", args=[indikator.pk]),
    ):
        assert client.post(url, indikatordata()).status_code == 403, url
    assert Instrument.objects.filter(jobcenter=konsulent.jobcenter).count() == 1
    assert eget.indikatorer.count() == 17


def test_the_analyst_has_no_instrument_pages(client_for, analytiker):
    client = client_for(analytiker)
    assert client.get(reverse("virkning:instrumenter")).status_code == 403
    assert (
        client.get(reverse("virkning:instrument", args=[skabelon("progression").pk])).status_code
        == 403
    )


def test_the_screening_page_shows_its_dimensions_and_rules_and_the_list_its_versions(
    client_for, administrator, eget
):
    client = client_for(administrator)
    html = client.get(
        reverse("virkning:instrument", args=[skabelon("jobmobilitet").pk])
    ).content.decode()
    assert "Kategorier og regler" in html
    assert "Faglige kvalifikationer under 3,0 og Personlige kompetencer" in html
    assert "Ingen (alle øvrige)" in html
    assert "Måles én gang" in html or "måles én gang" in html
    MaalingFactory(instrument=eget, borger__jobcenter=administrator.jobcenter)
    ny_version_hvis_brugt(instrument=eget, bruger=administrator)
    liste = client.get(reverse("virkning:instrumenter"))
    assert [(i.kode, i.version, i.aktiv) for i in liste.context["egne"]] == [
        ("progression", 2, True),
        ("progression", 1, False),
    ]
    assert "Afløst" in liste.content.decode()
