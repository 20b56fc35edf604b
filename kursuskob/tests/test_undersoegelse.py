"""The survey: the shipped template, rounds, partial answers, import, reminders, the computed
indsatskort, its downloads and who sees what."""

import datetime
import io
import random
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import timezone

from jobcenter.afrunding import afrund
from jobcenter.models import Rolle
from jobcenter.templatetags.tal import procent
from jobcenter.tests.eksportlaeser import laes_csv, laes_excel, raekker
from jobcenter.tests.factories import BrugerFactory, JobcenterFactory

from .. import services
from ..demo import opret_undersoegelse
from ..models import (
    Analyse,
    Besvarelse,
    Indsats,
    Netvaerk,
    Netvaerksmedlem,
    Runde,
    Spoergeskema,
    Spoergsmaal,
    Svar,
)

pytestmark = pytest.mark.django_db

FRIST = datetime.date(2027, 1, 31)


def skabelon() -> Spoergeskema:
    return Spoergeskema.objects.get(skabelon=True)


@pytest.fixture
def runde(administrator, jobcenter_a, jobcenter_b):
    runde = Runde.objects.create(
        skema=skabelon(), navn="Kursuskøb 2027", frist=FRIST, oprettet_af=administrator
    )
    runde.jobcentre.set([jobcenter_a, jobcenter_b])
    return runde


def test_the_template_holds_the_studys_barriers_drivers_and_satisfaction():
    spoergsmaal = Spoergsmaal.objects.filter(sektion__skema=skabelon())
    assert list(spoergsmaal.filter(faktor="barriere").values_list("kode", flat=True)) == [
        f"B{n}" for n in range(1, 11)
    ]
    assert list(spoergsmaal.filter(faktor="drivkraft").values_list("kode", flat=True)) == [
        f"D{n}" for n in range(1, 12)
    ]
    b4 = spoergsmaal.get(kode="B4")
    assert "administrativt besværligt og tidskrævende" in b4.tekst
    assert spoergsmaal.get(kode="tilfredshed").type == "tilfredshed"
    assert (
        spoergsmaal.get(kode="D11").tekst
        == "80 pct. driftsrefusion for kommunen på de kurser, der købes"
    )


def test_administrators_copy_the_template_and_edit_the_copy_not_the_template(
    client_for, administrator, leder
):
    klient = client_for(administrator)
    b1 = Spoergsmaal.objects.get(sektion__skema=skabelon(), kode="B1")
    # No jobcentre owns the template.
    assert klient.get(reverse("kursuskob:spoergsmaal_rediger", args=[b1.pk])).status_code == 404
    svar = klient.post(reverse("kursuskob:skema_kopier", args=[skabelon().pk]))
    kopi = Spoergeskema.objects.get(skabelon=False)
    assert svar["Location"] == kopi.get_absolute_url()
    assert Spoergsmaal.objects.filter(sektion__skema=kopi).count() == 27
    kopi_b1 = Spoergsmaal.objects.get(sektion__skema=kopi, kode="B1")
    klient.post(
        reverse("kursuskob:spoergsmaal_rediger", args=[kopi_b1.pk]),
        {
            "kode": "B1",
            "tekst": "Minimumskrav for hold",
            "type": "skala",
            "faktor": "barriere",
            "raekkefoelge": 0,
        },
    )
    assert Spoergsmaal.objects.get(pk=kopi_b1.pk).tekst == "Minimumskrav for hold"
    assert Spoergsmaal.objects.get(pk=b1.pk).tekst != "Minimumskrav for hold"
    svar = client_for(leder).get(reverse("kursuskob:spoergsmaal_rediger", args=[kopi_b1.pk]))
    assert svar.status_code == 403


def test_a_choice_question_needs_choices_and_codes_are_unique_per_questionnaire(
    client_for, administrator
):
    kopi = services.kopier_skema(skema=skabelon(), jobcenter=administrator.jobcenter)
    sektion = kopi.sektioner.first()
    svar = client_for(administrator).post(
        reverse("kursuskob:spoergsmaal_opret", args=[sektion.pk]),
        {"kode": "B1", "tekst": "Ny", "type": "enkeltvalg", "raekkefoelge": 9, "valg": "Ja"},
    )
    tekst = svar.content.decode()
    assert "mindst to svarmuligheder" in tekst and "allerede et spørgsmål med den kode" in tekst
    assert Spoergsmaal.objects.filter(sektion__skema=kopi).count() == 27


def test_a_round_for_a_network_goes_to_its_members(
    client_for, administrator, jobcenter_a, jobcenter_b
):
    netvaerk = Netvaerk.objects.create(navn="Job7", organisering="fast")
    for jobcenter in (jobcenter_a, jobcenter_b):
        Netvaerksmedlem.objects.create(netvaerk=netvaerk, jobcenter=jobcenter)
    JobcenterFactory()  # not a member
    client_for(administrator).post(
        reverse("kursuskob:runde_opret"),
        {
            "skema": skabelon().pk,
            "navn": "Job7 2027",
            "frist": "2027-01-31",
            "omfang": "netvaerk",
            "netvaerk": netvaerk.pk,
        },
    )
    runde = Runde.objects.get(navn="Job7 2027")
    assert set(runde.jobcentre.all()) == {jobcenter_a, jobcenter_b}
    assert runde.netvaerk == netvaerk


def test_a_leader_saves_a_partial_answer_and_sends_it_later(client_for, leder, runde):
    klient = client_for(leder)
    url = reverse("kursuskob:besvar", args=[runde.pk])
    klient.post(url, {"B1": "4", "model": "Primær kommune", "gem": "1"})
    besvarelse = Besvarelse.objects.get(runde=runde, jobcenter=leder.jobcenter)
    assert besvarelse.afsendt is None
    assert {s.spoergsmaal.kode: s.vaerdi for s in besvarelse.svar.all()} == {
        "B1": 4,
        "model": "Primær kommune",
    }
    assert 'value="4" selected' in klient.get(url).content.decode()
    klient.post(url, {"B1": "4", "tilfredshed": "5", "redskaber": ["Jobåbningstal"], "afsend": "1"})
    besvarelse.refresh_from_db()
    assert besvarelse.afsendt is not None
    assert services.svarprocent(runde) == (1, 2)


def test_only_a_leader_of_a_jobcentre_in_the_round_answers(client_for, konsulent, runde):
    assert (
        client_for(konsulent).get(reverse("kursuskob:besvar", args=[runde.pk])).status_code == 403
    )
    fremmed = BrugerFactory(rolle=Rolle.LEDER, jobcenter=JobcenterFactory())
    assert client_for(fremmed).get(reverse("kursuskob:besvar", args=[runde.pk])).status_code == 404
    assert not Besvarelse.objects.exists()


def test_a_bad_answer_is_refused_and_nothing_is_saved(leder, runde):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="B1: »7« er ikke et tal fra 1 til 5"):
        services.gem_besvarelse(bruger=leder, runde=runde, svar={"B1": "7"}, afsend=True)
    assert not Svar.objects.exists()


def fil(tmp_path, tekst: str):
    sti = tmp_path / "svar.csv"
    sti.write_text(tekst, encoding="utf-8")
    return str(sti)


def test_importing_responses_writes_all_or_nothing(tmp_path, runde, jobcenter_a, jobcenter_b):
    god = fil(
        tmp_path, "kommunenummer;tilfredshed;B1;B2;model\n751;4;3;;Primær kommune\n851;2;5;4;\n"
    )
    call_command("importer", "svar", str(runde.pk), god)
    a = Besvarelse.objects.get(runde=runde, jobcenter=jobcenter_a)
    assert a.importeret and a.afsendt is not None
    # An empty cell is an item not answered.
    assert {s.spoergsmaal.kode: s.vaerdi for s in a.svar.all()} == {
        "tilfredshed": 4,
        "B1": 3,
        "model": "Primær kommune",
    }
    foer = sorted(Svar.objects.values_list("besvarelse_id", "spoergsmaal_id", "vaerdi"))
    daarlig = fil(tmp_path, "kommunenummer;tilfredshed;B1;X9\n751;6;3;1\n999;3;3;1\n")
    with pytest.raises(CommandError, match="afvist"):
        call_command("importer", "svar", runde.navn, daarlig)
    daarlig = fil(tmp_path, "kommunenummer;tilfredshed;B1\n751;6;3\n999;3;3\n751;3;3\n")
    from jobcenter.imports import Afvist, importer

    with pytest.raises(Afvist) as afvist:
        importer(
            type_="svar",
            indhold=Path(daarlig).read_bytes(),
            filnavn="svar.csv",
            bruger=BrugerFactory(is_superuser=True, jobcenter=None, rolle=""),
            skriv=True,
            runde=runde.navn,
        )
    assert afvist.value.fejl == [
        (2, "tilfredshed: »6« er ikke et tal fra 1 til 5."),
        (3, "kommunenummer »999« er ikke et jobcenter i runden, du må importere for."),
        (4, "Jobcenter Aarhus står i filen mere end én gang."),
    ]
    assert sorted(Svar.objects.values_list("besvarelse_id", "spoergsmaal_id", "vaerdi")) == foer


def test_the_import_needs_an_open_round(tmp_path, runde):
    svarfil = fil(tmp_path, "kommunenummer;tilfredshed\n751;4\n")
    with pytest.raises(CommandError, match="Typen svar skal have: importer svar RUNDE FIL"):
        call_command("importer", "svar", svarfil)
    fejl = io.StringIO()
    with pytest.raises(CommandError, match="afvist"):
        call_command("importer", "svar", "ingen-runde", svarfil, stderr=fejl)
    assert "Ukendt runde »ingen-runde«" in fejl.getvalue()
    fejl = io.StringIO()
    with pytest.raises(CommandError, match="afvist"):
        call_command("importer", "svar", "  ", svarfil, stderr=fejl)
    assert "Angiv runden" in fejl.getvalue()
    runde.lukket = timezone.now()
    runde.save()
    with pytest.raises(CommandError, match="afvist"):
        call_command("importer", "svar", str(runde.pk), svarfil, stderr=fejl)
    assert "er lukket; dens svar kan ikke ændres" in fejl.getvalue()
    assert not Besvarelse.objects.exists()


def test_leaders_of_jobcentres_without_a_sent_response_are_reminded_once(
    runde, leder, jobcenter_b, mailoutbox
):
    leder.email = "leder@aarhus.example"
    leder.save()
    BrugerFactory(rolle=Rolle.LEDER, jobcenter=jobcenter_b, email="leder@aalborg.example")
    Besvarelse.objects.create(runde=runde, jobcenter=leder.jobcenter, afsendt=timezone.now())
    assert services.send_paamindelser(dato=FRIST - datetime.timedelta(days=8)) == 0
    assert services.send_paamindelser(dato=FRIST - datetime.timedelta(days=7)) == 1
    assert services.send_paamindelser(dato=FRIST - datetime.timedelta(days=7)) == 0
    assert [m.to for m in mailoutbox] == [["leder@aalborg.example"]]
    assert reverse("kursuskob:besvar", args=[runde.pk]) in mailoutbox[0].body


@pytest.fixture
def national(administrator):
    """The demo's two national rounds: 57 responses each, computed."""
    opret_undersoegelse(random.Random(2026), datetime.date(2026, 11, 23))
    return Runde.objects.order_by("oprettet").last()


def test_the_computed_indsatskort_and_its_downloads(client_for, leder, national):
    analyse = Analyse.objects.get(runde=national, metode="multipel")
    alle = analyse.resultat["grupper"][0]
    assert (alle["navn"], alle["n"]) == ("Alle", 57)
    assert [g["navn"] for g in analyse.resultat["grupper"][1:]] == [
        "Netværksbaseret samarbejde",
        "Primær kommune",
        "Sekundær kommune",
    ]
    barrierer = alle["kort"]["barriere"]
    assert barrierer["tegnes"] and len(barrierer["faktorer"]) == 10
    klient = client_for(leder)
    side = klient.get(reverse("kursuskob:indsatskort", args=[national.pk])).content.decode()
    assert "Indsatsområde" in side and "pile viser bevægelsen siden" in side
    url = reverse("kursuskob:indsatskort", args=[national.pk])
    csv = klient.get(url, {"format": "csv"})
    linjer = csv.content.decode("utf-8-sig").splitlines()
    assert linjer[0] == "faktor;type;x_betydning;x_ci_lav;x_ci_hoej;y_score;n;kvadrant"
    assert len(linjer) == 1 + 10 + 11
    assert not any(";'" in li for li in linjer)  # numbers, negative ones too, are not escaped
    # The export carries the two places the page shows, rounded as the page rounds them.
    data = laes_csv(csv).set_index("faktor")
    faktor_b2 = next(f for f in barrierer["faktorer"] if f["kode"] == "B2")
    b2 = data.loc["B2"]
    assert (b2["type"], b2["kvadrant"]) == ("barriere", faktor_b2["kvadrant"])
    assert b2["n"] == faktor_b2["n"]
    assert b2["x_betydning"] == float(floatformat(faktor_b2["x"], 2).replace(",", "."))
    assert f'<td class="tal">{floatformat(faktor_b2["x"], 2)}</td>' in side
    assert f'<td class="tal">{floatformat(faktor_b2["y"], 2)}</td>' in side
    assert b2["y_score"] == float(afrund(faktor_b2["y"], 2))
    ark = laes_excel(klient.get(url, {"format": "xlsx"}), titel="Indsatskort")
    (raekke,) = [r for r in raekker(ark) if r["faktor"].value == "B2"]
    assert raekke["x_betydning"].value == b2["x_betydning"]
    assert raekke["x_betydning"].number_format == "#,##0.00"
    assert (raekke["n"].value, raekke["n"].number_format) == (faktor_b2["n"], "#,##0")
    svg = klient.get(
        reverse("kursuskob:indsatskort_diagram", args=[national.pk, "barriere", "svg"])
    ).content.decode()
    assert "Indsatsområde" in svg and 'id="skillelinje-x"' in svg and 'id="indsatsomraade"' in svg
    png = klient.get(
        reverse("kursuskob:indsatskort_diagram", args=[national.pk, "drivkraft", "png"])
    )
    assert png["Content-Type"] == "image/png" and png.content[:8] == b"\x89PNG\r\n\x1a\n"


def test_every_answer_distribution_shows_its_n_and_each_share_rounded_half_up(
    client_for, leder, national
):
    """Issue 14, item 7: a table of shares shows the n it rests on, and each cell is its own
    count over n rounded half up (so a column may add to 99,9 or 100,1, never because a cell
    was cut)."""
    response = client_for(leder).get(reverse("kursuskob:indsatskort", args=[national.pk]))
    html = response.content.decode()
    fordelinger = [f for f in response.context["fordelinger"] if f["vises"]]
    assert fordelinger
    for f in fordelinger:
        besvarelser = f"{f['n']} besvarelse{'' if f['n'] == 1 else 'r'}"
        assert f"<strong>{f['kort']}</strong>: {f['tekst']} ({besvarelser})</caption>" in html
        for _, antal, andel in f["raekker"]:
            rigtig = (Decimal(antal) / Decimal(f["n"])).quantize(Decimal("0.001"), ROUND_HALF_UP)
            assert procent(andel) == procent(rigtig)
            assert f'<td class="tal">{antal}</td><td class="tal">{procent(rigtig)}</td>' in html


def test_a_chart_that_cannot_be_drawn_says_why(client_for, leder, runde):
    services.gem_besvarelse(
        bruger=leder, runde=runde, svar={"B1": 3, "tilfredshed": 4}, afsend=True
    )
    services.beregn_analyse(runde=runde)
    svg = (
        client_for(leder)
        .get(reverse("kursuskob:indsatskort_diagram", args=[runde.pk, "barriere", "svg"]))
        .content.decode()
    )
    assert "Indsatskortet kan ikke tegnes" in svg and "skillelinje" not in svg


def test_one_jobcentres_answers_are_for_itself_and_the_rounds_administrators(
    client_for, leder, administrator, runde, jobcenter_b
):
    leder_b = BrugerFactory(rolle=Rolle.LEDER, jobcenter=jobcenter_b)
    services.gem_besvarelse(bruger=leder_b, runde=runde, svar={"B1": "2"}, afsend=True)
    besvarelse = Besvarelse.objects.get()
    url = reverse("kursuskob:besvarelse", args=[besvarelse.pk])
    assert client_for(leder_b).get(url).status_code == 200
    assert client_for(administrator).get(url).status_code == 200
    assert client_for(leder).get(url).status_code == 404
    # The aggregated page shows every jobcentre's status, never another's answers.
    side = client_for(leder).get(runde.get_absolute_url()).content.decode()
    assert "50,0\u00a0%" in side and url not in side
    fremmed = BrugerFactory(rolle=Rolle.ADMINISTRATOR, jobcenter=JobcenterFactory())
    assert client_for(fremmed).get(runde.get_absolute_url()).status_code == 404
    assert client_for(fremmed).get(url).status_code == 404


def test_an_item_in_the_indsatsomraade_becomes_an_action_in_the_networks_plan(
    client_for, leder, konsulent, national, jobcenter_a
):
    netvaerk = Netvaerk.objects.create(navn="Nationalt netværk", organisering="forum")
    Netvaerksmedlem.objects.create(netvaerk=netvaerk, jobcenter=jobcenter_a)
    Runde.objects.filter(pk=national.pk).update(netvaerk=netvaerk)
    url = reverse("kursuskob:indsats_opret", args=[national.pk, "B2"])
    data = {"indsats-B2-titel": "Fælles kursusplan med skolerne", "indsats-B2-ansvarlig": leder.pk}
    assert client_for(konsulent).post(url, data).status_code == 403
    client_for(leder).post(url, data)
    indsats = Indsats.objects.get()
    assert (indsats.netvaerk, indsats.faktor, indsats.ansvarlig) == (netvaerk, "B2", leder)


def test_only_the_sending_jobcentres_administrators_close_the_round(
    client_for, administrator, runde, jobcenter_b, django_capture_on_commit_callbacks
):
    admin_b = BrugerFactory(rolle=Rolle.ADMINISTRATOR, jobcenter=jobcenter_b)
    assert client_for(admin_b).post(runde.get_absolute_url(), {"luk": "1"}).status_code == 403
    assert Runde.objects.get(pk=runde.pk).lukket is None
    with django_capture_on_commit_callbacks(execute=True):
        client_for(administrator).post(runde.get_absolute_url(), {"luk": "1"})
    assert Runde.objects.get(pk=runde.pk).lukket is not None
    # Closing computes both methods (Celery runs in-process in the tests).
    assert set(Analyse.objects.filter(runde=runde).values_list("metode", flat=True)) == {
        "multipel",
        "bivariat",
    }


def test_it_lets_only_the_owning_jobcentres_administrators_edit_a_draft_questionnaire(
    client_for, administrator, jobcenter_b
):
    client_for(administrator).post(reverse("kursuskob:skema_kopier", args=[skabelon().pk]))
    kopi = Spoergeskema.objects.get(skabelon=False)
    sektion = kopi.sektioner.first()
    b1 = Spoergsmaal.objects.get(sektion__skema=kopi, kode="B1")
    admin_b = BrugerFactory(rolle=Rolle.ADMINISTRATOR, jobcenter=jobcenter_b)
    klient = client_for(admin_b)
    data = {"kode": "B1", "tekst": "Overtaget", "type": "skala", "raekkefoelge": 0}
    for url, post in (
        (reverse("kursuskob:spoergsmaal_rediger", args=[b1.pk]), data),
        (reverse("kursuskob:spoergsmaal_opret", args=[sektion.pk]), data | {"kode": "X1"}),
        (reverse("kursuskob:sektion_opret", args=[kopi.pk]), {"titel": "Ny", "raekkefoelge": 9}),
    ):
        assert klient.get(url).status_code == 404, url
        assert klient.post(url, post).status_code == 404, url
    assert Spoergsmaal.objects.get(pk=b1.pk).tekst != "Overtaget"
    assert Spoergsmaal.objects.filter(sektion__skema=kopi).count() == 27
    assert kopi.sektioner.count() == Spoergeskema.objects.get(skabelon=True).sektioner.count()
    assert "Ny sektion" not in klient.get(kopi.get_absolute_url()).content.decode()


# --- Issue 14, item 10: the indsatskort readable by a chef, its pictures drawn once ----------


def synlig_tekst(html: str) -> str:
    import re

    return re.sub(r"<[^>]+>", " ", html)


def test_it_explains_the_indsatskort_in_plain_words_and_marks_uncertain_items(
    client_for, leder, national
):
    side = client_for(leder).get(reverse("kursuskob:indsatskort", args=[national.pk]))
    html = side.content.decode()
    assert "hvor meget faktoren betyder for tilfredsheden" in html
    assert "hvor godt det går i dag" in html
    assert 'data-testid="raad-barriere"' in html and "Sæt ind her først." in html
    assert "Styrk den: her kan en indsats løfte samarbejdet." in html
    assert 'data-testid="usikker">Usikker: intervallet rummer 0<' in html
    tekst = synlig_tekst(html)
    assert "Skolernes kursusplan er ufleksibel" in tekst and "80 % driftsrefusion" in tekst
    for kode in ("B1", "B2", "B10", "D11", "tilfredshed:", "redskaber:"):
        assert f" {kode} " not in tekst and f">{kode}<" not in html, kode


def test_it_says_ingen_svar_and_1_besvarelse_for_a_round_with_one_answer(client_for, leder, runde):
    services.gem_besvarelse(
        bruger=leder, runde=runde, svar={"B1": 3, "tilfredshed": 4}, afsend=True
    )
    services.beregn_analyse(runde=runde)
    html = client_for(leder).get(reverse("kursuskob:indsatskort", args=[runde.pk])).content
    html = html.decode()
    assert "Alle: 1 besvarelse ·" in html and "1 besvarelser" not in html
    # Nobody answered how long the collaboration has lasted: no table of zeros.
    assert "Samarbejdets varighed</strong>: Hvor længe har samarbejdet" in html
    assert "eksisteret? – ingen svar." in html
    assert 'data-testid="ingen-svar">Ingen svar<' in html  # B2 in the barriers' table
    assert "Krav om et mindste antal pladser</strong>" in html  # B1's one answer
    assert "(1 besvarelse)" in html


def test_it_serves_the_pictures_drawn_when_the_analysis_was_computed(
    client_for, leder, national, monkeypatch
):
    from .. import diagram
    from ..models import Diagram

    def tegn_ikke(*args, **kwargs):
        raise AssertionError("a request must not draw a stored picture")

    monkeypatch.setattr(diagram, "tegn", tegn_ikke)
    klient = client_for(leder)
    analyse = Analyse.objects.get(runde=national, metode="multipel")
    forrige = Analyse.objects.exclude(runde=national).get(metode="multipel")
    for type_, format_ in (("barriere", "svg"), ("drivkraft", "png")):
        svar = klient.get(
            reverse("kursuskob:indsatskort_diagram", args=[national.pk, type_, format_])
        )
        gemt = Diagram.objects.get(analyse=analyse, gruppe=0, type=type_, forrige=forrige)
        assert svar.status_code == 200
        assert svar.content == (gemt.svg.encode() if format_ == "svg" else bytes(gemt.png))
    svg = Diagram.objects.get(analyse=analyse, gruppe=0, type="barriere", forrige=forrige).svg
    assert 'id="pil-B2"' in svg and "Skolernes kursusplan er ufleksibel" in svg
    # Each group and kind: one without arrows, one with arrows from last year's round.
    assert analyse.diagrammer.count() == 2 * 2 * len(analyse.resultat["grupper"])


def test_it_redraws_the_pictures_when_an_analysis_is_recomputed(national):
    from ..models import Diagram

    nu = Analyse.objects.get(runde=national, metode="multipel")
    foer = Analyse.objects.exclude(runde=national).get(metode="multipel")
    gamle = set(nu.diagrammer.values_list("pk", flat=True))
    # Last year's round is recomputed: this year's arrows start at its new result.
    Svar.objects.filter(besvarelse__runde=foer.runde, spoergsmaal__kode="B2").update(vaerdi=1)
    foer = services.beregn_analyse(runde=foer.runde)
    pile = Diagram.objects.get(analyse=nu, gruppe=0, type="barriere", forrige=foer)
    assert pile.forrige_beregnet == foer.beregnet
    assert not gamle & set(nu.diagrammer.values_list("pk", flat=True))
    nu_igen = services.beregn_analyse(runde=national)
    assert nu_igen.diagrammer.count() == len(gamle)
    assert Diagram.objects.filter(analyse__runde=national, analyse__metode="multipel").count() == (
        len(gamle)
    )
