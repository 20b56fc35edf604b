from django.apps import AppConfig


class BorgereConfig(AppConfig):
    name = "borgere"
    verbose_name = "Borgere"

    def navigation(self, user) -> list[tuple[str, str]]:
        from jobcenter.access import er_i_jobcenter, kan_se_maal, kan_se_noegletal
        from jobcenter.imports import importtyper_for

        punkter = []
        if er_i_jobcenter(user):
            punkter += [
                ("Borgere", "borgere:liste"),
                ("Mine forløb", "borgere:mine_forloeb"),
                ("Pladser", "borgere:pladsoversigt"),
            ]
        if kan_se_maal(user):
            punkter.append(("Kampagnemål", "borgere:kampagner"))
        # The import page (here, as it was first made for citizens) offers every app's types.
        if importtyper_for(user):
            punkter.append(("Import", "borgere:import_start"))
        if kan_se_noegletal(user):
            punkter.append(("Nøgletal", "borgere:noegletal"))
        return punkter

    def forside(self, request) -> str:
        from jobcenter.access import kan_se_noegletal

        from .views.borger import forside_panel

        return forside_panel(request) if kan_se_noegletal(request.user) else ""

    def drift_viste(self, request, objekter) -> None:
        """An operator's admin page listed these rows: log the citizens among them."""
        from .services import registrer_drift

        registrer_drift(bruger=request.user, objekter=objekter)

    def ledertavler(self, request) -> list:
        from .views.borger import ledertavler

        return ledertavler(request)

    def opgave_emner(self, request, opgaver) -> dict[int, str]:
        from .views.forloeb import opgave_emner

        return opgave_emner(request, opgaver)

    def jobordre_panel(self, request, jobordre) -> str:
        from .views.borger import jobordre_panel

        return jobordre_panel(request, jobordre)

    def virksomhed_panel(self, request, virksomhed) -> str:
        from .views.forloeb import virksomhed_panel

        return virksomhed_panel(request, virksomhed)

    def aftale_panel(self, request, aftale) -> str:
        from .views.forloeb import aftale_panel

        return aftale_panel(request, aftale)

    def center_panel(self, request, center) -> str:
        from .views.forloeb import center_panel

        return center_panel(request, center)

    def importtyper(self) -> list:
        from . import imports

        return imports.IMPORTTYPER
