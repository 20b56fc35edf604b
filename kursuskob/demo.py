"""Demo institutions, courses, the study's 11 networks and purchases in every phase, for
`manage.py demodata`. Names are the sources' own (domain/kursuskob.md §8)."""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from borgere.models import Borger
from jobcenter.demo import demobruger
from jobcenter.models import Bruger, Jobcenter, Kommune, Rolle

from .models import (
    Hold,
    Institutionskontakt,
    Kursus,
    Kursuskob,
    Medlemsrolle,
    Netvaerk,
    Netvaerksmedlem,
    Organisering,
    Samarbejdsmodel,
    Status,
    Tildeling,
    Tilmelding,
    Uddannelsesinstitution,
    Udfald,
)

INSTITUTIONER = [
    # (navn, type, kommunenummer)
    ("CELF – Center for Erhvervsrettede uddannelser Lolland Falster", "erhvervsskole", 376),
    ("NEXT Kursuscenter", "kursuscenter", 101),
    ("Roskilde Tekniske Skole", "erhvervsskole", 265),
    ("Skive Tekniske Skole", "erhvervsskole", 779),
    ("EUC Syd", "erhvervsskole", 540),
    ("SDE – Syddansk Erhvervsskole", "erhvervsskole", 461),
    ("CAMPUS Tønder", "erhvervsskole", 550),
    ("VEU-center Syd", "veu_center", 580),
    ("AMU Nordjylland", "amu", 851),
    ("Aarhus Tech", "erhvervsskole", 751),
]

KURSER = [
    # (titel, AMU-kode, dage, målrettet job)
    ("Maskinføring", "47594", 15, "Maskinfører i bygge og anlæg"),
    ("Stillads", "49211", 10, "Stilladsmontør"),
    ("Rørlægger", "47772", 20, "Rørlægger"),
    ("Frontmedarbejder i hotel- og restaurationsbranchen", "45366", 15, "Receptionist, tjener"),
    ("Køkken og kantine", "45361", 15, "Køkkenmedhjælper"),
    ("Rengøring", "47876", 10, "Rengøringsassistent"),
    ("Phoner", "", 15, "Telefonsælger"),
    ("Dagrenovation", "", 10, "Skraldemand"),
    ("Tekniske isolatører", "", 20, "Teknisk isolatør"),
]

# The study's 11 clusters (S41) with the demo jobcentres that lie in them.
NETVAERK = [
    ("En nordjysk klynge", Organisering.LOEST, [851, 860]),
    ("En østjysk klynge koncentreret om Aarhus Kommune", Organisering.FAST, [751]),
    ("En vestjysk klynge", Organisering.LOEST, []),
    ("En klynge i Sydøstjylland (job7.dk)", Organisering.FAST, []),
    ("En klynge i Sydvestjylland", Organisering.LOEST, []),
    ("En sønderjysk klynge", Organisering.PRIMAER_SEKUNDAER, []),
    ("En klynge af fynske jobcentre og jobcentre i det sydfynske øhav", Organisering.FAST, [480]),
    ("En vestsjællandsk klynge", Organisering.LOEST, []),
    ("En nordsjællandsk klynge", Organisering.FAST, [210]),
    ("En klynge af Vordingborg, Lolland og Guldborgsund Kommune", Organisering.FAST, []),
    ("En klynge i hovedstadsområdet", Organisering.FAST, [400]),
    # Not in the study: a forum that joins the two demo jobcentres with users.
    ("VEU-forum Nord- og Midtjylland", Organisering.FORUM, [751, 851, 860]),
]


# A purchase in phase 2 waits for a leader in each jobcentre to confirm its places (only a leader
# commits a jobcentre's money); Aalborg's other demo user is a consultant, who cannot.
KURSUSLEDERE = [
    # (brugernavn, fornavn, efternavn, kommunenummer)
    ("leder-aalborg", "Maja", "Nørgaard", 851),
]


def opret_kursusledere() -> list[Bruger]:
    return [
        demobruger(
            brugernavn, fornavn, efternavn, Rolle.LEDER, Jobcenter.objects.get(kommunenummer=nr)
        )
        for brugernavn, fornavn, efternavn, nr in KURSUSLEDERE
    ]


def opret_katalog() -> tuple[list, list]:
    institutioner = []
    for navn, type_, nummer in INSTITUTIONER:
        institution, ny = Uddannelsesinstitution.objects.get_or_create(
            navn=navn,
            defaults={"type": type_, "kommune": Kommune.objects.get(kommunenummer=nummer)},
        )
        if ny:
            Institutionskontakt.objects.create(
                institution=institution,
                navn="Kursuskonsulent",
                titel="Uddannelseskonsulent",
                email=f"kursus@{navn.split()[0].lower()}.example",
                telefon="70 10 20 30",
            )
        institutioner.append(institution)
    kurser = [
        Kursus.objects.get_or_create(
            titel=titel, defaults={"amu_kode": kode, "varighed_dage": dage, "maaljob": job}
        )[0]
        for titel, kode, dage, job in KURSER
    ]
    return institutioner, kurser


def opret_netvaerk() -> list[Netvaerk]:
    netvaerk = []
    for navn, organisering, numre in NETVAERK:
        n, ny = Netvaerk.objects.get_or_create(navn=navn, defaults={"organisering": organisering})
        if ny:
            for nummer in numre:
                if jobcenter := Jobcenter.objects.filter(kommunenummer=nummer).first():
                    Netvaerksmedlem.objects.create(
                        netvaerk=n,
                        jobcenter=jobcenter,
                        rolle=Medlemsrolle.MEDLEM,
                        mandat="Kontorleder for virksomhedsservice",
                    )
        netvaerk.append(n)
    return netvaerk


def opret_kursuskob(rng: random.Random, idag: datetime.date) -> int:
    """Purchases between the demo jobcentres of the forum, in every phase; the finished ones
    with participants and their situation after the course."""
    if Kursuskob.objects.exists():
        return 0
    institutioner, kurser = opret_katalog()
    netvaerk = opret_netvaerk()
    forum = netvaerk[-1]
    medlemmer = [m.jobcenter for m in forum.medlemmer.select_related("jobcenter")]
    antal = 0
    # (dage fra i dag til start, fase)
    for nummer, (forskydning, fase) in enumerate(
        [
            (-400, 5),
            (-300, 5),
            (-200, 5),
            (-120, 5),
            (-60, 5),
            (-10, 5),
            (20, 4),
            (35, 4),
            (60, 3),
            (90, 2),
            (120, 1),
        ]
    ):
        primaert = medlemmer[nummer % 2]
        tovholder = Bruger.objects.filter(jobcenter=primaert).order_by("pk").first()
        if tovholder is None:
            continue
        kursus = kurser[nummer % len(kurser)]
        start = idag + datetime.timedelta(days=forskydning)
        kapacitet = 16
        hold = Hold.objects.create(
            kursus=kursus,
            institution=institutioner[nummer % len(institutioner)],
            sted="Skolens værksted",
            kapacitet=kapacitet,
            minimum=10 if fase >= 3 else None,
            startdato=start if fase >= 3 else None,
            slutdato=start + datetime.timedelta(days=kursus.varighed_dage * 7 // 5)
            if fase >= 3
            else None,
            tilmeldingsfrist=start - datetime.timedelta(days=14) if fase >= 3 else None,
            pris_pr_plads=Decimal(rng.choice([8500, 12000, 14500])) if fase >= 3 else None,
            underviser="Faglærer" if fase >= 4 else "",
        )
        hold.skolekontakt = hold.institution.kontakter.first() if fase >= 4 else None
        hold.save(update_fields=["skolekontakt"])
        kob = Kursuskob.objects.create(
            hold=hold,
            fase=fase,
            samarbejdsmodel=Samarbejdsmodel.NETVAERK,
            netvaerk=forum,
            primaert_jobcenter=primaert,
            tovholder=tovholder,
            behov=f"Virksomhederne mangler {kursus.maaljob.lower()}e.",
            maaljob=kursus.maaljob,
            kilder=["virksomheder", "arbejdsmarkedsbalancen"],
            # Agreed a month before the start, and never later than today.
            aftale_indgaaet=min(start - datetime.timedelta(days=30), idag) if fase >= 4 else None,
            afbudsbetingelser="Afbud senest 14 dage før start." if fase >= 4 else "",
        )
        if fase == 1:
            antal += 1
            continue
        andet = medlemmer[(nummer + 1) % 2]
        for jobcenter, pladser in ((primaert, 8), (andet, 8 if nummer % 3 else 6)):
            Tildeling.objects.create(
                kursuskob=kob,
                jobcenter=jobcenter,
                pladser=pladser,
                bekraeftet=timezone.now() if fase >= 3 else None,
                noegleperson=Bruger.objects.filter(jobcenter=jobcenter).order_by("pk").first(),
            )
        if fase >= 4:
            _deltagere(rng, kob, idag, fase)
        antal += 1
    return antal


def _deltagere(rng: random.Random, kob: Kursuskob, idag: datetime.date, fase: int) -> None:
    slut = kob.hold.slutdato
    for tildeling in kob.tildelinger.all():
        kandidater = list(
            Borger.objects.filter(jobcenter=tildeling.jobcenter, anonymiseret__isnull=True)
            .exclude(kursustilmeldinger__kursuskob=kob)
            .order_by("pk")[:300]
        )
        borgere = rng.sample(
            kandidater, min(len(kandidater), tildeling.pladser - rng.randint(0, 2))
        )
        for borger in borgere:
            tilmelding = Tilmelding(kursuskob=kob, borger=borger, jobcenter=tildeling.jobcenter)
            if fase == 4:
                tilmelding.status = Status.OPTAGET if rng.random() < 0.5 else Status.HENVIST
            elif slut >= idag:
                tilmelding.status = Status.STARTET
            else:
                tilmelding.status = Status.GENNEMFOERT if rng.random() < 0.85 else Status.AFBRUDT
                tilmelding.udfald = rng.choices(
                    [
                        Udfald.JOB,
                        Udfald.UDDANNELSE,
                        Udfald.PRAKTIK,
                        Udfald.LOENTILSKUD,
                        Udfald.LEDIG,
                    ],
                    weights=[50, 10, 10, 10, 20],
                )[0]
                tilmelding.udfald_dato = min(idag, slut + datetime.timedelta(weeks=4))
            tilmelding.save()


# The study's stated placements (domain/kursuskob.md §4): (mean score, effect on satisfaction).
# Barriers harm (negative effect); B2 and B4 lie in the indsatsområde, B8 in the lower left.
FAKTORER = {
    "B1": (3.6, -0.15),
    "B2": (3.9, -0.45),
    "B3": (3.4, -0.1),
    "B4": (3.5, -0.4),
    "B5": (2.4, -0.1),
    "B6": (2.3, -0.05),
    "B7": (2.2, -0.05),
    "B8": (1.9, -0.02),
    "B9": (2.1, -0.05),
    "B10": (2.6, -0.1),
    "D1": (4.3, 0.45),
    "D2": (3.8, 0.15),
    "D3": (4.1, 0.35),
    "D4": (4.0, 0.35),
    "D5": (3.9, 0.3),
    "D6": (3.7, 0.1),
    "D7": (3.6, 0.1),
    "D8": (3.0, 0.05),
    "D9": (3.1, 0.05),
    "D10": (2.9, 0.05),
    "D11": (2.0, 0.01),
}
MODELLER = ["Netværksbaseret samarbejde"] * 38 + ["Primær kommune"] * 4 + ["Sekundær kommune"] * 2


def opret_undersoegelse(rng: random.Random, idag: datetime.date) -> int:
    """Two national rounds of the study's questionnaire, a year apart, each answered by 57 of
    the 98 jobcentres (the study's response), closed and computed; returns the responses made."""
    from .models import Besvarelse, Runde, Spoergeskema, Spoergsmaal, Svar
    from .services import beregn_indsatskort

    if Runde.objects.exists():
        return 0
    for kommune in Kommune.objects.all():
        Jobcenter.objects.get_or_create(
            kommunenummer=kommune.kommunenummer,
            defaults={
                "navn": f"Jobcenter {kommune.navn}",
                "beskaeftigelsesregion": kommune.beskaeftigelsesregion,
            },
        )
    skema = Spoergeskema.objects.get(skabelon=True)
    spoergsmaal = {s.kode: s for s in Spoergsmaal.objects.filter(sektion__skema=skema)}
    administrator = Bruger.objects.filter(rolle="administrator").order_by("pk").first()
    jobcentre = list(Jobcenter.objects.order_by("kommunenummer"))
    antal = 0
    for aar, forskydning in ((idag.year - 1, 0.0), (idag.year, -0.3)):
        runde = Runde.objects.create(
            skema=skema,
            navn=f"Samarbejdet om kursuskøb {aar}",
            frist=datetime.date(aar, 1, 31),
            lukket=timezone.make_aware(datetime.datetime(aar, 2, 1, 12)),
            oprettet=timezone.make_aware(datetime.datetime(aar - 1, 12, 16, 9)),
            oprettet_af=administrator,
        )
        runde.jobcentre.set(jobcentre)
        for nummer, jobcenter in enumerate(rng.sample(jobcentre, 57)):
            besvarelse = Besvarelse.objects.create(
                runde=runde, jobcenter=jobcenter, afsendt=runde.lukket, importeret=True
            )
            scorer = {}
            for kode, (middel, _) in FAKTORER.items():
                # A year later the schools have become a little more flexible (B2 moves down).
                flyt = forskydning if kode == "B2" else 0.0
                scorer[kode] = min(5, max(1, round(rng.gauss(middel + flyt, 0.9))))
            tilfredshed = 3.2 + sum(
                effekt * (scorer[k] - FAKTORER[k][0]) for k, (_, effekt) in FAKTORER.items()
            )
            scorer["tilfredshed"] = min(5, max(1, round(tilfredshed + rng.gauss(0, 0.4))))
            svar = {kode: v for kode, v in scorer.items() if rng.random() > 0.03}
            svar["model"] = MODELLER[nummer % len(MODELLER)]
            svar["redskaber"] = rng.sample(spoergsmaal["redskaber"].valg[:6], rng.randint(1, 4))
            Svar.objects.bulk_create(
                Svar(besvarelse=besvarelse, spoergsmaal=spoergsmaal[k], vaerdi=v)
                for k, v in svar.items()
            )
            antal += 1
        beregn_indsatskort(runde=runde)
    return antal
