import factory
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

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


def totrinsenhed(user):
    """The user's confirmed authenticator app (django-otp TOTP device), created if missing."""
    enhed, _ = TOTPDevice.objects.get_or_create(
        user=user, confirmed=True, defaults={"name": "Godkendelsesapp"}
    )
    return enhed


def engangskode(enhed) -> str:
    """The code the authenticator app shows now. The device refuses a code it has taken
    before, so a test that logs the same administrator in twice within 30 seconds forgets it."""
    enhed.last_t = -1
    enhed.save(update_fields=["last_t"])
    totp = TOTP(enhed.bin_key, enhed.step, enhed.t0, enhed.digits, enhed.drift)
    return f"{totp.token():06d}"
