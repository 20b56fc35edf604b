"""Dates as Danish readers expect them (04-10-2026, 04-10-2026 13:05), kept on one line.

A date breaks after its hyphens in a narrow column (»04-⏎10-2026«); only CSS can hold it
together without changing its characters, so these filters wrap it in `span.nowrap`. Plain-text
templates (e-mails) use Django's `date` filter."""

from django import template
from django.template.defaultfilters import date
from django.utils.html import format_html

register = template.Library()


def _paa_en_linje(tekst: str) -> str:
    return format_html('<span class="nowrap">{}</span>', tekst) if tekst else ""


@register.filter(expects_localtime=True)
def dato(value) -> str:
    """A date or the date of a datetime; empty for no value, so `|default:` still works."""
    return _paa_en_linje(date(value, "d-m-Y"))


@register.filter(expects_localtime=True)
def tidspunkt(value) -> str:
    return _paa_en_linje(date(value, "d-m-Y H:i"))
