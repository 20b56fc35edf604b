from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class JobcenterConfig(AppConfig):
    name = "jobcenter"
    verbose_name = "Organisation"

    def ready(self) -> None:
        from . import checks  # noqa: F401 – registers the system checks

    def importtyper(self) -> list:
        from . import imports

        return imports.IMPORTTYPER


class DriftsAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with the operators' own site (jobcenter/drift.py)."""

    default = False
    default_site = "jobcenter.drift.Driftsside"
