"""Citizens, their benefit and target-group history, and the access log of who looked at them.

A citizen belongs to one jobcentre. Everything that lists or loads citizens goes through
`Borger.objects.synlige_for(user)` (design.md §5).
"""

import datetime
import os
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import F, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords
from stdnum.dk import cpr as stdnum_cpr
from stdnum.exceptions import ValidationError as StdnumError

from jobcenter.models import Aendringstid, Jobcenter, JobcenterQuerySet
from jobcenter.validators import validate_postnummer, validate_telefon
from virksomheder.models import Jobordre


def validate_cpr(value: str) -> None:
    """Ten digits holding a real, past date of birth. The modulus-11 check was abandoned in 2007
    and is deliberately not applied. The message never repeats the number."""
    try:
        stdnum_cpr.validate(value)
    except StdnumError as error:
        raise ValidationError(
            "CPR-nummeret er ikke gyldigt: det skal være 10 cifre, og de første 6 skal være en "
            "fødselsdato (ddmmåå), der ikke ligger i fremtiden.",
            code="ugyldigt_cpr",
        ) from error


def normaliser_cpr(value: str) -> str:
    """'010190-1234' and ' 0101901234 ' both become '0101901234'."""
    if len(value or "") == 10 and value.isdigit() and value.isascii():
        return value  # already compact; the common case of an import, and cheap
    return stdnum_cpr.compact(value or "")


def ligner_cpr(value: str) -> bool:
    cifre = normaliser_cpr(value)
    return cifre.isdigit() and len(cifre) == 10


class KategoriQuerySet(models.QuerySet):
    def gyldige(self, dato: datetime.date) -> "KategoriQuerySet":
        return self.filter(Q(gyldig_fra__isnull=True) | Q(gyldig_fra__lte=dato)).filter(
            Q(gyldig_til__isnull=True) | Q(gyldig_til__gte=dato)
        )


class Kategori(models.Model):
    """A benefit or target group: reference data keyed on `kode`, valid for a span of years, so
    today's words (jobparat, aktivitetsparat) are offered while yesterday's (matchgruppe 2,
    starthjælp) stay for the periods and campaigns of their time. Operators add new ones in the
    admin when the law changes; no release is needed."""

    kode = models.SlugField("kode", max_length=40, unique=True)
    navn = models.CharField("navn", max_length=100)
    gyldig_fra = models.DateField("gyldig fra", null=True, blank=True)
    gyldig_til = models.DateField(
        "gyldig til", null=True, blank=True, help_text="Tom, hvis den gælder endnu."
    )

    objects = KategoriQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["navn"]

    def __str__(self) -> str:
        return self.navn

    def gyldig(self, dato: datetime.date) -> bool:
        return (self.gyldig_fra is None or self.gyldig_fra <= dato) and (
            self.gyldig_til is None or dato <= self.gyldig_til
        )

    @property
    def gyldighed(self) -> str:
        """»gælder 01-01-2009 – 31-12-2013« for a message; "" when always valid."""
        if self.gyldig_fra is None and self.gyldig_til is None:
            return ""
        fra = f"{self.gyldig_fra:%d-%m-%Y}" if self.gyldig_fra else ""
        til = f"{self.gyldig_til:%d-%m-%Y}" if self.gyldig_til else ""
        return f"gælder {fra} – {til}".replace("  ", " ").strip()


class Ydelsestype(Kategori):
    """A public benefit (kontanthjælp, dagpenge, …)."""

    class Meta(Kategori.Meta):
        verbose_name = "ydelsestype"
        verbose_name_plural = "ydelsestyper"


class Maalgruppe(Kategori):
    """A target group: today the visitation categories (jobparat, aktivitetsparat, …); before
    2014 the matchgrupper."""

    class Meta(Kategori.Meta):
        verbose_name = "målgruppe"
        verbose_name_plural = "målgrupper"


class BorgerQuerySet(JobcenterQuerySet):
    """`synlige_for(user)` is the one scoping rule: staff see their own jobcentre's citizens;
    nobody else sees any."""

    def soeg_navn(self, tekst: str) -> "BorgerQuerySet":
        filtre = Q()
        for ord_ in tekst.split():
            filtre &= Q(fornavn__icontains=ord_) | Q(efternavn__icontains=ord_)
        return self.filter(filtre)

    def med_status(self, dato: datetime.date) -> "BorgerQuerySet":
        """Annotate the benefit and target group each citizen has on `dato`."""

        def paa_dato(model):
            return (
                model.objects.filter(borger=OuterRef("pk"), fra__lte=dato)
                .filter(Q(til__isnull=True) | Q(til__gte=dato))
                .order_by("-fra")
            )

        return self.annotate(
            aktuel_ydelse=Subquery(paa_dato(Ydelsesperiode).values("ydelse__navn")[:1]),
            aktuel_maalgruppe=Subquery(paa_dato(Maalgruppeperiode).values("maalgruppe__navn")[:1]),
        )


class Borger(models.Model):
    jobcenter = models.ForeignKey(
        Jobcenter, on_delete=models.PROTECT, related_name="borgere", verbose_name="jobcenter"
    )
    # Unique per jobcentre, not nationally: a jobcentre's record of a citizen is its own, and a
    # citizen who moves gets a new record in the new jobcentre. So no form, import or search can
    # tell whether a CPR number exists in another jobcentre (design.md §5).
    cpr = models.CharField("CPR-nummer", max_length=10, validators=[validate_cpr])
    fornavn = models.CharField("fornavn", max_length=100)
    efternavn = models.CharField("efternavn", max_length=100)
    adresse = models.CharField("adresse", max_length=200, blank=True)
    postnummer = models.CharField(
        "postnummer", max_length=4, blank=True, validators=[validate_postnummer]
    )
    by = models.CharField("by", max_length=100, blank=True)
    telefon = models.CharField("telefon", max_length=20, blank=True, validators=[validate_telefon])
    email = models.EmailField("e-mail", blank=True)
    oprettet = models.DateTimeField("oprettet", auto_now_add=True)
    opdateret = models.DateTimeField("opdateret", auto_now=True)
    anonymiseret = models.DateTimeField("anonymiseret", null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["opdateret"])
    objects = BorgerQuerySet.as_manager()

    class Meta:
        ordering = ["efternavn", "fornavn"]
        verbose_name = "borger"
        verbose_name_plural = "borgere"
        constraints = [
            models.CheckConstraint(
                name="borger_cpr_ti_cifre", condition=Q(cpr__regex=r"^[0-9]{10}$")
            ),
            models.UniqueConstraint(
                fields=["jobcenter", "cpr"],
                name="borger_cpr_en_gang_pr_jobcenter",
                violation_error_message="Jeres jobcenter har allerede en borger med dette "
                "CPR-nummer.",
            ),
        ]
        indexes = [models.Index(fields=["jobcenter", "efternavn", "fornavn"])]

    def __str__(self) -> str:
        return self.navn

    def get_absolute_url(self) -> str:
        return reverse("borgere:detalje", args=[self.pk])

    @property
    def navn(self) -> str:
        return f"{self.fornavn} {self.efternavn}"

    @property
    def cpr_maskeret(self) -> str:
        """Date of birth only, as lists show it: '010190-xxxx'."""
        return f"{self.cpr[:6]}-xxxx"

    @property
    def cpr_formateret(self) -> str:
        return stdnum_cpr.format(self.cpr)

    @property
    def foedselsdato(self) -> datetime.date:
        return stdnum_cpr.get_birth_date(self.cpr)


class PeriodeQuerySet(models.QuerySet):
    def overlapper(self, fra: datetime.date, til: datetime.date | None) -> "PeriodeQuerySet":
        """Periods sharing at least one day with [fra, til]; an empty `til` is open-ended."""
        qs = self.filter(Q(til__isnull=True) | Q(til__gte=fra))
        return qs if til is None else qs.filter(fra__lte=til)

    def paa_dato(self, dato: datetime.date) -> "PeriodeQuerySet":
        return self.overlapper(dato, dato)


class Periode(Aendringstid):
    """A dated stretch of a citizen's history. Periods of one kind never overlap for one
    citizen: PostgreSQL enforces it with an exclusion constraint, `clean()` explains it."""

    fra = models.DateField("fra")
    til = models.DateField(
        "til", null=True, blank=True, help_text="Tom, hvis perioden løber endnu."
    )

    objects = PeriodeQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-fra"]
        constraints = [
            models.CheckConstraint(
                name="%(class)s_til_ikke_foer_fra",
                condition=Q(til__isnull=True) | Q(til__gte=F("fra")),
                violation_error_message="Slutdatoen må ikke ligge før startdatoen.",
            ),
            # The natural key imports upsert on; periods never overlap, so it is unique anyway.
            models.UniqueConstraint(fields=["borger", "fra"], name="%(class)s_en_per_startdato"),
        ]

    overlap_besked = "Perioden overlapper en anden periode."
    kategori_felt = ""  # the foreign key that says what the period is (ydelse, målgruppe)

    @property
    def kategori(self):
        return getattr(self, self.kategori_felt)

    def clean(self) -> None:
        super().clean()
        if self.fra and self.til and self.til < self.fra:
            raise ValidationError({"til": "Slutdatoen må ikke ligge før startdatoen."})
        if self.fra and self.borger_id:
            andre = type(self).objects.filter(borger_id=self.borger_id).exclude(pk=self.pk)
            if andre.overlapper(self.fra, self.til).exists():
                raise ValidationError(self.overlap_besked, code="overlap")
        kategori = getattr(self, self.kategori_felt, None) if self.kategori_felt else None
        if kategori is not None and self.fra:
            udenfor = not kategori.gyldig(self.fra) or (
                kategori.gyldig_til and (self.til is None or self.til > kategori.gyldig_til)
            )
            if udenfor:
                raise ValidationError(
                    {
                        self.kategori_felt: f"{kategori} {kategori.gyldighed}; perioden ligger "
                        "uden for. Vælg den betegnelse, der gjaldt i perioden."
                    },
                    code="uden_for_gyldighed",
                )


class Ydelsesperiode(Periode):
    borger = models.ForeignKey(Borger, on_delete=models.CASCADE, related_name="ydelsesperioder")
    ydelse = models.ForeignKey(Ydelsestype, on_delete=models.PROTECT, verbose_name="ydelse")

    overlap_besked = "Perioden overlapper en anden ydelsesperiode for borgeren."
    kategori_felt = "ydelse"

    class Meta(Periode.Meta):
        verbose_name = "ydelsesperiode"
        verbose_name_plural = "ydelsesperioder"
        indexes = [models.Index(fields=["borger", "fra"]), models.Index(fields=["fra", "til"])]

    def __str__(self) -> str:
        return f"{self.kategori} fra {self.fra:%d-%m-%Y}"


class Maalgruppeperiode(Periode):
    borger = models.ForeignKey(Borger, on_delete=models.CASCADE, related_name="maalgruppeperioder")
    maalgruppe = models.ForeignKey(Maalgruppe, on_delete=models.PROTECT, verbose_name="målgruppe")

    overlap_besked = "Perioden overlapper en anden målgruppeperiode for borgeren."
    kategori_felt = "maalgruppe"

    class Meta(Periode.Meta):
        verbose_name = "målgruppeperiode"
        verbose_name_plural = "målgruppeperioder"
        indexes = [models.Index(fields=["borger", "fra"]), models.Index(fields=["fra", "til"])]

    def __str__(self) -> str:
        return f"{self.kategori} fra {self.fra:%d-%m-%Y}"


class Handling(models.TextChoices):
    VIST = "vist", "Viste borgerens side"
    OPRETTET = "oprettet", "Oprettede borgeren"
    RETTET = "rettet", "Rettede borgerens oplysninger"
    HISTORIK_RETTET = "historik_rettet", "Rettede ydelses- eller målgruppehistorik"
    FUNDET_VED_CPR = "fundet_ved_cpr", "Fandt borgeren ved CPR-søgning"
    FORLOEB_VIST = "forloeb_vist", "Viste et af borgerens forløb"
    FORLOEB_RETTET = "forloeb_rettet", "Oprettede eller rettede et forløb"
    BAG_NOEGLETAL = "bag_noegletal", "Vist blandt borgerne bag et kampagnemål"
    KURSUS = "kursus", "Viste, henviste eller fulgte op på et kursus"
    LISTE = "liste", "Vist i en liste eller på en anden side"
    LOG_EKSPORTERET = "log_eksporteret", "Eksporterede borgerens adgangslog"


class Adgangslog(models.Model):
    """Who looked at or changed which citizen, and when. Append-only for the application:
    a row can be written, never changed or deleted through the model."""

    tidspunkt = models.DateTimeField("tidspunkt", default=timezone.now, db_index=True)
    bruger = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, verbose_name="bruger"
    )
    brugernavn = models.CharField("brugernavn", max_length=150)
    jobcenter = models.ForeignKey(Jobcenter, on_delete=models.PROTECT, verbose_name="jobcenter")
    borger = models.ForeignKey(
        Borger, on_delete=models.SET_NULL, null=True, related_name="adgangslog"
    )
    handling = models.CharField("handling", max_length=20, choices=Handling.choices)

    class Meta:
        ordering = ["-tidspunkt"]
        verbose_name = "adgangslog"
        verbose_name_plural = "adgangslog"
        indexes = [models.Index(fields=["borger", "-tidspunkt"])]

    def __str__(self) -> str:
        return f"{self.brugernavn} {self.get_handling_display().lower()} {self.tidspunkt}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise ValueError("Adgangsloggen kan ikke ændres.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Adgangsloggen kan ikke slettes.")


class Ydelsesbestand(models.Model):
    """How many citizens of a jobcentre receive a benefit on a date. Written by the nightly
    job, read by the key-figure page; one row per (dato, jobcenter, ydelse)."""

    dato = models.DateField("dato")
    jobcenter = models.ForeignKey(Jobcenter, on_delete=models.CASCADE)
    ydelse = models.ForeignKey(Ydelsestype, on_delete=models.CASCADE)
    antal = models.PositiveIntegerField("antal borgere")
    beregnet = models.DateTimeField("beregnet")

    class Meta:
        verbose_name = "ydelsesbestand"
        verbose_name_plural = "ydelsesbestande"
        constraints = [
            models.UniqueConstraint(
                fields=["dato", "jobcenter", "ydelse"], name="en_bestand_per_dato"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.jobcenter} {self.ydelse} {self.dato}: {self.antal}"


class Kandidatstatus(models.TextChoices):
    FORESLAAET = "foreslaaet", "Foreslået"
    SENDT = "sendt", "Sendt til virksomheden"
    ANSAT = "ansat", "Ansat"
    AFVIST = "afvist", "Ikke ansat"


class JobordrekandidatQuerySet(models.QuerySet):
    def synlige_for(self, user) -> "JobordrekandidatQuerySet":
        return self.filter(borger__in=Borger.objects.synlige_for(user))


class Jobordrekandidat(models.Model):
    """A citizen matched to a company's jobordre. Recorded on the citizens' side, so the
    company side never holds a citizen (design.md §3)."""

    jobordre = models.ForeignKey(Jobordre, on_delete=models.CASCADE, related_name="kandidater")
    borger = models.ForeignKey(Borger, on_delete=models.CASCADE, related_name="jobordrer")
    status = models.CharField(
        "status", max_length=20, choices=Kandidatstatus.choices, default=Kandidatstatus.FORESLAAET
    )
    tilfoejet_af = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    tilfoejet = models.DateTimeField("tilføjet", auto_now_add=True)

    objects = JobordrekandidatQuerySet.as_manager()

    class Meta:
        ordering = ["tilfoejet"]
        verbose_name = "jobordrekandidat"
        verbose_name_plural = "jobordrekandidater"
        constraints = [
            models.UniqueConstraint(fields=["jobordre", "borger"], name="en_kandidat_per_jobordre"),
        ]

    def __str__(self) -> str:
        return f"{self.borger} til {self.jobordre}"


class Importstatus(models.TextChoices):
    VENTER = "venter", "Venter på kontrol"
    KONTROLLERER = "kontrollerer", "Kontrollerer filen"
    KONTROLLERET = "kontrolleret", "Klar til import"
    AFVIST = "afvist", "Afvist: filen har fejl"
    IMPORTERER = "importerer", "Importerer"
    FAERDIG = "faerdig", "Importeret"
    FEJLET = "fejlet", "Fejlet"


class Importlager(FileSystemStorage):
    """Uploaded import files wait here for the worker: IMPORT_MAPPE, a private directory that no
    URL serves and that web and worker share. Not in the database, so no SQL statement ever
    carries a file (PostgreSQL logs a failing statement with its values, and keeps old values in
    its WAL and backups); not under static/ or a media URL."""

    def __init__(self):
        super().__init__(file_permissions_mode=0o600, directory_permissions_mode=0o700)

    @property
    def base_location(self):
        # Read on every use, so a test's settings override reaches it.
        return settings.IMPORT_MAPPE

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("En importfil har ingen adresse.")


IMPORTLAGER = Importlager()


def importlager() -> Importlager:
    return IMPORTLAGER


def importfilnavn(koersel: "Importkoersel", filnavn: str) -> str:
    """A random name on disk: nothing the uploader chose, not even the extension."""
    return uuid.uuid4().hex


class ImportkoerselQuerySet(models.QuerySet):
    def synlige_for(self, user):
        """A jobcentre's runs for its staff; the operators' own runs (no jobcentre, such as an
        import of jobcentres) for the superusers. An operator who also works in a jobcentre
        checks and imports with the operators' rights (another jobcentre's targets, every
        response of a round): their runs there are for the superusers of that jobcentre only,
        or a colleague could see them and, by approving one, import as an operator."""
        if not user.is_authenticated:
            return self.none()
        synlige = Q(pk__in=[])
        if user.er_i_jobcenter:
            egne = Q(jobcenter_id=user.jobcenter_id)
            if not user.is_superuser:
                egne &= ~Q(bruger__is_superuser=True)
            synlige |= egne
        if user.is_superuser:
            synlige |= Q(jobcenter__isnull=True)
        return self.filter(synlige)


class Importkoersel(models.Model):
    """An import started from the import page: the uploaded file, the check of every row (with
    a preview), then the import, each as a background job whose progress is shown. The file is
    deleted when the run ends (imported, rejected or failed); the summary stays. `type` is an
    import type's code (jobcenter.imports.importtyper), `parametre` what the type needs besides
    the file (a survey round's number, say). A run of an operator outside any jobcentre has no
    jobcentre."""

    jobcenter = models.ForeignKey(Jobcenter, on_delete=models.CASCADE, null=True, blank=True)
    bruger = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True)
    type = models.CharField("type", max_length=20)
    parametre = models.JSONField("parametre", default=dict, blank=True)
    filnavn = models.CharField("fil", max_length=200)
    fil = models.FileField(
        "indlæst fil", storage=importlager, upload_to=importfilnavn, max_length=100, blank=True
    )
    status = models.CharField(
        "status", max_length=20, choices=Importstatus.choices, default=Importstatus.VENTER
    )
    raekker = models.PositiveIntegerField("rækker", default=0)
    behandlet = models.PositiveIntegerField("behandlet", default=0)
    nye = models.PositiveIntegerField("nye", default=0)
    opdaterede = models.PositiveIntegerField("opdaterede", default=0)
    uaendrede = models.PositiveIntegerField("uændrede", default=0)
    # The first IMPORT_MAKS_FEJL errors of a rejected file, and how many there were.
    fejl = models.JSONField("fejl", default=list)
    fejl_i_alt = models.PositiveIntegerField("fejl i alt", default=0)
    # Why a run failed (status FEJLET), in Danish for the administrator.
    aarsag = models.CharField("årsag", max_length=300, blank=True)
    eksempel = models.JSONField("eksempel", default=list)
    oprettet = models.DateTimeField("oprettet", auto_now_add=True)
    # When the current step was queued or started: a run that has not ended long after is stuck.
    startet = models.DateTimeField("startet", null=True, blank=True)
    afsluttet = models.DateTimeField("afsluttet", null=True, blank=True)

    objects = ImportkoerselQuerySet.as_manager()

    class Meta:
        ordering = ["-oprettet"]
        verbose_name = "importkørsel"
        verbose_name_plural = "importkørsler"

    def __str__(self) -> str:
        return f"{self.type}: {self.filnavn}"

    def get_absolute_url(self) -> str:
        return reverse("borgere:import", args=[self.pk])

    @property
    def antal_fejl(self) -> int:
        return max(self.fejl_i_alt, len(self.fejl))

    @property
    def fejl_mere(self) -> int:
        return self.antal_fejl - len(self.fejl)

    @property
    def procent(self) -> int:
        return round(100 * self.behandlet / self.raekker) if self.raekker else 0

    @property
    def koerer(self) -> bool:
        return self.status in (
            Importstatus.VENTER,
            Importstatus.KONTROLLERER,
            Importstatus.IMPORTERER,
        )
