import datetime

import factory
from django.core.files.base import ContentFile

from borgere.models import (
    Borger,
    Forloebstype,
    Importkoersel,
    Kampagne,
    Maalgruppe,
    Maalgruppeperiode,
    Praktikforloeb,
    Trin,
    Ydelsesperiode,
    Ydelsestype,
)
from jobcenter.tests.factories import JobcenterFactory
from virksomheder.tests.factories import VirksomhedFactory


def cpr_for(n: int) -> str:
    """A valid CPR number: a real birth date in the 1980s and a running number."""
    foedt = datetime.date(1980, 1, 1) + datetime.timedelta(days=n % 3650)
    return f"{foedt:%d%m%y}{1000 + n // 3650:04d}"


def importkoersel(
    *, bruger, indhold: bytes, filnavn: str = "borgere.csv", **felter
) -> Importkoersel:
    """An uploaded file as the import page stores it, waiting for the worker."""
    koersel = Importkoersel(
        jobcenter=bruger.jobcenter, bruger=bruger, type="borgere", filnavn=filnavn, **felter
    )
    koersel.fil.save("", ContentFile(indhold))
    return koersel


class BorgerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Borger

    jobcenter = factory.SubFactory(JobcenterFactory)
    cpr = factory.Sequence(cpr_for)
    fornavn = factory.Faker("first_name", locale="da_DK")
    efternavn = factory.Faker("last_name", locale="da_DK")


def ydelse(kode: str = "kontanthjaelp") -> Ydelsestype:
    return Ydelsestype.objects.get(kode=kode)


def maalgruppe(kode: str = "matchgruppe-2") -> Maalgruppe:
    return Maalgruppe.objects.get(kode=kode)


class YdelsesperiodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ydelsesperiode

    borger = factory.SubFactory(BorgerFactory)
    ydelse = factory.LazyFunction(ydelse)
    fra = datetime.date(2026, 1, 1)
    til = None


class MaalgruppeperiodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Maalgruppeperiode

    borger = factory.SubFactory(BorgerFactory)
    maalgruppe = factory.LazyFunction(maalgruppe)
    fra = datetime.date(2026, 1, 1)
    til = None


def kampagne_med_en_borger(jobcenter, konsulent) -> Kampagne:
    """Virksomhedscenterkampagnen with one citizen of `jobcenter` who, on 30-11-2010, is in
    its target group (kontanthjælp, matchgruppe 2) and in a company internship: Mål 1 is 1."""
    borger = BorgerFactory(jobcenter=jobcenter)
    start = datetime.date(2010, 1, 1)
    Ydelsesperiode.objects.create(borger=borger, ydelse=ydelse("kontanthjaelp"), fra=start)
    Maalgruppeperiode.objects.create(borger=borger, maalgruppe=maalgruppe(), fra=start)
    Praktikforloeb.objects.create(
        borger=borger,
        virksomhed=VirksomhedFactory(),
        type=Forloebstype.objects.get(kode="virksomhedspraktik"),
        jobkonsulent=konsulent,
        start=datetime.date(2010, 11, 1),
        trin=Trin.UNDERVEJS,
    )
    return Kampagne.objects.get(kode="virksomhedscenterkampagnen")
