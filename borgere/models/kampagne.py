"""Campaigns and their goals as data, the targets per jobcentre, and the computed snapshots the
dashboard reads. Ministers set new goals every year; nothing about a goal is in code.

Virksomhedscenterkampagnen's two goals (N p.1) are the model:
- Mål 1, a stock on a date: "9000 kontant- og starthjælpsmodtagere i matchgruppe 2 [skal] være
  i virksomhedsaktivering (virksomhedspraktik eller løntilskud)".
- Mål 2, a share: "20 % af de kontant- og starthjælpsmodtagere i matchgruppe 2, der har deltaget
  i virksomhedsaktivering, [skal] være selvforsørgende 4 uger efter afsluttet forløb".
"""

import datetime
from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from jobcenter.models import Jobcenter

from .borger import Maalgruppe, Ydelsestype
from .forloeb import Forloebstype

# The nightly job keeps a campaign's figures fresh this long after it ends (late data).
NATLIG_EFTER_SLUT = datetime.timedelta(days=183)


class KampagneQuerySet(models.QuerySet):
    def beregnes_om_natten(self, idag: datetime.date) -> "KampagneQuerySet":
        """Running, or ended less than half a year ago."""
        return self.filter(start__lte=idag, slut__gte=idag - NATLIG_EFTER_SLUT)


class Kampagne(models.Model):
    kode = models.SlugField("kode", max_length=60, unique=True)
    navn = models.CharField("navn", max_length=200)
    start = models.DateField("start (baseline)")
    slut = models.DateField("slut")
    beskrivelse = models.TextField("beskrivelse", blank=True)

    objects = KampagneQuerySet.as_manager()

    class Meta:
        ordering = ["-start"]
        verbose_name = "kampagne"
        verbose_name_plural = "kampagner"
        constraints = [
            models.CheckConstraint(
                name="kampagne_slut_efter_start", condition=Q(slut__gt=models.F("start"))
            ),
        ]

    def __str__(self) -> str:
        return self.navn

    def get_absolute_url(self) -> str:
        return reverse("borgere:kampagne", args=[self.kode])

    def beregnes_om_natten(self, idag: datetime.date) -> bool:
        return self.start <= idag and self.slut >= idag - NATLIG_EFTER_SLUT

    def maanedsslut(self, til: datetime.date) -> list[datetime.date]:
        """Every month end from the start to `til` (or the campaign's end, if earlier)."""
        sidste = min(til, self.slut)
        datoer, dag = [], self.start
        while True:
            naeste = (dag.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
            slut = naeste - datetime.timedelta(days=1)
            if slut > sidste:
                break
            datoer.append(slut)
            dag = naeste
        return datoer


def maalarter() -> list[tuple[str, str]]:
    """The goal kinds' registry as choices, read late: the kinds live with the computation
    (borgere.services.maalarter), which needs these models."""
    from ..services.maalarter import valg

    return valg()


class Maal(models.Model):
    """One goal of a campaign; who counts is data on the goal."""

    kampagne = models.ForeignKey(Kampagne, on_delete=models.CASCADE, related_name="maal")
    kode = models.SlugField("kode", max_length=40)
    navn = models.CharField("navn", max_length=200)
    art = models.CharField("art", max_length=10, choices=maalarter)
    forloebstyper = models.ManyToManyField(Forloebstype, verbose_name="forløbstyper")
    ydelser = models.ManyToManyField(Ydelsestype, verbose_name="ydelser", related_name="+")
    maalgrupper = models.ManyToManyField(Maalgruppe, verbose_name="målgrupper")
    offentlige_ydelser = models.ManyToManyField(
        Ydelsestype,
        blank=True,
        related_name="+",
        verbose_name="offentlige ydelser",
        help_text="Andel: selvforsørgende er den, der ikke modtager nogen af disse på dagen.",
    )
    uger_efter = models.PositiveSmallIntegerField("uger efter forløbets slut", default=4)
    vindue_maaneder = models.PositiveSmallIntegerField(
        "målevindue (måneder)",
        default=3,
        help_text="Andel: opfølgningsdage i denne periode op til datoen tæller med.",
    )
    raekkefoelge = models.PositiveSmallIntegerField("rækkefølge", default=1)

    class Meta:
        ordering = ["kampagne", "raekkefoelge"]
        verbose_name = "mål"
        verbose_name_plural = "mål"
        constraints = [
            models.UniqueConstraint(fields=["kampagne", "kode"], name="et_maal_per_kode"),
        ]

    def __str__(self) -> str:
        return f"{self.kampagne}: {self.navn}"

    @property
    def maalart(self):
        """The goal's kind: how it is counted, compared and written."""
        from ..services.maalarter import maalart

        return maalart(self.art)


class Maaltal(models.Model):
    """A goal's target: for one jobcentre, or nationally (no jobcentre)."""

    maal = models.ForeignKey(Maal, on_delete=models.CASCADE, related_name="maaltal")
    jobcenter = models.ForeignKey(Jobcenter, on_delete=models.CASCADE, null=True, blank=True)
    vaerdi = models.DecimalField(
        "måltal", max_digits=12, decimal_places=4, help_text="Antal, eller en andel som 0,20."
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "måltal"
        verbose_name_plural = "måltal"
        constraints = [
            models.UniqueConstraint(
                fields=["maal", "jobcenter"],
                condition=Q(jobcenter__isnull=False),
                name="et_maaltal_per_jobcenter",
            ),
            models.UniqueConstraint(
                fields=["maal"], condition=Q(jobcenter__isnull=True), name="et_landsmaal"
            ),
            models.CheckConstraint(name="maaltal_positivt", condition=Q(vaerdi__gt=0)),
        ]

    def __str__(self) -> str:
        return f"{self.maal}: {self.vaerdi} ({self.jobcenter or 'hele landet'})"


class Maalsnapshot(models.Model):
    """A goal's computed value on a date, for one jobcentre or nationally (no jobcentre).
    Written by the computation only; a rerun for a date replaces its rows."""

    maal = models.ForeignKey(Maal, on_delete=models.CASCADE, related_name="snapshots")
    dato = models.DateField("dato")
    jobcenter = models.ForeignKey(Jobcenter, on_delete=models.CASCADE, null=True, blank=True)
    vaerdi = models.DecimalField(
        "værdi", max_digits=12, decimal_places=4, null=True, help_text="Tom for en andel af ingen."
    )
    taeller = models.PositiveIntegerField("tæller", null=True)
    naevner = models.PositiveIntegerField("nævner", null=True)
    maaltal = models.DecimalField("måltal", max_digits=12, decimal_places=4, null=True)
    baseline = models.DecimalField("værdi ved start", max_digits=12, decimal_places=4, null=True)
    beregnet = models.DateTimeField("beregnet")

    class Meta:
        ordering = ["maal", "dato"]
        verbose_name = "målsnapshot"
        verbose_name_plural = "målsnapshots"
        constraints = [
            models.UniqueConstraint(
                fields=["maal", "dato", "jobcenter"],
                condition=Q(jobcenter__isnull=False),
                name="et_snapshot_per_jobcenter",
            ),
            models.UniqueConstraint(
                fields=["maal", "dato"], condition=Q(jobcenter__isnull=True), name="et_landstal"
            ),
        ]
        indexes = [models.Index(fields=["maal", "jobcenter", "dato"])]

    def __str__(self) -> str:
        return f"{self.maal} {self.dato}: {self.vaerdi}"

    @property
    def maalopfyldelse(self) -> Decimal | None:
        return self.vaerdi / self.maaltal if self.maaltal and self.vaerdi is not None else None

    @property
    def stigning(self) -> Decimal | None:
        """The change since the start, as the goal's kind measures it."""
        return self.maal.maalart.stigning(self)
