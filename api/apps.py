from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The REST API under /api/v1/ (issue 17) and the system keys (Systemnøgler) it is called
    with. It reads the apps below it; nothing imports it."""

    name = "api"
    label = "api"
    verbose_name = "API"

    def ready(self) -> None:
        from .sletninger import forbind

        # Every deletion of a row of a synced resource is recorded for the deletion feed.
        forbind()

    def foer_sletning(self, model, pks: list[int]) -> None:
        """Rows deleted in bulk past the signals (`jobcenter.imports.slet`)."""
        from .sletninger import foer_sletning

        foer_sletning(model, pks)

    def navigation(self, user) -> list[tuple[str, str]]:
        from .access import kan_styre_systemnoegler

        return [("Systemnøgler", "systemnoegler:liste")] if kan_styre_systemnoegler(user) else []
