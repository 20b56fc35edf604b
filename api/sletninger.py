"""The deletion feed (GET /api/v1/sletninger/): a system that syncs a resource with
`aendret_efter` never sees a deleted row there, so each deletion of a row of such a resource is
recorded here (resource, id, owner, time; nothing of the row's content) and listed to the keys
that could have read the row.

Which resources are tracked is read from the API's own declaration, the router in
api/ressourcer.py: every resource with `filtrer_aendret` (it offers `aendret_efter`), named by its
path. A post_delete receiver per model records the row in the transaction of the delete, whichever
way it went: `Model.delete`, `QuerySet.delete` (an import replacing changed periods) or a cascade (a
deleted citizen's periods). Django sends post_delete per row and, because a receiver is
connected, never fast-deletes these models' rows behind the signal's back."""

import dataclasses
import datetime
import functools
import logging

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models.signals import post_delete
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import ValidationError

from jobcenter.imports import kopier

from .models import Sletning
from .pagination import Tidssider
from .ressourcer import router
from .viewsets import aendret_efter

logger = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True)
class Sporet:
    """A tracked resource: its path name, whether it is citizens' data (the scope borgerdata)
    and the path from a row to the jobcentre that owns it (None: shared by all)."""

    ressource: str
    borgerdata: bool
    ejer: str | None

    def sletning(self, raekke_id: int, jobcenter_id: int | None) -> Sletning:
        return Sletning(
            ressource=self.ressource,
            raekke_id=raekke_id,
            jobcenter_id=jobcenter_id,
            borgerdata=self.borgerdata,
        )


def ejer_af(model: type[models.Model], *, faelles: bool) -> str | None:
    """The path to a row's owner: its own `jobcenter`, else its citizen's jobcentre; a resource
    with neither must say it is shared, or its deletions would be shown to every jobcentre."""
    if faelles:
        return None
    felter = {f.name for f in model._meta.get_fields()}
    if "jobcenter" in felter:
        return "jobcenter_id"
    if "borger" in felter:
        return "borger__jobcenter_id"
    raise ImproperlyConfigured(
        f"{model.__name__}: en synkroniseret ressource skal have et jobcenter, en borger eller "
        "være fælles (faelles = True på dens viewset)."
    )


@functools.cache
def sporede() -> dict[type[models.Model], Sporet]:
    """The resources with `aendret_efter`, from the router (fixed when the URLs load: read once,
    at start-up, and then by every bulk delete)."""
    resultat = {}
    for prefix, viewset, _ in router.registry:
        if not viewset.filtrer_aendret:
            continue
        try:
            model = viewset.model
        except AttributeError as fejl:
            raise ImproperlyConfigured(f"{viewset.__name__} mangler `model`.") from fejl
        resultat[model] = Sporet(
            ressource=prefix,
            borgerdata=viewset.kraever_borgerdata,
            ejer=ejer_af(model, faelles=viewset.faelles),
        )
    return resultat


def forbind() -> None:
    """Connect a post_delete receiver to every tracked model (AppConfig.ready)."""
    for model, sporet in sporede().items():
        post_delete.connect(
            registrer_sletning(sporet),
            sender=model,
            weak=False,
            dispatch_uid=f"api.sletninger.{sporet.ressource}",
        )


def registrer_sletning(sporet: Sporet):
    def modtager(sender, instance, using, **kwargs) -> None:
        if sporet.ejer is None:
            jobcenter_id = None
        elif sporet.ejer == "jobcenter_id":
            jobcenter_id = instance.jobcenter_id
        elif sender.borger.field.is_cached(instance):
            jobcenter_id = instance.borger.jobcenter_id
        else:
            # The citizen still exists: a cascade deletes the dependent rows first.
            jobcenter_id = (
                sender.borger.field.related_model._base_manager.using(using)
                .filter(pk=instance.borger_id)
                .values_list("jobcenter_id", flat=True)
                .first()
            )
        if jobcenter_id is None and sporet.ejer is not None:
            # Unreachable through the foreign keys; were it reached, a row without its owner
            # must not be listed to every jobcentre.
            logger.warning("Sletning af %s %s uden jobcenter", sporet.ressource, instance.pk)
            return
        sporet.sletning(instance.pk, jobcenter_id).save(using=using)

    return modtager


def foer_sletning(model: type[models.Model], pks: list[int]) -> None:
    """Rows an import is about to delete in bulk, past the signals
    (`jobcenter.imports.slet`): recorded with one query and one COPY for all of them, in the
    same transaction as the delete."""
    sporet = sporede().get(model)
    if sporet is None or not pks:
        return
    if sporet.ejer is None:
        ejere = [(pk, None) for pk in pks]
    else:
        ejere = model._base_manager.filter(pk__in=pks).values_list("pk", sporet.ejer)
    kopier(
        Sletning,
        [
            sporet.sletning(pk, jobcenter_id)
            for pk, jobcenter_id in ejere
            if jobcenter_id is not None or sporet.ejer is None
        ],
        batch_size=2000,
    )


def ryd_sletninger(*, nu: datetime.datetime | None = None) -> int:
    """Delete the records older than API_SLETNINGER_DAGE days; the number deleted."""
    graense = (nu or timezone.now()) - datetime.timedelta(days=settings.API_SLETNINGER_DAGE)
    antal, _ = Sletning.objects.filter(slettet__lt=graense).delete()
    return antal


# The feed.

# The tracked resources' path names, in the router's order.
RESSOURCER = [prefix for prefix, viewset, _ in router.registry if viewset.filtrer_aendret]


class SletningSerializer(serializers.ModelSerializer):
    ressource = serializers.ChoiceField(
        choices=RESSOURCER, help_text="Ressourcen, rækken hørte til (dens sti i API'et)."
    )
    id = serializers.IntegerField(source="raekke_id", help_text="Den slettede rækkes id.")

    class Meta:
        model = Sletning
        fields = ["ressource", "id", "slettet"]


class SiderEfterSletning(Tidssider):
    """In the order of deletion, so a client that reads with `aendret_efter` gets each once.
    Then by what the row shows, the resource and the deleted row's id (unique together: a row
    is deleted once), never by the record's own id: that sequence counts every jobcentre's
    deletions, and a cursor holding it would tell a key how many rows others deleted between
    two of its own."""

    tid = "slettet"
    noegle = ("slettet", "ressource", "raekke_id")


@extend_schema_view(
    list=extend_schema(
        description="Rækker, der er slettet fra de ressourcer, der har `aendret_efter` (også "
        "en importeret periode, der er ændret og derfor skrevet som en ny række med nyt id): "
        "ressourcen, rækkens id og tidspunktet. Kun rækker, nøglen kunne have læst: "
        "jobcentrets egne og de fælles (virksomheder); borgerdata kun med omfanget "
        "borgerdata. Intet af rækkens indhold gemmes eller vises. Sletningerne gemmes "
        f"{settings.API_SLETNINGER_DAGE} dage; synkronisér oftere end det.",
        parameters=[
            OpenApiParameter(
                "aendret_efter",
                OpenApiTypes.DATETIME,
                description="Kun sletninger efter dette tidspunkt (ISO 8601 med tidszone). Brug "
                "det største `slettet`, I har set, til næste synkronisering.",
            ),
            OpenApiParameter(
                "ressource",
                OpenApiTypes.STR,
                enum=RESSOURCER,
                description="Kun sletninger fra denne ressource.",
            ),
        ],
    )
)
class SletningViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Sletninger: rækker, der er forsvundet fra de synkroniserede ressourcer."""

    serializer_class = SletningSerializer
    pagination_class = SiderEfterSletning
    queryset = Sletning.objects.none()

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # A misspelt parameter must not quietly return everything (as Laeseressource).
        ukendte = sorted(
            set(request.query_params) - {"cursor", "antal", "aendret_efter", "ressource"}
        )
        if ukendte:
            raise ValidationError({navn[:50]: ["Ukendt parameter."] for navn in ukendte[:10]})

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Sletning.objects.none()
        qs = Sletning.objects.synlige_for(
            self.request.user, borgerdata=self.request.auth.har("borgerdata")
        )
        tidspunkt = aendret_efter(self.request)
        if tidspunkt is not None:
            qs = qs.filter(slettet__gt=tidspunkt)
        ressource = self.request.query_params.get("ressource")
        if ressource is not None:
            if ressource not in RESSOURCER:
                raise ValidationError({"ressource": [f"Skal være en af: {', '.join(RESSOURCER)}."]})
            qs = qs.filter(ressource=ressource)
        return qs.order_by()
