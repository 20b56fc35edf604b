"""The operators' Django admin site (`DriftsAdminConfig` in apps.py makes it the default)."""

import itertools

from django.contrib import admin
from django.contrib.admin.utils import NestedObjects
from django.db import router

from .access import er_drift
from .paneler import hooks


class SletningVises:
    """A delete page lists every row the deletion reaches (a jobcentre's citizens, say). The
    apps above are told what it showed, through the hook `drift_viste(request, objekter)` on
    their AppConfig, so the citizens' side can write its access log (design.md §5)."""

    def get_deleted_objects(self, objs, request):
        resultat = super().get_deleted_objects(objs, request)
        samler = NestedObjects(using=router.db_for_write(self.model))
        samler.collect(objs)
        objekter = [*itertools.chain.from_iterable(samler.model_objs.values()), *samler.protected]
        for hook in hooks("drift_viste"):
            hook(request, objekter)
        return resultat


class Driftsside(admin.AdminSite):
    """The Django admin is for the platform's operators (superusers). A jobcentre's own
    administrator works in the product's pages, which are scoped to their jobcentre."""

    site_header = "Virksomhedssamarbejde – drift"
    site_title = "Drift"

    def has_permission(self, request) -> bool:
        return er_drift(request.user)

    def register(self, model_or_iterable, admin_class=None, **options):
        grundlag = admin_class or admin.ModelAdmin
        klasse = type(
            grundlag.__name__, (SletningVises, grundlag), {"__module__": grundlag.__module__}
        )
        super().register(model_or_iterable, klasse, **options)
