"""Workflows on the company side."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone

from jobcenter.models import Bruger, Jobcenter, Kommune
from jobcenter.services import laast_beregning

from .models import (
    Aftale,
    Aftalestatus,
    Branche,
    Initiativ,
    Kanal,
    Kontakt,
    Opgave,
    Opgaveart,
    Plads,
    Prioritetsgruppe,
    Segment,
    Sektor,
    Stoerrelse,
    Virksomhed,
    Virksomhedscenter,
    Virksomhedsforhold,
    Virksomhedsnotat,
)

OPGAVEOVERSIGT = "opgaveoversigt"
EVALUERING_VARSEL = datetime.timedelta(days=30)
UDLOEB_VARSEL = datetime.timedelta(days=60)
DAEKNING_PERIODE = datetime.timedelta(days=365)


def et_aar_efter(dato: datetime.date) -> datetime.date:
    try:
        return dato.replace(year=dato.year + 1)
    except ValueError:  # 29 February
        return dato.replace(year=dato.year + 1, day=28)


def naeste_hverdag(dato: datetime.date) -> datetime.date:
    dato += datetime.timedelta(days=1)
    while dato.weekday() >= 5:
        dato += datetime.timedelta(days=1)
    return dato


def forhold_for(*, jobcenter_id: int, virksomhed: Virksomhed) -> Virksomhedsforhold:
    forhold, _ = Virksomhedsforhold.objects.get_or_create(
        jobcenter_id=jobcenter_id, virksomhed=virksomhed
    )
    return forhold


def saet_kontaktansvarlig(
    *, bruger: Bruger, virksomhed: Virksomhed, kontaktansvarlig: Bruger | None
) -> Virksomhedsforhold:
    """One step, as the sources ask when a consultant leaves (K p.22, p.50)."""
    forhold = forhold_for(jobcenter_id=bruger.jobcenter_id, virksomhed=virksomhed)
    forhold.kontaktansvarlig = kontaktansvarlig
    forhold.save(update_fields=["kontaktansvarlig"])
    return forhold


@transaction.atomic
def saet_segmentering(
    *,
    bruger: Bruger,
    virksomhed: Virksomhed,
    prioritetsgruppe: int | None,
    segmenter: list[Segment],
    nyt_segment: str = "",
) -> Virksomhedsforhold:
    forhold = forhold_for(jobcenter_id=bruger.jobcenter_id, virksomhed=virksomhed)
    forhold.prioritetsgruppe = prioritetsgruppe
    forhold.save(update_fields=["prioritetsgruppe"])
    if nyt_segment:
        segment, _ = Segment.objects.get_or_create(
            jobcenter_id=bruger.jobcenter_id, navn=nyt_segment
        )
        segmenter = [*segmenter, segment]
    forhold.segmenter.set(segmenter)
    return forhold


def opret_notat(*, bruger: Bruger, virksomhed: Virksomhed, tekst: str) -> Virksomhedsnotat:
    return Virksomhedsnotat.objects.create(
        jobcenter_id=bruger.jobcenter_id, virksomhed=virksomhed, forfatter=bruger, tekst=tekst
    )


@transaction.atomic
def registrer_kontakt(
    *,
    bruger: Bruger,
    kontakt: Kontakt,
    medarbejdere: list[Bruger],
    opfoelgning_frist: datetime.date | None = None,
    opfoelgning_ansvarlig: Bruger | None = None,
) -> Kontakt:
    """Log a contact. An agreed next step with a due date becomes a task; an inbound phone
    call becomes a task to offer a personal meeting: "Alle virksomheder, der selv henvender
    sig telefonisk til jobcentret, skal ved samme lejlighed tilbydes et personligt møde"
    (K p.21)."""
    kontakt.jobcenter_id = bruger.jobcenter_id
    kontakt.oprettet_af = bruger
    kontakt.save()
    kontakt.medarbejdere.set(medarbejdere or [bruger])
    if kontakt.naeste_skridt and opfoelgning_frist:
        Opgave.objects.create(
            jobcenter_id=bruger.jobcenter_id,
            virksomhed=kontakt.virksomhed,
            kontakt=kontakt,
            art=Opgaveart.NAESTE_SKRIDT,
            titel=kontakt.naeste_skridt.splitlines()[0][:200],
            beskrivelse=kontakt.naeste_skridt,
            frist=opfoelgning_frist,
            ansvarlig=opfoelgning_ansvarlig or bruger,
        )
    if kontakt.initiativ == Initiativ.INDGAAENDE and kontakt.kanal == Kanal.TELEFON:
        forhold = Virksomhedsforhold.objects.filter(
            jobcenter_id=bruger.jobcenter_id, virksomhed=kontakt.virksomhed
        ).first()
        Opgave.objects.create(
            jobcenter_id=bruger.jobcenter_id,
            virksomhed=kontakt.virksomhed,
            kontakt=kontakt,
            art=Opgaveart.MOEDETILBUD,
            titel=f"Tilbyd {kontakt.virksomhed.navn} et personligt møde",
            beskrivelse=(
                "Virksomheden ringede selv til jobcentret. Alle virksomheder, der selv henvender "
                "sig telefonisk, skal tilbydes et personligt møde."
            ),
            frist=naeste_hverdag(kontakt.dato),
            ansvarlig=(forhold and forhold.kontaktansvarlig) or bruger,
        )
    return kontakt


def opret_opgave(*, bruger: Bruger, opgave: Opgave) -> Opgave:
    opgave.jobcenter_id = bruger.jobcenter_id
    opgave.save()
    return opgave


@transaction.atomic
def afslut_opgave(*, bruger: Bruger, opgave: Opgave) -> Opgave:
    """Mark the task done. A finished annual evaluation moves the agreement's next one a year on."""
    opgave.udfoert = timezone.now()
    opgave.udfoert_af = bruger
    opgave.save(update_fields=["udfoert", "udfoert_af"])
    if opgave.art == Opgaveart.EVALUERING and opgave.aftale is not None:
        aftale = opgave.aftale
        aftale.naeste_evaluering = et_aar_efter(opgave.frist)
        aftale.save()
    return opgave


@transaction.atomic
def fortryd_opgave(*, bruger: Bruger, opgave: Opgave) -> Opgave:
    """Open a task marked done by mistake again (and its agreement's evaluation date with it)."""
    if not opgave.kan_fortrydes:
        raise ValidationError(
            f"»Udført« kan kun fortrydes i {settings.OPGAVE_FORTRYD_MINUTTER} minutter. "
            "Opret en ny opgave i stedet."
        )
    opgave.udfoert = None
    opgave.udfoert_af = None
    opgave.save(update_fields=["udfoert", "udfoert_af"])
    if opgave.art == Opgaveart.EVALUERING and opgave.aftale is not None:
        opgave.aftale.naeste_evaluering = opgave.frist
        opgave.aftale.save()
    return opgave


def marker_forfaldne_og_send_oversigt(*, dato: datetime.date) -> int:
    """The daily job: mark open tasks past their due date as overdue, and send each owner one
    e-mail with their overdue tasks and those due today. Once per day: a rerun for a date whose
    digest has gone out only marks. Returns the number of e-mails sent."""
    with laast_beregning(navn=OPGAVEOVERSIGT, dato=dato) as beregning:
        Opgave.objects.forfaldne(dato).filter(forfalden_siden__isnull=True).update(
            forfalden_siden=dato
        )
        if beregning.afsluttet is not None:
            return 0
        per_ansvarlig: dict[Bruger, list[Opgave]] = defaultdict(list)
        aabne = (
            Opgave.objects.aabne()
            .filter(frist__lte=dato, ansvarlig__is_active=True)
            .exclude(ansvarlig__email="")
            .select_related("ansvarlig", "virksomhed")
        )
        for opgave in aabne:
            per_ansvarlig[opgave.ansvarlig].append(opgave)
        for ansvarlig, opgaver in per_ansvarlig.items():
            forfaldne = sum(1 for o in opgaver if o.frist < dato)
            send_mail(
                subject=f"Dine opgaver {dato:%d-%m-%Y}: {forfaldne} forfaldne, "
                f"{len(opgaver) - forfaldne} med frist i dag",
                message=render_to_string(
                    "virksomheder/opgaveoversigt.txt",
                    {
                        "ansvarlig": ansvarlig,
                        "opgaver": opgaver,
                        "dato": dato,
                        "adresse": settings.SITE_URL,
                    },
                ),
                from_email=None,
                recipient_list=[ansvarlig.email],
            )
        return len(per_ansvarlig)


def opret_aftaleopgaver(*, dato: datetime.date) -> int:
    """The daily agreement job: a task for the annual evaluation ("en gang om året eller efter
    behov", K p.23) 30 days before it is due, a task 60 days before an agreement expires, and
    status 'udløbet' for an active agreement past its end. Idempotent; returns new tasks."""
    nye = 0
    with transaction.atomic():
        aktive = Aftale.objects.filter(status=Aftalestatus.AKTIV).select_related("virksomhed")
        for aftale in aktive:
            if aftale.slut and aftale.slut < dato:
                aftale.status = Aftalestatus.UDLOEBET
                aftale.save()
                continue
            varsler = []
            if aftale.naeste_evaluering and aftale.naeste_evaluering <= dato + EVALUERING_VARSEL:
                varsler.append(
                    (Opgaveart.EVALUERING, aftale.naeste_evaluering, "Årlig evaluering af")
                )
            if aftale.slut and aftale.slut <= dato + UDLOEB_VARSEL:
                varsler.append((Opgaveart.UDLOEB, aftale.slut, "Forny eller afslut"))
            for art, frist, tekst in varsler:
                _, ny = Opgave.objects.get_or_create(
                    aftale=aftale,
                    art=art,
                    frist=frist,
                    defaults={
                        "jobcenter_id": aftale.jobcenter_id,
                        "virksomhed": aftale.virksomhed,
                        "titel": f"{tekst} aftalen »{aftale.titel}« med {aftale.virksomhed.navn}",
                        "ansvarlig_id": aftale.ansvarlig_id,
                    },
                )
                nye += ny
    return nye


def gem_aftale(*, bruger: Bruger, aftale: Aftale) -> Aftale:
    if aftale._state.adding:
        aftale.jobcenter_id = bruger.jobcenter_id
    if aftale.naeste_evaluering is None:
        aftale.naeste_evaluering = et_aar_efter(aftale.start)
    aftale.save()
    return aftale


def kontroller_plads_til(aftale: Aftale | None, antal: int, *, undtagen: Plads | None = None):
    """Raise a Danish ValidationError if the contract has no room for `antal` more places."""
    if aftale is None or aftale.antal_pladser is None or antal <= 0:
        return
    optaget = Plads.objects.filter(virksomhedscenter__aftale=aftale, aktiv=True)
    if undtagen is not None and undtagen.pk:
        optaget = optaget.exclude(pk=undtagen.pk)
    ledige = aftale.antal_pladser - optaget.count()
    if antal > ledige:
        raise ValidationError(
            f"Kontrakten »{aftale.titel}« giver {aftale.antal_pladser} pladser, og dens centre "
            f"har allerede {aftale.antal_pladser - ledige}. Der er plads til {max(ledige, 0)} mere."
        )


@transaction.atomic
def opret_virksomhedscenter(
    *, bruger: Bruger, center: Virksomhedscenter, antal_pladser: int, funktion: str
) -> Virksomhedscenter:
    kontroller_plads_til(center.aftale, antal_pladser)
    center.jobcenter_id = bruger.jobcenter_id
    center.save()
    Plads.objects.bulk_create(
        Plads(virksomhedscenter=center, funktion=funktion, maalgruppe=center.maalgruppe[:200])
        for _ in range(antal_pladser)
    )
    return center


@dataclass(frozen=True)
class Daekningsraekke:
    noegle: str
    navn: str
    antal: int
    kontaktet: int
    aldrig: int

    @property
    def andel(self) -> float | None:
        return self.kontaktet / self.antal if self.antal else None


def segmentmaengder(jobcenter: Jobcenter) -> dict[str, tuple[str, QuerySet]]:
    """The segments the coverage view counts, keyed for the page's links."""
    egne = Virksomhed.objects.filter(forhold__jobcenter=jobcenter)
    maengder = {
        f"p{gruppe.value}": (
            f"Prioritetsgruppe {gruppe.label}",
            egne.filter(forhold__prioritetsgruppe=gruppe.value),
        )
        for gruppe in Prioritetsgruppe
    }
    for segment in Segment.objects.filter(jobcenter=jobcenter):
        maengder[f"s{segment.pk}"] = (
            f"Segment: {segment.navn}",
            egne.filter(forhold__segmenter=segment),
        )
    maengder["kommune"] = (
        "Alle virksomheder i kommunen",
        Virksomhed.objects.filter(kommune__kommunenummer=jobcenter.kommunenummer),
    )
    return maengder


def kontaktede(jobcenter: Jobcenter, siden: datetime.date | None = None) -> QuerySet:
    kontakter = Kontakt.objects.filter(jobcenter=jobcenter)
    if siden is not None:
        kontakter = kontakter.filter(dato__gte=siden)
    return kontakter.values("virksomhed_id")


def daekning(*, jobcenter: Jobcenter, dato: datetime.date) -> list[Daekningsraekke]:
    """Per segment: how many companies the jobcentre contacted in the last 12 months, and how
    many it never contacted. One aggregate query per segment."""
    seneste = kontaktede(jobcenter, dato - DAEKNING_PERIODE)
    nogensinde = kontaktede(jobcenter)
    rows = []
    for noegle, (navn, virksomheder) in segmentmaengder(jobcenter).items():
        tal = virksomheder.aggregate(
            antal=Count("pk", distinct=True),
            kontaktet=Count("pk", filter=Q(pk__in=seneste), distinct=True),
            aldrig=Count("pk", filter=~Q(pk__in=nogensinde), distinct=True),
        )
        rows.append(Daekningsraekke(noegle=noegle, navn=navn, **tal))
    return rows


def aldrig_kontaktet(*, jobcenter: Jobcenter, noegle: str) -> tuple[str, QuerySet] | None:
    maengde = segmentmaengder(jobcenter).get(noegle)
    if maengde is None:
        return None
    navn, virksomheder = maengde
    return navn, virksomheder.exclude(pk__in=kontaktede(jobcenter)).distinct().order_by("navn")


# What is assumed about a company known only by its CVR number until someone looks it up and
# corrects it on its page: DB07's catch-all section, private, the smallest size band.
UKENDT_BRANCHE = ("S", "Andre serviceydelser")
UKENDT_SEKTOR = Sektor.PRIVAT
UKENDT_STOERRELSE = Stoerrelse.ANSATTE_1_4


def opret_ukendte_virksomheder(*, cvr_numre: set[str], jobcenter: Jobcenter) -> dict[str, int]:
    """The ids of the companies with these (valid) CVR numbers; one nobody has registered yet
    is created with its number as its name and the defaults above, in the municipality of the
    jobcentre that met it (an import of forløb, say)."""
    kendte = dict(Virksomhed.objects.filter(cvr__in=cvr_numre).values_list("cvr", "pk"))
    ukendte = sorted(set(cvr_numre) - set(kendte))
    if ukendte:
        kode, navn = UKENDT_BRANCHE
        branche, _ = Branche.objects.get_or_create(kode=kode, defaults={"navn": navn})
        kommune = Kommune.objects.get(kommunenummer=jobcenter.kommunenummer)
        Virksomhed.objects.bulk_create(
            (
                Virksomhed(
                    cvr=cvr,
                    navn=f"Virksomhed med CVR {cvr}",
                    branche=branche,
                    sektor=UKENDT_SEKTOR,
                    stoerrelse=UKENDT_STOERRELSE,
                    kommune=kommune,
                )
                for cvr in ukendte
            ),
            batch_size=5000,
        )
        kendte.update(Virksomhed.objects.filter(cvr__in=ukendte).values_list("cvr", "pk"))
    return kendte
