"""Zero leaks between jobcentres: every URL of the product that takes an id is tried with the ids
of another jobcentre's objects (and random ids) as every role, by GET and POST.

- Citizens, forløb, contacts, tasks, agreements, centres, places, jobordrer, imports belong to
  one jobcentre: another jobcentre gets 404 (an analytiker, who has no jobcentre pages at all,
  gets 403 from the role check before any id is looked at).
- Companies are shared: their pages answer, but show none of the other jobcentre's own data.
- Nothing the requests touch is changed.
"""

import datetime
import random

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from api.models import Systemnoegle
from api.services import opret_systemnoegle
from borgere.models import (
    Borgerkontakt,
    Forloebstype,
    Importkoersel,
    Jobordrekandidat,
    Opfoelgningssamtale,
    Praktikaftale,
    Praktikforloeb,
    Trin,
)
from borgere.tests.factories import BorgerFactory, MaalgruppeperiodeFactory, YdelsesperiodeFactory
from jobcenter.models import Rolle
from jobcenter.tests.factories import BrugerFactory
from kursuskob.models import (
    Besvarelse,
    Fase,
    Kursuskob,
    Meddelelse,
    Netvaerk,
    Netvaerksmedlem,
    Netvaerksmoede,
    Runde,
    Spoergeskema,
    Spoergsmaal,
    Tildeling,
    Tilmelding,
)
from kursuskob.services import beregn_analyse, gem_besvarelse
from kursuskob.tests.factories import KursuskobFactory
from virkning.models import (
    Art,
    Forsoeg,
    Indikator,
    Indsatsudfald,
    Instrument,
    Lodtraekning,
    Maaling,
    Screeningsbetingelse,
    Screeningskategori,
)
from virkning.services.maaling import registrer_maaling
from virkning.tests.factories import IndikatorFactory, InstrumentFactory
from virksomheder.models import (
    Aftale,
    Jobordre,
    Kontakt,
    Mentor,
    Opgave,
    Plads,
    Segment,
    Virksomhedscenter,
    Virksomhedsforhold,
    Virksomhedsnotat,
)
from virksomheder.tests.factories import KontaktpersonFactory, VirksomhedFactory

pytestmark = pytest.mark.django_db

HEMMELIG = "AALBORG-HEMMELIGHED"
# The pages of shared companies: they answer other jobcentres, without the owner's own data.
FAELLES = {
    "virksomheder:detalje",
    "virksomheder:rediger",
    "virksomheder:notat",
    "virksomheder:kontaktansvarlig",
    "virksomheder:segmentering",
    "virksomheder:kontakt_opret",
    "virksomheder:opgave_opret",
    "virksomheder:aftale_opret",
    "virksomheder:center_opret",
    "virksomheder:jobordre_opret",
    "virksomheder:underside_opret",
    "virksomheder:underside_rediger",
    "kursuskob:institution",
    "kursuskob:institution_rediger",
    "kursuskob:kontakt_opret",
    "kursuskob:kursus",
    "kursuskob:kursus_rediger",
    "kursuskob:netvaerk",
    "kursuskob:skema",
    "kursuskob:skema_kopier",
    "kursuskob:sektion_opret",
    "kursuskob:spoergsmaal_opret",
    "kursuskob:spoergsmaal_rediger",
    # Measurement instruments: the national templates are read and copied by every jobcentre.
    # Both pages are tried with B's own instrument (its secret must not show): copying a
    # template here would make an instrument of A's own, whose edit pages then rightly answer
    # A's consultants 403, not 404.
    "virkning:instrument",
    "virkning:instrument_kopier",
}
# Aggregated survey results, which the analyst reads for every round (never one jobcentre's
# answers: those pages stay 403/404).
SAMLEDE = {"kursuskob:runde", "kursuskob:indsatskort", "kursuskob:indsatskort_diagram"}
# The shared object a shared page is tried with (the company, unless named here).
FAELLES_OBJEKT = {
    "kursuskob:institution": "institution",
    "kursuskob:institution_rediger": "institution",
    "kursuskob:kontakt_opret": "institution",
    "kursuskob:kursus": "kursus",
    "kursuskob:kursus_rediger": "kursus",
    "kursuskob:netvaerk": "netvaerk",
    "kursuskob:skema": "skema",
    "kursuskob:skema_kopier": "skema",
    "kursuskob:sektion_opret": "skema",
    "kursuskob:spoergsmaal_opret": "sektion",
    "kursuskob:spoergsmaal_rediger": "spoergsmaal",
    "virkning:instrument": "instrument",
    "virkning:instrument_kopier": "instrument",
}
SLUGS = {
    "type_": ["barriere", "drivkraft"],
    "format_": ["svg", "png"],
    "faktor": ["B1", "D1"],
    "art": [
        "fordel",
        "bekraeft",
        "frigiv",
        "koeb",
        "naeste-fase",
        "book",
        "kickoff",
        "ydelse",
        "maalgruppe",
        "arbejdssted",
        "kontaktperson",
        "plads",
        "mentor",
        "opfoelgning",
        "forlaengelse",
        "afslut",
        "status",
    ],
}


def url_patterns(resolver=None, prefix=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.app_name == "admin":
                continue
            namespace = f"{pattern.namespace}:" if pattern.namespace else ""
            yield from url_patterns(pattern, prefix + namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            converters = pattern.pattern.converters
            if any(type(c).__name__ == "IntConverter" for c in converters.values()):
                yield prefix + pattern.name, converters


@pytest.fixture
def aalborg(jobcenter_b):
    """Everything jobcentre B can own, each with a secret in its text."""
    jc = jobcenter_b
    ejer = BrugerFactory(username="aalborg-admin", rolle=Rolle.ADMINISTRATOR, jobcenter=jc)
    virksomhed = VirksomhedFactory(navn="Fælles Fabrik A/S")
    person = KontaktpersonFactory(virksomhed=virksomhed, navn="Fælles Kontakt")
    borger = BorgerFactory(jobcenter=jc, fornavn=HEMMELIG, efternavn="Borger")
    YdelsesperiodeFactory(borger=borger)
    MaalgruppeperiodeFactory(borger=borger)
    kontakt = Kontakt.objects.create(
        jobcenter=jc,
        virksomhed=virksomhed,
        kanal="mail",
        initiativ="opsoegende",
        formaal="information",
        note=HEMMELIG,
    )
    Borgerkontakt.objects.create(borger=borger, kontakt=kontakt)
    Opgave.objects.create(
        jobcenter=jc,
        virksomhed=virksomhed,
        titel=HEMMELIG,
        frist=datetime.date(2026, 12, 1),
        ansvarlig=ejer,
    )
    Virksomhedsnotat.objects.create(jobcenter=jc, virksomhed=virksomhed, tekst=HEMMELIG)
    forhold = Virksomhedsforhold.objects.create(
        jobcenter=jc, virksomhed=virksomhed, kontaktansvarlig=ejer, prioritetsgruppe=1
    )
    forhold.segmenter.add(Segment.objects.create(jobcenter=jc, navn=HEMMELIG))
    aftale = Aftale.objects.create(
        jobcenter=jc,
        virksomhed=virksomhed,
        type="virksomhedscenter",
        titel=HEMMELIG,
        formaal=HEMMELIG,
        start=datetime.date(2026, 1, 1),
        ansvarlig=ejer,
        antal_pladser=3,
    )
    center = Virksomhedscenter.objects.create(
        jobcenter=jc, virksomhed=virksomhed, aftale=aftale, navn=HEMMELIG, form="virtuelt"
    )
    plads = Plads.objects.create(virksomhedscenter=center, funktion=HEMMELIG)
    Mentor.objects.create(virksomhedscenter=center, navn=HEMMELIG)
    jobordre = Jobordre.objects.create(jobcenter=jc, virksomhed=virksomhed, stilling=HEMMELIG)
    Jobordrekandidat.objects.create(jobordre=jobordre, borger=borger)
    forloeb = Praktikforloeb.objects.create(
        borger=borger,
        virksomhed=virksomhed,
        type=Forloebstype.objects.first(),
        plads=plads,
        jobkonsulent=ejer,
        start=datetime.date(2026, 9, 1),
        trin=Trin.UNDERVEJS,
    )
    Praktikaftale.objects.create(forloeb=forloeb, maal=HEMMELIG, timer_pr_uge=15)
    Opfoelgningssamtale.objects.create(forloeb=forloeb, deltagere="x", note=HEMMELIG)
    Importkoersel.objects.create(jobcenter=jc, bruger=ejer, type="borgere", filnavn=HEMMELIG)
    # A course purchase of B alone, in a network A is not in, with a referred citizen.
    netvaerk = Netvaerk.objects.create(navn="Nordjysk klynge", organisering="loest")
    Netvaerksmedlem.objects.create(netvaerk=netvaerk, jobcenter=jc)
    Netvaerksmoede.objects.create(netvaerk=netvaerk, art="styregruppe", referat=HEMMELIG)
    kob = KursuskobFactory(tovholder=ejer, fase=Fase.VISITATION, behov=HEMMELIG, netvaerk=netvaerk)
    Tildeling.objects.create(kursuskob=kob, jobcenter=jc, pladser=8, frigivet=2)
    Tilmelding.objects.create(kursuskob=kob, borger=borger, jobcenter=jc, status="henvist")
    Meddelelse.objects.create(kursuskob=kob, emne=HEMMELIG, tekst=HEMMELIG, modtagere="x")
    # B's own survey round with its answer, computed.
    skema = Spoergeskema.objects.get(skabelon=True)
    runde = Runde.objects.create(
        skema=skema, navn="Aalborgs runde", frist=datetime.date(2027, 1, 31), oprettet_af=ejer
    )
    runde.jobcentre.set([jc])
    leder = BrugerFactory(username="aalborg-leder", rolle=Rolle.LEDER, jobcenter=jc)
    gem_besvarelse(bruger=leder, runde=runde, svar={"B1": 3, "kommentar": HEMMELIG}, afsend=True)
    beregn_analyse(runde=runde)
    # B's own screening instrument and a measurement of B's citizen with it, screened.
    instrument = InstrumentFactory(
        oprettet_af=ejer, navn=HEMMELIG, art=Art.SCREENING, beskrivelse=HEMMELIG
    )
    indikator = IndikatorFactory(
        instrument=instrument,
        formulering=HEMMELIG,
        dimension="Faglig",
        label_min=HEMMELIG,
        label_max=HEMMELIG,
    )
    kategori = Screeningskategori.objects.create(
        instrument=instrument, navn=HEMMELIG, forklaring=HEMMELIG
    )
    Screeningsbetingelse.objects.create(kategori=kategori, dimension="Faglig", graense=3)
    registrer_maaling(
        bruger=ejer,
        borger=borger,
        instrument=instrument,
        dato=datetime.date(2026, 9, 1),
        vaerdier={indikator.pk: 2},
        forloeb=forloeb,
    )
    # B's controlled trial with a citizen drawn into it.
    forsoeg = Forsoeg.objects.create(
        jobcenter=jc,
        navn=HEMMELIG,
        indsats=HEMMELIG,
        fra=datetime.date(2026, 1, 1),
        til=datetime.date(2026, 12, 31),
        slut=datetime.date(2099, 1, 1),
        seed=1,
        oprettet_af=leder,
    )
    Lodtraekning.objects.create(
        forsoeg=forsoeg, borger=borger, gruppe="indsats", tal=0.1, indgang=datetime.date(2026, 1, 1)
    )
    # B's system key (issue 17): its page answers A's ids with 404.
    opret_systemnoegle(
        bruger=ejer,
        navn=HEMMELIG,
        udloeber=timezone.now() + datetime.timedelta(days=30),
        borgerdata=True,
    )
    # B's outcome rows (»Hvad virker«): a group whose name is the secret.
    Indsatsudfald.objects.create(
        dato=datetime.date(2026, 11, 30),
        jobcenter=jc,
        gruppeart="virksomhed",
        gruppe_id=virksomhed.pk,
        gruppe_navn=HEMMELIG,
        antal=12,
        n=12,
        andel=0.5,
        beregnet=timezone.now(),
    )
    return {
        "instrument": instrument,
        "skema": skema,
        "sektion": skema.sektioner.first(),
        "spoergsmaal": Spoergsmaal.objects.filter(sektion__skema=skema).first(),
        "virksomhed": virksomhed,
        "person": person,
        "institution": kob.hold.institution,
        "kursus": kob.hold.kursus,
        "netvaerk": netvaerk,
    }


def fingeraftryk(jobcenter):
    """The other jobcentre's data as values, to see that nothing of it changed."""
    egne = {
        Praktikforloeb: {"borger__jobcenter": jobcenter},
        Jobordrekandidat: {"borger__jobcenter": jobcenter},
        Plads: {"virksomhedscenter__jobcenter": jobcenter},
        Kursuskob: {"primaert_jobcenter": jobcenter},
        Tildeling: {"jobcenter": jobcenter},
        Tilmelding: {"jobcenter": jobcenter},
        Besvarelse: {"jobcenter": jobcenter},
        Lodtraekning: {"forsoeg__jobcenter": jobcenter},
        Systemnoegle: {"jobcenter": jobcenter},
        **{
            m: {"jobcenter": jobcenter}
            for m in (
                Opgave,
                Aftale,
                Virksomhedscenter,
                Jobordre,
                Kontakt,
                Virksomhedsnotat,
                Virksomhedsforhold,
                Importkoersel,
                Forsoeg,
                Instrument,
                Maaling,
            )
        },
        Indikator: {"instrument__jobcenter": jobcenter},
        Screeningskategori: {"instrument__jobcenter": jobcenter},
    }
    return {
        m.__name__: sorted(
            str(tuple(map(vaerdi, row))) for row in m.objects.filter(**f).values_list()
        )
        for m, f in egne.items()
    }


def vaerdi(v):
    return bytes(v) if isinstance(v, memoryview) else v  # PostgreSQL's binary fields


def test_no_id_of_another_jobcentre_leaks_on_any_url(
    aalborg, client, client_for, jobcenter_a, jobcenter_b, analytiker
):
    rng = random.Random(2026)
    personer = [
        BrugerFactory(username=f"aarhus-{rolle}", rolle=rolle, jobcenter=jobcenter_a)
        for rolle in (
            Rolle.JOBKONSULENT,
            Rolle.VIRKSOMHEDSKONSULENT,
            Rolle.LEDER,
            Rolle.ADMINISTRATOR,
        )
    ] + [analytiker]
    foer = fingeraftryk(jobcenter_b)
    # Every id that exists in any of the tables, and random ones besides.
    ider = sorted({1, 2, 3, *range(1, 40), *(rng.randint(40, 100_000) for _ in range(10))})
    moenstre = list(url_patterns())
    assert len(moenstre) >= 30
    forsoeg = 0
    for navn, converters in moenstre:
        slugs = [k for k, c in converters.items() if type(c).__name__ != "IntConverter"]
        for bruger in personer:
            client_for(bruger)
            for id_ in ider:
                kwargs = {
                    k: id_ for k, c in converters.items() if type(c).__name__ == "IntConverter"
                }
                if navn in FAELLES:
                    objekt = aalborg[FAELLES_OBJEKT.get(navn, "virksomhed")]
                    kwargs["pk"] = objekt.pk if "pk" in kwargs else id_
                    if "del_pk" in kwargs:
                        kwargs["del_pk"] = aalborg["person"].pk
                for slug in slugs:
                    kwargs[slug] = rng.choice(SLUGS.get(slug, ["x"]))
                url = reverse(navn, kwargs=kwargs)
                for metode in ("get", "post"):
                    svar = getattr(client, metode)(url)
                    forsoeg += 1
                    tekst = svar.content.decode(errors="replace")
                    assert HEMMELIG not in tekst, (metode, url, bruger.rolle)
                    if navn.startswith("api:"):
                        # The API takes a system key, never the login session: 401 to every
                        # user (tests/test_api_isolation.py tries the ids with keys).
                        assert svar.status_code == 401, (metode, url)
                    elif bruger.rolle == Rolle.ANALYTIKER and navn in SAMLEDE:
                        assert svar.status_code in (200, 302, 403, 404, 405), (metode, url)
                    elif bruger.rolle == Rolle.ANALYTIKER:
                        assert svar.status_code in (403, 404, 405), (metode, url)
                    elif navn not in FAELLES:
                        assert svar.status_code in (404, 405), (
                            metode,
                            url,
                            bruger.rolle,
                            svar.status_code,
                        )
                if navn in FAELLES:
                    break  # a shared company's page: one id is enough per role
    assert forsoeg > 5000
    assert fingeraftryk(jobcenter_b) == foer
