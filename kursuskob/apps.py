from django.apps import AppConfig


class KursuskobConfig(AppConfig):
    """Joint course purchases across jobcentres (domain/kursuskob.md)."""

    name = "kursuskob"
    verbose_name = "Kursuskøb"

    def navigation(self, user) -> list[tuple[str, str]]:
        from jobcenter.access import er_i_jobcenter, kan_se_maal

        punkter = [("Kursuskøb", "kursuskob:liste")] if er_i_jobcenter(user) else []
        # Consultants reach the overview and the survey from the purchases' page; leaders and
        # analysts read them.
        if kan_se_maal(user):
            punkter.append(("Kursusoverblik", "kursuskob:overblik"))
            punkter.append(("Undersøgelser", "kursuskob:runder"))
        return punkter

    def ledertavler(self, request) -> list:
        from .views.kob import ledertavler

        return ledertavler(request)

    def borger_panel(self, request, borger) -> str:
        from .views.kob import borger_panel

        return borger_panel(request, borger)

    def importtyper(self) -> list:
        from . import imports

        return imports.IMPORTTYPER
