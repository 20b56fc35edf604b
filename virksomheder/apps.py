from django.apps import AppConfig


class VirksomhederConfig(AppConfig):
    name = "virksomheder"
    verbose_name = "Virksomheder"

    def navigation(self, user) -> list[tuple[str, str]]:
        from jobcenter.access import er_i_jobcenter

        if not er_i_jobcenter(user):
            return []
        return [
            ("Mine opgaver", "virksomheder:opgaver"),
            ("Virksomheder", "virksomheder:liste"),
            ("Dækning", "virksomheder:daekning"),
            ("Aftaler", "virksomheder:aftaler"),
            ("Jobordrer", "virksomheder:jobordrer"),
        ]

    def ledertavler(self, request) -> list:
        from .views.kontakt import ledertavler

        return ledertavler(request)

    def forside(self, request) -> str:
        from jobcenter.access import er_i_jobcenter

        from .views.virksomhed import forside_panel

        return forside_panel(request) if er_i_jobcenter(request.user) else ""
