"""Measurement instruments as data (issue 16; seed 001 »progressionsmålinger«, seed 000
»screening … af jobmobilitet«): an instrument has indicators, each asked to the citizen or the
consultant on a scale with labelled ends, and a schedule. A screening instrument sorts the
citizen into a category by rules that are data (thresholds per dimension).

An instrument that has been used is never changed: editing it makes a new version, so a
measurement keeps the version it was taken with."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from borgere.models import Maalgruppe
from jobcenter.models import Jobcenter


class Art(models.TextChoices):
    PROGRESSION = "progression", "Progressionsmåling"
    SCREENING = "screening", "Screening"


class Del(models.TextChoices):
    BORGER = "borger", "Borgerens del"
    KONSULENT = "konsulent", "Konsulentens del"


class InstrumentQuerySet(models.QuerySet):
    def synlige_for(self, user) -> "InstrumentQuerySet":
        """The national templates (no jobcentre) and the user's own jobcentre's instruments."""
        if not (user.is_authenticated and user.er_i_jobcenter):
            return self.filter(jobcenter__isnull=True)
        return self.filter(Q(jobcenter__isnull=True) | Q(jobcenter_id=user.jobcenter_id))

    def aktive(self) -> "InstrumentQuerySet":
        return self.filter(aktiv=True)

    def i_brug(self, *, jobcenter_id: int) -> "InstrumentQuerySet":
        """The instruments a jobcentre measures with: its own active ones, and the active
        national templates whose code it has no active copy of (the copy replaces the
        template). The page, the due list and the import all ask this."""
        egne = Instrument.objects.filter(jobcenter_id=jobcenter_id, aktiv=True)
        return self.aktive().filter(
            Q(jobcenter_id=jobcenter_id)
            | (Q(jobcenter__isnull=True) & ~Q(kode__in=egne.values("kode")))
        )


class Instrument(models.Model):
    # Empty: a national template shipped with the product; administrators copy it into their
    # jobcentre to change it.
    jobcenter = models.ForeignKey(
        Jobcenter,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="jobcenter",
    )
    kode = models.SlugField(
        "kode", max_length=40, help_text="Bruges i importfiler, fx »progression«."
    )
    navn = models.CharField("navn", max_length=120)
    art = models.CharField("art", max_length=20, choices=Art.choices)
    beskrivelse = models.TextField("beskrivelse", blank=True)
    version = models.PositiveSmallIntegerField("version", default=1)
    forgaenger = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="efterfoelgere",
        verbose_name="forrige version",
    )
    # Only the newest version of a code is offered for new measurements.
    aktiv = models.BooleanField("aktiv", default=True)
    # The schedule (issue 16 §2): the first measurement falls due `frist_dage` after the
    # citizen enters one of `maalgrupper`, then every `interval_uger` while they are in it
    # (empty: measured once, as a screening is).
    maalgrupper = models.ManyToManyField(
        Maalgruppe, blank=True, related_name="+", verbose_name="målgrupper"
    )
    frist_dage = models.PositiveSmallIntegerField(
        "første måling senest (dage efter start i målgruppen)", default=14
    )
    interval_uger = models.PositiveSmallIntegerField(
        "derefter hver (uger)", null=True, blank=True, help_text="Tom: måles én gang."
    )
    oprettet = models.DateTimeField("oprettet", auto_now_add=True)
    oprettet_af = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = InstrumentQuerySet.as_manager()

    class Meta:
        ordering = ["navn", "-version"]
        verbose_name = "måleinstrument"
        verbose_name_plural = "måleinstrumenter"
        constraints = [
            models.UniqueConstraint(
                fields=["jobcenter", "kode", "version"],
                name="instrument_version_en_gang",
                nulls_distinct=False,
            ),
            models.UniqueConstraint(
                fields=["jobcenter", "kode"],
                condition=Q(aktiv=True),
                name="instrument_en_aktiv_version",
                nulls_distinct=False,
                violation_error_message="Jobcentret har allerede et aktivt instrument med "
                "denne kode.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.navn} (version {self.version})"


class Indikator(models.Model):
    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="indikatorer")
    kode = models.SlugField("kode", max_length=40, help_text="Kolonnens navn i importfiler.")
    stilles_til = models.CharField("stilles til", max_length=20, choices=Del.choices)
    navn = models.CharField("kort navn", max_length=80)
    formulering = models.TextField("formulering")
    # Screening: the dimension the indicator measures (seed 000: faglige kvalifikationer,
    # personlige kompetencer og forandringsparathed, faglig og geografisk mobilitet).
    dimension = models.CharField("dimension", max_length=80, blank=True)
    skala_min = models.SmallIntegerField("skala fra", default=1)
    skala_max = models.SmallIntegerField("skala til", default=5)
    label_min = models.CharField("betydning af laveste værdi", max_length=80)
    label_max = models.CharField("betydning af højeste værdi", max_length=80)
    hoejere_er_bedre = models.BooleanField("højere værdi er bedre", default=True)
    raekkefoelge = models.PositiveSmallIntegerField("rækkefølge", default=0)

    class Meta:
        ordering = ["instrument", "raekkefoelge", "pk"]
        verbose_name = "indikator"
        verbose_name_plural = "indikatorer"
        constraints = [
            models.UniqueConstraint(fields=["instrument", "kode"], name="indikator_kode_en_gang"),
            models.CheckConstraint(
                name="indikator_skala_stiger",
                condition=Q(skala_max__gt=models.F("skala_min")),
                violation_error_message="Skalaens øverste værdi skal være større end den nederste.",
            ),
        ]

    def __str__(self) -> str:
        return self.navn


class Screeningskategori(models.Model):
    """A category a screening sorts citizens into. The categories are tried in `raekkefoelge`;
    the first whose conditions all hold is the citizen's (one without conditions catches the
    rest), and the conditions that held are its reasons."""

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="kategorier")
    navn = models.CharField("navn", max_length=80)
    forklaring = models.TextField("hvad den betyder for indsatsen", blank=True)
    raekkefoelge = models.PositiveSmallIntegerField("rækkefølge", default=0)

    class Meta:
        ordering = ["instrument", "raekkefoelge", "pk"]
        verbose_name = "screeningskategori"
        verbose_name_plural = "screeningskategorier"
        constraints = [
            models.UniqueConstraint(fields=["instrument", "navn"], name="kategori_navn_en_gang"),
        ]

    def __str__(self) -> str:
        return self.navn


class Screeningsbetingelse(models.Model):
    """»The dimension's score is below `graense`«: the score is the mean of the dimension's
    answered indicators on their scale, turned so that higher is better."""

    kategori = models.ForeignKey(
        Screeningskategori, on_delete=models.CASCADE, related_name="betingelser"
    )
    dimension = models.CharField("dimension", max_length=80)
    graense = models.DecimalField("under", max_digits=4, decimal_places=1)

    class Meta:
        ordering = ["kategori", "dimension"]
        verbose_name = "betingelse"
        verbose_name_plural = "betingelser"
        constraints = [
            models.UniqueConstraint(
                fields=["kategori", "dimension"], name="betingelse_en_pr_dimension"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dimension} under {self.graense}"
