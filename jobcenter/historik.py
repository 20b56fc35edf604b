"""Change history (django-simple-history) as people read it: who changed which field from
what to what, with choices, dates and related objects shown by their names."""

import datetime
from dataclasses import dataclass

from django.db import models

HANDLING = {"+": "Oprettet", "~": "Ændret", "-": "Slettet"}


@dataclass(frozen=True)
class Aendring:
    tidspunkt: datetime.datetime
    bruger: str
    handling: str
    felter: list[tuple[str, str, str]]  # (field, before, after)


def vis(field: models.Field, value) -> str:
    if value is None or value == "":
        return "–"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.ForeignKey):
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else f"(slettet, id {value})"
    if isinstance(value, datetime.date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, bool):
        return "Ja" if value else "Nej"
    return str(value)


# Shown masked in the change history, like everywhere else a person reads them in a list.
MASKEREDE = {"cpr": lambda cpr: f"{cpr[:6]}-xxxx" if cpr and cpr != "–" else cpr}


def historik(obj: models.Model, antal: int = 30) -> list[Aendring]:
    model = type(obj)
    aendringer = []
    for record in obj.history.select_related("history_user")[:antal]:
        felter = []
        forrige = record.prev_record
        if forrige is not None:
            for change in record.diff_against(forrige).changes:
                field = model._meta.get_field(change.field)
                maske = MASKEREDE.get(change.field, lambda v: v)
                felter.append(
                    (
                        field.verbose_name,
                        maske(vis(field, change.old)),
                        maske(vis(field, change.new)),
                    )
                )
        aendringer.append(
            Aendring(
                tidspunkt=record.history_date,
                bruger=str(record.history_user) if record.history_user else "Systemet",
                handling=HANDLING[record.history_type],
                felter=felter,
            )
        )
    return aendringer
