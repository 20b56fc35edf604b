"""A measurement: one citizen's answers to one instrument version on one day, tied to the forløb
or course it belongs to."""

from django.conf import settings
from django.db import models

from borgere.models import Borger, Praktikforloeb
from jobcenter.models import Jobcenter, JobcenterQuerySet
from kursuskob.models import Tilmelding

from .instrument import Indikator, Instrument, Screeningskategori


class MaalingQuerySet(JobcenterQuerySet):
    """`synlige_for`: only the citizen's own jobcentre sees a measurement."""


class Maaling(models.Model):
    borger = models.ForeignKey(Borger, on_delete=models.CASCADE, related_name="maalinger")
    # The citizen's jobcentre, kept on the row so counts per jobcentre never touch citizen rows.
    jobcenter = models.ForeignKey(Jobcenter, on_delete=models.PROTECT, related_name="+")
    instrument = models.ForeignKey(
        Instrument, on_delete=models.PROTECT, related_name="maalinger", verbose_name="instrument"
    )
    dato = models.DateField("dato")
    forloeb = models.ForeignKey(
        Praktikforloeb,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="forløb",
    )
    tilmelding = models.ForeignKey(
        Tilmelding,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="kursus",
    )
    udfyldt_af = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    oprettet = models.DateTimeField("oprettet", auto_now_add=True)
    importeret = models.BooleanField("importeret", default=False)
    # A screening's result as the rules gave it on the day (kept, like the version).
    kategori = models.ForeignKey(
        Screeningskategori,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="maalinger",
        verbose_name="kategori",
    )
    begrundelse = models.JSONField("begrundelse", default=list, blank=True)

    objects = MaalingQuerySet.as_manager()

    class Meta:
        ordering = ["borger", "dato", "pk"]
        verbose_name = "måling"
        verbose_name_plural = "målinger"
        constraints = [
            # The natural key imports upsert on.
            models.UniqueConstraint(
                fields=["borger", "instrument", "dato"],
                name="maaling_en_pr_dag",
                violation_error_message="Borgeren har allerede en måling med dette instrument "
                "på denne dato.",
            ),
        ]
        indexes = [models.Index(fields=["jobcenter", "dato"])]

    def __str__(self) -> str:
        return f"{self.instrument.navn} {self.dato:%d-%m-%Y}"


class Svar(models.Model):
    maaling = models.ForeignKey(Maaling, on_delete=models.CASCADE, related_name="svar")
    indikator = models.ForeignKey(Indikator, on_delete=models.PROTECT, related_name="svar")
    vaerdi = models.SmallIntegerField("værdi")

    class Meta:
        ordering = ["maaling", "indikator"]
        verbose_name = "svar"
        verbose_name_plural = "svar"
        constraints = [
            models.UniqueConstraint(fields=["maaling", "indikator"], name="svar_en_pr_indikator"),
        ]

    def __str__(self) -> str:
        return f"{self.indikator}: {self.vaerdi}"
