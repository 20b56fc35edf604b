"""What `make run` shows a new user (issue 14, items 8 and 11): today's words, and data whose
dates make sense today."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from borgere.models import Kampagne, Maalgruppeperiode, Ydelsesperiode

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("demodata", "--virksomheder", "60", "--borgere-per-jobcenter", "40")


def test_the_demo_speaks_todays_words(demo):
    idag = timezone.localdate()
    kampagne = Kampagne.objects.get(kode=f"virksomhedskampagnen-{idag.year}")
    for maal in kampagne.maal.all():
        assert set(maal.maalgrupper.values_list("kode", flat=True)) == {"aktivitetsparat"}
        assert "starthjaelp" not in set(maal.ydelser.values_list("kode", flat=True))
    for model, felt in ((Ydelsesperiode, "ydelse"), (Maalgruppeperiode, "maalgruppe")):
        perioder = model.objects.select_related(felt)
        assert perioder.exists()
        assert all(getattr(p, felt).gyldig(p.fra) for p in perioder), model


def test_the_demo_has_users_with_e_mail_and_dates_that_make_sense_today(demo):
    from jobcenter.models import Bruger
    from kursuskob.models import Kursuskob
    from virksomheder.models import Aftale, Aftalestatus, Plads

    idag = timezone.localdate()
    assert Bruger.objects.exists()
    assert not Bruger.objects.filter(email="").exists()
    aktive = Aftale.objects.filter(status=Aftalestatus.AKTIV)
    assert aktive.exists()
    assert all(a.start <= idag < a.slut and a.naeste_evaluering > idag for a in aktive)
    assert not Kursuskob.objects.filter(aftale_indgaaet__gt=idag).exists()
    assert not Plads.objects.filter(oprettet__gt=idag).exists()
    assert Plads.objects.filter(oprettet__lt=idag).exists()  # free places have stood empty a while
