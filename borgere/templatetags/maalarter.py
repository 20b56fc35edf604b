"""A goal's figures written by its kind (borgere.services.maalarter), so no template asks
which kind a goal is: {{ vist.vaerdi|maalvaerdi:tavle.art }}, {{ vist|grundlag:tavle.art }}."""

from django import template

register = template.Library()


@register.filter
def maalvaerdi(vaerdi, art) -> str:
    return art.vis(vaerdi)


@register.filter
def maalstigning(stigning, art) -> str:
    return art.vis_stigning(stigning)


@register.filter
def grundlag(snapshot, art) -> str:
    """What the figure rests on: »51 af 57 afsluttede forløb«, »borgere«."""
    return art.grundlag(snapshot)


@register.filter
def med_grundlag(snapshot, art) -> str:
    """The figure with what it rests on: »89,5 % (51 af 57 forløb)«, »3 borgere«."""
    return art.med_grundlag(snapshot)


@register.filter
def placeret_med(snapshot, art) -> str:
    return art.placeret_med(snapshot)
