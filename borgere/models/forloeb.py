"""Praktikforløb: a citizen's company internship or wage-subsidy job, as the progressive
process in five steps the sources describe (N p.2):

1. Visitation og eventuel parallelindsats
2. Motivation og match
3. Mål med virksomhedspraktikken – praktikaftalen
4. Introduktion, opbakning og justering undervejs i praktikken
5. Afslutning af praktik – overgang til selvforsørgelse
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import DateField, Exists, F, OuterRef, Q
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from jobcenter.models import SET_NULL_AND_TOUCH, Aendringstid
from virksomheder.models import (
    Aftale,
    Arbejdssted,
    Jobordre,
    Kontakt,
    Kontaktperson,
    Opgave,
    Plads,
    Virksomhed,
)

from .borger import Borger, Ydelsesperiode

SNART = datetime.timedelta(days=14)


class Forloebstype(models.Model):
    """A company-based type of forløb; configurable data. `virksomhedsaktivering` marks the
    types that count as company-based activation ("virksomhedspraktik eller løntilskud",
    N p.1); `maks_uger` is the usual limit that a longer forløb is warned about."""

    kode = models.SlugField("kode", max_length=40, unique=True)
    navn = models.CharField("navn", max_length=100)
    virksomhedsaktivering = models.BooleanField("virksomhedsaktivering", default=True)
    maks_uger = models.PositiveSmallIntegerField("sædvanlig længde (uger)", null=True, blank=True)

    class Meta:
        ordering = ["navn"]
        verbose_name = "forløbstype"
        verbose_name_plural = "forløbstyper"

    def __str__(self) -> str:
        return self.navn


class Trin(models.IntegerChoices):
    VISITATION = 1, "1. Visitation og eventuel parallelindsats"
    MATCH = 2, "2. Motivation og match"
    PRAKTIKAFTALE = 3, "3. Mål med virksomhedspraktikken – praktikaftalen"
    UNDERVEJS = 4, "4. Introduktion, opbakning og justering undervejs"
    AFSLUTNING = 5, "5. Afslutning – overgang til selvforsørgelse"


class Udfald(models.TextChoices):
    ORDINAERT_JOB = "ordinaert_job", "Ordinært job"
    UDDANNELSE = "uddannelse", "Uddannelse/læreplads"
    LOENTILSKUD = "loentilskud", "Løntilskud"
    FORTSAT_LEDIG = "fortsat_ledig", "Fortsat ledig"
    AFBRUDT = "afbrudt", "Afbrudt"
    SYGDOM = "sygdom", "Sygdom"
    ANDET = "andet", "Andet"


def paa_dato(model, paa, **filtre) -> Exists:
    """The outer forløb's citizen has a period of `model` covering `paa` (a date or a
    reference to the outer row's date), matching `filtre`."""
    return Exists(
        model.objects.filter(borger=OuterRef("borger"), fra__lte=paa, **filtre).filter(
            Q(til__isnull=True) | Q(til__gte=paa)
        )
    )


class PraktikforloebQuerySet(models.QuerySet):
    def synlige_for(self, user) -> "PraktikforloebQuerySet":
        return self.filter(borger__in=Borger.objects.synlige_for(user))

    def koerende(self, dato: datetime.date) -> "PraktikforloebQuerySet":
        """Started and not ended on `dato` (a forløb ending on the date still runs)."""
        return self.filter(trin__gte=Trin.UNDERVEJS, start__lte=dato).filter(
            Q(faktisk_slut__isnull=True) | Q(faktisk_slut__gte=dato)
        )

    def med_selvforsoergelse(
        self, *, uger: int, offentlige_ydelser: list[int] | None = None
    ) -> "PraktikforloebQuerySet":
        """The one definition of »selvforsørgende N uger efter« (domain §5, Mål 2), read from
        the benefit data: annotates `opfoelgningsdag` (the end + N weeks) and `paa_ydelse` (the
        citizen receives one of `offentlige_ydelser`, or any benefit if None, on that day).
        Self-supporting is `paa_ydelse=False` on an ended forløb whose day has come. Mål 2 and
        the forløb's page both read it; the consultant's recorded answer stays apart."""
        efter = datetime.timedelta(weeks=uger)
        filtre = {} if offentlige_ydelser is None else {"ydelse_id__in": offentlige_ydelser}
        return self.annotate(opfoelgningsdag=Cast(F("faktisk_slut") + efter, DateField())).annotate(
            paa_ydelse=paa_dato(Ydelsesperiode, OuterRef("opfoelgningsdag"), **filtre)
        )

    def overskredne(self, dato: datetime.date) -> "PraktikforloebQuerySet":
        return self.filter(trin=Trin.UNDERVEJS, faktisk_slut__isnull=True, planlagt_slut__lt=dato)

    def optager(self, fra: datetime.date, til: datetime.date | None) -> "PraktikforloebQuerySet":
        """The forløb that hold their place on a day of [fra, til]; an open end runs on. A forløb
        holds its place from the moment it is created, started or not (a reservation)."""
        slut = models.functions.Coalesce("faktisk_slut", "planlagt_slut")
        qs = self.exclude(trin=Trin.AFSLUTNING, faktisk_slut__lt=fra)
        qs = qs.annotate(optaget_til=slut).filter(
            Q(optaget_til__isnull=True) | Q(optaget_til__gte=fra)
        )
        return qs if til is None else qs.filter(start__lte=til)

    def optager_plads(self, plads: Plads, fra: datetime.date, til: datetime.date | None):
        """The forløb in `plads` that share a day with [fra, til]."""
        return self.filter(plads=plads).optager(fra, til)


class Praktikforloeb(Aendringstid):
    borger = models.ForeignKey(Borger, on_delete=models.PROTECT, related_name="forloeb")
    virksomhed = models.ForeignKey(
        Virksomhed, on_delete=models.PROTECT, related_name="forloeb", verbose_name="virksomhed"
    )
    arbejdssted = models.ForeignKey(
        Arbejdssted, on_delete=SET_NULL_AND_TOUCH, null=True, blank=True, verbose_name="arbejdssted"
    )
    type = models.ForeignKey(Forloebstype, on_delete=models.PROTECT, verbose_name="type")
    plads = models.ForeignKey(
        Plads,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="forloeb",
        verbose_name="plads i virksomhedscenter",
    )
    aftale = models.ForeignKey(
        Aftale,
        on_delete=SET_NULL_AND_TOUCH,
        null=True,
        blank=True,
        related_name="praktikforloeb",
    )
    jobordre = models.ForeignKey(
        Jobordre, on_delete=SET_NULL_AND_TOUCH, null=True, blank=True, related_name="forloeb"
    )
    jobkonsulent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="forloeb",
        verbose_name="jobkonsulent",
    )
    mentor = models.ForeignKey(
        Kontaktperson,
        on_delete=SET_NULL_AND_TOUCH,
        null=True,
        blank=True,
        verbose_name="mentor i virksomheden",
    )
    trin = models.PositiveSmallIntegerField("trin", choices=Trin.choices, default=Trin.VISITATION)
    start = models.DateField("start")
    planlagt_slut = models.DateField("planlagt slut", null=True, blank=True)
    faktisk_slut = models.DateField("faktisk slut", null=True, blank=True)
    udfald = models.CharField("udfald", max_length=20, choices=Udfald.choices, blank=True)
    afslutningsnote = models.TextField("afslutning", blank=True)
    selvforsoergende_4_uger = models.BooleanField(
        "selvforsørgende 4 uger efter", null=True, blank=True
    )
    statusopgave = models.ForeignKey(
        Opgave, on_delete=SET_NULL_AND_TOUCH, null=True, blank=True, related_name="+"
    )
    importeret = models.BooleanField("importeret fra fagsystemet", default=False)
    oprettet = models.DateTimeField("oprettet", auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["opdateret"])
    objects = PraktikforloebQuerySet.as_manager()

    class Meta:
        ordering = ["-start", "-pk"]
        verbose_name = "praktikforløb"
        verbose_name_plural = "praktikforløb"
        indexes = [
            models.Index(fields=["start", "faktisk_slut"]),
            # Mål 2's cohort: ended forløb by end date.
            models.Index(fields=["trin", "faktisk_slut"]),
            models.Index(fields=["plads", "start"]),
        ]
        constraints = [
            models.CheckConstraint(
                name="forloeb_planlagt_slut_efter_start",
                condition=Q(planlagt_slut__isnull=True) | Q(planlagt_slut__gte=F("start")),
            ),
            models.CheckConstraint(
                name="forloeb_faktisk_slut_efter_start",
                condition=Q(faktisk_slut__isnull=True) | Q(faktisk_slut__gte=F("start")),
            ),
            models.CheckConstraint(
                name="forloeb_afsluttet_har_slutdato",
                condition=~Q(trin=Trin.AFSLUTNING) | Q(faktisk_slut__isnull=False),
            ),
            # The natural key of the case system's exports.
            models.UniqueConstraint(
                fields=["borger", "virksomhed", "type", "start"], name="et_forloeb_per_noegle"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.type} hos {self.virksomhed} fra {self.start:%d-%m-%Y}"

    def get_absolute_url(self) -> str:
        return reverse("borgere:forloeb", args=[self.pk])

    @property
    def afsluttet(self) -> bool:
        return self.trin == Trin.AFSLUTNING

    @property
    def er_overskredet(self) -> bool:
        return (
            self.trin == Trin.UNDERVEJS
            and self.planlagt_slut is not None
            and self.planlagt_slut < timezone.localdate()
        )

    @property
    def uger(self) -> float | None:
        slut = self.faktisk_slut or self.planlagt_slut
        return None if slut is None else ((slut - self.start).days + 1) / 7

    @property
    def laengdeadvarsel(self) -> str:
        """Longer than the usual limit for its type: a warning, not a rule."""
        if not (self.type.maks_uger and self.uger and self.uger > self.type.maks_uger):
            return ""
        return (
            f"Forløbet varer {self.uger:.0f} uger; det sædvanlige for "
            f"{self.type.navn.lower()} er højst {self.type.maks_uger} uger."
        )

    def clean(self) -> None:
        super().clean()
        fejl = {}
        if self.start and self.planlagt_slut and self.planlagt_slut < self.start:
            fejl["planlagt_slut"] = "Den planlagte slutdato må ikke ligge før starten."
        if fejl:
            raise ValidationError(fejl)
        # Not keyed on the field: a form that fills a given place does not show it. Without a
        # valid start (its own field error says why) there is no period to check.
        if self.plads_id and self.virksomhed_id and self.start:
            if self.plads.virksomhedscenter.virksomhed_id != self.virksomhed_id:
                raise ValidationError("Pladsen hører til en anden virksomhed end forløbet.")
            til = self.faktisk_slut or self.planlagt_slut
            andre = Praktikforloeb.objects.optager_plads(self.plads, self.start, til)
            if andre.exclude(pk=self.pk).exists():
                raise ValidationError("Pladsen er optaget af et andet forløb i perioden.")


class Formaalstype(models.TextChoices):
    """The purposes a placement can have (K p.31)."""

    SPRINGBRAET = "springbraet", "Springbræt til job i samme virksomhed"
    AFKLARING = "afklaring", "Afklaring af arbejdsevne"
    FOERSTE_SKRIDT = "foerste_skridt", "Første skridt efter lang ledighed"
    OPKVALIFICERING = "opkvalificering", "Opkvalificering"
    AFPROEVNING = "afproevning", "Afprøvning"
    ANDET = "andet", "Andet"


class Praktikaftale(models.Model):
    """Step 3. "Der skal altid være et konkret formål med at igangsætte en virksomhedspraktik,
    og det mål skal helt fra begyndelsen være klart for den ledige" (N p.2)."""

    forloeb = models.OneToOneField(
        Praktikforloeb, on_delete=models.CASCADE, related_name="praktikaftale"
    )
    maal = models.TextField("konkret mål")
    formaalstype = models.CharField(
        "formål", max_length=20, choices=Formaalstype.choices, default=Formaalstype.SPRINGBRAET
    )
    arbejdsopgaver = models.TextField("arbejdsopgaver", blank=True)
    timer_pr_uge = models.DecimalField("timer pr. uge ved start", max_digits=4, decimal_places=1)
    timer_pr_uge_slut = models.DecimalField(
        "timer pr. uge til sidst",
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        help_text="Ved en stigende timeplan.",
    )
    optrapning = models.TextField("timeplan", blank=True, help_text="Fx »uge 1–4: 15 timer«.")
    mentortimer = models.DecimalField(
        "mentortimer pr. uge", max_digits=4, decimal_places=1, null=True, blank=True
    )
    parallelindsats = models.TextField("parallel indsats", blank=True)
    skaanehensyn = models.TextField("skånehensyn", blank=True)
    opfoelgningsplan = models.TextField("opfølgning", blank=True)
    opdateret = models.DateTimeField("opdateret", auto_now=True)

    class Meta:
        verbose_name = "praktikaftale"
        verbose_name_plural = "praktikaftaler"
        constraints = [
            models.CheckConstraint(
                name="praktikaftale_timer_stiger",
                condition=Q(timer_pr_uge_slut__isnull=True)
                | Q(timer_pr_uge_slut__gte=F("timer_pr_uge")),
            ),
        ]

    def __str__(self) -> str:
        return f"Praktikaftale for {self.forloeb}"

    def clean(self) -> None:
        super().clean()
        if (
            self.timer_pr_uge is not None
            and self.timer_pr_uge_slut is not None
            and self.timer_pr_uge_slut < self.timer_pr_uge
        ):
            raise ValidationError({"timer_pr_uge_slut": "En timeplan kan stige, men ikke falde."})


class Opfoelgningssamtale(models.Model):
    """Step 4: a follow-up conversation during the forløb."""

    forloeb = models.ForeignKey(
        Praktikforloeb, on_delete=models.CASCADE, related_name="opfoelgninger"
    )
    dato = models.DateField("dato", default=timezone.localdate)
    deltagere = models.CharField(
        "deltagere", max_length=200, help_text="Fx »borger, mentor og jobkonsulent«."
    )
    note = models.TextField("forløbet indtil nu")
    justeringer = models.TextField("justeringer", blank=True)
    oprettet_af = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["dato", "pk"]
        verbose_name = "opfølgningssamtale"
        verbose_name_plural = "opfølgningssamtaler"

    def __str__(self) -> str:
        return f"Opfølgning {self.dato:%d-%m-%Y}"


class Forlaengelse(models.Model):
    """An extension with its new end date and its perspective, e.g. "med mulighed for
    læreplads efter praktikperioden" (N p.3)."""

    forloeb = models.ForeignKey(
        Praktikforloeb, on_delete=models.CASCADE, related_name="forlaengelser"
    )
    tidligere_slut = models.DateField("tidligere slut", null=True)
    ny_slut = models.DateField("ny slutdato")
    tekst = models.TextField("aftale om forlængelsen")
    besluttet_af = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    oprettet = models.DateTimeField("oprettet", auto_now_add=True)

    class Meta:
        ordering = ["oprettet"]
        verbose_name = "forlængelse"
        verbose_name_plural = "forlængelser"

    def __str__(self) -> str:
        return f"Forlænget til {self.ny_slut:%d-%m-%Y}"


class Borgerkontakt(models.Model):
    """A company contact that was about this citizen, linked from the citizens' side so the
    company side never holds a citizen (design.md §3)."""

    borger = models.ForeignKey(Borger, on_delete=models.CASCADE, related_name="kontakter")
    kontakt = models.ForeignKey(Kontakt, on_delete=models.CASCADE, related_name="+")
    tilknyttet_af = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    tilknyttet = models.DateTimeField("tilknyttet", auto_now_add=True)

    class Meta:
        verbose_name = "kontakt om borger"
        verbose_name_plural = "kontakter om borgere"
        constraints = [
            models.UniqueConstraint(fields=["borger", "kontakt"], name="en_kobling_per_kontakt"),
        ]

    def __str__(self) -> str:
        return f"{self.kontakt} om {self.borger}"


class Forloebsopgaveart(models.TextChoices):
    FORLOEB_AFBRUDT = "forloeb_afbrudt", "Følg op på afbrudt forløb"
    STATUS_4_UGER = "status_4_uger", "Status 4 uger efter forløb"


class Forloebsopgave(models.Model):
    """A task that a forløb gave (status 4 weeks after, follow-up of an interrupted one), linked
    from the citizens' side as `Borgerkontakt` is: the task list, which belongs to the company
    side, learns whose it is through `BorgereConfig.opgave_emner` (design.md §3)."""

    forloeb = models.ForeignKey(Praktikforloeb, on_delete=models.CASCADE, related_name="opgaver")
    opgave = models.OneToOneField(Opgave, on_delete=models.CASCADE, related_name="+")
    # The kind lives here, not on the task, whose own kind is only »from another part«.
    art = models.CharField("art", max_length=20, choices=Forloebsopgaveart.choices)

    class Meta:
        verbose_name = "opgave fra forløb"
        verbose_name_plural = "opgaver fra forløb"

    def __str__(self) -> str:
        return f"{self.opgave} ({self.forloeb})"
