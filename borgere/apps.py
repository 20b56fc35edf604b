from django.apps import AppConfig


class BorgereConfig(AppConfig):
    name = "borgere"
    verbose_name = "Borgere"

    def navigation(self, user) -> list[tuple[str, str]]:
        from jobcenter.access import i_jobcenter, ser_noegletal

        punkter = [("Borgere", "borgere:liste")] if i_jobcenter(user) else []
        if ser_noegletal(user):
            punkter.append(("Nøgletal", "borgere:noegletal"))
        return punkter

    def forside(self, request) -> str:
        from jobcenter.access import ser_noegletal

        from .views import forside_panel

        return forside_panel(request) if ser_noegletal(request.user) else ""

    def jobordre_panel(self, request, jobordre) -> str:
        from .views import jobordre_panel

        return jobordre_panel(request, jobordre)
