"""The organisation: municipalities, jobcentres and the staff who work in them."""

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Beskaeftigelsesregion(models.TextChoices):
    NORDJYLLAND = "nordjylland", "Nordjylland"
    MIDTJYLLAND = "midtjylland", "Midtjylland"
    SYDDANMARK = "syddanmark", "Syddanmark"
    HOVEDSTADEN_SJAELLAND = "hovedstaden_sjaelland", "Hovedstaden og Sjælland"


class Kommune(models.Model):
    """One of the 98 municipalities; where a company or workplace lies."""

    kommunenummer = models.PositiveSmallIntegerField("kommunenummer", unique=True)
    navn = models.CharField("navn", max_length=60, unique=True)
    beskaeftigelsesregion = models.CharField(
        "beskæftigelsesregion", max_length=30, choices=Beskaeftigelsesregion.choices
    )

    class Meta:
        ordering = ["navn"]
        verbose_name = "kommune"
        verbose_name_plural = "kommuner"

    def __str__(self) -> str:
        return self.navn


class Jobcenter(models.Model):
    kommunenummer = models.PositiveSmallIntegerField("kommunenummer", unique=True)
    navn = models.CharField("navn", max_length=100, unique=True)
    beskaeftigelsesregion = models.CharField(
        "beskæftigelsesregion", max_length=30, choices=Beskaeftigelsesregion.choices
    )

    class Meta:
        ordering = ["navn"]
        verbose_name = "jobcenter"
        verbose_name_plural = "jobcentre"

    def __str__(self) -> str:
        return self.navn


class Rolle(models.TextChoices):
    JOBKONSULENT = "jobkonsulent", "Jobkonsulent"
    VIRKSOMHEDSKONSULENT = "virksomhedskonsulent", "Virksomhedskonsulent"
    LEDER = "leder", "Leder"
    ADMINISTRATOR = "administrator", "Administrator"
    ANALYTIKER = "analytiker", "Analytiker"


# Everyone who works inside one jobcentre; the analytiker reads only aggregated figures.
JOBCENTER_ROLLER = (
    Rolle.JOBKONSULENT,
    Rolle.VIRKSOMHEDSKONSULENT,
    Rolle.LEDER,
    Rolle.ADMINISTRATOR,
)


class Bruger(AbstractUser):
    """A staff user. Belongs to one jobcentre, except the analytiker, who belongs to none."""

    jobcenter = models.ForeignKey(
        Jobcenter,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="medarbejdere",
        verbose_name="jobcenter",
    )
    rolle = models.CharField("rolle", max_length=30, choices=Rolle.choices)

    objects = UserManager()

    class Meta:
        ordering = ["first_name", "last_name", "username"]
        verbose_name = "bruger"
        verbose_name_plural = "brugere"
        constraints = [
            models.CheckConstraint(
                name="bruger_jobcenter_passer_til_rolle",
                condition=Q(is_superuser=True)
                | Q(rolle=Rolle.ANALYTIKER, jobcenter__isnull=True)
                | (Q(jobcenter__isnull=False) & ~Q(rolle=Rolle.ANALYTIKER)),
                violation_error_message=(
                    "En analytiker hører ikke til et jobcenter; alle andre roller skal have et."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def er_i_jobcenter(self) -> bool:
        return self.jobcenter_id is not None and self.rolle in JOBCENTER_ROLLER

    @property
    def er_administrator(self) -> bool:
        return self.er_i_jobcenter and self.rolle == Rolle.ADMINISTRATOR

    @property
    def er_leder(self) -> bool:
        return self.er_i_jobcenter and self.rolle in (Rolle.LEDER, Rolle.ADMINISTRATOR)

    @property
    def kraever_totrin(self) -> bool:
        """Administrators and superusers log in with a code from an authenticator app too."""
        return self.is_superuser or self.rolle == Rolle.ADMINISTRATOR


class Beregning(models.Model):
    """The fill state of one computation (navn, dato). Its row is locked while the computation
    runs, so two overlapping runs of the same computation take turns instead of doubling rows;
    `afsluttet` is the "Beregnet" time the pages show."""

    navn = models.CharField("beregning", max_length=60)
    dato = models.DateField("dato")
    startet = models.DateTimeField("startet", null=True, blank=True)
    afsluttet = models.DateTimeField("beregnet", null=True, blank=True)

    class Meta:
        verbose_name = "beregning"
        verbose_name_plural = "beregninger"
        constraints = [
            models.UniqueConstraint(fields=["navn", "dato"], name="en_beregning_per_dato"),
        ]

    def __str__(self) -> str:
        return f"{self.navn} {self.dato}"

    @property
    def koerer(self) -> bool:
        return self.startet is not None and (
            self.afsluttet is None or self.afsluttet < self.startet
        )


class JobcenterQuerySet(models.QuerySet):
    """For rows that belong to one jobcentre: a user sees their own jobcentre's rows only."""

    def synlige_for(self, user):
        if not (user.is_authenticated and user.er_i_jobcenter):
            return self.none()
        return self.filter(jobcenter_id=user.jobcenter_id)


def SET_NULL_AND_TOUCH(collector, field, sub_objs, using):  # noqa: N802 (as Django's SET_NULL)
    """on_delete for a nullable reference on a row with `opdateret`: NULL, as SET_NULL, and the
    row's `opdateret` moved to now, so a system syncing with `aendret_efter` hears that the
    reference went (SET_NULL alone updates the rows past it). The time first: `sub_objs` may be
    a lazy query on the reference, which finds nothing once the reference is NULL."""
    collector.add_field_update(field.model._meta.get_field("opdateret"), timezone.now(), sub_objs)
    collector.add_field_update(field, None, sub_objs)


SET_NULL_AND_TOUCH.lazy_sub_objs = True


class Aendringstid(models.Model):
    """A row's time of last change, which the API's `aendret_efter` syncs on. `save()` sets it,
    also with `update_fields` (a save of some fields is a change too); `bulk_create` and the
    imports' COPY set it through the field's pre_save; a `QuerySet.update()` must name it, and a
    nullable reference uses `SET_NULL_AND_TOUCH`."""

    opdateret = models.DateTimeField("opdateret", auto_now=True, db_index=True)

    class Meta:
        abstract = True

    def save(self, *args, update_fields=None, **kwargs):
        if update_fields:
            update_fields = {*update_fields, "opdateret"}
        super().save(*args, update_fields=update_fields, **kwargs)
