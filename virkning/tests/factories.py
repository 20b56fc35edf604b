import datetime

import factory

from borgere.tests.factories import BorgerFactory

from ..models import Art, Del, Indikator, Instrument, Maaling, Svar


class InstrumentFactory(factory.django.DjangoModelFactory):
    """A jobcentre's progression instrument (use `jobcenter=None` for a national template)."""

    class Meta:
        model = Instrument

    jobcenter = factory.SelfAttribute("oprettet_af.jobcenter")
    oprettet_af = factory.SubFactory("jobcenter.tests.factories.BrugerFactory")
    kode = factory.Sequence(lambda n: f"instrument-{n}")
    navn = factory.Sequence(lambda n: f"Progressionsmåling {n}")
    art = Art.PROGRESSION
    interval_uger = 13


class IndikatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indikator

    instrument = factory.SubFactory(InstrumentFactory)
    kode = factory.Sequence(lambda n: f"indikator-{n}")
    stilles_til = Del.BORGER
    navn = factory.Sequence(lambda n: f"Indikator {n}")
    formulering = "Hvor sikker er du på at få et job inden for et år?"
    label_min = "Slet ikke"
    label_max = "Helt sikker"
    raekkefoelge = factory.Sequence(int)


class MaalingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Maaling

    borger = factory.SubFactory(BorgerFactory)
    jobcenter = factory.SelfAttribute("borger.jobcenter")
    instrument = factory.SubFactory(InstrumentFactory)
    dato = datetime.date(2026, 9, 1)


class SvarFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Svar

    maaling = factory.SubFactory(MaalingFactory)
    indikator = factory.SubFactory(IndikatorFactory)
    vaerdi = 3
