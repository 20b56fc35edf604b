"""Companies (shared by all jobcentres), their workplaces and contact persons, and what each
jobcentre keeps about a company for itself (kontaktansvarlig, notes)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from stdnum.dk import cvr as stdnum_cvr
from stdnum.exceptions import ValidationError as StdnumError

from jobcenter.models import Jobcenter, JobcenterQuerySet, Kommune
from jobcenter.validators import validate_postnummer, validate_telefon


def validate_cvr(value: str) -> None:
    """Eight digits whose weighted sum (2,7,6,5,4,3,2,1) is divisible by 11."""
    try:
        stdnum_cvr.validate(value)
    except StdnumError as error:
        raise ValidationError(
            "CVR-nummeret er ikke gyldigt: det skal være 8 cifre med korrekt kontrolciffer.",
            code="ugyldigt_cvr",
        ) from error


def validate_pnummer(value: str) -> None:
    if not (value.isdigit() and len(value) == 10):
        raise ValidationError("P-nummeret skal være 10 cifre.", code="ugyldigt_pnummer")


class Branche(models.Model):
    """An industry: the sections of Danmarks Statistik's DB07, editable by administrators."""

    kode = models.CharField("kode", max_length=10, unique=True)
    navn = models.CharField("navn", max_length=120)

    class Meta:
        ordering = ["kode"]
        verbose_name = "branche"
        verbose_name_plural = "brancher"

    def __str__(self) -> str:
        return f"{self.kode} {self.navn}"


class Sektor(models.TextChoices):
    PRIVAT = "privat", "Privat"
    OFFENTLIG = "offentlig", "Offentlig"


class Stoerrelse(models.TextChoices):
    """Size bands by number of employees (the sources segment on size: K p.20–21)."""

    ANSATTE_1_4 = "1-4", "1–4 ansatte"
    ANSATTE_5_9 = "5-9", "5–9 ansatte"
    ANSATTE_10_19 = "10-19", "10–19 ansatte"
    ANSATTE_20_49 = "20-49", "20–49 ansatte"
    ANSATTE_50_99 = "50-99", "50–99 ansatte"
    ANSATTE_100_249 = "100-249", "100–249 ansatte"
    ANSATTE_250 = "250+", "250 eller flere ansatte"


class VirksomhedQuerySet(models.QuerySet):
    def soeg(self, tekst: str) -> "VirksomhedQuerySet":
        """Name, CVR or P-nummer; a CVR written with spaces is found too."""
        tekst = tekst.strip()
        if not tekst:
            return self
        cifre = tekst.replace(" ", "")
        if cifre.isdigit():
            return self.filter(
                Q(cvr__startswith=cifre) | Q(arbejdssteder__pnummer__startswith=cifre)
            ).distinct()
        return self.filter(navn__icontains=tekst)

    def find(self, tekst: str) -> "VirksomhedQuerySet":
        """What a person types to find one company (issue 14, item 4): the start of a CVR or
        P-nummer, or words that each occur in the name, address, postnummer or town of the
        company or of one of its workplaces."""
        tekst = tekst.strip()
        if "".join(tekst.split()).isdigit():
            return self.soeg(tekst)
        filtre = Q()
        for ord_ in tekst.split():
            filtre &= (
                Q(navn__icontains=ord_)
                | Q(adresse__icontains=ord_)
                | Q(postnummer=ord_)
                | Q(by__icontains=ord_)
                | Q(arbejdssteder__navn__icontains=ord_)
                | Q(arbejdssteder__adresse__icontains=ord_)
                | Q(arbejdssteder__by__icontains=ord_)
            )
        # Two companies of one name in the order of their town and address, as the options read.
        return self.filter(filtre).distinct().order_by("navn", "by", "adresse", "cvr")


class Virksomhed(models.Model):
    cvr = models.CharField(
        "CVR-nummer",
        max_length=8,
        unique=True,
        validators=[validate_cvr],
        error_messages={"unique": "Der findes allerede en virksomhed med dette CVR-nummer."},
    )
    navn = models.CharField("navn", max_length=200)
    branche = models.ForeignKey(
        Branche, on_delete=models.PROTECT, related_name="virksomheder", verbose_name="branche"
    )
    sektor = models.CharField("sektor", max_length=10, choices=Sektor.choices)
    stoerrelse = models.CharField("størrelse", max_length=10, choices=Stoerrelse.choices)
    adresse = models.CharField("adresse", max_length=200, blank=True)
    postnummer = models.CharField(
        "postnummer", max_length=4, blank=True, validators=[validate_postnummer]
    )
    by = models.CharField("by", max_length=100, blank=True)
    kommune = models.ForeignKey(
        Kommune, on_delete=models.PROTECT, related_name="virksomheder", verbose_name="kommune"
    )
    telefon = models.CharField("telefon", max_length=20, blank=True, validators=[validate_telefon])
    email = models.EmailField("e-mail", blank=True)
    hjemmeside = models.URLField("hjemmeside", blank=True)
    oprettet = models.DateTimeField("oprettet", auto_now_add=True)
    opdateret = models.DateTimeField("opdateret", auto_now=True)

    objects = VirksomhedQuerySet.as_manager()

    class Meta:
        ordering = ["navn"]
        verbose_name = "virksomhed"
        verbose_name_plural = "virksomheder"
        constraints = [
            models.CheckConstraint(
                name="virksomhed_cvr_otte_cifre", condition=Q(cvr__regex=r"^[0-9]{8}$")
            ),
        ]
        indexes = [
            models.Index(fields=["kommune", "branche"]),
            # The list's first page: the first 25 by name, without sorting every company.
            models.Index(fields=["navn"]),
        ]

    def __str__(self) -> str:
        return self.navn

    def get_absolute_url(self) -> str:
        return reverse("virksomheder:detalje", args=[self.pk])

    @property
    def betegnelse(self) -> str:
        """»Navn – adresse, postnr by – CVR 12345678«: tells two companies of one name apart."""
        sted = ", ".join(d for d in (self.adresse, f"{self.postnummer} {self.by}".strip()) if d)
        return " – ".join(d for d in (self.navn, sted, f"CVR {self.cvr}") if d)


class Arbejdssted(models.Model):
    """A physical workplace (P-enhed) of a company."""

    virksomhed = models.ForeignKey(
        Virksomhed, on_delete=models.CASCADE, related_name="arbejdssteder"
    )
    pnummer = models.CharField(
        "P-nummer",
        max_length=10,
        unique=True,
        validators=[validate_pnummer],
        error_messages={"unique": "Der findes allerede et arbejdssted med dette P-nummer."},
    )
    navn = models.CharField("navn", max_length=200)
    adresse = models.CharField("adresse", max_length=200, blank=True)
    postnummer = models.CharField(
        "postnummer", max_length=4, blank=True, validators=[validate_postnummer]
    )
    by = models.CharField("by", max_length=100, blank=True)
    kommune = models.ForeignKey(
        Kommune, on_delete=models.PROTECT, related_name="arbejdssteder", verbose_name="kommune"
    )

    class Meta:
        ordering = ["navn"]
        verbose_name = "arbejdssted"
        verbose_name_plural = "arbejdssteder"
        constraints = [
            models.CheckConstraint(
                name="arbejdssted_pnummer_ti_cifre", condition=Q(pnummer__regex=r"^[0-9]{10}$")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.navn} (P-nr. {self.pnummer})"


class Niveau(models.TextChoices):
    """Company-side roles named in the sources (K p.23)."""

    DIREKTOER = "direktoer", "Direktør/chef"
    HR = "hr", "HR"
    AFDELINGSLEDER = "afdelingsleder", "Afdelingsleder"
    VAERKFOERER = "vaerkfoerer", "Værkfører"
    MENTOR = "mentor", "Mentor"
    ANDET = "andet", "Andet"


class Kontaktperson(models.Model):
    virksomhed = models.ForeignKey(
        Virksomhed, on_delete=models.CASCADE, related_name="kontaktpersoner"
    )
    navn = models.CharField("navn", max_length=200)
    niveau = models.CharField("niveau", max_length=20, choices=Niveau.choices)
    stilling = models.CharField("stilling", max_length=200, blank=True)
    telefon = models.CharField(
        "direkte telefon", max_length=20, blank=True, validators=[validate_telefon]
    )
    email = models.EmailField("e-mail", blank=True)

    class Meta:
        ordering = ["navn"]
        verbose_name = "kontaktperson"
        verbose_name_plural = "kontaktpersoner"

    def __str__(self) -> str:
        return f"{self.navn} ({self.get_niveau_display()})"


class Prioritetsgruppe(models.IntegerChoices):
    """The sources' example segmentation (K p.22), with the contact method that goes with it."""

    GRUPPE_1 = 1, "1 – højprioriteret: generelle samarbejdsaftaler"
    GRUPPE_2 = 2, "2 – højprioriteret: virksomhedscentre og længerevarende samarbejde"
    GRUPPE_3 = 3, "3 – mellemprioriteret: synlighed"
    GRUPPE_4 = 4, "4 – lavprioriteret: information"


KONTAKTMETODE = {
    1: "Personligt møde og opfølgning med et forslag til samarbejdsaftale.",
    2: "Personligt møde og opfølgning med et forslag til virksomhedscenterkontrakt.",
    3: "Kontakt pr. telefon, og der sendes materiale; besøg, hvis virksomheden ønsker det.",
    4: "Information pr. brev.",
}


class Segment(models.Model):
    """A jobcentre's own free tag for companies, such as "højt sygefravær" or
    "stakeholderpanel" (K p.21–22)."""

    jobcenter = models.ForeignKey(Jobcenter, on_delete=models.CASCADE)
    navn = models.CharField("navn", max_length=80)

    objects = JobcenterQuerySet.as_manager()

    class Meta:
        ordering = ["navn"]
        verbose_name = "segment"
        verbose_name_plural = "segmenter"
        constraints = [
            models.UniqueConstraint(fields=["jobcenter", "navn"], name="segment_unikt_navn"),
        ]

    def __str__(self) -> str:
        return self.navn


class Virksomhedsforhold(models.Model):
    """What one jobcentre keeps about a shared company: its kontaktansvarlig, "én indgang"
    (K p.50), its priority group and its segments."""

    jobcenter = models.ForeignKey(Jobcenter, on_delete=models.CASCADE)
    virksomhed = models.ForeignKey(Virksomhed, on_delete=models.CASCADE, related_name="forhold")
    kontaktansvarlig = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="kontaktansvar",
        verbose_name="kontaktansvarlig",
    )
    prioritetsgruppe = models.PositiveSmallIntegerField(
        "prioritetsgruppe", choices=Prioritetsgruppe.choices, null=True, blank=True
    )
    segmenter = models.ManyToManyField(Segment, blank=True, verbose_name="segmenter")

    objects = JobcenterQuerySet.as_manager()

    class Meta:
        verbose_name = "virksomhedsforhold"
        verbose_name_plural = "virksomhedsforhold"
        constraints = [
            models.UniqueConstraint(
                fields=["jobcenter", "virksomhed"], name="et_forhold_per_jobcenter"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.jobcenter} – {self.virksomhed}"

    @property
    def kontaktmetode(self) -> str:
        return KONTAKTMETODE.get(self.prioritetsgruppe, "")


class Virksomhedsnotat(models.Model):
    """A jobcentre's own note about a company; other jobcentres never see it."""

    jobcenter = models.ForeignKey(Jobcenter, on_delete=models.CASCADE)
    virksomhed = models.ForeignKey(Virksomhed, on_delete=models.CASCADE, related_name="notater")
    forfatter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, verbose_name="forfatter"
    )
    tekst = models.TextField("notat")
    oprettet = models.DateTimeField("oprettet", auto_now_add=True)

    objects = JobcenterQuerySet.as_manager()

    class Meta:
        ordering = ["-oprettet"]
        verbose_name = "notat"
        verbose_name_plural = "notater"

    def __str__(self) -> str:
        return f"Notat om {self.virksomhed} ({self.oprettet:%d-%m-%Y})"
