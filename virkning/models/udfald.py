"""Outcomes per effort (issue 16, item 4): rows the nightly job writes and the pages only read.
One row per (date, scope, kind of group, group); scope is a jobcentre, or the country (None)."""

from django.db import models

from jobcenter.models import Jobcenter


class Gruppeart(models.TextChoices):
    FORLOEBSTYPE = "forloebstype", "Forløbstype"
    VIRKSOMHEDSCENTER = "virksomhedscenter", "Virksomhedscenter"
    KURSUS = "kursus", "Kursus"
    VIRKSOMHED = "virksomhed", "Virksomhed"
    KATEGORI = "kategori", "Screeningskategori"


class Indsatsudfald(models.Model):
    """A group's outcome: how many forløb (enrolments for a course), the share self-supporting
    N weeks after with its n and Wilson interval, and the mean change per indicator with its n
    and t-interval (`progression`: a list of dicts). A figure resting on too few is stored as
    NULL, its n kept. A national row keeps the n of each jobcentre that could subtract its own
    units and read the others' (`enheder`, and `enheder` in each progression entry; see
    `services.udfald._dominerende`), so the page can ask `kan_se_aggregat`. `gruppe_id` None:
    the groups collapsed as too few (companies only; `gruppe_navn` says how many)."""

    dato = models.DateField("dato")
    jobcenter = models.ForeignKey(
        Jobcenter, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    gruppeart = models.CharField("gruppe", max_length=20, choices=Gruppeart.choices)
    gruppe_id = models.IntegerField("gruppens id", null=True, blank=True)
    gruppe_navn = models.CharField("navn", max_length=200)
    antal = models.PositiveIntegerField("antal forløb")
    n = models.PositiveIntegerField("n for andelen")
    andel = models.FloatField("andel selvforsørgende", null=True, blank=True)
    nedre = models.FloatField("nedre grænse", null=True, blank=True)
    oevre = models.FloatField("øvre grænse", null=True, blank=True)
    enheder = models.JSONField("n pr. jobcenter", default=dict, blank=True)
    progression = models.JSONField("progression pr. indikator", default=list, blank=True)
    beregnet = models.DateTimeField("beregnet")

    class Meta:
        ordering = ["dato", "jobcenter", "gruppeart", "gruppe_navn"]
        verbose_name = "indsatsudfald"
        verbose_name_plural = "indsatsudfald"
        constraints = [
            models.UniqueConstraint(
                fields=["dato", "jobcenter", "gruppeart", "gruppe_id"], name="indsatsudfald_unik"
            ),
        ]
        indexes = [models.Index(fields=["jobcenter", "dato"])]

    def __str__(self) -> str:
        return f"{self.get_gruppeart_display()} {self.gruppe_navn} {self.dato:%d-%m-%Y}"
