from django.apps import AppConfig


class JobcenterConfig(AppConfig):
    name = "jobcenter"
    verbose_name = "Organisation"

    def ready(self) -> None:
        from . import checks  # noqa: F401 – registers the system checks
