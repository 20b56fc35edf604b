"""The contact log (every contact with a company) and the follow-up tasks it leads to."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from jobcenter.models import SET_NULL_AND_TOUCH, Aendringstid, Jobcenter, JobcenterQuerySet

from .virksomhed import Arbejdssted, Kontaktperson, Virksomhed


class Kanal(models.TextChoices):
    """How the contact took place (K p.13, p.22–23)."""

    TELEFON = "telefon", "Telefon"
    MAIL = "mail", "Mail"
    BREV = "brev", "Brev"
    MOEDE_VIRKSOMHED = "moede_virksomhed", "Møde i virksomheden"
    MOEDE_JOBCENTER = "moede_jobcenter", "Møde i jobcentret"
    CANVASSING = "canvassing", "Canvassing (besøg uden aftale)"
    MESSE = "messe", "Messe"
    NETVAERKSMOEDE = "netvaerksmoede", "Netværksmøde"


class Initiativ(models.TextChoices):
    OPSOEGENDE = "opsoegende", "Opsøgende (jobcentret tog kontakt)"
    INDGAAENDE = "indgaaende", "Indgående henvendelse (virksomheden tog kontakt)"


class Formaal(models.TextChoices):
    """ "En plan for systematisk kontakt, hvor der på forhånd er formuleret et formål for hver
    enkelt kontakt" (K p.22)."""

    SAELGE_BORGER = "saelge_borger", "Sælge en borger"
    FASTE_PLADSER = "faste_pladser", "Faste pladser"
    PARTNERSKAB = "partnerskab", "Partnerskab"
    VIRKSOMHEDSCENTER = "virksomhedscenter", "Virksomhedscenter"
    FOREBYGGELSE = "forebyggelse", "Forebyggelse/fastholdelse"
    REKRUTTERING = "rekruttering", "Rekruttering/jobordre"
    OPFOELGNING = "opfoelgning", "Opfølgning"
    INFORMATION = "information", "Information"
    EVALUERING = "evaluering", "Evaluering af samarbejdet"


class KontaktQuerySet(JobcenterQuerySet):
    def find(self, tekst: str) -> "KontaktQuerySet":
        """Contacts with the companies a search finds (Virksomhed.objects.find), or with a
        contact person of that name."""
        return self.filter(
            Q(virksomhed__in=Virksomhed.objects.find(tekst).values("pk"))
            | Q(kontaktperson__navn__icontains=tekst.strip())
        )


class Kontakt(Aendringstid):
    """One contact with a company. It needs no citizen ("også selv om der ikke er et cpr-nr.",
    K p.8); a contact about a citizen is linked from the citizen's side."""

    jobcenter = models.ForeignKey(Jobcenter, on_delete=models.CASCADE)
    virksomhed = models.ForeignKey(Virksomhed, on_delete=models.CASCADE, related_name="kontakter")
    arbejdssted = models.ForeignKey(
        Arbejdssted, on_delete=SET_NULL_AND_TOUCH, null=True, blank=True, verbose_name="arbejdssted"
    )
    dato = models.DateField("dato", default=timezone.localdate)
    kanal = models.CharField("kanal", max_length=20, choices=Kanal.choices)
    initiativ = models.CharField("initiativ", max_length=20, choices=Initiativ.choices)
    formaal = models.CharField("formål", max_length=20, choices=Formaal.choices)
    kontaktperson = models.ForeignKey(
        Kontaktperson,
        on_delete=SET_NULL_AND_TOUCH,
        null=True,
        blank=True,
        verbose_name="kontaktperson i virksomheden",
    )
    medarbejdere = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="kontakter",
        verbose_name="konsulenter",
        help_text="Hvem fra jobcentret deltog. Tom betyder dig selv.",
    )
    note = models.TextField("note", blank=True)
    naeste_skridt = models.TextField("aftalt næste skridt", blank=True)
    oprettet_af = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=SET_NULL_AND_TOUCH, null=True, related_name="+"
    )
    oprettet = models.DateTimeField("oprettet", auto_now_add=True)

    objects = KontaktQuerySet.as_manager()

    class Meta:
        ordering = ["-dato", "-oprettet"]
        verbose_name = "kontakt"
        verbose_name_plural = "kontakter"
        indexes = [models.Index(fields=["jobcenter", "virksomhed", "-dato"])]

    def __str__(self) -> str:
        return f"{self.get_kanal_display()} med {self.virksomhed} {self.dato:%d-%m-%Y}"

    def clean(self) -> None:
        super().clean()
        if self.dato and self.dato > timezone.localdate():
            raise ValidationError({"dato": "En kontakt kan ikke ligge i fremtiden."})


class Opgaveart(models.TextChoices):
    MANUEL = "manuel", "Opgave"
    NAESTE_SKRIDT = "naeste_skridt", "Næste skridt efter kontakt"
    MOEDETILBUD = "moedetilbud", "Tilbyd et personligt møde"
    EVALUERING = "evaluering", "Årlig evaluering af aftale"
    UDLOEB = "udloeb", "Aftale udløber"
    # A task that an app above gave (a forløb's, say): that app keeps its kind on its own link
    # row and names it through the `opgave_emner` hook, for this side knows no citizen.
    FRA_ANDEN_DEL = "fra_anden_del", "Opgave fra en anden del"


class OpgaveQuerySet(JobcenterQuerySet):
    def aabne(self) -> "OpgaveQuerySet":
        return self.filter(udfoert__isnull=True)

    def forfaldne(self, dato: datetime.date) -> "OpgaveQuerySet":
        return self.aabne().filter(frist__lt=dato)


class Opgave(Aendringstid):
    """A follow-up task with a due date and an owner."""

    jobcenter = models.ForeignKey(Jobcenter, on_delete=models.CASCADE)
    virksomhed = models.ForeignKey(
        Virksomhed, on_delete=models.CASCADE, null=True, blank=True, related_name="opgaver"
    )
    kontakt = models.ForeignKey(
        Kontakt, on_delete=SET_NULL_AND_TOUCH, null=True, blank=True, related_name="opgaver"
    )
    aftale = models.ForeignKey(
        "Aftale", on_delete=models.CASCADE, null=True, blank=True, related_name="opgaver"
    )
    art = models.CharField("art", max_length=20, choices=Opgaveart.choices, default="manuel")
    titel = models.CharField("opgave", max_length=200)
    beskrivelse = models.TextField("beskrivelse", blank=True)
    frist = models.DateField("frist")
    ansvarlig = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="opgaver",
        verbose_name="ansvarlig",
    )
    forfalden_siden = models.DateField("forfalden siden", null=True, blank=True)
    udfoert = models.DateTimeField("udført", null=True, blank=True)
    udfoert_af = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=SET_NULL_AND_TOUCH,
        null=True,
        blank=True,
        related_name="+",
    )
    oprettet = models.DateTimeField("oprettet", auto_now_add=True)

    objects = OpgaveQuerySet.as_manager()

    class Meta:
        ordering = ["frist", "pk"]
        verbose_name = "opgave"
        verbose_name_plural = "opgaver"
        indexes = [models.Index(fields=["ansvarlig", "udfoert", "frist"])]
        constraints = [
            # The agreement job creates each of its tasks once, however often it runs.
            models.UniqueConstraint(
                fields=["aftale", "art", "frist"],
                condition=Q(aftale__isnull=False),
                name="en_aftaleopgave_per_frist",
            ),
        ]

    def __str__(self) -> str:
        return self.titel

    @property
    def vis_art(self) -> bool:
        """Whether a task list names the kind under the title: not for a plain task, nor for one
        whose kind the app that gave it names (in its `emne`)."""
        return self.art not in (Opgaveart.MANUEL, Opgaveart.FRA_ANDEN_DEL)

    @property
    def er_forfalden(self) -> bool:
        return self.udfoert is None and self.frist < timezone.localdate()

    @property
    def kan_fortrydes(self) -> bool:
        """»Udført« can be taken back for OPGAVE_FORTRYD_MINUTTER: a click on the wrong row."""
        frist = datetime.timedelta(minutes=settings.OPGAVE_FORTRYD_MINUTTER)
        return self.udfoert is not None and timezone.now() - self.udfoert <= frist
