"""Controlled trials (»mini kontrollerede forsøg«, seed 001): eligible citizens entering a window
are assigned by a reproducible random draw, stored and never changed."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from borgere.models import Borger, Forloebstype, Maalgruppe, Ydelsestype
from jobcenter.models import Jobcenter, JobcenterQuerySet

from .instrument import Indikator, Screeningskategori


class Udfaldsmaal(models.TextChoices):
    SELVFORSOERGELSE = "selvforsoergelse", "Selvforsørgende et antal uger efter indgang"
    PROGRESSION = "progression", "Progression på en indikator"


class Gruppe(models.TextChoices):
    INDSATS = "indsats", "Indsatsgruppe"
    KONTROL = "kontrol", "Kontrolgruppe"


class ForsoegQuerySet(JobcenterQuerySet):
    """`synlige_for`: a trial belongs to the jobcentre that runs it."""


class Forsoeg(models.Model):
    jobcenter = models.ForeignKey(Jobcenter, on_delete=models.PROTECT, related_name="+")
    navn = models.CharField("navn", max_length=120)
    indsats = models.TextField(
        "indsatsen", help_text="Hvad indsatsgruppen får, som andre ikke får."
    )
    forloebstype = models.ForeignKey(
        Forloebstype,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="forløbstype (hvis indsatsen er et forløb)",
    )
    # Who is eligible: empty criteria admit everyone entering the window.
    maalgruppe = models.ForeignKey(
        Maalgruppe, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    ydelse = models.ForeignKey(
        Ydelsestype, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    kategori = models.ForeignKey(
        Screeningskategori,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="screeningskategori",
    )
    fra = models.DateField("optag fra")
    til = models.DateField("optag til")
    andel = models.DecimalField("andel til indsatsen", max_digits=3, decimal_places=2, default=0.5)
    udfald = models.CharField(
        "udfaldsmål",
        max_length=20,
        choices=Udfaldsmaal.choices,
        default=Udfaldsmaal.SELVFORSOERGELSE,
    )
    uger = models.PositiveSmallIntegerField("uger efter", default=13)
    indikator = models.ForeignKey(
        Indikator, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    slut = models.DateField("forsøget slutter")
    # The seed of the draw, chosen at random when the trial is made and never changed: the same
    # seed and citizen always give the same draw.
    seed = models.BigIntegerField("frø")
    oprettet = models.DateTimeField("oprettet", auto_now_add=True)
    oprettet_af = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    stoppet = models.DateTimeField("stoppet før tid", null=True, blank=True)
    stoppet_af = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    stopgrund = models.TextField("hvorfor stoppet", blank=True)

    objects = ForsoegQuerySet.as_manager()

    class Meta:
        ordering = ["-fra", "navn"]
        verbose_name = "forsøg"
        verbose_name_plural = "forsøg"
        constraints = [
            models.CheckConstraint(
                name="forsoeg_vindue",
                condition=Q(til__gte=models.F("fra")),
                violation_error_message="Optaget skal slutte efter, det begynder.",
            ),
            models.CheckConstraint(
                name="forsoeg_andel",
                condition=Q(andel__gt=0) & Q(andel__lt=1),
                violation_error_message="Andelen til indsatsen skal ligge mellem 0 og 1.",
            ),
            models.CheckConstraint(
                name="forsoeg_progression_har_indikator",
                condition=~Q(udfald="progression") | Q(indikator__isnull=False),
                violation_error_message="Vælg den indikator, progressionen måles på.",
            ),
        ]

    def __str__(self) -> str:
        return self.navn

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("virkning:forsoeg", args=[self.pk])


class Lodtraekning(models.Model):
    """One citizen's draw in a trial. Written once; never changed or deleted while the trial
    exists (`save` refuses an update)."""

    forsoeg = models.ForeignKey(Forsoeg, on_delete=models.PROTECT, related_name="lodtraekninger")
    borger = models.ForeignKey(Borger, on_delete=models.PROTECT, related_name="lodtraekninger")
    gruppe = models.CharField("gruppe", max_length=10, choices=Gruppe.choices)
    tal = models.FloatField("trukket tal")
    indgang = models.DateField("kom ind i forsøget")
    trukket = models.DateTimeField("trukket", auto_now_add=True)

    class Meta:
        ordering = ["forsoeg", "indgang", "pk"]
        verbose_name = "lodtrækning"
        verbose_name_plural = "lodtrækninger"
        constraints = [
            models.UniqueConstraint(fields=["forsoeg", "borger"], name="en_lodtraekning_pr_borger"),
        ]

    def __str__(self) -> str:
        return f"{self.borger_id} i {self.forsoeg}: {self.get_gruppe_display()}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValidationError("En lodtrækning ændres aldrig.")
        super().save(*args, **kwargs)
