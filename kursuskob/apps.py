from django.apps import AppConfig


class KursuskobConfig(AppConfig):
    """Joint course purchases across jobcentres and the collaboration survey
    (domain/kursuskob.md). Its models arrive with the kursuskøb and survey issues."""

    name = "kursuskob"
    verbose_name = "Kursuskøb"
