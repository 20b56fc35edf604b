"""The catalogue every jobcentre shares: education institutions, their contacts, courses and the
classes (hold) that are bought (domain/kursuskob.md §1.2)."""

from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from jobcenter.models import Kommune
from jobcenter.validators import validate_telefon


class Institutionstype(models.TextChoices):
    ERHVERVSSKOLE = "erhvervsskole", "Erhvervsskole"
    AMU = "amu", "AMU-udbyder"
    KURSUSCENTER = "kursuscenter", "Kursuscenter"
    VEU_CENTER = "veu_center", "VEU-center"
    ANDET = "andet", "Anden uddannelsesinstitution"


class Uddannelsesinstitution(models.Model):
    navn = models.CharField("navn", max_length=150, unique=True)
    type = models.CharField("type", max_length=20, choices=Institutionstype.choices)
    kommune = models.ForeignKey(
        Kommune, on_delete=models.PROTECT, null=True, blank=True, verbose_name="kommune"
    )
    adresse = models.CharField("adresse", max_length=200, blank=True)
    telefon = models.CharField("telefon", max_length=20, blank=True, validators=[validate_telefon])
    email = models.EmailField("e-mail", blank=True)
    hjemmeside = models.URLField("hjemmeside", blank=True)

    class Meta:
        ordering = ["navn"]
        verbose_name = "uddannelsesinstitution"
        verbose_name_plural = "uddannelsesinstitutioner"

    def __str__(self) -> str:
        return self.navn

    def get_absolute_url(self) -> str:
        return reverse("kursuskob:institution", args=[self.pk])


class Institutionskontakt(models.Model):
    """A person at the institution: leder, VEU-konsulent, uddannelseskonsulent, the school's
    contact for a class ("mail og telefonnummer", S21)."""

    institution = models.ForeignKey(
        Uddannelsesinstitution, on_delete=models.CASCADE, related_name="kontakter"
    )
    navn = models.CharField("navn", max_length=150)
    titel = models.CharField("stilling", max_length=100, blank=True)
    email = models.EmailField("e-mail", blank=True)
    telefon = models.CharField("telefon", max_length=20, blank=True, validators=[validate_telefon])

    class Meta:
        ordering = ["navn"]
        verbose_name = "kontaktperson"
        verbose_name_plural = "kontaktpersoner"

    def __str__(self) -> str:
        return f"{self.navn} ({self.titel})" if self.titel else self.navn


class Kursus(models.Model):
    titel = models.CharField("titel", max_length=200)
    amu_kode = models.CharField(
        "AMU-kode",
        max_length=5,
        blank=True,
        validators=[RegexValidator(r"^\d{5}$", "En AMU-kode er fem cifre, fx 40123.")],
    )
    varighed_dage = models.PositiveSmallIntegerField(
        "længde i dage", validators=[MinValueValidator(1, "Et kursus varer mindst én dag.")]
    )
    beskrivelse = models.TextField("beskrivelse", blank=True)
    maaljob = models.CharField(
        "målrettet job", max_length=200, blank=True, help_text="Fx maskinfører, stilladsmontør."
    )

    class Meta:
        ordering = ["titel"]
        verbose_name = "kursus"
        verbose_name_plural = "kurser"

    def __str__(self) -> str:
        return f"{self.titel} (AMU {self.amu_kode})" if self.amu_kode else self.titel

    def get_absolute_url(self) -> str:
        return reverse("kursuskob:kursus", args=[self.pk])


class Hold(models.Model):
    """One run of a course. The provider "stiller krav om et vist antal indkøbte pladser, før et
    kursushold oprettes" (S45): `minimum`. Dates, price and minimum are agreed in phase 3, so
    they may be blank until then."""

    kursus = models.ForeignKey(Kursus, on_delete=models.PROTECT, related_name="hold")
    institution = models.ForeignKey(
        Uddannelsesinstitution, on_delete=models.PROTECT, related_name="hold"
    )
    udfoerende_institution = models.ForeignKey(
        Uddannelsesinstitution,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="udlagte_hold",
        verbose_name="udført af (udlagt/forlagt undervisning)",
    )
    sted = models.CharField("sted", max_length=200, blank=True)
    startdato = models.DateField("startdato", null=True, blank=True)
    slutdato = models.DateField("slutdato", null=True, blank=True)
    kapacitet = models.PositiveSmallIntegerField(
        "pladser på holdet", validators=[MinValueValidator(1, "Holdet skal have mindst én plads.")]
    )
    minimum = models.PositiveSmallIntegerField(
        "mindste antal deltagere",
        null=True,
        blank=True,
        help_text="Holdet oprettes kun, hvis så mange pladser er købt.",
    )
    pris_pr_plads = models.DecimalField(
        "pris pr. plads (kr.)",
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0, "Prisen kan ikke være negativ.")],
    )
    tilmeldingsfrist = models.DateField("tilmeldingsfrist", null=True, blank=True)
    deltagelseskriterier = models.TextField(
        "kriterier for deltagelse", blank=True, help_text="Målgruppe, erfaring, minimumskrav."
    )
    skolekontakt = models.ForeignKey(
        Institutionskontakt,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name="kontaktperson på skolen",
    )
    underviser = models.CharField("underviser", max_length=150, blank=True)
    underviser_telefon = models.CharField(
        "underviserens telefon", max_length=20, blank=True, validators=[validate_telefon]
    )
    history = HistoricalRecords(verbose_name="ændring af hold")

    class Meta:
        ordering = ["startdato", "pk"]
        verbose_name = "hold"
        verbose_name_plural = "hold"
        constraints = [
            models.CheckConstraint(
                name="hold_minimum_inden_for_kapacitet",
                condition=Q(minimum__isnull=True) | Q(minimum__lte=F("kapacitet")),
                violation_error_message=(
                    "Mindste antal deltagere kan ikke være over holdets pladser."
                ),
            ),
            models.CheckConstraint(
                name="hold_slut_efter_start",
                condition=Q(startdato__isnull=True)
                | Q(slutdato__isnull=True)
                | Q(slutdato__gte=F("startdato")),
                violation_error_message="Slutdatoen kan ikke ligge før startdatoen.",
            ),
            models.CheckConstraint(
                name="hold_frist_foer_start",
                condition=Q(startdato__isnull=True)
                | Q(tilmeldingsfrist__isnull=True)
                | Q(tilmeldingsfrist__lte=F("startdato")),
                violation_error_message="Tilmeldingsfristen skal ligge senest på startdatoen.",
            ),
        ]

    def __str__(self) -> str:
        start = f" {self.startdato:%d-%m-%Y}" if self.startdato else ""
        return f"{self.kursus.titel}, {self.institution}{start}"
