"""The collaboration survey (domain/kursuskob.md §3): templates with sections and questions,
rounds sent to a set of jobcentres, one response per jobcentre, the computed indsatskort, and
the actions a network takes from it."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from jobcenter.models import SET_NULL_AND_TOUCH, Jobcenter, Rolle

from .netvaerk import Netvaerk


class Spoergeskema(models.Model):
    navn = models.CharField("navn", max_length=200, unique=True)
    beskrivelse = models.TextField("beskrivelse", blank=True)
    skabelon = models.BooleanField(
        "skabelon", default=False, help_text="Følger med produktet; kopiér den for at rette i den."
    )
    # The jobcentre whose administrators made the copy and alone may edit it; a template, and a
    # copy made before questionnaires had an owner, has none and is edited by nobody.
    jobcenter = models.ForeignKey(
        Jobcenter,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="jobcenter",
    )
    oprettet = models.DateTimeField("oprettet", default=timezone.now, editable=False)

    class Meta:
        ordering = ["-skabelon", "navn"]
        verbose_name = "spørgeskema"
        verbose_name_plural = "spørgeskemaer"

    def __str__(self) -> str:
        return self.navn

    def get_absolute_url(self) -> str:
        return reverse("kursuskob:skema", args=[self.pk])


class Sektion(models.Model):
    skema = models.ForeignKey(Spoergeskema, on_delete=models.CASCADE, related_name="sektioner")
    titel = models.CharField("titel", max_length=200)
    raekkefoelge = models.PositiveSmallIntegerField("rækkefølge", default=0)

    class Meta:
        ordering = ["raekkefoelge", "pk"]
        verbose_name = "sektion"
        verbose_name_plural = "sektioner"

    def __str__(self) -> str:
        return self.titel


def forkort(tekst: str, laengde: int = 40) -> str:
    """The start of a question's wording, cut at a word: a name for a chart's label."""
    if len(tekst) <= laengde:
        return tekst
    return tekst[: laengde - 1].rsplit(" ", 1)[0].rstrip(" ,.;:–-/") + "…"


class Spoergsmaalstype(models.TextChoices):
    ENKELTVALG = "enkeltvalg", "Ét valg"
    FLERVALG = "flervalg", "Flere valg"
    SKALA = "skala", "Skala 1–5"
    TILFREDSHED = "tilfredshed", "Samlet tilfredshed (1–5)"
    FRITEKST = "fritekst", "Fritekst"


class Faktortype(models.TextChoices):
    BARRIERE = "barriere", "Barriere"
    DRIVKRAFT = "drivkraft", "Drivkraft"


class Spoergsmaal(models.Model):
    sektion = models.ForeignKey(Sektion, on_delete=models.CASCADE, related_name="spoergsmaal")
    kode = models.SlugField(
        "kode", max_length=20, help_text="Kolonnenavnet ved import, fx B1, D4 eller model."
    )
    tekst = models.TextField("spørgsmål")
    kort_tekst = models.CharField(
        "kort navn",
        max_length=40,
        blank=True,
        help_text="Står på indsatskortet og i resultaterne, fx »Lav ledighed«. Uden et kort "
        "navn bruges spørgsmålets begyndelse.",
    )
    type = models.CharField("type", max_length=20, choices=Spoergsmaalstype.choices)
    faktor = models.CharField(
        "indgår som",
        max_length=20,
        choices=Faktortype.choices,
        blank=True,
        help_text="Skalaspørgsmål, der er barrierer eller drivkræfter, kommer på indsatskortet.",
    )
    valg = models.JSONField("svarmuligheder", default=list, blank=True)
    raekkefoelge = models.PositiveSmallIntegerField("rækkefølge", default=0)

    class Meta:
        ordering = ["sektion__raekkefoelge", "raekkefoelge", "pk"]
        verbose_name = "spørgsmål"
        verbose_name_plural = "spørgsmål"

    def __str__(self) -> str:
        return f"{self.kode}: {self.tekst}"

    @property
    def kort(self) -> str:
        """The name users read on the indsatskort: never the code (B1, D11), which is for the
        import file and the CSV."""
        return self.kort_tekst or forkort(self.tekst)

    def clean(self):
        fejl = {}
        if self.type in (Spoergsmaalstype.ENKELTVALG, Spoergsmaalstype.FLERVALG) and (
            len(self.valg) < 2
        ):
            fejl["valg"] = "Et valgspørgsmål skal have mindst to svarmuligheder."
        if self.faktor and self.type != Spoergsmaalstype.SKALA:
            fejl["faktor"] = "Kun skalaspørgsmål kan være barrierer eller drivkræfter."
        samme = Spoergsmaal.objects.filter(sektion__skema_id=self.sektion.skema_id, kode=self.kode)
        if samme.exclude(pk=self.pk).exists():
            fejl["kode"] = "Skemaet har allerede et spørgsmål med den kode."
        if fejl:
            raise ValidationError(fejl)


class RundeQuerySet(models.QuerySet):
    def synlige_for(self, user):
        """The rounds a jobcentre is asked in or sent out; the analyst reads them all."""
        if not user.is_authenticated:
            return self.none()
        if user.rolle == Rolle.ANALYTIKER:
            return self.all()
        if not user.er_i_jobcenter:
            return self.none()
        jc = user.jobcenter_id
        return self.filter(
            models.Q(pk__in=Runde.jobcentre.through.objects.filter(jobcenter_id=jc).values("runde"))
            | models.Q(oprettet_af__jobcenter_id=jc)
        )


class Runde(models.Model):
    """One round of the survey, sent to a set of jobcentres: a network, a region, or all."""

    skema = models.ForeignKey(
        Spoergeskema, on_delete=models.PROTECT, related_name="runder", verbose_name="spørgeskema"
    )
    navn = models.CharField("navn", max_length=200, unique=True)
    netvaerk = models.ForeignKey(
        Netvaerk,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="runder",
        verbose_name="netværk",
    )
    jobcentre = models.ManyToManyField(Jobcenter, related_name="undersoegelsesrunder")
    frist = models.DateField("svarfrist")
    lukket = models.DateTimeField("lukket", null=True, blank=True)
    oprettet = models.DateTimeField("oprettet", default=timezone.now, editable=False)
    oprettet_af = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = RundeQuerySet.as_manager()

    class Meta:
        ordering = ["-oprettet"]
        verbose_name = "undersøgelsesrunde"
        verbose_name_plural = "undersøgelsesrunder"

    def __str__(self) -> str:
        return self.navn

    def get_absolute_url(self) -> str:
        return reverse("kursuskob:runde", args=[self.pk])


class Besvarelse(models.Model):
    """A jobcentre's one response to a round; saved as it is filled in, sent when done."""

    runde = models.ForeignKey(Runde, on_delete=models.CASCADE, related_name="besvarelser")
    jobcenter = models.ForeignKey(Jobcenter, on_delete=models.PROTECT, related_name="+")
    afsendt = models.DateTimeField("afsendt", null=True, blank=True)
    besvaret_af = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=SET_NULL_AND_TOUCH, null=True, related_name="+"
    )
    importeret = models.BooleanField("importeret", default=False)
    opdateret = models.DateTimeField("opdateret", auto_now=True)

    class Meta:
        ordering = ["jobcenter__navn"]
        verbose_name = "besvarelse"
        verbose_name_plural = "besvarelser"
        constraints = [
            models.UniqueConstraint(
                fields=["runde", "jobcenter"],
                name="en_besvarelse_pr_jobcenter",
                violation_error_message="Jobcentret har allerede en besvarelse i runden.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.jobcenter} i {self.runde}"


class Svar(models.Model):
    """One answer: a number 1–5, a choice, a list of choices or a text."""

    besvarelse = models.ForeignKey(Besvarelse, on_delete=models.CASCADE, related_name="svar")
    spoergsmaal = models.ForeignKey(Spoergsmaal, on_delete=models.CASCADE, related_name="svar")
    vaerdi = models.JSONField("svar")

    class Meta:
        verbose_name = "svar"
        verbose_name_plural = "svar"
        constraints = [
            models.UniqueConstraint(
                fields=["besvarelse", "spoergsmaal"], name="et_svar_pr_spoergsmaal"
            )
        ]

    def __str__(self) -> str:
        return f"{self.spoergsmaal.kode}={self.vaerdi}"


class Analyse(models.Model):
    """A round's computed results for one method; a recomputation replaces the row."""

    runde = models.ForeignKey(Runde, on_delete=models.CASCADE, related_name="analyser")
    metode = models.CharField("metode", max_length=20)
    resultat = models.JSONField("resultat")
    beregnet = models.DateTimeField("beregnet", default=timezone.now)

    class Meta:
        verbose_name = "analyse"
        verbose_name_plural = "analyser"
        constraints = [
            models.UniqueConstraint(fields=["runde", "metode"], name="en_analyse_pr_metode")
        ]

    def __str__(self) -> str:
        return f"{self.runde} ({self.metode})"


class Diagram(models.Model):
    """An indsatskort picture, drawn when its analysis was computed and replaced with it, so a
    request serves the stored SVG or PNG instead of drawing it (services.undersoegelse). One per
    group and chart without arrows, and one with arrows from `forrige` (the previous round's
    analysis), valid while that analysis is the one computed at `forrige_beregnet`. Whether a
    user may see it is the view's check of the group, as for the page."""

    analyse = models.ForeignKey(Analyse, on_delete=models.CASCADE, related_name="diagrammer")
    gruppe = models.PositiveSmallIntegerField("gruppe")  # its place in resultat["grupper"]
    type = models.CharField("type", max_length=20, choices=Faktortype.choices)
    forrige = models.ForeignKey(
        Analyse, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    forrige_beregnet = models.DateTimeField(null=True, blank=True)
    svg = models.TextField()
    png = models.BinaryField()

    class Meta:
        verbose_name = "diagram"
        verbose_name_plural = "diagrammer"
        constraints = [
            models.UniqueConstraint(
                fields=["analyse", "gruppe", "type"],
                condition=models.Q(forrige__isnull=True),
                name="et_diagram_uden_pile",
            ),
            models.UniqueConstraint(
                fields=["analyse", "gruppe", "type", "forrige"], name="et_diagram_pr_forrige"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.analyse}: gruppe {self.gruppe}, {self.type}"


class Indsatsstatus(models.TextChoices):
    PLANLAGT = "planlagt", "Planlagt"
    I_GANG = "i_gang", "I gang"
    GENNEMFOERT = "gennemfoert", "Gennemført"


class Indsats(models.Model):
    """An action in a network's plan, made from an item in the indsatsområde."""

    netvaerk = models.ForeignKey(Netvaerk, on_delete=models.CASCADE, related_name="indsatser")
    runde = models.ForeignKey(Runde, on_delete=models.SET_NULL, null=True, related_name="+")
    faktor = models.CharField("faktor", max_length=20)
    titel = models.CharField("indsats", max_length=200)
    beskrivelse = models.TextField("beskrivelse", blank=True)
    ansvarlig = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="ansvarlig",
    )
    frist = models.DateField("frist", null=True, blank=True)
    status = models.CharField(
        "status", max_length=20, choices=Indsatsstatus.choices, default=Indsatsstatus.PLANLAGT
    )

    class Meta:
        ordering = ["frist", "pk"]
        verbose_name = "indsats"
        verbose_name_plural = "indsatser"

    def __str__(self) -> str:
        return self.titel
