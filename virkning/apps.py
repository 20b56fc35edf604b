from django.apps import AppConfig


class VirkningConfig(AppConfig):
    """What works for whom (issue 16): measurement instruments, progression, screening,
    outcomes per effort, time to self-support and controlled trials. It sits above every other
    app and reads their rows; nothing below imports it."""

    name = "virkning"
    verbose_name = "Hvad virker"

    def navigation(self, user) -> list[tuple]:
        from . import access

        punkter = []
        if access.kan_maale(user):
            punkter.append(("Målinger", "virkning:forfaldne", ["virkning:instrumenter"]))
        if access.kan_se_udfald(user):
            punkter.append(
                (
                    "Hvad virker",
                    "virkning:udfald",
                    ["virkning:overlevelse", "virkning:forsoeg_liste"],
                )
            )
        return punkter

    def borger_panel(self, request, borger) -> str:
        from django.utils.html import format_html_join

        from .views import forsoeg, maaling, progression

        # Each part is rendered HTML (a SafeString); a plain "".join would make a str that the
        # citizen page escapes. format_html_join keeps safe parts as they are.
        return format_html_join(
            "",
            "{}",
            (
                (del_(request, borger),)
                for del_ in (maaling.borger_panel, progression.borger_panel, forsoeg.borger_panel)
            ),
        )

    def ledertavler(self, request) -> list:
        from .views import forsoeg, maaling, udfald

        return [
            *maaling.ledertavler(request),
            *udfald.ledertavler(request),
            *forsoeg.ledertavler(request),
        ]

    def demodata(self, *, rng, idag) -> str:
        from .demo import opret_maalinger

        return opret_maalinger(rng, idag)

    def importtyper(self) -> list:
        from . import imports

        return imports.IMPORTTYPER
