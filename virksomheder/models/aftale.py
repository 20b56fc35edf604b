"""Agreements with companies, and the virksomhedscentre and places they provide."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from jobcenter.models import SET_NULL_AND_TOUCH, Aendringstid, Jobcenter, JobcenterQuerySet

from .virksomhed import Arbejdssted, Kontaktperson, Virksomhed


class Aftaletype(models.TextChoices):
    """The gradient "fra hensigtserklæring til forpligtelse" (K p.33, N p.2)."""

    GENEREL = "generel", "Generel samarbejdsaftale"
    FASTE_PLADSER = "faste_pladser", "Aftale om faste pladser"
    PARTNERSKAB = "partnerskab", "Partnerskabsaftale"
    VIRKSOMHEDSCENTER = "virksomhedscenter", "Virksomhedscenterkontrakt"
    ENKELTPRAKTIK = "enkeltpraktik", "Fast enkeltpraktikaftale"


class Aftalestatus(models.TextChoices):
    UDKAST = "udkast", "Udkast"
    AKTIV = "aktiv", "Aktiv"
    UDLOEBET = "udloebet", "Udløbet"
    OPSAGT = "opsagt", "Opsagt"


class Aftale(models.Model):
    """A written agreement. Its content follows the sources' lists: "antal borgere, forløb,
    ansvarsfordeling, økonomi, opfølgning" (K p.9) and for a virksomhedscenterkontrakt
    "økonomi, antal pladser, mål, målgruppe, …, mentortimetal, modtagelse og introduktion af
    nye kandidater, håndtering af fravær, jobkonsulentens opfølgning, udslusning" (K p.38)."""

    jobcenter = models.ForeignKey(Jobcenter, on_delete=models.CASCADE)
    virksomhed = models.ForeignKey(Virksomhed, on_delete=models.CASCADE, related_name="aftaler")
    type = models.CharField("aftaletype", max_length=20, choices=Aftaletype.choices)
    titel = models.CharField("titel", max_length=200)
    status = models.CharField(
        "status", max_length=10, choices=Aftalestatus.choices, default=Aftalestatus.UDKAST
    )
    formaal = models.TextField(
        "formål", help_text="Hvad formålet er, og hvordan parterne hver især bidrager til det."
    )
    maalgruppe = models.TextField("målgruppe", blank=True)
    antal_pladser = models.PositiveSmallIntegerField("antal borgere/pladser", null=True, blank=True)
    forloeb = models.TextField("forløb", blank=True, help_text="Fx 13 ugers virksomhedspraktik.")
    ansvarsfordeling = models.TextField("ansvarsfordeling", blank=True)
    oekonomi = models.TextField("økonomi", blank=True)
    opfoelgning = models.TextField("opfølgning", blank=True)
    mentortimer = models.DecimalField(
        "mentortimer pr. uge", max_digits=5, decimal_places=1, null=True, blank=True
    )
    modtagelse = models.TextField("modtagelse og introduktion", blank=True)
    fravaer = models.TextField("håndtering af fravær", blank=True)
    udslusning = models.TextField("udslusning", blank=True)
    start = models.DateField("start")
    slut = models.DateField("slut", null=True, blank=True, help_text="Tom for en løbende aftale.")
    naeste_evaluering = models.DateField(
        "næste evaluering",
        null=True,
        blank=True,
        help_text="En gang om året eller efter behov; tom giver ét år efter start.",
    )
    kontaktperson = models.ForeignKey(
        Kontaktperson,
        on_delete=SET_NULL_AND_TOUCH,
        null=True,
        blank=True,
        verbose_name="kontaktperson i virksomheden",
    )
    ansvarlig = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="aftaler",
        verbose_name="ansvarlig i jobcentret",
    )
    oprettet = models.DateTimeField("oprettet", auto_now_add=True)
    opdateret = models.DateTimeField("opdateret", auto_now=True)

    history = HistoricalRecords(excluded_fields=["opdateret"])
    objects = JobcenterQuerySet.as_manager()

    class Meta:
        ordering = ["-start", "titel"]
        verbose_name = "aftale"
        verbose_name_plural = "aftaler"
        constraints = [
            models.CheckConstraint(
                name="aftale_slut_ikke_foer_start",
                condition=Q(slut__isnull=True) | Q(slut__gte=F("start")),
                violation_error_message="Slutdatoen må ikke ligge før startdatoen.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.titel} ({self.get_type_display().lower()})"

    def get_absolute_url(self) -> str:
        return reverse("virksomheder:aftale", args=[self.pk])

    @property
    def pladser_i_centre(self) -> int:
        if self.pk is None:
            return 0
        return Plads.objects.filter(virksomhedscenter__aftale=self, aktiv=True).count()

    def clean(self) -> None:
        super().clean()
        if self.start and self.slut and self.slut < self.start:
            raise ValidationError({"slut": "Slutdatoen må ikke ligge før startdatoen."})
        i_centre = self.pladser_i_centre
        if self.antal_pladser is not None and self.antal_pladser < i_centre:
            raise ValidationError(
                {
                    "antal_pladser": f"Aftalen kan ikke have færre pladser ({self.antal_pladser}), "
                    f"end dens virksomhedscentre rummer ({i_centre})."
                }
            )


class Centerform(models.TextChoices):
    """The four forms of virksomhedscenter (K p.38)."""

    VIRTUELT = "virtuelt", "Det virtuelle virksomhedscenter"
    SIDEPRODUKTION = "sideproduktion", "Den åbne sideproduktion"
    NETVAERK = "netvaerk", "Netværksbaseret virksomhedscenter"
    SATELLIT = "satellit", "Satellitbaseret virksomhedscenter"


class Virksomhedscenter(Aendringstid):
    """ "En virksomhed stiller et antal løbende pladser til rådighed …, som jobcentret kan bruge
    til praktikforløb" (K p.37)."""

    jobcenter = models.ForeignKey(Jobcenter, on_delete=models.CASCADE)
    virksomhed = models.ForeignKey(
        Virksomhed, on_delete=models.CASCADE, related_name="virksomhedscentre"
    )
    arbejdssted = models.ForeignKey(
        Arbejdssted, on_delete=SET_NULL_AND_TOUCH, null=True, blank=True, verbose_name="arbejdssted"
    )
    aftale = models.ForeignKey(
        Aftale,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="virksomhedscentre",
        verbose_name="kontrakt",
    )
    navn = models.CharField("navn", max_length=200)
    form = models.CharField("form", max_length=20, choices=Centerform.choices)
    maalgruppe = models.TextField("målgruppe", blank=True)
    beskrivelse = models.TextField("beskrivelse", blank=True)
    tovholder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=SET_NULL_AND_TOUCH,
        null=True,
        blank=True,
        related_name="tovholder_for",
        verbose_name="tovholder",
    )
    aktiv = models.BooleanField("aktivt", default=True)
    oprettet = models.DateTimeField("oprettet", auto_now_add=True)

    objects = JobcenterQuerySet.as_manager()

    class Meta:
        ordering = ["navn"]
        verbose_name = "virksomhedscenter"
        verbose_name_plural = "virksomhedscentre"

    def __str__(self) -> str:
        return self.navn

    def get_absolute_url(self) -> str:
        return reverse("virksomheder:center", args=[self.pk])


class Mentor(models.Model):
    """An employee of the company who supports the candidates, trained as a mentor or not."""

    virksomhedscenter = models.ForeignKey(
        Virksomhedscenter, on_delete=models.CASCADE, related_name="mentorer"
    )
    navn = models.CharField("navn", max_length=200)
    telefon = models.CharField("telefon", max_length=20, blank=True)
    email = models.EmailField("e-mail", blank=True)
    uddannet = models.BooleanField("har mentoruddannelse", default=False)

    class Meta:
        ordering = ["navn"]
        verbose_name = "mentor"
        verbose_name_plural = "mentorer"

    def __str__(self) -> str:
        return self.navn


class PladsQuerySet(models.QuerySet):
    def synlige_for(self, user) -> "PladsQuerySet":
        return self.filter(virksomhedscenter__in=Virksomhedscenter.objects.synlige_for(user))


class Plads(models.Model):
    """A standing place in a centre. Who fills it, and when, is a forløb on the citizens' side;
    this app knows capacity only."""

    virksomhedscenter = models.ForeignKey(
        Virksomhedscenter, on_delete=models.CASCADE, related_name="pladser"
    )
    funktion = models.CharField("funktion", max_length=200)
    maalgruppe = models.CharField("målgruppe", max_length=200, blank=True)
    beskrivelse = models.TextField("funktionsbeskrivelse", blank=True)
    aktiv = models.BooleanField("aktiv", default=True)
    oprettet = models.DateField("oprettet", default=timezone.localdate)

    objects = PladsQuerySet.as_manager()

    class Meta:
        ordering = ["virksomhedscenter", "pk"]
        verbose_name = "plads"
        verbose_name_plural = "pladser"

    def __str__(self) -> str:
        return f"{self.virksomhedscenter}: {self.funktion}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # The API shows a centre with its places: a changed place is a change of the centre.
        Virksomhedscenter.objects.filter(pk=self.virksomhedscenter_id).update(
            opdateret=timezone.now()
        )
