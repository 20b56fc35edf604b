"""{{ jobcenter|genitiv }} → »Jobcenter Aarhus'«; for a count with its noun use Django's own
`pluralize`: {{ n }} besvarelse{{ n|pluralize:"r" }}."""

from django import template

from jobcenter import sprog

register = template.Library()


@register.filter
def genitiv(navn) -> str:
    return sprog.genitiv(navn)
