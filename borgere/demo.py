"""Demo citizens with benefit and target-group histories, for `manage.py demodata`."""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from jobcenter.models import Jobcenter
from virksomheder.demo import EFTERNAVNE, FORNAVNE, VEJE
from virksomheder.models import Plads, Virksomhed

from .models import (
    Borger,
    Forloebstype,
    Kampagne,
    Maal,
    Maalgruppe,
    Maalgruppeperiode,
    Maaltal,
    Praktikaftale,
    Praktikforloeb,
    Trin,
    Ydelsesperiode,
    Ydelsestype,
)
from .services import beregn_maal


def cpr(rng: random.Random) -> str:
    foedt = datetime.date(1960, 1, 1) + datetime.timedelta(days=rng.randint(0, 44 * 365))
    # The 7th digit carries the century: 0–3 for 1900–1999, 4 for 2000–2036.
    aarhundrede = "4" if foedt.year >= 2000 else str(rng.randint(0, 3))
    return f"{foedt:%d%m%y}{aarhundrede}{rng.randint(0, 999):03d}"


def opret_borgere(
    rng: random.Random, jobcentre: list[Jobcenter], antal_per_jobcenter: int, idag: datetime.date
) -> int:
    if Borger.objects.exists():
        return 0
    brugte: set[str] = set()
    borgere = []
    for jobcenter in jobcentre:
        for _ in range(antal_per_jobcenter):
            nummer = cpr(rng)
            while nummer in brugte:
                nummer = cpr(rng)
            brugte.add(nummer)
            borgere.append(
                Borger(
                    jobcenter=jobcenter,
                    cpr=nummer,
                    fornavn=rng.choice(FORNAVNE),
                    efternavn=rng.choice(EFTERNAVNE),
                    adresse=f"{rng.choice(VEJE)} {rng.randint(1, 80)}",
                    postnummer=str(rng.randint(1000, 9990)),
                    by=jobcenter.navn.removeprefix("Jobcenter "),
                )
            )
    Borger.objects.bulk_create(borgere, batch_size=1000)

    # Today's words: the benefits and target groups that apply now (and back to 2014).
    ydelser = list(Ydelsestype.objects.gyldige(idag).order_by("kode"))
    grupper = list(Maalgruppe.objects.gyldige(idag).order_by("kode"))
    ydelsesperioder, maalgruppeperioder = [], []
    for borger in Borger.objects.order_by("cpr"):
        # One to three benefit periods in a row, back from today. For most the last one still
        # runs; the rest have left benefits some time ago.
        slut = idag - datetime.timedelta(days=rng.randint(1, 300)) if rng.random() < 0.3 else None
        for _ in range(rng.randint(1, 3)):
            start = (slut or idag) - datetime.timedelta(days=rng.randint(60, 700))
            ydelsesperioder.append(
                Ydelsesperiode(borger=borger, ydelse=rng.choice(ydelser), fra=start, til=slut)
            )
            slut = start - datetime.timedelta(days=rng.randint(1, 90))
        skift = idag - datetime.timedelta(days=rng.randint(30, 400))
        maalgruppeperioder += [
            Maalgruppeperiode(
                borger=borger,
                maalgruppe=rng.choice(grupper),
                fra=skift - datetime.timedelta(days=rng.randint(100, 900)),
                til=skift - datetime.timedelta(days=1),
            ),
            Maalgruppeperiode(borger=borger, maalgruppe=rng.choice(grupper), fra=skift),
        ]
    Ydelsesperiode.objects.bulk_create(ydelsesperioder, batch_size=2000)
    Maalgruppeperiode.objects.bulk_create(maalgruppeperioder, batch_size=2000)
    return len(borgere)


def opret_forloeb(rng: random.Random, brugere, idag: datetime.date) -> int:
    """Forløb for the demo jobcentres with staff: most places in their centres filled, and
    enkeltpraktikker, running and ended, with praktikaftaler."""
    if Praktikforloeb.objects.exists():
        return 0
    typer = list(Forloebstype.objects.order_by("kode"))
    nye = 0
    for bruger in brugere:
        if bruger.rolle != "jobkonsulent" or bruger.jobcenter_id is None:
            continue
        borgere = list(
            Borger.objects.filter(jobcenter_id=bruger.jobcenter_id).order_by("cpr")[:120]
        )
        pladser = list(
            Plads.objects.filter(
                virksomhedscenter__jobcenter_id=bruger.jobcenter_id
            ).select_related("virksomhedscenter")
        )
        virksomheder = list(
            Virksomhed.objects.filter(forhold__jobcenter_id=bruger.jobcenter_id).order_by("cvr")[
                :40
            ]
        )
        for nummer, borger in enumerate(borgere):
            plads = pladser[nummer] if nummer < len(pladser) and rng.random() < 0.75 else None
            if plads is None and nummer < len(pladser):
                continue  # this place stays free
            virksomhed = plads.virksomhedscenter.virksomhed if plads else rng.choice(virksomheder)
            start = idag - datetime.timedelta(
                days=rng.randint(0, 80) if plads else rng.randint(0, 400)
            )
            type_ = typer[-1] if plads else rng.choice(typer)
            planlagt = start + datetime.timedelta(weeks=type_.maks_uger or 13, days=-1)
            afsluttet = planlagt < idag and not plads
            trin = (
                Trin.AFSLUTNING
                if afsluttet
                else (Trin.UNDERVEJS if start <= idag else Trin.PRAKTIKAFTALE)
            )
            if plads and planlagt < idag:
                planlagt = idag + datetime.timedelta(days=rng.randint(5, 60))
            forloeb = Praktikforloeb.objects.create(
                borger=borger,
                virksomhed=virksomhed,
                plads=plads,
                aftale=plads.virksomhedscenter.aftale if plads else None,
                type=type_,
                jobkonsulent=bruger,
                trin=trin,
                start=start,
                planlagt_slut=planlagt,
                faktisk_slut=planlagt if afsluttet else None,
                udfald=rng.choice(["ordinaert_job", "uddannelse", "fortsat_ledig", "afbrudt"])
                if afsluttet
                else "",
                selvforsoergende_4_uger=(rng.random() < 0.3) if afsluttet else None,
            )
            if afsluttet and forloeb.udfald in ("ordinaert_job", "uddannelse"):
                # Off benefits when the job or education starts.
                Ydelsesperiode.objects.filter(
                    borger=borger, fra__lt=planlagt, til__isnull=True
                ).update(til=planlagt, opdateret=timezone.now())
            Praktikaftale.objects.create(
                forloeb=forloeb,
                maal=rng.choice(
                    [
                        "Ordinært job i virksomheden efter forløbet.",
                        "Afklare, hvor mange timer borgeren kan arbejde.",
                        "Læreplads efter praktikperioden.",
                    ]
                ),
                timer_pr_uge=rng.choice([12, 15, 20]),
                timer_pr_uge_slut=rng.choice([None, 25, 30]),
            )
            nye += 1
    return nye


def opret_kampagne(idag: datetime.date, jobcentre: list[Jobcenter]) -> Kampagne:
    """This year's campaign with the sources' two goals, targets per demo jobcentre, and its
    goals computed for every month end so far."""
    kilde = Kampagne.objects.get(kode="virksomhedscenterkampagnen")
    kampagne, ny = Kampagne.objects.get_or_create(
        kode=f"virksomhedskampagnen-{idag.year}",
        defaults={
            "navn": f"Virksomhedskampagnen {idag.year}",
            "start": datetime.date(idag.year, 1, 1),
            "slut": datetime.date(idag.year, 12, 31),
            "beskrivelse": "Demokampagne med Virksomhedscenterkampagnens to mål i dagens ord.",
        },
    )
    if not ny:
        return kampagne
    for gammel in kilde.maal.all():
        maal = Maal.objects.create(
            kampagne=kampagne,
            kode=gammel.kode,
            navn=gammel.navn,
            art=gammel.art,
            uger_efter=gammel.uger_efter,
            vindue_maaneder=gammel.vindue_maaneder,
            raekkefoelge=gammel.raekkefoelge,
        )
        # The sources' two goals in today's words: aktivitetsparate on kontanthjælp or
        # uddannelseshjælp (the matchgruppe 2 of their day), every benefit of today as public.
        maal.forloebstyper.set(gammel.forloebstyper.all())
        maal.ydelser.set(
            Ydelsestype.objects.filter(kode__in=["kontanthjaelp", "uddannelseshjaelp"])
        )
        maal.maalgrupper.set(Maalgruppe.objects.filter(kode="aktivitetsparat"))
        maal.offentlige_ydelser.set(Ydelsestype.objects.gyldige(idag))
        andel = maal.art == "andel"
        Maaltal.objects.create(maal=maal, jobcenter=None, vaerdi=Decimal("0.20") if andel else 60)
        for jobcenter in jobcentre:
            Maaltal.objects.create(
                maal=maal, jobcenter=jobcenter, vaerdi=Decimal("0.20") if andel else 10
            )
    for dato in [*kampagne.maanedsslut(idag), idag]:
        beregn_maal(kampagne=kampagne, dato=dato)
    return kampagne
