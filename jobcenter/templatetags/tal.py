"""Numbers as Danish readers expect them: 9.000, 50,0 %, +3,2 procentpoint.

A number and its unit are joined by a no-break space (NBSP), so »75,0 %« never breaks between
them, in a narrow table cell as in an e-mail; the text stays plain, usable in attributes too."""

from django import template
from django.utils.formats import number_format

from jobcenter.afrunding import afrund
from jobcenter.afrunding import procent as i_procent

NBSP = "\u00a0"
register = template.Library()


@register.filter
def procent(value, decimaler: int = 1) -> str:
    if value is None or value == "":
        return "–"
    return f"{number_format(i_procent(value, decimaler), decimaler)}{NBSP}%"


@register.filter
def antal(value) -> str:
    if value is None or value == "":
        return "–"
    return number_format(afrund(value), 0, force_grouping=True)


@register.filter
def fortegn_procent(value, point: bool = False) -> str:
    """A change: relative (+68,0 %) or in percentage points (+3,2 procentpoint)."""
    if value is None:
        return "–"
    tal = i_procent(value)  # its sign after rounding: -0,04 is +0,0, not −0,0
    tekst = number_format(abs(tal), 1)
    return f"{'+' if tal >= 0 else '−'}{tekst}{NBSP}{'procentpoint' if point else '%'}"


@register.filter
def kroner(value) -> str:
    """12345.5 → '12.345,50 kr.'"""
    if value is None or value == "":
        return "–"
    return f"{number_format(afrund(value, 2), 2, force_grouping=True)}{NBSP}kr."
