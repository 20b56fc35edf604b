"""A joint course purchase (kursuskøb) through the five phases of the sources (S12), its places
per jobcentre (the fordelingsnøgle) and the citizens each jobcentre refers.

Who sees what (issue 6, design.md §5): every jobcentre in a purchase, and the members of its
network, see the class, the places and the counts; a citizen's referral is seen by the citizen's
own jobcentre only (`Tilmelding.objects.synlige_for`).
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from borgere.models import Borger
from jobcenter.models import SET_NULL_AND_TOUCH, Aendringstid, Jobcenter, JobcenterQuerySet
from virksomheder.models import Virksomhed

from .katalog import Hold
from .netvaerk import Netvaerk


class Fase(models.IntegerChoices):
    IDENTIFIKATION = 1, "Identifikation af kursuskøb"
    AFTALE_JOBCENTRE = 2, "Indgåelse af aftale mellem jobcentre om kursuskøb"
    AFTALE_INSTITUTION = 3, "Indgåelse af aftale mellem jobcentre og uddannelsesinstitution"
    VISITATION = 4, "Visitation af ledige til kursusforløbet"
    OPFOELGNING = 5, "Opfølgning på ledige, der har gennemført uddannelsesforløbet"


class Samarbejdsmodel(models.TextChoices):
    NETVAERK = "netvaerk", "Netværksbaseret samarbejde"
    PRIMAER_SEKUNDAER = "primaer_sekundaer", "Primær/sekundær"
    SELVSTAENDIGT = "selvstaendigt", "Selvstændigt køb"


class Kilde(models.TextChoices):
    """What the need was identified from (S51: the study's list of tools)."""

    VIRKSOMHEDER = "virksomheder", "Efterspørgsel fra lokale virksomheder"
    ARBEJDSMARKEDSBALANCEN = "arbejdsmarkedsbalancen", "Arbejdsmarkedsbalancen"
    POSITIVLISTE = "positivliste", "Regional positivliste"
    JOBAABNINGER = "jobaabninger", "Jobåbningstal"
    LEDIGHEDSTAL = "ledighedstal", "Ledighedstal fordelt på brancher"
    ARBEJDSKRAFTRESERVE = "arbejdskraftreserve", "Arbejdskraftsreservetal"
    ANDET = "andet", "Andet"


def standard_refusion() -> Decimal:
    return Decimal(settings.KURSUSKOB_REFUSIONSPROCENT)


class KursuskobQuerySet(models.QuerySet):
    def synlige_for(self, user):
        """The purchases a user's jobcentre takes part in or is offered places from (a member of
        the purchase's network). Counts and places only; who the citizens are is per jobcentre."""
        if not (user.is_authenticated and user.er_i_jobcenter):
            return self.none()
        jc = user.jobcenter_id
        return self.filter(
            Q(primaert_jobcenter_id=jc)
            | Q(pk__in=Tildeling.objects.filter(jobcenter_id=jc).values("kursuskob"))
            | Q(netvaerk__medlemmer__jobcenter_id=jc)
        ).distinct()

    def med_tal(self):
        """Per purchase: places committed, released and enrolled; `ledige`, the free seats
        (places nobody is enrolled on), and `til_koeb`, the places another jobcentre can buy
        (released or never committed)."""
        tildelinger = Tildeling.objects.filter(kursuskob=OuterRef("pk")).values("kursuskob")
        optagne = Tilmelding.objects.filter(kursuskob=OuterRef("pk"), status__in=OPTAGNE).values(
            "kursuskob"
        )
        return self.annotate(
            tilsagn=Coalesce(Subquery(tildelinger.annotate(s=Sum("pladser")).values("s")), 0),
            frigivne=Coalesce(Subquery(tildelinger.annotate(s=Sum("frigivet")).values("s")), 0),
            optagne=Coalesce(Subquery(optagne.annotate(n=Count("pk")).values("n")), 0),
        ).annotate(
            ledige=Greatest(F("hold__kapacitet") - F("optagne"), 0),
            til_koeb=F("hold__kapacitet") - F("tilsagn") + F("frigivne"),
        )


class Kursuskob(models.Model):
    hold = models.OneToOneField(Hold, on_delete=models.PROTECT, related_name="kursuskob")
    fase = models.PositiveSmallIntegerField(
        "fase", choices=Fase.choices, default=Fase.IDENTIFIKATION
    )
    samarbejdsmodel = models.CharField(
        "samarbejdsmodel",
        max_length=20,
        choices=Samarbejdsmodel.choices,
        default=Samarbejdsmodel.NETVAERK,
    )
    netvaerk = models.ForeignKey(
        Netvaerk,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="kursuskob",
        verbose_name="netværk",
        help_text="Netværkets medlemmer kan se holdet og købe ledige pladser.",
    )
    primaert_jobcenter = models.ForeignKey(
        Jobcenter,
        on_delete=models.PROTECT,
        related_name="primaere_kursuskob",
        verbose_name="primært jobcenter",
    )
    tovholder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="kursuskob_tovholder_for",
        verbose_name="tovholder",
    )
    # Phase 1: the need.
    behov = models.TextField(
        "behov og begrundelse",
        blank=True,
        help_text="Hvilke virksomheder mangler hvilke medarbejdere, og hvorfor netop dette kursus.",
    )
    virksomheder = models.ManyToManyField(
        Virksomhed, blank=True, related_name="kursuskob", verbose_name="virksomheder med behovet"
    )
    maaljob = models.CharField("målrettede job", max_length=200, blank=True)
    arbejdsgivererklaering = models.BooleanField(
        "arbejdsgivererklæring",
        default=False,
        help_text="En virksomhed har skriftligt tilkendegivet, at den vil ansætte efter kurset.",
    )
    kilder = models.JSONField("kilder til behovet", default=list, blank=True)
    # Phase 3: the agreement with the institution (price, dates and minimum are on the hold).
    aftale_indgaaet = models.DateField("aftale med institutionen indgået", null=True, blank=True)
    afbudsbetingelser = models.TextField("afbudsbetingelser", blank=True)
    tilkoebt_opfoelgning = models.BooleanField(
        "opfølgning tilkøbt hos institutionen", default=False
    )
    # Phase 4: referral.
    overbookning = models.PositiveSmallIntegerField(
        "overbookning pr. jobcenter",
        default=1,
        help_text="Så mange ekstra borgere må hvert jobcenter henvise ud over sine pladser; "
        "de står som reserver, hvis nogen falder fra før start.",
    )
    refusionsprocent = models.DecimalField(
        "refusion (pct.)",
        max_digits=5,
        decimal_places=2,
        default=standard_refusion,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    minimum_advaret = models.DateField("advaret om minimum", null=True, blank=True, editable=False)
    oprettet = models.DateTimeField("oprettet", default=timezone.now, editable=False)
    history = HistoricalRecords(
        verbose_name="ændring af kursuskøb", excluded_fields=["minimum_advaret"]
    )

    objects = KursuskobQuerySet.as_manager()

    class Meta:
        ordering = ["-oprettet"]
        verbose_name = "kursuskøb"
        verbose_name_plural = "kursuskøb"

    def __str__(self) -> str:
        return str(self.hold)

    def get_absolute_url(self) -> str:
        return reverse("kursuskob:kob", args=[self.pk])


class Tildeling(models.Model):
    """One line of the fordelingsnøgle: the places a jobcentre commits to fill and pay for
    ("hæfter kommunen økonomisk for pladserne", S29). Places it releases to the network stay its
    own, and paid for by it, until another jobcentre claims them (`frigivet`)."""

    kursuskob = models.ForeignKey(Kursuskob, on_delete=models.CASCADE, related_name="tildelinger")
    jobcenter = models.ForeignKey(Jobcenter, on_delete=models.PROTECT, related_name="kursuspladser")
    pladser = models.PositiveSmallIntegerField("pladser", validators=[MinValueValidator(1)])
    frigivet = models.PositiveSmallIntegerField("frigivet til netværket", default=0)
    sekundaer = models.BooleanField("købt som ledige pladser", default=False)
    bekraeftet = models.DateTimeField("bekræftet", null=True, blank=True)
    bekraeftet_af = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    noegleperson = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="kursus_noeglepersoner",
        verbose_name="nøgleperson",
    )
    history = HistoricalRecords(verbose_name="ændring af pladser")

    class Meta:
        ordering = ["jobcenter__navn"]
        verbose_name = "pladser pr. jobcenter"
        verbose_name_plural = "pladser pr. jobcenter"
        constraints = [
            models.UniqueConstraint(
                fields=["kursuskob", "jobcenter"],
                name="en_tildeling_pr_jobcenter",
                violation_error_message="Jobcentret har allerede pladser på holdet.",
            ),
            models.CheckConstraint(
                name="frigivet_inden_for_pladser",
                condition=Q(frigivet__lte=F("pladser")),
                violation_error_message="Et jobcenter kan ikke frigive flere pladser, end det har.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.jobcenter}: {self.pladser}"

    @property
    def egne(self) -> int:
        """The places the jobcentre keeps for its own citizens."""
        return self.pladser - self.frigivet


class Status(models.TextChoices):
    HENVIST = "henvist", "Henvist"
    VENTELISTE = "venteliste", "På venteliste"
    OPTAGET = "optaget", "Optaget på holdet"
    AFMELDT = "afmeldt", "Afmeldt før start"
    STARTET = "startet", "I gang"
    GENNEMFOERT = "gennemfoert", "Gennemført"
    AFBRUDT = "afbrudt", "Afbrudt"


# A referral in these holds one of its jobcentre's places.
PLADSHOLDENDE = [Status.HENVIST, Status.OPTAGET, Status.STARTET, Status.GENNEMFOERT, Status.AFBRUDT]
# Booked at the school: the participants the class is run with.
OPTAGNE = [Status.OPTAGET, Status.STARTET, Status.GENNEMFOERT, Status.AFBRUDT]


class Udfald(models.TextChoices):
    JOB = "job", "I job"
    UDDANNELSE = "uddannelse", "I uddannelse"
    PRAKTIK = "praktik", "I virksomhedspraktik"
    LOENTILSKUD = "loentilskud", "I løntilskud"
    LEDIG = "ledig", "Fortsat ledig"


class TilmeldingQuerySet(JobcenterQuerySet):
    """`synlige_for`: only the citizen's own jobcentre sees who was referred."""


class Tilmelding(Aendringstid):
    kursuskob = models.ForeignKey(Kursuskob, on_delete=models.CASCADE, related_name="tilmeldinger")
    borger = models.ForeignKey(Borger, on_delete=models.PROTECT, related_name="kursustilmeldinger")
    # The citizen's jobcentre, kept on the row so counts per jobcentre never touch citizen rows.
    jobcenter = models.ForeignKey(Jobcenter, on_delete=models.PROTECT, related_name="+")
    status = models.CharField("status", max_length=20, choices=Status.choices)
    henvist = models.DateTimeField("henvist", default=timezone.now)
    henvist_af = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=SET_NULL_AND_TOUCH, null=True, related_name="+"
    )
    arbejdsgivererklaering = models.BooleanField("arbejdsgivererklæring", default=False)
    udfald = models.CharField(
        "status efter kurset", max_length=20, choices=Udfald.choices, blank=True
    )
    udfald_dato = models.DateField("status registreret pr.", null=True, blank=True)
    note = models.TextField("note", blank=True)
    history = HistoricalRecords(verbose_name="ændring af tilmelding", excluded_fields=["opdateret"])

    objects = TilmeldingQuerySet.as_manager()

    class Meta:
        ordering = ["henvist", "pk"]
        verbose_name = "tilmelding"
        verbose_name_plural = "tilmeldinger"
        constraints = [
            models.UniqueConstraint(
                fields=["kursuskob", "borger"],
                name="en_tilmelding_pr_borger",
                violation_error_message="Borgeren er allerede henvist til holdet.",
            ),
            models.CheckConstraint(
                name="udfald_med_dato",
                condition=Q(udfald="", udfald_dato__isnull=True)
                | (~Q(udfald="") & Q(udfald_dato__isnull=False)),
                violation_error_message="Status efter kurset skal have en dato.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.borger} på {self.kursuskob}"


class Meddelelse(models.Model):
    """A message sent from the purchase (the kick-off mail, S21), kept on it; `sendt` is set
    when the mail has gone, so a failed mail is never shown as sent."""

    kursuskob = models.ForeignKey(Kursuskob, on_delete=models.CASCADE, related_name="meddelelser")
    emne = models.CharField("emne", max_length=200)
    tekst = models.TextField("tekst")
    modtagere = models.TextField("modtagere")
    sendt = models.DateTimeField("sendt", null=True, blank=True)
    sendt_af = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-sendt"]
        verbose_name = "meddelelse"
        verbose_name_plural = "meddelelser"

    def __str__(self) -> str:
        return self.emne


class Kursusnoegletal(models.Model):
    """The dashboard's figures for one scope on one date, computed by the nightly job: a
    jobcentre, a network, or the whole country (both empty). A rerun replaces the row."""

    dato = models.DateField("dato")
    jobcenter = models.ForeignKey(Jobcenter, on_delete=models.CASCADE, null=True, related_name="+")
    netvaerk = models.ForeignKey(Netvaerk, on_delete=models.CASCADE, null=True, related_name="+")
    tal = models.JSONField("tal")
    beregnet = models.DateTimeField("beregnet", default=timezone.now)

    class Meta:
        verbose_name = "kursusnøgletal"
        verbose_name_plural = "kursusnøgletal"
        constraints = [
            models.UniqueConstraint(
                fields=["dato", "jobcenter"],
                condition=Q(jobcenter__isnull=False),
                name="kursustal_pr_jobcenter",
            ),
            models.UniqueConstraint(
                fields=["dato", "netvaerk"],
                condition=Q(netvaerk__isnull=False),
                name="kursustal_pr_netvaerk",
            ),
            models.UniqueConstraint(
                fields=["dato"],
                condition=Q(jobcenter__isnull=True, netvaerk__isnull=True),
                name="kursustal_for_landet",
            ),
        ]

    def __str__(self) -> str:
        return f"Kursusnøgletal {self.dato}"
