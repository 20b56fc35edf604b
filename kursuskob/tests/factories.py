import datetime
from decimal import Decimal

import factory

from ..models import Hold, Institutionskontakt, Kursus, Kursuskob, Uddannelsesinstitution

START = datetime.date(2026, 12, 14)


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Uddannelsesinstitution

    navn = factory.Sequence(lambda n: f"Erhvervsskole {n}")
    type = "erhvervsskole"


class InstitutionskontaktFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Institutionskontakt

    institution = factory.SubFactory(InstitutionFactory)
    navn = "Karen Skov"
    email = "karen@skole.example"
    telefon = "70102030"


class KursusFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Kursus

    titel = factory.Sequence(lambda n: f"Maskinføring {n}")
    varighed_dage = 15


class HoldFactory(factory.django.DjangoModelFactory):
    """A class whose agreement with the institution is complete (phase 3's checklist)."""

    class Meta:
        model = Hold

    kursus = factory.SubFactory(KursusFactory)
    institution = factory.SubFactory(InstitutionFactory)
    kapacitet = 16
    minimum = 12
    startdato = START
    slutdato = START + datetime.timedelta(days=21)
    tilmeldingsfrist = START - datetime.timedelta(days=7)
    pris_pr_plads = Decimal("10000.00")
    skolekontakt = factory.SubFactory(
        InstitutionskontaktFactory, institution=factory.SelfAttribute("..institution")
    )
    underviser = "Ole Faglærer"


class KursuskobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Kursuskob

    hold = factory.SubFactory(HoldFactory)
    primaert_jobcenter = factory.SelfAttribute("tovholder.jobcenter")
    behov = "NCC og Zacho-Lind mangler maskinførere."
    maaljob = "Maskinfører"
    aftale_indgaaet = datetime.date(2026, 11, 1)
    afbudsbetingelser = "Afbud senest 14 dage før start."
    refusionsprocent = Decimal("80")
