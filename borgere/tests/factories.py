import datetime

import factory

from borgere.models import Borger, Maalgruppe, Maalgruppeperiode, Ydelsesperiode, Ydelsestype
from jobcenter.tests.factories import JobcenterFactory


def cpr_for(n: int) -> str:
    """A valid CPR number: a real birth date in the 1980s and a running number."""
    foedt = datetime.date(1980, 1, 1) + datetime.timedelta(days=n % 3650)
    return f"{foedt:%d%m%y}{1000 + n // 3650:04d}"


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
