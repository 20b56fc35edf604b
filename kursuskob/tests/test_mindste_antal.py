"""Issue 13, finding 3: a figure computed from fewer than MINDSTE_ANTAL jobcentres' answers (or
citizens' outcomes) is shown only to the jobcentre it describes and to the round's
administrators; nobody else learns the answers, nor which jobcentres gave them."""

import datetime

import pytest
from django.urls import reverse

from jobcenter.access import kan_se_aggregat
from jobcenter.models import Rolle
from jobcenter.tests.factories import BrugerFactory, JobcenterFactory

from .. import services
from ..models import Runde, Spoergeskema

pytestmark = pytest.mark.django_db

FRIST = datetime.date(2027, 1, 31)
SKJULT = "For få svar til at vise"


@pytest.fixture(autouse=True)
def _mindste_antal(settings):
    settings.MINDSTE_ANTAL = 5


@pytest.fixture
def runde(administrator, jobcenter_a, jobcenter_b):
    """Sent by A's administrator to A, B and a third jobcentre C."""
    runde = Runde.objects.create(
        skema=Spoergeskema.objects.get(skabelon=True),
        navn="Kursuskøb 2027",
        frist=FRIST,
        oprettet_af=administrator,
    )
    runde.jobcentre.set([jobcenter_a, jobcenter_b, JobcenterFactory(navn="Jobcenter Odense")])
    return runde


def besvar(runde, jobcenter, *, model: str, b1: int) -> None:
    leder = BrugerFactory(rolle=Rolle.LEDER, jobcenter=jobcenter)
    svar = {f"B{n}": (b1 + n) % 5 + 1 for n in range(1, 11)} | {
        f"D{n}": (b1 * n) % 5 + 1 for n in range(1, 12)
    }
    svar |= {"B1": b1, "tilfredshed": b1 % 5 + 1, "model": model}
    services.gem_besvarelse(bruger=leder, runde=runde, svar=svar, afsend=True)


@pytest.fixture
def kun_aalborg(runde, jobcenter_b):
    """Only B has answered, with B1 = 2."""
    besvar(runde, jobcenter_b, model="Primær kommune", b1=2)
    services.beregn_analyse(runde=runde)
    return runde


def adresser(runde) -> dict[str, str]:
    side = reverse("kursuskob:indsatskort", args=[runde.pk])
    return {
        "side": side,
        "csv": side + "?format=csv",
        "xlsx": side + "?format=xlsx",
        "svg": reverse("kursuskob:indsatskort_diagram", args=[runde.pk, "barriere", "svg"]),
        "png": reverse("kursuskob:indsatskort_diagram", args=[runde.pk, "drivkraft", "png"]),
    }


def ser_tallene(klient, runde) -> dict[str, bool]:
    """For each of the page, the downloads and the pictures: did it give the figures?"""
    svar = {navn: klient.get(url) for navn, url in adresser(runde).items()}
    side = svar["side"].content.decode()
    return {
        "side": 'data-testid="tabel-barriere"' in side
        and 'data-testid="fordeling-B1"' in side
        and SKJULT not in side,
        **{navn: svar[navn].status_code == 200 for navn in ("csv", "xlsx", "svg", "png")},
    }


ALT = {"side": True, "csv": True, "xlsx": True, "svg": True, "png": True}
INTET = dict.fromkeys(ALT, False)


def test_it_hides_one_jobcentres_answers_from_other_jobcentres_and_the_analyst(
    client_for, konsulent, leder, analytiker, jobcenter_b, kun_aalborg
):
    admin_c = BrugerFactory(
        rolle=Rolle.ADMINISTRATOR, jobcenter=kun_aalborg.jobcentre.get(navn="Jobcenter Odense")
    )
    for bruger in (konsulent, leder, admin_c, analytiker):
        klient = client_for(bruger)
        assert ser_tallene(klient, kun_aalborg) == INTET, bruger
        side = klient.get(reverse("kursuskob:indsatskort", args=[kun_aalborg.pk])).content
        assert SKJULT in side.decode()
        # The round's page gives the response rate, never who answered.
        rundeside = klient.get(kun_aalborg.get_absolute_url()).content.decode()
        assert "1 af 3 jobcentre" in rundeside
        assert "Aalborg" not in rundeside, bruger


def test_it_shows_one_jobcentres_answers_to_itself_and_the_rounds_administrators(
    client_for, administrator, jobcenter_b, kun_aalborg
):
    leder_b = BrugerFactory(rolle=Rolle.LEDER, jobcenter=jobcenter_b)
    konsulent_b = BrugerFactory(rolle=Rolle.JOBKONSULENT, jobcenter=jobcenter_b)
    for bruger in (leder_b, konsulent_b, administrator):
        assert ser_tallene(client_for(bruger), kun_aalborg) == ALT, bruger
    # The administrators follow up on who has answered.
    rundeside = client_for(administrator).get(kun_aalborg.get_absolute_url()).content.decode()
    assert "Jobcenter Aalborg" in rundeside and "Sendt" in rundeside


def test_it_keeps_one_jobcentres_response_from_other_jobcentres_administrators(
    client_for, administrator, jobcenter_b, kun_aalborg
):
    besvarelse = kun_aalborg.besvarelser.get()
    url = reverse("kursuskob:besvarelse", args=[besvarelse.pk])
    admin_c = BrugerFactory(
        rolle=Rolle.ADMINISTRATOR, jobcenter=kun_aalborg.jobcentre.get(navn="Jobcenter Odense")
    )
    assert client_for(admin_c).get(url).status_code == 404
    assert client_for(administrator).get(url).status_code == 200


def test_it_shows_the_results_to_everybody_allowed_once_enough_have_answered(
    client_for, konsulent, analytiker, runde
):
    for nummer in range(5):
        jobcenter = JobcenterFactory()
        runde.jobcentre.add(jobcenter)
        besvar(runde, jobcenter, model="Sekundær kommune", b1=nummer + 1)
    services.beregn_analyse(runde=runde)
    for bruger in (konsulent, analytiker):
        assert ser_tallene(client_for(bruger), runde) == ALT, bruger


def test_it_hides_a_collaboration_model_answered_by_too_few_though_the_round_is_large(
    client_for, konsulent, administrator, runde
):
    for nummer in range(5):
        jobcenter = JobcenterFactory()
        runde.jobcentre.add(jobcenter)
        besvar(runde, jobcenter, model="Sekundær kommune", b1=nummer + 1)
    eneste = JobcenterFactory()
    runde.jobcentre.add(eneste)
    besvar(runde, eneste, model="Selvstændigt køb", b1=4)
    services.beregn_analyse(runde=runde)
    grupper = runde.analyser.get(metode="multipel").resultat["grupper"]
    nummer = next(i for i, g in enumerate(grupper) if g["navn"] == "Selvstændigt køb")
    url = reverse("kursuskob:indsatskort", args=[runde.pk])
    klient = client_for(konsulent)
    alle = klient.get(url).content.decode()
    assert 'data-testid="tabel-barriere"' in alle
    side = klient.get(url, {"gruppe": nummer}).content.decode()
    assert SKJULT in side and 'data-testid="tabel-barriere"' not in side
    assert klient.get(url, {"gruppe": nummer, "format": "csv"}).status_code == 404
    diagram = reverse("kursuskob:indsatskort_diagram", args=[runde.pk, "barriere", "svg"])
    assert klient.get(diagram, {"gruppe": nummer}).status_code == 404
    admin = client_for(administrator).get(url, {"gruppe": nummer}).content.decode()
    assert 'data-testid="tabel-barriere"' in admin


@pytest.fixture
def et_udfald(kob, kollega, konsulent, leder_b, borgere_a, borgere_b, jobcenter_a, jobcenter_b):
    """A finished class in a network of A and B with one citizen from each: A's in education,
    B's in a job four weeks after."""
    from ..models import Netvaerk, Netvaerksmedlem, Status, Tilmelding
    from .conftest import FOER_FRIST
    from .factories import START

    netvaerk = Netvaerk.objects.create(navn="Østjysk klynge", organisering="fast")
    for jobcenter in (jobcenter_a, jobcenter_b):
        Netvaerksmedlem.objects.create(netvaerk=netvaerk, jobcenter=jobcenter)
    kob.netvaerk = netvaerk
    kob.save()
    kob.hold.minimum = 1
    kob.hold.save()
    services.henvis(bruger=konsulent, kob=kob, borger=borgere_a[0], idag=FOER_FRIST)
    services.henvis(bruger=leder_b, kob=kob, borger=borgere_b[0], idag=FOER_FRIST)
    services.book_henviste(bruger=kollega, kob=kob)
    services.naeste_fase(bruger=kollega, kob=kob, idag=START)
    for bruger, udfald in ((konsulent, "uddannelse"), (leder_b, "job")):
        services.registrer_opfoelgning(
            bruger=bruger,
            tilmelding=Tilmelding.objects.get(status=Status.STARTET, jobcenter=bruger.jobcenter_id),
            status=Status.GENNEMFOERT,
            udfald=udfald,
            udfald_dato=kob.hold.slutdato,
            note="",
        )
    services.beregn_kursusnoegletal(dato=kob.hold.slutdato + datetime.timedelta(weeks=4))
    return netvaerk


def test_it_hides_an_outcome_of_too_few_citizens_outside_their_jobcentre(
    client_for, konsulent, analytiker, leder_b, et_udfald
):
    url = reverse("kursuskob:overblik")
    for bruger, data in (
        (konsulent, {"netvaerk": et_udfald.pk}),
        (analytiker, {"netvaerk": et_udfald.pk}),
        (analytiker, {}),
    ):
        side = client_for(bruger).get(url, data).content.decode()
        assert "For få deltagere til at vise" in side, (bruger, data)
        assert "1 i job og 1 i uddannelse af 2 deltagere" not in side, (bruger, data)
    # Knowing its own citizen's outcome, B could read A's from the network's figure.
    side = client_for(leder_b).get(url, {"netvaerk": et_udfald.pk}).content.decode()
    assert "For få deltagere til at vise" in side
    # A jobcentre's own figures are its own.
    side = client_for(leder_b).get(url).content.decode()
    assert "1 i job og 0 i uddannelse af 1 deltagere" in side


def test_it_draws_no_arrows_from_a_previous_round_with_too_few_answers(
    client_for, konsulent, kun_aalborg, runde
):
    senere = Runde.objects.create(
        skema=runde.skema, navn="Kursuskøb 2028", frist=FRIST, oprettet_af=runde.oprettet_af
    )
    for nummer in range(5):
        jobcenter = JobcenterFactory()
        senere.jobcentre.add(jobcenter)
        besvar(senere, jobcenter, model="Sekundær kommune", b1=nummer + 1)
    senere.jobcentre.add(konsulent.jobcenter)
    services.beregn_analyse(runde=senere)
    side = client_for(konsulent).get(reverse("kursuskob:indsatskort", args=[senere.pk]))
    assert 'data-testid="tabel-barriere"' in side.content.decode()
    assert "pile viser bevægelsen siden" not in side.content.decode()


def test_a_jobcentre_cannot_subtract_its_own_units_to_read_another_jobcentres(
    konsulent, outsider, analytiker
):
    """Six of A's citizens and one of B's make seven, over the minimum, but A knows its own six
    and could read B's one citizen from the total: A needs MINDSTE_ANTAL − 1 units of others."""
    a, b = konsulent.jobcenter_id, outsider.jobcenter_id
    seks_og_en = {a: 6, b: 1}
    assert not kan_se_aggregat(konsulent, n=7, enheder=seks_og_en, ansvarlig=False)
    assert kan_se_aggregat(outsider, n=7, enheder=seks_og_en, ansvarlig=False)  # six hide each
    assert kan_se_aggregat(analytiker, n=7, enheder=seks_og_en, ansvarlig=False)
    # Four others' units hide each of them; all of one's own is one's own.
    assert kan_se_aggregat(konsulent, n=10, enheder={a: 6, b: 4}, ansvarlig=False)
    assert kan_se_aggregat(konsulent, n=2, enheder={a: 2}, ansvarlig=False)
    # A survey round: one response each; with five, every participant sees the result.
    fem = dict.fromkeys([a, b, 1001, 1002, 1003], 1)
    assert kan_se_aggregat(konsulent, n=5, enheder=fem, ansvarlig=False)
    assert not kan_se_aggregat(
        konsulent, n=4, enheder=dict.fromkeys([a, b, 1001, 1002], 1), ansvarlig=False
    )


def test_it_never_serves_stored_arrows_from_a_round_the_user_may_not_see(
    client_for, administrator, runde
):
    """This year's pictures are stored with arrows from last year's round, which C was not
    asked in and may not see: C's consultant gets the picture without them, the round's
    administrator with them."""
    import random

    from ..models import Diagram

    rng = random.Random(14)

    def tilfaeldig(runde, antal):
        for _ in range(antal):
            jobcenter = JobcenterFactory()
            runde.jobcentre.add(jobcenter)
            leder = BrugerFactory(rolle=Rolle.LEDER, jobcenter=jobcenter)
            svar = {f"B{n}": rng.randint(1, 5) for n in range(1, 11)}
            svar |= {"tilfredshed": rng.randint(1, 5), "model": "Primær kommune"}
            services.gem_besvarelse(bruger=leder, runde=runde, svar=svar, afsend=True)

    runde.jobcentre.clear()
    tilfaeldig(runde, 15)
    services.beregn_analyse(runde=runde)
    senere = Runde.objects.create(
        skema=runde.skema, navn="Kursuskøb 2028", frist=FRIST, oprettet_af=runde.oprettet_af
    )
    konsulent_c = BrugerFactory(rolle=Rolle.JOBKONSULENT, jobcenter=JobcenterFactory())
    senere.jobcentre.add(konsulent_c.jobcenter)
    tilfaeldig(senere, 15)
    services.beregn_analyse(runde=senere)
    assert Diagram.objects.filter(analyse__runde=senere, forrige__isnull=False).exists()
    url = reverse("kursuskob:indsatskort_diagram", args=[senere.pk, "barriere", "svg"])
    assert 'id="pil-' in client_for(administrator).get(url).content.decode()
    assert 'id="pil-' not in client_for(konsulent_c).get(url).content.decode()


def test_it_keeps_a_small_groups_stored_pictures_behind_a_404(
    client_for, konsulent, leder, analytiker, kun_aalborg
):
    from ..models import Diagram

    assert Diagram.objects.filter(analyse__runde=kun_aalborg).exists()
    for bruger in (konsulent, leder, analytiker):
        for format_ in ("svg", "png"):
            url = reverse(
                "kursuskob:indsatskort_diagram", args=[kun_aalborg.pk, "barriere", format_]
            )
            assert client_for(bruger).get(url).status_code == 404, (bruger, format_)
