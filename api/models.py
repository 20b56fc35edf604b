"""System keys: how another system (a fagsystem, a data warehouse) calls the API.

A key belongs to one jobcentre and acts as it: each key has its own system user (`Bruger`,
inactive, so it can never log in), through which the existing `synlige_for(user)` rules scope
every row, and which the access log names as the actor when the system reads a citizen."""

import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from jobcenter.models import Jobcenter, JobcenterQuerySet

# The scopes a key can have; the API asks them by these names.
OMFANG = {
    "read": "Læse",
    "write": "Skrive",
    "borgerdata": "Borgerdata",
}


def hash_af(hemmelighed: str) -> str:
    """What is stored of a key's secret: its SHA-256. The secret has 256 random bits, so a
    fast hash is enough; nobody can guess back from it."""
    return hashlib.sha256(hemmelighed.encode()).hexdigest()


class SystemnoegleQuerySet(JobcenterQuerySet):
    def gyldige(self) -> "SystemnoegleQuerySet":
        return self.filter(tilbagekaldt__isnull=True, udloeber__gt=timezone.now())


class Systemnoegle(models.Model):
    jobcenter = models.ForeignKey(Jobcenter, on_delete=models.CASCADE, verbose_name="jobcenter")
    navn = models.CharField("systemets navn", max_length=100)
    # The first characters of the secret, to tell keys apart in lists; never enough to use one.
    prefix = models.CharField("begynder med", max_length=8, unique=True)
    hash = models.CharField("SHA-256 af nøglen", max_length=64, unique=True)
    bruger = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="systemnoegle",
        verbose_name="systembruger",
    )
    laese = models.BooleanField("læse (read)", default=True)
    skrive = models.BooleanField("skrive (write)", default=False)
    borgerdata = models.BooleanField("borgerdata", default=False)
    udloeber = models.DateTimeField("udløber")
    sidst_brugt = models.DateTimeField("sidst brugt", null=True, blank=True)
    oprettet_af = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="oprettet af",
    )
    oprettet = models.DateTimeField("oprettet", auto_now_add=True)
    tilbagekaldt = models.DateTimeField("tilbagekaldt", null=True, blank=True)

    objects = SystemnoegleQuerySet.as_manager()

    class Meta:
        ordering = ["-oprettet"]
        verbose_name = "systemnøgle"
        verbose_name_plural = "systemnøgler"
        constraints = [
            models.CheckConstraint(
                name="systemnoegle_har_et_omfang",
                condition=Q(laese=True) | Q(skrive=True),
                violation_error_message="En nøgle skal mindst kunne læse eller skrive.",
            ),
            models.CheckConstraint(
                name="systemnoegle_borgerdata_kraever_laese",
                condition=Q(borgerdata=False) | Q(laese=True),
                violation_error_message="Borgerdata kræver, at nøglen kan læse.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.navn} ({self.prefix}…)"

    @property
    def omfang(self) -> list[str]:
        return [navn for navn in OMFANG if getattr(self, self.FELT[navn])]

    FELT = {"read": "laese", "write": "skrive", "borgerdata": "borgerdata"}

    def har(self, omfang: str) -> bool:
        return bool(getattr(self, self.FELT[omfang]))

    @property
    def gyldig(self) -> bool:
        return self.tilbagekaldt is None and self.udloeber > timezone.now()

    @property
    def status(self) -> str:
        if self.tilbagekaldt is not None:
            return "Tilbagekaldt"
        return "Aktiv" if self.udloeber > timezone.now() else "Udløbet"


class Idempotensnoegle(models.Model):
    """A POST sent with an `Idempotency-Key` header, and the answer it got: a repeat with the same
    key and body gets the same answer without writing again. Kept IDEMPOTENS_TIMER hours (the
    daily `ryd_idempotensnoegler` deletes older ones). The row is written in the same transaction
    as the write itself, so a concurrent repeat waits on the unique constraint until the first
    is done, and a write that failed leaves no row behind."""

    systemnoegle = models.ForeignKey(Systemnoegle, on_delete=models.CASCADE, related_name="+")
    noegle = models.CharField("idempotensnøgle", max_length=255)
    # SHA-256 of the method, the path and the body: the same key with another request is a mistake.
    forespoergsel = models.CharField("forespørgslens SHA-256", max_length=64)
    status = models.PositiveSmallIntegerField("svarets status", null=True)
    svar = models.JSONField("svarets krop", null=True)
    oprettet = models.DateTimeField("oprettet", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "idempotensnøgle"
        verbose_name_plural = "idempotensnøgler"
        constraints = [
            models.UniqueConstraint(
                fields=["systemnoegle", "noegle"], name="idempotensnoegle_en_pr_systemnoegle"
            )
        ]

    def __str__(self) -> str:
        return f"{self.noegle} ({self.oprettet:%d-%m-%Y %H:%M})"


class SletningQuerySet(models.QuerySet):
    def synlige_for(self, user, *, borgerdata: bool) -> "SletningQuerySet":
        """The deletions of rows the key could have read: its own jobcentre's and the shared
        ones (no jobcentre), citizens' data only with the scope borgerdata."""
        if not (user.is_authenticated and user.er_i_jobcenter):
            return self.none()
        qs = self.filter(Q(jobcenter_id=user.jobcenter_id) | Q(jobcenter__isnull=True))
        return qs if borgerdata else qs.filter(borgerdata=False)


class Sletning(models.Model):
    """A deleted row of a resource that systems sync with `aendret_efter` (api/sletninger.py):
    which resource, the row's id, who owned it and when it went; nothing of its content. Written
    by a post_delete receiver in the transaction of the delete, so a delete that rolls back leaves
    none. Kept API_SLETNINGER_DAGE days (the nightly `ryd_sletninger`)."""

    ressource = models.CharField("ressource", max_length=40)
    raekke_id = models.BigIntegerField("rækkens id")
    # The jobcentre that owned the row; null for a shared row (a company). No database
    # constraint: a jobcentre's own rows are deleted with it, and their records after it.
    jobcenter = models.ForeignKey(
        Jobcenter,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
        verbose_name="jobcenter",
    )
    borgerdata = models.BooleanField("borgerdata")
    slettet = models.DateTimeField("slettet", default=timezone.now, db_index=True)

    objects = SletningQuerySet.as_manager()

    class Meta:
        verbose_name = "sletning"
        verbose_name_plural = "sletninger"

    def __str__(self) -> str:
        return f"{self.ressource} {self.raekke_id} ({self.slettet:%d-%m-%Y %H:%M})"
