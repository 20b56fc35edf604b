import random

import factory

from jobcenter.tests.factories import kommune
from virksomheder.demo import cvr
from virksomheder.models import Branche, Kontaktperson, Sektor, Stoerrelse, Virksomhed


class VirksomhedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Virksomhed

    cvr = factory.Sequence(lambda n: cvr(random.Random(n)))
    navn = factory.Sequence(lambda n: f"Testvirksomhed {n} ApS")
    branche = factory.LazyFunction(lambda: Branche.objects.get(kode="G"))
    sektor = Sektor.PRIVAT
    stoerrelse = Stoerrelse.ANSATTE_10_19
    kommune = factory.LazyFunction(kommune)


class KontaktpersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Kontaktperson

    virksomhed = factory.SubFactory(VirksomhedFactory)
    navn = factory.Faker("name", locale="da_DK")
    niveau = "hr"
