from django.apps import AppConfig


class VirksomhederConfig(AppConfig):
    name = "virksomheder"
    verbose_name = "Virksomheder"

    def navigation(self, user) -> list[tuple[str, str]]:
        from jobcenter.access import i_jobcenter

        return [("Virksomheder", "virksomheder:liste")] if i_jobcenter(user) else []

    def forside(self, request) -> str:
        from jobcenter.access import i_jobcenter

        from .views import forside_panel

        return forside_panel(request) if i_jobcenter(request.user) else ""
