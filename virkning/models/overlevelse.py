"""Time to self-support (issue 16, item 5): the Kaplan–Meier curves and log-rank tests the
nightly job computes (`virkning.services.overlevelse.beregn_overlevelse`) and the page reads.
No row holds a citizen: each is a group of them, with its size kept so the page can suppress
small groups."""

from django.db import models

from jobcenter.models import Jobcenter


class StartArt(models.TextChoices):
    MAALGRUPPE = "maalgruppe", "Fra indgang i målgruppen"
    FORLOEB = "forloeb", "Fra et forløbs start"


class Gruppering(models.TextChoices):
    ALLE = "alle", "Alle"
    SCREENING = "screening", "Screeningskategori"
    FORLOEBSTYPE = "forloebstype", "Forløbstype"
    JOBCENTER = "jobcenter", "Jobcenter"


class OverlevelseQuerySet(models.QuerySet):
    def seneste_dato(self):
        return self.order_by("-dato").values_list("dato", flat=True).first()


class Overlevelseskurve(models.Model):
    """One group's curve. `jobcenter` empty: the whole country; else the jobcentre's own
    citizens, except the row »Resten af landet« (gruppering jobcenter), which is everyone else.
    `enheder` is {jobcentre id: citizens} for the suppression rule."""

    dato = models.DateField("beregnet for")
    jobcenter = models.ForeignKey(
        Jobcenter, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    start_art = models.CharField("start", max_length=12, choices=StartArt.choices)
    gruppering = models.CharField("gruppering", max_length=12, choices=Gruppering.choices)
    gruppe = models.CharField("gruppe", max_length=100)
    raekkefoelge = models.PositiveSmallIntegerField(default=0)
    n = models.PositiveIntegerField("antal")
    haendelser = models.PositiveIntegerField("selvforsørgende")
    median = models.FloatField("median (dage)", null=True, blank=True)
    median_nedre = models.FloatField(null=True, blank=True)
    median_oevre = models.FloatField(null=True, blank=True)
    # [[t, S, lower, upper, at risk], ...] at the distinct event times.
    punkter = models.JSONField(default=list)
    laengste = models.PositiveIntegerField("længste opfølgning (dage)", default=0)
    # {"0": n, "30": n, ...}: still at risk on the table's fixed days.
    i_risiko = models.JSONField(default=dict)
    enheder = models.JSONField(default=dict)

    objects = OverlevelseQuerySet.as_manager()

    class Meta:
        ordering = ["dato", "start_art", "gruppering", "raekkefoelge", "gruppe"]
        verbose_name = "overlevelseskurve"
        verbose_name_plural = "overlevelseskurver"
        indexes = [models.Index(fields=["dato", "start_art", "gruppering", "jobcenter"])]

    def __str__(self) -> str:
        return f"{self.get_start_art_display()}: {self.gruppe} {self.dato}"


class Logranktest(models.Model):
    dato = models.DateField("beregnet for")
    jobcenter = models.ForeignKey(
        Jobcenter, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    start_art = models.CharField("start", max_length=12, choices=StartArt.choices)
    gruppering = models.CharField("gruppering", max_length=12, choices=Gruppering.choices)
    grupper = models.PositiveSmallIntegerField("grupper")
    statistik = models.FloatField("teststørrelse (χ²)")
    frihedsgrader = models.PositiveSmallIntegerField("frihedsgrader")
    p = models.FloatField("p")

    objects = OverlevelseQuerySet.as_manager()

    class Meta:
        ordering = ["dato", "start_art", "gruppering"]
        verbose_name = "log-rank-test"
        verbose_name_plural = "log-rank-test"
        indexes = [models.Index(fields=["dato", "start_art", "gruppering", "jobcenter"])]

    def __str__(self) -> str:
        return f"{self.get_start_art_display()} efter {self.get_gruppering_display()}: p = {self.p}"
