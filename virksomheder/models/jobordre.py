from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse

from jobcenter.models import SET_NULL_AND_TOUCH, Aendringstid, Jobcenter, JobcenterQuerySet

from .virksomhed import Arbejdssted, Kontaktperson, Virksomhed


class Jobordrestatus(models.TextChoices):
    AABEN = "aaben", "Åben"
    FORMIDLET = "formidlet", "Kandidater formidlet"
    BESAT = "besat", "Besat"
    LUKKET = "lukket", "Lukket"


class Jobordre(Aendringstid):
    """A company's recruitment need. "Al ordinær jobformidling skal være helt i top og skal
    følges til dørs i hvert enkelt tilfælde" (K p.21)."""

    jobcenter = models.ForeignKey(Jobcenter, on_delete=models.CASCADE)
    virksomhed = models.ForeignKey(Virksomhed, on_delete=models.CASCADE, related_name="jobordrer")
    arbejdssted = models.ForeignKey(
        Arbejdssted, on_delete=SET_NULL_AND_TOUCH, null=True, blank=True, verbose_name="arbejdssted"
    )
    stilling = models.CharField("stilling", max_length=200)
    antal = models.PositiveSmallIntegerField(
        "antal stillinger", default=1, validators=[MinValueValidator(1, "Mindst én stilling.")]
    )
    frist = models.DateField("frist", null=True, blank=True)
    status = models.CharField(
        "status", max_length=20, choices=Jobordrestatus.choices, default=Jobordrestatus.AABEN
    )
    beskrivelse = models.TextField("beskrivelse og krav", blank=True)
    kontaktperson = models.ForeignKey(
        Kontaktperson,
        on_delete=SET_NULL_AND_TOUCH,
        null=True,
        blank=True,
        verbose_name="kontaktperson i virksomheden",
    )
    oprettet_af = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=SET_NULL_AND_TOUCH, null=True, related_name="+"
    )
    oprettet = models.DateTimeField("oprettet", auto_now_add=True)

    objects = JobcenterQuerySet.as_manager()

    class Meta:
        ordering = ["status", "frist", "-oprettet"]
        verbose_name = "jobordre"
        verbose_name_plural = "jobordrer"
        constraints = [
            models.CheckConstraint(name="jobordre_mindst_en", condition=models.Q(antal__gte=1)),
        ]

    def __str__(self) -> str:
        return f"{self.stilling} hos {self.virksomhed}"

    def get_absolute_url(self) -> str:
        return reverse("virksomheder:jobordre", args=[self.pk])
