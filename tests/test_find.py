"""Find, don't type identifiers (issue 14, item 4): companies, citizens and contacts are picked by
searching. The type-ahead endpoints answer POST only, keep to the user's jobcentre where the rows
are its own, log every citizen they show, refuse NUL, and tell two companies of one name apart; the
same forms work without JavaScript through their "Søg" button."""

import re

import pytest
from django.urls import reverse

from borgere.models import Adgangslog, Handling, Jobordrekandidat, Praktikforloeb
from borgere.tests.factories import BorgerFactory
from jobcenter.find import GRAENSE
from virksomheder.models import Arbejdssted, Jobordre, Kontakt, Plads, Virksomhedscenter
from virksomheder.tests.factories import VirksomhedFactory

from .test_cpr_orakel import I_B, samme_svar

pytestmark = pytest.mark.django_db

NUL = "Bager\x00iet"
NUL_BESKED = "Søgningen indeholder et ugyldigt tegn (NUL)"
ENDPOINTS = ["virksomheder:find", "virksomheder:find_kontakt", "borgere:find"]


@pytest.fixture
def to_bagerier():
    """Two companies of one name, told apart by their address and CVR number."""
    return (
        VirksomhedFactory(
            navn="Bageriet ApS", adresse="Storegade 1", postnummer="5400", by="Bogense"
        ),
        VirksomhedFactory(
            navn="Bageriet ApS", adresse="Havnevej 7", postnummer="8000", by="Aarhus"
        ),
    )


def forslag(client, navn: str, q: str) -> list[str]:
    """The texts of the options the type-ahead offers."""
    svar = client.post(reverse(navn), {"q": q})
    assert svar.status_code == 200
    return re.findall(r'<li role="option" class="find-mulighed"[^>]*>([^<]*)</li>', svar.text)


@pytest.mark.parametrize("navn", ENDPOINTS)
def test_the_type_ahead_answers_post_only(client_for, konsulent, navn):
    assert client_for(konsulent).get(reverse(navn), {"q": "Bager"}).status_code == 405


@pytest.mark.parametrize("navn", ENDPOINTS)
def test_the_type_ahead_is_for_jobcentre_staff(client_for, analytiker, navn):
    assert client_for(analytiker).post(reverse(navn), {"q": "Bager"}).status_code == 403


@pytest.mark.parametrize("navn", ENDPOINTS)
def test_the_type_ahead_refuses_nul_and_long_searches(client_for, konsulent, navn):
    client = client_for(konsulent)
    assert NUL_BESKED in client.post(reverse(navn), {"q": NUL}).text
    assert "højst have 100 tegn" in client.post(reverse(navn), {"q": "a" * 101}).text


def test_two_companies_of_one_name_are_told_apart(client_for, konsulent, to_bagerier):
    bogense, aarhus = to_bagerier
    assert forslag(client_for(konsulent), "virksomheder:find", "bageri") == [
        f"Bageriet ApS – Havnevej 7, 8000 Aarhus – CVR {aarhus.cvr}",
        f"Bageriet ApS – Storegade 1, 5400 Bogense – CVR {bogense.cvr}",
    ]


def test_a_company_is_found_by_address_cvr_and_p_number(client_for, konsulent, to_bagerier):
    bogense, aarhus = to_bagerier
    Arbejdssted.objects.create(
        virksomhed=aarhus,
        pnummer="1012345678",
        navn="Bageriet, butikken",
        adresse="Torvet 2",
        kommune=aarhus.kommune,
    )
    client = client_for(konsulent)
    assert forslag(client, "virksomheder:find", "storegade bogense") == [bogense.betegnelse]
    assert forslag(client, "virksomheder:find", bogense.cvr[:6]) == [bogense.betegnelse]
    assert forslag(client, "virksomheder:find", "1012 345678") == [aarhus.betegnelse]
    assert forslag(client, "virksomheder:find", "torvet") == [aarhus.betegnelse]
    assert forslag(client, "virksomheder:find", "Bogense Havnevej") == []


def test_the_suggestions_are_limited(client_for, konsulent):
    VirksomhedFactory.create_batch(GRAENSE + 3, navn="Kæden A/S")
    assert len(forslag(client_for(konsulent), "virksomheder:find", "kæden")) == GRAENSE


def test_a_search_that_finds_nothing_says_so(client_for, konsulent):
    svar = client_for(konsulent).post(reverse("virksomheder:find"), {"q": "Ingenting"})
    assert 'aria-disabled="true"' in svar.text and "Ingen virksomhed passer" in svar.text


def test_contacts_are_the_jobcentres_own(client_for, konsulent, outsider, to_bagerier):
    bogense, _ = to_bagerier
    for bruger in (konsulent, outsider):
        Kontakt.objects.create(
            jobcenter=bruger.jobcenter,
            virksomhed=bogense,
            kanal="telefon",
            initiativ="opsoegende",
            formaal="saelge_borger" if bruger == konsulent else "information",
        )
    fundet = forslag(client_for(konsulent), "virksomheder:find_kontakt", "Bogense")
    assert len(fundet) == 1 and fundet[0].endswith(": Sælge en borger")
    assert bogense.betegnelse in fundet[0]


def test_the_citizen_search_shows_own_citizens_only_and_logs_each(
    client_for, konsulent, jobcenter_a, jobcenter_b
):
    egne = [
        BorgerFactory(jobcenter=jobcenter_a, fornavn="Ida", efternavn="Holm"),
        BorgerFactory(jobcenter=jobcenter_a, fornavn="Idun", efternavn="Holmgaard"),
    ]
    BorgerFactory(jobcenter=jobcenter_b, fornavn="Ida", efternavn="Holm")
    fundet = forslag(client_for(konsulent), "borgere:find", "id holm")
    assert len(fundet) == 2
    assert all(b.cpr_maskeret in " ".join(fundet) for b in egne)
    assert all(b.cpr not in " ".join(fundet) for b in egne)
    log = Adgangslog.objects.filter(handling=Handling.LISTE, bruger=konsulent)
    assert sorted(log.values_list("borger_id", flat=True)) == sorted(b.pk for b in egne)
    assert set(log.values_list("jobcenter_id", flat=True)) == {jobcenter_a.pk}


def test_a_whole_cpr_number_finds_the_own_citizen_and_logs_it(client_for, konsulent, jobcenter_a):
    borger = BorgerFactory(jobcenter=jobcenter_a, fornavn="Ida", efternavn="Holm")
    cpr = f"{borger.cpr[:6]}-{borger.cpr[6:]}"
    assert forslag(client_for(konsulent), "borgere:find", cpr) == [
        f"Ida Holm – {borger.cpr_maskeret}"
    ]
    assert Adgangslog.objects.filter(borger=borger, handling=Handling.FUNDET_VED_CPR).exists()


def test_another_jobcentres_cpr_answers_as_an_unused_one(client_for, konsulent, jobcenter_b):
    BorgerFactory(jobcenter=jobcenter_b, cpr=I_B, fornavn="Bodil", efternavn="Bager")
    status, side, _ = samme_svar(client_for(konsulent), reverse("borgere:find"), {"q": "{cpr}"})
    assert status == 200 and "Bodil" not in side and "Ingen af jeres borgere" in side
    assert not Adgangslog.objects.exists()


def test_the_type_ahead_keeps_cpr_numbers_out_of_urls(client_for, konsulent, jobcenter_a):
    """The picker posts; a GET with a CPR number in its query string is refused unread."""
    borger = BorgerFactory(jobcenter=jobcenter_a)
    svar = client_for(konsulent).get(reverse("borgere:find"), {"q": borger.cpr})
    assert svar.status_code == 405 and not Adgangslog.objects.exists()


# Without JavaScript: the "Søg" button shows the matches as radio buttons to pick from.


def forloeb_data(konsulent, **extra) -> dict:
    return {"type": "1", "jobkonsulent": str(konsulent.pk), "start": "2026-09-01", **extra}


def radioer(html: str, navn: str) -> dict[str, str]:
    """The radio buttons of a find field: value -> label."""
    return dict(
        re.findall(
            rf'<input type="radio" class="form-radio" id="[^"]+" name="{navn}" value="(\d+)">\s*'
            r'<label class="form-label" for="[^"]+">([^<]*)</label>',
            html,
        )
    )


def test_without_javascript_a_search_lists_the_companies_and_a_pick_creates_the_forloeb(
    client_for, konsulent, jobcenter_a, to_bagerier
):
    _, aarhus = to_bagerier
    borger = BorgerFactory(jobcenter=jobcenter_a)
    client = client_for(konsulent)
    url = reverse("borgere:forloeb_opret", args=[borger.pk])
    side = client.post(url, forloeb_data(konsulent, find="virksomhed", virksomhed_soeg="bageri"))
    assert side.status_code == 200 and not Praktikforloeb.objects.exists()
    html = side.text
    assert "Formularen er ikke gemt" not in html  # a search is not a failed save
    assert radioer(html, "virksomhed") == {str(v.pk): v.betegnelse for v in to_bagerier}
    assert 'name="virksomhed" value="" data-find-vaerdi disabled' in html

    svar = client.post(
        url, forloeb_data(konsulent, virksomhed_soeg="bageri", virksomhed=str(aarhus.pk))
    )
    forloeb = Praktikforloeb.objects.get()
    assert svar.status_code == 302 and svar.url == forloeb.get_absolute_url()
    assert (forloeb.virksomhed, forloeb.borger) == (aarhus, borger)


def test_a_name_typed_but_not_picked_is_not_guessed(
    client_for, konsulent, jobcenter_a, to_bagerier
):
    borger = BorgerFactory(jobcenter=jobcenter_a)
    url = reverse("borgere:forloeb_opret", args=[borger.pk])
    html = client_for(konsulent).post(url, forloeb_data(konsulent, virksomhed_soeg="bageri")).text
    assert "Søg virksomheden frem, og vælg den på listen." in html
    assert len(radioer(html, "virksomhed")) == 2
    assert not Praktikforloeb.objects.exists()


def test_without_javascript_a_citizen_is_found_by_name_to_fill_a_place(
    client_for, konsulent, jobcenter_a, jobcenter_b
):
    ida = BorgerFactory(jobcenter=jobcenter_a, fornavn="Ida", efternavn="Holm")
    BorgerFactory(jobcenter=jobcenter_b, fornavn="Ida", efternavn="Holm")
    center = Virksomhedscenter.objects.create(
        jobcenter=jobcenter_a, virksomhed=VirksomhedFactory(), navn="Centret", form="virtuelt"
    )
    plads = Plads.objects.create(virksomhedscenter=center, funktion="Lager")
    client = client_for(konsulent)
    url = reverse("borgere:plads_fyld", args=[plads.pk])
    html = client.post(url, forloeb_data(konsulent, find="borger", borger_soeg="ida holm")).text
    assert list(radioer(html, "borger")) == [str(ida.pk)]
    assert Adgangslog.objects.filter(borger=ida, handling=Handling.LISTE).count() == 1
    svar = client.post(url, forloeb_data(konsulent, borger=str(ida.pk)))
    assert svar.status_code == 302
    assert Praktikforloeb.objects.get().borger == ida


def test_a_picked_citizen_of_another_jobcentre_is_refused(
    client_for, konsulent, jobcenter_a, jobcenter_b
):
    fremmed = BorgerFactory(jobcenter=jobcenter_b)
    center = Virksomhedscenter.objects.create(
        jobcenter=jobcenter_a, virksomhed=VirksomhedFactory(), navn="Centret", form="virtuelt"
    )
    plads = Plads.objects.create(virksomhedscenter=center, funktion="Lager")
    url = reverse("borgere:plads_fyld", args=[plads.pk])
    html = client_for(konsulent).post(url, forloeb_data(konsulent, borger=str(fremmed.pk))).text
    assert "Søg borgeren frem" in html and fremmed.efternavn not in html
    assert not Praktikforloeb.objects.exists()


def test_a_nul_in_a_find_field_is_refused_with_a_message(client_for, konsulent, jobcenter_a):
    borger = BorgerFactory(jobcenter=jobcenter_a)
    url = reverse("borgere:forloeb_opret", args=[borger.pk])
    for data in ({"find": "virksomhed", "virksomhed_soeg": NUL}, {"virksomhed_soeg": NUL}):
        svar = client_for(konsulent).post(url, forloeb_data(konsulent, **data))
        assert svar.status_code == 200 and NUL_BESKED in svar.text
    assert not Praktikforloeb.objects.exists()


def test_a_job_order_match_is_found_by_name_without_javascript(client_for, konsulent, jobcenter_a):
    ida = BorgerFactory(jobcenter=jobcenter_a, fornavn="Ida", efternavn="Holm")
    jobordre = Jobordre.objects.create(
        jobcenter=jobcenter_a, virksomhed=VirksomhedFactory(), stilling="Lager"
    )
    client = client_for(konsulent)
    url = reverse("borgere:jobordre_kandidat", args=[jobordre.pk])
    side = client.post(url, {"find": "borger", "borger_soeg": "Holm"})
    assert side.status_code == 200 and list(radioer(side.text, "borger")) == [str(ida.pk)]
    assert client.post(url, {"borger": str(ida.pk)}).status_code == 302
    assert Jobordrekandidat.objects.get().borger == ida


def test_a_contact_is_found_by_company_without_javascript(
    client_for, konsulent, jobcenter_a, to_bagerier
):
    bogense, _ = to_bagerier
    kontakt = Kontakt.objects.create(
        jobcenter=jobcenter_a,
        virksomhed=bogense,
        kanal="telefon",
        initiativ="opsoegende",
        formaal="saelge_borger",
    )
    borger = BorgerFactory(jobcenter=jobcenter_a)
    client = client_for(konsulent)
    url = reverse("borgere:kontakt_tilknyt", args=[borger.pk])
    html = client.post(url, {"find": "kontakt", "kontakt_soeg": bogense.cvr}).text
    assert list(radioer(html, "kontakt")) == [str(kontakt.pk)]
    client.post(url, {"kontakt": str(kontakt.pk)})
    assert [k.kontakt for k in borger.kontakter.all()] == [kontakt]


def test_ids_are_never_written_with_a_thousands_separator(client_for, konsulent, jobcenter_a):
    """Danish number formatting wrote a citizen with id 12345 as »12.345« into the suggestion's
    value, and picking it then failed (found by the full test run, where ids pass 1000)."""
    ida = BorgerFactory(pk=12345, jobcenter=jobcenter_a, fornavn="Ida", efternavn="Holm")
    client = client_for(konsulent)
    svar = client.post(reverse("borgere:find"), {"q": "ida holm"}).text
    assert 'data-vaerdi="12345"' in svar
    center = Virksomhedscenter.objects.create(
        jobcenter=jobcenter_a, virksomhed=VirksomhedFactory(), navn="Centret", form="virtuelt"
    )
    plads = Plads.objects.create(virksomhedscenter=center, funktion="Lager")
    url = reverse("borgere:plads_fyld", args=[plads.pk])
    html = client.post(url, forloeb_data(konsulent, find="borger", borger_soeg="ida holm")).text
    assert list(radioer(html, "borger")) == ["12345"]
    # A form sent back for another field keeps the picked citizen's id as it is.
    html = client.post(url, forloeb_data(konsulent, borger="12345", start="31-02-2026")).text
    assert 'name="borger" value="12345" data-find-vaerdi' in html
    svar = client.post(url, forloeb_data(konsulent, borger="12345"))
    assert svar.status_code == 302 and Praktikforloeb.objects.get().borger == ida
