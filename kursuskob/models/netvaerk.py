"""Networks of jobcentres that buy courses together (domain/kursuskob.md §1.3–1.4): who is in
them, how they are organised, their meetings and who holds the mandate to buy."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from jobcenter.models import Jobcenter


class Organisering(models.TextChoices):
    """The study's ideal types (S40): network-based, tightly or loosely organised, and the
    primary/secondary model; a forum (VEU-center, uddannelsesforum) as a fourth kind."""

    FAST = "fast", "Netværksbaseret, fast organiseret"
    LOEST = "loest", "Netværksbaseret, løst organiseret"
    PRIMAER_SEKUNDAER = "primaer_sekundaer", "Primær/sekundær"
    FORUM = "forum", "Forum (fx VEU-center)"


class NetvaerkQuerySet(models.QuerySet):
    def med_medlem(self, jobcenter_id):
        return self.filter(medlemmer__jobcenter_id=jobcenter_id)


class Netvaerk(models.Model):
    navn = models.CharField("navn", max_length=150, unique=True)
    organisering = models.CharField("organisering", max_length=20, choices=Organisering.choices)
    beskrivelse = models.TextField("beskrivelse", blank=True)
    moedekadence = models.CharField(
        "mødekadence", max_length=100, blank=True, help_text="Fx hver anden måned, kvartalsvist."
    )

    objects = NetvaerkQuerySet.as_manager()

    class Meta:
        ordering = ["navn"]
        verbose_name = "netværk"
        verbose_name_plural = "netværk"

    def __str__(self) -> str:
        return self.navn

    def get_absolute_url(self) -> str:
        return reverse("kursuskob:netvaerk", args=[self.pk])

    def har_medlem(self, jobcenter_id) -> bool:
        return self.medlemmer.filter(jobcenter_id=jobcenter_id).exists()


class Medlemsrolle(models.TextChoices):
    MEDLEM = "medlem", "Medlem"
    PRIMAER = "primaer", "Primær kommune"
    SEKUNDAER = "sekundaer", "Sekundær kommune"
    FORMAND = "formand", "Formand for styregruppen"
    SEKRETARIAT = "sekretariat", "Sekretariat"


class Netvaerksmedlem(models.Model):
    netvaerk = models.ForeignKey(Netvaerk, on_delete=models.CASCADE, related_name="medlemmer")
    jobcenter = models.ForeignKey(
        Jobcenter, on_delete=models.PROTECT, related_name="netvaerk", verbose_name="jobcenter"
    )
    rolle = models.CharField(
        "rolle", max_length=20, choices=Medlemsrolle.choices, default=Medlemsrolle.MEDLEM
    )
    mandat = models.CharField(
        "mandat til at købe",
        max_length=200,
        blank=True,
        help_text="Hvem kan forpligte jobcentret, fx kontorleder for virksomhedsservice.",
    )

    class Meta:
        ordering = ["jobcenter__navn"]
        verbose_name = "medlem"
        verbose_name_plural = "medlemmer"
        constraints = [
            models.UniqueConstraint(
                fields=["netvaerk", "jobcenter"],
                name="et_medlemskab_pr_jobcenter",
                violation_error_message="Jobcentret er allerede medlem af netværket.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.jobcenter} i {self.netvaerk}"


class Moedeart(models.TextChoices):
    STYREGRUPPE = "styregruppe", "Styregruppemøde"
    NETVAERK = "netvaerk", "Netværksmøde"
    LEDERMOEDE = "ledermoede", "Ledermøde"
    TEMADAG = "temadag", "Temadag"
    EVALUERING = "evaluering", "Fælles evaluering"


class Netvaerksmoede(models.Model):
    netvaerk = models.ForeignKey(Netvaerk, on_delete=models.CASCADE, related_name="moeder")
    dato = models.DateField("dato", default=timezone.localdate)
    art = models.CharField("mødetype", max_length=20, choices=Moedeart.choices)
    dagsorden = models.TextField("dagsorden", blank=True)
    referat = models.TextField("referat", blank=True)
    oprettet_af = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, editable=False
    )

    class Meta:
        ordering = ["-dato", "-pk"]
        verbose_name = "møde"
        verbose_name_plural = "møder"
        constraints = [
            models.CheckConstraint(
                name="moede_har_indhold",
                condition=~Q(dagsorden="", referat=""),
                violation_error_message="Skriv en dagsorden eller et referat.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_art_display()} {self.dato:%d-%m-%Y}"
