from django.apps import AppConfig


class KursuskobConfig(AppConfig):
    """Joint course purchases across jobcentres (domain/kursuskob.md)."""

    name = "kursuskob"
    verbose_name = "Kursuskøb"

    def navigation(self, user) -> list[tuple[str, str]]:
        from jobcenter.access import i_jobcenter, ser_maal

        punkter = [("Kursuskøb", "kursuskob:liste")] if i_jobcenter(user) else []
        # Consultants reach the overview from the purchases' page; leaders and analysts read it.
        if ser_maal(user):
            punkter.append(("Kursusoverblik", "kursuskob:overblik"))
        return punkter

    def borger_panel(self, request, borger) -> str:
        from .views.kob import borger_panel

        return borger_panel(request, borger)
