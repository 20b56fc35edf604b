import factory

from jobcenter.models import Beskaeftigelsesregion, Bruger, Jobcenter, Kommune, Rolle


class JobcenterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Jobcenter

    kommunenummer = factory.Sequence(lambda n: 900 + n)
    navn = factory.Sequence(lambda n: f"Jobcenter Test {n}")
    beskaeftigelsesregion = Beskaeftigelsesregion.MIDTJYLLAND


class BrugerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bruger
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"bruger{n}")
    first_name = factory.Faker("first_name", locale="da_DK")
    last_name = factory.Faker("last_name", locale="da_DK")
    rolle = Rolle.JOBKONSULENT
    jobcenter = factory.SubFactory(JobcenterFactory)
    password = factory.django.Password("korrekt-hest-batteri-haefteklamme")


def kommune(nummer: int = 751) -> Kommune:
    """The municipalities come from a data migration; tests use them as they are."""
    return Kommune.objects.get(kommunenummer=nummer)
